// Command wasm is the quotetrail engine for the browser (GOOS=js
// GOARCH=wasm). It is syscall/js glue only: it reads the index bytes that
// the page's script handed over, and answers lookups through one function,
// quotetrail.engine.lookup(text), with the same matcher the command line
// uses. It links none of goquery, minify, fmt, encoding/json or net/http
// (deps_test.go checks), to stay small.
package main
