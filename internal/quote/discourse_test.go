package quote

import (
	"os"
	"strings"
	"testing"
)

// authorCase is an article whose quotation a document speaks, and who
// must be named for it: speaker is the card's name, doc a word the
// article's own words (SpeakerText) must keep.
type authorCase struct {
	name    string
	paras   []string
	quote   string // the quotation's first words
	speaker string
	doc     string
}

func checkAuthors(t *testing.T, cases []authorCase) {
	t.Helper()
	for _, c := range cases {
		var q *Quote
		got := Find(c.paras)
		for i := range got {
			if strings.HasPrefix(got[i].Text, c.quote) {
				q = &got[i]
			}
		}
		if q == nil {
			t.Errorf("%s: no quotation %q among %d", c.name, c.quote, len(got))
			continue
		}
		if q.Speaker != c.speaker || !strings.Contains(q.SpeakerText, c.doc) {
			t.Errorf("%s: got speaker %q (%q), want %q (the words holding %q)", c.name, q.Speaker, q.SpeakerText, c.speaker, c.doc)
		}
	}
}

// A document named as the speaker gives way to the author the article
// names for it, in its own phrase, by the verb that sent it, by the cue
// it stands beside, or where it was introduced before; the document stays
// in SpeakerText.
func TestDocumentSpeakerNamesItsAuthor(t *testing.T) {
	checkAuthors(t, []authorCase{
		{
			name: "a letter from a body",
			paras: []string{
				"A letter from the Ohio Interfaith Council reached City Hall on Monday, a week before the vote on the budget.",
				"“This budget abandons the families who need the city most,” the letter said.",
			},
			quote: "This budget abandons", speaker: "Ohio Interfaith Council", doc: "letter",
		},
		{
			name: "the sender of the sentence before",
			paras: []string{
				"The Harbor Workers Union sent a letter to the mayor on Friday. “Our members have waited three years for a contract,” the letter said.",
			},
			quote: "Our members have waited", speaker: "Harbor Workers Union", doc: "letter",
		},
		{
			name: "a statement a person spoke in, continued in the next paragraph",
			paras: []string{
				"“We are reviewing the decision with our lawyers,” Senator Dana Whitfield said in a statement on Tuesday.",
				"“No family in this state should be left without help this winter,” the statement continued.",
			},
			quote: "No family in this state", speaker: "Dana Whitfield", doc: "statement",
		},
		{
			name: "a synonym: the commercial the advertisement was",
			paras: []string{
				"The Clean Air Alliance aired a television commercial in three states on Sunday.",
				"“Your children deserve to breathe easy again,” the advertisement says.",
			},
			quote: "Your children deserve", speaker: "Clean Air Alliance", doc: "advertisement",
		},
		{
			name: "an owner named in the phrase",
			paras: []string{
				"Harold Benning has led the coalition since 2009.",
				"“The port will stay open through the strike,” Benning's memo reads.",
			},
			quote: "The port will stay open", speaker: "Harold Benning", doc: "memo",
		},
		{
			name: "a post from an owner's account",
			paras: []string{
				"A post from Senator Ana Ruiz's personal account appeared late on Sunday.",
				"“The bridge will reopen on Monday,” the post said.",
			},
			quote: "The bridge will reopen", speaker: "Ana Ruiz", doc: "post",
		},
		{
			name: "a relative clause that sent it",
			paras: []string{
				"“Staff will work from home until the pipes are fixed,” says the memo, which Mayor Tom Becker's office released on Friday.",
			},
			quote: "Staff will work from home", speaker: "Mayor Tom Becker's office", doc: "memo",
		},
		{
			name: "an owner's title after the possessive",
			paras: []string{
				"A complaint filed by Vermont's attorney general on Monday names four companies.",
				"“These firms hid the leak for a decade,” the complaint says.",
			},
			quote: "These firms hid the leak", speaker: "Vermont's attorney general", doc: "complaint",
		},
		{
			name: "the cue the document stands beside",
			paras: []string{
				"“The plan is sound and it is paid for,” Mayor Tom Becker said, according to a transcript of the meeting.",
			},
			quote: "The plan is sound", speaker: "Tom Becker", doc: "transcript",
		},
	})
}

// With no author named, the document stays the speaker as written; an
// owner the phrase names but the article does not ("the company's") is
// not some earlier document's author.
func TestDocumentSpeakerWithoutAuthorStays(t *testing.T) {
	checkAuthors(t, []authorCase{
		{
			name: "no author anywhere",
			paras: []string{
				"The river flooded twice this spring.",
				"“The levee held where it was rebuilt,” the report says.",
			},
			quote: "The levee held", speaker: "the report", doc: "the report",
		},
		{
			name: "a quantifier opening the sentence names no one",
			paras: []string{
				"Every surviving former mayor of the city, including Ruth Calder and Harold Benning, signed a letter to the council on Thursday.",
				"“The state cannot afford another year without a budget,” the letter said.",
			},
			quote: "The state cannot afford", speaker: "the letter", doc: "the letter",
		},
		{
			name: "obtained by is not written by",
			paras: []string{
				"“The merger will cost 400 jobs,” said the memo, which was obtained by the Daily Ledger.",
			},
			quote: "The merger will cost", speaker: "the memo", doc: "the memo",
		},
		{
			name: "an unnamed owner",
			paras: []string{
				"Jordan Ames issued a statement on Monday about the merger.",
				"“We disagree with the ruling and will appeal,” the company's statement said.",
			},
			quote: "We disagree with the ruling", speaker: "", doc: "statement",
		},
	})
}

// A real page (Fox News, 2019-11-18, paragraphs 4–13 as the extractor
// gives them, one a line): a label "issued a statement", which two
// paragraphs then quote as "The statement" and "the statement"; a later
// statement the page gives to "the company" alone names no one, and is
// not given the production company's name from the paragraphs between.
func TestDocumentAuthorOnARealPage(t *testing.T) {
	b, err := os.ReadFile("testdata/statement-author.txt")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	checkAuthors(t, []authorCase{
		{name: "the statement, which …, claimed", paras: paras, quote: "come to terms", speaker: "Big Machine Records", doc: "statement"},
		{name: "the statement continued", paras: paras, quote: "It should be noted", speaker: "Big Machine Records", doc: "statement"},
		{name: "an unnamed company's statement", paras: paras, quote: "As Taylor Swift's partner", speaker: "", doc: "statement"},
	})
}

// The frames the rules already read name the sender, not the document,
// before any document reaches the ranker: "X issued a statement saying",
// "X sent an email … saying", "X said in a statement", "In a statement,
// X said". (These pass without docAuthor: they keep what it must not
// change.)
func TestSenderFramesKeepTheirSpeaker(t *testing.T) {
	checkAuthors(t, []authorCase{
		{name: "issued a statement saying", paras: []string{"Senator Dana Whitfield issued a statement saying the bill “puts children first.”"},
			quote: "puts children first", speaker: "Dana Whitfield", doc: "Dana Whitfield"},
		{name: "sent an email saying", paras: []string{"The Harbor Workers Union sent an email to members saying the contract “is the best we have had in a decade.”"},
			quote: "is the best we have had", speaker: "Harbor Workers Union", doc: "Harbor Workers Union"},
		{name: "said in a statement", paras: []string{"“We will appeal,” the Harbor Workers Union said in a statement."},
			quote: "We will appeal", speaker: "Harbor Workers Union", doc: "Harbor Workers Union"},
		{name: "in a statement, X said", paras: []string{"In a statement, the Harbor Workers Union said: “We will appeal.”"},
			quote: "We will appeal", speaker: "Harbor Workers Union", doc: "Harbor Workers Union"},
	})
}

// An author read in the quotation's own sentence is stated there; one
// read where the document was introduced before is carried over, and
// marked so, as a speaker carried from an earlier sentence is.
func TestDocumentAuthorFromElsewhereIsInferred(t *testing.T) {
	for _, c := range []struct {
		paras    []string
		inferred bool
	}{
		{[]string{"“The plan is sound and it is paid for,” Mayor Tom Becker said, according to a transcript of the meeting."}, false},
		{[]string{
			"“We are reviewing the decision with our lawyers,” Senator Dana Whitfield said in a statement on Tuesday.",
			"“No family in this state should be left without help this winter,” the statement continued.",
		}, true},
	} {
		qs := Find(c.paras)
		q := qs[len(qs)-1]
		if q.Speaker == "" || q.Speaker == q.SpeakerText || q.Inferred != c.inferred {
			t.Errorf("%q: speaker %q (%q) inferred %v, want an author, inferred %v", q.Text, q.Speaker, q.SpeakerText, q.Inferred, c.inferred)
		}
	}
}

// "He", "she", "who" and role nominals ("the governor") stand for the
// person a careful reader takes them for: a first name's gender where no
// title gives it, a possessor, the main clause's subject after a fronted
// phrase, never a name that only modifies a noun, a place after "of", or
// a capitalised plural that opens a sentence.
func TestPronounAndRoleAntecedents(t *testing.T) {
	checkAuthors(t, []authorCase{
		{
			name: "a woman's first name the short list lacks is no antecedent of he",
			paras: []string{
				"Mayor Tom Birch spoke after the vote in Dayton.",
				"Sen. Kristen Holloway criticized the plan on Monday.",
				"“It is a mistake,” he said.",
			},
			quote: "It is a mistake", speaker: "Tom Birch", doc: "he",
		},
		{
			name: "a possessor is an antecedent",
			paras: []string{
				"Sen. Mary Collins spoke first at the hearing.",
				"Then came Rep. Bob Hartley's response.",
				"“It is a disgrace,” he said.",
			},
			quote: "It is a disgrace", speaker: "Bob Hartley", doc: "he",
		},
		{
			name: "a possessor that is no person is no antecedent",
			paras: []string{
				"The crowd cheered Mayor Tom Birch on Monday.",
				"The hall was full.",
				"Thursday's debate was heated.",
				"“We will win,” he said.",
			},
			quote: "We will win", speaker: "Tom Birch", doc: "he",
		},
		{
			name: "a name that modifies a noun is no antecedent",
			paras: []string{
				"Gov. Rick Perry toured Iowa with President Barack Obama on Tuesday.",
				"The Obama administration's decision angered voters there.",
				"“This is wrong,” he said.",
			},
			quote: "This is wrong", speaker: "Rick Perry", doc: "he",
		},
		{
			name: "a name with a first name outranks a titled object",
			paras: []string{
				"Rick Perry spoke in Iowa on Tuesday.",
				"The crowd booed President Barack Obama.",
				"“This is wrong,” he said.",
			},
			quote: "This is wrong", speaker: "Rick Perry", doc: "he",
		},
		{
			name: "the main clause's subject after a fronted phrase",
			paras: []string{
				"On Friday, the day that Mr. Stone spoke to reporters, Mr. Trump flew to Florida.",
				"“A total witch hunt!” he wrote.",
			},
			quote: "A total witch hunt", speaker: "Trump", doc: "he",
		},
		{
			name: "she is not a man the article names in full elsewhere",
			paras: []string{
				"Donald Trump called for her resignation on Tuesday.",
				"Justice Ruth Ginsburg was unmoved.",
				"Trump himself lashed out on Twitter.",
				"“I cannot imagine it,” she said.",
			},
			quote: "I cannot imagine it", speaker: "Ruth Ginsburg", doc: "she",
		},
		{
			name: "who after a place stands for the person the place qualifies",
			paras: []string{
				"It was a similar call from Sen. Amy Klobuchar of Minnesota, who tweeted that “the public deserves answers now.”",
			},
			quote: "the public deserves", speaker: "Amy Klobuchar", doc: "who",
		},
		{
			name: "an abbreviated title is the role's",
			paras: []string{
				"Gov. Mike Pence defended the law on Saturday.",
				"Mayor Tom Birch says the law protects vendors.",
				"“I support this law,” the governor said.",
			},
			quote: "I support this law", speaker: "Mike Pence", doc: "governor",
		},
		{
			name: "a capitalised plural that opens a sentence is no role's antecedent",
			paras: []string{
				"Mayor Tom Birch spoke on Monday. Critics say the plan fails.",
				"“We will go ahead,” the businessman said.",
			},
			quote: "We will go ahead", speaker: "Tom Birch", doc: "businessman",
		},
	})
}

// The words of an attribution that name no one stay out of the speaker:
// a party-and-state affiliation, a description set off by commas, a place
// after "of", a document for "he"; a title's person stays one even when
// the name ends like a body's ("Fox"), after "Sens." and "House
// Speaker".
func TestAttributionWordsThatNameNoOne(t *testing.T) {
	checkAuthors(t, []authorCase{
		{
			name:  "an affiliation after the name",
			paras: []string{"Rep. Dana Rohrabacher, R-Calif., said “any suggestion of a budget cut is off base.”"},
			quote: "any suggestion", speaker: "Dana Rohrabacher", doc: "Rohrabacher",
		},
		{
			name:  "an affiliation and a relative clause",
			paras: []string{"Sen. Mitt Romney, R-Utah, whose views on the plan have shifted, said Trump made “a reasonable offer.”"},
			quote: "a reasonable offer", speaker: "Mitt Romney", doc: "Romney",
		},
		{
			name:  "a description with commas of its own",
			paras: []string{"“They read it like scripture,” Rep. Jerrold Nadler, D-N.Y., the former chairman of the subcommittee on the Constitution, Civil Rights and Civil Liberties, told reporters."},
			quote: "They read it", speaker: "Jerrold Nadler", doc: "Nadler",
		},
		{
			name:  "a place after of",
			paras: []string{"Sen. Cory Booker of New Jersey wrote that the “public deserves the full report.”"},
			quote: "public deserves", speaker: "Cory Booker", doc: "Booker",
		},
		{
			name: "a document is no antecedent of he",
			paras: []string{
				"President Trump said Saturday he welcomed a statement disputing parts of a news report claiming the deal was dead.",
				"“It was a total phony story,” he told reporters.",
			},
			quote: "It was a total phony", speaker: "Trump", doc: "he",
		},
		{
			name: "a titled person whose name ends like a body's",
			paras: []string{
				"Former Mexican President Vicente Fox spoke to CNN on Tuesday about the visit.",
				"Mexico's leaders said nothing.",
				"“It is a big mistake,” he added.",
			},
			quote: "It is a big mistake", speaker: "Vicente Fox", doc: "he",
		},
		{
			name: "Sens. ends no sentence",
			paras: []string{
				"Netanyahu told Sens. Dick Durbin and Dianne Feinstein that he regrets the partisan tone.",
				"“I can assure you that my intention was to voice concern,” he told the senators in a letter.",
			},
			quote: "I can assure you", speaker: "Netanyahu", doc: "he",
		},
		{
			name: "a headline's run of capitals after a title is no name",
			paras: []string{
				"House Speaker Paul Ryan spoke on Thursday.",
				"An email to supporters read, “Speaker Paul Ryan Joins Growing List of Critics.”",
				"“I am not ready,” Ryan told CNN.",
			},
			quote: "I am not ready", speaker: "Paul Ryan", doc: "Ryan",
		},
		{
			name:  "a party and state in words",
			paras: []string{"Representative Jim Jordan, Republican of Ohio, a founder of the Freedom Caucus, said the bill was “dead on arrival.”"},
			quote: "dead on arrival", speaker: "Jim Jordan", doc: "Jordan",
		},
		{
			name:  "a chain of descriptions whose body is named",
			paras: []string{"Cathi Herrod, president of the Center for Arizona Policy, an architect of the bill, issued a news release calling the attacks “a shield for bigots.”"},
			quote: "a shield for bigots", speaker: "Cathi Herrod", doc: "Herrod",
		},
		{
			name:  "House Speaker is a title",
			paras: []string{"House Speaker Paul Ryan, R-Wis., said “the votes are there for the override.”"},
			quote: "the votes are there", speaker: "Paul Ryan", doc: "Ryan",
		},
	})
}
