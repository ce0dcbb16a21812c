package match_test

import (
	"slices"
	"testing"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// TestTokenizeKnown: words known as ids into another vocabulary (here the
// seeds' own, reversed, for every other article and quotation) give the
// ids Tokenize gives from the text, in order of first use.
func TestTokenizeKnown(t *testing.T) {
	_, x := seedEngine(t)
	match.Tokenize(x)
	want := index.Marshal(x)

	n := len(x.Vocab)
	rev := func(ids []int32) []int32 {
		out := make([]int32, len(ids))
		for i, id := range ids {
			out[i] = int32(n-1) - id
		}
		return out
	}
	k := &match.Known{Vocab: slices.Clone(x.Vocab), Paras: make([][][]int32, len(x.Articles)), Quotes: make([][]int32, len(x.Quotes))}
	slices.Reverse(k.Vocab)
	for a := 0; a < len(x.Articles); a += 2 {
		for _, p := range x.ParaTokens[a] {
			k.Paras[a] = append(k.Paras[a], rev(p))
		}
	}
	for q := 1; q < len(x.Quotes); q += 2 {
		k.Quotes[q] = rev(x.QuoteTokens[q])
	}
	match.TokenizeKnown(x, k)
	if string(index.Marshal(x)) != string(want) {
		t.Error("TokenizeKnown gives other ids than Tokenize")
	}
}
