package scale

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// Reveal is what the requests of lookups over a folder index tell the
// index's host about the selections: a host sees the names of the parts
// fetched, and knows what each part holds. Measured on the folder on
// disk, each lookup cold (a fresh Folder), as the widget fetches.
type Reveal struct {
	Lookups int
	// ChunkWords: per term chunk a lookup requested, the words it holds,
	// any of which the selection may hold (a common word's own chunk,
	// which names its word, is counted in CommonLookups instead).
	ChunkWords []float64
	// CommonLookups: lookups that requested the chunk of a common word.
	CommonLookups int
	// ChunkPrints: per fingerprint chunk requested, the fingerprints it
	// holds; WordChunks likewise the words of a paragraph postings chunk.
	ChunkPrints, WordChunkWords []float64
	// Quotes, Utterances: per lookup, the quotations (and utterances) in
	// the quotation shards it fetched: the selection is one of them or
	// close to one.
	Quotes, Utterances []float64
	// Paras: per lookup, the paragraph texts in the paragraph shards it
	// fetched.
	Paras []float64
}

// MeasureReveal looks up every selection over the folder index in dir.
func MeasureReveal(dir string, sels []string) (Reveal, error) {
	var r Reveal
	entry, err := os.ReadFile(filepath.Join(dir, index.EntryName))
	if err != nil {
		return r, err
	}
	en, err := index.ReadEntry(entry)
	if err != nil {
		return r, err
	}
	common := map[string]bool{}
	for _, c := range en.Common {
		common[index.PartName(index.KindChunk, c.Hash)] = true
	}
	for _, sel := range sels {
		f, err := match.OpenFolder(entry)
		if err != nil {
			return r, err
		}
		var quotes, paras float64
		utts := map[int32]bool{}
		named := false
		_, _, err = f.Lookup(sel, func(names []string) ([][]byte, error) {
			out := make([][]byte, len(names))
			for i, name := range names {
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					return nil, err
				}
				out[i] = data
				switch name[0] {
				case index.KindChunk:
					if common[name] {
						named = true
					} else if c, err := index.ReadChunk(data); err == nil {
						r.ChunkWords = append(r.ChunkWords, float64(len(c.Terms)))
					}
				case index.KindWords:
					if c, err := index.ReadWords(data); err == nil {
						r.WordChunkWords = append(r.WordChunkWords, float64(len(c.Terms)))
					}
				case index.KindPrints:
					if c, err := index.ReadPrints(data); err == nil {
						r.ChunkPrints = append(r.ChunkPrints, float64(len(c.Prints)))
					}
				case index.KindQuotes:
					if s, err := index.ReadQuoteShard(data); err == nil {
						quotes += float64(len(s.Quotes))
						for _, q := range s.Quotes {
							utts[q.Utterance] = true
						}
					}
				case index.KindParas:
					if s, err := index.ReadParaShard(data); err == nil {
						paras += float64(len(s.Paras))
					}
				}
			}
			return out, nil
		})
		if err != nil {
			return r, fmt.Errorf("%q: %w", sel, err)
		}
		r.Lookups++
		if named {
			r.CommonLookups++
		}
		r.Quotes = append(r.Quotes, quotes)
		r.Utterances = append(r.Utterances, float64(len(utts)))
		r.Paras = append(r.Paras, paras)
	}
	return r, nil
}

// least returns the smallest of xs; 0 for none.
func least(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// Print writes what the requests reveal, as a short paragraph.
func (r Reveal) Print(w io.Writer, corpus string) {
	per := func(xs []float64, what, chunk string) string {
		if len(xs) == 0 {
			return "no lookup requested a " + chunk
		}
		return fmt.Sprintf("each %s holds %.0f %s (median; the fewest %.0f)", chunk, median(xs), what, least(xs))
	}
	fmt.Fprintf(w, "\nWhat the requests of a lookup tell the index's host (%s, %d lookups, each cold): "+
		"%s, any of which the selection may hold; "+
		"%d of %d lookups also requested a common word's own chunk, which names that word; "+
		"%s; %s; "+
		"the quotation shards a lookup fetched hold %.0f quotations of %.0f utterances (medians), the selection's own among them, "+
		"and its paragraph shards %.0f paragraphs. In whole-index mode every reader fetches the same file and the host learns nothing of the selection.\n",
		corpus, r.Lookups, per(r.ChunkWords, "words", "term chunk requested"), r.CommonLookups, r.Lookups,
		per(r.ChunkPrints, "fingerprints", "fingerprint chunk"), per(r.WordChunkWords, "words", "paragraph postings chunk"),
		median(r.Quotes), median(r.Utterances), median(r.Paras))
}
