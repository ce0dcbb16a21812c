package speakers_test

import (
	"os"
	"strconv"
	"testing"

	"quotetrail/internal/bench"
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
	for b.Loop() {
		speakers.Corpus(own, utt, text)
	}
	b.ReportMetric(float64(len(own)), "quotations")
}

// BenchmarkCorpusGenerated: the pass over the benchmark's generated
// corpora (internal/bench: real paragraphs of PolNeAR and BASIL with
// their quotations and speakers, drawn at random), to see how it grows.
func BenchmarkCorpusGenerated(b *testing.B) {
	srcs, err := bench.Sources("../../../shared")
	if os.IsNotExist(err) {
		b.Skip("../shared/data is absent")
	} else if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10000, 100000} {
		x := bench.Generate(srcs, n, 1)
		own, utt := make([]string, len(x.Quotes)), make([]int, len(x.Quotes))
		for i, q := range x.Quotes {
			own[i], utt[i] = q.Speaker, q.Utterance
		}
		text := func(i int) (int, []string) { a := x.Quotes[i].Article; return a, x.Articles[a].Paragraphs }
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				speakers.Corpus(own, utt, text)
			}
			b.ReportMetric(float64(len(own)), "quotations")
		})
	}
}
