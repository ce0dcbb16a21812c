package build

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// realPages returns n real article pages of ../shared/data/realhtml (the
// readability set), in name order, each of which gives an article and no
// two the same (the set holds test pages that differ only in their
// markup), or skips the test without them.
func realPages(t testing.TB, n int) []string {
	t.Helper()
	pages, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	if len(pages) == 0 {
		t.Skip("../shared/data/realhtml is absent")
	}
	slices.Sort(pages)
	var out []string
	seen := newDedup()
	for _, p := range pages {
		if len(out) == n {
			break
		}
		ex, err := Extract(p)
		if err != nil {
			continue
		}
		if of, _ := seen.add(p, ex.Article, textHash(ex.Article.Paragraphs)); of == "" {
			out = append(out, p)
		}
	}
	return out
}

// targetURI is the address a test WARC gives the page of a file.
func targetURI(page string) string {
	return "https://crawl.example/" + filepath.Base(filepath.Dir(page)) + "/"
}

// fixedName names the one WARC file a test writes.
type fixedName struct{ dir, name string }

func (f fixedName) NewWarcfileName() (string, string) { return f.dir, f.name }

// warcRecord is one record for writeWARC: its type, target URI and block.
type warcRecord struct {
	typ   gowarc.RecordType
	uri   string
	block string
}

// response is an HTTP response record's block.
func response(status, contentType, body string) string {
	return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " +
		fmt.Sprint(len(body)) + "\r\n\r\n" + body
}

// pageRecords is what a crawler writes for each page: the request, then
// the response (the page as served, with no charset in its Content-Type,
// as often).
func pageRecords(t testing.TB, pages []string) []warcRecord {
	t.Helper()
	var out []warcRecord
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		u := targetURI(p)
		out = append(out,
			warcRecord{gowarc.Request, u, "GET /" + filepath.Base(filepath.Dir(p)) + "/ HTTP/1.1\r\nHost: crawl.example\r\n\r\n"},
			warcRecord{gowarc.Response, u, response("200 OK", "text/html", string(b))})
	}
	return out
}

// writeWARC writes the records with gowarc's own writer (with a warcinfo
// record first), gzipped a record a member when compress is set, and
// returns the file's path.
func writeWARC(t testing.TB, dir, name string, compress bool, recs []warcRecord) string {
	t.Helper()
	// The writer adds .gz to the names of the files it compresses.
	w := gowarc.NewWarcFileWriter(gowarc.WithFileNameGenerator(fixedName{dir, strings.TrimSuffix(name, ".gz")}), gowarc.WithCompression(compress),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			_, err := b.WriteString("software: quotetrail test\r\n")
			return err
		}))
	for _, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true))
		if _, err := b.WriteString(r.block); err != nil {
			t.Fatal(err)
		}
		b.AddWarcHeader(gowarc.WarcTargetURI, r.uri)
		b.AddWarcHeaderTime(gowarc.WarcDate, time.Date(2026, 2, 5, 12, 0, 0, 0, time.UTC))
		switch r.typ {
		case gowarc.Response:
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		case gowarc.Request:
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		default:
			b.AddWarcHeader(gowarc.ContentType, "text/html")
		}
		rec, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range w.Write(rec) {
			if res.Err != nil {
				t.Fatal(res.Err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, name)
}

// writeJSONL writes one line a page: {"url": target URI, "html": page}.
func writeJSONL(t testing.TB, path string, pages []string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		enc.Encode(map[string]string{"url": targetURI(p), "html": string(b)})
	}
	writeFile(t, path, buf.Bytes())
	return path
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// sameArticles checks that two builds of the same pages hold the same
// articles, quotations and utterance groups, byte for byte in the index,
// with stems set aside and with the URL of a page that names none taken
// from where the second build found it (urls, by the first build's
// article order).
func sameArticles(t *testing.T, what string, want, got *index.Index, urls []string) {
	t.Helper()
	norm := func(x *index.Index, urls []string) []byte {
		y := *x
		y.Articles = slices.Clone(x.Articles)
		for i := range y.Articles {
			y.Articles[i].Stem = ""
			if urls != nil && y.Articles[i].URL == "" {
				y.Articles[i].URL = urls[i]
			}
		}
		return index.Marshal(&y)
	}
	if len(want.Articles) != len(got.Articles) || len(want.Quotes) != len(got.Quotes) {
		t.Fatalf("%s: %d articles, %d quotations; the files give %d and %d", what,
			len(got.Articles), len(got.Quotes), len(want.Articles), len(want.Quotes))
	}
	if !bytes.Equal(norm(want, urls), norm(got, nil)) {
		for i := range want.Articles {
			a, b := want.Articles[i], got.Articles[i]
			a.Stem, b.Stem = "", ""
			if a.URL == "" && urls != nil {
				a.URL = urls[i]
			}
			if sa, sb := fmt.Sprint(a), fmt.Sprint(b); sa != sb {
				t.Errorf("%s: article %d differs:\nfiles: %.300s\n got:  %.300s", what, i, sa, sb)
				break
			}
		}
		t.Fatalf("%s: the index differs from the files' (stems and missing URLs set aside)", what)
	}
}

// TestWARCAndJSONLAsFiles is the measure: a build from a WARC of
// real pages (with the requests, a warcinfo, and records that are not
// articles around them), plain or gzipped a record a member or gzipped
// whole, and from JSON Lines of the same pages, gives the same articles
// and the same answers as the build from the pages as files. A page that
// names no URL of its own takes the record's target URI.
func TestWARCAndJSONLAsFiles(t *testing.T) {
	pages := realPages(t, 40)
	dir := t.TempDir()
	// A page that gives no article is left out alike, named, from
	// every kind of input.
	pages = append(pages, "testdata/no-article.html") // a page of links only
	want, ws := Build(pages)
	if len(want.Articles) != len(pages)-1 || len(ws.Bad) != 1 || len(ws.Duplicates) != 0 {
		t.Fatalf("%d articles from %d real pages, bad %v, duplicates %v", len(want.Articles), len(pages), ws.Bad, ws.Duplicates)
	}
	// The URL each article of the files' build gets from the WARC.
	var urls []string
	for _, f := range pages[:len(pages)-1] {
		urls = append(urls, targetURI(f))
	}
	noURL := 0
	for _, a := range want.Articles {
		if a.URL == "" {
			noURL++
		}
	}
	if noURL == 0 || noURL == len(want.Articles) {
		t.Fatalf("%d of %d pages name no URL: the test needs some of each", noURL, len(want.Articles))
	}

	recs := pageRecords(t, pages)
	// Around the pages, records a crawl holds that are not articles.
	recs = append(recs[:4:4], append([]warcRecord{
		{gowarc.Response, "https://crawl.example/logo.png", response("200 OK", "image/png", "\x89PNG\r\n\x1a\n")},
		{gowarc.Response, "https://crawl.example/gone/", response("404 Not Found", "text/html", "<html><body><p>Not found</p></body></html>")},
		{gowarc.Response, "https://crawl.example/moved", response("301 Moved Permanently", "text/html", "")},
	}, recs[4:]...)...)
	plain := writeWARC(t, dir, "crawl.warc", false, recs)
	perRecord := writeWARC(t, dir, "crawl.warc.gz", true, recs)
	raw, _ := os.ReadFile(plain)
	whole := filepath.Join(dir, "whole.warc.gz")
	writeFile(t, whole, gz(raw))
	jsonl := writeJSONL(t, filepath.Join(dir, "pages.jsonl"), pages)
	jsonlGz := filepath.Join(dir, "pages.jsonl.gz")
	raw, _ = os.ReadFile(jsonl)
	writeFile(t, jsonlGz, gz(raw))

	for _, in := range []string{plain, perRecord, whole, jsonl, jsonlGz} {
		got, s := Build([]string{in})
		sameArticles(t, filepath.Base(in), want, got, urls)
		c := s.Files[0]
		if c.Articles != len(want.Articles) || c.Bad != len(ws.Bad) || c.Duplicates != 0 {
			t.Errorf("%s: counts %+v, want %d articles and %d bad like the files", filepath.Base(in), c, len(want.Articles), len(ws.Bad))
		}
		if k, _ := KindOf(in); k == WARC {
			wantSkips := map[string]int{"warcinfo records": 1, "request records": len(pages), "not HTML": 1, "HTTP status other than 200": 2}
			if fmt.Sprint(c.Skipped) != fmt.Sprint(wantSkips) {
				t.Errorf("%s: skipped %v, want %v", filepath.Base(in), c.Skipped, wantSkips)
			}
		}
		// The same answers: every quotation of the files' build, looked
		// up in both, is carried by the same outlets with the same words.
		we, ge := match.New(want), match.New(got)
		for i, q := range want.Quotes {
			if i%7 != 0 {
				continue
			}
			a, b := we.Entries(we.Lookup(q.Text)), ge.Entries(ge.Lookup(q.Text))
			for j := range a {
				a[j].Article, a[j].URL = "", ""
			}
			for j := range b {
				b[j].Article, b[j].URL = "", ""
			}
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("%s: lookup %q: %v, the files give %v", filepath.Base(in), q.Text, b, a)
				break
			}
		}
	}
}

// TestOneArticleAcrossInputs: the same page in a folder, in a WARC and in
// JSON Lines is one article, kept from the first input; the others are
// named as duplicates of it, by URL or by text.
func TestOneArticleAcrossInputs(t *testing.T) {
	pages := realPages(t, 3)
	dir := t.TempDir()
	page, _ := os.ReadFile(pages[0])
	folder := filepath.Join(dir, "saved", "story.html")
	writeFile(t, folder, page)
	warc := writeWARC(t, dir, "crawl.warc.gz", true, pageRecords(t, pages[:2]))
	jsonl := writeJSONL(t, filepath.Join(dir, "lines.jsonl"), pages[:1])
	x, s := Build([]string{folder, warc, jsonl})
	if len(x.Articles) != 2 {
		t.Errorf("%d articles, want 2 (the first page once, and the second)", len(x.Articles))
	}
	if len(s.Duplicates) != 2 {
		t.Fatalf("duplicates %+v, want the WARC's and the line's copy of %s", s.Duplicates, folder)
	}
	for i, d := range s.Duplicates {
		want := []string{warc + " record 3 (" + targetURI(pages[0]) + ")", jsonl + " line 1"}[i]
		if d.File != want || d.Of != folder {
			t.Errorf("duplicate %d: %+v, want %s of %s", i, d, want, folder)
		}
	}
	if s.Files[1].Duplicates != 1 || s.Files[1].Articles != 1 || s.Files[2].Duplicates != 1 {
		t.Errorf("counts %+v", s.Files)
	}
}

// TestFoldersOfFolders: the user's report, saved pages in a folder of
// folders, is read: .html, .htm and .html.gz at any depth, in path order;
// the resource folders browsers save beside a page (page_files/, with
// the page's frames in it) and files of other kinds are counted, not
// read; two pages named alike in two folders get stems that tell them
// apart.
func TestFoldersOfFolders(t *testing.T) {
	pages := realPages(t, 4)
	dir := t.TempDir()
	read := func(i int) []byte { b, _ := os.ReadFile(pages[i]); return b }
	writeFile(t, filepath.Join(dir, "2026", "02", "story", "index.html"), read(0))
	writeFile(t, filepath.Join(dir, "2026", "03", "story", "index.htm"), read(1))
	writeFile(t, filepath.Join(dir, "2026", "03", "other.html.gz"), gz(read(2)))
	writeFile(t, filepath.Join(dir, "saved.html"), read(3))
	writeFile(t, filepath.Join(dir, "saved_files", "frame.html"), []byte("<html><body><p>An advertisement in a frame.</p></body></html>"))
	writeFile(t, filepath.Join(dir, "saved_files", "style.css"), []byte("p{}"))
	writeFile(t, filepath.Join(dir, "2026", "notes.pdf"), []byte("%PDF-1.4"))
	writeFile(t, filepath.Join(dir, ".hidden", "x.html"), read(0))

	l, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026/02/story/index.html", "2026/03/other.html.gz", "2026/03/story/index.htm", "saved.html"}
	var got []string
	for _, f := range l.Files {
		rel, _ := filepath.Rel(dir, f)
		got = append(got, filepath.ToSlash(rel))
	}
	if !slices.Equal(got, want) {
		t.Errorf("listed %v, want %v", got, want)
	}
	if fmt.Sprint(l.Ignored) != fmt.Sprint(map[string]int{".pdf": 1, "resource folders of saved pages": 1}) {
		t.Errorf("ignored %v", l.Ignored)
	}
	x, s := Build(l.Files)
	if len(s.Bad) != 0 || len(x.Articles) != 4 {
		t.Fatalf("%d articles, bad %v", len(x.Articles), s.Bad)
	}
	var names []string
	for _, a := range x.Articles {
		names = append(names, a.Stem)
	}
	if !slices.Equal(names, []string{"02/story/index", "other", "03/story/index", "saved"}) {
		t.Errorf("stems %q", names)
	}
	// The same pages as plain files, in the same order: the same articles.
	flat, _ := Build([]string{pages[0], pages[2], pages[1], pages[3]})
	sameArticles(t, "folders of folders", flat, x, nil)

	// A symbolic link back up the tree is walked once.
	if err := os.Symlink(dir, filepath.Join(dir, "2026", "loop")); err == nil {
		if l2, err := List(dir); err != nil || len(l2.Files) != 4 {
			t.Errorf("with a link loop: %d files, %v", len(l2.Files), err)
		}
	}
}

func TestStems(t *testing.T) {
	got := stems([]string{"c/a/index.html", "c/b/index.html", "x/a.html", "x/a.txt", "y/solo.html.gz", "crawl.warc.gz", "/abs/c/a/index.htm"})
	want := []string{"c/a/index", "b/index", "x/a", "x/a~2", "solo", "crawl", "abs/c/a/index"}
	if !slices.Equal(got, want) {
		t.Errorf("stems %q, want %q", got, want)
	}
	if got := stems([]string{"corpus/000_8d0c55f5cc4335ee.html"}); got[0] != "000_8d0c55f5cc4335ee" {
		t.Errorf("a lone file's stem is %q, its name", got[0])
	}
}

// TestListNamedFile: a file named on its own is listed when of a kind
// quotetrail reads, refused with the kinds otherwise.
func TestListNamedFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.warc.gz", "b.jsonl", "c.HTML", "d.txt.gz"} {
		writeFile(t, filepath.Join(dir, n), []byte("x"))
		if l, err := List(filepath.Join(dir, n)); err != nil || len(l.Files) != 1 {
			t.Errorf("%s: %v %v", n, l.Files, err)
		}
	}
	writeFile(t, filepath.Join(dir, "e.pdf"), []byte("x"))
	if _, err := List(filepath.Join(dir, "e.pdf")); err == nil || !strings.Contains(err.Error(), ".warc") {
		t.Errorf("a .pdf named on its own: %v", err)
	}
}

// TestBuildParallelRecords: with WARC and JSON Lines files among the
// inputs the index is the same, byte for byte, whatever the number of
// workers, and progress only goes forward and ends with every file and
// byte read.
func TestBuildParallelRecords(t *testing.T) {
	pages := realPages(t, 24)
	dir := t.TempDir()
	files := []string{
		writeWARC(t, dir, "a.warc.gz", true, pageRecords(t, pages[:12])),
		pages[12],
		writeJSONL(t, filepath.Join(dir, "b.jsonl"), pages[13:]),
		writeWARC(t, dir, "c.warc", false, pageRecords(t, pages[:3])), // duplicates of a's
	}
	x1, s1 := BuildWith(files, Options{Workers: 1})
	var calls []Progress
	x4, s4 := BuildWith(files, Options{Workers: 4, Progress: func(p Progress) { calls = append(calls, p) }})
	if string(index.Marshal(x1)) != string(index.Marshal(x4)) {
		t.Error("the index differs between 1 and 4 workers")
	}
	s1.State.Started, s4.State.Started = 0, 0 // when each began
	if fmt.Sprint(s1) != fmt.Sprint(s4) || len(x4.Articles) != 24 || len(s4.Duplicates) != 3 {
		t.Errorf("%d articles; summaries: 1 worker %+v, 4 workers %+v", len(x4.Articles), s1, s4)
	}
	for i := 1; i < len(calls); i++ {
		a, b := calls[i-1], calls[i]
		if b.Read < a.Read || b.Files < a.Files || b.Bytes < a.Bytes {
			t.Fatalf("progress went back: %+v then %+v", a, b)
		}
	}
	last := calls[len(calls)-1]
	if last.Read != 27 || last.Files != 4 || last.Bytes != last.BytesTotal || last.FilesTotal != 4 {
		t.Errorf("last progress %+v, want 27 read, 4 of 4 files, every byte", last)
	}
}
