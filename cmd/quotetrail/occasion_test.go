package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// undated returns a seed page with every mark of its date taken out: its
// meta tags, JSON-LD, <time> and the date in its URL.
func undated(page []byte) []byte {
	s := string(page)
	for _, r := range []struct{ old, new string }{
		{`content="2026-02-05"`, `content=""`}, {`, "datePublished": "2026-02-05"`, ""},
		{`datetime="2026-02-05"`, ""}, {"February 5, 2026", ""}, {"/2026/02/05/", "/"},
	} {
		s = strings.ReplaceAll(s, r.old, r.new)
	}
	return []byte(s)
}

// TestLookupSaysAnUndatedRewordingMayBeAnotherOccasion: with Vidia News'
// page undated, its rewording of The Washington Times' quotation is
// printed as possibly of another occasion, and the JSON says
// "occasion": "unknown"; dated, as the seed is, neither.
func TestLookupSaysAnUndatedRewordingMayBeAnotherOccasion(t *testing.T) {
	const sel = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	for _, strip := range []bool{false, true} {
		corpus, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
		mustWrite(t, filepath.Join(corpus, "wt.html"), seed(t, 0))
		vidia := seed(t, 1)
		if strip {
			vidia = undated(vidia)
		}
		mustWrite(t, filepath.Join(corpus, "vidia.html"), vidia)
		if stdout, stderr, code := runCmd(t, "build", "-corpus", corpus, "-www", "../../www", "-wasm", stubEngine(t), "-out", out); code != 0 {
			t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
		}
		index := filepath.Join(out, "index.qti")
		text, _, _ := runCmd(t, "lookup", "-index", index, sel)
		raw, _, _ := runCmd(t, "lookup", "-index", index, "-json", sel)
		var res struct {
			Matches []map[string]any `json:"matches"`
		}
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			t.Fatal(err)
		}
		occasion := map[string]any{}
		for _, m := range res.Matches {
			occasion[m["outlet"].(string)] = m["occasion"]
		}
		said := strings.Contains(text, "; undated: may be another occasion]")
		if strip && (occasion["Vidia News"] != "unknown" || occasion["The Washington Times"] != nil || !said) {
			t.Errorf("Vidia News undated: occasions %v; text:\n%s", occasion, text)
		}
		if !strip && (occasion["Vidia News"] != nil || strings.Contains(text, "another occasion")) {
			t.Errorf("Vidia News dated: occasions %v; text:\n%s", occasion, text)
		}
		if len(res.Matches) != 2 {
			t.Errorf("undated %v: %d matches, want 2", strip, len(res.Matches))
		}
	}
}

// stubEngine writes a stand-in engine for builds that need no browser.
func stubEngine(t *testing.T) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "engine.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644)
	os.WriteFile(filepath.Join(dir, "wasm_exec.js"), []byte("// stand-in\n"), 0o644)
	return filepath.Join(dir, "engine.wasm")
}
