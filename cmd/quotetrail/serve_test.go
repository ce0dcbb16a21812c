package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"quotetrail/internal/serve"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand runs `quotetrail serve` on 127.0.0.1 as a user does:
// it serves the site with the page policy, refuses a dotfile, disconnects
// a client that sends its headers a byte at a time (after the default
// header timeout: plain http.Serve kept it for ever), and stops cleanly
// on Ctrl-C.
func TestServeCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the default header timeout")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>hi</p>"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[core]"), 0o644)

	pr, pw := io.Pipe()
	var stderr lockedBuffer
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "-dir", dir, "-addr", "127.0.0.1:0"}, strings.NewReader(""), pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed %q, then %v; stderr %s", line, err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no address in %q", line)
	}
	addr := m[1]

	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != serve.PagePolicy {
		t.Errorf("/: %d, policy %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	if resp, err = http.Get("http://" + addr + "/.git/config"); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/.git/config: %d", resp.StatusCode)
	}

	// A slowloris client: far past the default header timeout, bounded.
	limit := 6 * serve.DefaultReadHeaderTimeout
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	closed := make(chan struct{})
	go func() { io.Copy(io.Discard, c); close(closed) }()
	start := time.Now()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n")
dribble:
	for {
		select {
		case <-closed:
			break dribble
		case <-time.After(200 * time.Millisecond):
		}
		if _, err := c.Write([]byte("x")); err != nil {
			break
		}
		if time.Since(start) > limit {
			t.Fatalf("a client dribbling headers was still connected after %v", limit)
		}
	}
	t.Logf("the dribbling client was disconnected after %v", time.Since(start).Round(time.Millisecond))

	if err := interruptSelf(); errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("Ctrl-C: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-code:
		if got != 0 {
			t.Errorf("serve exited %d after Ctrl-C; stderr %s", got, stderr.String())
		}
	case <-time.After(limit):
		t.Fatalf("serve did not stop on Ctrl-C")
	}
}
