// Package article turns a news page into an Article: its metadata (outlet,
// canonical URL, title, byline, publication date) and its body as plain
// paragraphs with the page furniture (navigation, share bars, related
// links, comment policies, polls, source lines) dropped.
//
// html.go reads HTML with goquery: metadata from JSON-LD first, then Open
// Graph and article meta tags, then the document itself (title, h1, time
// and rel=author elements). body.go finds the article body: the element
// whose paragraphs hold the most text, after removing furniture by element
// kind, by class and id words, and by the wording of furniture lines.
// text.go reads plain text files (one paragraph a line). file.go checks a
// file before parsing it (empty, binary, huge, badly encoded) so that every
// file gives either an Article or an error that says why.
package article
