// The record fields a signal's `match:` (and its samples) can name, in one table: the loader
// checks names against it, the matcher reads values through it, and a sample becomes a record
// through it. A new field is one row in match_fields.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"
#include "rules/rule_set.h"

namespace certdiag {

struct MatchField {
  std::string_view name;  // the field's name, or a prefix when it ends in '.', '[' or '-'
  // The record's value of `field`, or nullopt when it has none. The view lives as long as the
  // record (an event id's digits: until the next call on this thread).
  std::optional<std::string_view> (*read)(const Record& record, const SourceInfo& source,
                                          std::string_view field);
  // Sets the field from a sample's text; false when the text is not a valid value.
  bool (*write)(Record& record, SourceInfo& source, std::string_view field, std::string_view value);
  // The value is the source's ("format", "path"): the same for every record of a source.
  bool of_source = false;
};

// The row for a field name, or null for a name no row accepts.
const MatchField* find_match_field(std::string_view name);

// The names of the table, for "did you mean" (prefixes as written: "data.", "sc-").
std::vector<std::string_view> match_field_names();

// The value of a named field of a record ("message", "provider", "data.Name", "data[0]",
// "sc-status", …), or nullopt when the record has no such field.
std::optional<std::string_view> record_field(const Record& record, const SourceInfo& source,
                                             std::string_view field);

// The record (and source) a sample stands for; `error` names a field that cannot be set.
Record sample_record(const RuleSample& sample, SourceInfo& source, std::string* error = nullptr);

}  // namespace certdiag
