package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotetrail/internal/article"
)

// BenchmarkLongParagraph runs the finder on 200 KB paragraphs made of one
// short unit repeated (what a one-line text file or a page without <p>
// gives): it must stay linear. Before frames, cues and look-arounds were
// bounded, "He said "a b." Then …" took 9 s at 60 KB.
func BenchmarkLongParagraph(b *testing.B) {
	for _, unit := range []string{`He said "a b." Then `, `"Fox News" x `, `"Go!" Then `} {
		p := strings.Repeat(unit, 200000/len(unit))
		b.Run(strings.Fields(unit)[0], func(b *testing.B) {
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				Find([]string{p})
			}
		})
	}
}

// BenchmarkFindPolNeAR runs the finder alone (no HTML) over the 84
// articles of PolNeAR dev, one article an iteration, in articles per
// second: the quote-finding share of the build's per-article time.
//
//	go test -run '^$' -bench FindPolNeAR -benchtime 840x -cpu 1 ./internal/quote
func BenchmarkFindPolNeAR(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/data/polnear/dev/text/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/data/polnear is absent")
	}
	arts := make([][]string, len(files))
	for i, p := range files {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		arts[i] = strings.Split(string(d), "\n")
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Find(arts[n%len(arts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkFindRealPages runs the finder alone on the paragraphs the
// extractor gives for the real pages of ../shared/data/realhtml (the
// pages of internal/build's BenchmarkExtractRealPages, extracted once
// before timing): the quote-finding share of that benchmark.
//
//	go test -run '^$' -bench FindRealPages -benchtime 390x -cpu 1 ./internal/quote
func BenchmarkFindRealPages(b *testing.B) {
	pages, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	if len(pages) == 0 {
		b.Skip("../shared/data/realhtml is absent")
	}
	var arts [][]string
	for _, p := range pages {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if a, err := article.Parse(d); err == nil {
			arts = append(arts, a.Paragraphs)
		}
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Find(arts[n%len(arts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
