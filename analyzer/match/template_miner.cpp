#include "match/template_miner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace certdiag {
namespace {

constexpr std::string_view kWildcard = "<*>";
constexpr std::string_view kEllipsis = "…";

// RE2's \s, so that a template's regex splits a message exactly where the miner did.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The longest prefix of `text` of at most `size` bytes that does not cut a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, size_t size) {
  if (text.size() <= size) return text;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return text.substr(0, size);
}

// Reads a token left to right; each method consumes only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }
  bool take_any(std::string_view chars) {
    if (pos_ >= text_.size() || chars.find(text_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  // Between `min` and `max` decimal digits; their value in `value` when given.
  bool digits(size_t min, size_t max, unsigned* value = nullptr) {
    size_t n = 0;
    unsigned v = 0;
    while (n < max && pos_ + n < text_.size() && is_digit(text_[pos_ + n])) {
      v = v * 10 + static_cast<unsigned>(text_[pos_ + n] - '0');
      ++n;
    }
    if (n < min) return false;
    pos_ += n;
    if (value) *value = v;
    return true;
  }
  size_t pos() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

// "04:51:58", "4:51", "04:51:58.123", "04:51:58.123+420" (a CMTrace bias), "04:51:58Z".
bool take_clock(Cursor& c) {
  if (!c.digits(1, 2) || !c.take(':') || !c.digits(2, 2)) return false;
  if (c.take(':')) {
    if (!c.digits(2, 2)) return false;
    if (c.take_any(".,") && !c.digits(1, 9)) return false;
  }
  if (c.take('Z')) return true;
  if (c.take_any("+-")) {
    if (!c.digits(1, 4)) return false;
    if (c.take(':') && !c.digits(2, 2)) return false;
  }
  return true;
}

bool is_time(std::string_view s) {
  const auto whole = [&](auto&& parse) {
    Cursor c(s);
    return parse(c) && c.done();
  };
  return whole([](Cursor& c) { return take_clock(c); }) ||
         // 2011-04-26, 2011-04-26T04:51:58Z, 2011/04/26
         whole([](Cursor& c) {
           if (!c.digits(4, 4) || !c.take_any("-/") || !c.digits(1, 2) || !c.take_any("-/") ||
               !c.digits(1, 2))
             return false;
           return !c.take('T') || take_clock(c);
         }) ||
         // 4/26/2011, 04-26-2011 (CMTrace), 26.04.2011
         whole([](Cursor& c) {
           return c.digits(1, 2) && c.take_any("/-.") && c.digits(1, 2) && c.take_any("/-.") &&
                  c.digits(4, 4);
         });
}

bool is_ipv4(std::string_view s) {
  Cursor c(s);
  for (int part = 0; part < 4; ++part) {
    unsigned octet = 0;
    if ((part > 0 && !c.take('.')) || !c.digits(1, 3, &octet) || octet > 255) return false;
  }
  if (c.take(':') && !c.digits(1, 5)) return false;  // port
  if (c.take('/') && !c.digits(1, 2)) return false;  // prefix length
  return c.done();
}

bool is_ipv6(std::string_view s) {
  size_t colons = 0;
  size_t group = 0;
  bool any_hex = false;
  for (char ch : s) {
    if (ch == ':') {
      ++colons;
      group = 0;
    } else if (is_hex(ch) && ++group <= 4) {
      any_hex = true;
    } else {
      return false;
    }
  }
  return any_hex && colons >= 2 && colons <= 7 &&
         (colons == 7 || s.find("::") != std::string_view::npos);
}

// 0x80244021, or a bare run of at least 8 hex digits with a digit and a letter (80072EE2, a
// thumbprint); all digits is a number.
bool is_hex_value(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    return std::all_of(s.begin() + 2, s.end(), is_hex);
  }
  if (s.size() < 8 || !std::all_of(s.begin(), s.end(), is_hex)) return false;
  return std::any_of(s.begin(), s.end(), is_digit) && !std::all_of(s.begin(), s.end(), is_digit);
}

// 443, -2147012889, 1,234, 3.5, 99%
bool is_number(std::string_view s) {
  Cursor c(s);
  c.take_any("+-");
  if (!c.digits(1, s.size())) return false;
  while (!c.done()) {
    const size_t at = c.pos();
    if (!c.take_any(".,") || !c.digits(1, s.size())) {
      c.reset(at);
      break;
    }
  }
  c.take('%');
  return c.done();
}

// C:\Windows\..., \\server\share, DOMAIN\user, /ccm_system/request, https://host/path
bool is_path(std::string_view s) {
  if (s.find('\\') != std::string_view::npos) return true;
  if (s.size() > 1 && s[0] == '/') return true;
  if (s.size() > 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':' && s[2] == '/')
    return true;
  const size_t scheme = s.find("://");
  return scheme != std::string_view::npos && scheme > 0 && scheme + 3 < s.size() &&
         std::all_of(s.begin(), s.begin() + static_cast<ptrdiff_t>(scheme),
                     [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
}

// The mask of a token stripped of punctuation, or "" when it is a word.
std::string_view classify(std::string_view core) {
  const bool hopeful = std::any_of(core.begin(), core.end(),
                                   [](char ch) { return is_digit(ch) || ch == '/' || ch == '\\'; });
  if (!hopeful) return {};
  if (is_guid(core)) return "<GUID>";
  if (is_time(core)) return "<TIME>";
  if (is_ipv4(core) || is_ipv6(core)) return "<IP>";
  if (is_hex_value(core)) return "<HEX>";
  if (is_number(core)) return "<NUM>";
  if (is_path(core)) return "<PATH>";
  return {};
}

constexpr std::string_view kLeading = "([{<'\"#";
constexpr std::string_view kTrailing = ")]}>'\",.;:!?";

// Appends the masked form of one token to `out`.
void mask_token(std::string_view token, size_t max_token_bytes, std::string& out) {
  size_t begin = 0;
  size_t end = token.size();
  while (begin < end && kLeading.find(token[begin]) != std::string_view::npos) ++begin;
  while (end > begin && kTrailing.find(token[end - 1]) != std::string_view::npos) --end;
  const std::string_view core = token.substr(begin, end - begin);
  std::string_view mask = classify(core);
  size_t mask_from = begin;  // where the masked part starts
  if (mask.empty()) {
    // key=value masks the value (error=0x80244021, URL=https://host/path?a=1); port:443 stays a
    // word.
    const size_t equals = core.find('=');
    if (equals != std::string_view::npos && equals + 1 < core.size()) {
      size_t value = equals + 1;
      while (value < core.size() && kLeading.find(core[value]) != std::string_view::npos) ++value;
      mask = classify(core.substr(value));
      mask_from = begin + value;
    }
  }
  if (mask.empty()) {
    if (token.size() > max_token_bytes) {
      out += kWildcard;
    } else {
      out += token;
    }
    return;
  }
  out += token.substr(0, mask_from);
  out += mask;
  out += token.substr(end);
}

// The masked tokens of `text` into `tokens` (reusing its strings); the last is "…" when the
// text had more than max_tokens.
void tokenize(std::string_view text, const MinerLimits& limits, std::vector<std::string>& tokens) {
  text = utf8_prefix(text, limits.max_text_bytes);
  size_t count = 0;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    if (pos == text.size()) break;
    size_t end = pos;
    while (end < text.size() && !is_space(text[end])) ++end;
    if (count == limits.max_tokens) {
      if (tokens.size() <= count) tokens.emplace_back();
      tokens[count++] = kEllipsis;
      break;
    }
    if (tokens.size() <= count) tokens.emplace_back();
    tokens[count].clear();
    mask_token(text.substr(pos, end - pos), limits.max_token_bytes, tokens[count]);
    ++count;
    pos = end;
  }
  tokens.resize(count);
}

uint8_t level_bit(Level level) { return static_cast<uint8_t>(1u << static_cast<unsigned>(level)); }

// The text a record is clustered on: its message, else (an event stored without one) its
// provider, id and data, as the matcher's evidence text reads.
std::string_view record_text(const Record& record, size_t max_bytes, std::string& buffer) {
  if (!record.message.empty()) return record.message;
  buffer = record.component;
  if (record.event_id) buffer += fmt::format(" {}", *record.event_id);
  const char* separator = ": ";
  for (const auto& field : record.data) {
    if (buffer.size() >= max_bytes) break;
    buffer += fmt::format("{}{}={}", separator, field.name, field.value);
    separator = ", ";
  }
  return buffer;
}

}  // namespace

struct TemplateMiner::Impl {
  struct Node {
    Node* parent = nullptr;
    std::string key;
    std::map<std::string, std::unique_ptr<Node>, std::less<>> children;
    std::vector<uint64_t> clusters;  // ids, in creation order
  };

  struct Entry {
    std::vector<std::string> tokens;
    uint64_t count = 0;
    uint64_t last_used = 0;
    uint8_t levels = 0;
    ClusterExample example;
    std::string component;
    bool component_shared = true;
    std::optional<uint32_t> event_id;
    bool event_id_shared = true;
    bool from_message = true;
    Node* leaf = nullptr;
  };

  // What joins a cluster: one record, or a whole cluster of another miner.
  struct Incoming {
    uint64_t count = 1;
    uint8_t levels = 0;
    std::string_view source;
    uint64_t line = 0;
    std::optional<Time> time;
    std::string_view text;  // the example text, capped on use
    std::string_view component;
    bool component_shared = true;
    std::optional<uint32_t> event_id;
    bool event_id_shared = true;
    bool from_message = true;
  };

  explicit Impl(const MinerLimits& limits_in) : limits(limits_in) {}

  const MinerLimits limits;
  Node root;
  std::unordered_map<uint64_t, Entry> clusters;  // ids are given in creation order
  // (count, last used, id): the front is the next to evict.
  std::set<std::tuple<uint64_t, uint64_t, uint64_t>> eviction_order;
  uint64_t next_id = 0;
  uint64_t clock = 0;
  uint64_t records = 0;
  uint64_t evicted = 0;
  std::vector<std::string> scratch;  // tokens of the text being added, reused
  std::string text_buffer;

  // The leaf for a token sequence: its length, then its first tokens, creating the path.
  Node& leaf_for(const std::vector<std::string>& tokens) {
    Node* node = child(root, std::to_string(tokens.size()));
    const size_t depth = std::min(limits.prefix_tokens, tokens.size());
    for (size_t i = 0; i < depth; ++i) {
      // A token with digits left after masking (KB4054234) is likely a parameter: Drain's rule.
      const bool has_digit = std::any_of(tokens[i].begin(), tokens[i].end(), is_digit);
      node = child(*node, has_digit ? kWildcard : std::string_view(tokens[i]));
    }
    return *node;
  }

  Node* child(Node& node, std::string_view key) {
    if (const auto it = node.children.find(key); it != node.children.end()) return it->second.get();
    // A node with many children sends the rest down one <*> branch, bounding the fan-out.
    if (&node != &root && node.children.size() + 1 >= limits.max_children) key = kWildcard;
    auto& slot = node.children[std::string(key)];
    if (!slot) {
      slot = std::make_unique<Node>();
      slot->parent = &node;
      slot->key = std::string(key);
    }
    return slot.get();
  }

  // Equal tokens and <*> tokens of a template against a token sequence of the same length.
  static std::pair<size_t, size_t> similarity(const std::vector<std::string>& pattern,
                                              const std::vector<std::string>& tokens) {
    size_t equal = 0;
    size_t wildcards = 0;
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == kWildcard) {
        ++wildcards;
      } else if (pattern[i] == tokens[i]) {
        ++equal;
      }
    }
    return {equal, wildcards};
  }

  void insert(const std::vector<std::string>& tokens, const Incoming& incoming) {
    if (tokens.empty() || limits.max_clusters == 0) return;
    ++clock;
    records += incoming.count;
    Node* leaf = &leaf_for(tokens);
    Entry* best = nullptr;
    uint64_t best_id = 0;
    size_t best_equal = 0;
    size_t best_wildcards = 0;
    for (uint64_t id : leaf->clusters) {
      Entry& entry = clusters.at(id);
      const auto [equal, wildcards] = similarity(entry.tokens, tokens);
      if (!best || equal > best_equal || (equal == best_equal && wildcards > best_wildcards)) {
        best = &entry;
        best_id = id;
        best_equal = equal;
        best_wildcards = wildcards;
      }
    }
    if (best &&
        static_cast<double>(best_equal) >= limits.similarity * static_cast<double>(tokens.size())) {
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (best->tokens[i] != tokens[i]) best->tokens[i] = kWildcard;
      }
      absorb(*best, incoming);
      touch(*best, best_id, incoming.count);
      return;
    }
    if (clusters.size() >= limits.max_clusters) {
      evict_one();
      leaf = &leaf_for(tokens);  // eviction may have pruned the path
    }
    const uint64_t id = next_id++;
    Entry& entry = clusters[id];
    entry.tokens = tokens;
    entry.levels = incoming.levels;
    entry.example = {std::string(incoming.source), incoming.line, incoming.time,
                     std::string(utf8_prefix(incoming.text, limits.max_example_bytes))};
    entry.component = std::string(incoming.component);
    entry.component_shared = incoming.component_shared;
    entry.event_id = incoming.event_id;
    entry.event_id_shared = incoming.event_id_shared;
    entry.from_message = incoming.from_message;
    entry.leaf = leaf;
    leaf->clusters.push_back(id);
    touch(entry, id, incoming.count);
  }

  static void absorb(Entry& entry, const Incoming& incoming) {
    entry.levels |= incoming.levels;
    if (entry.component_shared &&
        (!incoming.component_shared || entry.component != incoming.component)) {
      entry.component_shared = false;
      entry.component.clear();
    }
    if (entry.event_id_shared &&
        (!incoming.event_id_shared || entry.event_id != incoming.event_id)) {
      entry.event_id_shared = false;
      entry.event_id.reset();
    }
    entry.from_message = entry.from_message && incoming.from_message;
  }

  void touch(Entry& entry, uint64_t id, uint64_t added) {
    if (entry.count > 0) eviction_order.erase({entry.count, entry.last_used, id});
    entry.count += added;
    entry.last_used = clock;
    eviction_order.insert({entry.count, entry.last_used, id});
  }

  // Drops the least recently used of the smallest clusters, and the tree nodes left empty.
  void evict_one() {
    const auto victim = eviction_order.begin();
    const uint64_t id = std::get<2>(*victim);
    eviction_order.erase(victim);
    Node* node = clusters.at(id).leaf;
    std::erase(node->clusters, id);
    clusters.erase(id);
    ++evicted;
    while (node != &root && node->clusters.empty() && node->children.empty()) {
      Node* parent = node->parent;
      const std::string key = node->key;
      parent->children.erase(key);  // destroys node
      node = parent;
    }
  }

  std::vector<std::pair<uint64_t, const Entry*>> in_order() const {
    std::vector<std::pair<uint64_t, const Entry*>> out;
    out.reserve(clusters.size());
    for (const auto& [id, entry] : clusters) out.emplace_back(id, &entry);
    std::sort(out.begin(), out.end());
    return out;
  }

  static Incoming incoming_from(const Entry& entry) {
    Incoming in;
    in.count = entry.count;
    in.levels = entry.levels;
    in.source = entry.example.source;
    in.line = entry.example.line;
    in.time = entry.example.time;
    in.text = entry.example.text;
    in.component = entry.component;
    in.component_shared = entry.component_shared;
    in.event_id = entry.event_id;
    in.event_id_shared = entry.event_id_shared;
    in.from_message = entry.from_message;
    return in;
  }
};

TemplateMiner::TemplateMiner(MinerLimits limits) : limits_(limits) {}
TemplateMiner::~TemplateMiner() = default;
TemplateMiner::TemplateMiner(TemplateMiner&&) noexcept = default;
TemplateMiner& TemplateMiner::operator=(TemplateMiner&&) noexcept = default;

TemplateMiner::Impl& TemplateMiner::impl() {
  if (!impl_) impl_ = std::make_unique<Impl>(limits_);
  return *impl_;
}

void TemplateMiner::add(const Record& record, std::string_view source) {
  Impl& miner = impl();
  const std::string_view text = record_text(record, limits_.max_text_bytes, miner.text_buffer);
  tokenize(text, limits_, miner.scratch);
  Impl::Incoming in;
  in.levels = level_bit(record.level);
  in.source = source;
  in.line = record.line;
  in.time = record.time;
  in.text = text;
  in.component = record.component;
  in.event_id = record.event_id;
  in.from_message = !record.message.empty();
  miner.insert(miner.scratch, in);
}

void TemplateMiner::merge(const TemplateMiner& other) {
  if (!other.impl_) return;
  Impl& miner = impl();
  for (const auto& [id, entry] : other.impl_->in_order()) {
    miner.insert(entry->tokens, Impl::incoming_from(*entry));
  }
  // Records of clusters the other miner evicted still count as clustered.
  const Impl& theirs = *other.impl_;
  uint64_t kept = 0;
  for (const auto& [id, entry] : theirs.clusters) kept += entry.count;
  miner.records += theirs.records - kept;
  miner.evicted += theirs.evicted;
}

void TemplateMiner::add_cluster(const Cluster& cluster) {
  Impl& miner = impl();
  // The template is already masked: its tokens are taken as they are.
  std::vector<std::string> tokens;
  for (size_t pos = 0; pos < cluster.template_text.size();) {
    while (pos < cluster.template_text.size() && is_space(cluster.template_text[pos])) ++pos;
    size_t end = pos;
    while (end < cluster.template_text.size() && !is_space(cluster.template_text[end])) ++end;
    if (end > pos) tokens.emplace_back(cluster.template_text.substr(pos, end - pos));
    pos = end;
  }
  Impl::Incoming in;
  in.count = std::max<uint64_t>(cluster.count, 1);
  for (Level level : cluster.levels) in.levels |= level_bit(level);
  in.source = cluster.example.source;
  in.line = cluster.example.line;
  in.time = cluster.example.time;
  in.text = cluster.example.text;
  in.component = cluster.component;
  in.component_shared = !cluster.component.empty();
  in.event_id = cluster.event_id;
  in.event_id_shared = cluster.event_id.has_value();
  in.from_message = cluster.from_message;
  miner.insert(tokens, in);
}

std::vector<Cluster> TemplateMiner::top(size_t n) const {
  std::vector<Cluster> out;
  if (!impl_ || n == 0) return out;
  auto entries = impl_->in_order();
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.second->count > b.second->count; });
  entries.resize(std::min(n, entries.size()));
  for (const auto& [id, entry] : entries) {
    Cluster cluster;
    for (const auto& token : entry->tokens) {
      if (!cluster.template_text.empty()) cluster.template_text += ' ';
      cluster.template_text += token;
    }
    cluster.count = entry->count;
    for (Level level :
         {Level::error, Level::warning, Level::info, Level::verbose, Level::unknown}) {
      if (entry->levels & level_bit(level)) cluster.levels.push_back(level);
    }
    cluster.example = entry->example;
    cluster.component = entry->component;
    cluster.event_id = entry->event_id;
    cluster.from_message = entry->from_message;
    out.push_back(std::move(cluster));
  }
  return out;
}

size_t TemplateMiner::size() const { return impl_ ? impl_->clusters.size() : 0; }
uint64_t TemplateMiner::records() const { return impl_ ? impl_->records : 0; }
uint64_t TemplateMiner::evicted() const { return impl_ ? impl_->evicted : 0; }

std::string debug_string(const Cluster& cluster) {
  std::string levels;
  for (Level level : cluster.levels) {
    if (!levels.empty()) levels += ',';
    levels += level_name(level);
  }
  return fmt::format("{} \"{}\" {} {}:{}", cluster.count, cluster.template_text, levels,
                     cluster.example.source, cluster.example.line);
}

std::vector<std::string> mask_tokens(std::string_view text, const MinerLimits& limits) {
  std::vector<std::string> tokens;
  tokenize(text, limits, tokens);
  return tokens;
}

std::string mask_text(std::string_view text) {
  std::string out;
  for (const auto& token : mask_tokens(text)) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string regex_escape(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\.+*?()|[]{}^$";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string template_regex(std::string_view template_text, size_t max_tokens) {
  static constexpr std::pair<std::string_view, std::string_view> kMasks[] = {
      {"<*>", R"(\S+)"},
      {"<NUM>", R"([-+]?\d+(?:[.,]\d+)*%?)"},
      {"<HEX>", R"((?:0[xX])?[0-9A-Fa-f]+)"},
      {"<GUID>", R"([0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})"},
      {"<IP>", R"([0-9A-Fa-f.:]+(?:/\d+)?)"},
      {"<PATH>", R"(\S+)"},
      {"<TIME>", R"(\d[\dTZ:./,+-]*)"},
  };
  std::string out;
  size_t tokens = 0;
  size_t pos = 0;
  while (tokens < max_tokens) {
    while (pos < template_text.size() && is_space(template_text[pos])) ++pos;
    if (pos == template_text.size()) break;
    size_t end = pos;
    while (end < template_text.size() && !is_space(template_text[end])) ++end;
    const std::string_view token = template_text.substr(pos, end - pos);
    pos = end;
    if (token == kEllipsis) break;
    if (tokens++ > 0) out += R"(\s+)";
    // Literal text between the masks of a token, escaped.
    size_t from = 0;
    while (from < token.size()) {
      size_t at = std::string_view::npos;
      std::string_view regex;
      std::string_view mask;
      for (const auto& [name, pattern] : kMasks) {
        const size_t found = token.find(name, from);
        if (found < at) {
          at = found;
          mask = name;
          regex = pattern;
        }
      }
      const std::string_view literal = token.substr(from, at - from);
      out += regex_escape(literal);
      if (at == std::string_view::npos) break;
      out += regex;
      from = at + mask.size();
    }
  }
  return out;
}

}  // namespace certdiag
