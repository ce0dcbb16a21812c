package e2e

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/heapprofiler"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestMemoryFlat: a thousand lookups in a row, each drawing a card, leave
// the page's JavaScript heap where it was (within 5%) once collected (the
// demo's page, the widget on the folder index).
func TestMemoryFlat(t *testing.T) {
	srv := folderDemo(t, "", "")
	ctx, cancel := browser(t)
	defer cancel()
	run := func(n int) {
		err := chromedp.Run(ctx, chromedp.Evaluate(`(async () => {
			const sels = ['The U.S. must handle the issue of arms sales to Taiwan with prudence', 'rock solid',
				'We will make a decision on the arms package next week', 'Just as the U.S. has its concerns'];
			for (let i = 0; i < `+strconv.Itoa(n)+`; i++) await quotetrail.show(sels[i % sels.length] + ' ' + (i % 2 ? '' : ' '), {left: 10, top: 10, right: 20, bottom: 20});
			quotetrail.close();
			return true;
		})()`, nil, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if err != nil {
			t.Fatal(err)
		}
	}
	heap := func() float64 {
		var used float64
		err := chromedp.Run(ctx, heapprofiler.CollectGarbage(), chromedp.ActionFunc(func(ctx2 context.Context) error {
			u, _, _, _, err := cdpruntime.GetHeapUsage().Do(ctx2)
			used = u
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		return used
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	run(100) // load the engine, warm the caches
	before := heap()
	run(1000)
	after := heap()
	srv.log.checkFolder(t)
	t.Logf("page heap %.0f KB before, %.0f KB after 1,000 lookups", before/1024, after/1024)
	if after > before*1.05 {
		t.Errorf("the page's heap grew from %.0f to %.0f bytes over 1,000 lookups", before, after)
	}
}
