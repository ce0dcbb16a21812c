package build

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"quotetrail/internal/index"
)

type demoJSON struct {
	Name     string `json:"name"`
	About    string `json:"about"`
	Example  string `json:"example"`
	Articles []struct {
		Stem   string   `json:"stem"`
		Quotes [][3]int `json:"quotes"`
	} `json:"articles"`
}

func readDemo(t *testing.T, b []byte) demoJSON {
	t.Helper()
	var d demoJSON
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("articles.json: %v\n%s", err, b)
	}
	return d
}

// TestDemoDataCarriesSite: the name and description given to the build
// reach articles.json as given (HTML in them is text for the page to
// show as text); without them the description is Describe's.
func TestDemoDataCarriesSite(t *testing.T) {
	files, err := CorpusFiles("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	x, _ := Index(files)
	site := Site{Name: "Seeds <b>&amp;</b>", About: "Five reports, \"quoted\" <script>alert(1)</script>."}
	d := readDemo(t, DemoData(x, site))
	if d.Name != site.Name || d.About != site.About {
		t.Errorf("name %q, about %q; want %q, %q", d.Name, d.About, site.Name, site.About)
	}
	if len(d.Articles) != len(x.Articles) || len(d.Articles[0].Quotes) == 0 {
		t.Errorf("articles: %d (want %d), the first with %d quotations", len(d.Articles), len(x.Articles), len(d.Articles[0].Quotes))
	}
	d = readDemo(t, DemoData(x, Site{About: "  "}))
	if d.Name != "" || d.About != Describe(x) {
		t.Errorf("without -name and -about: name %q, about %q; want \"\", %q", d.Name, d.About, Describe(x))
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
		if q.Text == d.Example && !q.Unattributed && !q.Partial {
			found = true
			if n := len(carriers[q.Utterance]); n != most || most < 2 {
				t.Errorf("example %q is carried by %d articles; the most carried by any is %d", d.Example, n, most)
			}
		}
	}
	if !found {
		t.Errorf("example %q is no attributed, whole quotation of the corpus", d.Example)
	}
	t.Logf("example: %q", d.Example)
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
