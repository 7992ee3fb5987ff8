// Decodes the BinXml of a chunk's records (MS-EVEN6 2.2.12) into EventTrees. Names and
// templates are read once per chunk: each template definition is compiled to a list of steps
// (fixed elements, attributes and text, and substitution slots) that every record using it
// replays with its own values, decoded straight from the chunk bytes. Every offset, size and
// count is checked against the chunk; nesting, steps and output are bounded per record.
// Does not walk the chunk's records; see tokenize/evtx.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "tokenize/evtx/event_tree.h"
#include "tokenize/evtx/values.h"

namespace certdiag::evtx {

class ChunkDecoder {
 public:
  // Starts a chunk of `size` bytes, which must stay valid until the next call; forgets the names
  // and templates of the last.
  void reset(const uint8_t* chunk, size_t size);

  // Builds into `tree` the event whose BinXml fills [begin, end) of the chunk. Returns "" or a
  // one-line reason ("template at 0x226: unknown token 0x4f at 0x2f0").
  std::string decode(uint32_t begin, uint32_t end, EventTree& tree);

 private:
  enum class Op : uint8_t { open, attribute, end_attributes, close, text, substitute, instance };
  struct Step {
    Op op;
    uint8_t type = 0;       // substitute: the declared value type; text: 1 when in the record's
    bool optional = false;  // substitute: left out when the value is empty
    bool sole = false;      // substitute: the whole content of its element, opened b steps before
    uint32_t index = 0;     // substitute: value slot; instance: value count
    uint32_t a = 0;         // text: offset in constants_; instance: template offset
    uint32_t b = 0;         // text: size; instance: first value in values_
    const std::string* name = nullptr;  // open, attribute
  };
  struct Value {
    uint8_t type;
    uint32_t offset;  // in the chunk
    uint32_t size;
  };
  struct Template {
    std::string error;  // why it does not compile, else empty
    uint32_t first = 0;
    uint32_t count = 0;  // steps in template_steps_
  };
  class Cursor;

  // Compiles the fragment [begin, end) into `out` (a template body when `in_template`).
  bool compile(uint32_t begin, uint32_t end, bool in_template, std::vector<Step>& out,
               std::string& error);
  bool compile_instance(Cursor& at, std::vector<Step>& out, std::string& error);
  const Template& template_at(uint32_t offset);
  // Whether a name offset read at `here`, in a token at `token_at`, can be right.
  bool known_name(uint32_t offset, uint32_t here, uint32_t token_at) const;
  const std::string* name_at(uint32_t offset, Cursor& at, std::string& error);
  // Text of the fragment being compiled: a template's lives as long as the chunk's templates, a
  // record's as long as the record.
  bool append_constant_utf16(Cursor& at, size_t units, bool in_template, std::vector<Step>& out);
  void append_constant(std::string_view text, bool in_template, std::vector<Step>& out);
  // Replays steps [first, first + count) of `steps` with `values`.
  bool run(const std::vector<Step>& steps, size_t first, size_t count, uint32_t first_value,
           uint32_t value_count, unsigned depth, std::string& error);
  enum class Outcome { done, element_dropped, failed };
  Outcome substitute(const std::vector<Step>& steps, size_t at, uint32_t first_value,
                     uint32_t value_count, unsigned depth, std::string& error);

  const uint8_t* chunk_ = nullptr;
  uint32_t size_ = 0;
  std::unordered_map<uint32_t, const std::string*> names_;
  std::deque<std::string> name_texts_;  // stable addresses for the steps and trees
  std::unordered_map<uint32_t, Template> templates_;
  std::vector<Step> template_steps_;
  std::string constants_;
  size_t compile_budget_ = 0;  // bytes of template definitions still to compile in this chunk
  // Per record.
  EventTree* tree_ = nullptr;
  std::vector<Value> values_;
  std::vector<ArrayItem> items_;
  // While compiling, per open element: its open step and the first step of its content.
  struct OpenElement {
    size_t open_step;
    size_t content;
  };
  std::vector<OpenElement> open_in_template_;
  std::vector<OpenElement> open_in_fragment_;
  std::string record_constants_;
  std::vector<std::vector<Step>> fragments_;  // one per nesting level
  size_t steps_left_ = 0;
};

}  // namespace certdiag::evtx
