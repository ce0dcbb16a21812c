package eval

import (
	_ "embed"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

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
	// Shingles is the benchmark's own measure (scrapinghub's
	// evaluate.py), the one its published table uses: 4-word shingles,
	// precision and recall per page, averaged over pages.
	Shingles ShingleScore
	// BodyPagesScored holds each body page's shingle scores, worst
	// recall first, for printing the misses.
	BodyPagesScored []PageScore
	// MetaMisses lists the metadata fields got wrong or missed, page by
	// page, for printing.
	MetaMisses []MetaMiss
}

// PageScore is one scrapinghub page under the shingle measure.
type PageScore struct {
	ID                string
	Precision, Recall float64
	NoArticle         bool
	Missed            []string // gold paragraphs with most of their shingles missing
	Extra             []string // extracted paragraphs with most of their shingles not in the gold
}

// MetaMiss is one metadata field that was wrong or missing on one page.
type MetaMiss struct {
	Page, Field, Got, Want string
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
	// More rows, printed beside readability's own: bylines by the names
	// they give, bylines against the expected ones with the hand-checked
	// corrections put in, and dates against the hand-checked dates of the
	// pages readability's expected files give none for.
	byNames := FieldScore{Field: "byline (names)"}
	bylineChecked := FieldScore{Field: "byline (checked)"}
	checked := FieldScore{Field: "publishedTime (checked)"}
	var handDates map[string]struct{ Date string }
	json.Unmarshal(readabilityDates, &handDates)
	handBylines, err := checkedBylines()
	if err != nil {
		return res, err
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
			right := w != "" && got[i] != "" && sameField(f, got[i], w)
			if right {
				scores[i].Correct++
			}
			if !right && (w != "" || got[i] != "") {
				res.MetaMisses = append(res.MetaMisses, MetaMiss{filepath.Base(filepath.Dir(mf)), f, got[i], w})
			}
			switch f {
			case "byline":
				countField(&byNames, got[i], w, sameNames(got[i], w))
				if c, ok := handBylines[filepath.Base(filepath.Dir(mf))]; ok {
					w = c.Byline
				}
				countField(&bylineChecked, got[i], w, w != "" && got[i] != "" && sameField(f, got[i], w))
			case "publishedTime":
				if w == "" {
					w = handDates[filepath.Base(filepath.Dir(mf))].Date
				}
				countField(&checked, got[i], w, w != "" && got[i] != "" && sameField(f, got[i], w))
			}
		}
	}
	res.Fields = append(scores, byNames, bylineChecked, checked)

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
		var predText string
		if err != nil {
			res.BodyErrors++
		} else {
			predText = strings.Join(a.Paragraphs, "\n")
			pred := wordBag(predText)
			res.Body.Predicted += size(pred)
			res.Body.TruePos += overlap(pred, gold)
		}
		c := shingleMatch(truth[id].ArticleBody, predText)
		res.Shingles.add(c)
		ps := PageScore{ID: id, Precision: c.precision(), Recall: c.recall(), NoArticle: err != nil}
		if err == nil {
			ps.Missed = strayParagraphs(truth[id].ArticleBody, predText)
			ps.Extra = strayParagraphs(predText, truth[id].ArticleBody)
		}
		res.BodyPagesScored = append(res.BodyPagesScored, ps)
	}
	sort.SliceStable(res.BodyPagesScored, func(i, j int) bool {
		a, b := res.BodyPagesScored[i], res.BodyPagesScored[j]
		return min(a.Precision, a.Recall) < min(b.Precision, b.Recall)
	})
	return res, nil
}

// ShingleScore averages per-page shingle precision and recall as the
// scrapinghub benchmark does: precision over the pages that predicted
// or expected something, recall over the pages that expect something; a
// page with no output has recall 0 and no say in precision.
type ShingleScore struct {
	precSum, recSum float64
	precN, recN     int
}

func (s *ShingleScore) add(c shingleCounts) {
	if c.tp+c.fp > 0 {
		s.precSum += c.precision()
		s.precN++
	}
	if c.tp+c.fn > 0 {
		s.recSum += c.recall()
		s.recN++
	}
}

func (s ShingleScore) Precision() float64 { return fratio(s.precSum, s.precN) }
func (s ShingleScore) Recall() float64    { return fratio(s.recSum, s.recN) }
func (s ShingleScore) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func fratio(a float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return a / float64(n)
}

// shingleCounts are one page's true positives, false positives and false
// negatives over shingles (the benchmark normalises them by their sum,
// which leaves precision and recall as they are).
type shingleCounts struct{ tp, fp, fn int }

func (c shingleCounts) precision() float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fp == 0:
		return 0
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c shingleCounts) recall() float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fn == 0:
		return 0
	}
	return float64(c.tp) / float64(c.tp+c.fn)
}

// shingleMatch counts the 4-word shingles two texts share, as multisets.
func shingleMatch(gold, pred string) shingleCounts {
	g, p := shingles(gold), shingles(pred)
	var c shingleCounts
	for k, gc := range g {
		pc := p[k]
		c.tp += min(gc, pc)
		c.fn += max(0, gc-pc)
	}
	for k, pc := range p {
		c.fp += max(0, pc-g[k])
	}
	return c
}

// shingles returns the multiset of runs of 4 tokens of s; a text of
// fewer tokens is one shingle of them all, and an empty text none.
func shingles(s string) map[string]int {
	toks := benchTokens(s)
	out := map[string]int{}
	for i := 0; i < max(1, len(toks)-3); i++ {
		sh := toks[i:min(i+4, len(toks))]
		if len(sh) > 0 {
			out[strings.Join(sh, " ")]++
		}
	}
	return out
}

// benchTokens splits s as Python's \w+ does on text: runs of letters,
// numbers and underscores, case kept.
func benchTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
	})
}

// strayParagraphs returns the lines of a (at most 12, cut to 160
// characters) whose shingles are mostly absent from b: gold paragraphs
// the extractor dropped, or extracted ones the gold does not have.
func strayParagraphs(a, b string) []string {
	other := shingles(b)
	var out []string
	for _, line := range strings.Split(a, "\n") {
		sh := shingles(line)
		if len(benchTokens(line)) < 4 {
			continue
		}
		miss, all := 0, 0
		for k, n := range sh {
			all += n
			if other[k] == 0 {
				miss += n
			}
		}
		if 2*miss > all && len(out) < 12 {
			if len(line) > 160 {
				line = line[:160] + "…"
			}
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

//go:embed testdata/readability-dates.json
var readabilityDates []byte

// readabilityBylines holds the bylines read by hand on the pages whose
// expected file gives another than the article's author as the page
// names it (a date or desk kept with the name, another item's byline,
// none where the page has one); an empty byline says the page names no
// author.
//
//go:embed testdata/readability-bylines.json
var readabilityBylines []byte

// CheckedByline is one hand-read byline and the page's evidence for it.
type CheckedByline struct {
	Byline string `json:"byline"`
	Why    string `json:"why"`
}

// checkedBylines reads readabilityBylines, page name to byline; the
// "_about" note is not a page.
func checkedBylines() (map[string]CheckedByline, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(readabilityBylines, &raw); err != nil {
		return nil, err
	}
	out := map[string]CheckedByline{}
	for page, v := range raw {
		if page == "_about" {
			continue
		}
		var c CheckedByline
		if err := json.Unmarshal(v, &c); err != nil {
			return nil, err
		}
		out[page] = c
	}
	return out, nil
}

func countField(s *FieldScore, got, want string, right bool) {
	if want != "" {
		s.Expected++
	}
	if got != "" {
		s.Found++
	}
	if right {
		s.Correct++
	}
}

// sameNames tells whether a byline gives the names the expected one
// gives: its words, case, punctuation and "by"/"and" aside, run
// unbroken inside the expected byline's words (readability's expected
// bylines keep what surrounds the names: "By Nathan Willis March 25,
// 2015", "By Brenda Goodman, MA WebMD Health News"); one word alone
// counts only when it is the whole expected byline.
func sameNames(got, want string) bool {
	norm := func(s string) []string {
		var out []string
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			switch w {
			case "by", "and", "par", "por", "von", "et", "y", "und":
				continue
			}
			out = append(out, w)
		}
		return out
	}
	g, w := norm(got), norm(want)
	if len(g) == 0 || len(w) == 0 || len(g) < 2 && len(w) != len(g) {
		return false
	}
	for i := 0; i+len(g) <= len(w); i++ {
		if slices.Equal(w[i:i+len(g)], g) {
			return true
		}
	}
	return false
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
