package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shadowPage sets its story inside a component's open shadow root, as
// pages built from web components do.
const shadowPage = `<!DOCTYPE html><html><head><title>Publisher</title>` + watchWasm + `
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index/" defer></script>
<script>
customElements.define('news-story', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>p { font: 20px/1.5 serif; margin: 40px; }</style>' +
      '<p id="q">Xi said: “The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p>';
  }
});
</script></head>
<body><news-story></news-story></body></html>`

// TestShadowDOMSelection: a reader drags the mouse over a quotation inside
// a page's open shadow root; the card opens for it, from the folder index.
func TestShadowDOMSelection(t *testing.T) {
	files := server(t)
	page := publisher(t, files.URL, "", shadowPage)
	ctx, cancel := browser(t)
	defer cancel()
	var box textBox
	err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`news-story`, chromedp.ByQuery),
		chromedp.Poll(`window.quotetrail && window.quotetrail.version`, nil),
		// Where the quotation's first and last letters are on the screen.
		locate(`document.querySelector('news-story').shadowRoot.getElementById('q').firstChild`,
			"The U.S. must handle the issue of arms sales to Taiwan with prudence", &box),
	)
	if err != nil {
		t.Fatal(err)
	}
	var selected string
	err = chromedp.Run(ctx,
		dragSelect(box.X1, box.Y1, box.X2, box.Y2),
		chromedp.Evaluate(`(() => {
			const root = document.querySelector('news-story').shadowRoot, s = getSelection();
			const r = s.getComposedRanges({shadowRoots: [root]})[0], x = document.createRange();
			x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset);
			return x.toString();
		})()`, &selected),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(selected, "must handle the issue") {
		t.Fatalf("the mouse drag selected %q", selected)
	}
	checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
	if h := health(ctx, t); len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
	files.log.checkFolder(t)
}
