package speakers

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Corpus returns the corpus name of each quotation's speaker. own[i] is
// the name quotation i's article gives (quote.Quote.Speaker) and utt[i]
// its utterance: quotations with the same utt are the same words carried
// by several outlets (index.Quote.Utterance). text, when not nil,
// returns quotation i's article (a number) and its paragraphs: a name
// the article's text gives the surname otherwise ("Michael Cohen's
// testimony" against the corpus's "Adriana Cohen") keeps the
// quotation's name as written. out[i] is own[i] unless a fuller name of
// the same person is found. The answer depends only on the multiset of
// (name, utterance, article) triples, not on their order, so that the
// same corpus built in any order names its speakers alike.
func Corpus(own []string, utt []int, text func(i int) (article int, paras []string)) []string {
	out, _ := CorpusChecked(own, utt, text, nil)
	return out
}

// Check is one question Corpus asks of an article's text: whether it
// names the person of Name (a name's words, lower case, space-separated)
// otherwise than Fuller, the fuller name Corpus would give it.
type Check struct {
	Article      int
	Name, Fuller string
}

// CorpusChecked is Corpus told the answers of earlier checks (known,
// which may be nil) and returning the answers of the checks this corpus
// asks: a build that adds articles to the last asks again only of the
// articles added (the answer depends only on the article's text and the
// two names). Reading the articles' texts was most of the pass.
func CorpusChecked(own []string, utt []int, text func(i int) (article int, paras []string), known map[Check]bool) ([]string, map[Check]bool) {
	out := slices.Clone(own)
	keys := map[string]*name{}       // by their words
	spelled := map[string]*name{}    // by spelling; nil when not a person's
	spellings := map[string]string{} // spelling → the name in it, titles left out
	of := make([]*name, len(own))
	for i, s := range own {
		n, seen := spelled[s]
		if !seen {
			if ws, sp, ok := person(s); ok {
				k := strings.Join(ws, " ")
				if n = keys[k]; n == nil {
					n = &name{words: ws, forms: map[string]int{}}
					keys[k] = n
				}
				spellings[s] = sp
			}
			spelled[s] = n
		}
		if n != nil {
			n.forms[spellings[s]]++
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
	resolved := map[*name]*name{}     // p → its fullest name; nil when none or several
	candidates := map[*name][]*name{} // p → the fuller names, when several compete
	resolve := func(p *name) *name {
		f, ok := resolved[p]
		if !ok {
			c := fuller(p)
			if f = fullest(c); f == nil && len(c) > 1 {
				candidates[p] = c
			}
			resolved[p] = f
		}
		return f
	}
	type vetoKey struct {
		article int
		p, f    *name
	}
	// namesOtherwise, once an article and pair of names (checks), asked
	// after the loop for the renames that wait on it.
	type check struct {
		article int
		paras   []string
		p, f    *name
	}
	type rename struct {
		quote, check int
		f            *name
	}
	vetoed := map[vetoKey]int{} // → checks
	var checks []check
	var renames []rename
	// The utterances' names, each once, in the order of their first
	// quotation, for the names that two fuller ones compete for; made
	// only when one does. Once: an utterance that hundreds of articles
	// carry names a few people, and each of its quotations looks.
	var byUtt map[int][]*name
	for i, p := range of {
		if p == nil {
			continue
		}
		f := resolve(p)
		if f == nil {
			c := candidates[p]
			if c == nil {
				continue
			}
			if byUtt == nil {
				byUtt = map[int][]*name{}
				for j, q := range of {
					if q != nil && j < len(utt) && !slices.Contains(byUtt[utt[j]], q) {
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
				if slices.Contains(c, q) {
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
		if f == p {
			continue
		}
		if text != nil {
			a, paras := text(i)
			k := vetoKey{a, p, f}
			c, seen := vetoed[k]
			if !seen {
				c = len(checks)
				vetoed[k] = c
				checks = append(checks, check{a, paras, p, f})
			}
			renames = append(renames, rename{i, c, f})
			continue
		}
		out[i] = f.form()
	}
	// The articles' texts are read on every core, but those of checks
	// known: at 100,000 articles this was most of the pass.
	other := make([]bool, len(checks))
	asked := make(map[Check]bool, len(checks))
	checked := make([]Check, len(checks))
	var ask []int
	for k, c := range checks {
		checked[k] = Check{c.article, c.p.key(), c.f.key()}
		if v, ok := known[checked[k]]; ok {
			other[k] = v
		} else {
			ask = append(ask, k)
		}
	}
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range min(runtime.GOMAXPROCS(0), len(ask)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := int(next.Add(1) - 1); n < len(ask); n = int(next.Add(1) - 1) {
				k := ask[n]
				other[k] = namesOtherwise(checks[k].paras, checks[k].p, checks[k].f)
			}
		}()
	}
	wg.Wait()
	for k, c := range checked {
		asked[c] = other[k]
	}
	for _, r := range renames {
		if !other[r.check] {
			out[r.quote] = r.f.form()
		}
	}
	return out, asked
}

// namesOtherwise reports whether the paragraphs write p's surname after
// a name word that f does not hold ("Michael Cohen" when f is "Adriana
// Cohen"; not "Mr. Cohen" or "Donald Trump" for "Donald John Trump").
// It runs over the articles of every renamed quotation in every build,
// so it reads the words in place: splitting and lowering each paragraph
// that holds the surname was most of the names pass.
func namesOtherwise(paras []string, p, f *name) bool {
	sur := p.words[len(p.words)-1]
	for _, para := range paras {
		if !containsFold(para, sur) {
			continue // most paragraphs: no need to read them word by word
		}
		prev, first := "", true
		for w := range strings.FieldsSeq(para) {
			if !first && isSurname(w, sur) && namesBefore(prev, f) {
				return true
			}
			prev, first = w, false
		}
	}
	return false
}

// wordPunct is what isSurname trims from a word's ends.
const wordPunct = ".,;:!?\"'“”‘’()"

// isSurname reports whether the word, its punctuation trimmed, lowered
// and without a possessive 's, is sur (lower case), without allocating
// when the word is ASCII.
func isSurname(word, sur string) bool {
	t := strings.Trim(word, wordPunct)
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			w := strings.ToLower(t)
			return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") == sur
		}
	}
	if n := len(t); n >= 2 && t[n-2] == '\'' && (t[n-1] == 's' || t[n-1] == 'S') {
		t = t[:n-2]
	}
	if len(t) != len(sur) {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != sur[i] {
			return false
		}
	}
	return true
}

// namesBefore reports whether the word before a surname is a name word
// that f does not hold: capitalized, no title, no word that is never a
// name, no punctuation between, no initial.
func namesBefore(word string, f *name) bool {
	prev := strings.TrimLeft(word, "\"“‘(")
	if strings.IndexFunc(prev, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) >= 0 {
		return false // punctuation between, or an initial
	}
	r, _ := utf8.DecodeRuneInString(prev)
	lp := strings.ToLower(prev)
	return unicode.IsUpper(r) && !titleWords[lp] && !notNames[lp] && !bodies[lp] && !slices.Contains(f.words, lp)
}

// containsFold reports whether s holds the lower-case word w in any
// case, without lowering all of s.
func containsFold(s, w string) bool {
	if w == "" {
		return true
	}
	if w[0] >= utf8.RuneSelf {
		return strings.Contains(strings.ToLower(s), w)
	}
	lo, up := w[0], w[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if c := s[i]; (c == lo || c == up) && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// name is one person's name as the corpus writes it: its words (lower
// case, titles and dots left out) and the spellings given.
type name struct {
	words []string
	forms map[string]int // spelling (titles left out) → quotations
}

// key is the name's words, space-separated: the same for every spelling
// of the name, in any corpus.
func (n *name) key() string { return strings.Join(n.words, " ") }

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
// written first). A suffix ("Jr") is a last word of its own, so neither
// "Donald Trump" nor "Trump" extends to "Donald Trump Jr" or "Trump Jr".
func extends(p, f *name) bool {
	if len(f.words) <= len(p.words) {
		return false
	}
	if len(p.words) == 1 && p.words[0] == f.words[0] && !suffixes[f.words[len(f.words)-1]] {
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
// dots, a possessive or the titles before it) and the name as s spells
// it, and false when s is not a person's name: empty, only titles
// ("President"), a group or body ("the White House", "House Democrats",
// "Obama campaign", "California Democrat") or a phrase ("A Pelosi aide",
// "One Facebook").
func person(s string) (words []string, spelled string, ok bool) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, "", false
	}
	fields[len(fields)-1] = strings.TrimSuffix(strings.TrimSuffix(fields[len(fields)-1], "'s"), "’s")
	low := make([]string, len(fields))
	from := 0 // the name is what follows the last title ("Arizona Sheriff Joe Arpaio")
	for i, f := range fields {
		low[i] = strings.ToLower(strings.ReplaceAll(f, ".", ""))
		if bodies[low[i]] || notNames[low[i]] {
			return nil, "", false
		}
		if titleWords[low[i]] && i < len(fields)-1 {
			from = i + 1
		}
	}
	if roles[low[len(low)-1]] || len(low) == 1 && titleWords[low[0]] {
		return nil, "", false
	}
	words = low[from:]
	if len(words) > 4 || particles[words[0]] || particles[words[len(words)-1]] {
		return nil, "", false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(fields[from+i])
		if w == "" || !unicode.IsUpper(r) && !particles[w] {
			return nil, "", false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
				return nil, "", false
			}
		}
	}
	return words, strings.Join(fields[from:], " "), true
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
	new incoming outgoing acting late then senators editor-in-chief special agent intelligence
	officer inspector detective lawyer dean`)

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

// suffixes end the name of a person other than the one without them.
var suffixes = setOf(`jr sr ii iii iv`)

// particles are the lower-case words of names ("Chris van Hollen",
// "Bill de Blasio"): allowed inside a name, not at its ends.
// roles are title words that end a phrase naming a role, never a
// surname ("California Democrat", "Obama spokesman").
var roles = setOf(`democrat republican senator senators spokesman spokeswoman spokesperson
	aide aides adviser advisor official candidate nominee president leader chairman
	chairwoman secretary director governor mayor ceo editor lawmaker congressman
	congresswoman representative`)

// notNames are words no person's name holds: determiners, pronouns and
// the like ("One", "Some Republican", "He's").
var notNames = setOf(`one some another many more most other others several both each every all
	few any no this that these those he she it they we i you his her their our my its
	there here what who which also according but and or if when while he's she's it's
	i'm critics proponents supporters people`)

var particles = setOf(`de da das do dos du del della di van von der den ter bin ibn al el la le`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Extends reports whether whole is a fuller form of the same name as
// part, as Corpus completes names ("Trump" → "Donald Trump", "Mr. Xi" →
// "Xi Jinping"): a check that a corpus name is one an article's could
// have become.
func Extends(part, whole string) bool {
	pw, _, ok := person(part)
	fw, _, ok2 := person(whole)
	return ok && ok2 && extends(&name{words: pw}, &name{words: fw})
}

// Mention returns how text (an outlet's attribution, "Mr. Sellers
// said") names the person whose name is name ("Joseph Sellers") when it
// writes only part of the name: the words of the name it writes, with a
// title just before them ("Mr. Sellers"). It returns "" when text writes
// the whole name, or none of it, or the surname only as part of another
// name ("Melania Trump" for "Donald Trump").
func Mention(name, text string) string {
	nw, _, ok := person(name)
	if !ok || len(nw) < 2 || text == "" {
		return ""
	}
	ws := strings.Fields(text)
	clean := func(w string) string {
		w = strings.Trim(w, ",;:!?\"“”‘’()")
		return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	}
	lower := func(w string) string { return strings.ToLower(strings.TrimSuffix(clean(w), ".")) }
	found := ""
	for k, w := range ws {
		if l := lower(w); l != nw[len(nw)-1] && l != nw[0] || strings.ContainsAny(strings.TrimRight(w, ",;:.!?’'s”\""), ",;:!?") {
			continue
		}
		// The run of the name's words that ends here, in the name's order.
		from := k
		for from > 0 && !strings.ContainsAny(ws[from-1], ",;:!?\"”") && slices.Contains(nw, lower(ws[from-1])) && lower(ws[from-1]) != lower(ws[from]) {
			from--
		}
		if k-from+1 >= len(nw) {
			return "" // the whole name
		}
		if from > 0 {
			prev := clean(ws[from-1])
			lp := strings.ToLower(strings.TrimSuffix(prev, "."))
			r, _ := utf8.DecodeRuneInString(prev)
			switch {
			case titleWords[lp] && unicode.IsUpper(r):
				from-- // "Mr. Sellers"
			case unicode.IsUpper(r) && !notNames[lp] && !bodies[lp] && !strings.HasSuffix(ws[from-1], "."):
				continue // another name ending so ("Melania Trump")
			}
		}
		if found == "" {
			parts := make([]string, 0, k-from+1)
			for _, w := range ws[from : k+1] {
				parts = append(parts, clean(w))
			}
			found = strings.Join(parts, " ")
		}
	}
	return found
}
