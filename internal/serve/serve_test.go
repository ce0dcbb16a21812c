package serve

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// site lays out a small built site in a temporary folder, with the things
// a careless publisher's folder holds next to it: a .git folder, a .env
// file, a folder without index.html, and symbolic links out of it.
// It returns the folder and the secret written outside it.
func site(t *testing.T) (dir, secret string) {
	t.Helper()
	dir = t.TempDir()
	outside := t.TempDir()
	secret = "outside-secret-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	files := map[string]string{
		"index.html":        "<p>hi</p>",
		"engine.wasm":       "\x00asm-raw",
		"engine.wasm.br":    "brotli-bytes",
		"engine.wasm.gz":    "gzip-bytes",
		"quotetrail.js":     "raw-js",
		"quotetrail.js.gz":  "gzip-js",
		"page.html":         "<p>page</p>",
		"page.html.br":      "brotli-page",
		"index.qti":         "QTI",
		"docs/index.html":   "<p>docs</p>",
		"docs/.hidden/x.js": secret,
		"sub/a.js":          "listed?",
		".git/config":       "[core] " + secret,
		".env":              "TOKEN=" + secret,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"pw":         filepath.Join(outside, "secret.txt"),
		"out":        outside,
		"inside.txt": "index.html", // a link that stays in the folder
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return dir, secret
}

func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	dir, _ := site(t)
	h := Handler(dir)
	w := do(h, "GET", "/engine.wasm", "Accept-Encoding", "gzip, deflate, br")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/wasm" || w.Header().Get("Content-Encoding") != "br" || w.Body.String() != "brotli-bytes" {
		t.Errorf("wasm with br: %d %v %q", w.Code, w.Header(), w.Body.String())
	}
	w = do(h, "GET", "/quotetrail.js", "Accept-Encoding", "br")
	if w.Header().Get("Content-Encoding") != "" || w.Body.String() != "raw-js" {
		t.Errorf("js without a br sibling, br accepted: %v %q", w.Header(), w.Body.String())
	}
	w = do(h, "GET", "/quotetrail.js", "Accept-Encoding", "gzip, br")
	if w.Header().Get("Content-Encoding") != "gzip" || w.Body.String() != "gzip-js" || w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("js with gzip: %v %q", w.Header(), w.Body.String())
	}
	w = do(h, "HEAD", "/engine.wasm", "Accept-Encoding", "br")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "br" || w.Body.Len() != 0 {
		t.Errorf("HEAD: %d %v %q", w.Code, w.Header(), w.Body.String())
	}
	for _, p := range []string{"/", "/index.html", "/engine.wasm", "/index.qti", "/docs/"} {
		w = do(h, "GET", p, "Accept-Encoding", "br")
		hd := w.Header()
		if w.Code != 200 {
			t.Errorf("%s: %d", p, w.Code)
		}
		if hd.Get("Access-Control-Allow-Origin") != "*" || hd.Get("X-Content-Type-Options") != "nosniff" ||
			hd.Get("Vary") != "Accept-Encoding" || hd.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: headers %v", p, hd)
		}
	}
	// A page on another origin reads an error as what it is: a missing
	// part of the index is a 404, not a network error.
	for _, p := range []string{"/index/q-0123456789abcdef-00.qtf", "/nothing", "/.hidden"} {
		if w = do(h, "GET", p); w.Code != http.StatusNotFound || w.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: %d, headers %v", p, w.Code, w.Header())
		}
	}
	if w = do(h, "GET", "/"); w.Body.String() != "<p>hi</p>" || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("index: %d %q", w.Code, w.Body.String())
	}
	if w = do(h, "GET", "/docs"); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "docs/" {
		t.Errorf("folder without its slash: %d %v", w.Code, w.Header())
	}
	if w = do(h, "GET", "/docs/"); w.Body.String() != "<p>docs</p>" {
		t.Errorf("folder with index.html: %d %q", w.Code, w.Body.String())
	}
	// A link that stays inside the folder is followed, as os.Root allows.
	if w = do(h, "GET", "/inside.txt"); w.Code != 200 || w.Body.String() != "<p>hi</p>" {
		t.Errorf("link inside the folder: %d %q", w.Code, w.Body.String())
	}
	if w = do(h, "GET", "/engine.wasm", "Range", "bytes=1-3"); w.Code != http.StatusPartialContent || w.Body.String() != "asm" {
		t.Errorf("range: %d %q", w.Code, w.Body.String())
	}
}

// TestNothingOutsideTheSite: dotfiles, links out of the folder, escapes
// and folders without index.html are never served (testdata/probes.txt).
func TestNothingOutsideTheSite(t *testing.T) {
	dir, secret := site(t)
	h := Handler(dir)
	for _, line := range lines(t, "testdata/probes.txt") {
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("probes.txt: bad line %q", line)
		}
		want, _ := strconv.Atoi(f[2])
		w := do(h, f[0], f[1])
		if w.Code != want {
			t.Errorf("%s %s: %d, want %d (%q)", f[0], f[1], w.Code, want, w.Body.String())
		}
		if strings.Contains(w.Body.String(), secret) || strings.Contains(w.Body.String(), "a.js") {
			t.Errorf("%s %s gave away %q", f[0], f[1], w.Body.String())
		}
	}
}

// TestLongPathIsNeverA500: an over-long path, a name longer than the
// file system allows, or a deep one, gets 414 or 404, never 500.
func TestLongPathIsNeverA500(t *testing.T) {
	dir, _ := site(t)
	srv := httptest.NewServer(Handler(dir)) // the real server: its limits too
	defer srv.Close()
	for _, p := range []string{
		"/" + strings.Repeat("a", 300),                // one name over NAME_MAX (255)
		"/" + strings.Repeat("a", MaxPath),            // just over MaxPath
		"/" + strings.Repeat("a", 20000),              // far over
		"/" + strings.Repeat("a/", MaxPath/2-1) + "x", // deep, under MaxPath
		"/" + strings.Repeat("../", 300) + "etc/passwd",
		"/index.html/" + strings.Repeat("b", 300),
	} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusRequestURITooLong {
			t.Errorf("path of %d bytes (%.20s…): %d", len(p), p, resp.StatusCode)
		}
	}
}

// TestPagePolicy: HTML pages carry the Content-Security-Policy and the
// Referrer-Policy; a policy already on the response is kept beside ours.
// Whether the demo works under it is for the browser: the e2e tests serve
// the real site through this handler.
func TestPagePolicy(t *testing.T) {
	dir, _ := site(t)
	h := Handler(dir)
	for _, p := range []string{"/", "/index.html", "/docs/", "/page.html"} {
		w := do(h, "GET", p, "Accept-Encoding", "br")
		if got := w.Header().Values("Content-Security-Policy"); len(got) != 1 || got[0] != PagePolicy {
			t.Errorf("%s: Content-Security-Policy %q", p, got)
		}
		if got := w.Header().Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", p, got)
		}
	}
	if w := do(h, "GET", "/page.html", "Accept-Encoding", "br"); w.Header().Get("Content-Encoding") != "br" {
		t.Errorf("precompressed page: %v", w.Header())
	}
	if w := do(h, "GET", "/engine.wasm"); w.Header().Get("Content-Security-Policy") != "" {
		t.Errorf("the engine got a page policy: %v", w.Header())
	}
	// Directives the demo needs, each for a reason in PagePolicy's comment.
	for _, d := range []string{"default-src 'none'", "'wasm-unsafe-eval'", "worker-src 'self' blob:", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(PagePolicy, d) {
			t.Errorf("PagePolicy lacks %q", d)
		}
	}
	for _, d := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
		if strings.Contains(PagePolicy, d) {
			t.Errorf("PagePolicy allows %q", d)
		}
	}
	wrapped := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		h.ServeHTTP(w, r)
	})
	if got := do(wrapped, "GET", "/").Header().Values("Content-Security-Policy"); len(got) != 2 || got[0] != "script-src 'self'" {
		t.Errorf("a stricter policy set before ours: %q", got)
	}
}

// TestAcceptEncoding: the sibling served for each header of
// testdata/accept-encoding.txt; q=0 in any spelling refuses a coding.
func TestAcceptEncoding(t *testing.T) {
	dir, _ := site(t)
	h := Handler(dir)
	bodies := map[string]string{"br": "brotli-bytes", "gzip": "gzip-bytes", "-": "\x00asm-raw"}
	for _, line := range lines(t, "testdata/accept-encoding.txt") {
		header, want, ok := strings.Cut(line, "|")
		if !ok {
			t.Fatalf("accept-encoding.txt: bad line %q", line)
		}
		header, want = strings.TrimSpace(header), strings.TrimSpace(want)
		w := do(h, "GET", "/engine.wasm", "Accept-Encoding", header)
		got := w.Header().Get("Content-Encoding")
		if got == "" {
			got = "-"
		}
		if got != want || w.Body.String() != bodies[want] {
			t.Errorf("Accept-Encoding %q: served %s (%q), want %s", header, got, w.Body.String(), want)
		}
	}
}

func TestParseQ(t *testing.T) {
	for s, want := range map[string]int{
		"0": 0, "0.": 0, "0.0": 0, "0.00": 0, "0.000": 0,
		"0.5": 500, "0.50": 500, "0.001": 1, "0.123": 123, "0.9": 900,
		"1": 1000, "1.": 1000, "1.0": 1000, "1.000": 1000,
	} {
		if got, ok := ParseQ(s); !ok || got != want {
			t.Errorf("ParseQ(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", ".5", "0.0000", "0.1234", "1.001", "1.5", "2", "-0", "0,5", "0.5 ", "1e-3", "NaN", "0x1", "00", "0.a"} {
		if got, ok := ParseQ(s); ok {
			t.Errorf("ParseQ(%q) = %d, accepted", s, got)
		}
	}
}

func FuzzParseQ(f *testing.F) {
	for _, s := range []string{"0", "0.000", "0.5", "1.000", "1.5", "0.0001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, ok := ParseQ(s)
		if ok && (q < 0 || q > 1000) {
			t.Errorf("ParseQ(%q) = %d", s, q)
		}
		if ok {
			if v, err := strconv.ParseFloat(s, 64); err != nil || int(v*1000+0.5) != q {
				t.Errorf("ParseQ(%q) = %d, ParseFloat %v %v", s, q, v, err)
			}
		}
		acceptQ("br;q="+s, "br") // never panics
	})
}

func TestNewServerDefaults(t *testing.T) {
	s := NewServer(Config{Dir: t.TempDir(), Addr: "127.0.0.1:0"})
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("a limit left unset: header %v read %v write %v idle %v max header %d",
			s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
	if s.Handler == nil || s.Addr != "127.0.0.1:0" {
		t.Errorf("handler %v, addr %q", s.Handler, s.Addr)
	}
	c := Config{ReadHeaderTimeout: 1, ReadTimeout: 2, WriteTimeout: 3, IdleTimeout: 4, MaxHeaderBytes: 5}
	if s = NewServer(c); s.ReadHeaderTimeout != 1 || s.ReadTimeout != 2 || s.WriteTimeout != 3 || s.IdleTimeout != 4 || s.MaxHeaderBytes != 5 {
		t.Errorf("the config's limits were not taken: %+v", s)
	}
}

// start runs NewServer(c) on 127.0.0.1 and returns its address and a
// count of the connections it has closed.
func start(t *testing.T, c Config) (addr string, closed func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(c)
	var mu sync.Mutex
	n := 0
	srv.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateClosed || s == http.StateHijacked {
			mu.Lock()
			n++
			mu.Unlock()
		}
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), func() int { mu.Lock(); defer mu.Unlock(); return n }
}

// generous is how long a test waits for the server to close a
// connection: far beyond the short timeouts it sets, so a busy machine
// does not fail it, and far below the long ones it leaves, so a timeout
// that is not applied does.
const generous = 30 * time.Second

// TestSlowHeadersAreCut: 50 clients on 127.0.0.1 that send their request
// headers a byte at a time are all disconnected once the header timeout
// has passed (the slowloris attack: plain http.Serve kept them for ever).
func TestSlowHeadersAreCut(t *testing.T) {
	dir, _ := site(t)
	addr, _ := start(t, Config{Dir: dir, ReadHeaderTimeout: 300 * time.Millisecond,
		ReadTimeout: time.Hour, WriteTimeout: time.Hour, IdleTimeout: time.Hour})
	const clients = 50
	deadline := time.Now().Add(generous)
	errs := make(chan error, clients)
	for i := 0; i < clients; i++ {
		go func() { errs <- dribble(addr, deadline) }()
	}
	for i := 0; i < clients; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// dribble opens a connection and sends a request's headers a byte every
// 20 ms, never finishing them, until the server closes the connection
// (nil) or the deadline passes (an error).
func dribble(addr string, deadline time.Time) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	closed := make(chan struct{})
	go func() {
		io.Copy(io.Discard, c) // returns when the server closes the connection
		close(closed)
	}()
	msg := "GET / HTTP/1.1\r\nHost: x\r\n"
	for i := 0; ; i++ {
		b := []byte{'x'}
		if i < len(msg) {
			b[0] = msg[i]
		} else if i%20 == 19 {
			b = []byte("-a: b\r\nX") // a new header line now and then
		}
		if _, err := c.Write(b); err != nil {
			return nil // closed by the server
		}
		select {
		case <-closed:
			return nil
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("a client dribbling headers was still connected after %v", generous)
		}
	}
}

// TestSlowReaderIsCut: a client that asks for a large file and never
// reads it is disconnected once the write timeout has passed.
func TestSlowReaderIsCut(t *testing.T) {
	dir := t.TempDir()
	const size = 64 << 20 // more than the socket buffers of both ends hold
	f, err := os.Create(filepath.Join(dir, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil { // sparse: no disk written
		t.Fatal(err)
	}
	f.Close()
	addr, closed := start(t, Config{Dir: dir, WriteTimeout: 300 * time.Millisecond,
		ReadHeaderTimeout: time.Hour, ReadTimeout: time.Hour, IdleTimeout: time.Hour})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096)
	if _, err := io.WriteString(c, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// The server's side is watched (ConnState): the client cannot see the
	// close without reading, and reading is what it must not do.
	deadline := time.Now().Add(generous)
	for closed() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("a client that does not read was still connected after %v", generous)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestIdleConnectionIsClosed: a kept-alive connection that sends no
// second request is closed after the idle timeout.
func TestIdleConnectionIsClosed(t *testing.T) {
	dir, _ := site(t)
	addr, _ := start(t, Config{Dir: dir, IdleTimeout: 300 * time.Millisecond,
		ReadHeaderTimeout: time.Hour, ReadTimeout: time.Hour, WriteTimeout: time.Hour})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(generous))
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("first response: %d, close %v", resp.StatusCode, resp.Close)
	}
	_, err = br.ReadByte()
	if err != io.EOF && !errors.Is(err, net.ErrClosed) && !isReset(err) {
		t.Errorf("an idle kept-alive connection was not closed within %v: %v", generous, err)
	}
}

func isReset(err error) bool {
	return err != nil && strings.Contains(err.Error(), "connection reset")
}

// lines reads a testdata file: its lines that are neither empty nor
// comments.
func lines(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TestPartsCachedForGood: the content-hashed parts of a folder index are
// immutable; its entry file and everything else are revalidated.
func TestPartsCachedForGood(t *testing.T) {
	dir, _ := site(t)
	os.MkdirAll(filepath.Join(dir, "index"), 0o755)
	for _, n := range []string{"entry.qtf", "t-0123456789abcdef.qtf", "q-fedcba9876543210.qtf"} {
		os.WriteFile(filepath.Join(dir, "index", n), []byte("QTIX"), 0o644)
	}
	h := Handler(dir)
	for p, want := range map[string]string{
		"/index/t-0123456789abcdef.qtf": "public, max-age=31536000, immutable",
		"/index/q-fedcba9876543210.qtf": "public, max-age=31536000, immutable",
		"/index/entry.qtf":              "no-cache",
		"/engine.wasm":                  "no-cache",
	} {
		w := do(h, "GET", p)
		if w.Code != 200 || w.Header().Get("Cache-Control") != want {
			t.Errorf("%s: %d, Cache-Control %q, want %q", p, w.Code, w.Header().Get("Cache-Control"), want)
		}
	}
}
