//go:build !js

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quotetrail/internal/build"
	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// folderScript loads the engine as the worker does for a folder index
// (engine.entry) and runs each lookup of queries in rounds: the parts
// need names are read from the folder and given back. It prints, for each
// lookup, its result, its rounds and the parts it read; then the first
// lookup again (its parts all given before). With DAMAGE set, every part
// has a byte flipped.
const folderScript = `
const fs = require('fs'), path = require('path');
require(process.env.WASM_EXEC);
const [wasmPath, dir, queriesPath] = process.argv.slice(2);
const read = n => {
  const b = new Uint8Array(fs.readFileSync(path.join(dir, n)));
  if (process.env.DAMAGE) b[b.length >> 1] ^= 0xff;
  return b;
};
globalThis.quotetrail = {engine: {entry: new Uint8Array(fs.readFileSync(path.join(dir, 'entry.qtf'))), onready() {
  const eng = globalThis.quotetrail.engine;
  if (eng.error) { console.log(JSON.stringify({error: eng.error})); process.exit(0); }
  const queries = JSON.parse(fs.readFileSync(queriesPath, 'utf8'));
  for (const q of queries.concat(queries.slice(0, 1))) {
    const id = eng.begin(q), read_ = [];
    let rounds = 0;
    for (let names; (names = eng.need(id)).length; rounds++) {
      read_.push(...names);
      const err = eng.give(id, names.map(read));
      if (err && !process.env.DAMAGE) { console.log(JSON.stringify({error: err})); process.exit(0); }
    }
    console.log(JSON.stringify({result: eng.answer(id), rounds, read: read_}));
  }
  process.exit(0);
}}};
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(wasmPath), go.importObject).then(r => go.run(r.instance));
`

// TestWasmFolderAnswersLikeTheWholeIndex runs the real wasm engine in
// Node over a folder index, driving its rounds as the worker does, and
// checks that every lookup of the dev lookup set (and the project's) gives
// the JSON the whole-index engine gives, in at most two rounds after the
// entry, that a repeated lookup reads no part again, and that damaged
// parts give the lookup an error, not a crash.
func TestWasmFolderAnswersLikeTheWholeIndex(t *testing.T) {
	node := needNode(t)
	dir := t.TempDir()
	wasm, execJS := buildEngine(t, dir)

	files, _ := build.CorpusFiles("../corpus")
	x, err := build.Index(files)
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, set := range []string{"../../shared/eval/lookups-dev.jsonl", "../internal/match/testdata/lookups-project.jsonl"} {
		cases, err := eval.ReadLookups(set)
		if os.IsNotExist(err) {
			t.Logf("%s is absent", set)
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			queries = append(queries, c.Query)
		}
	}
	queries = append(queries, "", "the", "rock solid", "We will make a decision on the arms package next week")
	qj, _ := json.Marshal(queries)
	os.WriteFile(filepath.Join(dir, "queries.json"), qj, 0o644)
	os.WriteFile(filepath.Join(dir, "folder.js"), []byte(folderScript), 0o644)

	e := match.New(x)
	type line struct {
		Result json.RawMessage
		Rounds int
		Read   []string
		Error  string
	}
	run := func(folder string, damage bool) []line {
		cmd := exec.Command(node, filepath.Join(dir, "folder.js"), wasm, folder, filepath.Join(dir, "queries.json"))
		cmd.Env = append(cmd.Environ(), "WASM_EXEC="+execJS)
		if damage {
			cmd.Env = append(cmd.Env, "DAMAGE=1")
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		var lines []line
		for _, s := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			var l line
			if err := json.Unmarshal([]byte(s), &l); err != nil {
				t.Fatalf("%v: %s", err, s)
			}
			if l.Error != "" {
				t.Fatalf("the engine refused the folder: %s", l.Error)
			}
			lines = append(lines, l)
		}
		if len(lines) != len(queries)+1 {
			t.Fatalf("node printed %d lines for %d lookups:\n%s", len(lines), len(queries)+1, out)
		}
		return lines
	}
	// The sizes the build writes, parts so small that a lookup reads many,
	// and the base of the first three seeds with a delta of the other two
	// (an incremental build's folder), answering as the whole index of all.
	type variant struct {
		parts map[string][]byte
		e     *match.Engine
	}
	variants := map[string]variant{
		"default": {match.BuildFolder(x, match.DefaultFolder), e},
		"small":   {match.BuildFolder(x, match.FolderOptions{ChunkBytes: 256, QuoteShardBytes: 64, ParaShardBytes: 128}), e},
	}
	d := deltaFolder(t, x, 3)
	variants["delta"] = variant{d.parts, d.e}
	for name, v := range variants {
		parts, e := v.parts, v.e
		folder := filepath.Join(dir, name)
		os.MkdirAll(folder, 0o755)
		for n, data := range parts {
			os.WriteFile(filepath.Join(folder, n), data, 0o644)
		}
		lines := run(folder, false)
		read := map[string]bool{}
		for i, q := range queries {
			res := e.Lookup(q)
			ents := e.Entries(res)
			want, _ := json.Marshal(map[string]any{"query": res.Query, "matches": ents, "truncated": res.Truncated, "independent": match.Independent(ents)})
			if !jsonEqual(t, lines[i].Result, want) {
				t.Errorf("%s, %q:\nfolder %s\nwhole  %s", name, q, lines[i].Result, want)
			}
			if lines[i].Rounds > 2 {
				t.Errorf("%s, %q: %d rounds after the entry", name, q, lines[i].Rounds)
			}
			for _, n := range lines[i].Read {
				if read[n] {
					t.Errorf("%s, %q: %s was read again", name, q, n)
				}
				read[n] = true
			}
		}
		if again := lines[len(queries)]; !jsonEqual(t, again.Result, lines[0].Result) || len(again.Read) != 0 {
			t.Errorf("%s: the first lookup again read %v", name, again.Read)
		}
		t.Logf("%s: %d parts in the folder, %d read by %d lookups", name, len(parts)-1, len(read), len(queries))

		for i, l := range run(folder, true)[:len(queries)] {
			var r struct{ Error string }
			json.Unmarshal(l.Result, &r)
			if len(l.Read) > 0 && r.Error == "" {
				t.Errorf("%s, %q: damaged parts gave no error: %s", name, queries[i], l.Result)
			}
		}
	}
}

// deltaFolder builds x's first n articles as a full build does, adds the
// others as an incremental build does, and returns the base's parts with
// the delta's and the whole-index engine of all the articles.
func deltaFolder(t *testing.T, x *index.Index, n int) struct {
	parts map[string][]byte
	e     *match.Engine
	whole []byte // index.qti as the increment leaves it: the base's, a part appended
} {
	base := &index.Index{Articles: x.Articles[:n]}
	var quotes []index.Quote
	for _, q := range x.Quotes {
		if q.Article < n {
			base.Quotes = append(base.Quotes, q)
		} else {
			quotes = append(quotes, q)
		}
	}
	match.Tokenize(base)
	match.Group(base)
	baseBytes := index.Marshal(base)
	parts := match.BuildFolder(base, match.DefaultFolder)
	en, err := index.ReadEntry(parts[index.EntryName])
	if err != nil {
		t.Fatal(err)
	}
	all := &index.Index{Articles: x.Articles, Quotes: append(slices.Clone(base.Quotes), quotes...), TokensOf: base.TokensOf,
		Vocab: slices.Clone(base.Vocab), ParaTokens: base.ParaTokens, QuoteTokens: base.QuoteTokens}
	match.TokenizeAdded(all, n, len(base.Quotes))
	if !match.GroupFrom(all, len(base.Quotes)) {
		t.Fatal("GroupFrom refused the base")
	}
	delta, err := match.BuildDelta(all, en, nil, match.DefaultFolder)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range delta {
		parts[name] = data
	}
	part, err := index.MarshalAppend(base, all)
	if err != nil {
		t.Fatal(err)
	}
	return struct {
		parts map[string][]byte
		e     *match.Engine
		whole []byte
	}{parts, match.New(all), append(baseBytes, part...)}
}
