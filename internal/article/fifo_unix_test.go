//go:build unix

package article

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFIFORefused: a FIFO named *.html is refused without being opened;
// opening it would block the build for ever, as no writer ever comes.
func TestFIFORefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(fifo); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadFile(FIFO) = %v, want %v", err, ErrNotRegular)
		}
	case <-time.After(time.Minute): // a hang, not a slow read
		t.Fatal("ReadFile blocks on a FIFO")
	}
	if _, err := ReadFile("/dev/null"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile(/dev/null) = %v, want %v", err, ErrNotRegular)
	}
}
