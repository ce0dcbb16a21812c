// Package eval measures the quote finder and the article extractor against
// real annotated data in ../shared/data:
//
//   - PolNeAR (polnear.go): direct quotations and their speakers against
//     brat attribution annotations;
//   - real pages (pages.go): metadata against mozilla/readability's
//     expected-metadata.json (and, in the "checked" rows, against dates
//     and bylines read by hand on the pages where those files are wrong or
//     silent: testdata/readability-dates.json, readability-bylines.json),
//     body text against scrapinghub's ground-truth.json (word-level
//     precision and recall);
//   - the seed gold file (seeds.go): every quotation of the five seed
//     articles with its speaker, channel and cue, checked by hand.
//
// The command `quotetrail eval` prints these; the tests keep them honest.
package eval
