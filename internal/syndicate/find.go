package syndicate

import "quotetrail/internal/index"

// Find returns, for each article of x, what it is a copy of: the outlet
// its credit names, the article whose text it closely reuses (the one it
// shares most with, above Threshold), and its report (the first article
// of its group: articles joined by reuse, or crediting the same outlet).
func Find(x *index.Index) []index.Syndication {
	n := len(x.Articles)
	out := make([]index.Syndication, n)
	parent := make([]int, n)
	for i := range out {
		out[i] = index.Syndication{Reuses: -1, Report: i}
		parent[i] = i
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
		name := Credit(a.Outlet, a.URL, a.Byline, a.Paragraphs)
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
	best := make([]float64, n)
	for _, p := range Pairs(x) {
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
	return out
}
