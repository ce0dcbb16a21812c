package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"quotetrail/internal/article"
	"quotetrail/internal/build"
	"quotetrail/internal/quote"
)

// extractRecord is one line of `extract -json`.
type extractRecord struct {
	File       string           `json:"file"`
	Article    *article.Article `json:"article,omitempty"`
	Paragraphs int              `json:"paragraphs"`
	Quotes     []quote.Quote    `json:"quotes"`
	Error      string           `json:"error,omitempty"`
}

func cmdExtract(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file (JSON Lines)")
	if fs.Parse(args) != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "quotetrail extract: no files given")
		return 2
	}
	status := 0
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, f := range fs.Args() {
		ex, err := build.Extract(f)
		rec := extractRecord{File: f, Quotes: []quote.Quote{}}
		if err != nil {
			status = 1
			rec.Error = err.Error()
			fmt.Fprintf(stderr, "quotetrail extract: %s: %v\n", f, err)
		} else {
			rec.Article, rec.Paragraphs = ex.Article, len(ex.Article.Paragraphs)
			if ex.Quotes != nil {
				rec.Quotes = ex.Quotes
			}
		}
		if *asJSON {
			enc.Encode(rec)
			continue
		}
		if err != nil {
			continue
		}
		a := ex.Article
		fmt.Fprintf(stdout, "%s\n  outlet: %s\n  title: %s\n  byline: %s\n  published: %s\n  url: %s\n  %d paragraphs, %d quotations\n",
			f, a.Outlet, a.Title, a.Byline, a.Published, a.URL, len(a.Paragraphs), len(ex.Quotes))
		for _, q := range ex.Quotes {
			fmt.Fprintf(stdout, "  ¶%d %s “%s”\n", q.Paragraph, q.Kind, q.Text)
			fmt.Fprintf(stdout, "      speaker: %s (%q)  cue: %s  channel: %s%s\n", orDash(q.Speaker), q.SpeakerText, orDash(q.Cue), orDash(q.Channel), inferredMark(q.Inferred))
		}
	}
	return status
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func inferredMark(b bool) string {
	if b {
		return " (inferred)"
	}
	return ""
}
