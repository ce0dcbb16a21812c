package article

import (
	"strings"
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
	// One pass, and no copy when s is clean already: it runs on every
	// block of text of every page.
	clean := true
	prevSpace := true
	for _, r := range s {
		sp := isSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if isSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00A0', '\u2009', '\u202F', '\u200B', '\u3000':
		return true
	}
	return false
}
