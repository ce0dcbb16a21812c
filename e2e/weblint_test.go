package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// webExt installs Mozilla's web-ext (npm) and returns its path.
func webExt(t *testing.T) string {
	t.Helper()
	return filepath.Join(npmTool(t, "web-ext", "web-ext@8"), "node_modules", ".bin", "web-ext")
}

// npmTool installs spec with npm into the user's cache, in a folder of its
// own named name (a tool of the tests, not a project dependency), unless
// it is there, and returns that folder. It skips without npm, unless
// QUOTETRAIL_REQUIRE_NODE=1 (CI), where it fails.
func npmTool(t *testing.T, name, spec string) string {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("QUOTETRAIL_REQUIRE_NODE") == "1" {
			t.Fatal("npm is required (QUOTETRAIL_REQUIRE_NODE=1) but not installed: apt-get install npm")
		}
		t.Skip("npm is not installed (apt-get install npm): skipping, " + spec + " is needed")
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(cache, "quotetrail", name)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", name, "package.json")); err == nil {
		return dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", spec)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install %s in %s: %v\n%s", spec, dir, err, out)
	}
	return dir
}

// pack runs the packer (make extension's) on the extension in dir.
func pack(t *testing.T, dir string) (chromium, firefox []byte) {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./www/extension/pack", "-dir", dir, "-out", out)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pack: %v\n%s", err, b)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return read("quotetrail-chromium.zip"), read("quotetrail-firefox.zip")
}

// copyDir copies the files of src into a new folder, their times set to
// when.
func copyDir(t *testing.T, src string, when time.Time) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, e.Name())
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// unzip extracts a package into a new folder.
func unzip(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestExtensionPackagesReproducible: the packages of the same files are
// the same bytes, whatever the files' times and modes on disk.
func TestExtensionPackagesReproducible(t *testing.T) {
	built, _ := filepath.Abs(filepath.Join(site(t, ""), "extension"))
	c1, f1 := pack(t, copyDir(t, built, time.Date(2020, 5, 1, 12, 0, 0, 0, time.UTC)))
	c2, f2 := pack(t, copyDir(t, built, time.Now()))
	if !bytes.Equal(c1, c2) {
		t.Error("two packages of the same files for Chromium differ")
	}
	if !bytes.Equal(f1, f2) {
		t.Error("two packages of the same files for Firefox differ")
	}
}

type lintMessage struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	File    string `json:"file"`
}

type lintReport struct {
	Errors   []lintMessage `json:"errors"`
	Warnings []lintMessage `json:"warnings"`
	Notices  []lintMessage `json:"notices"`
}

// TestWebExtLint runs Mozilla's web-ext lint (the linter of
// addons.mozilla.org) on both store packages. Firefox's is clean: no
// error, warning or notice. Chromium's may have one finding only: that
// Firefox does not support background.service_worker, the key Chromium's
// package is made for (Firefox runs background.scripts, in the same
// manifest).
func TestWebExtLint(t *testing.T) {
	bin := webExt(t)
	built, _ := filepath.Abs(filepath.Join(site(t, ""), "extension"))
	chromium, firefox := pack(t, built)
	for _, c := range []struct {
		name string
		data []byte
	}{{"firefox", firefox}, {"chromium", chromium}} {
		t.Run(c.name, func(t *testing.T) {
			dir := unzip(t, c.data)
			cmd := exec.Command(bin, "lint", "--source-dir", dir, "--output", "json", "--no-config-discovery")
			cmd.Dir = dir
			out, err := cmd.Output() // exits 1 when there are errors: the report says which
			var rep lintReport
			if jerr := json.Unmarshal(out, &rep); jerr != nil {
				t.Fatalf("web-ext lint: %v; %v\n%s", err, jerr, out)
			}
			t.Logf("web-ext lint %s: %d errors, %d warnings, %d notices", c.name, len(rep.Errors), len(rep.Warnings), len(rep.Notices))
			warnings := rep.Warnings
			if c.name == "chromium" {
				warnings = nil
				for _, w := range rep.Warnings {
					if !(w.Code == "MANIFEST_FIELD_UNSUPPORTED" && bytes.Contains([]byte(w.Message), []byte("/background/service_worker"))) {
						warnings = append(warnings, w)
					}
				}
			}
			for _, group := range [][]lintMessage{rep.Errors, warnings, rep.Notices} {
				for _, m := range group {
					t.Errorf("%s: %s (%s)", m.Code, m.Message, m.File)
				}
			}
		})
	}
}
