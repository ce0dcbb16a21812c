package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// plain is a sentence no outlet of the seed corpus carried: selecting it
// must open no card by itself.
const plain = "The weather in the valley stayed mild on Tuesday afternoon, the farmers said."

// quietPage is a publisher's page (or any page, for the extension) with a
// quotation the corpus carried and a sentence it did not. cardLog, run
// before anything else, records every state the card is seen in while
// open (window.__cards: its data-query, or its text while it has none),
// so a card that opened and closed again between two looks is caught.
const cardLog = `<script>
window.__cards = [];
(() => {
  const seen = new WeakSet();
  const note = (root) => {
    const c = root.querySelector('.card');
    if (!c || c.hidden) return;
    const s = c.getAttribute('data-query') || ('text: ' + c.textContent);
    if (__cards[__cards.length - 1] !== s) __cards.push(s);
  };
  const watch = () => {
    for (const h of document.querySelectorAll('[data-quotetrail]')) {
      if (!h.shadowRoot || seen.has(h)) continue;
      seen.add(h);
      new MutationObserver(() => note(h.shadowRoot)).observe(h.shadowRoot, {subtree: true, childList: true, attributes: true, characterData: true});
      note(h.shadowRoot);
    }
  };
  new MutationObserver(watch).observe(document.documentElement, {subtree: true, childList: true});
})();
</script>`

func quietPage(script string) string {
	return `<!DOCTYPE html><html><head><title>A page</title>` + cardLog + watchWasm + script + `</head><body>
<p id="q">He said: “` + quotation + `.”</p>
<p id="plain">` + plain + `</p></body></html>`
}

// cards returns what cardLog recorded.
func cards(ctx context.Context, t *testing.T) []string {
	t.Helper()
	var seen []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.__cards`, &seen)); err != nil {
		t.Fatal(err)
	}
	return seen
}

// dragOver selects the text of the element with id from its first letter
// to its last with a real mouse drag.
func dragOver(ctx context.Context, t *testing.T, id, text string) {
	t.Helper()
	dragIn(ctx, t, `document.getElementById('`+id+`').firstChild`, text)
}

// dragIn selects text in the text node node (a script expression) from
// its first letter to its last with a real mouse drag.
func dragIn(ctx context.Context, t *testing.T, node, text string) {
	t.Helper()
	var box textBox
	if err := chromedp.Run(ctx, locate(node, text, &box)); err != nil {
		t.Fatal(err)
	}
	// Measured first: dragSelect's arguments are read when it is called.
	var selected string
	if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2), chromedp.Evaluate(`getSelection().toString()`, &selected)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(selected, text[:len(text)-1]) {
		t.Fatalf("the drag selected %q, want %q", selected, text)
	}
}

// TestNoCardWithoutAnAnswer: on a publisher's page, a mouse drag over a
// sentence no outlet carried opens no card (not even "Looking up…" while
// the engine loads), a drag over the quotation opens one, and a drag over
// the sentence again leaves it closed.
func TestNoCardWithoutAnAnswer(t *testing.T) {
	files := server(t)
	pub := publisher(t, files.URL, "", quietPage(`<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index.qti" defer></script>`))
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#plain`, chromedp.ByQuery),
		chromedp.Poll(`window.quotetrail && window.quotetrail.version`, nil)); err != nil {
		t.Fatal(err)
	}
	dragOver(ctx, t, "plain", plain)
	if n := answered(ctx, t, plain); n != 0 {
		t.Fatalf("the engine finds %d outlets for %q: the test needs a sentence no outlet carried", n, plain)
	}
	if seen := cards(ctx, t); len(seen) != 0 {
		t.Errorf("selecting a sentence no outlet carried opened the card: %q", seen)
	}
	dragOver(ctx, t, "q", quotation)
	checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
	dragOver(ctx, t, "plain", plain)
	answered(ctx, t, plain)
	var st cardState
	if chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); st.Visible {
		t.Errorf("the card is open after a selection no outlet carried: %+v", st)
	}
	for _, s := range cards(ctx, t) {
		if !strings.Contains(s, "must handle the issue") {
			t.Errorf("the card opened as %q: only the quotation's card should have", s)
		}
	}
	if h := health(ctx, t); len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
}

// TestExtensionNoCardWithoutAnAnswer: the unpacked extension on a page of
// its own (not a publisher's): a mouse drag over a sentence no outlet
// carried opens no card, one over the quotation does. The content script
// is out of the page's reach, so the test first drags over the quotation
// until its card shows (the script came at document_idle, and the engine
// has loaded), then over the sentence, then over the quotation again: the
// background answers in order, so the sentence's answer came before the
// second card, and the log holds every card shown meanwhile.
func TestExtensionNoCardWithoutAnAnswer(t *testing.T) {
	pub := publisher(t, "", "", quietPage(""))
	// Automatic cards, as a reader who turned them on has them.
	ctx, cancel, id := extensionBrowser(t, grantedExtension(t, allSites...))
	defer cancel()
	chooseAutomatic(ctx, t, id)
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#plain`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(patience); len(cards(ctx, t)) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the extension's content script never opened a card")
		}
		dragOver(ctx, t, "q", quotation)
		chromedp.Run(ctx, settle(300))
	}
	checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
	dragOver(ctx, t, "plain", plain)
	chromedp.Run(ctx, settle(100)) // the widget's timer after the drag has run: the lookup is asked
	dragOver(ctx, t, "q", quotation)
	waitCard(ctx, t, "must handle the issue")
	for _, s := range cards(ctx, t) {
		if !strings.Contains(s, "must handle the issue") {
			t.Errorf("the card opened as %q: only the quotation's card should have", s)
		}
	}
	if h := health(ctx, t); len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
}

// TestCardTextCanBeSelected: the card's text is not selectable until the
// reader presses the mouse in it (so that Ctrl+A on the page does not
// paint it as selected, see TestCardFitsAtZoomAndLargeSelections's
// screenshots), and then a mouse drag over an outlet's wording selects it
// and leaves the card open.
func TestCardTextCanBeSelected(t *testing.T) {
	files := server(t)
	pub := publisher(t, files.URL, "", quietPage(`<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index.qti" defer></script>`))
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	dragOver(ctx, t, "q", quotation)
	waitCard(ctx, t, "must handle the issue")
	var box textBox
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const q = 'must handle the issue', w = document.createTreeWalker(document.querySelector('[data-quotetrail]').shadowRoot.querySelector('li .quote'), NodeFilter.SHOW_TEXT);
		let n; while ((n = w.nextNode()) && n.data.indexOf(q) < 0) {}
		const r = document.createRange(), i = n.data.indexOf(q);
		r.setStart(n, i); r.setEnd(n, i + 1);
		const a = r.getBoundingClientRect();
		r.setStart(n, i + q.length - 1); r.setEnd(n, i + q.length);
		const b = r.getBoundingClientRect();
		return {X1: a.left + 1, Y1: (a.top + a.bottom) / 2, X2: b.right - 1, Y2: (b.top + b.bottom) / 2};
	})()`, &box)); err != nil {
		t.Fatal(err)
	}
	var inCard string
	var st cardState
	if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2), settle(100),
		// The selection's text, if it starts in the card (the page's own
		// selection holds the same words).
		chromedp.Evaluate(`(() => {
			const r = document.querySelector('[data-quotetrail]').shadowRoot, s = r.getSelection();
			return s && s.anchorNode && r.contains(s.anchorNode) ? s.toString() : '';
		})()`, &inCard),
		chromedp.Evaluate(readCard, &st)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(inCard, "must handle the issu") {
		t.Errorf("a drag over an outlet's wording in the card selected %q", inCard)
	}
	if !st.Visible || !strings.Contains(st.Query, "must handle the issue") {
		t.Errorf("after selecting in the card, the card is %+v", st)
	}
}
