package index

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strconv"
	"unicode/utf8"
)

// Version is the format version this package writes and reads.
const Version = 2

const (
	magic      = "QTIX"
	headerSize = 16
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

// Errors Read returns for files it refuses.
var (
	ErrNotIndex = errors.New("not a quotetrail index (bad magic)")
	ErrDamaged  = errors.New("index is damaged")
)

// Read decodes an index, checking it whole before trusting any of it.
func Read(data []byte) (*Index, error) {
	if len(data) < headerSize || string(data[:4]) != magic {
		return nil, ErrNotIndex
	}
	if v := binary.LittleEndian.Uint16(data[4:]); v != Version {
		return nil, errors.New("index format version " + strconv.Itoa(int(v)) + " is not supported (this engine reads " + strconv.Itoa(Version) + ")")
	}
	if binary.LittleEndian.Uint16(data[6:]) != 0 {
		return nil, damaged("reserved header bytes are not zero")
	}
	n := binary.LittleEndian.Uint32(data[8:])
	if uint64(n) != uint64(len(data)-headerSize) {
		return nil, damaged("length " + strconv.Itoa(len(data)-headerSize) + " does not match the header's " + strconv.FormatUint(uint64(n), 10))
	}
	payload := data[headerSize:]
	if crc32.ChecksumIEEE(payload) != binary.LittleEndian.Uint32(data[12:]) {
		return nil, damaged("checksum mismatch")
	}
	r := reader{b: payload}
	x := &Index{}
	na := r.count()
	x.Articles = make([]Article, 0, na)
	for i := 0; i < na && r.err == nil; i++ {
		a := Article{Stem: r.str(), Outlet: r.str(), URL: r.str(), Title: r.str(), Byline: r.str(), Published: r.str()}
		np := r.count()
		a.Paragraphs = make([]string, 0, np)
		for j := 0; j < np && r.err == nil; j++ {
			a.Paragraphs = append(a.Paragraphs, r.str())
		}
		x.Articles = append(x.Articles, a)
	}
	nq := r.count()
	x.Quotes = make([]Quote, 0, nq)
	for i := 0; i < nq && r.err == nil; i++ {
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
	if nv := r.count(); r.err == nil && nv > 0 {
		x.Vocab = make([]string, 0, nv)
		for i := 0; i < nv && r.err == nil; i++ {
			x.Vocab = append(x.Vocab, r.str())
		}
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
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, damaged(strconv.Itoa(len(r.b)) + " bytes after the last record")
	}
	return x, nil
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

func damaged(why string) error { return errors.New(ErrDamaged.Error() + ": " + why) }

// reader decodes the payload; its first error sticks and every later read
// returns a zero value, so callers check once at the end.
type reader struct {
	b   []byte
	err error
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

// count reads a record count; each record takes at least one byte, so a
// count larger than the bytes left is damage, not a reason to allocate.
func (r *reader) count() int {
	v := r.uvarint()
	if r.err == nil && v > uint64(len(r.b)) {
		r.err = damaged("count larger than the data")
		return 0
	}
	return int(v)
}

// ids reads a list of token ids, each below vocab.
func (r *reader) ids(vocab int) []int32 {
	n := r.count()
	if r.err != nil {
		return nil
	}
	out := make([]int32, n)
	for i := range out {
		v := r.uvarint()
		if r.err == nil && v >= uint64(vocab) {
			r.err = damaged("token id out of range")
		}
		out[i] = int32(v)
	}
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
	s := string(r.b[:n])
	r.b = r.b[n:]
	if !utf8.ValidString(s) {
		r.err = damaged("text is not UTF-8")
		return ""
	}
	return s
}
