package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wlynxg/chardet"
	"golang.org/x/net/html/charset"
	xunicode "golang.org/x/text/encoding/unicode"
)

// MaxFileBytes bounds the size of one corpus file. The largest real page in
// ../shared/data is under 2 MB; 16 MB leaves room and keeps a stray archive
// or video from exhausting memory.
const MaxFileBytes = 16 << 20

// ReadFile reads one corpus file: HTML (.html, .htm, optionally .gz) through
// goquery, anything else as plain text with one paragraph a line. Only
// regular files are opened: a FIFO or a device named *.html would block the
// read for ever.
func ReadFile(path string) (*Article, error) {
	data, err := Load(path)
	if err != nil {
		return nil, err
	}
	return ParseNamed(path, data)
}

// Load returns the bytes of one corpus file, gunzipped when its name ends
// in .gz: the bytes ReadFile parses, and so the ones to hash to tell
// whether a file changed. Only regular files are opened, and at most
// MaxFileBytes (plus one, so that a bigger file is refused as too large
// rather than cut) are read, before and after decompression.
func Load(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The name may have been replaced between Stat and Open.
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("not a valid gzip file: %w", err)
		}
		data, err = io.ReadAll(io.LimitReader(zr, MaxFileBytes+1))
		if err != nil {
			return nil, fmt.Errorf("damaged gzip data: %w", err)
		}
	}
	return data, nil
}

// ParseNamed parses the bytes of a file called name: HTML when the name
// (without .gz) ends in .html, .htm or .xhtml, plain text otherwise.
func ParseNamed(name string, data []byte) (*Article, error) {
	switch filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")) {
	case ".html", ".htm", ".xhtml":
		return Parse(data)
	default:
		return ParseText(data)
	}
}

// Errors that say why a file cannot be used.
var (
	ErrEmpty      = errors.New("empty file")
	ErrTooLarge   = fmt.Errorf("file larger than %d MB", MaxFileBytes>>20)
	ErrBinary     = errors.New("binary data, not text")
	ErrEncoding   = errors.New("text is not in a recognised character encoding")
	ErrNoArticle  = errors.New("no article text found")
	ErrNotRegular = errors.New("not a regular file (a FIFO, device or socket)")
	ErrNotText    = errors.New("not language: too few of its characters stand in words")
)

// decode checks data and turns it into UTF-8 text: a UTF-16 byte-order
// mark first (UTF-16 holds NUL bytes, which would otherwise read as
// binary), then the size and binary checks, then the character encoding.
func decode(data []byte, contentType string) ([]byte, error) {
	if len(data) > MaxFileBytes {
		return nil, ErrTooLarge
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		d, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, ErrEncoding
		}
		data = d
	}
	if err := checkBytes(data); err != nil {
		return nil, err
	}
	return toUTF8(data, contentType)
}

// checkBytes rejects input that no page could be, before any parsing.
func checkBytes(data []byte) error {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return ErrEmpty
	case len(data) > MaxFileBytes:
		return ErrTooLarge
	}
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return ErrBinary
	}
	return nil
}

// detectBytes is how much of a file the encoding detector reads: enough
// to see the body of a page past its ASCII head, without reading 16 MB.
const detectBytes = 256 << 10

// minDetectConfidence is the detector's confidence below which its guess
// is not taken.
const minDetectConfidence = 0.5

// latinGuesses are the detector's answers that are not taken: it often
// calls German or Finnish in Windows-1252 "Windows-1254" (Turkish) with
// confidence 0.6 to 0.8, which turns ð into ğ and loses ž. Between the
// Latin single-byte encodings, Windows-1252 (what browsers assume) is the
// better guess; the detector is trusted for the scripts it tells apart
// well: Chinese, Japanese, Korean, Cyrillic, Greek, Hebrew, Arabic, Thai.
var latinGuesses = map[string]bool{
	"ascii": true, "iso-8859-1": true, "iso-8859-2": true, "iso-8859-9": true,
	"iso-8859-13": true, "iso-8859-15": true, "windows-1250": true, "windows-1252": true,
	"windows-1254": true, "windows-1257": true, "macintosh": true, "macroman": true,
}

// toUTF8 decodes data to UTF-8 using, in order, a byte-order mark, the
// charset the page declares, and for a page that declares none the
// statistical detector (a Go port of Python's chardet) when it names a
// non-Latin encoding with confidence: without it a GBK or Shift_JIS page
// would be read as Windows-1252 and indexed as mojibake. Otherwise the
// page is read as Windows-1252, as browsers do. Text that still holds
// many replacement characters afterwards is refused rather than indexed
// as noise (checkLanguage refuses the rest that is not language).
func toUTF8(data []byte, contentType string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	valid := utf8.Valid(data)
	if !valid {
		enc, name, certain := charset.DetermineEncoding(data, contentType)
		if !certain && !declaresCharset(data) {
			r := chardet.Detect(data[:min(len(data), detectBytes)])
			if e, _ := charset.Lookup(r.Encoding); e != nil && r.Confidence >= minDetectConfidence && !latinGuesses[strings.ToLower(r.Encoding)] {
				enc, name = e, r.Encoding
			}
		}
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%w: not valid %s", ErrEncoding, name)
		}
		data = decoded
	}
	// A decoder may pass a sequence cut short at the end of the data
	// through as it is ("ū0\xc3", found by FuzzParse): every paragraph
	// must be UTF-8. (Data valid to begin with is not read again.)
	if !valid && !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if bad := bytes.Count(data, []byte("\uFFFD")); bad > 16 && bad*50 > utf8.RuneCount(data) {
		return nil, ErrEncoding
	}
	return data, nil
}

// declaresCharset reports whether an HTML page names its charset in a
// meta tag in its first 1024 bytes, where the HTML standard's prescan
// looks for it.
func declaresCharset(data []byte) bool {
	return metaCharset.Match(data[:min(len(data), 1024)])
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset`)

// checkLanguage refuses text that is not written language: random bytes
// that happen to hold no NUL decode to text, and would become hundreds of
// "paragraphs" and "quotations". Written language, in any script, is made
// of words: runs of letters or digits, with punctuation (quote marks,
// commas, percent signs, CJK full stops) around or inside them. Random
// bytes put control characters, symbols (+ < = > ^ | ~), private-use and
// unassigned code points inside nearly every run. The measure is the
// share of non-space characters that stand in clean words: those with a
// letter or digit and none of those characters.
func checkLanguage(paragraphs []string) error {
	clean, total := wordShare(paragraphs)
	if total == 0 {
		return ErrNoArticle
	}
	// Texts too short to judge pass. The margins are wide on both sides
	// (TestNotLanguageRefused, TestRealTextIsLanguage): 64 KB of random
	// bytes or random printable ASCII have about 1% of their characters in
	// clean words; the real pages and PolNeAR texts in ../shared/data at
	// least 51% (a text full of <tweet> markup).
	if total >= minJudged && float64(clean) < minClean*float64(total) {
		return fmt.Errorf("%w (%.0f%% of its characters in words)", ErrNotText, 100*float64(clean)/float64(total))
	}
	return nil
}

// wordShare counts the non-space characters of the paragraphs, and those
// of them that stand in clean words. It reads each paragraph once, rune by
// rune, without cutting it into words first: it runs on every article.
func wordShare(paragraphs []string) (clean, total int) {
	// n, letters, noise: the word being read; a space or the paragraph's
	// end ends it.
	n, letters, noise := 0, 0, false
	for _, p := range paragraphs {
		for i := 0; i <= len(p); {
			k := kindSpace // past the end
			if i < len(p) {
				if c := p[i]; c < utf8.RuneSelf {
					k = asciiKinds[c]
					i++
				} else {
					r, size := utf8.DecodeRuneInString(p[i:]) // as range reads it
					k = runeKind(r)
					i += size
				}
			} else {
				i++
			}
			switch k {
			case kindSpace:
				if n > 0 {
					total += n
					if letters > 0 && !noise {
						clean += n
					}
					n, letters, noise = 0, 0, false
				}
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

// The kinds of characters wordShare tells apart.
const (
	kindOther uint8 = iota // punctuation and the rest: in a word, neither
	kindSpace
	kindLetter // letters, marks, digits
	kindNoise  // controls, invalid bytes, private use, ASCII and Latin-1 symbols
)

func runeKind(r rune) uint8 {
	switch {
	case unicode.IsSpace(r):
		return kindSpace
	case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
		return kindLetter
	case unicode.IsPunct(r):
		return kindOther
	case unicode.IsControl(r), r == utf8.RuneError, unicode.Is(unicode.Co, r),
		unicode.IsSymbol(r) && r < 0x2000: // ASCII and Latin-1 symbols; emoji and arrows are text
		return kindNoise
	}
	return kindOther
}

// asciiKinds is runeKind for ASCII, looked up.
var asciiKinds = func() (t [utf8.RuneSelf]uint8) {
	for r := range t {
		t[r] = runeKind(rune(r))
	}
	return t
}()

// minJudged is the length below which checkLanguage does not judge a text,
// and minClean the share of characters in clean words that it asks.
const (
	minJudged = 200
	minClean  = 0.3
)
