package quote

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCueForms(t *testing.T) {
	for _, w := range []string{"say", "says", "said", "saying", "tell", "told", "warned", "wrote", "writes", "written",
		"adding", "describes", "described", "according", "criticized", "denies", "denied", "quipped", "slammed", "admitted",
		"called", "calling", "reported", "tweeted", "claimed", "continued", "sang",
		// mined from PolNeAR train
		"dubbed", "likened", "cited", "cites", "citing", "issued", "reads", "implied", "chided", "emailed"} {
		if !cueWords[w] {
			t.Errorf("%q is not a cue", w)
		}
	}
	// Words that are nouns first, or no attribution at all.
	for _, w := range []string{"call", "calls", "report", "reports", "claim", "claims", "tweet", "statement", "ruled", "state", "post", "coin", "the",
		"dubed", "issue", "issues", "release", "attack", "attacks", "email", "text"} {
		if cueWords[w] {
			t.Errorf("%q is a cue: it reads as a noun in news text", w)
		}
	}
}

func TestChannelsAreCanonical(t *testing.T) {
	canonical := map[string]bool{"Xinhua": true, "Foreign Ministry": true, "Truth Social": true, "State media": true,
		"Official readout": true, "Statement": true, "Social media post": true, "Interview": true, "Reporters": true,
		"Reuters": true, "AFP": true, "AP": true, "ANI": true, "Yonhap": true, "Kyodo": true, "TASS": true,
		"China Daily": true, "Global Times": true, "People's Daily": true, "CCTV": true, "Press conference": true, "Editorial": true}
	for _, c := range channels {
		if !canonical[c.name] {
			t.Errorf("channel %q (for %q) is not one of the canonical names", c.name, c.pattern)
		}
		for _, p := range c.pattern {
			if p != strings.ToLower(p) {
				t.Errorf("pattern %q must be lower case: it is matched against folded words", c.pattern)
			}
		}
	}
	for phrase, want := range map[string]string{
		"according to the official Xinhua news agency": "Xinhua",
		"the Foreign Ministry said in quoting":         "Foreign Ministry",
		"according to China's foreign ministry":        "Foreign Ministry",
		"he wrote in a Truth Social post":              "Truth Social",
		"state media report":                           "State media",
		"the Chinese readout":                          "Official readout",
		"a China Daily editorial said":                 "China Daily",
		"in his social media statement":                "Social media post",
		"in a statement":                               "Statement",
		"he told reporters":                            "Reporters",
		"in an interview with the paper":               "Interview",
		"according to AP":                              "AP",
		"the ap said":                                  "",
	} {
		if got := findChannel(words(phrase, nil)).name; got != want {
			t.Errorf("findChannel(%q) = %q, want %q", phrase, got, want)
		}
	}
}

func TestTitlesAndNames(t *testing.T) {
	for run, want := range map[string]string{
		"Chinese President Xi Jinping":              "Xi Jinping",
		"Mr. Xi":                                    "Xi",
		"US Treasury Secretary Scott Bessent":       "Scott Bessent",
		"Japan's new Prime Minister Sanae Takaichi": "Sanae Takaichi",
		"Clinton spokesman Jesse Ferguson":          "Jesse Ferguson",
		"Taiwan's leader Lai Ching-te":              "Lai Ching-te",
		"the president":                             "",
	} {
		if _, got := splitTitles(words(run, nil)); got != want {
			t.Errorf("splitTitles(%q) = %q, want %q", run, got, want)
		}
	}
}

// TestMinedCuesFromTrain checks that every verb of cues_mined.go is one a
// PolNeAR train Cue span holds in some form (the list was mined there,
// never from dev), and prints the train cue words the lexicon lacks.
func TestMinedCuesFromTrain(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/data/polnear/train/attributions/*.ann")
	if len(files) == 0 {
		t.Skip("../shared/data/polnear/train is absent")
	}
	seen := map[string]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			fields := strings.Split(line, "\t")
			if len(fields) < 3 || !strings.HasPrefix(fields[1], "Cue ") {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(fields[2])) {
				seen[strings.Trim(w, ".,:;\"“”")]++
			}
		}
	}
	for _, v := range append(append([]string{}, minedCueVerbs...), minedCueNouns...) {
		n := 0
		for w, c := range seen {
			if cueWords[w] && strings.HasPrefix(w, v[:len(v)-1]) {
				n += c
			}
		}
		if n == 0 {
			t.Errorf("mined cue %q: no form of it in any PolNeAR train Cue span", v)
		}
	}
	var missing []string
	for w, c := range seen {
		if c >= 20 && !cueWords[w] {
			missing = append(missing, w)
		}
	}
	sort.Slice(missing, func(i, j int) bool { return seen[missing[i]] > seen[missing[j]] })
	t.Logf("%d distinct words in train Cue spans; %d frequent ones (20 or more) outside the lexicon, mostly function words, nouns and verbs of opinion: %s",
		len(seen), len(missing), strings.Join(missing[:min(len(missing), 60)], " "))
}

// refWords is the tokenizer as it was before its ASCII fast paths: the
// reference FuzzWordsFastPath holds words to.
func refWords(p string) []word {
	var out []word
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i + size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j = refTokenEnd(p, i)
		}
		w := word{text: p[i:j], start: i, end: j, q: -1}
		w.low = strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(w.text), "’", "'"), ".", "")
		w.flags = refFlags(w)
		out = append(out, w)
		i = j
	}
	return out
}

// refFlags finds a word's flags as the finder found them before they were
// kept in the word: its first character decoded, and a lookup in each
// list.
func refFlags(w word) wordFlags {
	var f wordFlags
	r, _ := utf8.DecodeRuneInString(w.text)
	for _, x := range []struct {
		is   bool
		flag wordFlags
	}{
		{unicode.IsLetter(r) || unicode.IsDigit(r), fWord}, {unicode.IsUpper(r), fCap},
		{cueWords[w.low], fCue}, {titleWords[w.low], fTitle},
		{titleWords[strings.TrimSuffix(w.low, "'s")], fTitleS}, {pronouns[w.low], fPronoun},
		{cueNounS[w.low], fCueNounS}, {notNames[w.low], fNotName}, {len(channelsByFirst[w.low]) > 0, fChannel},
	} {
		if x.is {
			f |= x.flag
		}
	}
	return f
}

func refTokenEnd(p string, i int) int {
	j := i
	for j < len(p) {
		r, size := utf8.DecodeRuneInString(p[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j += size
			continue
		}
		if r == '\'' || r == '’' || r == '-' {
			if n, _ := utf8.DecodeRuneInString(p[j+size:]); j+size < len(p) && (unicode.IsLetter(n) || unicode.IsDigit(n)) {
				j += size
				continue
			}
		}
		break
	}
	if j < len(p) && p[j] == '.' {
		if abbrevDot[p[i:j]] {
			return j + 1
		}
		k := i
		for k+1 < len(p) && p[k] >= 'A' && p[k] <= 'Z' && p[k+1] == '.' {
			k += 2
		}
		if k-i >= 4 && k >= j {
			return k
		}
	}
	return j
}

// refChannel is findChannel as it was before channels were looked up by
// their first word: every channel of the list tried at every place.
func refChannel(ow []word) (string, int) {
	for _, c := range channels {
		for i := 0; i+len(c.pattern) <= len(ow); i++ {
			if channelAt(ow, i, c) {
				return c.name, i
			}
		}
	}
	return "", -1
}

// FuzzWordsFastPath: the tokenizer's ASCII fast paths, the words' flags
// and the channel index give what the plain versions give, on any text.
func FuzzWordsFastPath(f *testing.F) {
	f.Add("Mr. Xi told the U.S. “no,” Xinhua said\tin a\vstatement on social media (AP).")
	f.Add("Trump’s rock-’n’-roll state-run media\u00a0said 3.5 e.g. A.B.C.D. the Ministry of Foreign Affairs")
	f.Add("The spokesman's president’s Spokesman’s he She notes He calls Police Officials' U.N. officer's said")
	f.Fuzz(func(t *testing.T, p string) {
		got, want := words(p, nil), refWords(p)
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, want %d", p, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d %+v, want %+v", p, i, got[i], want[i])
			}
		}
		name, at := refChannel(got)
		if ci, i := firstChannel(got); ci >= 0 && (channels[ci].name != name || i != at) || ci < 0 && at >= 0 {
			t.Fatalf("%q: channel %d at %d, want %q at %d", p, ci, i, name, at)
		}
	})
}
