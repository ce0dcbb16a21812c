package corpus

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quotetrail/internal/article"
)

// furniture lists, per seed, the lines of the seed text that are page
// furniture (as ../shared/seeds/SOURCES.md describes them) or the title
// and standfirst: the page shows them, but not among the article's
// paragraphs. Sub-headings inside the article (<h2>) are paragraphs, as
// the article-extraction benchmark counts them (issue 14).
var furniture = map[string][]string{
	"000_8d0c55f5cc4335ee": {"• Bill Gertz can be reached at bgertz@washingtontimes.com.", "Please read our comment policy before commenting."},
	"001_f9789ab62cedf289": {},
	"002_d1e82a1333f7d87d": {"• Thursday, 5 February 2026", "US must be prudent when supplying arms to Taiwan, Xi tells Trump", "blog",
		"Trump and Xi last met in October, on the sidelines of the Asia-Pacific Economic Co-operation in South Korea", "How did you feel after reading this news?"},
	"003_582b350d6661eea7": {"Xi Raises Taiwan Issue in Call with Trump as Both Leaders Push to Maintain Trade Truce", "Trump and Xi also discussed the war in Ukraine.",
		"Read more: Trump Says Democrats Who Urged Military to Refuse Orders ‘Should Be in Jail’",
		"Comments are closed, but trackbacks and pingbacks are open."},
	"004_befe87f2968437d6": {"Xi Jinping and Trump Discuss Taiwan, Trade, and Ukraine in Strategic Phone Call",
		"Source: https://www.ndtv.com/world-news/ties-extremely-strong-trump-after-call-with-xi-jinping-says-will-visit-china-in-april-9693661"},
}

// TestBodyIsSeedText reads each corpus page as the build does and checks
// that its paragraphs are the seed's lines, word for word and in order,
// less exactly the furniture lines, and that the page still shows those.
func TestBodyIsSeedText(t *testing.T) {
	seeds, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(seeds) == 0 {
		t.Skip("../shared/seeds is absent: cannot compare the corpus with the seeds")
	}
	for _, seed := range seeds {
		stem := strings.TrimSuffix(filepath.Base(seed), ".txt")
		page := stem + ".html"
		a, err := article.ReadFile(page)
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		var want []string
		for _, line := range readLines(t, seed) {
			if !slices.Contains(furniture[stem], line) {
				want = append(want, line)
			}
		}
		if !slices.Equal(a.Paragraphs, want) {
			t.Errorf("%s: body paragraphs differ from the seed", page)
			for i := range max(len(want), len(a.Paragraphs)) {
				var g, w string
				if i < len(a.Paragraphs) {
					g = a.Paragraphs[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Errorf("  paragraph %d:\n    got  %q\n    want %q", i, g, w)
					break
				}
			}
		}
		raw, _ := os.ReadFile(page)
		for _, f := range furniture[stem] {
			if !strings.Contains(unescape(string(raw)), f) {
				t.Errorf("%s: the page does not show the furniture line %q", page, f)
			}
		}
	}
}

func readLines(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&#x27;", "'", "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "<a href=\"/about/comment-policy/\">", "", "</a>", "", "Source: <a href=\"", "Source: ").Replace(s)
}
