package match

// The numbers a folder index stores, as the whole-index engine computes
// them, for TestFolderStoresTheEnginesNumbers.

func WordWeight(e *Engine, w string) (float64, bool) {
	_, wt, ok := e.word(w)
	return wt, ok
}

func TokenWeight(e *Engine, qi int32) float64 { return e.tokenWeight(qi) }
func FragmentFloor(e *Engine, qi int32) uint8 { return e.floor[qi] }
func UnknownWeight(e *Engine) float64         { return e.unknownWeight() }

// SetCommonTexts sets the count of texts past which a word is common, and
// returns a function that restores it.
func SetCommonTexts(n int) (restore func()) {
	old := commonTexts
	commonTexts = n
	return func() { commonTexts = old }
}

// CandidatesFailingCutOff returns, for sel over e, how many candidates
// there are and how many pass neither cut-off (the selection's floor nor
// their fragment floor) on the weight they truly share with it.
func CandidatesFailingCutOff(e *Engine, sel string) (n, failing int) {
	q := e.prepare(sel)
	cands := candidates(e, q, MaxCandidates)
	floor := float32((2*Accept - 1) * q.total)
	for _, qi := range cands {
		shared := float32(0)
		seen := map[int32]bool{}
		for _, id := range q.ids {
			if id < 0 || seen[id] {
				continue
			}
			seen[id] = true
			for _, p := range e.postings(id) {
				if p == qi {
					shared += float32(e.weight[id])
				}
			}
		}
		if !(shared >= floor || shared >= e.fragmentFloor(qi)) {
			failing++
		}
	}
	return len(cands), failing
}
