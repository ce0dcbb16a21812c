package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealPages runs extraction and quote finding over the real article
// pages of ../shared/data/realhtml: none may panic, and each must give an
// article or a named error.
func TestRealPages(t *testing.T) {
	root := "../../../shared/data/realhtml"
	if _, err := os.Stat(root); err != nil {
		t.Skipf("%s is absent: skipping the real-page test", root)
	}
	pages, _ := filepath.Glob(filepath.Join(root, "readability", "*", "source.html"))
	gz, _ := filepath.Glob(filepath.Join(root, "scrapinghub", "html", "*.html.gz"))
	pages = append(pages, gz...)
	if len(pages) < 300 {
		t.Fatalf("found %d real pages, want the 311 of ../shared/data/realhtml", len(pages))
	}
	ok, failed, quotes := 0, 0, 0
	for _, p := range pages {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic: %v", p, r)
				}
			}()
			ex, err := Extract(p)
			switch {
			case err != nil:
				failed++
				if err.Error() == "" {
					t.Errorf("%s: an error with no reason", p)
				}
				t.Logf("%s: %v", p, err)
			case ex.Article == nil || len(ex.Article.Paragraphs) == 0:
				t.Errorf("%s: no error and no article", p)
			default:
				ok++
				quotes += len(ex.Quotes)
			}
		}()
	}
	t.Logf("%d pages: %d articles (%d quotations), %d named errors", len(pages), ok, quotes, failed)
	// Named errors are allowed, but a body finder that gave up on the web
	// would pass on errors alone: most real pages must give an article.
	if ok < len(pages)*9/10 {
		t.Errorf("only %d of %d real pages gave an article", ok, len(pages))
	}
}
