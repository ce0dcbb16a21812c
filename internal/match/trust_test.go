package match_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// Issue 12: answers a reader can trust, on the seed corpus.

// carriers names a result's matches as "outlet kind", in order.
func carriers(x *index.Index, res match.Result) []string {
	var out []string
	for _, m := range res.Matches {
		out = append(out, x.Articles[m.Article].Outlet+" "+m.Kind)
	}
	return out
}

// TestSloppySelectionsAnswerForTheQuotation: selections as readers drag
// them, around a quotation of the seeds, answer as the quotation alone
// does (the same outlets, kinds and scores) and say which words they
// answered for (Result.Focus, each entry's focus).
func TestSloppySelectionsAnswerForTheQuotation(t *testing.T) {
	e, x := seedEngine(t)
	const caution = "The United States must treat the issue of arms sales to Taiwan with caution"
	const prudence = "The United States must handle the issue of arms sales to Taiwan with prudence"
	const leadership = "Under our leadership, the U.S. and China are doing well in economy and trade"
	const concerns = "If both sides work in the same direction in the spirit of equality, respect and mutual benefit, we can certainly find ways to address each other’s concerns"
	cases := []struct {
		shape, sel, alone, focus string
		sameScores               bool // the same scores too (the focus is the quotation's every word)
	}{
		{"attribution after, a closing mark (the issue's example)",
			caution + ",” he warned, according to the official Xinhua news agency.", caution, caution, true},
		{"attribution after, no marks",
			caution + ", he warned, according to the official Xinhua news agency", caution, caution, true},
		{"attribution before",
			"Xi told Trump on Wednesday. “" + concerns, concerns, concerns, true},
		{"attribution before, no marks",
			"he said: " + concerns, concerns, concerns, true},
		{"stray marks and the attribution",
			"”" + prudence + ",\" he warned", prudence, prudence, true},
		{"stray marks alone: the words are the quotation's",
			"”" + prudence + ",\"", prudence, "", true},
		{"the next sentence",
			prudence + `," he warned. China has long vowed to "reunify" with Taiwan and has not ruled out the use of force to do so.`, prudence, prudence, true},
		{"from inside one quotation into the next, across the attribution",
			leadership + ",” the Chinese quoted Mr. Trump as saying. “I want to see China succeed.", leadership, leadership, true},
		{"words cut at both edges",
			"ted States must handle the issue of arms sales to Taiwan with pru", prudence, "States must handle the issue of arms sales to Taiwan with", false},
		{"the paragraph around it",
			"On Taiwan, Xi said the self-ruled island was China’s territory. " + caution + ",” he warned, according to the official Xinhua news agency.", caution, caution, true},
	}
	for _, c := range cases {
		res, alone := e.Lookup(c.sel), e.Lookup(c.alone)
		if len(alone.Matches) == 0 {
			t.Fatalf("%q alone finds %v: the seeds have changed", c.alone, carriers(x, alone))
		}
		got, want := carriers(x, res), carriers(x, alone)
		if c.sameScores {
			if !slices.Equal(res.Matches, alone.Matches) {
				t.Errorf("%s: %q answers\n%v\nwhile the quotation alone answers\n%v", c.shape, c.sel, res.Matches, alone.Matches)
			}
		} else {
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q finds %v, the quotation alone %v", c.shape, c.sel, got, want)
			}
		}
		if res.Focus != c.focus {
			t.Errorf("%s: %q answers for %q, want %q", c.shape, c.sel, res.Focus, c.focus)
		}
		for _, en := range e.Entries(res) {
			if en.Focus != res.Focus {
				t.Errorf("%s: %s's entry says it answers for %q", c.shape, en.Outlet, en.Focus)
			}
		}
	}
	// A selection that is the quotation says nothing of a focus.
	if res := e.Lookup(caution); res.Focus != "" {
		t.Errorf("the quotation alone answers for %q", res.Focus)
	}
}

// TestFocusNeedsTheQuotationInside: words that merely share a run with a
// quotation, in a sentence about something else, are not answered for as
// that quotation (the quotation is neither inside the selection nor the
// selection inside it).
func TestFocusNeedsTheQuotationInside(t *testing.T) {
	e, x := seedEngine(t)
	for _, sel := range []string{
		"Trump said he would never allow Taiwan to be separated from the United States",
		"China will never give up on peaceful reunification with the island",
	} {
		res := e.Lookup(sel)
		if res.Focus != "" {
			t.Errorf("%q answers for %q: %v", sel, res.Focus, carriers(x, res))
		}
	}
}

// TestOrdinaryPhrasesFindNothing: a few ordinary words of a report, in no
// quotation, identify no passage; a sentence of particulars still finds
// the articles that print it.
func TestOrdinaryPhrasesFindNothing(t *testing.T) {
	e, x := seedEngine(t)
	for _, sel := range []string{"the two leaders", "Hours before his call", "in recent months", "in the last few months",
		"said on the call that the two sides should"} {
		if res := e.Lookup(sel); len(res.Matches) > 0 {
			t.Errorf("%q finds %v", sel, carriers(x, res))
		}
	}
	for sel, want := range map[string][]string{
		"Xi held a virtual meeting with Russia's President Vladimir Putin":                  {"The Rising Nepal text"},
		"US Treasury Secretary Scott Bessent":                                               {"Daily The Destination text", "NDTV text"},
		"Taiwan is a democratic, self-ruled island located 100 miles off the Chinese coast": {"The Washington Times text"},
	} {
		if got := carriers(x, e.Lookup(sel)); !slices.Equal(got, want) {
			t.Errorf("%q finds %v, want %v", sel, got, want)
		}
	}
}

// TestAnotherOccasionIsNoRewording: the seeds report two calls. NDTV's
// "understands how important the Taiwan question is to China" (November)
// is no rewording of The Washington Times' "I understand how China feels
// about the Taiwan question" (February), and neither finds the other.
func TestAnotherOccasionIsNoRewording(t *testing.T) {
	e, x := seedEngine(t)
	for sel, want := range map[string]string{
		"understands how important the Taiwan question is to China": "NDTV exact",
		"I understand how China feels about the Taiwan question":    "The Washington Times exact",
	} {
		if got := carriers(x, e.Lookup(sel)); !slices.Equal(got, []string{want}) {
			t.Errorf("%q finds %v, want only %s", sel, got, want)
		}
	}
}

// TestRewordingsStayWithinTheirOccasion: the build groups two wordings of
// a quotation only in articles published within OccasionDays of each
// other. With Vidia News' report dated ten weeks after the others, its
// "treat … with caution" is another utterance than their "handle … with
// prudence", and a lookup of it no longer returns them as rewordings;
// the words Vidia News printed exactly as The Rising Nepal did stay one
// utterance.
func TestRewordingsStayWithinTheirOccasion(t *testing.T) {
	_, x := seedEngine(t)
	article := func(outlet string) int {
		for i, a := range x.Articles {
			if a.Outlet == outlet {
				return i
			}
		}
		t.Fatalf("no %s in the seeds", outlet)
		return -1
	}
	quote := func(ai int, text string) index.Quote {
		for _, q := range x.Quotes {
			if q.Article == ai && strings.Contains(q.Text, text) {
				return q
			}
		}
		t.Fatalf("no %q in %s", text, x.Articles[ai].Outlet)
		return index.Quote{}
	}
	vidia, nepal := article("Vidia News"), article("The Rising Nepal")
	if quote(vidia, "with caution").Utterance != quote(nepal, "with prudence").Utterance {
		t.Fatal("the seeds as published: the two wordings are not one utterance")
	}
	x.Articles[vidia].Published = "2026-04-20"
	match.Group(x)
	e := match.New(x)
	if quote(vidia, "with caution").Utterance == quote(nepal, "with prudence").Utterance {
		t.Error("wordings ten weeks apart are grouped as one utterance")
	}
	if quote(vidia, "excellent").Utterance != quote(nepal, "excellent").Utterance {
		t.Error("the same words ten weeks apart are no longer one utterance")
	}
	got := carriers(x, e.Lookup("The United States must treat the issue of arms sales to Taiwan with caution"))
	if !slices.Equal(got, []string{"Vidia News exact"}) {
		t.Errorf("the quotation of the later report finds %v, want only Vidia News", got)
	}
}

func TestOccasionDays(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"2026-02-05", "2026-02-05", true},
		{"2026-02-05", "2026-02-12", true},
		{"2026-02-05", "2026-02-13", false},
		{"2025-11-24", "2026-02-05", false},
		{"2025-12-29", "2026-01-04T10:00:00Z", true}, // across a year's end, a time after the date
		{"2024-02-28", "2024-03-07", false},          // 2024 is a leap year: 8 days
		{"2023-02-28", "2023-03-07", true},
		{"", "2026-02-05", true}, // undated: nothing known
		{"2026-13-01", "2025-01-01", true},
	} {
		if got := match.SameOccasion(c.a, c.b); got != c.same {
			t.Errorf("%s, %s: same occasion %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

// TestWordingsSayWhatDiffers: each entry says how the outlet's text
// stands to the selection, and marks what differs: the words spelled
// otherwise (U.S./United States, case, apostrophes) and the words
// reworded.
func TestWordingsSayWhatDiffers(t *testing.T) {
	e, _ := seedEngine(t)
	marked := func(quote string, spans [][2]int) string {
		u := utf16.Encode([]rune(quote))
		var words []string
		for _, d := range spans {
			words = append(words, string(utf16.Decode(u[d[0]:d[1]])))
		}
		return strings.Join(words, "|")
	}
	type want struct{ wording, spelled, differs string }
	for sel, byOutlet := range map[string]map[string]want{
		"The U.S. must handle the issue of arms sales to Taiwan with prudence": {
			"The Washington Times": {match.Identical, "", ""},
			"The Rising Nepal":     {match.SpelledOtherwise, "United States", ""},
			"Vidia News":           {match.Reworded, "United States", "treat|caution"},
		},
		"the united states must handle the issue of arms sales to Taiwan with prudence": {
			"The Washington Times": {match.SpelledOtherwise, "The U.S.", ""},
			"The Rising Nepal":     {match.SpelledOtherwise, "The United States", ""},
		},
		"China's territory": { // a straight apostrophe
			"Vidia News":       {match.SpelledOtherwise, "China’s", ""},
			"The Rising Nepal": {match.Identical, "", ""},
		},
		"Now we can set our sights on the big picture": {
			"NDTV":                  {match.Identical, "", ""},
			"Daily The Destination": {match.InPart, "", ""},
		},
		"Taiwan is a democratic, self-ruled island located 100 miles off the Chinese coast": {
			"The Washington Times": {match.NotQuoted, "", ""},
		},
	} {
		got := map[string]want{}
		for _, en := range e.Entries(e.Lookup(sel)) {
			got[en.Outlet] = want{en.Wording, marked(en.Quote, en.Spelled), marked(en.Quote, en.Differs)}
		}
		for outlet, w := range byOutlet {
			if g, ok := got[outlet]; !ok {
				t.Errorf("%q: %s not found", sel, outlet)
			} else if g != w {
				t.Errorf("%q in %s: %+v, want %+v", sel, outlet, g, w)
			}
		}
	}
}

// TestNothingUnderTheCutOff: a whole article, or any paragraph of one,
// selected and looked up, returns no quotation under the engine's
// cut-off, SiblingFloor (before, a whole article listed quotations
// inside it at 0.09 and 0.06).
func TestNothingUnderTheCutOff(t *testing.T) {
	e, x := seedEngine(t)
	for _, a := range x.Articles {
		sels := []string{strings.Join(a.Paragraphs, "\n")}
		sels = append(sels, a.Paragraphs...)
		for _, sel := range sels {
			for _, m := range e.Lookup(sel).Matches {
				if m.Kind != match.Text && m.Score < match.SiblingFloor {
					t.Errorf("%s: %.40q… returns %s %s at %.2f", a.Outlet, sel, x.Articles[m.Article].Outlet, m.Kind, m.Score)
				}
			}
		}
	}
}

// TestDatesTellOccasionsApart: on BASIL (dated articles, 100 events each
// told by three outlets), a quotation that resembles the selection is
// returned from an article published within OccasionDays of the exact
// match, even when the build did not group the two (the day before:
// "I don’t think it’s any worse than what the president has said"), and
// not from one published years before ("I love this country, but this
// country is going to hell", 2011, for Trump's "Our country is going to
// hell", 2018).
func TestDatesTellOccasionsApart(t *testing.T) {
	x, _, err := eval.BasilLookups("../../../shared/data/basil")
	if os.IsNotExist(err) {
		t.Skip("../shared/data/basil is absent")
	} else if err != nil {
		t.Fatal(err)
	}
	e := match.New(x)
	find := func(sel string) (exact index.Article, others []index.Article) {
		for _, m := range e.Lookup(sel).Matches {
			if m.Kind == match.Exact && exact.Outlet == "" {
				exact = x.Articles[m.Article]
			} else {
				others = append(others, x.Articles[m.Article])
			}
		}
		return exact, others
	}
	exact, others := find("I don’t think it’s anything worse than what the president has said")
	if exact.Published == "" || len(others) != 1 || others[0].Published == "" || others[0].Published == exact.Published {
		t.Errorf("the rewording a day apart: exact in %s (%s), others %v", exact.Outlet, exact.Published, others)
	}
	exact, others = find("Our country is going to hell")
	if exact.Published[:4] != "2018" {
		t.Fatalf("exact in %s (%s): BASIL has changed", exact.Outlet, exact.Published)
	}
	for _, o := range others {
		t.Errorf("another occasion returned: %s (%s)", o.Outlet, o.Published)
	}
}

// TestFocusKeepsTheSelectionsArticles: the quotation inside a selection
// is answered for only when that loses no article the whole selection
// found. On BASIL: a narrative sentence that ends on another story's
// scare quote ("…known by opponents as cap-and-trade") still finds its
// own article, and so does a paragraph of two quotations, whose words
// another outlet printed as one.
func TestFocusKeepsTheSelectionsArticles(t *testing.T) {
	x, _, err := eval.BasilLookups("../../../shared/data/basil")
	if os.IsNotExist(err) {
		t.Skip("../shared/data/basil is absent")
	} else if err != nil {
		t.Fatal(err)
	}
	e := match.New(x)
	for _, start := range []string{
		"Etheridge, a member of the House Ways and Means and Budget committees",
		"\"As president, I'll end Obama's war on religion",
	} {
		own, sel := -1, ""
		for ai, a := range x.Articles {
			for _, p := range a.Paragraphs {
				if strings.HasPrefix(p, start) {
					own, sel = ai, p
				}
			}
		}
		if own < 0 {
			t.Fatalf("no paragraph begins %q: BASIL has changed", start)
		}
		res := e.Lookup(sel)
		if !slices.ContainsFunc(res.Matches, func(m match.Match) bool { return m.Article == own }) {
			t.Errorf("%q (focus %q) does not find its own article: %v", sel, res.Focus, carriers(x, res))
		}
	}
}
