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
// where str is a uvarint byte length followed by UTF-8 bytes. Read checks
// the magic, the version, the length and the checksum, bounds every count
// by the bytes left, and checks every reference (article, paragraph, span,
// token id),
// so a damaged file is refused with an error and never panics.
//
// The package uses the standard library only (and not fmt): it is linked
// into the wasm.
package index
