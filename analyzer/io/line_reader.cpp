#include "io/line_reader.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

#include "io/decoder.h"
#include "model/utf8.h"

namespace certdiag {
namespace {

constexpr size_t kUnknown = std::numeric_limits<size_t>::max();
// Caps that keep index arithmetic far from overflow for absurd options.
constexpr size_t kMaxChunkSize = size_t{1} << 30;
constexpr size_t kMaxLineLimit = std::numeric_limits<size_t>::max() / 4;

}  // namespace

struct LineReader::Impl {
  Impl(ByteStream& byte_stream, LineReaderOptions options);

  void read_raw(size_t size);
  void fill_raw(size_t size);
  void grow_raw(size_t size);
  bool decode_more();
  bool next(std::string_view& line);
  size_t find_line_end();
  void start_line();
  bool emit_line(size_t end, std::string_view& line);
  size_t piece_size(size_t end) const;
  bool emit_piece(size_t size, std::string_view& line);

  ByteStream& stream;
  const size_t chunk_size;
  const size_t max_line;
  Encoding encoding = Encoding::utf8;
  LineReaderStats stats;
  uint64_t line_number = 0;

  // Raw bytes: raw[raw_begin, raw_end) are read but not yet decoded. Left unset until read, so
  // that a small input touches only the memory it fills.
  std::unique_ptr<char[]> raw;
  size_t raw_size = 0;
  size_t raw_begin = 0;
  size_t raw_end = 0;
  bool eof = false;       // the stream has nothing more
  bool decoding = false;  // raw no longer starts at the stream's first byte
  std::string head;       // the stream's first bytes, kept for peek_bytes() once decoding began

  // Decoded UTF-8: text[pos, end) is not yet returned.
  std::string text;
  size_t pos = 0;
  size_t next_lf = kUnknown;  // first LF at or after some earlier pos, or text.size() if none
  bool exhausted = false;     // all input is decoded into text
  bool skip_lf = false;       // the last line ended with the text's last byte, a CR
  bool continuing = false;    // the last piece returned was not the end of its line
};

LineReader::Impl::Impl(ByteStream& byte_stream, LineReaderOptions options)
    : stream(byte_stream),
      chunk_size(std::clamp<size_t>(options.chunk_size, 1, kMaxChunkSize)),
      max_line(std::clamp<size_t>(options.max_line, 1, kMaxLineLimit)) {
  // Room for a chunk behind the bytes of a character cut by the previous one.
  grow_raw(std::max(chunk_size, kSniffBytes) + kMaxCharBytes);
  fill_raw(kSniffBytes);
  const SniffResult sniffed = sniff_encoding({raw.get(), raw_end}, eof);
  encoding = sniffed.encoding;
  raw_begin = sniffed.bom_size;
}

// Reads once, up to `size` bytes, behind raw_end.
void LineReader::Impl::read_raw(size_t size) {
  const size_t count = stream.read(raw.get() + raw_end, size);
  if (count == 0) eof = true;  // end of input, or an error the stream keeps
  raw_end += count;
  stats.bytes += count;
}

// Reads until raw holds the stream's first `size` bytes, or all of them.
void LineReader::Impl::fill_raw(size_t size) {
  if (raw_size < size) grow_raw(size);
  while (raw_end < size && !eof) read_raw(size - raw_end);
}

// Makes room for `size` raw bytes, keeping those read.
void LineReader::Impl::grow_raw(size_t size) {
  auto larger = std::make_unique_for_overwrite<char[]>(size);
  if (raw_end > 0) std::memcpy(larger.get(), raw.get(), raw_end);
  raw = std::move(larger);
  raw_size = size;
}

// Decodes up to a chunk of raw bytes onto text, reading first if needed; false at the end.
bool LineReader::Impl::decode_more() {
  if (!decoding) {
    decoding = true;
    head.assign(raw.get(), raw_end);
  }
  size_t available = raw_end - raw_begin;
  if (available < kMaxCharBytes && !eof) {
    // What is left may be a character cut by the chunk end: keep it in front of the next chunk.
    std::memmove(raw.get(), raw.get() + raw_begin, available);
    raw_begin = 0;
    raw_end = available;
    read_raw(chunk_size);
    available = raw_end;
  }
  if (available == 0) return false;
  const std::string_view input(raw.get() + raw_begin, available);
  size_t window = std::min(available, chunk_size);
  size_t used;
  // A window that holds only part of a character grows until it holds all of it.
  while ((used = decode_to_utf8(encoding, input.substr(0, window), eof && window == available, text,
                                stats.invalid_bytes)) == 0 &&
         window < available) {
    window = std::min(available, window + chunk_size);
  }
  raw_begin += used;
  return true;
}

bool LineReader::Impl::next(std::string_view& line) {
  for (;;) {
    if (skip_lf && pos < text.size()) {
      skip_lf = false;
      if (text[pos] == '\n') ++pos;
    }
    if (pos < text.size()) {
      const size_t end = find_line_end();
      if (end - pos > max_line) {
        // A piece that would hold all the rest (one character longer than the limit) is no piece.
        if (const size_t size = piece_size(end); size < end - pos) return emit_piece(size, line);
      }
      if (end < text.size() || exhausted) return emit_line(end, line);
    } else if (exhausted) {
      return false;
    }
    // The line goes on past the decoded text: drop what was returned, then decode more.
    text.erase(0, pos);
    pos = 0;
    next_lf = kUnknown;
    if (!decode_more()) exhausted = true;
  }
}

// Returns the index of the CR or LF ending the line at pos, or text.size() if not decoded yet.
size_t LineReader::Impl::find_line_end() {
  const char* data = text.data();
  if (next_lf == kUnknown || next_lf < pos) {
    const void* lf = std::memchr(data + pos, '\n', text.size() - pos);
    next_lf = lf ? static_cast<size_t>(static_cast<const char*>(lf) - data) : text.size();
  }
  // A CR is looked for only up to the LF, or past the longest first piece of a long line, so
  // that LF-only text is not scanned to its end for every line.
  const size_t limit = std::min(next_lf - pos, max_line + kMaxCharBytes + 1);
  const void* cr = std::memchr(data + pos, '\r', limit);
  return cr ? static_cast<size_t>(static_cast<const char*>(cr) - data) : next_lf;
}

void LineReader::Impl::start_line() {
  if (continuing) return;
  ++line_number;
  ++stats.lines;
}

// Returns text[pos, end) as the (rest of the) line and steps over its terminator.
bool LineReader::Impl::emit_line(size_t end, std::string_view& line) {
  start_line();
  line = std::string_view(text).substr(pos, end - pos);
  pos = end;
  if (end < text.size()) {
    ++pos;
    if (text[end] == '\r') {
      if (pos == text.size()) {
        skip_lf = true;  // a LF starting the next chunk still belongs to this CR
      } else if (text[pos] == '\n') {
        ++pos;
      }
    }
  }
  continuing = false;
  return true;
}

// Returns the size of the first piece of the long line text[pos, end): max_line bytes, cut back
// to where a character starts.
size_t LineReader::Impl::piece_size(size_t end) const {
  size_t size = utf8_prefix(std::string_view(text).substr(pos, end - pos), max_line).size();
  if (size > 0) return size;
  // The limit is shorter than the first character: the piece is that one character.
  size = max_line;
  while (pos + size < end && is_utf8_continuation(text[pos + size])) ++size;
  return size;
}

// Returns the first `size` bytes of a long line; the rest comes next, with the same number.
bool LineReader::Impl::emit_piece(size_t size, std::string_view& line) {
  if (!continuing) ++stats.split_lines;
  start_line();
  line = std::string_view(text).substr(pos, size);
  pos += size;
  continuing = true;
  return true;
}

LineReader::LineReader(ByteStream& stream, LineReaderOptions options)
    : impl_(std::make_unique<Impl>(stream, options)) {}

LineReader::~LineReader() = default;

std::string_view LineReader::peek_bytes(size_t size) {
  if (impl_->decoding) return std::string_view(impl_->head).substr(0, size);
  impl_->fill_raw(size);
  return std::string_view(impl_->raw.get(), std::min(size, impl_->raw_end));
}

bool LineReader::next(std::string_view& line) { return impl_->next(line); }

uint64_t LineReader::line_number() const { return impl_->line_number; }

Encoding LineReader::encoding() const { return impl_->encoding; }

const LineReaderStats& LineReader::stats() const { return impl_->stats; }

const std::string& LineReader::error() const { return impl_->stream.error(); }

}  // namespace certdiag
