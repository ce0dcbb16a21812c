package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"quotetrail/internal/index"
)

// demoSite is what DemoFiles wrote, read back as the page reads it.
type demoSite struct {
	files map[string][]byte
	start demoStart
	pages [][][5]string // the list, page by page
	texts map[string]map[string]demoText
}

func readDemo(t testing.TB, files map[string][]byte) demoSite {
	t.Helper()
	d := demoSite{files: files, texts: map[string]map[string]demoText{}}
	if err := json.Unmarshal(files["demo/start.json"], &d.start); err != nil {
		t.Fatalf("demo/start.json: %v\n%s", err, files["demo/start.json"])
	}
	for _, p := range d.start.Pages {
		var page [][5]string
		if err := json.Unmarshal(files["demo/"+p.File], &page); err != nil {
			t.Fatalf("list page %s: %v", p.File, err)
		}
		if len(page) != p.Count {
			t.Errorf("list page %s holds %d articles, start.json says %d", p.File, len(page), p.Count)
		}
		d.pages = append(d.pages, page)
		for _, e := range page {
			if _, ok := d.texts[e[4]]; ok {
				continue
			}
			var text map[string]demoText
			if err := json.Unmarshal(files["demo/"+e[4]], &text); err != nil {
				t.Fatalf("text file %s: %v", e[4], err)
			}
			d.texts[e[4]] = text
		}
	}
	return d
}

// TestDemoDataCarriesSite: the name and description given to the build
// reach demo/start.json as given (HTML in them is text for the page to
// show as text); without them the description is Describe's.
func TestDemoDataCarriesSite(t *testing.T) {
	files, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	x, _ := Index(files)
	site := Site{Name: "Seeds <b>&amp;</b>", About: "Five reports, \"quoted\" <script>alert(1)</script>."}
	d := readDemo(t, DemoFiles(x, site))
	if d.start.Name != site.Name || d.start.About != site.About {
		t.Errorf("name %q, about %q; want %q, %q", d.start.Name, d.start.About, site.Name, site.About)
	}
	if d.start.Count != len(x.Articles) || len(d.start.First) != len(x.Articles) {
		t.Errorf("count %d, first page %d articles; want all %d on one page", d.start.Count, len(d.start.First), len(x.Articles))
	}
	d = readDemo(t, DemoFiles(x, Site{About: "  "}))
	if d.start.Name != "" || d.start.About != Describe(x) {
		t.Errorf("without -name and -about: name %q, about %q; want \"\", %q", d.start.Name, d.start.About, Describe(x))
	}
	// The placeholder is a quotation the corpus has, attributed and whole,
	// the one the most articles carry.
	carriers := map[int]map[int]bool{}
	most := 0
	for _, q := range x.Quotes {
		if q.Unattributed || q.Partial {
			continue
		}
		if carriers[q.Utterance] == nil {
			carriers[q.Utterance] = map[int]bool{}
		}
		carriers[q.Utterance][q.Article] = true
		most = max(most, len(carriers[q.Utterance]))
	}
	found := false
	for _, q := range x.Quotes {
		if q.Text == d.start.Example && !q.Unattributed && !q.Partial {
			found = true
			if n := len(carriers[q.Utterance]); n != most || most < 2 {
				t.Errorf("example %q is carried by %d articles; the most carried by any is %d", d.start.Example, n, most)
			}
		}
	}
	if !found {
		t.Errorf("example %q is no attributed, whole quotation of the corpus", d.start.Example)
	}
	t.Logf("example: %q", d.start.Example)
}

// TestDemoFilesHoldEveryArticle: read back as the page reads them, the
// demo's files list every article once, in the index's order, each with
// its metadata, its text, and its quotations where the index has them
// (spans in UTF-16 code units, which JavaScript slices by).
func TestDemoFilesHoldEveryArticle(t *testing.T) {
	files, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	seeds, _ := Index(files)
	for _, x := range []*index.Index{seeds, generated(3000, 7)} {
		d := readDemo(t, DemoFiles(x, Site{}))
		var list [][5]string
		for _, p := range d.pages {
			list = append(list, p...)
		}
		if len(list) != len(x.Articles) {
			t.Fatalf("the list holds %d articles, the index %d", len(list), len(x.Articles))
		}
		if !reflect.DeepEqual(d.start.First, d.pages[0]) {
			t.Errorf("start.json's first page is not the list's first page")
		}
		quotes := map[int][]index.Quote{}
		for _, q := range x.Quotes {
			quotes[q.Article] = append(quotes[q.Article], q)
		}
		for i, a := range x.Articles {
			e := list[i]
			if e != [5]string{a.Stem, a.Outlet, a.Published, a.Title, e[4]} {
				t.Fatalf("list entry %d is %q, want article %q", i, e, a.Stem)
			}
			text, ok := d.texts[e[4]][a.Stem]
			if !ok {
				t.Fatalf("%s is not in its text file %s", a.Stem, e[4])
			}
			if text.URL != a.URL || text.Byline != a.Byline || !reflect.DeepEqual(text.Paragraphs, a.Paragraphs) {
				t.Errorf("%s: text file holds %+v", a.Stem, text)
			}
			if len(text.Quotes) != len(quotes[i]) {
				t.Fatalf("%s: %d quotations, the index has %d", a.Stem, len(text.Quotes), len(quotes[i]))
			}
			for k, q := range quotes[i] {
				s := text.Quotes[k]
				u := utf16.Encode([]rune(text.Paragraphs[s[0]]))
				if got := string(utf16.Decode(u[s[1]:s[2]])); s[0] != q.Paragraph || got != a.Paragraphs[q.Paragraph][q.Start:q.End] {
					t.Errorf("%s: quotation %d spans %q, want %q", a.Stem, k, got, a.Paragraphs[q.Paragraph][q.Start:q.End])
				}
			}
		}
		for name, b := range d.files {
			if base := path.Base(name); strings.HasPrefix(base, "p-") || strings.HasPrefix(base, "t-") {
				if base != demoName(base[:2], b) {
					t.Errorf("%s is not named by its content", name)
				}
			}
		}
	}
}

// TestDemoFilesFirstLoadStaysSmall: whatever the corpus's size, what the
// page fetches before the reader does anything (start.json, the loader
// switch and the first article's text file) stays small, and past
// DemoWhole the page reads the folder index and keeps nothing offline on
// its own. The target is under 200 KB at 100,000 articles; the
// old articles.json was 348 MB there.
func TestDemoFilesFirstLoadStaysSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100,000 articles")
	}
	for _, n := range []int{10000, 100000} {
		x := generated(n, 1)
		files := DemoFiles(x, Site{})
		d := demoStart{}
		if err := json.Unmarshal(files["demo/start.json"], &d); err != nil {
			t.Fatal(err)
		}
		first := len(files["demo/start.json"]) + len(files["demo/index.js"]) + len(files["demo/"+d.First[0][4]])
		t.Logf("%d articles: start.json %d bytes, %d list pages, first load %d bytes raw, %d demo files", n,
			len(files["demo/start.json"]), len(d.Pages), first, len(files))
		if first >= 200<<10 {
			t.Errorf("%d articles: the first load is %d bytes", n, first)
		}
		if !strings.Contains(string(files["demo/index.js"]), "'index/'") || len(d.Offline) != 0 {
			t.Errorf("%d articles: the page does not read the folder index, or keeps %d files offline", n, len(d.Offline))
		}
		if _, ok := files["articles.json"]; ok {
			t.Errorf("%d articles: articles.json written", n)
		}
	}
	// The seeds: the whole index, everything kept offline.
	files, _ := CorpusFiles("../../corpus")
	seeds, _ := Index(files)
	demo := DemoFiles(seeds, Site{})
	var d demoStart
	json.Unmarshal(demo["demo/start.json"], &d)
	if strings.Contains(string(demo["demo/index.js"]), "data-index") || !slices.Contains(d.Offline, "index.qti") || len(d.Offline) < 4+len(demo)-3 {
		t.Errorf("seeds: index.js %q, offline %q", demo["demo/index.js"], d.Offline)
	}
}

// TestDemoFilesIncremental: an article added in the middle of the corpus,
// or one changed, changes only a few of the demo's files (its text file,
// its list page, start.json), not those after it: names and bytes of the
// others stay, so an incremental build rewrites only those few.
func TestDemoFilesIncremental(t *testing.T) {
	x := generated(5000, 3)
	before := DemoFiles(x, Site{})
	added := generated(5000, 3)
	extra := generated(1, 99).Articles[0]
	extra.Stem = "inserted-in-the-middle"
	added.Articles = slices.Insert(added.Articles, 2500, extra)
	for i := range added.Quotes {
		if added.Quotes[i].Article >= 2500 {
			added.Quotes[i].Article++
		}
	}
	changed := generated(5000, 3)
	changed.Articles[1234].Paragraphs = append([]string{"A new first paragraph."}, changed.Articles[1234].Paragraphs[1:]...)
	for name, y := range map[string]*index.Index{"added": added, "changed": changed} {
		after := DemoFiles(y, Site{})
		differ := 0
		for f, b := range after {
			if !bytes.Equal(before[f], b) {
				differ++
			}
		}
		t.Logf("%s: %d of %d files new or changed", name, differ, len(after))
		// Its text file (and, at worst, the one it split or joined), its
		// list page (same), start.json.
		if differ > 5 {
			t.Errorf("%s one article: %d of %d demo files new or changed", name, differ, len(after))
		}
	}
}

// TestDemoUpdateAddsToTheLast: articles added at the end of a corpus,
// once and then again, give DemoUpdate the files DemoFiles gives for the
// whole corpus, names and bytes, while it makes only the last text files
// and list pages and keeps the others; runs it cannot trust (not tiling
// the last build's articles) make everything again.
func TestDemoUpdateAddsToTheLast(t *testing.T) {
	all := generated(6000, 5)
	upTo := func(n int) *index.Index {
		y := &index.Index{Articles: all.Articles[:n]}
		for _, q := range all.Quotes {
			if q.Article < n {
				y.Quotes = append(y.Quotes, q)
			}
		}
		return y
	}
	_, runs, kept := DemoUpdate(upTo(5000), Site{}, nil, 0)
	if len(kept) != 0 {
		t.Fatalf("a first build keeps %d files", len(kept))
	}
	base := 5000
	for _, n := range []int{5100, 5101, 6000} {
		y := upTo(n)
		want := DemoFiles(y, Site{})
		got, next, kept := DemoUpdate(y, Site{}, &runs, base)
		for _, name := range kept {
			if _, ok := want[name]; !ok {
				t.Errorf("%d articles: keeps %s, which a full build does not make", n, name)
			}
			if _, ok := got[name]; ok {
				t.Errorf("%d articles: %s both kept and made", n, name)
			}
		}
		for name, b := range got {
			if !bytes.Equal(want[name], b) {
				t.Errorf("%d articles: %s is not a full build's", n, name)
			}
		}
		if len(got)+len(kept) != len(want) {
			t.Errorf("%d articles: %d files made and %d kept, a full build makes %d", n, len(got), len(kept), len(want))
		}
		t.Logf("%d articles after %d: %d files made, %d kept", n, base, len(got), len(kept))
		if len(got) > 10+(n-base)/2 {
			t.Errorf("%d articles after %d: %d files made", n, base, len(got))
		}
		runs, base = next, n
	}
	// Runs that do not tile the last build's articles: all made again.
	broken := runs
	broken.Texts = slices.Clone(runs.Texts)
	broken.Texts[3].Count++
	got, _, kept := DemoUpdate(upTo(6000), Site{}, &broken, 6000)
	if len(kept) != 0 || len(got) != len(DemoFiles(upTo(6000), Site{})) {
		t.Errorf("runs that do not tile: %d files made, %d kept", len(got), len(kept))
	}
}

// generated is an index of n articles of made-up text, each with a
// quotation in its second paragraph (after a non-ASCII letter, to check
// UTF-16 spans): articles the demo lists and shows like real ones.
func generated(n int, seed uint64) *index.Index {
	r := rand.New(rand.NewPCG(seed, 2))
	words := strings.Fields("the minister said trade talks would resume after the summit in Geneva officials told reporters on Tuesday that tariffs remain é𝄞 under review")
	sentence := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		return strings.Join(w, " ") + "."
	}
	x := &index.Index{}
	for i := range n {
		a := index.Article{Stem: fmt.Sprintf("%06d-%x", i, r.Uint32()), Outlet: fmt.Sprintf("Outlet %d", i%37),
			URL: fmt.Sprintf("https://example.com/%d", i), Title: sentence(8), Published: fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28)}
		quoted := sentence(10)
		a.Paragraphs = []string{sentence(30), "Café 𝄞 “" + quoted + "” she said.", sentence(40)}
		start := strings.Index(a.Paragraphs[1], quoted)
		x.Quotes = append(x.Quotes, index.Quote{Article: i, Paragraph: 1, Start: start, End: start + len(quoted), Text: quoted, Utterance: i % 500})
		x.Articles = append(x.Articles, a)
	}
	return x
}

// BenchmarkDemoFiles: the demo's files at growing corpora (the build's
// own cost for the demo must grow with the corpus, not faster).
func BenchmarkDemoFiles(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		x := generated(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				DemoFiles(x, Site{})
			}
		})
	}
}

// TestDescribe: the default description counts what was built (articles,
// named outlets, the span of the dates the articles carry) and claims
// nothing it was not given.
func TestDescribe(t *testing.T) {
	art := func(outlet, published string) index.Article {
		return index.Article{Stem: filepath.Base(outlet + published), Outlet: outlet, Published: published}
	}
	for _, c := range []struct {
		articles []index.Article
		want     string
	}{
		{[]index.Article{art("A", "2026-02-05")}, "1 article from 1 outlet. Published on 2026-02-05."},
		{[]index.Article{art("A", "2026-02-05"), art("B", "2025-11-24"), art("A", "2026-01-01")},
			"3 articles from 2 outlets. Published between 2025-11-24 and 2026-02-05."},
		{[]index.Article{art("A", "2026-02-05"), art("", ""), art("B", "not a date"), art("C", "2026-02-05")},
			"4 articles from 3 outlets (1 article naming none). 2 published on 2026-02-05; 2 undated."},
		{[]index.Article{art("", ""), art("", "")}, "2 articles, none naming its outlet. No publication dates."},
	} {
		if got := Describe(&index.Index{Articles: c.articles}); got != c.want {
			t.Errorf("Describe(%+v) = %q, want %q", c.articles, got, c.want)
		}
	}
	many := make([]index.Article, 12345)
	for i := range many {
		many[i] = art("Outlet "+string(rune('A'+i%3)), "")
	}
	if got := Describe(&index.Index{Articles: many}); !strings.HasPrefix(got, "12,345 articles from 3 outlets.") {
		t.Errorf("Describe of 12,345 articles = %q", got)
	}
	// On the seeds: every count and date is the corpus's own.
	files, _ := CorpusFiles("../../corpus")
	x, _ := Index(files)
	if got, want := Describe(x), "5 articles from 5 outlets. 3 published on 2026-02-05; 2 undated."; got != want {
		t.Errorf("Describe(seeds) = %q, want %q (../shared/seeds/SOURCES.md: five outlets, three dated 2026-02-05, two not stated)", got, want)
	}
}
