package syndicate

import "quotetrail/internal/index"

// Find returns, for each article of x, what it is a copy of: the outlet
// its credit names, the article whose text it closely reuses (the one it
// shares most with, above Threshold), and its report (the first article
// of its group: articles joined by reuse, or crediting the same outlet).
func Find(x *index.Index) []index.Syndication { return FindAll(x).Syndication }

// Found is what Find finds, with what Added needs to go on from it.
type Found struct {
	Syndication []index.Syndication
	Shingles    [][]uint64 // each article's sampled shingles, sorted and distinct
	Best        []float64  // the containment of the article each reuses (0 when none)
}

// FindAll is Find, keeping the shingles and containments.
func FindAll(x *index.Index) Found { return FindKnown(x, nil) }

// FindKnown is FindAll taking the shingles known (ShinglesKnown).
func FindKnown(x *index.Index, known [][]uint64) Found {
	sh := ShinglesKnown(x, known)
	return settle(x, Found{}, pairs(x, sh), sh)
}

// Added is FindAll for x whose articles before len(prev.Syndication) are
// the ones prev was found for, unchanged, in the same order: only the
// added articles are read, and only the pairs that hold one of them are
// compared (their text with every article's shingles, which prev keeps).
// The earlier articles' records change only where an added article is a
// closer copy of one, or joins its report to another. One thing differs
// from FindAll: a shingle that an added article makes too common
// (maxCarriers) still counts for two earlier articles that share it.
func Added(x *index.Index, prev Found) Found {
	from := len(prev.Syndication)
	sh := make([][]uint64, len(x.Articles))
	copy(sh, prev.Shingles)
	for ai := from; ai < len(x.Articles); ai++ {
		sh[ai] = articleShingles(x, ai)
	}
	return settle(x, prev, addedPairs(x, sh, from), sh)
}

// settle finds the records of x from the pairs ps, going on from prev's
// records of its first articles (none for a whole corpus).
func settle(x *index.Index, prev Found, ps []Pair, sh [][]uint64) Found {
	n := len(x.Articles)
	from := len(prev.Syndication)
	out := make([]index.Syndication, n)
	best := make([]float64, n)
	parent := make([]int, n)
	for i := range out {
		out[i] = index.Syndication{Reuses: -1, Report: i}
		parent[i] = i
		if i < from {
			out[i], best[i], parent[i] = prev.Syndication[i], prev.Best[i], prev.Syndication[i].Report
		}
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	join := func(a, b int) {
		ra, rb := root(a), root(b)
		if ra > rb {
			ra, rb = rb, ra
		}
		parent[rb] = ra // the first article is the root
	}
	credited := map[string]int{} // an outlet's key → the first article crediting it
	for i, a := range x.Articles {
		name := out[i].Republishes
		if i >= from {
			name = Credit(a.Outlet, a.URL, a.Byline, a.Paragraphs)
		}
		if name == "" {
			continue
		}
		out[i].Republishes = name
		if first, ok := credited[key(name)]; ok {
			join(first, i)
		} else {
			credited[key(name)] = i
		}
	}
	for _, p := range ps {
		if p.Containment < Threshold {
			continue
		}
		join(p.A, p.B)
		// Each article names the one it shares most with; the later
		// reuses the earlier, and on the same or an unknown date they
		// share their text.
		da, db := x.Articles[p.A].Published, x.Articles[p.B].Published
		for _, s := range [][2]int{{p.A, p.B}, {p.B, p.A}} {
			self, other := s[0], s[1]
			ds, do := da, db
			if self == p.B {
				ds, do = db, da
			}
			shared := ds == "" || do == "" || ds == do
			if !shared && ds < do {
				continue // the earlier article reuses nothing of the later
			}
			if p.Containment > best[self] {
				best[self] = p.Containment
				out[self].Reuses, out[self].Shared = other, shared
			}
		}
	}
	for i := range out {
		out[i].Report = root(i)
	}
	return Found{Syndication: out, Shingles: sh, Best: best}
}
