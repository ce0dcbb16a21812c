package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotetrail/internal/eval"
	"quotetrail/internal/index"
)

// TestLookupFolderIndex: build writes the folder index beside index.qti,
// and `lookup -index` on the folder, or on its entry file, prints what it
// prints on index.qti (JSON and text) with the same exit status.
func TestLookupFolderIndex(t *testing.T) {
	dist, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	folder := filepath.Join(dist, "index")
	if _, err := os.Stat(filepath.Join(folder, index.EntryName)); err != nil {
		t.Fatalf("build wrote no folder index: %v", err)
	}
	sels := []string{
		"The U.S. must handle the issue of arms sales to Taiwan with prudence",
		"Taiwan is a democratic, self-ruled island located 100 miles off the Chinese coast",
		"rock solid", "We will make a decision on the arms package next week", "the",
	}
	cases, err := eval.ReadLookups("../../internal/match/testdata/lookups-project.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		sels = append(sels, c.Query)
	}
	found := 0
	for _, sel := range sels {
		for _, json := range [][]string{{"-json"}, nil} {
			args := func(idx string) []string { return append(append([]string{"lookup", "-index", idx}, json...), sel) }
			want, wantErr, wantCode := runCmd(t, args(filepath.Join(dist, "index.qti"))...)
			for _, idx := range []string{folder, filepath.Join(folder, index.EntryName)} {
				got, gotErr, gotCode := runCmd(t, args(idx)...)
				if got != want || gotCode != wantCode || gotErr != wantErr {
					t.Errorf("lookup %v on %s: exit %d\n%s%s\non index.qti: exit %d\n%s%s", json, idx, gotCode, got, gotErr, wantCode, want, wantErr)
				}
			}
			if wantCode == 0 && json != nil {
				found++
			}
		}
	}
	if found < len(sels)/2 {
		t.Errorf("only %d of %d selections found anything: the comparison proves little", found, len(sels))
	}
	// A damaged or missing part is an error (exit 2) that names it.
	sel := "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	parts, _ := filepath.Glob(filepath.Join(folder, "*-*.qtf"))
	if len(parts) == 0 {
		t.Fatal("no parts")
	}
	read := 0 // parts the lookup reads: cutting one fails it
	for _, p := range parts {
		data, _ := os.ReadFile(p)
		os.WriteFile(p, data[:len(data)/2], 0o644)
		_, errOut, code := runCmd(t, "lookup", "-index", folder, sel)
		if code != 0 && (code != 2 || !strings.Contains(errOut, filepath.Base(p))) {
			t.Errorf("%s cut in half: exit %d, %q", filepath.Base(p), code, errOut)
		}
		damaged := code == 2
		if damaged {
			read++
		}
		os.Remove(p)
		_, errOut, code = runCmd(t, "lookup", "-index", folder, sel)
		if damaged && (code != 2 || !strings.Contains(errOut, filepath.Base(p))) {
			t.Errorf("%s missing: exit %d, %q", filepath.Base(p), code, errOut)
		}
		os.WriteFile(p, data, 0o644)
	}
	if read < 3 {
		t.Errorf("cutting only %d of %d parts failed the lookup: it reads entry, chunks and shards", read, len(parts))
	}
	if _, errOut, code := runCmd(t, "lookup", "-index", t.TempDir(), sel); code != 2 || !strings.Contains(errOut, index.EntryName) {
		t.Errorf("a folder without an entry: exit %d, %q", code, errOut)
	}
}

// TestEvalLookupsOnAFolderIndex: `eval lookups -index` on a folder index
// scores the set as the folder answers it, part by part: with index.qti
// gone it scores as on index.qti, and a damaged part is an error.
func TestEvalLookupsOnAFolderIndex(t *testing.T) {
	dist, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	set := "../../internal/match/testdata/lookups-project.jsonl"
	want, _, code := runCmd(t, "eval", "lookups", "-index", filepath.Join(dist, "index.qti"), set)
	if code != 0 || !strings.Contains(want, "recall") {
		t.Fatalf("on index.qti: exit %d\n%s", code, want)
	}
	os.Remove(filepath.Join(dist, "index.qti"))
	for _, idx := range []string{filepath.Join(dist, "index"), filepath.Join(dist, "index", index.EntryName)} {
		if got, errOut, code := runCmd(t, "eval", "lookups", "-index", idx, set); code != 0 || got != want {
			t.Errorf("on %s: exit %d\n%s%s\nwant\n%s", idx, code, got, errOut, want)
		}
	}
	parts, _ := filepath.Glob(filepath.Join(dist, "index", "q-*.qtf"))
	for _, p := range parts {
		os.WriteFile(p, []byte("damaged"), 0o644)
	}
	if _, errOut, code := runCmd(t, "eval", "lookups", "-index", filepath.Join(dist, "index"), set); code != 2 || !strings.Contains(errOut, "q-") {
		t.Errorf("damaged quotation shards: exit %d, %s", code, errOut)
	}
}
