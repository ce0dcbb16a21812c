package bench

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"quotetrail/internal/index"
	"quotetrail/internal/quote"
)

// Source is one real paragraph with the quotations found in it.
type Source struct {
	outlet string
	text   string
	quotes []quote.Quote // Paragraph is 0
}

// Sources reads the real paragraphs of PolNeAR (train and dev) and BASIL
// under shared/data, each with its quotations.
func Sources(shared string) ([]Source, error) {
	var out []Source
	texts, _ := filepath.Glob(filepath.Join(shared, "data", "polnear", "*", "text", "*.txt"))
	sort.Strings(texts)
	for _, f := range texts {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		outlet := filepath.Base(f)
		outlet = outlet[:strings.IndexByte(outlet+"_", '_')]
		out = appendArticle(out, outlet, strings.Split(string(raw), "\n"))
	}
	arts, _ := filepath.Glob(filepath.Join(shared, "data", "basil", "articles", "*", "*.json"))
	sort.Strings(arts)
	for _, f := range arts {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var b struct {
			Source string     `json:"source"`
			Body   [][]string `json:"body-paragraphs"`
		}
		if json.Unmarshal(raw, &b) != nil {
			continue
		}
		var paras []string
		for _, p := range b.Body {
			paras = append(paras, strings.Join(p, " "))
		}
		out = appendArticle(out, b.Source, paras)
	}
	if len(out) == 0 {
		return nil, os.ErrNotExist
	}
	return out, nil
}

func appendArticle(out []Source, outlet string, paras []string) []Source {
	var kept []string
	for _, p := range paras {
		if p = strings.TrimSpace(p); len(p) > 40 {
			kept = append(kept, p)
		}
	}
	found := quote.Find(kept)
	for i, p := range kept {
		s := Source{outlet: outlet, text: p}
		for _, q := range found {
			if q.Paragraph == i && !q.Unattributed {
				q.Paragraph = 0
				s.quotes = append(s.quotes, q)
			}
		}
		out = append(out, s)
	}
	return out
}

// Generate builds a corpus of n articles, each of 6 to 20 paragraphs drawn
// at random from the sources (seeded, so runs compare). Quotation
// occurrences keep the attribution found in their real article.
func Generate(srcs []Source, n int, seed uint64) *index.Index {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	x := &index.Index{}
	for ai := 0; ai < n; ai++ {
		k := 6 + rng.IntN(15)
		a := index.Article{Stem: "gen-" + strconv.Itoa(ai), URL: "https://bench.invalid/" + strconv.Itoa(ai),
			Published: "2016-01-01"}
		for pi := 0; pi < k; pi++ {
			s := srcs[rng.IntN(len(srcs))]
			if pi == 0 {
				a.Outlet = s.outlet
			}
			for _, q := range s.quotes {
				x.Quotes = append(x.Quotes, index.Quote{Article: ai, Paragraph: pi, Start: q.Start, End: q.End,
					Utterance: len(x.Quotes), Inferred: q.Inferred, Partial: q.Kind == "partial", Text: q.Text,
					Speaker: q.Speaker, SpeakerText: q.SpeakerText, Cue: q.Cue, Channel: q.Channel,
					ChannelText: q.ChannelText, Attribution: q.Attribution})
			}
			a.Paragraphs = append(a.Paragraphs, s.text)
		}
		x.Articles = append(x.Articles, a)
	}
	return x
}

// Queries returns a seeded set of selections on x: runs of five or more
// words cut from its quotations (found as exact), the same with one word
// changed (variants), and words of a quotation shuffled (nothing carries
// them).
func Queries(x *index.Index, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var out []string
	for len(out) < n && len(x.Quotes) > 0 {
		q := x.Quotes[rng.IntN(len(x.Quotes))]
		words := strings.Fields(q.Text)
		if len(words) < 8 {
			continue
		}
		from := rng.IntN(len(words) - 5)
		to := min(len(words), from+5+rng.IntN(12))
		sel := append([]string(nil), words[from:to]...)
		switch len(out) % 4 {
		case 1:
			sel[rng.IntN(len(sel))] = "reportedly"
		case 2:
			rng.Shuffle(len(sel), func(i, j int) { sel[i], sel[j] = sel[j], sel[i] })
		}
		out = append(out, strings.Join(sel, " "))
	}
	return out
}

// WriteLines writes strings as JSON, one a line, for the Node runner.
func WriteLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	b, _ := json.Marshal(lines)
	w.Write(b)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
