package build

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"quotetrail/internal/article"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/quote"
	"quotetrail/internal/syndicate"
)

// FileError names a corpus file that was left out and why.
type FileError struct {
	File string
	Err  error
}

func (e FileError) Error() string { return e.File + ": " + e.Err.Error() }

// Extracted is one item read into an article with its quotations.
type Extracted struct {
	File    string // the item's name (Item.Name)
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

// Stem is the article's name in the index: its file name without
// extensions. The index holds only UTF-8, and file names on Unix are any
// bytes: a byte that is not part of UTF-8 is written as %XX, so that
// "caf\xe9.html" becomes "caf%E9" and two such names stay apart.
func Stem(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".gz")
	return escapeName(strings.TrimSuffix(base, filepath.Ext(base)))
}

// escapeName writes the bytes of a file name that are not UTF-8 as %XX.
func escapeName(base string) string {
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
	Bad        []FileError // files and records left out, with the reason
	Duplicates []Duplicate
	Files      []Counts // what became of each file given, in order
	// Reused counts the articles taken unchanged from the previous build
	// (Options.Previous); Removed those of its articles that the input no
	// longer holds; KnownLeftOut the items it left out (duplicates, bad
	// items) found unchanged and left out again without being read.
	Reused, Removed, KnownLeftOut int
	// RemovedStems names the Removed articles (their stems), in the
	// previous index's order.
	RemovedStems []string
	// Delta, when not nil, says that the build only added articles to the
	// previous one and that the index is the previous one's with them
	// after it: the folder index is the base's parts and a delta.
	Delta *Delta
	// State is what the next build needs to build on this one
	// (WriteState).
	State State
}

// Counts says what became of one input file's items.
type Counts struct {
	Articles   int // added to the index
	Duplicates int // left out as the same article as another
	Bad        int // left out with a reason (in Summary.Bad)
	// Skipped counts the WARC records that are not articles, by why
	// ("request records", "HTTP status other than 200", "not HTML").
	Skipped map[string]int
}

// Read is the number of the file's items that were articles to read:
// the file itself, or its HTML records or its lines.
func (c Counts) Read() int { return c.Articles + c.Duplicates + c.Bad }

// Index builds an index from the files, leaving out (and reporting) the
// ones that cannot be used.
func Index(files []string) (*index.Index, []FileError) {
	x, s := Build(files)
	return x, s.Bad
}

// Options tune Build.
type Options struct {
	// Workers is how many items are read at once; 0 means one per CPU.
	Workers int
	// Progress, when set, is called after each item is taken, in order.
	Progress func(Progress)
	// Previous, when set, is the last build into the same site: the
	// articles of items unchanged since are taken from its index, not
	// read again.
	Previous *Previous
}

// Progress is how far a build has read its input.
type Progress struct {
	Read              int   // items that were articles to read (Counts.Read), so far
	Files, FilesTotal int   // input files read to their end, of all (the last call has them all)
	Bytes, BytesTotal int64 // bytes of the input files read (as stored, compressed or not), of all
}

// Build builds an index from the files. It leaves out, and reports, the
// files that cannot be used and the files that repeat an article already
// read (the first in name order is kept): the same page saved twice would
// otherwise be listed as two outlets carrying every quotation in it.
func Build(files []string) (*index.Index, Summary) { return BuildWith(files, Options{}) }

// BuildWith is Build with options. The files are read as items (Items: a
// page file is one, a WARC or JSON Lines file one a record); items are
// parsed and their quotations found on every core, and added to the index
// in order, so the index is the same whatever the number of workers
// (TestBuildParallel). The same article reached twice, in two files or
// two records or one of each, is added once.
func BuildWith(files []string, opt Options) (*index.Index, Summary) {
	x := &index.Index{}
	s := Summary{Files: make([]Counts, len(files)), State: State{Started: time.Now().UnixNano()}}
	// The program's hash, for the state, taken before reading: the file
	// may be replaced by another version while the build runs.
	programHash()
	seen := newDedup()
	names := stems(files)
	sizes := make([]int64, len(files))
	infos := make([]os.FileInfo, len(files)) // what tells a page unchanged (reuse), stated once
	p := Progress{FilesTotal: len(files)}
	var wg sync.WaitGroup
	workers := opt.Workers // stated on every core (or the workers asked): 100,000 pages in an increment
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += workers {
				if st, err := os.Stat(files[i]); err == nil && st.Mode().IsRegular() {
					sizes[i], infos[i] = st.Size(), st
				}
			}
		}()
	}
	wg.Wait()
	for _, n := range sizes {
		p.BytesTotal += n
	}
	var before int64 // bytes of the files before the current one
	current := 0
	var from []int   // article → the previous build's, or -1
	var taken []bool // the previous build's articles taken
	nTaken := 0
	if p := opt.Previous; p != nil {
		taken = make([]bool, len(p.x.Articles))
		// Most of them are taken again: room made once, not by doubling.
		x.Articles = make([]index.Article, 0, len(p.x.Articles)+len(p.x.Articles)/8)
		from = make([]int, 0, cap(x.Articles))
	}
	for it, r := range extractAll(Items(files), opt.Workers, opt.Previous, infos) {
		for ; current < it.file; current++ {
			before += sizes[current]
		}
		c := &s.Files[it.file]
		if opt.Progress != nil {
			pos := it.pos
			if pos < 0 || pos > sizes[it.file] {
				pos = sizes[it.file]
			}
			// A page file is read with its item; a WARC or JSON Lines
			// file when the next file starts (or the build ends).
			p.Bytes, p.Files = before+pos, it.file
			if it.Kind == Page {
				p.Files++
			}
			if it.Skip == "" {
				p.Read++
			}
			opt.Progress(p)
		}
		if it.Skip != "" {
			if c.Skipped == nil {
				c.Skipped = map[string]int{}
			}
			c.Skipped[it.Skip]++
			continue
		}
		name := it.Name()
		ex, err := r.get()
		if err == nil && r.old >= 0 {
			ex = Extracted{File: name, Article: opt.Previous.article(r.old)}
		}
		seenAlready := false
		if err == nil && r.leftOut {
			// Left out by the last build and unchanged since: left out
			// again for the same reason, without reading it.
			s.KnownLeftOut++
			if r.st.Bad != "" {
				err = errors.New(r.st.Bad)
			} else {
				d := r.st.Dup
				a := &article.Article{URL: d.URL, Title: d.Title, Outlet: d.Outlet, Paragraphs: make([]string, d.Paragraphs)}
				if of, why := seen.add(name, a, r.st.Text); of != "" {
					s.Duplicates = append(s.Duplicates, Duplicate{File: name, Of: of, Why: why})
					c.Duplicates++
					s.State.Items = append(s.State.Items, r.st)
					continue
				}
				// What it repeated is gone: an article now, read.
				s.KnownLeftOut--
				seenAlready = true
				r.st.Dup = dupKey{}
				ex, err = extractContent(it, nil)
			}
		}
		if err != nil {
			s.Bad = append(s.Bad, FileError{File: name, Err: err})
			c.Bad++
			if r.st.Bad != "" {
				r.st.Article = -1
				s.State.Items = append(s.State.Items, r.st)
			}
			continue
		}
		if r.old < 0 || r.st.Text == 0 {
			r.st.Text = textHash(ex.Article.Paragraphs)
		}
		if !seenAlready {
			if !r.keyed {
				r.keys = dedupKeysOf(ex.Article.URL, ex.Article.Title)
			}
			if of, why := seen.addKeyed(name, ex.Article, r.st.Text, r.keys); of != "" {
				s.Duplicates = append(s.Duplicates, Duplicate{File: name, Of: of, Why: why})
				c.Duplicates++
				if r.st.Hash != 0 || r.st.Size != 0 {
					a := ex.Article
					r.st.Article, r.st.Dup = -1, dupKey{URL: a.URL, Title: a.Title, Outlet: a.Outlet, Paragraphs: len(a.Paragraphs)}
					s.State.Items = append(s.State.Items, r.st)
				}
				continue
			}
		}
		stem := names[it.file]
		if it.Record > 0 {
			stem += "#" + strconv.Itoa(it.Record)
		}
		r.st.Article = int32(len(x.Articles))
		s.State.Items = append(s.State.Items, r.st)
		if r.old >= 0 {
			opt.Previous.take(x, valid(stem), r.old)
			if !taken[r.old] {
				taken[r.old] = true
				nTaken++
			}
			s.Reused++
		} else {
			Add(x, stem, ex)
		}
		from = append(from, r.old)
		c.Articles++
	}
	if opt.Previous != nil {
		s.Removed = opt.Previous.Articles() - nTaken
		for old, a := range opt.Previous.x.Articles {
			if !taken[old] {
				s.RemovedStems = append(s.RemovedStems, a.Stem)
			}
		}
	}
	if opt.Progress != nil && (p.Files < p.FilesTotal || p.Bytes < p.BytesTotal) {
		p.Files, p.Bytes = p.FilesTotal, p.BytesTotal
		opt.Progress(p)
	}
	if xa, ok := appendTo(opt.Previous, x, from, &s); ok {
		return xa, s
	}
	if p := opt.Previous; p != nil {
		p.takeQuotes(x, from)
	}
	match.TokenizeKnown(x, opt.Previous.known(x, from))
	match.Group(x)
	// Over the whole corpus (a new article may copy an old one), with the
	// shingles of the articles taken unchanged known.
	var known [][]uint64
	if p := opt.Previous; p != nil && p.found.Shingles != nil {
		known = make([][]uint64, len(x.Articles))
		for a, old := range from {
			if old >= 0 {
				known[a] = p.found.Shingles[old]
			}
		}
	}
	var found syndicate.Found
	s.State.Own, s.State.NameChecks = namesBeside(x, nil, func() { found = syndicate.FindKnown(x, known) })
	x.Syndication, s.State.shingles, s.State.Best = found.Syndication, found.Shingles, found.Best
	return x, s
}

// pending is one item's extraction, running or done.
type pending struct {
	done chan struct{}
	ex   Extracted
	err  error
	old  int       // the previous build's article, when the item is unchanged; else -1
	st   itemState // the item, for the next build
	// leftOut: the previous build left the item out (a duplicate, or
	// bad) and it is unchanged: not read (st says why).
	leftOut bool
	// keys are its article's for the duplicate check, when keyed.
	keys  dedupKeys
	keyed bool
}

func (p *pending) get() (Extracted, error) {
	<-p.done
	return p.ex, p.err
}

// extractAll reads the items on workers goroutines and returns them with
// their results in order as they come. The items themselves are listed on
// one goroutine (a WARC or gzip stream is read in order); parsing and
// quote finding, the costly part, run on the workers. At most a few
// results per worker wait to be taken, so memory does not grow with the
// corpus beyond the index being built.
//
// An item unchanged since prev (when not nil) is not extracted: its
// pending result names the previous build's article.
func extractAll(items iter.Seq[Item], workers int, prev *Previous, infos []os.FileInfo) iter.Seq2[Item, *pending] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type entry struct {
		it Item
		p  *pending
	}
	return func(yield func(Item, *pending) bool) {
		wd, _ := os.Getwd()                  // once for every item's key (reuse); "" when it cannot be told
		queue := make(chan entry, 4*workers) // in order
		stop := make(chan struct{})
		defer close(stop)
		sem := make(chan struct{}, workers)
		go func() {
			defer close(queue)
			for it := range items {
				p := &pending{done: make(chan struct{}), old: -1}
				select {
				case queue <- entry{it, p}:
				case <-stop:
					return
				}
				if it.Skip != "" || it.Err != nil {
					p.err = it.Err
					close(p.done)
					continue
				}
				select {
				case sem <- struct{}{}:
				case <-stop:
					return
				}
				go func(it Item) {
					defer func() {
						// A page that trips a bug in extraction is one bad
						// item, not the end of a build of thousands.
						if r := recover(); r != nil {
							p.err = fmt.Errorf("internal error reading this file: %v", r)
						}
						close(p.done)
						<-sem
					}()
					var content []byte
					var info os.FileInfo
					if it.file < len(infos) {
						info = infos[it.file]
					}
					p.st, content, p.old, p.err = prev.reuse(it, wd, info)
					p.leftOut = p.err == nil && p.old < 0 && p.st.same
					if p.err == nil && p.old < 0 && !p.leftOut {
						p.ex, p.err = extractContent(it, content)
						if p.err != nil {
							// Its article cannot be read: the same
							// content next time need not be read again.
							p.st.Bad = p.err.Error()
						}
					}
					switch {
					case p.err == nil && p.old >= 0:
						a := prev.x.Articles[p.old]
						p.keys, p.keyed = dedupKeysOf(a.URL, a.Title), true
					case p.err == nil && p.ex.Article != nil:
						p.keys, p.keyed = dedupKeysOf(p.ex.Article.URL, p.ex.Article.Title), true
					}
				}(it)
			}
		}()
		for e := range queue {
			if !yield(e.it, e.p) {
				return
			}
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

// EncodeAppend is Encode for an index that extends old (Delta.Previous):
// the part to append to old's bytes (index.MarshalAppend), read back onto
// old with the reader that the engine and the CLI use; nil when x adds
// nothing to old and changes nothing in it.
func EncodeAppend(old, x *index.Index) ([]byte, error) {
	if index.AppendsNothing(old, x) {
		return nil, nil
	}
	part, err := index.MarshalAppend(old, x)
	if err != nil {
		return nil, err
	}
	back, err := index.ReadAppended(old, part)
	if err != nil {
		return nil, fmt.Errorf("the part appended to the index does not read back: %w", err)
	}
	if len(back.Articles) != len(x.Articles) || len(back.Quotes) != len(x.Quotes) {
		return nil, fmt.Errorf("the index appended to reads back as %d articles and %d quotations, not %d and %d",
			len(back.Articles), len(back.Quotes), len(x.Articles), len(x.Quotes))
	}
	return part, nil
}

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
