package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// breakages are built-ins that publishers' pages replace or break
// (polyfills, instrumentation, plain bugs), as each page does it.
var breakages = []struct{ name, js string }{
	{"URL replaced", `window.URL = function () { throw new Error('this page has its own URL'); };`},
	{"Array.prototype.join broken", `Array.prototype.join = function () { throw new Error('join is broken on this page'); };`},
	// A Promise of the page's own that never settles.
	{"Promise replaced", `window.Promise = function () {}; window.Promise.prototype.then = function () { return this; };
window.Promise.resolve = window.Promise.reject = function () { return new window.Promise(); };`},
}

// brokenPage breaks a built-in before the widget's script runs, or after it
// (the loader is not deferred, so a script after its tag runs after it).
// The widget reads the folder index, as a publisher's page does.
func brokenPage(js string, before bool) string {
	breaker := `<script>` + js + `</script>`
	loader := `<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index/"></script>`
	scripts := loader + breaker
	if before {
		scripts = breaker + loader
	}
	return `<!DOCTYPE html><html><head><title>Publisher</title>` + watchWasm + scripts + `</head>
<body><article><p id="q">“The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></article></body></html>`
}

// TestPageBreaksBuiltins: a page that replaces window.URL or Promise, or
// breaks Array.prototype.join, before the widget loads or after it, gets
// no error from the widget, at load or on a selection, and the card still
// works: the loader takes what it needs at load and depends on none of
// these.
func TestPageBreaksBuiltins(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	for _, b := range breakages {
		for _, before := range []bool{true, false} {
			name := b.name + "/after load"
			if before {
				name = b.name + "/before load"
			}
			t.Run(name, func(t *testing.T) {
				files := server(t) // its own origin: nothing cached from another subtest
				page := publisher(t, files.URL, "", brokenPage(b.js, before))
				var loaded bool
				err := chromedp.Run(ctx,
					chromedp.Navigate(page.URL+"/"),
					chromedp.WaitVisible(`#q`, chromedp.ByQuery),
					chromedp.Evaluate(`!!(window.quotetrail && window.quotetrail.version)`, &loaded),
				)
				if err != nil {
					t.Fatal(err)
				}
				if !loaded {
					t.Errorf("the widget did not start")
				}
				if h := health(ctx, t); len(h.Errors) != 0 {
					t.Fatalf("errors reached the page at load: %q", h.Errors)
				}
				if err := chromedp.Run(ctx, chromedp.Evaluate(selectQuote("The U.S. must handle the issue of arms sales to Taiwan with prudence."), nil)); err != nil {
					t.Fatal(err)
				}
				checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
				if h := health(ctx, t); len(h.Errors) != 0 {
					t.Errorf("errors reached the page: %q", h.Errors)
				}
				files.log.checkFolder(t)
			})
		}
	}
}

// TestBrokenPromisesTimeOut: on a page that broke the language's own
// Promise.prototype.then before the widget loaded, no promise of the
// widget's ever settles; the card must not say "Looking up…" for ever but,
// after a while (a timer), that quotetrail did not answer.
func TestBrokenPromisesTimeOut(t *testing.T) {
	files := server(t)
	ctx, cancel := browser(t)
	defer cancel()
	page := publisher(t, files.URL, "", brokenPage(`Promise.prototype.then = function () { return this; };`, true))
	err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByQuery),
		chromedp.Evaluate(selectQuote("The U.S. must handle the issue of arms sales to Taiwan with prudence."), nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	text := waitNotice(ctx, t, "did not answer")
	if strings.Contains(text, "Looking up") {
		t.Errorf("the card says %q", text)
	}
	if h := health(ctx, t); len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
}

// TestQuoteTrailElementOnBrokenStrings: a page that breaks String.prototype
// trim and replace after the widget loaded, with a <quote-trail> element
// the reader clicks (a real mouse click): nothing is thrown into the page,
// neither when the element is set up nor when it is clicked.
func TestQuoteTrailElementOnBrokenStrings(t *testing.T) {
	files := server(t)
	ctx, cancel := browser(t)
	defer cancel()
	page := publisher(t, files.URL, "", `<!DOCTYPE html><html><head><title>Publisher</title>`+watchWasm+`
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index/"></script>
<script>String.prototype.trim = function () { throw new Error('trim is broken on this page'); };
String.prototype.replace = function () { throw new Error('replace is broken on this page'); };</script></head>
<body><p>Xi said: <quote-trail id="q">The U.S. must handle the issue of arms sales to Taiwan with prudence</quote-trail></p></body></html>`)
	if err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByQuery),
		chromedp.Click(`#q`, chromedp.ByQuery),
		chromedp.Click(`#q`, chromedp.ByQuery),
		settle(100), // the page's timers after the clicks' handlers
	); err != nil {
		t.Fatal(err)
	}
	if h := health(ctx, t); len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
}
