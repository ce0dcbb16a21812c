package match

import (
	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// Entry is one match as the command line and the widget report it: the
// JSON contract of `quotetrail lookup -json`.
type Entry struct {
	Article     string  `json:"article"`
	Outlet      string  `json:"outlet"`
	URL         string  `json:"url"`
	Title       string  `json:"title"`
	Published   string  `json:"published"`
	Quote       string  `json:"quote"`
	Match       string  `json:"match"`
	Score       float64 `json:"score"`
	Speaker     string  `json:"speaker"`
	Channel     string  `json:"channel"`
	Cue         string  `json:"cue"`
	Attribution string  `json:"attribution"`
	Inferred    bool    `json:"inferred"`
	// Differs lists the words of a variant's quote that the selection does
	// not have, as [start, end) offsets in UTF-16 code units (JavaScript
	// string offsets), so the card can mark them.
	Differs [][2]int `json:"differs,omitempty"`
}

// Entries describes a result's matches in the contract's terms.
func (e *Engine) Entries(res Result) []Entry { return entries(e, res) }

// describer is a corpus that also holds what the card shows: the whole
// index, or the parts of a folder index a lookup read.
type describer interface {
	corpus
	articleMeta(ai int) index.ArticleMeta
	quotation(qi int) (text, speaker, channel, cue, attribution string, inferred bool)
	// textAround returns the first paragraph of article ai that holds the
	// selection's words in order, word for word.
	textAround(q query, ai int) string
}

func entries(d describer, res Result) []Entry {
	out := make([]Entry, 0, len(res.Matches))
	words := res.words
	if words == nil {
		words = selectionWords(res.Query)
	}
	for _, m := range res.Matches {
		a := d.articleMeta(m.Article)
		en := Entry{Article: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Published: a.Published,
			Match: m.Kind, Score: m.Score}
		if m.Quote >= 0 {
			en.Quote, en.Speaker, en.Channel, en.Cue, en.Attribution, en.Inferred = d.quotation(m.Quote)
			if m.Kind == Variant {
				en.Differs = differs(d, prepare(d, words), en.Quote, m.Quote)
			}
		} else {
			en.Quote = d.textAround(prepare(d, words), m.Article)
		}
		out = append(out, en)
	}
	return out
}

func (e *Engine) articleMeta(ai int) index.ArticleMeta {
	a := e.x.Articles[ai]
	return index.ArticleMeta{ID: int32(ai), Stem: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Published: a.Published}
}

func (e *Engine) quotation(qi int) (text, speaker, channel, cue, attribution string, inferred bool) {
	q := e.x.Quotes[qi]
	return q.Text, q.Speaker, q.Channel, q.Cue, q.Attribution, q.Inferred
}

func (e *Engine) textAround(q query, ai int) string {
	for pi, p := range e.paras[ai] {
		if containsRun(p, q.ids) {
			return e.x.Articles[ai].Paragraphs[pi]
		}
	}
	return ""
}

// differs returns the spans of the quotation's words that the alignment
// with the selection leaves unmatched, around the aligned words (the rest
// of a longer quotation is the part the reader did not select).
func differs(c corpus, q query, text string, qi int) [][2]int {
	a, _ := align(q.ids, c.tokens(int32(qi)), q.w, nil)
	toks := textnorm.Tokens(text)
	if len(toks) != len(a.candMatched) {
		return nil // cannot happen: both come from textnorm over the same text
	}
	first, last := -1, -1
	for j, m := range a.candMatched {
		if m {
			if first < 0 {
				first = j
			}
			last = j
		}
	}
	// Reach past the ends by as many words as the selection has beyond
	// its own aligned span: "…with prudence" / "…with caution".
	if first < 0 {
		return nil
	}
	first = max(0, first-a.selFirst)
	last = min(len(toks)-1, last+len(q.ids)-1-a.selLast)
	var out [][2]int
	for j := first; j <= last; j++ {
		if a.candMatched[j] {
			continue
		}
		start, end := utf16Offset(text, toks[j].Start), utf16Offset(text, toks[j].End)
		if n := len(out); n > 0 && out[n-1][1] >= start-1 {
			out[n-1][1] = end // one mark over adjacent words
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// utf16Offset converts a byte offset in s to UTF-16 code units.
func utf16Offset(s string, b int) int {
	n := 0
	for _, r := range s[:b] {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
