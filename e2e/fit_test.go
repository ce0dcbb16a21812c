package e2e

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// TestCardFitsTheWindow: the card opens wholly inside the window when the
// quotation sits mid-screen in a short window (neither below nor above it
// has room), on a phone-sized window, and after Ctrl+A selects the whole
// page (a selection taller than the screen); real mouse drags and key
// presses.
func TestCardFitsTheWindow(t *testing.T) {
	spacer := `<div style="height:1600px"></div>`
	page := strings.Replace(folderPage, `<article id="story">`, spacer+`<article id="story">`, 1)
	page = strings.Replace(page, `</article>`, `</article>`+spacer, 1)
	dir := site(t, "")
	for _, c := range []struct {
		name          string
		width, height int64
		selectAll     bool
	}{
		{"short window", 1100, 600, false},
		{"desktop", 1280, 900, false},
		{"phone", 390, 844, false},
		{"select all", 1280, 900, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(serve.Handler(dir))
			t.Cleanup(srv.Close)
			pub := publisher(t, srv.URL, "", page)
			ctx, cancel := browser(t)
			defer cancel()
			var box textBox
			if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(c.width, c.height, 1, false),
				chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery),
				locate(`document.getElementById('q').firstChild`, quotation, &box)); err != nil {
				t.Fatal(err)
			}
			if c.selectAll {
				// Click into the page, then Ctrl+A.
				err := chromedp.Run(ctx, chromedp.MouseClickXY(box.X1, box.Y1),
					chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)))
				if err != nil {
					t.Fatal(err)
				}
				waitCard(ctx, t, "")
			} else {
				if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2)); err != nil {
					t.Fatal(err)
				}
				waitCard(ctx, t, "must handle the issue")
			}
			var fit struct{ Top, Bottom, Left, Right, W, H float64 }
			if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
				const b = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card').getBoundingClientRect();
				return {Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right, W: innerWidth, H: innerHeight};
			})()`, &fit)); err != nil {
				t.Fatal(err)
			}
			if fit.Top < 0 || fit.Bottom > fit.H || fit.Left < 0 || fit.Right > fit.W {
				t.Errorf("the card spans %.0f–%.0f × %.0f–%.0f in a %.0f×%.0f window", fit.Left, fit.Right, fit.Top, fit.Bottom, fit.W, fit.H)
			}
			screenshot(ctx, t, "card-fit-"+strings.ReplaceAll(c.name, " ", "-")+".png")
		})
	}
}
