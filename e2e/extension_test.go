package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"quotetrail/internal/scale"
)

// TestExtension loads the unpacked extension in Chromium: a selection on
// a plain local page shows the card, and the page sends no request to any
// other host.
func TestExtension(t *testing.T) {
	ext, _ := filepath.Abs(filepath.Join(site(t, ""), "extension"))
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html><head><title>A page</title></head><body>
<p id="q">He said: “The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></body></html>`))
	}))
	defer page.Close()

	exe := chromium(t)
	// Not t.TempDir: Chromium may still be writing its profile at the end.
	profile, err := os.MkdirTemp("", "quotetrail-chromium")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(scale.ChromiumOptions(exe, profile),
		chromedp.Flag("disable-extensions", false),
		chromedp.Flag("load-extension", ext),
		chromedp.Flag("disable-extensions-except", ext),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 2*patience)
	defer cancelT()

	var mu sync.Mutex
	var hosts []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			if u, err := url.Parse(e.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
				mu.Lock()
				hosts = append(hosts, u.Host)
				mu.Unlock()
			}
		}
	})
	err = chromedp.Run(ctx, network.Enable(), chromedp.Navigate(page.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery))
	if err != nil {
		t.Fatal(err)
	}
	// The content script comes at document_idle, whenever that is on a busy
	// machine: select until the card's host appears.
	for deadline := time.Now().Add(patience); ; {
		var opened bool
		err = chromedp.Run(ctx, chromedp.Evaluate(`(() => {
			const t = document.getElementById('q').firstChild, i = t.data.indexOf('The U.S.'), r = document.createRange();
			r.setStart(t, i); r.setEnd(t, t.data.length - 1);
			getSelection().removeAllRanges(); getSelection().addRange(r);
			document.getElementById('q').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
		})()`, nil), settle(300), chromedp.Evaluate(`document.querySelector('[data-quotetrail]') !== null`, &opened))
		if err != nil {
			t.Fatal(err)
		}
		if opened {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the extension's content script never opened a card")
		}
	}
	checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
	pageHost, _ := url.Parse(page.URL)
	mu.Lock()
	defer mu.Unlock()
	for _, h := range hosts {
		if h != pageHost.Host {
			t.Errorf("a request left for %s", h)
		}
	}
}
