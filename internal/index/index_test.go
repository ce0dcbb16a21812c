package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func sample() *Index {
	return &Index{
		Articles: []Article{
			{Stem: "a", Outlet: "The Washington Times", URL: "https://example.org/a", Published: "2026-02-05",
				Paragraphs: []string{"“The U.S. must handle the issue with prudence,” he said."}},
			{Stem: "b", Outlet: "Vidia News", Paragraphs: []string{"x", "“Caution,” he warned."}},
		},
		Quotes: []Quote{
			{Article: 0, Paragraph: 0, Start: 3, End: 47, Utterance: 0, Inferred: true, Text: "The U.S. must handle the issue with prudence",
				Speaker: "Xi Jinping", SpeakerText: "he", Cue: "said", Channel: "Foreign Ministry"},
			{Article: 1, Paragraph: 1, Start: 3, End: 10, Utterance: 0, Partial: true, Text: "Caution", Channel: "Xinhua"},
		},
		TokensOf:    "textnorm-test",
		Vocab:       []string{"the", "united", "state", "caution", "he", "warned", "x"},
		ParaTokens:  [][][]int32{{{0, 1, 2, 4}}, {{6}, {3, 4, 5}}},
		QuoteTokens: [][]int32{{0, 1, 2}, {3}},
		Syndication: []Syndication{{Reuses: -1}, {Republishes: "BBC News", Reuses: 0, Shared: true, Report: 0}},
	}
}

func TestRoundTrip(t *testing.T) {
	x := sample()
	got, err := Read(Marshal(x))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, x) {
		t.Errorf("round trip changed the index:\n got %+v\nwant %+v", got, x)
	}
	var b bytes.Buffer
	Dump(&b, got)
	if !strings.Contains(b.String(), `"Caution" speaker="" channel="Xinhua"`) || !strings.Contains(b.String(), `| republishes "BBC News", reuses a0, shared true, report a0`) {
		t.Errorf("dump:\n%s", b.String())
	}
}

func TestRefusesDamage(t *testing.T) {
	good := Marshal(sample())
	flip := bytes.Clone(good)
	flip[len(flip)-3] ^= 0x40
	badVersion := bytes.Clone(good)
	badVersion[4] = 9
	cases := map[string][]byte{
		"empty":       nil,
		"not index":   []byte("<html>not an index at all</html>"),
		"truncated":   good[:len(good)-5],
		"bit flipped": flip,
		"version":     badVersion,
		"extra bytes": append(bytes.Clone(good), 0),
	}
	for name, data := range cases {
		if _, err := Read(data); err == nil {
			t.Errorf("%s: Read accepted a damaged index", name)
		}
	}
	if _, err := Read([]byte("<html>")); !errors.Is(err, ErrNotIndex) {
		t.Errorf("bad magic: %v", err)
	}
}

// TestTokenIDsChecked: a token id beyond the vocabulary is damage.
func TestTokenIDsChecked(t *testing.T) {
	x := sample()
	x.QuoteTokens[1] = []int32{int32(len(x.Vocab))}
	if _, err := Read(Marshal(x)); err == nil {
		t.Errorf("Read accepted a token id beyond the vocabulary")
	}
	// Without tokens the index is still valid: the engine tokenizes.
	y := sample()
	y.TokensOf, y.Vocab, y.ParaTokens, y.QuoteTokens = "", nil, nil, nil
	got, err := Read(Marshal(y))
	if err != nil || got.HasTokens() {
		t.Errorf("index without tokens: %v, HasTokens %v", err, got != nil && got.HasTokens())
	}
}

// TestSyndicationChecked: a syndication record naming an article the
// index lacks, or the article itself, is damage (records that do not
// match the articles: testdata/crafted/syndication-fit.qti).
func TestSyndicationChecked(t *testing.T) {
	for name, change := range map[string]func(x *Index){
		"reuses past the end": func(x *Index) { x.Syndication[1].Reuses = 2 },
		"reuses itself":       func(x *Index) { x.Syndication[1].Reuses = 1 },
		"report past the end": func(x *Index) { x.Syndication[0].Report = 5 },
	} {
		x := sample()
		change(x)
		data := Marshal(x)
		if _, err := Read(data); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Read returned %v, want ErrDamaged", name, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(Marshal(sample()))
	f.Add(Marshal(&Index{}))
	old, x := appendSample()
	add, _ := MarshalAppend(old, x)
	f.Add(append(Marshal(old), add...))
	for _, field := range craftedFields {
		f.Add(frame(craftedPayload(field, 64)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := Read(data)
		if err != nil {
			return
		}
		// Whatever Read accepts must re-encode to the same bytes, or,
		// with appended parts, to one index that reads the same.
		again := Marshal(x)
		if n := headerSize + int(binary.LittleEndian.Uint32(data[8:])); n == len(data) {
			if !bytes.Equal(again, data) {
				t.Fatalf("accepted index does not re-encode to itself")
			}
		} else if y, err := Read(again); err != nil || !reflect.DeepEqual(x, y) {
			t.Fatalf("an index with appended parts re-encodes to another (%v)", err)
		}
	})
}

// FuzzReadPayload fuzzes the payload behind a valid header, so the fuzzer
// gets past the checksum and exercises the record decoder.
func FuzzReadPayload(f *testing.F) {
	f.Add(Marshal(sample())[headerSize:])
	for _, field := range craftedFields {
		f.Add(craftedPayload(field, 64))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		data := frame(payload)
		x, err := Read(data)
		if err != nil {
			return
		}
		for _, q := range x.Quotes {
			p := x.Articles[q.Article].Paragraphs[q.Paragraph]
			_ = p[q.Start:q.End]
		}
	})
}

// appendSample returns sample() and an index that appends to it as an
// incremental build does: an article and its quotation added, with a new
// word; the added quotation joins the first utterance, which changes an
// earlier quotation's, and the earlier article's syndication changes.
func appendSample() (old, x *Index) {
	old, x = sample(), sample()
	old.Quotes[1].Utterance = 1
	old.Syndication[1] = Syndication{Reuses: -1, Report: 1}
	x.Articles = append(x.Articles, Article{Stem: "c", Outlet: "Xinhua", Paragraphs: []string{"“Prudence,” Xi said."}})
	x.Quotes = append(x.Quotes, Quote{Article: 2, Paragraph: 0, Start: 3, End: 11, Utterance: 0, Text: "Prudence", Speaker: "Xi"})
	x.Vocab = append(x.Vocab, "prudence", "xi", "said")
	x.ParaTokens = append(x.ParaTokens, [][]int32{{7, 8, 9}})
	x.QuoteTokens = append(x.QuoteTokens, []int32{7})
	x.Syndication = append(x.Syndication, Syndication{Reuses: -1, Report: 0})
	return old, x
}

// TestAppendedPartsReadAsTheWhole: an index with parts appended reads as
// the whole index written at once, after one append and after two.
func TestAppendedPartsReadAsTheWhole(t *testing.T) {
	old, x := appendSample()
	add, err := MarshalAppend(old, x)
	if err != nil {
		t.Fatal(err)
	}
	data := append(Marshal(old), add...)
	got, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, x) {
		t.Fatalf("base and appended part:\n got %+v\nwant %+v", got, x)
	}
	before := Marshal(old)
	if got, err := ReadAppended(old, add); err != nil || !reflect.DeepEqual(got, x) {
		t.Errorf("ReadAppended: %v\n got %+v\nwant %+v", err, got, x)
	}
	if !bytes.Equal(Marshal(old), before) {
		t.Error("ReadAppended changed the index it read onto")
	}
	if len(add) >= len(Marshal(x)) {
		t.Errorf("the appended part (%d bytes) is not smaller than the whole index (%d)", len(add), len(Marshal(x)))
	}
	// A second append, onto what the first gave.
	y := *got
	y.Articles = append(slices.Clone(y.Articles), Article{Stem: "d", Paragraphs: []string{"Caution."}})
	y.ParaTokens = append(slices.Clone(y.ParaTokens), [][]int32{{3}})
	y.Syndication = append(slices.Clone(y.Syndication), Syndication{Reuses: 1, Report: 0})
	add2, err := MarshalAppend(got, &y)
	if err != nil {
		t.Fatal(err)
	}
	got2, err := Read(append(data, add2...))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got2, &y) {
		t.Fatalf("two appended parts:\n got %+v\nwant %+v", got2, &y)
	}
	// An empty index appended to with nothing, and with an article.
	empty := &Index{}
	if add, err := MarshalAppend(empty, empty); err != nil {
		t.Error(err)
	} else if got, err := Read(append(Marshal(empty), add...)); err != nil || len(got.Articles) != 0 {
		t.Errorf("nothing appended to nothing: %v", err)
	}
	one := &Index{Articles: []Article{{Stem: "a"}}, Syndication: []Syndication{{Reuses: -1}}}
	if add, err := MarshalAppend(empty, one); err != nil {
		t.Error(err)
	} else if got, err := Read(append(Marshal(empty), add...)); err != nil || !reflect.DeepEqual(got.Syndication, one.Syndication) {
		t.Errorf("an article appended to nothing: %v %+v", err, got)
	}
	// Nothing added: a part that changes nothing.
	add3, err := MarshalAppend(x, x)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Read(append(data, add3...)); err != nil || !reflect.DeepEqual(got, x) {
		t.Errorf("an empty appended part: %v", err)
	}
}

// TestAppendRefusesWhatIsNoAppend: MarshalAppend writes no part that
// would read as something else than x.
func TestAppendRefusesWhatIsNoAppend(t *testing.T) {
	old, x := appendSample()
	renamed := *x
	renamed.Articles = slices.Clone(x.Articles)
	renamed.Articles[0].Stem = "z"
	reworded := *x
	reworded.Vocab = slices.Clone(x.Vocab)
	reworded.Vocab[0] = "a"
	less := *old
	less.Articles = old.Articles[:1]
	retitled := *x
	retitled.Articles = slices.Clone(x.Articles)
	retitled.Articles[1].Title = "another title"
	requoted := *x
	requoted.Quotes = slices.Clone(x.Quotes)
	requoted.Quotes[0].Text = "The U.S. must handle"
	for name, y := range map[string]*Index{"earlier article renamed": &renamed, "earlier word changed": &reworded, "fewer articles": &less,
		"earlier article's title changed": &retitled, "earlier quotation's text changed": &requoted} {
		if _, err := MarshalAppend(old, y); err == nil {
			t.Errorf("%s: appended", name)
		}
	}
}

// TestAppendedPartDamage: an appended part that is cut, flipped, or does
// not follow the index before it is refused, never read in part.
func TestAppendedPartDamage(t *testing.T) {
	old, x := appendSample()
	add, _ := MarshalAppend(old, x)
	base := Marshal(old)
	flip := bytes.Clone(add)
	flip[len(flip)-2] ^= 0x10
	other, _ := MarshalAppend(x, x) // appends to three articles, not two
	cases := map[string][]byte{
		"cut":             append(bytes.Clone(base), add[:len(add)-3]...),
		"flipped":         append(bytes.Clone(base), flip...),
		"not a part":      append(bytes.Clone(base), []byte("trailing garbage here")...),
		"does not follow": append(bytes.Clone(base), other...),
		"twice":           append(append(bytes.Clone(base), add...), add...),
	}
	for name, data := range cases {
		if _, err := Read(data); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Read returned %v, want ErrDamaged", name, err)
		}
	}
}

// FuzzReadAppended fuzzes an appended part's payload behind a valid
// header, after a valid index.
func FuzzReadAppended(f *testing.F) {
	old, x := appendSample()
	add, _ := MarshalAppend(old, x)
	f.Add(add[headerSize:])
	base := Marshal(old)
	f.Fuzz(func(t *testing.T, payload []byte) {
		y, err := Read(append(bytes.Clone(base), appendFrame(payload)...))
		if err != nil {
			return
		}
		for _, q := range y.Quotes {
			p := y.Articles[q.Article].Paragraphs[q.Paragraph]
			_ = p[q.Start:q.End]
			if q.Utterance >= len(y.Quotes) {
				t.Fatal("utterance out of range")
			}
		}
		for ai, ps := range y.ParaTokens {
			if len(ps) != len(y.Articles[ai].Paragraphs) {
				t.Fatal("token lists do not match the paragraphs")
			}
		}
		if !y.HasTokens() || len(y.Syndication) != len(y.Articles) {
			t.Fatal("an appended part left the index in part")
		}
	})
}

// TestTokenListsStandAlone: the token lists Read gives are cut from
// shared runs of ids (reader.ids); appending to one must not write into
// the next, as it would in a run if each were not capped at its length.
func TestTokenListsStandAlone(t *testing.T) {
	x := &Index{TokensOf: "textnorm-test", Vocab: []string{"a", "b", "c", "d"}}
	for a := range 300 {
		art := Article{Stem: strings.Repeat("s", a%7+1), Outlet: "O"}
		var toks [][]int32
		for p := range 5 {
			art.Paragraphs = append(art.Paragraphs, strings.Repeat("a b ", p+1))
			toks = append(toks, slices.Repeat([]int32{int32(a % 4), int32(p % 4)}, p+1))
		}
		x.Articles = append(x.Articles, art)
		x.ParaTokens = append(x.ParaTokens, toks)
	}
	got, err := Read(Marshal(x))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.ParaTokens, x.ParaTokens) {
		t.Fatal("the token lists read differ from those written")
	}
	for a := range got.ParaTokens {
		for p := range got.ParaTokens[a] {
			got.ParaTokens[a][p] = append(got.ParaTokens[a][p], 3)
		}
	}
	for a := range got.ParaTokens {
		for p, ids := range got.ParaTokens[a] {
			if want := append(slices.Clone(x.ParaTokens[a][p]), 3); !slices.Equal(ids, want) {
				t.Fatalf("article %d paragraph %d: %v after every list got one more id, want %v", a, p, ids, want)
			}
		}
	}
}
