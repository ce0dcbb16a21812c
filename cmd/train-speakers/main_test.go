package main

import (
	"bytes"
	"os"
	"testing"
)

// TestModelFileIsTrainersOutput retrains the ranker on PolNeAR train and
// checks that the committed model is what the trainer writes, byte for
// byte: the file is reproducible, and not stale after a change to the
// features. It is skipped where ../shared is absent.
func TestModelFileIsTrainersOutput(t *testing.T) {
	const dir = "../../../shared/data/polnear/train"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is absent: skipping", dir)
	}
	got, st, err := Train(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d examples, %d weights, train accuracy %.3f", st.Examples, st.Weights, st.TrainAccuracy)
	want, err := os.ReadFile("../../internal/quote/ranker_model.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("internal/quote/ranker_model.go is not what the trainer writes (%d bytes against %d): run make train", len(want), len(got))
	}
	again, _, err := Train(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Errorf("two trainings gave different files")
	}
}

// TestTrainLearnsTheRightCandidate trains on a made-up set where
// feature 1 marks the right candidate and feature 2 a wrong one that
// comes first: the model must learn to prefer feature 1.
func TestTrainLearnsTheRightCandidate(t *testing.T) {
	var exs []example
	for i := 0; i < 20; i++ {
		exs = append(exs, example{feats: [][]uint32{{2, 3}, {1, 3}}, right: []bool{false, true}})
	}
	if a := accuracy(exs, nil); a != 0 {
		t.Fatalf("an empty model picks the first candidate: accuracy %.2f, want 0", a)
	}
	w := train(exs)
	if a := accuracy(exs, w); a != 1 {
		t.Errorf("trained accuracy %.2f, want 1 (weights %v)", a, w)
	}
	if w[1] <= w[2] {
		t.Errorf("weight of the right feature %.2f not above the wrong one's %.2f", w[1], w[2])
	}
}
