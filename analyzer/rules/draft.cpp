#include "rules/draft.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "match/template_miner.h"
#include "model/utf8.h"
#include "report/strings.h"

namespace certdiag {
namespace {

constexpr size_t kIdWords = 4;
constexpr size_t kTitleBytes = 120;

bool needs_double_quotes(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return true;
    // C1 controls (U+0080–U+009F) are not printable in YAML either.
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80)
      return true;
  }
  return false;
}

// A YAML scalar that reads back as `text`: single-quoted, or double-quoted with escapes when
// the text holds characters a single-quoted scalar cannot.
std::string yaml_quote(std::string_view text) {
  std::string out;
  if (!needs_double_quotes(text)) {
    out += '\'';
    for (char c : text) {
      if (c == '\'') out += '\'';
      out += c;
    }
    out += '\'';
    return out;
  }
  // make_visible's escapes (\n, \t, \xNN, \uNNNN) are YAML double-quoted escapes too.
  out += '"';
  out += make_visible(text, false, "\"\\");
  out += '"';
  return out;
}

// "draft.scan-failed-with-error" from the first literal words of the template.
std::string draft_id(const Cluster& cluster, size_t number, std::set<std::string>& taken) {
  std::string words;
  size_t count = 0;
  std::string_view rest = cluster.template_text;
  while (!rest.empty() && count < kIdWords) {
    const size_t end = std::min(rest.find(' '), rest.size());
    const std::string_view token = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (token.find('<') != std::string_view::npos) continue;  // a mask or <*>
    // Words inside a token too: WINHTTP_CALLBACK_STATUS gives three; numbers are left out.
    std::string word;
    for (size_t i = 0; i <= token.size() && count < kIdWords; ++i) {
      const auto c = i < token.size() ? static_cast<unsigned char>(token[i]) : '\0';
      if (std::isalnum(c)) {
        word += static_cast<char>(std::tolower(c));
        continue;
      }
      const bool digits =
          std::all_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!word.empty() && !digits) {
        if (!words.empty()) words += '-';
        words += word;
        ++count;
      }
      word.clear();
    }
  }
  if (words.empty()) words = fmt::format("cluster-{}", number);
  std::string id = "draft." + words;
  for (int n = 2; !taken.insert(id).second; ++n) id = fmt::format("draft.{}-{}", words, n);
  return id;
}

// The template's regex, cut to the tokens its sample holds (the sample is capped) so that the
// draft matches its own sample; the sample escaped as it is when even that fails.
std::string message_regex(const Cluster& cluster) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);  // as the loader compiles a signal by default
  const std::string_view sample = cluster.example.text;
  for (size_t tokens =
           std::count(cluster.template_text.begin(), cluster.template_text.end(), ' ') + 1;
       tokens > 0; --tokens) {
    const std::string pattern = template_regex(cluster.template_text, tokens);
    const RE2 regex(pattern, options);
    if (!pattern.empty() && regex.ok() &&
        RE2::PartialMatch(re2::StringPiece(sample.data(), sample.size()), regex))
      return pattern;
  }
  return regex_escape(sample);
}

std::string title_of(const Cluster& cluster) {
  std::string title = make_visible(cluster.template_text);
  if (title.size() > kTitleBytes) {
    title.resize(utf8_prefix(title, kTitleBytes).size());
    title += "…";
  }
  return title;
}

void write_draft(std::string& out, const Cluster& cluster, size_t number,
                 std::set<std::string>& taken) {
  out += fmt::format("  # new signature {}: {} ({}), first at {}:{}\n", number,
                     plural(cluster.count, "record"), level_names(cluster.levels),
                     make_visible(cluster.example.source), cluster.example.line);
  const bool event = cluster.event_id.has_value();
  // An event stored without a message (.evtx) can only be matched on its provider and id.
  const bool by_message = cluster.from_message;
  if (!by_message && (!event || cluster.component.empty())) {
    out +=
        "  # (not drafted: its records have no message and no provider and event id in "
        "common)\n";
    return;
  }
  out += fmt::format("  - id: {}\n", draft_id(cluster, number, taken));
  out += fmt::format("    title: {}\n", yaml_quote(title_of(cluster)));
  out += "    status: experimental\n    match:\n";
  // Fields every record of the cluster shares make the draft narrower; an event's source is
  // its provider, a log's its component.
  std::string sample_fields;
  if (!cluster.component.empty()) {
    const char* field = event ? "provider" : "component";
    out += fmt::format("      {}: {}\n", field,
                       yaml_quote(fmt::format("^{}$", regex_escape(cluster.component))));
    sample_fields += fmt::format("{}: {}, ", field, yaml_quote(cluster.component));
  }
  if (event) {
    out += fmt::format("      event_id: '{}'\n", *cluster.event_id);
    sample_fields += fmt::format("event_id: '{}', ", *cluster.event_id);
  }
  if (by_message) {
    out += fmt::format("      message: {}\n", yaml_quote(message_regex(cluster)));
  }
  out += "    samples:\n      match:\n";
  if (sample_fields.empty()) {
    out += fmt::format("        - {}\n", yaml_quote(cluster.example.text));
  } else if (by_message) {
    out += fmt::format("        - {{ {}message: {} }}\n", sample_fields,
                       yaml_quote(cluster.example.text));
  } else {
    sample_fields.resize(sample_fields.size() - 2);  // ", "
    out += fmt::format("        - {{ {} }}\n", sample_fields);
  }
}

}  // namespace

std::string draft_pack(const std::vector<Cluster>& clusters, size_t which) {
  std::string out =
      "# Draft signals from new signatures: error and warning records that no rule matched.\n"
      "# Written by `certdiag rules suggest`. Before use, for each: give it a lasting id and a\n"
      "# title, widen or narrow the regex, add real no-match lines, and write the diagnosis that\n"
      "# uses it; then `certdiag rules check DIR` and `certdiag --add-rules DIR`.\n"
      "signals:\n";
  std::set<std::string> taken;
  for (size_t i = 0; i < clusters.size(); ++i) {
    if (which != 0 && which != i + 1) continue;
    if (i > 0 && which == 0) out += '\n';
    write_draft(out, clusters[i], i + 1, taken);
  }
  return out;
}

}  // namespace certdiag
