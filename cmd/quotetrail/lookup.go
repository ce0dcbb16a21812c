package main

import (
	"bytes"
	"encoding/json"
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

// defaultIndex is the whole index build writes; eval's -index default.
const defaultIndex = "dist/index.qti"

// indexEnv names the index lookup searches when -index is not given.
const indexEnv = "QUOTETRAIL_INDEX"

// defaultIndexes are the indexes lookup searches, in this order, when
// neither -index nor QUOTETRAIL_INDEX names one: build's folder index,
// then its whole index, relative to the current folder.
var defaultIndexes = []string{"dist/index", defaultIndex}

func cmdLookup(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lookup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	indexFlag := fs.String("index", "", "index written by build: the folder index (dist/index) or its "+index.EntryName+", or index.qti (default: $"+indexEnv+", else "+strings.Join(defaultIndexes, " or ")+")")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	if ok, status := parseArgs(fs, args); !ok {
		return status
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "index" })
	// The index first: without one there is nothing to wait on standard
	// input for.
	indexPath, viaEnv, err := findIndex(explicit, *indexFlag)
	if err != nil {
		fmt.Fprintf(stderr, "quotetrail lookup: %v\n", err)
		return 2
	}
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() == 0 || text == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail lookup: reading standard input: %v\n", err)
			return 2
		}
		text = strings.TrimSpace(string(b)) // the line's end is not part of the selection
	}
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(stderr, "quotetrail lookup: nothing to look up")
		return 2
	}
	from := "" // where an index not named on the command line came from
	if viaEnv {
		from = indexEnv + ": "
	}
	var res match.Result
	var entries []match.Entry
	var articles int
	if dir, ok := folderIndex(indexPath); ok {
		var err error
		if res, entries, articles, err = lookupFolder(dir, text); err != nil {
			fmt.Fprintf(stderr, "quotetrail lookup: %s%v\n", from, err)
			return 2
		}
	} else {
		x, err := loadIndex(indexPath, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail lookup: %s%v\n", from, err)
			return 2
		}
		e := match.New(x)
		res = e.Lookup(text)
		entries = e.Entries(res)
		articles = len(x.Articles)
	}
	// An index the command line did not name is named on stderr (never
	// on stdout, whose -json object is the contract's): a reader must not
	// take an answer from the wrong corpus for the one they meant.
	if !explicit {
		how := plural(articles, "article")
		if viaEnv {
			how += "; from " + indexEnv
		}
		fmt.Fprintf(stderr, "quotetrail lookup: searched %s (%s)\n", indexPath, how)
	}
	if res.Truncated {
		fmt.Fprintf(stderr, "quotetrail lookup: the text was cut to its first %d bytes\n", len(res.Query))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			Query       string        `json:"query"`
			Matches     []match.Entry `json:"matches"`
			Truncated   bool          `json:"truncated,omitempty"`
			Independent int           `json:"independent"`
		}{res.Query, entries, res.Truncated, match.Independent(entries)})
	} else {
		printEntries(stdout, entries)
	}
	if len(entries) == 0 {
		return 1
	}
	return 0
}

// findIndex returns the index lookup searches: -index when given, else
// $QUOTETRAIL_INDEX when set, else the first of defaultIndexes that
// exists; viaEnv says the path came from $QUOTETRAIL_INDEX. With no
// index anywhere it is an error: lookup never builds one from a corpus
// behind the reader's back, which would answer from a corpus they may
// not mean.
func findIndex(explicit bool, flagPath string) (path string, viaEnv bool, err error) {
	if explicit {
		return flagPath, false, nil
	}
	if p := os.Getenv(indexEnv); p != "" {
		return p, true, nil
	}
	for _, p := range defaultIndexes {
		probe := p
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			probe = filepath.Join(p, index.EntryName) // a folder is an index only with its entry
		}
		if _, err := os.Stat(probe); err == nil {
			return p, false, nil
		}
	}
	return "", false, fmt.Errorf("no index found at %s: pass -index PATH or set %s, or run `quotetrail build`", strings.Join(defaultIndexes, " or "), indexEnv)
}

// plural writes n with thousands separators and the noun, in the plural
// unless n is 1: "1 article", "10,000 articles".
func plural(n int, noun string) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n != 1 {
		noun += "s"
	}
	return s + " " + noun
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
// (a regular file, of bounded size, checked against its name). It also
// returns the number of articles the index holds.
func lookupFolder(dir, text string) (match.Result, []match.Entry, int, error) {
	entry, err := readIndexFile(filepath.Join(dir, index.EntryName))
	if err != nil {
		return match.Result{}, nil, 0, err
	}
	f, err := match.OpenFolder(entry)
	if err != nil {
		return match.Result{}, nil, 0, fmt.Errorf("%s: %w", filepath.Join(dir, index.EntryName), err)
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
		return match.Result{}, nil, 0, fmt.Errorf("%s: %w", dir, err)
	}
	return res, entries, f.Entry().Last().Articles, nil
}

// loadIndex reads the whole index (index.qti) at path. It never builds
// one from a corpus instead: an index that is missing is an error.
func loadIndex(path string, _ io.Writer) (*index.Index, error) {
	data, err := readIndexFile(path)
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
	fmt.Fprintf(w, "%d %s carried it", len(entries), outlets)
	var notes []string
	// Copies (republications, close reuse) are one report with the original.
	if n := match.Independent(entries); n < len(entries) {
		notes = append(notes, plural(n, "independent report"))
	}
	// The engine answered for a quotation inside the selection: say which.
	if f := entries[0].Focus; f != "" {
		notes = append(notes, fmt.Sprintf("answered for the quotation “%s” in the selection", f))
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(notes, "; "))
	}
	fmt.Fprintln(w, ":")
	for _, e := range entries {
		// The wording says what differs (identical, spelled differently,
		// reworded, in part, not quoted); the match kind is the JSON's.
		label := e.Wording
		if label == "" {
			label = e.Match
		}
		occasion := ""
		if e.Occasion == match.OccasionUnknown {
			occasion = "; undated: may be another occasion"
		}
		fmt.Fprintf(w, "\n%s  %s  [%s %.2f%s]\n", orDash(e.Outlet), orDash(e.Published), label, e.Score, occasion)
		if s := syndication(e); s != "" {
			fmt.Fprintf(w, "  %s\n", s)
		}
		fmt.Fprintf(w, "  “%s”\n", markDiffers(e.Quote, e.Differs))
		if len(e.Spelled) > 0 {
			fmt.Fprintf(w, "  spelled differently: %s\n", strings.Join(spans(e.Quote, e.Spelled), ", "))
		}
		if e.Match != match.Text {
			speaker := orDash(e.Speaker)
			if e.SpeakerText != "" {
				speaker += " (“" + e.SpeakerText + "” in this article)"
			}
			fmt.Fprintf(w, "  speaker: %s · channel: %s%s · cue: %s\n", speaker, orDash(e.Channel), inferredMark(e.Inferred), orDash(e.Cue))
		}
		if e.URL != "" {
			fmt.Fprintf(w, "  %s\n", e.URL)
		}
	}
}

// syndication says what the entry's article is a copy of: "republishing
// BBC News", "shares its text with Vidia News (001_…)".
func syndication(e match.Entry) string {
	var parts []string
	if e.Republishes != "" {
		parts = append(parts, "republishing "+e.Republishes)
	}
	if e.Reuses != "" {
		parts = append(parts, fmt.Sprintf("reuses the text of %s (%s)", orDash(e.ReusesOutlet), e.Reuses))
	}
	if e.SharesText != "" {
		parts = append(parts, fmt.Sprintf("shares its text with %s (%s)", orDash(e.ReusesOutlet), e.SharesText))
	}
	return strings.Join(parts, " · ")
}

// spans returns the parts of quote that spans (UTF-16 offsets, as the
// JSON's) mark.
func spans(quote string, spans [][2]int) []string {
	u := utf16.Encode([]rune(quote))
	var out []string
	for _, d := range spans {
		if d[0] >= 0 && d[0] < d[1] && d[1] <= len(u) {
			out = append(out, "“"+string(utf16.Decode(u[d[0]:d[1]]))+"”")
		}
	}
	return out
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
