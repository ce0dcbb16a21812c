package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"quotetrail/internal/bench"
	"quotetrail/internal/scale"
	"quotetrail/internal/serve"
)

// largeArticles is the size of the generated corpus the large-corpus demo
// tests build: enough for many pages of the list and the folder index
// (the demo reads index.qti whole only up to build.DemoWhole of text).
const largeArticles = 3000

var (
	largeMu    sync.Mutex
	largeSites = map[int]string{}
)

// largeSite builds, once a run, the site of n generated articles written
// as news pages (internal/bench.Generate over the real paragraphs of
// ../shared/data, internal/scale.WritePages), with the engine of the site
// built for the run.
func largeSite(t *testing.T, n int) string {
	t.Helper()
	const shared = "../../shared"
	if _, err := os.Stat(shared + "/data/polnear"); err != nil {
		t.Skip("../shared/data is absent")
	}
	engine := filepath.Join(site(t, ""), "engine.wasm")
	largeMu.Lock()
	defer largeMu.Unlock()
	if dir, ok := largeSites[n]; ok {
		return dir
	}
	// QUOTETRAIL_DEMO_WORK=DIR keeps the pages and the site in DIR
	// (pages-N, dist-N) and reuses a site built there before.
	var pages, dir string
	if work := os.Getenv("QUOTETRAIL_DEMO_WORK"); work != "" {
		pages, dir = filepath.Join(work, fmt.Sprint("pages-", n)), filepath.Join(work, fmt.Sprint("dist-", n))
		if _, err := os.Stat(filepath.Join(dir, "demo", "start.json")); err == nil {
			largeSites[n] = dir
			return dir
		}
	} else {
		tmp, err := os.MkdirTemp("", "quotetrail-e2e-large")
		if err != nil {
			t.Fatal(err)
		}
		sitesMu.Lock()
		sites[fmt.Sprint("\x00large", n)] = filepath.Join(tmp, "dist") // removed with the others by TestMain
		sitesMu.Unlock()
		pages, dir = filepath.Join(tmp, "pages"), filepath.Join(tmp, "dist")
	}
	srcs, err := bench.Sources(shared)
	if err != nil {
		t.Fatal(err)
	}
	if err := scale.WritePages(pages, bench.Generate(srcs, n, 1)); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "quotetrail")
	build := exec.Command("go", "build", "-o", bin, "./cmd/quotetrail")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	began := time.Now()
	cmd := exec.Command(bin, "build", "-wasm", engine, "-corpus", pages, "-out", dir)
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	t.Logf("%d articles built in %v: %s", n, time.Since(began).Round(time.Millisecond), lines[len(lines)-1])
	if demo, err := exec.Command("du", "-sb", "--apparent-size", filepath.Join(dir, "demo")).Output(); err == nil {
		t.Logf("%d articles: demo/ holds %s bytes (with its .gz and .br copies)", n, strings.Fields(string(demo))[0])
	}
	largeSites[n] = dir
	return dir
}

// countingLog serves a site and records each request's path and the bytes
// of its response body (as sent: the precompressed copy when the browser
// took it).
type countingLog struct {
	mu    sync.Mutex
	paths []string
	bytes map[string]int
	down  bool // the network is cut: every request fails
}

func (l *countingLog) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		down := l.down
		l.mu.Unlock()
		if down {
			// As a cut network: the connection is dropped, no answer.
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		cw := &countingWriter{ResponseWriter: w} // folder_test.go's
		h.ServeHTTP(cw, r)
		l.mu.Lock()
		l.paths = append(l.paths, r.URL.Path)
		l.bytes[r.URL.Path] += cw.n
		l.mu.Unlock()
	})
}

// since returns the paths requested after the first n, and their bytes.
func (l *countingLog) since(n int) ([]string, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	paths := append([]string(nil), l.paths[n:]...)
	total := 0
	seen := map[string]bool{}
	for _, p := range paths {
		if !seen[p] {
			seen[p] = true
			total += l.bytes[p]
		}
	}
	return paths, total
}

// sent is the bytes sent for path so far.
func (l *countingLog) sent(path string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bytes[path]
}

func (l *countingLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.paths)
}

type listState struct {
	Entries []struct {
		Href  string `json:"href"`
		Label string `json:"label"`
	} `json:"entries"`
	Pager  string `json:"pager"`
	Search bool   `json:"search"`
	Status string `json:"status"`
	Title  string `json:"title"`
	Quotes int    `json:"quotes"`
}

const readList = `(() => ({
  entries: [...document.querySelectorAll('#article-list a')].map(a => ({href: a.getAttribute('href'), label: a.textContent})),
  pager: document.getElementById('article-pager').hidden ? '' : document.getElementById('page-at').textContent,
  search: !document.getElementById('article-search').hidden,
  status: document.getElementById('article-status').textContent,
  title: (document.querySelector('#reader h2') || {}).textContent || '',
  quotes: document.querySelectorAll('#reader q.quoted').length,
}))()`

// TestDemoLargeCorpus: the demo page over a corpus of generated articles
// (largeArticles), as a reader uses it. The first load fetches the page's
// start file, never the corpus (nor index.qti): under 200 KB beside the
// loader. The list is paged (the pager turns to the next page with a
// mouse click) and searched by date and title words (an article of the
// list's last page found); the article is opened with a click, its text
// fetched then; a quotation selected in it with a real mouse drag opens
// the card over the folder index. With the server gone, the page reloads
// with the list and the article the reader opened.
func TestDemoLargeCorpus(t *testing.T) {
	demoLarge(t, largeArticles)
}

// TestDemoLargeMeasure runs TestDemoLargeCorpus's steps on the sizes
// QUOTETRAIL_DEMO_SIZES names (10000,100000) and logs what they measure:
// the first load's bytes, the time from a click to the article shown.
// QUOTETRAIL_DEMO_SIZES=10000,100000 go test ./e2e -run TestDemoLargeMeasure -v -timeout 60m
// (QUOTETRAIL_DEMO_WORK=DIR to keep the sites and reuse them).
func TestDemoLargeMeasure(t *testing.T) {
	sizes := os.Getenv("QUOTETRAIL_DEMO_SIZES")
	if sizes == "" {
		t.Skip("QUOTETRAIL_DEMO_SIZES is not set")
	}
	for _, f := range strings.Split(sizes, ",") {
		var n int
		if _, err := fmt.Sscan(f, &n); err != nil {
			t.Fatal(err)
		}
		t.Run(f, func(t *testing.T) { demoLarge(t, n) })
	}
}

func demoLarge(t *testing.T, n int) {
	dir := largeSite(t, n)
	var start struct {
		// Numbers as floats: the build's minifier writes 3000 as 3e3.
		Count float64 `json:"count"`
		Pages []struct {
			File  string  `json:"file"`
			Count float64 `json:"count"`
		} `json:"pages"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "demo", "start.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &start); err != nil {
		t.Fatal(err)
	}
	if int(start.Count) != n || len(start.Pages) < 3 {
		t.Fatalf("start.json: %v articles in %d pages", start.Count, len(start.Pages))
	}
	// The article to search for: one on the list's last page.
	var last [][5]string
	b, _ = os.ReadFile(filepath.Join(dir, "demo", start.Pages[len(start.Pages)-1].File))
	if err := json.Unmarshal(b, &last); err != nil {
		t.Fatal(err)
	}
	target := last[len(last)/2]
	words := strings.Fields(strings.TrimSuffix(target[3], "…"))
	if len(words) > 6 {
		words = words[:6]
	}
	query := target[2] + " " + strings.Join(words, " ")

	log := &countingLog{bytes: map[string]int{}}
	srv := httptest.NewServer(log.handler(serve.Handler(dir)))
	defer srv.Close()
	ctx, cancel := browser(t)
	defer cancel()

	// The first load.
	var st listState
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
		chromedp.Evaluate(`navigator.serviceWorker.ready.then(() => true)`, nil, awaitPromise),
		chromedp.Evaluate(readList, &st),
	)
	if err != nil {
		t.Fatal(err)
	}
	paths, total := log.since(0)
	beside := total - log.sent("/quotetrail.js")
	t.Logf("%d articles: first load: %d requests, %d bytes, %d beside the loader: %q", n, len(paths), total, beside, paths)
	for _, p := range paths {
		if strings.HasSuffix(p, "index.qti") || strings.HasSuffix(p, "articles.json") || strings.HasPrefix(p, "/index/") {
			t.Errorf("the first load fetched %s", p)
		}
	}
	if beside >= 200<<10 {
		t.Errorf("the first load fetched %d bytes beside the loader", beside)
	}
	if len(st.Entries) != int(start.Pages[0].Count) || !st.Search || !strings.HasPrefix(st.Pager, "Page 1 of ") {
		t.Fatalf("first list: %d entries (want %v), search shown %v, pager %q", len(st.Entries), start.Pages[0].Count, st.Search, st.Pager)
	}

	// Next page, with the mouse.
	first := st.Entries[0].Href
	if err := chromedp.Run(ctx, chromedp.Click(`#page-next`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	st = waitList(ctx, t, func(s listState) bool {
		return strings.HasPrefix(s.Pager, "Page 2 of ") && len(s.Entries) == int(start.Pages[1].Count) && s.Entries[0].Href != first
	})

	// Search by date and title words: the article of the last page comes.
	want := "#" + target[0]
	typed := time.Now()
	err = chromedp.Run(ctx,
		chromedp.Click(`#article-query`, chromedp.ByQuery),
		chromedp.SendKeys(`#article-query`, query, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	st = waitList(ctx, t, func(s listState) bool {
		return strings.Contains(s.Status, "found") && !strings.Contains(s.Status, "so far") && containsHref(s, want)
	})
	t.Logf("%d articles: search %q: %s, %d listed, the whole list read in %v after typing (polled; %d requests so far)",
		n, query, st.Status, len(st.Entries), time.Since(typed).Round(10*time.Millisecond), log.count())
	for _, e := range st.Entries {
		if !strings.Contains(e.Label, target[2]) {
			t.Errorf("search %q listed %q", query, e.Label)
		}
	}

	// Open it with a click: its text is fetched now.
	before := log.count()
	timer := `(() => {
		window.__open = {};
		document.addEventListener('click', () => { __open.click = performance.now(); }, {capture: true, once: true});
		new MutationObserver(() => {
			const h = document.querySelector('#reader h2');
			if (h && h.textContent === TITLE && !__open.shown) __open.shown = performance.now();
		}).observe(document.getElementById('reader'), {childList: true, subtree: true});
		return true;
	})()`
	title, _ := json.Marshal(target[3])
	if err := chromedp.Run(ctx, chromedp.Evaluate(strings.Replace(timer, "TITLE", string(title), 1), nil),
		chromedp.Click(`#article-list a[href="`+want+`"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	st = waitList(ctx, t, func(s listState) bool { return s.Title == target[3] })
	var took float64
	chromedp.Run(ctx, chromedp.Evaluate(`__open.shown - __open.click`, &took))
	t.Logf("%d articles: the article was shown %.0f ms after the click (its text file fetched then)", n, took)
	paths, _ = log.since(before)
	texts := 0
	for _, p := range paths {
		if strings.HasPrefix(p, "/demo/t-") {
			texts++
		}
	}
	if texts != 1 {
		t.Errorf("opening one article fetched %q", paths)
	}
	if st.Quotes == 0 {
		t.Fatalf("the article %s shows no quotation", target[0])
	}

	// A quotation selected in it with the mouse opens the card.
	var q string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('#reader q.quoted')].map(q => q.textContent).sort((a, b) => b.length - a.length)[0]`, &q)); err != nil {
		t.Fatal(err)
	}
	sel := strings.Join(strings.Fields(q)[:min(8, len(strings.Fields(q)))], " ")
	var box textBox
	err = chromedp.Run(ctx, locate(`(() => {
		const walker = document.createTreeWalker(document.getElementById('reader'), NodeFilter.SHOW_TEXT);
		let n;
		while ((n = walker.nextNode()) && n.data.indexOf(q) < 0) {}
		return n;
	})()`, sel, &box))
	if err != nil {
		t.Fatal(err)
	}
	var selected string
	if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2), chromedp.Evaluate(`getSelection().toString()`, &selected)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(selected), " "), sel[:20]) {
		t.Fatalf("the mouse drag selected %q, want %q", selected, sel)
	}
	card := waitCard(ctx, t, sel[:20])
	if len(card.Entries) == 0 {
		t.Errorf("the card for %q lists no outlet: %+v", sel, card)
	}
	if l := log.sent("/index.qti"); l != 0 || log.sent("/index/entry.qtf") == 0 {
		t.Errorf("the lookup read index.qti (%d bytes) or not the folder's entry", l)
	}

	// Offline: the list and the article the reader opened are kept.
	log.mu.Lock()
	log.down = true
	log.mu.Unlock()
	err = chromedp.Run(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	st = waitList(ctx, t, func(s listState) bool { return s.Title != "" && len(s.Entries) > 0 })
	if st.Title != target[3] || !containsHref(st, want) {
		t.Errorf("offline the page shows %q with %d entries listed; want %q listed and shown", st.Title, len(st.Entries), target[3])
	}
	if st.Quotes == 0 {
		t.Errorf("offline the article shows no quotation")
	}
}

func containsHref(s listState, href string) bool {
	for _, e := range s.Entries {
		if e.Href == href {
			return true
		}
	}
	return false
}

// waitList polls the demo's list and reader until ok holds.
func waitList(ctx context.Context, t *testing.T, ok func(listState) bool) listState {
	t.Helper()
	var st listState
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(readList, &st)); err != nil {
			t.Fatal(err)
		}
		if ok(st) {
			return st
		}
	}
	t.Fatalf("the demo never reached the state wanted: %+v", st)
	return st
}
