package build

import (
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"quotetrail/internal/article"
	"quotetrail/internal/quote"
)

// Kind is what an input file holds.
type Kind uint8

const (
	// Page is one article: .html, .htm, .xhtml or .txt, each optionally .gz.
	Page Kind = iota
	// WARC is a web archive (.warc, .warc.gz): its HTML responses are
	// articles.
	WARC
	// JSONL is JSON Lines (.jsonl, .jsonl.gz): one article a line.
	JSONL
)

// KindOf tells what a file holds from its name, and false for a name
// that is none of the kinds quotetrail reads.
func KindOf(name string) (Kind, bool) {
	switch filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")) {
	case ".html", ".htm", ".xhtml", ".txt":
		return Page, true
	case ".warc":
		return WARC, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	}
	return Page, false
}

// Kinds names the file names quotetrail reads, for messages.
const Kinds = ".html, .htm, .xhtml, .txt, .warc, .jsonl, each optionally .gz"

// Listing is what a corpus path holds.
type Listing struct {
	// Files are the inputs, in path order.
	Files []string
	// Ignored counts what was not listed, by what it is: files of other
	// kinds by extension (".css", ".jpg", "no extension") and the folders
	// of page resources that browsers save beside a page
	// ("page_files/" beside "page.html"), whose frames and embeds are not
	// the article.
	Ignored map[string]int
}

// List lists the inputs under path. A folder is walked recursively, in
// name order; names starting with a dot are passed over, as are the
// resource folders of saved pages; symbolic links to folders are followed
// once. A file is listed as itself, whatever its name, when named
// directly and of a kind quotetrail reads; otherwise List says so.
func List(path string) (Listing, error) {
	l := Listing{Ignored: map[string]int{}}
	st, err := os.Stat(path)
	if err != nil {
		return l, err
	}
	if !st.IsDir() {
		if _, ok := KindOf(path); !ok {
			return l, fmt.Errorf("%s: not a folder nor a kind of file quotetrail reads (%s)", path, Kinds)
		}
		l.Files = []string{path}
		return l, nil
	}
	err = l.walk(path, map[string]bool{})
	slices.Sort(l.Files)
	return l, err
}

func (l *Listing) walk(dir string, visited map[string]bool) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	if visited[real] {
		return nil // a link back into a folder already walked
	}
	visited[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	pages := map[string]bool{}
	for _, e := range entries {
		if k, ok := KindOf(e.Name()); ok && k == Page && !e.IsDir() {
			pages[strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))] = true
		}
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				isDir = true
			}
		}
		if isDir {
			if base, ok := strings.CutSuffix(name, "_files"); ok && pages[base] {
				l.Ignored["resource folders of saved pages"]++
				continue
			}
			if err := l.walk(p, visited); err != nil {
				return err
			}
			continue
		}
		// Not a regular file (a FIFO, a device, a link to one) is listed
		// all the same when its name says article, so that the build
		// names it with the reason instead of dropping it in silence;
		// article.Load refuses it without opening it.
		if _, ok := KindOf(name); ok {
			l.Files = append(l.Files, p)
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		if ext == "" {
			ext = "no extension"
		}
		l.Ignored[ext]++
	}
	return nil
}

// CorpusFiles lists the inputs of a corpus folder and its subfolders in
// path order: pages (HTML or plain text), WARC and JSON Lines files, each
// optionally gzipped. See List.
func CorpusFiles(dir string) ([]string, error) {
	l, err := List(dir)
	return l.Files, err
}

// Item is the source of one article: a page file, or one record of a WARC
// or JSON Lines file. An item is known by a key that stays the same while
// the file does (Key), and its content is the bytes Content returns: the
// two things an incremental build needs to tell what changed.
type Item struct {
	File string // the file on disk
	Kind Kind
	// Record numbers the records of a file from 1 (all WARC records,
	// warcinfo and requests included, as WARC tools count them; a JSON
	// Lines file's lines). 0 for a page file.
	Record int
	// Offset is where the record starts: in a WARC file, the byte offset
	// as stored (where a reader seeks); in a JSON Lines file, the line's
	// offset in the decompressed text.
	Offset int64
	// URI is a WARC record's WARC-Target-URI; ContentType its HTTP
	// Content-Type.
	URI, ContentType string
	// Data is a record's content: a WARC response's payload (decoded), a
	// JSON line. Nil for a page file, which is read when extracted.
	Data []byte
	// Err says why a record (or the file holding it) could not be read.
	Err error
	// Skip says why a WARC record is not an article (a request, an image,
	// a redirect). Such records are counted by reason, not named.
	Skip string

	file int   // index of the file in the list given to Items
	pos  int64 // how far into the file (as stored) reading had come
}

// Name names the item in messages: the file, and for a record its number
// and target URI ("crawl.warc.gz record 17 (https://…)", "news.jsonl line 3").
func (it Item) Name() string {
	switch {
	case it.Record == 0:
		return it.File
	case it.Kind == JSONL:
		return it.File + " line " + strconv.Itoa(it.Record)
	case it.URI != "":
		return it.File + " record " + strconv.Itoa(it.Record) + " (" + it.URI + ")"
	}
	return it.File + " record " + strconv.Itoa(it.Record)
}

// Key identifies the item for as long as its file is unchanged: the path,
// and for a record its offset.
func (it Item) Key() string {
	if it.Record == 0 {
		return it.File
	}
	return it.File + "@" + strconv.FormatInt(it.Offset, 10)
}

// Content returns the bytes the item's article is read from: the page
// file (gunzipped), or the record's data. Hashing them tells whether an
// item changed.
func (it Item) Content() ([]byte, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	if it.Record == 0 && it.Kind == Page {
		return article.Load(it.File)
	}
	return it.Data, nil
}

// Items returns the items of the files in order: a page file is one item,
// a WARC or JSON Lines file one a record. Containers are read as the
// sequence is walked, one record at a time; records that cannot be read
// come as items with Err set, and the walk goes on past them.
func Items(files []string) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for i, f := range files {
			k, _ := KindOf(f)
			ok := true
			switch k {
			case WARC:
				ok = warcItems(f, i, yield)
			case JSONL:
				ok = jsonlItems(f, i, yield)
			default:
				ok = yield(Item{File: f, Kind: Page, file: i, pos: -1})
			}
			if !ok {
				return
			}
		}
	}
}

// ExtractItem reads one item into an article and finds its quotations.
func ExtractItem(it Item) (Extracted, error) {
	name := it.Name()
	if it.Err != nil {
		return Extracted{File: name}, it.Err
	}
	var a *article.Article
	var err error
	switch {
	case it.Kind == Page:
		return Extract(it.File)
	case it.Kind == WARC:
		a, err = article.ParseHTTP(it.Data, it.ContentType)
		if err == nil {
			a.Fill(article.Article{URL: it.URI})
		}
	default:
		a, err = parseJSONLine(it.Data)
	}
	if err != nil {
		return Extracted{File: name}, err
	}
	return Extracted{File: name, Article: a, Quotes: quote.Find(a.Paragraphs)}, nil
}

// openRegular opens a file that must be a regular file (a FIFO would block
// the read for ever) and returns it with its size.
func openRegular(path string) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		return nil, 0, article.ErrNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, article.ErrNotRegular
	}
	return f, st.Size(), nil
}

// counter counts the bytes read through it: how far into a file reading
// has come, for progress.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// stems names the files' articles in the index: each file's name without
// its extensions (Stem), with as many of its folders in front as it
// takes to tell it from the other files ("2024/03/story/index" beside
// "2024/04/story/index"), and "~2", "~3"… after the rest ("a" for a.html,
// "a~2" for a.txt beside it). Records are named by their file's stem and
// their number ("crawl#17").
func stems(files []string) []string {
	parts := make([][]string, len(files))
	depth := make([]int, len(files))
	for i, f := range files {
		dirs := strings.Split(filepath.ToSlash(filepath.Clean(filepath.Dir(f))), "/")
		var p []string
		for _, d := range dirs {
			if d != "" && d != "." && d != ".." {
				p = append(p, escapeName(d))
			}
		}
		parts[i] = append(p, Stem(f))
		depth[i] = 1
	}
	name := func(i int) string { return strings.Join(parts[i][len(parts[i])-depth[i]:], "/") }
	for changed := true; changed; {
		changed = false
		groups := map[string][]int{}
		for i := range files {
			groups[name(i)] = append(groups[name(i)], i)
		}
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			for _, i := range g {
				if depth[i] < len(parts[i]) {
					depth[i]++
					changed = true
				}
			}
		}
	}
	out := make([]string, len(files))
	taken := map[string]int{}
	for i := range files {
		s := name(i)
		taken[s]++
		if n := taken[s]; n > 1 {
			s += "~" + strconv.Itoa(n)
		}
		out[i] = s
	}
	return out
}
