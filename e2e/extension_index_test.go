package e2e

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// carrier is one outlet of the card with the index it came from.
type carrier struct {
	Outlet string `json:"outlet"`
	Index  string `json:"index"`
	Shown  string `json:"shown"` // the card's own words for it
}

const readCarriers = `[...document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('.card li')].map(li => ({
	outlet: li.querySelector('.outlet').textContent, index: li.getAttribute('data-index') || '',
	shown: (li.querySelector('.from') || {textContent: ''}).textContent}))`

// TestExtensionIndexes: on the options page a reader types the address of
// a second index (served on 127.0.0.1, built from
// testdata/second-index: one article of another outlet carrying the
// quotation) and clicks Add; a mouse drag over the quotation then shows
// the bundled index's three carriers and the second index's one, each
// marked on the card with its index. Both forms of an index are added in
// turn: the whole index (index.qti) and the folder index (index/, read
// by parts).
func TestExtensionIndexes(t *testing.T) {
	corpus, _ := filepath.Abs(filepath.Join("testdata", "second-index"))
	second := serverFor(t, corpus)
	pub := publisher(t, "", "", quietPage(""))
	ctx, cancel, id := extensionBrowser(t, grantedExtension(t, allSites...))
	defer cancel()
	chooseAutomatic(ctx, t, id)
	secondHost := strings.TrimPrefix(second.URL, "http://")

	for _, c := range []struct{ path, fetched string }{{"/index.qti", "/index.qti"}, {"/index/", "/index/entry.qtf"}} {
		t.Run(strings.Trim(c.path, "/"), func(t *testing.T) {
			address := second.URL + c.path
			openOptions(ctx, t, id)
			// The last form's address is removed first, with its button.
			var old []string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('#indexes li')].map(li => li.dataset.url)`, &old)); err != nil {
				t.Fatal(err)
			}
			for range old {
				if err := chromedp.Run(ctx, chromedp.Click(`#indexes li button`, chromedp.ByQuery)); err != nil {
					t.Fatal(err)
				}
				waitStatus(ctx, t, "Removed")
			}
			if err := chromedp.Run(ctx, chromedp.Click(`#index-url`, chromedp.ByQuery), chromedp.SendKeys(`#index-url`, address, chromedp.ByQuery),
				chromedp.Click(`#add`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			waitStatus(ctx, t, "Added")
			var listed []string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('#indexes li')].map(li => li.dataset.url)`, &listed)); err != nil {
				t.Fatal(err)
			}
			if len(listed) != 1 || listed[0] != address {
				t.Errorf("the options page lists %q, want [%q]", listed, address)
			}

			if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			dragUntilCard(ctx, t)
			var got []carrier
			if err := chromedp.Run(ctx, chromedp.Evaluate(readCarriers, &got)); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"The Washington Times": "built-in", "Vidia News": "built-in", "The Rising Nepal": "built-in",
				"The Harbour Ledger": secondHost + strings.TrimSuffix(strings.TrimSuffix(c.path, "index.qti"), "/")}
			for _, g := range got {
				w, ok := want[g.Outlet]
				if !ok {
					t.Errorf("the card lists %q, from no index of the test", g.Outlet)
					continue
				}
				if g.Index != w || g.Shown != "index: "+w {
					t.Errorf("%s: marked %q and shown as %q, want index %q", g.Outlet, g.Index, g.Shown, w)
				}
				delete(want, g.Outlet)
			}
			for o := range want {
				t.Errorf("the card does not list %s: %+v", o, got)
			}
			fetched := false
			for _, p := range second.log.list() {
				fetched = fetched || p == c.fetched
				if u, _ := url.PathUnescape(p); strings.Contains(u, "must handle") {
					t.Errorf("the selection reached the index's host: %s", p)
				}
			}
			if !fetched {
				t.Errorf("the second index's host was never asked for %s: %q", c.fetched, second.log.list())
			}
		})
	}
}
