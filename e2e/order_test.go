package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestOutletsInOrderOfPublication: the card lists carriers by date, the
// earliest marked, undated ones last (the demo's paste box, the widget on
// the folder index).
func TestOutletsInOrderOfPublication(t *testing.T) {
	corpus := t.TempDir()
	page := func(outlet, date string) string {
		return `<html><head><meta property="og:site_name" content="` + outlet + `"><meta property="article:published_time" content="` + date + `"></head>
<body><article><p>The minister said, “We will build the bridge across the river before the winter comes,” in a speech.</p></article></body></html>`
	}
	os.WriteFile(filepath.Join(corpus, "a.html"), []byte(page("Late Daily", "2024-05-03")), 0o644)
	os.WriteFile(filepath.Join(corpus, "b.html"), []byte(page("Undated Post", "")), 0o644)
	os.WriteFile(filepath.Join(corpus, "c.html"), []byte(page("Early Gazette", "2024-05-01")), 0o644)
	srv := folderDemo(t, corpus, "")
	ctx, cancel := browser(t)
	defer cancel()
	const sel = "We will build the bridge across the river before the winter comes"
	var order, earliest string
	pasteLookup(ctx, t, srv.URL, sel)
	waitCard(ctx, t, sel)
	srv.log.checkFolder(t)
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`[...document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('li .outlet')].map(e => e.textContent).join('|')`, &order),
		chromedp.Evaluate(`(document.querySelector('[data-quotetrail]').shadowRoot.querySelector('li .earliest') || {closest: () => ({getAttribute: () => ''})}).closest('li').getAttribute('data-outlet')`, &earliest),
	)
	if err != nil {
		t.Fatal(err)
	}
	if order != "Early Gazette|Late Daily|Undated Post" || !strings.Contains(earliest, "Early Gazette") {
		t.Errorf("order %q, earliest %q", order, earliest)
	}
}
