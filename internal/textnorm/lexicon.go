package textnorm

// abbreviations maps an abbreviation, written with its capitals and without
// its dots, to the words it stands for. Only capitalised forms are expanded:
// lower-case "us" is the pronoun.
var abbreviations = map[string][]string{
	"US":  {"united", "states"},
	"USA": {"united", "states"},
	"UK":  {"united", "kingdom"},
	"UN":  {"united", "nations"},
	"EU":  {"european", "union"},
	"PRC": {"china"},
	"ROC": {"taiwan"},
}

// variants maps a spelling variant to the form used in tokens. British and
// American spellings and common alternatives are one word to a reader.
var variants = map[string]string{
	"towards":    "toward",
	"afterwards": "afterward",
	"upwards":    "upward",
	"downwards":  "downward",
	"forwards":   "forward",
	"backwards":  "backward",
	"amongst":    "among",
	"whilst":     "while",
	"colour":     "color",
	"favour":     "favor",
	"honour":     "honor",
	"labour":     "labor",
	"neighbour":  "neighbor",
	"behaviour":  "behavior",
	"centre":     "center",
	"defence":    "defense",
	"offence":    "offense",
	"licence":    "license",
	"programme":  "program",
	"tonnes":     "tons",
	"tonne":      "ton",
	"judgement":  "judgment",
	"travelled":  "traveled",
	"cancelled":  "canceled",
	"labelled":   "labeled",
	"modelling":  "modeling",
	"analyse":    "analyze",
	"catalogue":  "catalog",
	"dialogue":   "dialog",
	"ok":         "okay",
}

// numberWords folds small number words to digits so "three" and "3" agree.
var numberWords = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30",
	"forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
}

// runeFold maps single runes to their ASCII reading: quote marks, dashes,
// spaces and the Latin letters with diacritics that news text uses.
var runeFold = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
	'\u201C': "\"", '\u201D': "\"", '\u201E': "\"", '\u201F': "\"", '\u2033': "\"",
	'\u00AB': "\"", '\u00BB': "\"", '\u2039': "'", '\u203A': "'",
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-", '\u2015': "-", '\u2212': "-",
	'\u00A0': " ", '\u2009': " ", '\u200A': " ", '\u202F': " ", '\u2002': " ", '\u2003': " ",
	'\u200B': "", '\u00AD': "", '\uFEFF': "",
	'\u2026': "...",
	'à':      "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a",
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A",
	'ç': "c", 'Ç': "C", 'č': "c", 'Č': "C", 'ć': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ě': "e",
	'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i",
	'Ì': "I", 'Í': "I", 'Î': "I", 'Ï': "I",
	'ñ': "n", 'Ñ': "N", 'ń': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o",
	'Ò': "O", 'Ó': "O", 'Ô': "O", 'Õ': "O", 'Ö': "O", 'Ø': "O",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u",
	'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U",
	'ý': "y", 'ÿ': "y", 'Ý': "Y",
	'š': "s", 'Š': "S", 'ś': "s", 'ž': "z", 'Ž': "Z", 'ź': "z", 'ż': "z",
	'ł': "l", 'Ł': "L", 'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE",
}
