package quote

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Quote is one quotation found in an article.
type Quote struct {
	Text        string `json:"text"`
	Paragraph   int    `json:"paragraph"`
	Start       int    `json:"-"` // byte offsets of Text in its paragraph
	End         int    `json:"-"`
	Kind        string `json:"kind"` // "direct" or "partial"
	Speaker     string `json:"speaker"`
	SpeakerText string `json:"speaker_text"`
	Cue         string `json:"cue"`
	Channel     string `json:"channel"`
	ChannelText string `json:"channel_text"`
	Attribution string `json:"attribution"`
	Inferred    bool   `json:"inferred"`
	// Unattributed marks a quotation that nothing in the article ties to a
	// speaker, cue or channel: a title, a nickname or scare quotes.
	Unattributed bool `json:"unattributed,omitempty"`
}

// Find returns the quotations of an article's paragraphs in reading order,
// each with its attribution.
func Find(paragraphs []string) []Quote {
	return find(paragraphs, nil, nil)
}

// find runs the finder; with a non-nil visit, it also hands each
// quotation's speaker candidates to visit (the ranker's trainer).
func find(paragraphs []string, visit func(q *Quote, cands []candidate), visitQuote func([]uint32)) []Quote {
	f := finder{people: newPeople(), lastChannel: map[string]channelRef{}, colonPara: -2, visit: visit, visitQuote: visitQuote}
	f.paras = make([]paraInfo, len(paragraphs))
	// Each paragraph is tokenized once, marking its quotations (info
	// reuses the tokens). The table of people reads every word, quoted or
	// not: it reads the tokens with the marks cleared, which are kept
	// aside (one buffer for all) and put back after. (A copy of the
	// tokens was the finder's largest allocation.)
	var slab []word
	if visit == nil && visitQuote == nil {
		// The tokens go in a buffer of an earlier article's, which the
		// finder's own use alone leaves free: the trainer's visits may
		// keep candidates that hold tokens.
		need := 0
		for _, p := range paragraphs {
			need += wordsCap(p)
		}
		sp := wordSlabs.Get().(*[]word)
		if cap(*sp) < need {
			*sp = make([]word, need)
		}
		slab = (*sp)[:need]
		defer wordSlabs.Put(sp)
	}
	n := 0
	for i, p := range paragraphs {
		var buf []word
		if slab != nil {
			// Capacity limited to the paragraph's part: a paragraph
			// with more tokens than estimated grows into its own.
			c := wordsCap(p)
			buf, slab = slab[:0:c], slab[c:]
		}
		f.paras[i].spans = findSpans(p)
		f.paras[i].toks = appendWords(buf, p, f.paras[i].spans)
		n += len(f.paras[i].toks)
	}
	marks := make([]int32, 0, n)
	for i := range f.paras {
		ws := f.paras[i].toks
		for k := range ws {
			marks = append(marks, int32(ws[k].q))
			ws[k].q = -1
		}
		f.people.learn(ws[:len(ws):len(ws)])
	}
	for i := range f.paras {
		ws := f.paras[i].toks
		f.people.learnGender(ws[:len(ws):len(ws)])
	}
	for i := range f.paras {
		for k := range f.paras[i].toks {
			f.paras[i].toks[k].q = int(marks[0])
			marks = marks[1:]
		}
	}
	var out []Quote
	prev := -1
	f.seq = make([]int, len(paragraphs))
	f.text = paragraphs
	n = 0
	for i, p := range paragraphs {
		f.prevPara, f.seq[i] = prev, n
		out = append(out, f.paragraph(i, p)...)
		if strings.TrimSpace(p) != "" {
			prev = i
			n++
		}
	}
	return out
}

// wordSlabs holds token buffers for find to reuse: the tokens were the
// finder's largest allocation, and none outlives find (quotations hold
// strings only).
var wordSlabs = sync.Pool{New: func() any { return new([]word) }}

type channelRef struct{ name, text string }

// finder carries what an article has said so far: its people, the person
// it last spoke of, and the channel last stated for each speaker.
type finder struct {
	people     *people
	lastPerson string
	// The persons last spoken of who read as humans, the latest first,
	// for "he" and "she".
	humans []string
	// The speaker a sentence of the current paragraph named, for its other
	// sentences' quotations ("Clinton said X. … “Y.”").
	para                         int
	paraSpeaker, paraSpeakerText string
	paraHasCue                   bool // a cue verb stands somewhere in the paragraph
	lastQuote                    *Quote
	// The attribution of a paragraph that ends with a colon ("Cruz
	// continued:", "In a 1963 speech, he declared:"), for the quotation
	// the next paragraph opens with.
	colonPara int
	colonAttr attribution
	prevPara  int // the paragraph before this one that holds any text
	// seq numbers the paragraphs that hold text: distances between
	// paragraphs count those, not blank lines between them.
	seq         []int
	lastChannel map[string]channelRef
	// What the ranker reads: the paragraphs, each cut into sentences with
	// their mentions once (ranker.go), and the rules' speaker of the last
	// quotation (the ranker's choice never feeds back into the rules, so
	// that its features are the same in training and in use).
	text     []string
	paras    []paraInfo
	lastRule *ruleSpeaker
	visit    func(q *Quote, cands []candidate)
	// visitQuote receives each quotation's features for the attributed
	// model (attributed.go), nil when it has no letter.
	visitQuote func(feats []uint32)
	sentIdx    int
	surnames   map[string]string // the fullest name for each surname ("" when two people share it)
	// Buffers the ranker reuses from one quotation to the next.
	arena []uint32
	cands []candidate
}

func (f *finder) paragraph(pi int, p string) []Quote {
	info := f.info(pi)
	var out []Quote
	f.paraHasCue = false
	for _, t := range info.toks {
		if t.q < 0 && t.flags&fCue != 0 {
			f.paraHasCue = true
			break
		}
	}
	for si := range info.sents {
		f.sentIdx = si
		out = append(out, f.sentence(pi, p, &info.sents[si])...)
	}
	return out
}

// sentence attributes the quotations opened in one sentence and updates
// the article's state from it.
func (f *finder) sentence(pi int, p string, si *sentInfo) []Quote {
	sent, spans := si.toks, si.spans
	a := f.attribute(sent, si.outside(), si.cues())
	if f.para != pi {
		f.para, f.paraSpeaker, f.paraSpeakerText = pi, "", ""
	}
	if a.person != "" {
		if a.channel.name != "" {
			f.lastChannel[a.person] = a.channel
		}
		f.paraSpeaker, f.paraSpeakerText = a.person, a.speakerText
	} else if a.channel.name != "" {
		// A channel stated with no speaker ("According to China's foreign
		// ministry, the discussion also covered…") is in force for the
		// person the sentence, or else the article, is about.
		if who := f.subject(sent); who != "" {
			f.lastChannel[who] = a.channel
		} else if f.lastPerson != "" {
			f.lastChannel[f.lastPerson] = a.channel
		}
	}
	if len(spans) == 0 && len(sent) > 0 && sent[len(sent)-1].text == ":" && (a.person != "" || a.speakerText != "") {
		f.colonPara, f.colonAttr = pi, a
	}
	if a.person == "" && a.speakerText == "" && f.colonPara == f.prevPara && f.colonAttr.cue != "" && len(spans) > 0 && startsWithQuote(p, sent) {
		a = f.colonAttr
	}
	var out []Quote
	frame := frameText(p, sent, spans) // one per sentence, shared by its quotations
	cues := cuePositions(sent)
	for _, s := range spans {
		q := Quote{Text: p[s.start:s.end], Paragraph: pi, Start: s.start, End: s.end, Kind: kind(p, s, sent)}
		switch {
		case a.person != "" || a.speakerText != "":
			q.Speaker, q.SpeakerText, q.Cue = a.person, a.speakerText, nearestCue(sent, cues, spans, s, a.cue)
			q.Attribution = frame
			q.Channel, q.ChannelText = a.channel.name, a.channel.text
		case a.cue == "" && f.lastQuote != nil && continues(sent) && f.seq[pi]-f.seq[f.lastQuote.Paragraph] <= 1:
			// No attribution of its own: the continuation of the previous
			// quotation ("…," he said. "…") or of its speech.
			prev := f.lastQuote
			q.Speaker, q.SpeakerText, q.Cue, q.Attribution = f.lastRule.speaker, f.lastRule.text, prev.Cue, prev.Attribution
			// Carried from another paragraph, the attribution is inferred;
			// within one ("…," he said. "…") it is the same sentence's.
			q.Channel, q.ChannelText, q.Inferred = prev.Channel, prev.ChannelText, prev.Inferred || prev.Paragraph != pi
			if a.channel.name != "" {
				q.Channel, q.ChannelText, q.Inferred = a.channel.name, a.channel.text, false
			}
		default:
			q.Cue = a.cue
			q.Channel, q.ChannelText = a.channel.name, a.channel.text
			q.Attribution = frame
			switch {
			case a.cue == "" && f.paraSpeaker != "":
				q.Speaker, q.SpeakerText, q.Inferred = f.paraSpeaker, f.paraSpeakerText, true
			case a.cue == "" && q.Kind == "direct" && f.lastPerson != "" && f.lastQuote != nil && f.seq[pi]-f.seq[f.lastQuote.Paragraph] <= 2:
				// A quotation standing alone after the article spoke of
				// someone goes on with that person's words.
				q.Speaker, q.Inferred = f.lastPerson, true
			}
		}
		// The rules' speaker: what the next quotation carries on, and what
		// tells an attributed quotation from scare quotes.
		rule := ruleSpeaker{speaker: q.Speaker, text: q.SpeakerText}
		rq := q
		f.inferChannel(&rq)
		q.Unattributed = unattributed(rq, p, s, f.paraHasCue, f.paras[pi].toks)
		if hasLetter(q.Text) && (attribWeights != nil || f.visitQuote != nil) {
			qf := quoteFeats(&rq, p, s, sent, a, !q.Unattributed, f.paraHasCue, f.paras[pi].toks)
			if f.visitQuote != nil {
				f.visitQuote(qf)
			}
			if f.visitQuote == nil {
				q.Unattributed = !attributedScore(qf, !q.Unattributed)
			}
		} else if f.visitQuote != nil {
			f.visitQuote(nil)
		}
		f.rank(&q, pi, s, a, rule)
		q.Speaker = f.fullName(q.Speaker)
		f.inferChannel(&q)
		f.lastRule = &rule
		out = append(out, q)
	}
	if len(out) > 0 {
		f.lastQuote = &out[len(out)-1]
	}
	if a.person != "" {
		f.lastPerson = a.person
	} else if s := f.subject(sent); s != "" {
		f.lastPerson = s
	}
	if humanLike(f.lastPerson) && (len(f.humans) == 0 || f.humans[0] != f.lastPerson) {
		f.humans = append([]string{f.lastPerson}, f.humans[:min(len(f.humans), 7)]...)
	}
	return out
}

// inferChannel gives a quotation with no channel of its own the channel
// last stated for its speaker, marked inferred.
func (f *finder) inferChannel(q *Quote) {
	if q.Channel == "" && q.Speaker != "" {
		if c, ok := f.lastChannel[q.Speaker]; ok {
			q.Channel, q.ChannelText, q.Inferred = c.name, c.text, true
		}
	}
}

// startsWithQuote reports whether the sentence is the paragraph's first
// and opens on a quotation mark.
func startsWithQuote(p string, sent []word) bool {
	return len(sent) > 0 && sent[0].q >= 0 && strings.TrimLeft(p[:sent[0].start], " “\"‘'") == ""
}

// continues reports whether a quotation with no attribution in its own
// sentence carries on the previous one: it stands alone in its sentence
// (nothing outside the marks but punctuation); the caller checks that it
// follows in the same or the next paragraph.
func continues(sent []word) bool {
	for _, w := range sent {
		if w.q < 0 && w.isWord() {
			return false
		}
	}
	return true
}

// kind tells a quotation that is a sentence of its own from a fragment
// quoted inside the outlet's sentence.
func kind(p string, s span, sent []word) string {
	for _, w := range sent {
		if w.start >= s.open {
			break
		}
		if w.q < 0 && w.isWord() && p[s.open-1] != ':' && !strings.HasSuffix(strings.TrimRight(p[:s.open], " "), ":") {
			return "partial"
		}
	}
	return "direct"
}

// frameText is the sentence's own words around its quotations: the
// attribution as the outlet wrote it, with "…" where a quotation stood.
func frameText(p string, sent []word, spans []span) string {
	var parts []string
	from, to := -1, -1
	flush := func() {
		if from >= 0 {
			if t := strings.Trim(p[from:to], " ,.:;“”\"'‘’"); t != "" {
				parts = append(parts, t)
			}
		}
		from = -1
	}
	for _, w := range sent {
		if w.q >= 0 {
			flush()
			continue
		}
		if from < 0 {
			from = w.start
		}
		to = w.end
	}
	flush()
	return prefix(strings.Join(parts, " … "), maxAttribution)
}

// maxAttribution bounds the attribution text kept for a quotation, in
// bytes: past that, it is no longer a reader's attribution but a
// transcript.
const maxAttribution = 400

// unattributed tells titles, nicknames and scare quotes from quotations:
// a one-word quotation in a paragraph with no attribution verb at all
// (inside an attribution, PolNeAR counts even one word), a title-case name set where
// names of shows and papers stand ("Fox News Sunday") with no cue beside
// it, or one with no letters at all.
func unattributed(q Quote, p string, s span, paraHasCue bool, toks []word) bool {
	words := strings.Fields(q.Text)
	if !hasLetter(q.Text) {
		return true
	}
	none := q.Speaker == "" && q.SpeakerText == "" && q.Channel == ""
	if none && len(words) <= maxScareWords && !paraHasCue {
		return true
	}
	return isTitle(words) && !cueBeside(p, s, toks) && titlePlace(p, s, toks)
}

// maxScareWords is the longest quotation, in words, that counts as scare
// quotes when nothing attributes it. On PolNeAR dev, 1 gives the best F1
// (0.940, against 0.921 for 4): most short quotations there lie inside an
// attribution whose cue is out of the sentence.
var maxScareWords = 1

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isTitle reports whether a short quotation is set as a name: every word
// of four letters or more capitalised, and no sentence punctuation.
func isTitle(words []string) bool {
	if len(words) == 0 || len(words) > 6 || strings.ContainsAny(words[len(words)-1], "!?") {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			caps++
		} else if utf8.RuneCountInString(w) >= 4 {
			return false
		}
	}
	return caps > 0 && (len(words) > 1 || caps == 1 && len(words[0]) > 1) && !strings.HasSuffix(strings.TrimRight(words[len(words)-1], ",”\"'"), ".")
}

// cueBeside reports whether a cue verb stands within three words before
// the quotation or right after it.
func cueBeside(p string, s span, toks []word) bool {
	before := tokensBefore(p, s.open, 80, toks)
	for i := len(before) - 1; i >= 0 && i >= len(before)-3; i-- {
		if before[i].flags&fCue != 0 {
			return true
		}
	}
	after := tokensAfter(p, min(s.close, len(p)), 80, toks)
	for i := 0; i < len(after) && i < 4; i++ {
		if after[i].flags&fCue != 0 {
			return true
		}
	}
	return false
}

// cuePositions returns the indexes in sent of the cue words outside
// quotations ("according" standing for "according to").
func cuePositions(sent []word) []int {
	var out []int
	for i, w := range sent {
		if w.q >= 0 {
			continue
		}
		if w.low == "according" && i+1 < len(sent) && sent[i+1].low == "to" || w.low != "according" && w.flags&fCue != 0 {
			out = append(out, i)
		}
	}
	return out
}

// nearestCue returns the cue verb nearest before quotation s in its
// sentence, after any earlier quotation ("…, adding that he “attaches great
// importance”"), or the sentence's cue when none stands there.
func nearestCue(sent []word, cues []int, spans []span, s span, fallback string) string {
	from := 0
	for _, o := range spans {
		if o.close <= s.open && o.close > from {
			from = o.close
		}
	}
	// cues are in order: the last one before the quotation is the nearest.
	k := sort.Search(len(cues), func(k int) bool { return sent[cues[k]].start >= s.open }) - 1
	if k < 0 || sent[cues[k]].start < from {
		return fallback
	}
	w := sent[cues[k]]
	if w.low == "according" {
		return w.text + " " + sent[cues[k]+1].text
	}
	return w.text
}

// titlePlace reports whether a title-case quotation stands where a name of
// a show, a paper or a book stands: after a preposition, an article or a
// possessive ("on MSNBC's “Morning Joe”"). After a verb it is more often
// words someone used ("called her “Miss Piggy”"), which PolNeAR counts as
// attributed (dev F1 0.942 against 0.936 for every title dropped).
func titlePlace(p string, s span, toks []word) bool {
	before := tokensBefore(p, s.open, 40, toks)
	if len(before) == 0 {
		return false
	}
	w := before[len(before)-1].low
	switch w {
	case "on", "of", "in", "at", "from", "to", "for", "with", "by", "the", "his", "her", "their", "its", "a", "an":
		return true
	}
	return strings.HasSuffix(w, "'s")
}

// tokensBefore returns the tokens of suffix(p[:at], n), the look-behind
// of cueBeside and titlePlace, taken from the paragraph's tokens toks (at
// is a token's start: a quotation mark) rather than tokenized again for
// each quotation. Their words are what words would give; their offsets
// and quotation marks are the paragraph's (the callers read the words).
// A token cut by the look's edge makes it tokenize the look as before.
func tokensBefore(p string, at, n int, toks []word) []word {
	edge := at - len(suffix(p[:at], n))
	e := sort.Search(len(toks), func(k int) bool { return toks[k].start >= at })
	k := sort.Search(e, func(k int) bool { return toks[k].start >= edge })
	if k > 0 && toks[k-1].end > edge || e < len(toks) && toks[e].start != at && at < len(p) {
		return words(p[edge:at], nil)
	}
	return toks[k:e]
}

// tokensAfter returns the tokens of prefix(p[at:], n), as tokensBefore.
func tokensAfter(p string, at, n int, toks []word) []word {
	edge := at + len(prefix(p[at:], n))
	k := sort.Search(len(toks), func(k int) bool { return toks[k].start >= at })
	e := sort.Search(len(toks), func(k int) bool { return toks[k].start >= edge })
	if e > k && toks[e-1].end > edge || k < len(toks) && toks[k].start != at && at < len(p) {
		return words(p[at:edge], nil)
	}
	return toks[k:e]
}
