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
	name := strings.ToLower(path)
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("not a valid gzip file: %w", err)
		}
		data, err = io.ReadAll(io.LimitReader(zr, MaxFileBytes+1))
		if err != nil {
			return nil, fmt.Errorf("damaged gzip data: %w", err)
		}
		name = strings.TrimSuffix(name, ".gz")
	}
	switch filepath.Ext(name) {
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
	ErrNotText    = errors.New("not language: too few letters among its characters")
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

// minDetectConfidence is the detector's confidence below which a file's
// encoding is called unknown rather than guessed.
const minDetectConfidence = 0.5

// toUTF8 decodes data to UTF-8 using, in order, a byte-order mark, the
// charset the page declares, and the statistical detector (a Go port of
// Python's chardet) for pages that declare none: without it a GBK or
// Shift_JIS page would be read as Windows-1252 and indexed as mojibake.
// Text that still holds many replacement characters afterwards is refused
// rather than indexed as noise.
func toUTF8(data []byte, contentType string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		enc, name, certain := charset.DetermineEncoding(data, contentType)
		if !certain && !declaresCharset(data) {
			r := chardet.Detect(data[:min(len(data), detectBytes)])
			e, _ := charset.Lookup(r.Encoding)
			if e == nil || r.Confidence < minDetectConfidence {
				return nil, fmt.Errorf("%w: none declared, and the detector is not sure (%s, confidence %.2f)", ErrEncoding, orUnknown(r.Encoding), r.Confidence)
			}
			enc, name = e, r.Encoding
		}
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%w: not valid %s", ErrEncoding, name)
		}
		data = decoded
	}
	if bad := bytes.Count(data, []byte("\uFFFD")); bad > 16 && bad*50 > utf8.RuneCount(data) {
		return nil, ErrEncoding
	}
	return data, nil
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
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
// "paragraphs" and "quotations". Written language, in any script, is
// mostly letters (Han, kana and Hangul are letters too) with some digits,
// spaces and punctuation; control characters are rare. Random bytes give
// about 12% control characters and, in printable ASCII, 40% symbols.
func checkLanguage(paragraphs []string) error {
	var letters, others, controls int
	for _, p := range paragraphs {
		for _, r := range p {
			switch {
			case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
				letters++
			case unicode.IsSpace(r):
			case unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Co, r):
				controls++
				others++
			default:
				others++
			}
		}
	}
	total := letters + others
	if total == 0 {
		return ErrNoArticle
	}
	// Thresholds leave a wide margin on both sides: the 311 real pages in
	// ../shared/data are at least 0.85 letters; random printable ASCII is 0.65.
	if float64(letters) < 0.75*float64(total) || controls*100 > total {
		return fmt.Errorf("%w (%.0f%% letters, %d control characters in %d)", ErrNotText, 100*float64(letters)/float64(total), controls, total)
	}
	return nil
}
