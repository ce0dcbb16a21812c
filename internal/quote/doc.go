// Package quote finds the quotations in an article's paragraphs and, for
// each, who said it (speaker), through which channel the outlet says it got
// the words (Xinhua, the Foreign Ministry, Truth Social, state media, a
// readout, a statement…), and with which verb (cue).
//
// spans.go finds quotation spans (straight, curly and low quote marks,
// guillemets; a quotation left open at a paragraph's end that reopens in
// the next). sentence.go cuts a paragraph into sentences without cutting
// inside quotations or after abbreviations. attrib.go reads each
// quotation's frame, the words of its sentence outside quotation marks,
// for a cue verb, its subject, and a channel; names.go keeps the article's
// table of people ("Chinese President Xi Jinping", "Mr. Xi", "he" are one
// speaker, reported by the fullest name given). lexicon.go holds the cue
// verbs, titles, pronouns and channels as data.
//
// Two small linear models, trained on PolNeAR train by cmd/train-speakers
// (`make train`) and committed as ranker_model.go, sit on the rules.
// ranker.go lists the candidate speakers around each quotation (names,
// pronouns, nominals, organisations in its sentence, the sentences and
// paragraphs beside it, the rules' answer, the previous quotation's
// speaker, nobody) and picks the best; attributed.go tells attributed
// quotations from titles and scare quotes. The rules keep what they read
// exactly: channels and cues, and the speaker of a sentence that states
// both a person and a channel. discourse.go resolves "he", "she" and role
// nominals ("the Texas governor") across sentences, and reports a one-word
// speaker by the fullest name the article gives it.
//
// Unknown is a valid answer: a speaker or channel the article does not tie
// to the quotation is left empty, never guessed. A channel carried over
// from an earlier sentence about the same speaker is marked Inferred.
package quote
