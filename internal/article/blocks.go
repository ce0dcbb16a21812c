package article

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The body finder works as Mozilla's readability does, on text blocks
// rather than on <p> elements alone: pages set paragraphs in <div>s
// without <p> (CNN's "zn-body__paragraph"), as loose text between <br>s,
// in lists, tables and block quotes (embedded posts), and they split an
// article over sibling containers. So the page is first cut into blocks
// (the runs of text between block-level element boundaries); each block
// of some length scores its paragraph's parent and, less, the ancestors
// above; the best-scoring element, weighed down by its share of link
// text, is the article, together with the siblings that score near it;
// and its blocks, less the link lists and furniture lines, are the body.

// blockTags are the elements that end a run of text.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "center": true, "dd": true,
	"details": true, "dialog": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hgroup": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "table": true, "tbody": true, "thead": true, "tfoot": true,
	"tr": true, "td": true, "th": true, "ul": true, "caption": true, "summary": true, "body": true, "html": true,
}

// keepLines are the paragraph elements in which a <br> is a line break
// inside one paragraph rather than the end of one.
var keepLines = map[string]bool{"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "pre": true, "dt": true, "dd": true, "td": true, "th": true}

// block is one run of text and the element that holds it.
type block struct {
	text       string     // as the page has it, white space and all
	owner      *html.Node // the nearest block-level ancestor
	loose      bool       // a run beside block-level siblings: the owner is its container, not its paragraph
	chars      int        // letters and digits, about
	linkChars  int
	commas     int
	ownerIsTag string
}

// pageBlocks cuts the tree under root into blocks, in document order, and
// returns them with each element's text and link-text size.
type pageBlocks struct {
	blocks []block
	size   map[*html.Node][2]int // element → chars, link chars
	// marked: the elements of size marked itemprop=articleBody, in the
	// page's order.
	marked []*html.Node
}

func cutBlocks(root *html.Node, strict bool) *pageBlocks {
	pb := &pageBlocks{size: map[*html.Node][2]int{}}
	// A block's text: most blocks are one text node, which is taken as it
	// is (first); a second piece copies both into buf.
	var buf strings.Builder
	var first string
	pieces := 0
	write := func(s string) {
		switch pieces {
		case 0:
			first = s
		case 1:
			buf.Grow(len(first) + len(s))
			buf.WriteString(first)
			buf.WriteString(s)
		default:
			buf.WriteString(s)
		}
		pieces++
	}
	var chars, links, commas int
	var owner *html.Node
	flush := func(loose bool) {
		if owner != nil && chars > 0 {
			// The text is cleaned only if the block is kept (appendPara).
			text := first
			if pieces > 1 {
				text = buf.String()
			}
			pb.blocks = append(pb.blocks, block{text: text, owner: owner, loose: loose, chars: chars, linkChars: links, commas: commas, ownerIsTag: owner.Data})
		}
		buf.Reset()
		first, pieces = "", 0
		chars, links, commas = 0, 0, 0
	}
	var walk func(n, own *html.Node, inLink bool, looseHere bool) (int, int)
	// walk returns the chars and link chars under n. looseHere tells
	// whether n's own runs sit beside block-level children.
	walk = func(n, own *html.Node, inLink bool, looseHere bool) (int, int) {
		switch n.Type {
		case html.TextNode:
			if owner != own {
				flush(looseHere)
				owner = own
			}
			write(n.Data)
			c, k := countChars(n.Data)
			chars += c
			commas += k
			if inLink {
				links += c
			}
			if inLink {
				return c, c
			}
			return c, 0
		case html.ElementNode:
		default:
			var tc, tl int
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				a, b := walk(c, own, inLink, looseHere)
				tc += a
				tl += b
			}
			return tc, tl
		}
		flags := tagFlags(n)
		if strict && (flags&flagSoft != 0 || isFurniture(n)) || n.Data != "body" && n.Data != "html" && isCommentsBlock(n) {
			return 0, 0
		}
		if n.Data == "br" {
			if tagFlags(own)&flagKeepLines == 0 {
				flush(looseHere)
			} else {
				write(" ")
			}
			return 0, 0
		}
		isBlock := flags&flagBlock != 0
		childOwn, childLoose := own, looseHere
		if isBlock {
			flush(looseHere)
			childOwn = n
			childLoose = hasBlockChild(n)
			if v, ok := attr(n, "itemprop"); ok && strings.EqualFold(v, "articleBody") {
				pb.marked = append(pb.marked, n)
			}
		} else if n.Data == "a" {
			inLink = true
		}
		var tc, tl int
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			a, b := walk(c, childOwn, inLink, childLoose)
			tc += a
			tl += b
		}
		if isBlock {
			flush(childLoose)
			owner = nil
			pb.size[n] = [2]int{tc, tl}
		}
		return tc, tl
	}
	walk(root, root, false, hasBlockChild(root))
	flush(false)
	return pb
}

// countChars returns the characters of a text that are not space, and its
// commas. ASCII, most of a page, is read a byte at a time.
func countChars(s string) (chars, commas int) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if !asciiSpace[c] {
				chars++
				if c == ',' {
					commas++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !isSpace(r) {
			chars++
			if r == '，' || r == '、' {
				commas++
			}
		}
	}
	return chars, commas
}

// hasBlockChild reports whether n has a block-level element among its
// children (a <span> or <a> wrapping one counts too).
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if tagFlags(c)&flagBlock != 0 {
				return true
			}
			if (c.Data == "span" || c.Data == "a" || c.Data == "font") && hasBlockChild(c) {
				return true
			}
		}
	}
	return false
}

// tagBonus is readability's starting score of a candidate by its kind.
func tagBonus(n *html.Node) float64 {
	switch n.Data {
	case "div", "article", "main", "section":
		return 5
	case "pre", "td", "blockquote":
		return 3
	case "address", "ol", "ul", "dl", "dd", "dt", "li", "form":
		return -3
	case "h1", "h2", "h3", "h4", "h5", "h6", "th":
		return -5
	}
	return 0
}

// mediaWords name containers of captions and galleries, whose text reads
// like article text (long, with commas) but is not.
var mediaWords = map[string]bool{"caption": true, "captions": true, "gallery": true, "slideshow": true,
	"photo": true, "photos": true, "media": true, "carousel": true, "figure": true, "comment": true,
	"comments": true, "commentlist": true, "replies": true}

// classWeight is readability's class and id weight: +25 for a name that
// says article, -25 for one that says furniture or media.
func classWeight(n *html.Node) float64 {
	var kinds uint8
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			kinds |= nameKinds(a.Val)
		}
	}
	w := 0.0
	if kinds&kindBody != 0 {
		w += 25
	}
	if kinds&(kindFurniture|kindMedia) != 0 {
		w -= 25
	}
	return w
}

func linkDensity(sz [2]int) float64 {
	if sz[0] == 0 {
		return 0
	}
	return float64(sz[1]) / float64(sz[0])
}

// articleBlocks returns the text blocks of the article under root.
func articleBlocks(root *html.Node, strict bool) []string {
	pb := cutBlocks(root, strict)
	if len(pb.blocks) == 0 {
		return nil
	}
	// An element marked itemprop=articleBody is the article when it holds
	// text at all: the first such in the page, or one holding it. Taken
	// in the page's order (cutBlocks lists them so), not the size table's
	// (a map's order, which chose between two unrelated marked elements
	// at random).
	var marked *html.Node
	for _, n := range pb.marked {
		if pb.size[n][0] > 200 {
			marked = n // the first in the page; any other marked inside it or after it
			break
		}
	}

	scores := map[*html.Node]float64{}
	var order []*html.Node
	add := func(n *html.Node, v float64) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		if _, ok := scores[n]; !ok {
			order = append(order, n)
			scores[n] = tagBonus(n) + classWeight(n)
		}
		scores[n] += v
	}
	for _, b := range pb.blocks {
		if b.chars < 25 || b.ownerIsTag == "h1" || b.ownerIsTag == "h2" || b.ownerIsTag == "h3" {
			continue
		}
		score := 1 + float64(b.commas) + min(float64(b.chars/100), 3)
		para := b.owner.Parent
		if b.loose {
			para = b.owner
		}
		for level := 0; para != nil && level < 5; level++ {
			switch level {
			case 0:
				add(para, score)
			case 1:
				add(para, score/2)
			default:
				add(para, score/float64(level*3))
			}
			para = para.Parent
		}
	}
	if len(order) == 0 {
		// Only short runs: take them all, as a page of lines.
		var out []string
		for _, b := range pb.blocks {
			if b.linkChars*2 < b.chars {
				out = append(out, b.text)
			}
		}
		return out
	}
	final := func(n *html.Node) float64 { return scores[n] * (1 - linkDensity(pb.size[n])) }
	sort.SliceStable(order, func(i, j int) bool { return final(order[i]) > final(order[j]) })
	top := order[0]
	if marked != nil {
		top = marked
	} else {
		// Content split across sibling containers: when several of the
		// best candidates score near the top one and share an ancestor,
		// that ancestor is the article.
		var alts []*html.Node
		for _, n := range order[1:min(len(order), 5)] {
			if final(n) >= 0.75*final(top) {
				alts = append(alts, n)
			}
		}
		if len(alts) >= 3 {
			for p := top.Parent; p != nil && p != root; p = p.Parent {
				shared := 0
				for _, a := range alts {
					if isAncestor(p, a) {
						shared++
					}
				}
				if shared >= 3 {
					top = p
					break
				}
			}
		}
		// A parent that scores more than its best child holds more of the
		// article.
		last := final(top)
		threshold := last / 3
		for p := top.Parent; p != nil && p != root; p = p.Parent {
			ps, ok := scores[p]
			if !ok {
				continue
			}
			fs := ps * (1 - linkDensity(pb.size[p]))
			if fs < threshold {
				break
			}
			if fs > last {
				top = p
				break
			}
			last = fs
		}
	}

	// The article's siblings that score near it belong to it.
	keep := map[*html.Node]bool{top: true}
	if top.Parent != nil && marked == nil {
		topScore := final(top)
		threshold := max(10, topScore*0.2)
		topClass, _ := attr(top, "class")
		for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
			if s == top || s.Type != html.ElementNode {
				continue
			}
			bonus := 0.0
			if c, _ := attr(s, "class"); c != "" && c == topClass {
				bonus = topScore * 0.2
			}
			if _, ok := scores[s]; ok && final(s)+bonus >= threshold {
				keep[s] = true
				continue
			}
			if s.Data == "p" {
				sz := pb.size[s]
				ld := linkDensity(sz)
				if sz[0] > 80 && ld < 0.25 {
					keep[s] = true
				}
			}
		}
	}

	var out []string
	for _, b := range pb.blocks {
		if !under(b.owner, keep) {
			continue
		}
		if b.ownerIsTag == "h1" {
			continue // the title, shown apart
		}
		if b.linkChars*2 > b.chars {
			continue // a link list or a "read more" line
		}
		out = append(out, b.text)
	}
	return out
}

// under reports whether n is one of the kept elements or inside one.
func under(n *html.Node, keep map[*html.Node]bool) bool {
	for ; n != nil; n = n.Parent {
		if keep[n] {
			return true
		}
	}
	return false
}

// isAncestor reports whether a is n or an ancestor of n.
func isAncestor(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}
