package e2e

import (
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hostilePage is a publisher's page on another origin: one script tag,
// stylesheets that style everything, and a script that rewrites the body
// after the widget has loaded.
const hostilePage = `<!DOCTYPE html><html><head><title>Publisher</title>
<style>
* { font-size: 3px !important; color: red !important; }
div, section, span, p, ol, li, blockquote { display: none !important; }
body > * { position: fixed !important; top: -9999px !important; }
article, article * { display: block !important; position: static !important; font-size: 18px !important; }
</style>
<script>window.publisherValue = 42;
window.__long = [];
new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { window.__long.push(Math.round(e.duration)); }); })
  .observe({type: 'longtask', buffered: true});</script>
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index.qti" defer></script>
</head><body>
<article id="story"><h1>Story</h1><p id="q">“The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></article>
<script>
setTimeout(function () {
  // A page that replaces its own DOM.
  document.body.innerHTML = '<article id="story"><h1>Story, updated</h1><p id="q">' +
    '“The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></article>';
}, 300);
</script>
</body></html>`

// TestEmbedOnAnotherOrigin: the one-tag embed on a page of another origin,
// with hostile styles and a page that rewrites its body, shows the card
// for a selection and leaves the page's own globals and styles alone.
func TestEmbedOnAnotherOrigin(t *testing.T) {
	site := server(t)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(hostilePage, "{{SITE}}", site.URL)))
	}))
	defer page.Close()
	ctx, cancel := browser(t)
	defer cancel()

	var cold float64
	var before, after struct {
		Globals []string `json:"globals"`
		Color   string   `json:"color"`
	}
	const probe = `(() => ({
		globals: Object.keys(window).filter(k => !(k in window.__baseline) && k !== '__baseline').concat(typeof Go === 'undefined' ? [] : ['Go']),
		color: getComputedStyle(document.getElementById('q')).color,
	}))()`
	err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`#story h1`, chromedp.ByQuery),
		chromedp.Sleep(500e6), // the page rewrites its body at 300 ms
		chromedp.Evaluate(`window.__baseline = Object.fromEntries(Object.keys(window).map(k => [k, 1])); true`, nil),
		chromedp.Evaluate(probe, &before),
		chromedp.Evaluate(timeSelection("The U.S. must handle the issue of arms sales to Taiwan with prudence."), &cold, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	st := waitCard(ctx, t, "must handle the issue")
	checkCarriers(t, st)
	t.Logf("selection to card, cold (engine and index loaded on this selection): %.0f ms", cold)
	var visible bool
	var pv int
	err = chromedp.Run(ctx,
		chromedp.Evaluate(probe, &after),
		chromedp.Evaluate(`(() => { const c = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card').getBoundingClientRect(); return c.width > 100 && c.height > 50; })()`, &visible),
		chromedp.Evaluate(`window.publisherValue`, &pv),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !visible {
		t.Errorf("the page's styles hid or collapsed the card")
	}
	if len(after.Globals) != 0 {
		t.Errorf("the widget added globals to the page: %v", after.Globals)
	}
	if after.Color != before.Color || pv != 42 {
		t.Errorf("the page changed: color %q → %q, publisherValue %d", before.Color, after.Color, pv)
	}

	// Time from selection to card, warm (the engine loaded above), and no
	// task over 50 ms on the page's main thread during load and lookups.
	var warm float64
	var long []int
	err = chromedp.Run(ctx,
		chromedp.Evaluate(timeSelection("Just as the U.S. has its concerns"), &warm, awaitPromise),
		chromedp.Evaluate(`window.__long`, &long),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("selection to card, warm: %.0f ms; long tasks on the page: %v", warm, long)
	for _, d := range long {
		if d > 50 {
			t.Errorf("a task of %d ms ran on the host page's main thread", d)
		}
	}
}

// timeSelection selects a quotation's text in #q, fires the mouseup and
// resolves to the milliseconds until the card shows its result.
func timeSelection(text string) string {
	return `(async () => {
		const p = document.getElementById('q');
		p.textContent = '“` + text + `”';
		const t = p.firstChild, r = document.createRange();
		r.setStart(t, 1); r.setEnd(t, t.data.length - 1);
		getSelection().removeAllRanges(); getSelection().addRange(r);
		const t0 = performance.now();
		p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
		for (;;) {
			await new Promise(res => setTimeout(res, 2));
			const h = document.querySelector('[data-quotetrail]');
			const c = h && h.shadowRoot.querySelector('.card');
			if (c && !c.hidden && (c.getAttribute('data-query') || '').includes(` + "`" + text + "`" + `)) return performance.now() - t0;
		}
	})()`
}

func awaitPromise(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
	return p.WithAwaitPromise(true)
}
