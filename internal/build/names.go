package build

import (
	"slices"

	"quotetrail/internal/index"
	"quotetrail/internal/speakers"
)

// One name per speaker across the corpus (internal/speakers): once the
// utterances are grouped, each quotation's Speaker becomes the fullest
// name the corpus knows for that person, and its SpeakerText the name
// its article gives, which the lookup shows as the outlet's own. The
// article's own names are computed from, never the corpus names of an
// earlier build: the state keeps them (State.Own), so that the next
// build starts from them again and an article removed takes its
// evidence with it.

// CorpusNames gives the quotations of x, grouped into utterances
// (match.Group) and holding their articles' own names, their corpus
// names as BuildWith does: for an index built otherwise (the evaluations).
func CorpusNames(x *index.Index) { nameSpeakers(x) }

// ownName is a quotation whose corpus name is not its article's: its
// Speaker and SpeakerText as the article gave them.
type ownName struct {
	Quote                int32 // in the index
	Speaker, SpeakerText string
}

// nameSpeakers gives the quotations of x, which hold their articles' own
// names, the corpus names, and returns the own names of those renamed in
// quotation order (State.Own).
func nameSpeakers(x *index.Index) []ownName {
	own, utt := make([]string, len(x.Quotes)), make([]int, len(x.Quotes))
	for i, q := range x.Quotes {
		own[i], utt[i] = q.Speaker, q.Utterance
		if q.Partial {
			// A fragment ("witch hunt", "spill the beans") shares a few
			// words with another outlet's: no evidence of one speaker.
			utt[i] = -1 - i
		}
	}
	var out []ownName
	text := func(i int) (int, []string) { a := x.Quotes[i].Article; return a, x.Articles[a].Paragraphs }
	for i, n := range speakers.Corpus(own, utt, text) {
		if q := &x.Quotes[i]; n != q.Speaker {
			out = append(out, ownName{int32(i), q.Speaker, q.SpeakerText})
			q.Speaker, q.SpeakerText = n, q.Speaker
		}
	}
	return out
}

// ownQuote returns the previous build's quotation qi with its article's
// own names.
func (p *Previous) ownQuote(qi int) index.Quote {
	q := p.x.Quotes[qi]
	if k, ok := slices.BinarySearchFunc(p.own, int32(qi), func(o ownName, qi int32) int { return int(o.Quote - qi) }); ok {
		q.Speaker, q.SpeakerText = p.own[k].Speaker, p.own[k].SpeakerText
	}
	return q
}

// checkOwn reports whether the state's own names go with its index: in
// quotation order, each of a quotation renamed from it.
func checkOwn(own []ownName, x *index.Index) bool {
	for k, o := range own {
		if o.Quote < 0 || int(o.Quote) >= len(x.Quotes) || k > 0 && o.Quote <= own[k-1].Quote || x.Quotes[o.Quote].SpeakerText != o.Speaker {
			return false
		}
	}
	return true
}
