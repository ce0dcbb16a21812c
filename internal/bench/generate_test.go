package bench

import (
	"os"
	"testing"
)

// TestGenerate: corpora are recombined, not copied: seeded and repeatable,
// no two articles alike, every quotation's span inside its paragraph.
func TestGenerate(t *testing.T) {
	if _, err := os.Stat("../../../shared/data/polnear"); err != nil {
		t.Skip("../shared/data is absent")
	}
	srcs, err := Sources("../../../shared")
	if err != nil {
		t.Fatal(err)
	}
	a, b := Generate(srcs, 200, 1), Generate(srcs, 200, 1)
	if len(a.Quotes) != len(b.Quotes) || len(a.Quotes) == 0 {
		t.Fatalf("not repeatable: %d then %d quotations", len(a.Quotes), len(b.Quotes))
	}
	seen := map[string]bool{}
	for _, art := range a.Articles {
		key := art.Paragraphs[0] + "\x00" + art.Paragraphs[len(art.Paragraphs)-1]
		if seen[key] {
			t.Errorf("two generated articles share their first and last paragraphs")
		}
		seen[key] = true
	}
	for _, q := range a.Quotes {
		p := a.Articles[q.Article].Paragraphs[q.Paragraph]
		if q.End > len(p) || p[q.Start:q.End] != q.Text {
			t.Fatalf("quotation %q does not stand at its span", q.Text)
		}
	}
	if qs := Queries(a, 40, 2); len(qs) != 40 {
		t.Errorf("%d queries, want 40", len(qs))
	}
}
