package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCorpusMarkupIsText: corpus fields that hold markup are shown as text
// and never run (the demo's paste box, the widget on the folder index).
func TestCorpusMarkupIsText(t *testing.T) {
	corpus := t.TempDir()
	hostile := `<!DOCTYPE html><html><head><title>x</title>
<meta property="og:site_name" content="&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Evil Outlet">
<link rel="canonical" href="javascript:window.__pwned=2"></head>
<body><article><p>&lt;b&gt;Mr. Mallory&lt;/b&gt; said, &ldquo;&lt;img src=x onerror=&quot;window.__pwned=3&quot;&gt; the quotation with markup in it stays text.&rdquo;</p></article></body></html>`
	os.WriteFile(filepath.Join(corpus, "hostile.html"), []byte(hostile), 0o644)
	srv := folderDemo(t, corpus, "")
	ctx, cancel := browser(t)
	defer cancel()

	const sel = "the quotation with markup in it stays text"
	var pwned, imgs int
	var href string
	pasteLookup(ctx, t, srv.URL, sel)
	st := waitCard(ctx, t, sel)
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`(window.__pwned || 0)`, &pwned),
		chromedp.Evaluate(`document.querySelectorAll('img').length + document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('img, b').length`, &imgs),
		chromedp.Evaluate(`[...document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('a')].map(a => a.getAttribute('href') || '').join(' ')`, &href),
	)
	if err != nil {
		t.Fatal(err)
	}
	srv.log.checkFolder(t)
	if len(st.Entries) != 1 || !strings.Contains(st.Entries[0].Quote, `<img src=x onerror=`) || !strings.Contains(st.Entries[0].Outlet, "<img") {
		t.Errorf("the markup is not shown as text: %+v", st.Entries)
	}
	if pwned != 0 || imgs != 0 {
		t.Errorf("corpus markup ran or became elements: __pwned=%d, img/b elements=%d", pwned, imgs)
	}
	if strings.Contains(href, "javascript:") {
		t.Errorf("a javascript: link reached the card: %q", href)
	}
}

// TestCloseButtonCloses: clicking the card's close button closes it for
// good (it must not reopen from the selection still on the page). The
// demo's articles, the widget on the folder index.
func TestCloseButtonCloses(t *testing.T) {
	srv := folderDemo(t, "", "")
	ctx, cancel := browser(t)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => {
			const p = document.querySelectorAll('#reader p')[2], r = document.createRange();
			r.selectNodeContents(p);
			getSelection().removeAllRanges(); getSelection().addRange(r);
			document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
		})()`, nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	waitCard(ctx, t, "Mr. Xi told the president")
	srv.log.checkFolder(t)
	// A keyboard or assistive "click" on the close button leaves the
	// page's selection in place; the mouseup that follows must not reopen
	// the card from it.
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const b = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('button.close');
		b.click();
		b.dispatchEvent(new MouseEvent('mouseup', {bubbles: true, composed: true}));
	})()`, nil), settle(300)); err != nil {
		t.Fatal(err)
	}
	var st cardState
	if err := chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); err != nil {
		t.Fatal(err)
	}
	if st.Visible {
		t.Errorf("the card is open again after its close button was clicked")
	}
}
