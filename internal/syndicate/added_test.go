package syndicate_test

import (
	"reflect"
	"testing"

	"quotetrail/internal/bench"
	"quotetrail/internal/index"
	"quotetrail/internal/syndicate"
)

// prefix returns x's first n articles as an index of their own.
func prefix(x *index.Index, n int) *index.Index {
	return &index.Index{Articles: x.Articles[:n]}
}

// TestAddedEqualsFindAll: the records of a corpus found on from its first
// articles' (an incremental build) are the ones found over the whole
// corpus at once, on the seeds (a republication and a shared text, the
// second report added after the first) and on a generated corpus of
// recombined real paragraphs, where most articles share text.
func TestAddedEqualsFindAll(t *testing.T) {
	check := func(t *testing.T, x *index.Index, cuts ...int) {
		want := syndicate.FindAll(x)
		for _, n := range cuts {
			got := syndicate.Added(x, syndicate.FindAll(prefix(x, n)))
			differ := 0
			for i := range want.Syndication {
				if !reflect.DeepEqual(got.Syndication[i], want.Syndication[i]) || got.Best[i] != want.Best[i] {
					differ++
					if differ <= 3 {
						t.Errorf("%d articles, then %d: article %d %+v (%.3f), found over all %+v (%.3f)", n, len(x.Articles)-n,
							i, got.Syndication[i], got.Best[i], want.Syndication[i], want.Best[i])
					}
				}
			}
			if !reflect.DeepEqual(got.Shingles, want.Shingles) {
				t.Errorf("%d articles, then %d: the shingles differ", n, len(x.Articles)-n)
			}
			copies := 0
			for _, s := range got.Syndication {
				if s.Reuses >= 0 || s.Republishes != "" {
					copies++
				}
			}
			t.Logf("%d articles, then %d: %d copies; %d records otherwise than over all", n, len(x.Articles)-n, copies, differ)
		}
	}
	t.Run("seeds", func(t *testing.T) { check(t, seeds(t), 1, 2, 4) })
	t.Run("generated", func(t *testing.T) {
		srcs, err := bench.Sources("../../../shared")
		if err != nil {
			t.Skipf("../shared/data is absent: %v", err)
		}
		check(t, bench.Generate(srcs, 600, 5), 500, 590)
	})
}
