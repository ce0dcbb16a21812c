package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotetrail/internal/index"
)

// basilLine writes BASIL article file (its JSON) as a JSON Lines file of
// one article in dir.
func basilLine(t *testing.T, dir, file string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("../../../shared/data/basil/articles", file))
	if os.IsNotExist(err) {
		t.Skip("../shared/data/basil is absent")
	} else if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Source, Title, URL, Date string
		Body                     [][]string `json:"body-paragraphs"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, p := range b.Body {
		paras = append(paras, strings.Join(p, " "))
	}
	line, _ := json.Marshal(map[string]string{"url": b.URL, "title": b.Title, "outlet": b.Source, "published": b.Date,
		"text": strings.Join(paras, "\n")})
	p := filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".json")+".jsonl")
	if err := os.WriteFile(p, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCorpusNameUndoneByRemoval: BASIL's 2011 report of Wal-Mart v.
// Dukes that names the plaintiffs' lawyer only "Mr. Sellers" has its
// quotations named "Joseph Sellers" while another outlet's report of the
// same hearing (the third) gives his full name; an incremental build
// after that report is removed names him "Sellers" again, as a full
// build of what is left does.
func TestCorpusNameUndoneByRemoval(t *testing.T) {
	dir := t.TempDir()
	basilLine(t, dir, "2011/2058ec60-5372-4f5f-83a3-da780be3a350_1.json")         // "Mr. Sellers"
	full := basilLine(t, dir, "2011/2058ec60-5372-4f5f-83a3-da780be3a350_3.json") // "Joseph Sellers"
	sellers := func(data []byte) (named, own int) {
		t.Helper()
		x, err := index.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range x.Quotes {
			if !strings.HasSuffix(x.Articles[q.Article].Stem, "_1#1") {
				continue
			}
			switch {
			case q.Speaker == "Joseph Sellers":
				named++
			case q.Speaker == "Sellers":
				own++
			}
		}
		return named, own
	}
	out := t.TempDir()
	data, _ := buildInto(t, dir, out, false)
	if named, own := sellers(data); named == 0 || own != 0 {
		t.Fatalf("with Joseph Sellers in the corpus: %d quotations of the first report named him, %d left as Sellers", named, own)
	}
	os.Remove(full)
	got, s := buildInto(t, dir, out, true)
	if s.Reused != 1 || s.Removed != 1 {
		t.Fatalf("the incremental build took %d articles and removed %d, want 1 and 1", s.Reused, s.Removed)
	}
	if named, own := sellers(got); named != 0 || own == 0 {
		t.Errorf("after the fuller report's removal: %d quotations still named Joseph Sellers, %d Sellers", named, own)
	}
	want, _ := buildInto(t, dir, t.TempDir(), false)
	if string(got) != string(want) {
		t.Error("the incremental build's index differs from a full build of the same input")
	}
}
