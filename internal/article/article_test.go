package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSeedPages(t *testing.T) {
	files, _ := filepath.Glob("../../corpus/*.html")
	if len(files) != 5 {
		t.Fatalf("want 5 corpus pages, found %d", len(files))
	}
	for _, f := range files {
		a, err := ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Logf("%s: %+v paragraphs=%d", filepath.Base(f), *a, len(a.Paragraphs))
	}
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct {
		data []byte
		want error
	}{
		"empty.html":  {[]byte("  \n"), ErrEmpty},
		"binary.html": {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), ErrBinary},
		"nobody.html": {[]byte("<html><head><title>x</title></head><body><nav>Home</nav></body></html>"), ErrNoArticle},
		"blank.txt":   {[]byte("\n\n\n \n x"), nil},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, c.data, 0o644)
		_, err := ReadFile(p)
		if err != c.want {
			t.Errorf("%s: error %v, want %v", name, err, c.want)
		}
	}
	_, err := ReadFile(filepath.Join(dir, "missing.html"))
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}
