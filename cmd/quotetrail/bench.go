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
	"time"

	"quotetrail/internal/bench"
)

func cmdBench(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "5,1000,10000,100000", "corpus sizes, in articles")
	queries := fs.Int("queries", 200, "lookups per size (each run three times)")
	shared := fs.String("shared", "../shared", "the shared data folder")
	wasm := fs.String("wasm", "build/engine.wasm", "engine to time under Node (wasm_exec.js beside it); \"\" to skip")
	if ok, status := parseArgs(fs, args); !ok {
		return status
	}
	srcs, err := bench.Sources(*shared)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail bench: no real text under %s/data: %v\n", *shared, err)
		return 2
	}
	var w bench.Wasm
	if *wasm != "" {
		node, nerr := exec.LookPath("node")
		execJS := filepath.Join(filepath.Dir(*wasm), "wasm_exec.js")
		if _, err := os.Stat(*wasm); err != nil || nerr != nil {
			fmt.Fprintf(stderr, "quotetrail bench: wasm columns skipped (engine %s or node missing; run make build)\n", *wasm)
		} else if _, err := os.Stat(execJS); err != nil {
			fmt.Fprintf(stderr, "quotetrail bench: wasm columns skipped: no %s\n", execJS)
		} else {
			engine, _ := filepath.Abs(*wasm)
			execJS, _ = filepath.Abs(execJS) // Node resolves require() from the runner's folder
			w = bench.Wasm{Engine: engine, ExecJS: execJS, Node: node}
		}
	}
	fmt.Fprintf(stdout, "corpora recombined from %d real paragraphs of %s/data (PolNeAR, BASIL); %d lookups a size, three rounds\n\n", len(srcs), *shared, *queries)
	fmt.Fprintln(stdout, "| articles | quotations | index bytes/article | grouping | native p50 | native p99 | substring scan p50 | p99 | p50 ratio | wasm load | wasm p50 | wasm p99 |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "quotetrail bench: bad size %q\n", f)
			return 2
		}
		r, err := bench.Measure(srcs, n, *queries, w)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail bench: %d articles: %v\n", n, err)
			return 1
		}
		wl, wp50, wp99 := "—", "—", "—"
		if r.WasmErr != "" {
			wl = "failed: " + r.WasmErr
		} else if w.Engine != "" {
			wl, wp50, wp99 = ms(r.WasmLoad), ms(r.WasmP50), ms(r.WasmP99)
		}
		fmt.Fprintf(stdout, "| %d | %d | %d | %s | %s | %s | %s | %s | %.1f× | %s | %s | %s |\n",
			r.Articles, r.Quotes, r.IndexBytes/max(1, r.Articles), ms(r.Group), ms(r.P50), ms(r.P99),
			ms(r.BaseP50), ms(r.BaseP99), float64(r.BaseP50)/float64(max(1, r.P50)), wl, wp50, wp99)
	}
	return 0
}

func ms(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
}
