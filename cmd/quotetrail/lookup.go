package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"quotetrail/internal/build"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

const defaultIndex = "dist/index.qti"

func cmdLookup(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lookup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	indexPath := fs.String("index", defaultIndex, "index written by build: index.qti, or the folder index (dist/index) or its "+index.EntryName+" (when the default is absent, corpus/ is read instead)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	if fs.Parse(args) != nil {
		return 2
	}
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() == 0 || text == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail lookup: reading standard input: %v\n", err)
			return 2
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(stderr, "quotetrail lookup: nothing to look up")
		return 2
	}
	var res match.Result
	var entries []match.Entry
	if dir, ok := folderIndex(*indexPath); ok {
		var err error
		if res, entries, err = lookupFolder(dir, text); err != nil {
			fmt.Fprintf(stderr, "quotetrail lookup: %v\n", err)
			return 2
		}
	} else {
		x, err := loadIndex(*indexPath, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail lookup: %v\n", err)
			return 2
		}
		e := match.New(x)
		res = e.Lookup(text)
		entries = e.Entries(res)
	}
	if res.Truncated {
		fmt.Fprintf(stderr, "quotetrail lookup: the text was cut to its first %d bytes\n", len(res.Query))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			Query     string        `json:"query"`
			Matches   []match.Entry `json:"matches"`
			Truncated bool          `json:"truncated,omitempty"`
		}{res.Query, entries, res.Truncated})
	} else {
		printEntries(stdout, entries)
	}
	if len(entries) == 0 {
		return 1
	}
	return 0
}

// folderIndex reports whether path names a folder index (the folder or
// its entry file), and returns the folder.
func folderIndex(path string) (string, bool) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return path, true
	}
	if filepath.Base(path) == index.EntryName {
		return filepath.Dir(path), true
	}
	return "", false
}

// lookupFolder answers text from the folder index in dir, reading only
// the parts the lookup needs, each with the same discipline as index.qti
// (a regular file, of bounded size, checked against its name).
func lookupFolder(dir, text string) (match.Result, []match.Entry, error) {
	entry, err := readIndexFile(filepath.Join(dir, index.EntryName))
	if err != nil {
		return match.Result{}, nil, err
	}
	f, err := match.OpenFolder(entry)
	if err != nil {
		return match.Result{}, nil, fmt.Errorf("%s: %w", filepath.Join(dir, index.EntryName), err)
	}
	res, entries, err := f.Lookup(text, func(names []string) ([][]byte, error) {
		out := make([][]byte, len(names))
		for i, name := range names {
			if _, _, ok := index.ParsePartName(name); !ok {
				return nil, fmt.Errorf("%s: the entry names %q, which is no index part", dir, name)
			}
			data, err := readIndexFile(filepath.Join(dir, name))
			if err != nil {
				return nil, err
			}
			out[i] = data
		}
		return out, nil
	})
	if err != nil {
		return match.Result{}, nil, fmt.Errorf("%s: %w", dir, err)
	}
	return res, entries, nil
}

// loadIndex reads the index at path. When the default index has not been
// built yet, it builds one in memory from ./corpus so that a fresh clone
// answers at once.
func loadIndex(path string, stderr io.Writer) (*index.Index, error) {
	data, err := readIndexFile(path)
	if errors.Is(err, os.ErrNotExist) && path == defaultIndex {
		files, ferr := build.CorpusFiles("corpus")
		if ferr != nil || len(files) == 0 {
			return nil, fmt.Errorf("%s not found and no ./corpus to build from: run `make build` or pass -index", path)
		}
		fmt.Fprintf(stderr, "quotetrail lookup: %s not built; reading ./corpus\n", path)
		return indexFiles(files, "lookup", stderr), nil
	}
	if err != nil {
		return nil, err
	}
	x, err := index.Read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return x, nil
}

// readIndexFile reads an index file of at most index.MaxBytes. It must be
// a regular file: a bigger one is refused from its size alone, and a
// pipe or a device (which could block, or never end) is not opened.
func readIndexFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if err := index.TooLarge(fi.Size()); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have grown since: read no more than one byte past the cap.
	var b bytes.Buffer
	b.Grow(int(fi.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, index.MaxBytes+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b.Len() > index.MaxBytes {
		return nil, fmt.Errorf("%s: %w: more than %d bytes", path, index.ErrTooLarge, index.MaxBytes)
	}
	return b.Bytes(), nil
}

func printEntries(w io.Writer, entries []match.Entry) {
	if len(entries) == 0 {
		fmt.Fprintln(w, "No outlet in the corpus carried it.")
		return
	}
	outlets := "outlet"
	if len(entries) > 1 {
		outlets = "outlets"
	}
	fmt.Fprintf(w, "%d %s carried it:\n", len(entries), outlets)
	for _, e := range entries {
		fmt.Fprintf(w, "\n%s  %s  [%s %.2f]\n", orDash(e.Outlet), orDash(e.Published), e.Match, e.Score)
		fmt.Fprintf(w, "  “%s”\n", markDiffers(e.Quote, e.Differs))
		if e.Match != match.Text {
			fmt.Fprintf(w, "  speaker: %s · channel: %s%s · cue: %s\n", orDash(e.Speaker), orDash(e.Channel), inferredMark(e.Inferred), orDash(e.Cue))
		}
		if e.URL != "" {
			fmt.Fprintf(w, "  %s\n", e.URL)
		}
	}
}

// markDiffers sets the words that differ from the selection in ⟦ ⟧.
func markDiffers(quote string, differs [][2]int) string {
	if len(differs) == 0 {
		return quote
	}
	u := utf16.Encode([]rune(quote))
	var b strings.Builder
	at := 0
	for _, d := range differs {
		if d[0] < at || d[1] > len(u) || d[0] >= d[1] {
			continue
		}
		b.WriteString(string(utf16.Decode(u[at:d[0]])) + "⟦" + string(utf16.Decode(u[d[0]:d[1]])) + "⟧")
		at = d[1]
	}
	b.WriteString(string(utf16.Decode(u[at:])))
	return b.String()
}

// indexFiles builds an index in memory, naming on stderr the files left out.
func indexFiles(files []string, cmd string, stderr io.Writer) *index.Index {
	x, bad := build.Index(files)
	for _, b := range bad {
		fmt.Fprintf(stderr, "quotetrail %s: left out %v\n", cmd, b)
	}
	return x
}
