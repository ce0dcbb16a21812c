package scale

import (
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"quotetrail/internal/index"
)

// PageName is the file name of article i. Zero-padded so that a listing
// sorts in article order at every size the harness builds.
func PageName(i int) string { return fmt.Sprintf("a%06d.html", i) }

// published spreads the articles over 2016, one day per article in turn,
// so that dates differ as in a real newsroom archive.
func published(i int) string {
	return time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC).AddDate(0, 0, i%366).Format("2006-01-02")
}

// title is the first words of the article's first paragraph: generated
// articles have none, and both tools show a title on their result.
func title(a index.Article) string {
	if len(a.Paragraphs) == 0 {
		return a.Outlet
	}
	w := strings.Fields(a.Paragraphs[0])
	if len(w) > 10 {
		w = append(w[:10], "…")
	}
	return strings.Join(w, " ")
}

// Page renders article i of x as a news page. The metadata is what
// quotetrail's reader takes (og:site_name, og:url, article:published_time,
// author) and Pagefind's meta attributes name the same outlet and date, so
// both tools index the same article with the same facts.
func Page(x *index.Index, i int) []byte {
	a := x.Articles[i]
	e := html.EscapeString
	var b strings.Builder
	t := title(a)
	date := published(i)
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%s – %s</title>
<meta property="og:site_name" content="%s" data-pagefind-meta="outlet[content]">
<meta property="og:url" content="https://scale.invalid/%s">
<meta property="article:published_time" content="%sT06:00:00Z" data-pagefind-meta="date[content]">
<meta name="author" content="%s Staff">
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
<main><article data-pagefind-body>
<h1>%s</h1>
<p class="byline">By %s Staff</p>
`, e(t), e(a.Outlet), e(a.Outlet), PageName(i), date, e(a.Outlet), e(t), e(a.Outlet))
	for _, p := range a.Paragraphs {
		b.WriteString("<p>")
		b.WriteString(e(p))
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(&b, "</article></main>\n<footer><p>© %s</p></footer>\n</body></html>\n", e(a.Outlet))
	return []byte(b.String())
}

// WritePages writes every article of x into dir (created) as PageName(i).
func WritePages(dir string, x *index.Index) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range x.Articles {
		if err := os.WriteFile(filepath.Join(dir, PageName(i)), Page(x, i), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Lookups returns n distinct selections cut from x's quotations, seeded:
// runs of 6 to 12 consecutive words of a quotation of at least 6 words, as
// a reader selects part of a quotation. Both tools look up the same list.
// Fewer than n come back when the quotations do not hold n distinct runs.
func Lookups(x *index.Index, n int, seed uint64) []string {
	var long []int
	for i, q := range x.Quotes {
		if len(strings.Fields(q.Text)) >= 6 {
			long = append(long, i)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5ca1e))
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && len(long) > 0 && tries < 100*n; tries++ {
		words := strings.Fields(x.Quotes[long[rng.IntN(len(long))]].Text)
		k := min(len(words), 6+rng.IntN(7))
		from := rng.IntN(len(words) - k + 1)
		sel := strings.Join(words[from:from+k], " ")
		if !seen[sel] {
			seen[sel] = true
			out = append(out, sel)
		}
	}
	return out
}
