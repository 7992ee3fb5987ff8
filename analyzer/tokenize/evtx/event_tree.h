// The elements, attributes and text of one event as BinXml builds them, and the Record they give.
// Text is kept as an XML reader of the rendered event would see it (line ends and attribute
// blanks normalised, blank text dropped), so that a .evtx record and its XML export give the same
// Record. Does not read BinXml; see tokenize/evtx/binxml.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"

namespace certdiag::evtx {

class EventTree {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  struct Element {
    std::string_view name;
    uint32_t parent = kNone;
    uint32_t first_child = kNone;
    uint32_t last_child = kNone;
    uint32_t next_sibling = kNone;
    uint32_t first_attribute = kNone;
    uint32_t last_attribute = kNone;
    uint32_t text_begin = 0;  // in text_; the first run of text that is not blank
    uint32_t text_size = 0;
    bool has_text = false;
  };
  struct Attribute {
    std::string_view name;
    uint32_t next = kNone;
    uint32_t value_begin = 0;
    uint32_t value_size = 0;
  };

  // Empties the tree, keeping its memory. Names must outlive the tree's use.
  void clear();

  // Building, in document order. Text goes to the open attribute, if any, else to the innermost
  // open element.
  void open(std::string_view name);
  void attribute(std::string_view name);
  void end_attributes();  // the start tag is closed: text goes to the element again
  void close();           // the innermost element ends
  // Removes the innermost open element, which has no children yet, as if never opened.
  void drop_open_element();
  std::string& text_sink() { return attribute_open_ ? text_ : run_; }
  // Drops the open attribute when nothing was written to it.
  void drop_attribute_if_empty();
  size_t depth() const { return stack_.size(); }
  size_t size() const { return elements_.size() + text_.size() + run_.size(); }

  // Fills the event fields of `record` as parse_event_xml() does from the event's XML. Returns
  // false when the root is no Event holding a System element.
  bool to_record(Record& record) const;

 private:
  void end_run();
  std::string_view text(const Element& e) const {
    return std::string_view(text_).substr(e.text_begin, e.text_size);
  }
  std::string_view value(const Attribute& a) const {
    return std::string_view(text_).substr(a.value_begin, a.value_size);
  }
  uint32_t child(uint32_t element, std::string_view name) const;
  std::string_view attribute_value(uint32_t element, std::string_view name) const;
  std::string_view text_of(uint32_t element) const;
  void read_event_data(uint32_t event_data, Record& record) const;
  void read_user_data(uint32_t user_data, Record& record) const;

  std::vector<Element> elements_;
  std::vector<Attribute> attributes_;
  std::vector<uint32_t> stack_;
  std::string text_;  // attribute values and element texts, finished
  std::string run_;   // the text the innermost open element is gathering
  bool attribute_open_ = false;
};

}  // namespace certdiag::evtx
