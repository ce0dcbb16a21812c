package match

import "quotetrail/internal/index"

// The grouping's bounds, for the tests that check its work.
const (
	GroupPostings   = groupPostings
	GroupCandidates = groupCandidates
)

// GroupWork groups x as Group does, walking at most maxPostings postings a
// quotation, and returns the work done: distinct texts searched from,
// postings walked and alignments run.
func GroupWork(x *index.Index, maxPostings int) (quotations, postings, aligned int) {
	_, w := group(x, maxPostings, 0)
	return w.quotations, w.postings, w.aligned
}

// SameOccasion reports whether articles published on dates a and b may
// report one occasion (group.go).
func SameOccasion(a, b string) bool { return sameOccasion(dayNumber(a), dayNumber(b)) }

// LookedUpFocus reports whether a lookup also looked up the quotation
// inside its selection (focus.go).
func LookedUpFocus(r Result) bool { return r.focused }
