package quote

import "strings"

// person is someone the article names, with the title words it used for
// them ("Chinese President Xi Jinping" → Xi Jinping {chinese, president}).
type person struct {
	name   string
	titles map[string]bool
	// he and she count the paragraphs that name this person alone and
	// speak of someone as "he" or "his", or as "she" or "her", only.
	he, she int
	// count is how many times the article names them (the ranker's
	// frequency feature).
	count int
	// raw holds the title words as written, before roleSynonyms ("leader"
	// stays "leader"), for the discourse's role nominals.
	raw map[string]bool
}

// people is an article's table of the persons it names, keyed by each word
// of their names, so that "Mr. Xi" and "Xi" find "Xi Jinping".
type people struct {
	byKey map[string]*person
	all   []*person
	// fulls holds, for each surname, the names of two words or more the
	// article gives with it ("Donald Trump"), for one name per speaker.
	fulls map[string][]string
	// memo holds lookup's answers (nil ones too) while the table stays
	// as it is: add clears it. Names are looked up again and again, for
	// every quotation that has them among its candidates.
	memo map[string]*person
	// midCaps memoizes, for a one-word name, whether the article writes
	// it with a capital inside a sentence (discourse.go's personLike).
	midCaps map[string]bool
}

func newPeople() *people { return &people{byKey: map[string]*person{}} }

// learn registers every name that the text introduces with a person's
// title ("President Trump", "Mr. Fisher", "China analyst Rick Fisher").
func (pp *people) learn(ws []word) {
	for i := 0; i < len(ws); {
		j := runEnd(ws, i)
		if j == i {
			i++
			continue
		}
		titles, name := splitTitles(ws[i:j])
		if name != "" {
			hasTitle := false
			for t := range titles {
				hasTitle = hasTitle || personTitles[t]
			}
			pp.noteFullName(name)
			known := pp.lookup(name)
			if ((hasTitle || known != nil) && humanLike(name) || hasTitle && titledName(name)) && wordCount(name) <= 4 {
				// (Five capitalised words or more after a title are a
				// headline's, "Speaker Paul Ryan Joins Growing List of …",
				// not one person's name.)
				pp.add(name, titles)
				if p := pp.lookup(name); p != nil {
					p.count++
					for _, w := range ws[i:j] {
						if isTitleWord(w) {
							if p.raw == nil {
								p.raw = map[string]bool{}
							}
							p.raw[strings.TrimSuffix(w.low, "'s")] = true
						}
					}
				}
			}
		}
		i = j
	}
}

// runEnd returns the end of the run of name and title words starting at i.
func runEnd(ws []word, i int) int {
	j := i
	for j < len(ws) && ws[j].q < 0 && (ws[j].isWord() && (ws[j].isCapitalized() || ws[j].flags&fTitle != 0)) {
		j++
	}
	return j
}

// splitTitles splits a run into its leading title words and the name that
// follows them. The name is "" when the run ends in a title or holds a word
// that is not a name.
func splitTitles(run []word) (map[string]bool, string) {
	var titles map[string]bool // made only when the run has titles: most have none
	// The name is what follows the last title word ("Clinton spokesman
	// Jesse Ferguson" → Jesse Ferguson {clinton, spokesman}).
	k := 0
	for i, w := range run {
		if isTitleWord(w) {
			k = i + 1
		}
	}
	for _, w := range run[:k] {
		t := strings.TrimSuffix(w.low, "'s")
		if syn, ok := roleSynonyms[t]; ok {
			t = syn
		}
		if titles == nil {
			titles = map[string]bool{}
		}
		titles[t] = true
	}
	var buf [8]string
	name := buf[:0]
	for _, w := range run[k:] {
		if !w.isCapitalized() || w.flags&fNotName != 0 {
			return titles, ""
		}
		name = append(name, w.text)
	}
	return titles, strings.Join(name, " ")
}

// titledName reports whether a name a person's title introduces is a
// person's though its last word ends the names of bodies ("former
// Mexican President Vicente Fox", "Anita Hill"): two words or more, the
// first no body's or place's word.
func titledName(name string) bool {
	first, rest, ok := strings.Cut(name, " ")
	return ok && rest != "" && !bodyWords[lower(first)] && !notNames[lower(first)] && !strings.Contains(rest, " ")
}

// titled reports whether name is a person the article introduced with a
// person's title ("Fox" for "President Vicente Fox").
func (pp *people) titled(name string) bool {
	p := pp.lookup(name)
	if p == nil {
		return false
	}
	for t := range p.titles {
		if personTitles[t] {
			return true
		}
	}
	return false
}

func isTitleWord(w word) bool {
	return w.flags&(fTitle|fTitleS) != 0 || !w.isCapitalized() && w.isWord()
}

func (pp *people) add(name string, titles map[string]bool) {
	p := pp.lookup(name)
	clear(pp.memo) // keeps its buckets for the next answers
	if p == nil {
		p = &person{name: name, titles: map[string]bool{}}
		pp.all = append(pp.all, p)
	} else if len(name) > len(p.name) {
		p.name = name
	}
	for t := range titles {
		p.titles[t] = true
	}
	for _, k := range strings.Fields(strings.ToLower(p.name)) {
		pp.byKey[k] = p
	}
}

func (pp *people) known(name string) bool { return pp.lookup(name) != nil }

// lookup finds the person whose name holds every word of name.
func (pp *people) lookup(name string) *person {
	if p, ok := pp.memo[name]; ok {
		return p
	}
	p := pp.lookupTable(name)
	if pp.memo == nil {
		pp.memo = map[string]*person{}
	}
	pp.memo[name] = p
	return p
}

func (pp *people) lookupTable(name string) *person {
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) == 0 {
		return nil
	}
	p := pp.byKey[ws[len(ws)-1]]
	if p == nil {
		p = pp.byKey[ws[0]]
	}
	if p == nil {
		return nil
	}
	full := " " + strings.ToLower(p.name) + " "
	for _, w := range ws {
		if !strings.Contains(full, " "+w+" ") {
			return nil
		}
	}
	return p
}

// canonical returns the fullest name the article gives for name.
func (pp *people) canonical(name string) string {
	if p := pp.lookup(name); p != nil {
		return p.name
	}
	return name
}

// role resolves a role phrase ("the Chinese leader", "the US president")
// to the person whose titles share the most of its words, the role noun
// included; "" when none does.
func (pp *people) role(ws []word) string {
	var noun string
	words := map[string]bool{}
	for _, w := range ws {
		t := strings.TrimSuffix(w.low, "'s")
		if syn, ok := roleSynonyms[t]; ok {
			t = syn
		}
		if personTitles[t] {
			noun = t
		}
		words[t] = true
	}
	if noun == "" {
		return ""
	}
	best, bestScore := "", 0
	for _, p := range pp.all {
		if !p.titles[noun] {
			continue
		}
		score := 0
		for t := range words {
			if p.titles[t] {
				score++
			}
		}
		if score > bestScore || score == bestScore && best != "" && score > 0 {
			best, bestScore = p.name, score
		}
	}
	if bestScore < 2 && len(words) > 2 {
		return ""
	}
	return best
}

// maleTitles and femaleTitles tell a person's gender where the article
// gives it, for "he" and "she".
var maleTitles = map[string]bool{"mr": true, "sir": true, "lord": true, "king": true, "prince": true, "spokesman": true,
	"congressman": true, "chairman": true, "father": true, "brother": true, "pope": true}
var femaleTitles = map[string]bool{"mrs": true, "ms": true, "miss": true, "dame": true, "queen": true, "princess": true,
	"spokeswoman": true, "congresswoman": true, "chairwoman": true, "sister": true}

// fits reports whether pronoun ("he", "she") may stand for the person
// named name: unless a title the article gave them says otherwise.
func (pp *people) fits(name, pronoun string) bool {
	p := pp.lookup(name)
	if p == nil {
		return true
	}
	male, female := p.he > p.she, p.she > p.he
	for t := range p.titles {
		male = male || maleTitles[t]
		female = female || femaleTitles[t]
	}
	switch {
	case pronoun == "he" && female && !male, pronoun == "she" && male && !female:
		return false
	}
	return true
}

// learnGender counts, for a paragraph that names one person the article
// knows and no other, whether it speaks of someone as "he" or as "she"
// only: evidence of that person's gender where no title gives it.
func (pp *people) learnGender(ws []word) {
	var only *person
	he, she := false, false
	for i := 0; i < len(ws); i++ {
		switch ws[i].low {
		case "he", "his", "him", "himself":
			he = true
			continue
		case "she", "her", "hers", "herself":
			she = true
			continue
		}
		if !ws[i].isCapitalized() {
			continue
		}
		j := runEnd(ws, i)
		if j == i {
			continue
		}
		// The run's last word finds its person (a cheap lookup: this runs
		// over every capital of the article).
		if p := pp.byKey[strings.TrimSuffix(ws[j-1].low, "'s")]; p != nil && ws[j-1].flags&fTitle == 0 {
			if only != nil && only != p {
				return
			}
			only = p
		}
		i = j - 1
	}
	switch {
	case only == nil || he == she:
	case he:
		only.he++
	default:
		only.she++
	}
}

// noteFullName records a name of two words or more under its surname,
// the words that open sentences ("Said Comey") left out.
func (pp *people) noteFullName(name string) {
	for {
		first, rest, ok := strings.Cut(name, " ")
		if !ok {
			return
		}
		low := strings.ToLower(first)
		if !functionWords[low] && !openers[low] && !cueWords[low] {
			break
		}
		name = rest
	}
	if strings.ToUpper(name) == name || !humanLike(name) || isPlace(name) {
		return
	}
	key := strings.ToLower(name[strings.LastIndexByte(name, ' ')+1:])
	if pp.fulls == nil {
		pp.fulls = map[string][]string{}
	}
	for _, n := range pp.fulls[key] {
		if n == name {
			return
		}
	}
	pp.fulls[key] = append(pp.fulls[key], name)
}
