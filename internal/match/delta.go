package match

import (
	"errors"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// An incremental build adds articles to a folder index without writing
// the base's parts again: the base is a full build's folder (BuildFolder)
// and the delta holds, in parts of its own, what the articles added since
// changed, each whole: every utterance that has a quotation of theirs
// (its quotations of the base too, since the utterance gained members or
// joined another), every paragraph text they print (with all its places),
// and the postings of those, which take the place of the base's for them.
// Its entry, written beside the base's in entry.qtf, gives the corpus's
// counts, common words and the weights of the words it holds as they are
// now; a word it does not hold kept its count, so its weight moved only by
// the corpus's size, which the reader adds (Folder.shift). A lookup reads
// each word's chunk from the base and from the delta, and the delta's
// shards before the base's (parts.go).
//
// What a delta answers differently from a full build of the same
// articles: the base's quotations keep the summed weights and fragment
// floors the base gave them where the delta changed a word's count, and
// the earlier quotations are not grouped again (GroupFrom). The lookup
// sets, BASIL and generated corpora answer alike (delta_test.go).

// BuildDelta returns the parts of the delta of x over base (a full
// build's entry, with no delta) and the entry.qtf that names both. x holds
// the base's articles and quotations first, with the base's ids and token
// ids (TokenizeAdded), then the added ones, grouped by GroupFrom.
// touched lists earlier articles whose card metadata (their syndication)
// the added ones changed: their utterances and paragraphs are written in
// the delta too.
func BuildDelta(x *index.Index, base *index.Entry, touched []int, opt FolderOptions) (map[string][]byte, error) {
	return buildDelta(x, nil, base, touched, nil, opt)
}

// BuildDeltaOn is BuildDelta with the engine GroupAdded returned for its
// index; requoted lists earlier quotations whose card fields (a
// speaker's corpus name) the added articles changed: their utterances
// are written in the delta too, not their articles' paragraphs.
func BuildDeltaOn(e *Engine, base *index.Entry, touched, requoted []int, opt FolderOptions) (map[string][]byte, error) {
	return buildDelta(e.x, e, base, touched, requoted, opt)
}

func buildDelta(x *index.Index, e *Engine, base *index.Entry, touched, requoted []int, opt FolderOptions) (map[string][]byte, error) {
	switch {
	case base.Delta != nil:
		return nil, errors.New("a delta is built over a full build's entry, not over another delta")
	case base.TokensOf != textnorm.Version || x.TokensOf != textnorm.Version:
		return nil, errors.New("the base was tokenized by another normalization")
	case len(x.Articles) < base.Articles || len(x.Quotes) < base.Quotes || len(x.Vocab) < base.Vocab:
		return nil, errors.New("the index holds less than the base")
	}
	if len(x.Articles) == base.Articles && len(touched) == 0 && len(requoted) == 0 {
		return map[string][]byte{index.EntryName: index.MarshalEntry(base)}, nil // nothing added: the base alone
	}
	if e == nil {
		e = New(x)
	}
	return buildFolder(e, opt, base, touched, requoted), nil
}

// TokenizeAdded tokenizes the articles from article on and the quotations
// from quote on of an index whose earlier ones are tokenized, keeping
// every id: a word the vocabulary lacks gets the next one.
func TokenizeAdded(x *index.Index, article, quote int) {
	ids := make(map[string]int32, len(x.Vocab))
	for i, w := range x.Vocab {
		ids[w] = int32(i)
	}
	toIDs := func(text string) []int32 {
		words := textnorm.Words(text)
		out := make([]int32, len(words))
		for i, w := range words {
			id, ok := ids[w]
			if !ok {
				id = int32(len(x.Vocab))
				ids[w] = id
				x.Vocab = append(x.Vocab, w)
			}
			out[i] = id
		}
		return out
	}
	x.TokensOf = textnorm.Version
	x.ParaTokens = x.ParaTokens[:min(article, len(x.ParaTokens))]
	for _, a := range x.Articles[article:] {
		ps := make([][]int32, len(a.Paragraphs))
		for i, p := range a.Paragraphs {
			ps[i] = toIDs(p)
		}
		x.ParaTokens = append(x.ParaTokens, ps)
	}
	x.QuoteTokens = x.QuoteTokens[:min(quote, len(x.QuoteTokens))]
	for _, q := range x.Quotes[quote:] {
		x.QuoteTokens = append(x.QuoteTokens, toIDs(q.Text))
	}
}
