package quote

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
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
			subj := mainSubject(sent)
			for i := max(end-perSentenceBack, 0); i < end; i++ {
				m := &sent.ments[i]
				who := f.antecedent(m, pronoun)
				if who == "" || keep != nil && !keep(who) {
					continue
				}
				sc := 1.0
				switch {
				case m.poss:
					// A possessor ("Sen. Bob Menendez's response. He …")
					// may be the one meant, less likely than a subject.
				case m.cueRel == "subj" || m.cueRel == "inv" || m.cueRel == "acc":
					sc = 3
				case i == subj:
					sc = 2
				}
				if f.people.known(who) || givenName(f.fullName(who)) {
					// A person the article introduced with a title, or
					// named with a first name ("Donald Trump").
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
	if m.kind != kName || m.shape == "caps" || m.shape == "hyphen" {
		return ""
	}
	name := m.name
	if m.poss {
		// A possessor stands for its person ("Menendez's" → Menendez).
		name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
		if name == m.name || name == "" || isPlace(name) || functionWords[lower(name)] ||
			!f.people.known(name) && !strings.Contains(f.fullName(name), " ") {
			// Only a person the article gives as one: not "Thursday's",
			// "Delaware's" or "America's".
			return ""
		}
	}
	det, rest := determiners[m.prev] && m.prev != "that", m.text
	if first, r, ok := strings.Cut(m.text, " "); ok && (first == "The" || first == "A" || first == "An") {
		det, rest = true, r // "The Obama administration's …" opening a sentence
	}
	if det && rest == m.name && modifies(m.next) {
		// A name that modifies the noun after it ("the Obama
		// administration's decision", "a Trump adviser") speaks of a body
		// or a role, not of its person.
		return ""
	}
	who := f.people.canonical(name)
	if !f.people.known(who) && !strings.Contains(who, " ") && !(m.subj || m.cueRel == "subj" || m.cueRel == "inv") {
		// One capitalised word no title introduced is a person only as a
		// subject ("Trump says"), not after a preposition ("on Twitter").
		return ""
	}
	if pronoun != "" && (!f.people.fits(who, pronoun) || !firstNameFits(f.fullName(who), pronoun)) {
		return ""
	}
	return who
}

// modifies reports whether the word after a name is a common noun the
// name modifies: a lower-case word that is no verb a subject takes ("said",
// "has", "will") and no conjunction or preposition.
func modifies(next string) bool {
	if next == "" || next == "\"" || next[0] < 'a' || next[0] > 'z' {
		return false
	}
	return !cueWords[next] && !auxiliaries[next] && !modals[next] && !clauseWords[next] && !prepositions[next] &&
		!functionWords[next] && !strings.HasSuffix(next, "ed") && !strings.HasSuffix(next, "ly") && next != "of"
}

// frontWords open a sentence with a phrase or clause set before its
// subject ("On Friday, the day that Mr. Stone stood …, Mr. Trump
// bashed …"; "When asked, he said").
var frontWords = setOf("on in at after before when while although though as since because if despite during " +
	"following amid without with asked unlike like once until upon for by from over under against")

// mainSubject returns the index of the mention that is the subject of a
// sentence's main clause, or -1: the sentence's first mention, unless the
// sentence opens on a fronted phrase or clause, where it is the first
// mention right after a comma.
func mainSubject(sent *sentInfo) int {
	ow := sent.outside()
	if len(sent.ments) == 0 {
		return -1
	}
	if len(ow) == 0 || !frontWords[ow[0].low] || sent.ments[0].at == 0 {
		return 0
	}
	for i := range sent.ments {
		// A name or pronoun after a comma and before a lower-case word,
		// its verb ("…, Mr. Trump bashed"): not an aside (", R-Ky.,").
		m := &sent.ments[i]
		if m.at > 0 && ow[m.at-1].text == "," && (m.kind == kName || m.kind == kHe) && m.next != "" && m.next[0] >= 'a' && m.next[0] <= 'z' {
			return i
		}
	}
	return 0
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
		if p == nil {
			return false
		}
		for t := range p.raw {
			if sameRole(t, noun) {
				return true
			}
		}
		return false
	}
	if who := f.salient(pi, si, at, "", titled); who != "" {
		return who
	}
	// A role is one person's: a one-word name the article neither
	// introduced with a title nor gave a first name ("Proponents say",
	// "Critics") is no antecedent.
	return f.salient(pi, si, at, "", f.personLike)
}

// sameRole reports whether a title as written and a role noun name the
// same office, abbreviated or not ("Gov." and "governor", "Rep." and
// "congressman"); "leader" stays apart from "president".
func sameRole(title, noun string) bool {
	if title == noun {
		return true
	}
	switch title {
	case "gov", "sen", "rep", "representative", "congressman", "congresswoman":
	default:
		return false
	}
	syn := func(t string) string {
		if s, ok := roleSynonyms[t]; ok {
			return s
		}
		return t
	}
	return syn(title) == syn(noun)
}

// personLike reports whether the article gives who as a person: in its
// table of people, by a name of two words or more, or by a one-word name
// it writes with a capital inside a sentence ("…, Pelosi said"), not only
// at a sentence's start, where any noun takes one ("Proponents say").
func (f *finder) personLike(who string) bool {
	if f.people.known(who) || strings.Contains(f.fullName(who), " ") {
		return true
	}
	if done, ok := f.people.midCaps[who]; ok {
		return done
	}
	mid := false
	for pi := range f.paras {
		ws := f.paras[pi].toks
		for k := 1; k < len(ws) && !mid; k++ {
			if ws[k].text == who {
				prev := ws[k-1].text
				mid = prev != "." && prev != "!" && prev != "?" && prev != ":" && ws[k-1].q < 0
			}
		}
	}
	if f.people.midCaps == nil {
		f.people.midCaps = map[string]bool{}
	}
	f.people.midCaps[who] = mid
	return mid
}

// firstNameFits reports whether a person's first name contradicts the
// pronoun: common first names of men and women.
func firstNameFits(name, pronoun string) bool {
	first, _, ok := strings.Cut(name, " ")
	if !ok {
		return true
	}
	switch firstNameGender(first) {
	case "f":
		return pronoun != "he"
	case "m":
		return pronoun != "she"
	}
	return true
}

// firstNameGender returns "f" or "m" for a common first name of women or
// of men, "" for another word or a name given to both: the hand lists
// below first (the names news prints most, "Hillary" a woman's), then the
// wider lists of lexdata/ (Moby's first names, public domain, less those
// both its lists hold), so that a spelling the hand lists lack ("Kristen")
// still tells.
func firstNameGender(first string) string {
	first = lower(first)
	switch {
	case femaleNames[first]:
		return "f"
	case maleNames[first]:
		return "m"
	}
	return wideFirstNames()[first]
}

//go:embed lexdata/female.txt
var femaleFirstNames string

//go:embed lexdata/male.txt
var maleFirstNames string

// wideFirstNames maps each first name of lexdata/ to "f" or "m", read on
// first use.
var wideFirstNames = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 8100)
	for _, l := range []struct{ text, g string }{{femaleFirstNames, "f"}, {maleFirstNames, "m"}} {
		for _, line := range strings.Split(l.text, "\n") {
			if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
				m[line] = l.g
			}
		}
	}
	return m
})

// givenName reports whether a name opens on a common first name ("Donald
// Trump", "Rick Perry"): a person's name, introduced with a title or not.
func givenName(name string) bool {
	first, _, ok := strings.Cut(name, " ")
	// A surname of one letter is a middle initial the name was cut at
	// ("Kevin D" of "Kevin D. Williamson"): no full name.
	last := name[strings.LastIndexByte(name, ' ')+1:]
	return ok && len(strings.Trim(last, ".")) > 1 && firstNameGender(first) != ""
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

// A document or message as the speaker ("the letter states", "the ad
// says", ",” the statement continued"): the card names its author when
// the article does, and keeps the document in SpeakerText ("Donald Trump
// (“the statement” in this article)"). The author is read where news
// writes it: in the phrase itself ("Romney's ad", "his statement", "a
// letter from Senate Republicans", "an ad by the Romney campaign"), the
// verb that sends it ("the NAACP adopted a resolution", "Lauten wrote an
// open letter", "X issued a statement"), or the cue it accompanies ("Trump
// said in a statement", "In a letter, the senators wrote", "Rubio said,
// according to the prepared text"). A definite document with no author of
// its own ("the statement continued") is the one the sentences and
// paragraphs before introduced, under the same noun or one of its
// synonyms ("a television commercial" … "the advertisement"). When no
// author is named, the document stays the speaker, as written.

// documents maps the nouns that name documents and messages to a group
// of synonyms: an antecedent is looked for under any noun of the group.
var documents = map[string]string{
	"statement": "statement", "release": "statement", "readout": "statement", "communique": "statement",
	"letter": "letter", "missive": "letter", "email": "email", "e-mail": "email", "memo": "memo",
	"memorandum": "memo", "note": "memo",
	"ad": "ad", "ads": "ad", "advertisement": "ad", "commercial": "ad", "spot": "ad",
	"video": "video", "clip": "video", "tweet": "post", "post": "post", "message": "post",
	"suit": "suit", "lawsuit": "suit", "complaint": "suit", "filing": "suit", "petition": "suit",
	"resolution": "resolution", "report": "report", "text": "text", "transcript": "text",
	"op-ed": "article", "editorial": "article", "column": "article", "essay": "article",
}

// senders are the verbs whose subject authors the document they take as
// object ("issued a statement", "put out a release", "filed the suit").
var senders = setOf("released issued sent wrote posted published put adopted filed signed drafted tweeted aired " +
	"unveiled launched ran circulated emailed e-mailed penned authored shared passed approved brought " +
	"releases issues sends writes posts publishes puts adopts files signs drafts tweets airs unveils launches " +
	"runs circulates emails pens shares passes approves brings release issue send write post publish")

// docPreps set a document beside the speaking verb ("said in a statement",
// "retorted with an ad", "according to the prepared text").
var docPreps = setOf("in with via through to")

// docAuthor sets q's speaker to the author of the document its speaker
// names, where the article names one. c is the ranker's choice. An author
// read outside the quotation's sentence is marked Inferred, as a speaker
// carried over is.
func (f *finder) docAuthor(q *Quote, pi int, c *candidate) {
	qpi, qsi := pi, f.sentIdx
	if q.SpeakerText == "" || q.Speaker != "" && q.Speaker != q.SpeakerText {
		return
	}
	head := ""
	for rest := q.SpeakerText; rest != ""; {
		w := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if documents[lower(w)] != "" && w == lower(w) {
			head = w
		}
	}
	if head == "" {
		return
	}
	// Where the document stands: the ranker's mention, else the rules'
	// words in the quotation's sentence.
	si := f.sentIdx
	sent := f.mentions(pi, si)
	k := -1
	if c != nil && c.m != nil {
		pi, si, sent = c.pi, c.si, c.sent
		for j := c.m.at; j < c.m.at+c.m.n; j++ {
			if sent.ow[j].text == head {
				k = j
			}
		}
	} else {
		for j, w := range sent.outside() {
			if w.q < 0 && w.text == head {
				k = j
				break
			}
		}
	}
	definite := true
	if k >= 0 {
		ow := sent.outside()
		s := docStart(ow, k)
		who, found := f.authorAt(pi, si, sent, s, k)
		if who != "" {
			q.Speaker = who
			q.Inferred = q.Inferred || pi != qpi || si != qsi
			return
		}
		// A document whose own sentence gives it an author the article
		// does not name ("the campaign's statement", "the company said in
		// a statement") is no earlier one.
		definite = !found && s < k && (ow[s].low == "the" || ow[s].low == "this" || ow[s].low == "that")
	}
	if !definite {
		return
	}
	if who, ap, as := f.antecedentAuthor(pi, si, documents[head]); who != "" {
		q.Speaker = who
		q.Inferred = q.Inferred || ap != qpi || as != qsi
	}
}

// docStart returns where the noun phrase ending with the document noun at
// k starts: its determiner or possessive, at most five words back.
func docStart(ow []word, k int) int {
	for j := k - 1; j >= 0 && k-j <= 5; j-- {
		w := ow[j]
		if w.q >= 0 || !w.isWord() || clauseWords[w.low] && !determiners[w.low] || prepositions[w.low] || w.flags&fCue != 0 && !w.isCapitalized() {
			return k
		}
		if determiners[w.low] {
			return j
		}
		if strings.HasSuffix(w.low, "'s") {
			// "Romney's ad", "the Romney campaign's statement": back to
			// the owner's own start.
			i := j
			for i > 0 && k-i < 8 && ow[i-1].q < 0 && ow[i-1].isWord() && (ow[i-1].isCapitalized() || determiners[ow[i-1].low] || ow[i-1].flags&fTitle != 0) {
				i--
				if determiners[ow[i].low] {
					break
				}
			}
			return i
		}
	}
	return k
}

// antecedentAuthor looks back from sentence si of paragraph pi, through
// the three sentences before it in its paragraph and the two paragraphs
// before, for a document of the group that is given an author; the
// nearest decides, named or not ("the company said in a statement"
// stops the search: an older statement is another's). It returns the
// author and the paragraph and sentence it was read in.
func (f *finder) antecedentAuthor(pi, si int, group string) (who string, p, s int) {
	paras := 0
	for p := pi; p >= 0 && paras <= 2; p-- {
		sents := f.info(p).sents
		if len(sents) == 0 {
			continue
		}
		from, to := len(sents)-1, 0
		if p == pi {
			from, to = si, max(si-3, 0)
		} else {
			to = max(len(sents)-4, 0)
		}
		for s := from; s >= to; s-- {
			sent := f.mentions(p, s)
			ow := sent.outside()
			for k := len(ow) - 1; k >= 0; k-- {
				if ow[k].q >= 0 || documents[ow[k].low] != group || ow[k].isCapitalized() && k > 0 {
					continue
				}
				if who, found := f.authorAt(p, s, sent, docStart(ow, k), k); found {
					return who, p, s
				}
			}
		}
		paras++
	}
	return "", -1, -1
}

// authorAt returns the author the sentence names for the document phrase
// ow[s:k+1], or "", and whether the sentence gives it an author at all,
// named or not ("the campaign's", "its", "the company said in a
// statement").
func (f *finder) authorAt(pi, si int, sent *sentInfo, s, k int) (string, bool) {
	ow := sent.outside()
	// Its owner: "Romney's ad", "his statement".
	for j := s; j < k; j++ {
		if strings.HasSuffix(ow[j].low, "'s") && j > s || strings.HasSuffix(ow[j].low, "'s") && ow[j].isCapitalized() {
			return f.authorOf(pi, si, sent, dropPossessive(ow[s:j+1])), true
		}
	}
	if s < k && (ow[s].low == "his" || ow[s].low == "her") {
		pron := "he"
		if ow[s].low == "her" {
			pron = "she"
		}
		return f.knownPerson(f.resolvePronoun(pi, si, s, pron)), true
	}
	if s < k && (ow[s].low == "its" || ow[s].low == "their") {
		return "", true
	}
	cueSubject := false // a cue's subject the document stands beside, named or not
	// The cue it stands beside: "Trump said in a statement", "said,
	// according to the prepared text".
	if s > 0 && (docPreps[ow[s-1].low] || ow[s-1].low == "to" && s > 1 && ow[s-2].low == "according") {
		best, bd := "", 0
		for i := range sent.ments {
			m := &sent.ments[i]
			if m.cueRel != "subj" && m.cueRel != "inv" || m.cue == "according" || m.at+m.n > s && m.at <= k {
				continue
			}
			cueSubject = true
			d := m.cueAt - s
			if d < 0 {
				d = -d
			}
			if who := f.authorOf(pi, si, sent, ow[m.at:m.at+m.n]); who != "" && (best == "" || d < bd) {
				best, bd = who, d
			}
		}
		if best != "" {
			return best, true
		}
	}
	// Its sender named after it: "a letter from Senate Republicans", "an
	// ad paid for by the Romney campaign", "a statement released Tuesday
	// by his office".
	for j := k + 1; j < len(ow) && j <= k+5; j++ {
		w := ow[j]
		if w.low == "from" || w.low == "by" {
			if j == k+1 || authorParticiples[ow[k+1].low] {
				if np := authorNP(ow, j+1); len(np) > 0 {
					return f.authorOf(pi, si, sent, np), true
				}
			}
			break
		}
		if w.q >= 0 || !w.isWord() || w.flags&fCue != 0 || clauseWords[w.low] && w.low != "and" {
			break
		}
	}
	// A relative clause that sends it: "the memo, which the mayor's office
	// released", "the letter, which was signed by 40 senators".
	if j := k + 1; j+1 < len(ow) && (ow[j].text == "," && (ow[j+1].low == "which" || ow[j+1].low == "that") || ow[j].low == "which" || ow[j].low == "that") {
		if ow[j].text == "," {
			j++
		}
		for v := j + 1; v < len(ow) && v <= j+8 && ow[v].q < 0 && ow[v].text != "," && ow[v].text != "."; v++ {
			if !senders[ow[v].low] && !authorParticiples[ow[v].low] {
				continue
			}
			var np []word
			if v+1 < len(ow) && ow[v+1].low == "by" {
				np = authorNP(ow, v+2)
			} else if np = leftNP(ow, v); len(np) > 0 && np[0].start <= ow[j].start {
				np = nil
			} else if len(np) > 0 {
				at := sort.Search(len(ow), func(i int) bool { return ow[i].start >= np[0].start })
				np = ow[ownerStart(ow, at) : at+len(np)]
			}
			if len(np) > 0 {
				return f.authorOf(pi, si, sent, np), true
			}
			break
		}
	}
	// The verb that sends it: "the NAACP adopted a resolution", "Lauten,
	// …, wrote an open letter".
	v := s - 1
	if v > 0 && (ow[v].low == "out" || ow[v].low == "up" || ow[v].low == "off") {
		v--
	}
	if v >= 0 && senders[ow[v].low] {
		np := leftNP(ow, v)
		if len(np) > 0 && np[0].start > ow[0].start {
			// A phrase after a preposition is no subject ("the parents of
			// two Americans killed in Benghazi, Libya, have filed").
			at := sort.Search(len(ow), func(i int) bool { return ow[i].start >= np[0].start })
			if at > 0 && objectPreps[ow[at-1].low] {
				np = nil
			} else if from := ownerStart(ow, at); from < at {
				np = ow[from : at+len(np)]
			}
		}
		if len(np) == 0 && sharesSubject(ow, v) {
			np = f.clauseSubject(ow, v)
		}
		if len(np) == 0 {
			np = f.firstNP(ow[:v])
		}
		return f.authorOf(pi, si, sent, np), len(np) > 0 || cueSubject
	}
	return "", cueSubject
}

// dropPossessive returns a copy of np with its last word's "'s" taken off
// ("Romney's" → "Romney").
func dropPossessive(np []word) []word {
	out := append([]word(nil), np...)
	last := &out[len(out)-1]
	last.text = strings.TrimSuffix(strings.TrimSuffix(last.text, "'s"), "’s")
	last.low = strings.TrimSuffix(last.low, "'s")
	return out
}

// ownerStart extends a phrase that opens on a possessive back over the
// owner's titles and names ("Becker's office" → "Mayor Tom Becker's
// office"), given the phrase's first position at in ow.
func ownerStart(ow []word, at int) int {
	if !strings.HasSuffix(ow[at].low, "'s") {
		return at
	}
	for at > 0 && ow[at-1].q < 0 && ow[at-1].isWord() && (ow[at-1].isCapitalized() || ow[at-1].flags&fTitle != 0) && !functionWords[ow[at-1].low] {
		at--
	}
	return at
}

// authorParticiples tell who made a document when "by" follows them ("a
// statement released by his office"); "obtained by", "reviewed by",
// "circulated by" tell who else had it.
var authorParticiples = setOf("released issued sent signed written posted paid filed drafted authored penned " +
	"produced prepared submitted sponsored published delivered")

// authorNP returns the noun phrase that opens at i after "from" or "by":
// a pronoun, or a determiner and a few words up to a run of capitals
// ("the Securities and Exchange Commission"), with a noun that names
// speakers after it ("the Romney campaign", "90 Catholic scholars").
func authorNP(ow []word, i int) []word {
	if i < len(ow) && ow[i].flags&fPronoun != 0 {
		return ow[i : i+1]
	}
	j := i
	for j < len(ow) && j-i < 4 && ow[j].q < 0 && ow[j].isWord() && !ow[j].isCapitalized() && !clauseWords[ow[j].low] && !prepositions[ow[j].low] && ow[j].flags&fCue == 0 {
		j++
	}
	if j == len(ow) || !ow[j].isCapitalized() || ow[j].q >= 0 {
		return nil
	}
	for {
		j = runEnd(ow, j)
		// "Securities and Exchange Commission": one name across "and"
		// or "of".
		if j+1 < len(ow) && (ow[j].low == "and" || ow[j].low == "of") && ow[j+1].isCapitalized() && ow[j+1].q < 0 {
			j++
			continue
		}
		break
	}
	if strings.HasSuffix(ow[j-1].low, "'s") {
		// "Donald Trump's presidential campaign", "the State
		// Department's inspector general": the owner's noun, a few words
		// on; else the owner ("a tweet from Trump's account").
		end := 0
		for k := j; k < len(ow) && k < j+3 && ow[k].q < 0 && ow[k].isWord() && !ow[k].isCapitalized(); k++ {
			if authorNoun(ow[k].low) {
				end = k + 1 // the last of them: "attorney general"
			} else if end > 0 {
				break
			}
		}
		if end > 0 {
			return ow[i:end]
		}
		return dropPossessive(ow[i:j])
	}
	if j < len(ow) && ow[j].q < 0 && authorNoun(ow[j].low) {
		j++
	}
	return ow[i:j]
}

func authorNoun(w string) bool { return speakerNouns[w] || authorNouns[w] || roleNouns[w] }

// objectPreps take the noun phrase after them as their object; "after",
// "before", "during" may open a clause ("after Nunberg filed a petition").
var objectPreps = setOf("in on at of from with for to about into under against near")

// authorNouns name the groups that author documents, besides speakerNouns.
var authorNouns = setOf("scholars professors faculty clergy bishops priests economists scientists doctors " +
	"groups organizations parents families veterans workers unions")

// quantifiers open a sentence in capitals but name no one ("Every former
// secretary sent a letter").
var quantifiers = setOf("every each all some many most several both no few any")

// knownPerson returns who when the article's table of people knows it.
func (f *finder) knownPerson(who string) string {
	if who == "" || !f.people.known(who) {
		return ""
	}
	return who
}

// authorOf resolves the phrase naming a document's author to a speaker:
// a person or a body the article names, a pronoun to its person; not
// another document, a channel or a common noun phrase with no name.
func (f *finder) authorOf(pi, si int, sent *sentInfo, np []word) string {
	if len(np) == 0 || isChannel(np) || documents[np[len(np)-1].low] != "" {
		return ""
	}
	if len(np) == 1 && np[0].flags&fPronoun != 0 {
		if np[0].low != "he" && np[0].low != "she" {
			return ""
		}
		at := sort.Search(len(sent.ow), func(k int) bool { return sent.ow[k].start >= np[0].start })
		return f.knownPerson(f.resolvePronoun(pi, si, at, np[0].low))
	}
	if last := np[len(np)-1].low; len(np) == 1 && strings.Contains(last, "-") && !f.people.known(np[0].text) {
		return "" // an adjective ("Indiana-based companies"), not a name
	}
	named := false
	for _, w := range np {
		if w.isCapitalized() && !functionWords[w.low] && !determiners[w.low] && !openers[w.low] && !quantifiers[w.low] && w.flags&fNotName == 0 {
			named = true
		}
	}
	if strings.HasSuffix(np[len(np)-1].low, "'s") {
		if len(np) == 1 || !determiners[np[0].low] {
			return "" // a possessive is no subject ("to stop Trump's claim")
		}
	}
	for i := 1; i+1 < len(np); i++ {
		if (np[i].low == "and" || np[i].low == "of") && np[i-1].isCapitalized() && np[i+1].isCapitalized() {
			// One body's name ("the Securities and Exchange Commission"),
			// or several authors ("Smith and Jones"), as written.
			if determiners[np[0].low] {
				np = np[1:]
			}
			return joinWords(np)
		}
	}
	person, text := f.resolve(np, sent.toks)
	if person == "" && named && !np[0].isCapitalized() && !determiners[np[0].low] {
		return ""
	}
	if person == "" && named {
		// A body named with a common noun ("Donald Trump's presidential
		// campaign"), as written.
		return joinWords(np)
	}
	if person == "" || !named && person == text {
		return ""
	}
	return person
}
