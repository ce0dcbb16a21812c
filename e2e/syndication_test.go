package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCardSaysWhoRepublishedWhom: dragged over Xi's words in the demo,
// the card names The Rising Nepal as "The Rising Nepal, republishing BBC
// News" (its byline says the report is BBC News'), says that Vidia News
// shares its text with The Rising Nepal, and counts the three outlets as
// two independent reports: from the whole index and from the folder
// index.
func TestCardSaysWhoRepublishedWhom(t *testing.T) {
	for _, c := range []struct {
		name string
		srv  func(t *testing.T) *host
	}{
		{"whole index", func(t *testing.T) *host { return server(t) }},
		{"folder index", func(t *testing.T) *host { return folderDemo(t, "", "") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := c.srv(t)
			ctx, cancel := browser(t)
			defer cancel()
			if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			dragIn(ctx, t, inReader, quotation)
			st := waitCard(ctx, t, "must handle the issue")
			checkCarriers(t, st)
			screenshot(ctx, t, "syndication-card-"+strings.ReplaceAll(c.name, " ", "-")+".png")
			checkSyndication(ctx, t, st)
		})
	}
}

// TestExtensionSaysWhoRepublishedWhom: the same in the extension (its
// built-in index, automatic cards turned on, a real mouse drag on a plain
// page).
func TestExtensionSaysWhoRepublishedWhom(t *testing.T) {
	ext := grantedExtension(t, allSites...)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(extensionPage))
	}))
	defer page.Close()
	ctx, cancel, id := extensionBrowser(t, ext)
	defer cancel()
	chooseAutomatic(ctx, t, id)
	if err := chromedp.Run(ctx, chromedp.Navigate(page.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	st := dragUntilCard(ctx, t)
	checkCarriers(t, st)
	checkSyndication(ctx, t, st)
}

// checkSyndication checks what the open card says of the seeds' copies.
func checkSyndication(ctx context.Context, t *testing.T, st cardState) {
	t.Helper()
	var shown struct {
		Lines   map[string]string
		Reports string
		Wrapped []string // dates the card breaks across lines
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const card = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card');
		const lines = {};
		for (const li of card.querySelectorAll('li')) lines[li.getAttribute('data-outlet')] = li.innerText;
		const r = card.querySelector('.reports');
		const wrapped = [];
		for (const el of card.querySelectorAll('span')) {
			if (/^\d{4}-\d{2}-\d{2}$/.test(el.textContent) && el.getClientRects().length > 1) wrapped.push(el.textContent);
		}
		return {lines, reports: r ? r.innerText : '', wrapped};
	})()`, &shown)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(shown.Lines["The Rising Nepal"], "The Rising Nepal, republishing BBC News") {
		t.Errorf("The Rising Nepal's entry reads %q, want it to start \"The Rising Nepal, republishing BBC News\"", shown.Lines["The Rising Nepal"])
	}
	if !strings.Contains(shown.Lines["Vidia News"], "shares its text with The Rising Nepal") {
		t.Errorf("Vidia News's entry reads %q, want \"shares its text with The Rising Nepal\"", shown.Lines["Vidia News"])
	}
	if w := shown.Lines["The Washington Times"]; strings.Contains(w, "republishing") || strings.Contains(w, "text with") {
		t.Errorf("The Washington Times, its own report, reads %q", w)
	}
	if len(shown.Wrapped) > 0 {
		t.Errorf("the card breaks dates across lines: %q", shown.Wrapped)
	}
	if shown.Reports != "3 outlets, 2 independent reports" {
		t.Errorf("the card counts %q, want \"3 outlets, 2 independent reports\"", shown.Reports)
	}
	if !strings.Contains(st.Live, "2 independent reports") {
		t.Errorf("the live region says %q", st.Live)
	}
}
