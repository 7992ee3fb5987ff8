#include "tokenize/evtx/event_tree.h"

#include <charconv>

#include "model/text.h"
#include "model/time_parse.h"
#include "tokenize/event_xml.h"

namespace certdiag::evtx {
namespace {

constexpr std::string_view kXmlSpace = " \t\r\n";

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// An XML reader sees each CR LF and lone CR in text as LF.
void normalise_line_ends(std::string& text, size_t from) {
  if (text.find('\r', from) == std::string::npos) return;
  size_t out = from;
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\r') {
      text[out++] = '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      text[out++] = text[i];
    }
  }
  text.resize(out);
}

// An XML reader sees each CR LF, CR, LF and tab in an attribute value as one space.
void normalise_attribute_blanks(std::string& text, size_t from) {
  if (text.find_first_of("\t\r\n", from) == std::string::npos) return;
  size_t out = from;
  for (size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    text[out++] = c == '\t' || c == '\r' || c == '\n' ? ' ' : c;
  }
  text.resize(out);
}

std::string_view local_name(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Unlinks `index`, the last item of the list of `items` that runs from `first` to `last` through
// `next`.
template <class Item>
void unlink_last(std::vector<Item>& items, uint32_t Item::*next, uint32_t& first, uint32_t& last,
                 uint32_t index) {
  if (first == index) {
    first = last = EventTree::kNone;
    return;
  }
  uint32_t before = first;
  while (items[before].*next != index) before = items[before].*next;
  items[before].*next = EventTree::kNone;
  last = before;
}

}  // namespace

void EventTree::clear() {
  elements_.clear();
  attributes_.clear();
  stack_.clear();
  text_.clear();
  run_.clear();
  attribute_open_ = false;
}

void EventTree::open(std::string_view name) {
  end_attributes();
  end_run();
  const auto index = static_cast<uint32_t>(elements_.size());
  Element element;
  element.name = name;
  if (!stack_.empty()) {
    Element& parent = elements_[stack_.back()];
    element.parent = stack_.back();
    if (parent.last_child == kNone) {
      parent.first_child = index;
    } else {
      elements_[parent.last_child].next_sibling = index;
    }
    parent.last_child = index;
  }
  elements_.push_back(element);
  stack_.push_back(index);
}

void EventTree::attribute(std::string_view name) {
  end_attributes();
  if (stack_.empty()) return;
  Element& element = elements_[stack_.back()];
  const auto index = static_cast<uint32_t>(attributes_.size());
  Attribute a;
  a.name = name;
  a.value_begin = static_cast<uint32_t>(text_.size());
  attributes_.push_back(a);
  if (element.last_attribute == kNone) {
    element.first_attribute = index;
  } else {
    attributes_[element.last_attribute].next = index;
  }
  element.last_attribute = index;
  attribute_open_ = true;
}

void EventTree::end_attributes() {
  if (!attribute_open_) return;
  attribute_open_ = false;
  Attribute& a = attributes_.back();
  normalise_attribute_blanks(text_, a.value_begin);
  a.value_size = static_cast<uint32_t>(text_.size() - a.value_begin);
}

void EventTree::drop_attribute_if_empty() {
  if (!attribute_open_ || text_.size() != attributes_.back().value_begin) return;
  attribute_open_ = false;
  const auto index = static_cast<uint32_t>(attributes_.size() - 1);
  Element& element = elements_[stack_.back()];
  unlink_last(attributes_, &Attribute::next, element.first_attribute, element.last_attribute,
              index);
  attributes_.pop_back();
}

void EventTree::close() {
  end_attributes();
  end_run();
  if (!stack_.empty()) stack_.pop_back();
}

void EventTree::drop_open_element() {
  if (stack_.empty()) return;
  attribute_open_ = false;
  run_.clear();
  const uint32_t index = stack_.back();
  stack_.pop_back();
  const Element element = elements_[index];
  if (element.first_attribute != kNone) attributes_.resize(element.first_attribute);
  if (element.parent != kNone) {
    Element& parent = elements_[element.parent];
    unlink_last(elements_, &Element::next_sibling, parent.first_child, parent.last_child, index);
  }
  elements_.resize(index);
}

void EventTree::end_run() {
  if (run_.empty()) return;
  if (!stack_.empty() && !elements_[stack_.back()].has_text && !is_blank(run_)) {
    Element& element = elements_[stack_.back()];
    const size_t begin = text_.size();
    text_ += run_;
    normalise_line_ends(text_, begin);
    element.text_begin = static_cast<uint32_t>(begin);
    element.text_size = static_cast<uint32_t>(text_.size() - begin);
    element.has_text = true;
  }
  run_.clear();
}

uint32_t EventTree::child(uint32_t element, std::string_view name) const {
  if (element == kNone) return kNone;
  for (uint32_t c = elements_[element].first_child; c != kNone; c = elements_[c].next_sibling) {
    if (local_name(elements_[c].name) == name) return c;
  }
  return kNone;
}

std::string_view EventTree::attribute_value(uint32_t element, std::string_view name) const {
  if (element == kNone) return {};
  for (uint32_t a = elements_[element].first_attribute; a != kNone; a = attributes_[a].next) {
    if (local_name(attributes_[a].name) == name) return value(attributes_[a]);
  }
  return {};
}

std::string_view EventTree::text_of(uint32_t element) const {
  return element == kNone ? std::string_view() : text(elements_[element]);
}

void EventTree::read_event_data(uint32_t event_data, Record& record) const {
  size_t position = 0;
  for (uint32_t c = elements_[event_data].first_child; c != kNone; c = elements_[c].next_sibling) {
    const std::string_view name = local_name(elements_[c].name);
    if (name == "Data") {
      const std::string_view field = attribute_value(c, "Name");
      record.data.push_back(
          {field.empty() ? std::to_string(position) : std::string(field), std::string(text_of(c))});
      ++position;
    } else if (name == "Binary") {
      record.data.push_back({"Binary", std::string(text_of(c))});
    }
  }
}

// Every element below UserData in document order: data Element=text for a leaf with text, and
// Element.attribute=value for each attribute but the namespace declarations.
void EventTree::read_user_data(uint32_t user_data, Record& record) const {
  // Elements were appended in document order, so the subtree is the range that follows.
  for (uint32_t i = user_data + 1; i < elements_.size(); ++i) {
    uint32_t up = elements_[i].parent;
    while (up != kNone && up > user_data) up = elements_[up].parent;
    if (up != user_data) break;
    const Element& e = elements_[i];
    const std::string_view name = local_name(e.name);
    for (uint32_t a = e.first_attribute; a != kNone; a = attributes_[a].next) {
      const std::string_view attribute_name = attributes_[a].name;
      if (attribute_name == "xmlns" || attribute_name.starts_with("xmlns:")) continue;
      std::string field;
      field.reserve(name.size() + 1 + attribute_name.size());
      field.append(name).append(1, '.').append(local_name(attribute_name));
      record.data.push_back({std::move(field), std::string(value(attributes_[a]))});
    }
    if (e.first_child == kNone && e.has_text) {
      record.data.push_back({std::string(name), std::string(text(e))});
    }
  }
}

bool EventTree::to_record(Record& record) const {
  if (elements_.empty() || local_name(elements_[0].name) != "Event") return false;
  const uint32_t event = 0;
  const uint32_t system = child(event, "System");
  if (system == kNone) return false;

  const uint32_t provider = child(system, "Provider");
  record.component.assign(attribute_value(provider, "Name"));
  record.provider_alias.assign(attribute_value(provider, "EventSourceName"));
  const std::string_view id_text = trim(text_of(child(system, "EventID")), kXmlSpace);
  uint64_t id = 0;
  auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (!id_text.empty() && error == std::errc() && end == id_text.data() + id_text.size() &&
      id <= UINT32_MAX) {
    record.event_id = static_cast<uint32_t>(id & 0xffff);
  }
  record.level = event_level(text_of(child(system, "Level")));
  const std::string_view system_time =
      trim(attribute_value(child(system, "TimeCreated"), "SystemTime"), kXmlSpace);
  if (!system_time.empty()) record.time = parse_iso8601(system_time);
  record.channel.assign(text_of(child(system, "Channel")));
  record.host.assign(text_of(child(system, "Computer")));
  record.thread.assign(attribute_value(child(system, "Execution"), "ThreadID"));

  if (const uint32_t data = child(event, "EventData"); data != kNone) read_event_data(data, record);
  if (const uint32_t data = child(event, "UserData"); data != kNone) read_user_data(data, record);
  record.message.assign(text_of(child(child(event, "RenderingInfo"), "Message")));
  return true;
}

}  // namespace certdiag::evtx
