#include "io/content_hash.h"

#include <fmt/format.h>
#include <xxhash.h>

namespace certdiag {

std::string ContentDigest::text() const { return fmt::format("xxh3:{:016x}/{}", hash, size); }

HashingStream::HashingStream(std::unique_ptr<ByteStream> stream)
    : stream_(std::move(stream)), state_(XXH3_createState()) {
  XXH3_64bits_reset(state_);
}

HashingStream::~HashingStream() { XXH3_freeState(state_); }

size_t HashingStream::read(char* buffer, size_t size) {
  const size_t count = stream_->read(buffer, size);
  if (count > 0) {
    XXH3_64bits_update(state_, buffer, count);
    size_ += count;
  }
  return count;
}

ContentDigest HashingStream::digest() const { return {XXH3_64bits_digest(state_), size_}; }

}  // namespace certdiag
