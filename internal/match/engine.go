package match

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// Match kinds, as in the JSON contract.
const (
	Exact   = "exact"
	Variant = "variant"
	Partial = "partial"
	Text    = "text"
)

// Tunables of the cut-off. They are set for the measure, not for any one
// selection: Accept is the share of the selection's weight a quotation
// must cover; FragmentCover the share of a quotation's own weight that a
// longer selection must cover for the quotation to count as a fragment of
// it; MinWords the aligned words either needs.
const (
	Accept        = 0.6
	FragmentCover = 0.8
	MinWords      = 3
	// MinVariantWords is the shortest selection that may match other
	// words than its own: a few common words ("That's what we need") are
	// found, scattered, in any long quotation. Shorter selections match
	// where their words stand together. Aligned words must also lie close
	// together in the quotation (within twice the selection's length).
	MinVariantWords = 6
	// MaxCandidates bounds the distinct quotation texts aligned in one
	// lookup, best shared weight first.
	MaxCandidates = 100
	// SiblingFloor is the share of the selection that another occurrence
	// of a matched utterance must still cover to be listed: half the
	// cut-off, since the grouping already vouches that it is the same
	// utterance. A quotation wholly inside a longer selection must cover
	// as much: below it, nothing is returned.
	SiblingFloor = Accept / 2
	// MaxSelection bounds the selection, in bytes; longer ones are cut
	// (Result.Truncated) so that a huge paste never stalls the page.
	MaxSelection = 2000
)

// Engine matches selections against one index. It is safe for concurrent
// lookups once built.
type Engine struct {
	x      *index.Index
	vocab  map[string]int32
	weight []float64 // per token id
	quotes [][]int32 // token ids per quotation
	paras  [][][]int32
	// post lists, for each token id, the distinct quotation texts holding
	// it (first copies only): a text printed by many articles is one
	// entry, so that syndication does not lengthen the walk.
	post [][]int32
	// paraPost lists, for each token id, the paragraphs holding it, as
	// indexes into paraRef: the text match looks only where the
	// selection's rarest word stands.
	paraPost [][]int32
	paraRef  []paraRef
	// paraCopies lists, for the first copy of a paragraph text, the
	// other paragraphs with the same text: only first copies are in
	// paraPost.
	paraCopies map[int32][]int32
	firstCopy  []int32           // per quotation, the first quotation with the same words
	copies     map[int32][]int32 // first copy → its other copies
	textWeight []float64         // per quotation, the weight of its distinct words
	scratch    sync.Pool
	// byUtt lists each utterance's quotations, indexed by utterance (the
	// index reader guarantees Utterance < len(Quotes)): a slice, not a
	// map, since a map entry per utterance costs several times a slice
	// element and an index may hold one utterance a quotation.
	byUtt [][]int32
	maxW  float64
	// floor is the one-byte fragment floor of each quotation text
	// (prune.go).
	floor []uint8
}

type paraRef struct{ article, paragraph int32 }

// New prepares an index for lookups.
func New(x *index.Index) *Engine {
	e := &Engine{x: x, vocab: map[string]int32{}, byUtt: make([][]int32, len(x.Quotes)), copies: map[int32][]int32{}}
	e.scratch.New = func() any { return &scratch{} }
	var df []int
	// An index written by the build carries its tokens: loading it is then
	// integer work only. One without them is tokenized here.
	stored := x.HasTokens() && x.TokensOf == textnorm.Version
	if stored {
		df = make([]int, len(x.Vocab))
		for i, w := range x.Vocab {
			e.vocab[w] = int32(i)
		}
	}
	// marker returns a function that tells, once per document, whether
	// it meets id for the first time: stamp[id] = last document (+1) that
	// counted id.
	marker := func() func(id, doc int32) bool {
		var stamp []int32
		return func(id, doc int32) bool {
			for int(id) >= len(stamp) {
				stamp = append(stamp, 0)
			}
			if stamp[id] == doc+1 {
				return false
			}
			stamp[id] = doc + 1
			return true
		}
	}
	ndocs := 0 // the paragraph texts (first copies), for the weights
	paras := func() {
		mark := marker()
		e.paras = make([][][]int32, len(x.Articles))
		n := 0
		for _, a := range x.Articles {
			n += len(a.Paragraphs)
		}
		e.paraRef = make([]paraRef, 0, n) // one a paragraph, known: not grown by doubling
		e.paraCopies = map[int32][]int32{}
		firstPara := map[string]int32{}
		for ai, a := range x.Articles {
			e.paras[ai] = make([][]int32, len(a.Paragraphs))
			for pi, p := range a.Paragraphs {
				gid := int32(len(e.paraRef))
				e.paraRef = append(e.paraRef, paraRef{int32(ai), int32(pi)})
				if f, ok := firstPara[p]; ok {
					// A copy shares its first's tokens and counts once in df.
					e.paras[ai][pi] = e.paras[e.paraRef[f].article][e.paraRef[f].paragraph]
					e.paraCopies[f] = append(e.paraCopies[f], gid)
					continue
				}
				firstPara[p] = gid
				var ids []int32
				if stored {
					ids = x.ParaTokens[ai][pi]
				} else {
					ids = e.intern(textnorm.Words(p), &df)
				}
				e.paras[ai][pi] = ids
				for _, id := range ids {
					if mark(id, gid) {
						df[id]++
						for int(id) >= len(e.paraPost) {
							e.paraPost = append(e.paraPost, nil)
						}
						e.paraPost[id] = append(e.paraPost[id], gid)
					}
				}
			}
		}
		ndocs = len(firstPara)
	}
	quotes := func() {
		mark := marker()
		e.quotes = make([][]int32, len(x.Quotes))
		e.firstCopy = make([]int32, len(x.Quotes))
		firstOf := make(map[string]int32, len(x.Quotes))
		for qi, q := range x.Quotes {
			if f, ok := firstOf[q.Text]; ok {
				e.firstCopy[qi] = f
				e.copies[f] = append(e.copies[f], int32(qi))
			} else {
				firstOf[q.Text] = int32(qi)
				e.firstCopy[qi] = int32(qi)
			}
			var ids []int32
			if stored {
				ids = x.QuoteTokens[qi]
			} else {
				ids = e.intern(textnorm.Words(q.Text), &df)
			}
			e.quotes[qi] = ids
			if u := q.Utterance; u >= 0 && u < len(e.byUtt) {
				e.byUtt[u] = append(e.byUtt[u], int32(qi))
			}
			if e.firstCopy[qi] != int32(qi) {
				continue
			}
			for _, id := range ids {
				if mark(id, int32(qi)) {
					for int(id) >= len(e.post) {
						e.post = append(e.post, nil)
					}
					e.post[id] = append(e.post[id], int32(qi))
				}
			}
		}
	}
	if stored {
		// With the tokens stored, the paragraphs' tables and the
		// quotations' touch nothing in common: made at once (a third of
		// an increment's engine at 100,000 articles).
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); quotes() }()
		paras()
		wg.Wait()
	} else {
		paras() // each interns new words into the vocabulary
		quotes()
	}
	e.weight = make([]float64, len(df))
	n := float64(ndocs + 1)
	for id, d := range df {
		e.weight[id] = math.Log(n / (float64(d) + 0.5))
	}
	e.maxW = math.Log(n / 0.5)
	e.textWeight = make([]float64, len(e.quotes))
	// seenIn[id] = 1 + the last quotation that counted id: one slice for
	// all quotations instead of a map each.
	seenIn := make([]int32, len(e.weight))
	for qi, ids := range e.quotes {
		for _, id := range ids {
			if int(id) < len(seenIn) && seenIn[id] != int32(qi)+1 {
				seenIn[id] = int32(qi) + 1
				e.textWeight[qi] += e.weight[id]
			}
		}
	}
	e.floor = make([]uint8, len(e.quotes))
	for qi, w := range e.textWeight {
		e.floor[qi] = floorCode(FragmentCover * w)
	}
	return e
}

func (e *Engine) intern(words []string, df *[]int) []int32 {
	ids := make([]int32, len(words))
	for i, w := range words {
		id, ok := e.vocab[w]
		if !ok {
			id = int32(len(e.vocab))
			e.vocab[w] = id
			*df = append(*df, 0)
		}
		ids[i] = id
	}
	return ids
}

// Match is one article that carried the selection.
type Match struct {
	Article int     // index into the index's articles
	Quote   int     // index into the index's quotations; -1 for Text
	Kind    string  // Exact, Variant, Partial or Text
	Score   float64 // share of the selection covered, 0..1
}

// Result answers one lookup.
type Result struct {
	Query     string // the selection as used (after cutting)
	Matches   []Match
	Truncated bool // the selection was longer than MaxSelection and was cut
	// Focus is the part of the selection the matches answer for, when the
	// engine found a quotation inside a longer or sloppier selection (its
	// attribution around it, a following sentence, words cut at its
	// edges): the selection's text from the quotation's first word to its
	// last. Empty when they answer for the whole selection.
	Focus string
	// The words the matches answer for: the text they were read from,
	// their tokens (spans in text) and their normalized forms.
	text  string
	toks  []textnorm.Token
	words []string
	// focused: the words of a quotation inside the selection were looked
	// up too (a folder lookup then takes up to two more rounds), whether
	// or not their answer was better.
	focused bool
}

// query is a selection prepared for alignment.
type query struct {
	ids   []int32
	w     []float64
	total float64
	count map[int32]int32 // how often each token stands in it; set by Group, for mayMatch
	// skipCommon: candidates are gathered without the common words'
	// postings, and slack is what those words may add to a text's shared
	// weight (prune.go).
	skipCommon bool
	slack      float32
}

func (e *Engine) prepare(sel string) query { return prepare(e, selectionWords(sel)) }

// selection returns the text a lookup reads a selection's words from
// (QuotedPart) and its tokens.
func selection(sel string) (string, []textnorm.Token) {
	text := QuotedPart(sel)
	return text, textnorm.Tokens(text)
}

// selectionWords returns the normalized words a lookup matches of sel.
func selectionWords(sel string) []string {
	_, toks := selection(sel)
	return norms(toks)
}

func norms(toks []textnorm.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Norm
	}
	return out
}

// prepare turns a selection's words into token ids and weights, from what
// c knows of them.
func prepare(c corpus, words []string) query {
	q := query{ids: make([]int32, len(words)), w: make([]float64, len(words))}
	need, slack := needCommon(words, c.commonWeight)
	q.skipCommon, q.slack = !need, slack
	for i, wd := range words {
		if id, w, ok := c.word(wd); ok {
			q.ids[i], q.w[i] = id, w
		} else {
			q.ids[i], q.w[i] = -1-int32(i), c.unknownWeight() // matches nothing
		}
		q.total += q.w[i]
	}
	return q
}

// mayMatch is a cheap bound checked before the alignment: the words a
// quotation shares with the selection, each as often as both hold it.
// Substitutions earn credit only between two aligned words, so a quotation
// sharing one word can cover no more than that word's weight; the
// alignment can only lower the share. A quotation all of whose words are
// in the selection may still be a fragment of it.
func (q query) mayMatch(cand []int32, weight []float64) bool {
	shared, matched := 0.0, 0
	inside := true
	used := make(map[int32]int32, 8)
	for _, id := range cand {
		if used[id] < q.count[id] {
			used[id]++
			shared += weight[id]
			matched++
		} else {
			inside = false
		}
	}
	if inside && matched >= MinWords {
		return true
	}
	bound := shared
	if matched >= 2 {
		bound += substitutionCredit * (q.total - shared)
	}
	return matched >= 1 && bound >= Accept*q.total
}

// QuotedPart returns the words inside quotation marks when the selection
// holds both quoted words and words outside them ("“…,” he said."): the
// reader selected a quotation with its attribution, and only the quoted
// words were carried by other outlets. Curly marks tell an opening from a
// closing one, so a selection that begins inside a quotation
// ("…trade,” the Chinese quoted Mr. Trump as saying. “I want…") keeps the
// quoted words, not the attribution between them; straight marks pair in
// order. A lone mark, or marks that do not pair, are ignored (the lookup
// then finds the quotation by its words: focus.go). The parts are the
// selection's own text, joined by spaces.
func QuotedPart(sel string) string {
	parts, ok := quotedParts(sel, true)
	if !ok {
		parts, ok = quotedParts(sel, false)
	}
	if !ok {
		return sel
	}
	text := strings.Join(parts, " ")
	if len(textnorm.Tokens(text)) == 0 {
		return sel
	}
	return text
}

// quotedParts returns the runs of sel inside quotation marks, reading
// curly marks as opening or closing when directed; ok is false when sel
// holds fewer than two marks or they do not pair.
func quotedParts(sel string, directed bool) (parts []string, ok bool) {
	marks, inside, last, lastDir := 0, false, 0, 0
	for i, r := range sel {
		if !isQuoteMark(r) {
			continue
		}
		dir := 0 // straight, or read in order
		if directed {
			switch r {
			case '\u201C', '\u201E', '\u00AB':
				dir = 1
			case '\u201D', '\u00BB':
				dir = -1
			}
		}
		if marks == 0 {
			// A closing mark first: the selection began inside.
			inside = dir < 0
		}
		switch {
		case dir > 0 && inside, dir < 0 && !inside:
			return nil, false // an opening mark inside, a closing one outside
		case inside:
			parts = append(parts, sel[last:i])
		}
		inside = !inside
		marks++
		last, lastDir = i+utf8.RuneLen(r), dir
	}
	if inside {
		// A selection may end inside a quotation it opened with a curly
		// mark; a straight mark left open pairs with nothing.
		if lastDir <= 0 {
			return nil, false
		}
		parts = append(parts, sel[last:])
	}
	return parts, marks >= 2
}

// Lookup answers a selection.
func (e *Engine) Lookup(sel string) Result { return lookup(e, sel) }

// cut returns the selection as a lookup uses it: at most MaxSelection
// bytes, cut between UTF-8 sequences.
func cut(sel string) Result {
	res := Result{Query: sel}
	if len(sel) > MaxSelection {
		cut := MaxSelection
		for cut > 0 && sel[cut]&0xC0 == 0x80 {
			cut-- // do not split a UTF-8 sequence
		}
		res.Query, res.Truncated = sel[:cut], true
	}
	return res
}

// lookup answers a selection from what c holds: the whole index (Engine)
// or the parts of a folder index that the lookup read (parts.go). Both
// run this one algorithm, so that their answers are the same. When the
// selection holds a quotation among other words (focus.go), the answer is
// the quotation's, as if it had been selected alone, provided that is a
// better answer than the whole selection's.
func lookup(c corpus, sel string) Result {
	res := start(sel)
	var f span
	res.Matches, f = answer(c, res.words, true)
	if f.ok() {
		res.focused = true
		if m, _ := answer(c, res.words[f.from:f.to], false); focusBetter(m, res.Matches) {
			res.narrow(f, m)
		}
	}
	return res
}

// start returns a lookup's result before it matches anything: the
// selection cut, and the words it answers for (the quoted ones, when the
// selection holds quotation marks and other words: then Focus says so).
func start(sel string) Result {
	res := cut(sel)
	res.text, res.toks = selection(res.Query)
	res.words = norms(res.toks)
	if n := len(res.toks); n > 0 && res.text != res.Query && n < len(textnorm.Tokens(res.Query)) {
		res.Focus = res.text[res.toks[0].Start:res.toks[n-1].End]
	}
	return res
}

// narrow makes res the answer m for the span f of its words.
func (res *Result) narrow(f span, m []Match) {
	res.Matches = m
	res.Focus = res.text[res.toks[f.from].Start:res.toks[f.to-1].End]
	res.toks, res.words = res.toks[f.from:f.to], res.words[f.from:f.to]
}

// answer finds the carriers of a selection's words. With tryFocus, when
// no quotation holds them all word for word, it also returns the span of
// the words that are a quotation of the corpus (focus.go).
func answer(c corpus, words []string, tryFocus bool) ([]Match, span) {
	q := prepare(c, words)
	if len(q.ids) == 0 {
		return nil, span{}
	}
	best := map[int]Match{} // article → its best match
	consider := func(m Match) {
		if old, ok := best[m.Article]; !ok || better(m, old) {
			best[m.Article] = m
		}
	}
	var dp []float64
	// Syndicated text repeats: a quotation printed word for word by many
	// articles is aligned once (firstCopy[qi] is the first of its copies).
	type verdict struct {
		m  Match
		ok bool
	}
	seen := map[int32]int32{} // first copy → 1 + its verdict's index
	var verdicts []verdict
	var cands []int32
	firsts := candidates(c, q, MaxCandidates)
	for _, f := range firsts {
		cands = append(cands, f)
		cands = append(cands, c.copiesOf(f)...)
	}
	slices.Sort(cands)
	var found []Match
	aligned := map[int32]alignment{} // first copy → its alignment, for the focus
	for _, qi := range cands {
		first := c.firstOf(qi)
		var v verdict
		if k := seen[first]; k > 0 {
			v = verdicts[k-1]
		} else {
			var al alignment
			v.m, v.ok, dp = score(c, q, int(qi), dp, &al)
			if al.candMatched != nil {
				aligned[first] = al
			}
			verdicts = append(verdicts, v)
			seen[first] = int32(len(verdicts))
		}
		if v.ok {
			m := v.m
			m.Article, m.Quote = c.articleOf(qi), int(qi)
			found = append(found, m)
		}
	}
	// Another occasion (group.go): when the selection is, word for word,
	// a quotation of the corpus, another utterance's words that resemble
	// it are returned only where something says they were said on the
	// same occasion (reworded, or quoting part of it): both articles
	// dated within OccasionDays of each other; for an undated article,
	// the build's grouping alone vouches for a rewording. So Trump's "I
	// understand how China feels about the Taiwan question" (February's
	// call) is not returned as a rewording of his "understands how
	// important the Taiwan question is to China" (November's, undated),
	// nor "this country is going to hell" (2011) of "Our country is going
	// to hell" (2018).
	var exact []Match
	exactUtt := map[int32]bool{}
	for _, m := range found {
		if m.Kind == Exact {
			exact = append(exact, m)
			exactUtt[c.utterance(int32(m.Quote))] = true
		}
	}
	for _, m := range found {
		if len(exact) == 0 || m.Kind == Exact || exactUtt[c.utterance(int32(m.Quote))] || sameOccasionAs(c, m, exact) {
			consider(m)
		}
	}
	// Every occurrence of a matched utterance is a carrier, in its own
	// words, provided it carries enough of the selection: a paraphrase of
	// the utterance may quote another part of it. Direct matches are
	// walked in article order so that the result never depends on map
	// order.
	direct := make([]Match, 0, len(best))
	for _, m := range best {
		direct = append(direct, m)
	}
	slices.SortFunc(direct, func(a, b Match) int { return a.Article - b.Article })
	viaUtterance := map[int32]int32{}
	for _, m := range direct {
		if m.Quote < 0 || m.Kind == Partial {
			continue
		}
		for _, o := range c.siblings(int32(m.Quote)) {
			other := int(o)
			a := c.articleOf(o)
			if old, ok := best[a]; ok && viaUtterance[int32(a)] == 0 {
				continue // the article matched on its own
			} else if ok && old.Quote == other {
				continue
			}
			al, d := align(q.ids, c.tokens(o), q.w, dp)
			dp = d
			s := round(al.covered / q.total)
			if s < SiblingFloor {
				continue
			}
			if old, ok := best[a]; !ok || s > old.Score {
				best[a] = Match{Article: a, Quote: other, Kind: Variant, Score: s}
				viaUtterance[int32(a)] = 1
			}
		}
	}
	// The cut-off: a quotation covers Accept of the selection, or, wholly
	// inside a longer selection (a fragment) or another wording of a
	// matched utterance, SiblingFloor of it: a quotation that is a tenth
	// of a pasted article is no carrier of the article (the focus answers
	// for the quotation instead). An article whose quotation falls under
	// it may still print the words outside it.
	for a, m := range best {
		if m.Score < SiblingFloor {
			delete(best, a)
		}
	}
	if len(q.ids) >= MinWords {
		for _, ai := range inText(c, q) {
			if _, ok := best[ai]; !ok {
				best[ai] = Match{Article: ai, Quote: -1, Kind: Text, Score: 1}
			}
		}
	}
	var out []Match
	hasExact := false
	for _, m := range best {
		hasExact = hasExact || m.Kind == Exact
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int {
		if (a.Kind == Text) != (b.Kind == Text) {
			if b.Kind == Text {
				return -1 // quoted carriers before plain-text ones
			}
			return 1
		}
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
			return ra - rb
		}
		return a.Article - b.Article
	})
	var f span
	if tryFocus && !hasExact {
		f = focus(c, q, words, firsts, aligned)
	}
	return out, f
}

// sameOccasionAs reports whether something says that m, a match of
// another utterance than the exact matches', reports the occasion of one
// of them: their articles' dates, or for an undated article its kind (a
// rewording needs the grouping; a quotation that overlaps the selection
// in part makes no such claim).
func sameOccasionAs(c corpus, m Match, exact []Match) bool {
	dm := dayNumber(c.published(m.Article))
	for _, x := range exact {
		if de := dayNumber(c.published(x.Article)); de != 0 && dm != 0 {
			if sameOccasion(de, dm) {
				return true
			}
		} else if m.Kind != Variant {
			return true
		}
	}
	return false
}

func kindRank(kind string) int {
	switch kind {
	case Exact:
		return 0
	case Variant:
		return 1
	case Partial:
		return 2
	}
	return 3
}

func better(a, b Match) bool {
	if kindRank(a.Kind) != kindRank(b.Kind) && (a.Kind == Text || b.Kind == Text) {
		return a.Kind != Text
	}
	return a.Score > b.Score
}

// candidates returns the distinct quotation texts (first copies) that
// share one of the selection's rarest tokens, best shared weight first. A
// quotation that shares none of them cannot cover the share of the weight
// the cut-off asks for.
func candidates(c corpus, q query, limit int) []int32 {
	sc := c.getScratch()
	defer c.putScratch(sc)
	// The words whose postings are walked.
	var use []int32
	done := make(map[int32]int32, len(q.ids))
	posts := 0
	for _, id := range q.ids {
		if id < 0 || done[id] > 0 || q.skipCommon && c.common(id) {
			continue
		}
		done[id] = 1
		use = append(use, id)
		posts += len(c.postings(id))
	}
	// Accumulate, for each distinct quotation text, the weight of the
	// selection's words it holds: in a slice indexed by quotation, or in
	// a map where the indexes are far more than the postings (a folder
	// lookup's parts may name ids up to 2^31 in a few bytes; a slice that
	// size would be gigabytes). Both add in the same order.
	n := c.quoteCount()
	var sparse map[int32]float32
	if n > 1<<16 && n > 16*posts {
		sparse = make(map[int32]float32, posts)
	} else if len(sc.acc) < n {
		sc.acc = make([]float32, n)
	}
	touched := sc.touched[:0]
	for _, id := range use {
		w := float32(c.wordWeight(id))
		for _, qi := range c.postings(id) {
			if sparse != nil {
				if _, ok := sparse[qi]; !ok {
					touched = append(touched, qi)
				}
				sparse[qi] += w
				continue
			}
			if sc.acc[qi] == 0 {
				touched = append(touched, qi)
			}
			sc.acc[qi] += w
		}
	}
	// Keep the texts that could reach the cut-off: substitutions earn at
	// most half of the words not shared, so a text must share at least
	// (2·Accept−1) of the selection's weight, or FragmentCover of its own
	// (a fragment inside the selection). Rank them by shared weight and
	// align the best limit: a selection of common words must not make
	// the lookup align half the corpus. Where the common words were left
	// out, a text may hold them too: they count at most the slack.
	var keep []cand
	floor := float32((2*Accept - 1) * q.total)
	for _, qi := range touched {
		var shared float32
		if sparse != nil {
			shared = sparse[qi]
		} else {
			shared = sc.acc[qi]
			sc.acc[qi] = 0
		}
		if shared+q.slack >= floor || shared+q.slack >= c.fragmentFloor(qi) {
			keep = append(keep, cand{qi, shared})
		}
	}
	sc.touched = touched[:0]
	return bestFirst(keep, limit, nil)
}

// cand is a distinct quotation text (its first copy) and the weight it
// shares with what it is compared with.
type cand struct {
	first  int32
	shared float32
}

// bestFirst appends to out the first copies of the limit candidates that
// share the most weight, most first, ties in index order (so that the
// result never depends on the order they were found in). It sorts cands.
func bestFirst(cands []cand, limit int, out []int32) []int32 {
	slices.SortFunc(cands, func(a, b cand) int {
		if a.shared != b.shared {
			if a.shared > b.shared {
				return -1
			}
			return 1
		}
		return int(a.first - b.first)
	})
	for _, c := range cands[:min(len(cands), limit)] {
		out = append(out, c.first)
	}
	return out
}

// scratch is per-lookup working memory, pooled so that concurrent lookups
// do not share it and a lookup does not allocate it.
type scratch struct {
	acc     []float32
	touched []int32
}

// score aligns the selection with one quotation and decides whether it is
// a carrier, and of which kind. When it aligns them, it sets *al to the
// alignment (the focus reads it).
func score(c corpus, q query, qi int, dp []float64, al *alignment) (Match, bool, []float64) {
	cand := c.tokens(int32(qi))
	m := Match{Article: c.articleOf(int32(qi)), Quote: qi}
	if len(q.ids) < MinWords {
		// One or two words match only a quotation of just those words.
		if len(cand) != len(q.ids) {
			return m, false, dp
		}
		for i := range cand {
			if cand[i] != q.ids[i] {
				return m, false, dp
			}
		}
		m.Kind, m.Score = Exact, 1
		return m, true, dp
	}
	a, dp := align(q.ids, cand, q.w, dp)
	*al = a
	s := a.covered / q.total
	switch {
	case a.contiguous:
		m.Kind, m.Score = Exact, 1
		return m, true, dp
	case s >= Accept && a.matched >= MinWords && a.matched == len(cand) && len(cand) < len(q.ids):
		// The quotation, every word of it, inside a longer selection.
		m.Kind, m.Score = Partial, round(s)
		return m, true, dp
	case s >= Accept && a.matched >= MinWords && len(q.ids) >= MinVariantWords && a.spread <= 2*len(q.ids)+4:
		m.Kind, m.Score = Variant, round(s)
		// Words of the selection before or after everything aligned are
		// not the quotation's: the two overlap in part.
		flanks := 0.0
		for i := range q.ids {
			if i < a.selFirst || i > a.selLast {
				flanks += q.w[i]
			}
		}
		if flanks > (1-Accept)*q.total/2 {
			m.Kind = Partial
		}
		if a.matched == len(cand) {
			m.Kind = Partial // the quotation is a fragment of the selection
		}
		return m, true, dp
	}
	// A quotation wholly inside a longer selection: a fragment of it.
	// candW is summed in the order of the quotation's tokens, as
	// tokenWeight does, so that a folder index (which stores it) and the
	// whole index compare the same number.
	candW, candCovered := c.tokenWeight(int32(qi)), 0.0
	for j, id := range cand {
		if a.candMatched[j] {
			candCovered += c.wordWeight(id)
		}
	}
	if len(cand) >= MinWords && a.matched >= MinWords && candCovered >= FragmentCover*candW {
		m.Kind, m.Score = Partial, round(s)
		return m, true, dp
	}
	return m, false, dp
}

// inText returns the articles in whose plain text the selection's words
// stand in order, word for word, looking only at the paragraphs that hold
// its rarest word. Words that do not identify a passage (distinctive)
// count only where the paragraph prints them inside quotation marks: a
// quotation the quote finder left out.
func inText(c corpus, q query) []int {
	var out []int
	seen := map[int32]int32{}
	strong := distinctive(c, q)
	for _, gid := range c.textParas(q) {
		at := runAt(c.paraTokens(gid), q.ids)
		if at < 0 || !strong && !quotedAt(c.paraText(gid), at) {
			continue
		}
		for _, a := range c.paraArticles(gid) {
			if seen[a] == 0 {
				seen[a] = 1
				out = append(out, int(a))
			}
		}
	}
	slices.Sort(out)
	return out
}

// quotedAt reports whether the word at token index at of a paragraph
// stands inside quotation marks: an odd number of them before it.
func quotedAt(text string, at int) bool {
	if strings.IndexFunc(text, isQuoteMark) < 0 {
		return false // most paragraphs: nothing to tokenize
	}
	toks := textnorm.Tokens(text)
	if at >= len(toks) {
		return false
	}
	marks := 0
	for _, r := range text[:toks[at].Start] {
		if isQuoteMark(r) {
			marks++
		}
	}
	return marks%2 == 1
}

// isQuoteMark: the marks textnorm folds to a straight double quote.
func isQuoteMark(r rune) bool {
	return r == '"' || r >= 0x80 && textnorm.Fold(string(r)) == `"`
}

// rarestParas returns the paragraphs (first copies) holding the
// selection's rarest word, or nil when a word of it is in no paragraph.
func rarestParas(c corpus, q query) []int32 {
	var rarest []int32
	for i, id := range q.ids {
		if id < 0 {
			return nil // a word no paragraph has
		}
		p, ok := c.paraPostings(id)
		if !ok {
			return nil
		}
		if i == 0 || len(p) < len(rarest) {
			rarest = p
		}
	}
	return rarest
}

func containsRun(hay, needle []int32) bool { return runAt(hay, needle) >= 0 }

// runAt returns where needle first stands in hay, word for word, or -1.
func runAt(hay, needle []int32) int {
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}

func round(f float64) float64 { return math.Round(f*100) / 100 }

// corpus is what a lookup reads: the whole index in memory (Engine), or
// the parts of a folder index that one lookup fetched (parts.go). Ids are
// the whole index's: token ids, quotation and article indexes, paragraph
// ids numbered through the articles in order.
type corpus interface {
	// word returns a normalized word's token id and weight.
	word(w string) (id int32, weight float64, ok bool)
	unknownWeight() float64 // the weight of a word the corpus lacks
	wordWeight(id int32) float64
	// quoteCount bounds the quotation indexes (candidates' scratch).
	quoteCount() int
	getScratch() *scratch
	putScratch(*scratch)
	// postings lists the distinct quotation texts (first copies) holding
	// a token; fragmentFloor is the shared weight from which one is a
	// candidate as a fragment of the selection.
	postings(id int32) []int32
	fragmentFloor(first int32) float32
	copiesOf(first int32) []int32 // the other quotations with its text
	firstOf(qi int32) int32
	tokens(qi int32) []int32
	tokenWeight(qi int32) float64 // the weights of its tokens summed, in order
	articleOf(qi int32) int
	siblings(qi int32) []int32 // the quotations of its utterance
	utterance(qi int32) int32
	quoteText(qi int32) string
	published(ai int) string // the article's publication date, or ""
	// common tells a common word (prune.go); commonWeight the weight of
	// a common word.
	common(id int32) bool
	commonWeight(w string) (float64, bool)
	// textParas returns paragraph texts (first copies) among which stand
	// all those holding the selection word for word.
	textParas(q query) []int32
	// paraPostings lists the paragraph texts (first copies) holding a
	// token; ok is false when no paragraph holds it.
	paraPostings(id int32) (gids []int32, ok bool)
	paraTokens(gid int32) []int32
	paraText(gid int32) string
	paraArticles(gid int32) []int32 // the articles where the text stands
}

func (e *Engine) word(w string) (int32, float64, bool) {
	id, ok := e.vocab[w]
	if !ok {
		return 0, 0, false
	}
	return id, e.weight[id], true
}

func (e *Engine) unknownWeight() float64      { return e.maxW }
func (e *Engine) wordWeight(id int32) float64 { return e.weight[id] }
func (e *Engine) quoteCount() int             { return len(e.quotes) }
func (e *Engine) getScratch() *scratch        { return e.scratch.Get().(*scratch) }
func (e *Engine) putScratch(sc *scratch)      { e.scratch.Put(sc) }

func (e *Engine) postings(id int32) []int32 {
	if int(id) >= len(e.post) {
		return nil
	}
	return e.post[id]
}

func (e *Engine) fragmentFloor(first int32) float32 { return floorSteps[e.floor[first]] }

func (e *Engine) common(id int32) bool {
	return int(id) < len(e.post) && len(e.post[id]) > commonTexts
}

func (e *Engine) commonWeight(w string) (float64, bool) {
	id, ok := e.vocab[w]
	if !ok || !e.common(id) {
		return 0, false
	}
	return e.weight[id], true
}

func (e *Engine) textParas(q query) []int32 { return rarestParas(e, q) }

func (e *Engine) copiesOf(first int32) []int32 { return e.copies[first] }
func (e *Engine) firstOf(qi int32) int32       { return e.firstCopy[qi] }
func (e *Engine) tokens(qi int32) []int32      { return e.quotes[qi] }
func (e *Engine) articleOf(qi int32) int       { return e.x.Quotes[qi].Article }
func (e *Engine) utterance(qi int32) int32     { return int32(e.x.Quotes[qi].Utterance) }
func (e *Engine) quoteText(qi int32) string    { return e.x.Quotes[qi].Text }
func (e *Engine) published(ai int) string      { return e.x.Articles[ai].Published }

func (e *Engine) tokenWeight(qi int32) float64 {
	w := 0.0
	for _, id := range e.quotes[qi] {
		w += e.weight[id]
	}
	return w
}

func (e *Engine) siblings(qi int32) []int32 {
	u := e.x.Quotes[qi].Utterance
	if u < 0 || u >= len(e.byUtt) {
		return nil
	}
	return e.byUtt[u]
}

func (e *Engine) paraPostings(id int32) ([]int32, bool) {
	if int(id) >= len(e.paraPost) {
		return nil, false
	}
	return e.paraPost[id], true
}

func (e *Engine) paraTokens(gid int32) []int32 {
	ref := e.paraRef[gid]
	return e.paras[ref.article][ref.paragraph]
}

func (e *Engine) paraText(gid int32) string {
	ref := e.paraRef[gid]
	return e.x.Articles[ref.article].Paragraphs[ref.paragraph]
}

func (e *Engine) paraArticles(gid int32) []int32 {
	out := []int32{e.paraRef[gid].article}
	for _, g := range e.paraCopies[gid] {
		out = append(out, e.paraRef[g].article)
	}
	return out
}
