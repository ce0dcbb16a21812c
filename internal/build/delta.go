package build

import (
	"os"
	"path/filepath"
	"slices"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/syndicate"
)

// Incremental builds that only add articles (none removed or changed
// since the last build) leave the folder index's base where it is and
// write a delta beside it (match/delta.go): the new articles are appended
// to the last build's index with every id kept, tokenized and grouped on
// their own (match.TokenizeAdded, match.GroupFrom), and only the parts of
// what they changed are new. The delta holds everything added since the
// last full build; once that passes 1/DeltaShare of the base's articles
// (or anything is removed or changed), the build is a full one again,
// which merges the delta into a new base (the compaction).

// DeltaShare: a delta is written while the articles added since the last
// full build are at most 1/DeltaShare of the base's. A lookup reads the
// delta's chunks beside the base's, so a bigger delta costs every lookup
// more, and its parts are written again by every increment.
const DeltaShare = 8

// Delta is what an incremental build that only added articles gives the
// folder index: the base's entry (of the last full build) and its parts,
// to leave in place.
type Delta struct {
	// Previous is the last build's index, which the build's extends:
	// index.qti gets the difference appended (index.MarshalAppend), and
	// PreviousSize is the size of index.qti that holds it.
	Previous     *index.Index
	PreviousSize int64
	// Engine is the engine that grouped the added quotations, for
	// match.BuildDeltaOn.
	Engine    *match.Engine
	Base      *index.Entry
	BaseParts []string // names in the folder index
	Added     int      // articles added since the base: the delta's
	// Touched are earlier articles whose syndication the added ones
	// changed (an added one copied first, or joining two reports): what
	// the folder shows of them is written again in the delta. Requoted
	// are earlier quotations whose speaker's corpus name changed
	// (names.go): their utterances are.
	Touched  []int
	Requoted []int
	// Demo names the last build's demo files (DemoUpdate's prev; nil
	// when they are to be made again).
	Demo *DemoRuns
}

// appendTo builds the index of an incremental build that only adds to
// the previous one (see above): the previous index, its ids kept, with the
// articles of x that are new (from[a] < 0) after it. It reports false when
// the build must be a full one.
func appendTo(p *Previous, x *index.Index, from []int, s *Summary) (*index.Index, bool) {
	if p == nil || p.base == nil || p.found.Shingles == nil || s.Reused != len(p.x.Articles) || !p.baseFits() {
		return nil, false
	}
	added := len(x.Articles) - s.Reused
	since := len(p.x.Articles) - p.base.Articles + added
	if since*DeltaShare > p.base.Articles {
		return nil, false
	}
	for a, old := range from {
		// A stem is given by the set of input files: one added may rename
		// an older article's.
		if old >= 0 && x.Articles[a].Stem != p.x.Articles[old].Stem {
			return nil, false
		}
	}
	px := p.x
	// Copies of the last index's slices with room for what is added (x's
	// quotations are those of the articles read: takeQuotes was not
	// called), so that appending copies none of them again.
	grown := func(n int) int { return n + max(n/16, 1024) } // the new words
	xa := &index.Index{Articles: append(make([]index.Article, 0, len(px.Articles)+added), px.Articles...),
		Quotes: append(make([]index.Quote, 0, len(px.Quotes)+len(x.Quotes)), px.Quotes...), TokensOf: px.TokensOf,
		Vocab:       append(make([]string, 0, grown(len(px.Vocab))), px.Vocab...),
		ParaTokens:  append(make([][][]int32, 0, len(px.ParaTokens)+added), px.ParaTokens...),
		QuoteTokens: append(make([][]int32, 0, len(px.QuoteTokens)+len(x.Quotes)), px.QuoteTokens...)}
	pos := make([]int32, len(x.Articles)) // x's article → xa's
	for a, old := range from {
		if old >= 0 {
			pos[a] = int32(old)
			continue
		}
		pos[a] = int32(len(xa.Articles))
		xa.Articles = append(xa.Articles, x.Articles[a])
	}
	for _, o := range p.own { // the corpus names are found again
		xa.Quotes[o.Quote].Speaker = o.Speaker
	}
	for _, q := range x.Quotes {
		if from[q.Article] < 0 {
			q.Article, q.Utterance = int(pos[q.Article]), 0
			xa.Quotes = append(xa.Quotes, q)
		}
	}
	match.TokenizeAdded(xa, len(px.Articles), len(px.Quotes))
	e, ok := match.GroupAdded(xa, len(px.Quotes))
	if !ok {
		return nil, false
	}
	var found syndicate.Found
	// The base's articles are the last build's, as are their texts: the
	// names pass asks again only of the articles added.
	s.State.Own, s.State.NameChecks = namesBeside(xa, p.nameChecks, func() { found = syndicate.Added(xa, p.found) })
	xa.Syndication, s.State.shingles, s.State.Best = found.Syndication, found.Shingles, found.Best
	// The base's articles that this increment or an earlier one touched
	// (their syndication changed), and its quotations (a speaker's corpus
	// name changed): only the utterances of these, not their articles'
	// paragraphs, are written again.
	touched := slices.Clone(p.touched)
	for a := range p.base.Articles {
		if a < len(px.Syndication) && found.Syndication[a] != px.Syndication[a] {
			touched = append(touched, a)
		}
	}
	requoted := slices.Clone(p.requoted)
	for qi, q := range px.Quotes[:p.base.Quotes] {
		if xa.Quotes[qi].Speaker != q.Speaker {
			requoted = append(requoted, qi)
		}
	}
	slices.Sort(touched)
	touched = slices.Compact(touched)
	slices.Sort(requoted)
	requoted = slices.Compact(requoted)
	for _, a := range touched {
		if a < 0 || a >= p.base.Articles {
			return nil, false // a state that does not go with its index
		}
	}
	for _, qi := range requoted {
		if qi < 0 || qi >= p.base.Quotes {
			return nil, false
		}
	}
	s.State.Touched, s.State.Requoted = touched, requoted
	for i := range s.State.Items {
		if a := s.State.Items[i].Article; a >= 0 {
			s.State.Items[i].Article = pos[a]
		}
	}
	s.State.Base, s.State.BaseParts = p.baseBytes, p.baseParts
	s.Delta = &Delta{Previous: px, PreviousSize: p.size, Engine: e, Base: p.base, BaseParts: p.baseParts, Added: since, Touched: touched, Requoted: requoted, Demo: p.demo}
	return xa, true
}

// baseFits reports whether the base's counts are those of the previous
// index's first articles: a state damaged or paired with another index
// would otherwise make a delta of the wrong items, or none at all.
func (p *Previous) baseFits() bool {
	b, x := p.base, p.x
	if b.Articles < 0 || b.Articles > len(x.Articles) || b.Quotes != p.quotes[b.Articles] || b.Vocab > len(x.Vocab) {
		return false
	}
	paras := 0
	for _, a := range x.Articles[:b.Articles] {
		paras += len(a.Paragraphs)
	}
	return b.Paragraphs == paras
}

// loadBase reads the state's base, if the site still holds all its parts.
func (p *Previous) loadBase(out string, s *State) {
	if len(s.Base) == 0 {
		return
	}
	en, err := index.ReadEntry(s.Base)
	if err != nil || en.Delta != nil {
		return
	}
	for _, name := range s.BaseParts {
		if _, err := os.Stat(filepath.Join(out, "index", filepath.FromSlash(name))); err != nil {
			return
		}
	}
	p.base, p.baseBytes, p.baseParts, p.touched, p.requoted = en, s.Base, s.BaseParts, s.Touched, s.Requoted
}
