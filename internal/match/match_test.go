package match_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"quotetrail/internal/build"
	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

func seedEngine(t testing.TB) (*match.Engine, *index.Index) {
	files, err := build.CorpusFiles("../../corpus")
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v", err)
	}
	x, bad := build.Index(files)
	if len(bad) > 0 {
		t.Fatalf("corpus files left out: %v", bad)
	}
	return match.New(x), x
}

// TestLookupSets scores the development lookups of ../shared/eval and the
// project's own: every expected outlet found, nothing unexpected returned.
func TestLookupSets(t *testing.T) {
	e, x := seedEngine(t)
	sets, _ := filepath.Glob("testdata/*.jsonl")
	sets = append(sets, "../../../shared/eval/lookups-dev.jsonl")
	for _, set := range sets {
		cases, err := eval.ReadLookups(set)
		if os.IsNotExist(err) && strings.Contains(set, "shared") {
			t.Logf("%s is absent: skipping that set", set)
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		r := eval.Lookups(cases, e, x)
		t.Logf("%s: recall %.3f precision %.3f", filepath.Base(set), r.Recall(), r.Precision())
		for _, m := range r.Misses {
			t.Errorf("%s: %s", filepath.Base(set), m)
		}
	}
}

// TestCarriersOfTheExample is the example: the Washington Times
// quotation is carried by three outlets, Vidia News in other words and
// through Xinhua.
func TestCarriersOfTheExample(t *testing.T) {
	e, x := seedEngine(t)
	for _, sel := range []string{
		"The U.S. must handle the issue of arms sales to Taiwan with prudence",
		"the united states MUST handle the issue of arms sales\nto Taiwan   with prudence",
		"\"The U.S. must handle the issue of arms sales to Taiwan with prudence,\" he said.",
	} {
		res := e.Lookup(sel)
		byOutlet := map[string]index.Quote{}
		for _, m := range res.Matches {
			if m.Quote < 0 {
				t.Errorf("%q: %s matched as plain text", sel, x.Articles[m.Article].Outlet)
				continue
			}
			byOutlet[x.Articles[m.Article].Outlet] = x.Quotes[m.Quote]
		}
		if len(res.Matches) != 3 {
			t.Errorf("%q: %d matches, want 3", sel, len(res.Matches))
		}
		v, ok := byOutlet["Vidia News"]
		if !ok || !strings.Contains(v.Text, "treat the issue") || v.Channel != "Xinhua" || v.Speaker != "Xi Jinping" {
			t.Errorf("%q: Vidia News match %+v", sel, v)
		}
		for _, o := range []string{"The Washington Times", "The Rising Nepal"} {
			if q, ok := byOutlet[o]; !ok || q.Speaker != "Xi Jinping" {
				t.Errorf("%q: %s match %+v", sel, o, q)
			}
		}
	}
}

// TestEventsStayApart: quotations of the November 2025 call and of the
// February 2026 call share words but are not one utterance.
func TestEventsStayApart(t *testing.T) {
	_, x := seedEngine(t)
	nov := map[string]bool{"003_582b350d6661eea7": true, "004_befe87f2968437d6": true}
	first := map[int]bool{}
	for _, q := range x.Quotes {
		first[q.Utterance] = nov[x.Articles[q.Article].Stem]
	}
	for _, q := range x.Quotes {
		if nov[x.Articles[q.Article].Stem] != first[q.Utterance] {
			t.Errorf("%q (%s) is grouped across the two calls", q.Text, x.Articles[q.Article].Stem)
		}
	}
}

func TestBounds(t *testing.T) {
	e, _ := seedEngine(t)
	long := strings.Repeat("The U.S. must handle the issue ", 500)
	res := e.Lookup(long)
	if !res.Truncated || len(res.Query) > match.MaxSelection {
		t.Errorf("a %d-byte selection was not cut: truncated=%v len=%d", len(long), res.Truncated, len(res.Query))
	}
	for _, s := range []string{"", "   ", "“”", "the", "\xff\xfe"} {
		if res := e.Lookup(s); len(res.Matches) != 0 {
			t.Errorf("%q matched %d articles", s, len(res.Matches))
		}
	}
}

// FuzzOwnQuotationFindsItsArticle: any run of three or more words of a
// corpus quotation, selected alone, finds the article that printed it.
func FuzzOwnQuotationFindsItsArticle(f *testing.F) {
	e, x := seedEngine(f)
	for i := range x.Quotes {
		f.Add(i, 0, 1000)
	}
	f.Fuzz(func(t *testing.T, qi, from, to int) {
		if qi < 0 || qi >= len(x.Quotes) {
			return
		}
		q := x.Quotes[qi]
		words := strings.Fields(q.Text)
		from = min(max(from, 0), len(words))
		to = min(max(to, from), len(words))
		if to-from < match.MinWords {
			from, to = 0, len(words)
		}
		sel := strings.Join(words[from:to], " ")
		for _, m := range e.Lookup(sel).Matches {
			if m.Article == q.Article {
				return
			}
		}
		t.Errorf("%q, from quotation %q, does not find its own article", sel, q.Text)
	})
}

// TestDeterministic: the same lookup gives the same answer every time
// (the engine walks maps; its answer must not depend on their order).
func TestDeterministic(t *testing.T) {
	e, _ := seedEngine(t)
	for _, sel := range []string{"The United States must treat the issue of arms sales to Taiwan with caution", "Just as the U.S. has its concerns"} {
		first := e.Lookup(sel)
		for range 50 {
			if again := e.Lookup(sel); !slices.Equal(again.Matches, first.Matches) {
				t.Fatalf("%q: %v then %v", sel, first.Matches, again.Matches)
			}
		}
	}
}

// TestKinds checks the kind of match the card shows for each kind of
// selection.
func TestKinds(t *testing.T) {
	e, x := seedEngine(t)
	cases := []struct{ sel, outlet, kind string }{
		{"The United States must treat the issue of arms sales to Taiwan with caution", "Vidia News", match.Exact},
		{"The United States must treat the issue of arms sales to Taiwan with caution", "The Rising Nepal", match.Variant},
		{"I want to see China succeed", "The Washington Times", match.Exact},
		{"Now we can set our sights on the big picture", "Daily The Destination", match.Partial},
		{"Taiwan is a democratic, self-ruled island located 100 miles off the Chinese coast", "The Washington Times", match.Text},
		{"Trump said he would never allow Taiwan to be separated from the United States", "The Washington Times", match.Partial},
	}
	for _, c := range cases {
		found := false
		for _, m := range e.Lookup(c.sel).Matches {
			if x.Articles[m.Article].Outlet == c.outlet {
				found = true
				if m.Kind != c.kind {
					t.Errorf("%q in %s: kind %s, want %s", c.sel, c.outlet, m.Kind, c.kind)
				}
			}
		}
		if !found {
			t.Errorf("%q: %s not found", c.sel, c.outlet)
		}
	}
}

// TestDiffersMarksTheOtherWords: a variant reports the words that differ
// from the selection, as JavaScript string offsets in its quotation.
func TestDiffersMarksTheOtherWords(t *testing.T) {
	e, _ := seedEngine(t)
	res := e.Lookup("The U.S. must handle the issue of arms sales to Taiwan with prudence")
	for _, en := range e.Entries(res) {
		if en.Outlet != "Vidia News" {
			if en.Differs != nil {
				t.Errorf("%s (%s) marks %v", en.Outlet, en.Match, en.Differs)
			}
			continue
		}
		u := utf16.Encode([]rune(en.Quote))
		var words []string
		for _, d := range en.Differs {
			words = append(words, string(utf16.Decode(u[d[0]:d[1]])))
		}
		if strings.Join(words, "|") != "treat|caution" {
			t.Errorf("Vidia News differs in %q, want treat|caution", words)
		}
	}
}

// TestStoredTokensAnswerAlike: an engine loaded from the index's stored
// tokens answers exactly as one that tokenizes the text itself.
func TestStoredTokensAnswerAlike(t *testing.T) {
	e, x := seedEngine(t)
	if !x.HasTokens() {
		t.Fatal("the build wrote no tokens")
	}
	bare := *x
	bare.Vocab, bare.ParaTokens, bare.QuoteTokens = nil, nil, nil
	e2 := match.New(&bare)
	cases, err := eval.ReadLookups("testdata/lookups-project.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		a, b := e.Lookup(c.Query), e2.Lookup(c.Query)
		if !slices.Equal(a.Matches, b.Matches) {
			t.Errorf("%q: stored tokens give %v, tokenizing gives %v", c.Query, a.Matches, b.Matches)
		}
	}
}

// TestOtherNormalizationIsNotTrusted: tokens stored by another
// normalization are ignored, and the engine tokenizes the text itself.
func TestOtherNormalizationIsNotTrusted(t *testing.T) {
	_, x := seedEngine(t)
	odd := *x
	odd.TokensOf = "textnorm-0"
	odd.QuoteTokens = make([][]int32, len(x.QuoteTokens)) // would match nothing if used
	for i := range odd.QuoteTokens {
		odd.QuoteTokens[i] = []int32{0}
	}
	if res := match.New(&odd).Lookup("rock solid"); len(res.Matches) != 1 {
		t.Errorf("with foreign tokens the lookup found %d matches, want 1", len(res.Matches))
	}
}
