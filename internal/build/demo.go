package build

import (
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"

	"quotetrail/internal/index"
)

// demoArticle is what the demo page shows of one article. Quotation spans
// are in UTF-16 code units, the unit of JavaScript string offsets.
type demoArticle struct {
	Stem       string   `json:"stem"`
	Outlet     string   `json:"outlet"`
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Byline     string   `json:"byline"`
	Published  string   `json:"published"`
	Paragraphs []string `json:"paragraphs"`
	Quotes     [][3]int `json:"quotes"` // paragraph, start, end
}

// DemoData returns the articles.json that the demo page reads: the
// articles' text and where their quotations are.
func DemoData(x *index.Index) []byte {
	out := make([]demoArticle, len(x.Articles))
	for i, a := range x.Articles {
		out[i] = demoArticle{Stem: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Byline: a.Byline,
			Published: a.Published, Paragraphs: a.Paragraphs, Quotes: [][3]int{}}
	}
	for _, q := range x.Quotes {
		p := x.Articles[q.Article].Paragraphs[q.Paragraph]
		out[q.Article].Quotes = append(out[q.Article].Quotes, [3]int{q.Paragraph, utf16Len(p[:q.Start]), utf16Len(p[:q.End])})
	}
	b, _ := json.Marshal(out) // plain structs of strings and ints: cannot fail
	return b
}

func utf16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}
