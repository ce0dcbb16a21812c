package match_test

import (
	"testing"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// TestUndatedRewordingMayBeAnotherOccasion: a reworded version is said to
// be of an unknown occasion when its article carries no date, or when no
// article printing the selected words does; dated on both sides, it is
// the same occasion (grouping kept it within OccasionDays).
func TestUndatedRewordingMayBeAnotherOccasion(t *testing.T) {
	const (
		said     = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
		reworded = "The United States must treat the issue of arms sales to Taiwan with caution"
	)
	for _, c := range []struct {
		name             string
		saidOn, rewordOn string
		unknown          bool
	}{
		{"both dated", "2026-02-05", "2026-02-05", false},
		{"the rewording undated", "2026-02-05", "", true},
		{"the selected words undated", "", "2026-02-05", true},
	} {
		x := &index.Index{}
		for i, q := range []struct{ outlet, date, text string }{
			{"The Washington Times", c.saidOn, said}, {"Vidia News", c.rewordOn, reworded}} {
			p := "“" + q.text + ",” he said."
			x.Articles = append(x.Articles, index.Article{Stem: q.outlet, Outlet: q.outlet, Published: q.date, Paragraphs: []string{p}})
			x.Quotes = append(x.Quotes, index.Quote{Article: i, Start: len("“"), End: len("“") + len(q.text), Text: q.text, Speaker: "Xi Jinping", Cue: "said"})
		}
		match.Tokenize(x)
		match.Group(x)
		e := match.New(x)
		ents := e.Entries(e.Lookup(said))
		if len(ents) != 2 {
			t.Fatalf("%s: %d entries, want the words and their rewording: %+v", c.name, len(ents), ents)
		}
		for _, en := range ents {
			want := ""
			if en.Outlet == "Vidia News" && c.unknown {
				want = match.OccasionUnknown
			}
			if en.Occasion != want {
				t.Errorf("%s: %s (%s) has occasion %q, want %q", c.name, en.Outlet, en.Wording, en.Occasion, want)
			}
		}
	}
}
