package scale

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotetrail/internal/article"
	"quotetrail/internal/bench"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/serve"
)

const shared = "../../../shared"

func corpus(t *testing.T, n int) *index.Index {
	t.Helper()
	if _, err := os.Stat(shared + "/data/polnear"); err != nil {
		t.Skip("../shared/data is absent")
	}
	srcs, err := bench.Sources(shared)
	if err != nil {
		t.Fatal(err)
	}
	return bench.Generate(srcs, n, 1)
}

// TestPagesReadBack: the pages written for both tools read back, through
// quotetrail's own goquery reader, as the generated articles: outlet,
// date, title and every paragraph, in order.
func TestPagesReadBack(t *testing.T) {
	x := corpus(t, 30)
	dir := t.TempDir()
	if err := WritePages(dir, x); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) != len(x.Articles) {
		t.Fatalf("%d pages for %d articles", len(files), len(x.Articles))
	}
	dates := map[string]bool{}
	for i, want := range x.Articles {
		got, err := article.ReadFile(filepath.Join(dir, PageName(i)))
		if err != nil {
			t.Fatalf("%s: %v", PageName(i), err)
		}
		if got.Outlet != want.Outlet || got.Published != published(i) || got.Title != title(want) {
			t.Errorf("%s read back as outlet %q date %q title %q, want %q %q %q",
				PageName(i), got.Outlet, got.Published, got.Title, want.Outlet, published(i), title(want))
		}
		// The reader folds runs of white space (no-break spaces too).
		if words(got.Paragraphs) != words(want.Paragraphs) {
			t.Errorf("%s: paragraphs read back differ:\n got %q\nwant %q", PageName(i), got.Paragraphs, want.Paragraphs)
		}
		dates[got.Published] = true
	}
	if len(dates) < 2 {
		t.Errorf("every article has the same date")
	}
}

func words(paras []string) string {
	var out []string
	for _, p := range paras {
		out = append(out, strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(out, "\n")
}

// TestLookups: the selections are seeded (the same list for both tools and
// every run), distinct, 6 to 12 words, each a run of consecutive words of
// a quotation of the corpus.
func TestLookups(t *testing.T) {
	x := corpus(t, 100)
	a, b := Lookups(x, 50, 1), Lookups(x, 50, 1)
	if len(a) != 50 || strings.Join(a, "|") != strings.Join(b, "|") {
		t.Fatalf("not repeatable: %d then %d selections", len(a), len(b))
	}
	if strings.Join(a, "|") == strings.Join(Lookups(x, 50, 2), "|") {
		t.Errorf("another seed gave the same list")
	}
	var quotes []string
	for _, q := range x.Quotes {
		quotes = append(quotes, " "+strings.Join(strings.Fields(q.Text), " ")+" ")
	}
	seen := map[string]bool{}
	for _, s := range a {
		if n := len(strings.Fields(s)); n < 6 || n > 12 {
			t.Errorf("%q has %d words", s, n)
		}
		if seen[s] {
			t.Errorf("%q twice", s)
		}
		seen[s] = true
		found := false
		for _, q := range quotes {
			if strings.Contains(q, " "+s+" ") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%q is no run of words of any quotation", s)
		}
	}
	// One quotation of seven words holds three runs of 6 to 12 words.
	one := &index.Index{Quotes: []index.Quote{{Text: "we will not raise taxes this year"}, {Text: "no comment"}}}
	if got := Lookups(one, 10, 1); len(got) != 3 || got[0] == got[1] || got[1] == got[2] || got[0] == got[2] {
		t.Errorf("one seven-word quotation gave %q, want its three distinct runs", got)
	}
	if got := Lookups(&index.Index{}, 5, 1); len(got) != 0 {
		t.Errorf("a corpus without quotations gave %q", got)
	}
}

// TestChain: fetches made side by side count once, fetches that wait for
// one another each count.
func TestChain(t *testing.T) {
	t0 := time.Unix(0, 0)
	at := func(from, to int) Fetch {
		return Fetch{Start: t0.Add(time.Duration(from) * time.Millisecond), End: t0.Add(time.Duration(to) * time.Millisecond)}
	}
	for _, c := range []struct {
		name string
		fs   []Fetch
		want int
	}{
		{"none", nil, 0},
		{"side by side", []Fetch{at(0, 100), at(5, 90), at(10, 120)}, 1},
		{"one after another", []Fetch{at(200, 300), at(0, 100), at(100, 190)}, 3},
		{"two rounds of parallel fetches", []Fetch{at(0, 100), at(0, 150), at(160, 300), at(170, 260)}, 2},
	} {
		if got := Chain(c.fs); got != c.want {
			t.Errorf("%s: chain %d, want %d", c.name, got, c.want)
		}
	}
}

// TestEngineFiles: engine code is told from index data by file name, for
// both tools, so that a chunked quotetrail index counts as data whatever
// its files are called.
func TestEngineFiles(t *testing.T) {
	for p, want := range map[string]bool{"/engine.wasm": true, "/wasm_exec.js": true, "/quotetrail-worker.js": true,
		"/quotetrail.js": true, "/index.qti": false, "/index/chunk-0001.qti": false, "/articles.json": false} {
		if QuotetrailEngine(p) != want {
			t.Errorf("QuotetrailEngine(%q) = %v", p, !want)
		}
	}
	for p, want := range map[string]bool{"/pagefind/pagefind.js": true, "/pagefind/pagefind-worker.js": true,
		"/pagefind/wasm.en.pagefind": true, "/pagefind/pagefind-entry.json": false, "/pagefind/pagefind.en_1.pf_meta": false,
		"/pagefind/index/en_1.pf_index": false, "/pagefind/fragment/en_1.pf_fragment": false} {
		if PagefindEngine(p) != want {
			t.Errorf("PagefindEngine(%q) = %v", p, !want)
		}
	}
}

// TestRecorderCountsSentBytes: the recorder, in front of the project's
// file server, counts the bytes of the body actually sent: the brotli
// sibling's when the browser accepts br, the plain file's otherwise.
func TestRecorderCountsSentBytes(t *testing.T) {
	dir := t.TempDir()
	plain := strings.Repeat("quotetrail ", 1000)
	os.WriteFile(filepath.Join(dir, "a.js"), []byte(plain), 0o644)
	os.WriteFile(filepath.Join(dir, "a.js.br"), []byte("not really brotli, 31 bytes...."), 0o644)
	rec := NewRecorder(serve.Handler(dir))
	srv := httptest.NewServer(rec)
	defer srv.Close()
	for _, enc := range []string{"br", "identity"} {
		req, _ := http.NewRequest("GET", srv.URL+"/a.js", nil)
		req.Header.Set("Accept-Encoding", enc)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	// The handler records a response after its last byte, which the
	// client may have read first.
	var got []Fetch
	for deadline := time.Now().Add(time.Minute); len(got) < 2 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		got = append(got, rec.Take()...)
	}
	if len(got) != 2 || got[0].Path != "/a.js" || got[0].Bytes != 31 || got[0].Encoding != "br" || got[1].Bytes != int64(len(plain)) {
		t.Errorf("recorded %+v", got)
	}
	if again := rec.Take(); len(again) != 0 {
		t.Errorf("Take kept %d fetches", len(again))
	}
}

// TestMeasureReveal: over a folder index written to disk, every lookup is
// counted; the term chunks it requests hold words, the quotation shards
// it fetches hold the quotation it was cut from.
func TestMeasureReveal(t *testing.T) {
	x := corpus(t, 200)
	match.Tokenize(x)
	match.Group(x)
	sels := Lookups(x, 20, 1)
	dir := t.TempDir()
	for name, data := range match.BuildFolder(x, match.DefaultFolder) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := MeasureReveal(dir, sels)
	if err != nil {
		t.Fatal(err)
	}
	if r.Lookups != len(sels) || len(r.Quotes) != len(sels) || len(r.ChunkWords) == 0 || least(r.ChunkWords) < 1 || len(r.ChunkPrints) == 0 {
		t.Fatalf("%+v", r)
	}
	for i, q := range r.Quotes {
		if q < 1 || r.Utterances[i] < 1 {
			t.Errorf("%q: its shards held %v quotations of %v utterances", sels[i], q, r.Utterances[i])
		}
	}
	var b strings.Builder
	r.Print(&b, "200 articles")
	t.Log(b.String())
}

// TestTableWithoutPagefind: when Pagefind could not build the pages (100k
// here), quotetrail's column is still printed, and no budget against
// Pagefind is judged.
func TestTableWithoutPagefind(t *testing.T) {
	qt := &Tool{Name: "quotetrail", Samples: []Sample{{Index: 500 << 10, Cold: 900, WarmP95: 50, ChainData: 3, ChainAll: 4, Asked: 50, Found: 50}}}
	pf := &Tool{Name: "Pagefind", Err: errors.New("memory allocation of 224 bytes failed")}
	var b strings.Builder
	Print(&b, Config{Throttle: Slow4G()}, []SizeResult{{Articles: 100000, Lookups: make([]string, 50), Tools: []*Tool{qt, pf}}})
	out := b.String()
	for _, want := range []string{"Pagefind failed: memory allocation", "| index bytes fetched by the first lookup (engine code excluded) | 500 KB | — | ≤ Pagefind's | — |", "| ≤ 3 after the engine | yes |"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}
