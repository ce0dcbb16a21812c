package e2e

import (
	"context"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// hostilePage is a publisher's page on another origin: one script tag,
// stylesheets that style everything, and a script that rewrites the body
// after the widget has loaded. Before the widget, it records long tasks
// (reported by BenchmarkEmbedLongTasks, never asserted: they depend on how
// busy the machine is) and, with watchWasm, any WebAssembly compiled on its
// main thread. index is the data-index after the site: "index/" (the
// folder index) or "index.qti" (the whole index).
func hostilePage(index string) string {
	return `<!DOCTYPE html><html><head><title>Publisher</title>
<style>
* { font-size: 3px !important; color: red !important; }
div, section, span, p, ol, li, blockquote { display: none !important; }
body > * { position: fixed !important; top: -9999px !important; }
article, article * { display: block !important; position: static !important; font-size: 18px !important; }
</style>` + watchWasm + `
<script>window.publisherValue = 42;
window.__long = [];
new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { window.__long.push(Math.round(e.duration)); }); })
  .observe({type: 'longtask', buffered: true});</script>
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/` + index + `" defer></script>
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
}

// embedded serves the built site, recording its requests, and the hostile
// publisher's page on another origin, its data-index naming index, and
// opens the page once it has rewritten its body.
func embedded(ctx context.Context, t testing.TB, index string) *requestLog {
	t.Helper()
	files := server(t)
	page := publisher(t, files.URL, "", hostilePage(index))
	err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		// The page rewrites its body at 300 ms: wait for it, however long.
		chromedp.WaitVisible(`//h1[text()="Story, updated"]`, chromedp.BySearch),
	)
	if err != nil {
		t.Fatal(err)
	}
	return files.log
}

// TestEmbedOnAnotherOrigin: the one-tag embed on a page of another origin,
// with hostile styles and a page that rewrites its body, fetches nothing
// but the loader before the first selection, shows the card for a
// selection with the engine in a worker (no WebAssembly on the page's main
// thread), and leaves the page's own globals and styles alone. It does so
// with data-index naming the folder index, a publisher's normal mode
// (the entry and some parts fetched, never index.qti), and naming the
// whole index, which a publisher may choose so that no lookup reveals
// anything to the index's host (index.qti fetched, nothing of the folder).
func TestEmbedOnAnotherOrigin(t *testing.T) {
	for _, mode := range []struct {
		name, index string
		check       func(*requestLog, testing.TB)
	}{
		{"folder", "index/", (*requestLog).checkFolder},
		{"whole index", "index.qti", (*requestLog).checkWhole},
	} {
		t.Run(mode.name, func(t *testing.T) {
			embedOnAnotherOrigin(t, mode.index, mode.check)
		})
	}
}

func embedOnAnotherOrigin(t *testing.T, index string, check func(*requestLog, testing.TB)) {
	ctx, cancel := browser(t)
	defer cancel()
	log := embedded(ctx, t, index)

	// Nothing but the loader before the first selection.
	if !log.fetched("/quotetrail.js") {
		t.Fatalf("the page did not load quotetrail.js: %v", log.list())
	}
	for _, f := range []string{"quotetrail-worker.js", "wasm_exec.js", "engine.wasm", "index.qti"} {
		if log.fetched(f) {
			t.Errorf("%s was fetched before any selection", f)
		}
	}
	if log.folderFetched() {
		t.Errorf("the folder index was fetched before any selection: %v", log.list())
	}

	var before, after struct {
		Globals []string `json:"globals"`
		Color   string   `json:"color"`
	}
	const probe = `(() => ({
		globals: Object.keys(window).filter(k => !(k in window.__baseline) && k !== '__baseline').concat(typeof Go === 'undefined' ? [] : ['Go']),
		color: getComputedStyle(document.getElementById('q')).color,
	}))()`
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.__baseline = Object.fromEntries(Object.keys(window).map(k => [k, 1])); true`, nil),
		chromedp.Evaluate(probe, &before),
		chromedp.Evaluate(selectQuote("The U.S. must handle the issue of arms sales to Taiwan with prudence."), nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	st := waitCard(ctx, t, "must handle the issue")
	checkCarriers(t, st)
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
	// The engine and the index were loaded for the selection, by the
	// worker: the page's main thread compiled no WebAssembly.
	if !log.fetched("engine.wasm") {
		t.Errorf("the card showed without the engine being fetched: %v", log.list())
	}
	check(log, t)

	// A second selection, the engine warm.
	if err := chromedp.Run(ctx, chromedp.Evaluate(selectQuote("Just as the U.S. has its concerns"), nil)); err != nil {
		t.Fatal(err)
	}
	waitCard(ctx, t, "Just as the U.S. has its concerns")
	h := health(ctx, t)
	if h.WasmCalls != 0 || h.Go {
		t.Errorf("the engine ran on the page's main thread: %d WebAssembly compilations there, Go defined: %v", h.WasmCalls, h.Go)
	}
	if len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
	var long []int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.__long`, &long)); err != nil {
		t.Fatal(err)
	}
	t.Logf("long tasks on the page's main thread during load and two lookups (measured, not asserted; see BenchmarkEmbedLongTasks): %v ms", long)
}

// BenchmarkEmbedLongTasks measures, on the hostile publisher's page, the
// longest task on the page's main thread during load and two lookups (the
// budget: none over 50 ms) and the time from a selection to its card, cold
// (the engine and index load on that selection) and warm. Each iteration
// is a fresh page, on the folder index.
func BenchmarkEmbedLongTasks(b *testing.B) {
	ctx, cancel := browser(b)
	defer cancel()
	var longest, cold, warm float64
	for i := 0; i < b.N; i++ {
		embedded(ctx, b, "index/")
		var c, w float64
		var long []float64
		err := chromedp.Run(ctx,
			chromedp.Evaluate(timeSelection("The U.S. must handle the issue of arms sales to Taiwan with prudence."), &c, awaitPromise),
			chromedp.Evaluate(timeSelection("Just as the U.S. has its concerns"), &w, awaitPromise),
			chromedp.Evaluate(`window.__long`, &long),
		)
		if err != nil {
			b.Fatal(err)
		}
		cold += c
		warm += w
		for _, d := range long {
			longest = max(longest, d)
		}
	}
	b.ReportMetric(longest, "longest-task-ms")
	b.ReportMetric(cold/float64(b.N), "cold-ms/op")
	b.ReportMetric(warm/float64(b.N), "warm-ms/op")
	b.ReportMetric(0, "ns/op")
}

// selectQuote sets text as a quotation in #q, selects it and fires the
// mouseup that ends a selection.
func selectQuote(text string) string {
	return `(() => {` + selectBody(text) + `; return true; })()`
}

func selectBody(text string) string {
	return `
		const p = document.getElementById('q');
		p.textContent = '“` + text + `”';
		const t = p.firstChild, r = document.createRange();
		r.setStart(t, 1); r.setEnd(t, t.data.length - 1);
		getSelection().removeAllRanges(); getSelection().addRange(r);
		p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}))`
}

// timeSelection does what selectQuote does and resolves to the
// milliseconds until the card shows its result (for benchmarks only).
func timeSelection(text string) string {
	return `(async () => {
		const t0 = performance.now();` + selectBody(text) + `;
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
