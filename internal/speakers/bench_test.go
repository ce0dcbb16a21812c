package speakers_test

import (
	"os"
	"testing"

	"quotetrail/internal/eval"
	"quotetrail/internal/speakers"
)

// BenchmarkCorpusBasil: one name per speaker over BASIL's 300 articles
// as the build runs it (utterances grouped, articles' texts given).
func BenchmarkCorpusBasil(b *testing.B) {
	x, _, err := eval.BasilLookups("../../../shared/data/basil")
	if os.IsNotExist(err) {
		b.Skip("../shared/data/basil is absent")
	} else if err != nil {
		b.Fatal(err)
	}
	own, utt := make([]string, len(x.Quotes)), make([]int, len(x.Quotes))
	for i, q := range x.Quotes {
		own[i], utt[i] = q.Speaker, q.Utterance
	}
	text := func(i int) (int, []string) { a := x.Quotes[i].Article; return a, x.Articles[a].Paragraphs }
	b.ReportMetric(float64(len(own)), "quotations")
	for b.Loop() {
		speakers.Corpus(own, utt, text)
	}
}
