package e2e

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// chromium returns the browser to drive, or skips (fails in CI) without one.
func chromium(t *testing.T) string {
	t.Helper()
	for _, c := range []string{os.Getenv("QUOTETRAIL_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("QUOTETRAIL_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium is required (QUOTETRAIL_REQUIRE_BROWSER=1) but not installed: apt-get install chromium")
	}
	t.Skip("Chromium is not installed (apt-get install chromium): skipping the browser test")
	return ""
}

var (
	sitesMu sync.Mutex
	sites   = map[string]string{}
)

// site builds the demo site for a corpus folder ("" for ./corpus) once
// per test run, with the real build command, into a temporary folder.
func site(t *testing.T, corpus string) string {
	t.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if dir, ok := sites[corpus]; ok {
		return dir
	}
	tmp, err := os.MkdirTemp("", "quotetrail-e2e")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "dist")
	args := []string{"run", "./cmd/quotetrail", "build", "-out", dir}
	if corpus != "" {
		args = append(args, "-corpus", corpus)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	sites[corpus] = dir
	return dir
}

// browser starts a headless Chromium with the flags this machine's closed
// network needs, and fails the test on any uncaught page exception.
func browser(t *testing.T) (context.Context, func()) {
	exe := chromium(t)
	// Not t.TempDir: Chromium may still be writing its profile when the
	// test ends, and a failed cleanup must not fail the test.
	profile, err := os.MkdirTemp("", "quotetrail-chromium")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			t.Errorf("uncaught exception in the page: %s", e.ExceptionDetails.Error())
		}
	})
	return ctx, func() { cancelT(); cancelC(); cancelA(); os.RemoveAll(profile) }
}

type entry struct {
	Outlet  string `json:"outlet"`
	Quote   string `json:"quote"`
	Speaker string `json:"speaker"`
	Channel string `json:"channel"`
	Kind    string `json:"kind"`
	Marked  string `json:"marked"`
}

type cardState struct {
	Visible bool    `json:"visible"`
	Title   string  `json:"title"`
	Entries []entry `json:"entries"`
	Live    string  `json:"live"`
	Query   string  `json:"query"`
}

const readCard = `(() => {
  const host = document.querySelector('[data-quotetrail]');
  if (!host || !host.shadowRoot) return {visible: false, title: '', entries: [], live: ''};
  const r = host.shadowRoot, card = r.querySelector('.card');
  const t = (el, s) => { const x = el.querySelector(s); return x ? x.textContent : ''; };
  return {
    visible: !card.hidden,
    title: t(card, '.title'),
    live: t(r, '[aria-live]'),
    query: card.getAttribute('data-query') || '',
    entries: [...card.querySelectorAll('li')].map(li => ({
      outlet: t(li, '.outlet'), quote: t(li, '.quote'), speaker: t(li, '.speaker'),
      channel: t(li, '.channel'), kind: t(li, '.kind'),
      marked: [...li.querySelectorAll('mark.differs')].map(m => m.textContent).join('|')})),
  };
})()`

// waitCard polls the card until it shows the result for query.
func waitCard(ctx context.Context, t *testing.T, query string) cardState {
	t.Helper()
	var st cardState
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(readCard, &st)); err != nil {
			t.Fatal(err)
		}
		if st.Visible && strings.Contains(st.Query, query) {
			return st
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the card did not show a result: %+v", st)
	return st
}

func server(t *testing.T) *httptest.Server {
	return serverFor(t, "")
}

func serverFor(t *testing.T, corpus string) *httptest.Server {
	srv := httptest.NewServer(serve.Handler(site(t, corpus))) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

// pasteLookup opens the demo at url and looks text up through its paste
// box, as a reader who pastes a quotation does.
func pasteLookup(ctx context.Context, t *testing.T, url, text string) {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.SendKeys(`#paste-text`, text, chromedp.ByQuery),
		chromedp.Click(`#paste-form button`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
}
