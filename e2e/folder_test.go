package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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

// partFile reports whether a file of the built folder index is one of its
// parts: anything but the entry and the precompressed copies the server
// picks by Accept-Encoding. Parts' names and contents are the index
// format's (internal/index), so these tests never depend on them.
func partFile(name string) bool {
	return name != "entry.qtf" && !strings.HasSuffix(name, ".br") && !strings.HasSuffix(name, ".gz")
}

// TestFolderIndexOnDemand: on a publisher's page of another origin whose
// data-index names the folder index, a reader's mouse drag over the
// Washington Times quotation shows the same three carriers as with
// index.qti, and the browser fetched the folder's entry once and some of
// its parts, never index.qti and never every part: parts are fetched on
// demand. The bytes fetched are logged, not asserted.
func TestFolderIndexOnDemand(t *testing.T) {
	if h, _ := folderLookup(t, folderPage); h.WasmCalls != 0 {
		t.Errorf("WebAssembly compiled on the page's main thread (%d): the engine did not run in its worker", h.WasmCalls)
	}
}

// TestFolderIndexIsTheDefault: a script tag without data-index reads the
// folder index beside the script (index/), as the tag a publisher copies
// from the README says.
func TestFolderIndexIsTheDefault(t *testing.T) {
	page := strings.Replace(folderPage, ` data-index="{{SITE}}/index/"`, "", 1)
	if page == folderPage {
		t.Fatal("the page's script tag has no data-index to remove")
	}
	folderLookup(t, page)
}

// TestFolderIndexInPage: the same where the page has no workers, so the
// loader runs the engine on the page (its fallback).
func TestFolderIndexInPage(t *testing.T) {
	page := strings.Replace(folderPage, "<script src=", "<script>window.Worker = undefined;</script>\n<script src=", 1)
	if h, _ := folderLookup(t, page); h.WasmCalls == 0 {
		t.Errorf("no WebAssembly compiled on the page: the engine did not run there")
	}
}

// folderLookup opens page (a publisher's, the widget on another origin),
// selects the quotation with the mouse and checks the card and what the
// browser fetched. It returns what the page recorded and the parts fetched,
// in the order they were asked for: a round's parts are asked for only once
// the round before it has arrived, so the last is of the last round.
func folderLookup(t *testing.T, html string) (pageHealth, []string) {
	ctx, cancel := browser(t)
	defer cancel()
	dir := site(t, "")
	files := serve.Handler(dir)
	log, arrivals := &sizeLog{}, &requestLog{}
	srv := httptest.NewServer(arrivals.handler(log.handler(files)))
	t.Cleanup(srv.Close)
	page := publisher(t, srv.URL, "", html)

	if err := chromedp.Run(ctx, chromedp.Navigate(page.URL+"/"), chromedp.WaitVisible(`#q`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	dragOver(ctx, t, "q", quotation)
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
		case r.path == "/index/":
			t.Errorf("the folder itself was fetched, not its entry")
		case strings.HasPrefix(r.path, "/index/"):
			parts[r.path] = true
			fetched += r.bytes
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
		if n.Name() == "entry.qtf" || partFile(n.Name()) {
			whole += servedBytes(t, files, "/index/"+n.Name(), accept)
		}
		if partFile(n.Name()) {
			count++
		}
	}
	for p := range parts {
		if !partFile(strings.TrimPrefix(p, "/index/")) {
			t.Errorf("%s was fetched: not a part of the folder", p)
		}
	}
	qti := servedBytes(t, files, "/index.qti", accept)
	t.Logf("the cold lookup fetched the entry and %d of %d parts: %d bytes (the whole folder %d bytes, index.qti %d bytes; Accept-Encoding %q)",
		len(parts), count, fetched, whole, qti, accept)
	if len(parts) >= count {
		t.Errorf("the lookup fetched %d parts of a folder of %d: not on demand", len(parts), count)
	}
	var order []string
	for _, p := range arrivals.list() {
		if parts[p] {
			order = append(order, p)
		}
	}
	return h, order
}

// TestFolderPartMissing: when the host answers 404 for parts of the folder
// (every part, or only one the last round of the lookup needs, after the
// rounds before it were answered), the card says once, in the widget's own
// words, that quotetrail could not load its index (the message was
// doubled: "quotetrail could not answer: quotetrail could not load …"),
// and nothing reaches the page.
func TestFolderPartMissing(t *testing.T) {
	// The parts a lookup of the quotation asks for, as TestFolderIndexOnDemand.
	_, order := folderLookup(t, folderPage)
	if len(order) == 0 {
		t.Fatal("the lookup fetched no part")
	}
	last := order[len(order)-1]
	ctx, cancel := browser(t)
	defer cancel()
	for _, c := range []struct {
		name    string
		missing func(path string) bool
	}{
		{"every part", func(p string) bool { return strings.HasPrefix(p, "/index/") && p != "/index/entry.qtf" }},
		{"a part of the last round", func(p string) bool { return p == last }},
	} {
		t.Run(c.name, func(t *testing.T) {
			// New servers, new origins: nothing in the browser's cache.
			files := serve.Handler(site(t, ""))
			log := &requestLog{}
			srv := httptest.NewServer(log.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if c.missing(r.URL.Path) {
					w.Header().Set("Access-Control-Allow-Origin", "*")
					http.NotFound(w, r)
					return
				}
				files.ServeHTTP(w, r)
			})))
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
			asked := false
			for _, p := range log.list() {
				asked = asked || c.missing(p)
			}
			if !asked {
				t.Errorf("the missing part was never asked for: %q", log.list())
			}
		})
	}
}
