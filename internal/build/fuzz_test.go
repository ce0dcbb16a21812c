package build

import (
	"bytes"
	"fmt"

	gowarc "github.com/nlnwa/gowarc/v3"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzJSONLine: any line gives an article or an error, never a panic; an
// article has text, and a URL only when it is a web address.
func FuzzJSONLine(f *testing.F) {
	for _, s := range []string{
		`{"url": "https://news.example/a", "html": "<html><body><article><p>\"We will act,\" the minister said on Monday.</p></article></body></html>"}`,
		`{"url": "javascript:alert(1)", "title": "T", "outlet": "O", "published": "2026-02-05", "text": "One line.\nTwo lines, \"quoted,\" she said."}`,
		`{"authors": ["A", "", "B"], "maintext": "Text.", "date_publish": "2026-02-05 10:00:00"}`,
		`[1, 2]`, `null`, `{"html": 3}`, `{"text": "\u0000\ufffd"}`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		a, err := parseJSONLine(line)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error with no reason")
			}
			return
		}
		if len(a.Paragraphs) == 0 {
			t.Fatal("an article with no paragraph")
		}
		if a.URL != "" && !strings.HasPrefix(a.URL, "http://") && !strings.HasPrefix(a.URL, "https://") {
			t.Fatalf("URL %q", a.URL)
		}
	})
}

// FuzzJSONLines: the line reader returns every line of the stream, each
// at its offset, numbered in order; it never loses or invents bytes.
func FuzzJSONLines(f *testing.F) {
	for _, s := range []string{"a\nb\r\n\nc", "", "\n\n", "{\"x\":1}\n{\"y\"", strings.Repeat("x", 70000) + "\ny"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l := newLineReader(bytes.NewReader(data))
		var next int64
		for n := 1; ; n++ {
			line, off, err := l.next()
			if err != nil {
				if off != int64(len(data)) || l.n != n-1 {
					t.Fatalf("stopped at %d (line %d) of %d bytes: %v", off, l.n, len(data), err)
				}
				return
			}
			if off != next || l.n != n || !bytes.HasPrefix(data[off:], line) {
				t.Fatalf("line %d at %d (want %d): %q", l.n, off, next, line)
			}
			next = l.off
			// A line ends with \n or \r\n, or with \r or nothing at the end.
			rest := string(data[off+int64(len(line)) : next])
			if rest != "\n" && rest != "\r\n" && (next != int64(len(data)) || rest != "" && rest != "\r") {
				t.Fatalf("line %d ends with %q", n, rest)
			}
		}
	})
}

// FuzzWARC: reading any bytes as a WARC file (plain or .gz) ends, never
// panics, and gives items numbered in order, each an article's data, a
// skip or an error with a reason.
func FuzzWARC(f *testing.F) {
	// Small seeds: the fuzzer mutates whole inputs, and a real page's
	// 14 KB made it crawl.
	dir := f.TempDir()
	recs := []warcRecord{
		{gowarc.Request, "https://news.example/a", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"},
		{gowarc.Response, "https://news.example/a", response("200 OK", "text/html; charset=utf-8", "<html><body><p>\"We act,\" he said.</p></body></html>")},
		{gowarc.Response, "https://news.example/b", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked(gz([]byte("<p>Text.</p>")))},
		{gowarc.Resource, "https://news.example/c", "<p>A resource.</p>"},
	}
	for _, gzip := range []bool{false, true} {
		name := "seed.warc"
		if gzip {
			name += ".gz"
		}
		data, err := os.ReadFile(writeWARC(f, dir, name, gzip, recs))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, gzip)
		f.Add(data[:len(data)/2], gzip)
	}
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"), false)
	f.Add([]byte("\x1f\x8b\x08\x00garbage"), true)
	f.Fuzz(func(t *testing.T, data []byte, gz bool) {
		prev := 0
		readWARC(bytes.NewReader(data), gz, Item{File: "fuzz.warc", Kind: WARC}, func(it Item) bool {
			if it.Record < prev || it.Record > prev+1 {
				t.Fatalf("record %d after %d", it.Record, prev)
			}
			prev = it.Record
			set := 0
			for _, b := range []bool{it.Err != nil, it.Skip != "", it.Data != nil} {
				if b {
					set++
				}
			}
			if set != 1 {
				t.Fatalf("record %d: err %v, skip %q, %d bytes of data", it.Record, it.Err, it.Skip, len(it.Data))
			}
			if it.Err != nil && it.Err.Error() == "" || !utf8.ValidString(it.Skip) {
				t.Fatal("a reason that says nothing")
			}
			return true
		})
	})
}

// chunked writes data in HTTP's chunked transfer coding, in two chunks.
func chunked(data []byte) string {
	h := len(data) / 2
	return fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", h, data[:h], len(data)-h, data[h:])
}
