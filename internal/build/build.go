package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
// HTML pages and plain-text files, gzipped or not. Names that are not
// regular files (FIFOs, devices, sockets) are listed too, so that the
// build reports them by name instead of dropping them in silence;
// ReadFile refuses them without opening them.
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
// extensions. The index holds only UTF-8, and file names on Unix are any
// bytes: a byte that is not part of UTF-8 is written as %XX, so that
// "caf\xe9.html" becomes "caf%E9" and two such names stay apart.
func Stem(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".gz")
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if utf8.ValidString(base) {
		return base
	}
	var b strings.Builder
	for i := 0; i < len(base); {
		r, n := utf8.DecodeRuneInString(base[i:])
		if r == utf8.RuneError && n <= 1 {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(base[i])|0x100, 16)[1:]))
			i++
			continue
		}
		b.WriteString(base[i : i+n])
		i += n
	}
	return b.String()
}

// Duplicate is a file left out because it holds an article already in the
// index.
type Duplicate struct {
	File string
	Of   string // the file whose article was kept
	Why  string // "same URL" or "same text"
}

// Summary says what a build left out and why.
type Summary struct {
	Bad        []FileError
	Duplicates []Duplicate
}

// Index builds an index from the files, leaving out (and reporting) the
// ones that cannot be used.
func Index(files []string) (*index.Index, []FileError) {
	x, s := Build(files)
	return x, s.Bad
}

// Options tune Build.
type Options struct {
	// Workers is how many files are read at once; 0 means one per CPU.
	Workers int
	// Progress, when set, is called after each file is read, in file
	// order, with the number read and the total.
	Progress func(done, total int)
}

// Build builds an index from the files. It leaves out, and reports, the
// files that cannot be used and the files that repeat an article already
// read (the first in name order is kept): the same page saved twice would
// otherwise be listed as two outlets carrying every quotation in it.
func Build(files []string) (*index.Index, Summary) { return BuildWith(files, Options{}) }

// BuildWith is Build with options. Files are read and their quotations
// found on every core; they are added to the index in file order, so the
// index is the same whatever the number of workers (TestBuildParallel).
func BuildWith(files []string, opt Options) (*index.Index, Summary) {
	x := &index.Index{}
	var s Summary
	seen := newDedup()
	for i, r := range extractAll(files, opt.Workers) {
		f := files[i]
		if opt.Progress != nil {
			opt.Progress(i+1, len(files))
		}
		ex, err := r.get()
		if err != nil {
			s.Bad = append(s.Bad, FileError{File: f, Err: err})
			continue
		}
		if of, why := seen.add(f, ex.Article); of != "" {
			s.Duplicates = append(s.Duplicates, Duplicate{File: f, Of: of, Why: why})
			continue
		}
		Add(x, Stem(f), ex)
	}
	match.Tokenize(x)
	match.Group(x)
	return x, s
}

// pending is one file's extraction, running or done.
type pending struct {
	done chan struct{}
	ex   Extracted
	err  error
}

func (p *pending) get() (Extracted, error) {
	<-p.done
	return p.ex, p.err
}

// extractAll reads the files on workers goroutines and returns their
// results in file order as they come. At most a few results per worker
// wait to be taken, so memory does not grow with the corpus beyond the
// index being built.
func extractAll(files []string, workers int) func(yield func(int, *pending) bool) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(int, *pending) bool) {
		queue := make(chan *pending, 4*workers) // in file order
		stop := make(chan struct{})
		defer close(stop)
		sem := make(chan struct{}, workers)
		go func() {
			defer close(queue)
			for _, f := range files {
				p := &pending{done: make(chan struct{})}
				select {
				case queue <- p:
				case <-stop:
					return
				}
				sem <- struct{}{}
				go func(f string) {
					defer func() {
						// A page that trips a bug in extraction is one bad
						// file, not the end of a build of thousands.
						if r := recover(); r != nil {
							p.err = fmt.Errorf("internal error reading this file: %v", r)
						}
						close(p.done)
						<-sem
					}()
					p.ex, p.err = Extract(f)
				}(f)
			}
		}()
		i := 0
		for p := range queue {
			if !yield(i, p) {
				return
			}
			i++
		}
	}
}

// Add appends one extracted article and its quotations to x. Every string
// is made valid UTF-8 on the way in: the index reader refuses anything
// else, and one bad string would make the whole index unreadable.
func Add(x *index.Index, stem string, ex Extracted) {
	a := ex.Article
	ai := len(x.Articles)
	paras := make([]string, len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		paras[i] = valid(p)
	}
	x.Articles = append(x.Articles, index.Article{Stem: valid(stem), Outlet: valid(a.Outlet), URL: valid(a.URL),
		Title: valid(a.Title), Byline: valid(a.Byline), Published: valid(a.Published), Paragraphs: paras})
	for _, q := range ex.Quotes {
		x.Quotes = append(x.Quotes, index.Quote{Article: ai, Paragraph: q.Paragraph, Start: q.Start, End: q.End,
			Inferred: q.Inferred, Partial: q.Kind == "partial", Text: valid(q.Text), Speaker: valid(q.Speaker),
			SpeakerText: valid(q.SpeakerText), Cue: valid(q.Cue), Channel: valid(q.Channel), ChannelText: valid(q.ChannelText),
			Attribution: valid(q.Attribution), Unattributed: q.Unattributed})
	}
}

// valid returns s, with any byte that is not UTF-8 replaced by U+FFFD.
// Extraction gives UTF-8 already; this keeps a slip there from costing
// the whole index.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// Encode marshals x and reads the result back with the reader that the
// engine and the CLI use, so that the build never writes an index its own
// reader refuses.
func Encode(x *index.Index) ([]byte, error) {
	data := index.Marshal(x)
	back, err := index.Read(data)
	if err != nil {
		return nil, fmt.Errorf("the index written does not read back: %w", err)
	}
	if len(back.Articles) != len(x.Articles) || len(back.Quotes) != len(x.Quotes) {
		return nil, fmt.Errorf("the index written reads back as %d articles and %d quotations, not %d and %d",
			len(back.Articles), len(back.Quotes), len(x.Articles), len(x.Quotes))
	}
	return data, nil
}
