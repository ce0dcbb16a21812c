package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/crafted from craftedPayload")

// craftedPayload forges a payload whose count field `field` declares
// records that are not there: the count is as large as the pre-fix reader
// let through (one byte a record) or, for "-fit", as large as the
// smallest records could fill, and fill bytes follow that either decode
// as the smallest records (zeros) or break the first record (0x80, a
// number that never ends). Framed with a valid checksum, it reaches the
// record decoder.
func craftedPayload(field string, fill int) []byte {
	zeros := make([]byte, fill)
	never := bytes.Repeat([]byte{0x80}, fill)
	u := binary.AppendUvarint
	str := func(p []byte, s string) []byte { return appendString(p, s) }
	// An index with one article, one paragraph "x" and the vocabulary
	// ["x"]: the prefix before the token lists.
	oneArticle := func(quotes int) []byte {
		p := u(nil, 1)
		for range 6 {
			p = str(p, "")
		}
		p = str(u(p, 1), "x")
		p = u(p, uint64(quotes))
		for range quotes {
			p = append(u(u(u(u(u(p, 0), 0), 0), 1), 0), 0)
			p = str(p, "x")
			for range 6 {
				p = str(p, "")
			}
		}
		return str(u(str(p, "t"), 1), "x")
	}
	switch field {
	case "articles": // zeros decode as empty articles
		return append(u(nil, uint64(fill)), zeros...)
	case "articles-fit":
		return append(u(nil, uint64(fill/minArticle)), never...)
	case "paragraphs":
		p := u(nil, 1)
		for range 6 {
			p = str(p, "")
		}
		return append(u(p, uint64(fill)), never...)
	case "quotations": // zeros decode as quotations of a missing article
		return append(u(u(nil, 0), uint64(fill)), zeros...)
	case "quotations-fit":
		return append(u(u(nil, 0), uint64(fill/minQuote)), never...)
	case "vocabulary":
		return append(u(str(u(u(nil, 0), 0), "t"), uint64(fill)), never...)
	case "paragraph-tokens":
		return append(u(oneArticle(0), uint64(fill)), never...)
	case "quotation-tokens":
		p := u(u(oneArticle(1), 1), 0) // the paragraph's list: [0]
		return append(u(p, uint64(fill)), never...)
	case "syndication": // no articles, no quotations, no words; zeros decode as records
		return append(u(u(str(u(u(nil, 0), 0), ""), 0), uint64(fill)), zeros...)
	case "syndication-fit": // one article, and as many records as the bytes could hold
		return append(u(u(str(u(oneArticle0(), 0), ""), 0), uint64(fill/minSyndic)), never...)
	}
	panic("unknown field " + field)
}

var craftedFields = []string{"articles", "articles-fit", "paragraphs", "quotations", "quotations-fit",
	"vocabulary", "paragraph-tokens", "quotation-tokens", "syndication", "syndication-fit"}

// oneArticle0 is an index's prefix holding one empty article.
func oneArticle0() []byte {
	return append([]byte{1}, make([]byte, minArticle)...) // six empty strings, no paragraphs
}

// smallFill keeps the files in testdata/crafted small; bigFill is
// generated in the test.
const smallFill, bigFill = 8 << 10, 16 << 20

// TestWriteCrafted keeps testdata/crafted in step with craftedPayload
// (go test -run TestWriteCrafted -update rewrites it).
func TestWriteCrafted(t *testing.T) {
	for _, f := range craftedFields {
		path := filepath.Join("testdata", "crafted", f+".qti")
		want := frame(craftedPayload(f, smallFill))
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is missing or stale (%v): run go test -run TestWriteCrafted -update", path, err)
		}
	}
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestCraftedCountsRefused: an index with a valid checksum whose counts
// declare records that are not there is refused with ErrDamaged, without
// a panic, and without allocating more than twice its own size (the
// reader made room for the declared count: 4 to 160 times the input,
// 1.2 GB for a 64 MB file).
func TestCraftedCountsRefused(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "crafted", "*.qti"))
	sort.Strings(files)
	if len(files) < len(craftedFields) {
		t.Fatalf("testdata/crafted holds %d files, want %d", len(files), len(craftedFields))
	}
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{filepath.Base(f), data})
	}
	for _, f := range craftedFields {
		inputs = append(inputs, input{f + " (16 MiB)", frame(craftedPayload(f, bigFill))})
	}
	for _, in := range inputs {
		var err error
		n := allocated(func() { _, err = Read(in.data) })
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Read returned %v, want ErrDamaged", in.name, err)
		}
		if limit := 2*uint64(len(in.data)) + 4<<10; n > limit {
			t.Errorf("%s: Read allocated %d bytes for a %d-byte index (limit %d)", in.name, n, len(in.data), limit)
		}
		t.Logf("%s: %d bytes, allocated %d: %v", in.name, len(in.data), n, err)
	}
}

// TestSizeCap: an index over MaxBytes is refused before its checksum is
// computed or anything is decoded; TooLarge says so for a size alone.
func TestSizeCap(t *testing.T) {
	if err := TooLarge(MaxBytes); err != nil {
		t.Errorf("TooLarge(MaxBytes) = %v", err)
	}
	if err := TooLarge(MaxBytes + 1); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1073741825 bytes") {
		t.Errorf("TooLarge(MaxBytes+1) = %v", err)
	}
	// Pages the reader never touches stay unbacked: this costs no memory.
	big := make([]byte, MaxBytes+1)
	copy(big, frame(nil))
	binary.LittleEndian.PutUint32(big[8:], uint32(len(big)-headerSize))
	var err error
	n := allocated(func() { _, err = Read(big) })
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read of MaxBytes+1 bytes: %v", err)
	}
	if n > 4<<10 {
		t.Errorf("Read of MaxBytes+1 bytes allocated %d bytes", n)
	}
}

// TestHeaderLength: the header's payload length must be the payload's;
// neither a larger nor a smaller one is believed.
func TestHeaderLength(t *testing.T) {
	good := Marshal(sample())
	for _, n := range []uint32{0, 1, uint32(len(good) - headerSize - 1), uint32(len(good) - headerSize + 1), 1<<32 - 1} {
		data := bytes.Clone(good)
		binary.LittleEndian.PutUint32(data[8:], n)
		if _, err := Read(data); !errors.Is(err, ErrDamaged) {
			t.Errorf("header length %d for a %d-byte payload: %v", n, len(good)-headerSize, err)
		}
	}
}

// TestMinimalRecordsMemory logs what valid indexes of the smallest
// records cost once read, per byte of index: the worst case, which the
// decoded budget (TestDecodedBudget) stops at MaxBytes.
func TestMinimalRecordsMemory(t *testing.T) {
	const n = 1 << 18
	shapes := map[string]*Index{
		"empty articles":   {Articles: make([]Article, n)},
		"empty paragraphs": {Articles: []Article{{Paragraphs: make([]string, n)}}},
		"empty paragraphs, tokens": {Articles: []Article{{Paragraphs: make([]string, n)}}, TokensOf: "t", Vocab: []string{"x"},
			ParaTokens: [][][]int32{make([][]int32, n)}},
		"small quotations": func() *Index {
			x := &Index{Articles: []Article{{Paragraphs: []string{"x"}}}, Quotes: make([]Quote, n)}
			for i := range x.Quotes {
				x.Quotes[i].End = 1
			}
			return x
		}(),
	}
	names := make([]string, 0, len(shapes))
	for name := range shapes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		data := Marshal(shapes[name])
		var x *Index
		var err error
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		x, err = Read(data)
		runtime.GC()
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		live := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		t.Logf("%s: %d bytes of index, %d bytes live after Read (%.1f per byte), %d allocated", name, len(data), live,
			float64(live)/float64(len(data)), after.TotalAlloc-before.TotalAlloc)
		runtime.KeepAlive(x)
	}
}

// TestDecodedBudget: a valid index of near-empty records, which decodes
// to many times its size, is refused with ErrTooLarge once what it
// decodes to passes the budget (MaxBytes; lowered here so that a small
// input reaches it), and Read stops there rather than decoding the rest.
func TestDecodedBudget(t *testing.T) {
	defer func(b int) { maxDecoded = b }(maxDecoded)
	maxDecoded = 1 << 20
	const n = 1 << 18 // 2 bytes a paragraph in the index, 40 decoded
	x := &Index{Articles: []Article{{Paragraphs: make([]string, n)}}, TokensOf: "t", Vocab: []string{"x"},
		ParaTokens: [][][]int32{make([][]int32, n)}}
	data := Marshal(x)
	var err error
	got := allocated(func() { _, err = Read(data) })
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("an index that decodes to %d bytes read with a budget of %d: %v", n*paragraphCost, maxDecoded, err)
	}
	// Room reserved (at most the input) and records decoded (at most the
	// budget), with what append copies as the slices grow.
	if limit := uint64(2*len(data) + 4*maxDecoded); got > limit {
		t.Errorf("Read allocated %d bytes to refuse a %d-byte index (limit %d)", got, len(data), limit)
	}
	t.Logf("%d-byte index, budget %d: allocated %d: %v", len(data), maxDecoded, got, err)
	if _, err := Read(Marshal(sample())); err != nil {
		t.Errorf("the sample index within the budget: %v", err)
	}
}
