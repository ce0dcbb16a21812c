package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotetrail/internal/eval"
	"quotetrail/internal/index"
)

// basilArticle writes BASIL's article file (under
// ../shared/data/basil/articles) as a JSON Lines file of one article in
// dir, named after it.
func basilArticle(t *testing.T, dir, file string) {
	t.Helper()
	line, err := eval.BasilJSONLine(filepath.Join("../../../shared/data/basil/articles", file))
	if os.IsNotExist(err) {
		t.Skip("../shared/data/basil is absent")
	} else if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".json")+".jsonl"), line)
}

// The New York Times' report of the Wal-Mart v. Dukes hearing (BASIL,
// 2011) quotes the plaintiffs' lawyer as "Mr. Sellers" only; The
// Huffington Post's report of the same hearing quotes "Joseph Sellers".
const (
	sellersNYT = "2011/2058ec60-5372-4f5f-83a3-da780be3a350_1.json"
	sellersHPO = "2011/2058ec60-5372-4f5f-83a3-da780be3a350_3.json"
	// Only the Times prints it: “That could very well be the case,” Mr.
	// Sellers said.
	sellersSaid = "That could very well be the case"
)

// sellersEntry looks up sellersSaid on the index at idx and returns the
// Times' entry's speaker and speaker_text.
func sellersEntry(t *testing.T, idx string) (speaker, own string) {
	t.Helper()
	stdout, stderr, code := runCmd(t, "lookup", "-json", "-index", idx, sellersSaid)
	if code != 0 {
		t.Fatalf("lookup on %s: exit %d: %s", idx, code, stderr)
	}
	var res struct {
		Matches []struct {
			Article, Outlet, Speaker string
			SpeakerText              string `json:"speaker_text"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Matches {
		if m.Outlet == "NYT" {
			return m.Speaker, m.SpeakerText
		}
	}
	t.Fatalf("lookup on %s: no entry of the Times:\n%s", idx, stdout)
	return "", ""
}

// TestLookupGivesTheCorpusName: an article that names the speaker only
// by his surname ("Mr. Sellers") is shown, in the lookup's JSON from
// either index, with the fullest name the corpus knows for him ("Joseph
// Sellers", from another outlet's report), its own in speaker_text;
// without that report, with its own.
func TestLookupGivesTheCorpusName(t *testing.T) {
	corpus := t.TempDir()
	basilArticle(t, corpus, sellersNYT)
	basilArticle(t, corpus, sellersHPO)
	dist, _, errOut, code := buildSite(t, corpus)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	for _, idx := range []string{filepath.Join(dist, "index.qti"), filepath.Join(dist, "index")} {
		if sp, own := sellersEntry(t, idx); sp != "Joseph Sellers" || own != "Mr. Sellers" {
			t.Errorf("%s: the Times' speaker is %q (its own %q), want \"Joseph Sellers\" (\"Mr. Sellers\")", idx, sp, own)
		}
	}

	alone := t.TempDir()
	basilArticle(t, alone, sellersNYT)
	dist, _, errOut, code = buildSite(t, alone)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if sp, own := sellersEntry(t, filepath.Join(dist, "index", index.EntryName)); sp != "Sellers" || own != "" {
		t.Errorf("the Times alone: its speaker is %q (its own %q), want \"Sellers\" and none", sp, own)
	}
}

// TestDeltaRenamesBaseSpeakers: a build that only adds The Huffington
// Post's report to a site holding the Times' writes a delta in which
// the Times' quotations (in the base) carry the corpus name the added
// report gives, as a full build shows them. The Times' own name outlives
// a second delta: once the Huffington Post's report is removed, the
// Times' speaker is "Sellers" again.
func TestDeltaRenamesBaseSpeakers(t *testing.T) {
	corpus, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	// The base: the Times and sixteen reports of other events, so that
	// one article added stays under a delta's share of the base.
	lines := basilLines(t, t.TempDir())
	for _, p := range lines[:16] { // 2010's
		data, _ := os.ReadFile(p)
		mustWrite(t, filepath.Join(corpus, filepath.Base(p)), data)
	}
	basilArticle(t, corpus, sellersNYT)
	build := func() string {
		t.Helper()
		stdout, _ := mustBuild(t, corpus, out)
		return stdout
	}
	build()
	if sp, _ := sellersEntry(t, filepath.Join(out, "index")); sp != "Sellers" {
		t.Fatalf("before the Huffington Post's report, the Times' speaker is %q", sp)
	}
	basilArticle(t, corpus, sellersHPO)
	if stdout := build(); !strings.Contains(stdout, "with a delta of the 1 article added") {
		t.Fatalf("adding one article wrote no delta:\n%s", stdout)
	}
	for _, idx := range []string{filepath.Join(out, "index"), filepath.Join(out, "index.qti")} {
		if sp, own := sellersEntry(t, idx); sp != "Joseph Sellers" || own != "Mr. Sellers" {
			t.Errorf("%s after the delta: the Times' speaker is %q (its own %q), want \"Joseph Sellers\" (\"Mr. Sellers\")", idx, sp, own)
		}
	}

	data, _ := os.ReadFile(lines[16])
	mustWrite(t, filepath.Join(corpus, filepath.Base(lines[16])), data)
	if stdout := build(); !strings.Contains(stdout, "with a delta of the 2 articles added") {
		t.Fatalf("adding a second article wrote no delta:\n%s", stdout)
	}
	os.Remove(filepath.Join(corpus, strings.TrimSuffix(filepath.Base(sellersHPO), ".json")+".jsonl"))
	build()
	if sp, own := sellersEntry(t, filepath.Join(out, "index")); sp != "Sellers" || own != "" {
		t.Errorf("after the Huffington Post's report is removed: the Times' speaker is %q (its own %q), want \"Sellers\"", sp, own)
	}
}
