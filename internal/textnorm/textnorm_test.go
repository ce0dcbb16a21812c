package textnorm

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	same := [][2]string{
		{"The U.S. must handle", "The United States must handle"},
		{"the US must handle", "THE UNITED STATES MUST HANDLE"},
		{"“China’s territory,”", `"China's territory"`},
		{"China's   territory\n", "china’s territory"},
		{"the push towards a dangerous", "the push toward a dangerous"},
		{"we both realise", "we both realize"},
		{"arms sales", "arm sale"},
		{"three weeks", "3 week"},
		{"11,000 missiles", "11000 missile"},
		{"café", "cafe"},
		{"U.S.-China relations", "United States China relations"},
	}
	for _, c := range same {
		if a, b := Normalize(c[0]), Normalize(c[1]); a != b {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q: want equal", c[0], a, c[1], b)
		}
	}
	differ := [][2]string{
		{"tell us more", "tell United States more"},
		{"handle with prudence", "treat with caution"},
	}
	for _, c := range differ {
		if a, b := Normalize(c[0]), Normalize(c[1]); a == b {
			t.Errorf("Normalize(%q) = Normalize(%q) = %q: want different", c[0], c[1], a)
		}
	}
}

func TestTokenSpans(t *testing.T) {
	s := "“The U.S. has $11.1 billion,” he said."
	for _, tok := range Tokens(s) {
		src := s[tok.Start:tok.End]
		if strings.ContainsAny(src, " “”,") {
			t.Errorf("token %q spans %q, which holds a separator", tok.Norm, src)
		}
	}
	got := Words(s)
	want := []string{"the", "united", "state", "has", "11.1", "billion", "he", "said"}
	if !slices.Equal(got, want) {
		t.Errorf("Words(%q) = %q, want %q", s, got, want)
	}
}

func TestFold(t *testing.T) {
	if got := Fold("«Ça» – “x” ‘y’…"); got != `"Ca" - "x" 'y'...` {
		t.Errorf("Fold = %q", got)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"The U.S. must", "“China’s”", "U.S.-China", "a.b.c", "11,000.5", "\xff\xfe", "..'',,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Errorf("not idempotent: Normalize(%q) = %q, Normalize of that = %q", s, n, again)
		}
		for _, tok := range Tokens(s) {
			if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End || tok.Norm == "" {
				t.Fatalf("bad token %+v for %q", tok, s)
			}
		}
	})
}
