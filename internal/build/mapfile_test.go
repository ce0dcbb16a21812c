package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadMapped: a file mapped reads as the file, empty or not; a
// missing one is an error.
func TestReadMapped(t *testing.T) {
	dir := t.TempDir()
	for _, data := range [][]byte{nil, []byte("x"), bytes.Repeat([]byte("index "), 5000)} {
		p := filepath.Join(dir, "f")
		os.WriteFile(p, data, 0o644)
		got, release, err := readMapped(p)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes read as %d (%v)", len(data), len(got), err)
		}
		if release != nil {
			release()
		}
	}
	if _, _, err := readMapped(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file read")
	}
}
