package quote

import "strings"

// cueWords are attribution verbs in every form news text uses ("say",
// "says", "said", "saying"), built from the lists below.
var cueWords = cueForms()

// cueVerbs are attribution verbs whose base form is no common noun.
var cueVerbs = []string{
	"say", "tell", "warn", "write", "add", "stress", "urge", "ask", "declare", "insist", "explain",
	"emphasize", "emphasise", "reiterate", "describe", "argue", "announce", "acknowledge",
	"assert", "respond", "vow", "pledge", "praise", "remark", "recall", "concede",
	"admit", "suggest", "predict", "confirm", "express", "dismiss", "hail", "accuse",
	"counter", "sing", "denounce", "criticize", "criticise", "complain", "boast",
	"contend", "maintain", "testify", "tout", "deride", "blast", "slam", "mock", "dub", "characterize",
	"conclude", "lament", "caution", "observe", "announce", "allege", "affirm", "agree", "acknowledge",
	"proclaim", "exclaim", "shout", "chant", "whisper", "muse", "quip", "scoff", "snap", "retort",
	"insist", "plead", "pray", "recount", "reveal", "disclose", "indicate",
	"speculate", "wonder", "acknowledge", "opine", "assure", "reassure", "inform", "notify",
	"advise", "brief", "concur", "continue", "decry", "interject", "refer", "deny",
	"lash", "fume", "gush", "grumble", "marvel", "rave", "sneer",
}

// cueNouns are attribution verbs that are also common nouns ("a phone
// call", "a report"): only their -ed and -ing forms count as cues.
var cueNouns = []string{"call", "report", "note", "post", "state", "label", "term", "brand", "stress", "question",
	"point", "tweet", "comment", "promise", "joke", "demand", "quote", "echo", "cast", "claim", "reply",
	"forecast", "estimate", "beam", "coin", "rail", "thunder", "vent"}

// irregular holds the forms that suffix rules do not make.
var irregular = map[string][]string{
	"say": {"said"}, "tell": {"told"}, "write": {"wrote", "written"}, "sing": {"sang", "sung"},
	"cast": {"cast"}, "forecast": {"forecast"}, "speak": {"spoke", "spoken"}, "read": {"reads"},
	// Doubled final consonants.
	"quip": {"quipped", "quipping"}, "snap": {"snapped", "snapping"}, "slam": {"slammed", "slamming"},
	"admit": {"admitted", "admitting"}, "refer": {"referred", "referring"}, "concur": {"concurred", "concurring"},
	"dub": {"dubbed", "dubbing"},
}

func cueForms() map[string]bool {
	m := map[string]bool{"according": true}
	add := func(base string, all bool) {
		stem := base
		if strings.HasSuffix(base, "e") {
			stem = base[:len(base)-1]
		}
		ed := stem + "ed"
		if strings.HasSuffix(base, "y") && !strings.HasSuffix(base, "ay") && !strings.HasSuffix(base, "ey") {
			ed = base[:len(base)-1] + "ied"
		}
		doubled := false // "dubbed", not "dubed": irregular holds the forms
		for _, f := range irregular[base] {
			doubled = doubled || strings.HasSuffix(f, "ed")
		}
		if !doubled {
			m[ed], m[stem+"ing"] = true, true
		}
		if strings.HasSuffix(base, "e") {
			m[base+"d"] = true
		}
		for _, f := range irregular[base] {
			m[f] = true
		}
		if !all {
			return
		}
		m[base] = true
		switch {
		case strings.HasSuffix(base, "y") && !strings.HasSuffix(base, "ay") && !strings.HasSuffix(base, "ey"):
			m[base[:len(base)-1]+"ies"] = true
		case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "o"):
			m[base+"es"] = true
		default:
			m[base+"s"] = true
		}
	}
	for _, v := range cueVerbs {
		add(v, true)
	}
	for _, v := range cueNouns {
		add(v, false)
	}
	for _, v := range minedCueVerbs {
		add(v, true)
	}
	for _, v := range minedCueNouns {
		add(v, false)
	}
	m["read"], m["reads"] = true, true // "the letter reads"
	delete(m, "ruled")                 // "ruled out" is no attribution
	return m
}

// titleWords precede or describe a person's name and are not part of it.
var titleWords = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true, "lord": true,
	"president": true, "vice": true, "prime": true, "minister": true, "premier": true, "secretary": true,
	"chancellor": true, "king": true, "queen": true, "prince": true, "princess": true, "governor": true,
	"senator": true, "sen": true, "sens": true, "rep": true, "reps": true, "representative": true, "congressman": true, "congresswoman": true,
	"gov": true, "mayor": true, "general": true, "gen": true, "admiral": true, "colonel": true, "judge": true, "justice": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "ambassador": true, "chairman": true,
	"chairwoman": true, "chair": true, "speaker": true, "leader": true, "analyst": true, "professor": true, "prof": true,
	"treasury": true, "state": true, "defense": true, "defence": true, "foreign": true, "chief": true,
	"executive": true, "ceo": true, "director": true, "former": true, "deputy": true, "pope": true,
	"chinese": true, "china": true, "us": true, "u.s": true, "american": true, "russian": true, "taiwan's": true,
	"taiwan’s": true, "japan's": true, "japan’s": true, "china's": true, "china’s": true, "britain's": true,
	"britain’s": true, "uk's": true, "uk’s": true, "russia's": true, "russia’s": true, "new": true,
	"the": true, "party": true, "general-secretary": true, "counterpart": true,
}

// personTitles are the titles that make the name after them a person's.
var personTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true,
	"president": true, "premier": true, "minister": true, "secretary": true, "chancellor": true,
	"senator": true, "sen": true, "governor": true, "gov": true, "mayor": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "ambassador": true, "leader": true, "analyst": true, "professor": true,
	"judge": true, "justice": true, "king": true, "queen": true, "prince": true, "pope": true, "chairman": true,
	"general": true, "rep": true, "director": true, "ceo": true, "speaker": true,
}

// roleSynonyms let a role phrase ("the Chinese leader") find the person
// introduced with a title ("Chinese President Xi Jinping").
var roleSynonyms = map[string]string{
	"leader": "president", "head": "president", "chief": "president",
	// Abbreviated and spelled-out titles ("Gov. Rick Perry" is "the Texas
	// governor", "Rep. Weiner" "the congressman").
	"gov": "governor", "sen": "senator", "representative": "rep", "congressman": "rep", "congresswoman": "rep",
}

// notNames are capitalised words that start sentences or name places and
// bodies; they never make a run of capitals a person's name.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "but": true, "and": true, "on": true,
	"in": true, "at": true, "as": true, "if": true, "while": true, "when": true, "after": true, "before": true,
	"since": true, "despite": true, "although": true, "following": true, "according": true, "apart": true,
	"besides": true, "meanwhile": true, "however": true, "for": true, "it": true, "its": true, "their": true,
	"china": true, "taiwan": true, "beijing": true, "washington": true, "japan": true, "tokyo": true,
	"russia": true, "ukraine": true, "moscow": true, "korea": true, "south": true, "north": true,
	"united": true, "states": true, "nations": true, "america": true, "europe": true, "iran": true,
	"wednesday": true, "thursday": true, "monday": true, "tuesday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"hours": true, "xinhua": true, "ministry": true, "reuters": true, "negotiators": true, "relations": true,
	"both": true, "those": true, "these": true, "trade": true, "ties": true, "white": true, "house": true,
	"western": true, "chinese": true, "american": true, "russian": true, "us": true, "u.s": true, "uk": true,
	"i": true, "we": true, "they": true, "he": true, "she": true, "his": true, "her": true, "what": true,
}

// pronouns stand for the most recent speaker.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true}

// channel is one way an outlet says it got the words: the token pattern
// that names it in the article (lower-case, as written) and the canonical
// name reported.
type channel struct {
	pattern []string
	name    string
}

// channels are ordered from most to least specific: where two overlap
// ("social media statement"), the earlier wins.
var channels = []channel{
	{[]string{"xinhua"}, "Xinhua"},
	{[]string{"ministry", "of", "foreign", "affairs"}, "Foreign Ministry"},
	{[]string{"foreign", "ministry"}, "Foreign Ministry"},
	{[]string{"truth", "social"}, "Truth Social"},
	{[]string{"china", "daily"}, "China Daily"},
	{[]string{"global", "times"}, "Global Times"},
	{[]string{"people's", "daily"}, "People's Daily"},
	{[]string{"people’s", "daily"}, "People's Daily"},
	{[]string{"cctv"}, "CCTV"},
	{[]string{"state", "media"}, "State media"},
	{[]string{"state-run", "media"}, "State media"},
	{[]string{"state", "television"}, "State media"},
	{[]string{"state", "broadcaster"}, "State media"},
	{[]string{"readout"}, "Official readout"},
	{[]string{"social", "media"}, "Social media post"},
	{[]string{"post", "on", "x"}, "Social media post"},
	{[]string{"tweet"}, "Social media post"},
	{[]string{"told", "reporters"}, "Reporters"},
	{[]string{"press", "conference"}, "Press conference"},
	{[]string{"news", "conference"}, "Press conference"},
	{[]string{"interview"}, "Interview"},
	{[]string{"statement"}, "Statement"},
	{[]string{"reuters"}, "Reuters"},
	{[]string{"agence", "france-presse"}, "AFP"},
	{[]string{"afp"}, "AFP"},
	{[]string{"associated", "press"}, "AP"},
	{[]string{"ap"}, "AP"},
	{[]string{"ani"}, "ANI"},
	{[]string{"yonhap"}, "Yonhap"},
	{[]string{"kyodo"}, "Kyodo"},
	{[]string{"tass"}, "TASS"},
	{[]string{"editorial"}, "Editorial"},
}

// caseSensitiveChannels are acronyms that are channels only in capitals
// ("AP", not "ap").
var caseSensitiveChannels = map[string]bool{"ap": true, "ani": true, "afp": true, "tass": true}
