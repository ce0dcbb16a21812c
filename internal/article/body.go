package article

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// junkTags and junkRoles never hold article text.
var (
	junkTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
		"svg": true, "canvas": true, "nav": true, "footer": true, "aside": true, "form": true, "button": true,
		"select": true, "input": true, "textarea": true, "figure": true, "figcaption": true, "dialog": true}
	junkRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "dialog": true}
)

// removeFurniture walks the tree once and removes junk elements and
// furniture by class and id words. One walk with map lookups replaces two
// selector passes that matched every node against twenty selectors.
func removeFurniture(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (isJunk(c) || isFurniture(c)) {
			n.RemoveChild(c)
		} else {
			removeFurniture(c)
		}
		c = next
	}
}

func isJunk(n *html.Node) bool {
	if junkTags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if junkRoles[a.Val] {
				return true
			}
		}
	}
	return false
}

// Selectors are compiled once: goquery's Find(string) compiles on every
// call.
var (
	blockSel = cascadia.MustCompile("p, blockquote, pre, li")
	textSel  = cascadia.MustCompile("p, pre, blockquote")
	pSel     = cascadia.MustCompile("p")
)

// hasAncestor reports whether an ancestor of n is one of the elements.
func hasAncestor(n *html.Node, names ...string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode {
			for _, name := range names {
				if p.Data == name {
					return true
				}
			}
		}
	}
	return false
}

// furnitureWords are words of class and id names that mark page furniture.
// They are matched against whole words of the name ("share-tools" → share),
// so "content" or "story" never match by accident.
var furnitureWords = map[string]bool{
	"comment": true, "comments": true, "share": true, "sharing": true, "sharedaddy": true, "social": true,
	"related": true, "newsletter": true, "subscribe": true, "subscription": true, "signup": true,
	"promo": true, "advert": true, "advertisement": true, "ad": true, "ads": true, "sponsor": true, "sponsored": true,
	"poll": true, "reactions": true, "reaction": true, "byline": true, "author": true, "contact": true,
	"dateline": true, "date": true, "time": true, "breadcrumb": true, "breadcrumbs": true, "brdcrmb": true,
	"tags": true, "tag": true, "more": true, "readmore": true, "source": true, "sidebar": true, "widget": true,
	"nocomments": true, "cookie": true, "cookies": true, "popup": true, "modal": true, "caption": true,
	"credit": true, "disclaimer": true, "copyright": true, "navigation": true, "menu": true, "footer": true,
	"header": true, "masthead": true, "category": true, "label": true, "meta": true, "toolbar": true,
	"print": true, "recommended": true, "trending": true, "outbrain": true, "taboola": true, "hidden": true,
}

// bodyWords mark a container as the article itself; such a container is
// kept even when its name also holds a furniture word ("post-content
// entry-meta"), as long as it holds several paragraphs.
var bodyWords = map[string]bool{
	"article": true, "body": true, "content": true, "story": true, "entry": true, "post": true,
	"text": true, "main": true, "storybody": true, "articlebody": true,
}

// furnitureLines are paragraph texts that pages put among article
// paragraphs but that are not article text.
var (
	furnitureStart = regexp.MustCompile(`(?i)^(read more|also read|related|source|sources|click here|follow us|subscribe|sign up|advertisement|share this|comments are closed|please read our comment policy|how did you feel after reading)\b`)
	furnitureMail  = regexp.MustCompile(`\bcan be reached at \S+@\S+|^•?\s*[\w.+-]+@[\w.-]+\.\w+$`)
)

// isFurnitureLine reports whether a paragraph is one of the furniture
// lines. The anchored patterns look at the paragraph's start only, and
// the address patterns run only where there is an "@": the unanchored
// regular expression was a tenth of the extraction time.
func isFurnitureLine(p string) bool {
	if furnitureStart.MatchString(p[:min(len(p), 64)]) {
		return true
	}
	return strings.IndexByte(p, '@') >= 0 && furnitureMail.MatchString(p)
}

// bodyParagraphs returns the article's paragraphs, furniture dropped.
func bodyParagraphs(doc *goquery.Document) []string {
	root := doc.Find("body")
	if root.Length() == 0 {
		root = doc.Selection
	}
	for _, n := range root.Nodes {
		removeFurniture(n)
	}
	container := bestContainer(root)
	if container == nil {
		return nil
	}
	var out []string
	container.FindMatcher(blockSel).Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		if n.Data == "li" && !hasAncestor(n, "blockquote") {
			return // lists are mostly link lists; quoted lists live in blockquotes
		}
		if hasAncestor(n, "p", "blockquote", "pre") {
			return // counted with its enclosing block
		}
		if n.Data == "blockquote" {
			if ps := s.FindMatcher(pSel); ps.Length() > 0 {
				ps.Each(func(_ int, p *goquery.Selection) { out = appendPara(out, p.Text()) })
				return
			}
		}
		out = appendPara(out, s.Text())
	})
	if len(out) == 0 {
		// Pages that set text in <div>s with <br>s: take the container's
		// own text lines.
		for _, line := range strings.Split(textWithBreaks(container), "\n") {
			out = appendPara(out, line)
		}
	}
	return out
}

func appendPara(out []string, text string) []string {
	p := cleanSpace(text)
	if p == "" || isFurnitureLine(p) {
		return out
	}
	return append(out, p)
}

func isFurniture(n *html.Node) bool {
	switch n.Data {
	case "html", "body", "main", "article":
		return false
	}
	var class, id string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		case "itemprop":
			if strings.Contains(strings.ToLower(a.Val), "articlebody") {
				return false
			}
		}
	}
	name := strings.ToLower(class + " " + id)
	furniture, body := false, false
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n' }) {
		furniture = furniture || furnitureWords[w]
		body = body || bodyWords[w]
	}
	if !furniture {
		return false
	}
	return !body || countParagraphs(n, 3) < 3
}

// countParagraphs counts the <p> elements under n, stopping at limit.
func countParagraphs(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "p" {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// bestContainer picks the element whose own paragraphs hold the most text;
// a parent earns half of its children's score so that a body split into
// sections still wins as a whole. An element marked itemprop=articleBody
// wins when it holds text at all.
func bestContainer(root *goquery.Selection) *goquery.Selection {
	if b := root.Find(`[itemprop="articleBody"]`).First(); b.Length() > 0 && len(cleanSpace(b.Text())) > 200 {
		return b
	}
	scores := map[*html.Node]float64{}
	var order []*html.Node
	add := func(n *html.Node, v float64) {
		if _, ok := scores[n]; !ok {
			order = append(order, n)
		}
		scores[n] += v
	}
	root.FindMatcher(textSel).Each(func(_ int, p *goquery.Selection) {
		text := p.Text()
		n := len(text) - strings.Count(text, " ") // about the visible characters; cleanSpace is not worth it here
		if n < 25 {
			return
		}
		score := 1 + float64(n)/100 + float64(strings.Count(text, ","))
		if parent := p.Parent(); parent.Length() > 0 {
			add(parent.Get(0), score)
			if gp := parent.Parent(); gp.Length() > 0 {
				add(gp.Get(0), score/2)
			}
		}
	})
	var best *html.Node
	for _, n := range order {
		if best == nil || scores[n] > scores[best] {
			best = n
		}
	}
	if best == nil {
		if root.Length() == 0 || len(cleanSpace(root.Text())) == 0 {
			return nil
		}
		return root
	}
	return goquery.NewDocumentFromNode(best).Selection
}

// textWithBreaks returns the text of s with <br> and block ends as line
// breaks.
func textWithBreaks(s *goquery.Selection) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "br", "div", "p", "h1", "h2", "h3", "h4", "li", "tr":
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	return b.String()
}
