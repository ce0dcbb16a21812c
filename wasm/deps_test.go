//go:build !js

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWasmLinksOnlyTheEngine is DESIGN.md's dependency rule as a test.
func TestWasmLinksOnlyTheEngine(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbidden := []string{"github.com/PuerkitoBio/goquery", "github.com/tdewolff/minify", "net/http", "fmt", "encoding/json",
		"quotetrail/internal/article", "quotetrail/internal/quote", "quotetrail/internal/bundle", "quotetrail/internal/build"}
	deps := strings.Fields(string(out))
	for _, d := range deps {
		for _, f := range forbidden {
			if d == f || strings.HasPrefix(d, f+"/") {
				t.Errorf("the wasm engine links %s", d)
			}
		}
	}
	if len(deps) < 5 {
		t.Fatalf("go list printed too little to trust: %q", out)
	}
}
