package main

import (
	"os"
	"strings"
	"testing"
)

// TestEvalPagesPrintsMisses: `eval pages -misses N` prints, after the
// scores, N metadata fields got wrong and the N worst bodies; without
// -misses, neither.
func TestEvalPagesPrintsMisses(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the 311 real pages twice")
	}
	dir := "../../../shared/data/realhtml"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data/realhtml is absent")
	}
	out, errOut, code := runCmd(t, "eval", "pages", "-misses", "2", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Count(out, "\nmetadata miss: ") != 2 || strings.Count(out, "\nbody: ") != 2 {
		t.Errorf("with -misses 2:\n%s", out)
	}
	out, _, _ = runCmd(t, "eval", "pages", dir)
	if strings.Contains(out, "metadata miss:") || strings.Contains(out, "\nbody: ") {
		t.Errorf("without -misses:\n%s", out)
	}
}
