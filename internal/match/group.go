package match

import (
	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// groupCandidates bounds the distinct texts compared with each quotation
// when grouping. 100, as a lookup aligns: 300 and 1000 made a
// 100k-article build three and four times slower (quotetrail bench) for
// no change on BASIL or the lookup sets.
const groupCandidates = 100

// GroupThreshold is the share of each quotation's weight that the other
// must cover, both ways, for two quotations in different articles to be
// one utterance. It is the lookup's Accept applied symmetrically, so that
// a quotation and its rewording group while two quotations that merely
// share common words ("the two sides") do not.
const GroupThreshold = Accept

// Tokenize sets x's Vocab, ParaTokens and QuoteTokens: the normalized
// words of every paragraph and quotation as ids, for the index to carry so
// that the engine loads without tokenizing.
func Tokenize(x *index.Index) {
	ids := map[string]int32{}
	x.TokensOf, x.Vocab = textnorm.Version, x.Vocab[:0]
	toIDs := func(s string) []int32 {
		words := textnorm.Words(s)
		out := make([]int32, len(words))
		for i, w := range words {
			id, ok := ids[w]
			if !ok {
				id = int32(len(x.Vocab))
				ids[w] = id
				x.Vocab = append(x.Vocab, w)
			}
			out[i] = id
		}
		return out
	}
	x.ParaTokens = make([][][]int32, len(x.Articles))
	for ai, a := range x.Articles {
		x.ParaTokens[ai] = make([][]int32, len(a.Paragraphs))
		for pi, p := range a.Paragraphs {
			x.ParaTokens[ai][pi] = toIDs(p)
		}
	}
	x.QuoteTokens = make([][]int32, len(x.Quotes))
	for qi, q := range x.Quotes {
		x.QuoteTokens[qi] = toIDs(q.Text)
	}
}

// Group sets the Utterance of every quotation in x: quotations of
// different articles that say the same thing share one, numbered by the
// first quotation of the group.
func Group(x *index.Index) {
	for i := range x.Quotes {
		x.Quotes[i].Utterance = i
	}
	e := New(x)
	parent := make([]int, len(x.Quotes))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		if a, b := find(i), find(j); a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	// Word-for-word copies are one utterance; the comparisons below run
	// once per distinct text, from its first attributed copy (rep), which
	// keeps syndicated corpora from multiplying the work. Titles and scare
	// quotes ("Face the Nation") recur across unrelated stories: they are
	// no utterance to group.
	rep := map[int32]int{}
	for i := range x.Quotes {
		if x.Quotes[i].Unattributed {
			continue
		}
		f := e.firstCopy[i]
		if r, ok := rep[f]; ok {
			union(r, i)
		} else {
			rep[f] = i
		}
	}
	var dp []float64
	for i, qi := range x.Quotes {
		if r, ok := rep[e.firstCopy[i]]; !ok || r != i {
			continue
		}
		q := query{ids: e.quotes[i], count: map[int32]int32{}}
		q.w = make([]float64, len(q.ids))
		for k, id := range q.ids {
			q.w[k] = e.weight[id]
			q.total += q.w[k]
			q.count[id]++
		}
		if q.total == 0 {
			continue
		}
		for _, c := range e.candidates(q, groupCandidates) {
			j, ok := rep[e.firstCopy[c]]
			if !ok || j == i || x.Quotes[j].Article == qi.Article || find(i) == find(j) {
				continue
			}
			if q.mayMatch(e.quotes[j], e.weight) && e.same(q, j, &dp) {
				union(i, j)
			}
		}
	}
	for i := range x.Quotes {
		x.Quotes[i].Utterance = find(i)
	}
}

// same reports whether quotation j says what q says: word for word when
// either is shorter than MinWords, else each covering GroupThreshold of
// the other.
func (e *Engine) same(q query, j int, dp *[]float64) bool {
	cand := e.quotes[j]
	if len(q.ids) < MinWords || len(cand) < MinWords {
		if len(q.ids) != len(cand) || len(cand) < 2 {
			return false
		}
		for k := range cand {
			if cand[k] != q.ids[k] {
				return false
			}
		}
		return true
	}
	a, d := align(q.ids, cand, q.w, *dp)
	*dp = d
	if a.covered < GroupThreshold*q.total {
		return false
	}
	cw := make([]float64, len(cand))
	total := 0.0
	for k, id := range cand {
		cw[k] = e.weight[id]
		total += cw[k]
	}
	b, d := align(cand, q.ids, cw, *dp)
	*dp = d
	return b.covered >= GroupThreshold*total
}
