package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestLookupSaysWhoRepublishedWhom: The Rising Nepal's seed page is BBC
// News' report (its byline says so) and Vidia News' text follows the same
// report (issue 12). Both indexes, whole and folder, say so in the text
// output and the JSON, and count two independent reports among the three
// outlets that carried Xi's words.
func TestLookupSaysWhoRepublishedWhom(t *testing.T) {
	dist, _, stderr, code := buildSite(t, "../../corpus")
	if code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	const sel = "The U.S. must handle the issue of arms sales to Taiwan with prudence"
	for _, idx := range []string{filepath.Join(dist, "index"), filepath.Join(dist, "index.qti")} {
		out, _, _ := runCmd(t, "lookup", "-index", idx, sel)
		for _, want := range []string{
			"3 outlets carried it (2 independent reports):",
			"The Rising Nepal  2026-02-05  [spelled differently 1.00]\n  republishing BBC News · shares its text with Vidia News (001_f9789ab62cedf289)\n",
			"Vidia News  2026-02-05  [reworded 0.74]\n  shares its text with The Rising Nepal (002_d1e82a1333f7d87d)\n",
			"The Washington Times  2026-02-05  [identical 1.00]\n  “",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: missing %q in:\n%s", idx, want, out)
			}
		}
		out, _, _ = runCmd(t, "lookup", "-index", idx, "-json", sel)
		var res struct {
			Independent *int `json:"independent"`
			Matches     []struct {
				Outlet, Republishes, Reuses, Reuses_outlet, Shares_text string
				Quote                                                   string
			} `json:"matches"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%s -json: %v\n%s", idx, err, out)
		}
		if res.Independent == nil || *res.Independent != 2 || len(res.Matches) != 3 {
			t.Errorf("%s -json: independent %v of %d matches, want 2 of 3:\n%s", idx, res.Independent, len(res.Matches), out)
		}
		for _, m := range res.Matches {
			got := [4]string{m.Republishes, m.Reuses, m.Shares_text, m.Reuses_outlet}
			want := map[string][4]string{
				"The Washington Times": {},
				"The Rising Nepal":     {"BBC News", "", "001_f9789ab62cedf289", "Vidia News"},
				"Vidia News":           {"", "", "002_d1e82a1333f7d87d", "The Rising Nepal"},
			}[m.Outlet]
			if got != want || m.Quote == "" {
				t.Errorf("%s -json: %s: republishes, reuses, shares_text, reuses_outlet = %q, want %q", idx, m.Outlet, got, want)
			}
		}
	}
	// One outlet alone is one report: the count is not printed.
	out, _, _ := runCmd(t, "lookup", "-index", filepath.Join(dist, "index"), "-json", "which included advanced rocket launchers, self-propelled howitzers")
	if !strings.Contains(out, `"independent":1`) || !strings.Contains(out, `"republishes":"BBC News"`) {
		t.Errorf("a passage only The Rising Nepal printed: %s", out)
	}
}
