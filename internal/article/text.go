package article

import (
	"strings"
	"unicode/utf8"
)

// ParseText reads a plain-text article: each non-blank line is a paragraph.
// It has no metadata to offer.
func ParseText(data []byte) (*Article, error) {
	data, err := decode(data, "text/plain")
	if err != nil {
		return nil, err
	}
	a := &Article{}
	for _, line := range strings.Split(string(data), "\n") {
		if p := cleanSpace(line); p != "" {
			a.Paragraphs = append(a.Paragraphs, p)
		}
	}
	if len(a.Paragraphs) == 0 {
		return nil, ErrNoArticle
	}
	if err := checkLanguage(a.Paragraphs); err != nil {
		return nil, err
	}
	return a, nil
}

// cleanSpace collapses runs of white space (including non-breaking spaces)
// to one space and trims the ends.
func cleanSpace(s string) string {
	// One pass, and no copy when s is clean already, or clean once the
	// ASCII white space at its ends is cut (a block's text, most often):
	// it runs on every block of text of every page. ASCII is read a byte
	// at a time and copied a run at a time; other characters are decoded.
	from, to := 0, len(s)
	for from < to && asciiSpace[s[from]&0x7f] && s[from] < utf8.RuneSelf {
		from++
	}
	for to > from && asciiSpace[s[to-1]&0x7f] && s[to-1] < utf8.RuneSelf {
		to--
	}
	cut := from > 0 || to < len(s)
	clean, valid := true, true
	prevSpace := true
	for i := from; i < to; {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			sp := asciiSpace[c]
			if sp && (prevSpace || c != ' ') {
				clean = false
				break
			}
			prevSpace = sp
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		valid = valid && (r != utf8.RuneError || size > 1)
		sp := isSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	// (The copy below writes an invalid byte as U+FFFD: a cut text that
	// holds one is copied, as it was.)
	if clean && !prevSpace && (!cut || valid) {
		return s[from:to]
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				pending = b.Len() > 0
				i++
				continue
			}
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r) // an invalid byte becomes U+FFFD
	}
	return b.String()
}

// asciiSpace is isSpace for ASCII, looked up: the text walks ask it of
// every byte.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isSpace(rune(c))
	}
	return t
}()

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00A0', '\u2009', '\u202F', '\u200B', '\u3000':
		return true
	}
	return false
}
