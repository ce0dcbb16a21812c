package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// folderPage is a publisher's page on another origin whose one script tag
// names the folder index (issue 9), with the Washington Times quotation in
// its article.
const folderPage = `<!DOCTYPE html><html><head><title>Publisher</title>` + watchWasm + `
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/index/" defer></script>
</head><body>
<article id="story"><h1>Story</h1>
<p>Chinese President Xi Jinping told President Biden on Monday:</p>
<p id="q">“` + quotation + `,” Mr. Xi said.</p></article>
</body></html>`

// sizeLog records each request's path, the bytes of its response body as
// sent, and the Accept-Encoding it came with.
type sizeLog struct {
	mu     sync.Mutex
	reqs   []sized
	accept string
}

type sized struct {
	path  string
	bytes int
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func (l *sizeLog) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		l.mu.Lock()
		l.reqs = append(l.reqs, sized{r.URL.Path, cw.n})
		if strings.HasSuffix(r.URL.Path, "/entry.qtf") {
			l.accept = r.Header.Get("Accept-Encoding")
		}
		l.mu.Unlock()
	})
}

// servedBytes is the body size the site's handler sends for path to a
// client sending accept.
func servedBytes(t *testing.T, h http.Handler, path, accept string) int {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("Accept-Encoding", accept)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, w.Code)
	}
	return w.Body.Len()
}

var partName = regexp.MustCompile(`^/index/[tqp]-[0-9a-f]{16}\.qtf$`)

// TestFolderIndexOnDemand: on a publisher's page of another origin whose
// data-index names the folder index, a reader's mouse drag over the
// Washington Times quotation shows the same three carriers as with
// index.qti, and the browser fetched the folder's entry and some of its
// parts, never index.qti, and fewer bytes than the whole folder.
func TestFolderIndexOnDemand(t *testing.T) {
	if h := folderLookup(t, folderPage); h.WasmCalls != 0 {
		t.Errorf("WebAssembly compiled on the page's main thread (%d): the engine did not run in its worker", h.WasmCalls)
	}
}

// TestFolderIndexInPage: the same where the page has no workers, so the
// loader runs the engine on the page (its fallback).
func TestFolderIndexInPage(t *testing.T) {
	page := strings.Replace(folderPage, "<script src=", "<script>window.Worker = undefined;</script>\n<script src=", 1)
	if h := folderLookup(t, page); h.WasmCalls == 0 {
		t.Errorf("no WebAssembly compiled on the page: the engine did not run there")
	}
}

// folderLookup opens page (a publisher's, the widget on another origin),
// selects the quotation with the mouse and checks the card and what the
// browser fetched.
func folderLookup(t *testing.T, html string) pageHealth {
	ctx, cancel := browser(t)
	defer cancel()
	dir := site(t, "")
	files := serve.Handler(dir)
	log := &sizeLog{}
	srv := httptest.NewServer(log.handler(files))
	t.Cleanup(srv.Close)
	page := publisher(t, srv.URL, "", html)

	var box textBox
	err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByQuery),
		locate(`document.getElementById('q').firstChild`, quotation, &box),
	)
	if err != nil {
		t.Fatal(err)
	}
	var selected string
	if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2), chromedp.Evaluate(`getSelection().toString()`, &selected)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(selected, "must handle the issue") {
		t.Fatalf("the mouse drag selected %q", selected)
	}
	st := waitCard(ctx, t, "must handle the issue")
	checkCarriers(t, st)
	h := health(ctx, t)
	if len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}

	log.mu.Lock()
	reqs := append([]sized(nil), log.reqs...)
	accept := log.accept
	log.mu.Unlock()
	entries, parts, fetched := 0, map[string]bool{}, 0
	for _, r := range reqs {
		switch {
		case strings.HasSuffix(r.path, "index.qti"):
			t.Errorf("index.qti was fetched: %v", reqs)
		case r.path == "/index/entry.qtf":
			entries++
			fetched += r.bytes
		case partName.MatchString(r.path):
			parts[r.path] = true
			fetched += r.bytes
		case strings.HasPrefix(r.path, "/index"):
			t.Errorf("%s was fetched: not the entry nor a part", r.path)
		}
	}
	if entries != 1 || len(parts) == 0 {
		t.Fatalf("the lookup fetched the entry %d times and %d parts: %v", entries, len(parts), reqs)
	}
	// The whole folder and index.qti, as this handler serves them to this
	// browser (its Accept-Encoding).
	names, err := os.ReadDir(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	whole, count := 0, 0
	for _, n := range names {
		if strings.HasSuffix(n.Name(), ".qtf") {
			whole += servedBytes(t, files, "/index/"+n.Name(), accept)
			count++
		}
	}
	qti := servedBytes(t, files, "/index.qti", accept)
	t.Logf("the cold lookup fetched the entry and %d of %d parts: %d bytes (the whole folder %d bytes, index.qti %d bytes; Accept-Encoding %q)",
		len(parts), count-1, fetched, whole, qti, accept)
	if fetched >= whole || len(parts) >= count-1 {
		t.Errorf("the lookup fetched %d bytes (%d parts) of a folder of %d bytes (%d parts)", fetched, len(parts), whole, count-1)
	}
	return h
}

// TestFolderPartMissing: when the host answers 404 for the folder's
// quotation shards, the card says once, in the widget's own words, that
// quotetrail could not load its index (the message was doubled:
// "quotetrail could not answer: quotetrail could not load …"), and nothing
// reaches the page.
func TestFolderPartMissing(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	files := serve.Handler(site(t, ""))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/index/q-") {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	page := publisher(t, srv.URL, "", folderPage)
	var box textBox
	if err := chromedp.Run(ctx,
		chromedp.Navigate(page.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByQuery),
		locate(`document.getElementById('q').firstChild`, quotation, &box),
	); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx, dragSelect(box.X1, box.Y1, box.X2, box.Y2)); err != nil {
		t.Fatal(err)
	}
	text := waitNotice(ctx, t, "could not load its index")
	if strings.Contains(text, "could not answer") || !strings.Contains(text, "quotetrail could not load its index (HTTP 404).") {
		t.Errorf("the card says %q, want the widget's one message with the HTTP status", text)
	}
	if h := health(ctx, t); len(h.Errors) != 0 {
		t.Errorf("errors reached the page: %q", h.Errors)
	}
}
