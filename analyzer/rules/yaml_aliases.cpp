#include "rules/yaml_aliases.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>
#include <string_view>

namespace certdiag {
namespace {

// Remembers where the first anchor or alias of a document is.
class AliasFinder final : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> found;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { check(mark, anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { check(mark, 1); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    check(mark, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    check(mark, anchor);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    check(mark, anchor);
  }
  void OnMapEnd() override {}

 private:
  void check(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor && !found) found = mark;
  }
};

// Whether `text` has an '&' or '*' where a YAML node can start: at a line's start or after
// blanks, or after a flow or block indicator. An anchor or alias can only be there, while the
// '*' of a regex (".*", "\\s*") follows what it repeats; so most packs need no second parse.
bool may_hold_alias(std::string_view text) {
  for (size_t at = text.find_first_of("&*"); at != std::string_view::npos;
       at = text.find_first_of("&*", at + 1)) {
    if (at == 0) return true;
    switch (text[at - 1]) {
      case '\n':
      case '\r':
      case ' ':
      case '\t':
      case ',':
      case '[':
      case '{':
      case ':':
      case '-':
      case '?':
        return true;
      default:
        break;
    }
  }
  return false;
}

}  // namespace

int first_yaml_alias_line(const std::string& text) {
  if (!may_hold_alias(text)) return 0;
  std::istringstream in(text);
  AliasFinder aliases;
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(aliases);
  } catch (const YAML::Exception&) {
    // A syntax error: the loader reports it; an alias before it is still found.
  }
  return aliases.found ? aliases.found->line + 1 : 0;
}

}  // namespace certdiag
