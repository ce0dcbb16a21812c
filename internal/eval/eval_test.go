package eval

import (
	"os"
	"slices"
	"strings"
	"testing"

	"quotetrail/internal/quote"
)

const shared = "../../../shared/data"

func have(t *testing.T, path string) {
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is absent: skipping", path)
	}
}

// TestSeedGold prints precision and recall per field against the
// hand-checked gold file of the seed articles. The floors guard against
// regressions; the README lists each miss left and why.
func TestSeedGold(t *testing.T) {
	r, err := Seeds("testdata/seeds-gold.json", "../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("quotations P=%.3f R=%.3f (%d/%d found, %d predicted)", r.Quotes.Precision(), r.Quotes.Recall(), r.Quotes.TruePos, r.Quotes.Gold, r.Quotes.Predicted)
	for _, f := range []struct {
		name string
		s    PRF
	}{{"speaker", r.Speaker}, {"channel", r.Channel}, {"cue", r.Cue}} {
		t.Logf("%-8s P=%.3f R=%.3f (%d right, %d given, %d in gold)", f.name, f.s.Precision(), f.s.Recall(), f.s.TruePos, f.s.Predicted, f.s.Gold)
	}
	for _, m := range r.Misses {
		t.Logf("missed %s", m)
	}
	for _, m := range r.Extra {
		t.Logf("extra %s", m)
	}
	for _, m := range r.Wrong {
		t.Logf("wrong %s", m)
	}
	if r.Quotes.Recall() < 1 || r.Speaker.Recall() < 0.95 || r.Channel.Recall() < 0.8 || r.Cue.Recall() < 0.85 {
		t.Errorf("below the floors (quotations R 1, speaker R 0.95, channel R 0.8, cue R 0.85)")
	}
}

func TestPolNeARDev(t *testing.T) {
	dir := shared + "/polnear/dev"
	have(t, dir)
	r, err := PolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev: %d articles, quotations P=%.3f R=%.3f F1=%.3f, speaker accuracy %.3f",
		r.Articles, r.Quotes.Precision(), r.Quotes.Recall(), r.Quotes.F1(), r.SpeakerAccuracy())
	// Floors under today's figures (F1 0.962, speaker 0.926 with the
	// ranker and the attributed model of issue 11), to catch regressions.
	if r.Articles != 84 || r.Quotes.F1() < 0.95 || r.SpeakerAccuracy() < 0.90 {
		t.Errorf("below the floors (84 articles, F1 0.95, speaker 0.90)")
	}
}

func TestStretches(t *testing.T) {
	doc := []rune(`He said “one” and "two," then “an “inner” one.” Done; 6'3" tall.`)
	got := stretches(doc, span{0, len(doc)})
	if strings.Join(got, "|") != `one|two,|an “inner” one.` {
		t.Errorf("stretches = %q", got)
	}
	// A left mark typed as a closing one (PolNeAR train,
	// huff-post_2016-03-15_pastor-wants-girl-scout-leaders-) closes.
	doc = []rune("After he blasted the hit Disney film “Frozen“ and the\u00a0Harry Potter\u00a0books for being too “pro-gay,” Pastor Kevin Swanson has now set his sights on the Girl Scouts of America.")
	got = stretches(doc, span{0, len(doc)})
	if strings.Join(got, "|") != `Frozen|pro-gay,` {
		t.Errorf("stretches = %q", got)
	}
}

func TestPages(t *testing.T) {
	dir := shared + "/realhtml"
	have(t, dir)
	r, err := Pages(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Fields {
		t.Logf("%-14s expected %3d found %3d correct %3d  P=%.3f R=%.3f", f.Field, f.Expected, f.Found, f.Correct, f.Precision(), f.Recall())
	}
	t.Logf("body: %d pages, %d without an article, words P=%.3f R=%.3f F1=%.3f", r.BodyPages, r.BodyErrors, r.Body.Precision(), r.Body.Recall(), r.Body.F1())
	if r.MetaPages < 100 || r.BodyPages < 150 {
		t.Errorf("read %d metadata pages and %d body pages: data missing?", r.MetaPages, r.BodyPages)
	}
	// Floors a little under today's figures (README), to catch regressions.
	if r.Body.F1() < 0.85 || r.Fields[0].Recall() < 0.8 {
		t.Errorf("below the floors (body F1 0.85, title recall 0.8)")
	}
}

func TestBasil(t *testing.T) {
	dir := shared + "/basil"
	have(t, dir)
	r, err := Basil(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d quotations looked up: own article %d, same-event carriers %d/%d, unrelated %d in %d lookups",
		r.Quotes, r.OwnFound, r.Found, r.Carriers, r.Unrelated, r.LookupsUnrelated)
	if r.Quotes < 500 || ratio(r.OwnFound, r.Quotes) < 0.95 || ratio(r.Found, r.Carriers) < 0.9 {
		t.Errorf("below the floors (own 0.95, carriers 0.9)")
	}
}

// TestBasilSpeakers prints the resolved-speaker accuracy on BASIL's
// quoted phrases that name their speaker; the floor sits under today's
// figure, to catch regressions.
func TestBasilSpeakers(t *testing.T) {
	dir := shared + "/basil"
	have(t, dir)
	r, err := BasilSpeakers(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d named phrases, %d inside a quotation found, resolved speaker right %d (%.3f), with speaker_text %d",
		r.Phrases, r.Matched, r.Right, r.Accuracy(), r.RightText)
	if r.Phrases < 350 || ratio(r.Matched, r.Phrases) < 0.75 || r.Accuracy() < 0.58 {
		t.Errorf("below the floors (350 phrases, 0.75 found, 0.58 right)")
	}
}

func TestNameOverlap(t *testing.T) {
	for _, c := range []struct {
		pred, gold string
		want       bool
	}{
		{"Donald Trump", "Trump", true},
		{"Trump", "Donald Trump", true},
		{"President Calderón", "Felipe Calder", true}, // BASIL's names lose letters past ASCII
		{"Secretary of State", "Department of Justice", false},
		{"the spokesperson", "the Obama campaign", false},
		{"", "Joe Biden", false},
	} {
		if got := nameOverlap(c.pred, c.gold); got != c.want {
			t.Errorf("nameOverlap(%q, %q) = %v", c.pred, c.gold, got)
		}
	}
}

// TestPairQuotes: predictions pair one to one with gold stretches, the
// best overlap first, only when they share half their words; a speaker is
// right when its name or its words share a word with the gold Source.
func TestPairQuotes(t *testing.T) {
	gold := []GoldStretch{{Text: "we will win this state", Source: "Mr. Perry"}, {Text: "nobody believed us", Source: "he"}}
	preds := []quote.Quote{{Text: "nobody believed us at all"}, {Text: "we will win this state"}, {Text: "we will win"}, {Text: "something else"}}
	got := PairQuotes(preds, gold)
	if want := []int{1, 0, -1, -1}; !slices.Equal(got, want) {
		t.Errorf("PairQuotes = %v, want %v", got, want)
	}
	for _, c := range []struct {
		speaker, text, source string
		want                  bool
	}{
		{"Rick Perry", "he", "Mr. Perry", true},
		{"Rick Perry", "he", "he", true},
		{"", "the governor", "The Texas governor", true},
		{"Ted Cruz", "Cruz", "Mr. Perry", false},
		{"", "", "he", false},
	} {
		if got := SpeakerRight(c.speaker, c.text, c.source); got != c.want {
			t.Errorf("SpeakerRight(%q, %q, %q) = %v", c.speaker, c.text, c.source, got)
		}
	}
}

// TestReadGoldJoinsFragments: a Content brat stores as fragments, one a
// sentence and out of text order (PolNeAR train,
// breitbart_2015-12-03_graham-trump-s-incredibly-hatefu, its offsets
// moved to the paragraph's start), is one quotation, not its first and
// last sentences; fragments split by a line break stay apart.
func TestReadGoldJoinsFragments(t *testing.T) {
	dir := t.TempDir()
	doc := "He added, “Now it’s not self-deportation, it’s forced deportation. We’re literally going to round them all up? Does that sound familiar to you? Everyone of them, including their American citizen children. That is the leader of the Republican Party. You think you are going to win an election with that kind of garbage?”\n“One line,\n“and the next.”"
	ann := "T21\tSource 0 2\tHe\nT22\tCue 3 8\tadded\n" +
		"T23\tContent 111 143;144 204;205 248;249 319;10 66;67 110\t…\n" +
		"T24\tAttribution 3 8\tadded\n" +
		"E6\tAttribution:T24 Content:T23 Cue:T22 Source:T21\n" +
		"T25\tContent 320 330;331 346\t…\n" +
		"E7\tContent:T25 Source:T21\n"
	if err := os.WriteFile(dir+"/a.txt", []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/a.ann", []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	gold, err := readGold(dir+"/a.ann", doc)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range gold {
		got = append(got, g.Text)
	}
	want := []string{
		"Now it’s not self-deportation, it’s forced deportation. We’re literally going to round them all up? Does that sound familiar to you? Everyone of them, including their American citizen children. That is the leader of the Republican Party. You think you are going to win an election with that kind of garbage?",
		"One line,", "and the next.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("gold stretches:\n got %q\nwant %q", got, want)
	}
}

// TestPolNeARAgreement: two annotators' files of one article (a PolNeAR
// train paragraph); one marks both quotations, the other one of them.
func TestPolNeARAgreement(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"text", "attributions"} {
		if err := os.Mkdir(dir+"/"+d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	doc := "“Okay,” I said, attempting to regroup. “I was seventeen years old when I set foot in America.”\n"
	a := "T1\tContent 0 6\t…\nE1\tContent:T1\nT2\tContent 39 95\t…\nE2\tContent:T2\n"
	b := "T2\tContent 39 95\t…\nE2\tContent:T2\n"
	for name, s := range map[string]string{"text/x.txt": doc, "attributions/x_a.ann": a, "attributions/x_b.ann": b, "text/y.txt": doc, "attributions/y_a.ann": a} {
		if err := os.WriteFile(dir+"/"+name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ag, err := PolNeARAgreement(dir)
	if err != nil {
		t.Fatal(err)
	}
	// y has one annotator: left out. a against b: 1 of 2 predicted, b
	// against a: 1 of 1; the finder finds both, against a and b.
	// (Whether the model keeps "Okay" is the model's matter: the long
	// quotation is matched against both.)
	if ag.Articles != 1 || ag.Files != 2 || ag.Humans != (PRF{TruePos: 2, Predicted: 3, Gold: 3}) ||
		ag.Finder.Gold != 3 || ag.Finder.Predicted%2 != 0 || ag.Finder.TruePos < 2 {
		t.Errorf("agreement = %+v", ag)
	}
}
