// Package build turns a corpus folder into an index: each file is read
// into an article (internal/article), its quotations are found
// (internal/quote), occurrences of one utterance across articles are
// grouped (internal/match), and the result is an index.Index. A file that
// cannot be used is reported with the reason and the others are built.
package build
