package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedCorpus copies the named seed pages into a new corpus folder.
func seedCorpus(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("../../corpus", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, n), b, 0o644)
	}
	return dir
}

// stdinSpy is standard input that records whether it was read.
type stdinSpy struct{ read bool }

func (s *stdinSpy) Read([]byte) (int, error) { s.read = true; return 0, os.ErrClosed }

// TestLookupNoIndex: with no -index, no QUOTETRAIL_INDEX and nothing at
// dist/index or dist/index.qti, lookup says so and exits 2. It does not
// build an index from ./corpus (a fresh clone's, or the seeds', when the
// reader meant their own), and does not wait on standard input first.
func TestLookupNoIndex(t *testing.T) {
	t.Setenv(indexEnv, "")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "corpus"), 0o755)
	b, _ := os.ReadFile("../../corpus/002_d1e82a1333f7d87d.html")
	os.WriteFile(filepath.Join(dir, "corpus", "rn.html"), b, 0o644)
	os.MkdirAll(filepath.Join(dir, "dist", "index"), 0o755) // a folder without its entry is no index
	t.Chdir(dir)
	const want = "quotetrail lookup: no index found at dist/index or dist/index.qti: pass -index PATH or set QUOTETRAIL_INDEX, or run `quotetrail build`\n"
	for _, args := range [][]string{{"lookup", "rock solid"}, {"lookup", "-json", "rock solid"}, {"lookup"}, {"lookup", "-"}} {
		var out, errOut bytes.Buffer
		in := &stdinSpy{}
		code := run(args, in, &out, &errOut)
		if code != 2 || out.Len() != 0 || errOut.String() != want {
			t.Errorf("%v without an index: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out.String(), errOut.String(), want)
		}
		if in.read {
			t.Errorf("%v without an index read standard input", args)
		}
	}
}

// TestLookupDefaultIndex: from the folder build wrote dist/ in, lookup
// searches dist/index, else dist/index.qti, and names on stderr the index
// it searched and its size; stdout is what -index prints, and -json's
// object carries nothing more than the contract's fields.
func TestLookupDefaultIndex(t *testing.T) {
	t.Setenv(indexEnv, "")
	dist, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	t.Chdir(filepath.Dir(dist))
	const sel = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	for _, c := range []struct {
		remove, searched string
	}{
		{"", "dist/index"},
		{"dist/index", "dist/index.qti"}, // the folder gone: the whole index
	} {
		if c.remove != "" {
			if err := os.RemoveAll(c.remove); err != nil {
				t.Fatal(err)
			}
		}
		for _, asJSON := range [][]string{nil, {"-json"}} {
			args := append(append([]string{"lookup"}, asJSON...), sel)
			out, errOut, code := runCmd(t, args...)
			want, wantErr, wantCode := runCmd(t, append([]string{"lookup", "-index", c.searched}, args[1:]...)...)
			line := "quotetrail lookup: searched " + c.searched + " (5 articles)\n"
			if code != 0 || code != wantCode || out != want || errOut != wantErr+line {
				t.Errorf("%v: exit %d, stderr %q, stdout:\n%s\nwith -index %s: exit %d, stderr %q, stdout:\n%s", args, code, errOut, out, c.searched, wantCode, wantErr, want)
			}
			if wantErr != "" {
				t.Errorf("-index %s: stderr %q, want nothing: the reader named the index", c.searched, wantErr)
			}
			if asJSON != nil {
				var obj map[string]json.RawMessage
				if err := json.Unmarshal([]byte(out), &obj); err != nil {
					t.Fatalf("-json: %v\n%s", err, out)
				}
				for k := range obj {
					if k != "query" && k != "matches" && k != "independent" {
						t.Errorf("-json carries %q: the contract's object is query, matches and independent", k)
					}
				}
			}
		}
	}
	// Exit status: 0 found (above), 1 when no outlet carried it.
	if out, errOut, code := runCmd(t, "lookup", "We will make a decision on the arms package next week"); code != 1 || !strings.Contains(out, "No outlet") {
		t.Errorf("no match: exit %d, want 1\n%s%s", code, out, errOut)
	}
}

// TestLookupIndexFromEnv: QUOTETRAIL_INDEX names the index when -index
// does not, from any folder, ahead of ./dist; -index ahead of both. A
// missing index named by the variable is an error that says where its
// path came from.
func TestLookupIndexFromEnv(t *testing.T) {
	// Two corpora that answer "rock solid" apart: the seeds have it in The
	// Rising Nepal; the other has only The Washington Times.
	seeds, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	other, _, errOut, code := buildSite(t, seedCorpus(t, "000_8d0c55f5cc4335ee.html"))
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	t.Chdir(filepath.Dir(seeds)) // ./dist is the seeds'
	const sel = "rock solid"
	for _, env := range []string{filepath.Join(other, "index"), filepath.Join(other, "index.qti")} {
		t.Setenv(indexEnv, env)
		out, errOut, code := runCmd(t, "lookup", sel)
		line := "quotetrail lookup: searched " + env + " (1 article; from QUOTETRAIL_INDEX)\n"
		if code != 1 || strings.Contains(out, "Rising Nepal") || errOut != line {
			t.Errorf("%s=%s: exit %d, stderr %q, want exit 1 (the Washington Times has no \"rock solid\") and %q\n%s", indexEnv, env, code, errOut, line, out)
		}
		out, errOut, code = runCmd(t, "lookup", "-index", "dist/index", sel)
		if code != 0 || !strings.Contains(out, "The Rising Nepal") || errOut != "" {
			t.Errorf("-index with %s set: exit %d, stderr %q\n%s", indexEnv, code, errOut, out)
		}
	}
	for _, env := range []string{filepath.Join(other, "nosuch.qti"), filepath.Join(other, "nosuch", "entry.qtf")} {
		t.Setenv(indexEnv, env)
		out, errOut, code := runCmd(t, "lookup", sel)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "quotetrail lookup: QUOTETRAIL_INDEX: ") || !strings.Contains(errOut, "nosuch") || strings.Contains(errOut, "searched") {
			t.Errorf("%s=%s (missing): exit %d, stderr %q, stdout %q", indexEnv, env, code, errOut, out)
		}
	}
}

// TestLookupExitStatus: 2 for an index named but missing or damaged, and
// for an unknown command.
func TestLookupExitStatus(t *testing.T) {
	out, _, code := runCmd(t, "lookup", "-index", "no/such/index.qti", "x y z")
	if code != 2 {
		t.Errorf("missing explicit index: exit %d, want 2 (%s)", code, out)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.qti"), []byte("QTIX\x03\x00\x00\x00garbage-garbage"), 0o644)
	_, errOut, code := runCmd(t, "lookup", "-index", filepath.Join(dir, "bad.qti"), "x y z")
	if code != 2 || !strings.Contains(errOut, "damaged") {
		t.Errorf("damaged index: exit %d, %q", code, errOut)
	}
	if _, _, code := runCmd(t, "nosuchcommand"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}
