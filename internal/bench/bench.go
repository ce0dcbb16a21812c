package bench

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/textnorm"
)

// Row is one corpus size's measurements. Durations are per lookup.
type Row struct {
	Articles, Quotes, Utterances int
	IndexBytes                   int
	Group, Load                  time.Duration // build-time grouping; native engine load
	P50, P99                     time.Duration // native engine
	BaseP50, BaseP99             time.Duration // substring scan, same run
	Matches                      float64       // mean matches a lookup
	WasmLoad, WasmP50, WasmP99   time.Duration
	WasmErr                      string
}

// Wasm names what running the engine under Node needs; empty fields skip
// the wasm columns.
type Wasm struct {
	Engine, ExecJS, Node string
}

// Measure generates a corpus of n articles and times lookups on it.
func Measure(srcs []Source, n, queries int, w Wasm) (Row, error) {
	x := Generate(srcs, n, 1)
	r := Row{Articles: len(x.Articles), Quotes: len(x.Quotes)}
	start := time.Now()
	match.Tokenize(x)
	match.Group(x)
	r.Group = time.Since(start)
	utt := map[int]bool{}
	for _, q := range x.Quotes {
		utt[q.Utterance] = true
	}
	r.Utterances = len(utt)
	data := index.Marshal(x)
	r.IndexBytes = len(data)

	start = time.Now()
	e := match.New(x)
	r.Load = time.Since(start)
	qs := Queries(x, queries, 2)

	var native, base []time.Duration
	norm := make([]string, len(x.Quotes))
	for i, q := range x.Quotes {
		norm[i] = " " + textnorm.Normalize(q.Text) + " "
	}
	total := 0
	for round := 0; round < 3; round++ {
		for _, q := range qs {
			t := time.Now()
			res := e.Lookup(q)
			native = append(native, time.Since(t))
			if round == 0 {
				total += len(res.Matches)
			}
			t = time.Now()
			sel := " " + textnorm.Normalize(q) + " "
			hits := 0
			for _, s := range norm {
				if strings.Contains(s, sel) {
					hits++
				}
			}
			base = append(base, time.Since(t))
		}
	}
	r.Matches = float64(total) / float64(max(1, len(qs)))
	r.P50, r.P99 = percentiles(native)
	r.BaseP50, r.BaseP99 = percentiles(base)
	if w.Engine != "" && w.Node != "" {
		r.WasmLoad, r.WasmP50, r.WasmP99, r.WasmErr = runWasm(w, data, qs)
	}
	return r, nil
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2], d[min(len(d)-1, len(d)*99/100)]
}

// nodeRunner loads the engine as the widget does and times each lookup.
const nodeRunner = `
const fs = require('fs');
require(process.env.WASM_EXEC);
const [wasmPath, indexPath, queriesPath] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesPath, 'utf8'));
const t0 = process.hrtime.bigint();
globalThis.quotetrail = {engine: {index: new Uint8Array(fs.readFileSync(indexPath)), onready() {
  const eng = globalThis.quotetrail.engine;
  const load = Number(process.hrtime.bigint() - t0) / 1e6;
  if (eng.error) { console.log(JSON.stringify({error: eng.error})); process.exit(0); }
  const lat = [];
  for (let round = 0; round < 3; round++) for (const q of queries) {
    const t = process.hrtime.bigint(); eng.lookup(q); lat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(JSON.stringify({load, lat}));
  process.exit(0);
}}};
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(wasmPath), go.importObject).then(r => go.run(r.instance));
`

func runWasm(w Wasm, data []byte, qs []string) (load, p50, p99 time.Duration, errText string) {
	dir, err := os.MkdirTemp("", "quotetrail-bench")
	if err != nil {
		return 0, 0, 0, err.Error()
	}
	defer os.RemoveAll(dir)
	idx, qf, js := filepath.Join(dir, "index.qti"), filepath.Join(dir, "q.json"), filepath.Join(dir, "run.js")
	if err := errors.Join(os.WriteFile(idx, data, 0o644), WriteLines(qf, qs), os.WriteFile(js, []byte(nodeRunner), 0o644)); err != nil {
		return 0, 0, 0, err.Error()
	}
	cmd := exec.Command(w.Node, "--max-old-space-size=8192", js, w.Engine, idx, qf)
	cmd.Env = append(os.Environ(), "WASM_EXEC="+w.ExecJS)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		return 0, 0, 0, "node: " + err.Error() + ": " + msg[:min(len(msg), 160)]
	}
	var res struct {
		Load  float64   `json:"load"`
		Lat   []float64 `json:"lat"`
		Error string    `json:"error"`
	}
	if err := json.Unmarshal(out, &res); err != nil || res.Error != "" {
		return 0, 0, 0, "wasm: " + res.Error + strings.TrimSpace(string(out[:min(len(out), 200)]))
	}
	lat := make([]time.Duration, len(res.Lat))
	for i, ms := range res.Lat {
		lat[i] = time.Duration(ms * float64(time.Millisecond))
	}
	p50, p99 = percentiles(lat)
	return time.Duration(res.Load * float64(time.Millisecond)), p50, p99, ""
}
