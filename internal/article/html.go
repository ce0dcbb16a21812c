package article

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Parse reads an HTML news page.
func Parse(data []byte) (*Article, error) { return ParseHTTP(data, "text/html") }

// ParseHTTP reads an HTML news page that came with an HTTP Content-Type
// (a WARC response's): its charset parameter, when the page is not
// UTF-8, comes before the page's own declaration, as in a browser.
func ParseHTTP(data []byte, contentType string) (*Article, error) {
	data, err := decode(data, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	a := &Article{}
	readMetadata(doc, a)
	a.Paragraphs = bodyParagraphs(doc)
	if len(a.Paragraphs) == 0 {
		return nil, ErrNoArticle
	}
	if err := checkLanguage(a.Paragraphs); err != nil {
		return nil, err
	}
	return a, nil
}

// articleTypes are the schema.org types whose JSON-LD describes the article
// itself rather than the site or a breadcrumb.
var articleTypes = map[string]bool{
	"NewsArticle": true, "Article": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "BlogPosting": true,
	"BackgroundNewsArticle": true, "LiveBlogPosting": true, "ScholarlyArticle": true,
	"Report": true, "TechArticle": true, "SocialMediaPosting": true,
}

// readMetadata fills a from, in order of trust: JSON-LD, meta tags, and the
// visible page. A later source only fills what an earlier one left empty.
func readMetadata(doc *goquery.Document, a *Article) {
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(s.Text())), &v) != nil {
			return
		}
		walkLD(v, func(obj map[string]any) {
			fill(&a.Title, ldString(obj["headline"]))
			fill(&a.Published, ldString(obj["datePublished"]))
			fill(&a.Byline, names(obj["author"]))
			fill(&a.Outlet, names(obj["publisher"]))
			fill(&a.URL, ldString(obj["url"]))
			if m, ok := obj["mainEntityOfPage"].(map[string]any); ok {
				fill(&a.URL, ldString(m["@id"]))
			}
		})
	})
	// One pass over the meta tags: a selector per key would compile and
	// scan the document thirty times.
	metas := map[string]string{}
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		v := cleanSpace(s.AttrOr("content", ""))
		for _, attr := range []string{"property", "name", "itemprop"} {
			if k, ok := s.Attr(attr); ok && v != "" {
				if _, seen := metas[k]; !seen {
					metas[k] = v
				}
			}
		}
	})
	meta := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return v
			}
		}
		return ""
	}
	fill(&a.Title, meta("og:title", "twitter:title", "dc.title", "DC.title", "headline", "parsely-title", "sailthru.title"))
	fill(&a.Outlet, meta("og:site_name", "application-name", "publisher", "dc.publisher", "DC.publisher"))
	fill(&a.Published, meta("article:published_time", "datePublished", "pubdate", "publishdate", "publish-date", "date", "dc.date", "DC.date.issued", "parsely-pub-date", "sailthru.date", "og:article:published_time"))
	if author := meta("author", "article:author", "dc.creator", "DC.creator", "parsely-author", "sailthru.author", "byl"); !strings.HasPrefix(author, "http") {
		fill(&a.Byline, author)
	}
	fill(&a.URL, doc.Find(`link[rel="canonical"]`).First().AttrOr("href", ""))
	fill(&a.URL, meta("og:url"))

	fill(&a.Title, siteless(cleanSpace(doc.Find("title").First().Text()), a.Outlet))
	fill(&a.Title, cleanSpace(doc.Find("h1").First().Text()))
	fill(&a.Byline, cleanSpace(doc.Find(`[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline__name, .author-name`).First().Text()))
	if t, ok := doc.Find("article time[datetime], time[datetime]").First().Attr("datetime"); ok {
		fill(&a.Published, t)
	}

	a.Title = siteless(a.Title, a.Outlet)
	a.Byline = strings.TrimSpace(byPrefix.ReplaceAllString(a.Byline, ""))
	a.Published = isoDate(a.Published)
	// Only web addresses: a page must not plant a javascript: link in the
	// card.
	if !webAddress(a.URL) {
		a.URL = ""
	}
}

var byPrefix = regexp.MustCompile(`^(?i)by\s+`)

// siteless removes the outlet's name from a page title ("Headline - The
// Outlet", "The Outlet | Headline") and returns "" when nothing else is left.
func siteless(title, outlet string) string {
	if outlet == "" {
		return title
	}
	if strings.EqualFold(title, outlet) {
		return ""
	}
	for _, sep := range []string{" - ", " | ", " – ", " — ", " :: "} {
		if t, ok := strings.CutSuffix(title, sep+outlet); ok {
			return strings.TrimSpace(t)
		}
		if t, ok := strings.CutPrefix(title, outlet+sep); ok {
			return strings.TrimSpace(t)
		}
	}
	return title
}

// isoDate reduces a published time to its date, YYYY-MM-DD. A value that
// does not start with a date is dropped rather than shown wrongly.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if _, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return s[:10]
		}
	}
	for _, layout := range []string{time.RFC1123, time.RFC1123Z, "January 2, 2006", "Jan 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// Fill sets the fields of a that are still empty from m, normalised as
// the page's own values are: white space collapsed, the date as
// YYYY-MM-DD (or nothing), the URL only when it is a web address. What
// the page says of itself comes first: a WARC record's target URI or a
// JSON line's url only stands in for a page that names no URL.
func (a *Article) Fill(m Article) {
	fill(&a.Outlet, m.Outlet)
	fill(&a.Title, m.Title)
	fill(&a.Byline, m.Byline)
	if a.Published == "" {
		a.Published = isoDate(m.Published)
	}
	if a.URL == "" && webAddress(strings.TrimSpace(m.URL)) {
		a.URL = strings.TrimSpace(m.URL)
	}
}

// webAddress reports whether s is an http or https URL with a host.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = cleanSpace(v)
	}
}

// walkLD calls f for each JSON-LD object of an article type, looking into
// arrays and @graph.
func walkLD(v any, f func(map[string]any)) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkLD(e, f)
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			f(x)
		}
		if g, ok := x["@graph"]; ok {
			walkLD(g, f)
		}
	}
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[x]
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && articleTypes[s] {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	}
	return ""
}

// names reads a person or organization value: a string, an object with a
// name, or a list of those, joined as a reader writes them ("A, B and C").
func names(v any) string {
	var out []string
	var add func(any)
	add = func(v any) {
		switch x := v.(type) {
		case string:
			if x != "" && !strings.HasPrefix(x, "http") {
				out = append(out, cleanSpace(x))
			}
		case map[string]any:
			add(x["name"])
		case []any:
			for _, e := range x {
				add(e)
			}
		}
	}
	add(v)
	return JoinNames(out)
}

// JoinNames joins names as a reader writes them: "A", "A and B",
// "A, B and C"; "" for none.
func JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
