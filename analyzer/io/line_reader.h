// Reads a byte stream as UTF-8 text lines: sniffs the encoding (BOM, NUL patterns; UTF-8,
// UTF-16LE/BE, Windows-1252 fallback), converts, splits on LF, CRLF or lone CR, and splits lines
// longer than the limit. Memory stays bounded by the chunk size and the line limit.
// Does not know log formats; see tokenize/.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/input.h"

namespace certdiag {

enum class Encoding { utf8, utf16le, utf16be, windows1252 };

std::string_view encoding_name(Encoding encoding);

struct LineReaderStats {
  uint64_t bytes = 0;          // raw bytes read from the stream
  uint64_t lines = 0;          // lines returned (a split long line counts once)
  uint64_t split_lines = 0;    // lines that were longer than the limit and were split
  uint64_t invalid_bytes = 0;  // bytes replaced by U+FFFD while decoding
};

struct LineReaderOptions {
  size_t chunk_size = 1 << 20;
  size_t max_line = 1 << 20;  // bytes of UTF-8; longer lines continue on the next line
};

class LineReader {
 public:
  explicit LineReader(ByteStream& stream, LineReaderOptions options = {});
  ~LineReader();

  // The first bytes of the stream, undecoded (for magic-number sniffing); reads them if needed.
  std::string_view peek_bytes(size_t size);

  // Sets `line` to the next line without its terminator; the view is valid until the next call.
  // Returns false at the end of input. The pieces of a split long line are returned in turn,
  // each with the same line number.
  bool next(std::string_view& line);

  // 1-based number of the line last returned.
  uint64_t line_number() const;

  Encoding encoding() const;
  const LineReaderStats& stats() const;
  // Non-empty when the stream failed mid-read.
  const std::string& error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certdiag
