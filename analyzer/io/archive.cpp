#include "io/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <vector>

namespace certdiag {
namespace {

constexpr size_t kBlock = 1 << 20;

// The expansion budget shared by an archive and everything nested in it.
struct Expansion {
  uint64_t expanded = 0;
  std::string stopped;  // why reading stopped, once a limit is reached
};

// Feeds libarchive from a ByteStream. The buffer is on the heap: each nesting level has one,
// and worker threads' stacks are small.
struct RawSource {
  ByteStream* stream;
  std::vector<char> buffer = std::vector<char>(kBlock);
};

la_ssize_t read_raw(archive*, void* data, const void** block) {
  auto* source = static_cast<RawSource*>(data);
  *block = source->buffer.data();
  return static_cast<la_ssize_t>(
      source->stream->read(source->buffer.data(), source->buffer.size()));
}

// libarchive's message for the last error, as one line (some end in a newline).
std::string reason(archive* reader, std::string_view fallback) {
  const char* text = archive_error_string(reader);
  std::string out = text ? std::string(text) : std::string(fallback);
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

// The current member's bytes, counted against the limits.
class MemberStream final : public ByteStream {
 public:
  MemberStream(archive* reader, const ArchiveLimits& limits, Expansion& expansion)
      : reader_(reader), limits_(limits), expansion_(expansion) {}

  // Hands out libarchive's blocks as they come: archive_read_data would drop the good bytes it
  // had gathered in a call when a later block of that call fails.
  size_t read(char* buffer, size_t size) override {
    if (!error_.empty() || !expansion_.stopped.empty()) return 0;
    while (left_ == 0) {  // a block may be empty: the next one is fetched
      const void* block = nullptr;
      size_t block_size = 0;
      la_int64_t offset = 0;
      if (!pending_error_.empty()) {
        error_ = std::move(pending_error_);
        return 0;
      }
      const int status = archive_read_data_block(reader_, &block, &block_size, &offset);
      if (status == ARCHIVE_EOF) return 0;
      if (status != ARCHIVE_OK) {
        // A warning may still come with good bytes: they are handed out, the error after them.
        const std::string problem = reason(reader_, "cannot read member");
        if (status < ARCHIVE_WARN || block == nullptr || block_size == 0) {
          error_ = problem;
          return 0;
        }
        pending_error_ = problem;
      }
      if (block == nullptr) block_size = 0;
      next_ = static_cast<const char*>(block);
      left_ = block_size;
      if (!count(block_size)) return 0;
    }
    const size_t count = std::min(size, left_);
    std::memcpy(buffer, next_, count);
    next_ += count;
    left_ -= count;
    return count;
  }

  const std::string& error() const override { return error_; }

 private:
  // Counts expanded bytes against the limits; false once one is reached.
  bool count(size_t expanded) {
    expansion_.expanded += expanded;
    const auto compressed =
        static_cast<uint64_t>(std::max<la_int64_t>(1, archive_filter_bytes(reader_, -1)));
    if (expansion_.expanded > limits_.max_expanded) {
      expansion_.stopped =
          fmt::format("expands past {} MiB, stopped (zip bomb?)", limits_.max_expanded >> 20);
    } else if (expansion_.expanded > limits_.ratio_floor &&
               static_cast<double>(expansion_.expanded) >
                   limits_.max_ratio * static_cast<double>(compressed)) {
      expansion_.stopped =
          fmt::format("expands more than {:g} times its compressed size, stopped (zip bomb?)",
                      limits_.max_ratio);
    }
    // A limit ends the member like its end of data; the archive reports it once, by its name.
    return expansion_.stopped.empty();
  }

  archive* reader_;
  const char* next_ = nullptr;  // the rest of the current block
  size_t left_ = 0;
  std::string pending_error_;  // reported once the block it came with is handed out
  const ArchiveLimits& limits_;
  Expansion& expansion_;
  std::string error_;
};

std::string read_head(ByteStream& stream, size_t size) {
  std::string head(size, '\0');
  size_t have = 0;
  while (have < size) {
    const size_t count = stream.read(head.data() + have, size - have);
    if (count == 0) break;
    have += count;
  }
  head.resize(have);
  return head;
}

void read_level(ByteStream& raw, const std::string& name, const ArchiveLimits& limits,
                const MemberVisitor& visit, std::vector<InputError>& errors, int depth,
                Expansion& expansion) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                &archive_read_free);
  archive* a = reader.get();
  archive_read_support_filter_all(a);
  // Not format_all: it takes plain text for an mtree listing. Raw reads a lone .gz/.xz file.
  for (auto support : {archive_read_support_format_zip_streamable, archive_read_support_format_tar,
                       archive_read_support_format_cab, archive_read_support_format_7zip,
                       archive_read_support_format_cpio, archive_read_support_format_rar,
                       archive_read_support_format_rar5, archive_read_support_format_raw,
                       archive_read_support_format_empty}) {
    support(a);
  }
  RawSource source{&raw};
  if (archive_read_open(a, &source, nullptr, read_raw, nullptr) != ARCHIVE_OK) {
    errors.push_back(
        {InputErrorKind::corrupt, name, "not a readable archive: " + reason(a, "unknown format")});
    return;
  }
  archive_entry* entry = nullptr;
  for (;;) {
    const int status = archive_read_next_header(a, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      errors.push_back({InputErrorKind::corrupt, name,
                        "corrupt archive, rest skipped: " + reason(a, "bad header")});
      return;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    // A raw (single compressed file) entry is named "data"; the file's own name minus .gz reads
    // better.
    const bool raw_format = archive_format(a) == ARCHIVE_FORMAT_RAW;
    if (raw_format && archive_filter_count(a) <= 1) {
      errors.push_back({InputErrorKind::corrupt, name, "not a readable archive: unknown format"});
      return;
    }
    const char* path = archive_entry_pathname_utf8(entry);
    if (!path) path = archive_entry_pathname(entry);
    std::string member = name;
    if (raw_format) {
      // "logs/x.log.gz" reads as "logs/x.log"; only the file's own name loses its extension.
      const size_t name_start =
          member.find_last_of("/!") == std::string::npos ? 0 : member.find_last_of("/!") + 1;
      const size_t dot = member.rfind('.');
      if (dot != std::string::npos && dot > name_start) member.resize(dot);
    } else {
      member += '!';
      member += path ? path : "?";
    }
    MemberStream data(a, limits, expansion);
    std::string head = read_head(data, 8);
    auto whole = prefixed_stream(head, std::make_unique<BorrowedStream>(data));
    if (!raw_format && looks_like_archive(head)) {
      if (depth + 1 > limits.max_depth) {
        errors.push_back(
            {InputErrorKind::too_deep, member,
             fmt::format("archive nested deeper than {} levels, skipped", limits.max_depth)});
      } else {
        read_level(*whole, member, limits, visit, errors, depth + 1, expansion);
        if (!data.error().empty())
          errors.push_back({InputErrorKind::corrupt, member, data.error()});
      }
    } else {
      visit(member, *whole);  // the visitor reports a member that fails mid-read
    }
    if (!expansion.stopped.empty()) {
      if (depth == 0) errors.push_back({InputErrorKind::over_limit, name, expansion.stopped});
      return;
    }
  }
}

}  // namespace

bool looks_like_archive(std::string_view head) {
  const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  return starts("PK\x03\x04") || starts("PK\x05\x06") || starts("MSCF") || starts("\x1f\x8b") ||
         starts("BZh") ||
         starts(
             "\xfd"
             "7zXZ") ||
         starts("\x28\xb5\x2f\xfd") || starts("7z\xbc\xaf\x27\x1c") || starts("Rar!") ||
         (head.size() >= 262 && head.substr(257, 5) == "ustar");
}

void read_archive(ByteStream& raw, const std::string& name, const ArchiveLimits& limits,
                  const MemberVisitor& visit, std::vector<InputError>& errors, int depth) {
  Expansion expansion;
  read_level(raw, name, limits, visit, errors, depth, expansion);
}

}  // namespace certdiag
