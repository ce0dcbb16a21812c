package quote

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
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
