package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestModuleAndElement: the loader as an ES module from another origin,
// and a <quote-trail> element a publisher placed: Tab to it, Enter, card,
// read from the folder index named by ?index=.
func TestModuleAndElement(t *testing.T) {
	site := server(t)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(`<!DOCTYPE html><html><head><title>Publisher</title>
<script type="module" src="{{SITE}}/quotetrail.mjs?index={{SITE}}/index/"></script></head>
<body><p>Xi said: <quote-trail>The U.S. must handle the issue of arms sales to Taiwan with prudence</quote-trail></p></body></html>`, "{{SITE}}", site.URL)))
	}))
	defer page.Close()
	ctx, cancel := browser(t)
	defer cancel()
	var role string
	err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`quote-trail[role="button"]`, chromedp.ByQuery),
		chromedp.AttributeValue(`quote-trail`, "role", &role, nil, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Tab),
		chromedp.KeyEvent(kb.Enter),
	)
	if err != nil {
		t.Fatal(err)
	}
	checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
	site.log.checkFolder(t)
}
