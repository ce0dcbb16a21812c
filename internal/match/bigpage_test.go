package match_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"quotetrail/internal/bench"
	"quotetrail/internal/build"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

const shared = "../../../shared"

// sources reads the real paragraphs the big pages are drawn from, or skips.
func sources(tb testing.TB) []bench.Source {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(shared, "data", "polnear")); err != nil {
		tb.Skip("../shared/data is absent")
	}
	srcs, err := bench.Sources(shared)
	if err != nil {
		tb.Fatal(err)
	}
	return srcs
}

// bigPageIndex writes a big page of about size bytes and reads it as the
// build does (goquery, quotation finder, tokens), without grouping.
func bigPageIndex(tb testing.TB, srcs []bench.Source, size int) *index.Index {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "live.html")
	if err := os.WriteFile(path, bench.BigPage(srcs, size, 1), 0o644); err != nil {
		tb.Fatal(err)
	}
	ex, err := build.Extract(path)
	if err != nil {
		tb.Fatal(err)
	}
	x := &index.Index{}
	build.Add(x, "live", ex)
	match.Tokenize(x)
	return x
}

var bigPageSizes = []struct {
	name  string
	bytes int
}{{"0.5MB", 1 << 19}, {"1MB", 1 << 20}, {"2MB", 2 << 20}, {"4MB", 4 << 20}, {"15MB", 15 << 20}}

// BenchmarkGroupBigPage is the build's grouping on one big page (one
// article, all its quotations distinct texts), by page size: the time a
// quotation should stay flat as the page grows.
func BenchmarkGroupBigPage(b *testing.B) {
	srcs := sources(b)
	for _, size := range bigPageSizes {
		b.Run(size.name, func(b *testing.B) {
			x := bigPageIndex(b, srcs, size.bytes)
			b.ResetTimer()
			for b.Loop() {
				match.Group(x)
			}
			b.ReportMetric(float64(len(x.Quotes))*float64(b.N)/b.Elapsed().Seconds(), "quotations/s")
			b.ReportMetric(float64(len(x.Quotes)), "quotations")
		})
	}
}

// BenchmarkBuildBigPage is the whole build of one big page as build.Index
// runs it: goquery, quotation finder, tokens and grouping.
func BenchmarkBuildBigPage(b *testing.B) {
	srcs := sources(b)
	for _, size := range bigPageSizes {
		b.Run(size.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "live.html")
			if err := os.WriteFile(path, bench.BigPage(srcs, size.bytes, 1), 0o644); err != nil {
				b.Fatal(err)
			}
			quotes := 0
			for b.Loop() {
				x, bad := build.Index([]string{path})
				if len(bad) > 0 {
					b.Fatal(bad)
				}
				quotes = len(x.Quotes)
			}
			b.ReportMetric(float64(quotes)*float64(b.N)/b.Elapsed().Seconds(), "quotations/s")
			b.ReportMetric(float64(quotes), "quotations")
		})
	}
}

// BenchmarkGroupCorpus is the build's grouping on generated corpora of
// many articles (real paragraphs recombined, as quotetrail bench does).
func BenchmarkGroupCorpus(b *testing.B) {
	srcs := sources(b)
	for _, n := range []int{1000, 4000, 16000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			x := bench.Generate(srcs, n, 1)
			match.Tokenize(x)
			b.ResetTimer()
			for b.Loop() {
				match.Group(x)
			}
			b.ReportMetric(float64(len(x.Quotes))*float64(b.N)/b.Elapsed().Seconds(), "quotations/s")
			b.ReportMetric(float64(len(x.Quotes)), "quotations")
		})
	}
}

// TestGroupWorkIsLinear: the grouping's work a quotation (postings walked
// by its candidate search, alignments run) stays under a constant however
// large the input, on one big page and on a corpus of many articles, so
// that the build grows linearly with the number of quotations. Each input
// is grouped with the package's bound and with a bound far below it, which
// these inputs are large enough to pass many times over: work that grew
// with the input (the candidate search walking every quotation holding
// "the", or every one holding "said") passes the bound. On one page no two
// quotations are compared at all: they are of one article. The counts do
// not depend on the machine.
func TestGroupWorkIsLinear(t *testing.T) {
	srcs := sources(t)
	check := func(name string, x *index.Index, bound int) (aligned float64) {
		n, p, a := match.GroupWork(x, bound)
		postings := float64(p) / float64(n)
		aligned = float64(a) / float64(n)
		t.Logf("%s, bound %d: %d quotations, %d searched: %.0f postings and %.2f alignments a quotation",
			name, bound, len(x.Quotes), n, postings, aligned)
		if postings > float64(bound) {
			t.Errorf("%s: %.0f postings walked a quotation, over the bound of %d", name, postings, bound)
		}
		// Each quotation is aligned, both ways, with at most its
		// GroupCandidates best texts.
		if aligned > 2*match.GroupCandidates {
			t.Errorf("%s: %.2f alignments a quotation, over %d", name, aligned, 2*match.GroupCandidates)
		}
		return aligned
	}
	const low = 32
	for _, size := range []int{256 << 10, 1 << 20} {
		x := bigPageIndex(t, srcs, size)
		name := strconv.Itoa(size>>10) + " KB page"
		for _, bound := range []int{low, match.GroupPostings} {
			if aligned := check(name, x, bound); aligned != 0 {
				t.Errorf("%s: %.2f alignments a quotation, want none: all its quotations are of one article", name, aligned)
			}
		}
		for i, q := range x.Quotes {
			if q.Utterance != i && x.Quotes[q.Utterance].Text != q.Text {
				t.Fatalf("%q and %q, of one article, are one utterance", q.Text, x.Quotes[q.Utterance].Text)
			}
		}
	}
	for _, n := range []int{500, 2000} {
		x := bench.Generate(srcs, n, 1)
		match.Tokenize(x)
		for _, bound := range []int{low, match.GroupPostings} {
			check(strconv.Itoa(n)+" articles", x, bound)
		}
	}
}
