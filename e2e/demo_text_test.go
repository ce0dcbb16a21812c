package e2e

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"quotetrail/internal/serve"
)

// pageText is what the demo page says of itself once demo/start.json has
// loaded: its heading, title, description, footer and the paste box's
// example, and the elements in its header beyond the three it is built
// with (text shown as HTML would add some).
type pageText struct {
	Heading     string `json:"heading"`
	Title       string `json:"title"`
	About       string `json:"about"`
	AboutShown  bool   `json:"aboutShown"`
	Meta        string `json:"meta"`
	Footer      string `json:"footer"`
	Example     string `json:"example"`
	HeaderNodes int    `json:"headerNodes"`
	Injected    bool   `json:"injected"`
}

const readPageText = `(() => {
  const about = document.getElementById('site-about');
  return {
    heading: document.querySelector('header h1').textContent,
    title: document.title,
    about: about.textContent,
    aboutShown: !about.hidden && about.getBoundingClientRect().height > 0,
    meta: document.querySelector('meta[name="description"]').getAttribute('content'),
    footer: document.querySelector('footer').textContent,
    example: document.getElementById('paste-text').placeholder,
    headerNodes: document.querySelectorAll('header *').length,
    injected: !!window.__injected,
  };
})()`

// demoText opens the demo at url and reads what it says of its corpus.
func demoText(t *testing.T, url string) pageText {
	t.Helper()
	ctx, cancel := browser(t)
	defer cancel()
	var p pageText
	err := chromedp.Run(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(`#reader h2`, chromedp.ByQuery), // demo/start.json has loaded
		chromedp.Evaluate(readPageText, &p),
	)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDemoDescribesItsCorpus: a corpus built without -name and -about is
// described on the demo page from what was built (its articles, outlets
// and dates counted), and the page claims nothing about it beyond that:
// not the seeds' story, though here the corpus is the seeds. The paste
// box's example is a quotation of the corpus, and looking it up, typed
// and sent with the button, finds the outlets that carried it.
func TestDemoDescribesItsCorpus(t *testing.T) {
	srv := server(t) // the seeds, built with no -name or -about
	p := demoText(t, srv.URL)
	const about = "5 articles from 5 outlets. 3 published on 2026-02-05; 2 undated."
	if p.Heading != "quotetrail" || p.About != about || !p.AboutShown || p.Meta != about {
		t.Errorf("heading %q, description %q (shown %v, meta %q); want quotetrail and %q", p.Heading, p.About, p.AboutShown, p.Meta, about)
	}
	for _, claim := range []string{"Xi Jinping", "Trump", "five news reports"} {
		if strings.Contains(p.Title+p.About+p.Footer, claim) {
			t.Errorf("the page claims %q of a corpus it was told nothing about: title %q, footer %q", claim, p.Title, p.Footer)
		}
	}
	if p.Example == "" {
		t.Fatal("the paste box has no example")
	}
	ctx, cancel := browser(t)
	defer cancel()
	pasteLookup(ctx, t, srv.URL, p.Example)
	if st := waitCard(ctx, t, strings.TrimSuffix(p.Example, ".")); len(st.Entries) < 2 {
		t.Errorf("the example %q finds %d outlets: %+v", p.Example, len(st.Entries), st)
	}
}

// TestDemoShowsBuildNameAndAbout: `quotetrail build -name -about` sets
// the demo page's heading, title and description, as text: markup in
// them is shown, never parsed.
func TestDemoShowsBuildNameAndAbout(t *testing.T) {
	const (
		name  = `Seeds <b>in bold</b> & "quoted"`
		about = `Reports <img src=x onerror="window.__injected=true"> of <i>two</i> calls.`
	)
	dir := namedSite(t, "-name", name, "-about", about)
	srv := httptest.NewServer(serve.Handler(dir))
	t.Cleanup(srv.Close)
	p := demoText(t, srv.URL)
	if p.Heading != name || p.Title != name+" · quotetrail" || p.About != about || !p.AboutShown || p.Meta != about {
		t.Errorf("heading %q, title %q, description %q (shown %v, meta %q); want %q, %q, %q", p.Heading, p.Title, p.About, p.AboutShown, p.Meta, name, name+" · quotetrail", about)
	}
	// header h1, the description and the instructions: nothing else.
	if p.HeaderNodes != 3 || p.Injected {
		t.Errorf("the header has %d elements (want 3), injected script ran: %v: the name or description was read as HTML", p.HeaderNodes, p.Injected)
	}
}

// namedSite builds the seeds' site with args added to build's, reusing
// the engine of the site built for the run.
func namedSite(t *testing.T, args ...string) string {
	t.Helper()
	engine := filepath.Join(site(t, ""), "engine.wasm") // wasm_exec.js beside it
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "dist")
	cmd := exec.Command("go", append([]string{"run", "./cmd/quotetrail", "build", "-wasm", engine, "-out", dir}, args...)...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %v: %v\n%s", args, err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "demo", "start.json")); err != nil {
		t.Fatal(err)
	}
	return dir
}
