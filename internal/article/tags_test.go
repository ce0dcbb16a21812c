package article

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTagFlags: on every element of the real and test pages, and on
// foreign and unknown ones, tagFlags says what the tag maps say of its
// name.
func TestTagFlags(t *testing.T) {
	_, pages := realPages(t)
	pages = append(pages, []byte(`<svg><foreignObject><title>a</title><style>b</style></foreignObject><p>c</p></svg>`+
		`<math><mi>d</mi></math><custom-tag><DIV>e</DIV><Form>f</Form><x-p>g</x-p></custom-tag>`))
	checked := 0
	for _, data := range pages {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			var want uint8
			for _, m := range []struct {
				tags map[string]bool
				flag uint8
			}{{blockTags, flagBlock}, {keepLines, flagKeepLines}, {junkTags, flagJunk}, {softTags, flagSoft}} {
				if m.tags[n.Data] {
					want |= m.flag
				}
			}
			if got := tagFlags(n); got != want {
				t.Errorf("<%s> (%s): tagFlags %b, want %b", n.Data, n.Namespace, got, want)
			}
			checked++
		}
	}
	t.Logf("%d elements", checked)
}

// TestNameHints: a class or id name that nameHints gives no hint for holds
// none of the words looked for once lowered, on every class and id of the
// real pages and on names that only lower to them.
func TestNameHints(t *testing.T) {
	names := []string{"Comments", "post-COMMENT", "BYLİNE", "wrİttenby", "AUTHOR_box", "disQus-thread",
		"com ment", "byl", "\u212Aomment", "コメント", "CoMmEnTaRiO", "no-comments", ""}
	_, pages := realPages(t)
	for _, data := range pages {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "class" || a.Key == "id" {
					names = append(names, a.Val)
				}
			}
		}
	}
	hinted := 0
	for _, s := range names {
		h, l := nameHints(s), strings.ToLower(s)
		for _, c := range []struct {
			hint  uint8
			words []string
		}{{hintComment, []string{"comment"}}, {hintByline, []string{"byline", "author", "writtenby"}}, {hintDisqus, []string{"disqus"}}} {
			holds := false
			for _, w := range c.words {
				holds = holds || strings.Contains(l, w)
			}
			if holds && h&c.hint == 0 {
				t.Errorf("nameHints(%q) = %b: no hint %b, but it holds %q", s, h, c.hint, c.words)
			}
			if holds {
				hinted++
			}
		}
	}
	t.Logf("%d names, %d hints needed", len(names), hinted)
}
