// Package syndicate finds which articles of a corpus are copies of
// another report: republished under a credit (a byline or credit line that
// names another outlet: "Kelly Ng and Tessa Wong, BBC News", "WASHINGTON
// (Reuters) -", "Source: AFP", "This article originally appeared in …"),
// or whose text closely reuses another outlet's article (shared word
// shingles over the narrative, quotations left out). The card uses it to name the original
// ("The Rising Nepal, republishing BBC News") and to count independent
// reports apart from copies.
//
// Credits are read only where outlets put them: the byline, the first
// paragraphs (a "By …" line, a dateline) and short lines at the end; an
// outlet named in the text ("according to the official Xinhua news
// agency") is a source of words, not of the article. A name is taken as
// an outlet when it is a known news agency or reads like a news outlet's
// name (capitalized words, one of them a word outlets are named with:
// News, Times, Post, Press, Agency…), and never when it is the carrying
// outlet itself.
//
// Reuse compares the articles of different outlets by sampled 5-word
// shingles of their narrative (the words outside quotation marks:
// independent reports of one event quote the same people word for word,
// a copy shares the sentences around the quotations too): the share of
// the smaller article's shingles that the other holds (containment). The threshold (Threshold) is set on real data:
// BASIL's 100 events, each reported independently by three outlets, and
// the seed articles (see syndicate_test.go). The later article reuses the
// earlier; when their dates are the same or unknown, the two share their
// text and neither is said to copy the other.
//
// The package uses the standard library and internal/index only.
package syndicate
