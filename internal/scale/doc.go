// Package scale measures quotetrail beside Pagefind, the static-search peer,
// on the same generated news pages, in one run, in Chromium: what the first
// lookup fetches, how long it takes cold (on the local server and on a
// throttled mobile profile), the memory 50 lookups add to the tab, warm
// latency, the chain of sequential fetches, and each tool's build time and
// peak memory.
//
// pages.go writes N articles recombined from real PolNeAR and BASIL
// paragraphs (internal/bench) as HTML pages that both tools index, and cuts
// the seeded list of selections both tools look up. run.go builds both
// sites, serves each on 127.0.0.1 through a recorder, and drives a fresh
// Chromium for every measurement (browser.go); table.go prints the
// side-by-side table.
//
// The harness is a command (quotetrail bench-scale), not a test: builds at
// 10k articles take minutes. Only the page writing and the lookup list are
// unit-tested.
//
// The index quotetrail loads is named by Config.Index (the loader's
// data-index), and a request counts as engine code only when its file is one
// of the engine's own (QuotetrailEngine); every other file fetched counts as
// index data. A chunked index is measured by pointing Index at it.
package scale
