package index

import (
	"io"
	"strconv"
	"strings"
)

// Dump writes x as readable text, one line per article and quotation, for
// looking into an index and for diffs in tests.
func Dump(w io.Writer, x *Index) error {
	var b strings.Builder
	b.WriteString("quotetrail index v" + strconv.Itoa(Version) + ": " + strconv.Itoa(len(x.Articles)) + " articles, " + strconv.Itoa(len(x.Quotes)) + " quotations\n")
	for i, a := range x.Articles {
		b.WriteString("article " + strconv.Itoa(i) + " " + a.Stem + " | " + a.Outlet + " | " + a.Published + " | " + a.URL + " | " + strconv.Itoa(len(a.Paragraphs)) + " paragraphs")
		if len(x.Syndication) == len(x.Articles) {
			if s := x.Syndication[i]; s.Republishes != "" || s.Reuses >= 0 {
				b.WriteString(" | republishes " + strconv.Quote(s.Republishes) + ", reuses a" + strconv.Itoa(s.Reuses) + ", shared " + strconv.FormatBool(s.Shared) + ", report a" + strconv.Itoa(s.Report))
			}
		}
		b.WriteString("\n")
	}
	for i, q := range x.Quotes {
		b.WriteString("quote " + strconv.Itoa(i) + " a" + strconv.Itoa(q.Article) + " p" + strconv.Itoa(q.Paragraph) + " u" + strconv.Itoa(q.Utterance) + " " + strconv.Quote(q.Text) +
			" speaker=" + strconv.Quote(q.Speaker) + " channel=" + strconv.Quote(q.Channel) + " cue=" + strconv.Quote(q.Cue) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
