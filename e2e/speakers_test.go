package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"quotetrail/internal/eval"
)

// TestCardGivesTheCorpusNameAndTheOutletsOwn: on a site of two real
// reports of one hearing (BASIL, 2011), the Times names the plaintiffs'
// lawyer only "Mr. Sellers" and The Huffington Post "Joseph Sellers".
// Typed into the demo's box, a quotation only the Times prints shows on
// the card under the corpus's name with the Times' own beside it.
func TestCardGivesTheCorpusNameAndTheOutletsOwn(t *testing.T) {
	corpus := t.TempDir()
	for _, f := range []string{"2011/2058ec60-5372-4f5f-83a3-da780be3a350_1.json", "2011/2058ec60-5372-4f5f-83a3-da780be3a350_3.json"} {
		line, err := eval.BasilJSONLine(filepath.Join("../../shared/data/basil/articles", f))
		if os.IsNotExist(err) {
			t.Skip("../shared/data/basil is absent")
		} else if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(corpus, strings.TrimSuffix(filepath.Base(f), ".json")+".jsonl"), line, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := serverFor(t, corpus)
	ctx, cancel := browser(t)
	defer cancel()
	pasteLookup(ctx, t, srv.URL, "That could very well be the case")
	waitCard(ctx, t, "could very well be")
	var attr map[string]string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const out = {};
		for (const li of document.querySelector('[data-quotetrail]').shadowRoot.querySelectorAll('li')) {
			const a = li.querySelector('.attr');
			out[li.getAttribute('data-outlet')] = a ? a.innerText : '';
		}
		return out;
	})()`, &attr)); err != nil {
		t.Fatal(err)
	}
	if got := attr["NYT"]; !strings.Contains(got, "Joseph Sellers (“Mr. Sellers” in this article)") {
		t.Errorf("the Times' attribution reads %q (card: %v)", got, attr)
	}
	screenshot(ctx, t, "card-corpus-name.png")
}
