package match

import (
	"math"
	"sort"
	"strings"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// Match kinds, as in the JSON contract.
const (
	Exact   = "exact"
	Variant = "variant"
	Partial = "partial"
	Text    = "text"
)

// Tunables of the cut-off. They are set for the measure, not for any one
// selection: Accept is the share of the selection's weight a quotation
// must cover; FragmentCover the share of a quotation's own weight that a
// longer selection must cover for the quotation to count as a fragment of
// it; MinWords the aligned words either needs.
const (
	Accept        = 0.6
	FragmentCover = 0.8
	MinWords      = 3
	// MinVariantWords is the shortest selection that may match other
	// words than its own: a few common words ("That's what we need") are
	// found, scattered, in any long quotation. Shorter selections match
	// where their words stand together. Aligned words must also lie close
	// together in the quotation (within twice the selection's length).
	MinVariantWords = 6
	// SiblingFloor is the share of the selection that another occurrence
	// of a matched utterance must still cover to be listed: half the
	// cut-off, since the grouping already vouches that it is the same
	// utterance.
	SiblingFloor = Accept / 2
	// MaxSelection bounds the selection, in bytes; longer ones are cut
	// (Result.Truncated) so that a huge paste never stalls the page.
	MaxSelection = 2000
)

// Engine matches selections against one index. It is safe for concurrent
// lookups once built.
type Engine struct {
	x      *index.Index
	vocab  map[string]int32
	weight []float64 // per token id
	quotes [][]int32 // token ids per quotation
	paras  [][][]int32
	post   map[int32][]int32 // token id → quotations holding it
	byUtt  map[int][]int     // utterance → its quotations
	maxW   float64
}

// New prepares an index for lookups.
func New(x *index.Index) *Engine {
	e := &Engine{x: x, vocab: map[string]int32{}, post: map[int32][]int32{}, byUtt: map[int][]int{}}
	var df []int
	ndocs := 0
	e.paras = make([][][]int32, len(x.Articles))
	for ai, a := range x.Articles {
		e.paras[ai] = make([][]int32, len(a.Paragraphs))
		for pi, p := range a.Paragraphs {
			ids := e.intern(textnorm.Words(p), &df)
			e.paras[ai][pi] = ids
			ndocs++
			seen := map[int32]bool{}
			for _, id := range ids {
				if !seen[id] {
					seen[id] = true
					df[id]++
				}
			}
		}
	}
	e.quotes = make([][]int32, len(x.Quotes))
	for qi, q := range x.Quotes {
		ids := e.intern(textnorm.Words(q.Text), &df)
		e.quotes[qi] = ids
		seen := map[int32]bool{}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				e.post[id] = append(e.post[id], int32(qi))
			}
		}
		e.byUtt[q.Utterance] = append(e.byUtt[q.Utterance], qi)
	}
	e.weight = make([]float64, len(df))
	n := float64(ndocs + 1)
	for id, d := range df {
		e.weight[id] = math.Log(n / (float64(d) + 0.5))
	}
	e.maxW = math.Log(n / 0.5)
	return e
}

func (e *Engine) intern(words []string, df *[]int) []int32 {
	ids := make([]int32, len(words))
	for i, w := range words {
		id, ok := e.vocab[w]
		if !ok {
			id = int32(len(e.vocab))
			e.vocab[w] = id
			*df = append(*df, 0)
		}
		ids[i] = id
	}
	return ids
}

// Match is one article that carried the selection.
type Match struct {
	Article int     // index into the index's articles
	Quote   int     // index into the index's quotations; -1 for Text
	Kind    string  // Exact, Variant, Partial or Text
	Score   float64 // share of the selection covered, 0..1
}

// Result answers one lookup.
type Result struct {
	Query     string // the selection as used (after cutting)
	Matches   []Match
	Truncated bool // the selection was longer than MaxSelection and was cut
}

// query is a selection prepared for alignment.
type query struct {
	ids    []int32
	w      []float64
	total  float64
	unique int // distinct known tokens
}

func (e *Engine) prepare(sel string) query {
	words := textnorm.Words(quotedPart(sel))
	q := query{ids: make([]int32, len(words)), w: make([]float64, len(words))}
	for i, wd := range words {
		if id, ok := e.vocab[wd]; ok {
			q.ids[i], q.w[i] = id, e.weight[id]
		} else {
			q.ids[i], q.w[i] = -1-int32(i), e.maxW // matches nothing
		}
		q.total += q.w[i]
	}
	return q
}

// quotedPart returns the words inside quotation marks when the selection
// holds both quoted words and words outside them ("“…,” he said."): the
// reader selected a quotation with its attribution, and only the quoted
// words were carried by other outlets. Unbalanced marks are ignored.
func quotedPart(sel string) string {
	f := textnorm.Fold(sel)
	if strings.Count(f, `"`) < 2 || strings.Count(f, `"`)%2 != 0 {
		return sel
	}
	var b strings.Builder
	for i, part := range strings.Split(f, `"`) {
		if i%2 == 1 {
			b.WriteString(part)
			b.WriteByte(' ')
		}
	}
	if len(textnorm.Words(b.String())) == 0 {
		return sel
	}
	return b.String()
}

// Lookup answers a selection.
func (e *Engine) Lookup(sel string) Result {
	res := Result{Query: sel}
	if len(sel) > MaxSelection {
		cut := MaxSelection
		for cut > 0 && sel[cut]&0xC0 == 0x80 {
			cut-- // do not split a UTF-8 sequence
		}
		res.Query, res.Truncated = sel[:cut], true
	}
	q := e.prepare(res.Query)
	if len(q.ids) == 0 {
		return res
	}
	best := map[int]Match{} // article → its best match
	consider := func(m Match) {
		if old, ok := best[m.Article]; !ok || better(m, old) {
			best[m.Article] = m
		}
	}
	var dp []float64
	for _, qi := range e.candidates(q) {
		var m Match
		var ok bool
		m, ok, dp = e.score(q, int(qi), dp)
		if ok {
			consider(m)
		}
	}
	// Every occurrence of a matched utterance is a carrier, in its own
	// words, provided it carries enough of the selection: a paraphrase of
	// the utterance may quote another part of it. Direct matches are
	// walked in article order so that the result never depends on map
	// order.
	direct := make([]Match, 0, len(best))
	for _, m := range best {
		direct = append(direct, m)
	}
	sort.Slice(direct, func(i, j int) bool { return direct[i].Article < direct[j].Article })
	viaUtterance := map[int]bool{}
	for _, m := range direct {
		if m.Quote < 0 || m.Kind == Partial {
			continue
		}
		for _, other := range e.byUtt[e.x.Quotes[m.Quote].Utterance] {
			a := e.x.Quotes[other].Article
			if old, ok := best[a]; ok && !viaUtterance[a] {
				continue // the article matched on its own
			} else if ok && old.Quote == other {
				continue
			}
			al, d := align(q.ids, e.quotes[other], q.w, dp)
			dp = d
			s := round(al.covered / q.total)
			if s < SiblingFloor {
				continue
			}
			if old, ok := best[a]; !ok || s > old.Score {
				best[a] = Match{Article: a, Quote: other, Kind: Variant, Score: s}
				viaUtterance[a] = true
			}
		}
	}
	if len(q.ids) >= MinWords {
		for ai := range e.x.Articles {
			if _, ok := best[ai]; ok {
				continue
			}
			if e.inText(q, ai) {
				best[ai] = Match{Article: ai, Quote: -1, Kind: Text, Score: 1}
			}
		}
	}
	for _, m := range best {
		res.Matches = append(res.Matches, m)
	}
	sort.Slice(res.Matches, func(i, j int) bool {
		a, b := res.Matches[i], res.Matches[j]
		if (a.Kind == Text) != (b.Kind == Text) {
			return b.Kind == Text // quoted carriers before plain-text ones
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if ra, rb := kindRank[a.Kind], kindRank[b.Kind]; ra != rb {
			return ra < rb
		}
		return a.Article < b.Article
	})
	return res
}

var kindRank = map[string]int{Exact: 0, Variant: 1, Partial: 2, Text: 3}

func better(a, b Match) bool {
	if kindRank[a.Kind] != kindRank[b.Kind] && (a.Kind == Text || b.Kind == Text) {
		return a.Kind != Text
	}
	return a.Score > b.Score
}

// candidates returns the quotations that share one of the selection's
// rarest tokens. A quotation that shares none of them cannot cover the
// share of the weight the cut-off asks for.
func (e *Engine) candidates(q query) []int32 {
	type tw struct {
		id int32
		w  float64
	}
	var toks []tw
	for i, id := range q.ids {
		if id >= 0 {
			toks = append(toks, tw{id, q.w[i]})
		}
	}
	sort.Slice(toks, func(i, j int) bool { return toks[i].w > toks[j].w })
	// Taking tokens rarest first until the rest weigh less than the
	// cut-off leaves out only quotations that could not reach it.
	rest := 0.0
	for _, t := range toks {
		rest += t.w
	}
	seen := map[int32]bool{}
	var out []int32
	for _, t := range toks {
		if len(q.ids) >= MinWords && rest < Accept*q.total {
			break
		}
		rest -= t.w
		for _, qi := range e.post[t.id] {
			if !seen[qi] {
				seen[qi] = true
				out = append(out, qi)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// score aligns the selection with one quotation and decides whether it is
// a carrier, and of which kind.
func (e *Engine) score(q query, qi int, dp []float64) (Match, bool, []float64) {
	cand := e.quotes[qi]
	m := Match{Article: e.x.Quotes[qi].Article, Quote: qi}
	if len(q.ids) < MinWords {
		// One or two words match only a quotation of just those words.
		if len(cand) != len(q.ids) {
			return m, false, dp
		}
		for i := range cand {
			if cand[i] != q.ids[i] {
				return m, false, dp
			}
		}
		m.Kind, m.Score = Exact, 1
		return m, true, dp
	}
	a, dp := align(q.ids, cand, q.w, dp)
	s := a.covered / q.total
	switch {
	case a.contiguous:
		m.Kind, m.Score = Exact, 1
		return m, true, dp
	case s >= Accept && a.matched >= MinWords && a.matched == len(cand) && len(cand) < len(q.ids):
		// The quotation, every word of it, inside a longer selection.
		m.Kind, m.Score = Partial, round(s)
		return m, true, dp
	case s >= Accept && a.matched >= MinWords && len(q.ids) >= MinVariantWords && a.spread <= 2*len(q.ids)+4:
		m.Kind, m.Score = Variant, round(s)
		// Words of the selection before or after everything aligned are
		// not the quotation's: the two overlap in part.
		flanks := 0.0
		for i := range q.ids {
			if i < a.selFirst || i > a.selLast {
				flanks += q.w[i]
			}
		}
		if flanks > (1-Accept)*q.total/2 {
			m.Kind = Partial
		}
		if a.matched == len(cand) {
			m.Kind = Partial // the quotation is a fragment of the selection
		}
		return m, true, dp
	}
	// A quotation wholly inside a longer selection: a fragment of it.
	candW, candCovered := 0.0, 0.0
	for j, id := range cand {
		wt := e.weight[id]
		candW += wt
		if a.candMatched[j] {
			candCovered += wt
		}
	}
	if len(cand) >= MinWords && a.matched >= MinWords && candCovered >= FragmentCover*candW {
		m.Kind, m.Score = Partial, round(s)
		return m, true, dp
	}
	return m, false, dp
}

// inText reports whether the selection's words appear in order, word for
// word, in one of the article's paragraphs.
func (e *Engine) inText(q query, ai int) bool {
	for _, p := range e.paras[ai] {
		if containsRun(p, q.ids) {
			return true
		}
	}
	return false
}

func containsRun(hay, needle []int32) bool {
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return true
	}
	return false
}

func round(f float64) float64 { return math.Round(f*100) / 100 }
