package match

import "slices"

// Fingerprints for the text match of a folder index: the winnowed hashes
// of word trigrams (Schleimer, Wilkerson and Aiken, "Winnowing: local
// algorithms for document fingerprinting", 2003). Of every window of
// printWindow consecutive trigram hashes the least is kept (the rightmost
// of equals), so a text keeps about 2/(printWindow+1) hashes a word, and
// two texts that share a run of PrintWords words share every hash the run
// keeps on its own: each of its windows lies in both texts, whole, and
// picks the same trigram in each. A selection of PrintWords words or more
// that stands word for word in a paragraph therefore has all its
// fingerprints among the paragraph's, and the paragraphs holding them all
// are a superset of those the text match looks for (containsRun decides).
const (
	printGram   = 3
	printWindow = 4
	// PrintWords is the shortest selection whose text match reads
	// fingerprints; shorter ones read their words' paragraph postings.
	PrintWords = printGram + printWindow - 1
)

// gramHash is FNV-1a, 32 bits, of the trigram's words joined by spaces
// (normalized words hold none).
func gramHash(words []string) uint32 {
	h := uint32(2166136261)
	for i, w := range words {
		if i > 0 {
			h = (h ^ ' ') * 16777619
		}
		for j := 0; j < len(w); j++ {
			h = (h ^ uint32(w[j])) * 16777619
		}
	}
	return h
}

// fingerprints returns the winnowed trigram hashes of a word sequence,
// sorted and distinct; none for fewer than PrintWords words.
func fingerprints(words []string) []uint32 {
	n := len(words) - printGram + 1
	if n < printWindow {
		return nil
	}
	hs := make([]uint32, n)
	for i := range hs {
		hs[i] = gramHash(words[i : i+printGram])
	}
	var out []uint32
	last := -1
	for s := 0; s+printWindow <= n; s++ {
		m := s
		for j := s + 1; j < s+printWindow; j++ {
			if hs[j] <= hs[m] {
				m = j
			}
		}
		if m != last {
			out = append(out, hs[m])
			last = m
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
