package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"quotetrail/internal/article"
)

// FieldScore counts one metadata field over the readability pages: how
// many pages expect a value, how many got one, and how many got it right.
type FieldScore struct {
	Field                    string
	Expected, Found, Correct int
}

func (f FieldScore) Precision() float64 { return ratio(f.Correct, f.Found) }
func (f FieldScore) Recall() float64    { return ratio(f.Correct, f.Expected) }

// PagesResult scores metadata and body extraction on real pages.
type PagesResult struct {
	MetaPages  int
	Fields     []FieldScore
	BodyPages  int
	BodyErrors int // pages that gave no article at all
	Body       PRF // word-level, summed over pages
}

// Pages scores the extractor on ../shared/data/realhtml (dir): metadata of
// readability/*/source.html against expected-metadata.json, and body text
// of scrapinghub/html/*.html.gz against ground-truth.json.
func Pages(dir string) (PagesResult, error) {
	var res PagesResult
	metaDirs, _ := filepath.Glob(filepath.Join(dir, "readability", "*", "expected-metadata.json"))
	sort.Strings(metaDirs)
	fields := []string{"title", "byline", "siteName", "publishedTime"}
	scores := make([]FieldScore, len(fields))
	for i, f := range fields {
		scores[i].Field = f
	}
	for _, mf := range metaDirs {
		raw, err := os.ReadFile(mf)
		if err != nil {
			return res, err
		}
		var want map[string]any
		if json.Unmarshal(raw, &want) != nil {
			continue
		}
		res.MetaPages++
		a, err := article.ReadFile(filepath.Join(filepath.Dir(mf), "source.html"))
		if err != nil {
			a = &article.Article{}
		}
		got := []string{a.Title, a.Byline, a.Outlet, a.Published}
		for i, f := range fields {
			w, _ := want[f].(string)
			w = strings.TrimSpace(w)
			if w != "" {
				scores[i].Expected++
			}
			if got[i] != "" {
				scores[i].Found++
			}
			if w != "" && got[i] != "" && sameField(f, got[i], w) {
				scores[i].Correct++
			}
		}
	}
	res.Fields = scores

	raw, err := os.ReadFile(filepath.Join(dir, "scrapinghub", "ground-truth.json"))
	if err != nil {
		return res, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return res, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		page := filepath.Join(dir, "scrapinghub", "html", id+".html.gz")
		if _, err := os.Stat(page); err != nil {
			continue
		}
		res.BodyPages++
		gold := wordBag(truth[id].ArticleBody)
		res.Body.Gold += size(gold)
		a, err := article.ReadFile(page)
		if err != nil {
			res.BodyErrors++
			continue
		}
		pred := wordBag(strings.Join(a.Paragraphs, "\n"))
		res.Body.Predicted += size(pred)
		res.Body.TruePos += overlap(pred, gold)
	}
	return res, nil
}

// sameField compares an extracted value with the expected one as a reader
// would: case and spacing aside, dates by their day, bylines without "By".
func sameField(field, got, want string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.Join(strings.Fields(s), " "))
		return strings.TrimPrefix(s, "by ")
	}
	if field == "publishedTime" {
		return len(want) >= 10 && got == want[:10]
	}
	if field == "title" {
		// A title with or without the site's name after it is one title:
		// the card shows the outlet apart.
		return norm(got) == norm(want) || norm(siteless(got)) == norm(siteless(want))
	}
	return norm(got) == norm(want)
}

// siteless drops a trailing " | Site", " - Site" or " _Site" part when
// enough of a title is left before it.
func siteless(t string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " _", " :: ", " [", " : "} {
		if i := strings.LastIndex(t, sep); i > 0 && len(strings.Fields(t[:i])) >= 3 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}
