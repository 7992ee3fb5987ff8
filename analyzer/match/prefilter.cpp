#include "match/prefilter.h"

#include <re2/filtered_re2.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <unordered_set>

#include "model/thread_scratch.h"

namespace certdiag {
namespace {

// RE2 leaves shorter literals out of its atoms (they filter little and cost a check each).
constexpr int kMinLiteral = 3;
// The scan's bitmap of trigger trigrams: 2^18 bits, 32 KiB.
constexpr int kBitmapBits = 18;

bool is_ascii(const unsigned char* text, size_t size) {
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, text + i, 8);
    high |= word;
  }
  for (; i < size; ++i) high |= text[i];
  return (high & 0x8080808080808080ULL) == 0;
}

bool is_ascii(std::string_view text) {
  return is_ascii(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c | 0x20 : c; }

// Whether `text` starts with `literal` (lower case), in any case.
bool equal_folded(const unsigned char* text, std::string_view literal) {
  for (size_t i = 0; i < literal.size(); ++i) {
    if (lower(text[i]) != static_cast<unsigned char>(literal[i])) return false;
  }
  return true;
}

// Three bytes folded to one key (a letter and its capital give the same key; other bytes may
// share keys too, which only costs a check).
uint32_t trigram(const unsigned char* bytes) {
  return (uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8 | uint32_t{bytes[2]} << 16) | 0x202020;
}

// The bit of a trigram key in the scan's bitmap.
uint32_t trigram_bit(uint32_t key) { return (key * 0x9E3779B1u) >> (32 - kBitmapBits); }

// How rare a lower-case byte is in log text, roughly: letters by their English frequency, digits
// and the usual separators common.
int rarity(unsigned char c) {
  static constexpr std::string_view kLetters = "etaoinsrhldcumfpgwybvkxjqz";
  static constexpr std::string_view kSeparators = ".:-_/\\=,()[]'\"";
  if (c >= 'a' && c <= 'z') return 4 + static_cast<int>(kLetters.find(static_cast<char>(c)));
  if (c == ' ') return 0;
  if (c >= '0' && c <= '9') return 6;
  if (kSeparators.find(static_cast<char>(c)) != std::string_view::npos) return 3;
  return 20;
}

// The literals RE2's prefilter finds in `pattern`, as an ASCII text may hold them (lower case),
// and whether a text that holds `present` of them (by index) may match.
class PatternLiterals {
 public:
  PatternLiterals(const std::string& pattern, const RE2::Options& options) : filter_(kMinLiteral) {
    int id = 0;
    if (filter_.Add(pattern, options, &id) != RE2::NoError) return;
    filter_.Compile(&atoms_);
    added_ = true;
  }

  bool may_match(const std::vector<int>& present) const {
    if (!added_) return true;
    std::vector<int> potential;
    filter_.AllPotentials(present, &potential);
    return !potential.empty();
  }
  const std::vector<std::string>& atoms() const { return atoms_; }

 private:
  re2::FilteredRE2 filter_;
  std::vector<std::string> atoms_;
  bool added_ = false;
};

// With several triggers, one trigger may need literals the others do not ("(?:fatal\s+alert\s+
// code|following…)": "atal" needs "code", which "catalog" lacks). A text the pattern matches holds
// a smallest set of literals that lets it match, and that set holds a trigger (a text without
// one cannot match). So a trigger needs every literal of all the sets that let the pattern match
// and no longer do without it; found by asking RE2 about every subset of the ASCII literals.
// `ascii`: the pattern's ASCII literals (indexes into literals.atoms()), the commonest first;
// `required_with`: per trigger, the required literals, narrowed here.
template <class Lower>
void narrow_required_with(const PatternLiterals& literals, const std::vector<int>& ascii,
                          const std::vector<std::string>& triggers, const Lower& lower_atom,
                          std::vector<std::vector<std::string>>& required_with) {
  constexpr size_t kMaxLiterals = 10;  // 2^10 questions to RE2 at most
  if (triggers.size() < 2 || ascii.size() > kMaxLiterals) return;
  std::vector<std::string> lowered;
  for (const int atom : ascii) lowered.push_back(lower_atom(atom));
  std::sort(lowered.begin(), lowered.end());
  // Literals that differ only in case are one to the scan: not told apart here either.
  if (std::adjacent_find(lowered.begin(), lowered.end()) != lowered.end()) return;
  const uint32_t subsets = uint32_t{1} << ascii.size();
  std::vector<char> matches(subsets);
  std::vector<int> present;
  for (uint32_t subset = 0; subset < subsets; ++subset) {
    present.clear();
    for (size_t i = 0; i < ascii.size(); ++i) {
      if (subset >> i & 1) present.push_back(ascii[i]);
    }
    matches[subset] = literals.may_match(present);
  }
  for (size_t k = 0; k < triggers.size(); ++k) {
    const auto at = std::find_if(ascii.begin(), ascii.end(),
                                 [&](int atom) { return lower_atom(atom) == triggers[k]; });
    const uint32_t trigger = uint32_t{1} << (at - ascii.begin());
    uint32_t needed = subsets - 1;  // what every such set holds
    for (uint32_t subset = 0; subset < subsets; ++subset) {
      if ((subset & trigger) && matches[subset] && !matches[subset ^ trigger]) needed &= subset;
    }
    auto& required = required_with[k];
    required.clear();
    for (size_t i = ascii.size(); i-- > 0;) {  // the rarest first
      if ((needed >> i & 1) && (uint32_t{1} << i) != trigger) {
        required.push_back(lower_atom(ascii[i]));
      }
    }
  }
}

}  // namespace

int MessagePrefilter::trigram_rarity(const char* trigram_bytes) const {
  const auto* bytes = reinterpret_cast<const unsigned char*>(trigram_bytes);
  int score = 0;
  for (size_t i = 0; i < 3; ++i) score += rarity(bytes[i]);
  // The texts like those to scan say best: each that holds the trigram counts against it.
  if (const auto it = typical_counts_.find(trigram(bytes)); it != typical_counts_.end()) {
    score -= 32 * it->second;
  }
  return score;
}

std::pair<size_t, int> MessagePrefilter::rarest_trigram(std::string_view literal) const {
  std::pair<size_t, int> best{0, std::numeric_limits<int>::min()};
  for (size_t i = 0; i + 2 < literal.size(); ++i) {
    const int score = trigram_rarity(literal.data() + i);
    if (score > best.second) best = {i, score};
  }
  return best;
}

int MessagePrefilter::literal_rarity(std::string_view literal) const {
  // A longer literal is rarer too.
  return rarest_trigram(literal).second +
         4 * static_cast<int>(std::min<size_t>(literal.size(), 16));
}

MessagePrefilter::Guard MessagePrefilter::guard(const std::string& pattern,
                                                const RE2::Options& options) const {
  const PatternLiterals literals(pattern, options);
  Guard guard;
  if (literals.may_match({})) {
    guard.unfiltered = true;  // no literal guards it: it is scanned on every message
    return guard;
  }
  std::vector<int> ascii;  // the atoms an ASCII text can hold, the commonest first
  for (size_t i = 0; i < literals.atoms().size(); ++i) {
    const std::string& atom = literals.atoms()[i];
    if (!is_ascii(atom)) continue;
    // The scan indexes literals by three of their bytes (RE2 gives none shorter than kMinLiteral).
    if (atom.size() < 3 || atom.size() > 0xffff) {
      guard.unfiltered = true;
      return guard;
    }
    ascii.push_back(static_cast<int>(i));
  }
  const auto lower_atom = [&](int index) {
    std::string atom = literals.atoms()[static_cast<size_t>(index)];
    for (char& c : atom) c = static_cast<char>(lower(static_cast<unsigned char>(c)));
    return atom;
  };
  std::stable_sort(ascii.begin(), ascii.end(), [&](int a, int b) {
    return literal_rarity(literals.atoms()[static_cast<size_t>(a)]) <
           literal_rarity(literals.atoms()[static_cast<size_t>(b)]);
  });
  // An ASCII text holds no other atom, so the pattern's tree is asked with only these.
  if (!literals.may_match(ascii)) return guard;  // only a text past ASCII can match
  // Triggers: the fewest and rarest atoms of which a text must hold one. An atom goes to the
  // triggers only when the pattern may match a text holding it and every commoner non-trigger.
  std::vector<int> present;
  for (const int atom : ascii) {
    present.push_back(atom);
    if (literals.may_match(present)) {
      present.pop_back();
      guard.triggers.push_back(lower_atom(atom));
    }
  }
  // Required: the atoms it cannot match without, checked once a trigger is found.
  for (const int atom : ascii) {
    std::vector<int> others;
    std::copy_if(ascii.begin(), ascii.end(), std::back_inserter(others),
                 [&](int other) { return other != atom; });
    if (!literals.may_match(others)) guard.required.push_back(lower_atom(atom));
  }
  std::reverse(guard.required.begin(), guard.required.end());  // the rarest is checked first
  guard.required_with.assign(guard.triggers.size(), guard.required);
  narrow_required_with(literals, ascii, guard.triggers, lower_atom, guard.required_with);
  return guard;
}

MessagePrefilter::MessagePrefilter(const std::vector<std::string>& patterns,
                                   const RE2::Options& options,
                                   const std::vector<std::string_view>& typical_texts)
    : bitmap_((size_t{1} << kBitmapBits) / 64) {
  for (const auto text : typical_texts) {
    std::unordered_set<uint32_t> seen;
    for (size_t i = 0; i + 2 < text.size(); ++i) {
      seen.insert(trigram(reinterpret_cast<const unsigned char*>(text.data() + i)));
    }
    for (const uint32_t key : seen) ++typical_counts_[key];
  }
  guards_.reserve(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    guards_.push_back(guard(patterns[i], options));
    for (const auto& literal : guards_.back().triggers) {
      auto it = std::find(scanned_.begin(), scanned_.end(), literal);
      if (it == scanned_.end()) {
        const size_t offset = rarest_trigram(literal).first;
        const uint32_t key =
            trigram(reinterpret_cast<const unsigned char*>(literal.data() + offset));
        entries_.push_back(
            {key, static_cast<uint32_t>(offset), static_cast<uint32_t>(scanned_.size())});
        const uint32_t bit = trigram_bit(key);
        bitmap_[bit >> 6] |= uint64_t{1} << (bit & 63);
        scanned_.push_back(literal);
        triggered_.emplace_back();
        it = scanned_.end() - 1;
      }
      const size_t trigger = static_cast<size_t>(&literal - guards_.back().triggers.data());
      triggered_[static_cast<size_t>(it - scanned_.begin())].emplace_back(
          static_cast<uint32_t>(i), static_cast<uint32_t>(trigger));
    }
  }
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.key < b.key; });
  typical_counts_.clear();
}

bool MessagePrefilter::triggers_at(const unsigned char* text, size_t size, size_t at, uint32_t key,
                                   std::string& lowered) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& entry, uint32_t k) { return entry.key < k; });
  for (; it != entries_.end() && it->key == key; ++it) {
    if (it->offset > at) continue;
    const std::string& literal = scanned_[it->literal];
    const size_t begin = at - it->offset;
    if (begin + literal.size() > size || !equal_folded(text + begin, literal)) continue;
    if (lowered.size() != size) {  // once per text: its triggers may be found many times
      lowered.resize(size);
      std::transform(text, text + size, lowered.begin(), [](unsigned char c) { return lower(c); });
    }
    for (const auto& [pattern, trigger] : triggered_[it->literal]) {
      const auto& required = guards_[pattern].required_with[trigger];
      if (std::all_of(required.begin(), required.end(), [&](const std::string& needed) {
            return needed == literal || lowered.find(needed) != std::string::npos;
          })) {
        return true;
      }
    }
  }
  return false;
}

bool MessagePrefilter::may_match(std::string_view text) const {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  if (!is_ascii(bytes, size)) return true;
  const uint64_t* bitmap = bitmap_.data();  // a local: the text's bytes may alias any member
  thread_local ThreadScratch<std::string> kept_lowered;
  std::string& lowered = kept_lowered.get();
  lowered.clear();
  const auto hit = [&](size_t at, uint32_t key) {
    const uint32_t bit = trigram_bit(key);
    return (bitmap[bit >> 6] >> (bit & 63) & 1) && triggers_at(bytes, size, at, key, lowered);
  };
  size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 4 <= size; ++i) {
      uint32_t word;
      std::memcpy(&word, bytes + i, 4);  // one load: the first byte is the lowest
      if (hit(i, (word & 0xffffff) | 0x202020)) return true;
    }
  }
  for (; i + 2 < size; ++i) {
    if (hit(i, trigram(bytes + i))) return true;
  }
  return false;
}

}  // namespace certdiag
