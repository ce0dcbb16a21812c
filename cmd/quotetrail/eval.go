package main

import (
	"flag"
	"fmt"
	"io"

	"quotetrail/internal/build"
	"quotetrail/internal/eval"
	"quotetrail/internal/index"
	"quotetrail/internal/match"
)

const evalUsage = `usage:
  quotetrail eval polnear [-misses N] DIR   # PolNeAR split (text/, attributions/): quotations and speakers
  quotetrail eval pages [-misses N] DIR     # ../shared/data/realhtml: metadata and body text
  quotetrail eval seeds [-corpus DIR] GOLD  # hand-checked gold of the seed articles
  quotetrail eval lookups [-corpus DIR | -index PATH] FILE  # a lookup set: recall, precision, misses
  quotetrail eval basil [-misses N] DIR      # BASIL: the same quotation across outlets and events; resolved speakers
`

func cmdEval(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, evalUsage)
		return 2
	}
	fs := flag.NewFlagSet("eval "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	misses := fs.Int("misses", 0, "print up to N misses, false positives and wrong speakers")
	corpus := fs.String("corpus", "corpus", "folder of the seed pages")
	indexPath := fs.String("index", defaultIndex, "a built index to score instead of the corpus")
	if ok, status := parseArgs(fs, args[1:]); !ok {
		return status
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, evalUsage)
		return 2
	}
	dir := fs.Arg(0)
	switch args[0] {
	case "polnear":
		r, err := eval.PolNeAR(dir)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval polnear: %s: %v\n", dir, err)
			return 2
		}
		fmt.Fprintf(stdout, "PolNeAR %s: %d articles\n", dir, r.Articles)
		fmt.Fprintf(stdout, "quotations  precision %.3f  recall %.3f  F1 %.3f   (%d matched, %d predicted, %d gold)\n",
			r.Quotes.Precision(), r.Quotes.Recall(), r.Quotes.F1(), r.Quotes.TruePos, r.Quotes.Predicted, r.Quotes.Gold)
		fmt.Fprintf(stdout, "speaker accuracy on matched items  %.3f   (%d of %d with a gold source)\n", r.SpeakerAccuracy(), r.Speakers, r.WithGold)
		if b, err := eval.PolNeARBaseline(dir); err == nil {
			fmt.Fprintf(stdout, "baseline (a regular expression over quote marks): precision %.3f  recall %.3f  F1 %.3f\n",
				b.Quotes.Precision(), b.Quotes.Recall(), b.Quotes.F1())
		}
		printMisses(stdout, "missed", r.Misses, *misses)
		printMisses(stdout, "false positive", r.FalsePos, *misses)
		printMisses(stdout, "wrong speaker", r.WrongSpkr, *misses)
	case "pages":
		r, err := eval.Pages(dir)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval pages: %s: %v\n", dir, err)
			return 2
		}
		fmt.Fprintf(stdout, "metadata, %d readability pages\n| field | expected | found | correct | precision | recall |\n|---|---|---|---|---|---|\n", r.MetaPages)
		for _, f := range r.Fields {
			fmt.Fprintf(stdout, "| %s | %d | %d | %d | %.3f | %.3f |\n", f.Field, f.Expected, f.Found, f.Correct, f.Precision(), f.Recall())
		}
		fmt.Fprintf(stdout, "\nbody text, %d scrapinghub pages (%d gave no article): word precision %.3f  recall %.3f  F1 %.3f\n",
			r.BodyPages, r.BodyErrors, r.Body.Precision(), r.Body.Recall(), r.Body.F1())
		// The benchmark's own measure, comparable with its published table.
		fmt.Fprintf(stdout, "body text, scrapinghub's measure (4-word shingles, per page, averaged): precision %.3f  recall %.3f  F1 %.3f\n",
			r.Shingles.Precision(), r.Shingles.Recall(), r.Shingles.F1())
		// What to read next: the metadata got wrong, then the bodies
		// worst first (the lower of precision and recall).
		for i, m := range r.MetaMisses {
			if i >= *misses {
				break
			}
			fmt.Fprintf(stdout, "metadata miss: %s %s: got %q, expected %q\n", m.Page, m.Field, m.Got, m.Want)
		}
		for i, p := range r.BodyPagesScored {
			if i >= *misses {
				break
			}
			fmt.Fprintf(stdout, "body: %s: precision %.3f recall %.3f\n", p.ID, p.Precision, p.Recall)
		}
	case "seeds":
		r, err := eval.Seeds(dir, *corpus)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval seeds: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "| field | precision | recall | right | given | gold |\n|---|---|---|---|---|---|\n")
		for _, f := range []struct {
			name string
			s    eval.PRF
		}{{"quotation", r.Quotes}, {"speaker", r.Speaker}, {"channel", r.Channel}, {"cue", r.Cue}} {
			fmt.Fprintf(stdout, "| %s | %.3f | %.3f | %d | %d | %d |\n", f.name, f.s.Precision(), f.s.Recall(), f.s.TruePos, f.s.Predicted, f.s.Gold)
		}
		for _, m := range r.Misses {
			fmt.Fprintf(stdout, "missed: %s\n", m)
		}
		for _, m := range r.Extra {
			fmt.Fprintf(stdout, "extra: %s\n", m)
		}
		for _, m := range r.Wrong {
			fmt.Fprintf(stdout, "wrong: %s\n", m)
		}
	case "lookups":
		cases, err := eval.ReadLookups(dir)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval lookups: %v\n", err)
			return 2
		}
		// The corpus as it is now, unless an index is named: a stale
		// dist/ must not score yesterday's build.
		explicit := false
		fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "index" })
		var x *index.Index
		if folder, ok := folderIndex(*indexPath); explicit && ok {
			// A folder index, read part by part as the widget reads it.
			r, err := eval.LookupsBy(cases, func(query string) ([]string, error) {
				_, entries, _, err := lookupFolder(folder, query)
				urls := make([]string, len(entries))
				for i, en := range entries {
					urls[i] = en.URL
				}
				return urls, err
			})
			if err != nil {
				fmt.Fprintf(stderr, "quotetrail eval lookups: %v\n", err)
				return 2
			}
			printLookups(stdout, dir, r)
			return 0
		}
		if explicit {
			x, err = loadIndex(*indexPath, stderr)
		} else {
			var files []string
			if files, err = build.CorpusFiles(*corpus); err == nil {
				x = indexFiles(files, "eval lookups", stderr)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval lookups: %v\n", err)
			return 2
		}
		printLookups(stdout, dir, eval.Lookups(cases, match.New(x), x))
	case "basil":
		r, err := eval.Basil(dir)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval basil: %s: %v\n", dir, err)
			return 2
		}
		fmt.Fprintf(stdout, "BASIL %s: %d articles, %d annotated quotations looked up, %d matches returned\n", dir, r.Articles, r.Quotes, r.Matches)
		fmt.Fprintf(stdout, "| measure | value |\n|---|---|\n")
		fmt.Fprintf(stdout, "| own article returned | %.3f (%d/%d) |\n", ratioOf(r.OwnFound, r.Quotes), r.OwnFound, r.Quotes)
		fmt.Fprintf(stdout, "| same-event outlets that print the words, returned | %.3f (%d/%d) |\n", ratioOf(r.Found, r.Carriers), r.Found, r.Carriers)
		fmt.Fprintf(stdout, "| same-event outlets returned in other words | %d |\n", r.OtherSameEvent)
		fmt.Fprintf(stdout, "| lookups returning another event's article | %.3f (%d/%d) |\n", ratioOf(r.LookupsUnrelated, r.Quotes), r.LookupsUnrelated, r.Quotes)
		fmt.Fprintf(stdout, "| other events' articles among all matches | %.3f (%d/%d) |\n", ratioOf(r.Unrelated, r.Matches), r.Unrelated, r.Matches)
		s, err := eval.BasilSpeakers(dir)
		if err != nil {
			fmt.Fprintf(stderr, "quotetrail eval basil: %s: %v\n", dir, err)
			return 2
		}
		fmt.Fprintf(stdout, "\nspeakers of quoted phrases whose annotation names one (%d; \"other_…\" stance labels are not scored)\n", s.Phrases)
		fmt.Fprintf(stdout, "| measure | value |\n|---|---|\n")
		fmt.Fprintf(stdout, "| phrases inside a quotation found | %.3f (%d/%d) |\n", ratioOf(s.Matched, s.Phrases), s.Matched, s.Phrases)
		fmt.Fprintf(stdout, "| resolved speaker right (the card's name) | %.3f (%d/%d) |\n", s.Accuracy(), s.Right, s.Matched)
		fmt.Fprintf(stdout, "| resolved speaker right (checked: %d phrases whose gold names a group read in the article, the person it names) | %.3f (%d/%d) |\n", s.CheckedPhrases, s.CheckedAccuracy(), s.Checked, s.Matched)
		fmt.Fprintf(stdout, "| speaker or speaker_text right | %.3f (%d/%d) |\n", ratioOf(s.RightText, s.Matched), s.RightText, s.Matched)
		fmt.Fprintf(stdout, "| resolved speaker right, the whole name | %.3f (%d/%d) |\n", ratioOf(s.Whole, s.Matched), s.Whole, s.Matched)
		fmt.Fprintf(stdout, "| quotations given a fuller name from the corpus | %d of %d |\n", s.Renamed, s.Quotations)
		printMisses(stdout, "wrong speaker", s.Wrong, *misses)
		printMisses(stdout, "not found", s.Unmatched, *misses)
		printMisses(stdout, "wrong speaker (checked)", s.CheckedWrong, *misses)
	default:
		fmt.Fprintf(stderr, "quotetrail eval: unknown set %q\n%s", args[0], evalUsage)
		return 2
	}
	return 0
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func printMisses(w io.Writer, label string, ms []eval.Miss, n int) {
	for i, m := range ms {
		if i >= n {
			break
		}
		fmt.Fprintf(w, "%s: %s: “%s”", label, m.Article, m.Text)
		if m.Want != "" || m.Got != "" {
			fmt.Fprintf(w, " (gold source %q, got %q)", m.Want, m.Got)
		}
		fmt.Fprintln(w)
	}
}

// printLookups prints a lookup set's scores and misses.
func printLookups(w io.Writer, set string, r eval.LookupsResult) {
	fmt.Fprintf(w, "%s: %d lookups  recall %.3f (%d/%d)  precision %.3f (%d/%d)\n",
		set, r.Cases, r.Recall(), r.Found, r.Expect, r.Precision(), r.Right, r.Returned)
	for _, m := range r.Misses {
		fmt.Fprintln(w, m)
	}
}
