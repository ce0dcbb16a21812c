package build

import (
	"os"
	"path/filepath"
	"testing"

	"quotetrail/internal/article"
	"quotetrail/internal/quote"
)

// BenchmarkExtractRealPages measures extraction plus quote finding on the
// real pages of ../shared/data/realhtml, in articles per second (the
// budget is 300 per core).
func BenchmarkExtractRealPages(b *testing.B) {
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
		d := data[n%len(data)]
		if a, err := article.Parse(d); err == nil {
			quote.Find(a.Paragraphs)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkBuildWorkers measures BuildWith (reading, quote finding,
// grouping) on PolNeAR train, one worker against one per CPU:
// go test -run '^$' -bench BuildWorkers -benchtime 3x ./internal/build
func BenchmarkBuildWorkers(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/data/polnear/train/text/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/data/polnear is absent")
	}
	for _, w := range []int{1, 0} {
		name := "workers=1"
		if w == 0 {
			name = "workers=GOMAXPROCS"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				BuildWith(files, Options{Workers: w})
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkIngest measures ingestion on one core, reading included: the
// real pages of ../shared/data/realhtml as files, as one WARC (gzipped a
// record a member, with a request record before each response, as
// crawlers write) and as JSON Lines, each item read and parsed and its
// quotations found in turn (the budget is 300 articles/s a core):
// go test -run '^$' -bench Ingest -benchtime 3x ./internal/build
func BenchmarkIngest(b *testing.B) {
	pages, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	if len(pages) == 0 {
		b.Skip("../shared/data/realhtml is absent")
	}
	dir := b.TempDir()
	inputs := map[string][]string{
		"files":    pages,
		"warc.gz":  {writeWARC(b, dir, "pages.warc.gz", true, pageRecords(b, pages))},
		"jsonl.gz": {filepath.Join(dir, "pages.jsonl.gz")},
	}
	data, _ := os.ReadFile(writeJSONL(b, filepath.Join(dir, "pages.jsonl"), pages))
	writeFile(b, inputs["jsonl.gz"][0], gz(data))
	for _, kind := range []string{"files", "warc.gz", "jsonl.gz"} {
		b.Run(kind, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for it := range Items(inputs[kind]) {
					if it.Skip == "" {
						ExtractItem(it)
						n++
					}
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
