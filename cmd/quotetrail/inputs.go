package main

import (
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"quotetrail/internal/build"
)

// pathList is a flag that may be given more than once (-corpus a -corpus b).
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ", ") }

func (p *pathList) Set(s string) error {
	*p = append(*p, s)
	return nil
}

// inputs is what the paths given to build or extract hold.
type inputs struct {
	paths   []string         // as given
	files   []string         // the files to read, in order: each path's in path order
	owner   []int            // owner[i]: the path that files[i] came from
	ignored []map[string]int // for each path, what it holds that is not read (build.Listing)
}

// listInputs lists the files under each path (a folder, walked
// recursively, or a file), in the order given. A file reached from two
// paths is read once, for the first.
func listInputs(paths []string) (inputs, error) {
	in := inputs{paths: paths}
	seen := map[string]bool{}
	for i, p := range paths {
		l, err := build.List(p)
		if err != nil {
			return in, err
		}
		in.ignored = append(in.ignored, l.Ignored)
		for _, f := range l.Files {
			key, err := filepath.Abs(f)
			if err != nil {
				key = f
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			in.files = append(in.files, f)
			in.owner = append(in.owner, i)
		}
	}
	return in, nil
}

// nothingToRead says why the paths gave no file, and what they hold.
func (in inputs) nothingToRead() string {
	var what []string
	for _, ig := range in.ignored {
		for k, n := range ig {
			what = append(what, fmt.Sprintf("%d %s", n, k))
		}
	}
	s := fmt.Sprintf("%s holds no file quotetrail reads (%s)", strings.Join(in.paths, ", "), build.Kinds)
	if len(what) > 0 {
		slices.Sort(what)
		s += "; it holds " + strings.Join(what, ", ")
	}
	return s
}

// writeInputTable writes what became of each path's files: articles read,
// added, left out as duplicates, left out with a reason, and what was not
// read (files of other kinds, WARC records that are not HTML pages).
func writeInputTable(w io.Writer, in inputs, sum build.Summary) {
	counts := make([]build.Counts, len(in.paths))
	for i, c := range sum.Files {
		o := &counts[in.owner[i]]
		o.Articles += c.Articles
		o.Duplicates += c.Duplicates
		o.Bad += c.Bad
		for k, n := range c.Skipped {
			if o.Skipped == nil {
				o.Skipped = map[string]int{}
			}
			o.Skipped[k] += n
		}
	}
	width := len("input")
	for _, p := range in.paths {
		width = max(width, len(p))
	}
	fmt.Fprintf(w, "%-*s %8s %8s %10s %8s   %s\n", width, "input", "read", "articles", "duplicates", "left out", "not read")
	for i, p := range in.paths {
		c := counts[i]
		fmt.Fprintf(w, "%-*s %8d %8d %10d %8d   %s\n", width, p, c.Read(), c.Articles, c.Duplicates, c.Bad, notRead(c.Skipped, in.ignored[i]))
	}
}

// notRead describes, in one short line, what an input held that was not
// read: "1204 records (790 not HTML, 402 request records, 12 HTTP status
// other than 200); 2 files (2 .go)".
func notRead(skipped, ignored map[string]int) string {
	part := func(m map[string]int, unit string) string {
		total := 0
		keys := slices.Sorted(maps.Keys(m))
		slices.SortStableFunc(keys, func(a, b string) int { return m[b] - m[a] })
		var each []string
		for _, k := range keys {
			total += m[k]
			each = append(each, fmt.Sprintf("%d %s", m[k], k))
		}
		if total == 0 {
			return ""
		}
		return fmt.Sprintf("%d %s (%s)", total, unit, strings.Join(each, ", "))
	}
	var out []string
	if s := part(skipped, "records"); s != "" {
		out = append(out, s)
	}
	if s := part(ignored, "files"); s != "" {
		out = append(out, s)
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, "; ")
}
