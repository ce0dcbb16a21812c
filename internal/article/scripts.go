package article

import (
	"bytes"
	"encoding/binary"
	"io"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// dropScripts returns the page with the contents of its <script> and
// <style> elements removed (the tags stay), JSON-LD kept. Nearly half the
// bytes of a news page are scripts and style sheets, which the extractor
// never reads; golang.org/x/net/html reads them a byte at a time and keeps
// each as a text node, which was a third of the parse. The attributes the
// extractor never reads go too (readAttrs), and runs of white space
// between tags are shortened (squeeze).
//
// The page's tree must stay the same, less those texts (TestDropScripts
// compares the two trees on every real page, FuzzDropScripts on any
// input). So the scan follows x/net/html's tokenizer wherever an element
// starts: text, tags and their attribute values, comments, declarations,
// and the raw text of <script>, <style>, <textarea>, <title>, <xmp>,
// <iframe>, <noembed>, <noframes> and <noscript>, a script's to the end
// tag the escaped states find when it holds "<!--" (scriptEnd), and in
// <svg> or <math>, where the parser turns raw text off, a <title> or
// <style> as an element like any other. Where the tokenizer's rules
// depend on more than this scan follows, the rest of the page is left as
// it is: <plaintext>, a page that ends inside an element, and inside
// foreign content an element that leaves it, an integration point that
// holds more than text and comments, a CDATA section, or a raw-text
// element where the parser may have ignored the <svg> (in a frameset,
// after a <col> in a template). The scan reaches the end of each of the
// 332 real and test pages (TestScanFollowsRealPages); before it followed
// "<!-- -->" scripts and icons' <title>s, it stopped early on 23 of the
// 130 readability pages, whose parsed bytes went from 8.68 MB to 6.91 MB.
func dropScripts(data []byte) []byte {
	var out []byte
	for _, p := range keptPieces(data) {
		out = append(out, data[p.from:p.to]...)
	}
	return out
}

// withoutScripts is dropScripts as a reader over the kept pieces of the
// page, which the parser copies anyway: no second copy of the page.
// Its list of pieces comes from a pool, to which release returns it once
// the page is parsed.
func withoutScripts(data []byte) *piecesReader {
	sp := piecePool.Get().(*[]piece)
	*sp = appendKept((*sp)[:0], data)
	return &piecesReader{data: data, pieces: *sp, pool: sp}
}

var piecePool = sync.Pool{New: func() any { return new([]piece) }}

// release returns the reader's list of pieces to the pool: the reader
// must not be read after.
func (r *piecesReader) release() {
	if r.pool != nil {
		piecePool.Put(r.pool)
		r.data, r.pieces, r.pool = nil, nil, nil
	}
}

// piece is a span of the page, as offsets: a page is at most
// MaxFileBytes, decoded at most a few times that, and a list of offsets
// holds no pointers for the collector to scan.
type piece struct{ from, to int32 }

// keptPieces returns the pieces of data that dropScripts keeps, in order.
func keptPieces(data []byte) []piece {
	// Pages run about one kept piece every 170 bytes: one allocation for
	// most.
	return appendKept(make([]piece, 0, len(data)/128+4), data)
}

// appendKept is keptPieces appending to kept.
func appendKept(kept []piece, data []byte) []piece {
	s := scanner{b: data, kept: kept}
	s.run()
	return append(s.kept, piece{int32(s.copied), int32(len(data))})
}

type scanner struct {
	b      []byte
	i      int     // the read position
	kept   []piece // the pieces of b before copied that are kept
	copied int     // b[:copied] is in kept or dropped
	// foreign holds the open elements of foreign content (<svg>, <math>
	// and what they hold), where nothing is dropped and the parser turns
	// raw text off.
	foreign []string
	// unread holds the spans of the last tag's attributes that the
	// extractor never reads and that can go (see readAttrs), and whether
	// each is an href (read on a <link> only).
	unread []unreadAttr
	// template: a <template> was seen. mayIgnoreForeign: the parser may
	// ignore an <svg> or <math> from here on, as it does in a frameset and
	// after a <col> in a template; the scan does not follow either.
	template, mayIgnoreForeign bool
}

// drop removes b[from:to] from the output.
func (s *scanner) drop(from, to int) {
	if from > s.copied {
		s.kept = append(s.kept, piece{int32(s.copied), int32(from)})
	}
	s.copied = to
}

// piecesReader reads pieces of data one after the other.
type piecesReader struct {
	data   []byte
	pieces []piece
	pool   *[]piece // where pieces came from, for release
}

func (r *piecesReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && len(r.pieces) > 0 {
		c := copy(p[n:], r.data[r.pieces[0].from:r.pieces[0].to])
		n += c
		if r.pieces[0].from += int32(c); r.pieces[0].from == r.pieces[0].to {
			r.pieces = r.pieces[1:]
		}
	}
	if n == 0 && len(r.pieces) == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// byteClass sorts the bytes that end a tag's name, key or value: a
// table, since the scan asks of every byte of every tag.
var byteClass = func() (t [256]uint8) {
	for _, c := range " \n\r\t\f" {
		t[c] = classSpace
	}
	t['/'], t['>'], t['='] = classSlash, classClose, classEquals
	return t
}()

const (
	classSpace uint8 = 1 << iota
	classSlash
	classClose
	classEquals
)

func isHTMLSpace(c byte) bool { return byteClass[c] == classSpace }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// run scans from the start; it returns whether it followed the tokenizer
// to the end of the page, and otherwise stops where it no longer can (the
// rest is kept as it is).
func (s *scanner) run() (whole bool) {
	b := s.b
	text, inTag := 0, false // where the current text starts; whether a tag was read last
	for {
		if inTag {
			text, inTag = s.i, false
		}
		k := bytes.IndexByte(b[s.i:], '<')
		if k < 0 || s.i+k+1 >= len(b) {
			return true
		}
		s.i += k + 1
		c := b[s.i]
		if isLetter(c) || c == '/' || c == '!' || c == '?' {
			// The text ends where a tag, a comment or a declaration
			// starts; a '<' before anything else is text.
			s.squeeze(text, s.i-1)
			inTag = true
		}
		switch {
		case isLetter(c):
			if !s.startTag() {
				return false
			}
		case c == '/':
			s.i++
			if s.i >= len(b) {
				return false
			}
			switch c := b[s.i]; {
			case c == '>':
				s.i++
			case isLetter(c):
				name, _, _, ok := s.tag()
				if !ok {
					return false
				}
				if len(s.foreign) > 0 && !s.endForeign(lowerASCII(name)) {
					return false
				}
			default:
				if !s.untilCloseAngle() {
					return false
				}
			}
		case c == '!':
			s.i++
			if bytes.HasPrefix(b[s.i:], []byte("--")) {
				s.i += 2
				if !s.comment() {
					return false
				}
				continue
			}
			if len(s.foreign) > 0 && bytes.HasPrefix(b[s.i:], []byte("[CDATA[")) {
				return false
			}
			// A doctype or a bogus comment, both to the next '>'.
			if !s.untilCloseAngle() {
				return false
			}
		case c == '?':
			if !s.untilCloseAngle() {
				return false
			}
		}
	}
}

// squeeze shortens the text b[from:to] when it is white space only, four
// bytes or more (the indentation between tags, a quarter of what is left
// of a page): to its first two bytes and a third that is a line break if
// the rest holds one. The parser treats a white-space text alike whatever
// its length (it only asks whether a text is white space), except that it
// drops one line break (a "\r\n" as one) at the start of a <pre> or
// <listing>, after which some white space is still left. And the
// extractor reads white space as word breaks, and as line breaks where it
// holds one (a byline's lines): so its reading is the same.
func (s *scanner) squeeze(from, to int) {
	b := s.b
	if to-from < 4 {
		return
	}
	// Indentation runs eight spaces or tabs at a time.
	for i := from; i < to; {
		if i+8 <= to {
			if w := binary.LittleEndian.Uint64(b[i:]); w == 0x2020202020202020 || w == 0x0909090909090909 {
				i += 8
				continue
			}
		}
		if byteClass[b[i]] != classSpace {
			return
		}
		i++
	}
	// The first line break after two bytes, '\n' or '\r': two scans of
	// one byte each are faster than one of two.
	rest := b[from+2 : to]
	nl := -1
	if k := bytes.IndexByte(rest, '\n'); k >= 0 {
		rest, nl = rest[:k], from+2+k
	}
	if k := bytes.IndexByte(rest, '\r'); k >= 0 {
		nl = from + 2 + k
	}
	if nl < 0 {
		s.drop(from+3, to)
		return
	}
	if nl > from+2 {
		s.drop(from+2, nl)
	}
	if nl+1 < to {
		s.drop(nl+1, to)
	}
}

// tag reads a tag from its name (b[i] is its first letter) to its '>', as
// the tokenizer's readTag does, and returns its name, whether it closes
// itself, for a <script> whether an attribute value holds "json" or an
// entity (perhaps JSON-LD), and false at the end of the data.
func (s *scanner) tag() (name []byte, selfClosing, keep, ok bool) {
	b := s.b
	start := s.i
	for s.i++; s.i < len(b) && byteClass[b[s.i]]&(classSpace|classSlash|classClose) == 0; s.i++ {
	}
	if s.i >= len(b) {
		return nil, false, false, false
	}
	name = b[start:s.i]
	script := foldEqual(name, []byte("script"))
	// The end of the last attribute's value, for "/>": the tokenizer
	// compares with the last it keeps, the first of a repeated name; a
	// repeated last name makes a tag closing itself seem open here, which
	// only keeps the scan in foreign content longer.
	lastValEnd := -1
	ids := 0 // id attributes: the parser keeps the first of a repeated name
	s.unread = s.unread[:0]
	s.skipSpace()
	for {
		if s.i >= len(b) {
			return nil, false, false, false
		}
		if b[s.i] == '>' {
			s.i++
			break
		}
		// readTagAttrKey
		kStart := s.i
		for ; s.i < len(b); s.i++ {
			if k := byteClass[b[s.i]]; k != 0 && (k != classEquals || s.i != kStart) {
				break // an '=' before the name is part of it
			}
		}
		if s.i >= len(b) {
			return nil, false, false, false
		}
		key := b[kStart:s.i]
		// readTagAttrVal; aEnd: where the attribute ends, its key's end
		// when it has no value.
		vStart, vEnd, aEnd := s.i, s.i, s.i
		s.skipSpace()
		if s.i >= len(b) {
			return nil, false, false, false
		}
		switch c := b[s.i]; c {
		case '/':
			s.i++
		case '=':
			s.i++
			s.skipSpace()
			if s.i >= len(b) {
				return nil, false, false, false
			}
			switch q := b[s.i]; q {
			case '>':
			case '\'', '"':
				s.i++
				k := bytes.IndexByte(b[s.i:], q)
				if k < 0 {
					return nil, false, false, false
				}
				vStart, vEnd = s.i, s.i+k
				s.i += k + 1
			default:
				vStart = s.i
				for s.i++; s.i < len(b) && byteClass[b[s.i]]&(classSpace|classClose) == 0; s.i++ {
				}
				if s.i >= len(b) {
					return nil, false, false, false
				}
				vEnd = s.i
			}
			aEnd = s.i
		}
		if len(key) > 0 {
			lastValEnd = vEnd
			if v := b[vStart:vEnd]; script && (bytes.IndexByte(v, '&') >= 0 || containsFold(v, "json")) {
				keep = true
			}
			// An attribute goes with its key and value, after a space:
			// what is left reads as the other attributes did, unless an
			// '=' follows it (it would give a value to a key without
			// one before it). A '/' after it stays, for "/>".
			k, v := knownAttrs.get(key)
			if k == "id" {
				ids++
			}
			if aEnd < len(b) && isHTMLSpace(b[kStart-1]) && b[aEnd] != '=' {
				if v == 0 || k == "href" || k == "id" && plainName(b[vStart:vEnd]) {
					s.unread = append(s.unread, unreadAttr{kStart, aEnd, k == "href", k == "id"})
				}
			}
		}
		s.skipSpace()
	}
	if ids > 1 {
		// Dropping a plain id would give the element the next one.
		s.unread = slices.DeleteFunc(s.unread, func(u unreadAttr) bool { return u.id })
	}
	// readStartTag: "/>" closes the tag unless the '/' ends an unquoted
	// value (<p a=/>).
	end := s.i - 2
	selfClosing = end > start && b[end] == '/' && (lastValEnd < 0 || end != lastValEnd-1)
	return name, selfClosing, keep, true
}

func (s *scanner) skipSpace() {
	for s.i < len(s.b) && isHTMLSpace(s.b[s.i]) {
		s.i++
	}
}

// readAttrs are the attributes the extractor reads (html.go, body.go,
// blocks.go) or the parser asks of an HTML element (<input type>): the
// others are dropped with their values before parsing (data-*, style,
// srcset, on*…: a sixth of a page's bytes, each copied twice by the
// tokenizer), and so is href except on a <link> (the canonical URL's):
// the links' addresses are never read, and an id the extractor reads no
// word of (plainName; a class stays, whose whole value is compared). A new
// attribute read must be added here, or the extractor never sees it
// (TestDropScriptsKeepsArticle).
var readAttrs = map[string]bool{"class": true, "id": true, "content": true, "datetime": true,
	"href": true, "itemprop": true, "itemscope": true, "itemtype": true, "pubdate": true, "rel": true,
	"type": true, "property": true, "name": true, "hidden": true, "aria-hidden": true, "role": true}

// plainName reports whether an id, as the page writes it, is one the
// extractor reads no word of: ASCII, without a character reference, NUL
// or carriage return (which the tokenizer would change), and without any
// of the words and parts of words it looks for in ids (nameKinds,
// nameHints). Classes stay whole: isModTime and holdsEmbeddedPost read
// other parts of words in them.
func plainName(v []byte) bool {
	for _, c := range v {
		if c >= utf8.RuneSelf || c == '&' || c == 0 || c == '\r' {
			return false
		}
	}
	// The page's bytes, read as a string for the while: nothing changes
	// them.
	s := unsafe.String(unsafe.SliceData(v), len(v))
	if nameHints(s) != 0 || nameKinds(s) != 0 {
		return false
	}
	return true
}

type unreadAttr struct {
	from, to int
	href, id bool
}

// knownAttrs is readAttrs as a nameSet.
var knownAttrs = func() *nameSet {
	t := &nameSet{}
	for k := range readAttrs {
		t.add(k, 1)
	}
	return t
}()

// nameSet is a set of tag or attribute names (ASCII lower case, up to 15
// bytes, starting with a letter) each with a value, looked up in any case
// without a string made or hashed: by length and first letter, then
// compared. The scan asks it of every tag and attribute of a page.
type nameSet struct {
	buckets [16][26][]nameEntry
}

type nameEntry struct {
	name string
	v    uint8
}

func (t *nameSet) add(name string, v uint8) {
	b := &t.buckets[len(name)][name[0]-'a']
	for i := range *b {
		if (*b)[i].name == name {
			(*b)[i].v |= v
			return
		}
	}
	*b = append(*b, nameEntry{name, v})
}

// get returns the entry named b in any case, or "" and 0.
func (t *nameSet) get(b []byte) (string, uint8) {
	if len(b) == 0 || len(b) >= len(t.buckets) {
		return "", 0
	}
	c := b[0] | 0x20 // lower case, for a letter
	if c < 'a' || c > 'z' {
		return "", 0
	}
	for _, e := range t.buckets[len(b)][c-'a'] {
		if equalFold(b, e.name) {
			return e.name, e.v
		}
	}
	return "", 0
}

// keepsAttrs are the HTML elements whose attributes all stay: the parser
// compares a formatting element's attributes with those of the
// formatting elements open before it (the "Noah's Ark" clause: a fourth
// identical one drops the first from the list it reopens elements from),
// so dropping some could make different ones alike. Not <a>: a new <a>
// first closes any <a> still in that list (since its last marker), so
// the clause never finds another one to compare. (In foreign content,
// <font>'s attributes would matter, but the scan stops at a <font>
// there, and <annotation-xml>'s keep its encoding.)
var keepsAttrs = map[string]bool{"b": true, "big": true, "code": true, "em": true,
	"font": true, "i": true, "nobr": true, "s": true, "small": true, "strike": true, "strong": true,
	"tt": true, "u": true}

// rawTags are the elements whose contents the tokenizer reads as text up
// to their end tag.
var rawTags = map[string]bool{"script": true, "style": true, "textarea": true, "title": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true}

// breakout are the start tags that end foreign content (the HTML
// standard's list; <font> only with some attributes, here always).
var breakout = map[string]bool{"b": true, "big": true, "blockquote": true, "body": true, "br": true,
	"center": true, "code": true, "dd": true, "div": true, "dl": true, "dt": true, "em": true, "embed": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true, "hr": true, "i": true,
	"img": true, "li": true, "listing": true, "menu": true, "meta": true, "nobr": true, "ol": true, "p": true,
	"pre": true, "ruby": true, "s": true, "small": true, "span": true, "strong": true, "strike": true,
	"sub": true, "sup": true, "table": true, "tt": true, "u": true, "ul": true, "var": true, "font": true}

// startTag reads a start tag and, for a raw-text element, its contents up
// to its end tag; it returns false where the scan stops.
func (s *scanner) startTag() bool {
	name, selfClosing, keep, ok := s.tag()
	if !ok {
		return false
	}
	lower, kind := knownTags.get(name)
	if len(s.foreign) > 0 {
		if lower == "" {
			lower = lowerASCII(name)
		}
		if !s.startForeign(lower, selfClosing) {
			return false
		}
		if lower != "annotation-xml" { // whose encoding makes it an integration point
			s.dropUnread(lower)
		}
		return true
	}
	if kind&tagKeepsAttrs == 0 {
		s.dropUnread(lower)
	}
	if kind&tagIgnoresForeign != 0 {
		switch lower {
		case "template":
			s.template = true
		case "col":
			s.mayIgnoreForeign = s.mayIgnoreForeign || s.template
		case "frameset":
			s.mayIgnoreForeign = true
		}
	}
	switch {
	case kind&tagForeign != 0:
		if !selfClosing {
			s.foreign = append(s.foreign, lower)
		}
		return true
	case lower == "plaintext":
		return false
	case kind&tagRaw == 0:
		return true
	}
	// The tokenizer reads raw text even after "<script/>".
	var end int
	if lower == "script" {
		end = scriptEnd(s.b, s.i)
	} else {
		end = rawEnd(s.b, s.i, lower)
	}
	if end < 0 {
		return false
	}
	if (lower == "script" || lower == "style") && !keep {
		s.drop(s.i, end)
	}
	s.i = end
	return true
}

// dropUnread drops the unread attributes of the last tag, named name.
func (s *scanner) dropUnread(name string) {
	for _, a := range s.unread {
		if !a.href || name != "link" {
			s.drop(a.from, a.to)
		}
	}
}

// rawEnd returns where the end tag of the raw-text element name starts at
// or after i: "</name" (any case) followed by a space, '/' or '>'; -1 if
// there is none.
func rawEnd(b []byte, i int, name string) int {
	for {
		k := bytes.Index(b[i:], []byte("</"))
		if k < 0 {
			return -1
		}
		j := i + k + 2
		if j+len(name) < len(b) && equalFold(b[j:j+len(name)], name) {
			if c := b[j+len(name)]; isHTMLSpace(c) || c == '/' || c == '>' {
				return i + k
			}
		}
		i += k + 1
	}
}

// scriptEnd returns where a script's end tag starts at or after i, as the
// tokenizer's readScript finds it: after a "<!--" in the script, an end
// tag inside "<script>…</script>" does not end it (the escaped and double
// escaped states); -1 if the page ends first. Old pages wrap their
// scripts in "<!-- … -->" (a sixth of the real pages), and the scan
// stopped at them.
func scriptEnd(b []byte, i int) int {
	// The states follow readScript's labels; i is the read position, and
	// endTag reads "script" and the byte after it from i as its
	// readRawEndTag does: true with the end tag's start, or false with
	// the position of the first byte that differs.
	endTag := func(i int) (int, bool, bool) {
		for k := 0; k < len("script"); k++ {
			if i >= len(b) {
				return i, false, false
			}
			if c := b[i]; c != "script"[k] && c != "SCRIPT"[k] {
				return i, false, true
			}
			i++
		}
		if i >= len(b) {
			return i, false, false
		}
		switch b[i] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return i - len("</script"), true, true
		}
		return i, false, true
	}
	var c byte
	var ok, more bool
	next := func() bool {
		if i >= len(b) {
			return false
		}
		c = b[i]
		i++
		return true
	}
scriptData:
	// Most of a script: nothing but '<' changes the state.
	if k := bytes.IndexByte(b[i:], '<'); k < 0 {
		return -1
	} else {
		i += k + 1
	}
	if !next() {
		return -1
	}
	switch c {
	case '/':
		if i, ok, more = endTag(i); ok {
			return i
		} else if !more {
			return -1
		}
		goto scriptData
	case '!':
		goto escapeStart
	}
	i--
	goto scriptData

escapeStart:
	if !next() {
		return -1
	}
	if c != '-' {
		i--
		goto scriptData
	}
	if !next() {
		return -1
	}
	if c != '-' {
		i--
		goto scriptData
	}
	goto escapedDashDash

escaped:
	if !next() {
		return -1
	}
	switch c {
	case '-':
		goto escapedDash
	case '<':
		goto escapedLessThan
	}
	goto escaped

escapedDash:
	if !next() {
		return -1
	}
	switch c {
	case '-':
		goto escapedDashDash
	case '<':
		goto escapedLessThan
	}
	goto escaped

escapedDashDash:
	if !next() {
		return -1
	}
	switch c {
	case '-':
		goto escapedDashDash
	case '<':
		goto escapedLessThan
	case '>':
		goto scriptData
	}
	goto escaped

escapedLessThan:
	if !next() {
		return -1
	}
	if c == '/' {
		if i, ok, more = endTag(i); ok {
			return i
		} else if !more {
			return -1
		}
		goto escaped
	}
	if isLetter(c) {
		i--
		for k := 0; k < len("script"); k++ {
			if !next() {
				return -1
			}
			if c != "script"[k] && c != "SCRIPT"[k] {
				i--
				goto escaped
			}
		}
		if !next() {
			return -1
		}
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			goto doubleEscaped
		}
		i--
		goto escaped
	}
	i--
	goto scriptData

doubleEscaped:
	if !next() {
		return -1
	}
	switch c {
	case '-':
		goto doubleEscapedDash
	case '<':
		goto doubleEscapedLessThan
	}
	goto doubleEscaped

doubleEscapedDash:
	if !next() {
		return -1
	}
	switch c {
	case '-':
		goto doubleEscapedDashDash
	case '<':
		goto doubleEscapedLessThan
	}
	goto doubleEscaped

doubleEscapedDashDash:
	if !next() {
		return -1
	}
	switch c {
	case '-':
		goto doubleEscapedDashDash
	case '<':
		goto doubleEscapedLessThan
	case '>':
		goto scriptData
	}
	goto doubleEscaped

doubleEscapedLessThan:
	if !next() {
		return -1
	}
	if c != '/' {
		i--
		goto doubleEscaped
	}
	if i, ok, more = endTag(i); ok {
		// The end tag ends the inner script only: on past it.
		i += len("</script>")
		goto escaped
	} else if !more {
		return -1
	}
	goto doubleEscaped
}

// integrationPoints are the foreign elements whose contents the parser
// reads as HTML.
var integrationPoints = map[string]bool{"foreignobject": true, "desc": true, "title": true,
	"mi": true, "mo": true, "mn": true, "ms": true, "mtext": true, "annotation-xml": true}

// startForeign follows a start tag in foreign content, where every element
// is a foreign one until a tag leaves it: it returns false (the scan stops)
// for a raw-text element or one that ends the foreign content, and for an
// integration point that holds more than text.
func (s *scanner) startForeign(name string, selfClosing bool) bool {
	// In foreign content the parser turns raw text off, so a <title> or
	// a <style> there (an icon's, in most pages that have an <svg>) is an
	// element like any other. Not where the parser may have ignored the
	// <svg> or <math>, where such a tag is an HTML one.
	if breakout[name] || rawTags[name] && s.mayIgnoreForeign {
		return false
	}
	if selfClosing {
		return true
	}
	if integrationPoints[name] {
		// Only text and comments, up to the element's own end tag.
		for {
			k := bytes.IndexByte(s.b[s.i:], '<')
			if k < 0 {
				return false
			}
			s.i += k
			if bytes.HasPrefix(s.b[s.i:], []byte("<!--")) {
				if s.i += 4; !s.comment() {
					return false
				}
				continue
			}
			if rawEnd(s.b, s.i, name) != s.i {
				return false
			}
			break
		}
	}
	s.foreign = append(s.foreign, name)
	return true
}

// endForeign follows an end tag in foreign content: as the parser does, it
// closes the innermost open element of its name. It returns false for an
// end tag that the parser would give to the HTML rules: </p>, </br>, or
// one that closes no foreign element.
func (s *scanner) endForeign(name string) bool {
	if name == "p" || name == "br" {
		return false
	}
	for k := len(s.foreign) - 1; k >= 0; k-- {
		if s.foreign[k] == name {
			s.foreign = s.foreign[:k]
			return true
		}
	}
	return false
}

// comment reads a comment after its "<!--" as the tokenizer's readComment
// does: it ends at "-->", "--!>", or at once for "<!-->" and "<!--->".
func (s *scanner) comment() bool {
	b := s.b
	dashes, beginning := 0, true
	for ; s.i < len(b); s.i++ {
		switch b[s.i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				s.i++
				return true
			}
		case '!':
			if dashes >= 2 {
				s.i++
				if s.i >= len(b) {
					return false
				}
				if b[s.i] == '>' {
					s.i++
					return true
				}
				if b[s.i] == '-' {
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	return false
}

func (s *scanner) untilCloseAngle() bool {
	k := bytes.IndexByte(s.b[s.i:], '>')
	if k < 0 {
		return false
	}
	s.i += k + 1
	return true
}

// knownTags are the tag names the scan asks about, with what it asks of
// them; any other name's is "" and 0.
var knownTags = func() *nameSet {
	t := &nameSet{}
	for _, x := range []struct {
		set  map[string]bool
		kind uint8
	}{{rawTags, tagRaw}, {breakout, 0}, {integrationPoints, 0}, {keepsAttrs, tagKeepsAttrs},
		{map[string]bool{"svg": true, "math": true}, tagForeign}, {map[string]bool{"link": true, "a": true}, 0},
		{map[string]bool{"template": true, "col": true, "frameset": true}, tagIgnoresForeign}} {
		for k := range x.set {
			t.add(k, x.kind)
		}
	}
	return t
}()

// What the scan asks of a tag name.
const (
	tagRaw            uint8 = 1 << iota // in rawTags
	tagKeepsAttrs                       // in keepsAttrs
	tagForeign                          // <svg> or <math>
	tagIgnoresForeign                   // see scanner.mayIgnoreForeign
)

// lowerASCII returns a tag name in lower case; the names the scan asks
// about are short, and the common ones come back without allocating.
func lowerASCII(b []byte) string {
	var buf [16]byte
	if len(b) > len(buf) {
		out := make([]byte, len(b))
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out[i] = c
		}
		return string(out)
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(b)])
}

// containsFold reports whether s holds sub (ASCII lower case) in any case.
func containsFold(s []byte, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if equalFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// equalFold reports whether b is lower, ASCII letters in any case, as the
// tokenizer compares tag and attribute names.
func equalFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// foldEqual reports whether a and b are the same, ASCII letters in any
// case.
func foldEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
