package build

import (
	"bufio"
	"bytes"
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

// incrementalCorpus copies the seeds and real pages into a folder of its
// own (the test changes them), with a JSON Lines file of a few more.
func incrementalCorpus(t *testing.T) (dir string, pages []string) {
	t.Helper()
	seeds, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	if len(real) < 60 {
		t.Skip("../shared/data/realhtml is absent")
	}
	dir = t.TempDir()
	copyTo := func(src, name string) string {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, s := range seeds {
		pages = append(pages, copyTo(s, filepath.Join("seeds", filepath.Base(s))))
	}
	for i, r := range real[:50] {
		pages = append(pages, copyTo(r, fmt.Sprintf("real/%02d/%s.html", i%7, filepath.Base(filepath.Dir(r)))))
	}
	var lines bytes.Buffer
	for i, r := range real[50:60] {
		html, _ := os.ReadFile(r)
		line, _ := json.Marshal(map[string]string{"url": fmt.Sprintf("https://example.org/news/%d", i), "html": string(html)})
		lines.Write(append(line, '\n'))
	}
	os.WriteFile(filepath.Join(dir, "more.jsonl"), lines.Bytes(), 0o644)
	return dir, pages
}

// buildInto builds the corpus under dir as `quotetrail build` does into
// out, on the previous build there when incremental, and returns the
// index's bytes with the summary.
func buildInto(t *testing.T, dir, out string, incremental bool) ([]byte, Summary) {
	t.Helper()
	l, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var prev *Previous
	if incremental {
		if prev, err = LoadPrevious(out); err != nil || prev == nil {
			t.Fatalf("LoadPrevious: %v, %v", prev, err)
		}
	}
	x, s := BuildWith(l.Files, Options{Previous: prev})
	data, err := Encode(x)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(out, 0o755)
	if err := os.WriteFile(filepath.Join(out, "index.qti"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteState(out, s.State); err != nil {
		t.Fatal(err)
	}
	return data, s
}

// TestIncrementalEqualsFull: after any sequence of incremental builds
// (pages added, changed, removed and touched; records of a JSON Lines
// file changed), the index is the one a full build of the same input
// writes, byte for byte, and so are the folder index's files; and the
// unchanged articles were taken from the previous build, not read.
func TestIncrementalEqualsFull(t *testing.T) {
	dir, pages := incrementalCorpus(t)
	out := t.TempDir()
	_, first := buildInto(t, dir, out, false)
	if first.Reused != 0 || len(first.State.Items) == 0 {
		t.Fatalf("first build: reused %d, state of %d items", first.Reused, len(first.State.Items))
	}
	articles := articleItems(first)

	// Day 2: five pages removed, three changed, one touched but the
	// same, twelve added (real pages not in the corpus yet), one JSON
	// line changed.
	for _, p := range pages[10:15] {
		os.Remove(p)
	}
	for _, p := range pages[20:23] {
		data, _ := os.ReadFile(p)
		data = bytes.Replace(data, []byte("</p>"), []byte(" An added sentence.</p>"), 1)
		os.WriteFile(p, data, 0o644)
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(pages[30], later, later)
	more, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	added := 0
	for i, r := range more[60:72] {
		data, _ := os.ReadFile(r)
		os.WriteFile(filepath.Join(dir, "real", fmt.Sprintf("new%02d.html", i)), data, 0o644)
		added++
	}
	jl := filepath.Join(dir, "more.jsonl")
	lines, _ := os.ReadFile(jl)
	os.WriteFile(jl, bytes.Replace(lines, []byte("news/9\""), []byte("news/9?changed\""), 1), 0o644)

	full := t.TempDir()
	want, wantSum := buildInto(t, dir, full, false)
	got, s := buildInto(t, dir, out, true)
	if !bytes.Equal(got, want) {
		t.Fatalf("the incremental build's index (%d bytes) differs from the full build's (%d bytes)", len(got), len(want))
	}
	// At most the added and changed items are read again: the three
	// changed pages, the twelve new ones, the touched page (read to hash
	// it) and the changed line; every other article is taken.
	read := articleItems(s) - s.Reused
	if read > 3+added+1 || s.Reused < articles-5-3-1-1 {
		t.Errorf("incremental build read %d items and took %d of %d (the first build had %d)", read, s.Reused, articleItems(s), articles)
	}
	if s.Removed < 5 {
		t.Errorf("removed %d articles, want at least the 5 pages deleted", s.Removed)
	}
	if fmt.Sprint(s.Bad, s.Duplicates) != fmt.Sprint(wantSum.Bad, wantSum.Duplicates) {
		t.Errorf("incremental summary %v %v, full %v %v", s.Bad, s.Duplicates, wantSum.Bad, wantSum.Duplicates)
	}
	gx, _ := index.Read(got)
	wx, _ := index.Read(want)
	if !sameFolder(match.BuildFolder(gx, match.DefaultFolder), match.BuildFolder(wx, match.DefaultFolder)) {
		t.Error("the folder index differs")
	}

	// Day 3: back to a corpus without the new pages; an incremental
	// build on an incremental build still equals a full one.
	for i := range added {
		os.Remove(filepath.Join(dir, "real", fmt.Sprintf("new%02d.html", i)))
	}
	day2 := articleItems(s)
	want, _ = buildInto(t, dir, full, false)
	got, s = buildInto(t, dir, out, true)
	if !bytes.Equal(got, want) {
		t.Fatal("after a second increment the index differs from a full build's")
	}
	// All the articles not taken were removed (some of the pages deleted
	// may not have been articles).
	if s.Removed != day2-s.Reused || s.Removed == 0 || articleItems(s) != s.Reused {
		t.Errorf("removed %d of %d articles, took %d of %d", s.Removed, day2, s.Reused, articleItems(s))
	}
}

// articleItems counts the items of s's state that are articles (not
// left out as duplicates or bad).
func articleItems(s Summary) int {
	n := 0
	for _, it := range s.State.Items {
		if it.Article >= 0 {
			n++
		}
	}
	return n
}

func sameFolder(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for n, d := range a {
		if !bytes.Equal(d, b[n]) {
			return false
		}
	}
	return true
}

// TestPreviousRefused: a state that does not go with its index, or is
// damaged, is not built on; the reason is given.
func TestPreviousRefused(t *testing.T) {
	dir, _ := incrementalCorpus(t)
	out := t.TempDir()
	if p, err := LoadPrevious(out); p != nil || err != nil {
		t.Fatalf("an empty folder: %v, %v; want nothing to build on", p, err)
	}
	data, _ := buildInto(t, dir, out, false)
	if _, err := LoadPrevious(out); err != nil {
		t.Fatal(err)
	}
	// index.qti replaced (a build stopped after writing it).
	os.WriteFile(filepath.Join(out, "index.qti"), append(data[:len(data):len(data)], 0), 0o644)
	if _, err := LoadPrevious(out); err == nil || !strings.Contains(err.Error(), "not the one") {
		t.Errorf("index.qti replaced: %v", err)
	}
	// Replaced by one of the same size, written since.
	flipped := bytes.Clone(data)
	flipped[len(flipped)-1] ^= 1
	os.WriteFile(filepath.Join(out, "index.qti"), flipped, 0o644)
	if _, err := LoadPrevious(out); err == nil || !strings.Contains(err.Error(), "not the one") {
		t.Errorf("index.qti replaced by one of its size: %v", err)
	}
	os.WriteFile(filepath.Join(out, "index.qti"), data, 0o644)
	st, _ := os.ReadFile(filepath.Join(out, StateFile))
	os.WriteFile(filepath.Join(out, StateFile), st[:len(st)/2], 0o644)
	if _, err := LoadPrevious(out); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("state cut in half: %v", err)
	}
}

// TestIncrementalRecords: a WARC record whose payload is the same but
// whose target URI or declared charset changed is read again (both go
// into its article); a WARC rewritten with a record more, a duplicate of
// a reused page and a bad page leave the incremental index equal to the
// full one.
func TestIncrementalRecords(t *testing.T) {
	page := `<html><head><title>Council vote</title></head><body><article>
<p>The city council voted on Tuesday to approve the new budget after a long debate that lasted well into the evening caf` + "\xe9" + `.</p>
<p>"We have done what the people asked of us," said Mayor Jane Smith, who had pushed for the plan for months.</p>
</article></body></html>`
	dir, pages := incrementalCorpus(t)
	crawl := func(uri, charset string, more ...string) {
		recs := []warcRecord{{gowarc.Response, uri, response("200 OK", "text/html; charset="+charset, page)}}
		recs = append(recs, pageRecords(t, more)...)
		writeWARC(t, dir, "crawl.warc", false, recs)
	}
	crawl("https://aaa.example/story", "iso-8859-1", pages[40:44]...)
	os.WriteFile(filepath.Join(dir, "empty.html"), nil, 0o644)
	out := t.TempDir()
	buildInto(t, dir, out, false)

	same := func(what string) {
		t.Helper()
		want, _ := buildInto(t, dir, t.TempDir(), false)
		got, s := buildInto(t, dir, out, true)
		if !bytes.Equal(got, want) {
			x, _ := index.Read(got)
			t.Errorf("%s: the incremental index differs from the full one (took %d; first article %q %q)", what, s.Reused, x.Articles[0].URL, x.Articles[0].Paragraphs[0])
		}
	}
	crawl("https://bbb.example/story", "iso-8859-1", pages[40:44]...)
	same("target URI changed")
	crawl("https://bbb.example/story", "iso-8859-5", pages[40:44]...)
	same("charset changed")
	os.WriteFile(filepath.Join(dir, "aaa-first.html"), must(t, pages[41]), 0o644) // a copy of a reused page, read first
	crawl("https://bbb.example/story", "iso-8859-5", append([]string{pages[5]}, pages[40:44]...)...)
	same("a record more, a duplicate and a bad page")
}

func must(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// seedsBuiltInto writes into out the seeds' index.qti and the state
// BuildWith left, as a build does, and returns the index's bytes and
// the summary.
func seedsBuiltInto(t testing.TB, out string) ([]byte, Summary) {
	t.Helper()
	seeds, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	x, s := BuildWith(seeds, Options{})
	data, err := Encode(x)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "index.qti"), data, 0o644)
	if err := WriteState(out, s.State); err != nil {
		t.Fatal(err)
	}
	return data, s
}

// FuzzState: whatever the state file holds, LoadPrevious returns an
// error or a Previous whose items name articles of its index; it never
// panics.
func FuzzState(f *testing.F) {
	out := f.TempDir()
	data, _ := seedsBuiltInto(f, out)
	st, err := os.Stat(filepath.Join(out, "index.qti"))
	if err != nil {
		f.Fatal(err)
	}
	good, _ := os.ReadFile(filepath.Join(out, StateFile))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, state []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "index.qti"), data, 0o644)
		// The time the state names, so that the state is read on.
		os.Chtimes(filepath.Join(dir, "index.qti"), st.ModTime(), st.ModTime())
		os.WriteFile(filepath.Join(dir, StateFile), state, 0o644)
		p, err := LoadPrevious(dir)
		if err != nil || p == nil {
			return
		}
		for _, it := range p.items {
			if it.Article < -1 || int(it.Article) >= p.Articles() { // -1: left out
				t.Fatalf("item %+v names no article of %d", it, p.Articles())
			}
		}
	})
}

// TestShingleSets: the state's shingles read back as written, after a
// gob stream of any length (their run aligned to eight bytes, or not
// when moved), and a cut or padded run of them is refused, not read in
// part.
func TestShingleSets(t *testing.T) {
	in := shingleSets{{1, 2, 3}, nil, {1 << 63}}
	for before := range 9 {
		var f bytes.Buffer
		f.Write(bytes.Repeat([]byte{7}, before)) // where the gob stream would be
		w := &countingWriter{w: bufio.NewWriter(&f), n: int64(before)}
		if err := in.writeTo(w); err != nil {
			t.Fatal(err)
		}
		w.w.Flush()
		b := f.Bytes()
		out, err := readShingles(b, before)
		if err != nil || len(out) != 3 || !slices.Equal(out[0], in[0]) || len(out[1]) != 0 || out[2][0] != 1<<63 {
			t.Fatalf("%d bytes before: read back %v (%v)", before, out, err)
		}
		// Moved by a byte, as a state rewritten by another writer may
		// move it: read, but copied.
		moved := append(append(bytes.Clone(b[:before]), 7), b[before:]...)
		if out, err := readShingles(moved, before+1); err != nil || !slices.Equal(out[2], in[2]) {
			t.Fatalf("%d bytes before, moved by one: read back %v (%v)", before, out, err)
		}
		for _, bad := range [][]byte{b[:len(b)-1], append(bytes.Clone(b), 0), append(bytes.Clone(b[:before]), "QTSH\xff\xff\xff\xff\x0f"...), b[:before]} {
			if out, err := readShingles(bad, before); err == nil {
				t.Errorf("%x read as %v", bad, out)
			}
		}
	}
	// A whole state: read back by LoadPrevious as BuildWith found them.
	out := t.TempDir()
	_, s := seedsBuiltInto(t, out)
	p, err := LoadPrevious(out)
	if err != nil || p == nil {
		t.Fatalf("LoadPrevious: %v", err)
	}
	if len(s.State.shingles) != 5 || !slices.EqualFunc(p.found.Shingles, s.State.shingles, slices.Equal) {
		t.Errorf("shingles read back %v, not the %v written", p.found.Shingles, s.State.shingles)
	}
}

// TestLeftOutItemsAreNotReadAgain: duplicates and bad items unchanged
// since the last build are left out again, with the same reasons,
// without being read; a duplicate whose original is gone is read and
// becomes an article; each time the index is a full build's.
func TestLeftOutItemsAreNotReadAgain(t *testing.T) {
	dir := t.TempDir()
	seeds := seedsCopiedInto(t, dir)
	first, _ := os.ReadFile(seeds[0])
	os.WriteFile(filepath.Join(dir, "zz-copy.html"), first, 0o644)                                               // the same article as seeds[0]
	os.WriteFile(filepath.Join(dir, "zz-empty.html"), nil, 0o644)                                                // bad: empty
	os.WriteFile(filepath.Join(dir, "zz-menu.html"), []byte("<html><body><nav>Home</nav></body></html>"), 0o644) // bad: no article
	out := t.TempDir()
	_, s1 := buildInto(t, dir, out, false)
	if len(s1.Duplicates) != 1 || len(s1.Bad) != 2 {
		t.Fatalf("first build: duplicates %v, bad %v", s1.Duplicates, s1.Bad)
	}
	got, s2 := buildInto(t, dir, out, true)
	if s2.KnownLeftOut != 3 || fmt.Sprint(s2.Duplicates, s2.Bad) != fmt.Sprint(s1.Duplicates, s1.Bad) {
		t.Errorf("second build: %d left out unread; duplicates %v, bad %v; first %v, %v", s2.KnownLeftOut, s2.Duplicates, s2.Bad, s1.Duplicates, s1.Bad)
	}
	want, _ := buildInto(t, dir, t.TempDir(), false)
	if !bytes.Equal(got, want) {
		t.Error("the index differs from a full build's")
	}
	// The original gone, its copy is an article.
	os.Remove(filepath.Join(dir, filepath.Base(seeds[0])))
	got, s3 := buildInto(t, dir, out, true)
	want, _ = buildInto(t, dir, t.TempDir(), false)
	if !bytes.Equal(got, want) || len(s3.Duplicates) != 0 || s3.KnownLeftOut != 2 {
		t.Errorf("with the original gone: same index %v, duplicates %v, %d left out unread", bytes.Equal(got, want), s3.Duplicates, s3.KnownLeftOut)
	}
	x, _ := index.Read(got)
	found := false
	for _, a := range x.Articles {
		found = found || a.Stem == "zz-copy"
	}
	if !found {
		t.Error("the copy is not an article once its original is gone")
	}
}

// TestNameChecksKept: the names pass's answers go into the state and
// come back with it, for an append to tell the names pass (a state that
// loses them builds the same, only slower: this is what tells).
func TestNameChecksKept(t *testing.T) {
	out := t.TempDir()
	_, s := seedsBuiltInto(t, out)
	if len(s.State.NameChecks) == 0 {
		t.Fatal("the seeds' names pass asked nothing of their texts")
	}
	p, err := LoadPrevious(out)
	if err != nil || p == nil {
		t.Fatalf("LoadPrevious: %v", err)
	}
	if !slices.Equal(p.nameChecks, s.State.NameChecks) {
		t.Errorf("name checks read back %v, not the %v written", p.nameChecks, s.State.NameChecks)
	}
}

// TestPageChangedWithItsTimeSetBack: a page whose bytes change at the
// same size, its modification time then set back, is read again (its
// change time moved: git's rule); the increment is a full build's.
func TestPageChangedWithItsTimeSetBack(t *testing.T) {
	if changeTime(mustStat(t, "../../corpus")) == 0 {
		t.Skip("this system tells no change time")
	}
	dir := t.TempDir()
	seeds := seedsCopiedInto(t, dir)
	page := filepath.Join(dir, filepath.Base(seeds[0]))
	old := mustStat(t, page).ModTime().Add(-time.Hour)
	os.Chtimes(page, old, old)
	out := t.TempDir()
	buildInto(t, dir, out, false)
	data, _ := os.ReadFile(page)
	changed := bytes.Replace(data, []byte(" said "), []byte(" SAID "), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("the page says nothing")
	}
	os.WriteFile(page, changed, 0o644)
	os.Chtimes(page, old, old) // its size and time as the last build read them
	got, s := buildInto(t, dir, out, true)
	want, _ := buildInto(t, dir, t.TempDir(), false)
	if !bytes.Equal(got, want) {
		t.Errorf("the increment is not a full build (%d articles taken unchanged of %d)", s.Reused, len(seeds))
	}
}

// seedsCopiedInto copies the seed pages into dir, a corpus a test may
// change, and returns the seeds' own paths.
func seedsCopiedInto(t *testing.T, dir string) []string {
	t.Helper()
	seeds, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds {
		data, _ := os.ReadFile(s)
		os.WriteFile(filepath.Join(dir, filepath.Base(s)), data, 0o644)
	}
	return seeds
}

func mustStat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
