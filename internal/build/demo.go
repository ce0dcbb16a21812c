package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	"quotetrail/internal/index"
)

// The demo page reads its corpus in small files under demo/, so that it
// opens at once whatever the corpus's size (issue 15: one articles.json
// of every article's text was 348 MB at 100,000 articles):
//
//	demo/start.json      what the page says of its corpus, the article
//	                     count, the names of the list's pages, the first
//	                     page itself, and what the service worker keeps
//	                     for offline use. Fetched fresh (it names the rest).
//	demo/index.js        which index the page's loader reads: nothing for a
//	                     small corpus (index.qti, the whole index, as the
//	                     page says); the folder index (index/) otherwise.
//	demo/p-HASH.qtf      one page of the list, about DemoListPage articles:
//	                     [stem, outlet, published, title, text file] each.
//	demo/t-HASH.qtf      the text of a few articles (about 4): an object
//	                     of stem to {url, byline, paragraphs, quotes}.
//
// The pages and texts are JSON named .qtf, as the folder index's parts,
// for what the site does with parts: the bundle compresses them at
// brotli's level 5, not 11 (level 11 on the demo's many small files made
// a 10,000-article build take 140 s instead of 51 s), and serve sends them
// as immutable. The page parses them as JSON whatever their type.
//
// HASH is the first 16 hex digits of the SHA-256 of the file's bytes, so
// the files never change under their names. Articles are grouped into
// text files and list pages where a hash of their stem says (content-
// defined cuts, as rsync and restic cut files), not at fixed counts: an
// article added, changed or removed changes its own text file and list
// page (and start.json) and leaves the others' names and bytes alone, so
// an incremental build rewrites only those (bundle.Update compares bytes).

// DemoListPage is the mean number of articles on one page of the demo's
// list; a page holds at most twice as many.
const DemoListPage = 200

// demoTextGroup is the mean number of articles in one text file; a file
// holds at most four times as many.
const demoTextGroup = 4

// DemoWhole is the most article text (bytes of paragraphs) for which the
// demo reads the whole index (index.qti) and keeps everything for offline
// use on the first visit: about 400 articles of news. Past it the demo
// reads the folder index and keeps offline only what the reader opened.
const DemoWhole = 2 << 20

// demoText is an article's text as the demo page shows it. Quotation
// spans are in UTF-16 code units, the unit of JavaScript string offsets.
type demoText struct {
	URL        string   `json:"url"`
	Byline     string   `json:"byline"`
	Paragraphs []string `json:"paragraphs"`
	Quotes     [][3]int `json:"quotes"` // paragraph, start, end
}

// demoStart is demo/start.json.
type demoStart struct {
	Name  string `json:"name"`
	About string `json:"about"`
	// Example is a quotation of the corpus, the one the most articles
	// carry, for the paste box's placeholder; empty when it has none.
	Example string `json:"example"`
	Count   int    `json:"count"`
	// Pages names the list's pages (under demo/) and how many articles
	// each holds, in the list's order; First is the first page's content.
	Pages []demoPageRef `json:"pages"`
	First [][5]string   `json:"first"`
	// Offline names the files (from the site's root) the service worker
	// keeps on the first visit, beside the page itself.
	Offline []string `json:"offline"`
}

type demoPageRef struct {
	File  string `json:"file"`
	Count int    `json:"count"`
}

// Site is what the demo page says of itself and its corpus: `quotetrail
// build -name -about`. Both are shown as text, never as HTML.
type Site struct {
	Name  string // the page's heading and title; empty: the page's own (quotetrail)
	About string // the corpus in a sentence or two; empty: Describe's
}

// DemoFiles returns the demo page's files (names from the site's root,
// all under demo/): what the page says of its corpus, the article list in
// pages and the articles' text a few to a file. Its work is linear in the
// corpus.
func DemoFiles(x *index.Index, site Site) map[string][]byte {
	files, _, _ := DemoUpdate(x, site, nil, 0)
	return files
}

// DemoRuns names the demo's text files and list pages by the articles
// each holds (State.Demo), so that the next build, when it only adds
// articles, makes only the files that hold them.
type DemoRuns struct {
	Texts, Pages []DemoRun
}

// DemoRun is one demo file: Count articles from First, in index order.
type DemoRun struct {
	First, Count int32
	Name         string // under demo/
}

// DemoUpdate is DemoFiles for an index whose first base articles are
// those of the last build, whose files prev names (nil: none). The text
// files and list pages that hold only those articles are the last
// build's, bytes and names (content-defined cuts: see above), so it makes
// only the files from the last of each that holds them on, start.json and
// index.js, and returns the names of the others it keeps (from the site's
// root). At 100,000 articles, making all of them again was 348 MB of
// JSON, hashed, for every increment. It makes all when prev does not
// tile the base's articles, or when the demo reads the whole index
// (articles.json holds every article). runs names the files for the next
// build.
func DemoUpdate(x *index.Index, site Site, prev *DemoRuns, base int) (files map[string][]byte, runs DemoRuns, kept []string) {
	files = map[string][]byte{}
	textBytes := 0
	for _, a := range x.Articles {
		for _, p := range a.Paragraphs {
			textBytes += len(p)
		}
	}
	whole := textBytes <= DemoWhole
	if prev != nil && (whole || !tiles(prev.Texts, base) || !tiles(prev.Pages, base) || base > len(x.Articles)) {
		prev = nil
	}

	// The text files: consecutive articles, cut after one whose stem's
	// hash says so (or when a file is full). The last build's are kept
	// but its last, which the added articles may continue.
	textOf := make([]string, len(x.Articles))
	from := 0
	if prev != nil && len(prev.Texts) > 0 {
		keep := prev.Texts[:len(prev.Texts)-1]
		for _, r := range keep {
			for i := r.First; i < r.First+r.Count; i++ {
				textOf[i] = r.Name
			}
			kept = append(kept, "demo/"+r.Name)
		}
		runs.Texts = slices.Clone(keep)
		from = int(prev.Texts[len(prev.Texts)-1].First)
	}
	// The quotations' spans in the text files made.
	quotes := make([][][3]int, len(x.Articles))
	for _, q := range x.Quotes {
		if q.Article < from {
			continue
		}
		p := x.Articles[q.Article].Paragraphs[q.Paragraph]
		start := utf16Len(p[:q.Start])
		quotes[q.Article] = append(quotes[q.Article], [3]int{q.Paragraph, start, start + utf16Len(p[q.Start:q.End])})
	}
	group := map[string]demoText{}
	var members []int
	flush := func() {
		if len(members) == 0 {
			return
		}
		b, _ := json.Marshal(group) // strings and ints: cannot fail; keys sorted
		name := demoName("t-", b)
		files["demo/"+name] = b
		for _, i := range members {
			textOf[i] = name
		}
		runs.Texts = append(runs.Texts, DemoRun{First: int32(members[0]), Count: int32(len(members)), Name: name})
		group, members = map[string]demoText{}, members[:0]
	}
	for i := from; i < len(x.Articles); i++ {
		a := x.Articles[i]
		qs := quotes[i]
		if qs == nil {
			qs = [][3]int{}
		}
		paras := a.Paragraphs
		if paras == nil {
			paras = []string{}
		}
		if _, dup := group[a.Stem]; dup {
			flush() // stems are unique in an index; never lose one if not
		}
		group[a.Stem] = demoText{URL: a.URL, Byline: a.Byline, Paragraphs: paras, Quotes: qs}
		members = append(members, i)
		if demoCut(a.Stem, "text", demoTextGroup) || len(members) >= 4*demoTextGroup {
			flush()
		}
	}
	flush()

	// The list's pages, cut the same way. A page lists its articles' text
	// files: the last build's are kept up to the one that lists the
	// first text file made again.
	start := demoStart{Name: strings.TrimSpace(site.Name), About: strings.TrimSpace(site.About),
		Example: example(x), Count: len(x.Articles), Pages: []demoPageRef{}, First: [][5]string{}, Offline: []string{}}
	if start.About == "" {
		start.About = Describe(x)
	}
	row := func(i int) [5]string {
		a := x.Articles[i]
		return [5]string{a.Stem, a.Outlet, a.Published, a.Title, textOf[i]}
	}
	pageFrom := 0
	if prev != nil {
		for _, r := range prev.Pages {
			if int(r.First+r.Count) > from {
				break
			}
			start.Pages = append(start.Pages, demoPageRef{File: r.Name, Count: int(r.Count)})
			runs.Pages = append(runs.Pages, r)
			kept = append(kept, "demo/"+r.Name)
			pageFrom = int(r.First + r.Count)
		}
		if len(runs.Pages) > 0 {
			for i := range runs.Pages[0].Count {
				start.First = append(start.First, row(int(i)))
			}
		}
	}
	var page [][5]string
	first := pageFrom
	flushPage := func() {
		if len(page) == 0 {
			return
		}
		b, _ := json.Marshal(page)
		name := demoName("p-", b)
		files["demo/"+name] = b
		if len(start.Pages) == 0 {
			start.First = page
		}
		start.Pages = append(start.Pages, demoPageRef{File: name, Count: len(page)})
		runs.Pages = append(runs.Pages, DemoRun{First: int32(first), Count: int32(len(page)), Name: name})
		first += len(page)
		page = nil
	}
	for i := pageFrom; i < len(x.Articles); i++ {
		page = append(page, row(i))
		if demoCut(x.Articles[i].Stem, "list", DemoListPage) || len(page) >= 2*DemoListPage {
			flushPage()
		}
	}
	flushPage()

	loader := "/* quotetrail build: the page reads the whole index, index.qti, as its script tag says. */\n"
	if whole {
		// A small corpus: the first visit keeps the engine, the whole
		// index and every article for offline use.
		start.Offline = append(start.Offline, "quotetrail-worker.js", "wasm_exec.js", "engine.wasm", "index.qti")
		for name := range files {
			start.Offline = append(start.Offline, name)
		}
		slices.Sort(start.Offline)
	} else {
		// A large one: the page reads the folder index part by part, as a
		// publisher's page does; offline keeps what the reader opened.
		loader = "/* quotetrail build: " + thousands(len(x.Articles)) + " articles, too many to download whole: the page reads the folder index. */\n" +
			"(function (s) { if (s) s.setAttribute('data-index', 'index/'); })(document.querySelector('script[src=\"quotetrail.js\"]'));\n"
	}
	files["demo/index.js"] = []byte(loader)
	b, _ := json.Marshal(start)
	files["demo/start.json"] = b
	if whole {
		files["articles.json"] = DemoData(x, site)
	}
	return files, runs, kept
}

// tiles reports whether runs hold the articles 0 to n-1, each once, in
// order.
func tiles(runs []DemoRun, n int) bool {
	next := 0
	for _, r := range runs {
		if int(r.First) != next || r.Count <= 0 || r.Name == "" {
			return false
		}
		next += int(r.Count)
	}
	return next == n
}

// demoArticle is what the demo page shows of one article. Quotation spans
// are in UTF-16 code units, the unit of JavaScript string offsets.
type demoArticle struct {
	Stem       string   `json:"stem"`
	Outlet     string   `json:"outlet"`
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Byline     string   `json:"byline"`
	Published  string   `json:"published"`
	Paragraphs []string `json:"paragraphs"`
	Quotes     [][3]int `json:"quotes"` // paragraph, start, end
}

// demoData is articles.json.
type demoData struct {
	Name  string `json:"name"`
	About string `json:"about"`
	// Example is a quotation of the corpus, the one the most articles
	// carry, for the paste box's placeholder; empty when it has none.
	Example  string        `json:"example"`
	Articles []demoArticle `json:"articles"`
}

// DemoData returns articles.json: what the demo page says of its corpus
// and every article's text in one file, the demo's data before issue 15.
// The page reads DemoFiles now; DemoFiles adds articles.json only for a
// corpus the demo reads whole (DemoWhole), for tools that read it.
func DemoData(x *index.Index, site Site) []byte {
	out := make([]demoArticle, len(x.Articles))
	for i, a := range x.Articles {
		out[i] = demoArticle{Stem: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Byline: a.Byline,
			Published: a.Published, Paragraphs: a.Paragraphs, Quotes: [][3]int{}}
	}
	for _, q := range x.Quotes {
		p := x.Articles[q.Article].Paragraphs[q.Paragraph]
		out[q.Article].Quotes = append(out[q.Article].Quotes, [3]int{q.Paragraph, utf16Len(p[:q.Start]), utf16Len(p[:q.End])})
	}
	about := strings.TrimSpace(site.About)
	if about == "" {
		about = Describe(x)
	}
	b, _ := json.Marshal(demoData{Name: strings.TrimSpace(site.Name), About: about, Example: example(x), Articles: out}) // plain structs of strings and ints: cannot fail
	return b
}

// demoCut tells whether a run of articles (a text file, a list page) ends
// after the article of this stem: true for about one stem in every mean,
// decided by the stem alone, so that adding or removing an article moves
// no cut but its own.
func demoCut(stem, salt string, mean int) bool {
	h := fnv.New64a()
	h.Write([]byte(salt))
	h.Write([]byte{0})
	h.Write([]byte(stem))
	return h.Sum64()%uint64(mean) == 0
}

// demoName names a file by its content.
func demoName(prefix string, b []byte) string {
	sum := sha256.Sum256(b)
	return prefix + hex.EncodeToString(sum[:8]) + ".qtf"
}

// Describe says what a corpus is from what was built, and nothing else:
// how many articles, from how many named outlets, published when. It is
// the demo page's description when the build was given none, so it must
// hold for any corpus: it names no outlet, and no date that no article
// carries.
func Describe(x *index.Index) string {
	outlets := map[string]bool{}
	unnamed, dated := 0, 0
	var first, last string
	for _, a := range x.Articles {
		if a.Outlet == "" {
			unnamed++
		} else {
			outlets[a.Outlet] = true
		}
		if _, err := time.Parse(time.DateOnly, a.Published); err != nil {
			continue
		}
		dated++
		if first == "" || a.Published < first {
			first = a.Published
		}
		if a.Published > last {
			last = a.Published
		}
	}
	n := len(x.Articles)
	var b strings.Builder
	b.WriteString(count(n, "article", "articles"))
	switch {
	case len(outlets) == 0:
		b.WriteString(", none naming its outlet.")
	case unnamed == 0:
		b.WriteString(" from " + count(len(outlets), "outlet", "outlets") + ".")
	default:
		b.WriteString(" from " + count(len(outlets), "outlet", "outlets") + " (" + count(unnamed, "article", "articles") + " naming none).")
	}
	when := "published on " + first
	if first != last {
		when = "published between " + first + " and " + last
	}
	switch {
	case dated == 0:
		b.WriteString(" No publication dates.")
	case dated == n:
		b.WriteString(" " + strings.ToUpper(when[:1]) + when[1:] + ".")
	default:
		b.WriteString(" " + thousands(dated) + " " + when + "; " + thousands(n-dated) + " undated.")
	}
	return b.String()
}

// count writes n and the noun for one or for more: "1 article",
// "10,000 articles".
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + more
}

// thousands writes n ≥ 0 with thousands separators: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// example returns the quotation the most articles carry (an utterance
// counted once per article), its first printing; the earliest such
// utterance on a tie. Quoted words tied to no speaker (titles, scare
// quotes) and fragments are no example of what a reader looks up.
func example(x *index.Index) string {
	carriers := map[int]map[int]bool{}
	firstOf := map[int]int{}
	best, bestN := -1, 0
	for i, q := range x.Quotes {
		if q.Unattributed || q.Partial {
			continue
		}
		if carriers[q.Utterance] == nil {
			carriers[q.Utterance] = map[int]bool{}
			firstOf[q.Utterance] = i
		}
		carriers[q.Utterance][q.Article] = true
		n := len(carriers[q.Utterance])
		if n > bestN || n == bestN && firstOf[q.Utterance] < firstOf[best] {
			best, bestN = q.Utterance, n
		}
	}
	if best < 0 {
		return ""
	}
	return x.Quotes[firstOf[best]].Text
}

// utf16Len is the length of s in UTF-16 code units (JavaScript's string
// offsets): two for a rune past the basic plane, one for any other (a byte
// that is not UTF-8 decodes to U+FFFD, one unit). It runs over every
// quotation of the corpus on each build, so it allocates nothing.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
