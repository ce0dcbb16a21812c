package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func mustRead(t *testing.T, path string) *Article {
	t.Helper()
	a, err := ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a
}

// TestUTF16WithBOM: pages and text files saved as UTF-16 with a byte-order
// mark read as the same text as their UTF-8 originals (they were refused
// as "binary data": UTF-16 is full of NUL bytes).
func TestUTF16WithBOM(t *testing.T) {
	seed := mustRead(t, "../../corpus/002_d1e82a1333f7d87d.html")
	for _, f := range []string{"seed-utf16le.html", "seed-utf16be.html"} {
		got := mustRead(t, filepath.Join("testdata", f))
		if !reflect.DeepEqual(got, seed) {
			t.Errorf("%s reads differently from its UTF-8 original:\n got %+v\nwant %+v", f, got, seed)
		}
	}
	for _, f := range []string{"plain-utf16le.txt", "plain-utf16be.txt"} {
		got := mustRead(t, filepath.Join("testdata", f))
		if len(got.Paragraphs) != 2 || got.Paragraphs[0] != "This plain-text page was saved in UTF-16 with a byte-order mark." {
			t.Errorf("%s: %q", f, got.Paragraphs)
		}
	}
}

// TestUndeclaredLegacyEncoding: a page in GBK or Shift_JIS that declares
// no charset reads as the same text as its UTF-8 version (it was read as
// Windows-1252 and indexed as mojibake, without a word).
func TestUndeclaredLegacyEncoding(t *testing.T) {
	for _, c := range []struct{ legacy, utf8 string }{
		{"zh-gbk-undeclared.html", "zh-utf8.html"},
		{"ja-shiftjis-undeclared.html", "ja-utf8.html"},
	} {
		want := mustRead(t, filepath.Join("testdata", c.utf8))
		got, err := ReadFile(filepath.Join("testdata", c.legacy))
		if err != nil {
			t.Errorf("%s: %v", c.legacy, err)
			continue
		}
		if !reflect.DeepEqual(got.Paragraphs, want.Paragraphs) {
			t.Errorf("%s reads as\n%q\nwant\n%q", c.legacy, got.Paragraphs, want.Paragraphs)
		}
	}
}

// charsetDecl matches the tags and attributes by which a page declares
// its encoding.
var charsetDecl = regexp.MustCompile(`(?i)<meta[^>]*charset[^>]*>|\scharset\s*=\s*["']?[\w-]+["']?`)

// TestUndeclaredLegacyEncodingRealPages: real Chinese, Japanese, Korean and
// Russian pages from ../shared/data, stripped of their charset
// declarations and saved in their region's legacy encoding, read as the
// same paragraphs as the same bytes decoded by a reader who knows the
// encoding.
func TestUndeclaredLegacyEncodingRealPages(t *testing.T) {
	root := "../../../shared/data/realhtml"
	if _, err := os.Stat(root); err != nil {
		t.Skipf("%s is absent: skipping the real-page encoding test", root)
	}
	for _, c := range []struct {
		page string
		enc  encoding.Encoding
	}{
		{"readability/qq/source.html", simplifiedchinese.GBK},
		{"readability/pixnet/source.html", traditionalchinese.Big5},
		{"scrapinghub/html/85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3.html.gz", japanese.ShiftJIS},
		{"scrapinghub/html/f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d.html.gz", japanese.EUCJP},
		{"scrapinghub/html/0ec95c7261d122f304728e90c983450ef1ce1e0b423546835c397d50aaf0d0f2.html.gz", korean.EUCKR},
		{"scrapinghub/html/3c6d3381ef52ca26be2fbde19c1b0fe17d85682b726dfecf5e300c1ca34546b1.html.gz", charmap.Windows1251},
	} {
		raw := readMaybeGzip(t, filepath.Join(root, c.page))
		raw = charsetDecl.ReplaceAll(raw, nil)
		legacy, err := encoding.ReplaceUnsupported(c.enc.NewEncoder()).Bytes(raw)
		if err != nil {
			t.Fatalf("%s: %v", c.page, err)
		}
		known, _ := c.enc.NewDecoder().Bytes(legacy)
		want, err := Parse(known)
		if err != nil {
			t.Errorf("%s in UTF-8: %v", c.page, err)
			continue
		}
		got, err := Parse(legacy)
		if err != nil {
			t.Errorf("%s in %v, undeclared: %v", c.page, c.enc, err)
			continue
		}
		if !reflect.DeepEqual(got.Paragraphs, want.Paragraphs) {
			t.Errorf("%s in %v, undeclared, reads as %.200q…, want %.200q…", c.page, c.enc, got.Paragraphs, want.Paragraphs)
		}
	}
}

func readMaybeGzip(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(path) == ".gz" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// TestNotLanguageRefused: random bytes with no NUL (which pass the binary
// check) are refused with a reason, as .html and as .txt; they became
// hundreds of paragraphs and "quotations".
func TestNotLanguageRefused(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(1 + r.IntN(255))
	}
	printable := make([]byte, 64<<10)
	for i := range printable {
		printable[i] = byte(' ' + r.IntN(95))
	}
	for name, data := range map[string][]byte{"random bytes": random, "random printable ASCII": printable} {
		text, _ := charmap.Windows1252.NewDecoder().Bytes(data) // as an undeclared page reads
		clean, total := wordShare(strings.Split(string(text), "\n"))
		t.Logf("%s: %.3f of the characters in clean words", name, float64(clean)/float64(total))
		for _, parse := range []struct {
			kind string
			fn   func([]byte) (*Article, error)
		}{{"html", Parse}, {"txt", ParseText}} {
			a, err := parse.fn(data)
			if err == nil {
				t.Errorf("%s as %s: read as an article of %d paragraphs", name, parse.kind, len(a.Paragraphs))
				continue
			}
			if !errors.Is(err, ErrNotText) {
				t.Errorf("%s as %s: %v, want a refusal as not language", name, parse.kind, err)
			}
		}
	}
}

// TestUndeclaredWesternPages: Western pages in Windows-1252 that declare
// no charset read as Windows-1252, whatever the detector guesses: it
// called German "Windows-1254" (Turkish), turning ð into ğ and losing ž,
// and a short German text it was unsure of was refused.
func TestUndeclaredWesternPages(t *testing.T) {
	german := []string{
		"Die Größe der Straße überrascht die Besucher, und die Grüße aus Köln klingen schön und süß.",
		"Der isländische Laut ð und das slawische ž erscheinen in Namen, die Zeitungen aus aller Welt drucken.",
		"Über die Brücke gehen täglich Tausende, während die Fähre seit März außer Betrieb ist.",
		"Die Bürgermeisterin erklärte, dass die Arbeiten im Frühjahr fortgesetzt würden.",
		"Bis dahin müssen Fußgänger einen Umweg über die nördliche Uferstraße nehmen.",
	}
	var page strings.Builder
	page.WriteString("<html><head><title>Straße</title></head><body><article>")
	for _, p := range german {
		page.WriteString("<p>" + p + "</p>")
	}
	page.WriteString("</article></body></html>")
	for name, c := range map[string]struct {
		data  string
		parse func([]byte) (*Article, error)
		want  []string
	}{
		"page":       {page.String(), Parse, german},
		"short text": {"Die Größe der Straße überrascht. Grüße aus Köln, schön süß.", ParseText, []string{"Die Größe der Straße überrascht. Grüße aus Köln, schön süß."}},
		"one word":   {"Größe", ParseText, []string{"Größe"}},
	} {
		data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(c.data))
		if err != nil {
			t.Fatal(err)
		}
		a, err := c.parse(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(a.Paragraphs, c.want) {
			t.Errorf("%s reads as %q, want %q", name, a.Paragraphs, c.want)
		}
	}
}

// TestShortAndNumericTextIsLanguage: short replies, result tables and
// emoji are language; the check judges only texts long enough to judge.
func TestShortAndNumericTextIsLanguage(t *testing.T) {
	for _, s := range []string{
		"He said: “Yes.”",
		"Smith (Lab) 4,512 (45.2%)\nJones (Con) 3,901 (39.1%)\nBrown (LD) 1,200 (12.0%)\nTurnout 61.3%, majority 611",
		"Great day 🎉🎉 at the park 😀\nSee you next week!",
		strings.Repeat("Shares of the company rose 4.5% to $12.30, while the index gained 0.8% to 4,512.25 points.\n", 20),
	} {
		if _, err := ParseText([]byte(s)); err != nil {
			t.Errorf("%.40q…: %v", s, err)
		}
	}
}

// TestRealTextIsLanguage: every real page and PolNeAR text in
// ../shared/data that gives paragraphs is language by a wide margin; it
// logs the lowest share of characters in clean words, the margin the
// bound minClean leaves.
func TestRealTextIsLanguage(t *testing.T) {
	root := "../../../shared/data"
	pages, _ := filepath.Glob(filepath.Join(root, "realhtml", "readability", "*", "source.html"))
	gz, _ := filepath.Glob(filepath.Join(root, "realhtml", "scrapinghub", "html", "*.html.gz"))
	txt, _ := filepath.Glob(filepath.Join(root, "polnear", "*", "text", "*.txt"))
	files := append(append(pages, gz...), txt...)
	if len(files) == 0 {
		t.Skipf("%s is absent", root)
	}
	lowest, at, n := 1.0, "", 0
	for _, f := range files {
		a, err := ReadFile(f)
		if errors.Is(err, ErrNotText) {
			t.Errorf("%s: %v", f, err)
			continue
		} else if err != nil {
			continue // no article in it: TestRealPages counts these
		}
		n++
		if clean, total := wordShare(a.Paragraphs); total > 0 && float64(clean)/float64(total) < lowest {
			lowest, at = float64(clean)/float64(total), f
		}
	}
	t.Logf("%d texts; lowest share of characters in clean words %.2f (%s); refused under %.2f", n, lowest, at, minClean)
}

// TestWordShareByRunes: wordShare, which reads bytes, counts as a plain
// reading rune by rune does, on the real pages' paragraphs and on bytes
// that are not UTF-8.
func TestWordShareByRunes(t *testing.T) {
	byRunes := func(paragraphs []string) (clean, total int) {
		for _, p := range paragraphs {
			n, letters, noise := 0, 0, false
			for _, r := range p + " " {
				var k uint8
				if r < utf8.RuneSelf {
					k = asciiKinds[r]
				} else {
					k = runeKind(r)
				}
				switch k {
				case kindSpace:
					if n > 0 {
						total += n
						if letters > 0 && !noise {
							clean += n
						}
					}
					n, letters, noise = 0, 0, false
					continue
				case kindLetter:
					letters++
				case kindNoise:
					noise = true
				}
				n++
			}
		}
		return clean, total
	}
	cases := [][]string{{"a\xffb c\xe2\x80", "\xe2\x80\x9cQuoted,\xe2\x80\x9d she said\u00a0\u3000x", "", "  ", "tail"}, {"x", "y"}}
	_, pages := realPages(t)
	for _, data := range pages {
		if a, err := Parse(data); err == nil {
			cases = append(cases, a.Paragraphs)
		}
	}
	for _, ps := range cases {
		c1, t1 := wordShare(ps)
		c2, t2 := byRunes(ps)
		if c1 != c2 || t1 != t2 {
			t.Errorf("wordShare(%.80q) = %d, %d; by runes %d, %d", ps, c1, t1, c2, t2)
		}
	}
}
