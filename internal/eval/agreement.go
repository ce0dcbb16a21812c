package eval

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"quotetrail/internal/quote"
)

// Agreement is how PolNeAR's annotators agree with one another on the
// quotations, scored as the finder is (PairQuotes), over the articles of a
// split that several annotators marked: what F1 an annotator would reach
// against another's gold, beside the finder's against each of theirs.
type Agreement struct {
	Articles, Files int
	Humans          PRF // each annotator's stretches against each other's, all ordered pairs
	Finder          PRF // the finder's attributed quotations against each annotator's
}

// PolNeARAgreement measures Agreement on the split folder dir.
func PolNeARAgreement(dir string) (Agreement, error) {
	var ag Agreement
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return ag, err
	}
	if len(texts) == 0 {
		return ag, os.ErrNotExist
	}
	sort.Strings(texts)
	for _, tf := range texts {
		stem := strings.TrimSuffix(filepath.Base(tf), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, "attributions", stem+"_*.ann"))
		if len(anns) < 2 {
			continue
		}
		sort.Strings(anns)
		raw, err := os.ReadFile(tf)
		if err != nil {
			return ag, err
		}
		doc := string(raw)
		golds := make([][]GoldStretch, len(anns))
		for i, a := range anns {
			if golds[i], err = readGold(a, doc); err != nil {
				return ag, err
			}
		}
		paras, _ := paragraphs(doc)
		found := findQuotes(paras)
		ag.Articles++
		ag.Files += len(anns)
		for j := range golds {
			for i := range golds {
				if i != j {
					ag.Humans.add(asQuotes(golds[i]), golds[j])
				}
			}
			ag.Finder.add(found, golds[j])
		}
	}
	return ag, nil
}

func asQuotes(g []GoldStretch) []quote.Quote {
	out := make([]quote.Quote, len(g))
	for i := range g {
		out[i].Text = g[i].Text
	}
	return out
}

// add scores predictions against one gold set.
func (s *PRF) add(preds []quote.Quote, gold []GoldStretch) {
	s.Predicted += len(preds)
	s.Gold += len(gold)
	for _, g := range PairQuotes(preds, gold) {
		if g >= 0 {
			s.TruePos++
		}
	}
}
