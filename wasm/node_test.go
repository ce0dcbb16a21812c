//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"quotetrail/internal/build"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// nodeScript loads the engine the way the widget does (wasm_exec.js, the
// quotetrail.engine object) and prints the lookups of argv as JSON lines.
const nodeScript = `
const fs = require('fs');
require(process.env.WASM_EXEC);
const [wasmPath, indexPath, queriesPath] = process.argv.slice(2);
globalThis.quotetrail = {engine: {index: new Uint8Array(fs.readFileSync(indexPath)), onready() {
  const eng = globalThis.quotetrail.engine;
  if (eng.error) { console.log(JSON.stringify({error: eng.error})); process.exit(0); }
  for (const q of JSON.parse(fs.readFileSync(queriesPath, 'utf8'))) console.log(JSON.stringify(eng.lookup(q)));
  process.exit(0);
}}};
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(wasmPath), go.importObject).then(r => go.run(r.instance));
`

// TestWasmAnswersLikeTheCLI runs the real wasm engine in Node and checks
// that it gives the same answers as the native engine, and refuses a
// damaged index with an error rather than a crash.
func TestWasmAnswersLikeTheCLI(t *testing.T) {
	node := needNode(t)
	dir := t.TempDir()
	wasm, execJS := buildEngine(t, dir)

	files, _ := build.CorpusFiles("../corpus")
	x, _ := build.Index(files)
	data := index.Marshal(x)
	os.WriteFile(filepath.Join(dir, "index.qti"), data, 0o644)
	queries := []string{
		"The U.S. must handle the issue of arms sales to Taiwan with prudence",
		"“Just as the U.S. has its concerns, China for its part also has concerns,” he said.",
		"rock solid",
		"The United States must treat the issue of arms sales to Taiwan with caution", // variants with differing words
		"We will make a decision on the arms package next week",
		"Taiwan is a democratic, self-ruled island",
	}
	qj, _ := json.Marshal(queries)
	os.WriteFile(filepath.Join(dir, "queries.json"), qj, 0o644)
	os.WriteFile(filepath.Join(dir, "run.js"), []byte(nodeScript), 0o644)

	runNode := func(indexFile string) []string {
		cmd := exec.Command(node, filepath.Join(dir, "run.js"), wasm, indexFile, filepath.Join(dir, "queries.json"))
		cmd.Env = append(cmd.Environ(), "WASM_EXEC="+execJS)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n")
	}
	lines := runNode(filepath.Join(dir, "index.qti"))
	if len(lines) != len(queries) {
		t.Fatalf("node printed %d lines for %d queries:\n%s", len(lines), len(queries), strings.Join(lines, "\n"))
	}
	e := match.New(x)
	for i, q := range queries {
		res := e.Lookup(q)
		ents := e.Entries(res)
		want, _ := json.Marshal(map[string]any{"query": res.Query, "matches": ents, "truncated": res.Truncated, "independent": match.Independent(ents)})
		if !jsonEqual(t, []byte(lines[i]), want) {
			t.Errorf("%q:\nwasm   %s\nnative %s", q, lines[i], want)
		}
	}

	// index.qti after an increment: three seeds, the other two appended
	// as a part; the engine reads it as the whole.
	inc := deltaFolder(t, x, 3)
	os.WriteFile(filepath.Join(dir, "appended.qti"), inc.whole, 0o644)
	for i, line := range runNode(filepath.Join(dir, "appended.qti")) {
		res := inc.e.Lookup(queries[i])
		ents := inc.e.Entries(res)
		want, _ := json.Marshal(map[string]any{"query": res.Query, "matches": ents, "truncated": res.Truncated, "independent": match.Independent(ents)})
		if !jsonEqual(t, []byte(line), want) {
			t.Errorf("%q on an index with a part appended:\nwasm   %s\nnative %s", queries[i], line, want)
		}
	}

	damaged := bytes.Clone(data)
	damaged[len(damaged)/2] ^= 0xff
	os.WriteFile(filepath.Join(dir, "damaged.qti"), damaged, 0o644)
	if got := runNode(filepath.Join(dir, "damaged.qti")); len(got) != 1 || !strings.Contains(got[0], "damaged") {
		t.Errorf("damaged index: %q", got)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	json.Unmarshal(b, &y)
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// refsScript counts the JavaScript values the Go side holds (wasm_exec.js
// keeps them in go._values, with go._idPool listing freed slots) before
// and during a run of lookups: lookups must not keep references or
// callbacks alive.
const refsScript = `
const fs = require('fs');
require(process.env.WASM_EXEC);
const [wasmPath, indexPath] = process.argv.slice(2);
const go = new Go();
const held = () => go._values.length - go._idPool.length;
globalThis.quotetrail = {engine: {index: new Uint8Array(fs.readFileSync(indexPath)), onready() {
  const eng = globalThis.quotetrail.engine;
  for (let i = 0; i < 50; i++) eng.lookup('The U.S. must handle the issue of arms sales to Taiwan with prudence');
  // Go releases the values it handed over when its collector runs, which
  // depends on its allocations: look for the count to come back down
  // within 20,000 lookups. A leak (a callback per lookup) only grows.
  const before = held();
  let after = Infinity, i = 0;
  for (; i < 20000 && after > before + 500; i++) {
    eng.lookup(i % 2 ? 'rock solid' : 'The United States must treat the issue of arms sales to Taiwan with caution');
    if (i % 500 === 499) after = Math.min(after, held());
  }
  console.log(JSON.stringify({before, after: Math.min(after, held()), lookups: i}));
  process.exit(0);
}}};
WebAssembly.instantiate(fs.readFileSync(wasmPath), go.importObject).then(r => go.run(r.instance));
`

func TestWasmHoldsNoReferencesPerLookup(t *testing.T) {
	node := needNode(t)
	dir := t.TempDir()
	wasm, execJS := buildEngine(t, dir)
	files, _ := build.CorpusFiles("../corpus")
	x, _ := build.Index(files)
	os.WriteFile(filepath.Join(dir, "index.qti"), index.Marshal(x), 0o644)
	os.WriteFile(filepath.Join(dir, "refs.js"), []byte(refsScript), 0o644)
	run := exec.Command(node, filepath.Join(dir, "refs.js"), wasm, filepath.Join(dir, "index.qti"))
	run.Env = append(run.Environ(), "WASM_EXEC="+execJS)
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var held struct{ Before, After, Lookups int }
	if err := json.Unmarshal(out, &held); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Logf("JS values held by Go: %d before, %d after %d lookups", held.Before, held.After, held.Lookups)
	if held.After > held.Before+500 {
		t.Errorf("lookups leave JS values (or callbacks) held: %d → %d", held.Before, held.After)
	}
}

// needNode returns Node's path, or skips the test without it (fails
// instead under QUOTETRAIL_REQUIRE_NODE=1).
func needNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("QUOTETRAIL_REQUIRE_NODE") == "1" {
			t.Fatal("node is required (QUOTETRAIL_REQUIRE_NODE=1) but not installed")
		}
		t.Skip("node is not installed: cannot run the wasm engine")
	}
	return node
}

// buildEngine builds the wasm engine into dir and returns it with the
// wasm_exec.js of the Go that built it.
func buildEngine(t *testing.T, dir string) (wasm, execJS string) {
	t.Helper()
	wasm = filepath.Join(dir, "engine.wasm")
	cmd := exec.Command("go", "build", "-o", wasm, ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build wasm: %v\n%s", err, out)
	}
	root, _ := exec.Command("go", "env", "GOROOT").Output()
	return wasm, filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js")
}
