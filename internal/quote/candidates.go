package quote

// Candidate is one possible speaker of a quotation as the ranker sees it:
// the words naming it, the person they resolve to, and its features.
type Candidate struct {
	Text, Person string
	Features     []uint32
}

// Candidates runs the finder over an article and returns, beside each
// quotation Find returns, the candidates the ranker chose its speaker
// among, the rules' answer and nobody included. It is what the ranker's
// trainer (cmd/train-speakers) learns from.
//
// The finder runs on its rules alone here (neither model changes a
// quotation), so that what the trainer learns from does not depend on the
// model it is replacing. It also returns, for each quotation, the features the attributed model
// reads (attributed.go), nil for a quotation with no letter (never
// attributed).
func Candidates(paragraphs []string) ([]Quote, [][]Candidate, [][]uint32) {
	var all [][]Candidate
	var qfs [][]uint32
	qs := find(paragraphs, func(_ *Quote, cands []candidate) {
		out := make([]Candidate, len(cands))
		for i, c := range cands {
			out[i] = Candidate{Text: c.text, Person: c.person, Features: append([]uint32(nil), c.feats...)}
		}
		all = append(all, out)
	}, func(fs []uint32) { qfs = append(qfs, fs) })
	return qs, all, qfs
}
