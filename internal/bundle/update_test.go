package bundle

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestUpdate: an update writes the files whose bytes changed, with their
// compressed copies, leaves the others as they were (not even rewritten),
// removes the files the site no longer has with their copies, and keeps
// the build's dot files.
func TestUpdate(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	os.WriteFile(filepath.Join(www, "app.js"), []byte("console.log(1);\n"), 0o644)
	gen := map[string][]byte{
		Marker:                []byte("index one"),
		"index/entry.qtf":     []byte("entry one"),
		"index/t-00aa.qtf":    []byte("part kept"),
		"index/t-00bb.qtf":    []byte("part dropped"),
		"extension/index.qti": []byte("index one"),
		"articles.json":       []byte(`{"a":1}`),
	}
	if _, err := Update(www, out, gen); err == nil {
		t.Fatal("Update wrote into a folder that holds no built site")
	}
	if _, err := Site(www, out, gen); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, ".quotetrail-build"), []byte("state"), 0o644)
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{"app.js", "app.js.br", "index/t-00aa.qtf", "articles.json"} {
		os.Chtimes(filepath.Join(out, n), old, old)
	}

	delete(gen, "index/t-00bb.qtf")
	gen["index/t-00cc.qtf"] = []byte("part added")
	gen["index/entry.qtf"] = []byte("entry two")
	gen[Marker] = []byte("index two")
	files, err := Update(www, out, gen)
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]bool{}
	for _, f := range files {
		changed[f.Name] = f.Changed
		if f.Name == "app.js" && (f.Gzip == 0 || f.Brotli == 0) {
			t.Errorf("an unchanged file is reported without its copies' sizes: %+v", f)
		}
	}
	want := map[string]bool{"app.js": false, "articles.json": false, "index/t-00aa.qtf": false, "extension/index.qti": false,
		Marker: true, "index/entry.qtf": true, "index/t-00cc.qtf": true}
	for n, c := range want {
		if got, ok := changed[n]; !ok || got != c {
			t.Errorf("%s: reported changed=%v (listed %v), want %v", n, got, ok, c)
		}
	}
	for _, n := range []string{"app.js", "app.js.br", "index/t-00aa.qtf", "articles.json"} {
		if st, err := os.Stat(filepath.Join(out, n)); err != nil || !st.ModTime().Equal(old) {
			t.Errorf("%s was rewritten though unchanged", n)
		}
	}
	for _, n := range []string{"index/t-00bb.qtf", "index/t-00bb.qtf.br", "index/t-00bb.qtf.gz"} {
		if _, err := os.Stat(filepath.Join(out, n)); err == nil {
			t.Errorf("%s is left though the site no longer has it", n)
		}
	}
	for _, n := range []string{".quotetrail-build", "index/t-00cc.qtf.br", "index/entry.qtf.gz"} {
		if _, err := os.Stat(filepath.Join(out, n)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, Marker)); string(data) != "index two" {
		t.Errorf("%s holds %q", Marker, data)
	}
}

// TestUpdateDropsCopiesOfGrownData: a data file that grows past
// uncopiedData loses its compressed copies, which would otherwise be
// served in its place; the temporary files of a stopped update go.
func TestUpdateDropsCopiesOfGrownData(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	gen := map[string][]byte{Marker: []byte("small index one")}
	if _, err := Site(www, out, gen); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, Marker+".br")); err != nil {
		t.Fatal("a small index has no copies")
	}
	os.WriteFile(filepath.Join(out, "."+Marker+".tmp"), []byte("left by a stopped update"), 0o644)
	gen[Marker] = make([]byte, uncopiedData+1)
	if _, err := Update(www, out, gen); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{Marker + ".br", Marker + ".gz", "." + Marker + ".tmp"} {
		if _, err := os.Stat(filepath.Join(out, n)); err == nil {
			t.Errorf("%s is left", n)
		}
	}
	// Updated again with the same bytes: still none, nothing rewritten.
	files, err := Update(www, out, gen)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == Marker && f.Changed {
			t.Error("the grown index was rewritten though unchanged")
		}
	}
}

// TestUpdateAppending: appended bytes land after the file the site holds;
// a file with compressed copies gets them made again from the whole, one
// without (the extension's) is appended to, and a file that is not the
// size the caller appends to is refused and left as it was.
func TestUpdateAppending(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	gen := map[string][]byte{Marker: []byte("index one"), "extension/index.qti": []byte("index one")}
	if _, err := Site(www, out, gen); err != nil {
		t.Fatal(err)
	}
	delete(gen, Marker)
	delete(gen, "extension/index.qti")
	tail := Append{Size: int64(len("index one")), Data: []byte(" and two")}
	files, err := UpdateAppending(www, out, gen, nil, map[string]Append{Marker: tail, "extension/index.qti": tail}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{Marker, "extension/index.qti"} {
		if b, _ := os.ReadFile(filepath.Join(out, n)); string(b) != "index one and two" {
			t.Errorf("%s holds %q", n, b)
		}
	}
	zr, err := gzip.NewReader(bytes.NewReader(must(os.ReadFile(filepath.Join(out, Marker+".gz")))))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); string(b) != "index one and two" {
		t.Errorf("the gzip copy holds %q", b)
	}
	if _, err := os.Stat(filepath.Join(out, "extension/index.qti.gz")); err == nil {
		t.Error("the extension's index got a compressed copy")
	}
	reported := map[string]File{}
	for _, f := range files {
		reported[f.Name] = f
	}
	for _, n := range []string{Marker, "extension/index.qti"} {
		if f := reported[n]; !f.Changed || f.Raw != len("index one and two") {
			t.Errorf("%s reported as %+v", n, f)
		}
	}
	// Nothing to append: kept, reported unchanged.
	same := Append{Size: int64(len("index one and two"))}
	files, err = UpdateAppending(www, out, gen, nil, map[string]Append{Marker: same, "extension/index.qti": same}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if (f.Name == Marker || f.Name == "extension/index.qti") && f.Changed {
			t.Errorf("%s reported changed with nothing appended", f.Name)
		}
	}
	for _, n := range []string{Marker, "extension/index.qti"} {
		if b, _ := os.ReadFile(filepath.Join(out, n)); string(b) != "index one and two" {
			t.Errorf("%s holds %q after nothing was appended", n, b)
		}
	}
	if _, err := UpdateAppending(www, out, gen, nil, map[string]Append{"extension/index.qti": tail}, nil); err == nil {
		t.Error("appended to a file of another size")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "extension/index.qti")); string(b) != "index one and two" {
		t.Errorf("a refused append left %q", b)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestUpdateAppendingDropsCopiesOfGrownData: a file with compressed
// copies that an append takes past uncopiedData is appended to, and
// loses its copies: left, they hold the index before the append and a
// server sending them in its place would send the last build's index.
func TestUpdateAppendingDropsCopiesOfGrownData(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	old := make([]byte, uncopiedData-4)
	if _, err := Site(www, out, map[string][]byte{Marker: old}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, Marker+".br")); err != nil {
		t.Fatal("the index has no copies before the append")
	}
	tail := Append{Size: int64(len(old)), Data: []byte("appended part")}
	if _, err := UpdateAppending(www, out, map[string][]byte{}, nil, map[string]Append{Marker: tail}, nil); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(out, Marker)); err != nil || st.Size() != int64(len(old)+len(tail.Data)) {
		t.Fatalf("%s was not appended to: %v", Marker, err)
	}
	for _, n := range []string{Marker + ".br", Marker + ".gz"} {
		if _, err := os.Stat(filepath.Join(out, n)); err == nil {
			t.Errorf("%s is left, with the index before the append", n)
		}
	}
}

// TestUpdateQuickCopies: the files an update names quick get their
// compressed copies at the fastest levels, the others at their own.
func TestUpdateQuickCopies(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	if _, err := Site(www, out, map[string][]byte{Marker: []byte("index")}); err != nil {
		t.Fatal(err)
	}
	var text []byte
	for i := range 4000 {
		text = append(text, fmt.Sprintf("quotation %d said the minister %d; ", i%97, i%13)...)
	}
	gen := map[string][]byte{"index/delta.qtf": text, "index/base.qtf": append([]byte("b"), text...)}
	if _, err := UpdateAppending(www, out, gen, nil, map[string]Append{Marker: {Size: 5}}, map[string]bool{"index/delta.qtf": true}); err != nil {
		t.Fatal(err)
	}
	for name, level := range map[string]int{"index/delta.qtf": 1, "index/base.qtf": partLevel} {
		got, _ := os.ReadFile(filepath.Join(out, name+".br"))
		if want := brotliBytes(gen[name], level); !bytes.Equal(got, want) {
			t.Errorf("%s.br is %d bytes, not level %d's %d", name, len(got), level, len(want))
		}
	}
	if a, b := brotliBytes(text, 1), brotliBytes(text, partLevel); bytes.Equal(a, b) {
		t.Fatal("levels 1 and partLevel give the same bytes: the test tells nothing")
	}
}

// TestUpdateAppendingLike: a file appended to like another becomes a
// hard link to it once that one is appended to, holding the same bytes;
// at the next append, the two one file, it is appended to once.
func TestUpdateAppendingLike(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	// Files without compressed copies, as index.qti is past uncopiedData.
	const whole, ext = "extension/index.qti", "extension/copy.qti"
	if _, err := Site(www, out, map[string][]byte{Marker: []byte("site"), whole: []byte("index one"), ext: []byte("index one")}); err != nil {
		t.Fatal(err)
	}
	want := "index one"
	for i, more := range []string{" and two", " and three"} {
		before, _ := os.Stat(filepath.Join(out, whole))
		add := Append{Size: int64(len(want)), Data: []byte(more)}
		like := add
		like.Like = whole
		if _, err := UpdateAppending(www, out, map[string][]byte{Marker: []byte("site")}, nil, map[string]Append{whole: add, ext: like}, nil); err != nil {
			t.Fatal(err)
		}
		want += more
		a, _ := os.Stat(filepath.Join(out, whole))
		b, _ := os.Stat(filepath.Join(out, ext))
		for _, n := range []string{whole, ext} {
			if got, _ := os.ReadFile(filepath.Join(out, n)); string(got) != want {
				t.Errorf("%s holds %q, not %q", n, got, want)
			}
		}
		if !os.SameFile(a, b) {
			t.Errorf("%s is not a link to %s", ext, whole)
		}
		// Once the two names are one file, it is appended to in place,
		// not copied: the link is the site's own.
		if i > 0 && !os.SameFile(before, a) {
			t.Errorf("append %d: %s was copied, not appended to in place", i+1, whole)
		}
	}
}

// TestUpdateAppendingLeavesOtherLinks: a file another name outside the
// site also holds (a snapshot made with cp -al) is appended to through a
// copy, so that the snapshot keeps the bytes it had; the site's own link
// (the extension's copy) still follows it.
func TestUpdateAppendingLeavesOtherLinks(t *testing.T) {
	www, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	const whole, ext = "extension/index.qti", "extension/copy.qti" // no compressed copies
	if _, err := Site(www, out, map[string][]byte{Marker: []byte("site"), whole: []byte("index one"), ext: []byte("index one")}); err != nil {
		t.Fatal(err)
	}
	appendBoth := func(size int64, more string) {
		t.Helper()
		add := Append{Size: size, Data: []byte(more)}
		like := add
		like.Like = whole
		if _, err := UpdateAppending(www, out, map[string][]byte{Marker: []byte("site")}, nil, map[string]Append{whole: add, ext: like}, nil); err != nil {
			t.Fatal(err)
		}
	}
	appendBoth(9, " and two") // the extension's copy a link from now on
	snapshot := filepath.Join(t.TempDir(), "index.qti")
	if err := os.Link(filepath.Join(out, whole), snapshot); err != nil {
		t.Skip("no hard links here:", err)
	}
	appendBoth(17, " and three")
	if b, _ := os.ReadFile(snapshot); string(b) != "index one and two" {
		t.Errorf("the snapshot holds %q", b)
	}
	for _, n := range []string{whole, ext} {
		if b, _ := os.ReadFile(filepath.Join(out, n)); string(b) != "index one and two and three" {
			t.Errorf("%s holds %q", n, b)
		}
	}
	a, _ := os.Stat(filepath.Join(out, whole))
	b, _ := os.Stat(filepath.Join(out, ext))
	if !os.SameFile(a, b) {
		t.Errorf("%s is no longer a link to %s", ext, whole)
	}
}
