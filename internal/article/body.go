package article

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// junkTags and junkRoles never hold article text.
var (
	junkTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
		"svg": true, "canvas": true, "nav": true, "footer": true, "aside": true, "button": true,
		"select": true, "input": true, "textarea": true, "figure": true, "figcaption": true, "dialog": true}
	// softTags hold furniture mostly, but some pages (ASP.NET's) wrap the
	// whole page in them: they go with the class and id furniture, in the
	// strict pass only.
	softTags  = map[string]bool{"form": true}
	junkRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "dialog": true}
)

// removeJunk walks the tree once and removes the elements that never hold
// article text. Furniture by class and id words is left to the body
// finder's strict pass, since a page may wrap its whole article in a
// container named "Page-ad-margins" or "elementor-widget-wrap".
func removeJunk(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isJunk(c) {
			n.RemoveChild(c)
		} else {
			removeJunk(c)
		}
		c = next
	}
}

func isJunk(n *html.Node) bool {
	if tagFlags(n)&flagJunk != 0 {
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
	furniturePhrases = []string{"read more", "also read", "related", "source", "sources", "click here",
		"follow us", "subscribe", "sign up", "advertisement", "share this", "comments are closed",
		"please read our comment policy", "how did you feel after reading"}
	furnitureStart = regexp.MustCompile(`(?i)^(` + strings.Join(furniturePhrases, "|") + `)\b`)
	furnitureMail  = regexp.MustCompile(`\bcan be reached at \S+@\S+|^•?\s*[\w.+-]+@[\w.-]+\.\w+$`)
)

// isFurnitureLine reports whether a paragraph is one of the furniture
// lines. The anchored patterns look at the paragraph's start only, and
// the address patterns run only where there is an "@": the unanchored
// regular expression was a tenth of the extraction time.
func isFurnitureLine(p string) bool {
	if mayStartFurniture(p) && furnitureStart.MatchString(p[:min(len(p), 64)]) {
		return true
	}
	return strings.IndexByte(p, '@') >= 0 && furnitureMail.MatchString(p)
}

// furnitureHeads are the first four letters of the furniture phrases.
var furnitureHeads = func() map[[4]byte]bool {
	m := map[[4]byte]bool{}
	for _, w := range furniturePhrases {
		m[[4]byte([]byte(w[:4]))] = true
	}
	return m
}()

// mayStartFurniture reports whether p may match furnitureStart, from its
// first four bytes: most paragraphs are ruled out without running the
// regular expression. Four ASCII bytes that start no phrase rule p out;
// anything else (a non-ASCII letter may fold to an ASCII one) is left to
// the expression.
func mayStartFurniture(p string) bool {
	if len(p) < 4 {
		return false // every phrase is longer
	}
	var head [4]byte
	for i := range head {
		c := p[i]
		if c >= utf8.RuneSelf {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		head[i] = c
	}
	return furnitureHeads[head]
}

// bodyParagraphs returns the article's paragraphs, furniture dropped.
func bodyParagraphs(doc *goquery.Document) []string {
	if len(doc.Nodes) == 0 {
		return nil
	}
	body := firstElement(doc.Nodes[0], "body")
	if body == nil {
		body = doc.Nodes[0]
	}
	removeJunk(body)
	// As readability does: a strict pass first, without the furniture
	// named by class and id; when it finds little text, the page may
	// have named its article's wrapper like furniture, and a lenient pass
	// without that filter is taken if it finds much more.
	out := paragraphs(articleBlocks(body, true))
	if n := textChars(out); n < 500 {
		if alt := paragraphs(articleBlocks(body, false)); textChars(alt) > 2*n {
			out = alt
		}
	}
	return out
}

// firstElement returns the first element named tag under n, in document
// order, as doc.Find(tag) would, without compiling a selector for it.
func firstElement(n *html.Node, tag string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			return c
		}
		if e := firstElement(c, tag); e != nil {
			return e
		}
	}
	return nil
}

func paragraphs(blocks []string) []string {
	var out []string
	for _, b := range blocks {
		out = appendPara(out, b)
	}
	return out
}

func textChars(ps []string) int {
	n := 0
	for _, p := range ps {
		n += len(p)
	}
	return n
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
	kinds := nameKinds(class) | nameKinds(id)
	furniture, body := kinds&kindFurniture != 0, kinds&kindBody != 0
	if !furniture {
		return false
	}
	if holdsEmbeddedPost(n) {
		// "social-media-embed", "sdc-article-widget": the wrapper of a
		// post the article quotes, which is article text.
		return false
	}
	return !body || countParagraphs(n, 3) < 3
}

// holdsEmbeddedPost reports whether n is or holds a post embedded in the
// article as a block quote (<blockquote class="twitter-tweet">, Instagram's,
// TikTok's), a few levels down at most.
func holdsEmbeddedPost(n *html.Node) bool {
	var find func(n *html.Node, depth int) bool
	find = func(n *html.Node, depth int) bool {
		if n.Type == html.ElementNode && n.Data == "blockquote" {
			c, _ := attr(n, "class")
			c = strings.ToLower(c)
			return strings.Contains(c, "tweet") || strings.Contains(c, "instagram") || strings.Contains(c, "tiktok")
		}
		if depth == 4 {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && find(c, depth+1) {
				return true
			}
		}
		return false
	}
	return find(n, 0)
}

// commentWords name the readers' comments: furniture in both passes, and
// whatever body word stands beside them ("comments-area post-comments").
var commentWords = map[string]bool{"comment": true, "comments": true, "commentlist": true, "disqus": true}

// isCommentsBlock reports whether n is named for the readers' comments.
func isCommentsBlock(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		if nameHints(a.Val)&(hintComment|hintDisqus) == 0 {
			continue // the common case, without splitting the name
		}
		if nameKinds(a.Val)&kindComment != 0 {
			return true
		}
	}
	return false
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

// The kinds of words in class and id names, as bits: nameKinds tells them
// for a whole name.
const (
	kindFurniture uint8 = 1 << iota // furnitureWords
	kindBody                        // bodyWords
	kindMedia                       // mediaWords
	kindComment                     // commentWords
)

var wordKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, set := range []struct {
		words map[string]bool
		kind  uint8
	}{{furnitureWords, kindFurniture}, {bodyWords, kindBody}, {mediaWords, kindMedia}, {commentWords, kindComment}} {
		for w := range set.words {
			m[w] |= set.kind
		}
	}
	return m
}()

// wordSig sums a word up by its first and last bytes and its length, and
// kindSeen holds the sums of wordKinds's words: most words of class names
// ("col", "wrapper", "flex") are ruled out without a lookup.
func wordSig(w []byte) uint { return uint(w[0]&31)<<9 | uint(w[len(w)-1]&31)<<4 | uint(len(w)&15) }

var kindSeen = func() (seen [1 << 14 / 64]uint64) {
	for w := range wordKinds {
		sig := wordSig([]byte(w))
		seen[sig/64] |= 1 << (sig % 64)
	}
	return seen
}()

// nameKinds returns the kinds of the words of a class or id name, split at
// spaces, hyphens and underscores and in lower case ("Share-Tools" →
// share, tools). It runs on every element of a page, so an ASCII word is
// lowered in place rather than in a new string.
func nameKinds(name string) uint8 {
	var kinds uint8
	var buf [24]byte
	for len(name) > 0 {
		i := 0
		for i < len(name) && isNameSep(name[i]) {
			i++
		}
		j := i
		ascii := true
		for j < len(name) && !isNameSep(name[j]) {
			ascii = ascii && name[j] < utf8.RuneSelf
			j++
		}
		w := name[i:j]
		name = name[j:]
		switch {
		case w == "":
		case ascii && len(w) <= len(buf):
			for k := 0; k < len(w); k++ {
				c := w[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[k] = c
			}
			if sig := wordSig(buf[:len(w)]); kindSeen[sig/64]&(1<<(sig%64)) != 0 {
				kinds |= wordKinds[string(buf[:len(w)])]
			}
		default:
			kinds |= wordKinds[strings.ToLower(w)]
		}
	}
	return kinds
}

func isNameSep(c byte) bool {
	return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n'
}
