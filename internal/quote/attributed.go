package quote

import (
	"sort"
	"strings"
)

// Which quotations are attributed. A title ("Meet the Press"), a coined
// term or scare quotes ("so-called “reform”") are quoted but said by no
// one; a one-word quotation may still be someone's word ("called it
// “useless”"). The rules of unattributed (quote.go) give a first answer;
// a second linear model, trained beside the ranker on PolNeAR train
// (attribWeights in ranker_model.go), reads it with the quotation's shape
// and surroundings (its length, capitals, end, the words just before and
// after it, a cue beside it, a title's place) and decides. PolNeAR's
// gold marks a stretch attributed when an annotated Content holds it.

// quoteFeats returns the features of quotation q (span s of paragraph p,
// in sentence sent) for the attributed model.
func quoteFeats(q *Quote, p string, s span, sent []word, a attribution, ruleSays bool, paraHasCue bool, toks []word) []uint32 {
	var fs feats
	ws := strings.Fields(q.Text)
	fs.add("bias")
	fs.add("ru", yes(ruleSays))
	fs.add("kind", q.Kind, bucket(len(ws)))
	fs.add("title", yes(isTitle(ws)), bucket(len(ws)))
	fs.add("sp", yes(q.Speaker != "" || q.SpeakerText != ""), yes(a.cue != ""), yes(q.Channel != ""))
	fs.add("phc", yes(paraHasCue), bucket(len(ws)))
	cb, tp := cueBeside(p, s, toks), titlePlace(p, s, toks)
	fs.add("cbtp", yes(cb), yes(tp), yes(isTitle(ws)))
	fs.add("end", endClass(q.Text), q.Kind)
	caps := 0
	for _, w := range ws {
		if r := w[0]; r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	fs.add("caps", bucket(caps), bucket(len(ws)))
	if len(ws) > 0 {
		fs.add("fw", strings.ToLower(strings.Trim(ws[0], "“”\"'‘’,.")))
	}
	// The words just before and after the quotation, outside it.
	k := sort.Search(len(sent), func(k int) bool { return sent[k].start >= s.open })
	prev, prev2 := "^", "^"
	if k > 0 {
		prev = sent[k-1].low
		if k > 1 {
			prev2 = sent[k-2].low
		}
	}
	j := sort.Search(len(sent), func(j int) bool { return sent[j].start > s.close }) // past the closing mark
	next := "$"
	if j < len(sent) {
		next = sent[j].low
	}
	fs.add("pw", prev)
	fs.add("pw2", prev2, prev)
	fs.add("pwn", prev, yes(len(ws) <= 2))
	fs.add("nw", next)
	fs.add("nwn", next, yes(len(ws) <= 2))
	fs.add("unc", yes(s.unclosed))
	return fs.ids
}

// endClass is the quotation's last character, as a class.
func endClass(t string) string {
	t = strings.TrimRight(t, "”\"'’ ")
	if t == "" {
		return ""
	}
	switch c := t[len(t)-1]; c {
	case '.', '?', '!', ',', ':', ';':
		return string(c)
	}
	return "w"
}

// attributedScore decides with the model: true when the quotation is
// attributed. With no model, the rules' answer stands.
func attributedScore(ids []uint32, ruleSays bool) bool {
	if attribWeights == nil {
		return ruleSays
	}
	s := 0.0
	for _, id := range ids {
		s += float64(attribWeights[id])
	}
	return s >= 0
}
