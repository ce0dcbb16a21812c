package match

import "math"

// What a lookup may leave unread. A word held by very many quotation
// texts ("the", "said") has postings longer than all the rest of a
// selection's, and adds little to a text's shared weight; on a large
// corpus they are most of what a lookup would fetch. So candidates are
// gathered from the selection's other words: a text that shares none of
// them is no carrier of the selection (it shares only its commonest
// words, found scattered in any long quotation). Only a selection made of
// common words alone reads their postings. Both the whole index and the
// folder apply this one rule, so that they answer alike.
//
// What it cost and saved is in the README ("The folder index"): the
// lookup sets and BASIL answer as before; selections made mostly of
// common words lose variants that share only those words.

// commonTexts: a word held by more distinct quotation texts than this is
// common. It is a count, not a share of the corpus, since what it bounds
// is the bytes a lookup fetches (about 4 a posting).
var commonTexts = 512

// needCommon reports whether a selection's common words' postings must be
// read: when it holds no other word (a word the corpus lacks counts as
// another word, since a folder lookup decides from its entry alone,
// before it reads any chunk). slack is what the common words may add to
// a text's shared weight (each counted once), for the candidates'
// cut-off when their postings are not read. words are the selection's
// words, repeats included; common returns a common word's weight.
func needCommon(words []string, common func(string) (float64, bool)) (need bool, slack float32) {
	wc, other := 0.0, false
	seen := map[string]bool{}
	for _, w := range words {
		cw, ok := common(w)
		if !ok {
			other = true
			continue
		}
		if !seen[w] {
			seen[w] = true
			wc += cw
		}
	}
	if wc > 0 && !other {
		return true, 0 // their postings are read: nothing is left out
	}
	return false, float32(wc)
}

// The fragment floor of a quotation text (FragmentCover × its weight) is
// kept as one byte: the largest of 255 steps, 2^(1/16) apart from 2^-6
// up, that does not pass it (code 0 is no floor). Rounding down only
// keeps more candidates; the alignment decides.
var floorSteps = func() (s [256]float32) {
	// 2^(i/16), i = 0…15, written out so that every platform (the wasm
	// too) has the same numbers.
	frac := [16]float64{1, 1.0442737824274138, 1.0905077326652577, 1.1387886347566916, 1.189207115002721,
		1.2418578120734840, 1.2968395546510096, 1.3542555469368927, 1.4142135623730951, 1.4768261459394993,
		1.5422108254079407, 1.6104903319492543, 1.6817928305074290, 1.7562521603732995, 1.8340080864093424,
		1.9152065613971474}
	for c := 1; c < 256; c++ {
		s[c] = float32(math.Ldexp(frac[c%16], c/16-6))
	}
	return s
}()

// floorCode returns the code of the largest step not above f.
func floorCode(f float64) uint8 {
	lo, hi := 1, 256 // the first step above f
	for lo < hi {
		m := (lo + hi) / 2
		if float64(floorSteps[m]) <= f {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return uint8(lo - 1)
}
