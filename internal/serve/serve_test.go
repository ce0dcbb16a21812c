package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "engine.wasm"), []byte("\x00asm-raw"), 0o644)
	os.WriteFile(filepath.Join(dir, "engine.wasm.br"), []byte("brotli-bytes"), 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>hi</p>"), 0o644)
	h := Handler(dir)
	get := func(p, accept string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", p, nil)
		if accept != "" {
			r.Header.Set("Accept-Encoding", accept)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := get("/engine.wasm", "gzip, deflate, br")
	if w.Header().Get("Content-Type") != "application/wasm" || w.Header().Get("Content-Encoding") != "br" || w.Body.String() != "brotli-bytes" {
		t.Errorf("wasm with br: %v %q", w.Header(), w.Body.String())
	}
	w = get("/engine.wasm", "gzip")
	if w.Header().Get("Content-Encoding") != "" || w.Body.String() != "\x00asm-raw" {
		t.Errorf("wasm without a br sibling for gzip: %v %q", w.Header(), w.Body.String())
	}
	w = get("/engine.wasm", "br;q=0")
	if w.Header().Get("Content-Encoding") != "" {
		t.Errorf("br;q=0 still got br")
	}
	if w = get("/", ""); w.Code != http.StatusOK || w.Body.String() != "<p>hi</p>" {
		t.Errorf("index: %d %q", w.Code, w.Body.String())
	}
	if w = get("/../../etc/passwd", ""); w.Code != http.StatusNotFound {
		t.Errorf("path escape: %d", w.Code)
	}
}
