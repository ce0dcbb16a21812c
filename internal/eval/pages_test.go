package eval

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestShingleMeasure checks the body measure against scrapinghub's
// evaluate.py, worked by hand: 4-token shingles counted as multisets,
// tokens as Python's \w+ (case kept, underscores in), a short text as one
// shingle, and per-page scores averaged with a page that gave nothing
// counting for recall only.
func TestShingleMeasure(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	// gold: a b c d e → shingles abcd, bcde; pred: a b c d x → abcd, bcdx.
	c := shingleMatch("a b c d e", "a, b. c d x")
	if c != (shingleCounts{tp: 1, fp: 1, fn: 1}) {
		t.Errorf("shingleMatch = %+v, want tp 1 fp 1 fn 1", c)
	}
	// Case counts: "The" and "the" are different tokens.
	if c := shingleMatch("The cat sat down", "the cat sat down"); c.tp != 0 {
		t.Errorf("case folded: %+v", c)
	}
	// Repeats count as a multiset: the gold has "w x y z" twice.
	if c := shingleMatch("w x y z. w x y z", "w x y z"); c.tp != 1 || c.fn != 4 || c.fp != 0 {
		t.Errorf("multiset: %+v", c)
	}
	// Fewer than four tokens: one shingle of them all.
	if got := shingles("snake_case 42"); len(got) != 1 || got["snake_case 42"] != 1 {
		t.Errorf("short text shingles = %v", got)
	}
	if got := shingles(" ,. "); len(got) != 0 {
		t.Errorf("empty text shingles = %v", got)
	}
	var s ShingleScore
	s.add(shingleMatch("a b c d e", "a b c d e")) // P 1, R 1
	s.add(shingleMatch("a b c d e", "a b c d x")) // P 0.5, R 0.5
	s.add(shingleMatch("a b c d e f", ""))        // no output: R 0, no precision
	if !near(s.Precision(), 0.75) || !near(s.Recall(), 0.5) || !near(s.F1(), 0.6) {
		t.Errorf("averages P %.3f R %.3f F1 %.3f, want 0.75 0.5 0.6", s.Precision(), s.Recall(), s.F1())
	}
}

// TestPagesShingleReport prints the body scores on both measures and, with
// QT_MISSES=N, the N worst pages with the paragraphs dropped and added
// (go test -run PagesShingleReport -v ./internal/eval/).
func TestPagesShingleReport(t *testing.T) {
	dir := shared + "/realhtml"
	have(t, dir)
	r, err := Pages(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Fields {
		t.Logf("%-14s expected %3d found %3d correct %3d  P=%.3f R=%.3f", f.Field, f.Expected, f.Found, f.Correct, f.Precision(), f.Recall())
	}
	t.Logf("body words    P=%.3f R=%.3f F1=%.3f (%d pages, %d without an article)", r.Body.Precision(), r.Body.Recall(), r.Body.F1(), r.BodyPages, r.BodyErrors)
	t.Logf("body shingles P=%.3f R=%.3f F1=%.3f", r.Shingles.Precision(), r.Shingles.Recall(), r.Shingles.F1())
	n, _ := strconv.Atoi(os.Getenv("QT_MISSES"))
	for i, p := range r.BodyPagesScored {
		if i >= n {
			break
		}
		t.Logf("%s P=%.3f R=%.3f noarticle=%v", p.ID, p.Precision, p.Recall, p.NoArticle)
		for _, m := range p.Missed {
			t.Logf("    - %s", m)
		}
		for _, m := range p.Extra {
			t.Logf("    + %s", m)
		}
	}
	if os.Getenv("QT_META") != "" {
		for _, m := range r.MetaMisses {
			t.Logf("meta %s %s: got %q want %q", m.Page, m.Field, m.Got, m.Want)
		}
	}
	if r.BodyPages != len(r.BodyPagesScored) {
		t.Errorf("%d body pages but %d scored", r.BodyPages, len(r.BodyPagesScored))
	}
}

// TestSameNames: a byline gives the expected names when its words run
// unbroken inside the expected byline's, "by", "and", case and
// punctuation aside; one word alone only when it is the whole byline.
func TestSameNames(t *testing.T) {
	for _, c := range []struct {
		got, want string
		same      bool
	}{
		{"Nathan Willis", "By Nathan Willis\n   March 25, 2015", true},
		{"Stella Kim and Jennifer Jett", "Stella Kim, Jennifer Jett", true},
		{"Brenda Goodman, MA", "By Brenda  Goodman, MA\n WebMD Health News", true},
		{"個人", "個人", true},
		{"Laurie Oakes", "JOE HILDEBRAND", false},
		{"News", "BBC News", false},
		{"Jennifer Jett", "Stella Kim", false},
		{"", "Stella Kim", false},
	} {
		if got := sameNames(c.got, c.want); got != c.same {
			t.Errorf("sameNames(%q, %q) = %v", c.got, c.want, got)
		}
	}
}

// TestReadabilityBylines: every hand-checked byline names a readability
// page, gives the page's evidence, is a name as the rule says (no "By",
// no web address, no line break) and corrects the expected file (an
// entry that agrees with it would be no correction).
func TestReadabilityBylines(t *testing.T) {
	dir := shared + "/realhtml/readability"
	have(t, dir)
	hand, err := checkedBylines()
	if err != nil {
		t.Fatal(err)
	}
	if len(hand) == 0 {
		t.Fatal("no checked bylines read")
	}
	for page, c := range hand {
		raw, err := os.ReadFile(filepath.Join(dir, page, "expected-metadata.json"))
		if err != nil {
			t.Errorf("%s: no such readability page: %v", page, err)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, page, "source.html")); err != nil {
			t.Errorf("%s: %v", page, err)
		}
		if strings.TrimSpace(c.Why) == "" {
			t.Errorf("%s: no why", page)
		}
		b := strings.ToLower(c.Byline)
		if strings.HasPrefix(b, "by ") || strings.Contains(b, "http") || strings.Contains(b, "\n") || c.Byline != strings.TrimSpace(c.Byline) {
			t.Errorf("%s: byline %q is not a bare name", page, c.Byline)
		}
		var want struct{ Byline string }
		json.Unmarshal(raw, &want)
		w := strings.TrimSpace(want.Byline)
		if w == c.Byline || w != "" && c.Byline != "" && sameField("byline", c.Byline, w) {
			t.Errorf("%s: checked byline %q is the expected file's %q: no correction", page, c.Byline, w)
		}
	}
}

// TestPagesBylineChecked: the "byline (checked)" row scores against the
// hand-checked byline where the file has one (ebb-org's name without its
// web address; spiceworks' none) and against the expected file elsewhere,
// with the exact-text row's rule; the exact-text row is left as it was.
func TestPagesBylineChecked(t *testing.T) {
	hand, err := checkedBylines()
	if err != nil {
		t.Fatal(err)
	}
	if hand["ebb-org"].Byline != "Bradley M. Kuhn" || hand["spiceworks"].Byline != "" {
		t.Fatalf("test pages changed in the checked file: %+v %+v", hand["ebb-org"], hand["spiceworks"])
	}
	dir := t.TempDir()
	body := strings.Repeat("<p>The council voted on Tuesday to keep the library open through the winter, after a long debate about the cost of heating the old building and the hours its staff can work.</p>\n", 4)
	pages := []struct{ name, head, expected string }{
		{"ebb-org", `<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)">`, "Bradley M. Kuhn (http://ebb.org/bkuhn/)"},
		{"spiceworks", ``, "Last Updated: January 7, 2025"},
		{"not-checked", `<meta name="author" content="Jane Doe">`, "Jane Doe"},
	}
	for _, p := range pages {
		d := filepath.Join(dir, "readability", p.name)
		os.MkdirAll(d, 0o755)
		html := "<html><head><title>Library stays open</title>" + p.head + "</head><body><article><h1>Library stays open</h1>" + body + "</article></body></html>"
		os.WriteFile(filepath.Join(d, "source.html"), []byte(html), 0o644)
		meta, _ := json.Marshal(map[string]string{"title": "Library stays open", "byline": p.expected})
		os.WriteFile(filepath.Join(d, "expected-metadata.json"), meta, 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "scrapinghub"), 0o755)
	os.WriteFile(filepath.Join(dir, "scrapinghub", "ground-truth.json"), []byte("{}"), 0o644)
	r, err := Pages(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]FieldScore{}
	for _, f := range r.Fields {
		rows[f.Field] = f
	}
	for _, c := range []FieldScore{
		{Field: "byline", Expected: 3, Found: 2, Correct: 1},
		{Field: "byline (checked)", Expected: 2, Found: 2, Correct: 2},
	} {
		if rows[c.Field] != c {
			t.Errorf("row %+v, want %+v", rows[c.Field], c)
		}
	}
}
