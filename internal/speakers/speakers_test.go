package speakers

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestCorpusNames: each rule of Corpus on the names it meets in the
// corpora (BASIL's and the seeds' speakers).
func TestCorpusNames(t *testing.T) {
	cases := []struct {
		name string
		own  []string
		utt  []int // nil: each quotation its own utterance
		want []string
	}{
		{"a surname takes the one fuller name",
			[]string{"Trump", "Donald Trump", "Mr. Trump", "President Trump"}, nil,
			[]string{"Donald Trump", "Donald Trump", "Donald Trump", "Donald Trump"}},
		{"titles neither block nor count; a surname written first",
			[]string{"Mr. Xi", "Xi", "Chinese leader Xi", "Xi Jinping"}, nil,
			[]string{"Xi Jinping", "Xi Jinping", "Xi Jinping", "Xi Jinping"}},
		{"the name without the titles before it",
			[]string{"Arpaio", "Controversial Arizona Sheriff Joe Arpaio", "Strzok", "Special Agent Strzok’s", "Boehner’s", "John Boehner"}, nil,
			[]string{"Joe Arpaio", "Controversial Arizona Sheriff Joe Arpaio", "Strzok", "Special Agent Strzok’s", "John Boehner", "John Boehner"}},
		{"the fullest of a chain",
			[]string{"Clinton", "Hillary Clinton", "Hillary Rodham Clinton"}, nil,
			[]string{"Hillary Rodham Clinton", "Hillary Rodham Clinton", "Hillary Rodham Clinton"}},
		{"two fuller names compete: left as written",
			[]string{"Trump", "Donald Trump", "Lara Trump"}, nil,
			[]string{"Trump", "Donald Trump", "Lara Trump"}},
		{"the same utterance decides between them",
			[]string{"Trump", "Donald Trump", "Lara Trump", "Trump"}, []int{0, 0, 2, 3},
			[]string{"Donald Trump", "Donald Trump", "Lara Trump", "Trump"}},
		{"an utterance whose outlets disagree decides nothing",
			[]string{"Trump", "Donald Trump", "Lara Trump"}, []int{0, 0, 0},
			[]string{"Trump", "Donald Trump", "Lara Trump"}},
		{"a suffix is another person",
			[]string{"Jackson", "Jesse Jackson Jr", "Donald Trump", "Donald Trump Jr.", "Mr. Trump", "Trump Jr"}, nil,
			[]string{"Jackson", "Jesse Jackson Jr", "Donald Trump", "Donald Trump Jr.", "Donald Trump", "Donald Trump Jr."}},
		{"bodies and groups are not people",
			[]string{"House Democrats", "Democrats", "Obama campaign", "Obama", "Barack Obama", "the White House", "White", "California", "California Democrat"}, nil,
			[]string{"House Democrats", "Democrats", "Obama campaign", "Barack Obama", "Barack Obama", "the White House", "White", "California", "California Democrat"}},
		{"phrases are not names",
			[]string{"One", "One Facebook", "Some", "Some Republican", "President", "Rep. King", "Steve King"}, nil,
			[]string{"One", "One Facebook", "Some", "Some Republican", "President", "Steve King", "Steve King"}},
		{"the spelling most given",
			[]string{"Pelosi", "Nancy Pelosi", "House Speaker Nancy Pelosi", "Nancy Pelosi"}, nil,
			[]string{"Nancy Pelosi", "Nancy Pelosi", "House Speaker Nancy Pelosi", "Nancy Pelosi"}},
		{"nobody and pronouns stay",
			[]string{"", "he", "Trump"}, nil,
			[]string{"", "he", "Trump"}},
	}
	for _, c := range cases {
		utt := c.utt
		if utt == nil {
			utt = make([]int, len(c.own))
			for i := range utt {
				utt[i] = i
			}
		}
		if got := Corpus(c.own, utt, nil); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.own, got, c.want)
		}
		// The answer does not depend on the order of the corpus.
		rev := func(s []string) []string { r := slices.Clone(s); slices.Reverse(r); return r }
		ru := slices.Clone(utt)
		slices.Reverse(ru)
		if got := rev(Corpus(rev(c.own), ru, nil)); !slices.Equal(got, c.want) {
			t.Errorf("%s, reversed: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestArticleNamesAnother: an article whose text gives the surname to
// another first name ("Michael Cohen’s congressional testimony", BASIL
// 2019, whose quotations say only "Mr. Cohen") keeps "Cohen" though the
// corpus's only fuller Cohen is Adriana Cohen; an article that writes
// only "Mr. Cohen" takes her name.
func TestArticleNamesAnother(t *testing.T) {
	own := []string{"Cohen", "Cohen", "Adriana Cohen"}
	paras := [][]string{
		{"“BuzzFeed’s description of specific statements to the special counsel’s office, and characterization of documents and testimony obtained by this office, regarding Michael Cohen’s congressional testimony are not accurate,” the spokesman, Peter Carr, said."},
		{"Mr. Cohen said he had concealed his interactions with Russian officials."},
		{"Adriana Cohen said it."},
	}
	got := Corpus(own, []int{0, 1, 2}, func(i int) (int, []string) { return i, paras[i] })
	want := []string{"Cohen", "Adriana Cohen", "Adriana Cohen"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCorpusCheckedKnown: CorpusChecked returns the answers of the
// checks it asked, takes a known answer instead of reading the article
// again (a known answer that is wrong on purpose changes the name), and
// answers as Corpus does when told its own answers.
func TestCorpusCheckedKnown(t *testing.T) {
	own := []string{"Cohen", "Cohen", "Adriana Cohen"}
	paras := [][]string{
		{"Michael Cohen’s congressional testimony, the spokesman said."},
		{"Mr. Cohen said he had concealed his interactions."},
		{"Adriana Cohen said it."},
	}
	text := func(i int) (int, []string) { return i, paras[i] }
	got, checks := CorpusChecked(own, []int{0, 1, 2}, text, nil)
	want := map[Check]bool{{0, "cohen", "adriana cohen"}: true, {1, "cohen", "adriana cohen"}: false}
	if !slices.Equal(got, Corpus(own, []int{0, 1, 2}, text)) || len(checks) != len(want) {
		t.Fatalf("names %q, checks %v", got, checks)
	}
	for c, other := range want {
		if v, ok := checks[c]; !ok || v != other {
			t.Errorf("check %v: %v, %v; want %v", c, v, ok, other)
		}
	}
	again, _ := CorpusChecked(own, []int{0, 1, 2}, text, checks)
	if !slices.Equal(again, got) {
		t.Errorf("told its own answers: %q, not %q", again, got)
	}
	flipped := map[Check]bool{{0, "cohen", "adriana cohen"}: false, {1, "cohen", "adriana cohen"}: true}
	if wrong, _ := CorpusChecked(own, []int{0, 1, 2}, text, flipped); !slices.Equal(wrong, []string{"Adriana Cohen", "Cohen", "Adriana Cohen"}) {
		t.Errorf("told wrong answers, it read the articles: %q", wrong)
	}
}

// TestMention: the outlet's own name for the speaker, from attributions
// of the corpora.
func TestMention(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"Joseph Sellers", "Mr. Sellers responded that … but that", "Mr. Sellers"},
		{"Donald John Trump", "Trump said", "Trump"},
		{"Donald Trump", "President Donald Trump said on Truth Social", ""},
		{"Donald Trump", "Melania Trump said", ""},
		{"Xi Jinping", "Xi told Trump", "Xi"},
		{"Joseph Sellers", "he went on", ""},
		{"Vicente Fox", "Fox told CNN", "Fox"},
		{"Nancy Pelosi", "Pelosi’s office said", "Pelosi"},
		{"Sellers", "Mr. Sellers said", ""},
		{"the White House", "the White House said", ""},
	}
	for _, c := range cases {
		if got := Mention(c.name, c.text); got != c.want {
			t.Errorf("Mention(%q, %q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// namesOtherwiseAsWritten is namesOtherwise as first written (each
// paragraph split, each word lowered): the reference the faster one must
// answer like.
func namesOtherwiseAsWritten(paras []string, p, f *name) bool {
	sur := p.words[len(p.words)-1]
	for _, para := range paras {
		if !containsFold(para, sur) {
			continue
		}
		ws := strings.Fields(para)
		for k := 1; k < len(ws); k++ {
			w := strings.ToLower(strings.Trim(ws[k], ".,;:!?\"'“”‘’()"))
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if w != sur {
				continue
			}
			prev := strings.TrimLeft(ws[k-1], "\"“‘(")
			if strings.IndexFunc(prev, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) >= 0 {
				continue
			}
			r, _ := utf8.DecodeRuneInString(prev)
			lp := strings.ToLower(prev)
			if unicode.IsUpper(r) && !titleWords[lp] && !notNames[lp] && !bodies[lp] && !slices.Contains(f.words, lp) {
				return true
			}
		}
	}
	return false
}

// FuzzNamesOtherwise: namesOtherwise answers as it was first written,
// whatever the text and the names.
func FuzzNamesOtherwise(f *testing.F) {
	f.Add("Michael Cohen's testimony, said Mr. Cohen.", "cohen", "adriana cohen")
	f.Add("“Sánchez said”, SÁNCHEZ’s aide; Pedro Sánchez’s party", "sánchez", "pedro sánchez")
	f.Add("The COHEN'S and Ms. Cohen (J. Cohen) Jean-Luc Cohen", "cohen", "adriana cohen")
	f.Add("Michael COHEN'S testimony", "cohen", "adriana cohen")
	f.Add("Kelvin \u212aohen or Ohen ſmith Smith", "kohen", "x kohen")
	f.Fuzz(func(t *testing.T, text, sur, full string) {
		p := &name{words: append(strings.Fields(full), sur)}
		fw := &name{words: strings.Fields(full)}
		paras := strings.Split(text, "\n")
		if got, want := namesOtherwise(paras, p, fw), namesOtherwiseAsWritten(paras, p, fw); got != want {
			t.Errorf("namesOtherwise(%q, %q, %q) = %v, as written %v", text, sur, full, got, want)
		}
	})
}
