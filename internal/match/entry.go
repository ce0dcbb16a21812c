package match

import (
	"slices"
	"strings"

	"quotetrail/internal/index"
	"quotetrail/internal/speakers"
	"quotetrail/internal/textnorm"
)

// Entry is one match as the command line and the widget report it: the
// JSON contract of `quotetrail lookup -json`.
type Entry struct {
	Article     string  `json:"article"`
	Outlet      string  `json:"outlet"`
	URL         string  `json:"url"`
	Title       string  `json:"title"`
	Published   string  `json:"published"`
	Quote       string  `json:"quote"`
	Match       string  `json:"match"`
	Score       float64 `json:"score"`
	Speaker     string  `json:"speaker"`
	Channel     string  `json:"channel"`
	Cue         string  `json:"cue"`
	Attribution string  `json:"attribution"`
	Inferred    bool    `json:"inferred"`
	// Differs lists the words of a variant's quote that the selection does
	// not have, as [start, end) offsets in UTF-16 code units (JavaScript
	// string offsets), so the card can mark them.
	Differs [][2]int `json:"differs,omitempty"`
	// Wording says how the outlet's text stands to the selection, in a
	// reader's words: "identical", "spelled differently", "reworded",
	// "in part" or "not quoted" (the constants below). Match keeps its
	// four kinds; Wording tells an exact match spelled as selected from
	// one spelled otherwise.
	Wording string `json:"wording"`
	// Spelled lists the words of the quote that are the selection's
	// words spelled otherwise (U.S./United States, case, marks), as
	// Differs does.
	Spelled [][2]int `json:"spelled,omitempty"`
	// Focus is the part of the selection the entry answers for, when the
	// engine found a quotation inside it (Result.Focus); empty when it
	// answers for the whole selection.
	Focus string `json:"focus,omitempty"`
	// Republishes is the outlet the article's byline or credit names as
	// the original ("BBC News" for The Rising Nepal's republication).
	Republishes string `json:"republishes,omitempty"`
	// Reuses is the article (its stem) whose text this one closely reuses,
	// published before it; SharesText one whose text it closely shares
	// on the same or an unknown date (which copied which is not known).
	// ReusesOutlet is that article's outlet. internal/syndicate finds them.
	Reuses       string `json:"reuses,omitempty"`
	SharesText   string `json:"shares_text,omitempty"`
	ReusesOutlet string `json:"reuses_outlet,omitempty"`
	// Occasion is OccasionUnknown for a reworded version ("reworded")
	// that the build could not check was said on the occasion of the
	// selected words: its article carries no date, or no article that
	// prints the selected words does. Grouping keeps apart only quotations
	// of dated articles more than OccasionDays apart.
	Occasion string `json:"occasion,omitempty"`
	// SpeakerText is the outlet's own name for the speaker when Speaker
	// is a fuller name of the same person: the one the corpus knows
	// (the build gives each speaker one name across the corpus) when the
	// outlet's attribution writes only part of it ("Mr. Sellers" for
	// "Joseph Sellers"), or the one another outlet in the same answer
	// gives ("Trump" beside "Donald Trump"); empty otherwise.
	SpeakerText string `json:"speaker_text,omitempty"`
	report      int32  // the first article of its group of copies (Independent)
}

// OccasionUnknown is Entry.Occasion for a reworded version that may have
// been said on another occasion.
const OccasionUnknown = "unknown"

// Independent is the number of independent reports among entries: the
// carriers less the copies (an article republishing another outlet's
// report, or closely reusing another article's text, counts once with
// the report it copies).
func Independent(entries []Entry) int {
	seen := map[int32]bool{}
	for _, e := range entries {
		seen[e.report] = true
	}
	return len(seen)
}

// Entries describes a result's matches in the contract's terms.
func (e *Engine) Entries(res Result) []Entry { return entries(e, res) }

// describer is a corpus that also holds what the card shows: the whole
// index, or the parts of a folder index a lookup read.
type describer interface {
	corpus
	articleMeta(ai int) index.ArticleMeta
	quotation(qi int) (text, speaker, channel, cue, attribution string, inferred bool)
	// textAround returns the first paragraph of article ai that holds the
	// selection's words in order, word for word.
	textAround(q query, ai int) string
}

func entries(d describer, res Result) []Entry {
	out := make([]Entry, 0, len(res.Matches))
	if res.words == nil { // a Result made by hand
		res.text, res.toks = selection(res.Query)
		res.words = norms(res.toks)
	}
	q := prepare(d, res.words)
	for _, m := range res.Matches {
		a := d.articleMeta(m.Article)
		en := Entry{Article: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Published: a.Published,
			Match: m.Kind, Score: m.Score, Focus: res.Focus}
		en.setSyndic(a)
		if m.Quote >= 0 {
			en.Quote, en.Speaker, en.Channel, en.Cue, en.Attribution, en.Inferred = d.quotation(m.Quote)
			// The speaker is the corpus's name for the person (the
			// build's internal/speakers); the outlet's own, when its
			// attribution writes part of it ("Mr. Sellers").
			en.SpeakerText = speakers.Mention(en.Speaker, en.Attribution)
			al, _ := align(q.ids, d.tokens(int32(m.Quote)), q.w, nil)
			if m.Kind == Variant {
				en.Differs = differs(al, len(q.ids), en.Quote)
			}
			en.Spelled = spelled(al, res.text, res.toks, en.Quote)
		} else {
			en.Quote = d.textAround(q, m.Article)
		}
		en.Wording = wording(m.Kind, len(en.Spelled) > 0)
		out = append(out, en)
	}
	// A reworded version is of the same occasion as the selected words
	// only where dates say so: its own, and one of those printing the
	// words selected (when some outlet prints them).
	exact, dated := false, false
	for _, en := range out {
		if en.Match == Exact {
			exact = true
			dated = dated || dayNumber(en.Published) > 0
		}
	}
	for i := range out {
		if out[i].Match == Variant && (dayNumber(out[i].Published) == 0 || exact && !dated) {
			out[i].Occasion = OccasionUnknown
		}
	}
	oneNamePerSpeaker(out)
	return out
}

// oneNamePerSpeaker gives each speaker of an answer one name: the
// fullest that one of its outlets prints, when the others' names are
// parts of it ("Trump" of "Donald Trump") and no other name the answer
// gives shares the last word ("Lara Trump" beside "Donald Trump" leaves
// "Trump" as printed). The outlet's own name is kept in SpeakerText.
func oneNamePerSpeaker(out []Entry) {
	words := func(name string) []string { return strings.Fields(strings.ToLower(name)) }
	within := func(part, whole []string) bool {
		for _, w := range part {
			if !slices.Contains(whole, w) {
				return false
			}
		}
		return true
	}
	fullest := map[string]string{} // a name's last word → the fullest name, "" when two disagree
	for _, en := range out {
		ws := words(en.Speaker)
		if len(ws) == 0 {
			continue
		}
		key := ws[len(ws)-1]
		cur, seen := fullest[key]
		switch {
		case !seen:
			fullest[key] = en.Speaker
		case cur == "":
		case within(words(cur), ws):
			fullest[key] = en.Speaker
		case !within(ws, words(cur)):
			fullest[key] = ""
		}
	}
	for i, en := range out {
		ws := words(en.Speaker)
		if len(ws) == 0 {
			continue
		}
		if f := fullest[ws[len(ws)-1]]; f != "" && !strings.EqualFold(f, en.Speaker) {
			out[i].SpeakerText, out[i].Speaker = en.Speaker, f
		}
	}
}

// The wordings of the contract's "wording" field: what a reader is told
// of how the outlet's text stands to the selection.
const (
	Identical        = "identical"           // the selection's words, spelled as selected
	SpelledOtherwise = "spelled differently" // the same words, some spelled otherwise (U.S./United States, marks, case): Entry.Spelled marks them
	Reworded         = "reworded"            // the same utterance in other words (Entry.Differs marks them)
	InPart           = "in part"             // the selection and the quotation overlap in part
	NotQuoted        = "not quoted"          // the words stand in the article, outside quotation marks
)

func wording(kind string, spelledOtherwise bool) string {
	switch kind {
	case Exact:
		if spelledOtherwise {
			return SpelledOtherwise
		}
		return Identical
	case Variant:
		return Reworded
	case Partial:
		return InPart
	}
	return NotQuoted
}

func (e *Engine) articleMeta(ai int) index.ArticleMeta {
	a := e.x.Articles[ai]
	return index.ArticleMeta{ID: int32(ai), Stem: a.Stem, Outlet: a.Outlet, URL: a.URL, Title: a.Title, Published: a.Published,
		Syndic: e.syndic(ai)}
}

// syndic is article ai's syndication as the card shows it; an index
// without it makes every article its own report.
func (e *Engine) syndic(ai int) index.SyndicMeta {
	if len(e.x.Syndication) != len(e.x.Articles) {
		return index.SyndicMeta{Report: int32(ai)}
	}
	s := e.x.Syndication[ai]
	out := index.SyndicMeta{Republishes: s.Republishes, Shared: s.Shared, Report: int32(s.Report)}
	if s.Reuses >= 0 {
		out.Reuses, out.ReusesOutlet = e.x.Articles[s.Reuses].Stem, e.x.Articles[s.Reuses].Outlet
	}
	return out
}

// setSyndic fills the entry's syndication from its article's.
func (en *Entry) setSyndic(a index.ArticleMeta) {
	s := a.Syndic
	en.Republishes, en.ReusesOutlet, en.report = s.Republishes, s.ReusesOutlet, s.Report
	if s.Shared {
		en.SharesText = s.Reuses
	} else {
		en.Reuses = s.Reuses
	}
}

func (e *Engine) quotation(qi int) (text, speaker, channel, cue, attribution string, inferred bool) {
	q := e.x.Quotes[qi]
	return q.Text, q.Speaker, q.Channel, q.Cue, q.Attribution, q.Inferred
}

func (e *Engine) textAround(q query, ai int) string {
	for pi, p := range e.paras[ai] {
		if containsRun(p, q.ids) {
			return e.x.Articles[ai].Paragraphs[pi]
		}
	}
	return ""
}

// differs returns the spans of the quotation's words that the alignment
// a with the selection (of n words) leaves unmatched, around the aligned
// words (the rest of a longer quotation is the part the reader did not
// select).
func differs(a alignment, n int, text string) [][2]int {
	toks := textnorm.Tokens(text)
	if len(toks) != len(a.candMatched) {
		return nil // cannot happen: both come from textnorm over the same text
	}
	first, last := -1, -1
	for j, m := range a.candMatched {
		if m {
			if first < 0 {
				first = j
			}
			last = j
		}
	}
	// Reach past the ends by as many words as the selection has beyond
	// its own aligned span: "…with prudence" / "…with caution".
	if first < 0 {
		return nil
	}
	first = max(0, first-a.selFirst)
	last = min(len(toks)-1, last+n-1-a.selLast)
	var out [][2]int
	for j := first; j <= last; j++ {
		if !a.candMatched[j] {
			out = appendSpan(out, text, toks[j])
		}
	}
	return out
}

// spelled returns the spans of the quotation's words that are the
// selection's words (aligned with them) spelled otherwise: another case,
// an abbreviation ("U.S." for "United States"), other apostrophes or
// diacritics. sel and selToks are the selection's text and tokens.
func spelled(a alignment, sel string, selToks []textnorm.Token, text string) [][2]int {
	toks := textnorm.Tokens(text)
	if len(toks) != len(a.candMatched) {
		return nil
	}
	var out [][2]int
	for k := len(a.pairs) - 1; k >= 0; k-- {
		i, j := a.pairs[k][0], a.pairs[k][1]
		if i >= len(selToks) {
			return nil // cannot happen: the alignment is of these tokens
		}
		if sel[selToks[i].Start:selToks[i].End] != text[toks[j].Start:toks[j].End] {
			out = appendSpan(out, text, toks[j])
		}
	}
	return out
}

// appendSpan adds a token's span of text, in UTF-16 code units, to out:
// one mark over adjacent words, and over the tokens an abbreviation
// expands to (they share its span).
func appendSpan(out [][2]int, text string, t textnorm.Token) [][2]int {
	start, end := utf16Offset(text, t.Start), utf16Offset(text, t.End)
	if n := len(out); n > 0 && out[n-1][1] >= start-1 {
		out[n-1][1] = max(out[n-1][1], end)
		return out
	}
	return append(out, [2]int{start, end})
}

// utf16Offset converts a byte offset in s to UTF-16 code units.
func utf16Offset(s string, b int) int {
	n := 0
	for _, r := range s[:b] {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
