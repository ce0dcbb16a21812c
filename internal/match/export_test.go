package match

import (
	"reflect"

	"quotetrail/internal/index"
)

// The grouping's bounds, for the tests that check its work.
const (
	GroupPostings   = groupPostings
	GroupCandidates = groupCandidates
)

// GroupWork groups x as Group does, walking at most maxPostings postings a
// quotation, and returns the work done: distinct texts searched from,
// postings walked and alignments run.
func GroupWork(x *index.Index, maxPostings int) (quotations, postings, aligned int) {
	_, w := group(x, maxPostings, 0, nil)
	return w.quotations, w.postings, w.aligned
}

// SameOccasion reports whether articles published on dates a and b may
// report one occasion (group.go).
func SameOccasion(a, b string) bool { return sameOccasion(dayNumber(a), dayNumber(b)) }

// LookedUpFocus reports whether a lookup also looked up the quotation
// inside its selection (focus.go).
func LookedUpFocus(r Result) bool { return r.focused }

// SameTables names the first of an engine's tables that differs between a
// and b (their lookups' inputs), or returns "".
func SameTables(a, b *Engine) string {
	for _, f := range []struct {
		name string
		a, b any
	}{
		{"vocab", a.vocab, b.vocab}, {"weight", a.weight, b.weight}, {"quotes", a.quotes, b.quotes},
		{"paras", a.paras, b.paras}, {"post", a.post, b.post}, {"paraPost", a.paraPost, b.paraPost},
		{"paraRef", a.paraRef, b.paraRef}, {"paraCopies", a.paraCopies, b.paraCopies},
		{"firstCopy", a.firstCopy, b.firstCopy}, {"copies", a.copies, b.copies},
		{"textWeight", a.textWeight, b.textWeight}, {"byUtt", a.byUtt, b.byUtt},
		{"maxW", a.maxW, b.maxW}, {"floor", a.floor, b.floor},
	} {
		if !reflect.DeepEqual(f.a, f.b) {
			return f.name
		}
	}
	return ""
}
