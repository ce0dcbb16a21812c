package article

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseRealPages measures extraction alone (goquery parse,
// metadata, body) on the readability pages of ../shared/data/realhtml, the
// pages BenchmarkExtractRealPages in internal/build times with quote
// finding:
// go test -run '^$' -bench ParseRealPages -benchtime 390x -cpu 1 ./internal/article/
func BenchmarkParseRealPages(b *testing.B) {
	pages, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	if len(pages) == 0 {
		b.Skip("../shared/data/realhtml is absent")
	}
	data := make([][]byte, len(pages))
	for i, p := range pages {
		data[i], _ = os.ReadFile(p)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Parse(data[n%len(data)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
