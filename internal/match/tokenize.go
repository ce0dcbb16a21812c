package match

import (
	"runtime"
	"sync"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// Known are words already known as ids into Vocab (a previous build's),
// for TokenizeKnown: Paras[a] for article a of the index being tokenized
// and Quotes[q] for its quotation q, nil where the text must be
// normalized.
type Known struct {
	Vocab  []string
	Paras  [][][]int32
	Quotes [][]int32
}

// Tokenize sets x's Vocab, ParaTokens and QuoteTokens: the normalized
// words of every paragraph and quotation as ids, for the index to carry so
// that the engine loads without tokenizing.
func Tokenize(x *index.Index) { TokenizeKnown(x, nil) }

// TokenizeKnown is Tokenize taking the words known (when not nil) instead
// of normalizing their text again, as an incremental build does. Ids are
// given in order of first use either way, so the result is Tokenize's.
// Text is normalized on every core a batch at a time, the ids then given
// in order on one.
func TokenizeKnown(x *index.Index, known *Known) {
	ids := map[string]int32{}
	x.TokensOf, x.Vocab = textnorm.Version, nil
	var remap []int32 // known id → id, or -1 before its first use
	if known != nil {
		remap = make([]int32, len(known.Vocab))
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
				remap[o] = idOf(known.Vocab[o])
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
	knownPara := func(ai int) [][]int32 {
		if known == nil || ai >= len(known.Paras) {
			return nil
		}
		return known.Paras[ai]
	}
	knownQuote := func(qi int) []int32 {
		if known == nil || qi >= len(known.Quotes) {
			return nil
		}
		return known.Quotes[qi]
	}

	const batch = 256
	x.ParaTokens = make([][][]int32, len(x.Articles))
	words := make([][][]string, batch) // the batch's articles' paragraphs, normalized
	for start := 0; start < len(x.Articles); start += batch {
		end := min(start+batch, len(x.Articles))
		parallel(end-start, func(i int) {
			words[i] = nil
			if knownPara(start+i) != nil {
				return
			}
			ps := x.Articles[start+i].Paragraphs
			words[i] = make([][]string, len(ps))
			for pi, p := range ps {
				words[i][pi] = textnorm.Words(p)
			}
		})
		for ai := start; ai < end; ai++ {
			if old := knownPara(ai); old != nil {
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
	x.QuoteTokens = make([][]int32, len(x.Quotes))
	qwords := make([][]string, batch)
	for start := 0; start < len(x.Quotes); start += batch {
		end := min(start+batch, len(x.Quotes))
		parallel(end-start, func(i int) {
			qwords[i] = nil
			if knownQuote(start+i) == nil {
				qwords[i] = textnorm.Words(x.Quotes[start+i].Text)
			}
		})
		for qi := start; qi < end; qi++ {
			if old := knownQuote(qi); old != nil {
				x.QuoteTokens[qi] = renumber(old)
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
