package bench

import (
	"html"
	"math/rand/v2"
	"strings"
	"unicode"
)

// BigPage returns one HTML news page of about size bytes: a single article
// whose body is made of real paragraphs that hold quotations, drawn at
// random from the sources (seeded). Each quotation has one or two of its
// words replaced by words drawn from the sources, so that the quotation
// texts of a big page are mostly distinct, as on a real live blog or
// transcript page, instead of a few hundred texts repeated (the build
// aligns repeated texts once, which would hide the cost of distinct ones).
func BigPage(srcs []Source, size int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	var quoted []Source
	var pool []string
	for _, s := range srcs {
		if len(s.quotes) > 0 {
			quoted = append(quoted, s)
		}
		if len(pool) < 200000 {
			for _, w := range strings.Fields(s.text) {
				if isPlainWord(w) {
					pool = append(pool, w)
				}
			}
		}
	}
	var b strings.Builder
	b.Grow(size + 4096)
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Live: every statement of the day – Bench Daily</title>
<meta property="og:site_name" content="Bench Daily">
<meta property="og:url" content="https://bench.invalid/live">
<meta property="article:published_time" content="2016-11-08T06:00:00Z">
<meta name="author" content="Bench Desk">
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>Live: every statement of the day</h1>
<p class="byline">By Bench Desk</p>
`)
	for b.Len() < size && len(quoted) > 0 {
		s := quoted[rng.IntN(len(quoted))]
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(vary(s, pool, rng)))
		b.WriteString("</p>\n")
	}
	b.WriteString("</article></main>\n<footer><p>© Bench Daily. All rights reserved.</p></footer>\n</body></html>\n")
	return []byte(b.String())
}

// vary replaces one or two words inside each quotation of s's paragraph.
func vary(s Source, pool []string, rng *rand.Rand) string {
	text := s.text
	// Right to left, so that the spans before each change stay valid.
	for k := len(s.quotes) - 1; k >= 0; k-- {
		q := s.quotes[k]
		if q.End > len(text) || q.Start >= q.End {
			continue
		}
		for range 1 + rng.IntN(2) {
			span := text[q.Start:q.End]
			starts := wordStarts(span)
			if len(starts) == 0 || len(pool) == 0 {
				break
			}
			at := q.Start + starts[rng.IntN(len(starts))]
			end := at
			for end < q.End && isWordByte(text[end]) {
				end++
			}
			w := pool[rng.IntN(len(pool))]
			text = text[:at] + w + text[end:]
			q.End += len(w) - (end - at)
		}
	}
	return text
}

// wordStarts returns the offsets of the plain ASCII words of s.
func wordStarts(s string) []int {
	var out []int
	for i := 0; i < len(s); i++ {
		if isWordByte(s[i]) && (i == 0 || !isWordByte(s[i-1])) {
			out = append(out, i)
		}
	}
	return out
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isPlainWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) || r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
