package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotetrail/internal/index"
)

// copySeeds copies the seed pages into a new corpus folder.
func copySeeds(t *testing.T) string {
	t.Helper()
	corpus := t.TempDir()
	pages, _ := filepath.Glob("../../corpus/*.html")
	for _, p := range pages {
		b, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(corpus, filepath.Base(p)), b, 0o644)
	}
	return corpus
}

// TestBuildNonUTF8FileName: a file named caf\xe9.html is built under a
// UTF-8 stem and the index reads back (the build exited 0 and wrote an
// index that every reader refused: "text is not UTF-8").
func TestBuildNonUTF8FileName(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("this file system takes UTF-8 names only")
	}
	corpus := copySeeds(t)
	body, err := os.ReadFile("testdata/hostile/cafe-latin1-name.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "caf\xe9.txt"), body, 0o644); err != nil {
		t.Skipf("cannot make a non-UTF-8 file name here: %v", err)
	}
	dist, _, errOut, code := buildSite(t, corpus)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dist, "index.qti"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := index.Read(data)
	if err != nil {
		t.Fatalf("the index built does not read: %v", err)
	}
	if len(x.Articles) != 6 {
		t.Errorf("%d articles, want 6", len(x.Articles))
	}
	out, errOut, code := runCmd(t, "lookup", "-json", "-index", filepath.Join(dist, "index.qti"), "saved under a file name that is not UTF-8")
	var res struct{ Matches []struct{ Article string } }
	json.Unmarshal([]byte(out), &res)
	if code != 0 || len(res.Matches) == 0 || res.Matches[0].Article != "caf%E9" {
		t.Errorf("lookup in the article with a Latin-1 name: exit %d, %s %s", code, out, errOut)
	}
}

// TestBuildHostileFiles: a FIFO and a device named *.html are left out by
// name (they hung build and extract for ever), UTF-16 pages are built,
// random bytes are refused as not language, and a copy of a page under
// another name is left out as a duplicate; the rest is built.
func TestBuildHostileFiles(t *testing.T) {
	corpus := copySeeds(t)
	if err := mkfifo(filepath.Join(corpus, "pipe.html")); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(corpus, "zero.html")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"random-bytes.html", "utf16le.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata/hostile", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(corpus, f), b, 0o644)
	}
	seed, _ := os.ReadFile("../../corpus/000_8d0c55f5cc4335ee.html")
	os.WriteFile(filepath.Join(corpus, "zz-same-page-saved-again.html"), seed, 0o644)

	type result struct {
		out, errOut string
		code        int
	}
	done := make(chan result, 1)
	go func() {
		_, out, errOut, code := buildSite(t, corpus)
		done <- result{out, errOut, code}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(5 * time.Minute): // a hang on the FIFO, not a slow build
		t.Fatal("build blocks on a FIFO")
	}
	if r.code != 1 {
		t.Errorf("exit %d, want 1 when files were left out", r.code)
	}
	for _, want := range []string{
		"pipe.html: not a regular file",
		"zero.html: not a regular file",
		"zz-same-page-saved-again.html: the same article as " + filepath.Join(corpus, "000_8d0c55f5cc4335ee.html"),
	} {
		if !strings.Contains(r.errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.errOut)
		}
	}
	// Random bytes are refused, named: as not language, or (as this file,
	// whose bytes Windows-1252 leaves undefined make over 2% U+FFFD) as
	// in no known encoding. TestNotLanguageRefused tests the language
	// check itself.
	if !strings.Contains(r.errOut, "random-bytes.html: not language") && !strings.Contains(r.errOut, "random-bytes.html: text is not in a recognised character encoding") {
		t.Errorf("stderr does not refuse the random bytes:\n%s", r.errOut)
	}
	if !strings.Contains(r.out, "6 articles") || !strings.Contains(r.out, "3 files left out") || !strings.Contains(r.out, "1 duplicates left out") {
		t.Errorf("summary: %s", r.out)
	}

	// extract names the FIFO and goes on.
	go func() {
		out, errOut, code := runCmd(t, "extract", filepath.Join(corpus, "pipe.html"), filepath.Join(corpus, "utf16le.txt"))
		done <- result{out, errOut, code}
	}()
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("extract blocks on a FIFO")
	}
	if r.code != 1 || !strings.Contains(r.errOut, "pipe.html: not a regular file") || !strings.Contains(r.out, "utf16le.txt") {
		t.Errorf("extract: exit %d\n%s\n%s", r.code, r.out, r.errOut)
	}
}

// TestBuildProgress: a corpus of progressFrom files or more reports its
// progress on stderr, as plain lines when stderr is not a terminal.
func TestBuildProgress(t *testing.T) {
	corpus := t.TempDir()
	for i := range progressFrom + 20 {
		n := strconv.Itoa(i)
		os.WriteFile(filepath.Join(corpus, "a"+n+".txt"), []byte("Report "+n+": the council met on day "+n+" and agreed on item "+n+".\n\"We will review item "+n+" next week,\" the chair said.\n"), 0o644)
	}
	_, out, errOut, code := buildSite(t, corpus)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(errOut, "quotetrail build: read "); n != 10 || !strings.Contains(errOut, "read 120 of 120 files (100%)") || strings.Contains(errOut, "\r") {
		t.Errorf("%d progress lines, want 10 plain lines:\n%s", n, errOut)
	}
	if !strings.Contains(out, "120 articles") {
		t.Errorf("summary: %s", out)
	}
}
