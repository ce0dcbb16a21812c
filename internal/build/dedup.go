package build

import (
	"hash/fnv"
	"net"
	"net/url"
	"strings"

	"quotetrail/internal/article"
)

// dedup remembers the articles read so far by canonical URL and by body
// text, to find the same article under two file names.
type dedup struct {
	byURL  map[string][]seenText // canonical URL → the articles that gave it
	byText map[uint64][]seenText
}

type seenText struct {
	file          string
	outlet, url   string
	title         string
	hash          uint64
	paragraphsLen int
}

func newDedup() *dedup {
	return &dedup{byURL: map[string][]seenText{}, byText: map[uint64][]seenText{}}
}

// add records the article of file and returns the file it repeats, with
// the reason, or "" when it is new.
//
// Two files are one article when they name the same canonical URL and
// have the same title or the same text (a saved copy, the same page with
// a tracking parameter); sites that give every article their section
// page as canonical URL must not lose all but one. Or when their body
// text is the same and nothing says they are two publications: a wire
// story printed word for word by two outlets is two outlets carrying it
// (what the card is for), so the same text under different outlets or
// different URLs is kept twice.
// h is textHash(a.Paragraphs), which the caller may know already.
func (d *dedup) add(file string, a *article.Article, h uint64) (of, why string) {
	return d.addKeyed(file, a, h, dedupKeysOf(a.URL, a.Title))
}

// dedupKeys are what add compares of an article besides its text: its
// canonical URL ("" when it says nothing of the article) and its title
// in lower case, spaces folded.
type dedupKeys struct{ url, title string }

// dedupKeysOf makes an article's keys: on the reading goroutines, so
// that the loop that takes the articles in order (100,000 of them in an
// increment) only compares.
func dedupKeysOf(rawURL, title string) dedupKeys {
	u := canonicalURL(rawURL)
	// A URL with no path says nothing about which article it is.
	if !strings.Contains(u, "/") {
		u = ""
	}
	return dedupKeys{u, strings.ToLower(strings.Join(strings.Fields(title), " "))}
}

// addKeyed is add with the article's keys made already.
func (d *dedup) addKeyed(file string, a *article.Article, h uint64, k dedupKeys) (of, why string) {
	u, title := k.url, k.title
	if u != "" {
		for _, s := range d.byURL[u] {
			if s.hash == h || (title != "" && s.title == title) {
				return s.file, "same URL"
			}
		}
	}
	for _, s := range d.byText[h] {
		if s.paragraphsLen == len(a.Paragraphs) && agree(s.outlet, a.Outlet) && agree(s.url, u) {
			return s.file, "same text"
		}
	}
	seen := seenText{file: file, outlet: strings.ToLower(a.Outlet), url: u, title: title, hash: h, paragraphsLen: len(a.Paragraphs)}
	if u != "" {
		d.byURL[u] = append(d.byURL[u], seen)
	}
	d.byText[h] = append(d.byText[h], seen)
	return "", ""
}

// agree reports whether two metadata values allow the same publication:
// equal, or one of them unknown.
func agree(a, b string) bool {
	return a == "" || b == "" || strings.EqualFold(a, b)
}

// textHash is a hash of the body's words, so that white space and line
// breaks do not tell two copies apart.
func textHash(paragraphs []string) uint64 {
	h := fnv.New64a()
	for _, p := range paragraphs {
		for _, w := range strings.Fields(p) {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		h.Write([]byte{'\n'})
	}
	return h.Sum64()
}

// canonicalURL reduces the ways of writing one page's address to one:
// scheme and host in lower case, no "www.", no fragment, no trailing
// slash, no tracking parameters (utm_*, fbclid, gclid), remaining query
// parameters in order. http and https are the same page.
func canonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if host == "" {
		return ""
	}
	if strings.Contains(host, ":") {
		if net.ParseIP(host) == nil {
			return "" // not a host name, not an IPv6 address
		}
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" {
			q.Del(k)
		}
	}
	out := host + strings.TrimRight(u.EscapedPath(), "/")
	if enc := q.Encode(); enc != "" {
		out += "?" + enc
	}
	return out
}
