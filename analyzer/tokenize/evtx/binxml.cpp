#include "tokenize/evtx/binxml.h"

#include <fmt/format.h>

#include "tokenize/evtx/format.h"
#include "tokenize/evtx/values.h"

namespace certdiag::evtx {
namespace {

enum Token : uint8_t {
  kEndOfFragment = 0x00,
  kOpenStartElement = 0x01,
  kCloseStartElement = 0x02,
  kCloseEmptyElement = 0x03,
  kEndElement = 0x04,
  kValueText = 0x05,
  kAttribute = 0x06,
  kCdataSection = 0x07,
  kCharRef = 0x08,
  kEntityRef = 0x09,
  kPiTarget = 0x0a,
  kPiData = 0x0b,
  kTemplateInstance = 0x0c,
  kNormalSubstitution = 0x0d,
  kOptionalSubstitution = 0x0e,
  kFragmentHeader = 0x0f,
  kMoreFlag = 0x40,  // on 0x01, 0x05, 0x06, 0x07, 0x08, 0x09: more of the same follows
};

constexpr unsigned kMaxNesting = 16;                // templates within values within templates
constexpr size_t kMaxElementDepth = 256;            // an XML reader would refuse deeper documents
constexpr size_t kMaxSteps = size_t{1} << 20;       // per record
constexpr size_t kMaxEventBytes = size_t{8} << 20;  // per record, as text
constexpr size_t kTemplateHeaderSize = 24;          // next offset, GUID, data size
// Bytes of template definitions compiled per chunk, at most: offsets may point anywhere, so a
// damaged chunk could otherwise make every record compile a chunk-sized "template".
constexpr size_t kCompileBudget = 4 * kChunkSize;

}  // namespace

// Reads the chunk from `pos` up to `end` (within the chunk), checking every read.
class ChunkDecoder::Cursor {
 public:
  Cursor(const uint8_t* chunk, uint32_t pos, uint32_t end) : chunk_(chunk), pos_(pos), end_(end) {}
  uint32_t pos() const { return pos_; }
  uint32_t left() const { return end_ - pos_; }
  bool skip(size_t n) {
    if (n > left()) return false;
    pos_ += static_cast<uint32_t>(n);
    return true;
  }
  bool u8(uint8_t& v) {
    if (left() < 1) return false;
    v = chunk_[pos_++];
    return true;
  }
  bool u16(uint16_t& v) {
    if (left() < 2) return false;
    v = le16(chunk_ + pos_);
    pos_ += 2;
    return true;
  }
  bool u32(uint32_t& v) {
    if (left() < 4) return false;
    v = le32(chunk_ + pos_);
    pos_ += 4;
    return true;
  }
  const uint8_t* here() const { return chunk_ + pos_; }

 private:
  const uint8_t* chunk_;
  uint32_t pos_;
  uint32_t end_;
};

void ChunkDecoder::reset(const uint8_t* chunk, size_t size) {
  chunk_ = chunk;
  size_ = static_cast<uint32_t>(size);
  names_.clear();
  name_texts_.clear();
  templates_.clear();
  template_steps_.clear();
  constants_.clear();
  compile_budget_ = kCompileBudget;
  if (fragments_.size() < kMaxNesting + 2) fragments_.resize(kMaxNesting + 2);
}

std::string ChunkDecoder::decode(uint32_t begin, uint32_t end, EventTree& tree) {
  tree.clear();
  tree_ = &tree;
  values_.clear();
  record_constants_.clear();
  steps_left_ = kMaxSteps;
  std::string error;
  std::vector<Step>& steps = fragments_[0];
  steps.clear();
  if (end > size_ || begin > end) return "outside its chunk";
  if (!compile(begin, end, false, steps, error)) return error;
  if (!run(steps, 0, steps.size(), 0, 0, 0, error)) return error;
  return {};
}

bool ChunkDecoder::known_name(uint32_t offset, uint32_t here, uint32_t token_at) const {
  return offset == here || names_.contains(offset) ||
         (offset >= kChunkHeaderSize && offset < token_at);
}

const std::string* ChunkDecoder::name_at(uint32_t offset, Cursor& at, std::string& error) {
  const bool inline_name = offset == at.pos();
  if (auto found = names_.find(offset); found != names_.end()) {
    if (inline_name && !at.skip(8 + 2 * static_cast<size_t>(le16(chunk_ + offset + 6)) + 2)) {
      error = fmt::format("name at 0x{:x} runs past its fragment", offset);
      return nullptr;
    }
    return found->second;
  }
  // Next name offset, hash, length in UTF-16 units, the name, a NUL.
  if (offset > size_ || size_ - offset < 8) {
    error = fmt::format("name offset 0x{:x} outside the chunk", offset);
    return nullptr;
  }
  const size_t units = le16(chunk_ + offset + 6);
  const size_t bytes = 8 + 2 * units + 2;
  if (size_ - offset < bytes || (inline_name && !at.skip(bytes))) {
    error =
        fmt::format("name at 0x{:x} runs past its {}", offset, inline_name ? "fragment" : "chunk");
    return nullptr;
  }
  std::string& text = name_texts_.emplace_back();
  append_utf16(text, chunk_ + offset + 8, units);
  names_.emplace(offset, &text);
  return &text;
}

void ChunkDecoder::append_constant(std::string_view text, bool in_template,
                                   std::vector<Step>& out) {
  std::string& arena = in_template ? constants_ : record_constants_;
  Step step{Op::text};
  step.type = in_template ? 0 : 1;
  step.a = static_cast<uint32_t>(arena.size());
  step.b = static_cast<uint32_t>(text.size());
  arena += text;
  out.push_back(step);
}

bool ChunkDecoder::append_constant_utf16(Cursor& at, size_t units, bool in_template,
                                         std::vector<Step>& out) {
  const uint8_t* data = at.here();
  if (!at.skip(2 * units)) return false;
  std::string& arena = in_template ? constants_ : record_constants_;
  Step step{Op::text};
  step.type = in_template ? 0 : 1;
  step.a = static_cast<uint32_t>(arena.size());
  append_utf16(arena, data, units);
  step.b = static_cast<uint32_t>(arena.size() - step.a);
  out.push_back(step);
  return true;
}

const ChunkDecoder::Template& ChunkDecoder::template_at(uint32_t offset) {
  auto [it, added] = templates_.try_emplace(offset);
  Template& t = it->second;
  if (!added) return t;
  if (offset > size_ || size_ - offset < kTemplateHeaderSize) {
    t.error = fmt::format("template offset 0x{:x} outside the chunk", offset);
    return t;
  }
  const uint32_t data_size = le32(chunk_ + offset + 20);
  const uint32_t begin = offset + kTemplateHeaderSize;
  if (data_size > size_ - begin) {
    t.error = fmt::format("template at 0x{:x} runs past the chunk", offset);
    return t;
  }
  if (data_size > compile_budget_) {
    t.error = fmt::format("template at 0x{:x}: too many template bytes in this chunk", offset);
    return t;
  }
  compile_budget_ -= data_size;
  // Compiled into a scratch list first: compiling appends to template_steps_ only when done.
  std::vector<Step>& scratch = fragments_[kMaxNesting + 1];
  scratch.clear();
  std::string error;
  if (!compile(begin, begin + data_size, true, scratch, error)) {
    // `t` may have moved while compiling: look it up again.
    templates_[offset].error = fmt::format("template at 0x{:x}: {}", offset, error);
    return templates_[offset];
  }
  Template& done = templates_[offset];
  done.first = static_cast<uint32_t>(template_steps_.size());
  done.count = static_cast<uint32_t>(scratch.size());
  template_steps_.insert(template_steps_.end(), scratch.begin(), scratch.end());
  return done;
}

bool ChunkDecoder::compile_instance(Cursor& at, std::vector<Step>& out, std::string& error) {
  uint8_t unknown = 0;
  uint32_t id = 0, offset = 0;
  if (!at.u8(unknown) || !at.u32(id) || !at.u32(offset)) {
    error = "template instance cut short";
    return false;
  }
  if (offset == at.pos()) {
    // The definition follows inline, the first time the chunk uses it.
    if (at.left() < kTemplateHeaderSize || !at.skip(kTemplateHeaderSize + le32(at.here() + 20))) {
      error = fmt::format("template at 0x{:x} runs past its record", offset);
      return false;
    }
  }
  const Template& t = template_at(offset);
  if (!t.error.empty()) {
    error = t.error;
    return false;
  }
  uint32_t count = 0;
  if (!at.u32(count) || count > at.left() / 4) {
    error = fmt::format("template at 0x{:x}: value count cut short or too large", offset);
    return false;
  }
  Step step{Op::instance};
  step.a = offset;
  step.b = static_cast<uint32_t>(values_.size());
  step.index = count;
  const uint8_t* descriptors = at.here();
  at.skip(4 * size_t{count});
  for (uint32_t i = 0; i < count; ++i) {
    const uint16_t size = le16(descriptors + 4 * i);
    const uint8_t type = descriptors[4 * i + 2];
    const uint32_t value_at = at.pos();
    if (!at.skip(size)) {
      error = fmt::format("template at 0x{:x}: value {} runs past its record", offset, i);
      return false;
    }
    values_.push_back({type, value_at, size});
  }
  out.push_back(step);
  return true;
}

bool ChunkDecoder::compile(uint32_t begin, uint32_t end, bool in_template, std::vector<Step>& out,
                           std::string& error) {
  Cursor at(chunk_, begin, end);
  size_t depth = 0;
  // A template compiles while a record's fragment does, never the other way round.
  std::vector<OpenElement>& open = in_template ? open_in_template_ : open_in_fragment_;
  open.clear();
  auto cut = [&](uint32_t token_at) {
    error = fmt::format("binary XML cut short at 0x{:x}", token_at);
    return false;
  };
  while (at.left() > 0) {
    const uint32_t token_at = at.pos();
    uint8_t token = 0;
    at.u8(token);
    switch (token & ~kMoreFlag) {
      case kEndOfFragment:
        if (token != kEndOfFragment) break;
        if (depth != 0) {
          error = fmt::format("binary XML ends inside an element at 0x{:x}", token_at);
          return false;
        }
        return true;
      case kOpenStartElement: {
        uint16_t dependency = 0;
        uint32_t data_size = 0, name_offset = 0, attributes_size = 0;
        if (!at.u16(dependency) || !at.u32(data_size) || !at.u32(name_offset)) return cut(token_at);
        // Some writers leave out the dependency id: then the other reading gives a name that is
        // inline or was read before.
        if (!known_name(name_offset, at.pos(), token_at)) {
          Cursor retry(chunk_, token_at + 1, end);
          uint32_t retry_offset = 0;
          if (retry.u32(data_size) && retry.u32(retry_offset) &&
              known_name(retry_offset, retry.pos(), token_at)) {
            at = retry;
            name_offset = retry_offset;
          }
        }
        const std::string* name = name_at(name_offset, at, error);
        if (name == nullptr) return false;
        if ((token & kMoreFlag) != 0 && !at.u32(attributes_size)) return cut(token_at);
        if (++depth > kMaxElementDepth) {
          error = "elements nested too deep";
          return false;
        }
        Step step{Op::open};
        step.name = name;
        open.push_back({out.size(), SIZE_MAX});
        out.push_back(step);
        continue;
      }
      case kCloseStartElement:
        if (token != kCloseStartElement) break;
        out.push_back(Step{Op::end_attributes});
        if (!open.empty()) open.back().content = out.size();
        continue;
      case kCloseEmptyElement:
      case kEndElement:
        if ((token & kMoreFlag) != 0) break;
        if (depth == 0) {
          error = fmt::format("end of an element never opened at 0x{:x}", token_at);
          return false;
        }
        --depth;
        if (!open.empty()) {
          // A substitution that is all an element holds decides whether the element is written
          // (an empty optional one: not) and how often (once per item of an array).
          const OpenElement element = open.back();
          open.pop_back();
          if (element.content != SIZE_MAX && out.size() == element.content + 1 &&
              out.back().op == Op::substitute) {
            out.back().sole = true;
            out.back().b = static_cast<uint32_t>(out.size() - 1 - element.open_step);
          }
        }
        out.push_back(Step{Op::close});
        continue;
      case kValueText: {
        uint8_t type = 0;
        uint16_t units = 0;
        if (!at.u8(type)) return cut(token_at);
        if (type != kString) {
          error = fmt::format("value of type 0x{:02x} at 0x{:x} in binary XML", type, token_at);
          return false;
        }
        if (!at.u16(units) || !append_constant_utf16(at, units, in_template, out))
          return cut(token_at);
        continue;
      }
      case kAttribute: {
        uint32_t name_offset = 0;
        if (!at.u32(name_offset)) return cut(token_at);
        const std::string* name = name_at(name_offset, at, error);
        if (name == nullptr) return false;
        Step step{Op::attribute};
        step.name = name;
        out.push_back(step);
        continue;
      }
      case kCdataSection: {
        uint16_t units = 0;
        if (!at.u16(units) || !append_constant_utf16(at, units, in_template, out))
          return cut(token_at);
        continue;
      }
      case kCharRef: {
        uint16_t code = 0;
        if (!at.u16(code)) return cut(token_at);
        std::string text;
        const uint8_t utf16[2] = {static_cast<uint8_t>(code & 0xff),
                                  static_cast<uint8_t>(code >> 8)};
        append_utf16(text, utf16, 1);
        append_constant(text, in_template, out);
        continue;
      }
      case kEntityRef: {
        uint32_t name_offset = 0;
        if (!at.u32(name_offset)) return cut(token_at);
        const std::string* name = name_at(name_offset, at, error);
        if (name == nullptr) return false;
        // The five entities XML predefines; an XML reader keeps any other as written.
        static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
            {"lt", "<"}, {"gt", ">"}, {"amp", "&"}, {"apos", "'"}, {"quot", "\""}};
        std::string text = "&" + *name + ";";
        for (const auto& [entity, character] : kEntities) {
          if (*name == entity) text = character;
        }
        append_constant(text, in_template, out);
        continue;
      }
      case kPiTarget: {
        // Processing instructions are not part of an event's fields.
        uint32_t name_offset = 0;
        if (token != kPiTarget || !at.u32(name_offset)) return cut(token_at);
        if (name_at(name_offset, at, error) == nullptr) return false;
        continue;
      }
      case kPiData: {
        uint16_t units = 0;
        if (token != kPiData || !at.u16(units) || !at.skip(2 * size_t{units})) return cut(token_at);
        continue;
      }
      case kTemplateInstance:
        if (token != kTemplateInstance) break;
        if (in_template) {
          error = fmt::format("template instance inside a template at 0x{:x}", token_at);
          return false;
        }
        if (!compile_instance(at, out, error)) return false;
        continue;
      case kNormalSubstitution:
      case kOptionalSubstitution: {
        if ((token & kMoreFlag) != 0) break;
        uint16_t index = 0;
        uint8_t type = 0;
        if (!at.u16(index) || !at.u8(type)) return cut(token_at);
        if (!in_template) {
          error = fmt::format("substitution outside a template at 0x{:x}", token_at);
          return false;
        }
        Step step{Op::substitute};
        step.index = index;
        step.type = type;
        step.optional = token == kOptionalSubstitution;
        out.push_back(step);
        continue;
      }
      case kFragmentHeader:
        if (token != kFragmentHeader || !at.skip(3)) return cut(token_at);
        continue;
      default:
        break;
    }
    error = fmt::format("unknown binary XML token 0x{:02x} at 0x{:x}", token, token_at);
    return false;
  }
  return true;
}

bool ChunkDecoder::run(const std::vector<Step>& steps, size_t first, size_t count,
                       uint32_t first_value, uint32_t value_count, unsigned depth,
                       std::string& error) {
  EventTree& tree = *tree_;
  for (size_t i = first; i < first + count; ++i) {
    // A copy: replaying may compile templates, which moves template_steps_.
    const Step step = steps[i];
    if (steps_left_-- == 0) {
      error = "too much binary XML to replay";
      return false;
    }
    switch (step.op) {
      case Op::open:
        tree.open(*step.name);
        if (tree.depth() > kMaxElementDepth) {
          error = "elements nested too deep";
          return false;
        }
        break;
      case Op::attribute:
        tree.attribute(*step.name);
        break;
      case Op::end_attributes:
        tree.end_attributes();
        break;
      case Op::close:
        tree.close();
        break;
      case Op::text:
        tree.text_sink().append(step.type == 0 ? constants_ : record_constants_, step.a, step.b);
        break;
      case Op::substitute:
        switch (substitute(steps, i, first_value, value_count, depth, error)) {
          case Outcome::failed:
            return false;
          case Outcome::element_dropped:
            ++i;  // its close
            break;
          case Outcome::done:
            break;
        }
        break;
      case Op::instance: {
        if (depth >= kMaxNesting) {
          error = "templates nested too deep";
          return false;
        }
        const Template& t = templates_.at(step.a);
        if (!run(template_steps_, t.first, t.count, step.b, step.index, depth + 1, error)) {
          return false;
        }
        break;
      }
    }
    if (tree.size() > kMaxEventBytes) {
      error = "event larger than 8 MiB";
      return false;
    }
  }
  return true;
}

ChunkDecoder::Outcome ChunkDecoder::substitute(const std::vector<Step>& steps, size_t at,
                                               uint32_t first_value, uint32_t value_count,
                                               unsigned depth, std::string& error) {
  const Step step = steps[at];
  // An instance gives a value to every slot of its template; one that does not is cut short.
  if (step.index >= value_count) {
    error = fmt::format("substitution {} has no value (the instance gives {})", step.index,
                        value_count);
    return Outcome::failed;
  }
  const Value value = values_[first_value + step.index];
  if (value.type == kNull || value.size == 0) {
    if (step.optional && step.sole) {
      tree_->drop_open_element();
      return Outcome::element_dropped;
    }
    if (step.optional) tree_->drop_attribute_if_empty();
    return Outcome::done;
  }
  const uint8_t* data = chunk_ + value.offset;
  if (value.type == kBinXml) {
    if (depth >= kMaxNesting) {
      error = "templates nested too deep";
      return Outcome::failed;
    }
    std::vector<Step>& nested = fragments_[depth + 1];
    nested.clear();
    if (!compile(value.offset, value.offset + value.size, false, nested, error) ||
        !run(nested, 0, nested.size(), 0, 0, depth + 1, error)) {
      return Outcome::failed;
    }
    return Outcome::done;
  }
  if ((value.type & kArrayFlag) != 0 && step.sole) {
    // An element per item, each a copy of the element's start tag.
    std::vector<ArrayItem>& items = items_;
    if (split_array(value.type, data, value.size, items)) {
      const uint8_t type = static_cast<uint8_t>(value.type & ~kArrayFlag);
      // Copied: replaying the start tag may split another array.
      const std::vector<ArrayItem> all(items.begin(), items.end());
      for (size_t k = 0; k < all.size(); ++k) {
        if (k != 0) {
          tree_->close();
          if (!run(steps, at - step.b, step.b, first_value, value_count, depth, error)) {
            return Outcome::failed;
          }
        }
        if (!append_value(tree_->text_sink(), type, data + all[k].offset, all[k].size)) {
          error = fmt::format("value {} of type 0x{:02x} and {} bytes does not decode", step.index,
                              value.type, value.size);
          return Outcome::failed;
        }
      }
      return Outcome::done;
    }
  }
  if (!append_value(tree_->text_sink(), value.type, data, value.size)) {
    error = fmt::format("value {} of type 0x{:02x} and {} bytes does not decode", step.index,
                        value.type, value.size);
    return Outcome::failed;
  }
  return Outcome::done;
}

}  // namespace certdiag::evtx
