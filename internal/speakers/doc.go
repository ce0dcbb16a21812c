// Package speakers gives each quotation's speaker one name across a whole
// corpus: the fullest form the corpus knows for that person ("Donald
// Trump" for an article's "Trump" or "Mr. Trump"), found conservatively.
// A name is completed only when one fuller name extends it (the same
// surname, its words in order, titles such as "Mr." or "President" set
// aside), or, when several compete ("Donald Trump" and "Lara Trump"),
// when the quotations of the same utterance in other outlets settle
// which; never when the article's own text gives the surname another
// first name. Organisations, groups and phrases are not people and keep
// their names. Corpus works on names alone (and the articles' text), so
// the build (internal/build) can run it over every quotation once the
// utterances are grouped; Mention finds, at lookup, the outlet's own
// name for a speaker the corpus names in full.
package speakers
