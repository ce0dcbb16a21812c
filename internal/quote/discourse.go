package quote

import (
	"sort"
	"strings"
)

// Discourse-level resolution of "he" and "she": the card shows a name,
// not a pronoun. The person is looked for backwards from the pronoun,
// sentence by sentence, across paragraphs, among the names the ranker's
// mentions hold: in each sentence, the one a cue has as its subject (the
// speaker) first, then the sentence's subject, then the nearest; the first
// sentence with a fitting person wins. A person fits when what the article
// says of their gender (titles, "he" or "she" beside their name alone, a
// common first name) does not contradict the pronoun. Places, bodies and
// possessives ("Rashida Tlaib's") are no antecedents.

// maxBack bounds the sentences looked back through, perSentenceBack the
// mentions read in each.
const maxBack, perSentenceBack = 8, 12

// resolvePronoun returns the person the pronoun at ow position at of
// sentence si of paragraph pi stands for, or "". Each fitting name in
// the sentences before it is scored by its role (a cue's subject 3, the
// sentence's subject 2, another name 1; one more for a person the
// article introduced with a title) less half a point for each sentence
// back; the best wins, the nearest on ties.
func (f *finder) resolvePronoun(pi, si, at int, pronoun string) string {
	return f.salient(pi, si, at, pronoun, nil)
}

// salient returns the most salient person before position at (see
// resolvePronoun) who fits pronoun ("" for any) and, if keep is given,
// whom keep accepts.
func (f *finder) salient(pi, si, at int, pronoun string, keep func(string) bool) string {
	best, bestScore := "", 0.0
	n := 0
	for p := pi; p >= 0 && n < maxBack; p-- {
		sents := f.info(p).sents
		from := len(sents) - 1
		if p == pi {
			from = si
		}
		for s := from; s >= 0 && n < maxBack; s-- {
			sent := f.mentions(p, s)
			// The last few mentions before the pronoun: bounded, for
			// sentences thousands of words long.
			end := len(sent.ments)
			if p == pi && s == si {
				end = sort.Search(end, func(k int) bool { return sent.ments[k].at >= at })
			}
			for i := max(end-perSentenceBack, 0); i < end; i++ {
				m := &sent.ments[i]
				who := f.antecedent(m, pronoun)
				if who == "" || keep != nil && !keep(who) {
					continue
				}
				sc := 1.0
				switch {
				case m.cueRel == "subj" || m.cueRel == "inv" || m.cueRel == "acc":
					sc = 3
				case m.subj:
					sc = 2
				}
				if f.people.known(who) {
					sc++
				}
				sc -= 0.5 * float64(n)
				if best == "" || sc > bestScore {
					best, bestScore = who, sc
				}
			}
			n++
		}
	}
	return best
}

// antecedent returns the person a mention names when "he" or "she" may
// stand for them: a person's name (introduced with a title, of two words
// or more, or a subject; not a place, a body, an acronym or a possessive)
// whose known gender does not contradict the pronoun.
func (f *finder) antecedent(m *mention, pronoun string) string {
	if m.kind != kName || m.shape == "caps" || m.shape == "hyphen" || strings.HasSuffix(m.text, "'s") || strings.HasSuffix(m.text, "’s") {
		return ""
	}
	who := f.people.canonical(m.name)
	if !f.people.known(who) && !strings.Contains(who, " ") && !(m.subj || m.cueRel == "subj" || m.cueRel == "inv") {
		// One capitalised word no title introduced is a person only as a
		// subject ("Trump says"), not after a preposition ("on Twitter").
		return ""
	}
	if pronoun != "" && (!f.people.fits(who, pronoun) || !firstNameFits(who, pronoun)) {
		return ""
	}
	return who
}

// roleNouns name a person by their role ("the Texas governor", "the
// presumptive Republican nominee").
var roleNouns = setOf("president governor senator congressman congresswoman representative mayor secretary minister " +
	"candidate nominee frontrunner front-runner speaker leader chairman chairwoman spokesman spokeswoman director " +
	"businessman businesswoman billionaire mogul chief judge justice ambassador sheriff attorney general premier " +
	"chancellor king queen prince host anchor founder")

// resolveRole returns the person a role nominal ("the Texas governor")
// at ow position at of sentence si of paragraph pi stands for: of the
// persons the article introduced with that title as written, the one
// named last; else, for a role noun, the person the discourse is about,
// as for "he" but with no gender; else "".
func (f *finder) resolveRole(pi, si, at int, np []word) string {
	if len(np) < 2 || !determiners[np[0].low] || np[0].low == "a" || np[0].low == "an" {
		return ""
	}
	noun := np[len(np)-1].low
	if !roleNouns[noun] {
		return ""
	}
	titled := func(who string) bool {
		p := f.people.lookup(who)
		return p != nil && p.raw[noun]
	}
	if who := f.salient(pi, si, at, "", titled); who != "" {
		return who
	}
	return f.salient(pi, si, at, "", nil)
}

// firstNameFits reports whether a person's first name contradicts the
// pronoun: common first names of men and women.
func firstNameFits(name, pronoun string) bool {
	first, _, ok := strings.Cut(name, " ")
	if !ok {
		return true
	}
	first = strings.ToLower(first)
	switch pronoun {
	case "he":
		return !femaleNames[first]
	case "she":
		return !maleNames[first]
	}
	return true
}

var maleNames = setOf("james john robert michael william david richard joseph thomas charles christopher daniel matthew " +
	"anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan " +
	"jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick " +
	"raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter " +
	"christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce " +
	"gabriel joe logan alan juan albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip " +
	"eugene barack bernie ted marco mitt newt rick mike chris jeb rand ben bill vladimir boris emmanuel chuck mitch " +
	"harry jim tom tim ron dick")

var femaleNames = setOf("mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty " +
	"margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon " +
	"laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra " +
	"rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina " +
	"joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice " +
	"jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie " +
	"brittany charlotte marie kayla alexis lori hillary kamala michele carly nikki kellyanne huma chelsea melania ivanka " +
	"hope condoleezza sonia ruth elena angela theresa marine debbie dianne kirsten tammy rashida alexandria ilhan ayanna " +
	"jill loretta janet susana jeanne megyn")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// fullName returns the fullest name the article gives the person a
// one-word speaker names: "Trump" is reported as "Donald Trump" when the
// article names him so, and a transcript's capitalised surname
// ("WALLACE:") as "Chris Wallace". A surname two people share ("Bill
// Clinton", "Hillary Clinton") is left as it is: one name per speaker
// across the article, never the wrong one.
func (f *finder) fullName(name string) string {
	if name == "" || strings.Contains(name, " ") || len(name) < 2 {
		return name
	}
	if f.surnames == nil {
		f.surnames = map[string]string{}
		for key, fulls := range f.people.fulls {
			longest := ""
			for _, n := range fulls {
				if len(n) > len(longest) {
					longest = n
				}
			}
			for _, n := range fulls {
				if !strings.HasSuffix(longest, " "+n) && n != longest {
					longest = "" // two people share the surname
					break
				}
			}
			f.surnames[key] = longest
		}
	}
	if full := f.surnames[strings.ToLower(name)]; full != "" {
		return full
	}
	return name
}
