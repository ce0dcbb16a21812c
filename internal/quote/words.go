package quote

import (
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
	flags      wordFlags // what the finder asks of the word, found once
}

// wordFlags say what a word is: its first character's class and the word
// lists its lower case is in. The finder asks these of every token many
// times over (each asking a map lookup, or decoding the first character):
// they are found once, when the paragraph is tokenized (newWord).
type wordFlags uint16

const (
	fWord     wordFlags = 1 << iota // starts with a letter or a digit
	fCap                            // starts with an upper-case letter
	fCue                            // cueWords
	fTitle                          // titleWords
	fTitleS                         // titleWords, less a final "'s"
	fPronoun                        // pronouns
	fCueNounS                       // cueNounS
	fNotName                        // notNames
	fChannel                        // the first word of a channel (channelsByFirst)
)

// lexFlags holds the word-list flags of every word in the lists.
var lexFlags = func() map[string]wordFlags {
	m := map[string]wordFlags{}
	set := func(list map[string]bool, f wordFlags) {
		for k := range list {
			m[k] |= f
		}
	}
	set(cueWords, fCue)
	set(titleWords, fTitle)
	set(pronouns, fPronoun)
	set(cueNounS, fCueNounS)
	set(notNames, fNotName)
	for k := range titleWords {
		// strings.TrimSuffix(low, "'s") is in titleWords: low is a
		// title with "'s", or a title that does not end in "'s".
		m[k+"'s"] |= fTitleS
		if !strings.HasSuffix(k, "'s") {
			m[k] |= fTitleS
		}
	}
	for k := range channelsByFirst {
		m[k] |= fChannel
	}
	return m
}()

// newWord makes the token text at p[start:end] (text is its own when not
// from p) with its flags.
func newWord(text string, start, end, q int) word {
	w := word{text: text, low: lowWord(text), start: start, end: end, q: q}
	if len(text) > 0 && text[0] < utf8.RuneSelf {
		// ASCII, most tokens: what unicode says of it, without asking.
		switch c := text[0]; {
		case 'A' <= c && c <= 'Z':
			w.flags |= fWord | fCap
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			w.flags |= fWord
		}
	} else {
		r, _ := utf8.DecodeRuneInString(text)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w.flags |= fWord
		}
		if unicode.IsUpper(r) {
			w.flags |= fCap
		}
	}
	if l := w.low; l == "" { // "."
		w.flags |= lexFlags[""]
	} else if lexSeen[lexSig(l)/64]&(1<<(lexSig(l)%64)) != 0 {
		w.flags |= lexFlags[l]
	}
	return w
}

// lexSig sums up a word by its first and last bytes and its length, and
// lexSeen holds the sums of lexFlags's words: most tokens (punctuation,
// numbers, most words) are ruled out without a lookup.
func lexSig(l string) uint { return uint(l[0]&31)<<9 | uint(l[len(l)-1]&31)<<4 | uint(len(l)&15) }

var lexSeen = func() (seen [1 << 14 / 64]uint64) {
	for k := range lexFlags {
		if k != "" {
			seen[lexSig(k)/64] |= 1 << (lexSig(k) % 64)
		}
	}
	return seen
}()

func (w word) isWord() bool { return w.flags&fWord != 0 }

func (w word) isCapitalized() bool { return w.flags&fCap != 0 }

// abbrevDot are the titles whose dot belongs to the word ("Mr.").
var abbrevDot = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Sen": true, "Rep": true,
	"Gen": true, "Gov": true, "Prof": true, "St": true}

// words tokenizes p, marking the tokens that lie inside the given spans
// (quotation marks included). A token is a word (letters and digits, with
// inner apostrophes and hyphens), a dotted abbreviation ("U.S.", "Mr."),
// or one punctuation character. It is a hand-written scanner: the quote
// finder tokenizes every paragraph, and a regular expression made it the
// slowest step of the build.
func words(p string, spans []span) []word {
	return appendWords(make([]word, 0, wordsCap(p)), p, spans)
}

// wordsCap is the room words makes for p's tokens: news text runs about
// one token every five bytes; room for one every four makes one
// allocation do for most paragraphs.
func wordsCap(p string) int { return len(p)/4 + 4 }

// appendWords is words appending to out.
func appendWords(out []word, p string, spans []span) []word {
	si := 0
	for i := 0; i < len(p); {
		c := p[i]
		if c == ' ' || c >= '\t' && c <= '\r' {
			i++
			continue
		}
		j := i + 1
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				j = wordTokenEnd(p, i)
			}
		} else {
			r, size := utf8.DecodeRuneInString(p[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			j = i + size
			if isWordRune(r) {
				j = wordTokenEnd(p, i)
			}
		}
		w := newWord(p[i:j], i, j, -1)
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
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lowWord is a token's lower case with curly apostrophes made straight
// and dots dropped ("U.S." → "us", "Trump’s" → "trump's"). Most tokens are
// ASCII lower case already: those are returned as they are, unallocated.
func lowWord(t string) string {
	upper, dot := false, false
	for k := 0; k < len(t); k++ {
		switch c := t[k]; {
		case c >= utf8.RuneSelf:
			return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(t), "’", "'"), ".", "")
		case c >= 'A' && c <= 'Z':
			upper = true
		case c == '.':
			dot = true
		}
	}
	switch {
	case !upper && !dot:
		return t
	case !dot:
		return strings.ToLower(t) // ASCII: one copy, no replacing
	}
	// ASCII with dots ("U.S.", "Mr."): lowered and the dots dropped in
	// one copy.
	b := make([]byte, 0, len(t))
	for k := 0; k < len(t); k++ {
		c := t[k]
		if c == '.' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// wordTokenEnd returns the end of the word token starting at i.
func wordTokenEnd(p string, i int) int {
	j := i
	for j < len(p) {
		if c := p[j]; c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				j++
				continue
			}
			if c != '\'' && c != '-' {
				break // a space or a mark, most words' end
			}
		}
		r, size := utf8.DecodeRuneInString(p[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if r == '\'' || r == '’' || r == '-' {
			if n, _ := utf8.DecodeRuneInString(p[j+size:]); j+size < len(p) && isWordRune(n) {
				j += size
				continue
			}
		}
		break
	}
	// Dotted abbreviations: "U.S." (single capitals with dots), "Mr.".
	if j < len(p) && p[j] == '.' {
		if abbrevDot[p[i:j]] {
			return j + 1
		}
		k := i
		for k+1 < len(p) && p[k] >= 'A' && p[k] <= 'Z' && p[k+1] == '.' {
			k += 2
		}
		if k-i >= 4 && k >= j {
			return k
		}
	}
	return j
}
