package eval
import "testing"
func TestPN(t *testing.T) {
	for _, split := range []string{"dev"} {
		r, err := PolNeAR("../../../shared/data/polnear/" + split)
		if err != nil { t.Fatal(err) }
		t.Logf("%s: %d articles P=%.3f R=%.3f F1=%.3f (tp %d pred %d gold %d) speaker %.3f (%d/%d)", split, r.Articles, r.Quotes.Precision(), r.Quotes.Recall(), r.Quotes.F1(), r.Quotes.TruePos, r.Quotes.Predicted, r.Quotes.Gold, r.SpeakerAccuracy(), r.Speakers, r.WithGold)
		for i, m := range r.Misses { if i < 60 { t.Logf("MISS %q src=%q", m.Text, m.Want) } }
		for i, m := range r.FalsePos { if i < 40 { t.Logf("FP %q\n     %s", m.Text, m.Context) } }
		for i, m := range r.WrongSpkr { if i < 60 { t.Logf("SPK want=%q got=%q\n      %s", m.Want, m.Got, m.Context) } }
	}
}
func TestPNCount(t *testing.T) {
	r, _ := PolNeAR("../../../shared/data/polnear/dev")
	empty := 0
	for _, m := range r.WrongSpkr { if m.Got == " / " { empty++ } }
	t.Logf("wrong %d, of which empty %d", len(r.WrongSpkr), empty)
	n := 0
	for _, m := range r.WrongSpkr { if m.Got == " / " && n < 30 { n++; t.Logf("want=%q\n   %s", m.Want, m.Context[:min(300, len(m.Context))]) } }
}
