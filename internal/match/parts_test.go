package match_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"quotetrail/internal/bench"
	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
	"quotetrail/internal/textnorm"
)

// reads counts what one folder lookup fetched, round by round (the entry
// is round 1).
type reads struct {
	rounds int
	parts  []int // parts fetched per round
	bytes  int   // bytes fetched, entry included
	kind   map[byte]int
	common int // common words' chunks fetched
}

// folderLookup answers sel from a fresh Folder over files (nothing
// cached: a cold lookup), counting what it fetches.
func folderLookup(t testing.TB, files map[string][]byte, sel string) (match.Result, []match.Entry, reads) {
	t.Helper()
	entry := files[index.EntryName]
	f, err := match.OpenFolder(entry)
	if err != nil {
		t.Fatal(err)
	}
	r := reads{rounds: 1, parts: []int{1}, bytes: len(entry)}
	commonChunk := map[string]bool{}
	for _, c := range f.Entry().Common {
		commonChunk[index.PartName(index.KindChunk, c.Hash)] = true
	}
	res, ents, err := f.Lookup(sel, func(names []string) ([][]byte, error) {
		r.rounds++
		r.parts = append(r.parts, len(names))
		out := make([][]byte, len(names))
		for i, n := range names {
			data, ok := files[n]
			if !ok {
				t.Fatalf("%q: the lookup asked for %s, which the folder does not hold", sel, n)
			}
			out[i] = data
			r.bytes += len(data)
			if r.kind == nil {
				r.kind = map[byte]int{}
			}
			r.kind[n[0]] += len(data)
			if commonChunk[n] {
				r.common++
			}
		}
		return out, nil
	})
	if err != nil {
		t.Fatalf("%q: %v", sel, err)
	}
	return res, ents, r
}

// selections returns lookups for x: the lookup sets, and runs cut from its
// quotations and paragraphs (some with a word changed, some shuffled,
// some short, some with their attribution), at most n of each kind.
func selections(t testing.TB, x *index.Index, n int) []string {
	var out []string
	for _, set := range []string{"testdata/lookups-project.jsonl", "../../../shared/eval/lookups-dev.jsonl"} {
		cases, err := eval.ReadLookups(set)
		if os.IsNotExist(err) {
			t.Logf("%s is absent", set)
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			out = append(out, c.Query)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	run := func(text string, k int) {
		words := strings.Fields(text)
		if len(words) == 0 {
			return
		}
		from := rng.IntN(len(words))
		to := min(len(words), from+1+rng.IntN(16))
		sel := slices.Clone(words[from:to])
		switch k % 5 {
		case 1:
			sel[rng.IntN(len(sel))] = words[rng.IntN(len(words))] + "s"
		case 2:
			rng.Shuffle(len(sel), func(i, j int) { sel[i], sel[j] = sel[j], sel[i] })
		case 3:
			sel = []string{"“" + strings.Join(sel, " ") + ",” he said."}
		case 4:
			sel = words // the whole text
		}
		out = append(out, strings.Join(sel, " "))
	}
	for k := 0; k < n && len(x.Quotes) > 0; k++ {
		run(x.Quotes[rng.IntN(len(x.Quotes))].Text, k)
	}
	for k := 0; k < n && len(x.Articles) > 0; k++ {
		a := x.Articles[rng.IntN(len(x.Articles))]
		if len(a.Paragraphs) > 0 {
			run(a.Paragraphs[rng.IntN(len(a.Paragraphs))], k)
		}
	}
	return append(out, "", "the", "rock solid", strings.Repeat("The U.S. must handle the issue ", 100))
}

// sameAnswers checks that the folder answers every selection as the
// whole-index engine does, and returns what the lookups read.
func sameAnswers(t *testing.T, x *index.Index, opt match.FolderOptions, sels []string) (files map[string][]byte, all []reads) {
	e := match.New(x)
	files = match.BuildFolder(x, opt)
	found := 0
	for _, sel := range sels {
		want := e.Lookup(sel)
		got, ents, r := folderLookup(t, files, sel)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nfolder %+v\nwhole  %+v", sel, got, want)
			continue
		}
		if wantEnts := e.Entries(want); !reflect.DeepEqual(ents, wantEnts) {
			t.Errorf("%q: entries differ:\nfolder %+v\nwhole  %+v", sel, ents, wantEnts)
		}
		// Three rounds; a selection that holds a quotation among other
		// words looks that up too: two more at most.
		if limit := 3 + 2*boolInt(match.LookedUpFocus(want)); r.rounds > limit {
			t.Errorf("%q: %d sequential rounds (%v parts)", sel, r.rounds, r.parts)
		}
		if len(want.Matches) > 0 {
			found++
		}
		all = append(all, r)
	}
	t.Logf("%d selections, %d with matches, all answered alike", len(sels), found)
	return files, all
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// logReads logs what the lookups read against the whole index, and
// returns the median read.
func logReads(t *testing.T, what string, x *index.Index, files map[string][]byte, all []reads) (median int) {
	whole := len(index.Marshal(x))
	folder := 0
	for _, d := range files {
		folder += len(d)
	}
	var bytes []int
	maxRound := make([]int, 5)
	for _, r := range all {
		bytes = append(bytes, r.bytes)
		for i, n := range r.parts {
			maxRound[i] = max(maxRound[i], n)
		}
	}
	kinds := map[byte]int{}
	for _, r := range all {
		for k, n := range r.kind {
			kinds[k] += n
		}
	}
	t.Logf("%s: mean bytes read per lookup: term chunks %d, quotation shards %d, paragraph postings %d, fingerprints %d, paragraph shards %d", what,
		kinds[index.KindChunk]/len(all), kinds[index.KindQuotes]/len(all), kinds[index.KindWords]/len(all),
		kinds[index.KindPrints]/len(all), kinds[index.KindParas]/len(all))
	slices.Sort(bytes)
	sum := 0
	for _, b := range bytes {
		sum += b
	}
	t.Logf("%s: whole index %d bytes; folder %d files, %d bytes (entry %d); per lookup read median %d, mean %d, max %d bytes (max %.1f%% of the whole); most parts per round %v",
		what, whole, len(files), folder, len(files[index.EntryName]), bytes[len(bytes)/2], sum/len(bytes), bytes[len(bytes)-1],
		100*float64(bytes[len(bytes)-1])/float64(whole), maxRound)
	return bytes[len(bytes)/2]
}

// TestFolderAnswersAlike: on the seed corpus, the folder index answers
// every lookup exactly as the whole index (matches, kinds, scores, order
// and the entries the card shows), in at most three rounds. Small parts
// make the seed corpus span many of them.
func TestFolderAnswersAlike(t *testing.T) {
	_, x := seedEngine(t)
	sels := selections(t, x, 300)
	for _, opt := range []match.FolderOptions{match.DefaultFolder, {ChunkBytes: 512, QuoteShardBytes: 1, ParaShardBytes: 1}} {
		files, all := sameAnswers(t, x, opt, sels)
		logReads(t, "seed corpus", x, files, all)
	}
}

// TestFolderAnswersAlikeCommonWords: the same where many words are
// common (held by more than 3 texts of the seed corpus), so that lookups
// leave their postings unread or, for a selection of common words alone, read them.
func TestFolderAnswersAlikeCommonWords(t *testing.T) {
	defer match.SetCommonTexts(3)()
	_, x := seedEngine(t)
	sels := selections(t, x, 300)
	files, all := sameAnswers(t, x, match.FolderOptions{ChunkBytes: 512, QuoteShardBytes: 1, ParaShardBytes: 1}, sels)
	en, err := index.ReadEntry(files[index.EntryName])
	if err != nil {
		t.Fatal(err)
	}
	if len(en.Common) < 10 {
		t.Fatalf("only %d common words", len(en.Common))
	}
	read, left := 0, 0
	for _, r := range all {
		if r.common > 0 {
			read++
		} else {
			left++
		}
	}
	if read == 0 || left == 0 {
		t.Errorf("of %d lookups, %d read common words' postings and %d did not: both must be tried", len(all), read, left)
	}
	logReads(t, "seed corpus, 3-text common words", x, files, all)
}

// TestFolderAnswersAlikeGenerated: the same on a generated corpus of 1,500
// articles of real paragraphs, grouped into utterances as the build does;
// the median lookup there reads under a tenth of the index.
func TestFolderAnswersAlikeGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,500-article corpus")
	}
	srcs, err := bench.Sources("../../../shared")
	if err != nil {
		t.Skipf("../shared/data is absent: %v", err)
	}
	x := bench.Generate(srcs, 1500, 3)
	match.Tokenize(x)
	match.Group(x)
	sels := append(selections(t, x, 400), bench.Queries(x, 100, 4)...)
	files, all := sameAnswers(t, x, match.DefaultFolder, sels)
	median := logReads(t, "generated corpus, 1,500 articles", x, files, all)
	if whole := len(index.Marshal(x)); median > whole/10 {
		t.Errorf("the median lookup read %d bytes of a %d-byte index", median, whole)
	}
}

// TestFolderAnswersAlikeBASIL: the same on BASIL (300 articles, 100
// events told by three outlets), for every annotated quotation the BASIL
// evaluation looks up, with the default parts and with the most words
// counted common (held by more than 8 texts), so that both ways of
// gathering candidates are compared on real news.
func TestFolderAnswersAlikeBASIL(t *testing.T) {
	x, sels, err := eval.BasilLookups("../../../shared/data/basil")
	if os.IsNotExist(err) {
		t.Skip("../shared/data/basil is absent")
	} else if err != nil {
		t.Fatal(err)
	}
	if len(sels) < 500 {
		t.Fatalf("only %d BASIL lookups", len(sels))
	}
	files, all := sameAnswers(t, x, match.DefaultFolder, sels)
	logReads(t, "BASIL", x, files, all)
	defer match.SetCommonTexts(8)()
	files, all = sameAnswers(t, x, match.DefaultFolder, sels)
	logReads(t, "BASIL, 8-text common words", x, files, all)
}

// TestFolderCacheIsBounded: a Folder keeps at most CacheBytes of parts
// (and the newest part), dropping the least recently used, and a lookup
// whose parts the cache drops between its rounds (other lookups ran
// meanwhile) still answers as the whole index; lookups after drops fetch
// again what they need.
func TestFolderCacheIsBounded(t *testing.T) {
	e, x := seedEngine(t)
	files := match.BuildFolder(x, match.FolderOptions{ChunkBytes: 512, QuoteShardBytes: 1, ParaShardBytes: 1})
	biggest := 0
	for _, d := range files {
		biggest = max(biggest, len(d))
	}
	sels := selections(t, x, 60)
	f, err := match.OpenFolder(files[index.EntryName])
	if err != nil {
		t.Fatal(err)
	}
	f.CacheBytes = 4 << 10
	fetched := 0
	fetch := func(names []string) ([][]byte, error) {
		fetched += len(names)
		return fetchAll(files, names), nil
	}
	for i, sel := range sels {
		// Lookup sel in rounds, with another whole lookup between each.
		l := f.Start(sel)
		for names := l.Need(); len(names) > 0; names = l.Need() {
			other := sels[(i+7)%len(sels)]
			if _, _, err := f.Lookup(other, fetch); err != nil {
				t.Fatalf("%q: %v", other, err)
			}
			fetched += len(names)
			if err := l.Give(fetchAll(files, names)); err != nil {
				t.Fatalf("%q: %v", sel, err)
			}
		}
		got, ents, err := l.Answer()
		if err != nil {
			t.Fatalf("%q: %v", sel, err)
		}
		want := e.Lookup(sel)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ents, e.Entries(want)) {
			t.Errorf("%q: with a small cache\nfolder %+v\nwhole  %+v", sel, got, want)
		}
		if parts, bytes := f.Cached(); bytes > f.CacheBytes+biggest || parts == 0 {
			t.Fatalf("the cache holds %d parts, %d bytes (CacheBytes %d)", parts, bytes, f.CacheBytes)
		}
	}
	// With room for everything, the same lookups again fetch nothing.
	f.CacheBytes = 1 << 30
	for _, sel := range sels {
		f.Lookup(sel, fetch)
	}
	fetched = 0
	for _, sel := range sels {
		f.Lookup(sel, fetch)
	}
	if fetched != 0 {
		t.Errorf("with room for every part, lookups seen before fetched %d parts", fetched)
	}
}

// TestCommonSelectionKeepsItsCutOff: a selection of common words alone
// reads their postings, and then every candidate must pass a cut-off on
// the weight it truly shares (no slack for words that were read).
func TestCommonSelectionKeepsItsCutOff(t *testing.T) {
	defer match.SetCommonTexts(3)()
	e, _ := seedEngine(t)
	for _, sel := range []string{"of the", "it is the", "the said and"} {
		n, failing := match.CandidatesFailingCutOff(e, sel)
		if failing > 0 {
			t.Errorf("%q: %d of %d candidates pass neither cut-off", sel, failing, n)
		}
	}
}

// TestForgedFolderCostsNothing: an entry of a few dozen bytes claiming
// 2^31-1 quotations, and a chunk whose one posting names quotation
// 2^31-2, make a lookup fail (its shard is missing) without allocating
// for the ids they claim.
func TestForgedFolderCostsNothing(t *testing.T) {
	chunk := index.MarshalChunk(&index.Chunk{Parts: []uint64{7}, Terms: []index.Term{{Word: "hello", Weight: 1,
		Quotes: []index.QuotePosting{{Quote: 1<<31 - 2}}}}})
	words := index.MarshalWords(&index.Chunk{Terms: []index.Term{{Word: "hello", Weight: 1}}})
	en := &index.Entry{TokensOf: textnorm.Version, Articles: 1, Quotes: 1<<31 - 1, Paragraphs: 1, Vocab: 1,
		Chunks: []index.ChunkRef{{Hash: index.Hash(chunk)}}, Words: []index.ChunkRef{{Hash: index.Hash(words)}}}
	files := map[string][]byte{index.EntryName: index.MarshalEntry(en),
		index.PartName(index.KindChunk, index.Hash(chunk)): chunk, index.PartName(index.KindWords, index.Hash(words)): words}
	for _, sel := range []string{"hello", "hello hello hello"} {
		f, err := match.OpenFolder(files[index.EntryName])
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, err = f.Lookup(sel, func(names []string) ([][]byte, error) {
			out := make([][]byte, len(names))
			for i, n := range names {
				if out[i] = files[n]; out[i] == nil {
					return nil, errors.New(n + " is missing")
				}
			}
			return out, nil
		})
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Errorf("%q: a lookup whose shard is missing answered", sel)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
			t.Errorf("%q: a forged folder of %d bytes made a lookup allocate %d bytes", sel, len(chunk)+len(words), alloc)
		}
	}
}

// TestFolderRefusesDamage: a part truncated, changed, swapped for another
// or missing fails the lookup with an error, never a panic; so does an
// entry that is damaged.
func TestFolderRefusesDamage(t *testing.T) {
	_, x := seedEngine(t)
	files := match.BuildFolder(x, match.FolderOptions{ChunkBytes: 512, QuoteShardBytes: 1, ParaShardBytes: 1})
	sel := "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	_, _, r := folderLookup(t, files, sel)
	if r.rounds != 3 {
		t.Fatalf("the lookup read %d rounds, want 3 to damage each", r.rounds)
	}
	var byKind = map[byte][]string{}
	for name := range files {
		if k, _, ok := index.ParsePartName(name); ok {
			byKind[k] = append(byKind[k], name)
		}
	}
	for k := range byKind {
		slices.Sort(byKind[k])
	}
	damages := map[string]func(name string, data []byte) []byte{
		"truncated": func(_ string, d []byte) []byte { return d[:len(d)-1] },
		"changed": func(_ string, d []byte) []byte {
			d = slices.Clone(d)
			d[len(d)/2] ^= 0x20
			return d
		},
		"empty": func(string, []byte) []byte { return nil },
		"swapped": func(name string, d []byte) []byte {
			k, _, _ := index.ParsePartName(name)
			for _, other := range byKind[k] {
				if other != name {
					return files[other]
				}
			}
			return d
		},
	}
	f, _ := match.OpenFolder(files[index.EntryName])
	l := f.Start(sel)
	for round := 2; len(l.Need()) > 0; round++ {
		names := l.Need()
		for how, damage := range damages {
			for i := range names {
				g, _ := match.OpenFolder(files[index.EntryName])
				// Bring a fresh lookup to this round, then damage part i.
				gl := g.Start(sel)
				for gl.Need() != nil && !slices.Equal(gl.Need(), names) {
					gl.Give(fetchAll(files, gl.Need()))
				}
				data := fetchAll(files, names)
				data[i] = damage(names[i], data[i])
				if err := gl.Give(data); err == nil {
					t.Errorf("round %d: %s %s accepted", round, how, names[i])
				}
				if _, _, err := gl.Answer(); err == nil {
					t.Errorf("round %d: %s %s answered", round, how, names[i])
				}
			}
		}
		if err := l.Give(fetchAll(files, names)); err != nil {
			t.Fatal(err)
		}
	}
	// A missing part: the fetch's error is the lookup's.
	missing := errors.New("404")
	g, _ := match.OpenFolder(files[index.EntryName])
	if _, _, err := g.Lookup(sel, func([]string) ([][]byte, error) { return nil, missing }); !errors.Is(err, missing) {
		t.Errorf("a missing part gave %v", err)
	}
	// Fewer parts than asked for.
	if err := f.Start("rock solid words").Give(nil); err == nil {
		t.Error("a round given no parts was accepted")
	}
	// A damaged entry.
	entry := files[index.EntryName]
	for _, d := range [][]byte{nil, entry[:len(entry)-1], append(slices.Clone(entry[:8]), entry[9:]...)} {
		if _, err := match.OpenFolder(d); err == nil {
			t.Errorf("a damaged entry of %d bytes was opened", len(d))
		}
	}
}

func fetchAll(files map[string][]byte, names []string) [][]byte {
	out := make([][]byte, len(names))
	for i, n := range names {
		out[i] = files[n]
	}
	return out
}

// TestFolderWarmLookups: a Folder keeps the parts it read, so that the
// same lookup again fetches nothing and answers alike.
func TestFolderWarmLookups(t *testing.T) {
	e, x := seedEngine(t)
	files := match.BuildFolder(x, match.DefaultFolder)
	f, err := match.OpenFolder(files[index.EntryName])
	if err != nil {
		t.Fatal(err)
	}
	sel := "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	fetches := 0
	fetch := func(names []string) ([][]byte, error) { fetches++; return fetchAll(files, names), nil }
	for range 2 {
		res, _, err := f.Lookup(sel, fetch)
		if err != nil || !reflect.DeepEqual(res, e.Lookup(sel)) {
			t.Fatalf("%v %+v", err, res)
		}
	}
	if fetches != 2 {
		t.Errorf("two lookups of the same selection fetched %d rounds, want 2 (the first's)", fetches)
	}
}

// TestFolderStoresTheEnginesNumbers: every weight and floor the folder
// stores is, bit for bit, the number the whole-index engine compares, so
// that no cut-off or ranking can fall differently (a score rounded to two
// decimals would hide most differences from TestFolderAnswersAlike).
func TestFolderStoresTheEnginesNumbers(t *testing.T) {
	e, x := seedEngine(t)
	files := match.BuildFolder(x, match.DefaultFolder)
	en, err := index.ReadEntry(files[index.EntryName])
	if err != nil {
		t.Fatal(err)
	}
	if en.MaxWeight != match.UnknownWeight(e) {
		t.Errorf("entry's weight of an unknown word %v, engine's %v", en.MaxWeight, match.UnknownWeight(e))
	}
	for _, c := range en.Common {
		if w, ok := match.WordWeight(e, c.Word); !ok || w != c.Weight {
			t.Errorf("common word %q: weight %v, engine's %v", c.Word, c.Weight, w)
		}
	}
	terms, quotes, posts := 0, 0, 0
	for name, data := range files {
		switch name[0] {
		case index.KindChunk:
			c, err := index.ReadChunk(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, term := range c.Terms {
				terms++
				if w, ok := match.WordWeight(e, term.Word); !ok || w != term.Weight {
					t.Errorf("%q: weight %v, engine's %v", term.Word, term.Weight, w)
				}
				for _, p := range term.Quotes {
					posts++
					if f := match.FragmentFloor(e, p.Quote); f != p.Floor {
						t.Errorf("%q, quotation %d: floor %v, engine's %v", term.Word, p.Quote, p.Floor, f)
					}
				}
			}
		case index.KindQuotes:
			s, err := index.ReadQuoteShard(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range s.Quotes {
				quotes++
				if w := match.TokenWeight(e, q.ID); w != q.Weight {
					t.Errorf("quotation %d: weight %v, engine's %v", q.ID, q.Weight, w)
				}
			}
		}
	}
	if terms == 0 || quotes != len(x.Quotes) || posts == 0 {
		t.Errorf("checked %d terms, %d of %d quotations, %d postings", terms, quotes, len(x.Quotes), posts)
	}
}

// TestFolderShardsHoldWholeUtterances: a quotation's shard holds every
// quotation of its utterance and every copy of its text, so that the
// shards of a lookup's candidates bring all the carriers the whole-index
// engine lists (siblings that are no candidate themselves included).
func TestFolderShardsHoldWholeUtterances(t *testing.T) {
	_, x := seedEngine(t)
	files := match.BuildFolder(x, match.FolderOptions{ChunkBytes: 1, QuoteShardBytes: 1, ParaShardBytes: 1})
	shardOf := map[int32]string{}
	for name, data := range files {
		if name[0] != index.KindQuotes {
			continue
		}
		s, err := index.ReadQuoteShard(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range s.Quotes {
			shardOf[q.ID] = name
		}
	}
	byText, byUtt := map[string]int32{}, map[int]int32{}
	grouped := 0
	for i, q := range x.Quotes {
		qi := int32(i)
		if f, ok := byText[q.Text]; ok && shardOf[f] != shardOf[qi] {
			t.Errorf("quotation %d is not in the shard of its text's first copy %d", qi, f)
		} else if !ok {
			byText[q.Text] = qi
		}
		if f, ok := byUtt[q.Utterance]; ok {
			grouped++
			if shardOf[f] != shardOf[qi] {
				t.Errorf("quotation %d is not in the shard of its utterance's quotation %d", qi, f)
			}
		} else {
			byUtt[q.Utterance] = qi
		}
	}
	if len(shardOf) != len(x.Quotes) || grouped == 0 {
		t.Errorf("%d of %d quotations in shards, %d grouped with another", len(shardOf), len(x.Quotes), grouped)
	}
}

// BenchmarkFolderLookupWarm: folder lookups on a 1,500-article generated
// corpus with every part already read, so that what is timed is the
// engine's own work (views, candidates, alignment), not the fetches:
// go test -run '^$' -bench FolderLookupWarm ./internal/match
func BenchmarkFolderLookupWarm(b *testing.B) {
	srcs, err := bench.Sources("../../../shared")
	if err != nil {
		b.Skipf("../shared/data is absent: %v", err)
	}
	x := bench.Generate(srcs, 1500, 3)
	match.Tokenize(x)
	match.Group(x)
	files := match.BuildFolder(x, match.DefaultFolder)
	f, err := match.OpenFolder(files[index.EntryName])
	if err != nil {
		b.Fatal(err)
	}
	sels := bench.Queries(x, 200, 4)
	fetch := func(names []string) ([][]byte, error) { return fetchAll(files, names), nil }
	for _, s := range sels { // read every part the lookups need
		if _, _, err := f.Lookup(s, fetch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f.Lookup(sels[i%len(sels)], fetch)
		i++
	}
}
