package e2e

import (
	"context"
	"github.com/chromedp/cdproto/emulation"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

const quotation = "The U.S. must handle the issue of arms sales to Taiwan with prudence"

// TestSelectQuotationShowsCarriers does what a reader does: opens the demo,
// drags the mouse over the quotation in The Washington Times article, and
// reads the card.
func TestSelectQuotationShowsCarriers(t *testing.T) {
	srv := server(t)
	ctx, cancel := browser(t)
	defer cancel()

	var title string
	var box textBox
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.Text(`#reader h2`, &title, chromedp.ByQuery),
		locate(inReader, quotation, &box),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "Washington Times") {
		t.Fatalf("the demo opens on %q, want The Washington Times article", title)
	}
	var selected string
	err = chromedp.Run(ctx,
		chromedp.MouseEvent(input.MousePressed, box.X1, box.Y1, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.MouseMoved, (box.X1+box.X2)/2, (box.Y1+box.Y2)/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseMoved, box.X2, box.Y2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseReleased, box.X2, box.Y2, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.Evaluate(`window.getSelection().toString()`, &selected),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(selected, "must handle the issue") {
		t.Fatalf("the mouse drag selected %q", selected)
	}
	st := waitCard(ctx, t, "must handle the issue")
	checkCarriers(t, st)
	if !strings.Contains(st.Live, "3 outlets") {
		t.Errorf("live region says %q", st.Live)
	}
	screenshot(ctx, t, "card-light.png")
	if err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}})); err != nil {
		t.Fatal(err)
	}
	var bg string
	chromedp.Run(ctx, chromedp.Evaluate(`getComputedStyle(document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card')).backgroundColor`, &bg))
	if bg != "rgb(22, 27, 34)" {
		t.Errorf("in the dark scheme the card's background is %s", bg)
	}
	screenshot(ctx, t, "card-dark.png")

	// Escape closes the card.
	if err := chromedp.Run(ctx, chromedp.KeyEvent("\x1b"), chromedp.Evaluate(readCard, &st)); err != nil {
		t.Fatal(err)
	}
	if st.Visible {
		t.Errorf("the card is still open after Escape")
	}

	// The paste box gives the same card, and says so plainly when nothing
	// matched.
	for _, c := range []struct {
		text  string
		check func(cardState)
	}{
		{quotation, func(st cardState) { checkCarriers(t, st) }},
		{"The two leaders agreed to meet again in Geneva in March", func(st cardState) {
			if len(st.Entries) != 0 || !strings.Contains(st.Title, "No outlet") {
				t.Errorf("unmatched paste: %+v", st)
			}
		}},
	} {
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`document.getElementById('paste-text').value = ''`, nil),
			chromedp.SendKeys(`#paste-text`, c.text, chromedp.ByQuery),
			chromedp.Click(`#paste-form button`, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		c.check(waitCard(ctx, t, c.text))
	}
}

// inReader finds, for locate, the text node of the demo's reader that
// holds q.
const inReader = `(() => {
	const walker = document.createTreeWalker(document.getElementById('reader'), NodeFilter.SHOW_TEXT);
	let n;
	while ((n = walker.nextNode()) && n.data.indexOf(q) < 0) {}
	return n;
})()`

func checkCarriers(t *testing.T, st cardState) {
	t.Helper()
	by := map[string]entry{}
	for _, e := range st.Entries {
		by[e.Outlet] = e
	}
	if len(st.Entries) != 3 {
		t.Errorf("card lists %d outlets, want 3: %+v", len(st.Entries), st.Entries)
	}
	if e, ok := by["The Washington Times"]; !ok || !strings.Contains(e.Quote, "handle the issue") || e.Speaker != "Xi Jinping" {
		t.Errorf("The Washington Times: %+v", e)
	}
	if e, ok := by["Vidia News"]; !ok || !strings.Contains(e.Quote, "treat the issue") || !strings.Contains(e.Quote, "caution") || e.Channel != "Xinhua" || e.Marked != "treat|caution" {
		t.Errorf("Vidia News: %+v", e)
	}
	if e, ok := by["The Rising Nepal"]; !ok || !strings.Contains(e.Quote, "prudence") {
		t.Errorf("The Rising Nepal: %+v", e)
	}
}

// screenshot saves the page to $QUOTETRAIL_SCREENSHOTS/name when that is
// set, for a person to look at.
func screenshot(ctx context.Context, t *testing.T, name string) {
	dir := os.Getenv("QUOTETRAIL_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, name), png, 0o644)
}
