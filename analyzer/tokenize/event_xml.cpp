#include "tokenize/event_xml.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <pugixml.hpp>
#include <string>

#include "model/text.h"
#include "model/thread_scratch.h"
#include "model/time_parse.h"

namespace certdiag {
namespace {

constexpr std::string_view kXmlSpace = " \t\r\n";

constexpr std::string_view kStart = "<Event";
constexpr std::string_view kClose = "</Event>";
// A tag split between two pieces of a long line is found by searching again this far back.
constexpr size_t kOverlap = kClose.size() - 1;

// The name without its namespace prefix: exports may write <e:Event>.
std::string_view local_name(const char* name) {
  std::string_view text(name);
  size_t colon = text.find(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

std::string_view attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == name) return a.value();
  }
  return {};
}

std::string_view text_of(pugi::xml_node node) { return node.text().get(); }

bool parse_number(std::string_view text, uint64_t& value) {
  text = trim(text, kXmlSpace);
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool has_element_child(pugi::xml_node node) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return true;
  }
  return false;
}

void add_field(Record& record, std::string_view name, std::string_view value) {
  record.data.push_back({std::string(name), std::string(value)});
}

void read_event_data(pugi::xml_node event_data, Record& record) {
  size_t position = 0;
  for (pugi::xml_node node = event_data.first_child(); node; node = node.next_sibling()) {
    if (node.type() != pugi::node_element) continue;
    std::string_view name = local_name(node.name());
    if (name == "Data") {
      std::string_view field = attribute(node, "Name");
      if (field.empty()) {
        add_field(record, std::to_string(position), text_of(node));
      } else {
        add_field(record, field, text_of(node));
      }
      ++position;
    } else if (name == "Binary") {
      add_field(record, "Binary", text_of(node));
    }
  }
}

void read_element(pugi::xml_node node, Record& record) {
  std::string_view name = local_name(node.name());
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view attribute_name = a.name();
    if (attribute_name == "xmlns" || attribute_name.starts_with("xmlns:")) continue;
    std::string field;
    field.reserve(name.size() + 1 + attribute_name.size());
    field.append(name).append(1, '.').append(local_name(a.name()));
    record.data.push_back({std::move(field), a.value()});
  }
  if (!has_element_child(node)) {
    std::string_view text = text_of(node);
    if (!text.empty()) add_field(record, name, text);
  }
}

// Walks every element below UserData in document order, without recursion: a hostile export may
// nest deeper than the stack allows.
void read_user_data(pugi::xml_node user_data, Record& record) {
  pugi::xml_node node = user_data.first_child();
  while (node) {
    if (node.type() == pugi::node_element) read_element(node, record);
    if (node.type() == pugi::node_element && node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node != user_data && !node.next_sibling()) node = node.parent();
    if (node == user_data) break;
    node = node.next_sibling();
  }
}

// Position of the first `<Event` start tag in `text` from `from`, or npos. The name must end
// there (`<Events>` and `<EventData>` are other elements); a name that ends the text counts only
// when `open_end`, since the next piece of a split line may continue it.
size_t find_start(std::string_view text, size_t from, bool open_end) {
  for (;;) {
    size_t at = text.find(kStart, from);
    if (at == std::string_view::npos) return at;
    size_t after = at + kStart.size();
    if (after == text.size()) return open_end ? at : std::string_view::npos;
    char c = text[after];
    if (c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '/') return at;
    from = at + 1;
  }
}

// Whether a line holds only what wraps the events of an export: blanks, the XML declaration and
// the <Events> root's tags.
bool is_wrapping(std::string_view line) {
  for (;;) {
    size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return true;
    line.remove_prefix(begin);
    size_t end = std::string_view::npos;
    if (line.starts_with("<?xml ")) {
      end = line.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (line.starts_with("<Events>") || line.starts_with("<Events ") ||
               line.starts_with("</Events>")) {
      end = line.find('>');
      if (end != std::string_view::npos) end += 1;
    }
    if (end == std::string_view::npos) return false;
    line.remove_prefix(end);
  }
}

}  // namespace

Level event_level(std::string_view text) {
  uint64_t value = 0;
  if (!parse_number(text, value)) return Level::unknown;
  switch (value) {
    case 1:  // critical
    case 2:
      return Level::error;
    case 3:
      return Level::warning;
    case 0:  // LogAlways
    case 4:
      return Level::info;
    case 5:
      return Level::verbose;
    default:
      return Level::unknown;
  }
}

bool parse_event_xml(std::string_view xml, Record& record, bool* time_unparsed) {
  thread_local ThreadScratch<pugi::xml_document> kept_document;
  pugi::xml_document& document = kept_document.get();
  pugi::xml_parse_result result =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) return false;
  pugi::xml_node event = document.document_element();
  if (local_name(event.name()) != "Event") return false;
  pugi::xml_node system = child(event, "System");
  if (!system) return false;

  pugi::xml_node provider = child(system, "Provider");
  record.component.assign(attribute(provider, "Name"));
  record.provider_alias.assign(attribute(provider, "EventSourceName"));
  uint64_t id = 0;
  if (parse_number(text_of(child(system, "EventID")), id) && id <= UINT32_MAX) {
    record.event_id = static_cast<uint32_t>(id & 0xffff);
  }
  record.level = event_level(text_of(child(system, "Level")));
  std::string_view system_time =
      trim(attribute(child(system, "TimeCreated"), "SystemTime"), kXmlSpace);
  if (!system_time.empty()) {
    record.time = parse_iso8601(system_time);
    if (!record.time && time_unparsed != nullptr) *time_unparsed = true;
  }
  record.channel.assign(text_of(child(system, "Channel")));
  record.host.assign(text_of(child(system, "Computer")));
  record.thread.assign(attribute(child(system, "Execution"), "ThreadID"));

  if (pugi::xml_node event_data = child(event, "EventData")) read_event_data(event_data, record);
  if (pugi::xml_node user_data = child(event, "UserData")) read_user_data(user_data, record);
  record.message.assign(text_of(child(child(event, "RenderingInfo"), "Message")));
  return true;
}

void EventXmlTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (line_no != pending_line_) settle_pending();
  // A line that starts inside an event is never mere wrapping, even when blank.
  const bool inside = open_ || skipping_;
  // Pieces of a split long line join without a break; lines join with one.
  if (buffer_.empty()) {
    buffer_line_ = line_no;
    cursor_offset_ = 0;
    cursor_line_ = line_no;
  } else if (line_no != last_line_) {
    buffer_ += '\n';
  }
  buffer_.append(line);
  last_line_ = line_no;
  pending_wrapping_ =
      (line_no != pending_line_ || pending_wrapping_) && !inside && is_wrapping(line);
  pending_line_ = line_no;
  scan();
  compact();
  // A line in an open event is counted with it; any other is settled when its last piece is in.
  if (open_) pending_line_ = 0;
}

void EventXmlTokenizer::finish() {
  settle_pending();
  if (open_) not_understood_through(last_line_);
  open_ = false;
  skipping_ = false;
  buffer_.clear();
  scanned_ = 0;
}

void EventXmlTokenizer::settle_pending() {
  // A line a record covered is counted already, and these do nothing.
  if (pending_line_ == 0) return;
  if (pending_wrapping_) {
    structure_line(pending_line_);
  } else {
    not_understood_line(pending_line_);
  }
  pending_line_ = 0;
}

void EventXmlTokenizer::scan() {
  const std::string_view text = buffer_;
  for (;;) {
    if (skipping_) {
      // Inside an event too long to keep: it ends at its close, or at another event's start.
      size_t close = text.find(kClose, scanned_);
      size_t start = find_start(text.substr(0, close), scanned_, false);
      if (start != std::string_view::npos) {
        skipping_ = false;
        scanned_ = start;
      } else if (close != std::string_view::npos) {
        skipping_ = false;
        scanned_ = close + kClose.size();
      } else {
        scanned_ = std::max(scanned_, text.size() - std::min(text.size(), kOverlap));
        return;
      }
    }
    if (!open_) {
      size_t start = find_start(text, scanned_, false);
      if (start == std::string_view::npos) {
        scanned_ = std::max(scanned_, text.size() - std::min(text.size(), kOverlap));
        return;
      }
      open_ = true;
      event_start_ = start;
      first_line_ = line_at(start);
      scanned_ = start + 1;
    }
    // The open event ends at its close; a start before that means it was cut short.
    size_t close = text.find(kClose, scanned_);
    size_t next = find_start(text.substr(0, close), scanned_, false);
    if (next != std::string_view::npos) {
      not_understood_through(line_at(next) - 1);
      event_start_ = next;
      first_line_ = line_at(next);
      scanned_ = next + 1;
      continue;
    }
    if (close == std::string_view::npos) {
      if (text.size() - event_start_ > max_event_bytes_) {
        // Too long to keep: skip to its end, counting its lines as not understood.
        not_understood_through(last_line_ - 1);
        open_ = false;
        skipping_ = true;
      }
      scanned_ = std::max(scanned_, text.size() - std::min(text.size(), kOverlap));
      return;
    }
    const size_t end = close + kClose.size();
    close_event(text.substr(event_start_, end - event_start_), line_at(end - 1));
    open_ = false;
    scanned_ = end;
  }
}

void EventXmlTokenizer::close_event(std::string_view xml, uint64_t last_line) {
  bool time_unparsed_here = false;
  reset(record_, first_line_);
  if (xml.size() <= max_event_bytes_ && parse_event_xml(xml, record_, &time_unparsed_here)) {
    record_.line_count = static_cast<uint32_t>(last_line - first_line_ + 1);
    if (time_unparsed_here) time_unparsed();
    emit(record_);
  } else {
    // The last line may still hold a good event; the end of its feed counts it if not.
    not_understood_through(last_line - 1);
  }
}

void EventXmlTokenizer::not_understood_through(uint64_t last) {
  for (uint64_t line = first_line_; line <= last; ++line) not_understood_line(line);
}

uint64_t EventXmlTokenizer::line_at(size_t offset) {
  // Lines join with one '\n' and their numbers rise by one. Offsets asked for mostly rise, so
  // counting on from the last answer keeps a file of many events on one line linear.
  if (offset < cursor_offset_) {
    cursor_offset_ = 0;
    cursor_line_ = buffer_line_;
  }
  cursor_line_ += static_cast<uint64_t>(
      std::count(buffer_.begin() + static_cast<std::ptrdiff_t>(cursor_offset_),
                 buffer_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  cursor_offset_ = offset;
  return cursor_line_;
}

void EventXmlTokenizer::compact() {
  // Keep the open event, or the few bytes a tag split between pieces may start in.
  size_t keep = open_ ? event_start_ : std::min(scanned_, buffer_.size());
  if (keep == 0) return;
  buffer_line_ = line_at(keep);
  buffer_.erase(0, keep);
  cursor_offset_ = 0;
  cursor_line_ = buffer_line_;
  scanned_ -= keep;
  if (open_) event_start_ = 0;
}

bool is_event_xml_line(std::string_view line) {
  if (line.find("<Events>") != std::string_view::npos) return true;
  return find_start(line, 0, true) != std::string_view::npos &&
         line.find("schemas.microsoft.com/win/2004/08/events/event") != std::string_view::npos;
}

}  // namespace certdiag
