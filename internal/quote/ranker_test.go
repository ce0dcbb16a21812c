package quote

import (
	"slices"
	"strings"
	"testing"
)

// feature returns the hashed id of one feature, as the ranker adds it.
func feature(parts ...string) uint32 {
	var fs feats
	fs.add(parts...)
	return fs.ids[0]
}

// withModel runs fn with the ranker's weights replaced.
func withModel(t *testing.T, w map[uint32]float32, fn func()) {
	t.Helper()
	saved := rankerWeights
	rankerWeights = w
	defer func() { rankerWeights = saved }()
	fn()
}

// TestRankerDecodes checks that the speaker is the best-scoring
// candidate under the model: a model that only likes "nobody" leaves
// every speaker empty; one that likes names in the paragraph before picks
// that name for a quotation-only paragraph; no model keeps the rules.
func TestRankerDecodes(t *testing.T) {
	paras := []string{
		"Texas Gov. Rick Perry spoke to supporters in Iowa on Monday.",
		"“We will win this state,” he said.",
	}
	withModel(t, nil, func() {
		check(t, paras, []want{{text: "We will win", speaker: "Rick Perry", speakerText: "he", cue: "said"}})
	})
	withModel(t, map[uint32]float32{feature("k", kNull): 10}, func() {
		for _, q := range Find(paras) {
			if q.Speaker != "" || q.SpeakerText != "" {
				t.Errorf("%q: speaker %q (%q) where the model prefers nobody", q.Text, q.Speaker, q.SpeakerText)
			}
		}
	})
	// A quotation-only paragraph after the one naming the speaker.
	paras = []string{
		"Texas Gov. Rick Perry spoke to supporters in Iowa on Monday.",
		"“Nobody believed us.”",
	}
	withModel(t, map[uint32]float32{feature("kl", kName, "P-1"): 10}, func() {
		qs := Find(paras)
		if len(qs) != 1 || qs[0].Speaker != "Rick Perry" || qs[0].SpeakerText != "Texas Gov. Rick Perry" || !qs[0].Inferred {
			t.Errorf("quotation-only paragraph: got %+v, want the name of the paragraph before, inferred", qs)
		}
	})
	withModel(t, map[uint32]float32{feature("kl", kName, "P-1"): -10}, func() {
		if qs := Find(paras); len(qs) != 1 || qs[0].Speaker == "Rick Perry" {
			t.Errorf("a model against names in the paragraph before still chose one: %+v", qs)
		}
	})
}

// TestRankerKeepsChannelFrames: a person and a channel stated in one
// sentence are the rules' to read, whatever the model prefers.
func TestRankerKeepsChannelFrames(t *testing.T) {
	paras := []string{"“China always means what it says,” Mr. Xi said, according to the Chinese readout."}
	withModel(t, map[uint32]float32{feature("k", kNull): 10}, func() {
		check(t, paras, []want{{text: "China always", speaker: "Xi", speakerText: "Mr. Xi", cue: "said", channel: "Official readout"}})
	})
}

// TestMentions checks what the ranker reads in a sentence: names with
// their titles, pronouns, nominals a cue takes, the cue's relation to
// each, and what is no mention (a byline, a sentence opener, a cue word).
func TestMentions(t *testing.T) {
	cases := []struct {
		sentence string
		want     []string // text/kind/cueRel
	}{
		{"“We will win,” said Sen. Claire McCaskill (D-Mo.) on Tuesday.", []string{"Sen. Claire McCaskill/name/inv"}}, // a party and state name no one
		{"Rep. Jerrold Nadler, D-N.Y., said “it is a sacred text.”", []string{"Rep. Jerrold Nadler/name/subj"}},
		{"Obama campaign spokeswoman Lis Smith called the ad “dishonest.”", []string{"Obama campaign spokeswoman Lis Smith/name/subj", "the ad/nominal/"}}, // the modifier is the role's
		{"Was supposed to leave in February,” he wrote.", []string{"he/he/subj"}},                                                                          // a sentence's opening verb is no name
		{"“We won,” said Robert Antonacci of the New York delegation.", []string{"Robert Antonacci/name/inv", "New York/org/"}},                            // "of the" opens no role
		{"Though Mr. Smith objected, the mayor said “no.”", []string{"Mr. Smith/name/", "the mayor/nominal/subj"}},                                         // a conjunction that opens a sentence is no name
		{"Sen. Cory Booker of New Jersey wrote that “it must be public.”", []string{"Sen. Cory Booker/name/subj", "New Jersey/org/"}},                      // the whole run is a place
		{"Rubio’s campaign sent out a press release saying Murphy owes “Florida an explanation.”",
			[]string{"Rubio’s campaign/nominal/send", "a press release/nominal/", "Murphy/name/"}},
		{"The campaign’s lawyers called it “a fraudulent scheme,” and the report agreed.", []string{"The campaign’s lawyers/nominal/subj", "it/it/", "the report/nominal/subj"}},
		{"“Too many,” the ad's narrator says.", []string{"ad's narrator/nominal/subj"}},
		{"Here is the full text of the order: “All flights are suspended.”", nil},
		// The byline names no speaker; the sentence after its colon does.
		{"By Kelly Ng and Tessa Wong, BBC News, Jan 5: Xi Jinping has called Taiwan “the most important issue”.", []string{"Xi Jinping/name/subj"}},
		{"By Kelly Ng and Tessa Wong, BBC News, Jan 5", nil},
		{"Glenn Beck, who said there were “too many disturbing things,” spoke in Indiana.", []string{"Glenn Beck/name/", "who/who/", "Indiana/org/"}}, // a place is no person
		{"She told reporters that Xinhua was wrong.", []string{"She/he/subj"}},
		{"“We will win,” the Foreign Ministry said.", []string{"the Foreign Ministry/channel/subj"}},
	}
	for _, c := range cases {
		f := &finder{people: newPeople(), text: []string{c.sentence}, paras: []paraInfo{{spans: findSpans(c.sentence)}}}
		s := f.mentions(0, 0)
		var got []string
		for _, m := range s.ments {
			got = append(got, m.text+"/"+m.kind+"/"+m.cueRel)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.sentence, got, c.want)
		}
	}
}

// TestCandidatesAroundAQuotation checks where candidates come from: the
// rules' answer first, the quotation's sentence, the paragraph before (for
// a paragraph that opens on a quotation), the previous quotation's
// speaker, and nobody last, each with its place among its features.
func TestCandidatesAroundAQuotation(t *testing.T) {
	paras := []string{
		"Sen. Ted Cruz spoke at the debate on Wednesday.",
		"Cruz continued:",
		"“We will repeal every word of it.”",
	}
	_, cands, _ := Candidates(paras)
	if len(cands) != 1 {
		t.Fatalf("%d quotations' candidates, want 1", len(cands))
	}
	cs := cands[0]
	if cs[0].Person != "Ted Cruz" || !slices.Contains(cs[0].Features, feature("k", kRule)) {
		t.Errorf("first candidate %+v, want the rules' Ted Cruz", cs[0])
	}
	last := cs[len(cs)-1]
	if last.Text != "" || last.Person != "" || !slices.Contains(last.Features, feature("k", kNull)) {
		t.Errorf("last candidate %+v, want nobody", last)
	}
	found := false
	for _, c := range cs {
		if c.Text == "Cruz" && slices.Contains(c.Features, feature("kl", kName, "P-1")) && slices.Contains(c.Features, feature("col", "n", "y", "P-1")) {
			found = true
		}
	}
	if !found {
		t.Errorf("no candidate Cruz from the paragraph before, opening it, among %v", texts(cs))
	}
}

func texts(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text+"→"+c.Person)
	}
	return out
}

// TestDiscourse covers resolution across sentences: "she" and "he" to the
// fitting person the discourse is about (a first name tells the gender
// where no title does), not a one-word name after a preposition; a role
// nominal to the person introduced with that title; a transcript's name.
func TestDiscourse(t *testing.T) {
	check(t, []string{
		"Hillary Clinton met Donald Trump in New York on Monday.",
		"She said the meeting was “productive.” He said it was “a disaster.”",
	}, []want{
		{text: "productive.", speaker: "Hillary Clinton", speakerText: "She", cue: "said"},
		{text: "a disaster.", speaker: "Donald Trump", speakerText: "He", cue: "said"},
	})
	check(t, []string{
		"Sen. Elizabeth Warren spoke on Twitter.",
		"She called the bill “a giveaway.”",
	}, []want{{text: "a giveaway.", speaker: "Elizabeth Warren", speakerText: "She", cue: "called"}})
	check(t, []string{
		"Gov. Rick Perry and Sen. Ted Cruz toured the border on Friday.",
		"The governor said the wall was “long overdue.”",
	}, []want{{text: "long overdue.", speaker: "Rick Perry", speakerText: "The governor", cue: "said"}})
	check(t, []string{
		"Fox News host Chris Wallace moderated the debate.",
		"WALLACE: “Will you accept the result of this election?”",
	}, []want{{text: "Will you accept", speaker: "Chris Wallace"}})
}

// TestSalienceInALongSentence: in a sentence of thousands of names, read
// through a bounded window (BenchmarkLongParagraph measures the cost),
// "she" still finds the nearest woman.
func TestSalienceInALongSentence(t *testing.T) {
	long := strings.Repeat("Sen. Ann Smith and Rep. Bob Jones met. ", 2000) + "She said it was “fine.”"
	f := &finder{people: newPeople(), text: []string{long}, paras: []paraInfo{{spans: findSpans(long)}}}
	f.people.learn(words(long, nil))
	in := f.info(0)
	last := len(in.sents) - 1
	s := f.mentions(0, last)
	at := s.ments[0].at
	if who := f.resolvePronoun(0, last, at, "she"); who != "Ann Smith" {
		t.Errorf("she → %q, want Ann Smith", who)
	}
}

// TestOneNamePerSpeaker: a one-word speaker is reported by the fullest
// name the article gives the person (the mention stays in SpeakerText),
// unless two people share it.
func TestOneNamePerSpeaker(t *testing.T) {
	check(t, []string{
		"Donald Trump held a rally in Ohio.",
		"“We will win,” Trump said.",
	}, []want{{text: "We will win", speaker: "Donald Trump", speakerText: "Trump", cue: "said"}})
	check(t, []string{
		"Bill Clinton and Hillary Clinton spoke in Iowa.",
		"“We will win,” Clinton said.",
	}, []want{{text: "We will win", speaker: "Clinton", speakerText: "Clinton", cue: "said"}})
}
