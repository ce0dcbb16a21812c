// Package index is the binary index that the build writes and the engine
// reads: the corpus's articles (metadata and paragraphs) and their
// quotations with attribution, each tagged with the utterance it belongs to
// across articles.
//
// Byte layout, version 3 (all integers little-endian or unsigned varints):
//
//	offset 0   4 bytes  magic "QTIX"
//	offset 4   uint16   format version (3)
//	offset 6   uint16   reserved, 0
//	offset 8   uint32   payload length in bytes
//	offset 12  uint32   CRC-32 (IEEE) of the payload
//	offset 16  payload:
//	  uvarint  article count
//	  per article: str stem, outlet, url, title, byline, published;
//	               uvarint paragraph count; str each paragraph
//	  uvarint  quotation count
//	  per quotation: uvarint article, paragraph, start, end, utterance;
//	               byte flags (1 inferred, 2 partial, 4 unattributed);
//	               str text, speaker, speaker_text, cue, channel,
//	               channel_text, attribution
//	  str      the normalization of the tokens (textnorm.Version), or ""
//	  uvarint  vocabulary size V, then V str (normalized words)
//	  when V > 0: per article, per paragraph, then per quotation:
//	               uvarint n, n uvarint token ids (each < V)
//	  uvarint  syndication count S: 0, or the article count
//	  per article when S > 0 (internal/syndicate): str the outlet it
//	               republishes ("" none); uvarint the article whose text
//	               it reuses, plus one (0 none); byte flags (1 the two
//	               share their text, direction unknown); uvarint report
//	               (the first article of its group of copies)
//
// where str is a uvarint byte length followed by UTF-8 bytes. Version 3
// is version 2 with the syndication section added at the end.
//
// Appended parts may follow (MarshalAppend): what an incremental build
// that only added articles adds, written after the file instead of the
// whole index again. Each has the same header with magic "QTIA" and its
// own length and checksum, and the payload:
//
//	uvarint  articles, quotations and vocabulary words of the index
//	         before it (a part that does not follow them is damage)
//	uvarint  articles added; each as above
//	uvarint  quotations added; each as above (their article, utterance
//	         and span checked against the index with the part)
//	uvarint  earlier quotations changed (an utterance joined another);
//	         each: uvarint its index, then the quotation as above
//	uvarint  words added; each str; then, when the index carries words,
//	         the token lists of the added articles' paragraphs and of
//	         the added quotations
//	uvarint  syndication records added (0, or one per added article);
//	         when the index carries syndication (even with none added):
//	         uvarint records of earlier articles changed, each uvarint
//	         the article, then the record
//
// Read applies the parts in order; the index it returns is the one the
// whole file describes, as Marshal would write it at once.
//
// Read trusts nothing in the file. It checks the magic, the version, the
// size (MaxBytes at most, header included: TooLarge answers from a size
// alone, so callers refuse a bigger file before reading it), the length
// and the checksum; then, because a checksum proves nothing against a
// crafted file, it bounds every count by the bytes left divided by the
// smallest encoding of its record (an article 7 bytes, a quotation 13, a
// syndication record 4, a paragraph, a word, a token list or a token id
// 1), never reserves room
// for more records than the bytes left would fill in memory, and checks
// every reference (article, paragraph, span, utterance, token id, the
// articles a syndication record names). A
// damaged or forged file is refused with an error (errors.Is finds
// ErrNotIndex, ErrDamaged or ErrTooLarge) and never panics; a count that
// the bytes cannot back costs nothing, and room reserved for a count
// costs at most the input's size. Records that do decode are counted:
// a real index decodes to about 1.6 bytes a byte, one made only of the
// smallest records to about 21 (TestMinimalRecordsMemory), and Read
// refuses (ErrTooLarge) an index whose decoded form passes MaxBytes, so
// neither the bytes nor what they decode to can exceed MaxBytes.
//
// A format that comes after this one keeps these properties and their
// tests: bounds_test.go (forged counts for every count field, the size
// cap, the decoded budget, the header length), the forged files of
// testdata/crafted, the wasm engine run on forged indexes in Node
// (wasm/bounds_test.go) and the fuzz tests of index_test.go.
//
// # The folder index
//
// The same corpus as a folder of static files (folder.go; built by
// match.BuildFolder, read by match.Folder), so that a lookup reads only
// what its selection needs, in at most three sequential rounds: the entry;
// then the chunks of the selection's words and fingerprints; then the
// quotation shards of its candidates and the paragraph shards that may
// hold it word for word (each round one batch, fetched in parallel). The
// entry, entry.qtf, is the one file to fetch fresh. Chunks are named by
// their content, kind-HHHHHHHHHHHHHHHH.qtf with kind t (term chunk), w
// (paragraph postings) or f (fingerprints) and H the FNV-1a 64-bit hash
// of the file in hex. Shards come in packs of up to 256, named
// kind-PPPPPPPPPPPPPPPP-MM.qtf with kind q (quotations) or p
// (paragraphs), P the hash of the pack (of its shards as written under
// pack 0) and MM the shard's place in it, so that a chunk names the
// shards its postings point at with one hash a pack. No name ever changes
// its content, and a rebuild changes only the names of what changed (and
// the entry). Ids are those of the whole index: token ids, article and
// quotation indexes, and paragraph ids numbered through the articles'
// paragraphs in order.
//
// Every part has the header of index.qti with its own magic and version
// 3 (FolderVersion; 3 added the articles' syndication): magic (4 bytes),
// uint16 version, uint16 reserved 0, uint32 payload
// length, uint32 CRC-32 (IEEE) of the payload. f64 is IEEE 754 bits,
// little-endian, finite; h is a uint64 hash and u32 a uint32, both
// little-endian; ids that increase are stored as the gap minus one after
// the previous (the first as itself).
//
//	entry.qtf, magic "QTFE":
//	  str      the normalization (textnorm.Version)
//	  uvarint  articles, quotations, paragraphs, vocabulary size
//	  f64      the weight of a word the corpus lacks
//	  uvarint  term chunk count; per chunk: str first, h name
//	           (first: the chunk's first word cut to the shortest prefix,
//	           whole characters, that sorts after the previous chunk's last
//	           word; "" for the first chunk; increasing. A word belongs in
//	           the last chunk whose first is not after it.)
//	  uvarint  common word count; per word (increasing): str word; uvarint
//	           token id; f64 weight; h name of a term chunk holding only
//	           its postings (match/prune.go: which words are common, and
//	           when a lookup reads them)
//	  uvarint  paragraph postings chunk count; per chunk: str first, h name
//	  uvarint  fingerprint chunk count; per chunk: u32 first (0 for the
//	           first; increasing), h name
//	  then, when an incremental build added a delta (match/delta.go):
//	  byte 1, and the fields above again but the normalization, for the
//	  whole corpus (counts not below the base's): the weight of a word the
//	  corpus lacks, and the delta's term, common word, paragraph postings
//	  and fingerprint chunks. The delta's parts have the formats below;
//	  they hold whole the utterances and paragraph texts that the articles
//	  added since the base changed, and their postings take the place of
//	  the base's for those.
//	t-….qtf, magic "QTFC": a run of the vocabulary in byte order (the words
//	    that are not common), or one common word
//	  uvarint  pack count; per pack: h name of a pack the postings name
//	  uvarint  term count; per term (words increasing):
//	    str word; uvarint token id; f64 weight;
//	    uvarint n; n quotation postings (the distinct texts, first
//	      copies, holding the word): gap-coded quotation, uvarint pack,
//	      byte member, byte floor (the one-byte code of the shared weight
//	      from which the text is a candidate as a fragment of the
//	      selection: match/prune.go);
//	    uvarint 0 (no paragraph postings)
//	w-….qtf, magic "QTFW": as t-….qtf, every word that some paragraph
//	    holds, with no quotation postings (uvarint 0) and m paragraph
//	    postings (first copies): gap-coded paragraph id, uvarint pack,
//	    byte member
//	f-….qtf, magic "QTFF": a run of the paragraphs' fingerprints, the
//	    winnowed hashes of their word trigrams (match/prints.go)
//	  uvarint  pack count; per pack: h
//	  uvarint  fingerprint count; per fingerprint (increasing): gap-coded
//	    u32 as a uvarint; uvarint n (at least 1), n paragraph postings as
//	    in w-….qtf
//	q-…-MM.qtf, magic "QTFQ": whole utterances and every copy of their texts
//	  h pack, byte member (the shard's own name)
//	  articles: uvarint n; per article (increasing): gap-coded id; str
//	    stem, outlet, url, title, published; syndication: str the outlet
//	    it republishes, str the stem and str the outlet of the article
//	    whose text it reuses ("" none), byte flags (1 the two share their
//	    text, direction unknown), uvarint report (the first article of
//	    its group of copies)
//	  uvarint  quotation count; per quotation (increasing): gap-coded id;
//	    uvarint article (one of the shard's), first copy (not after it),
//	    utterance; byte flags (1 inferred); str text, speaker, channel,
//	    cue, attribution; uvarint n, n uvarint token ids; f64 the weights
//	    of its tokens summed in order
//	p-…-MM.qtf, magic "QTFP": the paragraph texts (first copies) of
//	    consecutive articles
//	  h pack, byte member
//	  articles as in q-….qtf (those of the carriers)
//	  uvarint  paragraph count; per paragraph (increasing): gap-coded id;
//	    str text; uvarint n, n uvarint token ids; uvarint carriers (at
//	    least one); per carrier: uvarint article, paragraph (the paragraph
//	    itself first, then its copies)
//
// The weights are the whole-index engine's own float64 numbers and the
// floors the one-byte codes it compares, so that both forms answer alike
// (match.TestFolderStoresTheEnginesNumbers, TestFolderAnswersAlike).
// The readers keep Read's discipline: header, size, length and checksum
// checked; every count bounded by the bytes left over its record's
// smallest encoding; memory counted against the same budget; canonical
// encodings (FuzzReadEntry, FuzzReadChunk, FuzzReadWords, FuzzReadPrints,
// FuzzReadQuoteShard, FuzzReadParaShard check that what is accepted
// encodes back to itself).
// The folder reader also refuses a chunk whose hash is not its name or a
// shard that declares another name than its own (ErrWrongPart), a chunk
// the entry does not name or whose words or fingerprints lie outside its
// range, and ids past the entry's counts.
//
// The package uses the standard library only (and not fmt): it is linked
// into the wasm.
package index
