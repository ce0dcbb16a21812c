package syndicate

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// Wires are news agencies whose name alone, in a credit position, says
// the text is theirs. Names that do not read as an outlet (Reuters,
// Xinhua, Bloomberg) need the list; others (Associated Press) would pass
// as outlet-like anyway.
var wires = map[string]string{
	"reuters": "Reuters", "thomson reuters": "Reuters", "ap": "AP", "associated press": "Associated Press",
	"the associated press": "Associated Press", "afp": "AFP", "agence france-presse": "AFP",
	"agence france presse": "AFP", "xinhua": "Xinhua", "bloomberg": "Bloomberg", "dpa": "dpa",
	"kyodo": "Kyodo", "yonhap": "Yonhap", "ani": "ANI", "pti": "PTI", "ians": "IANS", "tass": "TASS",
	"efe": "EFE", "ansa": "ANSA", "upi": "UPI", "anadolu": "Anadolu Agency", "bernama": "Bernama",
	"antara": "Antara", "interfax": "Interfax", "cna": "CNA", "rss": "RSS",
}

// mediaWords are the words outlets are named with: a capitalized name
// holding one reads as an outlet ("BBC News", "The Kathmandu Post").
var mediaWords = map[string]bool{
	"news": true, "times": true, "post": true, "press": true, "agency": true, "herald": true,
	"journal": true, "tribune": true, "daily": true, "telegraph": true, "guardian": true,
	"wire": true, "network": true, "broadcasting": true, "radio": true, "tv": true,
	"television": true, "media": true, "gazette": true, "chronicle": true, "observer": true,
	"express": true, "mail": true, "standard": true, "today": true, "magazine": true,
	"bulletin": true, "courier": true, "monitor": true, "dispatch": true, "insider": true,
	"reporter": false, "conversation": true, "independent": true, "economist": true,
	"newsweek": true, "politico": true, "axios": true, "al jazeera": true, "jazeera": true,
	"bbc": true, "cnn": true, "npr": true, "abc": true, "cbs": true, "nbc": true, "sky": true,
}

// roleWords end a byline's affiliation without being part of the
// outlet's name ("Washington Post Staff Writer").
var roleWords = map[string]bool{
	"staff": true, "writer": true, "writers": true, "reporter": true, "reporters": true,
	"correspondent": true, "correspondents": true, "editor": true, "contributor": true,
	"columnist": true, "special": true, "to": true, "for": true, "in": true, "at": true,
}

// connectors may stand inside an outlet's name in lower case.
var connectors = map[string]bool{"of": true, "the": true, "and": true, "&": true, "de": true, "la": true, "le": true, "for": true}

var (
	// "By Kelly Ng and Tessa Wong, BBC News, Jan 5: …": a byline line that
	// opens a paragraph; the affiliation follows the names after a comma.
	byLine = regexp.MustCompile(`^(?i:by)\s+([^,:;]{2,80}?),\s*([^,:;|]{2,60})`)
	// "WASHINGTON (Reuters) -", "(AP) —": a dateline credit.
	dateline = regexp.MustCompile(`^(?:[\p{Lu}][\p{L}.'’ ,-]{0,40}\s*)?\(([^()]{2,40})\)\s*[-–—:]`)
	// "Source: AFP", "Courtesy: The Conversation", "Via Reuters".
	sourceLine = regexp.MustCompile(`^(?i:source|sources|courtesy|credit|via|copyright|©)\s*[:\-–—]?\s*(.{2,80})$`)
	// "This article originally appeared in The Conversation."
	appeared = regexp.MustCompile(`(?i)\b(?:originally|first)\s+(?:appeared|published|ran|posted)\s+(?:in|on|at|by)\s+(.{2,80})$`)
	// "Republished with permission from …", "Reprinted courtesy of …".
	reprinted = regexp.MustCompile(`(?i)^(?:this (?:article|story|report) (?:is|was|has been)\s+)?(?:republished|reprinted|reproduced)\b.*?\b(?:from|of|by)\s+(.{2,80})$`)
	// "— Reuters", "- AFP": a signature line at the end.
	signature = regexp.MustCompile(`^[-–—]\s*(\S.{1,60})$`)
)

// Credit returns the outlet that an article credits as the original of
// its text, as the article writes it, or "" when it credits none. outlet
// and rawURL are the carrying outlet's, so that an outlet crediting
// itself ("By Jane Doe, Washington Post Staff Writer" in The Washington
// Post) is not taken for a republication.
func Credit(outlet, rawURL, byline string, paras []string) string {
	self := selfNames(outlet, rawURL)
	try := func(cand string) string {
		name := outletName(cand)
		if name == "" || self(name) {
			return ""
		}
		return name
	}
	// The byline: "Jane Doe, Reuters" or the agency alone.
	if byline != "" {
		if i := strings.LastIndex(byline, ","); i >= 0 {
			if n := try(byline[i+1:]); n != "" {
				return n
			}
		}
		if n := try(byline); n != "" {
			return n
		}
	}
	head := min(3, len(paras))
	for _, p := range paras[:head] {
		p = strings.TrimSpace(p)
		if m := byLine.FindStringSubmatch(p); m != nil {
			if n := try(m[2]); n != "" {
				return n
			}
		}
		if m := dateline.FindStringSubmatch(p); m != nil {
			if n := try(m[1]); n != "" {
				return n
			}
		}
	}
	// Credit lines are short, at the top or the end.
	for i := range paras {
		if i >= 2 && i < len(paras)-3 {
			continue
		}
		p := strings.TrimSpace(paras[i])
		if len(p) > 200 {
			continue
		}
		for _, re := range []*regexp.Regexp{sourceLine, appeared, reprinted, signature} {
			if m := re.FindStringSubmatch(p); m != nil {
				if n := try(m[1]); n != "" {
					return n
				}
			}
		}
	}
	return ""
}

// outletName returns the outlet cand names (trimmed of punctuation, a
// trailing date or role), or "" when cand does not read as an outlet: a
// known agency, or capitalized words one of which is a media word. A
// credit's place may hold a place or a person instead ("By Jane Doe,
// Washington", "KATHMANDU (Staff) -"), which neither passes.
func outletName(cand string) string {
	cand = strings.TrimSpace(cand)
	if strings.Contains(cand, "://") || strings.HasPrefix(strings.ToLower(cand), "www.") {
		return "" // a link names a page, not an outlet's name
	}
	// Cut at what ends a name: a sentence's end, a separator.
	if i := strings.IndexAny(cand, "|/;:()[]"); i >= 0 {
		cand = cand[:i]
	}
	for _, sep := range []string{" - ", " – ", " — ", ". "} {
		if i := strings.Index(cand, sep); i >= 0 {
			cand = cand[:i]
		}
	}
	cand = strings.TrimFunc(cand, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' })
	words := strings.Fields(cand)
	// Drop a trailing role ("Staff Writer") and a leading "the".
	for len(words) > 0 && roleWords[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 || len(words) > 6 {
		return ""
	}
	name := strings.Join(words, " ")
	if w, ok := wires[strings.ToLower(name)]; ok {
		return w
	}
	media := false
	for i, w := range words {
		lw := strings.ToLower(w)
		first, _ := firstRune(w)
		switch {
		case connectors[lw] && i > 0 && i < len(words)-1:
		case unicode.IsUpper(first) || unicode.IsDigit(first):
		default:
			return "" // a lower-case word: a phrase, not a name
		}
		if mediaWords[lw] {
			media = true
		}
	}
	if media {
		return name
	}
	return ""
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// key is a name reduced for comparison: lower case, letters and digits,
// without a leading "the".
func key(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// selfNames returns a test of whether a name is the carrying outlet's:
// its name, either containing the other ("BBC" in "BBC News"), or the
// name of its web site.
func selfNames(outlet, rawURL string) func(string) bool {
	own := key(outlet)
	host := ""
	if u, err := url.Parse(rawURL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if i := strings.Index(host, "."); i > 0 {
			host = host[:i]
		}
	}
	return func(name string) bool {
		k := key(name)
		if k == "" {
			return true
		}
		if own != "" && (strings.Contains(own, k) || strings.Contains(k, own)) {
			return true
		}
		return host != "" && len(host) >= 3 && (strings.Contains(host, k) || strings.Contains(k, host))
	}
}
