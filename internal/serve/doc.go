// Package serve serves a built site (dist/): files with their right MIME
// types (application/wasm for the engine, so browsers can compile it while
// it downloads), precompressed .br or .gz siblings when the browser
// accepts them, and no caching surprises while developing.
package serve
