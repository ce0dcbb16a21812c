package scale

import (
	"fmt"
	"io"
	"math"
	"sort"
	"time"
)

// median of xs; 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func col(t *Tool, f func(Sample) float64) float64 {
	var xs []float64
	for _, s := range t.Samples {
		xs = append(xs, f(s))
	}
	return median(xs)
}

// Bytes formats a byte count as B, KB, MB (powers of 1024).
func Bytes(n float64) string {
	switch {
	case math.IsNaN(n):
		return "—"
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", n/(1<<10))
	}
	return fmt.Sprintf("%.0f B", n)
}

// Millis formats milliseconds.
func Millis(ms float64) string {
	if math.IsNaN(ms) {
		return "—"
	}
	if ms >= 1000 {
		return fmt.Sprintf("%.2f s", ms/1000)
	}
	if ms >= 10 {
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.1f ms", ms)
}

func verdict(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// count formats a count, "—" for none.
func count(n float64) string {
	if math.IsNaN(n) {
		return "—"
	}
	return fmt.Sprintf("%.0f", n)
}

// judged is verdict, or "—" when the comparison has no figure to compare
// with (NaN: the other tool has none).
func judged(a, b float64, ok bool) string {
	if math.IsNaN(a) || math.IsNaN(b) {
		return "—"
	}
	return verdict(ok)
}

// Print writes one markdown table per size: quotetrail and Pagefind side
// by side, medians over the runs, and whether each budget of the issue
// is met.
func Print(w io.Writer, c Config, results []SizeResult) {
	for _, r := range results {
		qt, pf := r.Tools[0], r.Tools[1]
		fmt.Fprintf(w, "\n### %d articles (%d quotations), %d lookups, medians of %d runs\n\n", r.Articles, r.Quotes, len(r.Lookups), len(qt.Samples))
		for _, t := range r.Tools {
			if t.Err != nil {
				fmt.Fprintf(w, "%s failed: %v\n\n", t.Name, t.Err)
			}
		}
		if len(qt.Samples) == 0 {
			continue
		}
		// A tool without samples (Pagefind could not build the pages)
		// leaves its column empty: its budgets cannot be judged.
		g := func(t *Tool, f func(Sample) float64) float64 {
			if len(t.Samples) == 0 {
				return math.NaN()
			}
			return col(t, f)
		}
		idxQ, idxP := g(qt, func(s Sample) float64 { return float64(s.Index) }), g(pf, func(s Sample) float64 { return float64(s.Index) })
		engQ, engP := g(qt, func(s Sample) float64 { return float64(s.Engine) }), g(pf, func(s Sample) float64 { return float64(s.Engine) })
		coldQ, coldP := g(qt, func(s Sample) float64 { return s.Cold }), g(pf, func(s Sample) float64 { return s.Cold })
		thQ, thP := g(qt, func(s Sample) float64 { return s.ColdThrottled }), g(pf, func(s Sample) float64 { return s.ColdThrottled })
		memQ, memP := g(qt, func(s Sample) float64 { return float64(s.MemAdded) }), g(pf, func(s Sample) float64 { return float64(s.MemAdded) })
		p50Q, p50P := g(qt, func(s Sample) float64 { return s.WarmP50 }), g(pf, func(s Sample) float64 { return s.WarmP50 })
		p95Q, p95P := g(qt, func(s Sample) float64 { return s.WarmP95 }), g(pf, func(s Sample) float64 { return s.WarmP95 })
		chQ, chP := g(qt, func(s Sample) float64 { return float64(s.ChainData) }), g(pf, func(s Sample) float64 { return float64(s.ChainData) })
		caQ, caP := g(qt, func(s Sample) float64 { return float64(s.ChainAll) }), g(pf, func(s Sample) float64 { return float64(s.ChainAll) })
		fQ, fP := g(qt, func(s Sample) float64 { return float64(len(s.Fetches)) }), g(pf, func(s Sample) float64 { return float64(len(s.Fetches)) })
		fmt.Fprintln(w, "| measure | quotetrail | Pagefind | budget | met |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		fmt.Fprintf(w, "| index bytes fetched by the first lookup (engine code excluded) | %s | %s | ≤ Pagefind's | %s |\n", Bytes(idxQ), Bytes(idxP), judged(idxQ, idxP, idxQ <= idxP))
		fmt.Fprintf(w, "| engine code fetched by the first lookup | %s | %s | — | |\n", Bytes(engQ), Bytes(engP))
		fmt.Fprintf(w, "| requests made by the first lookup | %s | %s | — | |\n", count(fQ), count(fP))
		fmt.Fprintf(w, "| first lookup, cold, local server | %s | %s | ≤ 2 × Pagefind's | %s |\n", Millis(coldQ), Millis(coldP), judged(coldQ, coldP, coldQ <= 2*coldP))
		fmt.Fprintf(w, "| first lookup, cold, %s | %s | %s | reported | |\n", c.Throttle.Name, Millis(thQ), Millis(thP))
		fmt.Fprintf(w, "| memory added to the tab after %d lookups (renderer RssAnon) | %s | %s | ≤ 2 × Pagefind's | %s |\n", len(r.Lookups), Bytes(memQ), Bytes(memP), judged(memQ, memP, memQ <= 2*memP))
		fmt.Fprintf(w, "| warm lookup p50 (%d lookups) | %s | %s | — | |\n", len(r.Lookups)-1, Millis(p50Q), Millis(p50P))
		fmt.Fprintf(w, "| warm lookup p95 | %s | %s | ≤ 10 ms | %s |\n", Millis(p95Q), Millis(p95P), verdict(p95Q <= 10))
		fmt.Fprintf(w, "| sequential fetches per cold lookup (throttled): index data (all) | %s (%s) | %s (%s) | ≤ 3 after the engine | %s |\n", count(chQ), count(caQ), count(chP), count(caP), verdict(chQ <= 3))
		bw := func(t *Tool) string {
			if t.Build.Wall == 0 {
				return "—"
			}
			return t.Build.Wall.Round(100*time.Millisecond).String() + ", " + Bytes(float64(t.Build.PeakRSS))
		}
		fmt.Fprintf(w, "| build: wall time, peak RSS | %s | %s | reported | |\n", bw(qt), bw(pf))
		if inc := r.Increment; inc != nil {
			share := float64(inc.Build.Wall) / float64(qt.Build.Wall)
			fmt.Fprintf(w, "| incremental build adding %d articles: wall time (share of the full build), peak RSS | %s (%.1f %%), %s | — | ≤ 5 %% of the full build | %s |\n",
				inc.Added, inc.Build.Wall.Round(100*time.Millisecond), 100*share, Bytes(float64(inc.Build.PeakRSS)), verdict(share <= 0.05))
			fmt.Fprintf(w, "| files the incremental build changed (to upload), with their compressed copies | %d of %d, %s | — | reported | |\n",
				inc.ChangedFiles, inc.Files, Bytes(float64(inc.ChangedBytes)))
		}
		fmt.Fprintf(w, "| index on disk, as served | %s | %s | — | |\n", Bytes(float64(qt.Build.Index)), Bytes(float64(pf.Build.Index)))
		found := func(t *Tool) string {
			a, f := 0, 0
			for _, s := range t.Samples {
				a += s.Asked
				f += s.Found
			}
			return fmt.Sprintf("%d/%d", f, a)
		}
		fmt.Fprintf(w, "| lookups with a result (all runs) | %s | %s | — | |\n", found(qt), found(pf))
		if r.Reveal != nil {
			r.Reveal.Print(w, fmt.Sprintf("%d articles", r.Articles))
		}
	}
}
