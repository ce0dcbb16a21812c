package scale

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"quotetrail/internal/bench"
	"quotetrail/internal/index"
	"quotetrail/internal/serve"
)

// Config is one harness run.
type Config struct {
	Shared   string // ../shared, for the real paragraphs
	Sizes    []int  // articles
	Runs     int    // browser measurements per size and tool; medians are printed
	Lookups  int    // lookups per measurement: the first is the cold one
	Seed     uint64
	Work     string // pages, sites, logs: Work/<size>/…
	Reuse    bool   // keep pages and sites already built under Work (no build figures then)
	Self     string // the quotetrail binary that runs "build"
	WWW      string
	Wasm     string
	Chromium string
	Pagefind string // folder where pagefind@1 is installed with npm
	// Index is the loader's data-index, the URL of the index quotetrail
	// loads, relative to its site's root: "/index/" (the folder index) or
	// "/index.qti" (whole-index mode).
	Index string
	// Add is how many articles are added to each size's site by an
	// incremental build, timed after the lookups are measured (0: none).
	Add      int
	Throttle *Link     // the profile of the throttled cold lookup (a fresh copy each time)
	Log      io.Writer // progress
}

// QuotetrailEngine reports whether a path served from a quotetrail site
// is engine code (the loader, its worker, the Go runtime glue, the wasm).
// Every other file counts as index data, whatever the index's layout.
func QuotetrailEngine(p string) bool {
	switch path.Base(p) {
	case "quotetrail.js", "quotetrail.mjs", "quotetrail-worker.js", "wasm_exec.js", "engine.wasm":
		return true
	}
	return false
}

// PagefindEngine reports whether a path served from a Pagefind site is its
// engine code (pagefind.js and its WebAssembly, wasm.<lang>.pagefind);
// the entry file, metadata, index chunks and fragments are index data.
func PagefindEngine(p string) bool {
	b := path.Base(p)
	return strings.HasSuffix(b, ".js") || strings.HasPrefix(b, "wasm.") && strings.HasSuffix(b, ".pagefind")
}

// Build is a site build: wall time and the peak resident memory of the
// build process (and the processes it waited for), from rusage.
type Build struct {
	Wall    time.Duration
	PeakRSS int64
	Index   int64 // index files on disk, as served (quotetrail: index.qti.br)
}

// Sample is one measurement of one tool.
type Sample struct {
	Cold, ColdThrottled float64 // ms, call to promise resolved
	Engine, Index       int64   // bytes the cold lookup fetched
	Fetches             []Fetch // those fetches
	ChainAll, ChainData int     // sequential fetches of the throttled cold lookup: all, index data only
	MemAdded            int64   // renderer RssAnon, after the lookups minus before the first
	WarmP50, WarmP95    float64 // ms
	Found, Asked        int     // lookups that returned at least one result
}

// Tool is one side of the comparison.
type Tool struct {
	Name     string
	Site     string // folder served
	Page     string // the bench page's HTML, served at /__scale.html
	IsEngine func(string) bool
	Build    Build
	Samples  []Sample
	Err      error
}

// SizeResult is both tools at one size.
type SizeResult struct {
	Articles, Quotes int
	Lookups          []string
	Tools            []*Tool
	// Reveal is what the folder index's requests tell its host, when the
	// index measured is the folder (nil otherwise).
	Reveal *Reveal
	// Increment is the incremental build that added Config.Add articles
	// (nil when none ran), with what it changed in the site.
	Increment *Increment
}

// Increment is an incremental build and the files it changed: what a
// publisher uploads after it.
type Increment struct {
	Added                      int
	Build                      Build
	ChangedFiles, ChangedBytes int64
	Files                      int64 // all the site's files
}

// Run measures every size in c.Sizes.
func Run(c Config) ([]SizeResult, error) {
	srcs, err := bench.Sources(c.Shared)
	if err != nil {
		return nil, fmt.Errorf("no real text under %s/data: %w", c.Shared, err)
	}
	var out []SizeResult
	for _, n := range c.Sizes {
		r, err := runSize(c, srcs, n)
		if err != nil {
			return out, fmt.Errorf("%d articles: %w", n, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func (c Config) logf(format string, a ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, "bench-scale: "+format+"\n", a...)
	}
}

func runSize(c Config, srcs []bench.Source, n int) (SizeResult, error) {
	// The added articles follow the first n (generation is sequential),
	// so the first n are the corpus measured with or without them.
	all := bench.Generate(srcs, n+c.Add, c.Seed)
	x := &index.Index{Articles: all.Articles[:n]}
	for _, q := range all.Quotes {
		if q.Article < n {
			x.Quotes = append(x.Quotes, q)
		}
	}
	res := SizeResult{Articles: n, Quotes: len(x.Quotes), Lookups: Lookups(x, c.Lookups, c.Seed)}
	if len(res.Lookups) < 2 {
		return res, fmt.Errorf("the corpus holds only %d selections", len(res.Lookups))
	}
	dir := filepath.Join(c.Work, fmt.Sprint(n))
	pages, dist := filepath.Join(dir, "pages"), filepath.Join(dir, "dist")
	pfOut := filepath.Join(pages, "pagefind")
	built := c.Reuse && exists(filepath.Join(dist, "index.qti"))
	qt := &Tool{Name: "quotetrail", Site: dist, IsEngine: QuotetrailEngine, Page: `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>quotetrail at scale</title>
<script src="/quotetrail.js" data-index="` + htmlAttr(c.Index) + `" defer></script>
<script>addEventListener('DOMContentLoaded', () => { window.__look = q => quotetrail.lookup(q).then(r => r.matches.length); });</script>
</head><body><p>quotetrail at scale</p></body></html>`}
	pf := &Tool{Name: "Pagefind", Site: pages, IsEngine: PagefindEngine, Page: `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind at scale</title>
<script type="module">
import * as pagefind from '/pagefind/pagefind.js';
// A search with its first ten results' data loaded: what a card needs.
window.__look = async q => {
  await pagefind.init();
  const r = await pagefind.search(q);
  await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  return r.results.length;
};
</script>
</head><body><p>Pagefind at scale</p></body></html>`}
	res.Tools = []*Tool{qt, pf}
	if !built {
		c.logf("%d articles: writing pages", n)
		os.RemoveAll(dir)
		if err := WritePages(pages, x); err != nil {
			return res, err
		}
		c.logf("%d articles: quotetrail build", n)
		qt.Build, qt.Err = timeCmd(filepath.Join(dir, "quotetrail-build.log"), "", c.Self,
			"build", "-corpus", pages, "-out", dist, "-www", c.WWW, "-wasm", c.Wasm)
		qt.Build.Index = indexBytes(dist, c.Index)
		c.logf("%d articles: quotetrail build %v, peak %d MB", n, qt.Build.Wall.Round(time.Second), qt.Build.PeakRSS>>20)
		c.logf("%d articles: Pagefind build", n)
		pf.Build, pf.Err = timeCmd(filepath.Join(dir, "pagefind-build.log"), c.Pagefind, "npx", "--no-install", "pagefind",
			"--site", pages, "--output-path", pfOut)
		pf.Build.Index = pagefindIndexBytes(pfOut)
		if pf.Err == nil {
			pf.Err = precompressJS(pfOut)
		}
		c.logf("%d articles: Pagefind build %v, peak %d MB", n, pf.Build.Wall.Round(time.Second), pf.Build.PeakRSS>>20)
	} else {
		c.logf("%d articles: reusing the sites under %s (no build figures)", n, dir)
		qt.Build.Index = indexBytes(dist, c.Index)
		if exists(filepath.Join(pfOut, "pagefind.js")) {
			pf.Build.Index = pagefindIndexBytes(pfOut)
		} else {
			pf.Err = fmt.Errorf("no Pagefind site under %s to reuse (see pagefind-build.log there)", dir)
		}
	}
	if qt.Err == nil && IsFolder(c.Index) {
		r, err := MeasureReveal(filepath.Join(dist, "index"), res.Lookups)
		if err != nil {
			return res, fmt.Errorf("what the folder's requests reveal: %w", err)
		}
		res.Reveal = &r
	}
	for _, t := range res.Tools {
		if t.Err != nil {
			continue
		}
		srv, rec, url, err := start(t)
		if err != nil {
			return res, err
		}
		for r := 0; r < c.Runs && t.Err == nil; r++ {
			c.logf("%d articles: %s, run %d of %d", n, t.Name, r+1, c.Runs)
			var s Sample
			if s, t.Err = measure(c, t, rec, url, res.Lookups); t.Err == nil {
				s.ColdThrottled, s.ChainAll, s.ChainData, t.Err = measureThrottled(c, t, rec, url, res.Lookups[0])
				t.Samples = append(t.Samples, s)
				c.logf("  cold %.0f ms (%s: %.0f ms), index %d B, engine %d B, chain %d/%d, +%d MB, warm p50 %.1f p95 %.1f ms, found %d/%d; cold fetches: %s",
					s.Cold, c.Throttle.Name, s.ColdThrottled, s.Index, s.Engine, s.ChainData, s.ChainAll, s.MemAdded>>20,
					s.WarmP50, s.WarmP95, s.Found, s.Asked, describe(s.Fetches))
			}
		}
		srv.Close()
	}
	if c.Add > 0 && !built && qt.Err == nil {
		c.logf("%d articles: adding %d with an incremental build", n, c.Add)
		inc, err := increment(c, dir, all, n)
		if err != nil {
			return res, fmt.Errorf("incremental build: %w", err)
		}
		res.Increment = inc
		c.logf("%d articles: incremental build %v, %d of %d files changed (%d bytes)", n, inc.Build.Wall.Round(time.Millisecond),
			inc.ChangedFiles, inc.Files, inc.ChangedBytes)
	}
	return res, nil
}

// increment writes the articles of all after the first n as pages of
// their own folder and builds the site again with them, on its last
// build.
func increment(c Config, dir string, all *index.Index, n int) (*Increment, error) {
	added := filepath.Join(dir, "added")
	if err := os.MkdirAll(added, 0o755); err != nil {
		return nil, err
	}
	for i := n; i < len(all.Articles); i++ {
		if err := os.WriteFile(filepath.Join(added, PageName(i)), Page(all, i), 0o644); err != nil {
			return nil, err
		}
	}
	logPath := filepath.Join(dir, "quotetrail-increment.log")
	b, err := timeCmd(logPath, "", c.Self, "build", "-corpus", filepath.Join(dir, "pages"), "-corpus", added,
		"-out", filepath.Join(dir, "dist"), "-www", c.WWW, "-wasm", c.Wasm)
	if err != nil {
		return nil, err
	}
	out, err := os.ReadFile(logPath)
	if err != nil {
		return nil, err
	}
	inc := &Increment{Added: len(all.Articles) - n, Build: b}
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "changed since the last build: %d of %d files, %d bytes", &inc.ChangedFiles, &inc.Files, &inc.ChangedBytes); err == nil {
			return inc, nil
		}
	}
	return nil, fmt.Errorf("the build did not build on the last one (see %s)", logPath)
}

func htmlAttr(s string) string {
	return strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;").Replace(s)
}

// start serves t's site through a recorder on 127.0.0.1 over HTTP/2 (TLS,
// as a CDN would: over HTTP/1.1 Chromium opens six connections a host and
// queues the rest, which would count as sequential round trips), with the
// bench page beside it. Both sites go through internal/serve's handler: brotli
// or gzip siblings when the browser accepts them (Pagefind writes none;
// its index files are gzip inside), the same headers for both.
func start(t *Tool) (*http.Server, *Recorder, string, error) {
	rec := NewRecorder(serve.Handler(t.Site))
	mux := http.NewServeMux()
	mux.Handle("/", rec)
	mux.HandleFunc("/__scale.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, t.Page)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, "", err
	}
	cert, err := selfSigned()
	if err != nil {
		return nil, nil, "", err
	}
	// ErrorLog discarded: Chromium drops spare connections before their
	// first frame, which the server would log at every run.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}}}
	go srv.ServeTLS(ln, "", "")
	return srv, rec, "https://" + ln.Addr().String() + "/__scale.html", nil
}

// settle lets the last responses of a step reach the recorder.
const settle = 300 * time.Millisecond

// measure is one fresh browser: the bench page, the cold lookup, the
// others warm, and the renderer's memory before the first and after the
// last.
func measure(c Config, t *Tool, rec *Recorder, url string, qs []string) (Sample, error) {
	var s Sample
	ss, err := newSession(c.Chromium, 15*time.Minute)
	if err != nil {
		return s, err
	}
	defer ss.cancel()
	if err := ss.open(url); err != nil {
		return s, err
	}
	time.Sleep(settle)
	rec.Take() // the page and its entry script
	before, err := ss.rendererMemory()
	if err != nil {
		return s, err
	}
	ms, n, err := ss.timed(qs[:1])
	if err != nil {
		return s, fmt.Errorf("cold lookup: %w", err)
	}
	time.Sleep(settle)
	s.Fetches = rec.Take()
	s.Cold = ms[0]
	s.Engine, s.Index, _, _ = split(s.Fetches, t.IsEngine)
	warm, wn, err := ss.timed(qs[1:])
	if err != nil {
		return s, fmt.Errorf("warm lookups: %w", err)
	}
	rec.Take()
	after, err := ss.rendererMemory()
	if err != nil {
		return s, err
	}
	s.MemAdded = after - before
	s.WarmP50, s.WarmP95 = percentile(warm, 0.5), percentile(warm, 0.95)
	for _, k := range append(n, wn...) {
		s.Asked++
		if k > 0 {
			s.Found++
		}
	}
	return s, nil
}

// measureThrottled is the cold lookup alone in a fresh browser, every
// response sent over a fresh c.Throttle link. It also counts the lookup's
// sequential fetches: over a link with a round trip, fetches made side by
// side overlap and fetches that wait for one another do not (on the
// loopback every fetch ends before the next starts, whatever the code
// does).
func measureThrottled(c Config, t *Tool, rec *Recorder, url, q string) (ms float64, chainAll, chainData int, err error) {
	ss, err := newSession(c.Chromium, 30*time.Minute)
	if err != nil {
		return 0, 0, 0, err
	}
	defer ss.cancel()
	link := &Link{Name: c.Throttle.Name, RTT: c.Throttle.RTT, Down: c.Throttle.Down}
	rec.Shape(link)
	defer rec.Shape(nil)
	if err := ss.open(url); err != nil {
		return 0, 0, 0, err
	}
	time.Sleep(settle)
	rec.Take()
	times, _, err := ss.timed([]string{q})
	time.Sleep(settle)
	fetches := rec.Take()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("throttled cold lookup: %w", err)
	}
	_, _, _, data := split(fetches, t.IsEngine)
	return times[0], Chain(fetches), Chain(data), nil
}

// precompressJS writes a brotli sibling of each of Pagefind's JavaScript
// files, as quotetrail's build does for its own and as a static host
// would: its index files and wasm are gzip inside already.
func precompressJS(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		w := brotli.NewWriterLevel(&b, brotli.BestCompression)
		w.Write(raw)
		if err := w.Close(); err != nil {
			return err
		}
		return os.WriteFile(p+".br", b.Bytes(), 0o644)
	})
}

// timeCmd runs a build, its output to logPath, and returns its wall time
// and peak RSS. rusage's maxrss of a waited child covers the children it
// waited for, so npx's figure is the Pagefind binary's when larger.
func timeCmd(logPath, dir, name string, args ...string) (Build, error) {
	var b Build
	logf, err := os.Create(logPath)
	if err != nil {
		return b, err
	}
	defer logf.Close()
	// A build bigger than the machine fails alone instead of waking the
	// kernel's out-of-memory killer (Pagefind took 2.4 GB at 10k pages):
	// its address space is capped at three quarters of the memory.
	if limit := memLimit(); limit > 0 {
		if pl, err := exec.LookPath("prlimit"); err == nil {
			args = append([]string{fmt.Sprintf("--as=%d", limit), "--", name}, args...)
			name = pl
		}
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	err = cmd.Run()
	b.Wall = time.Since(start)
	if cmd.ProcessState == nil {
		return b, fmt.Errorf("%s: %w", name, err)
	}
	b.PeakRSS = peakRSS(cmd.ProcessState)
	if err != nil {
		return b, fmt.Errorf("%s %s: %w (log: %s)", name, strings.Join(args, " "), err, logPath)
	}
	return b, nil
}

// memLimit is three quarters of the machine's memory, or 0 when unknown.
func memLimit() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	var kb int64
	for _, line := range strings.Split(string(data), "\n") {
		if _, err := fmt.Sscanf(line, "MemTotal: %d kB", &kb); err == nil {
			return kb << 10 / 4 * 3
		}
	}
	return 0
}

// pagefindIndexBytes sums Pagefind's index files: entry, metadata, index
// chunks, fragments, filters (not its JavaScript, CSS or wasm).
func pagefindIndexBytes(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !PagefindEngine(p) && !strings.HasSuffix(p, ".css") {
			total += size(p)
		}
		return nil
	})
	return total
}

// IsFolder reports whether a data-index names a folder index (the folder
// or its entry file), as the loader decides.
func IsFolder(dataIndex string) bool {
	return strings.HasSuffix(dataIndex, "/") || strings.HasSuffix(dataIndex, "/"+index.EntryName)
}

// indexBytes is the index quotetrail serves, on disk as served (brotli):
// the folder's parts, or index.qti.
func indexBytes(dist, dataIndex string) int64 {
	if !IsFolder(dataIndex) {
		return size(filepath.Join(dist, "index.qti.br"))
	}
	var n int64
	parts, _ := filepath.Glob(filepath.Join(dist, "index", "*.qtf"))
	for _, p := range parts {
		if br := size(p + ".br"); br > 0 {
			n += br
		} else {
			n += size(p)
		}
	}
	return n
}

func size(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// EnsurePagefind installs pagefind@1 with npm into dir (the harness's own
// cache, not a project dependency) unless it is there, and checks that its
// Linux binary package came with it.
func EnsurePagefind(dir string, log io.Writer) error {
	bin := filepath.Join(dir, "node_modules", ".bin", "pagefind")
	if !exists(bin) {
		npm, err := exec.LookPath("npm")
		if err != nil {
			return errors.New("npm is not installed (apt-get install npm): Pagefind cannot be installed")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if !exists(filepath.Join(dir, "package.json")) {
			if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true}`+"\n"), 0o644); err != nil {
				return err
			}
		}
		cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "pagefind@1")
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, log, log
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm install pagefind@1 in %s: %w", dir, err)
		}
	}
	plat, _ := filepath.Glob(filepath.Join(dir, "node_modules", "@pagefind", "linux-*", "bin", "pagefind*"))
	sort.Strings(plat)
	if len(plat) == 0 {
		return fmt.Errorf("pagefind is installed in %s without its Linux binary package (@pagefind/linux-x64)", dir)
	}
	return nil
}

// PagefindVersion is what the installed pagefind says of itself.
func PagefindVersion(dir string) string {
	out, err := exec.Command(filepath.Join(dir, "node_modules", ".bin", "pagefind"), "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// selfSigned makes a certificate for 127.0.0.1 for this run; Chromium is
// told to accept it.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
