package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"quotetrail/internal/build"
	"quotetrail/internal/quote"
	"quotetrail/internal/speakers"
)

// SeedGold is the hand-checked gold file of the seed articles: for each
// corpus page, every quotation with its speaker, channel and cue.
type SeedGold map[string][]GoldQuote

// GoldQuote is one quotation as a careful reader attributes it. Speaker,
// Channel and Cue are "" where the article does not say.
type GoldQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Channel string `json:"channel"`
	Cue     string `json:"cue"`
	Note    string `json:"note,omitempty"`
}

// SeedsResult scores each field over the gold quotations.
type SeedsResult struct {
	Quotes                PRF
	Speaker, Channel, Cue PRF // over matched quotations with a gold value
	Misses, Extra, Wrong  []string
}

// Seeds reads the gold file and scores the quote finder on the corpus
// pages it names (corpusDir/<stem>.html).
func Seeds(goldPath, corpusDir string) (SeedsResult, error) {
	var res SeedsResult
	raw, err := os.ReadFile(goldPath)
	if err != nil {
		return res, err
	}
	var gold SeedGold
	if err := json.Unmarshal(raw, &gold); err != nil {
		return res, err
	}
	// The speakers as the card shows them: the corpus's whole build,
	// one name per speaker across its articles.
	files, err := build.CorpusFiles(corpusDir)
	if err != nil {
		return res, err
	}
	x, _ := build.Build(files)
	byStem := map[string][]quote.Quote{}
	for _, q := range x.Quotes {
		if !q.Unattributed {
			stem := x.Articles[q.Article].Stem
			byStem[stem] = append(byStem[stem], quote.Quote{Text: q.Text, Speaker: q.Speaker, SpeakerText: q.SpeakerText, Cue: q.Cue, Channel: q.Channel})
		}
	}
	for stem, want := range gold {
		if _, err := os.Stat(filepath.Join(corpusDir, stem+".html")); err != nil {
			return res, err
		}
		got := byStem[stem]
		res.Quotes.Gold += len(want)
		res.Quotes.Predicted += len(got)
		used := make([]bool, len(got))
		for _, w := range want {
			k := -1
			for i, g := range got {
				if !used[i] && normText(g.Text) == normText(w.Text) {
					k = i
					break
				}
			}
			if k < 0 {
				res.Misses = append(res.Misses, stem+": "+w.Text)
				continue
			}
			used[k] = true
			res.Quotes.TruePos++
			g := got[k]
			// The card's speaker is the corpus's name for the person: the
			// gold's, or a fuller form of it (the article's "Trump" as
			// "Donald Trump").
			sp := g.Speaker
			if speakers.Extends(w.Speaker, sp) {
				sp = w.Speaker
			}
			field(&res.Speaker, w.Speaker, sp, stem, w.Text, "speaker", &res.Wrong)
			field(&res.Channel, w.Channel, g.Channel, stem, w.Text, "channel", &res.Wrong)
			field(&res.Cue, w.Cue, g.Cue, stem, w.Text, "cue", &res.Wrong)
		}
		for i, g := range got {
			if !used[i] {
				res.Extra = append(res.Extra, stem+": "+g.Text)
			}
		}
	}
	return res, nil
}

// field scores one attribute: a prediction counts when it gives a value;
// it is right when the value is the gold one.
func field(s *PRF, want, got, stem, text, name string, wrong *[]string) {
	if want != "" {
		s.Gold++
	}
	if got != "" {
		s.Predicted++
	}
	if want != "" && strings.EqualFold(want, got) {
		s.TruePos++
	} else if want != got {
		*wrong = append(*wrong, stem+": "+name+" of “"+text+"”: want "+quoteOr(want)+", got "+quoteOr(got))
	}
}

func quoteOr(s string) string {
	if s == "" {
		return "none"
	}
	return "“" + s + "”"
}

func normText(s string) string {
	return strings.Join(strings.Fields(strings.Trim(s, " .,;:!?")), " ")
}
