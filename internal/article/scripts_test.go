package article

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// sameTree checks that the page parses, after dropScripts, to the tree it
// parses to as it is, less the texts of its HTML <script> and <style>
// elements other than JSON-LD and less the attributes the extractor does
// not read, and returns how many bytes were dropped.
func sameTree(t *testing.T, name string, data []byte) int {
	t.Helper()
	dropped := dropScripts(data)
	// The parser reads the page through withoutScripts.
	if err := iotest.TestReader(withoutScripts(data), dropped); err != nil {
		t.Errorf("%s: withoutScripts: %v", name, err)
	}
	want := renderTree(t, data)
	got := renderTree(t, dropped)
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: the tree differs at byte %d:\nwant …%q…\ngot  …%q…", name, i,
			want[max(0, i-80):min(len(want), i+80)], got[max(0, i-80):min(len(got), i+80)])
	}
	return len(data) - len(dropped)
}

var spaceRun = regexp.MustCompile(`[ \t\n\r\f]+`)

// renderTree parses data and renders the tree with the texts of the HTML
// scripts and style sheets (JSON-LD aside) and the attributes not in
// readAttrs left out.
func renderTree(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		// The attributes the extractor never reads are left out of both
		// trees: the scan drops them where it safely can.
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool {
			return a.Namespace != "" || !readAttrs[a.Key] || a.Key == "href" && n.Data != "link" ||
				a.Key == "id" && plainName([]byte(a.Val))
		})
		// And runs of white space are read alike whatever their length:
		// one line break for a run that holds one, else one space.
		if n.Type == html.TextNode {
			n.Data = spaceRun.ReplaceAllStringFunc(n.Data, func(r string) string {
				if strings.ContainsAny(r, "\n\r") {
					return "\n"
				}
				return " "
			})
		}
		if n.Type == html.ElementNode && n.Namespace == "" && (n.Data == "script" || n.Data == "style") {
			if v, _ := attr(n, "type"); !strings.Contains(v, "ld+json") {
				for n.FirstChild != nil {
					n.RemoveChild(n.FirstChild)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	var b strings.Builder
	if err := html.Render(&b, doc); err != nil {
		// Render refuses some trees the parser makes (a foreign <link>
		// holding text): the tree written out node by node instead.
		b.Reset()
		dumpTree(&b, doc, 0)
	}
	return b.String()
}

// dumpTree writes n and its children, a line a node.
func dumpTree(b *strings.Builder, n *html.Node, depth int) {
	fmt.Fprintf(b, "%s%d %s %q %q\n", strings.Repeat(" ", depth), n.Type, n.Namespace, n.Data, n.Attr)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		dumpTree(b, c, depth+1)
	}
}

// TestDropScripts: on every real page, the tree is the same with the
// scripts' and style sheets' texts dropped before parsing, and most of
// those bytes are dropped.
func TestDropScripts(t *testing.T) {
	var pages []string
	for _, g := range []string{"../../../shared/data/realhtml/readability/*/source.html",
		"../../../shared/data/realhtml/scrapinghub/html/*.html.gz", "testdata/*.html", "testdata/*/*.html"} {
		p, _ := filepath.Glob(g)
		pages = append(pages, p...)
	}
	total, dropped := 0, 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, ".gz") {
			r, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(r); err != nil {
				t.Fatal(err)
			}
		}
		if data, err = decode(data, "text/html"); err != nil {
			continue
		}
		total += len(data)
		dropped += sameTree(t, p, data)
	}
	t.Logf("%d pages, %d of %d bytes dropped", len(pages), dropped, total)
	if len(pages) > 100 && dropped < total/5 {
		t.Errorf("only %d of %d bytes dropped", dropped, total)
	}
}

// scriptCases are the tokenizer's corners: where the scan must find the
// same element boundaries as golang.org/x/net/html, or stop.
var scriptCases = []string{
	// The parser keeps the first of a repeated name: a plain id dropped
	// before another id would give the element the second.
	`<div><span id="x" id="author">Jane Doe</span><span ID=main Id="comments">c</span><p id=a id=b>d</p></div>`,
	`<p>a</p><script>var x = "<p>";</script><p>b</p>`,
	`<SCRIPT type=text/javascript>x<y</SCRIPT ><style>p{}</style/><p>c`,
	`<script type="application/ld+json">{"@type":"NewsArticle"}</script><p>d`,
	`<script>document.write("<!--<script>x</script>-->")</script><p>e</p>`,
	`<script><!-- if (a) { document.write('<script></script>') } --></script><p>f`,
	`<!-- <script> --><p>g</p><script>h</script>`,
	`<!--> <script>i</script> <!---> <script>j</script>`,
	`<!-- a --!> <script>k</script> <!-- b --!x --> <script>l</script>`,
	`<p title="<script>">m</p><script>n</script>`,
	`<p title="a > <script>b</script>">c</p><!-- d > <script>e</script> -->`,
	`<p title='a>b' data-x=c>d <script>o</script>`,
	`<textarea><script>p</script></textarea><script>q</script>`,
	`<title><style>r</style></title><noscript><script>s</script></noscript><script>t</script>`,
	`<xmp><script>u</xmp><iframe><script></iframe><script>v</script>`,
	`<script>w</scripts>x</script ><script>y</script/><script>z</script`,
	`<script>unfinished`,
	`<svg><style>a{}</style><script>b</script></svg><script>c</script>`,
	`<svg/><script>d</script><svg a=b/><script>e</script>`,
	`<svg><g><title>T</title></g></svg><script>f</script>`,
	`<svg><foreignObject><p>g</p></foreignObject></svg><script>h</script>`,
	`<svg><foreignObject><section></svg><script>i</script>`,
	`<math></svg><script>j</script>`,
	`<svg><p>k</p><script>l</script>`,
	`<svg><![CDATA[<script>m</script>]]></svg><script>n</script>`,
	`<math><mi>o</mi></math><script>p</script><plaintext><script>q</script>`,
	`<div class="a" / =/><script>r</script><br/ ><script>s</script>`,
	`<!DOCTYPE html><?xml x?></ x><script>t</script></><script>u</script>`,
	`<p a="1" a="2" type=json><script a=x type=x type=json>v</script>`,
	`<script type="application/ld&#43;json">{}</script><p>w`,
	`<select><svg><script>x</script></select><script>y</script>`,
	`<table><svg><script>z</script></svg></table><script>a</script>`,
	`<style>a</style <script>b</script>`,
	"<script>\x00</script\t><p\x00>c</p>",
	// Attributes the extractor does not read.
	`<div data-a="1" class="x" style='y' data-b=2 hidden data-c>d</div><p data-x="1"=a data-y="2"/ data-z="3"b>e`,
	`<b data-i="1">f<b data-i="2">g<b data-i="3">h<b data-i="4">i<p>j</b></b></b></b>k`,
	`<div data-a="1">l<div data-a="2">m<div data-a="3">n<div data-a="4">o<p>p</div></div></div></div>q`,
	`<p a=b/ data-x="1" /><br data-x="1"/><svg data-x="1"><g data-y="2"/></svg><p data-x=/>`,
	`<input data-x="1" type="hidden"><frameset><input data-y type=text>`,
	`<html data-a="1" lang=en><body data-b="2"><body data-b="3" class=c><p>r`,
	`<svg viewBox="0 0 9 9" data-x="1"><path d="M0 0" fill="red" /><path d="M1"/><a href="h" xlink:href="x">s</a></svg>`,
	`<math><annotation-xml encoding="text/html" data-x="1"><p>t</p></annotation-xml></math><p data-y="2">u`,
	// White space between tags.
	"<pre>\n    <b>v</b>      \n\n  </pre><pre>\r\n     </pre><listing>\n\n\n\n</listing><pre>\r\n\r\n</pre>",
	"<div>  \n  <span>w</span>   \t  <span>x</span>\n\n\n</div>      <table>     <tr>   <td>y</td>      </tr>\n    </table>",
	"a     < b     <b>c</b>    <!-- d -->     <?e?>     </f>     <p>g",
	"<frameset>     <frame>    \n    </frameset>\n    <colgroup>     </colgroup>",
	// Links: only a <link>'s href is read, and <a>'s attributes never
	// make it one of four alike formatting elements.
	`<link rel="canonical" href="/x" data-x="1"><a href="/1" class="c">a<a href="/2" class="c">b<a href="/3" class="c">c<a href="/4" class="c">d<p>e</a>f`,
	`<a href=1><b><a href=2><b><a href=3><b><a href=4><b><p>g<table><td><a href=5>h<a href=6>i</table>j`,
	`<svg><link href="x" rel=canonical /><a href="y">k</a></svg><A HREF="z">l</A>`,
	`<svg 0/>m<svg><g data-x/><g data-y= />n</g></g></svg><svg data-z=/>o`,
	`<svg><path d="M0"/><path d="M1"/=x data-a><g hidden data-b="2"/>p<g class data-c="3"=y data-d="4"e="5">q</g></g></svg><p id data-e="6"=z>`,
	`<p a data-b="1"/><br data-c="2"/><img src="x"alt="y"/>r<p a=b/ data-x="1"/>`,
	// Scripts wrapped in "<!-- -->", and end tags inside them (the
	// escaped and double escaped states).
	"<script><!--\nvar a = 1;\n//--></script><p>a</p><script>b</script>",
	`<script><!-- document.write("<script>x<\/script>"); --></script><p>c</p><script>d</script>`,
	`<script><!-- document.write("<script>x</script>"); <p>e</p> --></script><p>f</p><script>g</script>`,
	`<script><!-- <SCRIPT/>h</SCRIPT> i --></script><script><!-- <script>j</scriptx> --></script>k</script>l`,
	`<script><!--<script </script>m--></script><script><!--<script>--->n</script><script><!--<script><!--o</script>`,
	`<script><!-- --><script>p</script><script><!-- -> </script>q<script><!-- <scrip></script>r`,
	`<script><!--- <!--<script>s</script> -- > </script>t<script><!-- <script>< /script></script>u`,
	"<script><!--<script\t></SCRIPT\f>v</script>w<script><!--<scripT/>--></scrIPT >x<script>y",
	`<script><!-- unfinished`,
	`<script><!-- <script> unfinished </script>`,
	// Raw-text names in foreign content are elements like any other.
	`<svg><title>T</title><style>.a{}</style><desc>D<!-- c --></desc></svg><script>z</script>`,
	`<svg><title>a<b>c</b></title></svg><script>d</script><svg><title>e<!--f-->g<!-- h</title>--></title></svg><script>i</script>`,
	`<svg><style>j<b>k</b></style><script>l</script><textarea><p>m</p></textarea><noscript>n</noscript><xmp>o</xmp><iframe>p</iframe><noembed>q</noembed><noframes>r</noframes><plaintext>s</plaintext></svg><script>t</script>`,
	`<svg><title/>u<style/><script/></svg><script>v</script>`,
	`<math><title>w</title><mo>x<!-- y --></mo><mi><!-- z -->a</mi></math><script>b</script>`,
	`<select><svg><title>c</title><style><p>d</p></style></svg></select><script>e</script>`,
	`<select></select><svg><style><p>f</p></style></svg><script>g</script>`,
	`<select><svg><style><x data-a="1"></style></svg></select><script>f</script>`,
	// (Where the parser ignores an <svg>, a <title> or <style> after it is
	// raw text, which the scan must not read as tags.)
	`<frameset><svg><style><x a="</style><noframes>g</noframes>"></style></svg></frameset>`,
	`<template><col><svg><style><x a="</style></template><p>h</p>"></style></svg></template><script>i</script>`,
	`<template><col></template><svg><style><x a="</style><p>j</p>"></style></svg><script>k</script>`,
	`<template></template><table><col><svg><style><x a="</style><p>l</p>"></style></svg></table><script>m</script>`,
	`<table><svg><title>j</title><style>k</style></svg></table><script>l</script>`,
	`<svg><foreignObject><title>m</title></foreignObject></svg><script>n</script>`,
}

// TestDropScriptsCases: the tree is the same on each corner, and a plain
// script's text is dropped while JSON-LD stays.
func TestDropScriptsCases(t *testing.T) {
	for _, c := range scriptCases {
		sameTree(t, c, []byte(c))
	}
	if got := string(dropScripts([]byte(`<script src=a.js>var a;</script><style>p{}</style><script type="application/ld+json">{}</script>`))); got != `<script ></script><style></style><script type="application/ld+json">{}</script>` {
		t.Errorf("dropped: %q", got)
	}
}

// TestDropScriptsFollows: the scan follows a script wrapped in "<!-- -->"
// and an icon's <title> and <style> to their ends, and drops the scripts
// after them.
func TestDropScriptsFollows(t *testing.T) {
	for _, c := range []string{
		`<script><!--\nvar a = "<script>x</script>";\n//--></script><p>a</p><script>var b;</script><p>c`,
		`<svg><title>Search</title><style>.a{}</style><path d="M0"/></svg><script>var b;</script><p>c`,
		`<math><mo>=<!-- c --></mo></math><script>var b;</script><p>c`,
	} {
		got := string(dropScripts([]byte(c)))
		if strings.Contains(got, "var b;") {
			t.Errorf("%q: the last script is kept: %q", c, got)
		}
	}
}

// TestScanFollowsRealPages: the scan follows every real page to its end,
// rather than stopping where it could not tell what the tokenizer does and
// keeping the rest as it is.
func TestScanFollowsRealPages(t *testing.T) {
	names, pages := realPages(t)
	stopped := 0
	for i, data := range pages {
		s := scanner{b: data}
		if !s.run() {
			stopped++
			t.Errorf("%s: the scan stops at byte %d of %d: …%q…", names[i], s.i, len(data), data[max(0, s.i-40):min(len(data), s.i+40)])
		}
	}
	t.Logf("%d pages, the scan stops on %d", len(pages), stopped)
}

func FuzzDropScripts(f *testing.F) {
	for _, c := range scriptCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameTree(t, "input", data)
	})
}

// realPages are the real pages and the package's test pages, decoded.
func realPages(t *testing.T) (names []string, pages [][]byte) {
	t.Helper()
	var files []string
	for _, g := range []string{"../../../shared/data/realhtml/readability/*/source.html",
		"../../../shared/data/realhtml/scrapinghub/html/*.html.gz", "testdata/*.html", "testdata/*/*.html"} {
		p, _ := filepath.Glob(g)
		files = append(files, p...)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, ".gz") {
			r, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(r); err != nil {
				t.Fatal(err)
			}
		}
		if data, err = decode(data, "text/html"); err != nil {
			continue
		}
		names, pages = append(names, p), append(pages, data)
	}
	return names, pages
}

// TestDropScriptsKeepsArticle: on every real page, the article read from
// the page as it is, every script and attribute parsed, is the one read
// after the scan's drops (readAttrs names every attribute the extractor
// reads).
func TestDropScriptsKeepsArticle(t *testing.T) {
	names, pages := realPages(t)
	for i, data := range pages {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := fromDocument(doc)
		got, gotErr := Parse(data)
		if !reflect.DeepEqual(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s: after the drops %+v (%v), as it is %+v (%v)", names[i], got, gotErr, want, wantErr)
		}
	}
	if len(pages) < 100 {
		t.Logf("only %d pages", len(pages))
	}
}

// TestParseAtOnce: pages parsed at once, each reusing the lists of kept
// pieces that others returned, give what they give one at a time.
func TestParseAtOnce(t *testing.T) {
	_, pages := realPages(t)
	pages = pages[:min(len(pages), 60)]
	want := make([]*Article, len(pages))
	for i, data := range pages {
		want[i], _ = Parse(data)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range pages {
				i := (k + w*15) % len(pages)
				if got, _ := Parse(pages[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("page %d parsed at once with others: %+v, alone %+v", i, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

// TestNameKindsFilter: every listed word is found in a class name, in
// any case and beside others, past the filter that rules words out
// before the lookup.
func TestNameKindsFilter(t *testing.T) {
	for w, kind := range wordKinds {
		for _, name := range []string{w, strings.ToUpper(w), "x-" + w + "_y", "wrapper " + strings.ToUpper(w[:1]) + w[1:]} {
			if got := nameKinds(name); got&kind != kind {
				t.Errorf("nameKinds(%q) = %b, want %b set", name, got, kind)
			}
		}
	}
}

// TestPlainName: an id the extractor reads a word of stays: every word of
// the name lists, the parts of words it looks for, in any case and beside
// others, and what the tokenizer would change; plain ones go.
func TestPlainName(t *testing.T) {
	var read []string
	for w := range wordKinds {
		read = append(read, w, "x-"+strings.ToUpper(w)+"_y")
	}
	read = append(read, "postAuthor", "BYLINE", "writtenBy", "nocomments2", "disqus_thread", "byline__name", "k&#111;mment",
		"\u212Aomment", "BYLİNE", "a\rb", "a\x00b", "キャプション")
	for _, v := range read {
		if plainName([]byte(v)) {
			t.Errorf("plainName(%q) = true, but the extractor reads it", v)
		}
	}
	for _, v := range []string{"", "col-md-6", "wrapper", "top-nav2", "js-react-root", "l-container"} {
		if !plainName([]byte(v)) {
			t.Errorf("plainName(%q) = false", v)
		}
	}
}
