#include "tokenize/wsus.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "model/text.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The leading words of a line (runs of TABs or spaces separate them) and where the text after
// each begins.
struct Words {
  static constexpr size_t kMax = 6;
  std::array<std::string_view, kMax> word;
  std::array<size_t, kMax> after{};  // offset of the text after word i and its blanks
  size_t count = 0;
};

Words leading_words(std::string_view line) {
  Words words;
  size_t pos = 0;
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  while (words.count < Words::kMax && pos < line.size()) {
    const size_t begin = pos;
    while (pos < line.size() && !is_blank(line[pos])) ++pos;
    words.word[words.count] = line.substr(begin, pos - begin);
    while (pos < line.size() && is_blank(line[pos])) ++pos;
    words.after[words.count++] = pos;
  }
  return words;
}

bool all_of(std::string_view text, bool (*test)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), test);
}

// "2019-07-11" (separator '-') or "2019/06/05" (separator '/').
bool is_year_first_date(std::string_view word, char separator) {
  return word.size() == 10 && word[4] == separator && word[7] == separator &&
         all_of(word.substr(0, 4), is_digit) && all_of(word.substr(5, 2), is_digit) &&
         all_of(word.substr(8, 2), is_digit);
}

// "08:22:57" followed by `fraction_mark` and digits ("08:22:57:447", "04:34:31.281").
bool is_clock(std::string_view word, char fraction_mark) {
  if (word.size() < 10 || word[2] != ':' || word[5] != ':' || word[8] != fraction_mark) {
    return false;
  }
  return all_of(word.substr(0, 2), is_digit) && all_of(word.substr(3, 2), is_digit) &&
         all_of(word.substr(6, 2), is_digit) && all_of(word.substr(9), is_digit);
}

bool is_sd_level(std::string_view word) {
  return word == "Info" || word == "Warning" || word == "Error";
}

// "WsusService.12", "w3wp.8": a process name and its thread number.
bool is_process_thread(std::string_view word) {
  const size_t dot = word.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || !is_letter(word[0])) return false;
  return all_of(word.substr(dot + 1), is_digit) &&
         std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(dot),
                     [](char c) { return is_letter(c) || is_digit(c); });
}

// "ContentSyncAgent.WakeUpWorkerThreadProc": a class and method name.
bool is_class_method(std::string_view word) {
  const size_t dot = word.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == word.size()) return false;
  auto name = [](std::string_view part) {
    return part[0] >= 'A' && part[0] <= 'Z' && std::all_of(part.begin(), part.end(), [](char c) {
             return is_letter(c) || is_digit(c);
           });
  };
  return name(word.substr(0, dot)) && name(word.substr(dot + 1));
}

// Components of the classic WindowsUpdate.log that no other text starts a line with.
bool is_distinctive_component(std::string_view word) {
  static constexpr std::string_view kNames[] = {"AU",      "AUClnt", "DnldMgr", "DtaStor",
                                                "Shutdwn", "WuTask", "IdleTmr", "EEHndlr",
                                                "ComApi",  "COMAPI", "CltUI"};
  return std::find(std::begin(kNames), std::end(kNames), word) != std::end(kNames);
}

// Components that are common words too: taken only inside a known Windows Update log.
bool is_common_component(std::string_view word) {
  static constexpr std::string_view kNames[] = {
      "Agent", "Report", "Service", "Setup",           "Handler",        "Misc",     "PT",
      "SLS",   "EP",     "Driver",  "DownloadManager", "ProtocolTalker", "DataStore"};
  return std::find(std::begin(kNames), std::end(kNames), word) != std::end(kNames);
}

bool parse_timed(std::string_view line, const Words& w, WsusLine& out) {
  if (w.count < 5) return false;
  const auto rest = [&](size_t i) { return trim_end(line.substr(w.after[i])); };
  if (w.count == 6 && is_year_first_date(w.word[0], '-') && is_clock(w.word[1], '.') &&
      w.word[2] == "UTC" && is_sd_level(w.word[3]) && is_process_thread(w.word[4])) {
    out.layout = WsusLine::Layout::software_distribution;
    out.date = w.word[0];
    out.clock = w.word[1];
    out.utc = true;
    out.level = w.word[3];
    out.process = w.word[4];
    out.component = w.word[5];
    out.message = rest(5);
    return true;
  }
  if (is_year_first_date(w.word[0], '-') && is_clock(w.word[1], ':') &&
      all_of(w.word[2], is_digit) && all_of(w.word[3], is_hex)) {
    out.layout = WsusLine::Layout::windows_update;
  } else if (is_year_first_date(w.word[0], '/') && is_clock(w.word[1], '.') &&
             all_of(w.word[2], is_digit) && all_of(w.word[3], is_digit)) {
    out.layout = WsusLine::Layout::windows_update_etl;
  } else {
    return false;
  }
  out.date = w.word[0];
  out.clock = w.word[1];
  out.process = w.word[2];
  out.thread = w.word[3];
  out.component = w.word[4];
  out.message = rest(4);
  return true;
}

bool parse_trimmed(std::string_view line, const Words& w, WsusLine& out, bool trusted) {
  if (w.count < 2) return false;
  size_t i = is_sd_level(w.word[0]) ? 1 : 0;
  if (i + 2 < w.count && is_process_thread(w.word[i]) && is_class_method(w.word[i + 1])) {
    out.level = i == 1 ? w.word[0] : std::string_view{};
    out.process = w.word[i];
    out.component = w.word[i + 1];
    out.message = trim_end(line.substr(w.after[i + 1]));
  } else if (trusted && is_class_method(w.word[0])) {
    out.component = w.word[0];
    out.message = trim_end(line.substr(w.after[0]));
  } else if (is_distinctive_component(w.word[0]) ||
             (w.word[0] == "Report" && w.word[1] == "REPORT") ||
             (trusted && is_common_component(w.word[0]))) {
    out.component = w.word[0];
    out.message = trim_end(line.substr(w.after[0]));
  } else {
    return false;
  }
  out.layout = WsusLine::Layout::trimmed;
  return true;
}

Level level_of_wsus(const WsusLine& columns) {
  if (columns.level == "Info") return Level::info;
  if (!columns.level.empty()) return level_of_word(columns.level);
  // WindowsUpdate.log marks its own: "  * WARNING: …", "FATAL: …".
  std::string_view text = trim(columns.message);
  if (text.substr(0, 2) == "* ") text.remove_prefix(2);
  if (text.substr(0, 6) == "FATAL:") return Level::error;
  return level_of_message_prefix(text);
}

// The UTC offset a classic WindowsUpdate.log banner states: "(build: …, tz: -0500)".
std::optional<std::string> banner_offset(std::string_view message) {
  if (message.find("Logging initialized") == std::string_view::npos) return std::nullopt;
  const size_t tz = message.find("tz: ");
  if (tz == std::string_view::npos) return std::nullopt;
  const std::string_view offset = message.substr(tz + 4, 5);
  if (offset.size() != 5 || (offset[0] != '+' && offset[0] != '-') ||
      !all_of(offset.substr(1), is_digit)) {
    return std::nullopt;
  }
  return std::string(offset);
}

// The wall-clock reading of a timed line, held as if it were UTC.
std::optional<Time> read_wall_time(std::string_view date, std::string_view clock) {
  std::string iso = fmt::format("{}T{}", date, clock);
  std::replace(iso.begin(), iso.begin() + static_cast<std::ptrdiff_t>(date.size()), '/', '-');
  if (iso.size() > 19 && iso[19] == ':') iso[19] = '.';  // "08:22:57:447"
  return parse_iso8601(iso);
}

}  // namespace

bool parse_wsus_line(std::string_view line, WsusLine& out, bool trusted) {
  out = WsusLine{};
  const Words words = leading_words(line);
  return parse_timed(line, words, out) || parse_trimmed(line, words, out, trusted);
}

WsusTokenizer::WsusTokenizer(RecordSink sink, const TokenizeOptions& options)
    : Tokenizer(std::move(sink)), input_zone_([&options] {
        std::string error;  // the caller checks --input-tz; a bad one reads as UTC
        return InputZone::from_spec(options.input_tz, error);
      }()) {}

void WsusTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (open_ && line_no == last_line_) {
    append_message(record_.message, line);  // the next piece of a split long line
    return;
  }
  last_line_ = line_no;
  if (trim(line).empty()) {
    if (open_) {
      ++blank_lines_;
    } else {
      structure_line(line_no);
    }
    return;
  }
  WsusLine columns;
  if (parse_wsus_line(line, columns)) {
    flush();
    start(columns, line, line_no);
    return;
  }
  // A line without columns continues a timed entry (a stack trace); after a trimmed one, or
  // before any, it is an entry of its own.
  if (open_ && record_.time) {
    append_message(record_.message, std::string(blank_lines_ + 1, '\n'));
    blank_lines_ = 0;
    append_message(record_.message, trim_end(line));
    record_.line_count = static_cast<uint32_t>(line_no - record_.line + 1);
    return;
  }
  flush();
  start(columns, line, line_no);
}

void WsusTokenizer::start(const WsusLine& columns, std::string_view line, uint64_t line_no) {
  reset(record_, line_no);
  open_ = true;
  blank_lines_ = 0;
  if (columns.layout == WsusLine::Layout::none) {
    append_message(record_.message, trim(line));
    record_.level = level_of_message_prefix(record_.message);
    return;
  }
  append_message(record_.message, columns.message);
  record_.component.assign(columns.component);
  record_.level = level_of_wsus(columns);
  if (columns.layout == WsusLine::Layout::software_distribution ||
      columns.layout == WsusLine::Layout::trimmed) {
    record_.thread.assign(columns.process);
  } else {
    record_.thread.assign(columns.thread);
    record_.data.push_back({"process", std::string(columns.process)});
  }
  if (columns.date.empty()) return;
  if (columns.layout == WsusLine::Layout::windows_update) {
    if (auto offset = banner_offset(columns.message)) {
      std::string error;
      banner_zone_ = InputZone::from_spec(*offset, error);
      banner_seen_ = error.empty();
    }
  }
  const std::optional<Time> wall = read_wall_time(columns.date, columns.clock);
  if (!wall || !columns.utc) {
    // Kept as written: local, or not readable.
    record_.local_time = fmt::format("{} {}", columns.date, columns.clock);
  }
  if (!wall) {
    time_unparsed();
    return;
  }
  if (columns.utc) {
    record_.time = *wall;
    return;
  }
  const bool from_banner = banner_seen_ && columns.layout == WsusLine::Layout::windows_update;
  record_.time = from_banner ? banner_zone_.to_utc(*wall) : input_zone_.to_utc(*wall);
  record_.time_assumed = !from_banner;
}

void WsusTokenizer::flush() {
  if (!open_) return;
  open_ = false;
  emit(record_);
  // Blank lines after the record's last text are layout.
  for (uint64_t line = record_.line + record_.line_count; blank_lines_ > 0; --blank_lines_) {
    structure_line(line++);
  }
}

void WsusTokenizer::finish() { flush(); }

bool is_wsus_line(std::string_view line) {
  WsusLine columns;
  return parse_wsus_line(line, columns, /*trusted=*/false);
}

std::string_view wsus_layout(std::string_view line) {
  WsusLine columns;
  parse_wsus_line(line, columns, /*trusted=*/false);
  switch (columns.layout) {
    case WsusLine::Layout::software_distribution:
      return "WSUS SoftwareDistribution.log";
    case WsusLine::Layout::windows_update:
      return "WindowsUpdate.log (Windows 7 / Server 2008 R2)";
    case WsusLine::Layout::windows_update_etl:
      return "WindowsUpdate.log written by Get-WindowsUpdateLog";
    case WsusLine::Layout::trimmed:
      return columns.process.empty() ? "WindowsUpdate.log lines without their time columns"
                                     : "SoftwareDistribution.log lines without their time column";
    case WsusLine::Layout::none:
      break;
  }
  return "Windows Update or WSUS log";
}

}  // namespace certdiag
