package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"quotetrail/internal/index"
)

// TestLookupRefusesOversizeIndex: `lookup -index` refuses a file over
// index.MaxBytes from its size, without reading it into memory. The file
// is sparse: it takes no disk space.
func TestLookupRefusesOversizeIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.qti")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("QTIX\x02\x00\x00\x00")
	if err := f.Truncate(index.MaxBytes + 1); err != nil {
		t.Skipf("cannot make a sparse file: %v", err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, stderr, code := runCmd(t, "lookup", "-index", path, "rock solid")
	runtime.ReadMemStats(&after)
	if code != 2 || !strings.Contains(stderr, "index is too large") || !strings.Contains(stderr, "huge.qti") {
		t.Errorf("lookup on a %d-byte index: exit %d, stderr %q", index.MaxBytes+1, code, stderr)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("lookup allocated %d bytes to refuse the index", n)
	}
}
