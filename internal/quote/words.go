package quote

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one token of a paragraph: a word or a punctuation mark, with its
// byte span and the index of the quotation it lies in (-1 outside).
type word struct {
	text       string
	low        string // lower case, dots and curly apostrophes folded
	start, end int
	q          int
}

func (w word) isWord() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (w word) isCapitalized() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return unicode.IsUpper(r)
}

var tokenRE = regexp.MustCompile(`(?:\p{Lu}\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Gov|Prof|St)\.|[\p{L}\p{N}][\p{L}\p{N}'’\-]*|[^\s\p{L}\p{N}]`)

// words tokenizes p, marking the tokens that lie inside the given spans
// (quotation marks included).
func words(p string, spans []span) []word {
	locs := tokenRE.FindAllStringIndex(p, -1)
	out := make([]word, 0, len(locs))
	si := 0
	for _, l := range locs {
		w := word{text: p[l[0]:l[1]], start: l[0], end: l[1], q: -1}
		w.low = strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(w.text), "’", "'"), ".", "")
		for si < len(spans) && spans[si].close < w.start {
			si++
		}
		for k := si; k < len(spans); k++ {
			s := spans[k]
			if w.start >= s.open && (w.start < s.close || s.unclosed && w.start <= s.close) {
				w.q = k
				break
			}
			if s.open > w.start {
				break
			}
		}
		out = append(out, w)
	}
	return out
}
