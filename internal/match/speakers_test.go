package match_test

import (
	"testing"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// TestOneNamePerSpeakerInAnAnswer: outlets that name the speaker of one
// quotation "Donald Trump" and "Trump" are all shown "Donald Trump", the
// fullest name that holds the others' words, each keeping its own in
// speaker_text; a name that two fuller ones could complete stays as
// printed, and so does one no fuller name holds.
func TestOneNamePerSpeakerInAnAnswer(t *testing.T) {
	const said = "The relationship with China, and my personal relationship with President Xi, is an extremely good one"
	check := func(name string, speakers []string, want map[string][2]string) {
		x := &index.Index{}
		for i, sp := range speakers {
			p := "“" + said + ",” he wrote."
			outlet := string(rune('A' + i))
			x.Articles = append(x.Articles, index.Article{Stem: outlet, Outlet: outlet, Published: "2026-02-05", Paragraphs: []string{p}})
			x.Quotes = append(x.Quotes, index.Quote{Article: i, Start: len("“"), End: len("“") + len(said), Text: said, Speaker: sp, Cue: "wrote"})
		}
		match.Tokenize(x)
		match.Group(x)
		e := match.New(x)
		ents := e.Entries(e.Lookup(said))
		if len(ents) != len(speakers) {
			t.Fatalf("%s: %d entries for %d outlets", name, len(ents), len(speakers))
		}
		for _, en := range ents {
			if w := want[en.Outlet]; en.Speaker != w[0] || en.SpeakerText != w[1] {
				t.Errorf("%s: %s shows %q (its own %q), want %q (%q)", name, en.Outlet, en.Speaker, en.SpeakerText, w[0], w[1])
			}
		}
	}
	check("a surname and the full name", []string{"Donald Trump", "Trump", "Trump"},
		map[string][2]string{"A": {"Donald Trump", ""}, "B": {"Donald Trump", "Trump"}, "C": {"Donald Trump", "Trump"}})
	check("two fuller names share the surname", []string{"Donald Trump", "Lara Trump", "Trump"},
		map[string][2]string{"A": {"Donald Trump", ""}, "B": {"Lara Trump", ""}, "C": {"Trump", ""}})
	check("other speakers apart", []string{"Xi Jinping", "Trump", ""},
		map[string][2]string{"A": {"Xi Jinping", ""}, "B": {"Trump", ""}, "C": {"", ""}})
}
