// Command train-speakers trains the quote finder's speaker ranker on
// PolNeAR train and writes the model as Go source
// (internal/quote/ranker_model.go), the file `make train` rebuilds:
//
//	go run ./cmd/train-speakers -data ../shared/data -out internal/quote/ranker_model.go
//
// The model is an averaged perceptron over the features quote.Candidates
// gives each quotation's candidate speakers. An example is a quotation the
// finder reports that PolNeAR's scorer pairs with a gold quotation whose
// relation has a Source; a candidate is right when its words or the
// person it resolves to share a word with that Source (the scorer's own
// test). Training reads the articles in name order and shuffles the
// examples each epoch with a fixed seed, and the weights are written
// rounded and sorted: the same data gives the same file, byte for byte.
// Only train is read for training; with -dev, the accuracy the model
// gives on dev's examples is printed, never used to choose anything.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"quotetrail/internal/eval"
	"quotetrail/internal/quote"
)

// Training settings: fixed, so that `make train` reproduces the file.
const (
	epochs = 10
	seed   = 11
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder (polnear/train is read)")
	out := flag.String("out", "internal/quote/ranker_model.go", "the Go file to write")
	dev := flag.Bool("dev", false, "also print the accuracy on polnear/dev (reported, never tuned on)")
	flag.Parse()
	src, st, err := Train(filepath.Join(*data, "polnear", "train"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "train-speakers:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "train-speakers: %d examples (%d with a right candidate), %d weights; train accuracy %.3f\n",
		st.Examples, st.Answerable, st.Weights, st.TrainAccuracy)
	if *dev {
		exs, err := examples(filepath.Join(*data, "polnear", "dev"))
		if err == nil {
			w := parseWeights(src)
			fmt.Fprintf(os.Stderr, "train-speakers: dev examples %d, accuracy %.3f (rules alone %.3f)\n", len(exs), accuracy(exs, w), accuracy(exs, nil))
		}
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "train-speakers:", err)
		os.Exit(1)
	}
}

// example is one quotation's candidates, with which of them are right.
type example struct {
	feats [][]uint32
	right []bool
}

// Stats describes a training run.
type Stats struct {
	Examples, Answerable, Weights int
	TrainAccuracy                 float64
}

// examples reads a PolNeAR split into training examples.
func examples(dir string) ([]example, error) {
	arts, err := eval.PolNeARArticles(dir)
	if err != nil {
		return nil, err
	}
	var out []example
	for _, a := range arts {
		qs, cands := quote.Candidates(a.Paragraphs)
		// Score what the finder reports: its attributed quotations.
		var kept []quote.Quote
		var keptC [][]quote.Candidate
		for i, q := range qs {
			if !q.Unattributed {
				kept, keptC = append(kept, q), append(keptC, cands[i])
			}
		}
		for p, g := range eval.PairQuotes(kept, a.Gold) {
			if g < 0 || a.Gold[g].Source == "" || len(keptC[p]) == 0 {
				// Unpaired, no gold speaker, or a frame the rules keep.
				continue
			}
			var ex example
			for _, c := range keptC[p] {
				ex.feats = append(ex.feats, c.Features)
				ex.right = append(ex.right, (c.Text != "" || c.Person != "") && eval.SpeakerRight(c.Person, c.Text, a.Gold[g].Source))
			}
			if !slices.Contains(ex.right, true) {
				// Nobody (no words, no person) is right only when no
				// candidate is: better unknown than wrong.
				for i, c := range keptC[p] {
					ex.right[i] = c.Text == "" && c.Person == ""
				}
			}
			out = append(out, ex)
		}
	}
	return out, nil
}

func score(w map[uint32]float64, fs []uint32) float64 {
	s := 0.0
	for _, f := range fs {
		s += w[f]
	}
	return s
}

// argmax returns the best-scoring candidate, the first on ties (the
// rules' answer comes first).
func argmax(w map[uint32]float64, ex example) int {
	best, bs := 0, 0.0
	for i, fs := range ex.feats {
		if s := score(w, fs); i == 0 || s > bs {
			best, bs = i, s
		}
	}
	return best
}

// accuracy is the share of examples whose best candidate is right.
func accuracy(exs []example, w map[uint32]float64) float64 {
	n := 0
	for _, ex := range exs {
		if ex.right[argmax(w, ex)] {
			n++
		}
	}
	return float64(n) / float64(max(len(exs), 1))
}

// Train trains the ranker on the split at dir and returns the model file.
func Train(dir string) ([]byte, Stats, error) {
	exs, err := examples(dir)
	if err != nil {
		return nil, Stats{}, err
	}
	st := Stats{Examples: len(exs)}
	var train []example
	for _, ex := range exs {
		// An example where nobody is the only right answer still teaches
		// when to abstain; one with no candidate at all teaches nothing.
		if len(ex.feats) > 1 {
			train = append(train, ex)
		}
		for i, r := range ex.right {
			if r && i < len(ex.right)-1 {
				st.Answerable++
				break
			}
		}
	}
	avg := perceptron(train)
	src := modelSource(avg, len(train))
	final := parseWeights(src)
	st.Weights = len(final)
	st.TrainAccuracy = accuracy(exs, final)
	return src, st, nil
}

// modelSource writes the weights as Go source, rounded to four
// significant digits and sorted by feature, those that round to zero
// left out.
func modelSource(w map[uint32]float64, n int) []byte {
	keys := make([]uint32, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by cmd/train-speakers from ../shared/data (make train); DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package quote\n\n")
	fmt.Fprintf(&b, "// rankerWeights is the speaker ranker's model: an averaged perceptron,\n")
	fmt.Fprintf(&b, "// %d epochs (seed %d) over %d quotations of PolNeAR train, one weight\n", epochs, seed, n)
	fmt.Fprintf(&b, "// per hashed feature (ranker.go).\n")
	fmt.Fprintf(&b, "var rankerWeights = map[uint32]float32{\n")
	for _, k := range keys {
		v := strconv.FormatFloat(w[k], 'g', 4, 32)
		if f, _ := strconv.ParseFloat(v, 32); f == 0 {
			continue
		}
		fmt.Fprintf(&b, "\t0x%08x: %s,\n", k, v)
	}
	fmt.Fprintf(&b, "}\n")
	return b.Bytes()
}

// parseWeights reads back the weights modelSource wrote, as the finder
// will use them (rounded).
func parseWeights(src []byte) map[uint32]float64 {
	w := map[uint32]float64{}
	for _, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimSpace(line)
		k, v, ok := bytes.Cut(line, []byte(": "))
		if !ok || !bytes.HasPrefix(k, []byte("0x")) {
			continue
		}
		key, err1 := strconv.ParseUint(string(k[2:]), 16, 32)
		val, err2 := strconv.ParseFloat(string(bytes.TrimSuffix(v, []byte(","))), 32)
		if err1 == nil && err2 == nil {
			w[uint32(key)] = float64(float32(val))
		}
	}
	return w
}


// perceptron trains an averaged perceptron (Daumé's trick: w is the
// current weights, u their sum weighted by update time, the average is
// w - u/c) over the examples, epochs times, in an order shuffled with a
// fixed seed. An update moves toward the best-scoring right candidate and
// away from the predicted wrong one.
func perceptron(train []example) map[uint32]float64 {
	w, u := map[uint32]float64{}, map[uint32]float64{}
	c := 1.0
	rng := rand.New(rand.NewPCG(seed, seed))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := train[k]
			pred := argmax(w, ex)
			if !ex.right[pred] {
				gold, gs := -1, 0.0
				for i, fs := range ex.feats {
					if s := score(w, fs); ex.right[i] && (gold < 0 || s > gs) {
						gold, gs = i, s
					}
				}
				for _, f := range ex.feats[gold] {
					w[f]++
					u[f] += c
				}
				for _, f := range ex.feats[pred] {
					w[f]--
					u[f] -= c
				}
			}
			c++
		}
	}
	avg := map[uint32]float64{}
	for f, v := range w {
		if a := v - u[f]/c; a != 0 {
			avg[f] = a
		}
	}
	return avg
}
