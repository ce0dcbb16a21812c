package build

import (
	"testing"
	"unicode/utf16"
)

// FuzzUTF16Len: utf16Len counts what JavaScript counts, the UTF-16 code
// units of the string as Go decodes it (bad bytes as U+FFFD).
func FuzzUTF16Len(f *testing.F) {
	for _, s := range []string{"", "plain", "“quoted” é", "emoji 😀 and 𝄞", "\xff\xfe bad", "\xed\xa0\x80 surrogate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := utf16Len(s), len(utf16.Encode([]rune(s))); got != want {
			t.Errorf("utf16Len(%q) = %d, want %d", s, got, want)
		}
	})
}
