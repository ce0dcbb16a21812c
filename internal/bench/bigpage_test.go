package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"quotetrail/internal/article"
	"quotetrail/internal/quote"
)

// TestBigPage: a big page is real HTML that the extractor reads as one
// article, of about the size asked, seeded, and its quotations are mostly
// distinct texts.
func TestBigPage(t *testing.T) {
	if _, err := os.Stat("../../../shared/data/polnear"); err != nil {
		t.Skip("../shared/data is absent")
	}
	srcs, err := Sources("../../../shared")
	if err != nil {
		t.Fatal(err)
	}
	const size = 300 << 10
	page := BigPage(srcs, size, 1)
	if !bytes.Equal(page, BigPage(srcs, size, 1)) {
		t.Fatal("not repeatable")
	}
	if len(page) < size || len(page) > size+8<<10 {
		t.Errorf("%d bytes, want about %d", len(page), size)
	}
	a, err := article.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	qs := quote.Find(a.Paragraphs)
	distinct := map[string]bool{}
	for _, q := range qs {
		distinct[q.Text] = true
	}
	t.Logf("%d bytes: %d paragraphs, %d quotations, %d distinct", len(page), len(a.Paragraphs), len(qs), len(distinct))
	if len(qs) < len(a.Paragraphs) || len(distinct) < len(qs)*9/10 {
		t.Errorf("%d paragraphs, %d quotations of which %d distinct: want a quotation a paragraph, nine in ten distinct",
			len(a.Paragraphs), len(qs), len(distinct))
	}
}

// TestWriteBigPages writes big pages for measuring the command line, when
// QUOTETRAIL_BIGPAGES names a folder: one corpus folder per size
// (QUOTETRAIL_BIGPAGE_MB, default 0.5,1,2,4,15), each holding one page.
//
//	QUOTETRAIL_BIGPAGES=/tmp/big go test -run TestWriteBigPages ./internal/bench
//	/usr/bin/time -v build/quotetrail build -corpus /tmp/big/4mb -out /tmp/out -wasm build/engine.wasm
func TestWriteBigPages(t *testing.T) {
	dir := os.Getenv("QUOTETRAIL_BIGPAGES")
	if dir == "" {
		t.Skip("QUOTETRAIL_BIGPAGES is not set")
	}
	srcs, err := Sources("../../../shared")
	if err != nil {
		t.Fatal(err)
	}
	sizes := os.Getenv("QUOTETRAIL_BIGPAGE_MB")
	if sizes == "" {
		sizes = "0.5,1,2,4,15"
	}
	for _, s := range strings.Split(sizes, ",") {
		mb, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		sub := filepath.Join(dir, s+"mb")
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		page := BigPage(srcs, int(mb*(1<<20)), 1)
		if err := os.WriteFile(filepath.Join(sub, "live.html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", sub, len(page))
	}
}
