package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"quotetrail/internal/article"
	"quotetrail/internal/build"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/quote"
	"quotetrail/internal/textnorm"
)

// BasilResult measures cross-outlet matching on BASIL: 100 events, each
// reported by three outlets.
type BasilResult struct {
	Articles, Quotes int // articles built; quotations the annotations mark
	OwnFound         int // lookups that return the annotated article itself
	Carriers, Found  int // other same-event articles that print the quoted words; how many were returned
	OtherSameEvent   int // same-event articles returned that do not print the words verbatim
	Unrelated        int // articles of other events returned, in all lookups
	LookupsUnrelated int // lookups that returned at least one other event's article
	Matches          int // matches returned in all
	UnrelatedSamples []string
}

type basilArticle struct {
	Source         string     `json:"source"`
	Title          string     `json:"title"`
	URL            string     `json:"url"`
	Date           string     `json:"date"`
	UUID           string     `json:"uuid"`
	Triplet        string     `json:"triplet-uuid"`
	BodyParagraphs [][]string `json:"body-paragraphs"`
}

type basilAnnotations struct {
	UUID    string `json:"uuid"`
	Phrases []struct {
		Quote string `json:"quote"`
		Txt   string `json:"txt"`
	} `json:"phrase-level-annotations"`
}

// basilCorpus is the 300 BASIL articles built into one index.
type basilCorpus struct {
	x       *index.Index
	triplet map[int]string
	byUUID  map[string]int
	texts   []string // normalized text of each article, to tell carriers
}

// loadBasil builds the BASIL articles under dir into one index, as the
// build would (tokens and utterances included).
func loadBasil(dir string) (*basilCorpus, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "articles", "*", "*.json"))
	if len(files) == 0 {
		return nil, os.ErrNotExist
	}
	sort.Strings(files)
	c := &basilCorpus{x: &index.Index{}, triplet: map[int]string{}, byUUID: map[string]int{}}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var b basilArticle
		if json.Unmarshal(raw, &b) != nil {
			continue
		}
		a := &article.Article{Outlet: b.Source, URL: b.URL, Title: b.Title, Published: b.Date}
		for _, p := range b.BodyParagraphs {
			if t := strings.TrimSpace(strings.Join(p, " ")); t != "" {
				a.Paragraphs = append(a.Paragraphs, t)
			}
		}
		ai := len(c.x.Articles)
		build.Add(c.x, b.UUID, build.Extracted{File: f, Article: a, Quotes: quote.Find(a.Paragraphs)})
		c.triplet[ai], c.byUUID[b.UUID] = b.Triplet, ai
		c.texts = append(c.texts, " "+textnorm.Normalize(strings.Join(a.Paragraphs, " "))+" ")
	}
	match.Tokenize(c.x)
	match.Group(c.x)
	return c, nil
}

// BasilLookups returns the BASIL corpus built into one index and the
// selections Basil looks up (every annotated quotation of three words or
// more, as selected in its article), for tests that compare two ways of
// answering them.
func BasilLookups(dir string) (*index.Index, []string, error) {
	c, err := loadBasil(dir)
	if err != nil {
		return nil, nil, err
	}
	var sels []string
	err = c.eachQuote(dir, func(_ int, txt string) { sels = append(sels, txt) })
	return c.x, sels, err
}

// eachQuote calls fn with each annotated quotation of three words or more
// and its article.
func (c *basilCorpus) eachQuote(dir string, fn func(own int, txt string)) error {
	anns, _ := filepath.Glob(filepath.Join(dir, "annotations", "*", "*.json"))
	sort.Strings(anns)
	for _, f := range anns {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var an basilAnnotations
		if json.Unmarshal(raw, &an) != nil {
			continue
		}
		own, ok := c.byUUID[an.UUID]
		if !ok {
			continue
		}
		for _, p := range an.Phrases {
			if p.Quote == "yes" && len(strings.Fields(p.Txt)) >= 3 {
				fn(own, p.Txt)
			}
		}
	}
	return nil
}

// Basil builds the 300 BASIL articles into one index and looks up every
// quotation the annotations mark, as a reader would select it in its
// article.
func Basil(dir string) (BasilResult, error) {
	var r BasilResult
	c, err := loadBasil(dir)
	if err != nil {
		return r, err
	}
	x, triplet, texts := c.x, c.triplet, c.texts
	e := match.New(x)
	r.Articles = len(x.Articles)
	err = c.eachQuote(dir, func(own int, txt string) {
		r.Quotes++
		words := " " + textnorm.Normalize(match.QuotedPart(txt)) + " "
		res := e.Lookup(txt)
		returned := map[int]bool{}
		unrelated := false
		for _, m := range res.Matches {
			returned[m.Article] = true
			r.Matches++
			switch {
			case m.Article == own:
				r.OwnFound++
			case triplet[m.Article] != triplet[own]:
				r.Unrelated++
				unrelated = true
				q := ""
				if m.Quote >= 0 {
					q = x.Quotes[m.Quote].Text
				}
				r.UnrelatedSamples = append(r.UnrelatedSamples, m.Kind+" "+strings.TrimSpace(txt)+" → "+q)
			case !strings.Contains(texts[m.Article], words):
				r.OtherSameEvent++
			}
		}
		if unrelated {
			r.LookupsUnrelated++
		}
		for ai := range x.Articles {
			if ai != own && triplet[ai] == triplet[own] && len(strings.Fields(words)) >= 4 && strings.Contains(texts[ai], words) {
				r.Carriers++
				if returned[ai] {
					r.Found++
				}
			}
		}
	})
	return r, err
}

// BasilJSONLine returns BASIL's article file (a path under
// ../shared/data/basil/articles) as one line of JSON Lines, as the build
// reads it (url, title, outlet, published, text), for tests that build a
// site of real reports.
func BasilJSONLine(file string) ([]byte, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var b basilArticle
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, err
	}
	paras := make([]string, len(b.BodyParagraphs))
	for i, p := range b.BodyParagraphs {
		paras[i] = strings.Join(p, " ")
	}
	line, err := json.Marshal(map[string]string{"url": b.URL, "title": b.Title, "outlet": b.Source, "published": b.Date,
		"text": strings.Join(paras, "\n")})
	return append(line, '\n'), err
}
