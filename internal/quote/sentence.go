package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end in a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "gen": true,
	"sen": true, "sens": true, "rep": true, "reps": true, "gov": true, "lt": true, "col": true, "capt": true, "prof": true,
	"no": true, "vs": true, "inc": true, "co": true, "corp": true, "ltd": true, "jan": true, "feb": true,
	"aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// sentenceEnds returns the byte offsets where the sentences of p end, never
// inside a quotation: the end of a quotation ends a sentence only when the
// quotation itself ends with a full stop, a question or an exclamation and
// a capital or a new quotation follows.
func sentenceEnds(p string, spans []span) []int {
	var ends []int
	k := 0 // spans are in order and do not overlap: walk them with i
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		for k < len(spans) && spans[k].close <= i {
			k++
		}
		if k < len(spans) && i > spans[k].open && i < spans[k].close {
			// Punctuation inside a quotation ends the sentence only at the
			// closing mark, followed by a new sentence.
			s := spans[k]
			if strings.Trim(p[i+1:s.close], ".!?”\"»' ") == "" && s.close < len(p) && startsSentence(p[s.close:]) && !cueFollows(p[s.close:]) {
				ends = append(ends, s.close)
			}
			continue
		}
		if i+1 < len(p) && p[i+1] != ' ' {
			continue
		}
		if c == '.' && isAbbreviation(p[:i]) {
			continue
		}
		ends = append(ends, i+1)
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(p) {
		ends = append(ends, len(p))
	}
	return ends
}

// startsSentence reports whether s (the text after a closing mark) opens a
// new sentence: space, then a capital letter or an opening quote mark.
func startsSentence(s string) bool {
	t := strings.TrimLeft(s, " ")
	if len(t) == len(s) && len(s) > 0 {
		return false
	}
	if t == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || r == '\u201C' || r == '"' || r == '\u2018'
}

// isAbbreviation reports whether the word before a dot at the end of s is
// an abbreviation ("Mr", "U.S") rather than the end of a sentence.
func isAbbreviation(s string) bool {
	j := len(s)
	for j > 0 && s[j-1] != ' ' && s[j-1] != '(' && s[j-1] != '"' {
		j--
	}
	w := s[j:]
	if w == "" {
		return false
	}
	if abbreviations[strings.ToLower(w)] {
		return true
	}
	// "U.S", "U.N", "p.m" and single capitals ("John F.").
	last := w[strings.LastIndexByte(w, '.')+1:]
	return len(last) == 1 && (strings.Contains(w, ".") || unicode.IsUpper(rune(last[0])))
}

// cueFollows reports whether the text after a quotation opens with its
// attribution ("…?” Clinton said.", "…!” said Hester."): a cue verb among
// its first words, before any sentence end.
func cueFollows(s string) bool {
	ws := words(prefix(s, 120), nil) // a bounded look: the attribution is short
	for i, w := range ws {
		if i >= 6 || isStop(w) || w.text == "\u201C" || w.text == `"` {
			return false
		}
		if w.low == "who" || w.low == "which" {
			return false // a relative clause, not an attribution's tail
		}
		if w.flags&fCue == 0 {
			continue
		}
		// The cue must close a short tail ("Clinton said on Twitter."),
		// not open a sentence of its own ("He stressed that …").
		for k := i + 1; k < len(ws) && k <= i+10; k++ {
			switch {
			case ws[k].low == "that":
				return false
			case ws[k].text == "\u201C" || ws[k].text == `"`:
				// A quotation right after the cue goes on with the same
				// words ("?” Clinton said, “…”); after an object it is a
				// new sentence's own ("Sanders called Trump a “liar.”").
				return k == i+1 || k == i+2 && (ws[i+1].text == "," || ws[i+1].text == ":")
			case isStop(ws[k]) || ws[k].text == ",":
				return true
			}
		}
		return i+1 >= len(ws)
	}
	return false
}

// prefix returns at most n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// suffix returns at most n bytes from the end of s, cut at a rune
// boundary.
func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

func isStop(w word) bool { return w.text == "." || w.text == "!" || w.text == "?" }
