package index

import (
	"cmp"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// The folder index: the same corpus as an Index, split into static files
// so that a lookup reads only the parts its selection needs (layout in
// doc.go, "The folder index"). This file holds the formats of its parts,
// their writers and their checked readers; which part holds what, and
// the lookup over them, are the engine's (match/parts.go).

// FolderVersion is the version of the folder's part formats: 3 adds the
// articles' syndication (doc.go).
const FolderVersion = 3

// EntryName is the name of the folder's entry file, the one file that is
// not named by its content (it names the others, and changes with them).
const EntryName = "entry.qtf"

// Magic of each kind of part.
const (
	magicEntry  = "QTFE"
	magicChunk  = "QTFC"
	magicQuotes = "QTFQ"
	magicParas  = "QTFP"
	magicWords  = "QTFW"
	magicPrints = "QTFF"
)

// Kinds of part, as the first letter of their names.
const (
	KindChunk  = 't' // term chunk
	KindQuotes = 'q' // quotation shard
	KindParas  = 'p' // paragraph shard
	KindWords  = 'w' // paragraph postings of words (short selections' text match)
	KindPrints = 'f' // fingerprint chunk (longer selections' text match)
)

// Entry is the folder's entry file: what a lookup reads before anything
// else, small enough to fetch fresh every time.
type Entry struct {
	TokensOf   string // the normalization of every word and token (textnorm.Version)
	Articles   int    // articles, quotations and paragraphs of the corpus:
	Quotes     int    // every id in the parts is below these
	Paragraphs int
	Vocab      int     // token ids are below Vocab
	MaxWeight  float64 // the weight of a word the corpus does not hold
	// Chunks are the term chunks: the quotation postings of the words
	// that are not common.
	Chunks []ChunkRef
	// Common are the words held by so many quotation texts that a lookup
	// reads their postings only for a selection of common words alone; each
	// names its own term chunk. Words increase.
	Common []CommonRef
	// Words are the chunks of every word's paragraph postings.
	Words []ChunkRef
	// Prints are the fingerprint chunks, by increasing first fingerprint
	// (the first 0).
	Prints []PrintRef
	// Delta, when not nil, is what an incremental build added to this
	// base: its counts are the whole corpus's, its weights and common
	// words are the corpus's now, and its parts hold every utterance and
	// paragraph text the added articles changed, in full, with postings
	// that take the place of the base's for those (match/delta.go). Its
	// TokensOf is the base's and it has no Delta of its own.
	Delta *Entry
}

// Last returns the entry that describes the whole corpus: the delta when
// there is one, else the entry itself.
func (e *Entry) Last() *Entry {
	if e.Delta != nil {
		return e.Delta
	}
	return e
}

// CommonRef is a common word: what a lookup needs of it without its
// postings, and the term chunk that holds them.
type CommonRef struct {
	Word   string
	ID     int32
	Weight float64
	Hash   uint64 // a term chunk holding this word alone
}

// PrintRef names a fingerprint chunk and the first fingerprint it may
// hold. A fingerprint belongs in the last chunk whose First is not after it.
type PrintRef struct {
	First uint32
	Hash  uint64
}

// ChunkRef names a term chunk and the first term it may hold: the chunk's
// first word trimmed to the prefix that sets it apart from the previous
// chunk's last word ("" for the first chunk). A word belongs in the last
// chunk whose First is not after it.
type ChunkRef struct {
	First string
	Hash  uint64 // its name (PartName(KindChunk, Hash))
}

// Chunk is a run of the sorted vocabulary with the postings a lookup's
// candidate search reads.
type Chunk struct {
	// Parts are the packs of the shards the postings point at, each by
	// its hash; a posting holds its index in Parts and the shard's in
	// the pack.
	Parts []uint64
	Terms []Term
}

// Term is one word of the vocabulary.
type Term struct {
	Word   string
	ID     int32   // its token id
	Weight float64 // its rarity, as the whole-index engine computes it
	// Quotes are the distinct quotation texts holding the word (first
	// copies), by increasing id.
	Quotes []QuotePosting
	// Paras are the distinct paragraph texts holding it (first copies),
	// by increasing paragraph id.
	Paras []ParaPosting
}

// QuotePosting is one quotation text holding a term.
type QuotePosting struct {
	Quote  int32
	Part   int32 // the pack of the shard that holds it, as an index into Chunk.Parts
	Member uint8 // the shard, in its pack
	Floor  uint8 // the shared weight from which it is a candidate as a fragment of the selection, as the engine's one-byte code
}

// PrintChunk is a run of the paragraphs' fingerprints (winnowed word
// trigram hashes) with the paragraphs that hold each.
type PrintChunk struct {
	Parts  []uint64 // the packs of the paragraph shards the postings point at
	Prints []Print  // by increasing hash
}

// Print is one fingerprint and the paragraph texts (first copies) that
// hold it, by increasing id.
type Print struct {
	Hash  uint32
	Paras []ParaPosting
}

// ParaPosting is one paragraph text holding a term.
type ParaPosting struct {
	Para   int32 // paragraph id: paragraphs numbered through the articles in order
	Part   int32 // the pack of its shard, as an index into Chunk.Parts
	Member uint8 // the shard, in its pack
}

// QuoteShard holds quotations with what the alignment and the card need,
// and the articles that printed them.
type QuoteShard struct {
	Pack     uint64 // its name: member Member of the pack Pack (ShardName)
	Member   uint8
	Articles []ArticleMeta // by increasing id
	Quotes   []ShardQuote  // by increasing id
}

// ArticleMeta is what the card shows of an article.
type ArticleMeta struct {
	ID                                  int32
	Stem, Outlet, URL, Title, Published string
	Syndic                              SyndicMeta
}

// SyndicMeta is an article's Syndication as the card shows it: the
// article it reuses by its stem and outlet, since a shard need not hold
// that article.
type SyndicMeta struct {
	Republishes          string
	Reuses, ReusesOutlet string // stem and outlet; "" when none
	Shared               bool
	Report               int32 // the first article of its group of copies
}

// ShardQuote is one quotation in a shard.
type ShardQuote struct {
	ID, Article                              int32
	First                                    int32 // the first quotation with the same text (ID itself if none before)
	Utterance                                int32
	Inferred                                 bool
	Text, Speaker, Channel, Cue, Attribution string
	Tokens                                   []int32
	Weight                                   float64 // the weights of its tokens summed, repeats included
}

// ParaShard holds paragraph texts (first copies) with their tokens and
// every place they stand.
type ParaShard struct {
	Pack     uint64 // its name, as a QuoteShard's
	Member   uint8
	Articles []ArticleMeta // of the carriers, by increasing id
	Paras    []ShardPara   // by increasing id
}

// ShardPara is one paragraph text.
type ShardPara struct {
	ID       int32
	Text     string
	Tokens   []int32
	Carriers []Carrier // where it stands: itself first, then its copies
}

// Carrier is one place a paragraph text stands.
type Carrier struct{ Article, Paragraph int32 }

// ErrWrongPart is returned for a part whose bytes are not the ones its
// name promises (a stale, swapped or damaged file).
var ErrWrongPart = errors.New("index part does not match its name")

// Hash is the content hash that names a part: FNV-1a, 64 bits. The names
// only need to change when the content does (a CDN may cache a part for
// ever); FNV keeps the wasm free of a cryptographic hash.
func Hash(data []byte) uint64 {
	h := fnv.New64a()
	h.Write(data)
	return h.Sum64()
}

// PartName is the file name of a part of the given kind and hash.
func PartName(kind byte, hash uint64) string {
	const hex = "0123456789abcdef"
	b := []byte{kind, '-'}
	for i := 60; i >= 0; i -= 4 {
		b = append(b, hex[hash>>uint(i)&15])
	}
	return string(b) + ".qtf"
}

// ShardName is the file name of a shard: member of the pack of shards
// whose hash is pack. Shards are packed, 256 to a pack named by the hash
// of all their contents, so that a chunk names the shards its postings
// point at with one hash a pack instead of one a shard (most of a chunk's
// bytes were those names): a shard changes name when any of its pack
// does.
func ShardName(kind byte, pack uint64, member uint8) string {
	const hex = "0123456789abcdef"
	n := PartName(kind, pack)
	return n[:18] + "-" + string([]byte{hex[member>>4], hex[member&15]}) + ".qtf"
}

// ParsePartName returns the kind and hash a part name holds (a shard's
// pack hash).
func ParsePartName(name string) (kind byte, hash uint64, ok bool) {
	kind, hash, _, ok = parseName(name)
	return kind, hash, ok
}

// parseName parses a part's name; member is -1 but for a shard.
func parseName(name string) (kind byte, hash uint64, member int, ok bool) {
	member = -1
	switch {
	case len(name) == 2+16+4 && name[18:] == ".qtf" && (name[0] == KindChunk || name[0] == KindWords || name[0] == KindPrints):
	case len(name) == 2+16+3+4 && name[21:] == ".qtf" && name[18] == '-' && (name[0] == KindQuotes || name[0] == KindParas):
		m, err := strconv.ParseUint(name[19:21], 16, 8)
		if err != nil {
			return 0, 0, 0, false
		}
		member = int(m)
	default:
		return 0, 0, 0, false
	}
	h, err := strconv.ParseUint(name[2:18], 16, 64)
	if name[1] != '-' || err != nil || !lowerHex(name[2:18]) || member >= 0 && !lowerHex(name[19:21]) {
		return 0, 0, 0, false
	}
	return name[0], h, member, true
}

// lowerHex reports whether s is lowercase hex digits only: a part has one
// name.
func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// CheckPart refuses data that is not the part named name: for a chunk,
// its content hash is its name; a shard declares its pack and member,
// which must be its name's (its checksum is checked as it is read).
func CheckPart(name string, data []byte) error {
	_, h, member, ok := parseName(name)
	if !ok {
		return errors.New(strconv.Quote(name) + " is not the name of an index part")
	}
	if member < 0 && Hash(data) != h ||
		member >= 0 && (len(data) < headerSize+9 || binary.LittleEndian.Uint64(data[headerSize:]) != h || int(data[headerSize+8]) != member) {
		return &readError{ErrWrongPart, name}
	}
	return nil
}

// frameAs puts a part header (magic, FolderVersion, length, checksum)
// before payload.
func frameAs(magic string, payload []byte) []byte {
	out := frame(payload)
	copy(out, magic)
	binary.LittleEndian.PutUint16(out[4:], FolderVersion)
	return out
}

// MarshalEntry encodes an entry file.
func MarshalEntry(e *Entry) []byte {
	p := appendEntry(appendString(nil, e.TokensOf), e)
	if e.Delta != nil {
		p = append(p, 1)
		p = appendEntry(p, e.Delta)
	}
	return frameAs(magicEntry, p)
}

// appendEntry encodes an entry's counts and tables.
func appendEntry(p []byte, e *Entry) []byte {
	for _, n := range []int{e.Articles, e.Quotes, e.Paragraphs, e.Vocab} {
		p = binary.AppendUvarint(p, uint64(n))
	}
	p = binary.LittleEndian.AppendUint64(p, math.Float64bits(e.MaxWeight))
	p = appendChunkRefs(p, e.Chunks)
	p = binary.AppendUvarint(p, uint64(len(e.Common)))
	for _, c := range e.Common {
		p = appendString(p, c.Word)
		p = binary.AppendUvarint(p, uint64(c.ID))
		p = binary.LittleEndian.AppendUint64(p, math.Float64bits(c.Weight))
		p = binary.LittleEndian.AppendUint64(p, c.Hash)
	}
	p = appendChunkRefs(p, e.Words)
	p = binary.AppendUvarint(p, uint64(len(e.Prints)))
	for _, c := range e.Prints {
		p = binary.LittleEndian.AppendUint32(p, c.First)
		p = binary.LittleEndian.AppendUint64(p, c.Hash)
	}
	return p
}

func appendChunkRefs(p []byte, refs []ChunkRef) []byte {
	p = binary.AppendUvarint(p, uint64(len(refs)))
	for _, c := range refs {
		p = appendString(p, c.First)
		p = binary.LittleEndian.AppendUint64(p, c.Hash)
	}
	return p
}

// MarshalChunk encodes a term chunk (quotation postings).
func MarshalChunk(c *Chunk) []byte { return marshalChunk(magicChunk, c) }

// MarshalWords encodes a chunk of paragraph postings.
func MarshalWords(c *Chunk) []byte { return marshalChunk(magicWords, c) }

// MarshalPrints encodes a fingerprint chunk.
func MarshalPrints(c *PrintChunk) []byte {
	p := appendHashes(nil, c.Parts)
	p = binary.AppendUvarint(p, uint64(len(c.Prints)))
	for i, f := range c.Prints {
		gap := uint64(f.Hash)
		if i > 0 {
			gap = uint64(f.Hash - c.Prints[i-1].Hash - 1)
		}
		p = binary.AppendUvarint(p, gap)
		p = appendParaPostings(p, f.Paras)
	}
	return frameAs(magicPrints, p)
}

func appendHashes(p []byte, hs []uint64) []byte {
	p = binary.AppendUvarint(p, uint64(len(hs)))
	for _, h := range hs {
		p = binary.LittleEndian.AppendUint64(p, h)
	}
	return p
}

func appendParaPostings(p []byte, ps []ParaPosting) []byte {
	p = binary.AppendUvarint(p, uint64(len(ps)))
	prev := int32(-1)
	for _, g := range ps {
		p = binary.AppendUvarint(p, uint64(g.Para-prev-1))
		prev = g.Para
		p = binary.AppendUvarint(p, uint64(g.Part))
		p = append(p, g.Member)
	}
	return p
}

func marshalChunk(magic string, c *Chunk) []byte {
	p := appendHashes(nil, c.Parts)
	p = binary.AppendUvarint(p, uint64(len(c.Terms)))
	for _, t := range c.Terms {
		p = appendString(p, t.Word)
		p = binary.AppendUvarint(p, uint64(t.ID))
		p = binary.LittleEndian.AppendUint64(p, math.Float64bits(t.Weight))
		p = binary.AppendUvarint(p, uint64(len(t.Quotes)))
		prev := int32(-1)
		for _, q := range t.Quotes {
			p = binary.AppendUvarint(p, uint64(q.Quote-prev-1))
			prev = q.Quote
			p = binary.AppendUvarint(p, uint64(q.Part))
			p = append(p, q.Member, q.Floor)
		}
		p = appendParaPostings(p, t.Paras)
	}
	return frameAs(magic, p)
}

func appendArticles(p []byte, arts []ArticleMeta) []byte {
	p = binary.AppendUvarint(p, uint64(len(arts)))
	prev := int32(-1)
	for _, a := range arts {
		p = binary.AppendUvarint(p, uint64(a.ID-prev-1))
		prev = a.ID
		for _, s := range []string{a.Stem, a.Outlet, a.URL, a.Title, a.Published} {
			p = appendString(p, s)
		}
		p = appendSyndic(p, a.Syndic)
	}
	return p
}

// appendSyndic encodes an article's SyndicMeta (doc.go, folder version 3).
func appendSyndic(p []byte, s SyndicMeta) []byte {
	for _, v := range []string{s.Republishes, s.Reuses, s.ReusesOutlet} {
		p = appendString(p, v)
	}
	var flags byte
	if s.Shared {
		flags = 1
	}
	return binary.AppendUvarint(append(p, flags), uint64(s.Report))
}

// MarshalQuoteShard encodes a quotation shard.
func MarshalQuoteShard(s *QuoteShard) []byte {
	p := binary.LittleEndian.AppendUint64(nil, s.Pack)
	p = append(p, s.Member)
	p = appendArticles(p, s.Articles)
	p = binary.AppendUvarint(p, uint64(len(s.Quotes)))
	prev := int32(-1)
	for _, q := range s.Quotes {
		p = binary.AppendUvarint(p, uint64(q.ID-prev-1))
		prev = q.ID
		for _, n := range []int32{q.Article, q.First, q.Utterance} {
			p = binary.AppendUvarint(p, uint64(n))
		}
		var flags byte
		if q.Inferred {
			flags = 1
		}
		p = append(p, flags)
		for _, s := range []string{q.Text, q.Speaker, q.Channel, q.Cue, q.Attribution} {
			p = appendString(p, s)
		}
		p = appendIDs(p, q.Tokens)
		p = binary.LittleEndian.AppendUint64(p, math.Float64bits(q.Weight))
	}
	return frameAs(magicQuotes, p)
}

// MarshalParaShard encodes a paragraph shard.
func MarshalParaShard(s *ParaShard) []byte {
	p := binary.LittleEndian.AppendUint64(nil, s.Pack)
	p = append(p, s.Member)
	p = appendArticles(p, s.Articles)
	p = binary.AppendUvarint(p, uint64(len(s.Paras)))
	prev := int32(-1)
	for _, g := range s.Paras {
		p = binary.AppendUvarint(p, uint64(g.ID-prev-1))
		prev = g.ID
		p = appendString(p, g.Text)
		p = appendIDs(p, g.Tokens)
		p = binary.AppendUvarint(p, uint64(len(g.Carriers)))
		for _, c := range g.Carriers {
			p = binary.AppendUvarint(p, uint64(c.Article))
			p = binary.AppendUvarint(p, uint64(c.Paragraph))
		}
	}
	return frameAs(magicParas, p)
}

// What the parts' records cost in memory, for the decoded budget.
const (
	sizeChunkRef    = int(unsafe.Sizeof(ChunkRef{}))
	sizeCommonRef   = int(unsafe.Sizeof(CommonRef{}))
	sizePrintRef    = int(unsafe.Sizeof(PrintRef{}))
	sizePrint       = int(unsafe.Sizeof(Print{}))
	sizeParaPosting = int(unsafe.Sizeof(ParaPosting{}))
	sizeQuotePost   = int(unsafe.Sizeof(QuotePosting{}))
	sizeTerm        = int(unsafe.Sizeof(Term{}))
	sizeArticleMeta = int(unsafe.Sizeof(ArticleMeta{}))
	sizeShardQuote  = int(unsafe.Sizeof(ShardQuote{}))
	sizeShardPara   = int(unsafe.Sizeof(ShardPara{}))
)

// Smallest encodings of the parts' records, to bound their counts.
const (
	minChunkRef    = 9  // an empty string and a hash
	minCommonRef   = 18 // an empty string, an id, a weight and a hash
	minPrintRef    = 12 // a uint32 and a hash
	minPartHash    = 8  // a hash
	minTerm        = 12 // an empty word, an id, a weight, two zero counts
	minQuotePost   = 4  // two one-byte numbers, a member and a floor
	minPrint       = 4  // a gap and one posting
	minParaPost    = 3  // two one-byte numbers and a member
	minArticleMeta = 11 // an id, eight empty strings, the flags, a report
	minShardQuote  = 18 // three numbers and an id, flags, five empty strings, a zero token count, a weight
	minShardPara   = 3  // an id, an empty text, a zero token count (and at least one carrier)
	minCarrier     = 2
)

// openPart checks a part's header (magic, version, size, length,
// checksum) and returns a reader over its payload.
func openPart(data []byte, magic, what string) (reader, error) {
	if len(data) < headerSize || string(data[:4]) != magic {
		return reader{}, &readError{ErrNotIndex, "not a quotetrail " + what}
	}
	if v := binary.LittleEndian.Uint16(data[4:]); v != FolderVersion {
		return reader{}, errors.New(what + " format version " + strconv.Itoa(int(v)) + " is not supported (this engine reads " + strconv.Itoa(FolderVersion) + "): rebuild it with this quotetrail")
	}
	if binary.LittleEndian.Uint16(data[6:]) != 0 {
		return reader{}, damaged(what + ": reserved header bytes are not zero")
	}
	if err := TooLarge(int64(len(data))); err != nil {
		return reader{}, err
	}
	if n := binary.LittleEndian.Uint32(data[8:]); uint64(n) != uint64(len(data)-headerSize) {
		return reader{}, damaged(what + ": length does not match the header's")
	}
	payload := data[headerSize:]
	if crc32.ChecksumIEEE(payload) != binary.LittleEndian.Uint32(data[12:]) {
		return reader{}, damaged(what + ": checksum mismatch")
	}
	return reader{b: payload, budget: maxDecoded}, nil
}

// finish returns the reader's error, or damage if bytes are left over.
func (r *reader) finish(what string) error {
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return damaged(what + ": " + strconv.Itoa(len(r.b)) + " bytes after the last record")
	}
	return nil
}

// take reads n bytes.
func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.err = damaged("truncated")
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// weight reads a float64 that must be finite.
func (r *reader) weight() float64 {
	f := math.Float64frombits(r.u64())
	if r.err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
		r.err = damaged("weight is not a number")
	}
	return f
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// next reads an id stored as the gap after prev: ids increase strictly.
func (r *reader) next(prev int32) int32 {
	v := r.uvarint()
	if r.err == nil && (v >= 1<<31 || uint64(int64(prev)+1)+v >= 1<<31) {
		r.err = damaged("id out of range")
		return 0
	}
	return int32(uint64(prev) + 1 + v)
}

// id32 reads a non-negative int32.
func (r *reader) id32() int32 { return int32(r.int()) }

// ReadEntry decodes an entry file.
func ReadEntry(data []byte) (*Entry, error) {
	r, err := openPart(data, magicEntry, "index entry")
	if err != nil {
		return nil, err
	}
	e := r.entry(r.str())
	if r.err == nil && (e.Vocab > 0) != (len(e.Chunks)+len(e.Common) > 0 && len(e.Words) > 0) {
		r.err = damaged("a vocabulary without chunks, or chunks without one")
	}
	if len(r.b) > 0 && r.err == nil {
		// A delta: the marker byte 1, then the same tables over the whole
		// corpus, which holds at least the base.
		if r.take(1)[0] != 1 {
			r.err = damaged("index entry: a delta marker that is not 1")
		}
		d := r.entry(e.TokensOf)
		if r.err == nil && (d.Articles < e.Articles || d.Quotes < e.Quotes || d.Paragraphs < e.Paragraphs || d.Vocab < e.Vocab) {
			r.err = damaged("index entry: a delta smaller than its base")
		}
		e.Delta = d
	}
	if err := r.finish("index entry"); err != nil {
		return nil, err
	}
	return e, nil
}

// entry reads an entry's counts and tables.
func (r *reader) entry(tokensOf string) *Entry {
	e := &Entry{TokensOf: tokensOf, Articles: r.int(), Quotes: r.int(), Paragraphs: r.int(), Vocab: r.int(),
		MaxWeight: r.weight()}
	e.Chunks = r.chunkRefs()
	n := r.count(minCommonRef, "common words")
	e.Common = make([]CommonRef, 0, reserve(n, len(r.b), sizeCommonRef))
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizeCommonRef)
		c := CommonRef{Word: r.str(), ID: r.id32(), Weight: r.weight(), Hash: r.u64()}
		if r.err == nil && (i > 0 && c.Word <= e.Common[i-1].Word || int(c.ID) >= e.Vocab) {
			r.err = damaged("common words out of order or out of range")
		}
		e.Common = append(e.Common, c)
	}
	e.Words = r.chunkRefs()
	n = r.count(minPrintRef, "fingerprint chunks")
	e.Prints = make([]PrintRef, 0, reserve(n, len(r.b), sizePrintRef))
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizePrintRef)
		c := PrintRef{First: r.u32(), Hash: r.u64()}
		if r.err == nil && ((i == 0) != (c.First == 0) || i > 0 && c.First <= e.Prints[i-1].First) {
			r.err = damaged("fingerprint chunk boundaries out of order")
		}
		e.Prints = append(e.Prints, c)
	}
	return e
}

// chunkRefs reads a table of chunk boundaries.
func (r *reader) chunkRefs() []ChunkRef {
	n := r.count(minChunkRef, "chunks")
	out := make([]ChunkRef, 0, reserve(n, len(r.b), sizeChunkRef))
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizeChunkRef)
		c := ChunkRef{First: r.str(), Hash: r.u64()}
		if r.err == nil && ((i == 0) != (c.First == "") || i > 0 && c.First <= out[i-1].First) {
			r.err = damaged("chunk boundaries out of order")
		}
		out = append(out, c)
	}
	return out
}

// ChunkFor returns the index in refs of the chunk a word belongs in (the
// last whose First is not after it), or -1 when there are no chunks.
func ChunkFor(refs []ChunkRef, word string) int {
	return sort.Search(len(refs), func(i int) bool { return refs[i].First > word }) - 1
}

// PrintChunkFor returns the index of the fingerprint chunk a fingerprint
// belongs in, or -1 when there are none.
func (e *Entry) PrintChunkFor(h uint32) int {
	return sort.Search(len(e.Prints), func(i int) bool { return e.Prints[i].First > h }) - 1
}

// CommonWord returns the common word w, if it is one.
func (e *Entry) CommonWord(w string) (CommonRef, bool) {
	i, ok := slices.BinarySearchFunc(e.Common, w, func(c CommonRef, w string) int { return strings.Compare(c.Word, w) })
	if !ok {
		return CommonRef{}, false
	}
	return e.Common[i], true
}

// ReadChunk decodes a term chunk.
func ReadChunk(data []byte) (*Chunk, error) { return readChunk(data, magicChunk, "term chunk") }

// ReadWords decodes a chunk of paragraph postings.
func ReadWords(data []byte) (*Chunk, error) {
	return readChunk(data, magicWords, "paragraph postings chunk")
}

// hashes reads a table of part names.
func (r *reader) hashes() []uint64 {
	np := r.count(minPartHash, "part names")
	out := make([]uint64, 0, reserve(np, len(r.b), 8))
	for i := 0; i < np && r.err == nil; i++ {
		out = append(out, r.u64())
	}
	return out
}

// paraPostings reads paragraph postings that point into a table of np
// parts.
func (r *reader) paraPostings(np int) []ParaPosting {
	ng := r.count(minParaPost, "paragraph postings")
	out := make([]ParaPosting, 0, reserve(ng, len(r.b), sizeParaPosting))
	prev := int32(-1)
	for j := 0; j < ng && r.err == nil; j++ {
		p := ParaPosting{Para: r.next(prev), Part: r.id32(), Member: r.byte()}
		prev = p.Para
		if r.err == nil && int(p.Part) >= np {
			r.err = damaged("posting names no part")
		}
		out = append(out, p)
	}
	r.spend(sizeParaPosting * len(out))
	return out
}

// ReadPrints decodes a fingerprint chunk.
func ReadPrints(data []byte) (*PrintChunk, error) {
	r, err := openPart(data, magicPrints, "fingerprint chunk")
	if err != nil {
		return nil, err
	}
	c := &PrintChunk{Parts: r.hashes()}
	n := r.count(minPrint, "fingerprints")
	c.Prints = make([]Print, 0, reserve(n, len(r.b), sizePrint))
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizePrint)
		gap := r.uvarint()
		h := gap
		if i > 0 {
			h = uint64(c.Prints[i-1].Hash) + 1 + gap
		}
		if r.err == nil && (gap >= 1<<32 || h >= 1<<32) {
			r.err = damaged("fingerprint out of range")
		}
		f := Print{Hash: uint32(h), Paras: r.paraPostings(len(c.Parts))}
		if r.err == nil && len(f.Paras) == 0 {
			r.err = damaged("a fingerprint that no paragraph holds")
		}
		c.Prints = append(c.Prints, f)
	}
	if err := r.finish("fingerprint chunk"); err != nil {
		return nil, err
	}
	return c, nil
}

func readChunk(data []byte, magic, what string) (*Chunk, error) {
	r, err := openPart(data, magic, what)
	if err != nil {
		return nil, err
	}
	c := &Chunk{Parts: r.hashes()}
	np := len(c.Parts)
	nt := r.count(minTerm, "terms")
	c.Terms = make([]Term, 0, reserve(nt, len(r.b), sizeTerm))
	for i := 0; i < nt && r.err == nil; i++ {
		r.spend(sizeTerm)
		t := Term{Word: r.str(), ID: r.id32(), Weight: r.weight()}
		if r.err == nil && i > 0 && t.Word <= c.Terms[i-1].Word {
			r.err = damaged("terms out of order")
		}
		nq := r.count(minQuotePost, "quotation postings")
		t.Quotes = make([]QuotePosting, 0, reserve(nq, len(r.b), sizeQuotePost))
		prev := int32(-1)
		for j := 0; j < nq && r.err == nil; j++ {
			p := QuotePosting{Quote: r.next(prev), Part: r.id32(), Member: r.byte(), Floor: r.byte()}
			prev = p.Quote
			if r.err == nil && int(p.Part) >= np {
				r.err = damaged("posting names no part")
			}
			t.Quotes = append(t.Quotes, p)
		}
		r.spend(sizeQuotePost * len(t.Quotes))
		t.Paras = r.paraPostings(np)
		c.Terms = append(c.Terms, t)
	}
	if err := r.finish(what); err != nil {
		return nil, err
	}
	return c, nil
}

func (r *reader) articles() []ArticleMeta {
	n := r.count(minArticleMeta, "articles")
	out := make([]ArticleMeta, 0, reserve(n, len(r.b), sizeArticleMeta))
	prev := int32(-1)
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizeArticleMeta)
		a := ArticleMeta{ID: r.next(prev), Stem: r.str(), Outlet: r.str(), URL: r.str(), Title: r.str(), Published: r.str()}
		a.Syndic = r.syndic()
		prev = a.ID
		out = append(out, a)
	}
	return out
}

// syndic reads an article's SyndicMeta. Its report is an article id that
// is only compared with others (to count reports), never used to index.
func (r *reader) syndic() SyndicMeta {
	s := SyndicMeta{Republishes: r.str(), Reuses: r.str(), ReusesOutlet: r.str()}
	flags := r.byte()
	if flags&^1 != 0 && r.err == nil {
		r.err = damaged("unknown syndication flags")
	}
	s.Shared = flags&1 != 0
	s.Report = int32(r.int())
	return s
}

// hasArticle reports whether arts (by increasing id) holds article id.
func hasArticle(arts []ArticleMeta, id int32) bool {
	_, ok := slices.BinarySearchFunc(arts, id, func(a ArticleMeta, id int32) int { return cmp.Compare(a.ID, id) })
	return ok
}

// ReadQuoteShard decodes a quotation shard. Every quotation's article is
// in the shard.
func ReadQuoteShard(data []byte) (*QuoteShard, error) {
	r, err := openPart(data, magicQuotes, "quotation shard")
	if err != nil {
		return nil, err
	}
	s := &QuoteShard{Pack: r.u64(), Member: r.byte()}
	s.Articles = r.articles()
	n := r.count(minShardQuote, "quotations")
	s.Quotes = make([]ShardQuote, 0, reserve(n, len(r.b), sizeShardQuote))
	prev := int32(-1)
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizeShardQuote)
		q := ShardQuote{ID: r.next(prev), Article: r.id32(), First: r.id32(), Utterance: r.id32()}
		prev = q.ID
		flags := r.byte()
		if r.err == nil && flags&^1 != 0 {
			r.err = damaged("unknown quotation flags")
		}
		q.Inferred = flags&1 != 0
		q.Text, q.Speaker, q.Channel, q.Cue, q.Attribution = r.str(), r.str(), r.str(), r.str(), r.str()
		q.Tokens = r.ids(1<<31 - 1)
		q.Weight = r.weight()
		if r.err == nil && (q.First > q.ID || !hasArticle(s.Articles, q.Article)) {
			r.err = damaged("quotation " + strconv.Itoa(int(q.ID)) + ": first copy or article out of range")
		}
		s.Quotes = append(s.Quotes, q)
	}
	if err := r.finish("quotation shard"); err != nil {
		return nil, err
	}
	return s, nil
}

// ReadParaShard decodes a paragraph shard. Every paragraph has at least
// one carrier and every carrier's article is in the shard.
func ReadParaShard(data []byte) (*ParaShard, error) {
	r, err := openPart(data, magicParas, "paragraph shard")
	if err != nil {
		return nil, err
	}
	s := &ParaShard{Pack: r.u64(), Member: r.byte()}
	s.Articles = r.articles()
	n := r.count(minShardPara, "paragraphs")
	s.Paras = make([]ShardPara, 0, reserve(n, len(r.b), sizeShardPara))
	prev := int32(-1)
	for i := 0; i < n && r.err == nil; i++ {
		r.spend(sizeShardPara)
		g := ShardPara{ID: r.next(prev), Text: r.str(), Tokens: r.ids(1<<31 - 1)}
		prev = g.ID
		nc := r.count(minCarrier, "carriers")
		if r.err == nil && nc == 0 {
			r.err = damaged("a paragraph that stands nowhere")
		}
		g.Carriers = make([]Carrier, 0, reserve(nc, len(r.b), 8))
		for j := 0; j < nc && r.err == nil; j++ {
			c := Carrier{Article: r.id32(), Paragraph: r.id32()}
			if r.err == nil && !hasArticle(s.Articles, c.Article) {
				r.err = damaged("carrier's article is not in the shard")
			}
			g.Carriers = append(g.Carriers, c)
		}
		r.spend(8 * len(g.Carriers))
		s.Paras = append(s.Paras, g)
	}
	if err := r.finish("paragraph shard"); err != nil {
		return nil, err
	}
	return s, nil
}
