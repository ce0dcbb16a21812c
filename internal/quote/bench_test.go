package quote

import (
	"strings"
	"testing"
)

// BenchmarkLongParagraph runs the finder on 200 KB paragraphs made of one
// short unit repeated (what a one-line text file or a page without <p>
// gives): it must stay linear. Before frames, cues and look-arounds were
// bounded, "He said "a b." Then …" took 9 s at 60 KB.
func BenchmarkLongParagraph(b *testing.B) {
	for _, unit := range []string{`He said "a b." Then `, `"Fox News" x `, `"Go!" Then `} {
		p := strings.Repeat(unit, 200000/len(unit))
		b.Run(strings.Fields(unit)[0], func(b *testing.B) {
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				Find([]string{p})
			}
		})
	}
}
