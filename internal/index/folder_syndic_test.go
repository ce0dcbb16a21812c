package index_test

import (
	"testing"

	"quotetrail/internal/index"
)

// TestShardsCarrySyndication: the seed folder's shards say, for The
// Rising Nepal's article, that it republishes BBC News and shares its
// text with Vidia News's, and put both in one report; The Washington
// Times is its own report. An unknown syndication flag is damage.
func TestShardsCarrySyndication(t *testing.T) {
	arts := map[string]index.ArticleMeta{}
	var seed []byte
	for _, data := range partsOf(seedFolder(t), index.KindQuotes) {
		s, err := index.ReadQuoteShard(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range s.Articles {
			arts[a.Outlet] = a
		}
		seed = data
	}
	nepal, vidia, times := arts["The Rising Nepal"], arts["Vidia News"], arts["The Washington Times"]
	if s := nepal.Syndic; s.Republishes != "BBC News" || s.Reuses != vidia.Stem || s.ReusesOutlet != "Vidia News" || !s.Shared {
		t.Errorf("The Rising Nepal: %+v", s)
	}
	if nepal.Syndic.Report != vidia.Syndic.Report || times.Syndic.Report != times.ID || times.Syndic != (index.SyndicMeta{Report: times.ID}) {
		t.Errorf("reports: The Rising Nepal %d, Vidia News %d, The Washington Times %+v (id %d)", nepal.Syndic.Report, vidia.Syndic.Report, times.Syndic, times.ID)
	}
	// The flags byte of the first article stands just before its report;
	// find it by re-encoding with a known flag and forging another.
	s, _ := index.ReadQuoteShard(seed)
	s.Articles[0].Syndic.Shared = true
	good := index.MarshalQuoteShard(s)
	s.Articles[0].Syndic.Shared = false
	plain := index.MarshalQuoteShard(s)
	for i := 16; i < len(good); i++ {
		if good[i] != plain[i] {
			forged := append([]byte(nil), good...)
			forged[i] = 4
			if _, err := index.ReadQuoteShard(reframe(good, forged[16:])); err == nil {
				t.Errorf("a syndication flag of 4 was accepted")
			}
			break
		}
	}
}
