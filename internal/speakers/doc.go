// Package speakers gives each quotation's speaker one name across a whole
// corpus: the fullest form the corpus knows for that person ("Donald
// Trump" for an article's "Trump" or "Mr. Trump"), found conservatively.
// A name is completed only when one fuller name extends it (the same
// surname, its words in order, titles such as "Mr." or "President" set
// aside), or, when several compete ("Donald Trump" and "Lara Trump"),
// when the quotations of the same utterance in other outlets settle
// which. Organisations and groups are not people and keep their names.
// It works on names alone, so the build (internal/build) can run it over
// every quotation once the utterances are grouped.
package speakers
