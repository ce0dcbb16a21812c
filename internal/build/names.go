package build

import (
	"cmp"
	"slices"
	"strings"

	"quotetrail/internal/index"
	"quotetrail/internal/speakers"
)

// One name per speaker across the corpus (internal/speakers): once the
// utterances are grouped, each quotation's Speaker becomes the fullest
// name the corpus knows for that person (SpeakerText keeps the article's
// mention, and the lookup shows the outlet's own name from its
// attribution). The corpus names are computed from the articles' own
// names, never from the corpus names of an earlier build: the state
// keeps the own names of the quotations renamed (State.Own), so that
// the next build starts from them again and an article removed takes
// its evidence with it.

// CorpusNames gives the quotations of x, grouped into utterances
// (match.Group) and holding their articles' own names, their corpus
// names as BuildWith does: for an index built otherwise (the evaluations).
func CorpusNames(x *index.Index) { nameSpeakers(x, nil) }

// ownName is a quotation whose corpus name is not its article's, with
// the Speaker its article gave.
type ownName struct {
	Quote   int32 // in the index
	Speaker string
}

// nameChecked is one answer of speakers.CorpusChecked, for the state.
type nameChecked struct {
	Article      int32
	Name, Fuller string
	Other        bool
}

// nameSpeakers gives the quotations of x, which hold their articles' own
// names, the corpus names, and returns the own names of those renamed in
// quotation order (State.Own). known are the answers of the checks of
// articles x holds as the last build held them (nil for none), and
// checks those of this build's, for the next.
func nameSpeakers(x *index.Index, known []nameChecked) (renamed []ownName, checks []nameChecked) {
	own, utt := make([]string, len(x.Quotes)), make([]int, len(x.Quotes))
	for i, q := range x.Quotes {
		own[i], utt[i] = q.Speaker, q.Utterance
	}
	text := func(i int) (int, []string) { a := x.Quotes[i].Article; return a, x.Articles[a].Paragraphs }
	var knownChecks map[speakers.Check]bool
	if len(known) > 0 {
		knownChecks = make(map[speakers.Check]bool, len(known))
		for _, c := range known {
			knownChecks[speakers.Check{Article: int(c.Article), Name: c.Name, Fuller: c.Fuller}] = c.Other
		}
	}
	names, asked := speakers.CorpusChecked(own, utt, text, knownChecks)
	checks = make([]nameChecked, 0, len(asked))
	for c, other := range asked {
		checks = append(checks, nameChecked{int32(c.Article), c.Name, c.Fuller, other})
	}
	slices.SortFunc(checks, func(a, b nameChecked) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), strings.Compare(a.Name, b.Name), strings.Compare(a.Fuller, b.Fuller))
	})
	for i, n := range names {
		if q := &x.Quotes[i]; n != q.Speaker {
			renamed = append(renamed, ownName{int32(i), q.Speaker})
			q.Speaker = n
		}
	}
	return renamed, checks
}

// namesBeside returns nameSpeakers(x, known), found on a goroutine of
// its own while f runs (syndicate's pass): the two read the articles,
// and each writes nothing the other reads (syndicate never reads the
// quotations, nor the names pass the syndication).
func namesBeside(x *index.Index, known []nameChecked, f func()) ([]ownName, []nameChecked) {
	type result struct {
		renamed []ownName
		checks  []nameChecked
	}
	done := make(chan result, 1)
	go func() { r, c := nameSpeakers(x, known); done <- result{r, c} }()
	f()
	r := <-done
	return r.renamed, r.checks
}

// ownQuote returns the previous build's quotation qi with its article's
// own names.
func (p *Previous) ownQuote(qi int) index.Quote {
	q := p.x.Quotes[qi]
	if k, ok := slices.BinarySearchFunc(p.own, int32(qi), func(o ownName, qi int32) int { return int(o.Quote - qi) }); ok {
		q.Speaker = p.own[k].Speaker
	}
	return q
}

// checkOwn reports whether the state's own names go with its index: in
// quotation order, each of a quotation it holds, renamed.
func checkOwn(own []ownName, x *index.Index) bool {
	for k, o := range own {
		if o.Quote < 0 || int(o.Quote) >= len(x.Quotes) || k > 0 && o.Quote <= own[k-1].Quote || x.Quotes[o.Quote].Speaker == o.Speaker {
			return false
		}
	}
	return true
}
