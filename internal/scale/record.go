package scale

import (
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Fetch is one response the server sent.
type Fetch struct {
	Path       string
	Start, End time.Time // request read; last byte of the body written
	Bytes      int64     // body bytes as sent (compressed where the file was)
	Encoding   string    // Content-Encoding sent
}

// Recorder wraps a site's handler and keeps every response it sends. It
// sees what the browser fetched from any context (the page, a worker),
// which the page's own DevTools session does not.
type Recorder struct {
	next http.Handler
	mu   sync.Mutex
	log  []Fetch
	link *Link // nil: no shaping
}

func NewRecorder(h http.Handler) *Recorder { return &Recorder{next: h} }

// Shape sends every response from now on over l (nil: full speed).
func (r *Recorder) Shape(l *Link) {
	r.mu.Lock()
	r.link = l
	r.mu.Unlock()
}

func (r *Recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	link := r.link
	r.mu.Unlock()
	c := &countingWriter{ResponseWriter: w, link: link}
	start := time.Now()
	if link != nil {
		time.Sleep(link.RTT) // the request's way there and the first byte's way back
	}
	r.next.ServeHTTP(c, req)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	f := Fetch{Path: req.URL.Path, Start: start, End: time.Now(), Encoding: w.Header().Get("Content-Encoding")}
	f.Bytes = c.body
	r.mu.Lock()
	r.log = append(r.log, f)
	r.mu.Unlock()
}

// Take returns the responses sent since the last Take and forgets them.
func (r *Recorder) Take() []Fetch {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.log
	r.log = nil
	return out
}

type countingWriter struct {
	http.ResponseWriter
	body int64
	link *Link
}

func (c *countingWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		k := len(p)
		if c.link != nil {
			k = min(k, 16<<10) // slices, so that responses in flight share the link
			c.link.send(k)
		}
		n, err := c.ResponseWriter.Write(p[:k])
		written += n
		c.body += int64(n)
		if err != nil {
			return written, err
		}
		p = p[k:]
	}
	return written, nil
}

func (c *countingWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Link is a shaped network path, the model DevTools' throttling uses: a
// fixed round trip added to every request, and one downlink shared by all
// responses in flight. Upload is not shaped: requests are a few hundred
// bytes.
type Link struct {
	Name string
	RTT  time.Duration
	Down float64 // bits a second

	mu   sync.Mutex
	free time.Time // when the downlink has sent everything queued so far
}

// Slow4G is Lighthouse's "slow 4G" mobile profile: 150 ms round trip,
// 1.6 Mbit/s down (750 kbit/s up, not shaped here).
func Slow4G() *Link {
	return &Link{Name: "slow 4G (150 ms RTT, 1.6 Mbit/s down)", RTT: 150 * time.Millisecond, Down: 1.6e6}
}

// send waits until n more bytes have crossed the downlink.
func (l *Link) send(n int) {
	l.mu.Lock()
	now := time.Now()
	if l.free.Before(now) {
		l.free = now
	}
	l.free = l.free.Add(time.Duration(float64(n) * 8 / l.Down * float64(time.Second)))
	until := l.free
	l.mu.Unlock()
	time.Sleep(time.Until(until))
}

// Chain is the longest run of fetches in which each starts only after the
// one before it has ended: the round trips a lookup waits for one after
// another, whatever runs beside them.
func Chain(fs []Fetch) int {
	s := append([]Fetch(nil), fs...)
	sort.Slice(s, func(i, j int) bool { return s[i].Start.Before(s[j].Start) })
	depth := make([]int, len(s))
	best := 0
	for i := range s {
		depth[i] = 1
		for j := 0; j < i; j++ {
			if !s[j].End.After(s[i].Start) && depth[j]+1 > depth[i] {
				depth[i] = depth[j] + 1
			}
		}
		best = max(best, depth[i])
	}
	return best
}

// split sums the bytes of fs as engine code (isEngine) and everything else.
func split(fs []Fetch, isEngine func(string) bool) (engine, data int64, engineFetches, dataFetches []Fetch) {
	for _, f := range fs {
		if isEngine(f.Path) {
			engine += f.Bytes
			engineFetches = append(engineFetches, f)
		} else {
			data += f.Bytes
			dataFetches = append(dataFetches, f)
		}
	}
	return
}

func describe(fs []Fetch) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += ", "
		}
		s += f.Path + " " + strconv.FormatInt(f.Bytes, 10)
		if f.Encoding != "" {
			s += " " + f.Encoding
		}
	}
	return s
}
