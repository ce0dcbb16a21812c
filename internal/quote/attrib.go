package quote

import (
	"strings"
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
}

// attribute reads the words of a sentence outside its quotations for a cue
// verb and its subject, and for a channel.
func (f *finder) attribute(sent []word) attribution {
	ow := outside(sent)
	var a attribution
	a.channel = findChannel(ow)
	for _, c := range cueOrder(ow) {
		cue := ow[c].text
		var np []word
		switch {
		case ow[c].low == "according":
			cue = ow[c].text + " " + ow[c+1].text
			np = rightNP(ow, c+2)
		case ow[c].low == "quoted":
			np = rightNP(ow, c+1)
		default:
			np = leftNP(ow, c)
			if len(np) == 0 {
				np = rightNP(ow, c+1)
			}
		}
		if len(np) == 0 || isChannel(np) {
			if a.cue == "" {
				a.cue = cue
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
	return a
}

// outside returns the sentence's words outside quotation marks, with one
// quote-mark token standing where each quotation was, so that phrases
// never run across a quotation.
func outside(sent []word) []word {
	var out []word
	lastQ := -1
	for _, w := range sent {
		if w.q >= 0 {
			if w.q != lastQ {
				out = append(out, word{text: "\"", low: "\"", start: w.start, end: w.end, q: w.q})
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
func cueOrder(ow []word) []int {
	var after, before, rest []int
	firstQ := len(ow)
	for i, w := range ow {
		if w.q >= 0 {
			firstQ = min(firstQ, i)
		}
	}
	for i, w := range ow {
		if w.q >= 0 || !isCue(ow, i) {
			continue
		}
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
	return cueWords[ow[i].low]
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

// leftNP returns the noun phrase that ends just before position c, skipping
// auxiliaries: a pronoun, a name with its titles, or a role ("the Chinese
// leader").
func leftNP(ow []word, c int) []word {
	j := c - 1
	for j >= 0 && auxiliaries[ow[j].low] {
		j--
	}
	end := j + 1
	for j >= 0 && ow[j].q < 0 && (ow[j].isWord() && (ow[j].isCapitalized() || titleWords[ow[j].low] || ow[j].low == "editorial")) {
		if pronouns[ow[j].low] {
			return ow[j:end]
		}
		j--
	}
	if j >= 0 && pronouns[ow[j].low] && end == j+1 {
		return ow[j:end]
	}
	if j >= 0 && (ow[j].low == "the" || ow[j].low == "a") && end > j+1 {
		j--
	}
	return trimNP(ow[j+1 : end])
}

// rightNP returns the noun phrase starting at position i.
func rightNP(ow []word, i int) []word {
	if i < len(ow) && pronouns[ow[i].low] {
		return ow[i : i+1]
	}
	j := i
	for j < len(ow) && (ow[j].low == "the" || ow[j].low == "a" || ow[j].low == "official") {
		j++
	}
	k := j
	for k < len(ow) && ow[k].q < 0 && ow[k].isWord() && (ow[k].isCapitalized() || titleWords[ow[k].low] || channelWord(ow[k].low)) {
		k++
	}
	return trimNP(ow[i:k])
}

// trimNP drops a phrase that holds no capitalised word and no title: it
// names nobody.
func trimNP(np []word) []word {
	for _, w := range np {
		if w.isCapitalized() || personTitles[w.low] || pronouns[w.low] || roleSynonyms[w.low] != "" {
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
	if len(np) == 1 && pronouns[np[0].low] {
		if np[0].low == "they" {
			return "", text
		}
		for _, w := range sent {
			if w.start >= np[0].start {
				break
			}
			if w.q < 0 && w.isCapitalized() && f.people.known(w.text) {
				return f.people.canonical(w.text), text
			}
		}
		return f.lastPerson, text
	}
	_, name := splitTitles(np)
	if name == "" {
		if strings.EqualFold(np[0].text, "the") || strings.EqualFold(np[0].text, "a") {
			return f.people.role(np), text
		}
		return "", ""
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
	for _, c := range channels {
		for i := 0; i+len(c.pattern) <= len(ws); i++ {
			if channelAt(ws, i, c) {
				return channelRef{name: c.name}, true
			}
		}
	}
	return channelRef{}, false
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
	for _, c := range channels {
		for i := 0; i+len(c.pattern) <= len(ow); i++ {
			if !channelAt(ow, i, c) {
				continue
			}
			from, to := i, i+len(c.pattern)
			for from > 0 && ow[from-1].isWord() && ow[from-1].q < 0 {
				from--
			}
			for to < len(ow) && ow[to].isWord() && ow[to].q < 0 {
				to++
			}
			return channelRef{name: c.name, text: joinWords(ow[from:to])}
		}
	}
	return channelRef{}
}
