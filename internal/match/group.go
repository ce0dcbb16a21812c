package match

import (
	"slices"

	"quotetrail/internal/index"
)

// groupCandidates bounds the distinct texts of other articles compared
// with each quotation when grouping. 100, as a lookup aligns: 300 and 1000
// made a 100k-article build three and four times slower (quotetrail bench)
// for no change on BASIL or the lookup sets.
const groupCandidates = 100

// groupPostings bounds the postings one quotation's candidate search walks
// when grouping, so that the build grows linearly with the number of
// quotations, on one big page as in a big corpus. The search walks its
// words rarest first and stops before a word whose postings would pass the
// bound: a word that many quotations hold weighs little (its weight is its
// rarity), and two quotations of one utterance share their rare words. It
// also stops once the words left weigh too little for a text that holds
// none of the words walked to be the same utterance, which loses nothing.
const groupPostings = 2048

// GroupThreshold is the share of each quotation's weight that the other
// must cover, both ways, for two quotations in different articles to be
// one utterance. It is the lookup's Accept applied symmetrically, so that
// a quotation and its rewording group while two quotations that merely
// share common words ("the two sides") do not.
const GroupThreshold = Accept

// Group sets the Utterance of every quotation in x: quotations of
// different articles that say the same thing share one, numbered by the
// first quotation of the group.
func Group(x *index.Index) { group(x, groupPostings, 0) }

// GroupFrom groups the quotations from the index from on, the ones an
// incremental build added after the others (which keep their
// utterances): each joins the utterances it says the same as, which may
// join two of the earlier ones into one, numbered as Group numbers (by
// its first quotation). The earlier quotations are not compared with
// each other again, so a pair that only a change of the corpus's weights
// would now group stays apart until a full build. It reports false, and
// groups nothing, when the earlier utterances are not numbered as Group
// numbers them (each its first quotation's index).
func GroupFrom(x *index.Index, from int) bool {
	_, ok := GroupAdded(x, from)
	return ok
}

// GroupAdded is GroupFrom returning the engine it grouped with, its
// utterances brought up to date, for BuildDeltaOn: an incremental build
// then makes the engine's tables over the whole corpus once, not twice.
func GroupAdded(x *index.Index, from int) (*Engine, bool) {
	for i := range min(from, len(x.Quotes)) {
		u := x.Quotes[i].Utterance
		if u < 0 || u > i || x.Quotes[u].Utterance != u {
			return nil, false
		}
	}
	e, _ := group(x, groupPostings, from)
	// The only table New makes from the utterances.
	e.byUtt = make([][]int32, len(x.Quotes))
	for qi, q := range x.Quotes {
		e.byUtt[q.Utterance] = append(e.byUtt[q.Utterance], int32(qi))
	}
	return e, true
}

// groupWork counts the work of one grouping, for the tests that check it
// grows linearly with the number of quotations.
type groupWork struct {
	quotations int // distinct texts searched from
	postings   int // postings walked by the candidate searches
	aligned    int // alignments run
}

// group is GroupFrom, walking at most maxPostings postings a quotation;
// it returns the engine it made.
func group(x *index.Index, maxPostings, from int) (*Engine, groupWork) {
	var work groupWork
	for i := range x.Quotes {
		if i >= from {
			x.Quotes[i].Utterance = i
		}
	}
	e := New(x)
	parent := make([]int, len(x.Quotes))
	for i := range parent {
		parent[i] = i
		if i < from {
			parent[i] = x.Quotes[i].Utterance // its group's first quotation, a root
		}
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		if a, b := find(i), find(j); a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	// Word-for-word copies are one utterance; the comparisons below run
	// once per distinct text, from its first attributed copy (rep[first
	// copy]), which keeps syndicated corpora from multiplying the work.
	// Titles and scare quotes ("Face the Nation") recur across unrelated
	// stories: they are no utterance to group (rep -1).
	rep := make([]int32, len(x.Quotes))
	for i := range rep {
		rep[i] = -1
	}
	for i := range x.Quotes {
		if x.Quotes[i].Unattributed {
			continue
		}
		f := e.firstCopy[i]
		if r := rep[f]; r >= 0 {
			union(int(r), i)
		} else {
			rep[f] = int32(i)
		}
	}
	s := groupSearch{e: e, article: make([]int32, len(x.Quotes)), acc: make([]float32, len(x.Quotes)), maxPostings: maxPostings}
	for f, r := range rep {
		s.article[f] = -1
		if r >= 0 {
			s.article[f] = int32(x.Quotes[r].Article)
		}
	}
	day := make([]int, len(x.Articles))
	for ai, a := range x.Articles {
		day[ai] = dayNumber(a.Published)
	}
	var dp []float64
	for i, qi := range x.Quotes {
		if i < from || rep[e.firstCopy[i]] != int32(i) {
			continue
		}
		q := query{ids: e.quotes[i], count: map[int32]int32{}}
		q.w = make([]float64, len(q.ids))
		for k, id := range q.ids {
			q.w[k] = e.weight[id]
			q.total += q.w[k]
			q.count[id]++
		}
		if q.total == 0 {
			continue
		}
		work.quotations++
		for _, c := range s.candidates(q, qi.Article, &work) {
			j := int(rep[c])
			if find(i) == find(j) || !sameOccasion(day[qi.Article], day[x.Quotes[j].Article]) {
				continue
			}
			if q.mayMatch(e.quotes[j], e.weight) && e.same(q, j, &dp, &work) {
				union(i, j)
			}
		}
	}
	for i := range x.Quotes {
		x.Quotes[i].Utterance = find(i)
	}
	return e, work
}

// groupSearch is the grouping's candidate search, with its working memory
// kept for the whole build.
type groupSearch struct {
	e *Engine
	// article holds, for each first copy, the article of the copy compared
	// (rep), or -1: the walk reads it for every posting, and a slice of
	// int32 keeps those reads in cache where the quotations would not.
	article     []int32
	acc         []float32 // first copy → weight shared with the quotation
	maxPostings int
	touched     []int32
	words       []int32
	cands       []cand
	out         []int32
}

// candidates returns the first copies of the distinct texts, of articles
// other than article, that the quotation q may be the same utterance as,
// best shared weight first, at most groupCandidates of them, walking at
// most s.maxPostings postings.
func (s *groupSearch) candidates(q query, article int, work *groupWork) []int32 {
	e := s.e
	s.words = s.words[:0]
	remaining := 0.0 // weight of the distinct words not walked
	for id := range q.count {
		if int(id) < len(e.post) {
			s.words = append(s.words, id)
		}
	}
	// Rarest first; ids break ties so that the walk never depends on map
	// order.
	slices.SortFunc(s.words, func(a, b int32) int {
		if la, lb := len(e.post[a]), len(e.post[b]); la != lb {
			return la - lb
		}
		return int(a - b)
	})
	for _, id := range s.words {
		remaining += e.weight[id]
	}
	// A text covering GroupThreshold of q shares at least (2·GroupThreshold−1)
	// of its weight, since substitutions earn at most half of the rest.
	floor := (2*GroupThreshold - 1) * q.total
	walked := 0
	touched := s.touched[:0]
	for _, id := range s.words {
		post := e.post[id]
		if remaining < floor || walked+len(post) > s.maxPostings {
			break
		}
		walked += len(post)
		remaining -= e.weight[id]
		w := float32(e.weight[id])
		for _, f := range post {
			if a := s.article[f]; a < 0 || a == int32(article) {
				continue
			}
			if s.acc[f] == 0 {
				touched = append(touched, f)
			}
			s.acc[f] += w
		}
	}
	work.postings += walked
	// Keep the texts that could still reach the floor with the words not
	// walked, best shared weight first.
	cands := s.cands[:0]
	for _, f := range touched {
		if shared := s.acc[f]; float64(shared)+remaining >= floor {
			cands = append(cands, cand{f, shared})
		}
		s.acc[f] = 0
	}
	s.touched = touched[:0]
	out := bestFirst(cands, groupCandidates, s.out[:0])
	s.cands = cands[:0]
	s.out = out
	return out
}

// same reports whether quotation j says what q says: word for word when
// either is shorter than MinWords, else each covering GroupThreshold of
// the other.
func (e *Engine) same(q query, j int, dp *[]float64, work *groupWork) bool {
	cand := e.quotes[j]
	if len(q.ids) < MinWords || len(cand) < MinWords {
		if len(q.ids) != len(cand) || len(cand) < 2 {
			return false
		}
		for k := range cand {
			if cand[k] != q.ids[k] {
				return false
			}
		}
		return true
	}
	work.aligned++
	a, d := align(q.ids, cand, q.w, *dp)
	*dp = d
	if a.covered < GroupThreshold*q.total {
		return false
	}
	cw := make([]float64, len(cand))
	total := 0.0
	for k, id := range cand {
		cw[k] = e.weight[id]
		total += cw[k]
	}
	work.aligned++
	b, d := align(cand, q.ids, cw, *dp)
	*dp = d
	return b.covered >= GroupThreshold*total
}

// OccasionDays is how far apart, in days, two articles' publication
// dates may lie for their quotations to be one utterance in other words.
// Reports of one event (a call, a speech, a briefing) come out within a
// few days of it and of each other; a quotation reworded in an article
// published weeks later is, far more often, words said on another
// occasion (the seeds' two Xi–Trump calls, ten weeks apart, both have Xi
// on Taiwan and Trump on "how China feels about the Taiwan question").
// Word-for-word copies are one utterance whatever their dates: a later
// article may quote the earlier words exactly. Undated articles are not
// kept apart: nothing is known of them.
const OccasionDays = 7

// sameOccasion reports whether articles published on days a and b
// (dayNumber; 0 when unknown) may report one occasion.
func sameOccasion(a, b int) bool {
	if a == 0 || b == 0 {
		return true
	}
	d := a - b
	return d <= OccasionDays && d >= -OccasionDays
}

// dayNumber returns the days from 0000-03-01 to an ISO date
// ("2026-02-05", possibly followed by a time), or 0 when s is none. It
// counts as time.Date does, without linking time's zone tables into the
// wasm engine.
func dayNumber(s string) int {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return -1
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:10])
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0
	}
	// Days from civil (Howard Hinnant's algorithm), years from March.
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe + 1
}
