package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"quotetrail/internal/article"
	"quotetrail/internal/index"
)

// TestStemIsUTF8: a file name that is not UTF-8 gives a UTF-8 stem that
// keeps the name's bytes apart (the build wrote it raw, and every reader
// then refused the index).
func TestStemIsUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"corpus/caf\xe9.html":     "caf%E9",
		"corpus/caf\xe8.html.gz":  "caf%E8",
		"corpus/café.html":        "café",
		"x/\xff\xfeab\xc3.txt":    "%FF%FEab%C3",
		"corpus/000_8d0c55f5.htm": "000_8d0c55f5",
	} {
		got := Stem(in)
		if got != want || !utf8.ValidString(got) {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEncodeRefusesWhatReadRefuses: Encode reads back what it wrote, so
// an index its own reader would refuse is never returned.
func TestEncodeRefusesWhatReadRefuses(t *testing.T) {
	good := &index.Index{Articles: []index.Article{{Stem: "a", Paragraphs: []string{"Hello there."}}}}
	if _, err := Encode(good); err != nil {
		t.Fatalf("a good index: %v", err)
	}
	bad := &index.Index{Articles: []index.Article{{Stem: "caf\xe9", Paragraphs: []string{"Hello there."}}}}
	if _, err := Encode(bad); err == nil {
		t.Error("Encode returned an index whose stem is not UTF-8")
	}
}

// TestAddKeepsTheIndexReadable: whatever bytes reach Add, the index it
// makes reads back.
func TestAddKeepsTheIndexReadable(t *testing.T) {
	x := &index.Index{}
	Add(x, "caf\xe9", Extracted{Article: &article.Article{Outlet: "Bad \xff outlet", Paragraphs: []string{"A \xfe paragraph."}}})
	if _, err := Encode(x); err != nil {
		t.Errorf("an index made by Add does not read back: %v", err)
	}
}

// TestDuplicatesLeftOut: the same article under two names (a copy, or the
// same page with a tracking parameter in its URL) is one article; the
// same text carried by two outlets is two.
func TestDuplicatesLeftOut(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../corpus/002_d1e82a1333f7d87d.html")
	if err != nil {
		t.Fatal(err)
	}
	page := string(seed)
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	orig := write("a-original.html", page)
	copied := write("b-copy.html", page)
	// The same page saved with a tracking parameter and other white space.
	tracked := write("c-tracked.html", strings.Replace(strings.ReplaceAll(page, "\n", "\n\n"),
		"https://risingnepaldaily.com/news/75210", "https://www.risingnepaldaily.com/news/75210/?utm_source=feed#top", 1))
	// Wire copy: the same body under another outlet and URL.
	wire := write("d-wire.html", strings.NewReplacer("The Rising Nepal", "Another Outlet",
		"risingnepaldaily.com/news/75210", "another.example/world/1").Replace(page))
	x, s := Build([]string{orig, copied, tracked, wire})
	if len(x.Articles) != 2 {
		t.Errorf("%d articles, want 2 (the original and the wire copy)", len(x.Articles))
	}
	got := map[string]string{}
	for _, d := range s.Duplicates {
		got[filepath.Base(d.File)] = filepath.Base(d.Of) + " " + d.Why
	}
	want := map[string]string{"b-copy.html": "a-original.html same URL", "c-tracked.html": "a-original.html same URL"}
	if len(got) != len(want) || got["b-copy.html"] != want["b-copy.html"] || got["c-tracked.html"] != want["c-tracked.html"] {
		t.Errorf("duplicates %v, want %v", got, want)
	}
	// Distinct articles that all give their section page as canonical URL
	// stay apart; the same URL with the same title is one article.
	section := func(name, title, body string) string {
		return write(name, `<html><head><title>`+title+`</title><link rel="canonical" href="https://example.com/news/"></head><body><article><p>`+body+`</p></article></body></html>`)
	}
	s1 := section("g.html", "Bridge closed for repairs", "The bridge over the river will be closed for repairs until the spring, the council said on Monday.")
	s2 := section("h.html", "Library opens new wing", "The city library opened a new wing on Tuesday, with room for twice as many readers as before.")
	s3 := section("i.html", "Bridge closed for repairs", "The bridge over the river will be closed for repairs until the spring, the council said on Monday evening.")
	x, s = Build([]string{s1, s2, s3})
	if len(x.Articles) != 2 || len(s.Duplicates) != 1 || filepath.Base(s.Duplicates[0].File) != "i.html" {
		t.Errorf("one section URL: %d articles, duplicates %+v; want g and h kept, i a duplicate of g", len(x.Articles), s.Duplicates)
	}
	// Without a URL, the text decides.
	noURL := strings.NewReplacer("https://risingnepaldaily.com/news/75210", "").Replace(page)
	p1, p2 := write("e.html", noURL), write("f.html", noURL)
	x, s = Build([]string{p1, p2})
	if len(x.Articles) != 1 || len(s.Duplicates) != 1 || s.Duplicates[0].Why != "same text" {
		t.Errorf("same text, no URL: %d articles, duplicates %+v", len(x.Articles), s.Duplicates)
	}
}

func TestCanonicalURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.Example.com/a/b/?utm_source=x&id=3#c": "example.com/a/b?id=3",
		"http://example.com:80/a/b":                        "example.com/a/b",
		"https://example.com/":                             "example.com",
		"/relative/path":                                   "",
		"":                                                 "",
	} {
		if got := canonicalURL(in); got != want {
			t.Errorf("canonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://www.example.com/a/?utm_source=x#f", "http://[::1]:8080/x", "https://example.com:443/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c := canonicalURL(raw)
		if c == "" {
			return
		}
		// The canonical form is its own canonical form.
		if again := canonicalURL("https://" + c); again != c {
			t.Fatalf("canonicalURL(%q) = %q, but canonicalURL(https://%s) = %q", raw, c, c, again)
		}
	})
}

// TestBuildParallel: the index is the same, byte for byte, whatever the
// number of workers reading the files, and progress is reported once a
// file, in order.
func TestBuildParallel(t *testing.T) {
	files, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.html"), nil, 0o644)
	seed, _ := os.ReadFile(files[0])
	os.WriteFile(filepath.Join(dir, "copy.html"), seed, 0o644)
	files = append(files, filepath.Join(dir, "empty.html"), filepath.Join(dir, "copy.html"))
	real, _ := filepath.Glob("../../../shared/data/realhtml/readability/*/source.html")
	if len(real) > 60 {
		real = real[:60]
	}
	files = append(files, real...)

	x1, s1 := BuildWith(files, Options{Workers: 1})
	var calls []Progress
	x4, s4 := BuildWith(files, Options{Workers: 4, Progress: func(p Progress) { calls = append(calls, p) }})
	if string(index.Marshal(x1)) != string(index.Marshal(x4)) {
		t.Error("the index differs between 1 and 4 workers")
	}
	s1.State.Started, s4.State.Started = 0, 0 // when each began
	if fmt.Sprint(s1) != fmt.Sprint(s4) || len(s4.Bad) == 0 || len(s4.Duplicates) == 0 {
		t.Errorf("summaries: 1 worker %+v, 4 workers %+v", s1, s4)
	}
	// One call a file, in order: the files read so far and their bytes.
	var bytes int64
	for i, p := range calls {
		if i >= len(files) {
			break
		}
		if st, err := os.Stat(files[i]); err == nil {
			bytes += st.Size()
		}
		if p.Read != i+1 || p.Files != i+1 || p.FilesTotal != len(files) || p.Bytes != bytes {
			t.Fatalf("progress call %d: %+v, want %d read, %d of %d files, %d bytes", i, p, i+1, i+1, len(files), bytes)
		}
	}
	if len(calls) != len(files) || calls[len(calls)-1].Bytes != calls[len(calls)-1].BytesTotal {
		t.Errorf("%d progress calls for %d files, the last %+v", len(calls), len(files), calls[len(calls)-1])
	}
}
