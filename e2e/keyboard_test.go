package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"quotetrail/internal/serve"
)

// These tests use the keyboard only: every key is a real key event sent to
// Chromium (chromedp.KeyEvent), and nothing selects text or moves focus in
// JavaScript. A reader without a mouse cannot select text on a web page
// unless the browser's caret browsing is on (F7), so the demo gives each
// quotation a button (Tab, then Enter or Space), and an embedding page
// relies on caret browsing.

// deepFocus names the focused element, looking into the card's shadow
// root: its tag and its text, or its aria-label when it has no text.
const deepFocus = `(() => {
	let a = document.activeElement;
	while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
	return a ? (a.tagName + ' ' + ((a.textContent || '').trim() || a.getAttribute('aria-label') || '')).slice(0, 160) : '';
})()`

// press sends one real key press (down and up) with modifiers.
func press(ctx context.Context, t *testing.T, key string, mods ...input.Modifier) string {
	t.Helper()
	var m input.Modifier
	for _, x := range mods {
		m |= x
	}
	var focus string
	if err := chromedp.Run(ctx, chromedp.KeyEvent(key, chromedp.KeyModifiers(m)), chromedp.Evaluate(deepFocus, &focus)); err != nil {
		t.Fatal(err)
	}
	return focus
}

// tabTo presses Tab until the focused element's description starts with
// want, and fails after max presses.
func tabTo(ctx context.Context, t *testing.T, want string, max int) string {
	t.Helper()
	focus := ""
	for i := 0; i < max; i++ {
		if focus = press(ctx, t, kb.Tab); strings.HasPrefix(focus, want) {
			return focus
		}
	}
	t.Fatalf("%d presses of Tab never reached %q (last focus %q)", max, want, focus)
	return ""
}

// TestKeyboardOpensDemoQuotation: on the demo (the widget on the folder
// index), Tab reaches a quotation's button, Enter opens its card with focus
// in it, Tab reaches each outlet's link, Tab past the last one closes the
// card and goes on to the control after the button, Shift+Tab comes back,
// Space opens the card again, Shift+Tab from the card's top and Escape
// each close it and put focus back on the button. The button shows when
// focused, and a mouse selection of the paragraph holds none of its words.
func TestKeyboardOpensDemoQuotation(t *testing.T) {
	srv := folderDemo(t, "", "")
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	quote := tabTo(ctx, t, "BUTTON Which outlets carried “"+quotation, 80)
	var shown struct {
		W, H float64
		Text string
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const b = document.activeElement, r = b.getBoundingClientRect(), p = b.parentElement, g = document.createRange();
		g.selectNodeContents(p);
		return {W: r.width, H: r.height, Text: g.toString()};
	})()`, &shown)); err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, t, "demo-quotation-button.png")
	if shown.W < 40 || shown.H < 10 {
		t.Errorf("the focused button is %.0f×%.0f px: a sighted keyboard user does not see it", shown.W, shown.H)
	}
	if strings.Contains(shown.Text, "who carried") || strings.Contains(shown.Text, "Which outlets") {
		t.Errorf("a selection of the paragraph holds the button's words: %q", shown.Text)
	}
	if f := press(ctx, t, kb.Enter); !strings.HasPrefix(f, "DIV") {
		t.Errorf("Enter on the button left focus on %q, want the card", f)
	}
	st := waitCard(ctx, t, "must handle the issue")
	checkCarriers(t, st)
	screenshot(ctx, t, "demo-keyboard-card.png")
	if !strings.Contains(st.Live, "carried by 3 outlets") {
		t.Errorf("live region says %q", st.Live)
	}
	srv.log.checkFolder(t)
	var label string
	chromedp.Run(ctx, chromedp.Evaluate(`(() => { const c = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card'); const l = c.getAttribute('aria-labelledby'); const e = l && c.getRootNode().getElementById(l); return c.getAttribute('role') + ' ' + (e ? e.textContent : ''); })()`, &label))
	if label != "dialog Carried by 3 outlets" {
		t.Errorf("the card is announced as %q, want a dialog labelled by its title", label)
	}
	// Through the card: the close button, then the three outlets' links.
	links := 0
	f := ""
	for i := 0; i < 8 && links < 3; i++ {
		if f = press(ctx, t, kb.Tab); strings.HasPrefix(f, "A Open in") {
			links++
		}
	}
	if links != 3 {
		t.Fatalf("Tab reached %d outlet links (last focus %q), want 3", links, f)
	}
	// Past the last link: the card closes and focus goes on from the
	// button, not to the end of the page.
	after := press(ctx, t, kb.Tab)
	chromedp.Run(ctx, chromedp.Evaluate(readCard, &st))
	var follows bool
	chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const q = [...document.querySelectorAll('#reader q')].find(q => q.textContent.startsWith(`+"`"+quotation+"`"+`));
		const b = q && q.nextElementSibling, a = document.activeElement;
		return !!b && a !== b && !!(b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) && document.getElementById('reader').contains(a);
	})()`, &follows))
	if st.Visible || !follows {
		t.Errorf("Tab past the card's last link: card visible %v, focus on %q (want the control after the quotation's button, in the article)", st.Visible, after)
	}
	if f := press(ctx, t, kb.Tab, input.ModifierShift); f != quote {
		t.Errorf("Shift+Tab went to %q, want the quotation's button", f)
	}
	// Space opens it too; Shift+Tab from the card's top goes back.
	if f := press(ctx, t, " "); !strings.HasPrefix(f, "DIV") {
		t.Errorf("Space on the button left focus on %q, want the card", f)
	}
	waitCard(ctx, t, "must handle the issue")
	if f := press(ctx, t, kb.Tab, input.ModifierShift); f != quote {
		t.Errorf("Shift+Tab from the card's top went to %q, want the quotation's button", f)
	}
	if chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); st.Visible {
		t.Errorf("the card is still open after Shift+Tab out of it")
	}
	// Escape closes it and focus is back on the button.
	press(ctx, t, kb.Enter)
	waitCard(ctx, t, "must handle the issue")
	if f := press(ctx, t, kb.Tab); !strings.HasPrefix(f, "BUTTON") {
		t.Errorf("Tab in the card went to %q, want its close button", f)
	}
	f = press(ctx, t, kb.Escape)
	if chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); st.Visible || f != quote {
		t.Errorf("after Escape: card visible %v, focus on %q, want it on %q", st.Visible, f, quote)
	}
}

// caretPage is a publisher's page with the widget on the whole index (so
// that lookups are answered in the order they are asked: see answered)
// and a byline link, the first thing Tab reaches.
const caretPage = `<!DOCTYPE html><html><head><title>Publisher</title>` + watchWasm + `
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index.qti" defer></script>
</head><body>
<article id="story"><h1>Story</h1>
<p>By <a href="#author">A. Reporter</a></p>
<p>Chinese President Xi Jinping told President Biden on Monday:</p>
<p id="q">“` + quotation + `,” Mr. Xi said.</p>
<p id="plain">The weather in the valley stayed mild on Tuesday afternoon, the farmers said.</p>
<p><a href="#more">More stories</a></p></article>
</body></html>`

// TestCaretBrowsingOnAnEmbeddingPage: the path the README gives a reader
// without a mouse on a publisher's page. Chromium runs with caret browsing
// on (--enable-caret-browsing: what F7 turns on); Tab puts the caret on
// the byline link, Down and Home take it to the quotation's line,
// Shift+End selects it, and the card opens; Alt+Shift+Q moves into it,
// Escape closes it. Shift+Down then selects a line no outlet carried: no
// card, and Alt+Shift+Q asks for one anyway and is told so.
func TestCaretBrowsingOnAnEmbeddingPage(t *testing.T) {
	files := server(t)
	pub := publisher(t, files.URL, "", caretPage)
	ctx, cancel := browserWith(t, chromedp.Flag("enable-caret-browsing", true))
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery),
		chromedp.Poll(`window.quotetrail && window.quotetrail.version`, nil)); err != nil {
		t.Fatal(err)
	}
	tabTo(ctx, t, "A A. Reporter", 5)
	press(ctx, t, kb.ArrowDown)
	press(ctx, t, kb.ArrowDown)
	press(ctx, t, kb.Home)
	press(ctx, t, kb.End, input.ModifierShift)
	var selected string
	chromedp.Run(ctx, chromedp.Evaluate(`getSelection().toString()`, &selected))
	if !strings.Contains(selected, quotation) {
		t.Fatalf("the keys selected %q, want the quotation's line", selected)
	}
	st := waitCard(ctx, t, "must handle the issue")
	checkCarriers(t, st)
	if f := press(ctx, t, "Q", input.ModifierAlt, input.ModifierShift); !strings.HasPrefix(f, "DIV") {
		t.Fatalf("Alt+Shift+Q focused %q, want the card", f)
	}
	tabTo(ctx, t, "A Open in", 6)
	f := press(ctx, t, kb.Escape)
	if chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); st.Visible || strings.HasPrefix(f, "A Open in") {
		t.Errorf("after Escape: card visible %v, focus on %q", st.Visible, f)
	}
	if chromedp.Run(ctx, chromedp.Evaluate(`getSelection().toString()`, &selected)); !strings.Contains(selected, quotation) {
		t.Errorf("after Escape the selection is %q: the reader lost their place", selected)
	}
	// The next line: no outlet carried it, so no card opens by itself.
	press(ctx, t, kb.ArrowDown)
	press(ctx, t, kb.Home)
	press(ctx, t, kb.End, input.ModifierShift)
	chromedp.Run(ctx, chromedp.Evaluate(`getSelection().toString()`, &selected))
	if !strings.Contains(selected, "The weather in the valley") {
		t.Fatalf("the keys selected %q, want the next line", selected)
	}
	if n := answered(ctx, t, selected); n != 0 {
		t.Fatalf("the engine finds %d outlets for %q: the test needs a line no outlet carried", n, selected)
	}
	if chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); st.Visible {
		t.Errorf("a card opened for a selection no outlet carried: %+v", st)
	}
	// Asked for, the card opens all the same and says so.
	if f := press(ctx, t, "Q", input.ModifierAlt, input.ModifierShift); !strings.HasPrefix(f, "DIV") {
		t.Errorf("Alt+Shift+Q on a selection without a card focused %q, want the card", f)
	}
	waitNotice(ctx, t, "No outlet in the corpus carried this.")
	press(ctx, t, kb.Escape)
}

// answered waits until the widget's engine has looked text up, as the
// widget does for a selection, and returns how many outlets it found.
// On the whole index (index.qti) the engine answers lookups one at a time
// in the order they were asked, so a selection the widget looked up before
// this call has been answered, and the widget has decided, by the time it
// returns (the folder index fetches parts and may answer out of order).
func answered(ctx context.Context, t *testing.T, text string) int {
	t.Helper()
	var n int
	if err := chromedp.Run(ctx, settle(100),
		chromedp.Evaluate(`quotetrail.lookup(`+"`"+text+"`"+`).then(r => r.matches.length)`, &n, awaitPromise),
		settle(50)); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFocusStaysInTheCardWhileItLoads: a keyboard reader opens a
// <quote-trail> quotation's card (Tab, Enter) while the index is still
// on its way, and tabs to the card's close button; when the answer
// replaces "Looking up…", focus stays in the card instead of falling to
// the page's body.
func TestFocusStaysInTheCardWhileItLoads(t *testing.T) {
	files := serve.Handler(site(t, ""))
	gate := make(chan struct{})
	var once sync.Once
	open := func() { once.Do(func() { close(gate) }) }
	t.Cleanup(open)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!DOCTYPE html><html><head><title>Publisher</title>` + watchWasm + `
<script src="/quotetrail.js" data-index="/index.qti" defer></script></head>
<body><p>Xi said: <quote-trail>` + quotation + `</quote-trail></p><p><a href="#next">Next story</a></p></body></html>`))
		case "/index.qti":
			<-gate // the index arrives when the test says so
			files.ServeHTTP(w, r)
		default:
			files.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`quote-trail[role="button"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	tabTo(ctx, t, "QUOTE-TRAIL", 3)
	if f := press(ctx, t, kb.Enter); !strings.HasPrefix(f, "DIV") {
		t.Fatalf("Enter on the quotation focused %q, want the card", f)
	}
	waitNotice(ctx, t, "Looking up")
	if f := press(ctx, t, kb.Tab); !strings.HasPrefix(f, "BUTTON") {
		t.Fatalf("Tab in the loading card went to %q, want its close button", f)
	}
	open()
	waitCard(ctx, t, "must handle the issue")
	var inCard bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const h = document.querySelector('[data-quotetrail]'); return document.activeElement === h && h.shadowRoot.activeElement !== null; })()`, &inCard)); err != nil {
		t.Fatal(err)
	}
	if !inCard {
		var f string
		chromedp.Run(ctx, chromedp.Evaluate(deepFocus, &f))
		t.Errorf("when the answer came, focus fell out of the card to %q", f)
	}
}
