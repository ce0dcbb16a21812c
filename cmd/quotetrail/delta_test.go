package main

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"quotetrail/internal/build"
	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// basilLines writes BASIL's articles (as eval reads them, in its order)
// as JSON Lines files of one article each, and returns their paths: 100
// events, each told by three outlets, so that added articles join
// utterances of earlier ones.
func basilLines(t *testing.T, dir string) []string {
	t.Helper()
	x, _, err := eval.BasilLookups("../../../shared/data/basil")
	if os.IsNotExist(err) {
		t.Skip("../shared/data/basil is absent")
	} else if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, a := range x.Articles {
		line, _ := json.Marshal(map[string]string{"url": a.URL, "title": a.Title, "outlet": a.Outlet,
			"published": a.Published, "text": strings.Join(a.Paragraphs, "\n")})
		p := filepath.Join(dir, fmt.Sprintf("basil-%03d.jsonl", i))
		mustWrite(t, p, append(line, '\n'))
		out = append(out, p)
	}
	return out
}

// siteAnswers answers each selection over a built site's whole index and
// its folder index, as entries in a fixed order (article ids, and so the
// order among equal scores, differ between a full build and an
// incremental one).
func siteAnswers(t *testing.T, site string, sels []string) (whole, folder [][]match.Entry) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, "index.qti"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := index.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	e := match.New(x)
	entry, err := os.ReadFile(filepath.Join(site, "index", index.EntryName))
	if err != nil {
		t.Fatal(err)
	}
	f, err := match.OpenFolder(entry)
	if err != nil {
		t.Fatal(err)
	}
	fetch := func(names []string) ([][]byte, error) {
		out := make([][]byte, len(names))
		for i, n := range names {
			if out[i], err = os.ReadFile(filepath.Join(site, "index", n)); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	sorted := func(ents []match.Entry) []match.Entry {
		slices.SortFunc(ents, func(a, b match.Entry) int {
			return strings.Compare(a.Article+"\x00"+a.Quote, b.Article+"\x00"+b.Quote)
		})
		return ents
	}
	for _, sel := range sels {
		whole = append(whole, sorted(e.Entries(e.Lookup(sel))))
		_, ents, err := f.Lookup(sel, fetch)
		if err != nil {
			t.Fatalf("%q: %v", sel, err)
		}
		folder = append(folder, sorted(ents))
	}
	return whole, folder
}

// TestBuildAddsADelta: a build that only adds articles to the last one
// leaves the folder index's parts where they are and writes a delta of
// what the added articles changed beside them; its answers, from the
// whole index and from the folder, are a full build's of the same
// articles. Removing an article builds in full again.
func TestBuildAddsADelta(t *testing.T) {
	if testing.Short() {
		t.Skip("builds BASIL four times")
	}
	corpus, dir := t.TempDir(), t.TempDir()
	lines := basilLines(t, t.TempDir())
	for _, p := range lines[:260] {
		data, _ := os.ReadFile(p)
		mustWrite(t, filepath.Join(corpus, filepath.Base(p)), data)
	}
	// Four of the seeds, the fifth (Vidia News, which shares The Rising
	// Nepal's text) added with the second increment: The Rising Nepal's
	// record, in the base, changes.
	for _, i := range []int{0, 2, 3, 4} {
		mustWrite(t, filepath.Join(corpus, "seed"+itoa(i)+".html"), seed(t, i))
	}
	build := func(out string, more ...string) string {
		t.Helper()
		stdout, _ := mustBuild(t, corpus, out, more...)
		return stdout
	}
	out := filepath.Join(dir, "dist")
	build(out)
	baseParts, _ := filepath.Glob(filepath.Join(out, "index", "*.qtf"))
	stamp := map[string]int64{}
	for _, p := range baseParts {
		st, _ := os.Stat(p)
		stamp[p] = st.ModTime().UnixNano()
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.qti"))
	added := 0
	for _, n := range []int{12, 20} { // two increments: 12, then 8 more
		for _, p := range lines[260 : 260+n] {
			data, _ := os.ReadFile(p)
			mustWrite(t, filepath.Join(corpus, filepath.Base(p)), data)
		}
		if n == 20 {
			mustWrite(t, filepath.Join(corpus, "seed1.html"), seed(t, 1))
		}
		stdout := build(out)
		read := n - added
		if n == 20 {
			n, read = 21, read+1
		}
		want := "with a delta of the " + plural(n, "article") + " added since"
		if !strings.Contains(stdout, want) || !strings.Contains(stdout, plural(read, "article")+" read") {
			t.Fatalf("after adding %d articles the build does not say %q:\n%s", n-added, want, stdout)
		}
		added = n
		// index.qti is the last one's bytes with a part appended, and the
		// extension's copy is index.qti.
		now, _ := os.ReadFile(filepath.Join(out, "index.qti"))
		ext, _ := os.ReadFile(filepath.Join(out, "extension", "index.qti"))
		if len(now) <= len(before) || !bytes.Equal(now[:len(before)], before) || !bytes.Equal(ext, now) {
			t.Fatalf("index.qti (%d bytes, the extension's %d) is not the last one (%d bytes) with a part appended", len(now), len(ext), len(before))
		}
		before = now
		m := regexp.MustCompile(`changed since the last build: (\d+) of (\d+) files`).FindStringSubmatch(stdout)
		t.Logf("%d articles added: %s", n, m[0])
	}
	for _, p := range baseParts {
		if p == filepath.Join(out, "index", index.EntryName) {
			continue
		}
		st, err := os.Stat(p)
		if err != nil || st.ModTime().UnixNano() != stamp[p] {
			t.Fatalf("the base's part %s was removed or written again (%v)", filepath.Base(p), err)
		}
	}

	full := filepath.Join(dir, "full")
	build(full, "-full")
	_, sels, err := eval.BasilLookups("../../../shared/data/basil")
	if err != nil {
		t.Fatal(err)
	}
	sels = append(sels, "The U.S. must handle the issue of arms sales to Taiwan with prudence",
		"the United States must treat the issue of arms sales to Taiwan with caution",
		// Only The Rising Nepal prints it: its utterance is the base's, but
		// the card says whose text the article shares.
		"China is showing other major players on the world stage the importance of",
		// A quotation of two words, and narrative (a text match), that only
		// The Rising Nepal prints.
		"rock solid",
		"He added that Beijing was considering buying 20 million tonnes of US soybeans")
	gotWhole, gotFolder := siteAnswers(t, out, sels)
	wantWhole, wantFolder := siteAnswers(t, full, sels)
	// What the contract shows: the entries' fields and the count of
	// independent reports (the entries' own report ids are article ids,
	// which differ).
	same := func(a, b []match.Entry) bool {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		return string(ja) == string(jb) && match.Independent(a) == match.Independent(b)
	}
	differ := 0
	for i, sel := range sels {
		if !same(gotWhole[i], wantWhole[i]) {
			differ++
			t.Errorf("%q: the whole index after increments answers\n%s", sel, entriesDiff(gotWhole[i], wantWhole[i]))
		}
		if !same(gotFolder[i], wantFolder[i]) {
			differ++
			t.Errorf("%q: the folder index after increments answers\n%s", sel, entriesDiff(gotFolder[i], wantFolder[i]))
		}
	}
	t.Logf("%d BASIL selections answered by both indexes after two increments, %d otherwise than a full build", len(sels), differ)

	// The command line counts the folder's articles with the delta's.
	t.Setenv(indexEnv, filepath.Join(out, "index"))
	if _, stderr, _ := runCmd(t, "lookup", sels[0]); !strings.Contains(stderr, "(285 articles;") {
		t.Errorf("lookup over the folder with a delta says:\n%s", stderr)
	}

	os.Remove(filepath.Join(corpus, filepath.Base(lines[0])))
	if stdout := build(out); strings.Contains(stdout, "with a delta") || !strings.Contains(stdout, "1 article removed") {
		t.Errorf("a build that removes an article wrote a delta:\n%s", stdout)
	}
}

// entriesDiff says how two answers differ: entries missing from either,
// and the fields that differ in the others.
func entriesDiff(got, want []match.Entry) string {
	var b strings.Builder
	if len(got) != len(want) {
		fmt.Fprintf(&b, "%d entries, a full build's %d\n", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := reflect.ValueOf(got[i]), reflect.ValueOf(want[i])
		for f := range g.NumField() {
			if !g.Type().Field(f).IsExported() {
				continue
			}
			if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
				fmt.Fprintf(&b, "%s %s: %v, a full build's %v\n", got[i].Article, g.Type().Field(f).Name, g.Field(f).Interface(), w.Field(f).Interface())
			}
		}
	}
	return b.String()
}

// TestStateWithAForeignBaseBuildsInFull: a state whose folder base does
// not describe the last index's first articles (damaged, or paired with
// another build) is no base to add a delta to: the build reads in full
// and writes the site, and the next one appends again.
func TestStateWithAForeignBaseBuildsInFull(t *testing.T) {
	corpus, out := t.TempDir(), filepath.Join(t.TempDir(), "dist")
	lines := basilLines(t, t.TempDir())
	added := 0
	add := func(n int) {
		for range n {
			data, _ := os.ReadFile(lines[added])
			mustWrite(t, filepath.Join(corpus, filepath.Base(lines[added])), data)
			added++
		}
	}
	run := func() string {
		t.Helper()
		stdout, _ := mustBuild(t, corpus, out)
		return stdout
	}
	add(40)
	run()
	statePath := filepath.Join(out, build.StateFile)
	for _, forge := range []func(*index.Entry){
		func(e *index.Entry) { e.Articles += 5 },   // more articles than the index holds
		func(e *index.Entry) { e.Quotes-- },        // fewer quotations than its articles have
		func(e *index.Entry) { e.Paragraphs += 3 }, // more paragraphs
	} {
		raw, err := os.ReadFile(statePath)
		if err != nil {
			t.Fatal(err)
		}
		// The state's header (what it goes with), then the state.
		var h struct {
			Program              uint64
			Tokens               string
			IndexSize, IndexTime int64
		}
		var s build.State
		rd := bytes.NewReader(raw)
		dec := gob.NewDecoder(rd)
		if err := dec.Decode(&h); err != nil {
			t.Fatal(err)
		}
		if err := dec.Decode(&s); err != nil {
			t.Fatal(err)
		}
		shingles := raw[len(raw)-rd.Len():] // written after the gob messages
		en, err := index.ReadEntry(s.Base)
		if err != nil {
			t.Fatal(err)
		}
		forge(en)
		s.Base = index.MarshalEntry(en)
		var b bytes.Buffer
		enc := gob.NewEncoder(&b)
		if err := enc.Encode(&h); err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(&s); err != nil {
			t.Fatal(err)
		}
		mustWrite(t, statePath, append(b.Bytes(), shingles...))
		add(1)
		if stdout := run(); strings.Contains(stdout, "with a delta") || !strings.Contains(stdout, "1 article read") {
			t.Errorf("a forged base (%d articles, %d quotations, %d paragraphs) was added to:\n%s", en.Articles, en.Quotes, en.Paragraphs, stdout)
		}
	}
	add(1)
	if stdout := run(); !strings.Contains(stdout, "with a delta of the 1 article added since") {
		t.Errorf("after a full build, one article added does not append:\n%s", stdout)
	}
}

// TestIncrementKeepsTheDemosFiles: past DemoWhole (the demo reads the
// folder index), an increment that only adds articles makes only the
// demo's files that hold them and keeps the others where they are
// (build.DemoUpdate; TestDemoUpdateAddsToTheLast counts what it makes):
// the demo folder is then a full build's, name for name and byte for
// byte, and few of its files are written again.
func TestIncrementKeepsTheDemosFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 520 PolNeAR articles three times")
	}
	texts, _ := filepath.Glob("../../../shared/data/polnear/train/text/*.txt")
	if len(texts) < 520 {
		t.Skip("../shared/data/polnear is absent")
	}
	corpus, dir := t.TempDir(), t.TempDir()
	copyIn := func(files []string) {
		for _, p := range files {
			data, _ := os.ReadFile(p)
			mustWrite(t, filepath.Join(corpus, filepath.Base(p)), data)
		}
	}
	copyIn(texts[:500])
	out := filepath.Join(dir, "dist")
	mustBuild(t, corpus, out)
	demoFiles := func(site string) map[string][]byte {
		files := map[string][]byte{}
		paths, _ := filepath.Glob(filepath.Join(site, "demo", "*"))
		for _, p := range paths {
			files[filepath.Base(p)], _ = os.ReadFile(p)
		}
		return files
	}
	stamp := map[string]int64{}
	for name := range demoFiles(out) {
		st, _ := os.Stat(filepath.Join(out, "demo", name))
		stamp[name] = st.ModTime().UnixNano()
	}
	if len(stamp) < 50 {
		t.Fatalf("the demo has %d files: the corpus is too small to be read part by part", len(stamp))
	}
	copyIn(texts[500:520])
	if stdout, _ := mustBuild(t, corpus, out); !strings.Contains(stdout, "with a delta of the 20 articles added since") {
		t.Fatalf("20 articles added did not make a delta:\n%s", stdout)
	}
	full := filepath.Join(dir, "full")
	mustBuild(t, corpus, full)
	got, want := demoFiles(out), demoFiles(full)
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("demo/%s is not a full build's", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("demo/%s: a full build has no such file", name)
		}
	}
	written := 0
	for name, before := range stamp {
		if st, err := os.Stat(filepath.Join(out, "demo", name)); err == nil && st.ModTime().UnixNano() != before {
			written++
		}
	}
	t.Logf("%d of the demo's %d files written again after 20 articles added to 500", written, len(stamp))
	if written > len(stamp)/4 {
		t.Errorf("%d of the demo's %d files written again after 20 articles added to 500", written, len(stamp))
	}
}
