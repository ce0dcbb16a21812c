//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLookupRefusesFIFOIndex: `lookup -index` on a FIFO refuses it
// without opening it. Reading it would block for ever with no writer, and
// read without end from one that never stops.
func TestLookupRefusesFIFOIndex(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "index.qti")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	type result struct {
		stderr string
		code   int
	}
	done := make(chan result, 1)
	go func() {
		_, stderr, code := runCmd(t, "lookup", "-index", fifo, "rock solid")
		done <- result{stderr, code}
	}()
	select {
	case r := <-done:
		if r.code != 2 || !strings.Contains(r.stderr, "not a regular file") {
			t.Errorf("lookup on a FIFO index: exit %d, stderr %q", r.code, r.stderr)
		}
	case <-time.After(time.Minute): // a hang, not a slow read
		t.Fatal("lookup blocks on a FIFO index")
	}
}
