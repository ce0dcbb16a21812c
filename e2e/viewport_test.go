package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestNarrowAndTouch: on a phone-sized touch screen and at 200% zoom (a
// 640-CSS-pixel window), a touch selection opens the card inside the
// viewport, with no text cut off sideways (the demo's articles, the widget
// on the folder index).
func TestNarrowAndTouch(t *testing.T) {
	for _, v := range []struct {
		name  string
		width int64
		scale float64
	}{{"phone", 390, 3}, {"zoom-200", 640, 2}} {
		t.Run(v.name, func(t *testing.T) {
			srv := folderDemo(t, "", "")
			ctx, cancel := browser(t)
			defer cancel()
			var pos struct{ X, Y float64 } // where the selection starts
			err := chromedp.Run(ctx,
				emulation.SetDeviceMetricsOverride(v.width, 800, v.scale, v.name == "phone"),
				emulation.SetTouchEmulationEnabled(v.name == "phone"),
				chromedp.Navigate(srv.URL+"/"),
				chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
				chromedp.Evaluate(`(() => {
					const q = 'The U.S. must handle the issue of arms sales to Taiwan with prudence';
					const w = document.createTreeWalker(document.getElementById('reader'), NodeFilter.SHOW_TEXT);
					let n; while ((n = w.nextNode()) && n.data.indexOf(q) < 0) {}
					n.parentElement.scrollIntoView({block: 'center'});
					const i = n.data.indexOf(q), r = document.createRange();
					r.setStart(n, i); r.setEnd(n, i + q.length);
					getSelection().removeAllRanges(); getSelection().addRange(r);
					const b = r.getBoundingClientRect();
					return {X: b.left + 5, Y: b.top + 5};
				})()`, &pos),
			)
			if err != nil {
				t.Fatal(err)
			}
			if v.name == "phone" {
				// A long-press selection fires only selectionchange (done
				// above); the card must come on its own.
			} else {
				err = chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById('reader').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}))`, nil))
			}
			if err != nil {
				t.Fatal(err)
			}
			checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
			srv.log.checkFolder(t)
			var fit struct {
				Left, Right, Width float64
				Clipped            bool
			}
			chromedp.Run(ctx, chromedp.Evaluate(`(() => {
				const c = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card'), b = c.getBoundingClientRect();
				return {Left: b.left, Right: b.right, Width: innerWidth, Clipped: c.scrollWidth > c.clientWidth + 1};
			})()`, &fit))
			if fit.Left < 0 || fit.Right > fit.Width || fit.Clipped {
				t.Errorf("card at %.0f–%.0f in a %.0f-pixel viewport, clipped sideways: %v", fit.Left, fit.Right, fit.Width, fit.Clipped)
			}
		})
	}
}
