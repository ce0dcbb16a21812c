//go:build !js

package main

import (
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"quotetrail/internal/index"
)

// boundsScript hands the engine one index the way the widget does and
// prints {error, lookup, input, wasmMemory}. The index is a file, or
// "zeros:N" (a Uint8Array of N zero bytes made here, so a size over the
// cap needs no file), or "string" (not a Uint8Array at all).
const boundsScript = `
const fs = require('fs');
require(process.env.WASM_EXEC);
const [wasmPath, spec] = process.argv.slice(2);
let idx;
if (spec.startsWith('zeros:')) { idx = new Uint8Array(Number(spec.slice(6))); idx.set([81, 84, 73, 88, 2]); }
else if (spec === 'string') idx = 'QTIX';
else idx = new Uint8Array(fs.readFileSync(spec));
const input = idx.length;
const go = new Go();
let mem;
globalThis.quotetrail = {engine: {index: idx, onready() {
  idx = null;
  const eng = globalThis.quotetrail.engine;
  console.log(JSON.stringify({error: eng.error || '', lookup: typeof eng.lookup, input, wasmMemory: mem.buffer.byteLength}));
  process.exit(0);
}}};
WebAssembly.instantiate(fs.readFileSync(wasmPath), go.importObject).then(r => { mem = r.instance.exports.mem; return go.run(r.instance); });
`

// frameIndex puts a valid header (magic, index.Version, length, CRC-32)
// before payload, as doc.go lays it out, so that the engine gets past
// the checksum to the records.
func frameIndex(payload []byte) []byte {
	h := make([]byte, 16, 16+len(payload))
	copy(h, "QTIX")
	binary.LittleEndian.PutUint16(h[4:], index.Version)
	binary.LittleEndian.PutUint32(h[8:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(h[12:], crc32.ChecksumIEEE(payload))
	return append(h, payload...)
}

// TestWasmRefusesCraftedIndexes runs the real wasm engine in Node on
// indexes with a valid checksum whose counts declare 64M records over
// 64 MiB of zeros (the engine panicked with "makeslice: cap out of
// range"), on the small forged indexes of internal/index/testdata, on an
// index over index.MaxBytes, and on an index that is not a Uint8Array:
// each must be refused with an error, Node must exit normally, and the
// engine's memory must stay within a few times the index (over the cap,
// the bytes are not copied in at all).
func TestWasmRefusesCraftedIndexes(t *testing.T) {
	node := needNode(t)
	dir := t.TempDir()
	wasm, execJS := buildEngine(t, dir)
	script := filepath.Join(dir, "bounds.js")
	os.WriteFile(script, []byte(boundsScript), 0o644)

	const declared, fill = 64 << 20, 64 << 20
	zeros := make([]byte, fill)
	big := map[string][]byte{
		// article count, then zeros: empty articles
		"64M-articles.qti": append(binary.AppendUvarint(nil, declared), zeros...),
		// no articles, a quotation count, then zeros: quotations of an
		// article that does not exist
		"64M-quotations.qti": append(binary.AppendUvarint(binary.AppendUvarint(nil, 0), declared), zeros...),
	}
	type tc struct{ spec, want string }
	var cases []tc
	for name, payload := range big {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, frameIndex(payload), 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, tc{path, "index is damaged"})
	}
	small, _ := filepath.Glob("../internal/index/testdata/crafted/*.qti")
	if len(small) == 0 {
		t.Fatal("no forged indexes in internal/index/testdata/crafted")
	}
	for _, f := range small {
		cases = append(cases, tc{f, "index is damaged"})
	}
	cases = append(cases,
		tc{"zeros:" + strconv.Itoa(index.MaxBytes+1), "index is too large"},
		tc{"string", "not a Uint8Array"})

	for _, c := range cases {
		cmd := exec.Command(node, script, wasm, c.spec)
		cmd.Env = append(cmd.Environ(), "WASM_EXEC="+execJS)
		out, err := cmd.CombinedOutput()
		name := filepath.Base(c.spec)
		if err != nil {
			t.Errorf("%s: node: %v\n%.2000s", name, err, out)
			continue
		}
		var got struct {
			Error, Lookup     string
			Input, WasmMemory int
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Errorf("%s: %v: %.2000s", name, err, out)
			continue
		}
		t.Logf("%s: %d bytes in, wasm memory %d MiB: %s", name, got.Input, got.WasmMemory>>20, got.Error)
		if !strings.Contains(got.Error, c.want) || got.Lookup == "function" {
			t.Errorf("%s: error %q, lookup %s; want an error with %q and no lookup", name, got.Error, got.Lookup, c.want)
		}
		// The engine holds its copy of the bytes, and Read reserves at
		// most as much again for a refused index; over the cap, nothing
		// is copied.
		limit := 3*got.Input + 32<<20
		if got.Input > index.MaxBytes {
			limit = 32 << 20
		}
		if got.WasmMemory > limit {
			t.Errorf("%s: the engine's memory grew to %d bytes for a %d-byte index it refuses (limit %d)", name, got.WasmMemory, got.Input, limit)
		}
	}
}
