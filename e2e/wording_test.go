package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCardSaysHowEachOutletWordedIt: dragged over a quotation in the
// demo, the card labels each outlet by its wording (identical, spelled
// differently, reworded), marks the words spelled differently apart
// from those worded differently; a selection typed with its attribution
// is answered for the quotation inside it, and the card says which.
func TestCardSaysHowEachOutletWordedIt(t *testing.T) {
	srv := server(t)
	ctx, cancel := browser(t)
	defer cancel()
	var box textBox
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		locate(inReader, quotation, &box),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The box is measured by the run above: the drag needs its own.
	if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2)); err != nil {
		t.Fatal(err)
	}
	st := waitCard(ctx, t, "must handle the issue")
	kinds := map[string]string{}
	for _, e := range st.Entries {
		kinds[e.Outlet] = e.Kind
	}
	want := map[string]string{"The Washington Times": "identical", "The Rising Nepal": "spelled differently", "Vidia News": "reworded"}
	for o, k := range want {
		if kinds[o] != k {
			t.Errorf("%s is labelled %q, want %q (all: %v)", o, kinds[o], k, kinds)
		}
	}
	var spelled string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const li = [...document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('li')].find(l => l.getAttribute('data-outlet') === 'The Rising Nepal');
		return li ? [...li.querySelectorAll('mark.spelled')].map(m => m.textContent).join('|') + '/' + li.querySelectorAll('mark.differs').length : 'no entry';
	})()`, &spelled)); err != nil {
		t.Fatal(err)
	}
	if spelled != "United States/0" {
		t.Errorf("The Rising Nepal's marks (spelled/number worded differently): %q, want \"United States/0\"", spelled)
	}

	sloppy := "“The United States must treat the Taiwan issue with prudence,” he warned, according to the official Xinhua news agency."
	var focus string
	err = chromedp.Run(ctx,
		chromedp.KeyEvent("\x1b"),
		chromedp.Evaluate(`document.getElementById('paste-text').value = ''`, nil),
		chromedp.SendKeys(`#paste-text`, sloppy, chromedp.ByQuery),
		chromedp.Click(`#paste-form button`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	st = waitCard(ctx, t, "according to the official Xinhua")
	chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.focus') || {}).textContent || ''`, &focus))
	if !strings.Contains(focus, "Answered for the quotation “The United States must treat the Taiwan issue with prudence”") || len(st.Entries) != 3 {
		t.Errorf("a selection with its attribution: focus line %q, %d outlets", focus, len(st.Entries))
	}
}
