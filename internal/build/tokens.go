package build

import (
	"runtime"
	"sync"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// tokenize sets x's Vocab, ParaTokens and QuoteTokens exactly as
// match.Tokenize does (the same ids, given in order of first use:
// TestTokenizeAsMatch), with two differences that only change how long
// it takes. The words of articles taken from a previous build (from[a] is
// the previous article, or -1) are its ids, renumbered, not the text
// normalized again. And the text of the others is normalized on every
// core, a batch at a time, the ids then given in order on one.
func tokenize(x *index.Index, prev *Previous, from []int) {
	ids := map[string]int32{}
	x.TokensOf, x.Vocab = textnorm.Version, nil
	var remap []int32 // previous id → id, or -1 before its first use
	if prev != nil {
		remap = make([]int32, len(prev.x.Vocab))
		for i := range remap {
			remap[i] = -1
		}
	}
	idOf := func(w string) int32 {
		id, ok := ids[w]
		if !ok {
			id = int32(len(x.Vocab))
			ids[w] = id
			x.Vocab = append(x.Vocab, w)
		}
		return id
	}
	renumber := func(old []int32) []int32 {
		out := make([]int32, len(old))
		for i, o := range old {
			if remap[o] < 0 {
				remap[o] = idOf(prev.x.Vocab[o])
			}
			out[i] = remap[o]
		}
		return out
	}
	toIDs := func(words []string) []int32 {
		out := make([]int32, len(words))
		for i, w := range words {
			out[i] = idOf(w)
		}
		return out
	}

	x.ParaTokens = make([][][]int32, len(x.Articles))
	// words[i] holds the words of the batch's i-th article's paragraphs.
	const batch = 256
	words := make([][][]string, batch)
	for start := 0; start < len(x.Articles); start += batch {
		end := min(start+batch, len(x.Articles))
		parallel(end-start, func(i int) {
			ai := start + i
			if from != nil && from[ai] >= 0 {
				words[i] = nil
				return
			}
			ps := x.Articles[ai].Paragraphs
			words[i] = make([][]string, len(ps))
			for pi, p := range ps {
				words[i][pi] = textnorm.Words(p)
			}
		})
		for ai := start; ai < end; ai++ {
			if from != nil && from[ai] >= 0 {
				old := prev.x.ParaTokens[from[ai]]
				x.ParaTokens[ai] = make([][]int32, len(old))
				for pi, t := range old {
					x.ParaTokens[ai][pi] = renumber(t)
				}
				continue
			}
			ws := words[ai-start]
			x.ParaTokens[ai] = make([][]int32, len(ws))
			for pi, w := range ws {
				x.ParaTokens[ai][pi] = toIDs(w)
			}
		}
	}

	// A quotation's previous tokens: the quotations of an article taken
	// whole are the previous article's, in the same order.
	oldQuote := make([]int, len(x.Quotes))
	cur, k := -1, 0
	for qi, q := range x.Quotes {
		if q.Article != cur {
			cur, k = q.Article, 0
		}
		oldQuote[qi] = -1
		if from != nil && from[cur] >= 0 {
			oldQuote[qi] = prev.quotes[from[cur]] + k
		}
		k++
	}
	x.QuoteTokens = make([][]int32, len(x.Quotes))
	qwords := make([][]string, batch)
	for start := 0; start < len(x.Quotes); start += batch {
		end := min(start+batch, len(x.Quotes))
		parallel(end-start, func(i int) {
			qwords[i] = nil
			if oldQuote[start+i] < 0 {
				qwords[i] = textnorm.Words(x.Quotes[start+i].Text)
			}
		})
		for qi := start; qi < end; qi++ {
			if o := oldQuote[qi]; o >= 0 {
				x.QuoteTokens[qi] = renumber(prev.x.QuoteTokens[o])
			} else {
				x.QuoteTokens[qi] = toIDs(qwords[qi-start])
			}
		}
	}
}

// parallel calls f(0) … f(n-1) on every core and returns when all have
// returned.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
