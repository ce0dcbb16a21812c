package bench

import (
	"os"
	"testing"

	"quotetrail/internal/match"
)

// BenchmarkLookup10k times lookups on a 10,000-article generated corpus
// (allocations matter: in the wasm they turn into GC pauses).
func BenchmarkLookup10k(b *testing.B) {
	if _, err := os.Stat("../../../shared/data/polnear"); err != nil {
		b.Skip("../shared/data is absent")
	}
	srcs, err := Sources("../../../shared")
	if err != nil {
		b.Fatal(err)
	}
	x := Generate(srcs, 10000, 1)
	match.Tokenize(x)
	e := match.New(x)
	qs := Queries(x, 200, 2)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.Lookup(qs[i%len(qs)])
		i++
	}
}
