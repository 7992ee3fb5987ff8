#include "report/redact.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "model/text.h"
#include "report/identifiers.h"

namespace certdiag {

// A value to replace: an identifier the patterns found, or a name learned before (`known`).
struct Redactor::Hit {
  Identifier id;
  bool known = false;
  Kind known_kind = Kind::host;
  bool known_fqdn = false;  // rendered as [HOSTn].[DOMAINm]
};

namespace {

using Kind = Redactor::Kind;

Kind kind_of(FieldKind field) {
  switch (field) {
    case FieldKind::user:
      return Kind::user;
    case FieldKind::domain:
      return Kind::domain;
    case FieldKind::host:
      return Kind::host;
  }
  return Kind::user;
}

}  // namespace

void Redactor::know(std::string_view text, Kind kind, bool fqdn) {
  if (text.size() < 2 || names_nobody(text)) return;
  std::string key = ascii_lower(text);
  if (known_by_name_.contains(key)) return;
  Known name{std::string(text), kind, fqdn, !std::all_of(text.begin(), text.end(), is_letter)};
  known_by_name_.emplace(std::move(key), name);
  known_.push_back(std::move(name));
  known_sorted_ = false;
}

bool Redactor::is_known(std::string_view name, Kind kind) const {
  const auto it = known_by_name_.find(ascii_lower(name));
  return it != known_by_name_.end() && it->second.kind == kind;
}

void Redactor::learn_host(std::string_view host) {
  if (host.empty() || names_nobody(host)) return;
  if (std::all_of(host.begin(), host.end(), [](char c) { return c == '.' || !is_letter(c); }))
    return;  // an address: the IP patterns find it
  const size_t dot = host.find('.');
  if (dot == std::string_view::npos) {
    know(host, Kind::host);
    return;
  }
  know(host, Kind::host, true);
  know(host.substr(0, dot), Kind::host);
  know(host.substr(dot + 1), Kind::domain);
}

bool Redactor::find_known(std::string_view text, size_t from, Hit& hit) {
  for (size_t i = from; i < text.size(); ++i) {
    if (!is_ascii_alnum(text[i]) || (i > 0 && is_ascii_alnum(text[i - 1]))) continue;
    for (const Known& name : known_) {
      if (name.text.size() > text.size() - i) continue;
      const std::string_view candidate = text.substr(i, name.text.size());
      if (name.any_case ? !iequals(candidate, name.text) : candidate != name.text) continue;
      const size_t end = i + name.text.size();
      if (end < text.size() && is_ascii_alnum(text[end])) continue;
      hit = Hit{};
      hit.id.begin = i;
      hit.id.end = end;
      hit.id.a = candidate;
      hit.known = true;
      hit.known_kind = name.kind;
      hit.known_fqdn = name.fqdn;
      return true;
    }
  }
  return false;
}

std::vector<Redactor::Hit> Redactor::find(std::string_view text) {
  if (!known_sorted_) {
    std::stable_sort(known_.begin(), known_.end(),
                     [](const Known& a, const Known& b) { return a.text.size() > b.text.size(); });
    known_sorted_ = true;
  }
  // One finder per identifier kind, in their tie-breaking order, then the known names.
  constexpr size_t kFinders = kIdentifierKinds + 1;
  const auto find_one = [&](size_t finder, size_t from, Hit& hit) {
    if (finder == kIdentifierKinds) return !known_.empty() && find_known(text, from, hit);
    hit = Hit{};
    return find_identifier(static_cast<IdentifierKind>(finder), text, from, hit.id);
  };
  std::vector<Hit> hits;
  std::array<Hit, kFinders> next;
  std::array<bool, kFinders> have{};
  std::array<bool, kFinders> done{};
  size_t pos = 0;
  while (pos < text.size()) {
    size_t best = kFinders;
    for (size_t f = 0; f < kFinders; ++f) {
      if (done[f]) continue;
      if (!have[f] || next[f].id.begin < pos) {
        have[f] = find_one(f, pos, next[f]);
        if (!have[f]) {
          done[f] = true;
          continue;
        }
      }
      // The earliest hit wins; of two at one place, the longer.
      if (best == kFinders || next[f].id.begin < next[best].id.begin ||
          (next[f].id.begin == next[best].id.begin && next[f].id.end > next[best].id.end))
        best = f;
    }
    if (best == kFinders) break;
    hits.push_back(next[best]);
    pos = next[best].id.end;
  }
  return hits;
}

std::string Redactor::placeholder(Kind kind, std::string_view value) {
  static constexpr std::array<std::string_view, 6> kLabels = {"USER", "DOMAIN", "HOST",
                                                              "IP",   "SID",    "THUMBPRINT"};
  std::string key;
  if (kind == Kind::thumbprint) {
    for (char c : value) {
      if (is_hex(c)) key += c;
    }
    key = ascii_lower(key);
  } else {
    key = ascii_lower(value);
  }
  auto& numbers = numbers_[static_cast<size_t>(kind)];
  const auto [it, added] = numbers.try_emplace(std::move(key), numbers.size() + 1);
  return fmt::format("[{}{}]", kLabels[static_cast<size_t>(kind)], it->second);
}

std::string Redactor::render_fqdn(std::string_view name) {
  if (is_known(name, Kind::domain)) return placeholder(Kind::domain, name);
  const size_t dot = name.find('.');
  std::string out = placeholder(Kind::host, name.substr(0, dot));
  if (dot != std::string_view::npos) {
    out += '.';
    out += placeholder(Kind::domain, name.substr(dot + 1));
  }
  return out;
}

std::string Redactor::render(std::string_view text, const Hit& hit) {
  const Identifier& id = hit.id;
  if (hit.known) return hit.known_fqdn ? render_fqdn(id.a) : placeholder(hit.known_kind, id.a);
  const std::string_view whole = text.substr(id.begin, id.end - id.begin);
  switch (id.kind) {
    case IdentifierKind::sid:
      return placeholder(Kind::sid, whole);
    case IdentifierKind::thumbprint:
    case IdentifierKind::thumbprint_bytes:
      return placeholder(Kind::thumbprint, whole);
    case IdentifierKind::ipv4:
    case IdentifierKind::ipv6:
      return placeholder(Kind::ip, whole);
    case IdentifierKind::upn: {
      std::string out = is_fqdn(id.a) ? render_fqdn(id.a) : placeholder(Kind::user, id.a);
      out += '@';
      out += is_public_domain(id.b) ? std::string(id.b) : placeholder(Kind::domain, id.b);
      return out;
    }
    case IdentifierKind::field: {
      std::string inner = redact(id.a);
      if (inner != id.a || names_nobody(id.a)) return inner;
      return placeholder(kind_of(id.field), id.a);
    }
    case IdentifierKind::domain_user: {
      std::string out = is_known(id.a, Kind::host) ? placeholder(Kind::host, id.a)
                                                   : placeholder(Kind::domain, id.a);
      out += '\\';
      if (id.b.ends_with('$')) {
        // A computer account.
        out += placeholder(Kind::host, id.b.substr(0, id.b.size() - 1));
        out += '$';
      } else {
        out += placeholder(Kind::user, id.b);
      }
      return out;
    }
    case IdentifierKind::dc:
      return fmt::format("{}{}", id.a.substr(0, 3), placeholder(Kind::domain, dc_domain(id.a)));
    case IdentifierKind::fqdn:
      return render_fqdn(id.a);
  }
  return std::string(whole);
}

void Redactor::learn_hit(const Hit& hit) {
  const Identifier& id = hit.id;
  if (hit.known) return;
  switch (id.kind) {
    case IdentifierKind::upn:
      if (is_fqdn(id.a)) {
        learn_host(id.a);
      } else if (machine_like(id.a)) {
        know(id.a, Kind::user);
      }
      if (!is_public_domain(id.b)) know(id.b, Kind::domain);
      break;
    case IdentifierKind::field:
      if (find(id.a).empty()) {
        if (id.field == FieldKind::host) {
          learn_host(id.a);
        } else if (id.field == FieldKind::domain || machine_like(id.a)) {
          know(id.a, kind_of(id.field));
        }
      } else {
        learn(id.a);
      }
      break;
    case IdentifierKind::domain_user:
      if (!is_known(id.a, Kind::host)) know(id.a, Kind::domain);
      if (id.b.ends_with('$')) {
        know(id.b.substr(0, id.b.size() - 1), Kind::host);
      } else if (machine_like(id.b)) {
        know(id.b, Kind::user);
      }
      break;
    case IdentifierKind::dc:
      know(dc_domain(id.a), Kind::domain);
      break;
    case IdentifierKind::fqdn: {
      const size_t dot = id.a.find('.');
      if (!is_known(id.a, Kind::domain)) know(id.a.substr(dot + 1), Kind::domain);
      if (machine_like(id.a.substr(0, dot))) know(id.a.substr(0, dot), Kind::host);
      break;
    }
    default:
      break;
  }
}

void Redactor::learn(std::string_view text) {
  for (const Hit& hit : find(text)) learn_hit(hit);
}

std::string Redactor::redact(std::string_view text, uint32_t* begin, uint32_t* end) {
  const std::vector<Hit> hits = find(text);
  if (hits.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  // Where each hit went, to move the offsets: (old begin, old end, new begin, new end).
  std::vector<std::array<size_t, 4>> moves;
  size_t at = 0;
  for (const Hit& hit : hits) {
    out.append(text.substr(at, hit.id.begin - at));
    const size_t new_begin = out.size();
    out += render(text, hit);
    moves.push_back({hit.id.begin, hit.id.end, new_begin, out.size()});
    at = hit.id.end;
  }
  out.append(text.substr(at));
  const auto move = [&](uint32_t offset, bool is_end) -> uint32_t {
    size_t moved = offset;
    for (const auto& [old_begin, old_end, new_begin, new_end] : moves) {
      if (offset <= old_begin) break;
      // Inside a replaced value, the offset takes the whole placeholder.
      moved = offset >= old_end ? offset - old_end + new_end : (is_end ? new_end : new_begin);
    }
    return static_cast<uint32_t>(std::min(moved, out.size()));
  };
  if (begin) *begin = move(*begin, false);
  if (end) *end = move(*end, true);
  return out;
}

void Redactor::learn(const Signal& signal) {
  learn_host(signal.host);
  learn(signal.source);
  learn(signal.text);
  for (const auto& capture : signal.captures) learn(capture.value);
}

void Redactor::learn(const Diagnosis& diagnosis) {
  learn_host(diagnosis.host);
  for (const auto& signal : diagnosis.evidence) learn(signal);
  learn(diagnosis.explanation);
  for (const auto& step : diagnosis.remediation) learn(step);
}

void Redactor::learn(const RunSummary& summary) {
  for (const auto& source : summary.sources) {
    learn(source.name);
    for (const auto& problem : source.problems) learn(problem);
  }
  for (const auto& error : summary.errors) {
    learn(error.source);
    learn(error.message);
  }
  for (const auto& name : summary.skipped) learn(name);
  for (const auto& cluster : summary.new_signatures) {
    learn(cluster.template_text);
    learn(cluster.example.source);
    learn(cluster.example.text);
  }
}

void Redactor::redact(Signal& signal) {
  signal.source = redact(signal.source);
  signal.host = redact(signal.host);
  signal.text = redact(signal.text, &signal.match_begin, &signal.match_end);
  signal.local_time = redact(signal.local_time);
  for (auto& capture : signal.captures) capture.value = redact(capture.value);
}

void Redactor::redact(Diagnosis& diagnosis) {
  diagnosis.host = redact(diagnosis.host);
  for (auto& signal : diagnosis.evidence) redact(signal);
  diagnosis.explanation = redact(diagnosis.explanation);
  for (auto& step : diagnosis.remediation) step = redact(step);
}

void Redactor::redact(RunSummary& summary) {
  for (auto& source : summary.sources) {
    source.name = redact(source.name);
    source.duplicate_of = redact(source.duplicate_of);
    for (auto& problem : source.problems) problem = redact(problem);
  }
  for (auto& error : summary.errors) {
    error.source = redact(error.source);
    error.message = redact(error.message);
  }
  for (auto& name : summary.skipped) name = redact(name);
  for (auto& duplicate : summary.duplicates) {
    duplicate.source = redact(duplicate.source);
    duplicate.same_as = redact(duplicate.same_as);
  }
  for (auto& cluster : summary.new_signatures) {
    cluster.template_text = redact(cluster.template_text);
    cluster.example.source = redact(cluster.example.source);
    cluster.example.text = redact(cluster.example.text);
    cluster.component = redact(cluster.component);
  }
}

void redact_report(std::vector<Diagnosis>& diagnoses, RunSummary& summary,
                   std::vector<Signal>* signals, const std::vector<std::string>& hosts) {
  Redactor redactor;
  // Hosts named as hosts first, so that text that names them too finds them known.
  for (const auto& host : hosts) redactor.learn_host(host);
  for (const auto& diagnosis : diagnoses) {
    redactor.learn_host(diagnosis.host);
    for (const auto& signal : diagnosis.evidence) redactor.learn_host(signal.host);
  }
  if (signals) {
    for (const auto& signal : *signals) redactor.learn_host(signal.host);
  }
  for (const auto& diagnosis : diagnoses) redactor.learn(diagnosis);
  redactor.learn(summary);
  if (signals) {
    for (const auto& signal : *signals) redactor.learn(signal);
  }
  for (auto& diagnosis : diagnoses) redactor.redact(diagnosis);
  redactor.redact(summary);
  if (signals) {
    for (auto& signal : *signals) redactor.redact(signal);
  }
}

}  // namespace certdiag
