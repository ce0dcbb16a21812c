package eval

import (
	"strings"
	"unicode"
)

// wordBag returns the lower-case words of s as a multiset, the unit that
// overlap scores count in.
func wordBag(s string) map[string]int {
	bag := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		bag[w]++
	}
	return bag
}

// overlap returns the number of words two bags share.
func overlap(a, b map[string]int) int {
	n := 0
	for w, ca := range a {
		n += min(ca, b[w])
	}
	return n
}

func size(b map[string]int) int {
	n := 0
	for _, c := range b {
		n += c
	}
	return n
}

// f1 is the word-overlap F1 of a prediction against a gold text.
func f1(pred, gold map[string]int) float64 {
	o := overlap(pred, gold)
	if o == 0 {
		return 0
	}
	p, r := float64(o)/float64(size(pred)), float64(o)/float64(size(gold))
	return 2 * p * r / (p + r)
}

// PRF holds counts and the scores derived from them.
type PRF struct {
	TruePos, Predicted, Gold int
}

func (s PRF) Precision() float64 { return ratio(s.TruePos, s.Predicted) }
func (s PRF) Recall() float64    { return ratio(s.TruePos, s.Gold) }
func (s PRF) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
