package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"quotetrail/internal/build"
	"quotetrail/internal/bundle"
)

// TestBuildSaysTheSiteWasNotWritten: a build whose site files cannot be
// written fails (exit 2, with the reason), and leaves no state that says
// the site is whole: the bundle's error was once dropped (a shadowed err)
// and the build exited 0.
func TestBuildSaysTheSiteWasNotWritten(t *testing.T) {
	corpus, dir := t.TempDir(), t.TempDir()
	for i := range 4 {
		mustWrite(t, filepath.Join(corpus, "seed"+itoa(i)+".html"), seed(t, i))
	}
	args := []string{"build", "-corpus", corpus, "-www", "../../www", "-wasm", stubEngine(t), "-out", filepath.Join(dir, "dist")}
	if stdout, stderr, code := runCmd(t, args...); code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, stdout, stderr)
	}
	// A folder where the site's file goes: it cannot be replaced.
	blocked := filepath.Join(dir, "dist", "wasm_exec.js")
	os.Remove(blocked)
	mustWrite(t, filepath.Join(blocked, "x"), []byte("x"))
	if stdout, stderr, code := runCmd(t, args...); code != 2 {
		t.Errorf("a build that could not write the site: exit %d, want 2\n%s%s", code, stdout, stderr)
	}
}

// TestBuildRestoresTheExtensionsIndex: an increment with nothing new
// keeps index.qti, and writes the extension's copy again when it is not
// index.qti (deleted, cut); keeping it made the build fail, or left the
// extension without its index.
func TestBuildRestoresTheExtensionsIndex(t *testing.T) {
	corpus, dir := t.TempDir(), t.TempDir()
	for i := range 4 {
		mustWrite(t, filepath.Join(corpus, "seed"+itoa(i)+".html"), seed(t, i))
	}
	out := filepath.Join(dir, "dist")
	args := []string{"build", "-corpus", corpus, "-www", "../../www", "-wasm", stubEngine(t), "-out", out}
	if stdout, stderr, code := runCmd(t, args...); code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, stdout, stderr)
	}
	ext := filepath.Join(out, "extension", "index.qti")
	for what, damage := range map[string]func(){
		"deleted": func() { os.Remove(ext) },
		"cut":     func() { os.Truncate(ext, 100) },
	} {
		damage()
		if stdout, stderr, code := runCmd(t, args...); code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", what, code, stdout, stderr)
		}
		whole, _ := os.ReadFile(filepath.Join(out, "index.qti"))
		if got, err := os.ReadFile(ext); err != nil || !bytes.Equal(got, whole) {
			t.Errorf("%s: the extension's index is not index.qti after a build with nothing new (%v)", what, err)
		}
	}
}

// TestBuildRebuildsASiteWithoutItsIndex: a site whose index.qti was
// deleted is still a site (its build state marks it): the next build
// builds in full and writes index.qti again, where it refused to write
// into the folder; a folder that is no site is still left alone.
func TestBuildRebuildsASiteWithoutItsIndex(t *testing.T) {
	if build.StateFile != bundle.StateMark {
		t.Fatalf("the build's state %q is not the bundle's mark of a site %q", build.StateFile, bundle.StateMark)
	}
	dist, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	os.Remove(filepath.Join(dist, "index.qti"))
	mustBuild(t, "../../corpus", dist)
	if _, err := os.Stat(filepath.Join(dist, "index.qti")); err != nil {
		t.Errorf("index.qti not written again: %v", err)
	}
	other := t.TempDir()
	mustWrite(t, filepath.Join(other, "notes.txt"), []byte("someone's work"))
	if _, _, code := runCmd(t, "build", "-corpus", "../../corpus", "-www", "../../www", "-wasm", stubEngine(t), "-out", other); code == 0 {
		t.Error("a build wrote into a folder that is no site")
	}
	if b, err := os.ReadFile(filepath.Join(other, "notes.txt")); err != nil || string(b) != "someone's work" {
		t.Errorf("a folder that is no site lost its file: %v", err)
	}
}
