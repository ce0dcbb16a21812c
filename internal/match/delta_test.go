package match_test

import (
	"os"
	"reflect"
	"testing"

	"quotetrail/internal/bench"
	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// splitIndex returns the first n articles of x, with their quotations
// (articles' quotations follow their articles' order), as a new index, and
// the articles and quotations after them, as a build gets them: not
// tokenized or grouped.
func splitIndex(t testing.TB, x *index.Index, n int) (base *index.Index, arts []index.Article, quotes []index.Quote) {
	t.Helper()
	base = &index.Index{Articles: append([]index.Article(nil), x.Articles[:n]...)}
	for _, q := range x.Quotes {
		if q.Article < n {
			if len(quotes) > 0 {
				t.Fatal("the index's quotations do not follow its articles' order")
			}
			base.Quotes = append(base.Quotes, q)
		} else {
			quotes = append(quotes, q)
		}
	}
	return base, x.Articles[n:], quotes
}

// deltaOver builds base as a full build does (tokens, groups, folder),
// then adds arts and quotes as an incremental build does, and returns the
// index now, the base's parts with the delta's and the delta's alone.
func deltaOver(t testing.TB, base *index.Index, arts []index.Article, quotes []index.Quote) (x *index.Index, files, delta map[string][]byte) {
	t.Helper()
	match.Tokenize(base)
	match.Group(base)
	files = match.BuildFolder(base, match.DefaultFolder)
	en, err := index.ReadEntry(files[index.EntryName])
	if err != nil {
		t.Fatal(err)
	}
	x = &index.Index{Articles: append(append([]index.Article(nil), base.Articles...), arts...),
		Quotes: append([]index.Quote(nil), base.Quotes...), TokensOf: base.TokensOf,
		Vocab: append([]string(nil), base.Vocab...), ParaTokens: base.ParaTokens, QuoteTokens: base.QuoteTokens}
	x.Quotes = append(x.Quotes, quotes...)
	match.TokenizeAdded(x, len(base.Articles), len(base.Quotes))
	e, ok := match.GroupAdded(x, len(base.Quotes))
	if !ok {
		t.Fatal("GroupAdded refused the base's utterances")
	}
	delta, err = match.BuildDeltaOn(e, en, nil, nil, match.DefaultFolder)
	if err != nil {
		t.Fatal(err)
	}
	// The engine that grouped is the one New makes of the grouped index.
	if fresh, err := match.BuildDelta(x, en, nil, match.DefaultFolder); err != nil || !reflect.DeepEqual(fresh, delta) {
		t.Fatalf("the delta on the grouping's engine differs from the delta on a new engine (%v)", err)
	}
	all := map[string][]byte{}
	for name, data := range files {
		all[name] = data
	}
	for name, data := range delta {
		all[name] = data
	}
	return x, all, delta
}

// deltaAnswersAlike looks every selection up in the whole index x and in
// the folder (base and delta), and counts the answers that differ.
func deltaAnswersAlike(t *testing.T, x *index.Index, base int, files map[string][]byte, sels []string) (differ, labels int) {
	e := match.New(x)
	for _, sel := range sels {
		want := e.Lookup(sel)
		got, ents, _ := folderLookup(t, files, sel)
		if !reflect.DeepEqual(got, want) {
			if labelOnly(got, want, base) {
				labels++
				t.Logf("%q: a base quotation labelled otherwise:\nfolder %+v\nwhole  %+v", sel, got.Matches, want.Matches)
				continue
			}
			differ++
			if differ <= 5 {
				t.Logf("%q:\nfolder %+v\nwhole  %+v", sel, got, want)
			}
			continue
		}
		if wantEnts := e.Entries(want); !reflect.DeepEqual(ents, wantEnts) {
			differ++
			if differ <= 5 {
				t.Logf("%q: entries differ:\nfolder %+v\nwhole  %+v", sel, ents, wantEnts)
			}
		}
	}
	return differ, labels
}

// labelOnly reports whether two results differ only in the kind of
// matches of quotations of the base (below base) between Partial and
// Variant: the base's quotations keep the summed weight the base gave
// them (corrected for the corpus's size only), which the rule for a
// quotation wholly inside the selection compares with (delta.go).
func labelOnly(got, want match.Result, base int) bool {
	if len(got.Matches) != len(want.Matches) {
		return false
	}
	g, w := got, want
	g.Matches, w.Matches = nil, nil
	if !reflect.DeepEqual(g, w) {
		return false
	}
	for i, m := range got.Matches {
		o := want.Matches[i]
		if m.Kind != o.Kind {
			if m.Quote >= base || m.Kind != match.Partial && m.Kind != match.Variant || o.Kind != match.Partial && o.Kind != match.Variant {
				return false
			}
			m.Kind = o.Kind
		}
		if m != o {
			return false
		}
	}
	return true
}

// TestDeltaAnswersAlike: a folder index of a base and the delta of the
// articles added after it answers as the whole index of all of them.
func TestDeltaAnswersAlike(t *testing.T) {
	check := func(t *testing.T, x *index.Index, n int, sels []string) {
		base, arts, quotes := splitIndex(t, x, n)
		now, files, delta := deltaOver(t, base, arts, quotes)
		differ, labels := deltaAnswersAlike(t, now, len(base.Quotes), files, sels)
		t.Logf("%d of %d articles added: %d delta parts beside %d; %d of %d selections answered otherwise, %d with a base quotation's label otherwise",
			len(arts), len(now.Articles), len(delta), len(files)-len(delta), differ, len(sels), labels)
		if differ > 0 {
			t.Errorf("%d of %d selections answered otherwise", differ, len(sels))
		}
	}
	t.Run("seeds", func(t *testing.T) {
		_, x := seedEngine(t)
		check(t, x, 3, selections(t, x, 300))
	})
	t.Run("basil", func(t *testing.T) {
		x, sels, err := eval.BasilLookups("../../../shared/data/basil")
		if os.IsNotExist(err) {
			t.Skip("../shared/data/basil is absent")
		} else if err != nil {
			t.Fatal(err)
		}
		check(t, x, len(x.Articles)*9/10, sels)
	})
	t.Run("generated", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds a 1,500-article corpus")
		}
		srcs, err := bench.Sources("../../../shared")
		if err != nil {
			t.Skipf("../shared/data is absent: %v", err)
		}
		x := bench.Generate(srcs, 1500, 3)
		check(t, x, 1400, append(selections(t, x, 400), bench.Queries(x, 100, 4)...))
	})
}

// TestDeltaJoinsTwoUtterances: an added quotation that says what two
// quotations of the base say, which the base kept apart, joins them into
// one utterance, and the folder answers as the whole index: the delta
// holds the joined utterance whole, base quotations too.
func TestDeltaJoinsTwoUtterances(t *testing.T) {
	const (
		a = "alpha bravo charlie delta echo foxtrot"
		b = "delta echo foxtrot golf hotel india"
		c = "alpha bravo charlie delta echo foxtrot golf hotel india"
		d = "kilo lima mike stands alone here" // an utterance the added one leaves alone
	)
	art := func(ai int, text string) (index.Article, index.Quote) {
		outlet := string(rune('A' + ai))
		return index.Article{Stem: outlet, Outlet: outlet, Paragraphs: []string{"“" + text + ",” said someone."}},
			index.Quote{Article: ai, Start: len("“"), End: len("“") + len(text), Text: text, Speaker: "Someone", Cue: "said"}
	}
	x := &index.Index{}
	for i, text := range []string{a, b, d} {
		ar, q := art(i, text)
		x.Articles = append(x.Articles, ar)
		x.Quotes = append(x.Quotes, q)
	}
	ac, qc := art(3, c)
	now, files, _ := deltaOver(t, x, []index.Article{ac}, []index.Quote{qc})
	if u := now.Quotes[0].Utterance; now.Quotes[1].Utterance != u || now.Quotes[3].Utterance != u || now.Quotes[2].Utterance == u {
		t.Fatalf("utterances %d %d %d %d: the added quotation must join the first two alone",
			now.Quotes[0].Utterance, now.Quotes[1].Utterance, now.Quotes[2].Utterance, now.Quotes[3].Utterance)
	}
	sels := []string{b, d + " and then " + b, b + " " + d, a}
	if differ, labels := deltaAnswersAlike(t, now, len(x.Quotes), files, sels); differ+labels > 0 {
		t.Errorf("%d of %d selections answered otherwise than the whole index", differ+labels, len(sels))
	}
}
