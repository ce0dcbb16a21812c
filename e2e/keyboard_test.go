package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// deepFocus names the focused element, looking into the card's shadow root.
const deepFocus = `(() => {
	let a = document.activeElement;
	while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
	return a ? (a.tagName + ' ' + (a.textContent || '').trim()).slice(0, 80) : '';
})()`

// TestKeyboardOnly: select with the keyboard, move into the card with
// Alt+Shift+Q, tab to a link, and leave with Escape back to the page (the
// demo's articles, the widget on the folder index).
func TestKeyboardOnly(t *testing.T) {
	srv := folderDemo(t, "", "")
	ctx, cancel := browser(t)
	defer cancel()
	const q = "The U.S. must handle the issue"
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => {
			document.getElementById('reader').focus();
			const walker = document.createTreeWalker(document.getElementById('reader'), NodeFilter.SHOW_TEXT);
			let n; while ((n = walker.nextNode()) && n.data.indexOf(`+"`"+q+"`"+`) < 0) {}
			const i = n.data.indexOf(`+"`"+q+"`"+`);
			getSelection().setBaseAndExtent(n, i, n, i + 1);
		})()`, nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	shift := chromedp.KeyModifiers(input.ModifierShift)
	for i := 1; i < len("The U.S. must handle the issue of arms sales"); i++ {
		if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.ArrowRight, shift)); err != nil {
			t.Fatal(err)
		}
	}
	var selected string
	chromedp.Run(ctx, chromedp.Evaluate(`getSelection().toString()`, &selected))
	if !strings.HasPrefix(selected, "The U.S. must handle the issue of arms") {
		t.Fatalf("keyboard selection is %q", selected)
	}
	// The card of the whole selection, not of one made on the way (each
	// Shift+arrow ends a selection).
	st := waitCard(ctx, t, strings.TrimSpace(selected))
	if !strings.Contains(st.Live, "carried by") {
		t.Errorf("live region says %q", st.Live)
	}
	srv.log.checkFolder(t)
	var focus string
	err = chromedp.Run(ctx,
		chromedp.KeyEvent("Q", chromedp.KeyModifiers(input.ModifierAlt|input.ModifierShift)),
		chromedp.Evaluate(deepFocus, &focus),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(focus, "DIV") {
		t.Fatalf("Alt+Shift+Q focused %q, want the card", focus)
	}
	reached := false
	for i := 0; i < 6 && !reached; i++ {
		chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(deepFocus, &focus))
		reached = strings.HasPrefix(focus, "A Open in")
	}
	if !reached {
		t.Fatalf("Tab never reached an outlet link (last focus %q)", focus)
	}
	chromedp.Run(ctx, chromedp.KeyEvent(kb.Escape), chromedp.Evaluate(deepFocus, &focus), chromedp.Evaluate(readCard, &st))
	if st.Visible || strings.HasPrefix(focus, "A Open in") || strings.HasPrefix(focus, "DIV Carried") {
		t.Errorf("after Escape: card visible %v, focus on %q", st.Visible, focus)
	}
}
