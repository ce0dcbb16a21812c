package index_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"

	"quotetrail/internal/build"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// seedFolder is the folder index of the seed corpus, in small parts so
// that there are several of each kind.
func seedFolder(t testing.TB) map[string][]byte {
	files, err := build.CorpusFiles("../../corpus")
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v", err)
	}
	x, _ := build.Index(files)
	return match.BuildFolder(x, match.FolderOptions{ChunkBytes: 2048, QuoteShardBytes: 512, ParaShardBytes: 2048})
}

func partsOf(files map[string][]byte, kind byte) [][]byte {
	var out [][]byte
	for name, data := range files {
		if k, _, ok := index.ParsePartName(name); ok && k == kind || kind == 0 && name == index.EntryName {
			out = append(out, data)
		}
	}
	return out
}

// reframe puts a valid header (the seed part's magic and version, the
// payload's length and checksum) before payload, so that the fuzzer
// reaches the decoder behind the checksum.
func reframe(seed, payload []byte) []byte {
	out := append([]byte(nil), seed[:8]...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(payload)))
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(payload))
	return append(out, payload...)
}

// roundTrip checks that data a reader accepts encodes back to itself: the
// encodings are canonical, so nothing accepted was misread.
func roundTrip[T any](t *testing.T, data []byte, read func([]byte) (*T, error), marshal func(*T) []byte) {
	v, err := read(data)
	if err != nil {
		if !errors.Is(err, index.ErrDamaged) && !errors.Is(err, index.ErrNotIndex) && !errors.Is(err, index.ErrTooLarge) {
			// Only a version other than this one is refused otherwise.
			if len(data) >= 6 && binary.LittleEndian.Uint16(data[4:]) == index.FolderVersion {
				t.Fatalf("refused with an error of no known kind: %v", err)
			}
		}
		return
	}
	if back := marshal(v); !bytes.Equal(back, data) {
		t.Fatalf("accepted %d bytes that encode back to %d other bytes", len(data), len(back))
	}
}

func fuzzPart[T any](f *testing.F, kind byte, read func([]byte) (*T, error), marshal func(*T) []byte) {
	parts := partsOf(seedFolder(f), kind)
	if len(parts) == 0 {
		f.Fatal("no seed parts")
	}
	for _, p := range parts {
		f.Add(p[16:])
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		roundTrip(t, reframe(parts[0], payload), read, marshal)
		roundTrip(t, payload, read, marshal) // and as a whole file
	})
}

func FuzzReadEntry(f *testing.F) { fuzzPart(f, 0, index.ReadEntry, index.MarshalEntry) }
func FuzzReadChunk(f *testing.F) { fuzzPart(f, index.KindChunk, index.ReadChunk, index.MarshalChunk) }
func FuzzReadWords(f *testing.F) { fuzzPart(f, index.KindWords, index.ReadWords, index.MarshalWords) }
func FuzzReadPrints(f *testing.F) {
	fuzzPart(f, index.KindPrints, index.ReadPrints, index.MarshalPrints)
}
func FuzzReadQuoteShard(f *testing.F) {
	fuzzPart(f, index.KindQuotes, index.ReadQuoteShard, index.MarshalQuoteShard)
}
func FuzzReadParaShard(f *testing.F) {
	fuzzPart(f, index.KindParas, index.ReadParaShard, index.MarshalParaShard)
}

// TestFolderPartsRefuseDamage: every part of the seed folder reads back,
// matches its name, and is refused, with an error and without a panic,
// once truncated at any length, with any byte changed, or under the name
// of another part.
func TestFolderPartsRefuseDamage(t *testing.T) {
	files := seedFolder(t)
	read := map[byte]func([]byte) error{
		0:                func(d []byte) error { _, err := index.ReadEntry(d); return err },
		index.KindChunk:  func(d []byte) error { _, err := index.ReadChunk(d); return err },
		index.KindQuotes: func(d []byte) error { _, err := index.ReadQuoteShard(d); return err },
		index.KindParas:  func(d []byte) error { _, err := index.ReadParaShard(d); return err },
		index.KindWords:  func(d []byte) error { _, err := index.ReadWords(d); return err },
		index.KindPrints: func(d []byte) error { _, err := index.ReadPrints(d); return err },
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	for _, name := range names {
		data := files[name]
		kind := byte(0)
		if name != index.EntryName {
			kind = name[0]
			if err := index.CheckPart(name, data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			for _, other := range names {
				if other != name && other != index.EntryName && !errors.Is(index.CheckPart(other, data), index.ErrWrongPart) {
					t.Errorf("%s accepted under the name %s", name, other)
				}
			}
		}
		if err := read[kind](data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for n := 0; n < len(data); n += 1 + n/16 {
			if read[kind](data[:n]) == nil {
				t.Errorf("%s cut to %d of %d bytes was read", name, n, len(data))
			}
		}
		for i := 0; i < len(data); i += 1 + i/64 {
			d := bytes.Clone(data)
			d[i] ^= 0x41
			if read[kind](d) == nil {
				t.Errorf("%s with byte %d changed was read", name, i)
			}
		}
	}
	if len(partsOf(files, index.KindChunk)) < 2 || len(partsOf(files, index.KindQuotes)) < 2 || len(partsOf(files, index.KindParas)) < 2 ||
		len(partsOf(files, index.KindWords)) < 2 || len(partsOf(files, index.KindPrints)) < 2 {
		t.Errorf("the seed folder has too few parts to test: %d files", len(files))
	}
}

// TestForgedCountsCostNothing: a part whose counts claim more records than
// its bytes hold is refused before room is made for them.
func TestForgedCountsCostNothing(t *testing.T) {
	files := seedFolder(t)
	seed := partsOf(files, index.KindChunk)[0]
	huge := binary.AppendUvarint(nil, 1<<30) // part names
	if _, err := index.ReadChunk(reframe(seed, huge)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("a chunk claiming 2^30 parts: %v", err)
	}
	huge = append(binary.AppendUvarint(nil, 0), binary.AppendUvarint(nil, 1<<30)...) // terms
	if _, err := index.ReadChunk(reframe(seed, huge)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("a chunk claiming 2^30 terms: %v", err)
	}
	seed = partsOf(files, index.KindPrints)[0]
	huge = append(binary.AppendUvarint(nil, 0), binary.AppendUvarint(nil, 1<<30)...) // fingerprints
	if _, err := index.ReadPrints(reframe(seed, huge)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("a fingerprint chunk claiming 2^30 fingerprints: %v", err)
	}
}

// TestIdsIncrease: a gap near 2^64 must not wrap an id back: postings,
// articles, paragraphs and fingerprints that go backwards or repeat are
// refused (the writer writes such a list as exactly that gap).
func TestIdsIncrease(t *testing.T) {
	c := &index.Chunk{Parts: []uint64{1}, Terms: []index.Term{{Word: "a", Weight: 1,
		Quotes: []index.QuotePosting{{Quote: 5}, {Quote: 5}, {Quote: 0}}}}}
	if got, err := index.ReadChunk(index.MarshalChunk(c)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("quotation postings 5, 5, 0: %v %+v", err, got)
	}
	s := &index.ParaShard{Articles: []index.ArticleMeta{{ID: 3}, {ID: 3}},
		Paras: []index.ShardPara{{ID: 2, Carriers: []index.Carrier{{Article: 3}}}, {ID: 2, Carriers: []index.Carrier{{Article: 3}}}}}
	if _, err := index.ReadParaShard(index.MarshalParaShard(s)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("articles 3, 3 and paragraphs 2, 2: %v", err)
	}
	// A fingerprint gap past 2^32 that would wrap to a smaller hash.
	p := binary.AppendUvarint(nil, 1) // one pack
	p = binary.LittleEndian.AppendUint64(p, 9)
	p = binary.AppendUvarint(p, 2) // two fingerprints
	p = binary.AppendUvarint(p, 10)
	p = append(p, 1, 0, 0, 0) // one posting: paragraph 0, pack 0, member 0
	p = binary.AppendUvarint(p, 1<<64-5)
	p = append(p, 1, 0, 0, 0)
	seed := partsOf(seedFolder(t), index.KindPrints)[0]
	if _, err := index.ReadPrints(reframe(seed, p)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("a fingerprint gap that wraps: %v", err)
	}
}

// TestPartNamesAreCanonical: a part has one name: lowercase hex, no sign.
func TestPartNamesAreCanonical(t *testing.T) {
	for _, n := range []string{"t-ABCDEF0123456789.qtf", "q-abcdef0123456789-FF.qtf", "q-abcdef0123456789-+f.qtf", "t-+bcdef0123456789.qtf"} {
		if _, _, ok := index.ParsePartName(n); ok {
			t.Errorf("%s accepted as a part name", n)
		}
	}
	for _, n := range []string{"t-abcdef0123456789.qtf", "q-abcdef0123456789-ff.qtf"} {
		if _, _, ok := index.ParsePartName(n); !ok {
			t.Errorf("%s refused", n)
		}
	}
}

// TestEntryDelta: an entry with a delta reads back as written, and one
// whose delta counts less than its base, or whose delta marker is not 1,
// is refused as damaged.
func TestEntryDelta(t *testing.T) {
	base := &index.Entry{TokensOf: "v", Articles: 2, Quotes: 3, Paragraphs: 4, Vocab: 1, MaxWeight: 1.5,
		Chunks: []index.ChunkRef{{Hash: 7}}, Words: []index.ChunkRef{{Hash: 8}}}
	delta := *base
	delta.TokensOf, delta.Articles, delta.Quotes, delta.MaxWeight = "v", 3, 5, 1.75
	e := *base
	e.Delta = &delta
	got, err := index.ReadEntry(index.MarshalEntry(&e))
	if err != nil {
		t.Fatal(err)
	}
	if got.Delta == nil || got.Delta.Quotes != 5 || got.Delta.MaxWeight != 1.75 || got.Last() != got.Delta || got.Quotes != 3 {
		t.Fatalf("read back %+v, delta %+v", got, got.Delta)
	}
	small := delta
	small.Quotes = 2
	e.Delta = &small
	if _, err := index.ReadEntry(index.MarshalEntry(&e)); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("a delta smaller than its base: %v", err)
	}
	e.Delta = &delta
	data := index.MarshalEntry(&e)
	noDelta := index.MarshalEntry(base)
	payload := bytes.Clone(data[16:])
	payload[len(noDelta)-16] = 2 // the marker
	forged := append(bytes.Clone(data[:16]), payload...)
	binary.LittleEndian.PutUint32(forged[12:], crc32.ChecksumIEEE(payload))
	if _, err := index.ReadEntry(forged); !errors.Is(err, index.ErrDamaged) {
		t.Errorf("a delta marker of 2: %v", err)
	}
}
