// Package bench measures the engine at corpus sizes the seed corpus cannot
// reach. generate.go builds corpora of any size by recombining real
// paragraphs of ../shared/data (PolNeAR and BASIL articles) into new
// articles; bench.go times lookups on them, natively and in the wasm engine
// under Node, beside a baseline measured in the same run: a plain
// normalized substring scan over all quotations.
package bench
