package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is one quotation in a paragraph: [open, close) are the byte offsets
// of the marks (close = len(p) when the quotation runs on to the next
// paragraph), [start, end) those of the words inside.
type span struct {
	open, close int
	start, end  int
	unclosed    bool
}

// findSpans returns the quotations of paragraph p in order. Curly and low
// opening marks and guillemets open, their partners close, and a straight
// double quote opens or closes by position. A quotation open at the end of
// the paragraph is returned with unclosed set.
func findSpans(p string) []span {
	var out []span
	open := -1
	openSize := 0
	depth := 0 // quotations nested inside the open one (“… “inner” …”)
	single := -1
	for i := 0; i < len(p); {
		if !markByte[p[i]] {
			i++ // no case below takes an ASCII byte but these three
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == '"' && inchMark(p, i):
			// 6'3" is a measure, not a quotation mark.
		case r == '"' && open < 0 && single < 0 && i > 0 && p[i-1] == '=':
			// name="value" is markup left in the text, not a quotation.
			if end := strings.IndexByte(p[i+1:], '"'); end >= 0 {
				size += end + 1
			}
		case open < 0 && single < 0 && strings.HasPrefix(p[i:], "``"):
			open, openSize, size = i, 2, 2 // ``typewriter'' quotes
		case open >= 0 && p[open] == '`' && strings.HasPrefix(p[i:], "''"):
			out = appendSpan(out, p, open, open+openSize, i, i+2, false)
			open, size = -1, 2
		case open < 0 && single < 0 && (r == '\u201C' || r == '\u201E' || r == '\u00AB' || r == '"' || r == '\u201F'):
			open, openSize = i, size
		case open >= 0 && (r == '\u201C' || r == '\u201E') && p[open] != '"' && !closesHere(p, i):
			depth++
		case open >= 0 && depth > 0 && (r == '\u201D' || r == '\u201C' && closesHere(p, i)):
			depth--
		case open >= 0 && p[open] != '`' && (r == '\u201D' || r == '\u00BB' || r == '"' || r == '\u201C' && closesHere(p, i)):
			out = appendSpan(out, p, open, open+openSize, i, i+size, false)
			open = -1
		case open < 0 && single < 0 && r == '\u201D' && !letterBefore(p, i) && letterAfter(p, i+size):
			// A right mark typed where a left one belongs ("”Mr. Trump
			// embodies …” ― Name"): with no quotation open and a word
			// right after it, it opens one.
			open, openSize = i, size
		case open < 0 && single < 0 && r == '\u2018' && !letterBefore(p, i) && letterAfter(p, i+size):
			single = i // ‘single quotes’ as quotation marks
		case open < 0 && single >= 0 && r == '\u2019' && !letterAfter(p, i+size):
			out = appendSpan(out, p, single, single+len("\u2018"), i, i+size, false)
			single = -1
		}
		i += size
	}
	if open >= 0 {
		out = appendSpan(out, p, open, open+openSize, len(p), len(p), true)
	}
	return out
}

// markByte marks the bytes findSpans stops at: the three ASCII marks and
// every byte of other characters than ASCII.
var markByte = func() (t [256]bool) {
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	t['"'], t['`'], t['\''] = true, true, true
	return t
}()

func letterBefore(p string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(p[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func letterAfter(p string, i int) bool {
	r, _ := utf8.DecodeRuneInString(p[i:])
	return i < len(p) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// inchMark reports whether a straight double quote at i follows a number
// ("6'3\"", "12\" screen").
func inchMark(p string, i int) bool {
	j := i
	if j > 0 && p[j-1] == '\'' {
		j--
	}
	return j > 0 && p[j-1] >= '0' && p[j-1] <= '9'
}

// closesHere reports whether a left mark at i is used as a closing mark
// (some pages type “…“): it is, when no word follows it directly.
func closesHere(p string, i int) bool {
	r, _ := utf8.DecodeRuneInString(p[i+len("\u201C"):])
	return i+len("\u201C") >= len(p) || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func appendSpan(out []span, p string, open, start, end, close int, unclosed bool) []span {
	text := p[start:end]
	lead := len(text) - len(strings.TrimLeft(text, " \t"))
	trail := len(text) - len(strings.TrimRight(text, " \t"))
	// A trailing comma belongs to the outlet's sentence (",” he said"), not
	// to the words quoted; other punctuation is kept as printed.
	trail += len(text[:len(text)-trail]) - len(strings.TrimRight(text[:len(text)-trail], ", "))
	s := span{open: open, close: close, start: start + lead, end: end - trail, unclosed: unclosed}
	if s.end <= s.start || !hasWord(p[s.start:s.end]) {
		return out
	}
	return append(out, s)
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
