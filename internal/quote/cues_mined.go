package quote

// Cue verbs mined from PolNeAR train's Cue spans (the words of every Cue
// of a relation whose Content holds a quotation mark, counted over the 840
// training articles), kept when a reader checked them as attribution verbs
// and they were not in the hand lists of lexicon.go. Cognition verbs
// ("think", "believe", "want") and verbs of motion ("went", "put") that
// the spans also hold are left out: in news they frame opinions more
// often than they introduce words. The figure after each is its count
// in those spans (all relations / relations with a quotation).
//
// Dev was never read to pick them; `quotetrail eval polnear` reports it.
var minedCueVerbs = []string{
	"assail",    // assails 6/5
	"yell",      // yelled 5/4
	"thank",     // thanked 10/3
	"imply",     // implied 6/3
	"pronounce", // pronounced 3/3
	"elaborate", // elaborated 3/3
	"bemoan",    // bemoaned 6/2
	"react",     // reacted 4/2
	"compare",   // compared 12/2
	"chide",     // chiding 3/2
	"portray",   // portray 7/3, portraying 4/2
	"highlight", // highlighted 12/1
	"applaud",   // applauded 7/1
	"mention",   // mentioning 6/1
	"liken",     // likened 6/1
	"condemn",   // condemned 17/1
	"apologize", // apologized 6/1
	"reject",    // rejected 30/1
	"defend",    // defended 39/2
	"scold",     // scolded 2/1
	"cite",      // citing 35/8, cites 15/5, cited 43/4
	"blame",     // blamed 19/5
	"publish",   // published 19/9
	"retweet",   // retweeted 7/2
	"entitle",   // entitled 4/4
	"remember",  // remember 17/2
}

// minedCueNouns are mined verbs that are also common nouns ("an issue",
// "a release", "the attack"): only their -ed and -ing forms are cues.
var minedCueNouns = []string{
	"issue",     // issued 36/15
	"release",   // released 50/13
	"challenge", // challenged 17/6
	"title",     // titled 14/5
	"knock",     // knocked 10/5
	"answer",    // answered 13/4
	"email",     // emailed 13/4
	"repeat",    // repeated 13/4, repeating 8/1
	"credit",    // credited 4/3
	"charge",    // charged 25/2
	"press",     // pressed 12/2
	"reference", // referenced 7/2
	"insult",    // insulted 3/1
	"voice",     // voiced 11/1
	"attack",    // attacked 33/1, attacking 13/1
}
