package bundle

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// File is one file written to the site, with its sizes.
type File struct {
	Name   string // slash-separated, relative to the site root
	Raw    int
	Gzip   int // 0 when not precompressed
	Brotli int
	// Changed is false for a file that Update found already written with
	// the same bytes, and so left as it was.
	Changed bool
}

// Minifier returns the minifier used for the site's files.
func Minifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".json": "application/json", ".webmanifest": "application/json", ".svg": "image/svg+xml",
}

// compressible are the extensions worth a .br and .gz copy.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".mjs": true, ".json": true, ".svg": true, ".wasm": true,
	".qti": true, ".qtf": true, ".webmanifest": true, ".txt": true,
}

// Site writes the files of www (minified where a minifier applies) and the
// generated files to out, which it empties first, and returns what it
// wrote. Generated files win over www files of the same name.
func Site(www, out string, generated map[string][]byte) ([]File, error) {
	if err := clear(out); err != nil {
		return nil, err
	}
	return site(www, out, generated, false, nil, nil)
}

// Update is Site for a folder that holds the site's last build: it
// writes only the files whose bytes changed (each through a temporary
// file renamed into place, so that a server sending the folder meanwhile
// never sends half a file), the folder index's entry after its parts,
// and then removes the files the site no longer has. The parts of a
// folder index are named by their content, so after an incremental
// build most are already there: an upload after it is only the files
// reported Changed (and the removals).
func Update(www, out string, generated map[string][]byte) ([]File, error) {
	return UpdateKeeping(www, out, generated, nil)
}

// UpdateKeeping is Update leaving the files named in keep as they are,
// with their compressed copies: files the site still has, which the
// caller did not make again (an incremental build's folder index base).
// They are reported unchanged; one that is missing is an error.
func UpdateKeeping(www, out string, generated map[string][]byte, keep []string) ([]File, error) {
	return updateKeeping(www, out, generated, keep, nil)
}

func updateKeeping(www, out string, generated map[string][]byte, keep []string, quick map[string]bool) ([]File, error) {
	if !IsSite(out) {
		return nil, errors.New(out + " holds no " + Marker + ": not a built site to update")
	}
	// Stated on every core: an increment keeps tens of thousands of
	// files, three stats each.
	kept := make([]File, len(keep))
	errs := make([]error, len(keep))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(keep); i += workers {
				name := keep[i]
				p := filepath.Join(out, filepath.FromSlash(name))
				st, err := os.Stat(p)
				if err != nil {
					errs[i] = errors.New("a file the update keeps is missing: " + err.Error())
					continue
				}
				f := File{Name: name, Raw: int(st.Size())}
				if gz, err := os.Stat(p + ".gz"); err == nil {
					f.Gzip = int(gz.Size())
				}
				if br, err := os.Stat(p + ".br"); err == nil {
					f.Brotli = int(br.Size())
				}
				kept[i] = f
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	report, err := site(www, out, generated, true, kept, quick)
	return append(report, kept...), err
}

// Append is bytes to write after a file the site holds, of Size bytes
// (an incremental build's part of index.qti, index.MarshalAppend).
type Append struct {
	Size int64
	Data []byte
	// Like names another file appended to by the same append, which
	// this one holds a copy of (the extension's copy of index.qti): once
	// that one is appended to, this one becomes a hard link to it, so
	// that the two are one file to append to. Where the folder takes no
	// hard link, it is appended to as any.
	Like string
}

// UpdateAppending is UpdateKeeping that also appends to files the site
// holds: each of appends gets its Data written after it. A file that gets
// compressed copies is small, and may be sent to a browser whole: it is
// written whole, with them, through a file renamed into place. One past
// uncopiedData (index.qti at scale, which no browser reads whole: readers
// fetch the folder index) is appended to in place: a copy renamed into
// place cost 0.5 s of every increment at 100,000 articles (576 MB copied,
// and ext4 writing it out on the rename), against a millisecond; a
// reader of the file in that millisecond finds its last part cut short
// and refuses it as damaged, as it would any cut file. One with nothing
// to append is kept as it is. A file whose size is not the Append's is
// an error, as it is not the one the caller appends to.
//
// Files named in quick get their compressed copies at the fastest levels
// (brotli 1, gzip 1): an incremental build's delta, which every increment
// writes again until a full build folds it into the base. On the 1,094
// parts of a delta of 100 articles to 100,000 (27.3 MB) brotli 1 gave 8.5
// MB in 0.5 s and level 5 7.2 MB in 1.9 s, on one core.
func UpdateAppending(www, out string, generated map[string][]byte, keep []string, appends map[string]Append, quick map[string]bool) ([]File, error) {
	if !IsSite(out) {
		return nil, errors.New(out + " holds no " + Marker + ": not a built site to update")
	}
	gen := maps.Clone(generated)
	var appended []File
	// The files appended to first, then those like them.
	names := slices.Collect(maps.Keys(appends))
	slices.SortFunc(names, func(a, b string) int {
		like := func(n string) int {
			if appends[n].Like != "" {
				return 1
			}
			return 0
		}
		return cmp.Or(like(a)-like(b), strings.Compare(a, b))
	})
	done := map[string]bool{}
	for _, name := range names {
		a := appends[name]
		p := filepath.Join(out, filepath.FromSlash(name))
		if like, ok := appends[a.Like]; ok && done[a.Like] && len(a.Data) > 0 && a.Size == like.Size && bytes.Equal(a.Data, like.Data) {
			// A link to it already (the last append made it one): appended
			// to with it.
			st, err1 := os.Stat(p)
			lst, err2 := os.Stat(filepath.Join(out, filepath.FromSlash(a.Like)))
			if err1 == nil && err2 == nil && os.SameFile(st, lst) {
				appended = append(appended, File{Name: name, Raw: int(st.Size()), Changed: true})
				keep = append(keep, name)
				continue
			}
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.Size() != a.Size {
			return nil, fmt.Errorf("%s is %d bytes, not the %d the build appends to: it changed since the last build", name, st.Size(), a.Size)
		}
		if len(a.Data) == 0 {
			keep = append(keep, name) // nothing to append: as it is
			continue
		}
		size := int(a.Size) + len(a.Data)
		if copies(name, size) {
			old, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			gen[name] = append(old, a.Data...)
			continue
		}
		// Copies it had below uncopiedData hold the file before the
		// append: a server would send them in its place.
		for _, c := range []string{p + ".gz", p + ".br"} {
			if err := os.Remove(c); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
		switch {
		case a.Like != "" && done[a.Like] && appendAs(p, filepath.Join(out, filepath.FromSlash(a.Like))):
		case links(st) == 1+linkedLike(out, name, st, appends):
			// Its only names are the site's: appended to in place.
			if err := appendFile(p, a.Data); err != nil {
				return nil, err
			}
		default:
			// Another name holds the file (a snapshot made with cp -al or
			// rsync --link-dest): a copy is appended to, the other left as
			// it was.
			if err := appendCopy(p, a.Data); err != nil {
				return nil, err
			}
		}
		done[name] = true
		appended = append(appended, File{Name: name, Raw: size, Changed: true})
		keep = append(keep, name)
	}
	report, err := updateKeeping(www, out, gen, keep, quick)
	for i, f := range report {
		for _, a := range appended {
			if f.Name == a.Name {
				report[i] = a
			}
		}
	}
	return report, err
}

// linkedLike counts the files appended to like name that are already
// the file of st (hard links the last append made).
func linkedLike(out, name string, st os.FileInfo, appends map[string]Append) int {
	n := 0
	for other, a := range appends {
		if a.Like != name {
			continue
		}
		if ost, err := os.Stat(filepath.Join(out, filepath.FromSlash(other))); err == nil && os.SameFile(st, ost) {
			n++
		}
	}
	return n
}

// appendCopy writes data after the file p through a copy renamed into
// place, leaving the file's other names as they were.
func appendCopy(p string, data []byte) error {
	tmp := tmpName(p)
	src, err := os.Open(p)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	// *os.File to *os.File: copy_file_range on Linux, in the kernel.
	_, err = io.Copy(dst, src)
	if err == nil {
		_, err = dst.Write(data)
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, p)
}

// appendFile writes data after the file p, in place; a write that fails
// is cut off again, leaving the file as it was.
func appendFile(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err == nil {
		if _, err = f.Write(data); err != nil {
			f.Truncate(st.Size())
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// appendAs makes p a hard link to like, which holds what p would hold
// once appended to, through a link renamed into place; false when the
// folder takes no hard link.
func appendAs(p, like string) bool {
	tmp := tmpName(p)
	os.Remove(tmp)
	if err := os.Link(like, tmp); err != nil {
		return false
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return false
	}
	return true
}

// copies reports whether the site keeps gzip and brotli copies of the
// file name of size bytes. Extension files are read from disk by the
// browser: no copies. Data files past uncopiedData get none either (see
// there).
func copies(name string, size int) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return compressible[ext] && !strings.HasPrefix(name, "extension/") && !(dataFiles[ext] && size > uncopiedData)
}

// last are written after every other file by Update: the entry names the
// parts, which must be there first.
var last = map[string]bool{"index/entry.qtf": true}

func site(www, out string, generated map[string][]byte, update bool, kept []File, quick map[string]bool) ([]File, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(www, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(www, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(filepath.Base(p), ".") || strings.HasSuffix(rel, "_test.go") || strings.HasSuffix(rel, ".go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, data := range generated {
		files[name] = data
	}
	m := Minifier()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// Minify in order, then write and compress on every core: the index
	// and the demo's article list are big and take most of a build.
	type job struct {
		name     string
		data     []byte
		compress bool
	}
	jobs := make([]job, len(names))
	for i, name := range names {
		data := files[name]
		ext := strings.ToLower(filepath.Ext(name))
		if mt, ok := mediaTypes[ext]; ok {
			var b bytes.Buffer
			if err := m.Minify(mt, &b, bytes.NewReader(data)); err != nil {
				return nil, &minifyError{name, err}
			}
			data = b.Bytes()
		}
		jobs[i] = job{name, data, copies(name, len(data))}
	}
	report := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	run := func(order []int) {
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(order)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					j := jobs[i]
					if update {
						if f, same := unchanged(out, j.name, j.data, j.compress); same {
							report[i] = f
							continue
						}
					}
					report[i], errs[i] = write(out, j.name, j.data, j.compress, update, quick[j.name])
				}
			}()
		}
		for _, i := range order {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	// The biggest first, so that no core is left with one at the end.
	var order, after []int
	for i, j := range jobs {
		if update && last[j.name] {
			after = append(after, i)
		} else {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return len(jobs[order[a]].data) > len(jobs[order[b]].data) })
	run(order)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	run(after)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if update {
		copied := map[string]bool{}
		for _, j := range jobs {
			if j.compress {
				copied[j.name] = true
			}
		}
		for _, f := range kept {
			if _, ok := files[f.Name]; !ok {
				files[f.Name] = nil
				copied[f.Name] = f.Gzip > 0 || f.Brotli > 0
			}
		}
		if err := removeOthers(out, files, copied); err != nil {
			return nil, err
		}
	}
	return report, nil
}

// unchanged reports whether name is in out already with data's bytes
// (and its compressed copies, when it has them), and returns its sizes.
// A part of a folder index is named by the hash of its content: its size
// is enough to tell.
func unchanged(out, name string, data []byte, compress bool) (File, bool) {
	f := File{Name: name, Raw: len(data)}
	p := filepath.Join(out, filepath.FromSlash(name))
	st, err := os.Stat(p)
	if err != nil || st.Size() != int64(len(data)) {
		return f, false
	}
	if !named(name) && !sameBytes(p, data) {
		return f, false
	}
	gz, err1 := os.Stat(p + ".gz")
	br, err2 := os.Stat(p + ".br")
	if compress {
		if err1 != nil || err2 != nil {
			return f, false
		}
		f.Gzip, f.Brotli = int(gz.Size()), int(br.Size())
	} else if err1 == nil || err2 == nil {
		// Copies of a file that no longer gets them (it grew past
		// uncopiedData) would be served in its place: rewritten, it
		// loses them.
		return f, false
	}
	return f, true
}

// sameBytes reports whether the file at p holds data, read a block at a
// time: the whole index may be hundreds of megabytes.
func sameBytes(p string, data []byte) bool {
	fh, err := os.Open(p)
	if err != nil {
		return false
	}
	defer fh.Close()
	buf := make([]byte, 1<<20)
	for off := 0; ; {
		n, err := io.ReadFull(fh, buf)
		if n > len(data)-off || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false
		}
		off += n
		if err != nil {
			return off == len(data) && (err == io.EOF || err == io.ErrUnexpectedEOF)
		}
	}
}

// named reports whether a file's name is the hash of its content: the
// folder index's parts but its entry, and the demo's list pages and
// texts (build.demoName). Their sizes are enough to tell them unchanged:
// reading the 25,600 demo files of 100,000 generated articles to compare
// them was most of the 5.3 s of CPU that comparing took in an incremental
// build (pprof of quotetrail build).
func named(name string) bool {
	return filepath.Ext(name) == ".qtf" && !last[name] &&
		(strings.HasPrefix(name, "index/") || strings.HasPrefix(name, "demo/"))
}

// removeOthers removes from out the files that are not the site's (nor
// the compressed copies of those that get them), and the temporary files
// of an update that was stopped; it leaves other names that start with a
// dot (the build's state, a host's .well-known) and empty folders.
func removeOthers(out string, files map[string][]byte, copied map[string]bool) error {
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != out {
			if d.IsDir() {
				return filepath.SkipDir
			}
			if strings.HasSuffix(d.Name(), ".tmp") {
				return os.Remove(p)
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		base := strings.TrimSuffix(strings.TrimSuffix(rel, ".gz"), ".br")
		if _, ok := files[rel]; ok {
			return nil
		}
		if copied[base] && base != rel {
			return nil
		}
		return os.Remove(p)
	})
}

// Marker is the file whose presence marks a folder as a built site, which
// Site may empty and rebuild.
const Marker = "index.qti"

// StateMark is the build's state file (build.StateFile), which a site
// keeps beside its files: a folder that holds it is a built site too,
// one whose index.qti was deleted.
const StateMark = ".quotetrail-build"

// IsSite reports whether out holds a site quotetrail built: its Marker
// or the build's state.
func IsSite(out string) bool {
	for _, m := range []string{Marker, StateMark} {
		if st, err := os.Stat(filepath.Join(out, m)); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// clear empties out, refusing a folder that holds files but is not a site
// this package built: a mistyped -out must never delete someone's work.
func clear(out string) error {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 && !IsSite(out) {
		return errors.New(out + " is not empty and holds no " + Marker + ": not a built site, so it is left alone")
	}
	return os.RemoveAll(out)
}

type minifyError struct {
	name string
	err  error
}

func (e *minifyError) Error() string { return "minify " + e.name + ": " + e.err.Error() }

func write(out, name string, data []byte, compress, replace, quick bool) (File, error) {
	f := File{Name: name, Raw: len(data), Changed: true}
	p := filepath.Join(out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return f, err
	}
	writeFile := os.WriteFile
	if replace {
		writeFile = replaceFile
	}
	if compress {
		gzLevel := gzip.BestCompression
		switch {
		case filepath.Ext(name) == ".qtf":
			// The parts of a folder index are many, every increment writes
			// its delta's again, and their .br copy is the one browsers
			// read: level 1. On the 1,700 parts of a delta of 100 articles
			// to 100,000 (39.7 MB), gzip -1 gave 11.9 MB and -6 11.0 MB;
			// level 6 was a third of that increment's compressing.
			gzLevel = gzip.BestSpeed
		case len(data) > bigData:
			// Level 9 is slow on big data and hardly smaller.
			gzLevel = gzip.DefaultCompression
		}
		brLevel := brotliLevel(name, len(data))
		if quick {
			gzLevel, brLevel = gzip.BestSpeed, 1
		}
		gz := gzipBytes(data, gzLevel)
		br := brotliBytes(data, brLevel)
		f.Gzip, f.Brotli = len(gz), len(br)
		// The copies before the file: Update takes a file that is there
		// with the right bytes to have its copies written too.
		if err := writeFile(p+".gz", gz, 0o644); err != nil {
			return f, err
		}
		if err := writeFile(p+".br", br, 0o644); err != nil {
			return f, err
		}
	} else {
		for _, c := range []string{p + ".gz", p + ".br"} {
			if err := os.Remove(c); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return f, err
			}
		}
	}
	return f, writeFile(p, data, 0o644)
}

// tmpName names the temporary file beside p that is renamed over it: a
// dot file, which serve never sends, ending in .tmp, which an update
// removes when a build stopped half-way left it.
func tmpName(p string) string {
	return filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
}

// replaceFile writes a file through a temporary one renamed into place.
func replaceFile(p string, data []byte, perm os.FileMode) error {
	tmp := tmpName(p)
	if err := os.WriteFile(tmp, data, perm); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// Data files (the index, the demo's article list) over bigData bytes are
// compressed at dataLevel instead of brotli's best: level 11 costs about
// 5 s of CPU a megabyte of index, and made brotli 95% of the build of a
// 15 MB page (200 s). Level 9 is about nine times faster and 9% larger on
// a 7 MB index (PolNeAR train). Code (the engine, the scripts) keeps
// level 11 at any size: it is downloaded by every reader, and the wasm
// size budget is measured at level 11.
const (
	bigData   = 1 << 20
	dataLevel = 9
	// hugeData: above it, data files are compressed at hugeLevel. At
	// 10,000 generated articles the whole index (57.5 MB) took 12.4 s at
	// level 9 (8.70 MB) and 7.5 s at level 7 (9.32 MB), the demo's article
	// list (34.9 MB) 30.4 s (5.75 MB) and 5.4 s (6.16 MB); level 5 was
	// 13.38 MB and 7.61 MB. A reader's browser fetches the folder index at
	// that size; the whole index is for the command line and offline copies.
	hugeData  = 16 << 20
	hugeLevel = 7
	// uncopiedData: above it, data files get no compressed copies. No
	// browser reads such a file whole (readers fetch the folder index's
	// parts; the command line reads the raw index), and compressing them
	// weighed on every large build, incremental ones too: at 100,000
	// generated articles (the whole index 573 MB, the demo's article list
	// 348 MB) a build took 591.7 s with the copies and 438.7 s without,
	// one run each on a machine other builds were loading.
	uncopiedData = 64 << 20
)

var dataFiles = map[string]bool{".qti": true, ".json": true}

// partLevel is the brotli level of folder index parts: many small binary
// files, on which the levels differ little in size and much in time. The
// 2,069 parts of PolNeAR train (10.3 MB): level 5 6.70 MB in 1.8 s, level
// 9 6.65 MB in 9.1 s, level 11 5.91 MB in 47.5 s (one core).
const partLevel = 5

func brotliLevel(name string, size int) int {
	if filepath.Ext(name) == ".qtf" {
		return partLevel
	}
	if size > hugeData && dataFiles[filepath.Ext(name)] {
		return hugeLevel
	}
	if size > bigData && dataFiles[filepath.Ext(name)] {
		return dataLevel
	}
	return brotli.BestCompression
}

// Brotli returns the brotli-compressed size of code at the level the site
// uses, for size reports.
func Brotli(data []byte) int { return len(brotliBytes(data, brotli.BestCompression)) }

func brotliBytes(data []byte, level int) []byte {
	var br bytes.Buffer
	bw, _ := brotliWriters[level].Get().(*brotli.Writer)
	if bw == nil {
		bw = brotli.NewWriterLevel(&br, level)
	} else {
		bw.Reset(&br)
	}
	bw.Write(data)
	bw.Close()
	brotliWriters[level].Put(bw)
	return br.Bytes()
}

func gzipBytes(data []byte, level int) []byte {
	var gz bytes.Buffer
	zw, _ := gzipWriters[level+2].Get().(*gzip.Writer)
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(&gz, level)
	} else {
		zw.Reset(&gz)
	}
	zw.Write(data)
	zw.Close()
	gzipWriters[level+2].Put(zw)
	return gz.Bytes()
}

// Compressors kept for reuse, by level (gzip's from -2, HuffmanOnly): a
// site's thousands of small parts each made a new one, whose tables (a
// megabyte at brotli's level 5) cost more to make than the part to
// compress.
var brotliWriters, gzipWriters [12]sync.Pool
