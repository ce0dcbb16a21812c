package syndicate

import (
	"runtime"
	"slices"
	"sync"
	"unicode/utf8"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// Reuse is measured on word shingles: runs of shingleLen normalized words,
// hashed; one in sampleEvery is kept (by hash, so two articles keep the
// same ones), which halves the work and memory of a large corpus.
const (
	shingleLen  = 5
	sampleEvery = 2
	// minShingles is the sampled shingles an article needs to be compared:
	// a short text shares a few runs of words with many reports.
	minShingles = 12
	// maxCarriers: a shingle held by more articles is a stock phrase or
	// page furniture, not evidence that one copies another.
	maxCarriers = 16
)

// Threshold is the containment from which one article is taken to reuse
// another's text: the share of the smaller article's sampled shingles
// that the other holds, quotations left out. Independent reports of one
// event stay far below it (BASIL's 100 events x 3 outlets: at most 0.12;
// with the quotations counted, 0.45 and 5 pairs over 0.3),
// a rewrite of another outlet's report above it (Vidia News of the
// BBC report The Rising Nepal carries: 0.40); TestBASILIndependent and
// TestSeedReuse print both.
const Threshold = 0.3

// Pair is two articles of different outlets whose texts share shingles.
type Pair struct {
	A, B        int     // articles, A < B
	Shared      int     // sampled shingles both hold
	Containment float64 // Shared over the smaller article's sampled shingles
}

// Pairs returns every pair of articles of different outlets that share a
// sampled shingle, with its containment, in order of A then B.
func Pairs(x *index.Index) []Pair { return pairs(x, Shingles(x)) }

// Shingles returns each article's sampled shingles, sorted and distinct,
// on every core (normalizing the text is most of the work).
func Shingles(x *index.Index) [][]uint64 { return ShinglesKnown(x, nil) }

// ShinglesKnown is Shingles taking known[a], when not nil, as article a's
// (an incremental build knows those of the articles it takes unchanged).
func ShinglesKnown(x *index.Index, known [][]uint64) [][]uint64 {
	sh := make([][]uint64, len(x.Articles))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ai := w; ai < len(x.Articles); ai += workers {
				if ai < len(known) && known[ai] != nil {
					sh[ai] = known[ai]
				} else {
					sh[ai] = articleShingles(x, ai)
				}
			}
		}()
	}
	wg.Wait()
	return sh
}

// pairs is Pairs over the articles' shingles sh.
func pairs(x *index.Index, sh [][]uint64) []Pair {
	type post struct {
		h  uint64
		ai int32
	}
	// Outlets by number, so that pairs compare them cheaply.
	outlet := make([]int32, len(x.Articles))
	outlets := map[string]int32{}
	var posts []post
	sizes := make([]int, len(x.Articles))
	for ai, a := range x.Articles {
		k := key(a.Outlet)
		id, ok := outlets[k]
		switch {
		case k == "": // an article with no outlet is an outlet of its own
			id = -1 - int32(ai)
		case !ok:
			id = int32(len(outlets))
			outlets[k] = id
		}
		outlet[ai] = id
		if len(sh[ai]) < minShingles {
			continue
		}
		sizes[ai] = len(sh[ai])
		for _, h := range sh[ai] {
			posts = append(posts, post{h, int32(ai)})
		}
	}
	slices.SortFunc(posts, func(a, b post) int {
		if a.h != b.h {
			if a.h < b.h {
				return -1
			}
			return 1
		}
		return int(a.ai - b.ai)
	})
	shared := map[[2]int32]int{}
	for i := 0; i < len(posts); {
		j := i
		for j < len(posts) && posts[j].h == posts[i].h {
			j++
		}
		if run := posts[i:j]; len(run) > 1 && len(run) <= maxCarriers {
			for p := range run {
				for q := p + 1; q < len(run); q++ {
					a, b := run[p].ai, run[q].ai
					if outlet[a] != outlet[b] {
						shared[[2]int32{a, b}]++
					}
				}
			}
		}
		i = j
	}
	out := make([]Pair, 0, len(shared))
	for k, n := range shared {
		a, b := int(k[0]), int(k[1])
		out = append(out, Pair{A: a, B: b, Shared: n, Containment: float64(n) / float64(min(sizes[a], sizes[b]))})
	}
	slices.SortFunc(out, func(p, q Pair) int {
		if p.A != q.A {
			return p.A - q.A
		}
		return p.B - q.B
	})
	return out
}

// addedPairs returns the pairs of pairs(x, sh) that hold an article from
// from on, in the same order, comparing only the shingles those hold.
func addedPairs(x *index.Index, sh [][]uint64, from int) []Pair {
	outlet := make([]string, len(x.Articles))
	for ai, a := range x.Articles {
		outlet[ai] = key(a.Outlet)
	}
	sameOutlet := func(a, b int32) bool { return outlet[a] != "" && outlet[a] == outlet[b] }
	added := map[uint64][]int32{} // a shingle of an added article → the added articles holding it
	for ai := from; ai < len(x.Articles); ai++ {
		if len(sh[ai]) >= minShingles {
			for _, h := range sh[ai] {
				added[h] = append(added[h], int32(ai))
			}
		}
	}
	// A bit per added shingle, for the walk over every earlier article's:
	// nearly all of those are no added one's, and testing a bit costs a
	// fraction of asking the map (0.5 s of an increment's CPU at 100,000
	// articles went to asking).
	var filter [filterBits / 64]uint64
	for h := range added {
		b := filterBit(h)
		filter[b>>6] |= 1 << (b & 63)
	}
	earlier := map[uint64][]int32{} // the same shingles → the earlier articles holding them
	for ai := 0; ai < from && ai < len(sh); ai++ {
		if len(sh[ai]) >= minShingles {
			for _, h := range sh[ai] {
				if b := filterBit(h); filter[b>>6]&(1<<(b&63)) == 0 {
					continue
				}
				if _, ok := added[h]; ok {
					earlier[h] = append(earlier[h], int32(ai))
				}
			}
		}
	}
	shared := map[[2]int32]int{}
	for h, late := range added {
		run := append(slices.Clone(earlier[h]), late...) // increasing
		if len(run) < 2 || len(run) > maxCarriers {
			continue
		}
		for p := range run {
			for q := max(p+1, len(run)-len(late)); q < len(run); q++ {
				if a, b := run[p], run[q]; !sameOutlet(a, b) {
					shared[[2]int32{a, b}]++
				}
			}
		}
	}
	out := make([]Pair, 0, len(shared))
	for k, n := range shared {
		a, b := int(k[0]), int(k[1])
		out = append(out, Pair{A: a, B: b, Shared: n, Containment: float64(n) / float64(min(len(sh[a]), len(sh[b])))})
	}
	slices.SortFunc(out, func(p, q Pair) int {
		if p.A != q.A {
			return p.A - q.A
		}
		return p.B - q.B
	})
	return out
}

// filterBits sizes addedPairs' filter: 128 KB, a few hundredths of its
// bits set by a day's articles.
const (
	filterLog  = 20
	filterBits = 1 << filterLog
)

// filterBit is the filter's bit for shingle h, from its high bits after a
// multiplication (the shingles are sampled by their value).
func filterBit(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> (64 - filterLog) }

// articleShingles returns the sampled shingle hashes of article ai's
// narrative, sorted and distinct: its paragraphs without the words in
// quotation marks. Independent reports of one event quote the same
// people in the same words; a copy shares the words around them too.
func articleShingles(x *index.Index, ai int) []uint64 {
	var out []uint64
	for _, p := range x.Articles[ai].Paragraphs {
		for _, seg := range narrative(p) {
			words := textnorm.Words(seg)
			hs := make([]uint64, len(words))
			for i, w := range words {
				hs[i] = fnv64(w)
			}
			for i := 0; i+shingleLen <= len(hs); i++ {
				v := uint64(shingleLen)
				for _, h := range hs[i : i+shingleLen] {
					v = mix(v*31 + h)
				}
				if v%sampleEvery == 0 {
					out = append(out, v)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// narrative returns the runs of p outside quotation marks; no shingle
// spans a quotation.
func narrative(p string) []string {
	var out []string
	in, start := false, 0
	for i, r := range p {
		open, close := r == '\u201C' || r == '\u201E' || r == '\u00AB', r == '\u201D' || r == '\u00BB'
		if r == '"' {
			open, close = !in, in
		}
		switch {
		case open && !in:
			out = append(out, p[start:i])
			in = true
		case close && in:
			in, start = false, i+utf8.RuneLen(r)
		}
	}
	if !in {
		out = append(out, p[start:])
	}
	return out
}

// fnv64 is the FNV-1a hash of w.
func fnv64(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	return h
}

// mix is splitmix64's finalizer: every bit of the input moves the output.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
