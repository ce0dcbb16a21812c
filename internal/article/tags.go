package article

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The walks ask of every element whether its tag is in blockTags,
// keepLines, junkTags or softTags: tagFlags answers from the element's atom
// (the parser sets DataAtom to the atom of Data, or 0 for a name that is
// none), in a table rather than by hashing its name in four maps.
const (
	flagBlock     uint8 = 1 << iota // blockTags
	flagKeepLines                   // keepLines
	flagJunk                        // junkTags
	flagSoft                        // softTags
)

// atomIndex maps an atom to a slot of atomFlags: its offset in the atom
// table (11 bits today) and its length (at most 25) tell every atom apart;
// 0 is no atom. The table is 64 KB of zeros but for the few tags set, of
// which a page touches a handful of cache lines.
func atomIndex(a atom.Atom) uint32 { return uint32(a)>>8<<5 | uint32(a)&31 }

var atomFlags = func() (t [1 << 16]uint8) {
	for _, set := range []struct {
		tags map[string]bool
		flag uint8
	}{{blockTags, flagBlock}, {keepLines, flagKeepLines}, {junkTags, flagJunk}, {softTags, flagSoft}} {
		for name := range set.tags {
			a := atom.Lookup([]byte(name))
			if a == 0 || a.String() != name || uint32(a)&0xff > 31 || uint32(a)>>8 >= 1<<11 {
				panic("article: " + name + " is not an atom")
			}
			t[atomIndex(a)] |= set.flag
		}
	}
	return t
}()

// tagFlags returns the flags of an element's tag.
func tagFlags(n *html.Node) uint8 {
	if i := atomIndex(n.DataAtom); i < uint32(len(atomFlags)) {
		return atomFlags[i]
	}
	return 0 // an atom past the table's (none today) is none of its tags
}
