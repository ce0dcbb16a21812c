package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBasilSpeakersCheckedFile: every hand-checked BASIL speaker names an
// article and a scored phrase of it (its id, one of its spans' text and
// its gold label as the annotation gives them), quotes the article's own
// words verbatim as evidence, names the speaker there (the surname, or a
// group's whole name), and corrects the gold label: a checked speaker the
// scoring rule already takes for the gold one would be no correction.
func TestBasilSpeakersCheckedFile(t *testing.T) {
	dir := shared + "/basil"
	have(t, dir)
	var f struct {
		Phrases []CheckedSpeaker `json:"phrases"`
	}
	if err := json.Unmarshal(basilSpeakers, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Phrases) == 0 {
		t.Fatal("no checked speakers read")
	}
	texts := map[string]string{} // article uuid → its paragraphs' words, spacing folded
	arts, _ := filepath.Glob(filepath.Join(dir, "articles", "*", "*.json"))
	for _, p := range arts {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var b basilArticle
		if err := json.Unmarshal(raw, &b); err != nil {
			t.Fatal(err)
		}
		var paras []string
		for _, p := range b.BodyParagraphs {
			paras = append(paras, strings.Join(p, " "))
		}
		texts[b.UUID] = strings.Join(strings.Fields(strings.Join(paras, " ")), " ")
	}
	spans := map[string][]basilSpeakerPhrase{} // uuid and phrase id → its spans
	anns, _ := filepath.Glob(filepath.Join(dir, "annotations", "*", "*.json"))
	for _, p := range anns {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var an struct {
			UUID    string               `json:"uuid"`
			Phrases []basilSpeakerPhrase `json:"phrase-level-annotations"`
		}
		if err := json.Unmarshal(raw, &an); err != nil {
			t.Fatal(err)
		}
		for _, ph := range an.Phrases {
			spans[an.UUID+" "+ph.ID] = append(spans[an.UUID+" "+ph.ID], ph)
		}
	}
	speaker := map[string]string{}
	for _, c := range f.Phrases {
		key := c.Article + " " + c.Phrase
		text, ok := texts[c.Article]
		if !ok {
			t.Errorf("%s: no such BASIL article", key)
			continue
		}
		var span *basilSpeakerPhrase
		for i, s := range spans[key] {
			if strings.TrimSpace(s.Txt) == strings.TrimSpace(c.Txt) {
				span = &spans[key][i]
			}
		}
		switch {
		case span == nil:
			t.Errorf("%s: no phrase of the annotation has the id and the text %q", key, c.Txt)
		case span.Quote != "yes" || span.Speaker == "" || strings.HasPrefix(span.Speaker, "other"):
			t.Errorf("%s: phrase not scored (quote %q, speaker %q)", key, span.Quote, span.Speaker)
		case strings.ReplaceAll(span.Speaker, "_", " ") != c.Gold:
			t.Errorf("%s: gold %q, the annotation says %q", key, c.Gold, span.Speaker)
		}
		if s, ok := speaker[key]; ok && s != c.Speaker {
			t.Errorf("%s: two speakers for one phrase, %q and %q", key, s, c.Speaker)
		}
		speaker[key] = c.Speaker
		if c.Speaker != strings.TrimSpace(c.Speaker) || c.Speaker == "" {
			t.Errorf("%s: speaker %q is not a bare name", key, c.Speaker)
		}
		if nameOverlap(c.Speaker, c.Gold) {
			t.Errorf("%s: checked speaker %q is the gold %q by the scoring rule: no correction", key, c.Speaker, c.Gold)
		}
		if len(c.Evidence) == 0 {
			t.Errorf("%s: no evidence", key)
		}
		words := strings.Fields(c.Speaker)
		named := false
		for _, e := range c.Evidence {
			if e = strings.Join(strings.Fields(e), " "); e == "" || !strings.Contains(text, e) {
				t.Errorf("%s: evidence not in the article: %q", key, e)
			}
			named = named || len(words) > 0 && strings.Contains(e, words[len(words)-1])
		}
		if !named {
			t.Errorf("%s: the evidence does not name %q", key, c.Speaker)
		}
	}
}

// TestBasilSpeakersCheckedRow: the checked row scores a phrase against the
// hand-checked speaker where the file has one, and against the gold label
// elsewhere, with the raw row's rule; the raw row is left as it was. One
// real article (BASIL's HuffPost report of H.R. 1 passing), whose gold
// gives the words of Reps. Lofgren and Lewis to "House Democrats", is
// built alone: the card names the representatives, wrong by the gold,
// right by the file.
func TestBasilSpeakersCheckedRow(t *testing.T) {
	const uuid = "7acc7281-bc7e-4792-b692-0d4d8dfebc63"
	src := shared + "/basil"
	have(t, src)
	hand, err := checkedSpeakers()
	if err != nil {
		t.Fatal(err)
	}
	if hand[uuid+" p5"].Speaker != "Zoe Lofgren" || hand[uuid+" p6"].Speaker != "John Lewis" {
		t.Fatalf("test phrases changed in the checked file: %+v %+v", hand[uuid+" p5"], hand[uuid+" p6"])
	}
	dir := t.TempDir()
	for _, p := range []string{"articles/2019/2f3e86b6-8443-47bd-9cd3-491c90a59fe9_1.json", "annotations/2019/2f3e86b6-8443-47bd-9cd3-491c90a59fe9_1_ann.json"} {
		raw, err := os.ReadFile(filepath.Join(src, p))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := BasilSpeakers(dir)
	if err != nil {
		t.Fatal(err)
	}
	wrong := func(ms []Miss, text, want string) bool {
		for _, m := range ms {
			if strings.Contains(m.Text, text) && (want == "" || m.Want == want) {
				return true
			}
		}
		return false
	}
	if !wrong(r.Wrong, "takes power from the elites", "House Democrats") || !wrong(r.Wrong, "right side of history", "House Democrats") {
		t.Errorf("raw row: Lofgren's and Lewis's words not wrong against \"House Democrats\": %+v", r.Wrong)
	}
	if wrong(r.CheckedWrong, "takes power from the elites", "") || wrong(r.CheckedWrong, "right side of history", "") {
		t.Errorf("checked row: Lofgren's and Lewis's words still wrong: %+v", r.CheckedWrong)
	}
	// At least those two more than the raw row (a third checked phrase,
	// Pelosi's, counts in both or in the checked row alone, by whether the
	// card's name shares a word with "House Democrats").
	if r.Checked < r.Right+2 || r.Checked+len(r.CheckedWrong) != r.Matched || r.CheckedPhrases != 3 {
		t.Errorf("checked %d of %d (%d checked phrases), raw right %d: want raw + 2 at least, and 3 checked phrases", r.Checked, r.Matched, r.CheckedPhrases, r.Right)
	}
}
