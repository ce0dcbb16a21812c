// Package match answers a selection with every article of the corpus that
// carried it. It is the hot path, shared by the CLI and the wasm engine.
//
// A lookup normalizes the selection with textnorm (keeping only the words
// inside quotation marks when the selection holds quoted words and their
// attribution) and gathers candidates (engine.go): each of its words adds
// its weight (its rarity) to every distinct quotation text holding it;
// texts that cannot reach the cut-off are dropped and the best
// MaxCandidates by shared weight are aligned with the selection
// (align.go): a longest common subsequence weighted by rarity, with
// partial credit for a word or two substituted between aligned words
// ("handle … with prudence" / "treat … with caution"). The score is
// containment: the share of the selection's weight that the candidate
// covers, so a short selection inside a long quotation is a full match.
// Quotations printed word for word by several articles are aligned once.
// Quotations that the build grouped into one utterance (group.go) are
// returned together, each in its outlet's wording, with the words that
// differ from the selection (entry.go). Grouping searches, from each
// distinct quotation text, the texts of other articles sharing its rarest
// words, walking a bounded number of postings (groupPostings), so that the
// build grows linearly with the number of quotations. Selections that are
// no quotation are looked for in the articles' plain text through postings
// of the paragraphs holding their rarest word. Tokenize (group.go) stores every
// paragraph's and quotation's tokens in the index at build time, so that
// loading an index does no tokenizing.
//
// A selection that holds a quotation among other words (its attribution,
// the next sentence, words cut at its edges) is answered for that
// quotation's words, as if they had been selected alone, when that loses
// none of the articles the whole selection found, and says so
// (Result.Focus; focus.go). Words outside quotation marks are a passage
// only when they weigh enough to identify one (distinctive, focus.go).
// Rewordings are grouped only between articles published within
// OccasionDays of each other (group.go); when the selection is a
// quotation of the corpus word for word, another utterance's wording is
// returned only from an article dated within OccasionDays of the exact
// match's; where a date is missing, only as a quotation in part, never as
// a rewording (sameOccasionAs, engine.go). Each
// entry says how the outlet's text stands to the selection
// (Entry.Wording) and marks the words spelled otherwise (Entry.Spelled)
// and the words reworded (Entry.Differs).
//
// The engine owns its cut-off: below it nothing is returned (Accept of
// the selection for a quotation that matches it; SiblingFloor for a
// quotation wholly inside a longer selection, or another wording of a
// matched utterance).
package match
