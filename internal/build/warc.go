package build

// WARC files are read with github.com/nlnwa/gowarc (the National Library
// of Norway's WARC library: reading, writing and validation, maintained,
// v3.1.0 of March 2026), not by hand: the format has gzip members per
// record, digests, continuation and revisit records, and the tolerance
// real crawls need.

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"

	"github.com/andybalholm/brotli"
	gowarc "github.com/nlnwa/gowarc/v3"

	"quotetrail/internal/article"
)

// warcOptions are the reader's: syntax slips and spec violations are
// collected, not fatal (real crawls have them), and records are validated,
// which also makes the library keep each record's block so that its
// payload can be read after Next returns. With validation off the
// library drains the block before returning it, and a payload over a few
// kilobytes comes back cut short without an error.
var warcOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
	gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
}

// maxWARCErrors is how many records in a row may fail to read before the
// rest of a file is given up: past a damaged stretch the reader finds the
// next record by its first bytes, and a file that is not WARC at all
// would otherwise give an error every few bytes.
const maxWARCErrors = 20

// warcItems yields the records of a WARC file as items: HTML responses
// with their payload, other records as skips, records that cannot be read
// as errors. It returns false when yield asked to stop.
func warcItems(path string, fi int, yield func(Item) bool) bool {
	base := Item{File: path, Kind: WARC, file: fi}
	f, _, err := openRegular(path)
	if err != nil {
		base.Err, base.pos = err, -1
		return yield(base)
	}
	defer f.Close()
	return readWARC(f, strings.HasSuffix(strings.ToLower(path), ".gz"), base, yield)
}

// readWARC yields the records of the WARC stream f as items made from
// base; gz says that the file's name ends in .gz.
func readWARC(f io.ReadSeeker, gz bool, base Item, yield func(Item) bool) bool {
	cnt := &counter{r: f}
	var src io.Reader = cnt
	whole := gz && wholeGzip(f)
	if whole {
		// One gzip stream around the whole file (gzip crawl.warc), not
		// one member a record: the library would read the first record
		// and drain the rest as that record's member.
		zr, err := gzip.NewReader(bufio.NewReader(cnt))
		if err != nil {
			base.Err, base.pos = fmt.Errorf("not a valid gzip file: %w", err), -1
			return yield(base)
		}
		src = zr
	}
	// The unmarshaler, on a reader of our own: the library's file reader
	// takes its buffer from a sync.Pool, whose refills after a garbage
	// collection made the fuzzer's coverage flaky (FuzzWARC stalled
	// minimizing inputs that were not new).
	u := gowarc.NewUnmarshaler(warcOptions...)
	pos := &counter{r: src}
	br := bufio.NewReaderSize(pos, 64<<10)
	var end int64 // where the previous record ended
	n, failed := 0, 0
	for {
		before := pos.n - int64(br.Buffered())
		wr, skipped, validation, err := u.Unmarshal(br)
		after := pos.n - int64(br.Buffered())
		rec := gowarc.Record{WarcRecord: wr, Offset: before + skipped, Size: after - before - skipped, Validation: validation}
		if err == io.EOF && skipped == 0 {
			rec.Close()
			return true
		}
		n++
		it := base
		it.Record, it.Offset, it.pos = n, rec.Offset, rec.Offset+rec.Size
		if whole {
			it.pos = cnt.n
		}
		// Bytes the reader passed over to find this record are named:
		// they may have been a record.
		if skipped := rec.Offset - end; skipped > 0 && err == nil {
			junk := it
			junk.URI = strings.Trim(rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
			junk.Offset, junk.Err = end, fmt.Errorf("%d bytes before this record are not a WARC record; passed over", skipped)
			if !yield(junk) {
				rec.Close()
				return false
			}
		}
		if err != nil {
			rec.Close()
			failed++
			switch {
			case errors.Is(err, gowarc.ErrNoRecord) && n == 1:
				it.Err = errors.New("not a WARC file: no WARC record found in it")
			case errors.Is(err, gowarc.ErrNoRecord):
				it.Err = fmt.Errorf("the last %d bytes are not a WARC record", rec.Offset-end)
			default:
				it.Err = fmt.Errorf("damaged WARC record at byte %d: %w", rec.Offset, err)
			}
			if failed >= maxWARCErrors || errors.Is(err, io.ErrUnexpectedEOF) || it.pos <= end {
				it.Err = fmt.Errorf("%w; the rest of the file is not read", it.Err)
				it.pos = -1
				yield(it)
				return true
			}
			end = it.pos
			if !yield(it) {
				return false
			}
			continue
		}
		failed = 0
		end = rec.Offset + rec.Size
		recordItem(rec, &it)
		rec.Close()
		if !yield(it) {
			return false
		}
	}
}

// recordItem fills it from one WARC record: the payload of an HTML page
// (a response with status 200, or a resource), or why the record is not
// an article.
func recordItem(rec gowarc.Record, it *Item) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	it.URI = strings.Trim(h.Get(gowarc.WarcTargetURI), "<> ")
	switch wr.Type() {
	case gowarc.Response, gowarc.Resource:
	default:
		it.Skip = wr.Type().String() + " records"
		return
	}
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		var dg *gowarc.DigestError
		// The payload digest is left alone: crawlers disagree on whether
		// it covers the bytes before or after transfer decoding.
		if errors.As(v, &cl) || errors.As(v, &dg) && strings.HasPrefix(v.Error(), "block:") {
			it.Err = fmt.Errorf("damaged WARC record: %w", v)
			return
		}
	}
	var payload []byte
	switch blk := wr.Block().(type) {
	case gowarc.HttpResponseBlock:
		if code := blk.HttpStatusCode(); code != http.StatusOK {
			it.Skip = "HTTP status other than 200"
			return
		}
		header := responseHeader(blk)
		r, err := blk.PayloadBytes()
		if err != nil {
			it.Err = fmt.Errorf("damaged WARC record: %w", err)
			return
		}
		payload, err = httpPayload(r, header)
		it.ContentType = header.Get("Content-Type")
		if err != nil {
			if isHTML(it.ContentType, nil) {
				it.Err = err
			} else {
				it.Skip = "not HTML"
			}
			return
		}
	default:
		if wr.Type() == gowarc.Response {
			it.Skip = "responses that are not HTTP"
			return
		}
		// A resource record's block is the document itself.
		it.ContentType = h.Get(gowarc.ContentType)
		r, err := wr.Block().RawBytes()
		if err != nil {
			it.Err = fmt.Errorf("damaged WARC record: %w", err)
			return
		}
		payload, err = readLimited(r)
		if err != nil {
			it.Err = err
			return
		}
	}
	if !isHTML(it.ContentType, payload) {
		it.Skip = "not HTML"
		return
	}
	it.Data = payload
}

// responseHeader is a response's HTTP header as recorded. The library's
// (from net/http's ReadResponse) has lost its Transfer-Encoding, which
// says whether the payload is still chunked.
func responseHeader(blk gowarc.HttpResponseBlock) http.Header {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(blk.ProtocolHeaderBytes())))
	if _, err := tp.ReadLine(); err == nil { // the status line
		if h, err := tp.ReadMIMEHeader(); err == nil || len(h) > 0 {
			return http.Header(h)
		}
	}
	if hp := blk.HttpHeader(); hp != nil {
		return *hp
	}
	return http.Header{}
}

// isHTML reports whether a response is an HTML page: by its Content-Type
// (text/html, application/xhtml+xml), or when it has none, by sniffing
// its first bytes as browsers do.
func isHTML(contentType string, payload []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		if payload == nil {
			return false
		}
		contentType = http.DetectContentType(payload)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// readLimited reads at most article.MaxFileBytes, and refuses more.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, article.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > article.MaxFileBytes {
		return nil, article.ErrTooLarge
	}
	return data, nil
}

// httpPayload reads a response's payload as the page's bytes: chunked
// transfer undone, then the content encodings (gzip, deflate, br).
// Crawlers differ: Common Crawl stores payloads decoded (and renames the
// headers), others store the bytes as sent; a payload that the headers
// call chunked or gzip but is not is taken as it is, decoded already.
func httpPayload(r io.Reader, h http.Header) ([]byte, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	if strings.Contains(strings.ToLower(h.Get("Transfer-Encoding")), "chunked") {
		if d, err := readLimited(httputil.NewChunkedReader(bytes.NewReader(data))); err == nil {
			data = d
		}
	}
	encs := strings.Split(strings.ToLower(h.Get("Content-Encoding")), ",")
	for i := len(encs) - 1; i >= 0; i-- {
		var zr io.Reader
		switch enc := strings.TrimSpace(encs[i]); enc {
		case "", "identity", "none":
			continue
		case "gzip", "x-gzip":
			if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
				continue // stored decoded
			}
			g, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("content encoding gzip: %w", err)
			}
			zr = g
		case "deflate":
			// "deflate" is zlib by the standard, raw deflate by some
			// servers.
			if z, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
				zr = z
			} else {
				zr = flate.NewReader(bytes.NewReader(data))
			}
		case "br":
			if len(data) > 0 && (data[0] == '<' || data[0] == '\xef') {
				continue // stored decoded: a page starts with markup or a byte-order mark
			}
			zr = brotli.NewReader(bytes.NewReader(data))
		default:
			return nil, fmt.Errorf("content encoding %q is not one quotetrail reads (gzip, deflate, br)", enc)
		}
		d, err := readLimited(zr)
		if err != nil {
			if errors.Is(err, article.ErrTooLarge) {
				return nil, err
			}
			return nil, fmt.Errorf("content encoding %s: damaged data: %w", strings.TrimSpace(encs[i]), err)
		}
		data = d
	}
	return data, nil
}

// wholeGzip reports whether a .warc.gz file is one gzip stream around
// several records rather than a gzip member a record: the first member
// then goes on past its first record. It reads the first record's header
// and skips its block, and leaves f at its start.
func wholeGzip(f io.ReadSeeker) bool {
	defer f.Seek(0, io.SeekStart)
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return false
	}
	zr.Multistream(false)
	br := bufio.NewReader(io.LimitReader(zr, 1<<20+article.MaxFileBytes))
	length := int64(-1)
	for i := 0; ; i++ {
		line, err := br.ReadString('\n')
		if err != nil || i > 1000 {
			return false
		}
		if i == 0 && !strings.HasPrefix(line, "WARC/") {
			return false
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			if _, err := fmt.Sscan(strings.TrimSpace(v), &length); err != nil {
				return false
			}
		}
	}
	if length < 0 {
		return false
	}
	if _, err := br.Discard(int(min(length, 1<<40))); err != nil {
		return false
	}
	rest, _ := io.ReadAll(io.LimitReader(br, 64))
	return bytes.Contains(rest, []byte("WARC/"))
}
