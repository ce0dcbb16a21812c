package e2e

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// maxIndex is the size of index the widget refuses to read (the engine's
// cap, index.MaxBytes: 1 GiB).
const maxIndex = 1 << 30

// inflating returns a gzip stream (about 1.3 MB) of maxIndex + 1 MiB zeros.
var inflating = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	zero := make([]byte, 1<<20)
	for n := 0; n <= maxIndex; n += len(zero) {
		zw.Write(zero)
	}
	zw.Close()
	return b.Bytes()
})

// TestIndexTooLarge: an index over the cap is refused, with a clear notice
// on the card, without reading it: by its Content-Length when the server
// gives one, and by counting the bytes as they come when it does not (here
// a small gzip stream that inflates past the cap).
func TestIndexTooLarge(t *testing.T) {
	files := serve.Handler(site(t, ""))
	done := make(chan struct{})
	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch r.URL.Path {
		case "/claims.qti":
			// Claims more than the cap, sends a little, then waits: only a
			// reader that trusts the header stops here.
			w.Header().Set("Content-Length", strconv.Itoa(maxIndex+1))
			w.Write(make([]byte, 64<<10))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-done:
			}
		case "/inflates.qti":
			// No length; a gzip stream of zeros that inflates past the cap.
			w.Header().Set("Content-Encoding", "gzip")
			bomb := inflating()
			for i := 0; i < len(bomb); i += 64 << 10 {
				if _, err := w.Write(bomb[i:min(i+64<<10, len(bomb))]); err != nil {
					return // the reader gave up: what the test wants
				}
				w.(http.Flusher).Flush()
			}
		default:
			files.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(huge.Close)
	t.Cleanup(func() { close(done) }) // runs before huge.Close
	ctx, cancel := browser(t)
	defer cancel()
	for _, name := range []string{"claims.qti", "inflates.qti"} {
		t.Run(name, func(t *testing.T) {
			page := publisher(t, huge.URL, "", `<!DOCTYPE html><html><head><title>Publisher</title>`+watchWasm+`
<script src="{{SITE}}/quotetrail.js" data-index="{{SITE}}/`+name+`" defer></script></head>
<body><p id="q">“The U.S. must handle the issue of arms sales to Taiwan with prudence.”</p></body></html>`)
			err := chromedp.Run(ctx,
				chromedp.Navigate(page.URL+"/"),
				chromedp.WaitVisible(`#q`, chromedp.ByQuery),
				chromedp.Poll(`window.quotetrail && window.quotetrail.version`, nil),
				chromedp.Evaluate(selectQuote("The U.S. must handle the issue of arms sales to Taiwan with prudence."), nil),
			)
			if err != nil {
				t.Fatal(err)
			}
			waitNotice(ctx, t, "The quotation index is larger than 1 GiB: quotetrail will not load it.")
			if h := health(ctx, t); len(h.Errors) != 0 || h.WasmCalls != 0 {
				t.Errorf("errors reached the page: %q; WebAssembly compiled on the page: %d", h.Errors, h.WasmCalls)
			}
		})
	}
}
