package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// attribution is what one sentence says about where its quotations come
// from.
type attribution struct {
	person      string // canonical speaker
	speakerText string // the words naming the speaker, as written
	cue         string
	channel     channelRef
}

// auxiliaries may stand between a speaker and the cue ("Xi had asked",
// "Mr. Trump has said", "Trump himself").
var auxiliaries = map[string]bool{
	"also": true, "then": true, "has": true, "had": true, "have": true, "reportedly": true, "later": true,
	"previously": true, "once": true, "again": true, "further": true, "himself": true, "herself": true,
	"publicly": true, "repeatedly": true, "recently": true, "earlier": true, "separately": true,
	"privately": true, "subsequently": true, "would": true, "will": true, "did": true, "was": true,
	"is": true, "are": true, "were": true, "long": true, "has been": true, "had been": true, "been": true,
}

// attribute reads the words of a sentence outside its quotations for a cue
// verb and its subject, and for a channel.
func (f *finder) attribute(sent, ow []word, cues []int) (a attribution) {
	a.channel = findChannel(ow)
	channelNP := ""
	defer func() {
		if a.person == "" && a.speakerText == "" {
			a.speakerText = channelNP
		}
	}()
	// A headline's speaker before a colon ("Ted Cruz: ‘Physically…’").
	if i := colonSpeaker(ow); i > 0 {
		if person, text := f.resolve(ow[:i], sent); person != "" {
			a.person, a.speakerText = person, text
			return a
		}
	}
	// A quotation signed with a dash ("“…” ― Adriana Rodarte").
	for i := 1; i+1 < len(ow); i++ {
		if ow[i-1].q >= 0 && isDash(ow[i].text) && ow[i+1].isCapitalized() {
			if np := trimNP(ow[i+1 : runEnd(ow, i+1)]); len(np) > 0 {
				if person, text := f.resolve(np, sent); person != "" {
					a.person, a.speakerText = person, text
					return a
				}
			}
		}
	}
	for _, c := range cueOrder(ow, cues) {
		cue := ow[c].text
		var np []word
		switch {
		case ow[c].low == "according":
			cue = ow[c].text + " " + ow[c+1].text
			np = rightNP(ow, c+2)
		case ow[c].low == "quoted" && c+1 < len(ow) && ow[c+1].low == "as":
			np = leftNP(ow, c) // "Braynard is quoted as saying"
		case ow[c].low == "quoted":
			np = rightNP(ow, c+1)
		case c+2 < len(ow) && ow[c+1].low == "by":
			// A passive cue: the speaker follows "by" ("posted by Mr. Trump").
			np = rightNP(ow, c+2)
		case c > 0 && (ow[c-1].text == "," || ow[c-1].q >= 0) && strings.HasSuffix(ow[c].low, "ing"):
			// "…, saying …": the subject of the sentence speaks.
			np = f.firstNP(ow)
		default:
			np = leftNP(ow, c)
			if len(np) == 0 && inverted(ow, c) {
				np = rightNP(ow, c+1)
			}
			if len(np) == 0 {
				if ante, rel := relativeSubject(ow, c); len(ante) > 0 {
					if person, _ := f.resolve(ante, sent); person != "" {
						a.person, a.speakerText, a.cue = person, rel, cue
						return a
					}
				}
			}
			if sender := messageSender(ow, np); len(sender) > 0 {
				np = sender
			}
			if len(np) == 0 && sharesSubject(ow, c) {
				// "Carson took the stage and called the system …",
				// "rallied supporters by warning that …": the cue's
				// subject is the sentence's.
				np = f.clauseSubject(ow, c)
			}
		}
		if len(np) == 0 || isChannel(np) {
			if a.cue == "" {
				a.cue = cue
			}
			if len(np) > 0 && a.speakerText == "" && !strings.EqualFold(np[0].low, "according") {
				channelNP = joinWords(np) // "the statement said": no person, but words to show
			}
			continue
		}
		person, text := f.resolve(np, sent)
		if person == "" && text == "" {
			continue
		}
		a.person, a.speakerText, a.cue = person, text, cue
		return a
	}
	if a.person == "" && a.speakerText == "" {
		// No speaker by a cue, but a clause that introduces the quotation with a colon
		// ("Clinton has since apologized for what happened: “…”"): its
		// subject speaks, when it is a person the article names or "he"
		// or "she".
		for i := 1; i+1 < len(ow); i++ {
			if ow[i].text != ":" || ow[i+1].q < 0 {
				continue
			}
			np := f.firstNP(ow[:i])
			if len(np) == 0 {
				break
			}
			if _, name := splitTitles(np); len(np) == 1 && (np[0].low == "he" || np[0].low == "she") || name != "" && f.people.known(name) {
				if person, text := f.resolve(np, sent); person != "" {
					a.person, a.speakerText = person, text
				}
			}
			break
		}
	}
	return a
}

// outside returns the sentence's words outside quotation marks, with one
// quote-mark token standing where each quotation was, so that phrases
// never run across a quotation.
func outside(sent []word) []word {
	quoted := false
	for i := range sent {
		if sent[i].q >= 0 {
			quoted = true
			break
		}
	}
	if !quoted {
		// Most sentences quote nothing: their words are the sentence's
		// own (capped, so that an append never writes past it).
		return sent[:len(sent):len(sent)]
	}
	out := make([]word, 0, len(sent))
	lastQ := -1
	for _, w := range sent {
		if w.q >= 0 {
			if w.q != lastQ {
				out = append(out, newWord("\"", w.start, w.end, w.q))
				lastQ = w.q
			}
			continue
		}
		lastQ = -1
		out = append(out, w)
	}
	return out
}

// cueOrder returns the positions of cue words in ow, the likeliest first:
// a cue just after a quotation (",” he said"), then cues before the first
// quotation from the nearest back, then the rest.
func cueOrder(ow []word, cues []int) []int {
	var after, before, rest []int
	firstQ := len(ow)
	for i, w := range ow {
		if w.q >= 0 {
			firstQ = min(firstQ, i)
		}
	}
	for _, i := range cues {
		switch {
		case i > 0 && nearQuoteBefore(ow, i):
			after = append(after, i)
		case i < firstQ:
			before = append([]int{i}, before...)
		default:
			rest = append(rest, i)
		}
	}
	return append(append(after, before...), rest...)
}

func isCue(ow []word, i int) bool {
	if ow[i].low == "according" {
		return i+1 < len(ow) && ow[i+1].low == "to" && i+2 < len(ow)
	}
	if ow[i].low == "quoted" {
		return true
	}
	if ow[i].low == "puts" || ow[i].low == "put" {
		// "as he puts it, “…”"
		return i+2 < len(ow) && ow[i+1].low == "it" && (ow[i+2].text == "," || ow[i+2].q >= 0 || ow[i+2].text == ":")
	}
	// "what he calls", "as she notes": the -s forms of cue verbs that are
	// also nouns, after a pronoun.
	if ow[i].flags&fCueNounS != 0 {
		// or after the quotation and a short subject (",” the document
		// states").
		return i > 0 && (ow[i-1].flags&fPronoun != 0 || ow[i-1].low == "it" || tailCue(ow, i))
	}
	if ow[i].flags&fCue != 0 {
		return true
	}
	// A verb in the past tense outside the lexicon closing the short tail
	// of a quotation (",” an angry Hollande retaliated.", ",” riffed the
	// nominee"): the place makes it a cue.
	return len(ow[i].low) > 4 && strings.HasSuffix(ow[i].low, "ed") && !ow[i].isCapitalized() && pastTail(ow, i)
}

// pastTail reports whether position i closes a tail after a quotation:
// right after it with a subject following, or within six tokens of it and
// ending the sentence or the clause.
func pastTail(ow []word, i int) bool {
	if i == 0 {
		return false
	}
	if ow[i-1].q >= 0 {
		return i+1 < len(ow) && (ow[i+1].isCapitalized() || determiners[ow[i+1].low])
	}
	if i+1 < len(ow) && ow[i+1].text != "." && ow[i+1].text != "," {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if ow[k].q >= 0 {
			return true
		}
		if !ow[k].isWord() || clauseWords[ow[k].low] {
			return false
		}
	}
	return false
}

// messages are what a speaker sends or issues ("a statement saying").
var messages = map[string]bool{"statement": true, "release": true, "email": true, "e-mail": true, "letter": true,
	"tweet": true, "post": true, "message": true, "memo": true, "note": true, "video": true, "ad": true}

// messageSender returns the subject of the verb that sends a message the
// cue's subject np names ("Rubio’s campaign sent out a press release
// saying …", "X issued a statement saying …"), or nil.
func messageSender(ow []word, np []word) []word {
	if len(np) == 0 || !messages[np[len(np)-1].low] {
		return nil
	}
	k := -1
	for i := range ow {
		if ow[i].start == np[0].start {
			k = i
			break
		}
	}
	if k > 0 && (ow[k-1].low == "out" || ow[k-1].low == "up") {
		k-- // "sent out", "put up"
	}
	if k < 1 {
		return nil
	}
	v := ow[k-1].low
	if !strings.HasSuffix(v, "ed") && v != "sent" && v != "put" && v != "sends" && v != "issues" && v != "releases" {
		return nil
	}
	return leftNP(ow, k-1)
}

// bodyWords end the names of papers, bodies and places, which "he" and
// "she" never stand for.
var bodyWords = map[string]bool{
	"times": true, "post": true, "news": true, "journal": true, "department": true, "committee": true, "party": true,
	"house": true, "hill": true, "court": true, "campaign": true, "foundation": true, "association": true,
	"institute": true, "university": true, "council": true, "agency": true, "administration": true, "congress": true,
	"senate": true, "network": true, "cnn": true, "msnbc": true, "fox": true, "ministry": true, "office": true,
	"constitution": true, "coalition": true, "union": true, "center": true, "group": true, "magazine": true, "press": true,
}

// humanLike reports whether a resolved speaker reads as a person's name:
// capitalised words, the last not a paper's or a body's.
func humanLike(name string) bool {
	// The words of name as strings.Fields cuts them, without a slice:
	// this runs for every capitalised run of every article.
	last := ""
	for rest := name; ; {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		w := rest
		if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
			w, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
		last = w
	}
	if last == "" {
		return false
	}
	return !bodyWords[lower(strings.TrimRight(last, "'’s"))] && !bodyWords[lower(last)]
}

// lower is strings.ToLower, returning ASCII words with no capital as they
// are without scanning twice.
func lower(s string) string {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// timeWords end a phrase of time or occasion that may stand between a
// subject and its cue.
var timeWords = map[string]bool{
	"past": true, "week": true, "weekend": true, "month": true, "year": true, "morning": true, "afternoon": true,
	"evening": true, "night": true, "day": true, "time": true, "interview": true, "statement": true, "speech": true,
	"rally": true, "debate": true, "recently": true, "event": true, "post": true, "tweet": true, "letter": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// timePrepositions open a phrase of time or occasion.
var timePrepositions = map[string]bool{"in": true, "on": true, "at": true, "during": true, "over": true, "earlier": true, "last": true, "this": true}

// timePhrase returns where a phrase of time or occasion ending at j
// starts ("on Tuesday", "in the past", "in a statement Monday"), or -1.
func timePhrase(ow []word, j int) int {
	if j < 1 || !timeWords[ow[j].low] {
		return -1
	}
	for k := j - 1; k >= 0 && j-k <= 4; k-- {
		if ow[k].q >= 0 || !ow[k].isWord() {
			return -1
		}
		if timePrepositions[ow[k].low] {
			return k
		}
	}
	return -1
}

// relativeSubject returns the antecedent of a relative pronoun that is
// the cue's subject ("said Beck, who said there were …") and the pronoun.
func relativeSubject(ow []word, c int) ([]word, string) {
	j := c - 1
	for j >= 0 && (auxiliaries[ow[j].low] || isAdverb(ow[j])) {
		j--
	}
	if k := timePhrase(ow, j); k >= 0 {
		j = k - 1
		for j >= 0 && (auxiliaries[ow[j].low] || isAdverb(ow[j])) {
			j--
		}
	}
	if j < 2 || ow[j].low != "who" || ow[j-1].text != "," {
		return nil, ""
	}
	e := j - 1
	s := e
	for s > 0 && ow[s-1].q < 0 && ow[s-1].isWord() && (ow[s-1].isCapitalized() || ow[s-1].flags&fTitle != 0) {
		s--
	}
	return trimNP(ow[s:e]), ow[j].text
}

// tailCue reports whether the word at i closes a short tail after a
// quotation (",” a voice-over in the ad states."): a quotation at most
// eight tokens before it, and the sentence's end or a comma after it.
func tailCue(ow []word, i int) bool {
	if i+1 < len(ow) && ow[i+1].text != "." && ow[i+1].text != "," {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if ow[k].q >= 0 {
			return true
		}
	}
	return false
}

// sharesSubject reports whether the cue at c is a verb with no subject of
// its own, coordinated with or subordinated to the sentence's main verb:
// right after "and", "by", "before", "after" or "then" (adverbs between).
func sharesSubject(ow []word, c int) bool {
	j := c - 1
	for j >= 0 && (isAdverb(ow[j]) || auxiliaries[ow[j].low]) {
		j--
	}
	if j < 1 {
		return false
	}
	switch ow[j].low {
	case "and", "by", "before", "after", "then":
		return true
	case "to":
		// "went on to say", "managed to ask": after a verb, not after
		// a noun ("urged voters to say").
		v := ow[j-1].low
		if v == "on" && j > 1 {
			v = ow[j-2].low
		}
		return strings.HasSuffix(v, "ed") || v == "went" || v == "wants" || v == "want" || v == "tried" || v == "had"
	}
	return false
}

// clauseSubject returns the subject of the clause the cue at c closes:
// the first name or pronoun after the last comma before it ("When Robby
// Mook … was asked …, he laughed and said"), or else the sentence's.
func (f *finder) clauseSubject(ow []word, c int) []word {
	for k := c - 1; k > 0; k-- {
		if ow[k].q >= 0 {
			break
		}
		if ow[k].text == "," {
			if np := f.firstNP(ow[k+1 : c]); len(np) > 0 {
				return np
			}
			break
		}
	}
	return f.firstNP(ow[:c])
}

// nearQuoteBefore reports whether a quotation closes at most four tokens
// before position i.
func nearQuoteBefore(ow []word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if ow[k].q >= 0 {
			return true
		}
	}
	return false
}

// leftNP returns the noun phrase that ends just before position c,
// skipping auxiliaries and adverbs ("Xi had asked", "Gingrich cynically
// dismissed"), a parenthesis ("Sen. Claire McCaskill (D-Mo.) said") and an
// appositive ("Brian Fallon, the campaign's press secretary, noted"): a
// pronoun, a name with its titles, a role ("the Chinese leader") or a
// common noun phrase with its determiner ("the ad's narrator").
func leftNP(ow []word, c int) []word {
	j := c - 1
	skip := func() {
		// A capital is a name ("Will wrote"), not the auxiliary "will".
		for j >= 0 && (auxiliaries[ow[j].low] && !(ow[j].isCapitalized() && j > 0) || isAdverb(ow[j])) {
			j--
		}
		// A time or occasion phrase ("Trump on Tuesday said", "who has in
		// the past described", "Clinton in an interview said").
		if k := timePhrase(ow, j); k >= 0 {
			j = k - 1
			for j >= 0 && (auxiliaries[ow[j].low] && !(ow[j].isCapitalized() && j > 0) || isAdverb(ow[j])) {
				j--
			}
		}
		if j >= 0 && ow[j].text == ")" {
			k := j
			for k >= 0 && ow[k].text != "(" && j-k <= 8 {
				k--
			}
			if k >= 0 && ow[k].text == "(" {
				j = k - 1
			}
		}
		// A party and state set off by commas ("Rep. Dana Rohrabacher,
		// R-Calif., said").
		j = skipAffiliation(ow, j)
	}
	skip()
	if j >= 0 && ow[j].text == "," {
		k := j - 1
		for k >= 0 && j-k <= 20 && ow[k].text != "," && ow[k].text != "." && ow[k].q < 0 {
			if ow[k].text == ")" {
				// A parenthesis inside the aside ("for Rep. Stephen
				// Fincher (R-Tenn.),"): its dots end no sentence.
				m := k
				for m >= 0 && ow[m].text != "(" && k-m <= 8 {
					m--
				}
				if m >= 0 && ow[m].text == "(" {
					k = m
				}
			}
			k--
		}
		if k < 0 || ow[k].text != "," {
			return nil
		}
		// A name set off after its description ("Florida's attorney
		// general, Pam Bondi, vowed"): the words between the commas are
		// the speaker when they are all capitals and a common word, not a
		// name, stands before the first comma.
		if inner := ow[k+1 : j]; len(inner) > 0 && len(inner) <= 4 && k > 0 && ow[k-1].isWord() && !ow[k-1].isCapitalized() && allCapitalized(inner) {
			return inner
		}
		j = k - 1
		skip()
	}
	end := j + 1
	for j >= 0 && ow[j].q < 0 && (ow[j].isWord() && (ow[j].isCapitalized() || ow[j].flags&fTitle != 0 || ow[j].low == "editorial")) {
		if ow[j].flags&fPronoun != 0 {
			return ow[j:end]
		}
		j--
	}
	if j >= 0 && ow[j].flags&fPronoun != 0 && end == j+1 {
		return ow[j:end]
	}
	if np := trimNP(ow[j+1 : end]); len(np) > 0 {
		if j >= 0 && determiners[ow[j].low] {
			j--
		}
		if j >= 0 && (prepositions[ow[j].low] || ow[j].low == "of") {
			// The object of a preposition is no subject: the cue's subject
			// is the name a description set off by commas follows ("Rep.
			// Jerrold Nadler, D-N.Y., the former chairman of the
			// subcommittee on the Constitution, …, told").
			if name := appositiveHead(ow, j); len(name) > 0 {
				return name
			}
			// "Sen. Cory Booker of New Jersey wrote": the place qualifies
			// the person named before it.
			if (ow[j].low == "of" || ow[j].low == "from") && isPlace(joinWords(ow[j+1:end])) {
				s := j - 1
				for s >= 0 && ow[s].q < 0 && ow[s].isWord() && (ow[s].isCapitalized() || ow[s].flags&fTitle != 0) {
					s--
				}
				if np := ow[s+1 : j]; len(np) > 0 {
					if _, name := splitTitles(np); name != "" && !isPlace(name) {
						return np
					}
				}
			}
		}
		return ow[j+1 : end]
	}
	// A common noun phrase: back over a few words to its determiner.
	for k := end - 1; k >= 0 && end-k <= 5 && ow[k].isWord() && ow[k].q < 0 && !clauseWords[ow[k].low] &&
		ow[k].flags&fPronoun == 0 && !auxiliaries[ow[k].low] && !modals[ow[k].low]; k-- {
		if determiners[ow[k].low] || k < end-1 && strings.HasSuffix(ow[k].low, "'s") {
			return ow[k:end]
		}
	}
	return nil
}

// affiliationEnd returns the end of a party-and-state affiliation that
// opens at i ("R-Calif", ".", or "D-N", ".", "Y", "."), or i when none
// does: news sets it after a legislator's name, and it names no one.
func affiliationEnd(ow []word, i int) int {
	if i >= len(ow) || !isAffiliation(ow[i].text) {
		return i
	}
	j := i + 1
	if j < len(ow) && ow[j].text == "." {
		j++
	}
	for j+1 < len(ow) && len(ow[j].text) == 1 && ow[j].text[0] >= 'A' && ow[j].text[0] <= 'Z' && ow[j+1].text == "." {
		j += 2
	}
	return j
}

// isAffiliation reports whether a token is a party's initial, a hyphen
// and a state's capitalised abbreviation or name ("R-Calif", "D-N",
// "I-Vt", "R-Texas").
func isAffiliation(t string) bool {
	if len(t) < 3 || len(t) > 16 || t[1] != '-' || t[0] != 'D' && t[0] != 'R' && t[0] != 'I' || t[2] < 'A' || t[2] > 'Z' {
		return false
	}
	for k := 3; k < len(t); k++ {
		if c := t[k]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// skipAffiliation returns, for position j at an affiliation's last token
// or the comma after it, the position of the name before the comma that
// opens it ("Sen. Mitt Romney, R-Utah, …": Romney); else j.
func skipAffiliation(ow []word, j int) int {
	e := j
	if e >= 0 && ow[e].text == "," {
		e--
	}
	// "Representative Jim Jordan, Republican of Ohio, …": a party and a
	// state in words.
	if e >= 3 && ow[e-1].low == "of" && partyWords[ow[e-2].low] && ow[e-2].isCapitalized() && ow[e-3].text == "," && ow[e].isCapitalized() {
		return e - 4
	}
	for k := e; k >= 1 && e-k < 6; k-- {
		if isAffiliation(ow[k].text) {
			if affiliationEnd(ow, k) == e+1 && ow[k-1].text == "," {
				return k - 2
			}
			return j
		}
		if t := ow[k].text; t != "." && (len(t) != 1 || t[0] < 'A' || t[0] > 'Z') {
			return j
		}
	}
	return j
}

// partyWords name a party in an affiliation ("Republican of Ohio").
var partyWords = setOf("republican democrat democratic independent")

// appositiveHead returns the name that a description set off by commas
// follows, looking back from position j inside that description: the
// name before the comma that opens a phrase on "the", "a" or "an" ("Rep.
// Jerrold Nadler, D-N.Y., the former chairman of …"), an affiliation
// between them skipped; nil when none does within 30 tokens.
func appositiveHead(ow []word, j int) []word {
	for k := j; k > 0 && j-k < 30; k-- {
		if ow[k].q >= 0 || ow[k].text == "." && !(k > 0 && len(ow[k-1].text) == 1) {
			return nil
		}
		if ow[k].text != "," || k+1 >= len(ow) || !(ow[k+1].low == "the" || ow[k+1].low == "a" || ow[k+1].low == "an" || ow[k+1].flags&fTitle != 0 && !ow[k+1].isCapitalized()) {
			continue
		}
		e := skipAffiliation(ow, k)
		if e == k {
			e = k - 1
		}
		s := e
		for s >= 0 && ow[s].q < 0 && ow[s].isWord() && (ow[s].isCapitalized() || ow[s].flags&fTitle != 0) {
			s--
		}
		// The head stands where a subject does: the sentence's start, a
		// quotation or a comma before it; else the run is inside the
		// description ("president of the Center for Arizona Policy, an
		// architect of the bill,"), and the head is further back.
		if np := ow[s+1 : e+1]; len(np) > 0 && (s < 0 || ow[s].q >= 0 || ow[s].text == ",") {
			if _, name := splitTitles(np); name != "" {
				return np
			}
		}
	}
	return nil
}

// cueNounS are -s forms of cueNouns, cues only after a pronoun.
var cueNounS = map[string]bool{"calls": true, "reports": true, "notes": true, "posts": true, "states": true,
	"claims": true, "tweets": true, "comments": true, "promises": true, "jokes": true, "demands": true,
	"quotes": true, "echoes": true, "replies": true, "points": true, "terms": true, "labels": true}

// determiners open a noun phrase that names a speaker by role.
var determiners = map[string]bool{
	"this": true, "that": true, "these": true, "those": true,
	"the": true, "a": true, "an": true, "one": true, "his": true, "her": true, "their": true, "its": true,
	"several": true, "some": true, "many": true, "two": true, "three": true, "another": true, "other": true,
}

// clauseWords end a backward scan for a noun phrase: past them lies
// another clause.
var clauseWords = map[string]bool{
	"that": true, "which": true, "who": true, "and": true, "but": true, "or": true, "because": true,
	"when": true, "while": true, "if": true, "as": true, "than": true, "to": true, "said": true, "says": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "after": true, "before": true,
}

// modals and negations belong to a verb group, never to a speaker's name.
var modals = map[string]bool{"could": true, "would": true, "should": true, "can": true, "may": true,
	"might": true, "must": true, "do": true, "does": true, "not": true, "never": true, "also": true}

// notAdverbs end in -ly but are nouns and names.
var notAdverbs = map[string]bool{"family": true, "ally": true, "rally": true, "italy": true, "assembly": true,
	"supply": true, "july": true, "reply": true, "fly": true, "bully": true, "anomaly": true, "monopoly": true}

func isAdverb(w word) bool {
	return len(w.low) > 4 && strings.HasSuffix(w.low, "ly") && !w.isCapitalized() && !notAdverbs[w.low]
}

// inversionCues are the verbs that news writes before their subject
// ("…," said Mr. Fisher); other verbs take an object there ("urging
// Washington to…").
var inversionCues = map[string]bool{
	"said": true, "says": true, "added": true, "adds": true, "wrote": true, "writes": true,
	"explained": true, "noted": true, "notes": true, "continued": true, "recalled": true, "replied": true,
	"responded": true, "countered": true, "argued": true, "insisted": true, "declared": true,
	"stated": true, "remarked": true, "observed": true, "concluded": true, "quipped": true, "tweeted": true,
}

// inverted reports whether the cue at c stands before its subject: an
// inversion verb right after a comma or a quotation.
func inverted(ow []word, c int) bool {
	if c == 0 {
		// A sentence opening on its cue ("Said Comey, “…”").
		return inversionCues[ow[c].low] && ow[c].isCapitalized()
	}
	// Any cue in the past tense right after a quotation reads so (",”
	// mused Blaze co-host Stu Burguiere", ",” read the statement").
	return (inversionCues[ow[c].low] || ow[c-1].q >= 0 && (strings.HasSuffix(ow[c].low, "ed") || ow[c].low == "read")) &&
		(ow[c-1].text == "," || ow[c-1].q >= 0)
}

// firstNP returns the sentence's first name or pronoun: its subject, in
// the sentences news writes.
func (f *finder) firstNP(ow []word) []word {
	// A person the article knows wins over a dateline or a place
	// ("Washington (AFP) – Democrat Hillary Clinton has …, saying").
	for i := 0; i < len(ow) && ow[i].q < 0; i++ {
		if ow[i].isCapitalized() {
			j := runEnd(ow, i)
			if _, name := splitTitles(ow[i:j]); name != "" && f.people.known(name) {
				return ow[i:j]
			}
			i = max(i, j-1)
		}
	}
	for i := 0; i < len(ow) && ow[i].q < 0; i++ {
		if ow[i].flags&fPronoun != 0 {
			return ow[i : i+1]
		}
		if ow[i].isCapitalized() && ow[i].flags&fNotName == 0 {
			j := runEnd(ow, i)
			if np := trimNP(ow[i:j]); len(np) > 0 {
				return np
			}
		}
	}
	return nil
}

// rightNP returns the noun phrase starting at position i.
func rightNP(ow []word, i int) []word {
	if i < len(ow) && ow[i].flags&fPronoun != 0 {
		return ow[i : i+1]
	}
	j := i
	for j < len(ow) && (determiners[ow[j].low] || ow[j].low == "official") {
		j++
	}
	k := j
	for k < len(ow) && ow[k].q < 0 && ow[k].isWord() && (ow[k].isCapitalized() || ow[k].flags&fTitle != 0 || channelWord(ow[k].low)) {
		k++
	}
	if np := trimNP(ow[i:k]); len(np) > 0 {
		return np
	}
	// "said one former GOP leadership aide", "tweeted another": a common
	// noun phrase after its determiner, up to the clause's end.
	if j > i {
		k = j
		for k < len(ow) && k-j < 6 && ow[k].q < 0 && ow[k].isWord() && !clauseWords[ow[k].low] && ow[k].flags&fCue == 0 {
			k++
		}
		if k > i {
			return ow[i:k]
		}
	}
	return nil
}

// trimNP drops a phrase that holds no capitalised word and no title: it
// names nobody.
func allCapitalized(ws []word) bool {
	for _, w := range ws {
		if !w.isWord() || !w.isCapitalized() || w.flags&fNotName != 0 {
			return false
		}
	}
	return true
}

func trimNP(np []word) []word {
	for _, w := range np {
		if w.isCapitalized() || personTitles[w.low] || w.flags&fPronoun != 0 || roleSynonyms[w.low] != "" {
			return np
		}
	}
	return nil
}

func channelWord(s string) bool {
	switch s {
	case "news", "agency", "media", "ministry", "state", "readout", "statement", "editorial":
		return true
	}
	return false
}

// resolve turns a noun phrase into a speaker: a pronoun becomes the person
// named before it in the sentence or the person last spoken of; a role
// becomes the person introduced with that title; a name becomes the
// fullest form of it the article gives.
func (f *finder) resolve(np []word, sent []word) (person, text string) {
	text = joinWords(np)
	if len(np) == 1 && np[0].flags&fPronoun != 0 {
		if np[0].low == "they" || np[0].low == "it" {
			return "", text // a group or a body the pronoun does not name
		}
		for _, w := range sent {
			if w.start >= np[0].start {
				break
			}
			if c := f.people.canonical(w.text); w.q < 0 && w.isCapitalized() && f.people.known(w.text) && humanLike(c) && f.people.fits(c, np[0].low) {
				return c, text
			}
		}
		for _, h := range f.humans {
			if f.people.fits(h, np[0].low) {
				return h, text
			}
		}
		if len(f.humans) > 0 || !humanLike(f.lastPerson) {
			// No one the article named fits, or the last one spoken of is
			// no person ("a BuzzFeed news report"): better unknown than
			// wrong.
			return "", text
		}
		return f.lastPerson, text
	}
	_, name := splitTitles(np)
	possessive := strings.HasSuffix(np[0].low, "'s")
	if name == "" || (determiners[np[0].low] || possessive) && !np[len(np)-1].isCapitalized() {
		if !determiners[np[0].low] && !possessive {
			// A place or body standing for its government ("Beijing
			// declared", "China has long pledged").
			if isBody(np) {
				return text, text
			}
			return "", ""
		}
		if p := f.people.role(np); p != "" {
			return p, text
		}
		// A speaker named by a common noun ("the announcer") is reported
		// as the article names it.
		return text, text
	}
	return f.people.canonical(name), text
}

// subject returns the person a sentence with no cue is about: the first
// person it names.
func (f *finder) subject(sent []word) string {
	for i := 0; i < len(sent); i++ {
		if sent[i].q >= 0 || !sent[i].isCapitalized() {
			continue
		}
		j := runEnd(sent, i)
		if j == i {
			continue
		}
		if _, name := splitTitles(sent[i:j]); name != "" && f.people.known(name) {
			return f.people.canonical(name)
		}
		i = j
	}
	return ""
}

func joinWords(np []word) string {
	var b strings.Builder
	for i, w := range np {
		if i > 0 && w.isWord() {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

func isChannel(np []word) bool {
	_, ok := matchChannel(np)
	return ok
}

func matchChannel(ws []word) (channelRef, bool) {
	if ci, _ := firstChannel(ws); ci >= 0 {
		return channelRef{name: channels[ci].name}, true
	}
	return channelRef{}, false
}

// firstChannel returns the earliest channel of the list that the words
// name (-1 if none) and its first place: each word looks up only the
// channels whose pattern opens with it.
func firstChannel(ws []word) (ci, at int) {
	best, at := len(channels), -1
	for i := range ws {
		if ws[i].flags&fChannel == 0 {
			continue
		}
		for _, k := range channelsByFirst[ws[i].low] {
			if k >= best {
				break
			}
			if c := channels[k]; i+len(c.pattern) <= len(ws) && channelAt(ws, i, c) {
				best, at = k, i
				break
			}
		}
	}
	if at < 0 {
		return -1, -1
	}
	return best, at
}

func channelAt(ws []word, i int, c channel) bool {
	for k, p := range c.pattern {
		w := ws[i+k]
		if w.low != p {
			return false
		}
		if caseSensitiveChannels[p] && w.text != strings.ToUpper(w.text) {
			return false
		}
	}
	return true
}

// findChannel finds the most specific channel the words name, with the
// clause that names it ("according to the official Xinhua news agency").
func findChannel(ow []word) channelRef {
	ci, i := firstChannel(ow)
	if ci < 0 {
		return channelRef{}
	}
	c := channels[ci]
	from, to := i, i+len(c.pattern)
	for from > 0 && ow[from-1].isWord() && ow[from-1].q < 0 {
		from--
	}
	for to < len(ow) && ow[to].isWord() && ow[to].q < 0 {
		to++
	}
	return channelRef{name: c.name, text: joinWords(ow[from:to])}
}

// channelsByFirst lists, for each first word of a channel's pattern, the
// indexes in channels of the patterns that open with it, in list order.
var channelsByFirst = func() map[string][]int {
	m := map[string][]int{}
	for i, c := range channels {
		m[c.pattern[0]] = append(m[c.pattern[0]], i)
	}
	return m
}()

// functionWords start sentences in capitals but never name a speaker.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "but": true, "and": true, "on": true,
	"in": true, "at": true, "as": true, "if": true, "while": true, "when": true, "after": true, "before": true,
	"since": true, "despite": true, "although": true, "following": true, "according": true, "apart": true,
	"besides": true, "meanwhile": true, "however": true, "for": true, "it": true, "its": true, "their": true,
	"both": true, "those": true, "these": true, "i": true, "we": true, "they": true, "he": true, "she": true,
	"his": true, "her": true, "what": true, "hours": true, "relations": true, "trade": true, "ties": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"today": true, "yesterday": true, "tonight": true,
}

// isBody reports whether a run of capitalised words names a place or body
// that can speak for its government: no function word, no title alone.
func isBody(np []word) bool {
	for _, w := range np {
		if !w.isCapitalized() || functionWords[w.low] || personTitles[w.low] && len(np) == 1 {
			return false
		}
	}
	return len(np) > 0
}

func isDash(s string) bool {
	switch s {
	case "-", "\u2013", "\u2014", "\u2015":
		return true
	}
	return false
}

// colonSpeaker returns the length of a name run that opens the sentence
// and is followed by a colon and then a quotation, or 0.
func colonSpeaker(ow []word) int {
	if len(ow) < 3 || !ow[0].isCapitalized() {
		return 0
	}
	j := runEnd(ow, 0)
	if j == 0 || j > 6 || j+1 >= len(ow) || ow[j].text != ":" {
		return 0
	}
	for k := j + 1; k < len(ow) && k <= j+12; k++ {
		if ow[k].q >= 0 {
			return j
		}
	}
	return 0
}
