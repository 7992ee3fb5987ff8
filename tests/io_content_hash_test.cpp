// The hashing stream passes bytes through unchanged and digests exactly the bytes that passed.
#include <gtest/gtest.h>

#include <string>

#include "io/content_hash.h"

namespace certdiag {
namespace {

// Reads the whole stream in reads of `step` bytes and returns what it yielded.
std::string read_all(ByteStream& stream, size_t step) {
  std::string out;
  std::string buffer(step, '\0');
  while (const size_t count = stream.read(buffer.data(), step)) out.append(buffer.data(), count);
  return out;
}

ContentDigest digest_of(const std::string& bytes, size_t step) {
  HashingStream stream(memory_stream(bytes));
  EXPECT_EQ(read_all(stream, step), bytes);
  return stream.digest();
}

TEST(HashingStream, DigestsTheBytesReadAsXxh64AndTheirCount) {
  EXPECT_EQ(digest_of("abc", 64).text(), "xxh3:78af5f94892f3950/3");
  EXPECT_EQ(digest_of("", 64).text(), "xxh3:2d06800538d394c2/0");
}

TEST(HashingStream, DigestDoesNotDependOnHowTheStreamIsRead) {
  std::string bytes;
  for (int i = 0; i < 100000; ++i) bytes += static_cast<char>(i * 7 % 251);
  const ContentDigest whole = digest_of(bytes, bytes.size());
  EXPECT_EQ(digest_of(bytes, 1), whole);
  EXPECT_EQ(digest_of(bytes, 4093), whole);
  EXPECT_EQ(whole.size, bytes.size());
}

TEST(HashingStream, DifferentContentOrLengthGivesADifferentDigest) {
  EXPECT_NE(digest_of("line one\nline two\n", 8), digest_of("line one\nline 2\n", 8));
  EXPECT_NE(digest_of("log", 8), digest_of("log\n", 8));
}

TEST(HashingStream, DigestCoversOnlyWhatWasReadSoFar) {
  HashingStream stream(memory_stream("abcdef"));
  char head[3];
  ASSERT_EQ(stream.read(head, 3), 3u);
  EXPECT_EQ(stream.digest(), digest_of("abc", 8));
  read_all(stream, 8);
  EXPECT_EQ(stream.digest(), digest_of("abcdef", 8));
}

TEST(HashingStream, BytesPutBackBeforeItAreNotHashedTwice) {
  // The pipeline sniffs a prefix through the hashing stream, then replays it from memory.
  auto hashing = std::make_unique<HashingStream>(memory_stream("0123456789"));
  const HashingStream& hashed = *hashing;
  std::string prefix(4, '\0');
  ASSERT_EQ(hashing->read(prefix.data(), 4), 4u);
  auto whole = prefixed_stream(prefix, std::move(hashing));
  EXPECT_EQ(read_all(*whole, 3), "0123456789");
  EXPECT_EQ(hashed.digest(), digest_of("0123456789", 8));
}

}  // namespace
}  // namespace certdiag
