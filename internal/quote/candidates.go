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
func Candidates(paragraphs []string) ([]Quote, [][]Candidate) {
	var all [][]Candidate
	qs := find(paragraphs, func(_ *Quote, cands []candidate) {
		out := make([]Candidate, len(cands))
		for i, c := range cands {
			out[i] = Candidate{Text: c.text, Person: c.person, Features: c.feats}
		}
		all = append(all, out)
	})
	return qs, all
}
