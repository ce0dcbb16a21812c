package eval

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"quotetrail/internal/quote"
)

// PolNeARResult scores direct quotations against one PolNeAR split.
type PolNeARResult struct {
	Articles  int
	Quotes    PRF // predictions against gold quotation stretches
	Speakers  int // matched items whose speaker overlaps the gold source
	WithGold  int // matched items whose relation has a source
	Misses    []Miss
	FalsePos  []Miss
	WrongSpkr []Miss
}

// SpeakerAccuracy is the share of matched items, among those with a gold
// source, whose speaker overlaps it.
func (r PolNeARResult) SpeakerAccuracy() float64 { return ratio(r.Speakers, r.WithGold) }

// Miss is one item the scorer could not pair, for reading errors.
type Miss struct {
	Article, Text, Want, Got string
	Context                  string // the paragraph, for predictions
}

// PolNeAR scores the quote finder on one split folder (text/ and
// attributions/). Where an article has several annotators' files, the
// first in name order is used.
func PolNeAR(dir string) (PolNeARResult, error) {
	return polnear(dir, findQuotes)
}

// PolNeARBaseline scores the baseline the issue names: a plain regular
// expression over quote marks, with no speakers.
func PolNeARBaseline(dir string) (PolNeARResult, error) {
	return polnear(dir, regexQuotes)
}

func findQuotes(paras []string) []quote.Quote {
	var out []quote.Quote
	for _, q := range quote.Find(paras) {
		if !q.Unattributed {
			out = append(out, q)
		}
	}
	return out
}

var quoteRE = regexp.MustCompile(`“([^”]*)”|"([^"]*)"`)

func regexQuotes(paras []string) []quote.Quote {
	var out []quote.Quote
	for i, p := range paras {
		for _, m := range quoteRE.FindAllStringSubmatch(p, -1) {
			out = append(out, quote.Quote{Text: m[1] + m[2], Paragraph: i})
		}
	}
	return out
}

func polnear(dir string, find func([]string) []quote.Quote) (PolNeARResult, error) {
	var res PolNeARResult
	arts, err := PolNeARArticles(dir)
	if err != nil {
		return res, err
	}
	for _, a := range arts {
		res.Articles++
		scoreArticle(&res, a, find(a.Paragraphs))
	}
	return res, nil
}

// PolNeARArticle is one annotated article of a PolNeAR split: its
// paragraphs (lines) and the quotation stretches of its annotated
// Contents, each with its relation's Source.
type PolNeARArticle struct {
	Name       string
	Paragraphs []string
	Gold       []GoldStretch
}

// GoldStretch is the text between quotation marks inside an annotated
// Content span, and the words of its relation's Source ("" when none).
type GoldStretch struct {
	Text, Source string
}

// PolNeARArticles reads a split folder (text/, attributions/) in name
// order. Where an article has several annotators' files, the first in
// name order is used.
func PolNeARArticles(dir string) ([]PolNeARArticle, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, os.ErrNotExist
	}
	sort.Strings(texts)
	var out []PolNeARArticle
	for _, tf := range texts {
		stem := strings.TrimSuffix(filepath.Base(tf), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, "attributions", stem+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		raw, err := os.ReadFile(tf)
		if err != nil {
			return nil, err
		}
		doc := string(raw)
		gold, err := readGold(anns[0], doc)
		if err != nil {
			return nil, err
		}
		paras, _ := paragraphs(doc)
		out = append(out, PolNeARArticle{Name: stem, Paragraphs: paras, Gold: gold})
	}
	return out, nil
}

// paragraphs splits a document at line breaks, keeping each paragraph's
// offset in runes (the unit of brat offsets).
func paragraphs(doc string) (paras []string, runeStart []int) {
	off := 0
	for _, line := range strings.Split(doc, "\n") {
		paras = append(paras, line)
		runeStart = append(runeStart, off)
		off += utf8.RuneCountInString(line) + 1
	}
	return
}

// PairQuotes pairs predicted quotations with gold stretches, best word
// overlap first, one to one, each pair sharing at least half its words
// (F1 ≥ 0.5): the pairing the PolNeAR scores count. It returns, for each
// prediction, the index of its gold stretch or -1.
func PairQuotes(preds []quote.Quote, gold []GoldStretch) []int {
	type pair struct {
		p, g int
		f    float64
	}
	var pairs []pair
	goldBags := make([]map[string]int, len(gold))
	for g := range gold {
		goldBags[g] = wordBag(gold[g].Text)
	}
	for p, q := range preds {
		pb := wordBag(q.Text)
		for g := range gold {
			if f := f1(pb, goldBags[g]); f >= 0.5 {
				pairs = append(pairs, pair{p, g, f})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].f > pairs[j].f })
	out := make([]int, len(preds))
	for i := range out {
		out[i] = -1
	}
	usedG := map[int]bool{}
	for _, pr := range pairs {
		if out[pr.p] >= 0 || usedG[pr.g] {
			continue
		}
		out[pr.p], usedG[pr.g] = pr.g, true
	}
	return out
}

// SpeakerRight reports whether a speaker (the resolved name, or the words
// the article names it with) shares a word with the gold Source: how
// PolNeAR's speakers are scored.
func SpeakerRight(speaker, speakerText, source string) bool {
	src := wordBag(source)
	return overlap(wordBag(speakerText), src) > 0 || overlap(wordBag(speaker), src) > 0
}

func scoreArticle(res *PolNeARResult, a PolNeARArticle, preds []quote.Quote) {
	stem, paras, gold := a.Name, a.Paragraphs, a.Gold
	res.Quotes.Predicted += len(preds)
	res.Quotes.Gold += len(gold)
	pairs := PairQuotes(preds, gold)
	usedG := map[int]bool{}
	for p, g := range pairs {
		if g < 0 {
			res.FalsePos = append(res.FalsePos, Miss{Article: stem, Text: preds[p].Text, Got: preds[p].Speaker, Context: paras[preds[p].Paragraph]})
			continue
		}
		usedG[g] = true
		res.Quotes.TruePos++
		gq, q := gold[g], preds[p]
		if gq.Source == "" {
			continue
		}
		res.WithGold++
		if SpeakerRight(q.Speaker, q.SpeakerText, gq.Source) {
			res.Speakers++
		} else {
			res.WrongSpkr = append(res.WrongSpkr, Miss{stem, q.Text, gq.Source, q.Speaker + " / " + q.SpeakerText, paras[q.Paragraph]})
		}
	}
	for g := range gold {
		if !usedG[g] {
			res.Misses = append(res.Misses, Miss{Article: stem, Text: gold[g].Text, Want: gold[g].Source})
		}
	}
}

type span struct{ start, end int }

// readGold reads a brat file and returns the quotation stretches inside
// its Content spans.
func readGold(path, doc string) ([]GoldStretch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	runes := []rune(doc)
	spans := map[string][]span{}
	kinds := map[string]string{}
	var rels [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 {
			continue
		}
		switch fields[0][0] {
		case 'T':
			kind, rest, _ := strings.Cut(fields[1], " ")
			kinds[fields[0]] = kind
			for _, part := range strings.Split(rest, ";") {
				a, b, _ := strings.Cut(part, " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if err1 == nil && err2 == nil && 0 <= s && s <= e && e <= len(runes) {
					spans[fields[0]] = append(spans[fields[0]], span{s, e})
				}
			}
		case 'E':
			rels = append(rels, strings.Fields(fields[1]))
		}
	}
	var out []GoldStretch
	for _, rel := range rels {
		var contents []span
		var source string
		for _, arg := range rel {
			role, id, _ := strings.Cut(arg, ":")
			switch {
			case strings.HasPrefix(role, "Content"):
				contents = append(contents, spans[id]...)
			case strings.HasPrefix(role, "Source"):
				for _, s := range spans[id] {
					source += string(runes[s.start:s.end]) + " "
				}
			}
		}
		for _, c := range joinFragments(runes, contents) {
			for _, st := range stretches(runes, c) {
				out = append(out, GoldStretch{Text: st, Source: strings.TrimSpace(source)})
			}
		}
	}
	return out, sc.Err()
}

// joinFragments sorts a Content's fragments and joins those that only
// white space separates. Brat stores a selection made sentence by
// sentence as such fragments, not always in text order ("1038 1070;1071
// 1131;…;937 993;994 1037"): read one by one, a quotation of several
// sentences gave its first sentence (an opening mark and no closing one)
// and its last (a closing mark only) as two quotations and lost the rest,
// though the annotation holds all of it. A line break between two
// fragments is a paragraph's end: the finder, like the fragments, cuts a
// quotation there.
func joinFragments(runes []rune, frags []span) []span {
	fs := slices.Clone(frags)
	slices.SortFunc(fs, func(a, b span) int { return a.start - b.start })
	var out []span
	for _, f := range fs {
		if n := len(out); n > 0 && out[n-1].end <= f.start && strings.Trim(string(runes[out[n-1].end:f.start]), " \t\u00a0") == "" {
			out[n-1].end = max(out[n-1].end, f.end)
			continue
		}
		out = append(out, f)
	}
	return out
}

// stretches returns the texts between quotation marks within a Content
// span, looking two characters past each end for marks the annotator left
// outside it.
func stretches(runes []rune, c span) []string {
	from, to := max(c.start-2, 0), min(c.end+2, len(runes))
	var out []string
	open, depth, single := -1, 0, -1
	isWord := func(k int) bool {
		return k >= 0 && k < len(runes) && (unicode.IsLetter(runes[k]) || unicode.IsDigit(runes[k]))
	}
	for i := from; i < to; i++ {
		switch r := runes[i]; {
		case open < 0 && single < 0 && r == '‘' && !isWord(i-1) && isWord(i+1):
			single = i + 1 // ‘single quotes’ used as quotation marks
		case open < 0 && single >= 0 && r == '’' && !isWord(i+1):
			if t := strings.TrimSpace(string(runes[max(single, c.start-1):min(i, to)])); hasLetter(t) {
				out = append(out, t)
			}
			single = -1
		case r == '"' && i > 0 && (runes[i-1] >= '0' && runes[i-1] <= '9' || runes[i-1] == '\'' && i > 1 && runes[i-2] >= '0' && runes[i-2] <= '9'):
			// an inch mark
		case open < 0 && single < 0 && (r == '“' || r == '"'):
			open = i + 1
		case open >= 0 && r == '“' && runes[open-1] == '“' && isWord(i+1):
			depth++ // a quotation nested in the open one: part of it
		case open >= 0 && depth > 0 && (r == '”' || r == '“' && !isWord(i+1)):
			depth--
		case open >= 0 && (r == '”' || r == '"' || r == '“' && !isWord(i+1)):
			// A left mark with no word after it closes: some pages type
			// “…“ (the finder reads them so too).

			if t := strings.TrimSpace(string(runes[max(open, c.start-1):min(i, to)])); hasLetter(t) {
				out = append(out, t)
			}
			open = -1
		case r == '”' && open < 0 && i > c.start && len(out) == 0:
			// The span starts inside a quotation.
			if t := strings.TrimSpace(string(runes[c.start:i])); hasLetter(t) {
				out = append(out, t)
			}
		}
	}
	if open >= 0 && open < c.end {
		if t := strings.TrimSpace(string(runes[open:c.end])); hasLetter(t) {
			out = append(out, t)
		}
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}
