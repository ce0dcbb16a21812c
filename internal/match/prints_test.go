package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestFingerprintsOfARun: a run of PrintWords words or more taken from a
// text has every fingerprint among the text's; a text keeps about
// 2/(printWindow+1) hashes a word.
func TestFingerprintsOfARun(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vocab := strings.Fields("the a of to said that he she it we minister ministry trade talks arms sales taiwan prudence caution issue must handle with")
	hashes, words := 0, 0
	for k := 0; k < 2000; k++ {
		text := make([]string, 1+rng.IntN(80))
		for i := range text {
			text[i] = vocab[rng.IntN(len(vocab))]
		}
		fp := fingerprints(text)
		hashes += len(fp)
		words += len(text)
		if len(text) < PrintWords {
			if fp != nil {
				t.Fatalf("%d words gave fingerprints", len(text))
			}
			continue
		}
		from := rng.IntN(len(text) - PrintWords + 1)
		to := from + PrintWords + rng.IntN(len(text)-from-PrintWords+1)
		run := fingerprints(text[from:to])
		if len(run) == 0 {
			t.Fatalf("a run of %d words has no fingerprint", to-from)
		}
		for _, h := range run {
			if _, ok := slices.BinarySearch(fp, h); !ok {
				t.Fatalf("run %q: fingerprint %08x is not among the text's %x", text[from:to], h, fp)
			}
		}
	}
	t.Logf("%.2f fingerprints a word (distinct per text)", float64(hashes)/float64(words))
}

func TestFloorCode(t *testing.T) {
	for _, f := range []float64{0, 0.001, 0.0156, 0.5, 1, 1.04, 3.3, 17, 500, 1e9} {
		c := floorCode(f)
		if float64(floorSteps[c]) > f {
			t.Errorf("floorCode(%v) = %d, a step of %v above it", f, c, floorSteps[c])
		}
		if c < 255 && float64(floorSteps[c+1]) <= f {
			t.Errorf("floorCode(%v) = %d, but step %d (%v) is not above it", f, c, c+1, floorSteps[c+1])
		}
	}
}
