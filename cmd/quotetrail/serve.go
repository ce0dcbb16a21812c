package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"quotetrail/internal/serve"
)

func cmdServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "dist", "the built site")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if ok, status := parseArgs(fs, args); !ok {
		return status
	}
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		fmt.Fprintf(stderr, "quotetrail serve: %s holds no built site (run `make build`): %v\n", *dir, err)
		return 2
	}
	srv := serve.NewServer(serve.Config{Dir: *dir, Addr: *addr})
	srv.ErrorLog = log.New(stderr, "quotetrail serve: ", 0)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail serve: %v\n", err)
		return 2
	}
	// Ctrl-C lets the requests under way finish, for a few seconds at most.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "quotetrail: serving %s on http://%s/ (Ctrl-C to stop)\n", *dir, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "quotetrail serve: %v\n", err)
		return 2
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "quotetrail serve: %v\n", err)
		return 2
	}
	return 0
}
