package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// allSites is what a reader grants when turning on automatic cards.
var allSites = []string{"http://*/*", "https://*/*"}

// grantedExtension is the built extension as a reader has it after
// granting hosts: a copy whose manifest asks for those hosts at install.
// Chromium asks the reader with a dialog of its own window, which no
// DevTools command can press; a host granted at install is one the
// options page's permissions.request finds already granted, so the rest
// of the page's work (saving, listing, the background following it) runs
// as for a reader who pressed Allow. With no hosts it is the extension
// as built.
func grantedExtension(t testing.TB, hosts ...string) string {
	t.Helper()
	built, _ := filepath.Abs(filepath.Join(site(t, ""), "extension"))
	if len(hosts) == 0 {
		return built
	}
	dir := t.TempDir()
	entries, err := os.ReadDir(built)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(built, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	grantHosts(t, dir, hosts...)
	return dir
}

// grantHosts adds hosts to the host permissions of the manifest in dir.
func grantHosts(t testing.TB, dir string, hosts ...string) {
	t.Helper()
	p := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["host_permissions"] = hosts
	data, _ = json.Marshal(m)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// extensionBrowser starts Chromium with the unpacked extension in dir and
// returns its id (from its service worker's address).
func extensionBrowser(t testing.TB, dir string) (context.Context, func(), string) {
	t.Helper()
	ctx, cancel := browserWith(t,
		chromedp.Flag("disable-extensions", false),
		chromedp.Flag("load-extension", dir),
		chromedp.Flag("disable-extensions-except", dir),
	)
	if err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		t.Fatal(err)
	}
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		ts, err := chromedp.Targets(ctx)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		for _, ti := range ts {
			if ti.Type == "service_worker" && strings.HasPrefix(ti.URL, "chrome-extension://") {
				return ctx, cancel, strings.Split(strings.TrimPrefix(ti.URL, "chrome-extension://"), "/")[0]
			}
		}
	}
	cancel()
	t.Fatal("the extension's background never started")
	return nil, nil, ""
}

// openOptions opens the extension's options page in the tab of ctx.
func openOptions(ctx context.Context, t testing.TB, id string) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Navigate("chrome-extension://"+id+"/options.html"), chromedp.WaitVisible(`#mode-auto`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
}

// waitStatus waits until the options page's status line says want.
func waitStatus(ctx context.Context, t testing.TB, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById('status').textContent`, &got)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got, want) {
			return
		}
	}
	t.Fatalf("the options page says %q, want %q", got, want)
}

// registered is the ids of the content scripts the background registered
// (read on the options page).
func registered(ctx context.Context, t testing.TB) []string {
	t.Helper()
	var ids []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`chrome.scripting.getRegisteredContentScripts().then(s => s.map(x => x.id))`, &ids, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	return ids
}

// waitRegistered waits until the background has (want) or has not
// registered the widget as a content script on every page.
func waitRegistered(ctx context.Context, t testing.TB, want bool) {
	t.Helper()
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if (len(registered(ctx, t)) > 0) == want {
			return
		}
	}
	t.Fatalf("content scripts registered: %q, want registered=%v", registered(ctx, t), want)
}

// chooseAutomatic clicks "Also by itself" on the options page and waits
// until the background follows.
func chooseAutomatic(ctx context.Context, t testing.TB, id string) {
	t.Helper()
	openOptions(ctx, t, id)
	if err := chromedp.Run(ctx, chromedp.Click(`#mode-auto`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitStatus(ctx, t, "by themselves")
	waitRegistered(ctx, t, true)
}

// dragUntilCard drags over the quotation until the widget's card shows
// (the content script comes at document_idle, whenever that is).
func dragUntilCard(ctx context.Context, t *testing.T) cardState {
	t.Helper()
	for deadline := time.Now().Add(patience); ; {
		dragOver(ctx, t, "q", quotation)
		var opened bool
		if err := chromedp.Run(ctx, settle(300), chromedp.Evaluate(`document.querySelector('[data-quotetrail]') !== null`, &opened)); err != nil {
			t.Fatal(err)
		}
		if opened {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the extension's content script never opened a card")
		}
	}
	return waitCard(ctx, t, "must handle the issue")
}

const extensionPage = `<!DOCTYPE html><html><head><title>A page</title></head><body>
<p id="q">He said: “The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></body></html>`

// TestExtension: the unpacked extension in Chromium, as a reader who
// turned on automatic cards on the options page (a real click) has it: a
// mouse drag over a quotation on a plain local page shows the card, and
// the page sends no request to any other host.
func TestExtension(t *testing.T) {
	ext := grantedExtension(t, allSites...)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(extensionPage))
	}))
	defer page.Close()
	ctx, cancel, id := extensionBrowser(t, ext)
	defer cancel()
	chooseAutomatic(ctx, t, id)

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
	if err := chromedp.Run(ctx, network.Enable(), chromedp.Navigate(page.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	st := dragUntilCard(ctx, t)
	checkCarriers(t, st)
	pageHost, _ := url.Parse(page.URL)
	mu.Lock()
	defer mu.Unlock()
	for _, h := range hosts {
		if h != pageHost.Host {
			t.Errorf("a request left for %s", h)
		}
	}
}

// TestExtensionQuietByDefault: as installed, the extension asks for no
// site, registers no content script, and a mouse drag over a quotation
// opens no card; cards open by themselves only after the reader chooses
// it on the options page, and stop when the reader chooses "only when I
// ask" again (the content script is unregistered).
func TestExtensionQuietByDefault(t *testing.T) {
	// All sites granted, as a reader who had chosen automatic cards
	// before: the choice, not the permission, decides.
	ctx, cancel, id := extensionBrowser(t, grantedExtension(t, allSites...))
	defer cancel()
	pub := publisher(t, "", "", quietPage(""))
	openOptions(ctx, t, id)
	var asked bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById('mode-asked').checked`, &asked)); err != nil {
		t.Fatal(err)
	}
	if !asked {
		t.Error("the options page does not start on “only when I ask”")
	}
	if ids := registered(ctx, t); len(ids) != 0 {
		t.Errorf("a fresh install registered content scripts %q", ids)
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	dragOver(ctx, t, "q", quotation)
	if seen := cards(ctx, t); len(seen) != 0 {
		t.Errorf("with automatic cards off, a drag opened the card: %q", seen)
	}

	chooseAutomatic(ctx, t, id)
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	checkCarriers(t, dragUntilCard(ctx, t))

	openOptions(ctx, t, id)
	if err := chromedp.Run(ctx, chromedp.Click(`#mode-asked`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitStatus(ctx, t, "only when you ask")
	waitRegistered(ctx, t, false)
}

// TestExtensionAskedCard: with automatic cards off (as installed), the
// keyboard command's path opens the card: a mouse drag selects the
// quotation and opens nothing, then the background's handler of the
// command and the menu (ask) puts the widget into the tab and asks it to
// show the selection, and the card opens with the outlets, focus in it.
// DevTools cannot press a browser shortcut or a context-menu item, so the
// test calls ask in the background, as onCommand does; the page's host is
// granted in the manifest, standing for the activeTab grant the shortcut
// gives.
func TestExtensionAskedCard(t *testing.T) {
	pub := publisher(t, "", "", quietPage(""))
	ctx, cancel, id := extensionBrowser(t, grantedExtension(t, "http://127.0.0.1/*"))
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	dragOver(ctx, t, "q", quotation)
	if seen := cards(ctx, t); len(seen) != 0 {
		t.Fatalf("with automatic cards off, a drag opened the card: %q", seen)
	}
	ts, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var worker target.ID
	for _, ti := range ts {
		if ti.Type == "service_worker" && strings.HasPrefix(ti.URL, "chrome-extension://"+id+"/") {
			worker = ti.TargetID
		}
	}
	if worker == "" {
		t.Fatal("no background service worker")
	}
	wctx, wcancel := chromedp.NewContext(ctx, chromedp.WithTargetID(worker))
	defer wcancel()
	if err := chromedp.Run(wctx, chromedp.Evaluate(`chrome.tabs.query({active: true}).then(ts => ask(ts[0], {type: 'show-selection'})).then(() => true)`, nil, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	checkCarriers(t, waitCard(ctx, t, "must handle the issue"))
	var focused bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.activeElement === document.querySelector('[data-quotetrail]')`, &focused)); err != nil {
		t.Fatal(err)
	}
	if !focused {
		t.Error("the card asked for from the keyboard does not have focus")
	}
}
