#include "rules/match_fields.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "model/text.h"
#include "model/thread_scratch.h"

namespace certdiag {
namespace {

using Value = std::optional<std::string_view>;

// A row for a string member of the record.
template <std::string Record::*member>
constexpr MatchField text_field(std::string_view name) {
  return {name,
          [](const Record& record, const SourceInfo&, std::string_view) -> Value {
            return record.*member;
          },
          [](Record& record, SourceInfo&, std::string_view, std::string_view value) {
            record.*member = std::string(value);
            return true;
          }};
}

// A row for a string member of the source.
template <std::string SourceInfo::*member>
constexpr MatchField source_field(std::string_view name) {
  return {name,
          [](const Record&, const SourceInfo& source, std::string_view) -> Value {
            return source.*member;
          },
          [](Record&, SourceInfo& source, std::string_view, std::string_view value) {
            source.*member = std::string(value);
            return true;
          },
          true};
}

Value read_event_id(const Record& record, const SourceInfo&, std::string_view) {
  if (!record.event_id) return std::nullopt;
  // The view must outlive the call; one string per thread suffices.
  thread_local ThreadScratch<std::string> kept_digits;
  std::string& digits = kept_digits.get();
  digits = std::to_string(*record.event_id);
  return digits;
}

bool write_event_id(Record& record, SourceInfo&, std::string_view, std::string_view value) {
  uint32_t id = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
  if (ec != std::errc() || end != value.data() + value.size()) return false;
  record.event_id = id;
  return true;
}

Value read_level(const Record& record, const SourceInfo&, std::string_view) {
  return level_name(record.level);
}

bool write_level(Record& record, SourceInfo&, std::string_view, std::string_view value) {
  for (Level level : {Level::verbose, Level::info, Level::warning, Level::error}) {
    if (level_name(level) == value) {
      record.level = level;
      return true;
    }
  }
  return false;
}

// Event data by name ("data.Name"), by position ("data[0]"), or a W3C column ("sc-status").
std::string_view data_name(std::string_view field) {
  if (field.starts_with("data.")) {
    field.remove_prefix(5);
  } else if (field.starts_with("data[") && field.ends_with("]")) {
    field = field.substr(5, field.size() - 6);
  }
  return field;
}

Value read_data(const Record& record, const SourceInfo&, std::string_view field) {
  const std::string_view name = data_name(field);
  for (const auto& item : record.data) {
    // The length first: most names differ in it, and this runs per record (W3C columns).
    if (item.name.size() == name.size() && iequals(item.name, name)) return item.value;
  }
  for (size_t i = 0; i < record.lent_names.size(); ++i) {
    const std::string& lent = record.lent_names[i];
    if (lent.size() == name.size() && iequals(lent, name)) return record.lent_values[i];
  }
  return std::nullopt;
}

bool write_data(Record& record, SourceInfo&, std::string_view field, std::string_view value) {
  record.data.push_back({std::string(data_name(field)), std::string(value)});
  return true;
}

constexpr MatchField kData(std::string_view prefix) { return {prefix, read_data, write_data}; }

const MatchField kFields[] = {
    text_field<&Record::message>("message"),
    text_field<&Record::component>("component"),
    text_field<&Record::component>("provider"),  // matched against the alias too (matcher.cpp)
    {"event_id", read_event_id, write_event_id},
    {"level", read_level, write_level},
    text_field<&Record::channel>("channel"),
    text_field<&Record::host>("host"),
    source_field<&SourceInfo::format>("format"),
    source_field<&SourceInfo::name>("path"),
    kData("data."),
    kData("data["),
    kData("sc-"),
    kData("cs-"),
    kData("s-"),
    kData("c-"),
};

bool is_prefix(std::string_view name) {
  return name.ends_with('.') || name.ends_with('[') || name.ends_with('-');
}

}  // namespace

const MatchField* find_match_field(std::string_view name) {
  for (const auto& field : kFields) {
    if (is_prefix(field.name) ? name.starts_with(field.name) && name.size() > field.name.size()
                              : name == field.name) {
      return &field;
    }
  }
  return nullptr;
}

std::vector<std::string_view> match_field_names() {
  std::vector<std::string_view> names;
  for (const auto& field : kFields) names.push_back(field.name);
  return names;
}

std::optional<std::string_view> record_field(const Record& record, const SourceInfo& source,
                                             std::string_view field) {
  const MatchField* row = find_match_field(field);
  return row ? row->read(record, source, field) : std::nullopt;
}

Record sample_record(const RuleSample& sample, SourceInfo& source, std::string* error) {
  Record record;
  for (const auto& field : sample.fields) {
    const MatchField* row = find_match_field(field.name);
    if ((!row || !row->write(record, source, field.name, field.value)) && error) {
      *error = field.name;
    }
  }
  return record;
}

}  // namespace certdiag
