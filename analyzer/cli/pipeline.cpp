#include "cli/pipeline.h"

#include "io/line_reader.h"
#include "tokenize/tokenizer.h"

namespace certdiag {
namespace {

constexpr size_t kSniffLines = 30;

}  // namespace

SourceResult analyze_source(const InputSource& source, const Matcher& matcher,
                            const std::string& format_in) {
  SourceResult result;
  SourceSummary& summary = result.summary;
  summary.name = source.name;
  std::string error;
  const auto stream = open_source(source, error);
  if (!stream) {
    result.error = InputProblem{source.name, error};
    return result;
  }
  LineReader reader(*stream);

  // Detection needs the first lines before the tokenizer exists, so they are kept and replayed.
  std::vector<std::string> head;
  std::vector<uint64_t> head_numbers;
  std::string_view line;
  bool more = true;
  while (head.size() < kSniffLines && (more = reader.next(line))) {
    head.emplace_back(line);
    head_numbers.push_back(reader.line_number());
  }
  summary.format = format_in.empty() ? std::string(detect_format(head)) : format_in;
  summary.encoding = std::string(encoding_name(reader.encoding()));

  const SourceInfo info{source.name, summary.format};
  std::vector<Signal> found;
  auto tokenizer = make_tokenizer(summary.format, [&](Record& record) {
    if (record.time) {
      if (!summary.first_time || *record.time < *summary.first_time)
        summary.first_time = record.time;
      if (!summary.last_time || *record.time > *summary.last_time) summary.last_time = record.time;
    }
    matcher.match(record, info, found);
    if (!found.empty()) result.signals.add_all(found);
  });
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
  summary.lines_not_understood = tokenized.lines_not_understood;
  summary.times_unparsed = tokenized.times_unparsed;
  if (!reader.error().empty()) result.error = InputProblem{source.name, reader.error()};
  return result;
}

}  // namespace certdiag
