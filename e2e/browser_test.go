package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"quotetrail/internal/scale"
	"quotetrail/internal/serve"
)

// patience bounds every wait for something the page will do. It is long on
// purpose: these tests assert what happens, never how fast (machines are
// shared and busy), and a wait that passes returns as soon as it can.
const patience = 3 * time.Minute

// chromium returns the browser to drive, or skips (fails in CI) without one.
func chromium(t testing.TB) string {
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
func site(t testing.TB, corpus string) string {
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

// TestMain removes the sites built for the run once every test and
// benchmark is done (a few megabytes each, left in the temporary folder
// before).
func TestMain(m *testing.M) {
	code := m.Run()
	sitesMu.Lock()
	for _, dir := range sites {
		os.RemoveAll(filepath.Dir(dir))
	}
	sitesMu.Unlock()
	os.Exit(code)
}

// browser starts a headless Chromium with the flags this machine's closed
// network needs, and fails the test on any uncaught page exception.
func browser(t testing.TB) (context.Context, func()) {
	return browserWith(t)
}

// browserWith is browser with more Chromium options (a flag a test needs,
// an extension).
func browserWith(t testing.TB, extra ...chromedp.ExecAllocatorOption) (context.Context, func()) {
	exe := chromium(t)
	// Not t.TempDir: Chromium may still be writing its profile when the
	// test ends, and a failed cleanup must not fail the test.
	profile, err := os.MkdirTemp("", "quotetrail-chromium")
	if err != nil {
		t.Fatal(err)
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), append(scale.ChromiumOptions(exe, profile), extra...)...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*patience)
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
      // No Array.prototype.join: some tests run on pages that broke it.
      marked: [...li.querySelectorAll('mark.differs')].reduce((s, m, i) => s + (i ? '|' : '') + m.textContent, '')})),
  };
})()`

// waitCard polls the card until it shows the result for query.
func waitCard(ctx context.Context, t testing.TB, query string) cardState {
	t.Helper()
	var st cardState
	deadline := time.Now().Add(patience)
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

// host is a server of the built site with the log of what it was asked for.
type host struct {
	*httptest.Server
	log *requestLog
}

// server serves the built site of ./corpus, as built (its demo page reads
// the whole index, index.qti, as the offline demo does).
func server(t testing.TB) *host {
	return serverFor(t, "")
}

func serverFor(t testing.TB, corpus string) *host {
	log := &requestLog{}
	srv := httptest.NewServer(log.handler(serve.Handler(site(t, corpus)))) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return &host{srv, log}
}

// demoScript is the demo page's script tag of the loader and its
// data-index, quoted or not (the page is minified).
var demoScript = regexp.MustCompile(`(<script\b[^>]*\bsrc=["']?quotetrail\.js["']?[^>]*\bdata-index=)("[^"]*"|'[^']*'|[^\s>]+)`)

// folderDemo serves the built site of corpus ("" for ./corpus) with the
// demo page as a publisher on the folder index has it: its one script tag
// names the folder (data-index="index/") instead of index.qti, and it has
// no service worker (the demo's keeps index.qti for offline use: that is
// the whole-index mode, tested by TestSelectQuotationShowsCarriers and
// TestOfflineAfterFirstVisit on the demo as built). Tests of the widget on
// the demo's articles and paste box run here, on the folder a publisher
// uses. csp, when not empty, is sent with every response.
func folderDemo(t testing.TB, corpus, csp string) *host {
	t.Helper()
	dir := site(t, corpus)
	html, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(demoScript.FindAllIndex(html, -1)); n != 1 {
		t.Fatalf("the demo page has %d script tags of quotetrail.js with a data-index, want 1: the test cannot point it at the folder", n)
	}
	page := demoScript.ReplaceAll(html, []byte(`${1}"index/"`))
	files := serve.Handler(dir)
	log := &requestLog{}
	srv := httptest.NewServer(log.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		switch r.URL.Path {
		case "/", "/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/sw.js":
			http.NotFound(w, r) // the demo registers it and goes on without it
		default:
			files.ServeHTTP(w, r)
		}
	})))
	t.Cleanup(srv.Close)
	return &host{srv, log}
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

// cardText is the whole text of the card, "" while there is none.
const cardText = `(() => {
  const h = document.querySelector('[data-quotetrail]');
  const c = h && h.shadowRoot && h.shadowRoot.querySelector('.card');
  return c && !c.hidden ? c.textContent : '';
})()`

// waitNotice polls the card until its text holds want, and returns it.
func waitNotice(ctx context.Context, t testing.TB, want string) string {
	t.Helper()
	var text string
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(cardText, &text)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text, want) {
			return text
		}
	}
	t.Fatalf("the card never said %q; it says %q", want, text)
	return text
}

// settle resolves once the page's timers due within ms have run: the
// widget decides on a selection 30 ms after the event that ended it, and
// timers of a page run in the order they fall due, however busy it is.
func settle(ms int) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`new Promise(r => setTimeout(() => r(true), %d))`, ms), nil, awaitPromise)
}

// requestLog serves the built site and records the path of every request
// it answers, in order: what the page and its worker fetched, and when.
type requestLog struct {
	mu    sync.Mutex
	paths []string
}

func (l *requestLog) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.paths = append(l.paths, r.URL.Path)
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// list is the paths requested so far, in order.
func (l *requestLog) list() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.paths...)
}

// fetched reports whether a request for a path ending in name was made.
func (l *requestLog) fetched(name string) bool {
	for _, p := range l.list() {
		if strings.HasSuffix(p, name) {
			return true
		}
	}
	return false
}

// folderFetched reports whether anything under the folder index (/index/)
// was requested.
func (l *requestLog) folderFetched() bool {
	for _, p := range l.list() {
		if strings.HasPrefix(p, "/index/") {
			return true
		}
	}
	return false
}

// checkFolder fails t unless the widget read the folder index /index/ of
// this host: its entry and at least one other file of the folder (a part:
// names of parts are the index format's business, so any file there),
// and never the whole index, index.qti.
func (l *requestLog) checkFolder(t testing.TB) {
	t.Helper()
	paths := l.list()
	entries, parts := 0, 0
	for _, p := range paths {
		switch {
		case strings.HasSuffix(p, "index.qti"):
			t.Errorf("%s was fetched: the widget read the whole index, not the folder", p)
		case p == "/index/":
			t.Errorf("the folder itself was fetched, not its entry")
		case p == "/index/entry.qtf":
			entries++
		case strings.HasPrefix(p, "/index/"):
			parts++
		}
	}
	if entries == 0 || parts == 0 {
		t.Errorf("the widget fetched the folder's entry %d times and %d of its parts, want both: %q", entries, parts, paths)
	}
}

// checkWhole fails t unless the widget read the whole index, index.qti,
// and nothing of the folder index.
func (l *requestLog) checkWhole(t testing.TB) {
	t.Helper()
	if !l.fetched("/index.qti") {
		t.Errorf("index.qti was not fetched: %q", l.list())
	}
	if l.folderFetched() {
		t.Errorf("the folder index was fetched in the whole-index mode: %q", l.list())
	}
}

// publisher serves one page of a publisher at "/", with its {{SITE}}
// replaced by widget (the widget's origin; "" for the page's own origin, where
// the built site is served too) and the given Content-Security-Policy
// header when it is not empty. Its log holds every request it answered.
func publisher(t testing.TB, widget, csp, page string) *host {
	files := serve.Handler(site(t, ""))
	log := &requestLog{}
	srv := httptest.NewServer(log.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			files.ServeHTTP(w, r)
			return
		}
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(page, "{{SITE}}", widget)))
	})))
	t.Cleanup(srv.Close)
	return &host{srv, log}
}

// watchWasm, run in a page before anything else, counts every call that
// compiles or instantiates WebAssembly on the page's main thread
// (window.__wasmCalls), and errors that reach the page uncaught
// (window.__errors). It uses no built-in a test page may break later.
const watchWasm = `<script>
window.__errors = [];
addEventListener('error', e => { __errors[__errors.length] = 'error: ' + e.message; });
addEventListener('unhandledrejection', e => { __errors[__errors.length] = 'unhandled rejection: ' + String(e.reason); });
window.__wasmCalls = 0;
for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming']) {
  const f = WebAssembly[name];
  WebAssembly[name] = function () { __wasmCalls++; return f.apply(this, arguments); };
}
for (const name of ['Module', 'Instance']) {
  WebAssembly[name] = new Proxy(WebAssembly[name], {construct(target, args) { __wasmCalls++; return Reflect.construct(target, args); }});
}
</script>`

// pageHealth reads what watchWasm recorded.
type pageHealth struct {
	Errors    []string `json:"errors"`
	WasmCalls int      `json:"wasmCalls"`
	Go        bool     `json:"go"`
}

func health(ctx context.Context, t testing.TB) pageHealth {
	t.Helper()
	var h pageHealth
	if err := chromedp.Run(ctx, chromedp.Evaluate(`({errors: window.__errors || [], wasmCalls: window.__wasmCalls || 0, go: typeof Go !== 'undefined'})`, &h)); err != nil {
		t.Fatal(err)
	}
	return h
}

// dragSelect selects text with the mouse, as a reader does: press at
// (x1, y1), move, release at (x2, y2).
// textBox is where a text's first and last letters are on the screen.
type textBox struct{ X1, Y1, X2, Y2 float64 }

// locate measures box for quotation q inside the text node that node
// (a JavaScript expression, with q in scope) evaluates to.
func locate(node, q string, box *textBox) chromedp.Action {
	return chromedp.Evaluate(`(() => {
		const q = `+"`"+q+"`"+`, n = `+node+`;
		n.parentElement.scrollIntoView({block: 'center'});
		const i = n.data.indexOf(q), r = document.createRange();
		r.setStart(n, i); r.setEnd(n, i + 1);
		const a = r.getBoundingClientRect();
		r.setStart(n, i + q.length - 1); r.setEnd(n, i + q.length);
		const b = r.getBoundingClientRect();
		return {X1: a.left + 1, Y1: (a.top + a.bottom) / 2, X2: b.right - 1, Y2: (b.top + b.bottom) / 2};
	})()`, box)
}

func dragSelect(x1, y1, x2, y2 float64) chromedp.Action {
	return chromedp.Tasks{
		chromedp.MouseEvent(input.MousePressed, x1, y1, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.MouseMoved, (x1+x2)/2, (y1+y2)/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseMoved, x2, y2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseReleased, x2, y2, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	}
}
