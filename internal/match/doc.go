// Package match answers a selection with every article of the corpus that
// carried it. It is the hot path, shared by the CLI and the wasm engine.
//
// A lookup normalizes the selection with textnorm (keeping only the words
// inside quotation marks when the selection holds quoted words and their
// attribution), collects candidate quotations through an inverted index
// of their tokens, rarest tokens first, and aligns each candidate with the
// selection (align.go): a longest common subsequence weighted by each
// token's rarity in the corpus, with partial credit for a word or two
// substituted between aligned words ("handle … with prudence" / "treat …
// with caution"). The score is containment: the share of the selection's
// weight that the candidate covers, so a short selection inside a long
// quotation is a full match. Quotations that the build grouped into one
// utterance (group.go) are returned together, each in its outlet's
// wording. Selections that are no quotation are looked for in the
// articles' plain text.
//
// The engine owns its cut-off: below it nothing is returned.
package match
