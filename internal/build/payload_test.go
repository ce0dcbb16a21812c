package build

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	gowarc "github.com/nlnwa/gowarc/v3"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"quotetrail/internal/article"
)

var charsetDecl = regexp.MustCompile(`(?i)<meta[^>]*charset[^>]*>`)

// TestWARCPayloads: pages as crawlers store them are read as the page
// itself: in the charset the HTTP header names (a real Czech page in
// Windows-1250 with its own declaration removed, which as a file is read
// as Windows-1252), chunked and gzipped, deflated, brotli-compressed,
// stored decoded under a Content-Encoding header, with no Content-Type,
// and as a resource record. A content encoding quotetrail does not read
// is named.
func TestWARCPayloads(t *testing.T) {
	pages := realPages(t, 1)
	page, _ := os.ReadFile(pages[0])
	want, err := article.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	czech, err := os.ReadFile("../../../shared/data/realhtml/readability/aktualne/source.html")
	if err != nil {
		t.Skip("../shared/data/realhtml is absent")
	}
	// The page in Windows-1250 (the few characters it lacks, such as
	// typographic quotes, become "?"), and the same bytes decoded by a
	// reader who knows the encoding.
	cp1250, err := encoding.ReplaceUnsupported(charmap.Windows1250.NewEncoder()).Bytes(charsetDecl.ReplaceAll(czech, nil))
	if err != nil {
		t.Fatal(err)
	}
	known, _ := charmap.Windows1250.NewDecoder().Bytes(cp1250)
	wantCzech, err := article.Parse(known)
	if err != nil {
		t.Fatal(err)
	}
	if a, err := article.Parse(cp1250); err == nil && slices.Equal(a.Paragraphs, wantCzech.Paragraphs) {
		t.Fatal("the undeclared Windows-1250 page reads right as a file: the test shows nothing")
	}
	var z, br bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(page)
	zw.Close()
	bw := brotli.NewWriter(&br)
	bw.Write(page)
	bw.Close()
	http := func(headers string, body []byte) string {
		return "HTTP/1.1 200 OK\r\n" + headers + "\r\n" + string(body)
	}
	recs := []warcRecord{
		{gowarc.Response, "https://a.example/cp1250", http("Content-Type: text/html; charset=windows-1250\r\n", cp1250)},
		{gowarc.Response, "https://a.example/chunked-gzip", http("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", []byte(chunked(gz(page))))},
		{gowarc.Response, "https://a.example/deflate", http("Content-Type: text/html\r\nContent-Encoding: deflate\r\n", z.Bytes())},
		{gowarc.Response, "https://a.example/br", http("Content-Type: text/html\r\nContent-Encoding: br\r\n", br.Bytes())},
		{gowarc.Response, "https://a.example/stored-decoded", http("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", page)},
		{gowarc.Response, "https://a.example/no-type", http("", page)},
		{gowarc.Resource, "https://a.example/resource", string(page)},
		{gowarc.Response, "https://a.example/zstd", http("Content-Type: text/html\r\nContent-Encoding: zstd\r\n", []byte("(\xb5/\xfd"))},
	}
	path := writeWARC(t, t.TempDir(), "payloads.warc.gz", true, recs)
	var got []string
	for it := range Items([]string{path}) {
		if it.Skip != "" {
			continue
		}
		ex, err := ExtractItem(it)
		w := want
		if it.URI == "https://a.example/cp1250" {
			w = wantCzech
		}
		switch {
		case it.URI == "https://a.example/zstd":
			if err == nil || !strings.Contains(err.Error(), `content encoding "zstd" is not one quotetrail reads`) {
				t.Errorf("%s: %v, want the encoding named", it.Name(), err)
			}
		case err != nil:
			t.Errorf("%s: %v", it.Name(), err)
		case !slices.Equal(ex.Article.Paragraphs, w.Paragraphs):
			t.Errorf("%s reads as %.200q…, want %.200q…", it.Name(), ex.Article.Paragraphs, w.Paragraphs)
		}
		got = append(got, filepath.Base(it.URI))
	}
	if fmt.Sprint(got) != "[cp1250 chunked-gzip deflate br stored-decoded no-type resource zstd]" {
		t.Errorf("records read: %v", got)
	}
}
