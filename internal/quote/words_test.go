package quote

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNewWordFlagsASCII: the flags newWord gives a token that starts with
// an ASCII character, without asking unicode, are those unicode gives.
func TestNewWordFlagsASCII(t *testing.T) {
	for c := 0; c < utf8.RuneSelf; c++ {
		for _, text := range []string{string(rune(c)), string(rune(c)) + "x’s"} {
			var want wordFlags
			r := rune(c)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				want |= fWord
			}
			if unicode.IsUpper(r) {
				want |= fCap
			}
			if got := newWord(text, 0, len(text), -1).flags & (fWord | fCap); got != want {
				t.Errorf("newWord(%q): flags %b, want %b", text, got, want)
			}
		}
	}
}
