#include "cli/pipeline.h"

#include <algorithm>
#include <new>

#include "io/content_hash.h"
#include "io/line_reader.h"
#include "match/source_matcher.h"
#include "tokenize/evtx.h"
#include "tokenize/tokenizer.h"
#include "tokenize/x509.h"

namespace certdiag {
namespace {

constexpr size_t kSniffLines = 30;
constexpr size_t kSniffBytes = 512;  // tar's magic sits at offset 257

// Reads up to `size` bytes, fewer only at the end of the stream.
std::string read_prefix(ByteStream& stream, size_t size) {
  std::string prefix(size, '\0');
  size_t have = 0;
  while (have < size) {
    const size_t count = stream.read(prefix.data() + have, size - have);
    if (count == 0) break;
    have += count;
  }
  prefix.resize(have);
  return prefix;
}

// Matches each record of `result`'s source, keeping its signals.
auto record_handler(const Matcher& matcher, SourceResult& result) {
  return [&result, match = SourceMatcher(matcher, result.summary, result.signatures,
                                         machine_in_path(result.summary.name))](
             Record& record) mutable { result.signals.add_all(match(record)); };
}

void analyze_evtx(ByteStream& stream, const Matcher& matcher, unsigned jobs, SourceResult& result) {
  SourceSummary& summary = result.summary;
  summary.format = "evtx";
  summary.format_reason = "its first bytes are the .evtx signature \"ElfFile\"";
  summary.encoding = "binary";
  auto handle = record_handler(matcher, result);
  const EvtxStats stats = read_evtx(
      stream, [&](Record& record) { handle(record); }, jobs);
  summary.bytes = stats.bytes;
  summary.records = stats.records_read;
  summary.records_recovered = stats.records_recovered;
  summary.records_total = stats.records_total;
  summary.records_skipped = stats.records_skipped;
  summary.problems = stats.problems;
  if (!stats.error.empty()) result.errors.push_back({stats.error_kind, summary.name, stats.error});
}

void analyze_certificates(ByteStream& stream, const Matcher& matcher, std::string reason,
                          SourceResult& result) {
  SourceSummary& summary = result.summary;
  summary.format = "x509";
  summary.format_reason = std::move(reason);
  auto handle = record_handler(matcher, result);
  const CertificateStats stats = read_certificates(stream, machine_in_path(summary.name),
                                                   [&](Record& record) { handle(record); });
  summary.encoding = stats.text ? "utf-8" : "binary";
  if (stats.container == "PKCS #12") {
    summary.format_reason +=
        "; a PKCS #12 file: its certificates and private key need a password, "
        "so it is listed, not opened";
  } else if (!stats.container.empty()) {
    summary.format_reason += "; read as " + stats.container;
  }
  summary.bytes = stats.bytes;
  summary.records = stats.certificates;
  summary.records_total = stats.certificates + stats.unreadable;
  summary.records_skipped = stats.unreadable;
  if (!stats.error.empty()) result.errors.push_back({stats.error_kind, summary.name, stats.error});
}

// Binary and text formats that are not line logs: .evtx and certificate files.
bool analyze_binary(const std::string& prefix, ByteStream& stream, const Matcher& matcher,
                    const PipelineOptions& options, SourceResult& result) {
  const std::string& forced = options.format_in;
  if (forced == "evtx" || (forced.empty() && prefix.starts_with(kEvtxMagic))) {
    analyze_evtx(stream, matcher, options.evtx_jobs, result);
    return true;
  }
  if (forced == "x509") {
    analyze_certificates(stream, matcher, "forced by --format-in", result);
    return true;
  }
  if (!forced.empty()) return false;
  if (std::string reason = certificate_file_reason(prefix, result.summary.name); !reason.empty()) {
    analyze_certificates(stream, matcher, std::move(reason), result);
    return true;
  }
  return false;
}

void analyze_text(ByteStream& stream, const Matcher& matcher, const PipelineOptions& options,
                  SourceResult& result) {
  SourceSummary& summary = result.summary;
  LineReader reader(stream);
  // Detection needs the first lines before the tokenizer exists, so they are kept and replayed.
  std::vector<std::string> head;
  std::vector<uint64_t> head_numbers;
  std::string_view line;
  bool more = true;
  while (head.size() < kSniffLines && (more = reader.next(line))) {
    head.emplace_back(line);
    head_numbers.push_back(reader.line_number());
  }
  if (options.format_in.empty()) {
    Detection detection = detect_format_why(head);
    summary.format = std::move(detection.format);
    summary.format_reason = std::move(detection.reason);
  } else {
    summary.format = options.format_in;
    summary.format_reason = "forced by --format-in";
  }
  summary.encoding = std::string(encoding_name(reader.encoding()));
  auto handle = record_handler(matcher, result);
  auto tokenizer = make_tokenizer(summary.format, std::ref(handle), options.tokenize);
  for (size_t i = 0; i < head.size(); ++i) tokenizer->feed(head[i], head_numbers[i]);
  head.clear();
  while (more && reader.next(line)) tokenizer->feed(line, reader.line_number());
  tokenizer->finish();

  const auto& read = reader.stats();
  const auto& tokenized = tokenizer->stats();
  summary.bytes = read.bytes;
  summary.lines = read.lines;
  summary.lines_split = read.split_lines;
  summary.invalid_bytes = read.invalid_bytes;
  summary.records = tokenized.records;
  summary.lines_in_records = tokenized.lines_in_records;
  summary.lines_structure = tokenized.lines_structure;
  summary.lines_not_understood = tokenized.lines_not_understood;
  summary.times_unparsed = tokenized.times_unparsed;
  summary.date_order = tokenized.date_order;
  summary.date_order_assumed = tokenized.date_order_assumed;
  summary.message_bytes_dropped = tokenized.message_bytes_dropped;
  if (!reader.error().empty())
    result.errors.push_back({InputErrorKind::unreadable, summary.name, reader.error()});
}

// Records what identifies the content read, so that a copy of it is found (cli/analyze.cpp);
// empty content identifies nothing.
void set_digest(SourceSummary& summary, const HashingStream& hashed) {
  const ContentDigest digest = hashed.digest();
  if (digest.size > 0) summary.digest = digest.text();
}

// Analyses one stream of bytes: an archive (each member in turn), an .evtx file, or text.
void analyze_stream(const std::string& name, std::unique_ptr<ByteStream> stream,
                    const Matcher& matcher, const PipelineOptions& options,
                    std::vector<SourceResult>& results) {
  // Hashed as it is read, so that a copy of the same content is found without a second pass.
  auto hashing = std::make_unique<HashingStream>(std::move(stream));
  const HashingStream& hashed = *hashing;
  std::string prefix = read_prefix(*hashing, kSniffBytes);
  auto whole = prefixed_stream(prefix, std::move(hashing));
  if (options.format_in.empty() && looks_like_archive(prefix)) {
    std::vector<InputError> errors;
    SourceResult problems;
    read_archive(
        *whole, name, options.archive,
        [&](const std::string& member, ByteStream& data) {
          if (is_not_a_log(member)) {
            problems.skipped.push_back(member);
            return;
          }
          SourceResult result;
          result.signals = SignalStore(options.keyed_captures);
          result.summary.name = member;
          HashingStream hashed_member(std::make_unique<BorrowedStream>(data));
          std::string head = read_prefix(hashed_member, kSniffBytes);
          auto member_stream =
              prefixed_stream(head, std::make_unique<BorrowedStream>(hashed_member));
          if (!analyze_binary(head, *member_stream, matcher, options, result))
            analyze_text(*member_stream, matcher, options, result);
          set_digest(result.summary, hashed_member);
          results.push_back(std::move(result));
        },
        errors);
    for (auto& error : errors) problems.errors.push_back(std::move(error));
    if (!problems.errors.empty() || !problems.skipped.empty())
      results.push_back(std::move(problems));
    return;
  }
  SourceResult result;
  result.signals = SignalStore(options.keyed_captures);
  result.summary.name = name;
  if (!analyze_binary(prefix, *whole, matcher, options, result))
    analyze_text(*whole, matcher, options, result);
  set_digest(result.summary, hashed);
  results.push_back(std::move(result));
}

}  // namespace

std::vector<SourceResult> analyze_input(const InputSource& input, const Matcher& matcher,
                                        const PipelineOptions& options) {
  std::vector<SourceResult> results;
  std::string error;
  auto stream = open_source(input, error);
  if (!stream) {
    SourceResult result;
    result.errors.push_back({InputErrorKind::unreadable, input.name, error});
    results.push_back(std::move(result));
    return results;
  }
  if (options.bytes_read) stream = counting_stream(std::move(stream), *options.bytes_read);
  analyze_stream(input.name, std::move(stream), matcher, options, results);
  return results;
}

std::vector<SourceResult> results_or_failure(
    const std::string& name, const std::function<std::vector<SourceResult>()>& analyze) {
  std::string reason;
  try {
    return analyze();
  } catch (const std::bad_alloc&) {
    reason = "out of memory";
  } catch (const std::exception& e) {
    reason = e.what();
  }
  std::vector<SourceResult> failed(1);
  failed[0].errors.push_back({InputErrorKind::failed, name, "could not be analysed: " + reason});
  return failed;
}

}  // namespace certdiag
