package quote

import (
	"strings"
	"testing"
)

// BenchmarkLongParagraph is a transcript-like paragraph of 60 KB with 3,000
// quotations in one "sentence": the finder must stay linear in it (it was
// 9 s before frames and cues were computed once per sentence).
func BenchmarkLongParagraph(b *testing.B) {
	p := strings.Repeat(`He said "a b." Then `, 3000)
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		Find([]string{p})
	}
}
