package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// ttPage is a publisher's page with the widget, by its classic loader or
// its ES module, and a Trusted Types policy by header or by <meta>; the
// widget reads the folder index.
func ttPage(meta, module bool, policy string) string {
	head := ""
	if meta {
		head = `<meta http-equiv="Content-Security-Policy" content="` + policy + `">`
	}
	tag := `<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index/" defer></script>`
	if module {
		tag = `<script type="module" src="{{SITE}}/quotetrail.mjs?index={{SITE}}/index/"></script>`
	}
	return `<!DOCTYPE html><html><head><title>Publisher</title>` + head + watchWasm + tag + `</head>
<body><article><p id="q">“The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></article></body></html>`
}

// TestTrustedTypes: on a page that requires Trusted Types for scripts, the
// widget makes its worker, blob and script URLs through a policy named
// "quotetrail": where the page allows that name the card works, with the
// engine in the worker; where it does not, the card says quietly that the
// page's security policy does not allow it, and nothing throws into the
// page (browser() fails the test on an uncaught exception; the page also
// records its error and unhandledrejection events).
func TestTrustedTypes(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	const allowed = "require-trusted-types-for 'script'; trusted-types quotetrail"
	for _, c := range []struct {
		name         string
		policy       string
		meta, module bool
		sameOrigin   bool
		works        bool
	}{
		{name: "allowed/header", policy: allowed, works: true},
		{name: "allowed/meta", policy: allowed, meta: true, works: true},
		{name: "allowed/module", policy: allowed, module: true, works: true},
		{name: "allowed/same-origin", policy: allowed, sameOrigin: true, works: true},
		{name: "refused/none", policy: "require-trusted-types-for 'script'; trusted-types 'none'"},
		{name: "refused/other-name", policy: "require-trusted-types-for 'script'; trusted-types publisher-policy"},
		{name: "refused/meta", policy: "require-trusted-types-for 'script'; trusted-types publisher-policy", meta: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := server(t) // its own origin: nothing cached from another subtest
			widget, header := files.URL, c.policy
			if c.sameOrigin {
				widget = ""
			}
			if c.meta {
				header = ""
			}
			page := publisher(t, widget, header, ttPage(c.meta, c.module, c.policy))
			var enforced bool
			err := chromedp.Run(ctx,
				chromedp.Navigate(page.URL+"/"),
				chromedp.WaitVisible(`#q`, chromedp.ByQuery),
				chromedp.Poll(`window.quotetrail && window.quotetrail.version`, nil),
				chromedp.Evaluate(`(() => { try { document.createElement('script').src = 'x.js'; return false; } catch (e) { return true; } })()`, &enforced),
				chromedp.Evaluate(selectQuote("The U.S. must handle the issue of arms sales to Taiwan with prudence."), nil),
			)
			if err != nil {
				t.Fatal(err)
			}
			if !enforced {
				t.Fatal("the page does not enforce Trusted Types: the test page is wrong")
			}
			if c.works {
				checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
				if h := health(ctx, t); h.WasmCalls != 0 {
					t.Errorf("the engine ran on the page's main thread (%d WebAssembly compilations): the worker did not start under Trusted Types", h.WasmCalls)
				}
				if c.sameOrigin {
					page.log.checkFolder(t)
				} else {
					files.log.checkFolder(t)
				}
			} else {
				text := waitNotice(ctx, t, "security policy")
				if !strings.Contains(text, "quotetrail cannot run on this page: its security policy does not allow") {
					t.Errorf("the card says %q", text)
				}
				for _, raw := range []string{"TrustedScriptURL", "Failed to", "TypeError", "requires"} {
					if strings.Contains(text, raw) {
						t.Errorf("the card shows the browser's exception (%q): %q", raw, text)
					}
				}
			}
			if h := health(ctx, t); len(h.Errors) != 0 {
				t.Errorf("errors reached the page: %q", h.Errors)
			}
		})
	}
}
