// Turns the paths given on the command line into an ordered list of input sources, and opens
// them as byte streams. Does not decode text; see io/line_reader.h.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/input_error.h"

namespace certdiag {

struct InputSource {
  std::string name;            // display name: the path as given, or "<stdin>"
  std::filesystem::path path;  // empty for stdin
  bool is_stdin = false;
};

// Expands "-" to stdin, keeps files, walks directories recursively in sorted order (symlink
// loops detected, special files passed over). Files met in a directory walk whose names say they
// are not logs (documents, images, programs, scripts) are listed in `skipped`, not read; a file
// named on the command line is always read. Problems are appended to `errors`; the rest is kept.
std::vector<InputSource> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<InputError>& errors,
                                       std::vector<std::string>* skipped = nullptr);

// Whether a file name says the file is not a log (README.md, setup.exe, screenshot.png, …).
bool is_not_a_log(const std::filesystem::path& path);

// A stream of raw bytes, read in large chunks. Never throws.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `size` bytes; returns 0 at end of input or on error (see error()).
  virtual size_t read(char* buffer, size_t size) = 0;
  // Non-empty after a read failed.
  virtual const std::string& error() const = 0;
};

// Opens a source for reading; on failure returns nullptr and sets `error` to a one-line reason.
std::unique_ptr<ByteStream> open_source(const InputSource& source, std::string& error);

// A stream that yields `prefix` first, then the rest of `stream` (bytes read to sniff a format
// are put back this way).
std::unique_ptr<ByteStream> prefixed_stream(std::string prefix, std::unique_ptr<ByteStream> stream);

// A stream that adds the bytes it reads from `stream` to `count` as it reads them, so that the
// progress line counts bytes within a large file. `count` must outlive the stream.
std::unique_ptr<ByteStream> counting_stream(std::unique_ptr<ByteStream> stream,
                                            std::atomic<uint64_t>& count);

// A stream that reads through to one owned elsewhere (for code that wants to own a stream).
class BorrowedStream final : public ByteStream {
 public:
  explicit BorrowedStream(ByteStream& stream) : stream_(stream) {}
  size_t read(char* buffer, size_t size) override { return stream_.read(buffer, size); }
  const std::string& error() const override { return stream_.error(); }

 private:
  ByteStream& stream_;
};

// The machine a display name's folders name, e.g. "SITE01" in "case.zip!SITE01/Logs/x.log" or
// "CM01.contoso.com" in "bundle/CM01.contoso.com/AIUpdateSvc.log": the first folder that looks
// like a NetBIOS name (upper case, a letter and a digit or hyphen, not a well-known folder) or a
// fully qualified name; "" when none does.
std::string machine_in_path(std::string_view name);

// A stream over bytes held in memory (tests, fuzzing).
std::unique_ptr<ByteStream> memory_stream(std::string bytes);

}  // namespace certdiag
