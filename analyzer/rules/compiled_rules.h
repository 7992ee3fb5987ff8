// The built-in rule packs in a binary form, made at build time from the loaded RuleSet so that
// start-up reads them straight into the rule structures instead of parsing ~150 rules of YAML.
// Packs given with --rules / --add-rules are still read from YAML by rules/loader.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/loader.h"
#include "rules/rule_set.h"

namespace certdiag {

// The RuleSet as bytes, and back; nullopt when the bytes are not a RuleSet of this layout
// (another build's, cut short, or with bytes left over).
std::string encode_rules(const RuleSet& rules);
std::optional<RuleSet> decode_rules(std::string_view bytes);

// The built-in packs compiled at build time, which the program hands over before it runs (the
// bytes must outlive the run); without them, compiled_builtin_rules() is nullopt and the
// built-in packs are parsed from their YAML.
void set_compiled_builtin_rules(std::string_view bytes);
std::optional<RuleSet> compiled_builtin_rules();
// Their RuleSet::digest alone, read without the rules.
std::optional<std::string> compiled_builtin_digest();

// An embedded file, read in place.
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

// The compiled packs as one embedded file, in the library certdiag_compiled_rules that only
// the certdiag program links.
const std::vector<EmbeddedFile>& compiled_rules_files();

}  // namespace certdiag
