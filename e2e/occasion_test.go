package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCardSaysAnUndatedRewordingMayBeAnotherOccasion: over a corpus of
// The Washington Times' page and Vidia News' with its date taken out, the
// quotation typed into the demo's box (real key presses) opens a card
// that says of Vidia News' rewording "date unknown: may be another
// occasion", and nothing of the sort of The Washington Times'.
func TestCardSaysAnUndatedRewordingMayBeAnotherOccasion(t *testing.T) {
	corpus := t.TempDir()
	pages, _ := filepath.Glob("../corpus/*.html")
	for i, name := range []string{"wt.html", "vidia.html"} {
		b, err := os.ReadFile(pages[i])
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if i == 1 { // every mark of Vidia News' date taken out
			for _, r := range [][2]string{{`content="2026-02-05"`, `content=""`}, {`, "datePublished": "2026-02-05"`, ""},
				{`datetime="2026-02-05"`, ""}, {"February 5, 2026", ""}, {"/2026/02/05/", "/"}} {
				s = strings.ReplaceAll(s, r[0], r[1])
			}
		}
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := serverFor(t, corpus)
	ctx, cancel := browser(t)
	defer cancel()
	pasteLookup(ctx, t, srv.URL, "The U.S. must handle the issue of arms sales to Taiwan with prudence")
	waitCard(ctx, t, "must handle the issue")
	var notes map[string]string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const out = {};
		for (const li of document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('li')) {
			out[li.getAttribute('data-outlet')] = li.innerText;
		}
		return out;
	})()`, &notes)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notes["Vidia News"], "date unknown: may be another occasion") {
		t.Errorf("Vidia News, undated, reads %q", notes["Vidia News"])
	}
	if w, ok := notes["The Washington Times"]; !ok || strings.Contains(w, "another occasion") {
		t.Errorf("The Washington Times reads %q (present %v)", w, ok)
	}
	screenshot(ctx, t, "card-undated-rewording.png")
}
