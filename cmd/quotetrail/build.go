package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"quotetrail/internal/build"
	"quotetrail/internal/bundle"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

func cmdBuild(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var corpus pathList
	fs.Var(&corpus, "corpus", "a folder (read with its subfolders) or a file: pages (.html, .htm, .txt), WARC (.warc), JSON Lines (.jsonl: url and html, or url, title, outlet, published and text), each optionally .gz; give it again for more (default: corpus)")
	out := fs.String("out", "dist", "folder to write the site to (a new one, or one holding a site quotetrail built, whose files are replaced)")
	www := fs.String("www", "www", "folder of the web files")
	workers := fs.Int("workers", 0, "files read at once (0: one per CPU)")
	wasm := fs.String("wasm", "", "prebuilt engine (GOOS=js GOARCH=wasm ./wasm), with wasm_exec.js beside it or in GOROOT; built with the go tool when empty")
	name := fs.String("name", "", "the demo page's heading and title (default: quotetrail)")
	full := fs.Bool("full", false, "read every article again, not only those added or changed since the last build in -out")
	about := fs.String("about", "", "the demo page's description of the corpus, as text (default: its articles, outlets and dates, counted)")
	if ok, status := parseArgs(fs, args); !ok {
		return status
	}
	start := time.Now()
	if len(corpus) == 0 {
		corpus = pathList{"corpus"}
	}
	// The last build is read while the inputs are listed: at 100,000
	// articles, its 576 MB index and the walk of 100,000 files each take
	// a while.
	var prev *build.Previous
	var prevErr error
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		if !*full {
			prev, prevErr = build.LoadPrevious(*out)
		}
	}()
	defer func() { <-loaded }() // never left reading the site after a return
	in, err := listInputs(corpus)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail build: %v\n", err)
		return 2
	}
	if len(in.files) == 0 {
		fmt.Fprintf(stderr, "quotetrail build: %s\n", in.nothingToRead())
		return 2
	}
	<-loaded
	if prevErr != nil {
		fmt.Fprintf(stderr, "quotetrail build: reading every article: the last build in %s cannot be built on: %v\n", *out, prevErr)
	}
	x, sum := build.BuildWith(in.files, build.Options{Workers: *workers, Progress: progress(stderr, in.files), Previous: prev})
	incremental := prev != nil
	prev = nil // no longer needed (its index lives on in sum.Delta when the build appends)
	bad := sum.Bad
	for _, b := range bad {
		fmt.Fprintf(stderr, "quotetrail build: left out %s: %v\n", b.File, b.Err)
	}
	for _, d := range sum.Duplicates {
		fmt.Fprintf(stderr, "quotetrail build: left out %s: the same article as %s (%s)\n", d.File, d.Of, d.Why)
	}
	if len(x.Articles) == 0 {
		fmt.Fprintf(stderr, "quotetrail build: no article could be read from %s; nothing written\n", corpus.String())
		return 2
	}
	engine, execJS, err := engineFiles(*wasm)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail build: engine: %v\n", err)
		return 2
	}
	// The whole index, the folder index and the demo's data are made from
	// x alone: at once, on every core (a third of an incremental build's
	// time at 100,000 articles when made one after another).
	var folder map[string][]byte
	var demo map[string][]byte
	var folderErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if d := sum.Delta; d != nil {
			// Only articles added: the last full build's parts stay, and a
			// delta beside them holds what the added articles changed.
			folder, folderErr = match.BuildDeltaOn(d.Engine, d.Base, d.Touched, d.Requoted, match.DefaultFolder)
		} else {
			folder = match.BuildFolder(x, match.DefaultFolder)
		}
	}()
	var demoRuns build.DemoRuns
	var demoKept []string
	go func() {
		defer wg.Done()
		// An increment that only adds articles makes only the demo's
		// files that hold them.
		var prev *build.DemoRuns
		base := 0
		if d := sum.Delta; d != nil && d.Demo != nil {
			prev, base = d.Demo, len(d.Previous.Articles)
		}
		demo, demoRuns, demoKept = build.DemoUpdate(x, build.Site{Name: *name, About: *about}, prev, base)
	}()
	// The whole index: written whole by a full build; an increment that
	// only adds articles appends its part to the last one's.
	var indexBytes, part []byte
	if d := sum.Delta; d != nil {
		part, err = build.EncodeAppend(d.Previous, x)
	} else {
		indexBytes, err = build.Encode(x)
	}
	wg.Wait()
	if err == nil {
		err = folderErr
	}
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail build: %v; nothing written\n", err)
		return 2
	}
	generated := map[string][]byte{
		"engine.wasm":  engine,
		"wasm_exec.js": execJS,
		// The browser extension carries its own engine and index.
		"extension/engine.wasm":  engine,
		"extension/wasm_exec.js": execJS,
	}
	appends := map[string]bundle.Append{}
	const extIndex = "extension/index.qti"
	var keep []string
	if d := sum.Delta; d != nil {
		// With nothing new (no part), both are kept as they are.
		add := bundle.Append{Size: d.PreviousSize, Data: part}
		appends[bundle.Marker] = add
		if st, err := os.Stat(filepath.Join(*out, filepath.FromSlash(extIndex))); err == nil && st.Size() == d.PreviousSize {
			// A copy of index.qti: after the append, a link to it.
			like := add
			like.Like = bundle.Marker
			appends[extIndex] = like
		} else if whole, err := os.ReadFile(filepath.Join(*out, bundle.Marker)); err == nil {
			// The extension's copy is not the last index.qti: written whole.
			generated[extIndex] = append(whole[:len(whole):len(whole)], part...)
		} else {
			fmt.Fprintf(stderr, "quotetrail build: %v\n", err)
			return 2
		}
	} else {
		generated[bundle.Marker], generated[extIndex] = indexBytes, indexBytes
	}
	if widget, err := os.ReadFile(filepath.Join(*www, "quotetrail.js")); err == nil {
		generated["extension/quotetrail.js"] = widget // the content script is the widget
	}
	// The demo page's list and texts, in small files (demo/).
	for name, data := range demo {
		generated[name] = data
	}
	// The folder index beside index.qti (which whole-index mode, the demo
	// and the extension read): the same corpus in parts a lookup reads
	// only as it needs them. Written with the rest, on every core.
	for name, data := range folder {
		generated["index/"+name] = data
	}
	// A folder holding a site is updated in place, also on a full build:
	// emptying it first would take a live site down for the whole build.
	state := sum.State
	state.Demo = demoRuns
	keep = append(keep, demoKept...)
	if d := sum.Delta; d != nil {
		for _, name := range d.BaseParts {
			if _, made := folder[name]; !made {
				keep = append(keep, "index/"+name)
			}
		}
	} else {
		// A full build's folder is the base the next increments add to.
		state.Base, state.BaseParts = folder[index.EntryName], nil
		for name := range folder {
			if name != index.EntryName {
				state.BaseParts = append(state.BaseParts, name)
			}
		}
		slices.Sort(state.BaseParts)
	}
	var written []bundle.File
	updated := false
	if bundle.IsSite(*out) {
		// A delta's parts are written again by every increment until a
		// full build folds them into the base: compressed quickly.
		quick := map[string]bool{}
		if sum.Delta != nil {
			for name := range folder {
				// Not the entry: every reader fetches it first.
				quick["index/"+name] = name != index.EntryName
			}
		}
		written, err = bundle.UpdateAppending(*www, *out, generated, keep, appends, quick)
		updated = true
	} else {
		written, err = bundle.Site(*www, *out, generated)
	}
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail build: %v\n", err)
		return 2
	}
	if err := build.WriteState(*out, state); err != nil {
		// The site is whole; the next build may have to read everything.
		fmt.Fprintf(stderr, "quotetrail build: the state for the next build was not written: %v\n", err)
	}
	// The folder index's parts and the demo's list pages and texts are
	// thousands of files at scale: one line each kind.
	var report []bundle.File
	var folderSize, demoSize bundle.File
	folderFiles, demoFiles := 0, 0
	for _, f := range written {
		switch {
		case strings.HasPrefix(f.Name, "index/"):
			folderFiles++
			folderSize.Raw += f.Raw
			folderSize.Gzip += f.Gzip
			folderSize.Brotli += f.Brotli
		case strings.HasPrefix(f.Name, "demo/") && strings.HasSuffix(f.Name, ".qtf"):
			demoFiles++
			demoSize.Raw += f.Raw
			demoSize.Gzip += f.Gzip
			demoSize.Brotli += f.Brotli
		default:
			report = append(report, f)
		}
	}
	utterances := map[int]bool{}
	for _, q := range x.Quotes {
		utterances[q.Utterance] = true
	}
	fmt.Fprintf(stdout, "quotetrail build: %s, %s (%s) from %s", plural(len(x.Articles), "article"),
		plural(len(x.Quotes), "quotation"), plural(len(utterances), "utterance"), corpus.String())
	if len(bad) > 0 {
		what := "files"
		if slices.ContainsFunc(in.files, func(f string) bool { k, _ := build.KindOf(f); return k != build.Page }) {
			what = "files or records"
		}
		fmt.Fprintf(stdout, "; %d %s left out (see above)", len(bad), what)
	}
	if len(sum.Duplicates) > 0 {
		fmt.Fprintf(stdout, "; %d duplicates left out (see above)", len(sum.Duplicates))
	}
	fmt.Fprintln(stdout)
	if incremental {
		fmt.Fprintf(stdout, "built on the last build in %s: %s taken unchanged, %s read, %s removed", *out,
			plural(sum.Reused, "article"), plural(len(x.Articles)-sum.Reused, "article"), plural(sum.Removed, "article"))
		if n := sum.KnownLeftOut; n > 0 {
			// Duplicates and bad items unchanged since: not read again.
			fmt.Fprintf(stdout, "; %s left out again without reading %s (unchanged duplicates or bad items)", plural(n, "item"), map[bool]string{true: "it", false: "them"}[n == 1])
		}
		fmt.Fprintln(stdout)
		if n := len(sum.RemovedStems); n > 0 {
			// What the input no longer holds, by name: a publisher checks
			// that nothing went missing by mistake.
			const shown = 10
			fmt.Fprintf(stdout, "removed: %s", strings.Join(sum.RemovedStems[:min(n, shown)], ", "))
			if n > shown {
				fmt.Fprintf(stdout, " and %d more", n-shown)
			}
			fmt.Fprintln(stdout)
		}
		kept := 0 // of the folder index's parts
		for _, name := range keep {
			if strings.HasPrefix(name, "index/") {
				kept++
			}
		}
		if d := sum.Delta; d != nil && d.Added == 0 {
			fmt.Fprintf(stdout, "folder index: the last full build's %s kept; no article added since\n", plural(kept, "part"))
		} else if d != nil {
			fmt.Fprintf(stdout, "folder index: the last full build's %s kept, with a delta of the %s added since (a full build merges them once they pass 1/%d of its %s, or when any is removed or changed)\n",
				plural(kept, "part"), plural(d.Added, "article"), build.DeltaShare, plural(d.Base.Articles, "article"))
		}
	}
	writeInputTable(stdout, in, sum)
	fmt.Fprintf(stdout, "%-28s %10s %10s %10s\n", "file in "+*out, "raw", "gzip", "brotli")
	var raw, gz, br int
	for _, f := range report {
		fmt.Fprintf(stdout, "%-28s %10d %10s %10s\n", f.Name, f.Raw, sizeOrDash(f.Gzip), sizeOrDash(f.Brotli))
		raw += f.Raw
		gz += f.Gzip
		br += f.Brotli
	}
	fmt.Fprintf(stdout, "%-28s %10d %10d %10d   (%d parts)\n", "index/ (folder index)", folderSize.Raw, folderSize.Gzip, folderSize.Brotli, folderFiles)
	fmt.Fprintf(stdout, "%-28s %10d %10d %10d   (%d files)\n", "demo/ (list pages, texts)", demoSize.Raw, demoSize.Gzip, demoSize.Brotli, demoFiles)
	raw, gz, br = raw+folderSize.Raw+demoSize.Raw, gz+folderSize.Gzip+demoSize.Gzip, br+folderSize.Brotli+demoSize.Brotli
	fmt.Fprintf(stdout, "%-28s %10d %10d %10d   (in %s)\n", "total", raw, gz, br, time.Since(start).Round(time.Millisecond))
	if updated {
		// What a publisher uploads after this build: the files changed,
		// with their compressed copies.
		n, bytes := 0, 0
		for _, f := range written {
			if f.Changed {
				n++
				bytes += f.Raw + f.Gzip + f.Brotli
			}
		}
		fmt.Fprintf(stdout, "changed since the last build: %d of %d files, %d bytes with their compressed copies\n", n, len(written), bytes)
	}
	if len(bad) > 0 {
		return 1
	}
	return 0
}

func sizeOrDash(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

// engineFiles returns the engine wasm and its wasm_exec.js. With no prebuilt
// engine it builds one with the go tool, from the module in the current
// folder.
func engineFiles(wasm string) (engine, execJS []byte, err error) {
	if wasm == "" {
		tmp, err := os.MkdirTemp("", "quotetrail-wasm")
		if err != nil {
			return nil, nil, err
		}
		defer os.RemoveAll(tmp)
		wasm = filepath.Join(tmp, "engine.wasm")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./wasm")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, nil, fmt.Errorf("go build ./wasm: %v\n%s", err, out)
		}
	}
	engine, err = os.ReadFile(wasm)
	if err != nil {
		return nil, nil, err
	}
	execJS, err = os.ReadFile(filepath.Join(filepath.Dir(wasm), "wasm_exec.js"))
	if err != nil {
		root, gerr := exec.Command("go", "env", "GOROOT").Output()
		if gerr != nil {
			return nil, nil, fmt.Errorf("no wasm_exec.js beside %s and no go tool to find GOROOT's", wasm)
		}
		execJS, err = os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
		if err != nil {
			return nil, nil, err
		}
	}
	return engine, execJS, nil
}

// progressFrom is the corpus size from which build reports its progress.
const progressFrom = 100

// progress returns the build's progress reporter for the files: on a
// terminal one line rewritten in place a few times a second; otherwise
// (a log, a pipe) a plain line at each tenth. It counts files, or for a
// corpus with WARC or JSON Lines files (whose articles are not known
// before they are read) articles and bytes. Small corpora of pages get
// none.
func progress(w io.Writer, files []string) func(build.Progress) {
	containers := false
	for _, f := range files {
		if k, _ := build.KindOf(f); k != build.Page {
			containers = true
		}
	}
	if len(files) < progressFrom && !containers {
		return nil
	}
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	line := func(p build.Progress) (string, int, bool) {
		if !containers {
			return fmt.Sprintf("read %d of %d files (%d%%)", p.Files, p.FilesTotal, p.Files*100/max(p.FilesTotal, 1)), p.Files * 10 / max(p.FilesTotal, 1), p.Files == p.FilesTotal
		}
		// The last tenth is the end of the last file, not its last
		// bytes: records are still being read when those are.
		done := p.Files == p.FilesTotal
		pct, tenth := int(p.Bytes*100/max(p.BytesTotal, 1)), int(p.Bytes*10/max(p.BytesTotal, 1))
		if !done {
			pct, tenth = min(pct, 99), min(tenth, 9)
		}
		return fmt.Sprintf("read %d articles; %d of %d files, %s of %s (%d%%)", p.Read, p.Files, p.FilesTotal, mb(p.Bytes), mb(p.BytesTotal), pct), tenth, done
	}
	var last time.Time
	step, finished := 0, false
	return func(p build.Progress) {
		text, tenth, done := line(p)
		if finished {
			return
		}
		finished = done
		if tty {
			if done || time.Since(last) > 250*time.Millisecond {
				last = time.Now()
				fmt.Fprintf(w, "\r\x1b[Kquotetrail build: %s", text)
				if done {
					fmt.Fprintln(w, "; grouping quotations across articles…")
				}
			}
			return
		}
		if tenth > step {
			step = tenth
			fmt.Fprintf(w, "quotetrail build: %s\n", text)
			if done {
				fmt.Fprintln(w, "quotetrail build: grouping quotations across articles…")
			}
		}
	}
}

// mb writes a byte count in megabytes, or kilobytes below one.
func mb(n int64) string {
	if n < 1e6 {
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
