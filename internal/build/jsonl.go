package build

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"quotetrail/internal/article"
)

// maxLine bounds one JSON line: a page of article.MaxFileBytes with its
// quotes and non-ASCII characters escaped.
const maxLine = 2 * article.MaxFileBytes

// jsonlItems yields the lines of a JSON Lines file as items, one article
// a line; blank lines are passed over. A line too long, or a file whose
// gzip data is damaged or cut short, gives an item with the reason; the
// lines before it are kept. It returns false when yield asked to stop.
func jsonlItems(path string, fi int, yield func(Item) bool) bool {
	base := Item{File: path, Kind: JSONL, file: fi}
	f, _, err := openRegular(path)
	if err != nil {
		base.Err, base.pos = err, -1
		return yield(base)
	}
	defer f.Close()
	cnt := &counter{r: f}
	var src io.Reader = bufio.NewReader(cnt)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(src)
		if err != nil {
			base.Err, base.pos = fmt.Errorf("not a valid gzip file: %w", err), -1
			return yield(base)
		}
		defer zr.Close()
		src = zr
	}
	lines := newLineReader(src)
	for {
		line, off, err := lines.next()
		it := base
		it.Record, it.Offset, it.pos = lines.n, off, cnt.n
		switch {
		case err == io.EOF:
			return true
		case errors.Is(err, errLongLine):
			it.Err = err
		case err != nil:
			// The file cannot be read further: damaged or truncated
			// gzip data, a read error.
			it.Err = fmt.Errorf("the file cannot be read from this line on: %w", err)
			it.pos = -1
			yield(it)
			return true
		case len(bytes.TrimSpace(line)) == 0:
			continue
		default:
			it.Data = line
		}
		if !yield(it) {
			return false
		}
	}
}

var errLongLine = fmt.Errorf("line longer than %d MB", maxLine>>20)

// lineReader splits a stream into lines of at most maxLine bytes.
type lineReader struct {
	r   *bufio.Reader
	n   int   // the number of the line last returned, from 1
	off int64 // offset of the next line
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line without its end of line, and its offset.
// A line over maxLine is skipped to its end and reported with
// errLongLine. A last line without an end of line is a line. Any other
// error ends the stream: a line cut short by it is not returned.
func (l *lineReader) next() ([]byte, int64, error) {
	start := l.off
	var line []byte
	long := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		l.off += int64(len(chunk))
		if !long {
			if len(line)+len(chunk) > maxLine+1 {
				long, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && l.off == start:
			return nil, start, io.EOF
		case err != nil && err != io.EOF:
			l.n++
			return nil, start, err
		}
		l.n++
		if long {
			return nil, start, errLongLine
		}
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		return line, start, nil
	}
}

// parseJSONLine reads one JSON line into an article. The line is an
// object with the page, {"url": …, "html": …}, read as a saved page is
// (its own URL and metadata first, the line's after), or with the text
// and what is known of it: {"url", "title", "outlet", "published",
// "byline", "text"}, one paragraph a line of text. The names news-please
// and trafilatura give the same things are read too: maintext,
// date_publish, date, source_domain, sitename, author, authors. Other
// fields are passed over.
func parseJSONLine(line []byte) (*article.Article, error) {
	var v jsonLine
	if err := json.Unmarshal(line, &v); err != nil {
		var ute *json.UnmarshalTypeError
		switch {
		case !errors.As(err, &ute):
			return nil, fmt.Errorf("not JSON: %w", err)
		case ute.Field == "":
			return nil, errors.New("not a JSON object")
		case ute.Field == "HTML" || ute.Field == "Text" || ute.Field == "MainText":
			return nil, fmt.Errorf("%q is not a string", strings.ToLower(ute.Field))
		}
		// A metadata field of another type (a date as a number) is
		// passed over; the decoder has filled the others.
	}
	first := func(vals ...string) string {
		for _, s := range vals {
			if s != "" {
				return s
			}
		}
		return ""
	}
	meta := article.Article{
		URL:       v.URL,
		Title:     v.Title,
		Outlet:    first(v.Outlet, v.Sitename, v.SiteName, v.SourceDomain),
		Published: first(v.Published, v.DatePublish, v.DatePublished, v.Date),
		Byline:    first(jsonText(v.Byline), jsonText(v.Author), jsonText(v.Authors)),
	}
	var a *article.Article
	var err error
	if v.HTML != "" {
		a, err = article.Parse([]byte(v.HTML))
	} else if text := first(v.Text, v.MainText); text != "" {
		a, err = article.ParseText([]byte(text))
	} else {
		return nil, errors.New(`no "html" or "text" field with content`)
	}
	if err != nil {
		return nil, err
	}
	a.Fill(meta)
	return a, nil
}

// jsonLine is the fields of a JSON line that quotetrail reads. Decoding
// into it reads the line once; people's bylines come as strings, lists
// or objects, and are decoded after.
type jsonLine struct {
	URL, Title, HTML, Text, MainText string
	Outlet, Sitename                 string
	SiteName                         string `json:"site_name"`
	SourceDomain                     string `json:"source_domain"`
	Published, Date, DatePublished   string
	DatePublish                      string `json:"date_publish"`
	Byline, Author, Authors          json.RawMessage
}

// jsonString is a JSON string's value, or "" for anything else.
func jsonString(v json.RawMessage) string {
	var s string
	if len(v) == 0 || json.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}

// jsonText is a string, or a list of strings joined as a reader writes
// them ("A, B and C"), or "" for anything else.
func jsonText(v json.RawMessage) string {
	if s := jsonString(v); s != "" || len(v) == 0 || v[0] != '[' {
		return s
	}
	var list []string
	if json.Unmarshal(v, &list) != nil {
		return ""
	}
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return article.JoinNames(out)
}
