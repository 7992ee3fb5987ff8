#include "rules/yaml_aliases.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>

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

}  // namespace

int first_yaml_alias_line(const std::string& text) {
  if (text.find_first_of("&*") == std::string::npos) return 0;  // no anchor can be there
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
