package eval

import (
	_ "embed"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"quotetrail/internal/build"
	"quotetrail/internal/quote"
)

// BasilSpeakerResult measures the speaker the card shows (quote.Quote's
// Speaker, resolved to a name, not "he") against BASIL's phrase
// annotations: each phrase marked "quote": "yes" carries the speaker's
// resolved name ("Donald_Trump", "House_Democrats") or, for people outside
// the article's main entities, a stance label ("other_anti"), which names
// no one and is not scored.
type BasilSpeakerResult struct {
	Phrases int // quoted phrases whose speaker is a name
	Matched int // of those, phrases inside a quotation the finder reports
	Right   int // matched phrases whose resolved speaker overlaps the gold name
	// RightText counts matched phrases whose resolved speaker or the
	// article's own mention (speaker_text) overlaps it, as PolNeAR scores.
	RightText int
	// Whole counts matched phrases whose resolved speaker holds every
	// word of the gold name ("Donald John Trump" for Donald_Trump, not
	// "Trump"): the person named in full, as one name per speaker
	// across the corpus aims to.
	Whole int
	// Checked counts matched phrases whose resolved speaker is right,
	// with the same rule as Right, against the speaker read by hand in
	// the article where basil-speakers.json has one (a group's label
	// where the article gives the words to a person) and the gold label
	// elsewhere; CheckedPhrases is how many of the matched phrases have
	// an entry.
	Checked, CheckedPhrases int
	// CheckedWrong holds the matched phrases wrong under Checked.
	CheckedWrong []Miss
	// Renamed counts the corpus's quotations whose speaker took a fuller
	// name from the rest of the corpus, of Quotations.
	Renamed, Quotations int
	Wrong               []Miss
	Unmatched           []Miss
}

// Accuracy is the share of matched phrases whose resolved speaker is right.
func (r BasilSpeakerResult) Accuracy() float64 { return ratio(r.Right, r.Matched) }

type basilSpeakerPhrase struct {
	ID      string `json:"id"`
	Quote   string `json:"quote"`
	Speaker string `json:"speaker"`
	Txt     string `json:"txt"`
}

// BasilSpeakers builds the BASIL articles into one index and scores
// the speaker of the quotation holding each annotated quoted phrase.
func BasilSpeakers(dir string) (BasilSpeakerResult, error) {
	var r BasilSpeakerResult
	// The speakers as the card shows them: the corpus built as the build
	// builds it, one name per speaker across its articles.
	c, err := loadBasil(dir)
	if err != nil {
		return r, err
	}
	own := make([]string, len(c.x.Quotes))
	for i, q := range c.x.Quotes {
		own[i] = q.Speaker
	}
	build.CorpusNames(c.x)
	for i, q := range c.x.Quotes {
		if q.Speaker != own[i] {
			r.Renamed++
		}
	}
	r.Quotations = len(c.x.Quotes)
	uuids := make([]string, len(c.x.Articles))
	for uuid, ai := range c.byUUID {
		uuids[ai] = uuid
	}
	quotes := map[string][]quote.Quote{}
	for _, q := range c.x.Quotes {
		u := uuids[q.Article]
		quotes[u] = append(quotes[u], quote.Quote{Text: q.Text, Speaker: q.Speaker, SpeakerText: q.SpeakerText})
	}
	checked, err := checkedSpeakers()
	if err != nil {
		return r, err
	}
	anns, _ := filepath.Glob(filepath.Join(dir, "annotations", "*", "*.json"))
	sort.Strings(anns)
	for _, f := range anns {
		raw, err := os.ReadFile(f)
		if err != nil {
			return r, err
		}
		var an struct {
			UUID    string               `json:"uuid"`
			Phrases []basilSpeakerPhrase `json:"phrase-level-annotations"`
		}
		if json.Unmarshal(raw, &an) != nil {
			continue
		}
		qs, ok := quotes[an.UUID]
		if !ok {
			continue
		}
		for _, p := range an.Phrases {
			if p.Quote != "yes" || p.Speaker == "" || strings.HasPrefix(p.Speaker, "other") {
				continue
			}
			r.Phrases++
			gold := strings.ReplaceAll(p.Speaker, "_", " ")
			q := holding(qs, p.Txt)
			if q == nil {
				r.Unmatched = append(r.Unmatched, Miss{Article: an.UUID, Text: p.Txt, Want: gold})
				continue
			}
			r.Matched++
			resolved := nameOverlap(q.Speaker, gold)
			if resolved {
				r.Right++
			} else {
				r.Wrong = append(r.Wrong, Miss{an.UUID, q.Text, gold, q.Speaker + " / " + q.SpeakerText, ""})
			}
			if resolved && nameWhole(q.Speaker, gold) {
				r.Whole++
			}
			if resolved || nameOverlap(q.SpeakerText, gold) {
				r.RightText++
			}
			want := gold
			if c, ok := checked[an.UUID+" "+p.ID]; ok {
				want = c.Speaker
				r.CheckedPhrases++
			}
			if nameOverlap(q.Speaker, want) {
				r.Checked++
			} else {
				r.CheckedWrong = append(r.CheckedWrong, Miss{an.UUID, q.Text, want, q.Speaker + " / " + q.SpeakerText, ""})
			}
		}
	}
	return r, nil
}

// basilSpeakers holds the speakers of BASIL quoted phrases read by hand
// in the article, where the annotation names a group ("Democrats",
// "Obama campaign") and the article gives the words to a person ("Jim
// Manley, a spokesman for Mr. Reid, said"): the card names the person,
// as a careful reader would, and the raw row counts that as wrong.
//
//go:embed testdata/basil-speakers.json
var basilSpeakers []byte

// CheckedSpeaker is one hand-read speaker of a BASIL phrase: the article
// (uuid) and phrase id, the span's text, the annotation's label, the
// speaker as the article names them and the article's words that say so.
type CheckedSpeaker struct {
	Article  string   `json:"article"`
	Phrase   string   `json:"phrase"`
	Txt      string   `json:"txt"`
	Gold     string   `json:"gold"`
	Speaker  string   `json:"speaker"`
	Evidence []string `json:"evidence"`
}

// checkedSpeakers reads basilSpeakers, keyed by article uuid and phrase
// id (a phrase id may cover several spans, all one speaker's).
func checkedSpeakers() (map[string]CheckedSpeaker, error) {
	var f struct {
		Phrases []CheckedSpeaker `json:"phrases"`
	}
	if err := json.Unmarshal(basilSpeakers, &f); err != nil {
		return nil, err
	}
	out := map[string]CheckedSpeaker{}
	for _, c := range f.Phrases {
		out[c.Article+" "+c.Phrase] = c
	}
	return out, nil
}

// CheckedAccuracy is the share of matched phrases whose resolved speaker
// is right against the hand-checked speakers.
func (r BasilSpeakerResult) CheckedAccuracy() float64 { return ratio(r.Checked, r.Matched) }

// holding returns the quotation that best contains the phrase (or that the
// phrase contains, when the annotator marked a sentence around a short
// quotation): most shared words, at least three and at least 0.6 of the
// shorter of the two.
func holding(qs []quote.Quote, phrase string) *quote.Quote {
	pb := wordBag(phrase)
	var best *quote.Quote
	bestN := 0
	for i := range qs {
		qb := wordBag(qs[i].Text)
		n := overlap(pb, qb)
		if n >= 3 && float64(n) >= 0.6*float64(min(size(pb), size(qb))) && n > bestN {
			best, bestN = &qs[i], n
		}
	}
	return best
}

// nameOverlap reports whether a predicted speaker shares a word with the
// gold name, function words aside. A gold word cut short by the corpus's
// file names ("Felipe_Calder" for Calderón) matches as a prefix.
// nameWhole reports whether every word of the gold name (function words
// aside) is a word of pred, as nameOverlap matches words.
func nameWhole(pred, gold string) bool {
	pw := wordBag(pred)
	for g := range wordBag(gold) {
		if len(g) < 3 || g == "the" || g == "and" || g == "for" {
			continue
		}
		found := false
		for w := range pw {
			found = found || w == g || len(g) >= 4 && strings.HasPrefix(w, g)
		}
		if !found {
			return false
		}
	}
	return true
}

func nameOverlap(pred, gold string) bool {
	pw := wordBag(pred)
	for g := range wordBag(gold) {
		if len(g) < 3 || g == "the" || g == "and" || g == "for" {
			continue
		}
		for w := range pw {
			if w == g || len(g) >= 4 && strings.HasPrefix(w, g) {
				return true
			}
		}
	}
	return false
}
