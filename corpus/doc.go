// Package corpus holds the default corpus: the five seed articles of
// ../shared/seeds as HTML pages shaped like the outlets' real pages (head
// metadata, JSON-LD, navigation, share bars, related links, comment
// policies, polls, source lines). Its test checks that the article text the
// build extracts is the seed text word for word.
package corpus
