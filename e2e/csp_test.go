package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// TestStrictCSPShowsANotice: under a Content-Security-Policy without
// 'wasm-unsafe-eval', the card says so plainly and nothing throws into the
// page (browser() fails the test on any uncaught exception).
func TestStrictCSPShowsANotice(t *testing.T) {
	files := serve.Handler(site(t, ""))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'")
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
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
