// The invariants the fuzz targets check, one function per target: each takes the fuzzer's bytes,
// runs them through the analyzer's own API and returns "" or the first invariant that failed.
// Header-only so that tests/bad_input_test.cpp replays fuzz/regressions/ without clang. Does not
// catch crashes: the sanitizers of the fuzz build do, and the test binary simply must not crash.
#pragma once

#include <archive.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/engine.h"
#include "io/archive.h"
#include "io/input.h"
#include "io/line_reader.h"
#include "match/matcher.h"
#include "model/record.h"
#include "model/summary.h"
#include "report/report.h"
#include "report/strings.h"
#include "rules/loader.h"
#include "tokenize/evtx.h"
#include "tokenize/tokenizer.h"
#include "tokenize/x509.h"

namespace certdiag::fuzz {

// A stream that hands out its bytes in short reads of varying size, as a pipe or a slow disk
// might, so that chunk boundaries fall everywhere.
class ChoppyStream : public ByteStream {
 public:
  ChoppyStream(std::string_view bytes, uint8_t seed) : bytes_(bytes), seed_(seed) {}
  size_t read(char* buffer, size_t size) override {
    const size_t step = 1 + (seed_ + reads_++ * 7u) % 13u;
    const size_t count = std::min({size, step, bytes_.size() - at_});
    std::copy_n(bytes_.data() + at_, count, buffer);
    at_ += count;
    return count;
  }
  const std::string& error() const override { return error_; }

 private:
  std::string_view bytes_;
  uint8_t seed_;
  size_t at_ = 0;
  size_t reads_ = 0;
  std::string error_;
};

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// past U+10FFFF).
inline bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if (byte >= 0xC2 && byte <= 0xDF) {
      length = 2;
      code = byte & 0x1Fu;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      code = byte & 0x0Fu;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      code = byte & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// The line limit byte `selector` picks: 1 to 128 bytes, or the default 1 MiB for 0xFF.
inline size_t max_line_of(uint8_t selector) {
  return selector == 0xFF ? LineReaderOptions{}.max_line : 1 + selector % 128u;
}

struct Piece {
  uint64_t line_no;
  std::string text;
  bool operator==(const Piece&) const = default;
};

inline std::string describe(const Piece& piece) {
  std::ostringstream out;
  out << piece.line_no << ":" << piece.text.size() << " bytes";
  return out.str();
}

// io/: byte 0 picks the chunk size and how the stream is chopped, byte 1 the line limit; the rest
// is the stream. Every piece must be valid UTF-8 without CR or LF, no longer than the limit
// (unless it is one character), numbered 1, 2, … (pieces of a split line repeat the number), and
// the same as a read with the default chunk size; the stats must add up.
inline std::string check_line_reader(std::string_view data) {
  if (data.size() < 2) return "";
  const auto control = static_cast<uint8_t>(data[0]);
  const size_t max_line = max_line_of(static_cast<uint8_t>(data[1]));
  const std::string_view bytes = data.substr(2);

  ChoppyStream choppy(bytes, control);
  LineReader reader(choppy, {size_t{1} + (control & 0x3Fu), max_line});
  if (reader.peek_bytes(8) != bytes.substr(0, 8)) return "peek_bytes differs from the input";
  std::vector<Piece> pieces;
  std::string_view line;
  uint64_t last = 0;
  while (reader.next(line)) {
    const uint64_t number = reader.line_number();
    if (number != last && number != last + 1) return "line numbers skip";
    if (line.find_first_of("\r\n") != std::string_view::npos) return "a line holds CR or LF";
    if (!is_valid_utf8(line)) return "a line is not valid UTF-8";
    if (line.size() > max_line && line.size() > 4) return "a piece is longer than the limit";
    if (number == last && pieces.back().text.empty()) return "an empty piece";
    pieces.push_back({number, std::string(line)});
    last = number;
  }
  if (reader.peek_bytes(8) != bytes.substr(0, 8)) return "peek_bytes differs after reading";
  const LineReaderStats& stats = reader.stats();
  if (stats.bytes != bytes.size()) return "stats.bytes is not the input size";
  if (stats.lines != last) return "stats.lines is not the last line number";
  if (stats.split_lines > stats.lines) return "more split lines than lines";
  if (stats.invalid_bytes > stats.bytes) return "more invalid bytes than bytes";
  if (!reader.error().empty()) return "a memory stream reported an error";

  auto whole = memory_stream(std::string(bytes));
  LineReader plain(*whole, {LineReaderOptions{}.chunk_size, max_line});
  size_t i = 0;
  while (plain.next(line)) {
    const Piece piece{plain.line_number(), std::string(line)};
    if (i >= pieces.size()) return "a read in one chunk gives more pieces";
    if (!(pieces[i] == piece)) {
      return "a read in one chunk differs at piece " + std::to_string(i) + ": " +
             describe(pieces[i]) + " vs " + describe(piece);
    }
    ++i;
  }
  if (i != pieces.size()) return "a read in one chunk gives fewer pieces";
  if (plain.encoding() != reader.encoding()) return "the encoding depends on the chunk size";
  if (plain.stats().split_lines != stats.split_lines ||
      plain.stats().invalid_bytes != stats.invalid_bytes) {
    return "the stats depend on the chunk size";
  }
  return "";
}

// Rules built into the binary, loaded once.
inline const RuleSet& builtin_rules() {
  static const RuleSet rules = load_packs(builtin_packs()).rules;
  return rules;
}

// Matches records with `rules` and runs the diagnosis engine and both reports over the signals,
// as a run would; returns the signals raised.
inline uint64_t match_and_report(const RuleSet& rules, const Matcher& matcher,
                                 const std::vector<Record>& records, const SourceInfo& source) {
  SignalStore store(rules.tested_captures);
  std::vector<Signal> found;
  for (const Record& record : records) {
    matcher.match(record, source, found);
    if (!found.empty()) store.add_all(found);
  }
  DiagnoseOptions options;
  options.as_of = Time(std::chrono::milliseconds(1'600'000'000'000));
  const std::vector<Diagnosis> diagnoses = diagnose(rules, store, options);
  RunSummary summary;
  summary.as_of = options.as_of;
  summary.signals = store.total();
  std::ostringstream sink;
  for (const std::string_view format : report_formats()) {
    write_report(sink, format, diagnoses, summary, ReportOptions{});
  }
  return store.total();
}

// tokenize/: byte 0 picks the format (an index into text_format_names(); past the end, detected
// as a run does), byte 1 the line limit; the rest is read by the LineReader and fed line by line.
// Lines in records + structure lines + lines not understood must equal the lines fed, and records
// come in line order within the lines fed. Records are then matched with the built-in rules and
// reported.
inline std::string check_tokenizer(std::string_view data) {
  if (data.size() < 2) return "";
  const auto& names = text_format_names();
  const auto selector = static_cast<uint8_t>(data[0]);
  auto stream = memory_stream(std::string(data.substr(2)));
  LineReader reader(*stream,
                    {LineReaderOptions{}.chunk_size, max_line_of(static_cast<uint8_t>(data[1]))});

  std::vector<std::pair<std::string, uint64_t>> lines;
  std::string_view line;
  while (reader.next(line)) lines.emplace_back(std::string(line), reader.line_number());
  std::string format;
  if (selector < names.size()) {
    format = names[selector];
  } else {
    std::vector<std::string> head;
    for (size_t i = 0; i < lines.size() && i < 30; ++i) head.push_back(lines[i].first);
    format = detect_format(head);
  }

  std::vector<Record> records;
  std::string problem;
  uint64_t last_line = 0;
  auto tokenizer = make_tokenizer(format, [&](Record& record) {
    if (!problem.empty()) return;
    if (record.line == 0 || record.line_count == 0)
      problem = "a record starts at line 0 or spans none";
    if (record.line < last_line) problem = "records out of line order";
    const uint64_t fed = lines.empty() ? 0 : lines.back().second;
    if (record.line + record.line_count - 1 > fed) problem = "a record spans lines not fed";
    if (record.time) iso_time(*record.time);
    debug_string(record);
    last_line = record.line;
    if (records.size() < 10'000) {
      records.push_back(record);
      own_lent_data(records.back());  // the line they point into goes with the next one
    }
  });
  if (!tokenizer) return "make_tokenizer has no tokenizer for '" + format + "'";
  for (const auto& [text, number] : lines) tokenizer->feed(text, number);
  tokenizer->finish();
  if (!problem.empty()) return format + ": " + problem;

  const TokenizeStats& stats = tokenizer->stats();
  const uint64_t fed = reader.stats().lines;
  if (stats.lines_in_records + stats.lines_structure + stats.lines_not_understood != fed) {
    return format + ": lines_in_records " + std::to_string(stats.lines_in_records) +
           " + lines_structure " + std::to_string(stats.lines_structure) +
           " + lines_not_understood " + std::to_string(stats.lines_not_understood) +
           " != lines fed " + std::to_string(fed);
  }
  if (stats.records != records.size() && records.size() < 10'000) {
    return format + ": stats.records is not the number of records emitted";
  }
  if (stats.times_unparsed > stats.records) return format + ": more times unparsed than records";

  static const Matcher matcher(builtin_rules());
  match_and_report(builtin_rules(), matcher, records, SourceInfo{"fuzz.log", format});
  return "";
}

// tokenize/evtx: the whole input is an .evtx file. Records read + records skipped must equal the
// records the file holds, the sink must see exactly the records read, and chunks decoded on
// three threads must give the same records in the same order and the same problems.
inline std::string check_evtx(std::string_view data) {
  auto stream = memory_stream(std::string(data));
  uint64_t seen = 0;
  std::vector<Record> records;
  std::vector<std::string> in_order;
  const EvtxStats stats = read_evtx(*stream, [&](Record& record) {
    ++seen;
    if (record.time) iso_time(*record.time);
    in_order.push_back(debug_string(record));
    if (records.size() < 1000) records.push_back(record);
  });
  auto again = memory_stream(std::string(data));
  size_t at = 0;
  bool same = true;
  const EvtxStats parallel = read_evtx(
      *again,
      [&](Record& record) {
        same = same && at < in_order.size() && debug_string(record) == in_order[at];
        ++at;
      },
      3);
  if (!same || at != in_order.size() || parallel.problems != stats.problems ||
      parallel.records_total != stats.records_total) {
    return "chunks read on three threads give other records or problems than on one";
  }
  if (stats.records_read + stats.records_skipped != stats.records_total) {
    return "records_read " + std::to_string(stats.records_read) + " + records_skipped " +
           std::to_string(stats.records_skipped) + " != records_total " +
           std::to_string(stats.records_total);
  }
  if (seen != stats.records_read) return "the sink saw a number other than records_read";
  if (stats.bytes != data.size()) return "stats.bytes is not the input size";
  static const Matcher matcher(builtin_rules());
  match_and_report(builtin_rules(), matcher, records, SourceInfo{"fuzz.evtx", "evtx"});
  return "";
}

// tokenize/x509: the whole input is a certificate file of a machine's IIS folder (so the host and
// requirement checks run). Every record reaches the sink, holds no control character and one line
// of message; a file that yields no certificate says why.
inline std::string check_x509(std::string_view data) {
  std::vector<Record> records;
  const CertificateStats stats = read_certificates(data, "WEB01", [&](Record& record) {
    if (records.size() < 1000) records.push_back(record);
  });
  if (stats.certificates != records.size()) return "the sink saw a number other than certificates";
  if (stats.bytes != data.size()) return "stats.bytes is not the input size";
  if (stats.certificates == 0 && stats.error.empty()) return "no certificate and no error";
  if (stats.error.find('\n') != std::string::npos) return "an error of more than one line";
  for (const Record& record : records) {
    if (record.message.find_first_of("\r\n") != std::string::npos)
      return "a message of more than one line";
    for (const Field& field : record.data) {
      for (const char c : field.value) {
        if (static_cast<unsigned char>(c) < 0x20) return "a control character in " + field.name;
      }
    }
  }
  static const Matcher matcher(builtin_rules());
  match_and_report(builtin_rules(), matcher, records, SourceInfo{"WEB01/IIS/fuzz.cer", "x509"});
  return "";
}

// Sets a record field the way a sample names it (as tests/rules_samples_test.cpp does).
inline void set_field(Record& record, const Field& field) {
  if (field.name == "message") {
    record.message = field.value;
  } else if (field.name == "provider" || field.name == "component") {
    record.component = field.value;
  } else if (field.name == "host") {
    record.host = field.value;
  } else if (field.name == "channel") {
    record.channel = field.value;
  } else if (field.name == "event_id") {
    uint32_t id = 0;
    const char* end = field.value.data() + field.value.size();
    if (std::from_chars(field.value.data(), end, id).ptr == end) record.event_id = id;
  } else if (field.name == "level") {
    for (const Level level : {Level::verbose, Level::info, Level::warning, Level::error}) {
      if (level_name(level) == field.value) record.level = level;
    }
  } else {
    record.data.push_back(
        {field.name.starts_with("data.") ? field.name.substr(5) : field.name, field.value});
  }
}

// rules/: the input is one YAML pack. Errors must each carry a line; a valid pack must compile
// into a Matcher that raises its own `samples: match:` and whose diagnoses evaluate and render.
inline std::string check_rules(std::string_view data) {
  const LoadResult result = load_packs({{"fuzz.yaml", std::string(data)}});
  for (const RuleError& error : result.errors) {
    if (error.file != "fuzz.yaml") return "an error names another file: " + error.to_string();
    if (error.line < 1) return "an error without a line: " + error.to_string();
    if (error.message.empty()) return "an error without a message";
  }
  if (!result.errors.empty()) return "";
  const Matcher matcher(result.rules);
  if (!matcher.ok()) return "";  // e.g. a program too large for RE2: reported, not a crash
  std::vector<Record> records;
  for (const SignalRule& signal : result.rules.signals) {
    for (const auto* samples : {&signal.samples_match, &signal.samples_no_match}) {
      for (const RuleSample& sample : *samples) {
        Record record;
        record.line = records.size() + 1;
        record.time = Time(std::chrono::minutes(27'000'000 + records.size()));
        for (const Field& field : sample.fields) set_field(record, field);
        records.push_back(std::move(record));
      }
    }
  }
  match_and_report(result.rules, matcher, records, SourceInfo{"fuzz.log", "plain"});
  return "";
}

// io/archive: the whole input is an archive (zip, cab, tar, tar.gz, a lone .gz, … or anything)
// named "fuzz.zip", read with limits small enough that a bomb stops within a fraction of a
// second.
inline constexpr std::string_view kFuzzArchive = "fuzz.zip";

inline ArchiveLimits fuzz_archive_limits() {
  ArchiveLimits limits;
  limits.max_expanded = uint64_t{64} << 20;
  limits.ratio_floor = uint64_t{1} << 20;
  limits.max_depth = 3;
  return limits;
}

inline bool is_limit_error(const InputError& error) {
  return error.kind == InputErrorKind::over_limit;
}

// Whether libarchive reads `data` as a lone compressed file (format "raw"), whose one member
// read_archive names for the archive without its extension ("fuzz"). Asks with the formats
// read_archive enables (io/archive.cpp), so that the same reader wins the bidding.
inline bool is_lone_compressed_file(std::string_view data) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                &archive_read_free);
  archive* a = reader.get();
  archive_read_support_filter_all(a);
  for (auto support : {archive_read_support_format_zip_streamable, archive_read_support_format_tar,
                       archive_read_support_format_cab, archive_read_support_format_7zip,
                       archive_read_support_format_cpio, archive_read_support_format_rar,
                       archive_read_support_format_rar5, archive_read_support_format_raw,
                       archive_read_support_format_empty}) {
    support(a);
  }
  if (archive_read_open_memory(a, data.data(), data.size()) != ARCHIVE_OK) return false;
  archive_entry* entry = nullptr;
  return archive_read_next_header(a, &entry) >= ARCHIVE_WARN &&
         archive_format(a) == ARCHIVE_FORMAT_RAW;
}

struct VisitedMember {
  std::string name;
  uint64_t bytes = 0;
  uint64_t hash = 0xcbf29ce484222325u;  // FNV-1a of the bytes
  std::string error;
};

struct ArchiveRead {
  std::vector<VisitedMember> members;
  std::vector<InputError> errors;
  std::string problem;  // what went wrong during the read, found by the visitor
};

// Reads `data` as kFuzzArchive, each member to its end in reads of `read_size` bytes.
inline ArchiveRead read_fuzz_archive(std::string_view data, size_t read_size) {
  ArchiveRead result;
  auto stream = memory_stream(std::string(data));
  std::vector<char> buffer(read_size);
  read_archive(
      *stream, std::string(kFuzzArchive), fuzz_archive_limits(),
      [&](const std::string& name, ByteStream& member) {
        for (const InputError& error : result.errors) {
          if (is_limit_error(error) && result.problem.empty())
            result.problem = "a member is visited after a limit error: " + error.message;
        }
        VisitedMember visited;
        visited.name = name;
        for (size_t count; (count = member.read(buffer.data(), buffer.size())) > 0;) {
          if (count > buffer.size() && result.problem.empty())
            result.problem = "a member read returns more bytes than asked";
          visited.bytes += count;
          for (size_t i = 0; i < count; ++i) {
            visited.hash = (visited.hash ^ static_cast<uint8_t>(buffer[i])) * 0x100000001b3u;
          }
        }
        visited.error = member.error();
        result.members.push_back(std::move(visited));
      },
      result.errors);
  return result;
}

// io/archive: the input is read as an archive. Every member visited and every error is named
// for the archive ("fuzz.zip!…", or "fuzz" for a lone compressed file); no member is visited
// after a limit error, which is reported once, last, by the archive's own name; every error is
// one line (member names may hold anything: the CLI escapes them as it prints); the bytes visited
// stay within the expansion limit; and reading members in 1 MiB reads (as a run's LineReader
// does) visits the same members with the same bytes as in 4 KiB reads, unless a limit stopped
// either read (where it stops depends on the read size).
inline std::string check_archive(std::string_view data) {
  const std::string archive_name(kFuzzArchive);
  const std::string prefix = archive_name + "!";
  const std::string stem = archive_name.substr(0, archive_name.rfind('.'));
  const bool lone = is_lone_compressed_file(data);
  const auto named_for_archive = [&](const std::string& name) {
    return name.starts_with(prefix) || (lone && name == stem);
  };
  const ArchiveLimits limits = fuzz_archive_limits();

  const ArchiveRead small = read_fuzz_archive(data, 4096);
  if (!small.problem.empty()) return small.problem;
  uint64_t visited = 0;
  for (const VisitedMember& member : small.members) {
    if (!named_for_archive(member.name))
      return "a member is not named for its archive: '" + member.name + "'";
    if (member.error.find_first_of("\r\n") != std::string::npos)
      return "a member's read error is more than one line: " + member.error;
    visited += member.bytes;
  }
  if (visited > limits.max_expanded) {
    return "members yield " + std::to_string(visited) + " bytes, past the limit of " +
           std::to_string(limits.max_expanded);
  }
  size_t limit_errors = 0;
  for (const InputError& error : small.errors) {
    if (error.source != archive_name && !named_for_archive(error.source))
      return "an error is not named for its archive: '" + error.source + "'";
    if (error.message.empty()) return "an error without a message: '" + error.source + "'";
    if (error.message.find_first_of("\r\n") != std::string::npos)
      return "an error is more than one line: " + error.message;
    if (is_limit_error(error)) {
      ++limit_errors;
      if (error.source != archive_name)
        return "a limit error is not named for the archive: '" + error.source + "'";
      if (&error != &small.errors.back()) return "an error follows a limit error";
    }
  }
  if (limit_errors > 1) return "a limit error is reported more than once";

  const ArchiveRead large = read_fuzz_archive(data, size_t{1} << 20);
  if (!large.problem.empty()) return large.problem;
  if (limit_errors > 0 || std::any_of(large.errors.begin(), large.errors.end(), is_limit_error))
    return "";
  for (size_t i = 0; i < small.members.size() || i < large.members.size(); ++i) {
    if (i >= small.members.size() || i >= large.members.size()) {
      return "1 MiB reads visit " + std::to_string(large.members.size()) +
             " members, 4 KiB reads " + std::to_string(small.members.size());
    }
    const VisitedMember& a = small.members[i];
    const VisitedMember& b = large.members[i];
    if (a.name != b.name)
      return "1 MiB reads visit '" + b.name + "' where 4 KiB reads visit '" + a.name + "'";
    if (a.bytes != b.bytes || a.hash != b.hash) {
      return "'" + a.name + "' yields " + std::to_string(a.bytes) + " bytes in 4 KiB reads, " +
             std::to_string(b.bytes) + " in 1 MiB reads" +
             (a.error.empty() ? std::string() : " (its read error: " + a.error + ")");
    }
  }
  return "";
}

}  // namespace certdiag::fuzz
