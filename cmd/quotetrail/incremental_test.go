package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBuildIncremental: a build into a folder that holds the last build
// reads only the articles added or changed, says so, writes only the
// files that changed, and leaves the index a full build writes; -full
// reads everything; a state that does not go with the site is passed
// over with the reason.
func TestBuildIncremental(t *testing.T) {
	corpus := t.TempDir()
	for i := range 4 {
		mustWrite(t, filepath.Join(corpus, "seed"+string(rune('0'+i))+".html"), seed(t, i))
	}
	dir := t.TempDir()
	build := func(out string, more ...string) (string, string) {
		t.Helper()
		return mustBuild(t, corpus, out, more...)
	}
	out := filepath.Join(dir, "dist")
	stdout, _ := build(out)
	if strings.Contains(stdout, "built on the last build") {
		t.Fatalf("a first build says it built on a last one:\n%s", stdout)
	}
	stdout, _ = build(out)
	if !strings.Contains(stdout, "4 articles taken unchanged, 0 articles read, 0 articles removed") ||
		!regexp.MustCompile(`changed since the last build: 0 of \d+ files, 0 bytes`).MatchString(stdout) {
		t.Errorf("a build with nothing new:\n%s", stdout)
	}

	mustWrite(t, filepath.Join(corpus, "seed4.html"), seed(t, 4))
	os.Remove(filepath.Join(corpus, "seed0.html"))
	stdout, _ = build(out)
	if !strings.Contains(stdout, "3 articles taken unchanged, 1 article read, 1 article removed") ||
		!strings.Contains(stdout, "\nremoved: seed0\n") {
		t.Errorf("a build with one page added and one removed:\n%s", stdout)
	}
	m := regexp.MustCompile(`changed since the last build: (\d+) of (\d+) files`).FindStringSubmatch(stdout)
	if m == nil || m[1] == "0" || m[1] == m[2] {
		t.Errorf("files changed: %v\n%s", m, stdout)
	}

	full := filepath.Join(dir, "full")
	build(full, "-full")
	got, _ := os.ReadFile(filepath.Join(out, "index.qti"))
	want, _ := os.ReadFile(filepath.Join(full, "index.qti"))
	if len(want) == 0 || !bytes.Equal(got, want) {
		t.Error("the index after incremental builds differs from a full build's")
	}
	entries := func(d string) []string {
		var names []string
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				rel, _ := filepath.Rel(d, p)
				names = append(names, rel)
			}
			return nil
		})
		return names
	}
	if g, w := strings.Join(entries(out), " "), strings.Join(entries(full), " "); g != w {
		t.Errorf("files after incremental builds:\n%s\nafter a full build:\n%s", g, w)
	}

	stdout, _ = build(full, "-full")
	if strings.Contains(stdout, "built on the last build") {
		t.Errorf("-full built on the last build:\n%s", stdout)
	}
	os.WriteFile(filepath.Join(full, "index.qti"), []byte("QTIX damaged"), 0o644)
	stdout, stderr := build(full)
	if strings.Contains(stdout, "built on the last build") || !strings.Contains(stderr, "reading every article: the last build in") {
		t.Errorf("a site whose index does not go with its state:\n%s%s", stdout, stderr)
	}
}
