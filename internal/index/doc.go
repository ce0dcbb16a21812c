// Package index is the binary index that the build writes and the engine
// reads: the corpus's articles (metadata and paragraphs) and their
// quotations with attribution, each tagged with the utterance it belongs to
// across articles.
//
// Byte layout, version 2 (all integers little-endian or unsigned varints):
//
//	offset 0   4 bytes  magic "QTIX"
//	offset 4   uint16   format version (2)
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
//
// where str is a uvarint byte length followed by UTF-8 bytes.
//
// Read trusts nothing in the file. It checks the magic, the version, the
// size (MaxBytes at most, header included: TooLarge answers from a size
// alone, so callers refuse a bigger file before reading it), the length
// and the checksum; then, because a checksum proves nothing against a
// crafted file, it bounds every count by the bytes left divided by the
// smallest encoding of its record (an article 7 bytes, a quotation 13, a
// paragraph, a word, a token list or a token id 1), never reserves room
// for more records than the bytes left would fill in memory, and checks
// every reference (article, paragraph, span, utterance, token id). A
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
// The package uses the standard library only (and not fmt): it is linked
// into the wasm.
package index
