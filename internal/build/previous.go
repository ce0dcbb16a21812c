package build

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"quotetrail/internal/article"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/quote"
	"quotetrail/internal/syndicate"
	"quotetrail/internal/textnorm"
)

// An incremental build. A build leaves in the site folder, beside the
// whole index it writes (index.qti), a state file that says which item
// each of the index's articles was read from and how to tell that item
// unchanged: for a page file its size and modification time, and for any
// item the hash of its content. The next build into the same folder takes
// the article, quotations, attributions and words of every unchanged item
// from that index instead of parsing it again; only new and changed items
// are read. Items gone from the input are simply not taken. Everything
// after reading (the words' ids, the grouping of quotations into
// utterances, the folder index) is then computed as a full build computes
// it, over the same articles in the same order, so the index written is
// the same, byte for byte, as a full build's (TestIncrementalEqualsFull):
// an incremental build changes how long a build takes, never its answers.

// StateFile is the state's name in the site folder. The leading dot keeps
// it out of what serve sends; it need not be uploaded.
const StateFile = ".quotetrail-build"

// itemState is one item as the last build read it.
type itemState struct {
	Key     string // Item.Key
	Size    int64  // a page file's size and modification time (ns)
	ModTime int64
	// CTime is a page file's change time (ns; 0 when the system does not
	// tell): it moves when the page's bytes or permissions change, even
	// when its modification time is set back (git's rule).
	CTime int64
	Hash  uint64 // FNV-1a of Item.Content
	// Text is the hash of its article's words (dedup's textHash), so that
	// an article taken unchanged is checked for duplicates unhashed.
	Text    uint64
	Article int32 // its article in the index; -1 when it was left out
	// Bad is why the item was left out (Article -1), when its article
	// could not be read; otherwise it repeated another's, and Dup is
	// what tells it a duplicate (dedup.add). Either way an item unchanged
	// since is left out again without being read, unless what it
	// repeated is gone.
	Bad string
	Dup dupKey
	// same: unchanged since the last build (reuse); not stored.
	same bool
}

// dupKey is what dedup.add reads of an article, besides its text hash.
type dupKey struct {
	URL, Title, Outlet string
	Paragraphs         int
}

// stateHeader is written before the State: what it goes with.
type stateHeader struct {
	// Program is the hash of the program that built the index: another
	// version may extract differently, so its index is not reused.
	Program uint64
	Tokens  string // textnorm.Version
	// IndexSize and IndexTime are index.qti's size and modification time
	// (ns) as the build left it, so that a state is never paired with
	// another build's index (git's rule for its files): hashing it took
	// 1.5 s at 100,000 articles, on every increment.
	IndexSize, IndexTime int64
}

// State is what a build leaves for the next one (after a stateHeader).
type State struct {
	// Started is when the build began reading (ns since 1970): a page
	// modified since may have changed after it was read, in the same
	// clock tick, so its time and size prove nothing (git's rule for its
	// index).
	Started int64
	Items   []itemState
	// Base is the folder index's entry as the last full build wrote it,
	// and BaseParts the names of its parts in the folder: an incremental
	// build that only adds articles writes a delta beside them and leaves
	// them in place (delta.go). Empty when no folder index was written.
	Base      []byte
	BaseParts []string
	// shingles and Best are what syndicate found of each article
	// (syndicate.Found), so that the next build reads only the new
	// articles' text to find which copy which. The shingles are most of
	// the state (140,976,760 of its 156,481,536 bytes at 100,000
	// articles): written after the gob stream as one run of bytes
	// (shingleSets.writeTo), not through gob.
	shingles shingleSets
	Best     []float64
	// Touched are the base's articles whose syndication the articles
	// added since changed (Delta.Touched), and Requoted its quotations
	// whose speaker's corpus name they changed (Delta.Requoted),
	// increasing.
	Touched, Requoted []int
	// Own are the article's own names of the quotations the corpus
	// names otherwise (names.go).
	Own []ownName
	// NameChecks are the names pass's answers of the articles' texts
	// (speakers.CorpusChecked), by article.
	NameChecks []nameChecked
	// Demo names the demo's files by the articles they hold
	// (DemoUpdate); the caller sets it once they are made.
	Demo DemoRuns
}

// Previous is the last build into a site folder, read for an incremental
// build.
type Previous struct {
	started int64 // State.Started
	x       *index.Index
	size    int64 // index.qti's
	items   map[string]itemState
	quotes  []int // quotes[a] is the first quotation of article a; quotes[len] = len(x.Quotes)
	// The folder index's base (State.Base), when the site holds it whole.
	base      *index.Entry
	baseBytes []byte
	baseParts []string
	found     syndicate.Found // of the previous index's articles; empty if the state has none
	touched   []int           // State.Touched
	requoted  []int           // State.Requoted
	own       []ownName       // State.Own
	demo      *DemoRuns       // State.Demo, when the site holds its files
	// nameChecks are State.NameChecks: an append's base articles are the
	// last build's, whose answers hold for them.
	nameChecks []nameChecked
}

// Articles is how many articles the previous build's index holds.
func (p *Previous) Articles() int { return len(p.x.Articles) }

// LoadPrevious reads the last build into out. It returns nil and no error
// when there is none to build on; an error says why a build that is there
// cannot be used (another program built it, its files do not agree), and
// the caller builds in full.
func LoadPrevious(out string) (*Previous, error) {
	raw, err := os.ReadFile(filepath.Join(out, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// The state's header first (what it goes with), then the index is
	// read while the rest of the state is decoded: each is about half a
	// second at 100,000 articles.
	rd := bytes.NewReader(raw)
	dec := gob.NewDecoder(rd)
	var h stateHeader
	if err := dec.Decode(&h); err != nil {
		return nil, fmt.Errorf("%s is damaged: %v", StateFile, err)
	}
	prog, err := programHash()
	if err != nil {
		return nil, err
	}
	if h.Program != prog {
		return nil, errors.New("it was built by another version of quotetrail")
	}
	if h.Tokens != textnorm.Version {
		return nil, errors.New("its words were normalized by another version")
	}
	type read struct {
		x    *index.Index
		size int64
		err  error
		// release unmaps the index's bytes, when nothing read from
		// them is kept.
		release func()
	}
	got := make(chan read, 1)
	go func() {
		name := filepath.Join(out, "index.qti")
		if st, err := os.Stat(name); err != nil {
			got <- read{err: err}
			return
		} else if st.Size() != h.IndexSize || st.ModTime().UnixNano() != h.IndexTime {
			got <- read{err: errors.New("its index.qti is not the one its state describes (a build stopped half-way, or the file was replaced)")}
			return
		}
		data, release, err := readMapped(name)
		if err == nil && int64(len(data)) != h.IndexSize {
			release()
			err = errors.New("its index.qti changed while it was read")
		}
		if err != nil {
			got <- read{err: err}
			return
		}
		x, err := index.Read(data)
		got <- read{x, int64(len(data)), err, release}
	}()
	var s State
	err = dec.Decode(&s)
	if err == nil {
		// gob reads from a bytes.Reader exactly the messages it decodes.
		s.shingles, err = readShingles(raw, len(raw)-rd.Len())
	}
	r := <-got
	kept := false
	defer func() {
		if !kept && r.release != nil {
			r.release() // nothing read from the index is returned
		}
	}()
	if err != nil {
		return nil, fmt.Errorf("%s is damaged: %v", StateFile, err)
	}
	if r.err != nil {
		return nil, r.err
	}
	x := r.x
	if !x.HasTokens() {
		return nil, errors.New("its index carries no words")
	}
	if !checkOwn(s.Own, x) {
		return nil, fmt.Errorf("%s names speakers its index does not hold", StateFile)
	}
	p := &Previous{started: s.Started, x: x, size: r.size, items: make(map[string]itemState, len(s.Items)), quotes: make([]int, len(x.Articles)+1), own: s.Own}
	for _, c := range s.NameChecks {
		if c.Article < 0 || int(c.Article) >= len(x.Articles) {
			return nil, fmt.Errorf("%s names article %d of %d", StateFile, c.Article, len(x.Articles))
		}
	}
	p.nameChecks = s.NameChecks
	for _, it := range s.Items {
		if it.Article < -1 || int(it.Article) >= len(x.Articles) {
			return nil, fmt.Errorf("%s names article %d of %d", StateFile, it.Article, len(x.Articles))
		}
		p.items[it.Key] = it
	}
	// Quotations are stored article by article, in article order.
	q := 0
	for a := range x.Articles {
		p.quotes[a] = q
		for q < len(x.Quotes) && x.Quotes[q].Article == a {
			q++
		}
	}
	p.quotes[len(x.Articles)] = q
	if q != len(x.Quotes) {
		return nil, errors.New("its quotations are not in article order")
	}
	p.loadBase(out, &s)
	p.loadDemo(out, &s)
	if n := len(x.Articles); len(s.shingles) == n && len(s.Best) == n && len(x.Syndication) == n {
		p.found = syndicate.Found{Syndication: x.Syndication, Shingles: s.shingles, Best: s.Best}
	}
	kept = true
	return p, nil
}

// WriteState writes s for the next build into out, whose index.qti the
// build has written. It is written last, and by renaming a complete file,
// so that a build stopped half-way leaves either no state or one that
// LoadPrevious finds wrong and passes over.
func WriteState(out string, s State) error {
	prog, err := programHash()
	if err != nil {
		return err
	}
	st, err := os.Stat(filepath.Join(out, "index.qti"))
	if err != nil {
		return err
	}
	h := stateHeader{Program: prog, Tokens: textnorm.Version, IndexSize: st.Size(), IndexTime: st.ModTime().UnixNano()}
	tmp := filepath.Join(out, StateFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	// Written through a buffer straight to the file: the shingles are
	// not copied whole first.
	w := &countingWriter{w: bufio.NewWriterSize(f, 1<<20)}
	enc := gob.NewEncoder(w)
	if err = enc.Encode(&h); err == nil {
		err = enc.Encode(&s)
	}
	if err == nil {
		err = s.shingles.writeTo(w)
	}
	if err == nil {
		err = w.w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, filepath.Join(out, StateFile))
}

var programOnce = sync.OnceValues(func() (uint64, error) {
	// /proc/self/exe is the image running even when its file has been
	// replaced since it started; os.Executable would name the new one.
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		exe, err := os.Executable()
		if err != nil {
			return 0, err
		}
		if f, err = os.Open(exe); err != nil {
			return 0, err
		}
	}
	defer f.Close()
	h := fnv.New64a()
	if _, err := io.Copy(h, f); err != nil {
		return 0, err
	}
	return h.Sum64(), nil
})

// programHash identifies the running program by its bytes: any change to
// extraction changes them. BuildWith takes it when it starts.
func programHash() (uint64, error) { return programOnce() }

// reuse tells whether it is unchanged since the previous build, and
// returns the state to record for it either way, with its content when
// it had to be read to tell (so that extraction need not read it again).
// info is its file's, when the caller stated it (nil: reuse does); wd
// the working folder (absPath).
func (p *Previous) reuse(it Item, wd string, info os.FileInfo) (st itemState, content []byte, old int, err error) {
	// Keyed by the absolute path: the same files named from another
	// folder are the same items.
	st = itemState{Key: it.Key(), Article: -1}
	if abs, err := absPath(wd, it.File); err == nil {
		st.Key = abs + strings.TrimPrefix(st.Key, it.File)
	}
	var prev itemState
	known := false
	if p != nil {
		prev, known = p.items[st.Key]
	}
	if it.Record == 0 && it.Kind == Page {
		fi, err := info, error(nil) // the file's, stated by the caller when it could
		if fi == nil {
			fi, err = os.Stat(it.File)
		}
		if err == nil {
			st.Size, st.ModTime, st.CTime = fi.Size(), fi.ModTime().UnixNano(), changeTime(fi)
			if known && prev.Size == st.Size && prev.ModTime == st.ModTime && st.ModTime < p.started && prev.CTime == st.CTime {
				// A page whose change time moved is read again (its
				// bytes, its permissions). Where the system tells none,
				// it is opened, so that a page that can no longer be
				// read is left out as a full build would leave it out;
				// opening 100,000 pages took 0.6 s of CPU in an
				// increment.
				if st.CTime == 0 || st.CTime >= p.started {
					f, err := os.Open(it.File)
					if err != nil {
						return st, nil, -1, err
					}
					f.Close()
				}
				st.Hash, st.Text, st.Bad, st.Dup, st.same = prev.Hash, prev.Text, prev.Bad, prev.Dup, true
				return st, nil, int(prev.Article), nil
			}
		}
	}
	content, err = it.Content()
	if err != nil {
		return st, nil, -1, err
	}
	st.Hash = contentHash(it, content)
	if known && prev.Hash == st.Hash {
		st.Text, st.Bad, st.Dup, st.same = prev.Text, prev.Bad, prev.Dup, true
		return st, nil, int(prev.Article), nil
	}
	return st, content, -1, nil
}

// contentHash is the hash of what an item's article is read from: for a
// page file its bytes; for a record its payload with the target URI (the
// article's URL when the page names none) and the content type (its
// charset), which the same payload may come with otherwise.
func contentHash(it Item, content []byte) uint64 {
	if it.Record == 0 && it.Kind == Page {
		return index.Hash(content)
	}
	h := fnv.New64a()
	h.Write([]byte{byte(it.Kind)})
	h.Write([]byte(it.URI))
	h.Write([]byte{0})
	h.Write([]byte(it.ContentType))
	h.Write([]byte{0})
	h.Write(content)
	return h.Sum64()
}

// known returns the words of x's articles taken from p (from[a] is the
// previous article of article a, or -1), as ids into p's vocabulary, for
// match.TokenizeKnown; nil when nothing was taken. The quotations of an
// article taken whole are the previous article's, in the same order.
func (p *Previous) known(x *index.Index, from []int) *match.Known {
	if p == nil {
		return nil
	}
	k := &match.Known{Vocab: p.x.Vocab, Paras: make([][][]int32, len(x.Articles)), Quotes: make([][]int32, len(x.Quotes))}
	for a, old := range from {
		if old >= 0 {
			k.Paras[a] = p.x.ParaTokens[old]
		}
	}
	cur, n := -1, 0
	for qi, q := range x.Quotes {
		if q.Article != cur {
			cur, n = q.Article, 0
		}
		if old := from[cur]; old >= 0 {
			k.Quotes[qi] = p.x.QuoteTokens[p.quotes[old]+n]
		}
		n++
	}
	return k
}

// take appends to x the previous build's article old, named stem,
// without its quotations: an increment that only adds articles takes
// them from the previous index as they are (appendTo), and any other
// build takes them once every article is known (takeQuotes). Taken here
// one by one, they were a copy of every quotation of the corpus made in
// every increment and dropped.
func (p *Previous) take(x *index.Index, stem string, old int) {
	a := p.x.Articles[old]
	a.Stem = stem
	x.Articles = append(x.Articles, a)
}

// takeQuotes puts into x, whose quotations are those of its articles
// read (not taken), in article order, the quotations of the articles
// taken (from[a] is the previous article of article a, or -1), in
// article order with the others. Their words are set by
// match.TokenizeKnown.
func (p *Previous) takeQuotes(x *index.Index, from []int) {
	read := x.Quotes
	n := len(read)
	for _, old := range from {
		if old >= 0 {
			n += p.quotes[old+1] - p.quotes[old]
		}
	}
	x.Quotes = make([]index.Quote, 0, n)
	k := 0
	for a, old := range from {
		if old < 0 {
			for ; k < len(read) && read[k].Article == a; k++ {
				x.Quotes = append(x.Quotes, read[k])
			}
			continue
		}
		for qi := p.quotes[old]; qi < p.quotes[old+1]; qi++ {
			q := p.ownQuote(qi) // the corpus names are found again
			q.Article, q.Utterance = a, 0
			x.Quotes = append(x.Quotes, q)
		}
	}
}

// article returns the previous build's article old as read, for the
// duplicate check.
func (p *Previous) article(old int) *article.Article {
	a := p.x.Articles[old]
	return &article.Article{Outlet: a.Outlet, URL: a.URL, Title: a.Title, Byline: a.Byline, Published: a.Published, Paragraphs: a.Paragraphs}
}

// extractContent is ExtractItem for an item whose content was read
// already (a page file's bytes; nil for a record, which carries its own).
func extractContent(it Item, content []byte) (Extracted, error) {
	if content == nil || it.Kind != Page || it.Record != 0 {
		return ExtractItem(it)
	}
	a, err := article.ParseNamed(it.File, content)
	if err != nil {
		return Extracted{File: it.File}, err
	}
	return Extracted{File: it.File, Article: a, Quotes: quote.Find(a.Paragraphs)}, nil
}

// shingleSets are the articles' shingles (State.shingles), written in
// the state after its gob messages as one run of bytes: through gob they
// were copied whole several times over on each side (its reader grows a
// message of 141 MB ten megabytes at a time), 1.4 s of CPU in every
// build at 100,000 articles.
type shingleSets [][]uint64

// shingleMagic starts the shingles' run of bytes.
const shingleMagic = "QTSH"

// countingWriter counts what it writes, so that the shingles' run can be
// aligned to eight bytes from the start of the file.
type countingWriter struct {
	w *bufio.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeTo writes the magic, the count of sets and each set's length
// (uvarints), a count of zero bytes and those zero bytes (up to a
// multiple of eight from the start of the file, so that a reader can
// take the shingles in place), then every shingle, eight bytes
// little-endian.
func (s shingleSets) writeTo(w *countingWriter) error {
	b := []byte(shingleMagic)
	b = binary.AppendUvarint(b, uint64(len(s)))
	for _, set := range s {
		b = binary.AppendUvarint(b, uint64(len(set)))
	}
	pad := (8 - (w.n+int64(len(b))+1)%8) % 8
	b = append(b, byte(pad))
	b = append(b, make([]byte, pad)...)
	if _, err := w.Write(b); err != nil {
		return err
	}
	buf := make([]byte, 0, 1<<16)
	for _, set := range s {
		for _, v := range set {
			if len(buf) == cap(buf) {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
			buf = binary.LittleEndian.AppendUint64(buf, v)
		}
	}
	_, err := w.Write(buf)
	return err
}

// readShingles reads what writeTo wrote at file[at:], refusing what does
// not fit in the file exactly: a damaged state makes a full build, never
// a panic or a huge allocation. On a little-endian machine, with the
// shingles aligned as writeTo aligns them, the sets are the file's own
// bytes, not copied.
func readShingles(file []byte, at int) (shingleSets, error) {
	bad := errors.New("shingles damaged")
	b := file[at:]
	if !bytes.HasPrefix(b, []byte(shingleMagic)) {
		return nil, bad
	}
	b = b[len(shingleMagic):]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, bad
	}
	b = b[k:]
	lens := make([]int, n)
	total := uint64(0)
	for i := range lens {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)) {
			return nil, bad
		}
		lens[i], total, b = int(l), total+l, b[k:]
	}
	if len(b) == 0 || b[0] > 7 || len(b) < 1+int(b[0]) || slices.ContainsFunc(b[1:1+b[0]], func(c byte) bool { return c != 0 }) {
		return nil, bad
	}
	b = b[1+b[0]:]
	if total != uint64(len(b))/8 || len(b)%8 != 0 {
		return nil, bad
	}
	var all []uint64
	if total > 0 && littleEndian && uintptr(unsafe.Pointer(&b[0]))%8 == 0 {
		all = unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), total)
	} else {
		all = make([]uint64, total)
		for i := range all {
			all[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	out := make(shingleSets, n)
	for i, l := range lens {
		out[i], all = all[:l:l], all[l:]
	}
	return out, nil
}

// littleEndian: this machine stores a uint64 as writeTo writes it.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// loadDemo keeps the state's demo runs when the site holds every file
// they name.
func (p *Previous) loadDemo(out string, s *State) {
	for _, runs := range [][]DemoRun{s.Demo.Texts, s.Demo.Pages} {
		for _, r := range runs {
			if _, err := os.Stat(filepath.Join(out, "demo", filepath.FromSlash(r.Name))); err != nil {
				return
			}
		}
	}
	if len(s.Demo.Texts) > 0 && len(s.Demo.Pages) > 0 {
		p.demo = &s.Demo
	}
}

// absPath is filepath.Abs with the working folder wd asked once by the
// caller: filepath.Abs asks it of the system for every path (two stats
// each), 100,000 times in an increment.
func absPath(wd, p string) (string, error) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	if wd == "" {
		return filepath.Abs(p)
	}
	return filepath.Join(wd, p), nil
}
