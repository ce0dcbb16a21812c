// Package serve serves a built site (dist/): files with their right MIME
// types (application/wasm for the engine, so browsers can compile it while
// it downloads), precompressed .br or .gz siblings when the browser
// accepts them, and no caching surprises while developing.
//
// Publishers copy how the project serves its site, so it serves only the
// site, and gives no client a way to hold it up:
//
//   - Files are opened through an os.Root on the folder: no "..", no
//     symbolic link and no absolute path reaches a file outside it (a
//     link that stays inside is followed). The root is opened per request,
//     because `quotetrail build` deletes and rewrites dist/ under a
//     running server.
//   - Any path segment that starts with a dot (.git, .env, .well-known) is
//     404: a built site has none, and a publisher's folder may.
//   - A folder is served by its index.html or not at all: never listed.
//   - Only regular files are served; paths over MaxPath bytes get 414, and
//     every file-system error is 404 (403 where reading is not permitted),
//     never 500, so a probe learns nothing about what lies outside.
//   - Accept-Encoding weights are honoured (RFC 9110): q=0, q=0.0 and
//     q=0.000 refuse a coding, a malformed weight counts as 0, and the
//     preferred of br and gzip is served (brotli on a tie).
//   - HTML pages carry PagePolicy as Content-Security-Policy (what the demo
//     loads and nothing else) and every response Referrer-Policy:
//     no-referrer. Engine, loader and index keep Access-Control-Allow-Origin
//     "*": the widget runs on other origins. All responses are nosniff and
//     Vary: Accept-Encoding.
//   - NewServer returns an http.Server with header, read, write and idle
//     timeouts and a small header limit (Config sets them; zero means the
//     defaults), so slow or silent clients are disconnected.
//
// Tests: testdata/probes.txt lists the requests that must not reach a file
// (dotfiles, links out, escapes, listings) and testdata/accept-encoding.txt
// the encoding each header gets; the timeout tests run 50 dribbling
// clients, a client that never reads and an idle kept-alive connection on
// 127.0.0.1 against short timeouts, and wait for the server to close them.
package serve
