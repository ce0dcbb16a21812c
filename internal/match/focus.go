package match

import (
	"slices"
	"strings"

	"quotetrail/internal/textnorm"
)

// Readers select sentences, not quotations: the quotation with its
// attribution after it ("…with caution,” he warned, according to the
// official Xinhua news agency.") or before it, with the next sentence, or
// with words cut at both edges by a careless drag ("ted States must … with
// pru"). Quotation marks, when the selection holds them in pairs, already
// set the quotation apart (QuotedPart); otherwise the words that are not
// the quotation's weigh down the share a carrier covers, and the carriers
// that the quotation alone finds fall under the cut-off.
//
// So, when no quotation holds a selection word for word, the lookup looks
// among its candidates for the quotation inside it: one whose aligned words
// cover most of its own weight (the quotation inside the selection, the
// rest being its frame), or one that holds the whole selection but for a
// word cut at either edge. The selection's words from the quotation's first
// to its last are then looked up alone, and their answer is the lookup's
// when it is better than the whole selection's (Result.Focus says so).

// span is a run of a selection's words, [from, to); zero when none.
type span struct{ from, to int }

func (s span) ok() bool { return s.to > s.from }

// focus returns the span of the selection's words that is a quotation of
// the corpus, among the candidates firsts (first copies, in the order the
// lookup ranked them, aligned with the selection as aligned holds), or no
// span. Of several quotations inside the selection it takes the one that
// covers the most of its weight.
func focus(c corpus, q query, words []string, firsts []int32, aligned map[int32]alignment) span {
	n := len(q.ids)
	var best span
	bestW := 0.0
	for _, f := range firsts {
		cand := c.tokens(f)
		a, ok := aligned[f]
		if len(cand) < MinWords || !ok || a.matched < MinWords {
			continue
		}
		j0, j1 := -1, -1
		candCovered := 0.0
		for j, m := range a.candMatched {
			if m {
				if j0 < 0 {
					j0 = j
				}
				j1 = j
				candCovered += c.wordWeight(cand[j])
			}
		}
		inside := candCovered >= FragmentCover*c.tokenWeight(f)
		// Cheap bounds first: the span holds at least the aligned words,
		// and a quotation not inside the selection must hold all of it
		// but a cut word at either edge (or words standing for its own,
		// as many as a substitution).
		alignedW := 0.0
		for i := a.selFirst; i <= a.selLast; i++ {
			alignedW += q.w[i]
		}
		if a.covered <= bestW || a.covered < Accept*alignedW || !inside && (a.selFirst > 1+maxSubstitution || a.selLast < n-2-maxSubstitution) {
			continue
		}
		// The quotation's words as text, for the edges' cut words only:
		// tokenizing every candidate would double a lookup's time.
		var cw []string
		cut := func(edge string, j int, has func(s, part string) bool) bool {
			if cw == nil {
				if cw = textnorm.Words(c.quoteText(f)); len(cw) != len(cand) {
					cw = []string{} // cannot happen: the tokens are those of the text
				}
			}
			return j < len(cw) && cutOf(edge, cw[j], has)
		}
		s0, s1 := a.selFirst, a.selLast+1
		cut0, cut1 := false, false
		// Before the first aligned word: a word cut short by the drag
		// (the end of the quotation's word before), else words of the
		// selection standing for as many words of the quotation (a
		// re-translation's first words), at most as many as a
		// substitution.
		if s0 > 0 && j0 > 0 {
			if s0 == 1 && cut(words[0], j0-1, strings.HasSuffix) {
				cut0 = true
			} else {
				s0 -= min(s0, j0, maxSubstitution)
			}
		}
		if s1 < n && j1 < len(cand)-1 {
			if s1 == n-1 && cut(words[n-1], j1+1, strings.HasPrefix) {
				cut1 = true
			} else {
				s1 += min(n-s1, len(cand)-1-j1, maxSubstitution)
			}
		}
		if s0 == 0 && s1 == n {
			continue // the whole selection: nothing to set apart
		}
		spanW := 0.0
		for i := s0; i < s1; i++ {
			spanW += q.w[i]
		}
		if a.covered < Accept*spanW {
			continue
		}
		// The quotation inside the selection, or the selection inside the
		// quotation but for the words cut at its edges.
		within := (s0 == 0 || cut0 && s0 == 1) && (s1 == n || cut1 && s1 == n-1)
		if !inside && !within {
			continue
		}
		if a.covered > bestW {
			best, bestW = span{s0, s1}, a.covered
		}
	}
	return best
}

// cutOf reports whether a selection's edge word is a word of the
// quotation cut short: a proper part of it, at the end the drag cut
// (has is strings.HasSuffix for the first word, HasPrefix for the last).
func cutOf(edge, word string, has func(s, part string) bool) bool {
	return len(edge) < len(word) && has(word, edge)
}

// focusBetter reports whether the answer for the quotation inside a
// selection is better than the answer for the whole: its best quoted
// carrier covers more, and it keeps every article the whole selection
// found (the one that prints it word for word, those that print its
// quotations): a narrative sentence that names a quotation of another
// story ("…the climate change bill known by opponents as cap-and-trade")
// is answered for the sentence, and two quotations selected together for
// both.
func focusBetter(focused, whole []Match) bool {
	if bestQuoted(focused) <= bestQuoted(whole) {
		return false
	}
	for _, w := range whole {
		if !slices.ContainsFunc(focused, func(f Match) bool { return f.Article == w.Article }) {
			return false
		}
	}
	return true
}

func bestQuoted(ms []Match) float64 {
	b := 0.0
	for _, m := range ms {
		if m.Kind != Text && m.Score > b {
			b = m.Score
		}
	}
	return b
}

// distinctive reports whether a selection carries enough to identify a
// passage outside quotation marks. Quoted words are the outlet's claim of
// what someone said and are matched however short; a run of the reporter's
// own words is a passage only when its words, together, weigh as much as
// MinWords words that the corpus holds nowhere else (each weighs the most
// a word can: unknownWeight). "the two leaders", "in recent months",
// "Hours before his call", "in the last few months" weigh from one to two
// such words in the seed corpus and stand in any report of a call; a
// sentence with names and particulars ("Xi held a virtual meeting with
// Russia's President Vladimir Putin") weighs four and more. Word weights
// grow with the corpus as the bound does (both are logarithms of its
// paragraph count), so the rule is not one corpus's.
func distinctive(c corpus, q query) bool {
	return len(q.ids) >= MinWords && q.total >= MinWords*c.unknownWeight()
}
