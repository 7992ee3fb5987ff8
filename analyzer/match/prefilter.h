// Tells the messages that no regex of a set can match from those that might, by the literals RE2
// itself says each regex needs (re2::FilteredRE2's atoms): one case-insensitive literal scan
// instead of the regex scan. It never decides a match; the regexes still do.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace certdiag {

class MessagePrefilter {
 public:
  // `patterns` as the regex set holds them (with "(?i)" for case-insensitive ones), compiled with
  // `options`. `typical_texts` (e.g. the rules' samples) tell literals common in the texts to
  // scan from rare ones, which filter better; without them the letters' frequency guesses.
  MessagePrefilter(const std::vector<std::string>& patterns, const RE2::Options& options,
                   const std::vector<std::string_view>& typical_texts = {});

  // Whether pattern i has no literal to filter it by: it must be scanned on every message.
  bool unfiltered(size_t pattern) const { return guards_[pattern].unfiltered; }
  // False only when no filtered pattern can match `text`. A text with a byte past ASCII always
  // passes (RE2's atoms assume text lower-cased by Unicode, where "K" (U+212A) is "k").
  bool may_match(std::string_view text) const;
  // Pattern i can match an ASCII text only if the text holds one of its triggers and all of its
  // required literals (in any case). No triggers: unfiltered, or it can match no ASCII text.
  const std::vector<std::string>& triggers(size_t pattern) const {
    return guards_[pattern].triggers;
  }
  const std::vector<std::string>& required(size_t pattern) const {
    return guards_[pattern].required;
  }
  // What a text that holds trigger `trigger` of pattern i must hold too for i to match
  // through it (a text that matches otherwise holds another of its triggers).
  const std::vector<std::string>& required_with(size_t pattern, size_t trigger) const {
    return guards_[pattern].required_with[trigger];
  }

 private:
  struct Guard {
    std::vector<std::string> triggers;  // lower case
    std::vector<std::string> required;  // lower case
    // Per trigger: the literals every way of matching through it needs (required and more).
    std::vector<std::vector<std::string>> required_with;
    bool unfiltered = false;
  };
  Guard guard(const std::string& pattern, const RE2::Options& options) const;
  // How rare three bytes (or the rarest three of a literal, and where) are in the texts to scan:
  // higher is rarer.
  int trigram_rarity(const char* bytes) const;
  std::pair<size_t, int> rarest_trigram(std::string_view literal) const;
  int literal_rarity(std::string_view literal) const;

  // A trigger literal indexed by its rarest three bytes, which sit at `offset` in it.
  struct Entry {
    uint32_t key;
    uint32_t offset;
    uint32_t literal;
  };
  // Whether a trigger found at `at` (its key's position) lets some pattern match.
  // `lowered`: the text in lower case once a trigger was found in it (empty before).
  bool triggers_at(const unsigned char* text, size_t size, size_t at, uint32_t key,
                   std::string& lowered) const;

  std::vector<Guard> guards_;         // per pattern
  std::vector<std::string> scanned_;  // every trigger, once
  // Per trigger: the patterns it guards, each with the trigger's index among theirs.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> triggered_;
  std::vector<Entry> entries_;                        // sorted by key
  std::unordered_map<uint32_t, int> typical_counts_;  // while built: texts holding each trigram
  std::vector<uint64_t> bitmap_;  // bits of the triggers' rarest trigrams (trigram_bit)
};

}  // namespace certdiag
