package serve

import (
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"regexp"
	"strings"
	"time"
)

// immutablePart matches the content-hashed part names of a folder index
// (internal/index: t-, q- and p- followed by 16 hex digits).
var immutablePart = regexp.MustCompile(`^[tqpwf]-[0-9a-f]{16}\.qtf$`)

var types = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".json":        "application/json",
	".qti":         "application/octet-stream",
	".qtf":         "application/octet-stream",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
}

// PagePolicy is the Content-Security-Policy sent with every HTML page. It
// allows what the demo loads and nothing else: scripts, styles, the
// engine worker and the service worker from this origin; fetches of the
// index and articles.json to this origin; WebAssembly compiled in the page
// ('wasm-unsafe-eval': the loader runs the engine in the page where a
// worker cannot start); blob: workers, which the loader starts when its
// script comes from another origin; images from this origin (the
// browser's favicon request). No inline script or style, no eval, no
// plugins, no <base>, no form posts, no framing by other sites.
const PagePolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
	"connect-src 'self'; style-src 'self'; img-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// MaxPath is the longest URL path served; longer ones get 414. The site's
// own names are short; a long path is a probe or a mistake, answered
// before it reaches the file system.
const MaxPath = 1024

// Defaults for Config's zero fields.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	// A reader on a slow link still gets the raw engine (2.3 MB) within
	// it; a client that stops reading is cut off.
	DefaultWriteTimeout = 2 * time.Minute
	DefaultIdleTimeout  = 60 * time.Second
	// Requests are GETs with a few headers; the default 1 MB is far more
	// than any browser sends.
	DefaultMaxHeaderBytes = 32 << 10
)

// Config sets up a server; zero fields take the defaults above.
type Config struct {
	Dir  string // the built site
	Addr string // for http.Server.Addr; the caller may listen itself

	ReadHeaderTimeout time.Duration // the request line and headers, from the first byte
	ReadTimeout       time.Duration // the whole request
	WriteTimeout      time.Duration // the whole response
	IdleTimeout       time.Duration // a kept-alive connection between requests
	MaxHeaderBytes    int
}

// NewServer returns a server for the site in c.Dir with every timeout set,
// so no client holds a connection open for ever: not one that sends its
// headers a byte at a time, nor one that stops reading the response, nor
// an idle kept-alive one. Its ErrorLog is left to the caller.
func NewServer(c Config) *http.Server {
	or := func(d, def time.Duration) time.Duration {
		if d > 0 {
			return d
		}
		return def
	}
	maxHeader := c.MaxHeaderBytes
	if maxHeader <= 0 {
		maxHeader = DefaultMaxHeaderBytes
	}
	return &http.Server{
		Addr:              c.Addr,
		Handler:           Handler(c.Dir),
		ReadHeaderTimeout: or(c.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:       or(c.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      or(c.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:       or(c.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:    maxHeader,
	}
}

// Handler serves the files under dir through an os.Root, so no path and
// no symbolic link reaches outside it. The folder is opened for each
// request, not once: `quotetrail build` deletes and rewrites dist/, and a
// server started before a rebuild must serve the new files.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The widget is embedded on other sites: its worker fetches the
		// engine and the index from here. The files are public, and so are
		// the errors: a page on another origin must read a 404 as a 404
		// (a missing part of the index), not as a network error.
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if len(r.URL.Path) > MaxPath {
			http.Error(w, "URI too long", http.StatusRequestURITooLong)
			return
		}
		name, ok := fileName(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			// The folder itself is missing, for example during a rebuild.
			failed(w, r, err)
			return
		}
		defer root.Close()
		f, st, err := open(root, name)
		if err != nil {
			failed(w, r, err)
			return
		}
		defer f.Close()
		if st.IsDir() {
			// A folder is served by its index.html, never listed.
			name = path.Join(name, "index.html")
			f, st, err = open(root, name)
			if err != nil {
				failed(w, r, err)
				return
			}
			defer f.Close()
			if st.IsDir() {
				http.NotFound(w, r)
				return
			}
			if !strings.HasSuffix(r.URL.Path, "/") {
				localRedirect(w, r, path.Base(r.URL.Path)+"/")
				return
			}
		} else if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // a file named as a folder
			return
		}

		ext := path.Ext(name)
		ctype := types[ext]
		if ctype == "" {
			ctype = mime.TypeByExtension(ext)
		}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		if immutablePart.MatchString(path.Base(name)) {
			// A folder index part is named by a hash of its content: it
			// never changes, so browsers and CDNs keep it for good. The
			// entry file (entry.qtf) stays no-cache: it names the parts.
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		// The demo's links lead to news sites; they learn nothing of it.
		h.Set("Referrer-Policy", "no-referrer")
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		if ext == ".html" {
			// Added, not set: a policy already on the response (a proxy,
			// a test) stays, and the browser enforces both.
			h.Add("Content-Security-Policy", PagePolicy)
		}
		h.Add("Vary", "Accept-Encoding")
		for _, enc := range encodings(strings.Join(r.Header.Values("Accept-Encoding"), ",")) {
			cf, cst, err := open(root, name+enc.ext)
			if err != nil || cst.IsDir() {
				if cf != nil {
					cf.Close()
				}
				continue
			}
			defer cf.Close()
			h.Set("Content-Encoding", enc.token)
			http.ServeContent(w, r, name, cst.ModTime(), cf)
			return
		}
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// fileName turns a URL path into a name inside the root ("." for the
// top). It refuses any segment that starts with a dot after cleaning:
// .git, .env, .DS_Store and the like are never part of a built site.
func fileName(urlPath string) (string, bool) {
	if strings.IndexByte(urlPath, 0) >= 0 {
		return "", false
	}
	clean := path.Clean("/" + urlPath)
	for _, seg := range strings.Split(clean, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	if clean == "/" {
		return ".", true
	}
	return clean[1:], true
}

// open opens name in root and stats it. Only regular files and folders
// are served: not devices, pipes or sockets.
func open(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		f.Close()
		return nil, nil, fs.ErrNotExist
	}
	return f, st, nil
}

// failed answers an error from the file system: 403 where the server may
// not read the file, 404 for everything else (missing, a name too long, a
// link out of the folder), so a probe learns nothing about what lies
// outside and a bad path is never a 500.
func failed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, fs.ErrPermission) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	http.NotFound(w, r)
}

// localRedirect sends a relative redirect, as http.FileServer does, so the
// site works under any prefix.
func localRedirect(w http.ResponseWriter, r *http.Request, to string) {
	if q := r.URL.RawQuery; q != "" {
		to += "?" + q
	}
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusMovedPermanently)
}

type encoding struct{ token, ext string }

// encodings lists the precompressed siblings worth trying for an
// Accept-Encoding header, the browser's preferred first (brotli on a tie:
// it is smaller). A coding with q=0 is refused, as RFC 9110 says.
func encodings(header string) []encoding {
	br, gz := acceptQ(header, "br"), acceptQ(header, "gzip")
	var out []encoding
	if br > 0 && br >= gz {
		out = append(out, encoding{"br", ".br"})
	}
	if gz > 0 {
		out = append(out, encoding{"gzip", ".gz"})
	}
	if br > 0 && br < gz {
		out = append(out, encoding{"br", ".br"})
	}
	return out
}

// acceptQ returns the weight, in thousandths, that an Accept-Encoding
// header gives a coding: its own entry's, else that of "*", else 0 (not
// acceptable). An entry with a malformed q counts as 0: identity is always
// a safe answer.
func acceptQ(header, coding string) int {
	star := -1
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "x-gzip" {
			name = "gzip" // RFC 9110, 8.4.1.3
		}
		if name != coding && name != "*" {
			continue
		}
		q := 1000
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				var ok bool
				if q, ok = ParseQ(strings.TrimSpace(v)); !ok {
					q = 0
				}
			}
		}
		if name == coding {
			return q
		}
		star = q
	}
	return max(star, 0)
}

// ParseQ parses an HTTP weight (RFC 9110, 12.4.2: "0" to "1" with at most
// three decimals) into thousandths: "0", "0.0" and "0.000" are 0, "0.5" is
// 500, "1" is 1000. Anything else is not a weight.
func ParseQ(s string) (int, bool) {
	if s == "" || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	whole := int(s[0]-'0') * 1000
	rest := s[1:]
	if rest == "" {
		return whole, true
	}
	if rest[0] != '.' || len(rest) > 4 {
		return 0, false
	}
	frac, scale := 0, 100
	for _, c := range []byte(rest[1:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		frac += int(c-'0') * scale
		scale /= 10
	}
	if whole == 1000 && frac != 0 {
		return 0, false
	}
	return whole + frac, true
}
