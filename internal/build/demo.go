package build

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
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

// Site is what the demo page says of itself and its corpus: `quotetrail
// build -name -about`. Both are shown as text, never as HTML.
type Site struct {
	Name  string // the page's heading and title; empty: the page's own (quotetrail)
	About string // the corpus in a sentence or two; empty: Describe's
}

// demoData is articles.json.
type demoData struct {
	Name  string `json:"name"`
	About string `json:"about"`
	// Example is a quotation of the corpus, the one the most articles
	// carry, for the paste box's placeholder; empty when it has none.
	Example  string        `json:"example"`
	Articles []demoArticle `json:"articles"`
}

// DemoData returns the articles.json that the demo page reads: what the
// page says of its corpus, the articles' text and where their quotations
// are.
func DemoData(x *index.Index, site Site) []byte {
	out := make([]demoArticle, len(x.Articles))
	for i, a := range x.Articles {
		out[i] = demoArticle{Stem: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Byline: a.Byline,
			Published: a.Published, Paragraphs: a.Paragraphs, Quotes: [][3]int{}}
	}
	for _, q := range x.Quotes {
		p := x.Articles[q.Article].Paragraphs[q.Paragraph]
		out[q.Article].Quotes = append(out[q.Article].Quotes, [3]int{q.Paragraph, utf16Len(p[:q.Start]), utf16Len(p[:q.End])})
	}
	about := strings.TrimSpace(site.About)
	if about == "" {
		about = Describe(x)
	}
	b, _ := json.Marshal(demoData{Name: strings.TrimSpace(site.Name), About: about, Example: example(x), Articles: out}) // plain structs of strings and ints: cannot fail
	return b
}

// Describe says what a corpus is from what was built, and nothing else:
// how many articles, from how many named outlets, published when. It is
// the demo page's description when the build was given none, so it must
// hold for any corpus: it names no outlet, and no date that no article
// carries.
func Describe(x *index.Index) string {
	outlets := map[string]bool{}
	unnamed, dated := 0, 0
	var first, last string
	for _, a := range x.Articles {
		if a.Outlet == "" {
			unnamed++
		} else {
			outlets[a.Outlet] = true
		}
		if _, err := time.Parse(time.DateOnly, a.Published); err != nil {
			continue
		}
		dated++
		if first == "" || a.Published < first {
			first = a.Published
		}
		if a.Published > last {
			last = a.Published
		}
	}
	n := len(x.Articles)
	var b strings.Builder
	b.WriteString(count(n, "article", "articles"))
	switch {
	case len(outlets) == 0:
		b.WriteString(", none naming its outlet.")
	case unnamed == 0:
		b.WriteString(" from " + count(len(outlets), "outlet", "outlets") + ".")
	default:
		b.WriteString(" from " + count(len(outlets), "outlet", "outlets") + " (" + count(unnamed, "article", "articles") + " naming none).")
	}
	when := "published on " + first
	if first != last {
		when = "published between " + first + " and " + last
	}
	switch {
	case dated == 0:
		b.WriteString(" No publication dates.")
	case dated == n:
		b.WriteString(" " + strings.ToUpper(when[:1]) + when[1:] + ".")
	default:
		b.WriteString(" " + thousands(dated) + " " + when + "; " + thousands(n-dated) + " undated.")
	}
	return b.String()
}

// count writes n and the noun for one or for more: "1 article",
// "10,000 articles".
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + more
}

// thousands writes n ≥ 0 with thousands separators: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// example returns the quotation the most articles carry (an utterance
// counted once per article), its first printing; the earliest such
// utterance on a tie. Quoted words tied to no speaker (titles, scare
// quotes) and fragments are no example of what a reader looks up.
func example(x *index.Index) string {
	carriers := map[int]map[int]bool{}
	firstOf := map[int]int{}
	best, bestN := -1, 0
	for i, q := range x.Quotes {
		if q.Unattributed || q.Partial {
			continue
		}
		if carriers[q.Utterance] == nil {
			carriers[q.Utterance] = map[int]bool{}
			firstOf[q.Utterance] = i
		}
		carriers[q.Utterance][q.Article] = true
		n := len(carriers[q.Utterance])
		if n > bestN || n == bestN && firstOf[q.Utterance] < firstOf[best] {
			best, bestN = q.Utterance, n
		}
	}
	if best < 0 {
		return ""
	}
	return x.Quotes[firstOf[best]].Text
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
