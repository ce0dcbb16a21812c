//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"quotetrail/internal/bundle"
)

// BenchmarkWasmSize reports the engine's size against DESIGN.md's budget:
// brotli size no more than 1.15 × a GOOS=js program that uses only
// syscall/js (testdata/minimal), both built here with the same flags.
func BenchmarkWasmSize(b *testing.B) {
	dir := b.TempDir()
	size := func(pkg, out string) (raw, br int) {
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		if o, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", pkg, err, o)
		}
		data, _ := os.ReadFile(out)
		return len(data), bundle.Brotli(data)
	}
	for b.Loop() {
		engRaw, engBr := size(".", filepath.Join(dir, "engine.wasm"))
		minRaw, minBr := size("./testdata/minimal", filepath.Join(dir, "minimal.wasm"))
		b.ReportMetric(float64(engRaw), "engine-bytes")
		b.ReportMetric(float64(engBr), "engine-br-bytes")
		b.ReportMetric(float64(minRaw), "baseline-bytes")
		b.ReportMetric(float64(minBr), "baseline-br-bytes")
		b.ReportMetric(float64(engBr)/float64(minBr), "br-ratio")
	}
}
