package e2e

import (
	"net/http/httptest"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// TestOfflineAfterFirstVisit: once the demo has been visited, it loads
// and answers with its server gone.
func TestOfflineAfterFirstVisit(t *testing.T) {
	srv := httptest.NewServer(serve.Handler(site(t, "")))
	ctx, cancel := browser(t)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.Evaluate(`navigator.serviceWorker.ready.then(() => caches.open('quotetrail-demo')).then(c => c.keys()).then(k => k.length)`, nil,
			func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Fatal(err)
	}
	srv.Close() // the network is cut
	const sel = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	err = chromedp.Run(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.SendKeys(`#paste-text`, sel, chromedp.ByQuery),
		chromedp.Click(`#paste-form button`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	checkCarriers(t, waitCard(ctx, t, sel))
}
