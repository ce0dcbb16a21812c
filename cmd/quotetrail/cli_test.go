package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsAnywhere: flags may follow the text (`lookup "…" -json`) and
// mean what they mean before it; "--" ends the flags, so a text may start
// with "-"; -h exits 0; version exits 0.
func TestFlagsAnywhere(t *testing.T) {
	t.Setenv(indexEnv, "")
	dist, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	const sel = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	before, _, code1 := runCmd(t, "lookup", "-index", dist+"/index", "-json", sel)
	after, _, code2 := runCmd(t, "lookup", sel, "-json", "-index", dist+"/index")
	if code1 != 0 || code2 != 0 || before != after {
		t.Fatalf("flags after the text: exit %d\n%s\nbefore it: exit %d\n%s", code2, after, code1, before)
	}
	var res struct{ Query string }
	if err := json.Unmarshal([]byte(after), &res); err != nil || res.Query != sel {
		t.Errorf("the query read %q (%v), want %q", res.Query, err, sel)
	}
	// After "--", "-json" is text.
	out, _, _ := runCmd(t, "lookup", "-index", dist+"/index", "--", "-json")
	if strings.HasPrefix(strings.TrimSpace(out), "{") {
		t.Errorf(`"--" did not end the flags: %s`, out)
	}
	for _, args := range [][]string{{"lookup", "-h"}, {"build", "-h"}, {"extract", "-h"}, {"serve", "-h"}, {"eval", "lookups", "-h"}} {
		if _, errOut, code := runCmd(t, args...); code != 0 || !strings.Contains(errOut, "-") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if _, _, code := runCmd(t, "lookup", "-nosuchflag", "x"); code != 2 {
		t.Errorf("a bad flag: exit %d, want 2", code)
	}
	if out, _, code := runCmd(t, "version"); code != 0 || !strings.HasPrefix(out, "quotetrail ") || !strings.Contains(out, "go1") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// TestLookupTrimsStandardInput: a selection piped in ends without its
// newline in the query.
func TestLookupTrimsStandardInput(t *testing.T) {
	t.Setenv(indexEnv, "")
	dist, _, errOut, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	var o, e bytes.Buffer
	sel := "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	if code := run([]string{"lookup", "-json", "-index", dist + "/index"}, strings.NewReader(sel+"\n"), &o, &e); code != 0 {
		t.Fatalf("exit %d: %s", code, e.String())
	}
	var res struct{ Query string }
	if err := json.Unmarshal(o.Bytes(), &res); err != nil || res.Query != sel {
		t.Errorf("query %q (%v), want %q", res.Query, err, sel)
	}
}

// TestSummaryPlurals: one of a thing is not "1 things", in build's summary
// and extract's.
func TestSummaryPlurals(t *testing.T) {
	if got := plural(1, "quotation") + ", " + plural(2, "article") + ", " + plural(12345, "article"); got != "1 quotation, 2 articles, 12,345 articles" {
		t.Errorf("%q", got)
	}
	corpus := t.TempDir()
	page := "Farm minister speaks\n\nThe farm minister spoke in the capital on Tuesday. " +
		"“We will not give up the fight for our farmers and our towns,” the minister said.\n"
	if err := os.WriteFile(filepath.Join(corpus, "a.txt"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, out, errOut, code := buildSite(t, corpus); code != 0 || !strings.Contains(out, "quotetrail build: 1 article, 1 quotation (1 utterance) from") {
		t.Errorf("build: exit %d, %s%s", code, out, errOut)
	}
	if out, _, _ := runCmd(t, "extract", filepath.Join(corpus, "a.txt")); !strings.Contains(out, "2 paragraphs, 1 quotation\n") {
		t.Errorf("extract: %s", out)
	}
}
