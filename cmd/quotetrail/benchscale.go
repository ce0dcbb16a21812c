package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"quotetrail/internal/scale"
)

// cmdBenchScale compares quotetrail with Pagefind on the same generated
// news pages in Chromium (internal/scale) and prints the tables.
func cmdBenchScale(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench-scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "1000,10000", "corpus sizes, in articles")
	runs := fs.Int("runs", 3, "browser measurements per size and tool (medians printed); builds run once a size")
	lookups := fs.Int("lookups", 50, "lookups per measurement, the first one cold")
	shared := fs.String("shared", "../shared", "the shared data folder")
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		cache = filepath.Join(os.TempDir(), "quotetrail-bench")
	} else {
		cache = filepath.Join(cache, "quotetrail-bench")
	}
	work := fs.String("work", filepath.Join(cache, "scale"), "folder for the pages and both sites")
	pagefind := fs.String("pagefind", filepath.Join(cache, "pagefind"), "folder where pagefind@1 is installed with npm (not a project dependency)")
	reuse := fs.Bool("reuse", false, "measure the sites already built under -work (no build figures)")
	add := fs.Int("add", 100, "articles added to each size's site by a timed incremental build, after the lookups (0: none)")
	www := fs.String("www", "www", "folder of the web files")
	wasm := fs.String("wasm", "build/engine.wasm", "prebuilt engine, wasm_exec.js beside it")
	idx := fs.String("index", "/index/", "the loader's data-index, from its site's root: /index/ (the folder index) or /index.qti (whole-index mode)")
	if ok, status := parseArgs(fs, args); !ok {
		return status
	}
	c := scale.Config{Shared: *shared, Runs: *runs, Lookups: *lookups, Seed: 1, Reuse: *reuse, Index: *idx, Add: *add,
		Throttle: scale.Slow4G(), Log: stderr}
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "quotetrail bench-scale: bad size %q\n", f)
			return 2
		}
		c.Sizes = append(c.Sizes, n)
	}
	if *runs < 1 || *lookups < 2 {
		fmt.Fprintln(stderr, "quotetrail bench-scale: -runs must be at least 1 and -lookups at least 2")
		return 2
	}
	var err error
	for _, p := range []struct {
		dst *string
		src string
	}{{&c.Work, *work}, {&c.Pagefind, *pagefind}, {&c.WWW, *www}, {&c.Wasm, *wasm}} {
		if *p.dst, err = filepath.Abs(p.src); err != nil {
			fmt.Fprintf(stderr, "quotetrail bench-scale: %v\n", err)
			return 2
		}
	}
	if c.Self, err = os.Executable(); err != nil {
		fmt.Fprintf(stderr, "quotetrail bench-scale: %v\n", err)
		return 2
	}
	for _, name := range []string{os.Getenv("QUOTETRAIL_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); name != "" && err == nil {
			c.Chromium = p
			break
		}
	}
	if c.Chromium == "" {
		fmt.Fprintln(stderr, "quotetrail bench-scale: Chromium is not installed (apt-get install chromium): nothing measured")
		return 2
	}
	if _, err := os.Stat(c.Wasm); err != nil && !*reuse {
		fmt.Fprintf(stderr, "quotetrail bench-scale: no engine at %s (run make build)\n", c.Wasm)
		return 2
	}
	if err := scale.EnsurePagefind(c.Pagefind, stderr); err != nil {
		fmt.Fprintf(stderr, "quotetrail bench-scale: %v: nothing measured\n", err)
		return 2
	}
	results, err := scale.Run(c)
	fmt.Fprintf(stdout, "quotetrail bench-scale %s\n\nquotetrail (data-index %s) beside Pagefind %s, Chromium %s; pages recombined from real PolNeAR and BASIL paragraphs; each measurement in a fresh browser; sites served over HTTP/2 on 127.0.0.1; bytes are response bodies as the server sent them (compressed); the throttled profile is shaped in the server (CDP's network emulation did not reach the workers both tools fetch from); memory is the renderer processes' RssAnon\n",
		strings.Join(args, " "), c.Index, scale.PagefindVersion(c.Pagefind), c.Chromium)
	scale.Print(stdout, c, results)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail bench-scale: %v\n", err)
		return 1
	}
	for _, r := range results {
		for _, t := range r.Tools {
			if t.Err != nil {
				fmt.Fprintf(stderr, "quotetrail bench-scale: %d articles: %s failed: %v\n", r.Articles, t.Name, t.Err)
				err = t.Err
			}
		}
	}
	if err != nil {
		return 1
	}
	return 0
}
