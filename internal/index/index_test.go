package index

import (
	"bytes"
	"errors"
	"reflect"
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
	for _, field := range craftedFields {
		f.Add(frame(craftedPayload(field, 64)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := Read(data)
		if err != nil {
			return
		}
		// Whatever Read accepts must re-encode to the same bytes.
		if again := Marshal(x); !bytes.Equal(again, data) {
			t.Fatalf("accepted index does not re-encode to itself")
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
