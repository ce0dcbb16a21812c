package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// cardFit is where the open card is and what a reader can reach in it.
type cardFit struct {
	W, H                               float64 // the window, in CSS pixels
	Top, Bottom, Left, Right           float64 // the card
	CloseTop, CloseBottom              float64 // its close button
	CloseOnTop                         bool    // nothing covers the close button
	ScrollW, ClientW, ScrollH, ClientH float64 // the card's content and box
	OverflowY                          string
	LastInside                         bool // scrolled to its end, the last outlet's link is inside the card
	SelTop, SelBottom                  float64
	DPR                                float64
	Title                              struct{ Left, Top, Right, Bottom float64 } // the card's title text
}

const measureCard = `(() => {
	const r = document.querySelector('[data-quotetrail]').shadowRoot, c = r.querySelector('.card');
	const b = c.getBoundingClientRect(), x = r.querySelector('button.close').getBoundingClientRect();
	const at = r.elementFromPoint((x.left + x.right) / 2, (x.top + x.bottom) / 2);
	c.scrollTop = c.scrollHeight;
	const links = c.querySelectorAll('a'), last = links[links.length - 1];
	const lb = last ? last.getBoundingClientRect() : b, cb = c.getBoundingClientRect();
	c.scrollTop = 0;
	const s = getSelection(), sr = s.rangeCount ? s.getRangeAt(0).getBoundingClientRect() : {top: 0, bottom: 0};
	return {W: innerWidth, H: innerHeight, Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right,
		CloseTop: x.top, CloseBottom: x.bottom, CloseOnTop: !!at && at.closest('button.close') !== null,
		ScrollW: c.scrollWidth, ClientW: c.clientWidth, ScrollH: c.scrollHeight, ClientH: c.clientHeight,
		OverflowY: getComputedStyle(c).overflowY, LastInside: !!last && lb.top >= cb.top - 1 && lb.bottom <= cb.bottom + 1,
		SelTop: sr.top, SelBottom: sr.bottom, DPR: devicePixelRatio,
		Title: (() => { const g = document.createRange(); g.selectNodeContents(r.querySelector('.title')); const t = g.getBoundingClientRect(); return {Left: t.left, Top: t.top, Right: t.right, Bottom: t.bottom}; })()};
})()`

// TestCardFitsAtZoomAndLargeSelections: at 1280×900, 1100×800 and 390×844,
// at 100 % and 200 % zoom, for a mouse drag over the quotation mid-page and
// for Ctrl+A (a selection taller than the window), the card with three
// outlets lies wholly inside the window, its close button is in sight and
// uncovered, nothing in it runs off to the side, and when it is shorter
// than its content it scrolls inside itself down to the last outlet's link.
// Browser zoom at 200 % lays a page out in half as many CSS pixels each
// way with devicePixelRatio 2, which is what the emulated metrics give
// (headless Chromium has no zoom command). Real drags and key presses.
// TestCardFitsTheWindow covers a short window (1100×600).
func TestCardFitsAtZoomAndLargeSelections(t *testing.T) {
	// The quotation mid-page, between a heading and a footer far apart:
	// Ctrl+A selects from the first text to the last, so the selection
	// spans the spacers between them and is taller than the window.
	spacer := `<div style="height:1600px"></div>`
	page := strings.Replace(folderPage, `<h1>Story</h1>`, `<h1>Story</h1>`+spacer, 1)
	page = strings.Replace(page, `</article>`, `</article>`+spacer+`<footer><p>More stories</p></footer>`, 1)
	page = strings.Replace(page, `<title>Publisher</title>`, `<title>Publisher</title><meta name="viewport" content="width=device-width, initial-scale=1">`, 1)
	files := server(t)
	pub := publisher(t, files.URL, "", page)
	ctx, cancel := browser(t)
	defer cancel()
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"laptop", 1100, 800}, {"phone", 390, 844}} {
		for _, zoom := range []int64{1, 2} {
			for _, selectAll := range []bool{false, true} {
				how := "drag"
				if selectAll {
					how = "ctrl-a"
				}
				name := fmt.Sprintf("%s-%dx%d-zoom%d-%s", size.name, size.width, size.height, zoom*100, how)
				t.Run(name, func(t *testing.T) {
					var box textBox
					if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(size.width/zoom, size.height/zoom, float64(zoom), false),
						chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery),
						locate(`document.getElementById('q').firstChild`, quotation, &box)); err != nil {
						t.Fatal(err)
					}
					if selectAll {
						if err := chromedp.Run(ctx, chromedp.MouseClickXY(box.X1, box.Y1),
							chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl))); err != nil {
							t.Fatal(err)
						}
					} else if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2)); err != nil {
						t.Fatal(err)
					}
					if st := waitCard(ctx, t, "must handle the issue"); len(st.Entries) != 3 {
						t.Fatalf("the card lists %d outlets, want 3 (a card of some height): %+v", len(st.Entries), st)
					}
					var f cardFit
					if err := chromedp.Run(ctx, chromedp.Evaluate(measureCard, &f)); err != nil {
						t.Fatal(err)
					}
					t.Logf("window %.0f×%.0f CSS px (devicePixelRatio %.0f), selection %.0f–%.0f, card %.0f–%.0f × %.0f–%.0f, content %.0f of %.0f px high",
						f.W, f.H, f.DPR, f.SelTop, f.SelBottom, f.Left, f.Right, f.Top, f.Bottom, f.ScrollH, f.ClientH)
					if f.W != float64(size.width/zoom) || f.DPR != float64(zoom) {
						t.Fatalf("the window is %.0f CSS px wide at devicePixelRatio %.0f: the zoom was not applied", f.W, f.DPR)
					}
					if selectAll && f.SelBottom-f.SelTop <= f.H {
						t.Fatalf("Ctrl+A selected %.0f px in a %.0f px window: the test needs a selection taller than the window", f.SelBottom-f.SelTop, f.H)
					}
					if f.Top < 0 || f.Bottom > f.H || f.Left < 0 || f.Right > f.W {
						t.Errorf("the card spans %.0f–%.0f × %.0f–%.0f in a %.0f×%.0f window", f.Left, f.Right, f.Top, f.Bottom, f.W, f.H)
					}
					if f.CloseTop < 0 || f.CloseBottom > f.H || !f.CloseOnTop {
						t.Errorf("the close button is at %.0f–%.0f (uncovered: %v) in a %.0f px window", f.CloseTop, f.CloseBottom, f.CloseOnTop, f.H)
					}
					if f.ScrollW > f.ClientW+1 {
						t.Errorf("the card's content is %.0f px wide in a %.0f px card: it runs off to the side", f.ScrollW, f.ClientW)
					}
					if f.ScrollH > f.ClientH+1 && f.OverflowY != "auto" && f.OverflowY != "scroll" {
						t.Errorf("the card's content is %.0f px high in %.0f px and does not scroll (overflow-y %s)", f.ScrollH, f.ClientH, f.OverflowY)
					}
					if !f.LastInside {
						t.Errorf("scrolled to its end, the card does not show the last outlet's link")
					}
					// Painted, not only placed: the card's title must not
					// look selected (Chromium paints the card as selected
					// after Ctrl+A on the page when its text is selectable).
					if share := selectedLook(ctx, t, f); share > 0.3 {
						t.Errorf("%.0f %% of the card's title is painted in the selection's blue", share*100)
					}
					screenshot(ctx, t, "card-"+name+".png")
				})
			}
		}
	}
}

// selectedLook returns the share of the card's title area, on a screenshot,
// painted in a selection highlight's blue (strongly blue, little red) rather
// than the card's light or dark background and its text.
func selectedLook(ctx context.Context, t *testing.T, f cardFit) float64 {
	t.Helper()
	var shot []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&shot)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	blue, all := 0, 0
	for y := int(f.Title.Top * f.DPR); y < int(f.Title.Bottom*f.DPR); y++ {
		for x := int(f.Title.Left * f.DPR); x < int(f.Title.Right*f.DPR); x++ {
			r, _, b, _ := img.At(x, y).RGBA()
			all++
			if b>>8 > 150 && r>>8 < 110 {
				blue++
			}
		}
	}
	if all == 0 {
		t.Fatalf("the card's title has no area: %+v", f.Title)
	}
	return float64(blue) / float64(all)
}

// TestCardFitsWhenPinchZoomed: zoomed with two fingers (page scale 2, on a
// phone-sized mobile page and in a desktop window), the reader sees only a
// part of the window, the visual viewport; a mouse drag over the quotation
// opens the card inside that part, not somewhere in the window outside it.
func TestCardFitsWhenPinchZoomed(t *testing.T) {
	page := strings.Replace(folderPage, `<title>Publisher</title>`, `<title>Publisher</title><meta name="viewport" content="width=device-width, initial-scale=1">`, 1)
	// A narrow column, so that the quotation's lines lie inside the zoomed
	// part of the window and a drag can reach both its ends.
	page = strings.Replace(page, `<article id="story">`, `<article id="story" style="max-width:170px">`, 1)
	page = strings.Replace(page, `<h1>Story</h1>`, `<h1>Story</h1><div style="height:900px"></div>`, 1)
	page = strings.Replace(page, `</article>`, `</article><div style="height:900px"></div>`, 1)
	files := server(t)
	pub := publisher(t, files.URL, "", page)
	ctx, cancel := browser(t)
	defer cancel()
	for _, c := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"phone-390x844", 390, 844, true}, {"desktop-1280x900", 1280, 900, false}} {
		t.Run(c.name, func(t *testing.T) {
			if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(c.width, c.height, 1, c.mobile),
				chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery),
				emulation.SetPageScaleFactor(2)); err != nil {
				t.Fatal(err)
			}
			var box textBox
			var vv struct{ X, Y, W, H, Scale float64 }
			const viewport = `({X: visualViewport.offsetLeft, Y: visualViewport.offsetTop, W: visualViewport.width, H: visualViewport.height, Scale: visualViewport.scale})`
			if err := chromedp.Run(ctx, locate(`document.getElementById('q').firstChild`, quotation, &box),
				chromedp.Evaluate(viewport, &vv)); err != nil {
				t.Fatal(err)
			}
			if vv.Scale != 2 {
				t.Fatalf("the page scale is %v, want 2", vv.Scale)
			}
			// Chromium places the protocol's mouse events in CSS pixels
			// from the visual viewport's corner; locate measured them
			// from the window's.
			sx := func(x float64) float64 { return x - vv.X }
			sy := func(y float64) float64 { return y - vv.Y }
			var selected string
			if err := chromedp.Run(ctx, dragSelect(sx(box.X1), sy(box.Y1), sx(box.X2), sy(box.Y2)), chromedp.Evaluate(`getSelection().toString()`, &selected)); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(selected, "must handle the issu") {
				t.Fatalf("the drag from %.0f,%.0f to %.0f,%.0f (visual viewport %+v, text at %+v) selected %q", sx(box.X1), sy(box.Y1), sx(box.X2), sy(box.Y2), vv, box, selected)
			}
			waitCard(ctx, t, "must handle the issue")
			var b struct{ Top, Bottom, Left, Right float64 }
			if err := chromedp.Run(ctx, chromedp.Evaluate(viewport, &vv), chromedp.Evaluate(`(() => {
				const b = document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card').getBoundingClientRect();
				return {Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right};
			})()`, &b)); err != nil {
				t.Fatal(err)
			}
			t.Logf("visual viewport %.0f,%.0f %.0f×%.0f; card %.0f–%.0f × %.0f–%.0f", vv.X, vv.Y, vv.W, vv.H, b.Left, b.Right, b.Top, b.Bottom)
			if b.Left < vv.X || b.Right > vv.X+vv.W+0.5 || b.Top < vv.Y || b.Bottom > vv.Y+vv.H+0.5 {
				t.Errorf("the card spans %.0f–%.0f × %.0f–%.0f, outside what the reader sees (%.0f–%.0f × %.0f–%.0f)",
					b.Left, b.Right, b.Top, b.Bottom, vv.X, vv.X+vv.W, vv.Y, vv.Y+vv.H)
			}
			screenshot(ctx, t, "card-pinch-"+c.name+".png")
		})
	}
}
