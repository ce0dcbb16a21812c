// Command pack writes the store packages of the extension from the built
// one (dist/extension, written by quotetrail build): one zip per browser,
// each with that browser's manifest, byte for byte the same from the same
// files (sorted names, one fixed time, fixed modes), so a reviewer who
// builds from the source archive can compare. See BUILDING.md beside it.
//
// The manifest as built serves both browsers: Chromium runs the background
// as a service worker and ignores background.scripts and Firefox's gecko
// settings; Firefox runs background.scripts. Firefox's package leaves out
// background.service_worker, which Firefox does not support (web-ext lint
// warns of it); Chromium's package is the manifest as built.
//
//	go run ./www/extension/pack -dir dist/extension -out dist
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// stamp is every file's time in the packages: a build's own times would
// make each package differ. 1980 is the first a zip can hold.
var stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	dir := flag.String("dir", "dist/extension", "the built extension")
	out := flag.String("out", "dist", "where the packages are written")
	flag.Parse()
	for _, b := range []string{"chromium", "firefox"} {
		name := filepath.Join(*out, "quotetrail-"+b+".zip")
		if err := pack(*dir, name, b); err != nil {
			fmt.Fprintf(os.Stderr, "pack: %s: %v\n", name, err)
			os.Exit(1)
		}
		fmt.Println("wrote", name)
	}
}

// pack zips the files of dir into name, with the manifest for browser.
func pack(dir, name, browser string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return err
		}
		if n == "manifest.json" {
			if data, err = manifestFor(data, browser); err != nil {
				return fmt.Errorf("manifest.json: %w", err)
			}
		}
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: stamp}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(name, buf.Bytes(), 0o644)
}

// manifestFor is the manifest for browser: as built for Chromium, without
// the service worker for Firefox.
func manifestFor(data []byte, browser string) ([]byte, error) {
	if browser == "chromium" {
		return data, nil
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	bg, _ := m["background"].(map[string]any)
	if bg == nil {
		return nil, fmt.Errorf("no background")
	}
	if browser != "firefox" {
		return nil, fmt.Errorf("no browser %q", browser)
	}
	delete(bg, "service_worker")
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
