package eval

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"

	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

// LookupCase is one line of a lookup set (../shared/eval/README.md).
type LookupCase struct {
	Query    string   `json:"query"`
	Expect   []string `json:"expect"`
	Optional []string `json:"optional"`
	Note     string   `json:"note"`
}

// LookupsResult scores a lookup set.
type LookupsResult struct {
	Cases           int
	Found, Expect   int // expected outlets returned / expected in all
	Right, Returned int // returned that were expected or optional / returned in all
	Misses          []string
}

func (r LookupsResult) Recall() float64    { return ratio(r.Found, r.Expect) }
func (r LookupsResult) Precision() float64 { return ratio(r.Right, r.Returned) }

// ReadLookups reads a JSON Lines lookup set.
func ReadLookups(path string) ([]LookupCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []LookupCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c LookupCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// DomainWord names an article's outlet by a word of its URL's host
// ("washingtontimes"), as the lookup sets do.
func DomainWord(url string) string {
	host := strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	host = host[:strings.IndexByte(host+"/", '/')]
	host = strings.TrimPrefix(host, "www.")
	if i := strings.IndexByte(host, '.'); i >= 0 {
		return host[:i]
	}
	return host
}

// Lookups runs each case against the engine and scores it: recall over
// the expected outlets, precision over the returned ones (optional
// outlets are neither required nor penalised).
func Lookups(cases []LookupCase, e *match.Engine, x *index.Index) LookupsResult {
	r, _ := LookupsBy(cases, func(query string) ([]string, error) {
		var urls []string
		for _, m := range e.Lookup(query).Matches {
			urls = append(urls, x.Articles[m.Article].URL)
		}
		return urls, nil
	})
	return r
}

// LookupsBy is Lookups for any index (a folder index, read part by part):
// urls answers a query with the URLs of the articles it returns, best
// first. The first error ends the run.
func LookupsBy(cases []LookupCase, urls func(query string) ([]string, error)) (LookupsResult, error) {
	var r LookupsResult
	for _, c := range cases {
		r.Cases++
		returned, err := urls(c.Query)
		if err != nil {
			return r, err
		}
		var got []string
		for _, u := range returned {
			got = append(got, DomainWord(u))
		}
		r.Expect += len(c.Expect)
		for _, w := range c.Expect {
			if slices.Contains(got, w) {
				r.Found++
			} else {
				r.Misses = append(r.Misses, "missed "+w+": "+c.Query)
			}
		}
		r.Returned += len(got)
		for _, g := range got {
			if slices.Contains(c.Expect, g) || slices.Contains(c.Optional, g) {
				r.Right++
			} else {
				r.Misses = append(r.Misses, "returned "+g+": "+c.Query)
			}
		}
	}
	return r, nil
}
