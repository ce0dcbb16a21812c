package quote

import (
	"sort"
	"strings"
	"unicode"
)

// The speaker ranker. The rules of attrib.go read one sentence for a cue
// and its subject; where they find none, or a wrong one, the speaker is
// often elsewhere: a name before a time phrase, the subject of a sentence
// before, a "he" in the paragraph after a quotation-only paragraph. The
// ranker lists the candidates around each quotation (names, pronouns,
// nominals and organisations in its sentence, the sentences beside it and
// the paragraphs before and after; the rules' own answer; the previous
// quotation's speaker; nobody), describes each by features (kind, where it
// stands relative to the quotation and to the cues, whether it is a cue's
// subject, the cue, the word before it, agreement with the rules…) and
// picks the best by a linear model: a log-linear ranker trained on
// PolNeAR train (cmd/train-speakers, `make train`), committed as
// ranker_model.go. Features are hashed strings, so that the model is a
// plain table and nothing at run time needs the training data.
//
// The ranker only names the speaker (Speaker, SpeakerText). Cues and
// channels stay with the rules, which are exact for them, and the article
// state the rules keep (the last person, the paragraph's speaker) is
// never fed from the ranker's choices: its features are then the same in
// training, where the choices are not made yet, and in use.

// paraInfo is one paragraph cut once into tokens and sentences.
type paraInfo struct {
	done  bool
	spans []span
	toks  []word
	sents []sentInfo
}

// sentInfo is one sentence: its tokens, the quotations opened in it, its
// words outside quotations (one token standing for each quotation, as in
// attribute), and its mentions, found on first use.
type sentInfo struct {
	toks      []word
	spans     []span
	ow        []word
	ments     []mention
	mentDone  bool
	hasCue    bool
	quoteOnly bool // no word outside its quotations
	cueAt     []int
	cuesDone  bool
}

// mention kinds.
const (
	kName    = "name"    // a person's name, with its titles
	kOrg     = "org"     // a capitalised run that is no person's name: a body, a paper, a place
	kHe      = "he"      // he, she
	kThey    = "they"    // they
	kIt      = "it"      // it
	kFirst   = "first"   // I, we
	kNominal = "nominal" // a common noun phrase by a cue ("the ad's narrator")
	kChannel = "channel" // a channel the lexicon names ("the Chinese readout", "Xinhua")
	kRule    = "rule"    // the rules' answer
	kCarry   = "carry"   // the previous quotation's speaker
	kNull    = "null"    // nobody
	kWho     = "who"     // a relative pronoun after a name ("Glenn Beck, who said")
)

// mention is one phrase of a sentence that may name a speaker.
type mention struct {
	at, n  int // its tokens: ow[at:at+n]
	kind   string
	text   string
	name   string // the name, titles aside (names and organisations)
	subj   bool   // the sentence's first mention
	cueRel string // "subj" (before a cue), "inv" (after one), "by", "acc" (according to), ""
	cue    string
	cueAt  int    // the ow position of that cue
	prev   string // the word before it, lower case
	next   string // the word after it, lower case
	shape  string // the form of its words: "1" (one word), "caps", "-ing", "-ly", "hyphen", ""
	colon  bool   // a colon follows it
	// For names: the person the article's table finds (nil when none),
	// looked up once per mention rather than once per quotation.
	who    *person
	looked bool
	poss   bool // a possessive ("Clinton’s")
	// ante is the person "who" stands for, where name (which the
	// features read) is the word just before it.
	ante string
}

// candidate is a possible speaker of one quotation: its words, the person
// they resolve to, and its features.
type candidate struct {
	text, person string
	loc          string
	feats        []uint32
	m            *mention
	sent         *sentInfo
	pi, si       int // the mention's paragraph and sentence
}

type ruleSpeaker struct{ speaker, text string }

func (f *finder) info(pi int) *paraInfo {
	in := &f.paras[pi]
	if in.done {
		return in
	}
	in.done = true
	p := f.text[pi]
	if in.toks == nil {
		in.toks = words(p, in.spans) // once per paragraph; sentences are slices of it
	}
	ti, si := 0, 0
	for _, end := range sentenceEnds(p, in.spans) {
		from := si
		for si < len(in.spans) && in.spans[si].open < end {
			si++
		}
		first := ti
		for ti < len(in.toks) && in.toks[ti].start < end {
			ti++
		}
		in.sents = append(in.sents, sentInfo{toks: in.toks[first:ti], spans: in.spans[from:si]})
	}
	return in
}

// outside returns the sentence's words outside quotations (attrib.go's
// outside), cut once for the rules and the ranker.
func (s *sentInfo) outside() []word {
	if s.ow == nil {
		s.ow = outside(s.toks)
	}
	return s.ow
}

// cues returns the positions in outside() of the cue words outside
// quotations, found once for the rules and the ranker.
func (s *sentInfo) cues() []int {
	if !s.cuesDone {
		s.cuesDone = true
		ow := s.outside()
		for i := range ow {
			if ow[i].q < 0 && isCue(ow, i) {
				s.cueAt = append(s.cueAt, i)
			}
		}
	}
	return s.cueAt
}

// mentions returns the mentions of sentence si of paragraph pi.
func (f *finder) mentions(pi, si int) *sentInfo {
	s := &f.info(pi).sents[si]
	if s.mentDone {
		return s
	}
	s.mentDone = true
	ow := s.outside()
	s.quoteOnly = true
	for _, w := range ow {
		if w.q < 0 && w.isWord() {
			s.quoteOnly = false
			break
		}
	}
	var ms []mention
	from := 0
	if len(ow) > 1 && ow[0].text == "By" && ow[1].isCapitalized() {
		// A byline ("By Kelly Ng and Tessa Wong, BBC News, Jan 5: …")
		// names the writers, never a speaker; the sentence the colon
		// opens ("…: China's leader Xi Jinping has called …") has its own.
		from = len(ow)
		for k, w := range ow {
			if w.text == ":" {
				from = k + 1
				break
			}
		}
	}
	for i := from; i < len(ow); i++ {
		w := ow[i]
		if w.q >= 0 || !w.isWord() {
			continue
		}
		kind := ""
		switch w.low {
		case "he", "she":
			kind = kHe
		case "they":
			kind = kThey
		case "it":
			kind = kIt
		case "i", "we":
			kind = kFirst
		}
		if w.low == "who" && len(ms) > 0 {
			// "Glenn Beck, who said": the relative pronoun stands for the
			// name just before it.
			last := ms[len(ms)-1]
			name, ante := "", ""
			if e := last.at + last.n; e == i || e == i-1 && ow[i-1].text == "," {
				name, ante = last.name, last.name
				// "Sen. Amy Klobuchar of Minnesota, who tweeted": "who"
				// stands for the person the place or body after "of",
				// "from" or "in" qualifies, not for the place.
				if k := last.at - 1; len(ms) > 1 && k > 0 && (last.kind == kOrg || isPlace(last.text)) && (ow[k].low == "of" || ow[k].low == "from" || ow[k].low == "in") {
					if p := ms[len(ms)-2]; p.kind == kName && p.at+p.n == k {
						ante = p.name
					}
				}
			}
			ms = append(ms, mention{at: i, n: 1, kind: kWho, text: w.text, name: name, ante: ante})
			continue
		}
		if kind != "" {
			ms = append(ms, mention{at: i, n: 1, kind: kind, text: w.text})
			continue
		}
		if determiners[w.low] {
			// A phrase headed by a noun that names speakers ("her
			// campaign", "the report", "The campaign's lawyers"), after a
			// determiner or a possessive.
			found := false
			for j := i + 1; j < len(ow) && j <= i+4 && ow[j].q < 0 && ow[j].isWord(); j++ {
				if speakerNouns[ow[j].low] {
					kind := kNominal
					if isChannel(ow[i : j+1]) {
						kind = kChannel // "the statement"
					}
					ms = append(ms, mention{at: i, n: j - i + 1, kind: kind, text: joinWords(ow[i : j+1])})
					i, found = j, true
					break
				}
				if clauseWords[ow[j].low] || ow[j].flags&fCue != 0 || prepositions[ow[j].low] || ow[j].isCapitalized() {
					break
				}
			}
			if found {
				continue
			}
		}
		if !w.isCapitalized() {
			continue
		}
		if e := affiliationEnd(ow, i); e > i {
			// "R-Calif." after a legislator's name names no one.
			i = e - 1
			continue
		}
		j := runEnd(ow, i)
		k := i
		for k < j && (functionWords[ow[k].low] && ow[k].low != "the" || openers[ow[k].low] || ow[k].flags&fCue != 0) {
			k++
		}
		if k == j || j-k == 1 && (k == 0 || ow[k-1].q >= 0) && (auxiliaries[ow[k].low] || modals[ow[k].low]) {
			// A verb that opens a sentence ("Was supposed to leave …")
			// names no one.
			i = max(i, j-1)
			continue
		}
		if e := roleAfter(ow, j); e > j {
			// A name or body that modifies a role before a name ("Obama
			// campaign spokeswoman Lis Smith", "White House press
			// secretary Sean Spicer"): one mention, the name's.
			j = e
		}
		_, name := splitTitles(ow[k:j])
		if name == "" || j-k == 1 && abbreviations[ow[k].low] {
			i = j - 1
			continue
		}
		kind = kName
		switch {
		case isChannel(ow[k:j]):
			kind = kChannel
		case !humanLike(name) && !f.people.titled(name) || isPlace(name) || isPlace(joinWords(ow[k:j])):
			kind = kOrg
		}
		ms = append(ms, mention{at: k, n: j - k, kind: kind, text: joinWords(ow[k:j]), name: name})
		i = j - 1
	}
	// The phrases the cues take as subjects, nominals among them.
	names := len(ms)
	for _, c := range s.cues() {
		if c < from {
			continue
		}
		s.hasCue = true
		var np []word
		rel := "subj"
		switch {
		case ow[c].low == "according":
			np, rel = rightNP(ow, c+2), "acc"
		case ow[c].low == "quoted" && c+1 < len(ow) && ow[c+1].low == "as":
			np = leftNP(ow, c) // "Braynard is quoted as saying"
		case ow[c].low == "quoted":
			np, rel = rightNP(ow, c+1), "quoted" // "the Chinese quoted Mr. Trump as saying"
		case c+2 < len(ow) && ow[c+1].low == "by":
			np, rel = rightNP(ow, c+2), "by"
		default:
			np = leftNP(ow, c)
			if len(np) == 0 && inverted(ow, c) {
				np, rel = rightNP(ow, c+1), "inv"
			}
			if sender := messageSender(ow, np); len(sender) > 0 {
				np, rel = sender, "send" // "X issued a statement saying"
			}
		}
		if len(np) == 0 {
			continue
		}
		at := sort.Search(len(ow), func(k int) bool { return ow[k].start >= np[0].start })
		if at == len(ow) || ow[at].start != np[0].start || at < from {
			continue
		}
		found := false
		// The names and pronouns are in order: those the phrase overlaps
		// start at most a phrase's length before it.
		for mi := sort.Search(names, func(k int) bool { return ms[k].at+ms[k].n > at }); mi < names && ms[mi].at < at+len(np); mi++ {
			m := &ms[mi]
			{
				if m.cueRel == "" {
					m.cueRel, m.cue, m.cueAt = rel, ow[c].low, c
				}
				if e := at + len(np); m.at >= at && m.at+m.n < e && !np[len(np)-1].isCapitalized() && (m.kind == kName || m.kind == kOrg) {
					// A name inside a phrase the cue takes ("Rubio’s
					// campaign"): the phrase speaks, not the name.
					m.at, m.n, m.kind, m.text, m.name = at, len(np), kNominal, joinWords(np), ""
				}
				found = true
			}
		}
		if !found && len(np) <= 8 {
			kind := kNominal
			if isChannel(np) {
				kind = kChannel
			}
			ms = append(ms, mention{at: at, n: len(np), kind: kind, text: joinWords(np), cueRel: rel, cue: ow[c].low, cueAt: c})
		}
	}
	// In order, with the word before each and the colon after.
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].at < ms[j].at })
	for mi := range ms {
		m := &ms[mi]
		m.subj = mi == 0
		if m.at > 0 {
			m.prev = ow[m.at-1].low
			if ow[m.at-1].q >= 0 {
				m.prev = "\""
			}
		}
		if e := m.at + m.n; e < len(ow) {
			m.colon = ow[e].text == ":"
			m.next = ow[e].low
			if ow[e].q >= 0 {
				m.next = "\""
			}
		}
		m.shape = shape(ow[m.at : m.at+m.n])
		last := ow[m.at+m.n-1].low // lower case, curly apostrophes folded
		m.poss = strings.HasSuffix(last, "'s")
	}
	s.ments = ms
	return s
}

// roleAfter returns, when the run of capitals ending at j is followed by
// at most three lower-case words that end in a role ("campaign
// spokeswoman", "presidential nominee", "press secretary") and then a
// name, the end of that name; else j.
func roleAfter(ow []word, j int) int {
	t := j
	for t < len(ow) && t-j < 3 && ow[t].q < 0 && ow[t].isWord() && !ow[t].isCapitalized() && ow[t].flags&(fCue|fTitle) == 0 &&
		!clauseWords[ow[t].low] && !prepositions[ow[t].low] && ow[t].low != "of" && !functionWords[ow[t].low] &&
		!auxiliaries[ow[t].low] && !modals[ow[t].low] {
		t++
	}
	if t == j || t >= len(ow) {
		return j
	}
	role := roleNouns[ow[t-1].low] || personNouns[ow[t-1].low]
	if low := ow[t].low; ow[t].flags&fTitle != 0 && !ow[t].isCapitalized() && (personTitles[low] || roleNouns[low] || personNouns[low]) {
		role = true // "campaign spokeswoman Lis Smith": the title opens the run
	} else if !role {
		return j
	}
	e := runEnd(ow, t)
	if e == t {
		return j
	}
	if _, name := splitTitles(ow[t:e]); name == "" || !humanLike(name) {
		return j
	}
	return e
}

// personNouns name one person by a role, besides roleNouns.
var personNouns = setOf("official spokesperson aide adviser advisor lawyer staffer analyst expert manager strategist " +
	"pollster consultant economist operative officer executive husband wife daughter son mother father friend " +
	"reporter columnist writer author")

// openers are capitalised words that open sentences and name no one.
var openers = map[string]bool{"here": true, "there": true, "now": true, "so": true, "then": true, "yet": true,
	"still": true, "also": true, "instead": true, "indeed": true, "thus": true, "asked": true, "like": true,
	"just": true, "even": true, "only": true, "not": true, "no": true, "yes": true, "why": true, "how": true,
	"where": true, "who": true, "which": true, "whether": true, "once": true, "until": true, "with": true,
	"from": true, "by": true, "to": true, "of": true, "during": true, "under": true, "over": true, "among": true,
	"asked about": true, "speaking": true, "last": true, "next": true, "earlier": true, "later": true,
	// Closed-class words a capital opens a sentence with: conjunctions,
	// possessives and quantifiers ("Though she said", "My father said").
	"though": true, "unless": true, "whereas": true, "lest": true, "nor": true, "or": true, "my": true, "our": true,
	"your": true, "all": true, "every": true, "each": true, "some": true, "most": true, "many": true, "several": true,
	"neither": true, "either": true, "whatever": true, "whoever": true, "perhaps": true, "maybe": true,
	"therefore": true, "moreover": true, "furthermore": true, "nevertheless": true, "nonetheless": true, "otherwise": true}

// shape describes the form of a mention's words, for the capitalised
// words that name no one ("Reprising", "GA", "Trump-style").
func shape(ws []word) string {
	if len(ws) != 1 {
		return ""
	}
	w := ws[0]
	switch {
	case len(w.text) > 1 && strings.ToUpper(w.text) == w.text:
		return "caps"
	case strings.HasSuffix(w.low, "ing"):
		return "-ing"
	case strings.HasSuffix(w.low, "ly"):
		return "-ly"
	case strings.Contains(w.low, "-"):
		return "hyphen"
	}
	return "1"
}

// wordCount counts the words of s as strings.Fields does (runs of
// non-space), without allocating.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// prepositions end a noun phrase read forward ("a voice-over in the ad");
// "of" does not ("one of two witnesses").
var prepositions = setOf("in on at for with by from to about into over under after before during against")

// speakerNouns head the common noun phrases that name speakers.
var speakerNouns = setOf("campaign campaigns report reports letter statement official officials spokesman spokeswoman " +
	"spokesperson aide aides adviser advisers advisor critics critic supporters supporter voters voter residents crowd " +
	"lawyer lawyers attorney researchers employees staff staffer staffers sources source analysts analyst experts " +
	"expert memo ad ads video poll polls survey study editorial website candidate candidates nominee senator senators " +
	"governor president lawmakers lawmaker leaders leader husband wife daughter son mother father friend friends " +
	"protesters protester activists activist members member democrats republicans administration department agency " +
	"committee group organization judge court document documents filing lawsuit complaint release tweet post book " +
	"website host hosts anchor reporter reporters columnist writer author")

// isPlace reports whether a name is one of the places and bodies notNames
// lists ("Beijing", "Washington", "White House").
func isPlace(name string) bool {
	if places[strings.ToLower(name)] {
		return true
	}
	for _, w := range strings.Fields(name) {
		if !notNames[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// places are the states, countries and cities news names most, which a
// run of capitals names without a title: no person, and no "he" or "she".
var places = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Split("alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"+
		"hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|"+
		"mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|"+
		"north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"+
		"vermont|virginia|west virginia|wisconsin|wyoming|puerto rico|d.c|new york city|los angeles|chicago|houston|"+
		"philadelphia|phoenix|san antonio|san diego|dallas|san francisco|boston|detroit|miami|atlanta|seattle|denver|"+
		"las vegas|cleveland|columbus|cincinnati|milwaukee|baltimore|pittsburgh|st. louis|orlando|tampa|charlotte|"+
		"des moines|manchester|concord|richmond|nashville|new orleans|salt lake city|minneapolis|"+
		"canada|mexico|britain|england|scotland|ireland|france|germany|italy|spain|greece|israel|palestine|syria|iraq|"+
		"afghanistan|pakistan|india|egypt|libya|saudi arabia|turkey|cuba|venezuela|brazil|australia|"+
		"london|paris|berlin|brussels|rome|jerusalem|cairo|baghdad|damascus|tehran|kabul|havana|ottawa|toronto|"+
		"europe|asia|africa|middle east|latin america|capitol hill|wall street|silicon valley|hollywood|appalachia", "|") {
		m[p] = true
	}
	return m
}()

// person resolves a candidate mention to the person it names.
func (f *finder) person(c *candidate) string {
	m := c.m
	if m == nil {
		return c.person
	}
	switch m.kind {
	case kName, kOrg:
		return f.people.canonical(m.name)
	case kHe:
		return f.resolvePronoun(c.pi, c.si, m.at, strings.ToLower(m.text))
	case kChannel:
		return ""
	case kWho:
		if m.ante == "" {
			return ""
		}
		return f.people.canonical(m.ante)
	case kNominal:
		np := c.sent.ow[m.at : m.at+m.n]
		if who := f.resolveRole(c.pi, c.si, m.at, np); who != "" {
			return who
		}
		p, _ := f.resolve(np, nil)
		return p
	}
	return ""
}

func isHeShe(s string) bool {
	s = strings.ToLower(s)
	return s == "he" || s == "she"
}

// feats builds feature sets: each feature is its parts hashed (FNV-1a).
type feats struct{ ids []uint32 }

// newFeats starts a feature set at the end of the finder's arena, which
// holds every candidate's features for one quotation: one buffer reused
// across quotations instead of a slice grown for each candidate.
func (f *finder) newFeats() feats { return feats{ids: f.arena[len(f.arena):]} }

// keep closes a feature set started with newFeats and returns it.
func (f *finder) keep(fs feats) []uint32 {
	if len(f.arena)+len(fs.ids) <= cap(f.arena) && (len(fs.ids) == 0 || &f.arena[:len(f.arena)+1][len(f.arena)] == &fs.ids[0]) {
		f.arena = f.arena[:len(f.arena)+len(fs.ids)]
		return fs.ids
	}
	// The set outgrew the arena and was moved: grow the arena for the
	// next quotation, keep this one where it is.
	f.arena = make([]uint32, 0, 2*cap(f.arena)+len(fs.ids))
	return fs.ids
}

func (fs *feats) add(parts ...string) {
	h := uint32(2166136261)
	for i, p := range parts {
		if i > 0 {
			h ^= 0x1f
			h *= 16777619
		}
		for k := 0; k < len(p); k++ {
			h ^= uint32(p[k])
			h *= 16777619
		}
	}
	fs.ids = append(fs.ids, h)
}

var buckets = [...]string{"0", "1", "2", "3", "4", "5-6", "5-6", "7-10", "7-10", "7-10", "7-10"}

func bucket(n int) string {
	if n < 0 {
		n = -n
	}
	if n < len(buckets) {
		return buckets[n]
	}
	if n <= 20 {
		return "11-20"
	}
	return "21+"
}

func yes(b bool) string {
	if b {
		return "y"
	}
	return "n"
}

// rank picks the speaker of quotation q (span s of paragraph pi, in the
// sentence being read) among its candidates, and sets q's Speaker and
// SpeakerText to it. rule is the rules' speaker.
func (f *finder) rank(q *Quote, pi int, s span, a attribution, rule ruleSpeaker) {
	if rankerWeights == nil && f.visit == nil {
		return
	}
	if a.channel.name != "" && a.person != "" {
		// A person and a channel stated in the sentence ("Mr. Xi said,
		// according to the Chinese readout"): the rules read these frames
		// exactly, and a channel is never the speaker.
		if f.visit != nil {
			f.visit(q, nil)
		}
		return
	}
	cands := f.candidates(q, pi, s, a, rule)
	if f.visit != nil {
		for i := range cands {
			cands[i].person = f.person(&cands[i])
		}
		f.visit(q, cands)
		// Training sees the rules' output: the models never change what
		// the features of later quotations are computed from.
		return
	}
	best, bestScore := -1, 0.0
	for i := range cands {
		sc := 0.0
		for _, id := range cands[i].feats {
			sc += float64(rankerWeights[id])
		}
		if best < 0 || sc > bestScore {
			best, bestScore = i, sc
		}
	}
	c := &cands[best]
	// A document chosen as the speaker ("the letter states") gives way to
	// the author the article names for it (discourse.go).
	defer f.docAuthor(q, pi, c)
	switch {
	case c.m == nil:
		if c.loc == kNull {
			q.Speaker, q.SpeakerText = "", ""
			return
		}
		if c.person == rule.speaker && c.text == rule.text && !(c.loc == "R" && isHeShe(c.text)) {
			return
		}
		q.Speaker, q.SpeakerText = c.person, c.text
		if c.loc == "R" && isHeShe(c.text) {
			// The rules' "he": resolved through the discourse as the
			// ranker's own pronouns are.
			cur := f.mentions(pi, f.sentIdx)
			for i := range cur.ments {
				if m := &cur.ments[i]; m.kind == kHe && m.text == c.text {
					if who := f.resolvePronoun(pi, f.sentIdx, m.at, strings.ToLower(m.text)); who != "" {
						q.Speaker = who
					}
					break
				}
			}
		}
	case c.m.kind == kChannel:
		// A channel ("the Chinese readout", "China's foreign ministry") is
		// no person: it stands as the words the speaker is named by only
		// where the rules name no person.
		if rule.speaker != "" {
			return
		}
		q.Speaker, q.SpeakerText = "", c.text
	default:
		q.Speaker, q.SpeakerText = f.person(c), c.text
	}
	if q.Speaker != rule.speaker {
		q.Inferred = c.loc != "S0"
	}
}

// candidates lists the possible speakers of quotation q with their
// features: the rules' answer first, so that a model that knows nothing
// keeps the rules.
func (f *finder) candidates(q *Quote, pi int, s span, a attribution, rule ruleSpeaker) []candidate {
	in := f.info(pi)
	si := f.sentIdx
	cur := f.mentions(pi, si)
	qAt := sort.Search(len(cur.ow), func(k int) bool { return cur.ow[k].start >= s.open })
	if qAt == len(cur.ow) || cur.ow[qAt].start != s.open {
		qAt = -1
	}
	quoteOnly := cur.quoteOnly
	paraStart := si == 0 && startsWithQuote(f.text[pi], cur.toks)
	ruleEmpty := rule.speaker == "" && rule.text == ""
	common := func(fs *feats, kind, loc string) {
		fs.add("k", kind)
		fs.add("kl", kind, loc)
		fs.add("qk", q.Kind, loc, kind)
		fs.add("qo", yes(quoteOnly), yes(paraStart), loc, kind)
		fs.add("re", yes(ruleEmpty), loc, kind)
		fs.add("rc", yes(a.cue != ""), loc)
	}
	f.arena = f.arena[:0]
	out := f.cands[:0]
	defer func() { f.cands = out[:0] }()
	if !ruleEmpty {
		fs := f.newFeats()
		common(&fs, kRule, "R")
		fs.add("rk", yes(rule.speaker != ""), yes(a.person != "" || a.speakerText != ""))
		fs.add("rcue", a.cue)
		out = append(out, candidate{text: rule.text, person: rule.speaker, loc: "R", feats: f.keep(fs)})
	}
	if lr := f.lastRule; lr != nil && (lr.speaker != "" || lr.text != "") && f.lastQuote != nil && f.seq[pi]-f.seq[f.lastQuote.Paragraph] <= 1 {
		fs := f.newFeats()
		same := f.lastQuote.Paragraph == pi
		common(&fs, kCarry, "C")
		fs.add("cy", yes(same), yes(quoteOnly), yes(paraStart))
		fs.add("cyr", yes(lr.speaker == rule.speaker && lr.text == rule.text))
		fs.add("cyrp", yes(lr.speaker != "" && lr.speaker == rule.speaker))
		out = append(out, candidate{text: lr.text, person: lr.speaker, loc: "C", feats: f.keep(fs)})
	}
	nearCue := -1 // set below, before the quotation's own sentence is added
	// add adds the mentions [from, to) of a sentence.
	add := func(sent *sentInfo, pi, si int, loc string, from, to int) {
		nth := 0
		for mi := from; mi < to; mi++ {
			m := &sent.ments[mi]
			fs := f.newFeats()
			common(&fs, m.kind, loc)
			fs.add("cr", m.cueRel, loc, m.kind)
			fs.add("crs", m.cueRel, loc, yes(m.subj), yes(sent.quoteOnly))
			if m.cueRel != "" {
				fs.add("crc", m.cueRel, m.cue, loc)
			}
			fs.add("sj", yes(m.subj), loc, m.kind)
			if m.name != "" && !m.looked {
				m.who, m.looked = f.people.lookup(m.name), true
			}
			fs.add("pv", m.prev, loc)
			fs.add("pvk", m.prev, m.kind)
			fs.add("nx", m.next, loc)
			fs.add("nxk", m.next, m.kind, m.cueRel)
			fs.add("sh", m.shape, m.kind, yes(m.at == 0))
			if m.name != "" {
				count := 0
				if m.who != nil {
					count = m.who.count
				}
				fs.add("freq", bucket(count), m.kind)
			}
			fs.add("col", yes(m.colon), yes(m.at == 0), loc)
			fs.add("hc", yes(sent.hasCue), loc, m.kind)
			if m.name != "" {
				known := m.who != nil
				fs.add("kn", yes(known), m.kind, loc)
				canon := m.name
				if m.who != nil {
					canon = m.who.name
				}
				fs.add("rp", yes(rule.speaker != "" && canon == rule.speaker), loc)
			}
			fs.add("rt", yes(m.text == rule.text), loc, m.kind)
			if m.poss {
				fs.add("poss", loc)
			}
			if loc == "S0" && qAt >= 0 {
				side, d := "b", qAt-(m.at+m.n)
				if m.at > qAt {
					side, d = "a", m.at-qAt-1
				}
				// Cues and other quotations between it and the quotation.
				lo, hi := m.at+m.n, qAt
				if side == "a" {
					lo, hi = qAt+1, m.at
				}
				cueBetween, quoteBetween, commas := false, false, 0
				for k := lo; k < hi; k++ {
					switch {
					case sent.ow[k].q >= 0:
						quoteBetween = true
					case sent.ow[k].text == ",":
						commas++
					case sent.ow[k].flags&fCue != 0:
						cueBetween = true
					}
				}
				fs.add("sd", side, bucket(d))
				fs.add("sdk", side, bucket(d), m.kind)
				fs.add("sdr", side, bucket(d), m.cueRel, q.Kind)
				fs.add("cb", side, yes(cueBetween), m.cueRel)
				if m.cueRel != "" {
					// Is its cue the one nearest the quotation?
					fs.add("nc", yes(m.cueAt == nearCue), m.cueRel, side)
				}
				fs.add("qb", side, yes(quoteBetween))
				fs.add("cm", side, bucket(commas))
			} else {
				fs.add("nth", loc, bucket(nth), yes(m.subj))
			}
			out = append(out, candidate{text: m.text, loc: loc, feats: f.keep(fs), m: m, sent: sent, pi: pi, si: si})
			nth++
		}
	}
	// Bounded windows, so that a paragraph of thousands of quotations
	// (a transcript on one line) stays linear: in the quotation's sentence
	// the mentions within window tokens of it, in the others the
	// perSentence nearest it.
	const window, perSentence = 40, 8
	before := func(sent *sentInfo) (int, int) { return max(len(sent.ments)-perSentence, 0), len(sent.ments) }
	after := func(sent *sentInfo) (int, int) { return 0, min(len(sent.ments), perSentence) }
	lo, hi := before(cur)
	if qAt >= 0 {
		lo = sort.Search(len(cur.ments), func(k int) bool { return cur.ments[k].at+cur.ments[k].n >= qAt-window })
		hi = sort.Search(len(cur.ments), func(k int) bool { return cur.ments[k].at > qAt+window })
	}
	// The cue nearest the quotation, among those that take a mention.
	nd := 0
	for mi := lo; mi < hi; mi++ {
		if m := &cur.ments[mi]; m.cueRel != "" && qAt >= 0 {
			d := m.cueAt - qAt
			if d < 0 {
				d = -d
			}
			if nearCue < 0 || d < nd {
				nearCue, nd = m.cueAt, d
			}
		}
	}
	add(cur, pi, si, "S0", lo, hi)
	for k := si - 1; k >= 0 && k >= si-3; k-- {
		loc := "S-1"
		if k < si-1 {
			loc = "S-n"
		}
		sent := f.mentions(pi, k)
		lo, hi := before(sent)
		add(sent, pi, k, loc, lo, hi)
	}
	if si+1 < len(in.sents) {
		sent := f.mentions(pi, si+1)
		lo, hi := after(sent)
		add(sent, pi, si+1, "S+1", lo, hi)
	}
	if pp := f.prevPara; pp >= 0 && si == 0 {
		ps := f.info(pp).sents
		for k := len(ps) - 1; k >= 0 && k >= len(ps)-4; k-- {
			loc := "P-1"
			if k < len(ps)-1 {
				loc = "P-1e"
			}
			sent := f.mentions(pp, k)
			lo, hi := before(sent)
			add(sent, pp, k, loc, lo, hi)
		}
	}
	if si == len(in.sents)-1 {
		for np := pi + 1; np < len(f.text); np++ {
			if strings.TrimSpace(f.text[np]) != "" {
				if len(f.info(np).sents) > 0 {
					sent := f.mentions(np, 0)
					lo, hi := after(sent)
					add(sent, np, 0, "P+1", lo, hi)
				}
				break
			}
		}
	}
	fs := f.newFeats()
	common(&fs, kNull, kNull)
	fs.add("nw", bucket(wordCount(q.Text)))
	fs.add("nc", yes(f.paraHasCue), yes(a.cue != ""))
	out = append(out, candidate{loc: kNull, feats: f.keep(fs)})
	return out
}
