package build

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// badOf returns the reasons given for the items whose names start with
// prefix, by name.
func badOf(s Summary, prefix string) map[string]string {
	out := map[string]string{}
	for _, b := range s.Bad {
		if strings.HasPrefix(b.File, prefix) {
			out[b.File] = b.Err.Error()
		}
	}
	return out
}

// TestDamagedWARCNamed: a record whose bytes were changed (its block
// digest no longer matches), bytes between records that are no record, a
// .warc.gz cut short and a file that is no WARC at all are each named,
// with the file, the record's number and target URI and the reason; the
// other records and the other inputs are read, and the counts say so.
func TestDamagedWARCNamed(t *testing.T) {
	pages := realPages(t, 4)
	dir := t.TempDir()
	recs := pageRecords(t, pages[:3])
	// Records: 1 warcinfo, then request and response for each page
	// (responses are records 3, 5, 7).

	// A changed byte in the second page's body.
	changed := writeWARC(t, dir, "changed.warc", false, recs)
	data, _ := os.ReadFile(changed)
	body, _ := os.ReadFile(pages[1])
	i := bytes.Index(data, body[len(body)/2:len(body)/2+40])
	if i < 0 {
		t.Fatal("the page is not in the WARC as it is")
	}
	data[i] ^= 0x20
	writeFile(t, changed, data)

	// Bytes that are no record between the first page's records.
	junk := writeWARC(t, dir, "junk.warc", false, recs)
	data, _ = os.ReadFile(junk)
	at := bytes.Index(data, []byte("WARC/1.1\r\nWARC-Type: response"))
	data = append(data[:at:at], append([]byte("this line is no WARC record\r\n"), data[at:]...)...)
	writeFile(t, junk, data)

	// A .warc.gz cut in the middle of the third page's response.
	cut := writeWARC(t, dir, "cut.warc.gz", true, recs)
	data, _ = os.ReadFile(cut)
	var last int64
	for it := range Items([]string{cut}) {
		last = it.Offset
	}
	writeFile(t, cut, data[:(last+int64(len(data)))/2])

	// An HTML page named .warc.
	notWARC := filepath.Join(dir, "page.warc")
	page, _ := os.ReadFile(pages[3])
	writeFile(t, notWARC, page)

	x, s := Build([]string{changed, junk, cut, notWARC, pages[3]})
	uri := func(i int) string { return " (" + targetURI(pages[i]) + ")" }
	for _, c := range []struct {
		file, name, reason string
		articles           int
	}{
		{changed, changed + " record 5" + uri(1), "damaged WARC record: block: wrong digest", 2},
		{junk, junk + " record 3" + uri(0), "29 bytes before this record are not a WARC record", 3},
		{cut, cut + " record 7", "unexpected EOF; the rest of the file is not read", 2},
		{notWARC, notWARC + " record 1", "not a WARC file", 0},
	} {
		bad := badOf(s, c.file+" ")
		if len(bad) != 1 || !strings.Contains(bad[c.name], c.reason) {
			t.Errorf("%s: left out %v, want %s: …%s…", filepath.Base(c.file), bad, c.name, c.reason)
		}
		k := s.Files[slices.Index([]string{changed, junk, cut, notWARC}, c.file)]
		if k.Articles+k.Duplicates != c.articles || k.Bad != 1 {
			t.Errorf("%s: counts %+v, want %d articles (new or duplicates) and 1 left out", filepath.Base(c.file), k, c.articles)
		}
	}
	// The page file after them is read; the three pages in the WARCs
	// are three articles.
	if s.Files[4].Articles != 1 || len(x.Articles) != 3+1 {
		t.Errorf("%d articles; counts %+v", len(x.Articles), s.Files)
	}
}

// TestBadJSONLinesNamed: a line that is not JSON, not an object, or has
// neither html nor text is named with its line number and the reason; the
// other lines are read, a text line with its metadata (the date reduced to
// YYYY-MM-DD); a .jsonl.gz cut short keeps the lines before the cut and
// names the line where it stops.
func TestBadJSONLinesNamed(t *testing.T) {
	pages := realPages(t, 2)
	dir := t.TempDir()
	page, _ := os.ReadFile(pages[0])
	htmlLine, _ := json.Marshal(map[string]string{"url": targetURI(pages[0]), "html": string(page)})
	textLine, _ := json.Marshal(map[string]any{
		"url": "https://news.example/2026/02/05/talks", "title": "Talks go on", "outlet": "News Example",
		"published": "2026-02-05T09:30:00Z", "authors": []string{"A. Writer", "B. Writer"},
		"text": "The talks went on into the night, officials said.\n\n\"We are close to an agreement,\" the minister told reporters on Thursday.\nOthers were less sure.",
	})
	lines := strings.Join([]string{
		string(htmlLine),
		`{"url": "https://news.example/a", "html": "<p>unterminated`,
		``,
		`["an", "array"]`,
		`{"url": "https://news.example/b", "title": "No body"}`,
		string(textLine),
		`{"html": 3}`,
		`{"date": 1770000000, "source_domain": "wire.example", "maintext": "The minister said the talks would go on, and that a decision was near."}`,
	}, "\n") + "\n"
	path := filepath.Join(dir, "lines.jsonl")
	writeFile(t, path, []byte(lines))
	x, s := Build([]string{path})
	bad := badOf(s, path)
	for name, reason := range map[string]string{
		path + " line 2": "not JSON",
		path + " line 4": "not a JSON object",
		path + " line 5": `no "html" or "text" field`,
		path + " line 7": `"html" is not a string`,
	} {
		if !strings.Contains(bad[name], reason) {
			t.Errorf("%s: %q, want …%s…", name, bad[name], reason)
		}
	}
	if len(bad) != 4 || len(x.Articles) != 3 || s.Files[0].Articles != 3 || s.Files[0].Bad != 4 {
		t.Fatalf("%d articles, left out %v, counts %+v", len(x.Articles), bad, s.Files)
	}
	a := x.Articles[1]
	if a.Title != "Talks go on" || a.Outlet != "News Example" || a.Published != "2026-02-05" || a.Byline != "A. Writer and B. Writer" ||
		a.URL != "https://news.example/2026/02/05/talks" || len(a.Paragraphs) != 3 || a.Stem != "lines#6" {
		t.Errorf("the text line: %+v", a)
	}
	// news-please's names; a date that is a number is passed over.
	if a := x.Articles[2]; a.Outlet != "wire.example" || a.Published != "" || len(a.Paragraphs) != 1 {
		t.Errorf("the news-please line: %+v", a)
	}
	if len(x.Quotes) == 0 || x.Quotes[len(x.Quotes)-1].Text != "We are close to an agreement," && x.Quotes[len(x.Quotes)-1].Text != "We are close to an agreement" {
		t.Errorf("the text line's quotation: %+v", x.Quotes[len(x.Quotes)-1])
	}

	// Cut short inside a gzip stream: the whole lines before are read.
	var many []string
	for range 20 {
		many = append(many, string(htmlLine))
	}
	cut := filepath.Join(dir, "cut.jsonl.gz")
	data := gz([]byte(strings.Join(many, "\n") + "\n"))
	writeFile(t, cut, data[:len(data)*3/4])
	_, s = Build([]string{cut})
	bad = badOf(s, cut)
	if len(bad) != 1 || s.Files[0].Bad != 1 || s.Files[0].Articles+s.Files[0].Duplicates == 0 {
		t.Fatalf("cut .jsonl.gz: left out %v, counts %+v", bad, s.Files)
	}
	for name, reason := range bad {
		read := s.Files[0].Articles + s.Files[0].Duplicates
		if want := cut + " line " + itoa(read+1); name != want || !strings.Contains(reason, "unexpected EOF") {
			t.Errorf("cut .jsonl.gz: %s: %s; want %s: …unexpected EOF", name, reason, want)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestLongJSONLine: a line longer than maxLine is named and passed over,
// without holding it in memory; the next line is read.
func TestLongJSONLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "long.jsonl")
	long := `{"text": "` + strings.Repeat("word ", maxLine/5+1) + `"}`
	ok := `{"text": "The council met on Monday and agreed on the budget for next year, its chair said."}`
	writeFile(t, path, []byte(long+"\n"+ok+"\n"))
	x, s := Build([]string{path})
	if len(x.Articles) != 1 || len(s.Bad) != 1 || s.Bad[0].File != path+" line 1" || !strings.Contains(s.Bad[0].Err.Error(), "line longer than") {
		t.Errorf("%d articles, left out %v", len(x.Articles), s.Bad)
	}
}
