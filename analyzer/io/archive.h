// Reads archives in place through libarchive — zip, cab, tar (plain or compressed), a single
// .gz/.bz2/.xz file, and archives nested inside them up to a depth limit — handing each member
// to a visitor as a byte stream. Nothing is extracted to disk; member paths are only names.
// Expansion is bounded (total size and ratio) so that a zip bomb stops with a clear message.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "io/input.h"

namespace certdiag {

struct ArchiveLimits {
  uint64_t max_expanded = uint64_t{16} << 30;  // bytes expanded from one top-level archive
  double max_ratio = 200;                      // expanded bytes per compressed byte
  uint64_t ratio_floor = uint64_t{64} << 20;   // the ratio is checked past this many bytes
  int max_depth = 3;                           // archives inside archives
};

// Whether the first bytes of a stream are those of an archive or compressed file certdiag
// reads in place (zip, cab, gzip, bzip2, xz, zstd, 7z, tar).
bool looks_like_archive(std::string_view head);

// Called for each file member: its display name ("bundle.zip!SITE01/Logs/x.log") and a stream
// over its bytes, valid during the call.
using MemberVisitor = std::function<void(const std::string& name, ByteStream& data)>;

// Reads the archive whose bytes `raw` yields, named `name`, calling `visit` for every file in it
// (in archive order; nested archives are opened in turn). Problems — a corrupt archive or
// member, a limit reached — are appended to `errors` as one line each; members read before a
// problem have been visited. `depth` is the nesting level of this archive (0 at the top).
void read_archive(ByteStream& raw, const std::string& name, const ArchiveLimits& limits,
                  const MemberVisitor& visit, std::vector<InputError>& errors, int depth = 0);

}  // namespace certdiag
