package e2e

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// TestCardFollowsThePageScheme: with the reader's preference dark, the card
// is light on a publisher page that declares no dark scheme, dark on one
// that declares "light dark", and as data-theme says where the script tag
// asks; a real mouse drag opens it each time.
func TestCardFollowsThePageScheme(t *testing.T) {
	const white, dark = "rgb(255, 255, 255)", "rgb(22, 27, 34)"
	dir := site(t, "")
	for _, c := range []struct {
		name, head, attr, want string
	}{
		{"light-only page", "", "", white},
		{"light and dark page", `<meta name="color-scheme" content="light dark">`, "", dark},
		{"data-theme dark on a light page", "", ` data-theme="dark"`, dark},
		{"data-theme light on a dark page", `<meta name="color-scheme" content="dark">`, ` data-theme="light"`, white},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := strings.Replace(folderPage, "<title>Publisher</title>", "<title>Publisher</title>"+c.head, 1)
			page = strings.Replace(page, ` data-index="{{SITE}}/index/"`, ` data-index="{{SITE}}/index/"`+c.attr, 1)
			ctx, cancel := browser(t)
			defer cancel()
			if err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}})); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(serve.Handler(dir))
			t.Cleanup(srv.Close)
			pub := publisher(t, srv.URL, "", page)
			var box textBox
			if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery),
				locate(`document.getElementById('q').firstChild`, quotation, &box)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2)); err != nil {
				t.Fatal(err)
			}
			waitCard(ctx, t, "must handle the issue")
			var bg string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`getComputedStyle(document.querySelector('[data-quotetrail]').shadowRoot.querySelector('.card')).backgroundColor`, &bg)); err != nil {
				t.Fatal(err)
			}
			if bg != c.want {
				t.Errorf("the card's background is %s, want %s", bg, c.want)
			}
			screenshot(ctx, t, "card-scheme-"+strings.ReplaceAll(c.name, " ", "-")+".png")
		})
	}
}
