package build

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"quotetrail/internal/article"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/quote"
)

// FileError names a corpus file that was left out and why.
type FileError struct {
	File string
	Err  error
}

func (e FileError) Error() string { return e.File + ": " + e.Err.Error() }

// Extracted is one file read into an article with its quotations.
type Extracted struct {
	File    string
	Article *article.Article
	Quotes  []quote.Quote
}

// Extract reads one file and finds its quotations.
func Extract(path string) (Extracted, error) {
	a, err := article.ReadFile(path)
	if err != nil {
		return Extracted{File: path}, err
	}
	return Extracted{File: path, Article: a, Quotes: quote.Find(a.Paragraphs)}, nil
}

// CorpusFiles lists the article files of a corpus folder in name order:
// HTML pages and plain-text files, gzipped or not.
func CorpusFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := strings.ToLower(strings.TrimSuffix(e.Name(), ".gz"))
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		switch filepath.Ext(name) {
		case ".html", ".htm", ".xhtml", ".txt":
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// Stem is the article's name in the index: its file name without
// extensions.
func Stem(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".gz")
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Index builds an index from the files, leaving out (and reporting) the
// ones that cannot be used.
func Index(files []string) (*index.Index, []FileError) {
	x := &index.Index{}
	var bad []FileError
	for _, f := range files {
		ex, err := Extract(f)
		if err != nil {
			bad = append(bad, FileError{File: f, Err: err})
			continue
		}
		Add(x, Stem(f), ex)
	}
	match.Tokenize(x)
	match.Group(x)
	return x, bad
}

// Add appends one extracted article and its quotations to x.
func Add(x *index.Index, stem string, ex Extracted) {
	a := ex.Article
	ai := len(x.Articles)
	x.Articles = append(x.Articles, index.Article{Stem: stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title,
		Byline: a.Byline, Published: a.Published, Paragraphs: a.Paragraphs})
	for _, q := range ex.Quotes {
		x.Quotes = append(x.Quotes, index.Quote{Article: ai, Paragraph: q.Paragraph, Start: q.Start, End: q.End,
			Inferred: q.Inferred, Partial: q.Kind == "partial", Text: q.Text, Speaker: q.Speaker,
			SpeakerText: q.SpeakerText, Cue: q.Cue, Channel: q.Channel, ChannelText: q.ChannelText,
			Attribution: q.Attribution, Unattributed: q.Unattributed})
	}
}
