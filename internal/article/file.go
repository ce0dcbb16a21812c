package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// MaxFileBytes bounds the size of one corpus file. The largest real page in
// ../shared/data is under 2 MB; 16 MB leaves room and keeps a stray archive
// or video from exhausting memory.
const MaxFileBytes = 16 << 20

// ReadFile reads one corpus file: HTML (.html, .htm, optionally .gz) through
// goquery, anything else as plain text with one paragraph a line.
func ReadFile(path string) (*Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
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
	ErrEmpty     = errors.New("empty file")
	ErrTooLarge  = fmt.Errorf("file larger than %d MB", MaxFileBytes>>20)
	ErrBinary    = errors.New("binary data, not text")
	ErrEncoding  = errors.New("text is not in a recognised character encoding")
	ErrNoArticle = errors.New("no article text found")
)

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

// toUTF8 decodes data to UTF-8 using, in order, a byte-order mark, the
// charset the page declares, and a guess. Text that still holds many
// replacement characters afterwards is refused rather than indexed as noise.
func toUTF8(data []byte, contentType string) ([]byte, error) {
	if !utf8.Valid(data) {
		enc, _, _ := charset.DetermineEncoding(data, contentType)
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, ErrEncoding
		}
		data = decoded
	}
	if bad := bytes.Count(data, []byte("\uFFFD")); bad > 16 && bad*50 > utf8.RuneCount(data) {
		return nil, ErrEncoding
	}
	return data, nil
}
