// Identifies the content of a byte stream by a 64-bit XXH3 digest and its length, computed in
// the same pass as whoever reads the stream. Finds copies of one content; it is not
// cryptographic and does not detect tampering, and it does not decide what a copy means (cli/).
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <string>

#include "io/input.h"

struct XXH3_state_s;

namespace certdiag {

struct ContentDigest {
  uint64_t hash = 0;
  uint64_t size = 0;  // bytes hashed

  auto operator<=>(const ContentDigest&) const = default;
  std::string text() const;  // "xxh3:0123456789abcdef/1234"
};

// A stream that reads through to another and hashes every byte that passes.
class HashingStream final : public ByteStream {
 public:
  explicit HashingStream(std::unique_ptr<ByteStream> stream);
  ~HashingStream() override;
  HashingStream(const HashingStream&) = delete;
  HashingStream& operator=(const HashingStream&) = delete;

  size_t read(char* buffer, size_t size) override;
  const std::string& error() const override { return stream_->error(); }

  // The digest of the bytes read so far (of the whole content once read to the end).
  ContentDigest digest() const;

 private:
  std::unique_ptr<ByteStream> stream_;
  XXH3_state_s* state_;
  uint64_t size_ = 0;
};

}  // namespace certdiag
