// Reads the nodes of one rule pack and collects its errors; every message carries the line of
// the node it is about. Used by the loader only.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "rules/loader.h"

namespace certdiag {

class PackReader {
 public:
  PackReader(std::string file, std::vector<RuleError>& errors)
      : file_(std::move(file)), errors_(errors) {}

  // Adds an error at the line of `node` (or `where`); of kind `invalid` unless given.
  void error(const YAML::Node& node, RuleErrorKind kind, std::string message) {
    errors_.push_back({kind, file_, node.Mark().line + 1, std::move(message)});
  }
  void error(const YAML::Node& node, std::string message) {
    error(node, RuleErrorKind::invalid, std::move(message));
  }
  void error(const RuleOrigin& where, std::string message) {
    errors_.push_back({RuleErrorKind::invalid, where.file, where.line, std::move(message)});
  }
  RuleOrigin origin(const YAML::Node& node) const { return {file_, node.Mark().line + 1}; }

  // Checks that a map holds only the allowed keys; suggests the closest one for a typo.
  bool check_keys(const YAML::Node& node, std::string_view what,
                  std::initializer_list<std::string_view> allowed);
  std::string scalar(const YAML::Node& node, std::string_view what);
  std::vector<std::string> strings(const YAML::Node& node, std::string_view what);

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<RuleError>& errors_;
};

}  // namespace certdiag
