package match

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
}

// Entries describes a result's matches in the contract's terms.
func (e *Engine) Entries(res Result) []Entry {
	out := make([]Entry, 0, len(res.Matches))
	for _, m := range res.Matches {
		a := e.x.Articles[m.Article]
		en := Entry{Article: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Published: a.Published,
			Match: m.Kind, Score: m.Score}
		if m.Quote >= 0 {
			q := e.x.Quotes[m.Quote]
			en.Quote, en.Speaker, en.Channel, en.Cue = q.Text, q.Speaker, q.Channel, q.Cue
			en.Attribution, en.Inferred = q.Attribution, q.Inferred
		} else {
			en.Quote = e.textAround(res.Query, m.Article)
		}
		out = append(out, en)
	}
	return out
}

// textAround returns the paragraph of an article that holds the selection
// as plain text.
func (e *Engine) textAround(sel string, ai int) string {
	q := e.prepare(sel)
	for pi, p := range e.paras[ai] {
		if containsRun(p, q.ids) {
			return e.x.Articles[ai].Paragraphs[pi]
		}
	}
	return ""
}
