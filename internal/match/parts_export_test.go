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
