package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// firefox returns Firefox to drive (Debian's firefox-esr), or skips (fails
// when QUOTETRAIL_REQUIRE_BROWSER=1, as in CI) without one.
func firefox(t *testing.T) string {
	t.Helper()
	for _, c := range []string{os.Getenv("QUOTETRAIL_FIREFOX"), "firefox-esr", "firefox"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("QUOTETRAIL_REQUIRE_BROWSER") == "1" {
		t.Fatal("Firefox is required (QUOTETRAIL_REQUIRE_BROWSER=1) but not installed: apt-get install firefox-esr")
	}
	t.Skip("Firefox is not installed (apt-get install firefox-esr): skipping the Firefox test")
	return ""
}

// TestFirefoxExtension: the Firefox store package, installed in Firefox
// ESR as a temporary add-on by puppeteer-core over WebDriver BiDi
// (firefox_driver.cjs): with automatic cards turned on on its options page
// (a click; all sites granted in the manifest, as a reader grants them:
// see grantedExtension), a real mouse drag over a quotation on a local
// page shows the card with the outlets that carried it.
func TestFirefoxExtension(t *testing.T) {
	exe := firefox(t)
	pptr := npmTool(t, "puppeteer-core", "puppeteer-core@24")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("npm is installed without node")
	}
	built, _ := filepath.Abs(filepath.Join(site(t, ""), "extension"))
	_, ff := pack(t, built)
	ext := unzip(t, ff)
	grantHosts(t, ext, allSites...)
	var manifest struct {
		BSS struct {
			Gecko struct {
				ID string `json:"id"`
			} `json:"gecko"`
		} `json:"browser_specific_settings"`
	}
	if b, err := os.ReadFile(filepath.Join(ext, "manifest.json")); err != nil || json.Unmarshal(b, &manifest) != nil {
		t.Fatalf("the Firefox package's manifest: %v", err)
	}

	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(extensionPage))
	}))
	defer page.Close()

	driver, _ := filepath.Abs("firefox_driver.cjs")
	cmd := exec.Command(node, driver)
	cmd.Env = append(os.Environ(), "PUPPETEER_DIR="+pptr, "FIREFOX="+exe, "EXTENSION="+ext,
		"EXTENSION_ID="+manifest.BSS.Gecko.ID, "PAGE="+page.URL+"/", "QUOTE="+quotation, "READ_CARD="+readCard)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("driver:\n%s", stderr.String())
	if err != nil {
		t.Fatalf("firefox_driver.cjs: %v", err)
	}
	var st cardState
	if err := json.Unmarshal(stdout.Bytes(), &st); err != nil {
		t.Fatalf("the driver printed %q: %v", stdout.String(), err)
	}
	checkCarriers(t, st)
}
