package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version names this normalization. An index stores it with the tokens it
// carries; an engine whose normalization differs tokenizes the text
// itself rather than trust them. Change it with any change to Tokens.
const Version = "textnorm-1"

// Token is one normalized word and the byte span [Start, End) of the source
// word it came from. An abbreviation expands to several tokens that share
// one span.
type Token struct {
	Norm       string
	Start, End int
}

// Fold returns s with quote marks, dashes, odd spaces and Latin diacritics
// folded to ASCII and case kept. Quote finders use it to see every kind of
// quotation mark as the same two characters.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := runeFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IsQuoteMark reports whether r opens or closes a quotation in any of the
// common conventions (straight, curly, low-9 and guillemets).
func IsQuoteMark(r rune) bool {
	switch r {
	case '"', '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB':
		return true
	}
	return false
}

// Tokens returns the normalized word tokens of s.
func Tokens(s string) []Token {
	var out []Token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		end := wordEnd(s, i)
		out = appendWord(out, s[start:end], start, end)
		i = end
	}
	return out
}

// Words returns only the normalized strings of Tokens(s).
func Words(s string) []string {
	toks := Tokens(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Norm
	}
	return out
}

// Normalize returns the tokens of s joined by single spaces: two strings
// that a reader takes for the same words normalize to the same string.
func Normalize(s string) string {
	return strings.Join(Words(s), " ")
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if _, ok := runeFold[r]; ok {
		f := runeFold[r]
		return f != "" && isWordRune(rune(f[0]))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEnd finds the end of the word starting at i. A word continues over an
// apostrophe, a dot or a comma that sits between two word runes, so that
// "China's", "U.S" and "11,000" stay one word; a dot after a single capital
// ("U.S.") belongs to the word too.
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if r == '\'' || r == '\u2019' || r == '.' || r == ',' {
			n, nsize := utf8.DecodeRuneInString(s[j+size:])
			if j+size < len(s) && isWordRune(n) {
				if r == ',' && !(isDigit(s[j-1]) && n >= '0' && n <= '9') {
					break
				}
				if r == '.' && !(isDigit(s[j-1]) && n >= '0' && n <= '9') && !singleCapital(s, i, j) {
					break
				}
				j += size + nsize
				continue
			}
			if r == '.' && singleCapital(s, i, j) {
				j += size // closing dot of "U.S."
			}
		}
		break
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// singleCapital reports whether the word s[start:j] ends in a lone capital
// letter preceded by the word start or a dot, as in "U" or "U.S".
func singleCapital(s string, start, j int) bool {
	if j-start < 1 || !(s[j-1] >= 'A' && s[j-1] <= 'Z') {
		return false
	}
	return j-1 == start || s[j-2] == '.'
}

func appendWord(out []Token, w string, start, end int) []Token {
	// Dotted abbreviation: "U.S." → "US".
	if strings.Contains(w, ".") && !isDigit(w[0]) {
		w = strings.ReplaceAll(w, ".", "")
	}
	if exp, ok := abbreviations[w]; ok {
		for _, e := range exp {
			out = append(out, Token{Norm: Stem(e), Start: start, End: end})
		}
		return out
	}
	f := strings.ToLower(Fold(strings.ToLower(w)))
	f = strings.ReplaceAll(f, "'", "")
	if isDigit(f[0]) {
		f = strings.TrimRight(strings.ReplaceAll(f, ",", ""), ".")
		return append(out, Token{Norm: f, Start: start, End: end})
	}
	return append(out, Token{Norm: Stem(f), Start: start, End: end})
}

// Stem returns the matching form of one lower-case, folded word: spelling
// variants and number words are mapped, then possessives, plurals and a few
// inflections are removed. It is deliberately light: a stem must still
// read as its word, and both sides of a match pass through it.
func Stem(w string) string {
	if v, ok := variants[w]; ok {
		w = v
	}
	if n, ok := numberWords[w]; ok {
		return n
	}
	// A possessive ("China's" → "chinas") loses its s in the plural rule.
	// British -ise spellings take the -ize form ("realise" → "realize").
	for _, suf := range []string{"isation", "ising", "ised", "ises", "ise"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)] + "iz" + suf[2:]
			break
		}
	}
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}
