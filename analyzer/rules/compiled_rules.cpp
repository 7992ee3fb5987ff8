#include "rules/compiled_rules.h"

#include <xxhash.h>

#include <chrono>
#include <concepts>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace certdiag {
namespace {

// The bytes open with this tag, the layout's number and a checksum (XXH3, 8 bytes, little
// endian) of the rest: bytes of another layout, or damaged, are refused, not misread. Change
// kLayout whenever a member list below changes.
constexpr std::string_view kMagic = "certdiag-rules";
constexpr uint64_t kLayout = 4;
constexpr size_t kChecksumBytes = 8;

// Each struct's members in the order they are written, one list for writing and reading.
template <class Struct, class Type>
concept Is = std::same_as<std::remove_const_t<Struct>, Type>;

void members(Is<RuleOrigin> auto& o, auto&& each) { each(o.file, o.line); }
void members(Is<FieldTest> auto& t, auto&& each) { each(t.field, t.pattern, t.ids, t.negated); }
void members(Is<Field> auto& f, auto&& each) { each(f.name, f.value); }
void members(Is<RuleSample> auto& s, auto&& each) { each(s.fields, s.origin); }
void members(Is<SignalRule> auto& r, auto&& each) {
  each(r.id, r.title, r.status, r.case_sensitive, r.tests, r.alternatives, r.samples_match,
       r.samples_no_match, r.capture_names, r.origin);
}
void members(Is<CountTest> auto& t, auto&& each) { each(t.op, t.value); }
void members(Is<CaptureTest> auto& t, auto&& each) { each(t.name, t.values); }
void members(Is<Condition> auto& c, auto&& each) {
  each(c.signal, c.any, c.all, c.sequence, c.absent, c.within, c.count, c.after, c.before, c.expiry,
       c.expiry_capture, c.captures, c.across_hosts, c.origin);
}
void members(Is<Fact> auto& f, auto&& each) { each(f.when, f.text); }
void members(Is<SeverityWhen> auto& s, auto&& each) { each(s.when, s.severity); }
void members(Is<RuleAlternative> auto& a, auto&& each) { each(a.id, a.decided_by, a.when); }
void members(Is<DiagnosisRule> auto& r, auto&& each) {
  each(r.id, r.title, r.severity, r.scope, r.correlate_by, r.when, r.unless, r.confidence_high,
       r.confidence_medium, r.severity_when, r.supersedes, r.supersede_within, r.resolved_by,
       r.explanation, r.facts, r.remediation, r.references, r.alternatives, r.adds_detail_to,
       r.detail, r.detail_within, r.origin);
}
void members(Is<CoverageRule> auto& r, auto&& each) { each(r.family, r.log, r.present, r.origin); }
// The digest first: --version reads only that far.
void members(Is<RuleSet> auto& r, auto&& each) {
  each(r.digest, r.signals, r.diagnoses, r.coverage, r.tested_captures);
}

// The last value of each enum the rules hold: a number past it is refused.
constexpr Severity last_value(Severity) { return Severity::error; }
constexpr Scope last_value(Scope) { return Scope::correlation; }
constexpr ExpiryState last_value(ExpiryState) { return ExpiryState::expiring; }

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsDuration : std::false_type {};
template <class Rep, class Period>
struct IsDuration<std::chrono::duration<Rep, Period>> : std::true_type {};

// Numbers are LEB128 varints (signed ones zigzagged), strings and lists a count then the
// items, optionals a 0/1 flag then the value.
class Writer {
 public:
  std::string bytes;

  void number(uint64_t value) {
    for (; value >= 0x80; value >>= 7) bytes.push_back(static_cast<char>(value | 0x80));
    bytes.push_back(static_cast<char>(value));
  }

  template <class T>
  void write(const T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      number(value.size());
      bytes.append(value);
    } else if constexpr (std::is_same_v<T, bool>) {
      number(value ? 1 : 0);
    } else if constexpr (std::is_enum_v<T>) {
      number(static_cast<uint64_t>(value));
    } else if constexpr (std::is_unsigned_v<T>) {
      number(value);
    } else if constexpr (std::is_signed_v<T>) {
      const auto wide = static_cast<int64_t>(value);
      number((static_cast<uint64_t>(wide) << 1) ^ static_cast<uint64_t>(wide >> 63));
    } else if constexpr (IsDuration<T>::value) {
      write(static_cast<int64_t>(value.count()));
    } else if constexpr (std::is_same_v<T, Time>) {
      write(value.time_since_epoch());
    } else if constexpr (IsVector<T>::value) {
      number(value.size());
      for (const auto& item : value) write(item);
    } else if constexpr (IsOptional<T>::value) {
      number(value ? 1 : 0);
      if (value) write(*value);
    } else {
      members(value, [this](const auto&... member) { (write(member), ...); });
    }
  }
};

struct BadBytes : std::runtime_error {
  BadBytes() : std::runtime_error("not compiled rules of this layout") {}
};

// Reads what Writer wrote; throws BadBytes at anything else (a count past the end, a number
// out of its type's range, bytes left over).
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  bool at_end() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }

  uint64_t number() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) throw BadBytes();
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
    throw BadBytes();
  }

  // A count of items that each take at least one byte.
  size_t count() {
    const uint64_t value = number();
    if (value > rest_.size()) throw BadBytes();
    return static_cast<size_t>(value);
  }

  std::string_view text(size_t size) {
    if (size > rest_.size()) throw BadBytes();
    const std::string_view out = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return out;
  }

  template <class T>
  void read(T& out) {
    if constexpr (std::is_same_v<T, std::string>) {
      out = text(count());
    } else if constexpr (std::is_same_v<T, bool>) {
      out = flag();
    } else if constexpr (std::is_enum_v<T>) {
      const uint64_t value = number();
      if (value > static_cast<uint64_t>(last_value(T{}))) throw BadBytes();
      out = static_cast<T>(value);
    } else if constexpr (std::is_unsigned_v<T>) {
      out = in_range<T>(number());
    } else if constexpr (std::is_signed_v<T>) {
      const uint64_t zigzag = number();
      const auto wide = static_cast<int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
      if (wide < std::numeric_limits<T>::min() || wide > std::numeric_limits<T>::max())
        throw BadBytes();
      out = static_cast<T>(wide);
    } else if constexpr (IsDuration<T>::value) {
      int64_t ticks = 0;
      read(ticks);
      out = T(ticks);
    } else if constexpr (std::is_same_v<T, Time>) {
      std::chrono::milliseconds since_epoch;
      read(since_epoch);
      out = Time(since_epoch);
    } else if constexpr (IsVector<T>::value) {
      out.resize(count());
      for (auto& item : out) read(item);
    } else if constexpr (IsOptional<T>::value) {
      if (flag()) {
        read(out.emplace());
      } else {
        out.reset();
      }
    } else {
      members(out, [this](auto&... member) { (read(member), ...); });
    }
  }

 private:
  bool flag() {
    const uint64_t value = number();
    if (value > 1) throw BadBytes();
    return value == 1;
  }

  template <class T>
  static T in_range(uint64_t value) {
    if (value > static_cast<uint64_t>(std::numeric_limits<T>::max())) throw BadBytes();
    return static_cast<T>(value);
  }

  std::string_view rest_;
};

std::string_view compiled_builtin_bytes;

}  // namespace

std::string encode_rules(const RuleSet& rules) {
  Writer rest;
  rest.write(rules);
  Writer writer;
  writer.bytes.append(kMagic);
  writer.number(kLayout);
  uint64_t checksum = XXH3_64bits(rest.bytes.data(), rest.bytes.size());
  for (size_t i = 0; i < kChecksumBytes; ++i, checksum >>= 8)
    writer.bytes.push_back(static_cast<char>(checksum & 0xff));
  return writer.bytes + rest.bytes;
}

namespace {

// Reads the tag, the layout number and the checksum; false when they are not this layout's or
// the rest does not match the checksum.
bool read_header(Reader& reader) {
  if (reader.text(kMagic.size()) != kMagic || reader.number() != kLayout) return false;
  const std::string_view written = reader.text(kChecksumBytes);
  uint64_t checksum = 0;
  for (size_t i = kChecksumBytes; i-- > 0;)
    checksum = (checksum << 8) | static_cast<unsigned char>(written[i]);
  return checksum == XXH3_64bits(reader.rest().data(), reader.rest().size());
}

}  // namespace

std::optional<RuleSet> decode_rules(std::string_view bytes) {
  try {
    Reader reader(bytes);
    if (!read_header(reader)) return std::nullopt;
    RuleSet rules;
    reader.read(rules);
    if (!reader.at_end()) return std::nullopt;
    return rules;
  } catch (const BadBytes&) {
    return std::nullopt;
  }
}

void set_compiled_builtin_rules(std::string_view bytes) { compiled_builtin_bytes = bytes; }

std::optional<RuleSet> compiled_builtin_rules() {
  if (compiled_builtin_bytes.empty()) return std::nullopt;
  return decode_rules(compiled_builtin_bytes);
}

std::optional<std::string> compiled_builtin_digest() {
  if (compiled_builtin_bytes.empty()) return std::nullopt;
  try {
    Reader reader(compiled_builtin_bytes);
    if (!read_header(reader)) return std::nullopt;
    std::string digest;
    reader.read(digest);
    return digest;
  } catch (const BadBytes&) {
    return std::nullopt;
  }
}

}  // namespace certdiag
