#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "io/input.h"
#include "io/line_reader.h"

namespace certdiag {
namespace {

// Chunk sizes that put a chunk boundary at every offset of the short inputs below.
constexpr size_t kChunkSizes[] = {1, 2, 3, 7, 64, size_t{1} << 20};

// Reads all of `bytes` as "number:line|number:line", the same whatever the chunk size.
std::string read_lines(std::string_view bytes, size_t max_line = size_t{1} << 20) {
  std::string first;
  for (const size_t chunk_size : kChunkSizes) {
    auto stream = memory_stream(std::string(bytes));
    LineReader reader(*stream, {chunk_size, max_line});
    std::string result;
    std::string_view line;
    while (reader.next(line)) {
      if (!result.empty()) result += '|';
      result += std::to_string(reader.line_number()) + ":" + std::string(line);
    }
    if (chunk_size == kChunkSizes[0]) first = result;
    EXPECT_EQ(result, first) << "chunk size " << chunk_size;
  }
  return first;
}

// Reads all of `bytes` and returns the reader's final stats.
LineReaderStats stats_of(std::string_view bytes, LineReaderOptions options = {}) {
  auto stream = memory_stream(std::string(bytes));
  LineReader reader(*stream, options);
  std::string_view line;
  while (reader.next(line)) {
  }
  return reader.stats();
}

Encoding encoding_of(std::string_view bytes) {
  auto stream = memory_stream(std::string(bytes));
  return LineReader(*stream).encoding();
}

// UTF-16 of ASCII text, as a file without a BOM would hold it.
std::string utf16(std::string_view ascii, bool big_endian) {
  std::string bytes;
  for (const char c : ascii) {
    bytes += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
  }
  return bytes;
}

TEST(LineReader, SplitsOnLf) { EXPECT_EQ(read_lines("a\nbc\n\nd\n"), "1:a|2:bc|3:|4:d"); }

TEST(LineReader, SplitsOnCrLf) { EXPECT_EQ(read_lines("a\r\nbc\r\n\r\nd"), "1:a|2:bc|3:|4:d"); }

TEST(LineReader, SplitsOnLoneCr) { EXPECT_EQ(read_lines("a\rbc\r\rd\r"), "1:a|2:bc|3:|4:d"); }

TEST(LineReader, SplitsMixedTerminators) {
  EXPECT_EQ(read_lines("a\r\nb\rc\nd\n\re"), "1:a|2:b|3:c|4:d|5:|6:e");
}

TEST(LineReader, JoinsCrLfSplitAcrossChunkBoundary) {
  // With chunks of 2 the CR ends the first chunk and the LF starts the second.
  auto stream = memory_stream("a\r\nb");
  LineReader reader(*stream, {.chunk_size = 2});
  std::string_view line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "a");
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "b");
  EXPECT_EQ(reader.line_number(), 2u);
  EXPECT_FALSE(reader.next(line));
}

TEST(LineReader, ReturnsNoLinesForEmptyInput) {
  EXPECT_EQ(read_lines(""), "");
  EXPECT_EQ(stats_of("").lines, 0u);
}

TEST(LineReader, ReturnsFinalLineWithoutTerminator) { EXPECT_EQ(read_lines("a\nb"), "1:a|2:b"); }

TEST(LineReader, AddsNoEmptyLineAfterFinalNewline) {
  EXPECT_EQ(read_lines("a\n"), "1:a");
  EXPECT_EQ(read_lines("\n"), "1:");
}

TEST(LineReader, KeepsNulInsideLine) {
  EXPECT_EQ(read_lines(std::string("abc\0def\nx", 9)), std::string("1:abc\0def|2:x", 13));
}

TEST(LineReader, SplitsLongLineIntoPiecesWithSameNumber) {
  EXPECT_EQ(read_lines("abcdefghijklmnopqrst\nxy\n", 8), "1:abcdefgh|1:ijklmnop|1:qrst|2:xy");
  const LineReaderStats stats = stats_of("abcdefghijklmnopqrst\nxy\n", {.max_line = 8});
  EXPECT_EQ(stats.lines, 2u);
  EXPECT_EQ(stats.split_lines, 1u);
}

TEST(LineReader, SplitsLongLineWithoutTerminator) {
  EXPECT_EQ(read_lines("abcdefghij", 4), "1:abcd|1:efgh|1:ij");
}

TEST(LineReader, KeepsLineOfExactlyMaxLine) {
  EXPECT_EQ(read_lines("abcdefgh\r\nabcdefgh", 8), "1:abcdefgh|2:abcdefgh");
  EXPECT_EQ(stats_of("abcdefgh\r\nabcdefgh", {.max_line = 8}).split_lines, 0u);
}

TEST(LineReader, SplitsLongLineAtCharacterBoundary) {
  // "é" takes bytes 7 and 8: the first piece stops before it.
  EXPECT_EQ(read_lines("abcdef\xC3\xA9xyz\n", 7), "1:abcdef|1:\xC3\xA9xyz");
}

TEST(LineReader, SplitsLongLineIntoWholeCharactersWhenLimitIsShorter) {
  EXPECT_EQ(read_lines("\xE2\x82\xAC\xE2\x82\xAC\n", 2), "1:\xE2\x82\xAC|1:\xE2\x82\xAC");
  EXPECT_EQ(read_lines("\xE2\x82\xAC\xE2\x82\xAC\r\nx", 2), "1:\xE2\x82\xAC|1:\xE2\x82\xAC|2:x");
}

TEST(LineReader, DropsUtf8Bom) {
  EXPECT_EQ(read_lines("\xEF\xBB\xBF"
                       "a\nb"),
            "1:a|2:b");
  EXPECT_EQ(encoding_of("\xEF\xBB\xBF"
                        "a"),
            Encoding::utf8);
}

TEST(LineReader, KeepsMultibyteUtf8SplitAcrossChunks) {
  EXPECT_EQ(read_lines("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n"),
            "1:\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(LineReader, ReplacesEachInvalidUtf8Byte) {
  // The head is valid UTF-8, so the stream stays UTF-8 when the invalid bytes come.
  const std::string head(5000, 'a');
  const std::string input = head + "\nx\xFFy\xE2\x82z\xC0\xAF\n";
  EXPECT_EQ(read_lines(input), "1:" + head +
                                   "|2:x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD"
                                   "\xEF\xBF\xBD");
  const LineReaderStats stats = stats_of(input, {.chunk_size = 3});
  EXPECT_EQ(stats.invalid_bytes, 5u);
  EXPECT_EQ(stats.bytes, input.size());
}

TEST(LineReader, ReplacesUtf8CharacterCutByEnd) {
  const std::string input = std::string(5000, 'a') + "\n\xE2\x82";
  EXPECT_EQ(read_lines(input).substr(5003), "2:\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(LineReader, DecodesUtf16LeWithBom) {
  const std::string input = "\xFF\xFE" + utf16("ab\r\nc", false);
  EXPECT_EQ(encoding_of(input), Encoding::utf16le);
  EXPECT_EQ(read_lines(input), "1:ab|2:c");
}

TEST(LineReader, DecodesUtf16BeWithBom) {
  const std::string input = "\xFE\xFF" + utf16("ab\r\nc", true);
  EXPECT_EQ(encoding_of(input), Encoding::utf16be);
  EXPECT_EQ(read_lines(input), "1:ab|2:c");
}

TEST(LineReader, DetectsUtf16LeWithoutBom) {
  const std::string input = utf16("hello\nworld\n", false);
  EXPECT_EQ(encoding_of(input), Encoding::utf16le);
  EXPECT_EQ(read_lines(input), "1:hello|2:world");
}

TEST(LineReader, DetectsUtf16BeWithoutBom) {
  const std::string input = utf16("hello\nworld\n", true);
  EXPECT_EQ(encoding_of(input), Encoding::utf16be);
  EXPECT_EQ(read_lines(input), "1:hello|2:world");
}

TEST(LineReader, DecodesUtf16NonAscii) {
  // "é€" in UTF-16LE after a BOM.
  EXPECT_EQ(read_lines(std::string("\xFF\xFE\xE9\x00\xAC\x20", 6)), "1:\xC3\xA9\xE2\x82\xAC");
}

TEST(LineReader, DecodesSurrogatePairSplitAcrossChunks) {
  // U+1F600 is D83D DE00; chunk sizes 1, 2, 3 and 7 cut it at every byte.
  const std::string input(
      "\xFF\xFE"
      "a\0\x3D\xD8\x00\xDE"
      "b\0",
      10);
  EXPECT_EQ(read_lines(input),
            "1:a\xF0\x9F\x98\x80"
            "b");
  EXPECT_EQ(stats_of(input, {.chunk_size = 3}).invalid_bytes, 0u);
}

TEST(LineReader, ReplacesUnpairedSurrogates) {
  // A high surrogate before "b", a lone low surrogate, and a high surrogate at the end.
  const std::string input(
      "\xFE\xFF\xD8\x3D\x00"
      "b\xDE\x00\xD8\x3D",
      10);
  EXPECT_EQ(read_lines(input),
            "1:\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(stats_of(input).invalid_bytes, 6u);
}

TEST(LineReader, ReplacesOddTrailingUtf16Byte) {
  const std::string input(
      "\xFF\xFE"
      "a\0b",
      5);
  EXPECT_EQ(read_lines(input), "1:a\xEF\xBF\xBD");
  EXPECT_EQ(stats_of(input, {.chunk_size = 1}).invalid_bytes, 1u);
}

TEST(LineReader, DecodesWindows1252) {
  const std::string input =
      "\x93"
      "caf\xE9\x94 \x80\n";
  EXPECT_EQ(encoding_of(input), Encoding::windows1252);
  EXPECT_EQ(read_lines(input),
            "1:\xE2\x80\x9C"
            "caf\xC3\xA9\xE2\x80\x9D \xE2\x82\xAC");
}

TEST(LineReader, TakesLoneLeadByteAtEndAsWindows1252) {
  EXPECT_EQ(encoding_of("caf\xE9"), Encoding::windows1252);
}

TEST(LineReader, NamesEncodings) {
  EXPECT_EQ(encoding_name(Encoding::utf8), "utf-8");
  EXPECT_EQ(encoding_name(Encoding::utf16le), "utf-16le");
  EXPECT_EQ(encoding_name(Encoding::utf16be), "utf-16be");
  EXPECT_EQ(encoding_name(Encoding::windows1252), "windows-1252");
}

TEST(LineReader, PeekBytesDoesNotConsume) {
  auto stream = memory_stream(
      "\xEF\xBB\xBF"
      "abc\ndef");
  LineReader reader(*stream, {.chunk_size = 2});
  EXPECT_EQ(reader.peek_bytes(5),
            "\xEF\xBB\xBF"
            "ab");
  EXPECT_EQ(reader.peek_bytes(100),
            "\xEF\xBB\xBF"
            "abc\ndef");
  std::string_view line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "abc");
  EXPECT_EQ(reader.peek_bytes(4),
            "\xEF\xBB\xBF"
            "a");
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "def");
  EXPECT_FALSE(reader.next(line));
}

TEST(LineReader, PeekBytesReadsPastSniffedHead) {
  const std::string input = std::string(10000, 'x') + "\ny";
  auto stream = memory_stream(input);
  LineReader reader(*stream);
  EXPECT_EQ(reader.peek_bytes(20000), input);
  std::string_view line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.size(), 10000u);
}

TEST(LineReader, CountsRawBytesAndLines) {
  const std::string input = "\xFF\xFE" + utf16("ab\ncd\n", false);
  const LineReaderStats stats = stats_of(input, {.chunk_size = 5});
  EXPECT_EQ(stats.bytes, input.size());
  EXPECT_EQ(stats.lines, 2u);
  EXPECT_EQ(stats.invalid_bytes, 0u);
}

// Gives some bytes, then fails as a disk would.
class FailingStream final : public ByteStream {
 public:
  size_t read(char* buffer, size_t size) override {
    if (!error_.empty()) return 0;
    if (!given_) {
      given_ = true;
      const std::string_view bytes = "one\ntw";
      const size_t count = std::min(size, bytes.size());
      bytes.copy(buffer, count);
      return count;
    }
    error_ = "Input/output error";
    return 0;
  }
  const std::string& error() const override { return error_; }

 private:
  bool given_ = false;
  std::string error_;
};

TEST(LineReader, ReportsStreamErrorAndKeepsLinesRead) {
  FailingStream stream;
  LineReader reader(stream);
  std::string_view line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "one");
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line, "tw");
  EXPECT_FALSE(reader.next(line));
  EXPECT_EQ(reader.error(), "Input/output error");
}

}  // namespace
}  // namespace certdiag
