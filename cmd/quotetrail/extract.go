package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"quotetrail/internal/article"
	"quotetrail/internal/build"
	"quotetrail/internal/quote"
)

// extractRecord is one line of `extract -json`: one article, from a file
// or from a record of a WARC or JSON Lines file.
type extractRecord struct {
	File       string           `json:"file"`
	Record     int              `json:"record,omitempty"` // the WARC record's number, or the JSON line's
	Article    *article.Article `json:"article,omitempty"`
	Paragraphs int              `json:"paragraphs"`
	Quotes     []quote.Quote    `json:"quotes"`
	Error      string           `json:"error,omitempty"`
}

func cmdExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per article (JSON Lines)")
	if ok, status := parseArgs(fs, args); !ok {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "quotetrail extract: no files given (FILE, folder, or - for standard input)")
		return 2
	}
	status := 0
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, arg := range fs.Args() {
		files, shown, cleanup, err := extractInputs(arg, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail extract: %v\n", err)
			status = 1
			continue
		}
		skipped := map[string]map[string]int{}
		for it := range build.Items(files) {
			file := it.File
			if file == files[0] && shown != "" {
				file, it.File = shown, shown
			}
			if it.Skip != "" {
				if skipped[file] == nil {
					skipped[file] = map[string]int{}
				}
				skipped[file][it.Skip]++
				continue
			}
			ex, err := build.ExtractItem(it)
			rec := extractRecord{File: file, Record: it.Record, Quotes: []quote.Quote{}}
			if err != nil {
				status = 1
				rec.Error = err.Error()
				fmt.Fprintf(stderr, "quotetrail extract: %s: %v\n", it.Name(), err)
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
			fmt.Fprintf(stdout, "%s\n  outlet: %s\n  title: %s\n  byline: %s\n  published: %s\n  url: %s\n  %s, %s\n",
				it.Name(), a.Outlet, a.Title, a.Byline, a.Published, a.URL, plural(len(a.Paragraphs), "paragraph"), plural(len(ex.Quotes), "quotation"))
			for _, q := range ex.Quotes {
				fmt.Fprintf(stdout, "  ¶%d %s “%s”\n", q.Paragraph, q.Kind, q.Text)
				fmt.Fprintf(stdout, "      speaker: %s (%q)  cue: %s  channel: %s%s\n", orDash(q.Speaker), q.SpeakerText, orDash(q.Cue), orDash(q.Channel), inferredMark(q.Inferred))
			}
		}
		for _, f := range slices.Sorted(maps.Keys(skipped)) {
			fmt.Fprintf(stderr, "quotetrail extract: %s: not read: %s\n", f, notRead(skipped[f], nil))
		}
		cleanup()
	}
	return status
}

// extractInputs returns the files an argument of extract names: a file
// as it is (whatever its name: one not named .html is read as text), the
// inputs of a folder (build.List), or for "-" standard input, saved to a
// temporary file named after what it holds (a WARC, JSON Lines, HTML or
// text, gzipped or not) and shown as "-".
func extractInputs(arg string, stdin io.Reader) (files []string, shown string, cleanup func(), err error) {
	cleanup = func() {}
	if arg != "-" {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, "", cleanup, err
		}
		if !st.IsDir() {
			return []string{arg}, "", cleanup, nil
		}
		l, err := build.List(arg)
		if err == nil && len(l.Files) == 0 {
			err = fmt.Errorf("%s holds no file quotetrail reads (%s)", arg, build.Kinds)
		}
		return l.Files, "", cleanup, err
	}
	tmp, err := os.CreateTemp("", "quotetrail-stdin-*")
	if err != nil {
		return nil, "", cleanup, err
	}
	cleanup = func() { os.Remove(tmp.Name()) }
	br := bufio.NewReader(stdin)
	head, _ := br.Peek(2)
	gz := len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b
	if _, err = io.Copy(tmp, br); err == nil {
		err = tmp.Close()
	}
	if err != nil {
		return nil, "", cleanup, err
	}
	// What the (decompressed) start of the stream says it is.
	var start []byte
	if f, err := os.Open(tmp.Name()); err == nil {
		var r io.Reader = f
		if gz {
			if zr, err := gzip.NewReader(f); err == nil {
				r = zr
			}
		}
		start, _ = io.ReadAll(io.LimitReader(r, 1024))
		f.Close()
	}
	ext := ".txt"
	switch s := bytes.TrimLeft(start, " \t\r\n\ufeff"); {
	case bytes.HasPrefix(s, []byte("WARC/")):
		ext = ".warc"
	case bytes.HasPrefix(s, []byte("{")):
		ext = ".jsonl"
	case bytes.HasPrefix(s, []byte("<")):
		ext = ".html"
	}
	if gz {
		ext += ".gz"
	}
	name := tmp.Name() + ext
	if err := os.Rename(tmp.Name(), name); err != nil {
		return nil, "", cleanup, err
	}
	return []string{name}, "-", func() { os.Remove(name) }, nil
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
