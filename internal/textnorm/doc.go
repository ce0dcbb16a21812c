// Package textnorm is the one normalization shared by the build, the CLI and
// the wasm engine, so that they can never disagree about whether two strings
// say the same words.
//
// Tokens folds text to comparable word tokens: Unicode quote marks, dashes
// and common Latin diacritics are folded, case is dropped, dotted and
// capitalised abbreviations ("U.S.", "US", "UK") expand to their words,
// spelling variants ("towards", "realise") map to one form, and a light
// suffix stemmer removes plurals and possessives. Every token keeps the byte
// span of the source word it came from, so callers can mark words in the
// original text.
//
// The package uses the standard library only: it is linked into the wasm.
package textnorm
