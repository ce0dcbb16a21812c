package bundle

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestSite(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	os.WriteFile(filepath.Join(www, "index.html"), []byte("<!DOCTYPE html>\n<html>\n  <head><title> Demo </title></head>\n  <body>\n    <p>  Hello   world  </p>\n  </body>\n</html>\n"), 0o644)
	os.WriteFile(filepath.Join(www, "app.js"), []byte("// a comment\nfunction add(first, second) {\n  return first + second;\n}\nconsole.log(add(1, 2));\n"), 0o644)
	os.WriteFile(filepath.Join(www, "site.css"), []byte("body {\n  color : #ff0000 ;\n}\n"), 0o644)
	os.MkdirAll(filepath.Join(out, "stale"), 0o755)
	if _, err := Site(www, out, nil); err == nil {
		t.Fatalf("Site emptied a folder that is not a built site")
	}
	os.WriteFile(filepath.Join(out, Marker), nil, 0o644)
	files, err := Site(www, out, map[string][]byte{"data/articles.json": []byte("{ \"a\" : [ 1, 2 ] }\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 {
		t.Fatalf("wrote %d files, want 4: %+v", len(files), files)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if js := read("app.js"); strings.Contains(js, "comment") || strings.Contains(js, "\n  ") || !strings.Contains(js, "console.log") {
		t.Errorf("app.js not minified: %q", js)
	}
	if css := read("site.css"); css != "body{color:red}" {
		t.Errorf("site.css = %q", css)
	}
	if j := read("data/articles.json"); j != `{"a":[1,2]}` {
		t.Errorf("articles.json = %q", j)
	}
	if h := read("index.html"); strings.Contains(h, "  ") {
		t.Errorf("index.html not minified: %q", h)
	}
	for _, f := range files {
		if f.Gzip == 0 || f.Brotli == 0 {
			t.Errorf("%s not precompressed", f.Name)
		}
		if _, err := os.Stat(filepath.Join(out, f.Name+".br")); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "stale")); !os.IsNotExist(err) {
		t.Errorf("out was not emptied")
	}
}

// TestBigDataCompressed: a data file over bigData is compressed (at the
// faster level) and its .br and .gz decode to the file.
func TestBigDataCompressed(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	data := make([]byte, bigData+4096)
	for i := range data {
		data[i] = "the quick brown fox jumps over "[i%30] + byte(i/977%3)
	}
	if _, err := Site(www, out, map[string][]byte{Marker: data}); err != nil {
		t.Fatal(err)
	}
	if brotliLevel("t-0123456789abcdef.qtf", 4096) != partLevel {
		t.Errorf("a folder index part at level %d, want %d", brotliLevel("t-0123456789abcdef.qtf", 4096), partLevel)
	}
	if brotliLevel(Marker, len(data)) != dataLevel || brotliLevel("engine.wasm", len(data)) != brotli.BestCompression {
		t.Errorf("levels: index %d, engine %d", brotliLevel(Marker, len(data)), brotliLevel("engine.wasm", len(data)))
	}
	br, err := os.ReadFile(filepath.Join(out, Marker+".br"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("the .br does not decode to the file (%v)", err)
	}
	gz, _ := os.ReadFile(filepath.Join(out, Marker+".gz"))
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, data) {
		t.Errorf("the .gz does not decode to the file (%v)", err)
	}
}

// TestReusedCompressorsWriteAsNewOnes: a compressor taken back from its
// pool writes what a new one writes.
func TestReusedCompressorsWriteAsNewOnes(t *testing.T) {
	inputs := [][]byte{bytes.Repeat([]byte("the quick brown fox "), 300), []byte("short"), bytes.Repeat([]byte{0, 1, 2, 3}, 5000)}
	for round := range 2 {
		for _, in := range inputs {
			for _, level := range []int{1, 5, 11} {
				var want bytes.Buffer
				bw := brotli.NewWriterLevel(&want, level)
				bw.Write(in)
				bw.Close()
				if got := brotliBytes(in, level); !bytes.Equal(got, want.Bytes()) {
					t.Errorf("round %d, brotli %d: %d bytes, a new writer %d", round, level, len(got), want.Len())
				}
			}
			for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression, gzip.BestCompression} {
				var want bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&want, level)
				zw.Write(in)
				zw.Close()
				if got := gzipBytes(in, level); !bytes.Equal(got, want.Bytes()) {
					t.Errorf("round %d, gzip %d: %d bytes, a new writer %d", round, level, len(got), want.Len())
				}
			}
		}
	}
}
