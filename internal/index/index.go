package index

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
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
	var p []byte
	p = binary.AppendUvarint(p, uint64(len(x.Articles)))
	for _, a := range x.Articles {
		for _, s := range []string{a.Stem, a.Outlet, a.URL, a.Title, a.Byline, a.Published} {
			p = appendString(p, s)
		}
		p = binary.AppendUvarint(p, uint64(len(a.Paragraphs)))
		for _, s := range a.Paragraphs {
			p = appendString(p, s)
		}
	}
	p = binary.AppendUvarint(p, uint64(len(x.Quotes)))
	for _, q := range x.Quotes {
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
		for _, paras := range x.ParaTokens {
			for _, ids := range paras {
				p = appendIDs(p, ids)
			}
		}
		for _, ids := range x.QuoteTokens {
			p = appendIDs(p, ids)
		}
	}
	syn := x.Syndication
	if len(syn) != len(x.Articles) {
		syn = nil
	}
	p = binary.AppendUvarint(p, uint64(len(syn)))
	for _, s := range syn {
		p = appendString(p, s.Republishes)
		p = binary.AppendUvarint(p, uint64(s.Reuses+1))
		var flags byte
		if s.Shared {
			flags |= 1
		}
		p = append(p, flags)
		p = binary.AppendUvarint(p, uint64(s.Report))
	}
	return frame(p)
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
	if v := binary.LittleEndian.Uint16(data[4:]); v != Version {
		return nil, errors.New("index format version " + strconv.Itoa(int(v)) + " is not supported (this engine reads " + strconv.Itoa(Version) + "): rebuild it with this quotetrail")
	}
	if binary.LittleEndian.Uint16(data[6:]) != 0 {
		return nil, damaged("reserved header bytes are not zero")
	}
	if err := TooLarge(int64(len(data))); err != nil {
		return nil, err
	}
	n := binary.LittleEndian.Uint32(data[8:])
	if uint64(n) != uint64(len(data)-headerSize) {
		return nil, damaged("length " + strconv.Itoa(len(data)-headerSize) + " does not match the header's " + strconv.FormatUint(uint64(n), 10))
	}
	payload := data[headerSize:]
	if crc32.ChecksumIEEE(payload) != binary.LittleEndian.Uint32(data[12:]) {
		return nil, damaged("checksum mismatch")
	}
	r := reader{b: payload, budget: maxDecoded}
	x := &Index{}
	na := r.count(minArticle, "articles")
	x.Articles = make([]Article, 0, reserve(na, len(r.b), articleSize))
	paras := 0 // paragraphs in all articles: one token list each
	for i := 0; i < na && r.err == nil; i++ {
		r.spend(articleCost)
		a := Article{Stem: r.str(), Outlet: r.str(), URL: r.str(), Title: r.str(), Byline: r.str(), Published: r.str()}
		np := r.count(minParagraph, "paragraphs")
		a.Paragraphs = make([]string, 0, reserve(np, len(r.b), stringSize))
		for j := 0; j < np && r.err == nil; j++ {
			r.spend(paragraphCost)
			a.Paragraphs = append(a.Paragraphs, r.str())
		}
		paras += len(a.Paragraphs)
		x.Articles = append(x.Articles, a)
	}
	nq := r.count(minQuote, "quotations")
	x.Quotes = make([]Quote, 0, reserve(nq, len(r.b), quoteSize))
	for i := 0; i < nq && r.err == nil; i++ {
		r.spend(quoteCost)
		q := Quote{Article: r.int(), Paragraph: r.int(), Start: r.int(), End: r.int(), Utterance: r.int()}
		flags := r.byte()
		if flags&^7 != 0 {
			r.err = damaged("unknown quotation flags")
		}
		q.Inferred, q.Partial, q.Unattributed = flags&1 != 0, flags&2 != 0, flags&4 != 0
		q.Text, q.Speaker, q.SpeakerText, q.Cue = r.str(), r.str(), r.str(), r.str()
		q.Channel, q.ChannelText, q.Attribution = r.str(), r.str(), r.str()
		if r.err == nil {
			if err := checkQuote(x, q, nq); err != "" {
				return nil, damaged("quotation " + strconv.Itoa(i) + ": " + err)
			}
		}
		x.Quotes = append(x.Quotes, q)
	}
	x.TokensOf = r.str()
	if nv := r.count(minWord, "vocabulary words"); r.err == nil && nv > 0 {
		x.Vocab = make([]string, 0, reserve(nv, len(r.b), stringSize))
		for i := 0; i < nv && r.err == nil; i++ {
			r.spend(stringSize)
			x.Vocab = append(x.Vocab, r.str())
		}
		// One token list follows for every paragraph and quotation: check
		// that the bytes left hold them before making room for them.
		if lists := paras + len(x.Quotes); r.err == nil && lists > len(r.b)/minIDs {
			r.err = damaged(strconv.Itoa(lists) + " token lists do not fit in the " + strconv.Itoa(len(r.b)) + " bytes left")
		}
		if r.err == nil {
			x.ParaTokens = make([][][]int32, len(x.Articles))
			for ai, a := range x.Articles {
				x.ParaTokens[ai] = make([][]int32, len(a.Paragraphs))
				for pi := range a.Paragraphs {
					x.ParaTokens[ai][pi] = r.ids(nv)
				}
			}
			x.QuoteTokens = make([][]int32, len(x.Quotes))
			for qi := range x.Quotes {
				x.QuoteTokens[qi] = r.ids(nv)
			}
		}
	}
	if ns := r.count(minSyndic, "syndication records"); r.err == nil && ns > 0 {
		if ns != len(x.Articles) {
			return nil, damaged("syndication records do not match the articles")
		}
		x.Syndication = make([]Syndication, 0, ns)
		for i := 0; i < ns && r.err == nil; i++ {
			r.spend(syndicSize)
			s := Syndication{Republishes: r.str(), Reuses: r.int() - 1}
			flags := r.byte()
			if flags&^1 != 0 {
				r.err = damaged("unknown syndication flags")
			}
			s.Shared, s.Report = flags&1 != 0, r.int()
			if r.err == nil && (s.Reuses >= ns || s.Reuses == i || s.Report >= ns) {
				r.err = damaged("syndication of article " + strconv.Itoa(i) + ": article out of range")
			}
			x.Syndication = append(x.Syndication, s)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, damaged(strconv.Itoa(len(r.b)) + " bytes after the last record")
	}
	return x, nil
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
	// mem counts the memory of what has been decoded, up to budget.
	mem, budget int
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
	out := make([]int32, 0, reserve(n, len(r.b), idSize))
	for i := 0; i < n && r.err == nil; i++ {
		v := r.uvarint()
		if r.err == nil && v >= uint64(vocab) {
			r.err = damaged("token id out of range")
		}
		out = append(out, int32(v))
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
	s := string(r.b[:n])
	r.b = r.b[n:]
	if !utf8.ValidString(s) {
		r.err = damaged("text is not UTF-8")
		return ""
	}
	return s
}
