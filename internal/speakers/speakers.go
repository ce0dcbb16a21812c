package speakers

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Corpus returns the corpus name of each quotation's speaker. own[i] is
// the name quotation i's article gives (quote.Quote.Speaker) and utt[i]
// its utterance: quotations with the same utt are the same words carried
// by several outlets (index.Quote.Utterance). out[i] is own[i] unless a
// fuller name of the same person is found. The answer depends only on
// the multiset of (name, utterance) pairs, not on their order, so that
// the same corpus built in any order names its speakers alike.
func Corpus(own []string, utt []int) []string {
	out := slices.Clone(own)
	keys := map[string]*name{}    // by their words
	spelled := map[string]*name{} // by spelling; nil when not a person's
	of := make([]*name, len(own))
	for i, s := range own {
		n, seen := spelled[s]
		if !seen {
			if ws, ok := person(s); ok {
				k := strings.Join(ws, " ")
				if n = keys[k]; n == nil {
					n = &name{words: ws, forms: map[string]int{}}
					keys[k] = n
				}
			}
			spelled[s] = n
		}
		if n != nil {
			n.forms[s]++
			of[i] = n
		}
	}
	// Fuller names are looked up by their last word and, for a one-word
	// name, by their first ("Xi" of "Xi Jinping").
	byLast, byFirst := map[string][]*name{}, map[string][]*name{}
	for _, n := range keys {
		if len(n.words) > 1 {
			byLast[n.words[len(n.words)-1]] = append(byLast[n.words[len(n.words)-1]], n)
			byFirst[n.words[0]] = append(byFirst[n.words[0]], n)
		}
	}
	fuller := func(p *name) []*name {
		var c []*name
		for _, f := range byLast[p.words[len(p.words)-1]] {
			if extends(p, f) {
				c = append(c, f)
			}
		}
		if len(p.words) == 1 {
			for _, f := range byFirst[p.words[0]] {
				if extends(p, f) && !slices.Contains(c, f) {
					c = append(c, f)
				}
			}
		}
		return c
	}
	resolved := map[*name]*name{} // p → its fullest name; nil when none or several
	resolve := func(p *name) *name {
		f, ok := resolved[p]
		if !ok {
			f = fullest(fuller(p))
			resolved[p] = f
		}
		return f
	}
	// The utterances' names, for the names that two fuller ones compete
	// for; made only when one does.
	var byUtt map[int][]*name
	for i, p := range of {
		if p == nil {
			continue
		}
		f := resolve(p)
		if f == nil {
			c := fuller(p)
			if len(c) < 2 {
				continue
			}
			if byUtt == nil {
				byUtt = map[int][]*name{}
				for j, q := range of {
					if q != nil && j < len(utt) {
						byUtt[utt[j]] = append(byUtt[utt[j]], q)
					}
				}
			}
			if i >= len(utt) {
				continue
			}
			// The other outlets' names of these words that complete
			// this one: when they name one person, it is that one.
			var said []*name
			for _, q := range byUtt[utt[i]] {
				if slices.Contains(c, q) && !slices.Contains(said, q) {
					said = append(said, q)
				}
			}
			u := fullest(said)
			if u == nil {
				continue
			}
			if g := resolve(u); g != nil {
				u = g
			}
			f = u
		}
		if f != p {
			out[i] = f.form()
		}
	}
	return out
}

// name is one person's name as the corpus writes it: its words (lower
// case, titles and dots left out) and the spellings given.
type name struct {
	words []string
	forms map[string]int // spelling → quotations
}

// form is the name's most given spelling (the shortest, then the first
// in byte order, of those given as often), so that it does not depend on
// the order of the corpus.
func (n *name) form() string {
	best, bn := "", -1
	for s, c := range n.forms {
		if c > bn || c == bn && (len(s) < len(best) || len(s) == len(best) && s < best) {
			best, bn = s, c
		}
	}
	return best
}

// fullest returns the one name of c that every other extends, or nil
// when c is empty or holds two that do not extend one another ("Donald
// Trump" and "Lara Trump").
func fullest(c []*name) *name {
	var top *name
	for _, f := range c {
		if top == nil || extends(top, f) {
			top = f
		}
	}
	for _, f := range c {
		if f != top && !extends(f, top) {
			return nil
		}
	}
	return top
}

// extends reports whether f is a fuller form of p: more words, p's words
// in f in order, ending with the same surname ("Trump" → "Donald J
// Trump"), or a one-word p that opens f ("Xi" → "Xi Jinping": a surname
// written first). A suffix ("Jr") is a last word of its own, so "Donald
// Trump" does not extend to "Donald Trump Jr".
func extends(p, f *name) bool {
	if len(f.words) <= len(p.words) {
		return false
	}
	if len(p.words) == 1 && p.words[0] == f.words[0] {
		return true
	}
	if p.words[len(p.words)-1] != f.words[len(f.words)-1] {
		return false
	}
	i := 0
	for _, w := range f.words {
		if i < len(p.words) && w == p.words[i] {
			i++
		}
	}
	return i == len(p.words)
}

// person returns the words of s as a person's name (lower case, without
// dots, a possessive or the titles before it), and false when s is not a
// person's name: empty, only titles ("President"), a group or body ("the
// White House", "House Democrats", "Obama campaign") or a phrase with
// words in lower case ("A Pelosi aide").
func person(s string) ([]string, bool) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, false
	}
	ws := make([]string, 0, len(fields))
	titles := true
	for i, f := range fields {
		if i == len(fields)-1 {
			f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		}
		low := strings.ToLower(strings.ReplaceAll(f, ".", ""))
		if low == "" {
			continue
		}
		if bodies[low] {
			return nil, false
		}
		if titles && titleWords[low] {
			continue
		}
		titles = false
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) && !particles[low] {
			return nil, false
		}
		for _, r := range low {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
				return nil, false
			}
		}
		ws = append(ws, low)
	}
	if len(ws) == 0 && len(fields) > 1 {
		// Only titles: the last is a surname ("Rep. King", "Mr. Long").
		ws = append(ws, strings.ToLower(strings.ReplaceAll(fields[len(fields)-1], ".", "")))
	}
	if len(ws) == 0 || len(ws) > 5 || particles[ws[0]] || particles[ws[len(ws)-1]] {
		return nil, false
	}
	return ws, true
}

// titleWords are the words of titles and roles written before a name
// ("Mr. Xi", "House Speaker Nancy Pelosi", "U.S. President Donald
// Trump"): set aside, so that they neither block nor make a match.
var titleWords = setOf(`mr mrs ms miss mx dr sir dame lord lady madam
	president vice prime minister premier chancellor king queen prince princess pope
	sen senator rep reps representative representatives congressman congresswoman
	gov governor lt secretary gen general attorney judge justice chief
	rev reverend father bishop cardinal rabbi imam sheikh
	mayor speaker house senate majority minority leader whip chairman chairwoman chair
	ambassador commissioner director adviser advisor national security deputy former first
	professor prof historian sheriff col sgt adm admiral capt captain maj major
	us uk un state foreign defense defence interior homeland treasury
	spokesman spokeswoman spokesperson republican democrat democratic gop
	president-elect representative-elect candidate nominee ceo executive founder editor
	new incoming outgoing acting late then`)

// bodies are words that make a name an organisation's, a group's or a
// channel's, not a person's.
var bodies = setOf(`the a an
	administration agency army association authority bank board bureau campaign
	caucus center centre church club coalition college commission committee company
	congress corp corporation council court democrats department foundation fund
	government group hospital inc institute journal league ltd magazine media ministry
	navy network news newspaper office officials organisation organization parliament
	party police post press radio republicans review school service services staff
	team times tv television union university`)

// particles are the lower-case words of names ("Chris van Hollen",
// "Bill de Blasio"): allowed inside a name, not at its ends.
var particles = setOf(`de da das do dos du del della di van von der den ter bin ibn al el la le`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
