package article

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
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
	r := withoutScripts(data)
	doc, err := goquery.NewDocumentFromReader(r)
	r.release() // the parser has read it all
	if err != nil {
		return nil, err
	}
	return fromDocument(doc)
}

// fromDocument reads the article from a parsed page.
func fromDocument(doc *goquery.Document) (*Article, error) {
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
	// One walk of the page finds every element the metadata comes from:
	// a selector each would walk it seven times.
	var ld, metaTags []*html.Node
	var canonical, title, h1, byline, timeTag, timePub *html.Node
	var bylineClass []*html.Node
	// inItem: inside a microdata item embedded in the article (a video, an
	// image, a comment), whose datePublished is that item's.
	var walk func(n *html.Node, inAuthor, inComments, inItem bool)
	walk = func(n *html.Node, inAuthor, inComments, inItem bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if v, ok := attr(n, "type"); ok && v == "application/ld+json" {
					ld = append(ld, n)
				}
			case "meta":
				if _, ok := attr(n, "content"); ok {
					if _, prop := attr(n, "itemprop"); !prop || !inItem {
						metaTags = append(metaTags, n)
					}
				}
			case "link":
				if v, ok := attr(n, "rel"); ok && v == "canonical" && canonical == nil {
					canonical = n
				}
			case "title":
				if title == nil {
					title = n
				}
			case "h1":
				if h1 == nil {
					h1 = n
				}
			case "time":
				// The first <time> marked as the publication's, else the
				// first one not marked as a modification's.
				if _, ok := attr(n, "datetime"); ok && !inComments && !inItem {
					if isPubTime(n) && timePub == nil {
						timePub = n
					} else if timeTag == nil && !isModTime(n) {
						timeTag = n
					}
				}
			}
			e := readElemAttrs(n)
			// The class and id are lowered and searched only when they
			// may hold a word looked for (nameHints), as few do.
			named := e.class != "" || e.id != ""
			hints := nameHints(e.class) | nameHints(e.id)
			if !inComments && named && hints&hintComment != 0 {
				inComments = isComments(strings.ToLower(e.class), strings.ToLower(e.id))
			}
			if !inComments {
				if byline == nil && e.isByline(inAuthor) {
					byline = n
				}
				if named && hints&hintByline != 0 && len(bylineClass) < 8 && n.Data != "body" && n.Data != "html" && isBylineClass(strings.ToLower(e.class), strings.ToLower(e.id)) {
					bylineClass = append(bylineClass, n)
				}
			}
			if e.hasItemprop && e.itemprop == "author" {
				inAuthor = true
			}
			// An item's own itemprop belongs to the item around it; its
			// children's to it.
			if e.hasItemscope {
				inItem = embeddedItem(e.itemtype)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inAuthor, inComments, inItem)
		}
	}
	for _, n := range doc.Nodes {
		walk(n, false, false, false)
	}
	text := func(n *html.Node) string { return doc.FindNodes(n).Text() }

	// ldAuthors: the names of the JSON-LD authors the byline was made
	// from, for writing them as the page's own byline does.
	var ldAuthors []string
	for _, n := range ld {
		var v any
		if json.Unmarshal([]byte(ldText(text(n))), &v) != nil {
			continue
		}
		walkLD(v, func(obj map[string]any) {
			fill(&a.Title, ldString(obj["headline"]))
			fillDate(&a.Published, ldString(obj["datePublished"]))
			if a.Byline == "" {
				ldAuthors = nameList(obj["author"])
				fill(&a.Byline, JoinNames(ldAuthors))
			}
			fill(&a.Outlet, names(obj["publisher"]))
			fill(&a.URL, ldString(obj["url"]))
			if m, ok := obj["mainEntityOfPage"].(map[string]any); ok {
				fill(&a.URL, ldString(m["@id"]))
			}
		})
	}
	// A key's value from a property attribute (RDFa, Open Graph) comes
	// before one from a name or itemprop attribute: pages that give both
	// ("DC.creator" and "dc:creator") give the property for readers that
	// read properties, as readability does.
	metas, nameMetas := map[string]string{}, map[string]string{}
	for _, n := range metaTags {
		content, _ := attr(n, "content")
		v := cleanSpace(content)
		if v == "" {
			continue
		}
		for _, at := range []string{"property", "name", "itemprop"} {
			k, ok := attr(n, at)
			if !ok {
				continue
			}
			// Keys as readability reads them: case aside, "DC.creator"
			// as "dc:creator", and a property may name several
			// ("dc:creator twitter:site_name").
			for _, k := range strings.Fields(strings.ToLower(k)) {
				if at == "name" {
					k = strings.ReplaceAll(k, ".", ":")
				}
				m := metas
				if at != "property" {
					m = nameMetas
				}
				if _, seen := m[k]; !seen {
					m[k] = v
				}
			}
		}
	}
	meta := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return v
			}
			if v := nameMetas[k]; v != "" {
				return v
			}
		}
		return ""
	}
	fill(&a.Title, meta("og:title", "twitter:title", "dc:title", "headline", "parsely-title", "sailthru:title"))
	fill(&a.Outlet, meta("og:site_name", "application-name", "publisher", "dc:publisher"))
	// Publication dates only: never a modification date.
	fillDate(&a.Published, meta("article:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc:date", "dc:date:issued", "dcterms:issued", "dcterms:created", "parsely-pub-date", "sailthru:date", "og:article:published_time", "article:published", "dcsext:articlefirstpublished"))
	fill(&a.Byline, bylineText(metaAuthor(meta("dc:creator", "dcterm:creator", "author", "article:author", "og:article:author", "parsely-author", "sailthru:author", "byl"))))
	if canonical != nil {
		href, _ := attr(canonical, "href")
		fill(&a.URL, href)
	}
	fill(&a.URL, meta("og:url"))

	if title != nil {
		fill(&a.Title, siteless(cleanSpace(text(title)), a.Outlet))
	}
	if h1 != nil {
		fill(&a.Title, cleanSpace(text(h1)))
	}
	if len(ldAuthors) >= 2 {
		// Several JSON-LD authors are written as the page's visible
		// byline writes them when it prints them all ("Par A et B", "By
		// A, B & C"): its own joining words, in its language, rather
		// than our English "and".
		if w := pageWording(ldAuthors, doc.Nodes); w != "" {
			a.Byline = w
		}
	}
	if byline != nil {
		fill(&a.Byline, bylineText(linesText(byline)))
	}
	for _, n := range bylineClass {
		fill(&a.Byline, bylineText(linesText(n)))
	}
	for _, t := range []*html.Node{timePub, timeTag} {
		if t != nil {
			v, _ := attr(t, "datetime")
			fillDate(&a.Published, v)
		}
	}
	if a.Published == "" {
		fillDate(&a.Published, urlDate(a.URL))
	}

	a.Title = siteless(a.Title, a.Outlet)
	// Only web addresses: a page must not plant a javascript: link in the
	// card.
	if !webAddress(a.URL) {
		a.URL = ""
	}
}

// embeddedItem reports whether a microdata itemtype
// ("https://schema.org/VideoObject") is one of the items an article
// embeds rather than the article or its page: a media object, a comment,
// a review.
func embeddedItem(itemtype string) bool {
	f := strings.Fields(itemtype)
	if len(f) == 0 {
		return false
	}
	t := f[0]
	t = t[strings.LastIndexByte(t, '/')+1:]
	switch t {
	case "VideoObject", "ImageObject", "AudioObject", "MediaObject", "Clip", "Comment", "Review":
		return true
	}
	return false
}

// metaAuthor reads an author meta tag's value: a name, less a web address
// in brackets after it ("Bradley M. Kuhn (http://ebb.org/bkuhn/)"); a
// value that is a web address (a profile page) names no one.
func metaAuthor(v string) string {
	v = strings.TrimSpace(authorURL.ReplaceAllString(v, ""))
	if strings.Contains(v, "://") {
		return ""
	}
	return v
}

var authorURL = regexp.MustCompile(`\s*[(<\[]\s*(?:https?://|mailto:|www\.)[^)>\]]*[)>\]]\s*$`)

// fillDate sets *dst to v's date when *dst is empty and v starts with
// one: a source that gives no readable date leaves the next its turn.
func fillDate(dst *string, v string) {
	if *dst == "" {
		*dst = isoDate(v)
	}
}

// ldText strips what pages wrap their JSON-LD in: a CDATA section or an
// HTML comment.
func ldText(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<![CDATA[", "]]>"}, {"//<![CDATA[", "//]]>"}, {"<!--", "-->"}} {
		if t, ok := strings.CutPrefix(s, w[0]); ok {
			s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(t), w[1]))
		}
	}
	return s
}

// urlDate reads a date from an article address's path: /2017/01/13/ or
// /2017-01-13/ (a year and month alone is not a date).
var urlDateRe = regexp.MustCompile(`/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$|\.)`)

func urlDate(u string) string {
	m := urlDateRe.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	return m[1] + "-" + m[2] + "-" + m[3]
}

// isPubTime and isModTime tell a <time> that says it is the publication's
// from one that says it is a modification's.
func isPubTime(n *html.Node) bool {
	if _, ok := attr(n, "pubdate"); ok {
		return true
	}
	v, _ := attr(n, "itemprop")
	return strings.EqualFold(v, "datePublished") || strings.EqualFold(v, "dateCreated")
}

func isModTime(n *html.Node) bool {
	v, _ := attr(n, "itemprop")
	c, _ := attr(n, "class")
	p := ""
	if n.Parent != nil {
		p, _ = attr(n.Parent, "class")
	}
	s := strings.ToLower(v + " " + c + " " + p)
	return strings.Contains(s, "modif") || strings.Contains(s, "updated")
}

// isComments reports whether an element of this class and id holds the
// readers' comments, whose authors and times are not the article's.
func isComments(class, id string) bool {
	has := func(w string) bool { return strings.Contains(class, w) || strings.Contains(id, w) }
	return has("comment") && !has("nocomment")
}

// lowerName returns n's class and id, lower-cased: the metadata walk asks
// them of every element, and a name already in lower case (the common
// case) is not copied. The two are looked at apart rather than joined, as
// the words looked for hold no space.
func lowerName(n *html.Node) (class, id string) {
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		}
	}
	return strings.ToLower(class), strings.ToLower(id)
}

// isBylineClass: an element named for its byline or author, as
// readability's /byline|author|writtenby/ finds it, holding a short text.
func isBylineClass(class, id string) bool {
	has := func(w string) bool { return strings.Contains(class, w) || strings.Contains(id, w) }
	if !has("byline") && !has("author") && !has("writtenby") {
		return false
	}
	for _, bad := range []string{"bio", "avatar", "image", "photo", "img", "about", "more", "box", "social", "follow"} {
		if has(bad) {
			return false
		}
	}
	return true
}

// linesText returns n's text with block ends and <br>s as line breaks.
func linesText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			if n.Data == "br" || tagFlags(n)&flagBlock != 0 {
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// bylinePrefix is "By" in the languages of the pages we read, with the
// labels pages put before a name.
// Words that are also names ("Di Fu", "Da Silva", "Von Miller") count
// only in lower case.
var bylinePrefix = regexp.MustCompile(`^((?i:by|par|por|written by|posted by|author|autor|auteur)|von|door|di|da|av|af)\s*:?\s+`)

// bylineText reduces a byline element's text to its names: the "By"
// dropped, and the first line that is left, up to a date, a handle, a
// separator or a time.
var bylineCut = regexp.MustCompile(`\s(\||—|–|-\s|•|@|·)|\s(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d|(?:last\s+)?updated|published|posted)`)

func bylineText(s string) string {
	var line string
	for _, l := range strings.Split(s, "\n") {
		l = cleanSpace(l)
		if l == "" || bylinePrefix.MatchString(l+" ") && len(strings.Fields(l)) == 1 {
			continue // "By" on a line of its own
		}
		line = l
		break
	}
	line = bylinePrefix.ReplaceAllString(line, "")
	line = line[:gluedDigit(line)]
	if loc := bylineCut.FindStringIndex(strings.ToLower(" " + line)); loc != nil {
		line = line[:max(0, loc[0]-1)]
	}
	line = strings.TrimRight(strings.TrimSpace(line), ",;:—–-|·•")
	line = strings.TrimSpace(line)
	if len(line) > 100 || len(strings.Fields(line)) > 12 {
		return "" // a paragraph, not a byline
	}
	return line
}

// gluedDate finds a date written right after a name, with no space
// between the name's element and the date's in the page ("Lucas
// Nolan22 Dec 2016"): group 1 is the date.
var gluedDate = regexp.MustCompile(`\pL(\d{1,2}\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4})`)

// gluedDigit returns where a glued date starts in s, or len(s).
func gluedDigit(s string) int {
	if m := gluedDate.FindStringSubmatchIndex(s); m != nil {
		return m[2]
	}
	return len(s)
}

// attr returns an element's attribute (the first of its name).
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// isByline: [rel="author"], [itemprop="author"] [itemprop="name"] (inside
// an author), [itemprop="author"], .byline__name or .author-name, as a
// selector group matches them.
func isByline(n *html.Node, inAuthor bool) bool {
	e := readElemAttrs(n)
	return e.isByline(inAuthor)
}

func (e *elemAttrs) isByline(inAuthor bool) bool {
	if e.hasRel && e.rel == "author" {
		return true
	}
	if e.hasItemprop && (e.itemprop == "author" || e.itemprop == "name" && inAuthor) {
		return true
	}
	// The class is split only when it may hold one of the two names.
	if c := e.firstClass; e.hasClass && (strings.Contains(c, "byline__name") || strings.Contains(c, "author-name")) {
		for _, f := range strings.Fields(c) {
			if f == "byline__name" || f == "author-name" {
				return true
			}
		}
	}
	return false
}

// elemAttrs are the attributes the metadata walk asks of an element, read
// in one pass over them rather than one each: class and id as lowerName
// reads them (the last of the name), the others as attr does (the first
// without a namespace).
type elemAttrs struct {
	class, id                                   string
	firstClass, rel, itemprop, itemtype         string
	hasClass, hasRel, hasItemprop, hasItemscope bool
}

func readElemAttrs(n *html.Node) (e elemAttrs) {
	for i := range n.Attr {
		a := &n.Attr[i]
		switch a.Key {
		case "class":
			e.class = a.Val
			if a.Namespace == "" && !e.hasClass {
				e.firstClass, e.hasClass = a.Val, true
			}
		case "id":
			e.id = a.Val
		case "rel":
			if a.Namespace == "" && !e.hasRel {
				e.rel, e.hasRel = a.Val, true
			}
		case "itemprop":
			if a.Namespace == "" && !e.hasItemprop {
				e.itemprop, e.hasItemprop = a.Val, true
			}
		case "itemscope":
			if a.Namespace == "" {
				e.hasItemscope = true
			}
		case "itemtype":
			if a.Namespace == "" && e.itemtype == "" {
				e.itemtype = a.Val
			}
		}
	}
	return e
}

// What nameHints finds in a class or id name.
const (
	hintComment uint8 = 1 << iota // "comment", as isComments looks for it
	hintByline                    // "byline", "author" or "writtenby", as isBylineClass does
	hintDisqus                    // "disqus", as isCommentsBlock does
)

// nameHints tells, without lowering it, which of the words isComments,
// isBylineClass and isCommentsBlock look for a class or id name holds, in
// any case: a name with none of them is none of those. A name that is not ASCII may lower to
// one (Go lowers "İ" to "i"), so it gets every hint.
func nameHints(s string) uint8 {
	var h uint8
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !hintFirst[c] {
			continue // most bytes: no word looked for starts with them
		}
		if c >= 0x80 {
			return hintComment | hintByline | hintDisqus
		}
		switch c | 0x20 { // lower case, for a letter
		case 'c':
			if hasFoldAt(s, i, "comment") {
				h |= hintComment
			}
		case 'd':
			if hasFoldAt(s, i, "disqus") {
				h |= hintDisqus
			}
		case 'b':
			if hasFoldAt(s, i, "byline") {
				h |= hintByline
			}
		case 'a':
			if hasFoldAt(s, i, "author") {
				h |= hintByline
			}
		case 'w':
			if hasFoldAt(s, i, "writtenby") {
				h |= hintByline
			}
		}
	}
	return h
}

// hintFirst marks the bytes nameHints looks at: the first letters of its
// words in either case, and those of other characters than ASCII.
var hintFirst = func() (t [256]bool) {
	for _, c := range "abcdwABCDW" {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

// hasFoldAt reports whether s holds word (ASCII lower case) at i, ASCII
// letters in any case.
func hasFoldAt(s string, i int, word string) bool {
	if len(s)-i < len(word) {
		return false
	}
	for k := 0; k < len(word); k++ {
		c := s[i+k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k] {
			return false
		}
	}
	return true
}

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
func names(v any) string { return JoinNames(nameList(v)) }

// nameList reads the names of a person or organization value: a string,
// an object with a name, or a list of those.
func nameList(v any) []string {
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
	return out
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

// pageWording returns the text of the first visible byline element (as
// the metadata walk finds them: rel=author, itemprop=author, a class or
// id naming a byline or author; outside the comments), or of the element
// around it, since each name is often an element of its own ("By <a>A</a>
// and <a>B</a>"), that prints all of names and nothing between them but
// joining words: commas, "&", one short lower-case word ("and", "et",
// "und", "y"). "" when none does: names apart (a bio between them, "A
// reported from Seoul, and B") are not a byline of them all. Only pages
// whose JSON-LD names several authors (few) pay for this second walk; the
// first keeps only eight byline elements, and a menu of authors may use
// them up (Libération's).
func pageWording(names []string, roots []*html.Node) string {
	var found string
	var walk func(n *html.Node, inAuthor, inComments bool)
	walk = func(n *html.Node, inAuthor, inComments bool) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode {
			c, id := lowerName(n)
			if !inComments && (c != "" || id != "") {
				inComments = isComments(c, id)
			}
			if !inComments && (isByline(n, inAuthor) || (c != "" || id != "") && n.Data != "body" && n.Data != "html" && isBylineClass(c, id)) {
				for _, e := range []*html.Node{n, n.Parent} {
					if e != nil && e.Type == html.ElementNode {
						if w := namesSpan(cleanSpace(linesText(e)), names); w != "" {
							found = w
							return
						}
					}
				}
			}
			if v, ok := attr(n, "itemprop"); ok && v == "author" {
				inAuthor = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inAuthor, inComments)
		}
	}
	for _, n := range roots {
		walk(n, false, false)
	}
	return found
}

// namesSpan finds each name in text as whole words, case aside, and
// returns text from the first name found to the last when only joining
// words lie between them.
func namesSpan(text string, names []string) string {
	type span struct{ start, end int }
	spans := make([]span, 0, len(names))
	for _, name := range names {
		i := indexWord(text, name)
		if i < 0 {
			return ""
		}
		spans = append(spans, span{i, i + len(name)})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	for k := 1; k < len(spans); k++ {
		if spans[k].start < spans[k-1].end || !joining(text[spans[k-1].end:spans[k].start]) {
			return ""
		}
	}
	return text[spans[0].start:spans[len(spans)-1].end]
}

// indexWord returns where name first occurs in s as whole words, case
// aside, or -1.
func indexWord(s, name string) int {
	if name == "" {
		return -1
	}
	for i := 0; i+len(name) <= len(s); i++ {
		if !utf8.RuneStart(s[i]) || !strings.EqualFold(s[i:i+len(name)], name) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(name):])
		if !wordRune(before) && !wordRune(after) {
			return i
		}
	}
	return -1
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// joining reports whether the text between two names only joins them:
// commas, semicolons, "&", and at most one lower-case word of up to four
// letters ("and", "et", "und", "y", "e", "og"). A capitalised word is
// part of a name, a longer text is a sentence.
func joining(gap string) bool {
	words := strings.FieldsFunc(gap, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == '&'
	})
	switch len(words) {
	case 0:
		return true
	case 1:
		w := []rune(words[0])
		if len(w) > 4 {
			return false
		}
		for _, r := range w {
			if !unicode.IsLower(r) {
				return false
			}
		}
		return true
	}
	return false
}
