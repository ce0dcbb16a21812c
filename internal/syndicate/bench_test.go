package syndicate_test

import (
	"strconv"
	"testing"

	"quotetrail/internal/bench"
	"quotetrail/internal/syndicate"
)

// BenchmarkFind measures Find on corpora recombined from real paragraphs
// (internal/bench), as the build runs it once over the whole corpus:
// go test -run '^$' -bench Find -benchtime 1x ./internal/syndicate
func BenchmarkFind(b *testing.B) {
	srcs, err := bench.Sources("../../../shared")
	if err != nil {
		b.Skip("../shared/data is absent")
	}
	for _, n := range []int{1000, 10000} {
		x := bench.Generate(srcs, n, 1)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			copies := 0
			for b.Loop() {
				copies = 0
				for _, s := range syndicate.Find(x) {
					if s.Reuses >= 0 {
						copies++
					}
				}
			}
			b.ReportMetric(float64(copies), "reusing")
		})
	}
}
