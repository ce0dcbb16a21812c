package match_test

import (
	"strings"
	"testing"

	"quotetrail/internal/textnorm"
)

var benchSelections = []string{
	"The U.S. must handle the issue of arms sales to Taiwan with prudence",
	"Just as the U.S. has its concerns, China for its part also has concerns",
	"rock solid",
	"We will make a decision on the arms package next week",
	"recalibrated the course of the giant ship",
}

// BenchmarkLookup is the engine's lookup on the seed corpus.
func BenchmarkLookup(b *testing.B) {
	e, _ := seedEngine(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.Lookup(benchSelections[i%len(benchSelections)])
		i++
	}
}

// BenchmarkBaselineSubstring is the baseline of the bench table: a plain
// normalized substring scan over all quotations, in the same run.
func BenchmarkBaselineSubstring(b *testing.B) {
	_, x := seedEngine(b)
	norm := make([]string, len(x.Quotes))
	for i, q := range x.Quotes {
		norm[i] = textnorm.Normalize(q.Text)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sel := textnorm.Normalize(benchSelections[i%len(benchSelections)])
		for _, q := range norm {
			_ = strings.Contains(q, sel)
		}
		i++
	}
}
