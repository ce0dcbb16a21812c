package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// buildWith runs build with a stand-in engine and the given -corpus
// arguments (and any other flags).
func buildWith(t *testing.T, args ...string) (dist, stdout, stderr string, code int) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "engine.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644)
	os.WriteFile(filepath.Join(dir, "wasm_exec.js"), []byte("// stand-in\n"), 0o644)
	dist = filepath.Join(dir, "dist")
	args = append([]string{"build", "-www", "../../www", "-wasm", filepath.Join(dir, "engine.wasm"), "-out", dist}, args...)
	stdout, stderr, code = runCmd(t, args...)
	return
}

func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func seed(t *testing.T, n int) []byte {
	t.Helper()
	pages, _ := filepath.Glob("../../corpus/*.html")
	b, err := os.ReadFile(pages[n])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type fixedWARCName struct{ dir, name string }

func (f fixedWARCName) NewWarcfileName() (string, string) { return f.dir, f.name }

// writeCrawl writes path (ending in .warc.gz) with gowarc's writer: for
// each page a request and a 200 text/html response, and an image.
func writeCrawl(t *testing.T, path string, pages map[string][]byte) {
	t.Helper()
	w := gowarc.NewWarcFileWriter(gowarc.WithFileNameGenerator(fixedWARCName{filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), ".gz")}))
	add := func(typ gowarc.RecordType, uri, contentType, block string) {
		b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true))
		b.WriteString(block)
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		b.AddWarcHeaderTime(gowarc.WarcDate, time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC))
		b.AddWarcHeader(gowarc.ContentType, contentType)
		rec, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range w.Write(rec) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	resp := func(ct string, body []byte) string {
		return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", ct, len(body), body)
	}
	for _, uri := range sortedKeys(pages) {
		add(gowarc.Request, uri, "application/http;msgtype=request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		add(gowarc.Response, uri, "application/http;msgtype=response", resp("text/html; charset=utf-8", pages[uri]))
	}
	add(gowarc.Response, "https://crawl.example/logo.png", "application/http;msgtype=response", resp("image/png", []byte("\x89PNG\r\n\x1a\n")))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestBuildFolderOfFolders is the user's report: twenty saved news pages
// copied into a folder of folders gave "holds no .html or .txt files".
// Now the pages are read at any depth (.html, .htm, .html.gz), the
// folders browsers save beside pages and files of other kinds are
// counted, not read, and the table says so.
func TestBuildFolderOfFolders(t *testing.T) {
	corpus := t.TempDir()
	mustWrite(t, filepath.Join(corpus, "world", "asia", "xi-trump.html"), seed(t, 0))
	mustWrite(t, filepath.Join(corpus, "world", "asia", "xi-trump_files", "ad-frame.html"), []byte("<html><body><p>Buy now.</p></body></html>"))
	mustWrite(t, filepath.Join(corpus, "world", "asia", "xi-trump_files", "site.css"), []byte("p{}"))
	mustWrite(t, filepath.Join(corpus, "world", "us", "call.htm"), seed(t, 1))
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(seed(t, 2))
	zw.Close()
	mustWrite(t, filepath.Join(corpus, "2026", "02", "05", "nepal.html.gz"), z.Bytes())
	mustWrite(t, filepath.Join(corpus, "2026", "02", "05", "vidia", "index.html"), seed(t, 3))
	mustWrite(t, filepath.Join(corpus, "2026", "02", "06", "ndtv", "index.html"), seed(t, 4))
	mustWrite(t, filepath.Join(corpus, "2026", "notes.pdf"), []byte("%PDF-1.4"))

	dist, out, errOut, code := buildWith(t, "-corpus", corpus)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "5 articles") {
		t.Errorf("summary: %s", out)
	}
	row := regexp.MustCompile(regexp.QuoteMeta(corpus) + `\s+5\s+5\s+0\s+0\s+2 files \(1 \.pdf, 1 resource folders of saved pages\)`)
	if !row.MatchString(out) {
		t.Errorf("no table row for %s saying 5 read, 5 articles, 2 files not read:\n%s", corpus, out)
	}
	// Pages named alike in two folders are two articles, told apart.
	data, _ := os.ReadFile(filepath.Join(dist, "articles.json"))
	for _, stem := range []string{`"stem":"vidia/index"`, `"stem":"ndtv/index"`} {
		if !strings.Contains(string(data), stem) {
			t.Errorf("articles.json lacks %s", stem)
		}
	}
	out, _, code = runCmd(t, "lookup", "-index", filepath.Join(dist, "index.qti"), "The U.S. must handle the issue of arms sales to Taiwan with prudence")
	if code != 0 || !strings.Contains(out, "3 outlets carried it") {
		t.Errorf("lookup: exit %d\n%s", code, out)
	}
}

// TestBuildNothingToRead: a folder with nothing quotetrail reads says what
// it reads and what the folder holds instead, and exits 2.
func TestBuildNothingToRead(t *testing.T) {
	corpus := t.TempDir()
	mustWrite(t, filepath.Join(corpus, "scans", "page1.pdf"), []byte("%PDF-1.4"))
	_, _, errOut, code := buildWith(t, "-corpus", corpus)
	if code != 2 || !strings.Contains(errOut, "holds no file quotetrail reads (.html") || !strings.Contains(errOut, "1 .pdf") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	_, _, errOut, code = buildWith(t, "-corpus", filepath.Join(corpus, "scans", "page1.pdf"))
	if code != 2 || !strings.Contains(errOut, "not a folder nor a kind of file quotetrail reads") {
		t.Errorf("a .pdf named: exit %d: %s", code, errOut)
	}
}

// TestBuildSeveralInputs: -corpus given three times, a folder, a WARC and
// JSON Lines, builds one index; the same article in two inputs is one
// (the WARC's copy of a seed page is a duplicate); a bad line is named
// with its number; the table has a row for each input, and the progress
// (a corpus with a WARC) counts articles and bytes.
func TestBuildSeveralInputs(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "saved")
	for i := range 3 {
		mustWrite(t, filepath.Join(folder, fmt.Sprintf("page%d.html", i)), seed(t, i))
	}
	warc := filepath.Join(dir, "crawl.warc.gz")
	writeCrawl(t, warc, map[string][]byte{
		"https://www.ndtv.com/world-news/x":   seed(t, 4),
		"https://vidianews.example/2026/2/5":  seed(t, 3),
		"https://risingnepaldaily.com/copied": seed(t, 2), // the folder's page2, again
	})
	line, _ := json.Marshal(map[string]string{
		"url": "https://wire.example/2026/02/05/xi-trump", "title": "Xi and Trump speak", "outlet": "Wire Example", "published": "2026-02-05",
		"text": "Chinese President Xi Jinping told U.S. President Donald Trump on Wednesday that \"the U.S. must handle the issue of arms sales to Taiwan with prudence,\" state media reported.",
	})
	jsonl := filepath.Join(dir, "lines.jsonl")
	mustWrite(t, jsonl, []byte(string(line)+"\n{not json\n"))

	dist, out, errOut, code := buildWith(t, "-corpus", folder, "-corpus", warc, "-corpus", jsonl)
	if code != 1 {
		t.Errorf("exit %d, want 1 when a line was left out\n%s", code, errOut)
	}
	for _, want := range []string{
		jsonl + " line 2: not JSON",
		warc + " record 2 (https://risingnepaldaily.com/copied): the same article as " + filepath.Join(folder, "page2.html") + " (same URL)",
		"quotetrail build: read 3 articles; 3 of 5 files, ",
		"quotetrail build: read 8 articles; 5 of 5 files, ",
		"(100%)\nquotetrail build: grouping quotations across articles…",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	for _, row := range []string{
		regexp.QuoteMeta(folder) + `\s+3\s+3\s+0\s+0\s+-`,
		regexp.QuoteMeta(warc) + `\s+3\s+2\s+1\s+0\s+4 records \(3 request records, 1 not HTML\)`,
		regexp.QuoteMeta(jsonl) + `\s+2\s+1\s+0\s+1\s+-`,
	} {
		if !regexp.MustCompile(row).MatchString(out) {
			t.Errorf("no table row like %s:\n%s", row, out)
		}
	}
	if !strings.Contains(out, "6 articles") || !strings.Contains(out, "1 files or records left out") || !strings.Contains(out, "1 duplicates left out") {
		t.Errorf("summary: %s", out)
	}
	// Four outlets carry the quotation: three pages and the wire line.
	out, _, code = runCmd(t, "lookup", "-json", "-index", filepath.Join(dist, "index.qti"), "The U.S. must handle the issue of arms sales to Taiwan with prudence")
	var res struct {
		Matches []struct{ Outlet, Article, URL string }
	}
	json.Unmarshal([]byte(out), &res)
	outlets := map[string]string{}
	for _, m := range res.Matches {
		outlets[m.Outlet] = m.Article
	}
	if code != 0 || outlets["Wire Example"] != "lines#1" || len(outlets) != 4 {
		t.Errorf("lookup: %s", out)
	}
}

// TestExtractWARCAndJSONL: extract reads a WARC (every HTML page in it,
// numbered by record), JSON Lines from standard input, and a folder.
func TestExtractWARCAndJSONL(t *testing.T) {
	dir := t.TempDir()
	warc := filepath.Join(dir, "crawl.warc.gz")
	writeCrawl(t, warc, map[string][]byte{"https://a.example/1": seed(t, 0), "https://b.example/2": seed(t, 3)})
	out, errOut, code := runCmd(t, "extract", "-json", warc)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var recs []extractRecord
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r extractRecord
		json.Unmarshal([]byte(l), &r)
		recs = append(recs, r)
	}
	if len(recs) != 2 || recs[0].File != warc || recs[0].Record != 2 || recs[1].Record != 4 || recs[1].Article.Outlet != "Daily The Destination" || len(recs[1].Quotes) == 0 {
		t.Errorf("extract -json of a WARC: %.400s", out)
	}
	if !strings.Contains(errOut, warc+": not read: 3 records (2 request records, 1 not HTML)") {
		t.Errorf("stderr: %s", errOut)
	}

	line, _ := json.Marshal(map[string]string{"url": "https://a.example/1", "html": string(seed(t, 0))})
	var o, e bytes.Buffer
	code = run([]string{"extract", "-json", "-"}, bytes.NewReader(append(line, '\n')), &o, &e)
	var r extractRecord
	json.Unmarshal(o.Bytes(), &r)
	if code != 0 || r.File != "-" || r.Record != 1 || r.Article == nil || r.Article.Outlet != "The Washington Times" {
		t.Errorf("extract - (JSON Lines): exit %d, %s %s", code, o.String(), e.String())
	}

	mustWrite(t, filepath.Join(dir, "sub", "p.htm"), seed(t, 1))
	out, _, code = runCmd(t, "extract", dir)
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "sub", "p.htm")+"\n") || !strings.Contains(out, warc+" record 4 (https://b.example/2)") {
		t.Errorf("extract DIR: exit %d\n%s", code, out)
	}
}
