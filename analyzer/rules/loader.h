// Loads YAML rule packs into a RuleSet and validates them up front: unknown keys, bad regexes
// (with RE2's reason), duplicate ids and dangling references all become `file:line: message`
// errors. Does not match anything; see match/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"

namespace certdiag {

struct PackText {
  std::string name;  // shown in errors, e.g. "patterns/windows/schannel.yaml"
  std::string text;
};

// What is wrong with a rule pack, for code and tests to act on; the message says it to people.
enum class RuleErrorKind {
  unreadable,    // a pack folder or file that cannot be read
  yaml,          // not YAML, or YAML that packs do not allow (anchors and aliases)
  invalid,       // a key, value or structure the rule language does not have
  regex,         // a pattern RE2 does not compile
  duplicate_id,  // a signal or diagnosis id defined twice
  unknown_id,    // a reference to a signal or diagnosis that does not exist
  capture,       // a capture test on a name that the signals it applies to do not capture
  sample,        // a sample the signal gets wrong
};

// "regex", "unknown_id", … for tests and debugging.
std::string_view kind_name(RuleErrorKind kind);

struct RuleError {
  RuleErrorKind kind = RuleErrorKind::invalid;
  std::string file;
  int line = 0;
  std::string message;

  std::string to_string() const;  // "file:line: message"
};

struct LoadResult {
  RuleSet rules;
  std::vector<RuleError> errors;  // empty when the packs are valid
};

// Parses and validates the packs together (ids must be unique across all of them).
LoadResult load_packs(const std::vector<PackText>& packs);
// The same, with the first `parsed_packs` packs already parsed into `parsed` (the built-in
// packs, compiled at build time): only the others are read, then all are validated together.
LoadResult load_packs(const std::vector<PackText>& packs, RuleSet parsed, size_t parsed_packs);

// The digest of the pack texts that load_packs() puts in RuleSet::digest, without parsing them.
std::string packs_digest(const std::vector<PackText>& packs);

// Reads every *.yaml / *.yml file below a directory, sorted; unreadable files become errors.
std::vector<PackText> read_pack_dir(const std::string& dir, std::vector<RuleError>& errors);

// The packs built into the binary from patterns/.
const std::vector<PackText>& builtin_packs();

}  // namespace certdiag
