package match

import (
	"cmp"
	"container/list"
	"errors"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"quotetrail/internal/index"
	"quotetrail/internal/textnorm"
)

// The folder index (index/doc.go, "The folder index"): the whole index
// split so that a lookup reads only the parts its selection needs, in at
// most three sequential rounds, each a batch that can be fetched in
// parallel:
//
//  1. the entry (fetched fresh; it names every chunk, and holds the common
//     words' ids and weights);
//  2. the term chunks of the selection's words that are not common (and
//     the common words' own chunks for a selection of common words alone,
//     prune.go): ids, weights and quotation postings; for the text match,
//     the chunks of its fingerprints (prints.go), or for a selection of
//     MinWords to PrintWords-1 words its words' paragraph postings;
//  3. the quotation shards of the candidates the postings give, and the
//     paragraph shards of the paragraphs holding every fingerprint (or
//     every word) of the selection.
//
// A selection that holds a quotation among other words (focus.go) takes a
// second pass of rounds 2 and 3 over the quotation's words, fetching only
// what the first did not.
//
// The lookup itself is the whole-index engine's (lookup in engine.go),
// run over a view of the parts read, and every number it compares is
// the one the whole-index engine computes (weights as float64, the
// fragment floors as the one-byte codes the engine compares), so that the
// two answer alike (TestFolderAnswersAlike). The text match looks among
// other paragraphs than the engine's (those holding the rarest word), but
// both keep those that hold the selection word for word.

// FolderOptions sizes the parts of a folder index, in encoded bytes: a
// part is closed once it reaches its size (a single term or utterance
// bigger than that is a part alone).
type FolderOptions struct {
	ChunkBytes      int // chunks of postings and fingerprints (0: sized by the corpus)
	QuoteShardBytes int // quotation shards: a lookup fetches one per candidate utterance
	ParaShardBytes  int // paragraph shards: one per paragraph holding the rarest word
}

// DefaultFolder are the sizes the build writes: chunks sized by the
// corpus (ChunkBytes 0: see BuildFolder); shards small, since a lookup
// fetches one for each candidate utterance and each paragraph that may
// hold its selection (on 1,500 generated articles, shards of 4 KB and
// 16 KB made the median lookup read 726 KB, these 612 KB).
var DefaultFolder = FolderOptions{QuoteShardBytes: 1 << 10, ParaShardBytes: 4 << 10}

// BuildFolder splits x into a folder index: file name → bytes, the entry
// under index.EntryName and every other part named by its content.
func BuildFolder(x *index.Index, opt FolderOptions) map[string][]byte {
	return buildFolder(New(x), opt, nil, nil, nil)
}

// buildFolder is BuildFolder, or with a base BuildDelta: only the
// quotation groups and paragraph texts the articles after the base's
// changed, and their postings, in parts of their own (delta.go).
func buildFolder(e *Engine, opt FolderOptions, base *index.Entry, touched, requoted []int) map[string][]byte {
	x := e.x
	files := map[string][]byte{}
	put := func(kind byte, data []byte) uint64 {
		h := index.Hash(data)
		files[index.PartName(kind, h)] = data
		return h
	}
	meta := func(ai int) index.ArticleMeta { return e.articleMeta(ai) }
	metas := func(ids map[int32]bool) []index.ArticleMeta {
		out := make([]index.ArticleMeta, 0, len(ids))
		for id := range ids {
			out = append(out, meta(int(id)))
		}
		slices.SortFunc(out, func(a, b index.ArticleMeta) int { return int(a.ID - b.ID) })
		return out
	}

	// Quotation shards: every copy of a text and every quotation of an
	// utterance in one shard, so that the candidates' shards hold their
	// copies and their siblings too.
	parent := make([]int32, len(x.Quotes))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int32) {
		if a, b := find(i), find(j); a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	for qi := range x.Quotes {
		union(int32(qi), e.firstCopy[qi])
	}
	for _, qs := range e.byUtt {
		for _, o := range qs {
			union(qs[0], o)
		}
	}
	var comps [][]int32 // by their first quotation
	compOf := map[int32]int{}
	for qi := range x.Quotes {
		r := find(int32(qi))
		k, ok := compOf[r]
		if !ok {
			k = len(comps)
			compOf[r] = k
			comps = append(comps, nil)
		}
		comps[k] = append(comps[k], int32(qi))
	}
	// With a base, the parts hold only what changed: the groups that
	// hold a quotation after the base's (whole, base quotations too), and
	// the paragraph texts that an article after the base's holds.
	quoteIn := func(int32) bool { return true }
	touch := make([]bool, len(x.Articles))
	for _, a := range touched {
		touch[a] = true
	}
	if base != nil {
		changed := make([]bool, len(x.Quotes))
		for _, qi := range requoted {
			if qi >= 0 && qi < len(x.Quotes) {
				changed[qi] = true
			}
		}
		kept := comps[:0]
		for _, comp := range comps {
			if comp[len(comp)-1] >= int32(base.Quotes) || slices.ContainsFunc(comp, func(qi int32) bool { return touch[x.Quotes[qi].Article] || changed[qi] }) {
				kept = append(kept, comp)
				for _, qi := range comp {
					changed[qi] = true
				}
			}
		}
		comps = kept
		quoteIn = func(qi int32) bool { return changed[qi] }
	}
	quotePacks := &packer{kind: index.KindQuotes, files: files}
	quoteShard := make([]int32, len(x.Quotes)) // shard numbers
	var shard index.QuoteShard
	arts := map[int32]bool{}
	var members []int32
	size := 0
	flushQuotes := func() {
		if len(shard.Quotes) == 0 {
			return
		}
		slices.SortFunc(shard.Quotes, func(a, b index.ShardQuote) int { return int(a.ID - b.ID) })
		shard.Articles = metas(arts)
		s := shard
		n := quotePacks.add(func(pack uint64, member uint8) []byte {
			s.Pack, s.Member = pack, member
			return index.MarshalQuoteShard(&s)
		})
		for _, qi := range members {
			quoteShard[qi] = n
		}
		shard, arts, members, size = index.QuoteShard{}, map[int32]bool{}, nil, 0
	}
	for _, comp := range comps {
		for _, qi := range comp {
			q := x.Quotes[qi]
			shard.Quotes = append(shard.Quotes, index.ShardQuote{ID: qi, Article: int32(q.Article), First: e.firstCopy[qi],
				Utterance: int32(q.Utterance), Inferred: q.Inferred, Text: q.Text, Speaker: q.Speaker, Channel: q.Channel,
				Cue: q.Cue, Attribution: q.Attribution, Tokens: e.quotes[qi], Weight: e.tokenWeight(qi)})
			arts[int32(q.Article)] = true
			members = append(members, qi)
			size += 20 + len(q.Text) + len(q.Speaker) + len(q.Channel) + len(q.Cue) + len(q.Attribution) + 2*len(e.quotes[qi])
		}
		if size >= opt.QuoteShardBytes {
			flushQuotes()
		}
	}
	flushQuotes()
	quotePacks.flush()

	// Paragraph shards: the paragraph texts (first copies) of consecutive
	// articles, with every place each stands.
	isCopy := make([]bool, len(e.paraRef))
	for _, cs := range e.paraCopies {
		for _, g := range cs {
			isCopy[g] = true
		}
	}
	paraIn := func(int32) bool { return true }
	if base != nil {
		// A paragraph text changed when an article after the base's
		// holds it (its last copy is then one of those), or one whose
		// syndication changed. Marked once for every text: asked of each
		// posting, it was a second of an increment at 100,000 articles.
		changed := make([]bool, len(e.paraRef))
		for g, ref := range e.paraRef {
			changed[g] = g >= base.Paragraphs || touch[ref.article]
		}
		for g, cs := range e.paraCopies {
			changed[g] = changed[g] || slices.ContainsFunc(cs, func(c int32) bool { return changed[c] })
		}
		paraIn = func(g int32) bool { return changed[g] }
	}
	paraPacks := &packer{kind: index.KindParas, files: files}
	paraShard := make([]int32, len(e.paraRef))
	var pshard index.ParaShard
	arts, members, size = map[int32]bool{}, nil, 0
	flushParas := func() {
		if len(pshard.Paras) > 0 {
			pshard.Articles = metas(arts)
			s := pshard
			n := paraPacks.add(func(pack uint64, member uint8) []byte {
				s.Pack, s.Member = pack, member
				return index.MarshalParaShard(&s)
			})
			for _, g := range members {
				paraShard[g] = n
			}
		}
		pshard, arts, members, size = index.ParaShard{}, map[int32]bool{}, nil, 0
	}
	gid := int32(0)
	for ai, a := range x.Articles {
		for pi := range a.Paragraphs {
			g := gid
			gid++
			if isCopy[g] || !paraIn(g) {
				continue
			}
			p := index.ShardPara{ID: g, Text: a.Paragraphs[pi], Tokens: e.paras[ai][pi]}
			for _, c := range append([]int32{g}, e.paraCopies[g]...) {
				ref := e.paraRef[c]
				p.Carriers = append(p.Carriers, index.Carrier{Article: ref.article, Paragraph: ref.paragraph})
				arts[ref.article] = true
			}
			pshard.Paras = append(pshard.Paras, p)
			members = append(members, g)
			size += 4 + len(p.Text) + 2*len(p.Tokens) + 4*len(p.Carriers)
		}
		if size >= opt.ParaShardBytes {
			flushParas()
		}
	}
	flushParas()
	paraPacks.flush()

	// The vocabulary in byte order: the quotation postings of the words
	// that are not common in term chunks, each common word's in a chunk
	// of its own, every word's paragraph postings in chunks of their own
	// (only a short selection's text match reads them).
	words := make([]string, 0, len(e.vocab))
	for w := range e.vocab {
		words = append(words, w)
	}
	sort.Strings(words)
	entry := &index.Entry{TokensOf: textnorm.Version, Articles: len(x.Articles), Quotes: len(x.Quotes),
		Paragraphs: len(e.paraRef), Vocab: len(e.weight), MaxWeight: e.maxW}
	terms := make([]index.Term, 0, len(words))
	var quoteBytes, paraBytes int
	for _, w := range words {
		id := e.vocab[w]
		t := index.Term{Word: w, ID: id, Weight: e.weight[id]}
		for _, qi := range e.postings(id) {
			if quoteIn(qi) {
				t.Quotes = append(t.Quotes, index.QuotePosting{Quote: qi, Floor: e.floor[qi]})
			}
		}
		t.Paras = make([]index.ParaPosting, 0)
		gids, _ := e.paraPostings(id)
		for _, g := range gids {
			if paraIn(g) {
				t.Paras = append(t.Paras, index.ParaPosting{Para: g})
			}
		}
		if base != nil && len(t.Quotes) == 0 && len(t.Paras) == 0 && !e.common(id) {
			continue // the base's term, its weight moved by the corpus's size alone
		}
		if !e.common(id) {
			quoteBytes += termBytes(t.Word, len(t.Quotes), 0)
		}
		paraBytes += termBytes(t.Word, 0, len(t.Paras))
		terms = append(terms, t)
	}
	// The chunks of each kind: a lookup reads the entry (which lists them
	// all) and about one chunk a word, so chunks of sqrt(words·total/12)
	// (12 bytes an entry line) make the two cost alike as the corpus grows.
	chunkSize := func(total, perLookup int) int {
		if opt.ChunkBytes > 0 {
			return opt.ChunkBytes
		}
		n := max(1, int(math.Sqrt(float64(perLookup)*float64(total)/12)))
		return max(minChunkBytes, total/n)
	}
	var chunk index.Chunk
	local := map[uint64]int32{}
	part := func(h uint64) int32 {
		k, ok := local[h]
		if !ok {
			k = int32(len(chunk.Parts))
			local[h] = k
			chunk.Parts = append(chunk.Parts, h)
		}
		return k
	}
	// cutChunks cuts the terms keep takes into chunks of the given size.
	cutChunks := func(limit int, kind byte, marshal func(*index.Chunk) []byte, keep func(t *index.Term) (index.Term, int)) []index.ChunkRef {
		var refs []index.ChunkRef
		prevLast, size := "", 0
		flush := func() {
			if len(chunk.Terms) == 0 {
				return
			}
			first := ""
			if len(refs) > 0 {
				first = distinguishing(chunk.Terms[0].Word, prevLast)
			}
			prevLast = chunk.Terms[len(chunk.Terms)-1].Word
			refs = append(refs, index.ChunkRef{First: first, Hash: put(kind, marshal(&chunk))})
			chunk, local, size = index.Chunk{}, map[uint64]int32{}, 0
		}
		for i := range terms {
			t, n := keep(&terms[i])
			if n < 0 {
				continue
			}
			chunk.Terms = append(chunk.Terms, t)
			size += n
			if size >= limit {
				flush()
			}
		}
		flush()
		return refs
	}
	withQuotes := func(t *index.Term) index.Term {
		out := index.Term{Word: t.Word, ID: t.ID, Weight: t.Weight, Quotes: slices.Clone(t.Quotes)}
		for j, p := range out.Quotes {
			pack, member := quotePacks.ref(quoteShard[p.Quote])
			out.Quotes[j].Part, out.Quotes[j].Member = part(pack), member
		}
		return out
	}
	entry.Chunks = cutChunks(chunkSize(quoteBytes, 8), index.KindChunk, index.MarshalChunk, func(t *index.Term) (index.Term, int) {
		if e.common(t.ID) {
			return index.Term{}, -1
		}
		return withQuotes(t), termBytes(t.Word, len(t.Quotes), 0)
	})
	for i := range terms {
		if t := &terms[i]; e.common(t.ID) {
			chunk, local = index.Chunk{}, map[uint64]int32{}
			chunk.Terms = []index.Term{withQuotes(t)}
			entry.Common = append(entry.Common, index.CommonRef{Word: t.Word, ID: t.ID, Weight: t.Weight,
				Hash: put(index.KindChunk, index.MarshalChunk(&chunk))})
		}
	}
	chunk, local = index.Chunk{}, map[uint64]int32{}
	entry.Words = cutChunks(chunkSize(paraBytes, 4), index.KindWords, index.MarshalWords, func(t *index.Term) (index.Term, int) {
		if len(t.Paras) == 0 {
			return index.Term{}, -1
		}
		out := index.Term{Word: t.Word, ID: t.ID, Weight: t.Weight, Paras: slices.Clone(t.Paras)}
		for j, p := range out.Paras {
			pack, member := paraPacks.ref(paraShard[p.Para])
			out.Paras[j].Part, out.Paras[j].Member = part(pack), member
		}
		return out, termBytes(t.Word, 0, len(t.Paras))
	})

	// Fingerprints of the paragraph texts (first copies), for the text
	// match of selections of PrintWords words or more.
	wordOf := make([]string, len(e.weight))
	for w, id := range e.vocab {
		wordOf[id] = w
	}
	byPrint := map[uint32][]int32{}
	var ws []string
	for g := range e.paraRef {
		if isCopy[g] || !paraIn(int32(g)) {
			continue
		}
		ws = ws[:0]
		for _, id := range e.paraTokens(int32(g)) {
			ws = append(ws, wordOf[id])
		}
		for _, h := range fingerprints(ws) {
			byPrint[h] = append(byPrint[h], int32(g))
		}
	}
	hashes := make([]uint32, 0, len(byPrint))
	printBytes := 0
	for h, gs := range byPrint {
		hashes = append(hashes, h)
		printBytes += 3 + 3*len(gs)
	}
	slices.Sort(hashes)
	limit := chunkSize(printBytes, 4)
	var pc index.PrintChunk
	plocal := map[uint64]int32{}
	psize := 0
	flushPrints := func() {
		if len(pc.Prints) == 0 {
			return
		}
		first := pc.Prints[0].Hash
		if len(entry.Prints) == 0 {
			first = 0
		}
		entry.Prints = append(entry.Prints, index.PrintRef{First: first, Hash: put(index.KindPrints, index.MarshalPrints(&pc))})
		pc, plocal, psize = index.PrintChunk{}, map[uint64]int32{}, 0
	}
	for _, h := range hashes {
		f := index.Print{Hash: h}
		for _, g := range byPrint[h] {
			pack, member := paraPacks.ref(paraShard[g])
			k, ok := plocal[pack]
			if !ok {
				k = int32(len(pc.Parts))
				plocal[pack] = k
				pc.Parts = append(pc.Parts, pack)
			}
			f.Paras = append(f.Paras, index.ParaPosting{Para: g, Part: k, Member: member})
		}
		pc.Prints = append(pc.Prints, f)
		psize += 3 + 3*len(f.Paras)
		if psize >= limit {
			flushPrints()
		}
	}
	flushPrints()
	if base != nil {
		top := *base
		top.Delta = entry
		entry = &top
	}
	files[index.EntryName] = index.MarshalEntry(entry)
	return files
}

// packer names shards in packs of packSize (index.ShardName): the pack's
// name is the hash of its shards as they would be written under pack 0.
type packer struct {
	kind    byte
	files   map[string][]byte
	pending []func(pack uint64, member uint8) []byte
	packs   []uint64
	count   int32
}

const packSize = 256

// add queues a shard, written by marshal under its name, and returns its
// number.
func (p *packer) add(marshal func(pack uint64, member uint8) []byte) int32 {
	p.pending = append(p.pending, marshal)
	p.count++
	if len(p.pending) == packSize {
		p.flush()
	}
	return p.count - 1
}

// flush writes the queued shards as one pack.
func (p *packer) flush() {
	if len(p.pending) == 0 {
		return
	}
	h := fnv.New64a()
	for k, m := range p.pending {
		h.Write(m(0, uint8(k)))
	}
	pack := h.Sum64()
	for k, m := range p.pending {
		p.files[index.ShardName(p.kind, pack, uint8(k))] = m(pack, uint8(k))
	}
	p.packs = append(p.packs, pack)
	p.pending = nil
}

// ref returns the pack and member of shard n, once its pack is written.
func (p *packer) ref(n int32) (pack uint64, member uint8) {
	return p.packs[n/packSize], uint8(n % packSize)
}

// minChunkBytes: chunks are not cut smaller than this, since a request
// costs more than its bytes below it.
const minChunkBytes = 2 << 10

// termBytes estimates the bytes of a term's record with nq quotation and
// np paragraph postings.
func termBytes(w string, nq, np int) int { return 12 + len(w) + 5*nq + 3*np }

// distinguishing returns the shortest prefix of w, whole characters, that
// sorts after prev (w sorts after prev).
func distinguishing(w, prev string) string {
	for i := 1; i <= len(w); i++ {
		if i < len(w) && !utf8.RuneStart(w[i]) {
			continue
		}
		if w[:i] > prev {
			return w[:i]
		}
	}
	return w
}

// Folder answers lookups from a folder index, reading its parts as a
// lookup needs them. It keeps the parts it has read (parsed), up to
// CacheBytes of them, the least recently used shard dropped first (then
// chunks, which many lookups share: the common words', the
// fingerprints'), so that a
// later lookup fetches only what it has not seen and a reader's tab does
// not grow with every lookup. It is safe for concurrent lookups.
type Folder struct {
	entry *index.Entry
	// last is the entry of the whole corpus: the delta's when there is
	// one (its counts, weights and common words), else entry.
	last *index.Entry
	// inDelta names the delta's chunks; shift is what the corpus's growth
	// since the base adds to the weight of every word the delta does not
	// hold (log n/(df+½) with df unchanged and n grown).
	inDelta map[string]bool
	shift   float64
	common  map[int32]float64 // common word's id → its weight
	scratch sync.Pool
	mu      sync.Mutex
	parts   map[string]*list.Element // name → its cached part, in recent[0] (shards) or recent[1] (chunks)
	recent  [2]list.List             // cached parts, most recently used first
	held    int                      // bytes of the cached parts
	// CacheBytes bounds the parts kept between lookups, in the bytes of
	// their files (parsed, a part takes about two to three times that).
	CacheBytes int
}

// DefaultCacheBytes bounds what a tab keeps. Over 100,000 generated
// articles, 30 lookups (quotetrail bench-scale -sizes 100000 -lookups 30
// -reuse): a tab grew 131-139 MB with 16 MiB (two runs), 205 MB without
// a bound (two runs) and 215 MB with 64 MiB (one run), and warm lookups
// took 328-362, 222-248 and 214 ms (p50): a small bound costs latency,
// and 64 MiB keeps 30 lookups' parts while a long session stops growing.
const DefaultCacheBytes = 64 << 20

// cached is a part kept by a Folder.
type cached struct {
	name  string
	part  any // *index.Chunk, *index.PrintChunk, *index.QuoteShard or *index.ParaShard
	size  int
	class int // 0 a shard, 1 a chunk
}

// OpenFolder reads a folder index's entry file.
func OpenFolder(entry []byte) (*Folder, error) {
	en, err := index.ReadEntry(entry)
	if err != nil {
		return nil, err
	}
	if en.TokensOf != textnorm.Version {
		return nil, errors.New("the folder index was written by normalization " + strconv.Quote(en.TokensOf) +
			" and this engine normalizes by " + strconv.Quote(textnorm.Version) + ": rebuild it")
	}
	f := &Folder{entry: en, last: en.Last(), parts: map[string]*list.Element{}, common: map[int32]float64{}, CacheBytes: DefaultCacheBytes}
	for _, c := range f.last.Common {
		f.common[c.ID] = c.Weight
	}
	if d := en.Delta; d != nil {
		f.shift = d.MaxWeight - en.MaxWeight
		f.inDelta = map[string]bool{}
		for _, c := range d.Chunks {
			f.inDelta[index.PartName(index.KindChunk, c.Hash)] = true
		}
		for _, c := range d.Common {
			f.inDelta[index.PartName(index.KindChunk, c.Hash)] = true
		}
		for _, c := range d.Words {
			f.inDelta[index.PartName(index.KindWords, c.Hash)] = true
		}
		for _, c := range d.Prints {
			f.inDelta[index.PartName(index.KindPrints, c.Hash)] = true
		}
	}
	f.scratch.New = func() any { return &scratch{} }
	return f, nil
}

// Entry returns the folder's entry.
func (f *Folder) Entry() *index.Entry { return f.entry }

// FolderLookup is one lookup over a folder index, round by round: fetch
// the parts Need names (in parallel, in any order), Give them back, and
// repeat until Need returns nothing; then Answer. Nothing in it blocks,
// so a browser can drive it from its fetches. A selection that holds a
// quotation among other words (focus.go) is looked up twice: whole, then
// the quotation's words alone (two more rounds at most; the parts the
// first pass read are not fetched again).
type FolderLookup struct {
	f      *Folder
	stage  int // 1: chunks asked, 2: shards asked, 3: answered
	need   []string
	have   map[string]any // the parts this lookup reads, whatever the cache drops meanwhile
	all    []string       // the words looked up in this pass, in order
	words  []string       // the same, distinct, sorted
	prints []uint32       // its fingerprints, when its text match reads them
	chunks []string       // the chunk names the pass read, for the view
	shards []string
	v      *view // what the pass has read, once its chunks are in
	res    Result
	ents   []Entry
	err    error
	// The focus: the span of the quotation inside the selection, and the
	// first pass's view while the second looks it up.
	focusing  span
	wholeView *view
}

// Start begins a lookup: Need then names the chunks of the selection's
// words (round 2, the entry being round 1): their quotation postings
// (the common words' only for a selection of common words alone, prune.go),
// and for its text match the paragraph postings of its words (a short
// selection) or its fingerprints' chunks.
func (f *Folder) Start(sel string) *FolderLookup {
	l := &FolderLookup{f: f, have: map[string]any{}, res: start(sel)}
	l.begin(l.res.words)
	return l
}

// begin starts a pass over the words all.
func (l *FolderLookup) begin(all []string) {
	f, en := l.f, l.f.entry
	l.stage, l.all, l.chunks, l.shards, l.prints, l.v = 1, all, nil, nil, nil, nil
	l.words = slices.Compact(slices.Sorted(slices.Values(all)))
	need, _ := needCommon(all, f.commonWeight)
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			l.chunks = append(l.chunks, name)
		}
	}
	// The base's chunks, then the delta's: a word common now has its
	// postings read only when the selection is common words alone, from
	// the base (common there or not) and the delta.
	ens := []*index.Entry{en}
	if en.Delta != nil {
		ens = append(ens, en.Delta)
	}
	for _, w := range l.words {
		_, common := f.last.CommonWord(w)
		for _, en := range ens {
			if c, ok := en.CommonWord(w); ok {
				if need {
					add(index.PartName(index.KindChunk, c.Hash))
				}
			} else if k := index.ChunkFor(en.Chunks, w); k >= 0 && (!common || need) {
				add(index.PartName(index.KindChunk, en.Chunks[k].Hash))
			}
			if len(all) >= MinWords && len(all) < PrintWords {
				if k := index.ChunkFor(en.Words, w); k >= 0 {
					add(index.PartName(index.KindWords, en.Words[k].Hash))
				}
			}
		}
	}
	if len(all) >= PrintWords {
		l.prints = fingerprints(all)
		for _, h := range l.prints {
			for _, en := range ens {
				if k := en.PrintChunkFor(h); k >= 0 {
					add(index.PartName(index.KindPrints, en.Prints[k].Hash))
				}
			}
		}
	}
	slices.Sort(l.chunks)
	l.need = f.missing(l.chunks, l.have)
	l.advance()
}

func (f *Folder) commonWeight(w string) (float64, bool) {
	c, ok := f.last.CommonWord(w)
	return c.Weight, ok
}

// Need returns the parts to fetch for the current round, or nil when the
// lookup is answered (or failed).
func (l *FolderLookup) Need() []string {
	if l.err != nil {
		return nil
	}
	return l.need
}

// Give hands the lookup the parts Need named, data[i] for Need()[i], and
// moves it to its next round. A part that is not the one named, or that
// is damaged, fails the lookup.
func (l *FolderLookup) Give(data [][]byte) error {
	if l.err != nil {
		return l.err
	}
	if len(data) != len(l.need) {
		l.err = errors.New("the lookup was given " + strconv.Itoa(len(data)) + " parts for " + strconv.Itoa(len(l.need)))
		return l.err
	}
	for i, name := range l.need {
		part, err := l.f.add(name, data[i])
		if err != nil {
			l.err = err
			return err
		}
		l.have[name] = part
	}
	l.need = nil
	l.advance()
	return l.err
}

// Answer returns the result and its entries once Need returns nothing.
func (l *FolderLookup) Answer() (Result, []Entry, error) {
	if l.err != nil {
		return Result{}, nil, l.err
	}
	if l.stage < 3 {
		return Result{}, nil, errors.New("the lookup is waiting for parts")
	}
	return l.res, l.ents, nil
}

// advance plans the next round once the current one's parts are all in:
// with the chunks in, the view of the words finds the candidates and the
// paragraphs that may hold them, whose shards are the pass's last round;
// with those in, the same view answers, as lookup (engine.go) does: the
// whole selection, then, when it holds a quotation among other words, a
// second pass over the quotation's words.
func (l *FolderLookup) advance() {
	for l.err == nil && len(l.need) == 0 && l.stage < 3 {
		if l.stage == 2 {
			if l.err = l.v.addShards(l.shards, l.have); l.err != nil {
				return
			}
			if l.wholeView == nil {
				m, fs := answer(l.v, l.all, true)
				if l.err = l.v.err; l.err != nil {
					return
				}
				l.res.Matches = m
				if fs.ok() {
					l.res.focused = true
					l.focusing, l.wholeView = fs, l.v
					l.begin(l.all[fs.from:fs.to])
					return
				}
			} else {
				m, _ := answer(l.v, l.all, false)
				if l.err = l.v.err; l.err != nil {
					return
				}
				if focusBetter(m, l.res.Matches) {
					l.res.narrow(l.focusing, m)
				} else {
					l.v = l.wholeView
				}
			}
			l.ents = entries(l.v, l.res)
			l.err = l.v.err
			l.stage = 3
			return
		}
		v, err := l.f.view(l.chunks, l.words, l.prints, l.have)
		if err != nil {
			l.err = err
			return
		}
		l.v = v
		// The candidates and the paragraphs that may hold the words, as
		// answer will find them.
		q := prepare(v, l.all)
		set := map[string]bool{}
		if len(q.ids) > 0 {
			for _, first := range candidates(v, q, MaxCandidates) {
				set[v.quotePart[first]] = true
			}
			if len(q.ids) >= MinWords {
				for _, g := range v.textParas(q) {
					set[v.paraPart[g]] = true
				}
			}
		}
		if v.err != nil {
			l.err = v.err
			return
		}
		for name := range set {
			l.shards = append(l.shards, name)
		}
		slices.Sort(l.shards)
		l.need = l.f.missing(l.shards, l.have)
		l.stage = 2
	}
}

// Lookup answers a selection, fetching each round's parts with fetch
// (which may read them in parallel).
func (f *Folder) Lookup(sel string, fetch func(names []string) ([][]byte, error)) (Result, []Entry, error) {
	l := f.Start(sel)
	for names := l.Need(); len(names) > 0; names = l.Need() {
		data, err := fetch(names)
		if err != nil {
			return Result{}, nil, err
		}
		if err := l.Give(data); err != nil {
			return Result{}, nil, err
		}
	}
	return l.Answer()
}

// missing returns the names of parts not cached, and puts the cached
// ones in have (the lookup's own references: the cache may drop them
// before the lookup is done).
func (f *Folder) missing(names []string, have map[string]any) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, n := range names {
		if e := f.parts[n]; e != nil {
			f.recent[e.Value.(*cached).class].MoveToFront(e)
			have[n] = e.Value.(*cached).part
		} else if have[n] == nil {
			out = append(out, n)
		}
	}
	return out
}

// add checks a part against its name and the entry, keeps it in the
// cache and returns it.
func (f *Folder) add(name string, data []byte) (any, error) {
	kind, _, ok := index.ParsePartName(name)
	if !ok {
		return nil, errors.New(strconv.Quote(name) + " is not the name of an index part")
	}
	if err := index.CheckPart(name, data); err != nil {
		return nil, err
	}
	var part any
	var err error
	switch kind {
	case index.KindChunk:
		var c *index.Chunk
		if c, err = index.ReadChunk(data); err == nil {
			en := f.entryOf(name)
			err, part = f.checkChunk(name, c, en.Chunks, en.Common), c
		}
	case index.KindWords:
		var c *index.Chunk
		if c, err = index.ReadWords(data); err == nil {
			err, part = f.checkChunk(name, c, f.entryOf(name).Words, nil), c
		}
	case index.KindPrints:
		var c *index.PrintChunk
		if c, err = index.ReadPrints(data); err == nil {
			err, part = f.checkPrints(name, c), c
		}
	case index.KindQuotes:
		var s *index.QuoteShard
		if s, err = index.ReadQuoteShard(data); err == nil {
			err, part = f.checkQuotes(s), s
		}
	case index.KindParas:
		var s *index.ParaShard
		if s, err = index.ReadParaShard(data); err == nil {
			err, part = f.checkParas(s), s
		}
	}
	if err != nil {
		return nil, errors.New(name + ": " + err.Error())
	}
	f.keep(name, part, len(data))
	return part, nil
}

// keep caches a part, then drops the least recently used shards, then
// chunks, while the cache holds more than CacheBytes (the newest part
// stays, whatever its size).
func (f *Folder) keep(name string, part any, size int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e := f.parts[name]; e != nil {
		f.recent[e.Value.(*cached).class].MoveToFront(e)
		return
	}
	class := 1
	if k := name[0]; k == index.KindQuotes || k == index.KindParas {
		class = 0
	}
	f.parts[name] = f.recent[class].PushFront(&cached{name, part, size, class})
	f.held += size
	for f.held > f.CacheBytes && f.recent[0].Len()+f.recent[1].Len() > 1 {
		l := &f.recent[0]
		if l.Len() == 0 || l.Len() == 1 && class == 0 {
			l = &f.recent[1]
		}
		c := l.Remove(l.Back()).(*cached)
		delete(f.parts, c.name)
		f.held -= c.size
	}
}

// Cached returns how many parts the folder keeps and their bytes.
func (f *Folder) Cached() (parts, bytes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.recent[0].Len() + f.recent[1].Len(), f.held
}

var errOutOfRange = errors.New("index part refers past the entry's counts")

// entryOf returns the entry that names a chunk: the delta's or the base's.
func (f *Folder) entryOf(name string) *index.Entry {
	if f.inDelta[name] {
		return f.entry.Delta
	}
	return f.entry
}

// checkChunk: the chunk is one of refs, or one of common's, its words
// lie in its range and its ids are within the corpus's counts.
func (f *Folder) checkChunk(name string, c *index.Chunk, refs []index.ChunkRef, common []index.CommonRef) error {
	en := f.last
	_, h, _ := index.ParsePartName(name) // add checked the name
	inRange := func(w string) bool { return false }
	for i, ref := range refs {
		if ref.Hash == h {
			inRange = func(w string) bool { return w >= refs[i].First && (i+1 == len(refs) || w < refs[i+1].First) }
			break
		}
	}
	if name[0] == index.KindChunk {
		for _, ref := range common {
			if ref.Hash == h {
				inRange = func(w string) bool { return len(c.Terms) == 1 && w == ref.Word }
				break
			}
		}
	}
	for _, t := range c.Terms {
		if !inRange(t.Word) {
			return errors.New("the entry names no chunk that holds " + strconv.Quote(t.Word) + " here")
		}
		if int(t.ID) >= en.Vocab {
			return errOutOfRange
		}
		for _, p := range t.Quotes {
			if int(p.Quote) >= en.Quotes {
				return errOutOfRange
			}
		}
		for _, p := range t.Paras {
			if int(p.Para) >= en.Paragraphs {
				return errOutOfRange
			}
		}
	}
	return nil
}

// checkPrints: the chunk is one the entry names, its fingerprints lie in
// its range and its paragraphs within the entry's count.
func (f *Folder) checkPrints(name string, c *index.PrintChunk) error {
	en := f.entryOf(name)
	_, h, _ := index.ParsePartName(name)
	k := -1
	for i, ref := range en.Prints {
		if ref.Hash == h {
			k = i
			break
		}
	}
	if k < 0 {
		return errors.New("the entry names no such fingerprint chunk")
	}
	for _, p := range c.Prints {
		if p.Hash < en.Prints[k].First || k+1 < len(en.Prints) && p.Hash >= en.Prints[k+1].First {
			return errors.New("a fingerprint lies outside the chunk's range")
		}
		for _, g := range p.Paras {
			if int(g.Para) >= f.last.Paragraphs {
				return errOutOfRange
			}
		}
	}
	return nil
}

func (f *Folder) checkTokens(ids []int32) error {
	for _, id := range ids {
		if int(id) >= f.last.Vocab {
			return errOutOfRange
		}
	}
	return nil
}

func (f *Folder) checkQuotes(s *index.QuoteShard) error {
	for _, a := range s.Articles {
		if int(a.ID) >= f.last.Articles {
			return errOutOfRange
		}
	}
	for _, q := range s.Quotes {
		if int(q.ID) >= f.last.Quotes || int(q.Utterance) >= f.last.Quotes {
			return errOutOfRange
		}
		if err := f.checkTokens(q.Tokens); err != nil {
			return err
		}
	}
	return nil
}

func (f *Folder) checkParas(s *index.ParaShard) error {
	for _, a := range s.Articles {
		if int(a.ID) >= f.last.Articles {
			return errOutOfRange
		}
	}
	for _, p := range s.Paras {
		if int(p.ID) >= f.last.Paragraphs {
			return errOutOfRange
		}
		if err := f.checkTokens(p.Tokens); err != nil {
			return err
		}
	}
	return nil
}

// view gathers, from the chunks a lookup read, the terms of its words
// (sorted) and the paragraphs that hold all its fingerprints (sorted): a
// lookup only ever asks for its own words and fingerprints, so the rest
// of its chunks is not copied.
func (f *Folder) view(chunks, words []string, prints []uint32, have map[string]any) (*view, error) {
	v := &view{f: f, terms: map[int32]*index.Term{}, words: map[string]*index.Term{}, posts: map[int32][]int32{},
		paraPosts: map[int32][]int32{}, quotePart: map[int32]string{}, paraPart: map[int32]string{}, floor: map[int32]uint8{},
		quotes: map[int32]*index.ShardQuote{}, copies: map[int32][]int32{}, utt: map[int32][]int32{},
		arts: map[int32]index.ArticleMeta{}, paras: map[int32]*index.ShardPara{}}
	held := map[int32]int{} // paragraph → how many of the fingerprints it holds
	// The base's chunks before the delta's, whose postings, shards and
	// weights take the place of the base's (delta.go).
	if f.inDelta != nil {
		chunks = slices.Clone(chunks)
		slices.SortStableFunc(chunks, func(a, b string) int {
			return cmp.Compare(boolInt(f.inDelta[a]), boolInt(f.inDelta[b]))
		})
	}
	var printsOf map[int32]map[uint32]bool // with a delta: each paragraph's fingerprints, counted once
	for _, name := range chunks {
		delta := f.inDelta[name]
		if c, ok := have[name].(*index.PrintChunk); ok {
			for _, h := range prints {
				i, found := slices.BinarySearchFunc(c.Prints, h, func(p index.Print, h uint32) int { return cmp.Compare(p.Hash, h) })
				if !found {
					continue
				}
				for _, p := range c.Prints[i].Paras {
					shard := index.ShardName(index.KindParas, c.Parts[p.Part], p.Member)
					if f.inDelta == nil {
						held[p.Para]++
					} else {
						if printsOf == nil {
							printsOf = map[int32]map[uint32]bool{}
						}
						if printsOf[p.Para] == nil {
							printsOf[p.Para] = map[uint32]bool{}
						}
						printsOf[p.Para][h] = true
						v.mark(shard, delta)
					}
					v.paraPart[p.Para] = shard
				}
			}
			continue
		}
		c, ok := have[name].(*index.Chunk)
		if !ok {
			return nil, errors.New(name + " has not been read")
		}
		for _, w := range words {
			i, found := slices.BinarySearchFunc(c.Terms, w, func(t index.Term, w string) int { return strings.Compare(t.Word, w) })
			if !found {
				continue
			}
			t := &c.Terms[i]
			if name[0] == index.KindWords {
				gids := make([]int32, len(t.Paras))
				for j, p := range t.Paras {
					gids[j] = p.Para
					shard := index.ShardName(index.KindParas, c.Parts[p.Part], p.Member)
					v.paraPart[p.Para] = shard
					v.mark(shard, delta)
				}
				v.paraPosts[t.ID] = append(v.paraPosts[t.ID], gids...)
				continue
			}
			if f.inDelta != nil && !delta {
				// The base's term: its weight as the corpus's size now
				// makes it (the delta's term, read later, replaces it).
				shifted := *t
				shifted.Weight += f.shift
				t = &shifted
			}
			v.words[t.Word], v.terms[t.ID] = t, t
			ids := make([]int32, len(t.Quotes))
			for j, p := range t.Quotes {
				ids[j] = p.Quote
				v.nq = max(v.nq, int(p.Quote)+1)
				shard := index.ShardName(index.KindQuotes, c.Parts[p.Part], p.Member)
				v.quotePart[p.Quote], v.floor[p.Quote] = shard, p.Floor
				v.mark(shard, delta)
			}
			v.posts[t.ID] = append(v.posts[t.ID], ids...)
		}
	}
	if f.inDelta != nil {
		// Postings read from both hold the delta's groups twice.
		for id, l := range v.posts {
			slices.Sort(l)
			v.posts[id] = slices.Compact(l)
		}
		for id, l := range v.paraPosts {
			slices.Sort(l)
			v.paraPosts[id] = slices.Compact(l)
		}
		for g, hs := range printsOf {
			held[g] = len(hs)
		}
	}
	if len(prints) > 0 {
		v.printParas = []int32{}
		for g, n := range held {
			if n == len(prints) {
				v.printParas = append(v.printParas, g)
			}
		}
		slices.Sort(v.printParas)
	}
	return v, nil
}

// addShards adds the quotations and paragraphs of the shards the lookup
// read to its view.
func (v *view) addShards(shards []string, have map[string]any) error {
	if v.deltaShards != nil {
		// The delta's shards first: a quotation or paragraph they hold is
		// as it is now, and a base shard's copy of it is stale.
		shards = slices.Clone(shards)
		slices.SortStableFunc(shards, func(a, b string) int {
			return cmp.Compare(boolInt(!v.deltaShards[a]), boolInt(!v.deltaShards[b]))
		})
	}
	for _, name := range shards {
		switch s := have[name].(type) {
		case *index.QuoteShard:
			for _, a := range s.Articles {
				if _, ok := v.arts[a.ID]; !ok { // the delta's, read first, is as the article is now
					v.arts[a.ID] = a
				}
			}
			for i := range s.Quotes {
				q := &s.Quotes[i]
				if v.quotes[q.ID] != nil {
					continue
				}
				v.quotes[q.ID] = q
				if v.f.inDelta != nil && !v.deltaShards[name] {
					if v.fromBase == nil {
						v.fromBase = map[int32]bool{}
					}
					v.fromBase[q.ID] = true
				}
				if q.First != q.ID {
					v.copies[q.First] = append(v.copies[q.First], q.ID)
				}
				v.utt[q.Utterance] = append(v.utt[q.Utterance], q.ID)
			}
		case *index.ParaShard:
			for _, a := range s.Articles {
				if _, ok := v.arts[a.ID]; !ok { // the delta's, read first, is as the article is now
					v.arts[a.ID] = a
				}
			}
			for i := range s.Paras {
				if v.paras[s.Paras[i].ID] == nil {
					v.paras[s.Paras[i].ID] = &s.Paras[i]
				}
			}
		default:
			return errors.New(name + " has not been read")
		}
	}
	// The whole-index engine lists copies and utterances by increasing
	// quotation index.
	for _, l := range v.copies {
		slices.Sort(l)
	}
	for _, l := range v.utt {
		slices.Sort(l)
	}
	return nil
}

// view is the corpus a folder lookup sees: the words of its chunks and
// the quotations and paragraphs of its shards. What it lacks (a part
// that does not hold what its postings promised) is an error, never a
// panic.
type view struct {
	f         *Folder
	words     map[string]*index.Term
	terms     map[int32]*index.Term
	posts     map[int32][]int32
	paraPosts map[int32][]int32
	quotePart map[int32]string // shard names
	paraPart  map[int32]string
	floor     map[int32]uint8
	// printParas are the paragraphs holding every fingerprint of a
	// selection of PrintWords words or more.
	printParas []int32
	quotes     map[int32]*index.ShardQuote
	copies     map[int32][]int32
	utt        map[int32][]int32
	arts       map[int32]index.ArticleMeta
	paras      map[int32]*index.ShardPara
	// deltaShards are the shards the delta's postings name: theirs are
	// the quotations and paragraphs as they are now.
	deltaShards map[string]bool
	fromBase    map[int32]bool // with a delta, the quotations read from the base's shards
	err         error
	nq          int // 1 + the largest quotation id of the postings read
}

// mark notes a shard named by the delta's postings.
func (v *view) mark(shard string, delta bool) {
	if delta {
		if v.deltaShards == nil {
			v.deltaShards = map[string]bool{}
		}
		v.deltaShards[shard] = true
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (v *view) fail(what string, id int32) {
	if v.err == nil {
		v.err = errors.New("the folder index's parts lack " + what + " " + strconv.Itoa(int(id)))
	}
}

func (v *view) word(w string) (int32, float64, bool) {
	if t := v.words[w]; t != nil {
		return t.ID, t.Weight, true
	}
	if c, ok := v.f.last.CommonWord(w); ok {
		return c.ID, c.Weight, true
	}
	return 0, 0, false
}

func (v *view) common(id int32) bool {
	_, ok := v.f.common[id]
	return ok
}

func (v *view) commonWeight(w string) (float64, bool) { return v.f.commonWeight(w) }

// textParas: the paragraphs holding all the selection's fingerprints, or
// for a shorter selection all its words. The whole-index engine looks
// among those holding the rarest word; after containsRun both keep the
// same paragraphs, and these are fewer shards to fetch.
func (v *view) textParas(q query) []int32 {
	if len(q.ids) >= PrintWords {
		return v.printParas
	}
	out := rarestParas(v, q)
	if out == nil {
		return nil
	}
	for _, id := range q.ids {
		p, _ := v.paraPostings(id)
		out = intersect(out, p)
	}
	return out
}

// intersect returns the ids in both a and b (each increasing), in a new
// slice.
func intersect(a, b []int32) []int32 {
	out := []int32{}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

func (v *view) unknownWeight() float64 { return v.f.last.MaxWeight }

func (v *view) wordWeight(id int32) float64 {
	if t := v.terms[id]; t != nil {
		return t.Weight
	}
	if w, ok := v.f.common[id]; ok {
		return w
	}
	v.fail("word", id)
	return 0
}

func (v *view) quoteCount() int              { return v.nq }
func (v *view) getScratch() *scratch         { return v.f.scratch.Get().(*scratch) }
func (v *view) putScratch(sc *scratch)       { v.f.scratch.Put(sc) }
func (v *view) postings(id int32) []int32    { return v.posts[id] }
func (v *view) copiesOf(first int32) []int32 { return v.copies[first] }

func (v *view) fragmentFloor(first int32) float32 {
	f, ok := v.floor[first]
	if !ok {
		v.fail("the floor of quotation", first)
	}
	return floorSteps[f]
}

func (v *view) quote(qi int32) *index.ShardQuote {
	q := v.quotes[qi]
	if q == nil {
		v.fail("quotation", qi)
		return &index.ShardQuote{ID: qi}
	}
	return q
}

func (v *view) firstOf(qi int32) int32  { return v.quote(qi).First }
func (v *view) tokens(qi int32) []int32 { return v.quote(qi).Tokens }

// tokenWeight: a quotation of the base's shards was weighed over the
// base; the corpus's growth since adds shift to each of its tokens'
// weights (exactly, but for the words whose counts the delta changed).
func (v *view) tokenWeight(qi int32) float64 {
	q := v.quote(qi)
	if v.fromBase[qi] {
		return q.Weight + v.f.shift*float64(len(q.Tokens))
	}
	return q.Weight
}
func (v *view) articleOf(qi int32) int    { return int(v.quote(qi).Article) }
func (v *view) siblings(qi int32) []int32 { return v.utt[v.quote(qi).Utterance] }
func (v *view) utterance(qi int32) int32  { return v.quote(qi).Utterance }
func (v *view) quoteText(qi int32) string { return v.quote(qi).Text }
func (v *view) published(ai int) string   { return v.articleMeta(ai).Published }
func (v *view) paraPostings(id int32) ([]int32, bool) {
	p, ok := v.paraPosts[id]
	return p, ok && len(p) > 0
}

func (v *view) para(gid int32) *index.ShardPara {
	p := v.paras[gid]
	if p == nil {
		v.fail("paragraph", gid)
		return &index.ShardPara{}
	}
	return p
}

func (v *view) paraTokens(gid int32) []int32 { return v.para(gid).Tokens }
func (v *view) paraText(gid int32) string    { return v.para(gid).Text }

func (v *view) paraArticles(gid int32) []int32 {
	var out []int32
	for _, c := range v.para(gid).Carriers {
		out = append(out, c.Article)
	}
	return out
}

func (v *view) articleMeta(ai int) index.ArticleMeta {
	a, ok := v.arts[int32(ai)]
	if !ok {
		v.fail("article", int32(ai))
	}
	return a
}

func (v *view) quotation(qi int) (text, speaker, channel, cue, attribution string, inferred bool) {
	q := v.quote(int32(qi))
	return q.Text, q.Speaker, q.Channel, q.Cue, q.Attribution, q.Inferred
}

// textAround: every paragraph that holds the selection's words holds its
// rarest word, so its text is among the paragraphs the lookup read.
func (v *view) textAround(q query, ai int) string {
	best, text := int32(-1), ""
	for _, gid := range v.textParas(q) {
		p := v.para(gid)
		if !containsRun(p.Tokens, q.ids) {
			continue
		}
		for _, c := range p.Carriers {
			if int(c.Article) == ai && (best < 0 || c.Paragraph < best) {
				best, text = c.Paragraph, p.Text
			}
		}
	}
	return text
}
