package article

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSeedMetadata: the seed pages' metadata, as ../shared/seeds/SOURCES.md
// gives it (unknown facts empty).
func TestSeedMetadata(t *testing.T) {
	want := map[string]Article{
		"000_8d0c55f5cc4335ee": {Outlet: "The Washington Times", URL: "https://www.washingtontimes.com/news/2026/feb/5/xi-demands-prudence-us-arms-sales-taiwan-phone-call-trump/", Byline: "Bill Gertz", Published: "2026-02-05"},
		"001_f9789ab62cedf289": {Outlet: "Vidia News", URL: "https://vidianews.com/2026/02/05/general/us-must-be-careful-when-supplying-weapons-to-taiwan-xi-tells-trump/", Published: "2026-02-05"},
		"002_d1e82a1333f7d87d": {Outlet: "The Rising Nepal", URL: "https://risingnepaldaily.com/news/75210", Title: "US must be prudent when supplying arms to Taiwan, Xi tells Trump", Byline: "Kelly Ng and Tessa Wong", Published: "2026-02-05"},
		"003_582b350d6661eea7": {Outlet: "Daily The Destination", URL: "https://dailythedestination.com/xi-raises-taiwan-issue-in-call-with-trump-as-both-leaders-push-to-maintain-trade-truce", Title: "Xi Raises Taiwan Issue in Call with Trump as Both Leaders Push to Maintain Trade Truce"},
		"004_befe87f2968437d6": {Outlet: "NDTV", URL: "https://www.ndtv.com/world-news/ties-extremely-strong-trump-after-call-with-xi-jinping-says-will-visit-china-in-april-9693661", Title: "Xi Jinping and Trump Discuss Taiwan, Trade, and Ukraine in Strategic Phone Call"},
	}
	for stem, w := range want {
		a, err := ReadFile(filepath.Join("../../corpus", stem+".html"))
		if err != nil {
			t.Fatalf("%s: %v", stem, err)
		}
		got := *a
		got.Paragraphs = nil
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\n got %+v\nwant %+v", stem, got, w)
		}
	}
}

// TestMetadataFallbacks: pages without JSON-LD fall back to meta tags and
// then to the document.
func TestMetadataFallbacks(t *testing.T) {
	page := `<html><head><title>Big News Today | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="date" content="2024-03-09T10:00:00Z">
<link rel="canonical" href="https://example.org/news/1"></head>
<body><nav><p>Home News Sport and a long enough navigation paragraph to count</p></nav>
<article><h1>Big News Today</h1><p class="byline">By Jane Roe</p>
<p>"The first paragraph is long enough to be article text," she said, adding more words.</p>
<p>The second paragraph of the article also has plenty of words, commas, and clauses.</p>
<div class="share-tools"><p>Share this on every network you can think of, please, now.</p></div></article>
<footer><p>Copyright notice paragraph that is long enough to be counted as text.</p></footer></body></html>`
	a, err := Parse([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Big News Today" || a.Outlet != "The Daily Example" || a.Published != "2024-03-09" || a.URL != "https://example.org/news/1" {
		t.Errorf("metadata: %+v", a)
	}
	if len(a.Paragraphs) != 2 || !strings.HasPrefix(a.Paragraphs[0], `"The first`) {
		t.Errorf("paragraphs: %q", a.Paragraphs)
	}
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct {
		data []byte
		want error
	}{
		"empty.html":  {[]byte("  \n"), ErrEmpty},
		"binary.html": {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), ErrBinary},
		"nobody.html": {[]byte("<html><head><title>x</title></head><body><nav>Home</nav></body></html>"), ErrNoArticle},
		"blank.txt":   {[]byte("\n\n\n \n x"), nil},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, c.data, 0o644)
		_, err := ReadFile(p)
		if err != c.want {
			t.Errorf("%s: error %v, want %v", name, err, c.want)
		}
	}
	_, err := ReadFile(filepath.Join(dir, "missing.html"))
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLatin1Page(t *testing.T) {
	page := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 owners said the paragraph is long enough to count as text.</p></body></html>")
	a, err := Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Paragraphs[0], "Café") {
		t.Errorf("latin-1 text decoded as %q", a.Paragraphs[0])
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`<html><body><article><p>"Quote," he said, in a paragraph long enough.</p></article></body></html>`))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"A"},"B"]}]}</script><p>text text text text text text text</p>`))
	// Encodings: UTF-16 with a byte-order mark, an undeclared GBK page.
	f.Add(append([]byte{0xFF, 0xFE}, 'x', 0, ' ', 0, 'y', 0))
	f.Add([]byte("<p>\xd5\xe2\xca\xc7\xd2\xbb\xb8\xf6\xc3\xbb\xd3\xd0</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data)
		checkParsed(t, a, err)
	})
}

// checkParsed: a parse gives an error, or paragraphs, all UTF-8.
func checkParsed(t *testing.T, a *Article, err error) {
	t.Helper()
	if err != nil {
		return
	}
	if len(a.Paragraphs) == 0 {
		t.Fatalf("no error and no paragraphs")
	}
	for _, p := range a.Paragraphs {
		if !utf8.ValidString(p) {
			t.Fatalf("paragraph not UTF-8: %q", p)
		}
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("A line.\nAnother line, long enough to be text."))
	f.Add(append([]byte{0xFE, 0xFF}, 0, 'x', 0, '\n', 0, 'y'))
	f.Add([]byte("caf\xe9 au lait\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseText(data)
		checkParsed(t, a, err)
	})
}

func TestOnlyWebURLs(t *testing.T) {
	for _, href := range []string{"javascript:alert(document.domain)", "data:text/html,x", "/relative/path", "ftp://example.org/a"} {
		page := `<html><head><link rel="canonical" href="` + href + `"></head><body><article><p>"A quotation long enough to be article text," he said.</p></article></body></html>`
		a, err := Parse([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if a.URL != "" {
			t.Errorf("canonical %q kept as URL %q", href, a.URL)
		}
	}
}

// TestMetadataSources: every place the metadata is read from, each in
// the order of trust readMetadata gives it, as the page's first such
// element.
func TestMetadataSources(t *testing.T) {
	body := `<body><article><p>` + strings.Repeat("The minister said the talks would go on through the week. ", 8) + `</p></article></body>`
	for _, c := range []struct{ head, byline, title, url, date string }{
		{`<p>x</p><span itemprop="author">Ann Lee</span>`, "Ann Lee", "", "", ""},
		{`<a rel="author">By Bo Chen</a><span class="author-name">Cy</span>`, "Bo Chen", "", "", ""},
		{`<span class="x byline__name">Di Fu</span>`, "Di Fu", "", "", ""},
		{`<title>Talks go on - Daily</title><h1>Other</h1>`, "", "Talks go on - Daily", "", ""},
		{`<h1>First</h1><h1>Second</h1>`, "", "First", "", ""},
		{`<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">`, "", "", "https://a.example/x", ""},
		{`<time>no</time><time datetime="2026-02-05T10:00:00Z">x</time><article><time datetime="2026-03-01">y</time></article>`, "", "", "", "2026-02-05"},
		{`<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD","author":{"name":"Eve"},"datePublished":"2026-01-02"}</script><meta name="author" content="Meta Man"><h1>H</h1>`, "Eve", "LD", "", "2026-01-02"},
		{`<meta name="DC.creator" content="Name Attr"><meta property="dc:creator" content="Prop Attr">`, "Prop Attr", "", "", ""},
		{`<meta property="og:article:author" content="Ola Nordmann"><span class="byline">Other</span>`, "Ola Nordmann", "", "", ""},
		{`<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)">`, "Bradley M. Kuhn", "", "", ""},
		{`<meta name="author" content="https://www.facebook.com/someone"><span class="byline">By Pat Roe</span>`, "Pat Roe", "", "", ""},
	} {
		a, err := Parse([]byte(`<html><head></head>` + strings.Replace(body, "<body>", "<body>"+c.head, 1) + `</html>`))
		if err != nil {
			t.Fatalf("%s: %v", c.head, err)
		}
		if c.byline != "" && a.Byline != c.byline || c.title != "" && a.Title != c.title || c.url != "" && a.URL != c.url || c.date != "" && a.Published != c.date {
			t.Errorf("%s: byline %q title %q url %q date %q", c.head, a.Byline, a.Title, a.URL, a.Published)
		}
	}
}

// TestTwoMarkedBodies: of two unrelated elements marked
// itemprop=articleBody, the article is the first in the page, every
// time (it was whichever a map gave first).
func TestTwoMarkedBodies(t *testing.T) {
	words := strings.Fields("the minister said in a statement on Tuesday that talks with the union would resume next week after months of dispute over pay and pensions")
	para := func(who string, k int) string {
		w := make([]string, len(words))
		for i := range words {
			w[i] = words[(i*7+k)%len(words)]
		}
		return "<p>" + who + " " + strings.Join(w, " ") + ", " + strings.Join(w[:10], " ") + ".</p>"
	}
	body := func(who string) string {
		return `<section><div itemprop="articleBody">` + para(who, 1) + para(who, 2) + para(who, 3) + `</div></section>`
	}
	page := `<html><head><title>Talks</title></head><body>` + body("First") + body("Second") + `</body></html>`
	for range 50 {
		a, err := Parse([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Paragraphs) == 0 || !strings.HasPrefix(a.Paragraphs[0], "First") || slices.ContainsFunc(a.Paragraphs, func(p string) bool { return strings.HasPrefix(p, "Second") }) {
			t.Fatalf("paragraphs %q", a.Paragraphs)
		}
	}
}
