package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestStrictCSPShowsANotice: under a Content-Security-Policy without
// 'wasm-unsafe-eval', the card says so plainly and nothing throws into the
// page (browser() fails the test on any uncaught exception). The demo's
// paste box, the widget on the folder index.
func TestStrictCSPShowsANotice(t *testing.T) {
	srv := folderDemo(t, "", "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'")
	ctx, cancel := browser(t)
	defer cancel()
	const sel = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	pasteLookup(ctx, t, srv.URL, sel)
	notice := waitNotice(ctx, t, "security policy")
	if !strings.Contains(notice, "security policy does not allow WebAssembly") {
		t.Errorf("card under a strict CSP says %q", notice)
	}
	var position string
	chromedp.Run(ctx, chromedp.Evaluate(`getComputedStyle(document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card')).position`, &position))
	if position != "absolute" {
		t.Errorf("the card's styles did not apply under style-src 'self': position %q", position)
	}
}
