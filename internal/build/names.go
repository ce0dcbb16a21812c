package build

import (
	"slices"

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
func CorpusNames(x *index.Index) { nameSpeakers(x) }

// ownName is a quotation whose corpus name is not its article's, with
// the Speaker its article gave.
type ownName struct {
	Quote   int32 // in the index
	Speaker string
}

// nameSpeakers gives the quotations of x, which hold their articles' own
// names, the corpus names, and returns the own names of those renamed in
// quotation order (State.Own).
func nameSpeakers(x *index.Index) []ownName {
	own, utt := make([]string, len(x.Quotes)), make([]int, len(x.Quotes))
	for i, q := range x.Quotes {
		own[i], utt[i] = q.Speaker, q.Utterance
	}
	var out []ownName
	text := func(i int) (int, []string) { a := x.Quotes[i].Article; return a, x.Articles[a].Paragraphs }
	for i, n := range speakers.Corpus(own, utt, text) {
		if q := &x.Quotes[i]; n != q.Speaker {
			out = append(out, ownName{int32(i), q.Speaker})
			q.Speaker = n
		}
	}
	return out
}

// namesBeside returns nameSpeakers(x), found on a goroutine of its own
// while f runs (syndicate's pass): the two read the articles, and each
// writes nothing the other reads (syndicate never reads the quotations,
// nor the names pass the syndication).
func namesBeside(x *index.Index, f func()) []ownName {
	done := make(chan []ownName, 1)
	go func() { done <- nameSpeakers(x) }()
	f()
	return <-done
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
