#include "match/template_miner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "model/text.h"
#include "model/utf8.h"

namespace certdiag {
namespace {

MaskLimits mask_limits(const MinerLimits& limits) {
  return {limits.max_tokens, limits.max_token_bytes, limits.max_text_bytes};
}

uint8_t level_bit(Level level) { return static_cast<uint8_t>(1u << static_cast<unsigned>(level)); }

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
  mask_tokens_into(text, mask_limits(limits_), miner.scratch);
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
    while (pos < cluster.template_text.size() && is_mask_space(cluster.template_text[pos])) ++pos;
    size_t end = pos;
    while (end < cluster.template_text.size() && !is_mask_space(cluster.template_text[end])) ++end;
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
  mask_tokens_into(text, mask_limits(limits), tokens);
  return tokens;
}

bool is_new_signature(const Record& record, std::string_view format) {
  return (record.level == Level::error || record.level == Level::warning) && format != "iis-w3c";
}

}  // namespace certdiag
