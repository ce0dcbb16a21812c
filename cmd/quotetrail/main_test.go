package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	return o.String(), e.String(), code
}

// TestExtractGolden: `extract -json` on each seed page, against the golden
// files (go test ./cmd/quotetrail -update rewrites them).
func TestExtractGolden(t *testing.T) {
	pages, _ := filepath.Glob("../../corpus/*.html")
	if len(pages) != 5 {
		t.Fatalf("found %d seed pages, want 5", len(pages))
	}
	for _, page := range pages {
		rel := "corpus/" + filepath.Base(page)
		wd, _ := os.Getwd()
		os.Chdir("../..")
		out, errOut, code := runCmd(t, "extract", "-json", rel)
		os.Chdir(wd)
		if code != 0 {
			t.Fatalf("extract %s: exit %d: %s", rel, code, errOut)
		}
		var pretty bytes.Buffer
		json.Indent(&pretty, []byte(out), "", "  ")
		golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(page), ".html")+".golden.json")
		if *update {
			os.MkdirAll("testdata", 0o755)
			os.WriteFile(golden, pretty.Bytes(), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/quotetrail -update)", err)
		}
		if !bytes.Equal(pretty.Bytes(), want) {
			t.Errorf("extract -json %s differs from %s (go test ./cmd/quotetrail -update rewrites it after a deliberate change):\n%s", rel, golden, firstDiff(pretty.String(), string(want)))
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n  got  " + a + "\n  want " + b
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestExtractContract checks the JSON Lines shape of extract and the
// error record of a file it cannot read.
func TestExtractContract(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.html")
	os.WriteFile(empty, nil, 0o644)
	out, _, code := runCmd(t, "extract", "-json", "../../corpus/001_f9789ab62cedf289.html", empty)
	if code != 1 {
		t.Errorf("exit %d with one unreadable file, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one per file:\n%s", len(lines), out)
	}
	var rec struct {
		File    string `json:"file"`
		Article struct {
			Outlet, URL, Title, Byline, Published string
		} `json:"article"`
		Paragraphs int `json:"paragraphs"`
		Quotes     []struct {
			Text        string `json:"text"`
			Kind        string `json:"kind"`
			Speaker     string `json:"speaker"`
			SpeakerText string `json:"speaker_text"`
			Cue         string `json:"cue"`
			Channel     string `json:"channel"`
			ChannelText string `json:"channel_text"`
			Paragraph   int    `json:"paragraph"`
			Inferred    bool   `json:"inferred"`
		} `json:"quotes"`
		Error string `json:"error"`
	}
	json.Unmarshal([]byte(lines[0]), &rec)
	if rec.Article.Outlet != "Vidia News" || rec.Article.Published != "2026-02-05" || rec.Paragraphs != 18 || len(rec.Quotes) == 0 || rec.Error != "" {
		t.Errorf("record: %+v", rec)
	}
	var xinhua bool
	for _, q := range rec.Quotes {
		if strings.HasPrefix(q.Text, "The United States must treat") {
			xinhua = q.Channel == "Xinhua" && q.ChannelText == "according to the official Xinhua news agency" && q.SpeakerText == "he" && q.Speaker == "Xi Jinping" && q.Cue == "warned" && q.Kind == "direct"
		}
	}
	if !xinhua {
		t.Errorf("the Xinhua quotation lacks its speaker_text, channel_text, cue or kind: %+v", rec.Quotes)
	}
	rec.Error = ""
	json.Unmarshal([]byte(lines[1]), &rec)
	if !strings.Contains(rec.Error, "empty") || rec.File != empty {
		t.Errorf("unreadable file record: %s", lines[1])
	}
}

func buildSite(t *testing.T, corpus string) (dist, stdout, stderr string, code int) {
	t.Helper()
	// A stand-in engine: the build only copies it. The real engine is
	// built and run in ./wasm and ./e2e.
	dist = filepath.Join(t.TempDir(), "dist")
	stdout, stderr, code = runCmd(t, "build", "-corpus", corpus, "-www", "../../www", "-wasm", stubEngine(t), "-out", dist)
	return
}

// mustBuild builds corpus into out with a stand-in engine and more flags,
// failing the test unless the build succeeds.
func mustBuild(t *testing.T, corpus, out string, more ...string) (stdout, stderr string) {
	t.Helper()
	args := append([]string{"build", "-corpus", corpus, "-www", "../../www", "-wasm", stubEngine(t), "-out", out}, more...)
	stdout, stderr, code := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("build %v: exit %d\n%s%s", more, code, stdout, stderr)
	}
	return stdout, stderr
}

// TestBuildGoesOnPastBadFiles: bad corpus files are named with the reason
// and the rest is built.
func TestBuildGoesOnPastBadFiles(t *testing.T) {
	corpus := t.TempDir()
	pages, _ := filepath.Glob("../../corpus/*.html")
	for _, p := range pages {
		b, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(corpus, filepath.Base(p)), b, 0o644)
	}
	os.WriteFile(filepath.Join(corpus, "empty.html"), nil, 0o644)
	os.WriteFile(filepath.Join(corpus, "image.html"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	os.WriteFile(filepath.Join(corpus, "menu.html"), []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"), 0o644)
	dist, out, errOut, code := buildSite(t, corpus)
	if code != 1 {
		t.Errorf("exit %d, want 1 when files were left out\n%s", code, errOut)
	}
	for _, want := range []string{"empty.html: empty file", "image.html: binary data", "menu.html: no article text"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "5 articles") || !strings.Contains(out, "3 files left out") {
		t.Errorf("summary: %s", out)
	}
	for _, f := range []string{"index.qti", "index.html", "quotetrail.js", "engine.wasm", "articles.json", "engine.wasm.br"} {
		if _, err := os.Stat(filepath.Join(dist, f)); err != nil {
			t.Errorf("dist lacks %s", f)
		}
	}
	// The built index answers lookups through the CLI.
	out, errOut, code = runCmd(t, "lookup", "-json", "-index", filepath.Join(dist, "index.qti"), "The U.S. must handle the issue of arms sales to Taiwan with prudence")
	if code != 0 {
		t.Fatalf("lookup: exit %d: %s", code, errOut)
	}
	var res struct {
		Query   string
		Matches []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("lookup -json: %v\n%s", err, out)
	}
	outlets := map[string]map[string]any{}
	for _, m := range res.Matches {
		for _, k := range []string{"article", "outlet", "url", "title", "published", "quote", "match", "score", "speaker", "channel", "cue", "attribution", "inferred"} {
			if _, ok := m[k]; !ok {
				t.Errorf("match lacks %q: %v", k, m)
			}
		}
		outlets[m["outlet"].(string)] = m
	}
	if len(outlets) != 3 || outlets["Vidia News"]["channel"] != "Xinhua" || outlets["Vidia News"]["match"] != "variant" {
		t.Errorf("lookup: %s", out)
	}
}
