package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"quotetrail/internal/serve"
)

func cmdServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "dist", "the built site")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if fs.Parse(args) != nil {
		return 2
	}
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		fmt.Fprintf(stderr, "quotetrail serve: %s holds no built site (run `make build`): %v\n", *dir, err)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail serve: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "quotetrail: serving %s on http://%s/ (Ctrl-C to stop)\n", *dir, ln.Addr())
	if err := http.Serve(ln, serve.Handler(*dir)); err != nil {
		fmt.Fprintf(stderr, "quotetrail serve: %v\n", err)
		return 2
	}
	return 0
}
