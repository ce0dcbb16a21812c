package index

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Version is the format version this package writes and reads: 3 adds
// the syndication section after the tokens (doc.go).
const Version = 3

const (
	magic      = "QTIX"
	headerSize = 16
)

// MaxBytes is the largest index, header included, that Read accepts and
// that the CLI and the wasm engine take in: they refuse a bigger one
// before reading it whole (TooLarge). Read also refuses an index that
// decodes to more than MaxBytes of memory. The 100k-article corpus of
// quotetrail bench (566 MB, 880 MB decoded) is within both; the wasm
// engine has at most 4 GiB for the bytes, the decoded index and its
// tables, and took 2 GiB for that one.
const MaxBytes = 1 << 30

// maxDecoded bounds the memory Read decodes an index into, as MaxBytes
// bounds the index itself: a real index decodes to about 1.6 bytes a byte
// (the 100k-article bench index, 566 MB, to 880 MB), one of near-empty
// records to about 21, and either is refused once it passes the bound
// instead of taking that much. A variable only so that tests reach it
// with small inputs.
var maxDecoded = MaxBytes

// What each decoded record costs in memory, with the header of its token
// list (or, for an article, of its row of them).
const (
	articleSize   = int(unsafe.Sizeof(Article{}))
	quoteSize     = int(unsafe.Sizeof(Quote{}))
	sliceHeader   = int(unsafe.Sizeof([]int32(nil)))
	articleCost   = articleSize + sliceHeader
	paragraphCost = int(unsafe.Sizeof("")) + sliceHeader
	quoteCost     = quoteSize + sliceHeader
	stringSize    = int(unsafe.Sizeof(""))
	idSize        = int(unsafe.Sizeof(int32(0)))
	syndicSize    = int(unsafe.Sizeof(Syndication{}))
)

// Smallest encoding of each record (see doc.go): Read bounds every count
// by the bytes left divided by these, so a count the data cannot hold is
// refused before anything is allocated for it.
const (
	minArticle   = 7  // six empty strings and a zero paragraph count
	minParagraph = 1  // an empty string
	minQuote     = 13 // five one-byte numbers, the flags, seven empty strings
	minWord      = 1  // an empty string
	minIDs       = 1  // a zero id count
	minID        = 1  // a one-byte id
	minSyndic    = 4  // an empty outlet, no reuse, the flags, a one-byte report
)

// Article is one article of the corpus.
type Article struct {
	Stem       string // corpus file name without extension
	Outlet     string
	URL        string
	Title      string
	Byline     string
	Published  string
	Paragraphs []string
}

// Quote is one quotation as one article printed it.
type Quote struct {
	Article    int // index into Index.Articles
	Paragraph  int
	Start, End int // byte span of Text in the paragraph
	Utterance  int // quotations with the same Utterance are one utterance
	Inferred   bool
	Partial    bool // a fragment inside the outlet's sentence
	// Unattributed marks a title, nickname or scare quotes: quoted words
	// that the article ties to no speaker.
	Unattributed bool
	Text         string
	Speaker      string
	SpeakerText  string
	Cue          string
	Channel      string
	ChannelText  string
	Attribution  string
}

// Index is a whole corpus, ready to match against.
type Index struct {
	Articles []Article
	Quotes   []Quote
	// Tokens are the normalized words of every paragraph and quotation as
	// ids into Vocab, written at build time (match.Tokenize) so that the
	// engine does not tokenize the corpus when it loads. All three are
	// empty or all are set.
	TokensOf    string // the normalization that made them (textnorm.Version)
	Vocab       []string
	ParaTokens  [][][]int32 // [article][paragraph]
	QuoteTokens [][]int32
	// Syndication is, for each article, what the build found of its
	// source (internal/syndicate): empty, or one per article.
	Syndication []Syndication
}

// Syndication says whether an article is a copy of another report.
type Syndication struct {
	Republishes string // the outlet its byline or a credit names as the original; "" if none
	Reuses      int    // the article whose text it closely reuses, or -1
	// Shared: Reuses is of the same or an unknown date, so the two share
	// their text and neither is known to copy the other.
	Shared bool
	// Report is the first article of its group of copies (itself when it
	// is no copy): articles with the same Report are one report.
	Report int
}

// HasTokens reports whether x carries the tokens of all its paragraphs
// and quotations.
func (x *Index) HasTokens() bool {
	if len(x.Vocab) == 0 || len(x.ParaTokens) != len(x.Articles) || len(x.QuoteTokens) != len(x.Quotes) {
		return false
	}
	for ai, a := range x.Articles {
		if len(x.ParaTokens[ai]) != len(a.Paragraphs) {
			return false
		}
	}
	return true
}

// Marshal encodes x in the current format.
func Marshal(x *Index) []byte {
	// Sized ahead: growing a slice to hundreds of megabytes by doubling
	// copied the index several times over.
	p := make([]byte, 0, x.size())
	p = binary.AppendUvarint(p, uint64(len(x.Articles)))
	for _, a := range x.Articles {
		p = appendArticle(p, a)
	}
	p = binary.AppendUvarint(p, uint64(len(x.Quotes)))
	for _, q := range x.Quotes {
		p = appendQuote(p, q)
	}
	vocab, of := x.Vocab, x.TokensOf
	if !x.HasTokens() {
		vocab, of = nil, ""
	}
	p = appendString(p, of)
	p = binary.AppendUvarint(p, uint64(len(vocab)))
	for _, w := range vocab {
		p = appendString(p, w)
	}
	if len(vocab) > 0 {
		p = appendTokens(p, x, 0, 0)
	}
	syn := x.Syndication
	if len(syn) != len(x.Articles) {
		syn = nil
	}
	p = binary.AppendUvarint(p, uint64(len(syn)))
	for _, s := range syn {
		p = appendSyndication(p, s)
	}
	return frame(p)
}

// appendMagic starts an appended part: what an incremental build that
// only added articles adds to the index written before it.
const appendMagic = "QTIA"

// MarshalAppend encodes what x adds to old as a part to write after old's
// bytes (Marshal's, and any parts appended since): Read of the whole then
// gives x. x must hold old's articles, quotations and words first, with
// their ids, as an incremental build that only adds articles makes it;
// earlier quotations and syndication records may have changed (an
// utterance that joined another, a report copied first), and are written
// again; earlier articles may not. An append costs what was added, where
// writing the whole index again costs the whole corpus.
func MarshalAppend(old, x *Index) ([]byte, error) {
	a0, q0, v0 := len(old.Articles), len(old.Quotes), len(old.Vocab)
	switch {
	case len(x.Articles) < a0 || len(x.Quotes) < q0 || len(x.Vocab) < v0:
		return nil, errors.New("the index holds less than the one it appends to")
	case old.HasTokens() != x.HasTokens() || old.HasTokens() && old.TokensOf != x.TokensOf:
		return nil, errors.New("the index's words are not those of the one it appends to")
	case !old.HasTokens() && len(old.Vocab)+len(x.Vocab) > 0:
		return nil, errors.New("an index with words in part only cannot be appended to")
	case (len(old.Syndication) == a0) != (len(x.Syndication) == len(x.Articles)):
		return nil, errors.New("the syndication of the index is not that of the one it appends to")
	}
	for i := range a0 {
		// The part does not hold them: each must be as it was (strings
		// shared with old compare in constant time).
		a, b := &old.Articles[i], &x.Articles[i]
		if a.Stem != b.Stem || a.Outlet != b.Outlet || a.URL != b.URL || a.Title != b.Title || a.Byline != b.Byline ||
			a.Published != b.Published || !slices.Equal(a.Paragraphs, b.Paragraphs) {
			return nil, errors.New("an earlier article changed: " + a.Stem)
		}
	}
	for i := range v0 {
		if old.Vocab[i] != x.Vocab[i] {
			return nil, errors.New("an earlier word changed its id")
		}
	}
	var p []byte
	for _, n := range []int{a0, q0, v0, len(x.Articles) - a0} {
		p = binary.AppendUvarint(p, uint64(n))
	}
	for _, a := range x.Articles[a0:] {
		p = appendArticle(p, a)
	}
	p = binary.AppendUvarint(p, uint64(len(x.Quotes)-q0))
	for _, q := range x.Quotes[q0:] {
		p = appendQuote(p, q)
	}
	var changed []int
	for i := range q0 {
		if old.Quotes[i] != x.Quotes[i] {
			if old.Quotes[i].Text != x.Quotes[i].Text {
				// Its tokens, which the part does not hold, would not
				// be its text's.
				return nil, errors.New("an earlier quotation's text changed")
			}
			changed = append(changed, i)
		}
	}
	p = binary.AppendUvarint(p, uint64(len(changed)))
	for _, i := range changed {
		p = binary.AppendUvarint(p, uint64(i))
		p = appendQuote(p, x.Quotes[i])
	}
	if !x.HasTokens() {
		p = binary.AppendUvarint(p, 0)
	} else {
		p = binary.AppendUvarint(p, uint64(len(x.Vocab)-v0))
		for _, w := range x.Vocab[v0:] {
			p = appendString(p, w)
		}
		p = appendTokens(p, x, a0, q0)
	}
	if len(x.Syndication) != len(x.Articles) || len(x.Syndication) == 0 {
		p = binary.AppendUvarint(p, 0)
		return appendFrame(p), nil
	}
	p = binary.AppendUvarint(p, uint64(len(x.Articles)-a0))
	for _, s := range x.Syndication[a0:] {
		p = appendSyndication(p, s)
	}
	changed = changed[:0]
	for i := range a0 {
		if old.Syndication[i] != x.Syndication[i] {
			changed = append(changed, i)
		}
	}
	p = binary.AppendUvarint(p, uint64(len(changed)))
	for _, i := range changed {
		p = binary.AppendUvarint(p, uint64(i))
		p = appendSyndication(p, x.Syndication[i])
	}
	return appendFrame(p), nil
}

// AppendsNothing reports whether x neither adds to old nor changes it,
// as a build with nothing new: there is no part to append.
func AppendsNothing(old, x *Index) bool {
	return len(x.Articles) == len(old.Articles) && len(x.Quotes) == len(old.Quotes) && len(x.Vocab) == len(old.Vocab) &&
		slices.Equal(old.Quotes, x.Quotes) && slices.Equal(old.Syndication, x.Syndication)
}

// size is about the bytes Marshal writes for x, for the room to make.
func (x *Index) size() int {
	n := headerSize + 64
	for _, a := range x.Articles {
		n += 16 + len(a.Stem) + len(a.Outlet) + len(a.URL) + len(a.Title) + len(a.Byline) + len(a.Published)
		for _, p := range a.Paragraphs {
			n += 2 + len(p)
		}
	}
	for _, q := range x.Quotes {
		n += 24 + len(q.Text) + len(q.Speaker) + len(q.SpeakerText) + len(q.Cue) + len(q.Channel) + len(q.ChannelText) + len(q.Attribution)
	}
	for _, w := range x.Vocab {
		n += 1 + len(w)
	}
	for _, ps := range x.ParaTokens {
		for _, ids := range ps {
			n += 1 + 3*len(ids)
		}
	}
	for _, ids := range x.QuoteTokens {
		n += 1 + 3*len(ids)
	}
	return n + 8*len(x.Syndication)
}

func appendArticle(p []byte, a Article) []byte {
	for _, s := range []string{a.Stem, a.Outlet, a.URL, a.Title, a.Byline, a.Published} {
		p = appendString(p, s)
	}
	p = binary.AppendUvarint(p, uint64(len(a.Paragraphs)))
	for _, s := range a.Paragraphs {
		p = appendString(p, s)
	}
	return p
}

func appendQuote(p []byte, q Quote) []byte {
	for _, n := range []int{q.Article, q.Paragraph, q.Start, q.End, q.Utterance} {
		p = binary.AppendUvarint(p, uint64(n))
	}
	var flags byte
	if q.Inferred {
		flags |= 1
	}
	if q.Partial {
		flags |= 2
	}
	if q.Unattributed {
		flags |= 4
	}
	p = append(p, flags)
	for _, s := range []string{q.Text, q.Speaker, q.SpeakerText, q.Cue, q.Channel, q.ChannelText, q.Attribution} {
		p = appendString(p, s)
	}
	return p
}

// appendTokens writes the token lists of x's paragraphs from article a0
// on, then of its quotations from q0 on.
func appendTokens(p []byte, x *Index, a0, q0 int) []byte {
	for _, paras := range x.ParaTokens[a0:] {
		for _, ids := range paras {
			p = appendIDs(p, ids)
		}
	}
	for _, ids := range x.QuoteTokens[q0:] {
		p = appendIDs(p, ids)
	}
	return p
}

func appendSyndication(p []byte, s Syndication) []byte {
	p = appendString(p, s.Republishes)
	p = binary.AppendUvarint(p, uint64(s.Reuses+1))
	var flags byte
	if s.Shared {
		flags |= 1
	}
	p = append(p, flags)
	return binary.AppendUvarint(p, uint64(s.Report))
}

// appendFrame is frame for an appended part.
func appendFrame(payload []byte) []byte {
	out := frame(payload)
	copy(out, appendMagic)
	return out
}

func appendIDs(p []byte, ids []int32) []byte {
	p = binary.AppendUvarint(p, uint64(len(ids)))
	for _, id := range ids {
		p = binary.AppendUvarint(p, uint64(id))
	}
	return p
}

// frame puts the header (magic, version, length, checksum) before payload.
func frame(payload []byte) []byte {
	out := make([]byte, headerSize, headerSize+len(payload))
	copy(out, magic)
	binary.LittleEndian.PutUint16(out[4:], Version)
	binary.LittleEndian.PutUint32(out[8:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(out[12:], crc32.ChecksumIEEE(payload))
	return append(out, payload...)
}

func appendString(p []byte, s string) []byte {
	p = binary.AppendUvarint(p, uint64(len(s)))
	return append(p, s...)
}

// Errors Read returns for files it refuses; errors.Is finds them in what
// Read, TooLarge and the callers that wrap them return.
var (
	ErrNotIndex = errors.New("not a quotetrail index (bad magic)")
	ErrDamaged  = errors.New("index is damaged")
	ErrTooLarge = errors.New("index is too large")
)

// readError is one of the errors above with the reason.
type readError struct {
	kind error
	why  string
}

func (e *readError) Error() string { return e.kind.Error() + ": " + e.why }
func (e *readError) Unwrap() error { return e.kind }

func damaged(why string) error { return &readError{ErrDamaged, why} }

// TooLarge returns an ErrTooLarge error when an index of size bytes is
// more than this package reads (MaxBytes), and nil otherwise. Callers ask
// it before reading a file or copying bytes, so that a huge input costs
// nothing.
func TooLarge(size int64) error {
	if size <= MaxBytes {
		return nil
	}
	return &readError{ErrTooLarge, strconv.FormatInt(size, 10) + " bytes; the largest quotetrail reads is " + strconv.Itoa(MaxBytes)}
}

// Read decodes an index, checking it whole before trusting any of it.
// The index's strings share data's bytes (a large index has millions of
// them, each an allocation otherwise): data must not be changed after.
//
// Nothing in the payload sizes an allocation on its own word: every count
// is first bounded by the bytes left divided by its record's smallest
// encoding, and the room reserved for the records is at most what the
// bytes left could fill byte for byte (reserve); beyond that, slices
// grow with the records actually decoded. A count that lies therefore
// costs at most about the size of the input before Read refuses it. What
// the records decode to is counted (spend) and may not pass maxDecoded.
func Read(data []byte) (*Index, error) {
	if len(data) < headerSize || string(data[:4]) != magic {
		return nil, ErrNotIndex
	}
	payload, rest, err := unframe(data, magic)
	if err != nil {
		return nil, err
	}
	r := reader{budget: maxDecoded}
	r.view(payload)
	x := &Index{}
	if err := r.whole(x); err != nil {
		return nil, err
	}
	// Appended parts (MarshalAppend), each checked as the first was.
	for len(rest) > 0 {
		if len(rest) < headerSize || string(rest[:4]) != appendMagic {
			return nil, damaged(strconv.Itoa(len(rest)) + " bytes after the index are not an appended part")
		}
		if payload, rest, err = unframe(rest, appendMagic); err != nil {
			return nil, err
		}
		r.view(payload)
		if err := r.appended(x); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// ReadAppended returns old with the appended part (MarshalAppend's) read
// onto it, as Read would give the index and the part written one after
// the other; old itself is left as it was, and part, whose bytes the
// strings read share, must not be changed after. The build reads back what it
// appends this way, without reading the whole index again.
func ReadAppended(old *Index, part []byte) (*Index, error) {
	if len(part) < headerSize || string(part[:4]) != appendMagic {
		return nil, damaged("not an appended part")
	}
	payload, rest, err := unframe(part, appendMagic)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		return nil, damaged(strconv.Itoa(len(rest)) + " bytes after the appended part")
	}
	// Appends reallocate (a full slice's), and the records a part
	// changes are changed in copies.
	// The quotations are copied once, with room for a part's (the
	// records it changes are changed in the copy; grown by the part's
	// first append, they were copied twice).
	x := &Index{Articles: old.Articles[:len(old.Articles):len(old.Articles)], Quotes: append(make([]Quote, 0, len(old.Quotes)+len(old.Quotes)/8+64), old.Quotes...),
		TokensOf: old.TokensOf, Vocab: old.Vocab[:len(old.Vocab):len(old.Vocab)],
		ParaTokens: old.ParaTokens[:len(old.ParaTokens):len(old.ParaTokens)], QuoteTokens: old.QuoteTokens[:len(old.QuoteTokens):len(old.QuoteTokens)],
		Syndication: slices.Clone(old.Syndication)}
	r := reader{budget: maxDecoded}
	r.view(payload)
	if err := r.appended(x); err != nil {
		return nil, err
	}
	return x, nil
}

// unframe checks the header of the frame data starts with (its magic
// checked by the caller) and returns its payload and the bytes after it.
func unframe(data []byte, magic string) (payload, rest []byte, err error) {
	if v := binary.LittleEndian.Uint16(data[4:]); v != Version {
		return nil, nil, errors.New("index format version " + strconv.Itoa(int(v)) + " is not supported (this engine reads " + strconv.Itoa(Version) + "): rebuild it with this quotetrail")
	}
	if binary.LittleEndian.Uint16(data[6:]) != 0 {
		return nil, nil, damaged("reserved header bytes are not zero")
	}
	if err := TooLarge(int64(len(data))); err != nil {
		return nil, nil, err
	}
	n := binary.LittleEndian.Uint32(data[8:])
	if uint64(n) > uint64(len(data)-headerSize) {
		return nil, nil, damaged("length " + strconv.Itoa(len(data)-headerSize) + " does not match the header's " + strconv.FormatUint(uint64(n), 10))
	}
	payload, rest = data[headerSize:headerSize+int(n)], data[headerSize+int(n):]
	if crc32.ChecksumIEEE(payload) != binary.LittleEndian.Uint32(data[12:]) {
		return nil, nil, damaged("checksum mismatch")
	}
	return payload, rest, nil
}

// whole decodes the payload of an index's first frame into x.
func (r *reader) whole(x *Index) error {
	na := r.count(minArticle, "articles")
	x.Articles = make([]Article, 0, reserve(na, len(r.b), articleSize))
	for i := 0; i < na && r.err == nil; i++ {
		x.Articles = append(x.Articles, r.article())
	}
	nq := r.count(minQuote, "quotations")
	x.Quotes = make([]Quote, 0, reserve(nq, len(r.b), quoteSize))
	for i := 0; i < nq && r.err == nil; i++ {
		q := r.quote()
		if r.err == nil {
			if err := checkQuote(x, q, nq); err != "" {
				return damaged("quotation " + strconv.Itoa(i) + ": " + err)
			}
		}
		x.Quotes = append(x.Quotes, q)
	}
	x.TokensOf = r.str()
	if nv := r.count(minWord, "vocabulary words"); r.err == nil && nv > 0 {
		x.Vocab = make([]string, 0, reserve(nv, len(r.b), stringSize))
		r.words(x, nv)
		x.ParaTokens = make([][][]int32, 0, len(x.Articles))
		x.QuoteTokens = make([][]int32, 0, len(x.Quotes))
		r.tokens(x, 0, 0)
	}
	if ns := r.count(minSyndic, "syndication records"); r.err == nil && ns > 0 {
		if ns != len(x.Articles) {
			return damaged("syndication records do not match the articles")
		}
		x.Syndication = make([]Syndication, 0, ns)
		for i := 0; i < ns && r.err == nil; i++ {
			x.Syndication = append(x.Syndication, r.syndication(i, ns))
		}
	}
	return r.end()
}

// appended decodes an appended part (MarshalAppend) onto x, the index
// read so far.
func (r *reader) appended(x *Index) error {
	if r.int() != len(x.Articles) || r.int() != len(x.Quotes) || r.int() != len(x.Vocab) {
		if r.err != nil {
			return r.err
		}
		return damaged("an appended part that does not follow the index before it")
	}
	a0, q0, v0 := len(x.Articles), len(x.Quotes), len(x.Vocab)
	na := r.count(minArticle, "articles")
	for i := 0; i < na && r.err == nil; i++ {
		x.Articles = append(x.Articles, r.article())
	}
	nq := r.count(minQuote, "quotations")
	total := q0 + nq
	for i := 0; i < nq && r.err == nil; i++ {
		q := r.quote()
		if r.err == nil {
			if err := checkQuote(x, q, total); err != "" {
				return damaged("quotation " + strconv.Itoa(q0+i) + ": " + err)
			}
		}
		x.Quotes = append(x.Quotes, q)
	}
	// Earlier quotations the part changes (an utterance that joined
	// another), whole.
	nc := r.count(minQuote+1, "changed quotations")
	for i := 0; i < nc && r.err == nil; i++ {
		at := r.int()
		q := r.quote()
		if r.err != nil {
			break
		}
		if at >= q0 {
			return damaged("a changed quotation that is not an earlier one")
		}
		if err := checkQuote(x, q, total); err != "" {
			return damaged("quotation " + strconv.Itoa(at) + ": " + err)
		}
		x.Quotes[at] = q
	}
	// An index carries the words of all its texts or of none.
	nv := r.count(minWord, "vocabulary words")
	if r.err == nil && v0 == 0 && nv > 0 {
		return damaged("an appended part with words, to an index without them")
	}
	if v0 > 0 {
		r.words(x, nv)
		r.tokens(x, a0, q0)
	}
	if ns := r.count(minSyndic, "syndication records"); r.err == nil && (ns > 0 || len(x.Syndication) > 0) {
		if ns != na || len(x.Syndication) != a0 {
			return damaged("syndication records do not match the articles")
		}
		for i := 0; i < ns && r.err == nil; i++ {
			x.Syndication = append(x.Syndication, r.syndication(a0+i, len(x.Articles)))
		}
		nc := r.count(minSyndic+1, "changed syndication records")
		for i := 0; i < nc && r.err == nil; i++ {
			at := r.int()
			s := r.syndication(at, len(x.Articles))
			if r.err == nil && at >= a0 {
				return damaged("a changed syndication record that is not an earlier one")
			}
			if r.err == nil {
				x.Syndication[at] = s
			}
		}
	}
	return r.end()
}

// end returns the first error, or damage if bytes are left.
func (r *reader) end() error {
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return damaged(strconv.Itoa(len(r.b)) + " bytes after the last record")
	}
	return nil
}

func (r *reader) article() Article {
	r.spend(articleCost)
	a := Article{Stem: r.str(), Outlet: r.str(), URL: r.str(), Title: r.str(), Byline: r.str(), Published: r.str()}
	np := r.count(minParagraph, "paragraphs")
	a.Paragraphs = make([]string, 0, reserve(np, len(r.b), stringSize))
	for j := 0; j < np && r.err == nil; j++ {
		r.spend(paragraphCost)
		a.Paragraphs = append(a.Paragraphs, r.str())
	}
	return a
}

func (r *reader) quote() Quote {
	r.spend(quoteCost)
	q := Quote{Article: r.int(), Paragraph: r.int(), Start: r.int(), End: r.int(), Utterance: r.int()}
	flags := r.byte()
	if flags&^7 != 0 && r.err == nil {
		r.err = damaged("unknown quotation flags")
	}
	q.Inferred, q.Partial, q.Unattributed = flags&1 != 0, flags&2 != 0, flags&4 != 0
	q.Text, q.Speaker, q.SpeakerText, q.Cue = r.str(), r.str(), r.str(), r.str()
	q.Channel, q.ChannelText, q.Attribution = r.str(), r.str(), r.str()
	return q
}

// words appends n vocabulary words to x.
func (r *reader) words(x *Index, n int) {
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(stringSize)
		x.Vocab = append(x.Vocab, r.str())
	}
}

// tokens reads the token lists of x's paragraphs from article a0 on and
// of its quotations from q0 on.
func (r *reader) tokens(x *Index, a0, q0 int) {
	if r.err != nil {
		return
	}
	// One token list follows for every paragraph and quotation: check
	// that the bytes left hold them before making room for them.
	lists := len(x.Quotes) - q0
	for _, a := range x.Articles[a0:] {
		lists += len(a.Paragraphs)
	}
	if lists > len(r.b)/minIDs {
		r.err = damaged(strconv.Itoa(lists) + " token lists do not fit in the " + strconv.Itoa(len(r.b)) + " bytes left")
		return
	}
	nv := len(x.Vocab)
	for _, a := range x.Articles[a0:] {
		ps := make([][]int32, len(a.Paragraphs))
		for pi := range ps {
			ps[pi] = r.ids(nv)
		}
		x.ParaTokens = append(x.ParaTokens, ps)
	}
	for range x.Quotes[q0:] {
		x.QuoteTokens = append(x.QuoteTokens, r.ids(nv))
	}
}

// syndication reads the record of article i of n.
func (r *reader) syndication(i, n int) Syndication {
	r.spend(syndicSize)
	s := Syndication{Republishes: r.str(), Reuses: r.int() - 1}
	flags := r.byte()
	if flags&^1 != 0 && r.err == nil {
		r.err = damaged("unknown syndication flags")
	}
	s.Shared, s.Report = flags&1 != 0, r.int()
	if r.err == nil && (s.Reuses >= n || s.Reuses == i || s.Report >= n) {
		r.err = damaged("syndication of article " + strconv.Itoa(i) + ": article out of range")
	}
	return s
}

// reserve is the capacity to make for n records of size bytes in memory
// when left bytes remain: n, but no more than left bytes would fill, so
// that a forged count costs at most the input's size. Articles,
// paragraphs and quotations of a real index are longer encoded than in
// memory and get their full count; vocabulary words and token ids, which
// are shorter encoded, may outgrow the reserve and then grow by append.
func reserve(n, left, size int) int {
	return min(n, left/size)
}

// idRun is how many ids reader.run holds: 256 KB.
const idRun = 1 << 16

func checkQuote(x *Index, q Quote, nq int) string {
	if q.Article >= len(x.Articles) {
		return "article out of range"
	}
	paras := x.Articles[q.Article].Paragraphs
	if q.Paragraph >= len(paras) {
		return "paragraph out of range"
	}
	if q.Start > q.End || q.End > len(paras[q.Paragraph]) {
		return "span out of range"
	}
	if q.Utterance >= nq {
		return "utterance out of range"
	}
	return ""
}

// reader decodes the payload; its first error sticks and every later read
// returns a zero value, so callers check once at the end.
type reader struct {
	b   []byte
	err error
	// run is what ids cuts short lists from (idRun ids at a time).
	run []int32
	// mem counts the memory of what has been decoded, up to budget.
	mem, budget int
	// text is the payload as a string, sharing its bytes, when set
	// (view): the strings read are its substrings, not an allocation
	// each (millions of them in a large index), and textEnd is where b
	// ends in it.
	text    string
	textEnd int
}

// view sets the reader on payload, whose strings it reads without
// copying them: payload must not change while they are in use.
func (r *reader) view(payload []byte) {
	r.b, r.textEnd = payload, len(payload)
	if len(payload) > 0 {
		r.text = unsafe.String(&payload[0], len(payload))
	}
}

// spend counts n bytes of memory for a record about to be decoded; past
// the budget the index is refused.
func (r *reader) spend(n int) {
	r.mem += n
	if r.mem > r.budget && r.err == nil {
		r.err = &readError{ErrTooLarge, "it decodes to more than " + strconv.Itoa(r.budget) + " bytes of memory"}
	}
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = damaged("truncated number")
		return 0
	}
	if n > 1 && r.b[n-1] == 0 {
		r.err = damaged("number not in its shortest form")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// int reads a non-negative int no larger than the payload could address.
func (r *reader) int() int {
	v := r.uvarint()
	if v >= 1<<31 {
		r.err = damaged("number out of range")
		return 0
	}
	return int(v)
}

// count reads the count of records that each take at least minSize
// bytes: a count the bytes left cannot hold is damage, not a reason to
// allocate.
func (r *reader) count(minSize int, what string) int {
	v := r.uvarint()
	if r.err == nil && v > uint64(len(r.b)/minSize) {
		r.err = damaged(strconv.FormatUint(v, 10) + " " + what + " do not fit in the " + strconv.Itoa(len(r.b)) + " bytes left")
		return 0
	}
	return int(v)
}

// ids reads a list of token ids, each below vocab.
func (r *reader) ids(vocab int) []int32 {
	n := r.count(minID, "token ids")
	if r.err != nil {
		return nil
	}
	// Short lists (a paragraph's, a quotation's) are cut from one run of
	// ids rather than allocated each: millions of them in a large index,
	// whose allocations took a third of reading their ids. Each is capped
	// at its length, so that appending to one never writes into the next.
	var out []int32
	fromRun := n <= idRun/16
	if fromRun && cap(r.run)-len(r.run) < n {
		// A new run, no bigger than a share of what the bytes left
		// could hold, as every allocation here (a damaged index claims
		// more than it has).
		if size := min(idRun, len(r.b)/(2*idSize)); size >= n {
			r.run = make([]int32, 0, size)
		} else {
			fromRun = false
		}
	}
	if fromRun {
		l := len(r.run)
		out = r.run[l : l : l+n]
	} else {
		out = make([]int32, 0, reserve(n, len(r.b), idSize))
	}
	b := r.b
	for i := 0; i < n && r.err == nil; i++ {
		// Ids of one to three bytes (a vocabulary of up to 2M words)
		// decoded here, the rest by uvarint: token lists are most of a
		// large index's bytes.
		var v uint64
		switch {
		case len(b) > 0 && b[0] < 0x80:
			v, b = uint64(b[0]), b[1:]
		case len(b) > 1 && b[1] < 0x80 && b[1] != 0:
			v, b = uint64(b[0]&0x7f)|uint64(b[1])<<7, b[2:]
		case len(b) > 2 && b[1] >= 0x80 && b[2] < 0x80 && b[2] != 0:
			v, b = uint64(b[0]&0x7f)|uint64(b[1]&0x7f)<<7|uint64(b[2])<<14, b[3:]
		default:
			r.b = b
			v = r.uvarint()
			b = r.b
		}
		if r.err == nil && v >= uint64(vocab) {
			r.err = damaged("token id out of range")
		}
		out = append(out, int32(v)) // within its capacity: n
	}
	if fromRun {
		out = out[:len(out):len(out)]
		r.run = r.run[:len(r.run)+len(out)]
	}
	if r.err == nil {
		r.b = b
	}
	r.spend(len(out) * idSize) // the reserve was at most the bytes left
	return out
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = damaged("truncated")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) {
		r.err = damaged("string runs past the end")
		return ""
	}
	if r.spend(int(n)); r.err != nil {
		return ""
	}
	var s string
	if r.text != "" {
		at := r.textEnd - len(r.b)
		s = r.text[at : at+int(n)]
	} else {
		s = string(r.b[:n])
	}
	r.b = r.b[n:]
	if !utf8.ValidString(s) {
		r.err = damaged("text is not UTF-8")
		return ""
	}
	return s
}
