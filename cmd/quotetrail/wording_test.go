package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLookupSaysHowEachOutletWordedIt: the text output labels each
// outlet by its wording, lists the words spelled differently, and names
// the quotation the engine answered for inside a sloppy selection.
func TestLookupSaysHowEachOutletWordedIt(t *testing.T) {
	dist, _, stderr, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	idx := filepath.Join(dist, "index")
	out, _, _ := runCmd(t, "lookup", "-index", idx, "The U.S. must handle the issue of arms sales to Taiwan with prudence")
	for _, want := range []string{"The Washington Times  2026-02-05  [identical 1.00]", "The Rising Nepal  2026-02-05  [spelled differently 1.00]",
		"spelled differently: “United States”", "[reworded "} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	out, _, _ = runCmd(t, "lookup", "-index", idx,
		"“The United States must treat the Taiwan issue with prudence,” he warned, according to the official Xinhua news agency.")
	first, _, _ := strings.Cut(out, "\n")
	if first != "3 outlets carried it (2 independent reports; answered for the quotation “The United States must treat the Taiwan issue with prudence” in the selection):" {
		t.Errorf("first line of a sloppy selection's answer: %q", first)
	}
}
