// Package bundle lays out the static site in dist/: it minifies the web
// files of www/ (HTML, CSS, JavaScript, JSON, SVG) with tdewolff/minify,
// adds the generated files (engine, index, article data), and writes a
// brotli and a gzip copy beside every file worth compressing, so that a
// plain static server or CDN can send the smallest one.
package bundle
