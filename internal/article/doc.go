// Package article turns a news page into an Article: its metadata (outlet,
// canonical URL, title, byline, publication date) and its body as plain
// paragraphs with the page furniture (navigation, share bars, related
// links, comment policies, polls, source lines) dropped.
//
// html.go reads HTML with goquery: metadata from JSON-LD first (CDATA
// wrappers stripped), then Open Graph, Dublin Core and article meta tags,
// then the document itself (title, h1, a <time> marked as the
// publication's, rel=author and byline- or author-named elements outside
// the comments, and last the URL's /YYYY/MM/DD/ for the date); a date
// inside a microdata item the article embeds (a video) is that item's
// and not read. A meta property's value comes before a meta name's for
// the same key. Dates are
// publication dates only: never a modification date or a copyright year,
// and a page that gives none has none. body.go and blocks.go find the
// article body as readability does, on text blocks rather than <p> alone
// (paragraphs in <div>s, loose lines between <br>s, lists, sub-headings,
// tables, embedded posts): blocks score their containers by length and
// commas, weighed by class names and down by link text; the best
// container, with the siblings that score near it, is the article, less
// link lists and furniture lines. Furniture named by class and id is left
// out in a strict pass; when that pass finds little text, a lenient pass
// that leaves out only readers' comments is taken if it finds much more.
// scripts.go drops the texts of scripts and style sheets (JSON-LD aside)
// before parsing, with the attributes the extractor never reads (and the
// ids it reads no word of), and shortens the white space between tags,
// following the tokenizer so that the tree is the same less those texts
// and attributes and with shorter white space: together they are nearly
// three quarters of a page's bytes. tags.go answers the walks' questions
// about an element's tag from its atom.
// text.go reads plain text files (one paragraph a line). file.go checks a
// file before parsing it (empty, binary, huge, badly encoded) so that every
// file gives either an Article or an error that says why.
package article
