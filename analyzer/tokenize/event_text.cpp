#include "tokenize/event_text.h"

#include <algorithm>

#include "model/text.h"
#include "tokenize/event_labels.h"
#include "tokenize/event_xml.h"

namespace certdiag {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// `Event[N]` with an optional ':' (wevtutil writes both).
bool is_event_start(std::string_view line) {
  constexpr std::string_view kOpen = "Event[";
  if (!line.starts_with(kOpen)) return false;
  size_t i = kOpen.size();
  const size_t digits = i;
  while (i < line.size() && is_digit(line[i])) ++i;
  if (i == digits || i == line.size() || line[i] != ']') return false;
  ++i;
  if (i < line.size() && line[i] == ':') ++i;
  return trim(line.substr(i)).empty();
}

struct Labelled {
  std::string_view label;
  std::string_view value;
  size_t value_column = 0;  // Format-List: where the value begins
};

// An indented wevtutil field `  Label: value`; labels are words and spaces.
bool parse_wevtutil_field(std::string_view line, Labelled& out) {
  if (line.empty() || !is_blank(line[0])) return false;
  size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  const size_t begin = i;
  if (i == line.size() || !is_letter(line[i])) return false;
  while (i < line.size() && (is_letter(line[i]) || line[i] == ' ')) ++i;
  if (i == line.size() || line[i] != ':') return false;
  out.label = trim(line.substr(begin, i - begin));
  out.value = trim(line.substr(i + 1));
  return true;
}

// A Format-List property `Name<spaces>: value` starting at column 0.
bool parse_list_field(std::string_view line, Labelled& out) {
  if (line.empty() || !is_letter(line[0])) return false;
  size_t i = 0;
  while (i < line.size() && (is_letter(line[i]) || is_digit(line[i]))) ++i;
  const size_t name_end = i;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i == name_end || i == line.size() || line[i] != ':') return false;
  if (i + 1 < line.size() && line[i + 1] != ' ') return false;
  out.label = line.substr(0, name_end);
  out.value_column = i + 2;
  out.value = trim(line.substr(std::min(i + 1, line.size())));
  return true;
}

bool is_label(std::string_view label, std::string_view a, std::string_view b) {
  return iequals(label, a) || iequals(label, b);
}

// A numeric Format-List `Level` (StandardEventLevel); nullopt when the value is not one.
std::optional<Level> level_of_number(std::string_view value) {
  if (value.size() != 1 || !is_digit(value[0])) return std::nullopt;
  switch (value[0]) {
    case '0':  // LogAlways: classic and audit events that Windows shows as Information
    case '4':
      return Level::info;
    case '1':
    case '2':
      return Level::error;
    case '3':
      return Level::warning;
    case '5':
      return Level::verbose;
    default:
      return std::nullopt;
  }
}

// Whether a "Copy details as text" line may open a block where Format-List could also read it:
// Format-List pads names to a column, so a space before the colon means Format-List unless the
// label (a log label such as French `Nom du journal :`) holds spaces of its own.
bool opens_viewer_block(std::string_view line, const EventLabelLine& field) {
  if (field.field == EventField::log) return true;
  const size_t colon = line.find(':');
  return colon == std::string_view::npos || colon == 0 || line[colon - 1] != ' ';
}

unsigned bit(EventField field) { return 1u << static_cast<unsigned>(field); }

// Fields that, after a blank line, begin the next event of a paste whose block lacks its log line.
bool begins_block(EventField field) {
  return field == EventField::source || field == EventField::event_id ||
         field == EventField::date || field == EventField::level;
}

constexpr size_t kMaxXmlBytes = size_t{1} << 20;

}  // namespace

EventTextTokenizer::EventTextTokenizer(RecordSink sink, const TokenizeOptions& options)
    : Tokenizer(std::move(sink)), dated_(dated_records(options)) {}

void EventTextTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (line_no == last_line_) {
    // The next piece of a split long line: only message text is long enough to be split.
    if (mode_ == Mode::viewer_xml) {
      if (xml_.size() < kMaxXmlBytes) xml_.append(line);
    } else if (mode_ != Mode::none && in_message_) {
      append_message(record_.message, line);
    }
    return;
  }
  last_line_ = line_no;
  if (is_event_start(line)) {
    close();
    open(Mode::wevtutil_header, line_no);
    return;
  }
  const bool blank = trim(line).empty();
  if (mode_ == Mode::viewer_xml) {
    feed_viewer(line, line_no);
    return;
  }
  if (blank && mode_ != Mode::none) {
    // Blank lines inside a record or after it: which, the next line tells.
    if (blank_from_ == 0) blank_from_ = line_no;
    blank_to_ = line_no;
    return;
  }
  Labelled field;
  EventLabelLine viewer_field;
  switch (mode_) {
    case Mode::none:
      if (!blank && parse_event_label_line(line, viewer_field) &&
          opens_viewer_block(line, viewer_field)) {
        open(Mode::viewer_header, line_no);
        feed_viewer(line, line_no);
      } else if (!blank && parse_list_field(line, field)) {
        open(Mode::list, line_no);
        feed_list(line, line_no);
      } else if (blank) {
        dated_.push_structure(line_no);
      } else if (!closed_any_) {
        // Text before the first block: a paste cut in the middle of a description.
        open(Mode::viewer_description, line_no);
        fragment_ = true;
        in_message_ = true;
        append_message_line(line, line_no);
      } else {
        dated_.push_not_understood(line_no);
      }
      return;
    case Mode::wevtutil_header:
      if (parse_wevtutil_field(line, field)) {
        content_line_ = line_no;
        blank_from_ = 0;
        if (iequals(field.label, "Description")) {
          mode_ = Mode::wevtutil_description;
          in_message_ = true;
          if (!field.value.empty()) append_message_line(field.value, line_no);
        } else {
          take(field.label, field.value);
        }
        return;
      }
      // Text that is no field: the description began without its label.
      mode_ = Mode::wevtutil_description;
      in_message_ = true;
      append_message_line(line, line_no);
      return;
    case Mode::wevtutil_description:
      append_message_line(line, line_no);
      return;
    case Mode::list:
      feed_list(line, line_no);
      return;
    case Mode::viewer_header:
    case Mode::viewer_description:
    case Mode::viewer_xml:
      feed_viewer(line, line_no);
      return;
  }
}

void EventTextTokenizer::finish() {
  close();
  dated_.finish();
  set_date_order(date_order_name(dated_.order()), dated_.assumed());
}

void EventTextTokenizer::open(Mode mode, uint64_t line_no) {
  reset(record_, line_no);
  mode_ = mode;
  content_line_ = line_no;
  blank_from_ = 0;
  numeric_level_ = false;
  time_failed_ = false;
  in_message_ = false;
  first_label_.clear();
  list_labels_.clear();
  spaced_ = false;
  value_column_ = 0;
  viewer_fields_ = 0;
  date_text_.clear();
  time_text_.clear();
  xml_.clear();
  xml_time_ = false;
  fragment_ = false;
}

void EventTextTokenizer::close() {
  if (mode_ == Mode::none) return;
  record_.line_count = static_cast<uint32_t>(content_line_ - record_.line + 1);
  if (mode_ == Mode::viewer_header || mode_ == Mode::viewer_description ||
      mode_ == Mode::viewer_xml) {
    settle_viewer_time();
  }
  mode_ = Mode::none;
  in_message_ = false;
  // A slash date without a zone reads day or month first as the source's other dates decide;
  // the event's own UTC time (its XML) needs no such reading.
  std::string locale_date;
  if (!xml_time_ && DatedRecords::depends_on_locale(record_.local_time)) {
    locale_date = std::move(record_.local_time);
    record_.time.reset();
    record_.time_assumed = false;
  } else if (time_failed_) {
    time_unparsed();
  }
  dated_.push_reused(record_, locale_date);
  closed_any_ = true;
  // Blank lines after the last text separate records; they carry nothing.
  if (blank_from_ != 0) {
    for (uint64_t line = blank_from_; line <= blank_to_; ++line) dated_.push_structure(line);
  }
  blank_from_ = 0;
}

void EventTextTokenizer::take(std::string_view label, std::string_view value) {
  if (is_label(label, "Source", "ProviderName")) {
    record_.component.assign(value);
  } else if (is_label(label, "Event ID", "Id")) {
    record_.event_id = parse_event_id(value);
  } else if (iequals(label, "Level")) {
    if (auto level = level_of_number(value)) {
      record_.level = *level;
      numeric_level_ = true;  // the number does not depend on the exporting machine's language
    } else if (!numeric_level_) {
      record_.level = level_of_word(value);
    }
  } else if (iequals(label, "LevelDisplayName")) {
    if (!numeric_level_) record_.level = level_of_word(value);
  } else if (is_label(label, "Date", "TimeCreated")) {
    // Counted when the record closes: a record that repeats its Date still has one time.
    if (!value.empty()) time_failed_ = !read_export_time(value, dated_.zone(), record_);
  } else if (is_label(label, "Computer", "MachineName")) {
    record_.host.assign(value);
  } else if (is_label(label, "Log Name", "LogName")) {
    record_.channel.assign(value);
  }
}

void EventTextTokenizer::append_message_line(std::string_view text, uint64_t line_no) {
  if (!record_.message.empty()) {
    const uint64_t blanks = blank_from_ != 0 ? line_no - blank_from_ : 0;
    append_message(record_.message, std::string(static_cast<size_t>(blanks) + 1, '\n'));
  }
  append_message(record_.message, text);
  content_line_ = line_no;
  blank_from_ = 0;
}

void EventTextTokenizer::feed_list(std::string_view line, uint64_t line_no) {
  if (is_blank(line[0])) {
    // A value continued on a line indented to its column (in a re-spaced paste, after a blank
    // line that the paste added).
    if (spaced_) blank_from_ = 0;
    if (in_message_) {
      size_t indent = 0;
      while (indent < value_column_ && indent < line.size() && line[indent] == ' ') ++indent;
      std::string_view text = line.substr(indent);
      while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
      append_message_line(text, line_no);
    } else {
      content_line_ = line_no;
      blank_from_ = 0;
    }
    return;
  }
  Labelled field;
  if (!parse_list_field(line, field)) {
    // Text at column 0 that is no property ends the record and belongs to none.
    close();
    dated_.push_not_understood(line_no);
    return;
  }
  // A blank line, or a property the record already has, starts the next record; but not in a
  // re-spaced paste (see the header).
  const bool known =
      std::any_of(list_labels_.begin(), list_labels_.end(),
                  [&](const std::string& label) { return iequals(label, field.label); });
  const bool respaced = blank_from_ != 0 && !known &&
                        (list_labels_.size() == 1 || (spaced_ && !list_labels_.empty()));
  if (respaced) {
    spaced_ = true;
    blank_from_ = 0;
  } else if (blank_from_ != 0 || known) {
    close();
    open(Mode::list, line_no);
  }
  if (first_label_.empty()) first_label_.assign(field.label);
  list_labels_.emplace_back(field.label);
  value_column_ = field.value_column;
  content_line_ = line_no;
  blank_from_ = 0;
  in_message_ = iequals(field.label, "Message");
  if (in_message_) {
    record_.message.assign(field.value);
  } else {
    take(field.label, field.value);
  }
}

void EventTextTokenizer::feed_viewer(std::string_view line, uint64_t line_no) {
  if (mode_ == Mode::viewer_xml) {
    if (xml_.size() < kMaxXmlBytes) {
      xml_.append(line);
      xml_.push_back('\n');
    }
    content_line_ = line_no;
    if (line.find("</Event>") != std::string_view::npos) close_viewer_xml(line_no);
    return;
  }
  EventLabelLine field;
  const bool labelled = parse_event_label_line(line, field);
  if (labelled && (viewer_fields_ != 0 || fragment_)) {
    const bool next_block =
        field.field == EventField::log ||
        (mode_ == Mode::viewer_header && field.field != EventField::other &&
         (viewer_fields_ & bit(field.field)) != 0) ||
        (mode_ == Mode::viewer_description && blank_from_ != 0 && begins_block(field.field));
    if (next_block) {
      close();
      open(Mode::viewer_header, line_no);
    }
  }
  Labelled list_field;
  if (fragment_ && blank_from_ != 0 && !labelled && parse_list_field(line, list_field)) {
    // A Format-List block after the cut text.
    close();
    open(Mode::list, line_no);
    feed_list(line, line_no);
    return;
  }
  if (labelled && field.field == EventField::event_xml) {
    mode_ = Mode::viewer_xml;
    in_message_ = false;
    content_line_ = line_no;
    blank_from_ = 0;
    return;
  }
  if (mode_ == Mode::viewer_description || !labelled) {
    // Description text, which may itself hold `Name: value` lines.
    mode_ = Mode::viewer_description;
    in_message_ = true;
    append_message_line(line, line_no);
    return;
  }
  content_line_ = line_no;
  blank_from_ = 0;
  viewer_fields_ |= bit(field.field);
  in_message_ = false;
  switch (field.field) {
    case EventField::description:
      // `Description:` alone starts the text on the next line; a value on the same line is the
      // text (short pastes), after which more fields may still follow.
      if (field.value.empty()) {
        mode_ = Mode::viewer_description;
        in_message_ = true;
      } else {
        append_message_line(field.value, line_no);
        in_message_ = true;
      }
      break;
    case EventField::log:
      record_.channel.assign(field.value);
      break;
    case EventField::source:
      record_.component.assign(field.value);
      break;
    case EventField::event_id:
      record_.event_id = parse_event_id(field.value);
      break;
    case EventField::level:
      record_.level = level_of_localized_word(field.value);
      break;
    case EventField::computer:
      record_.host.assign(field.value);
      break;
    case EventField::date:
      date_text_.assign(field.value);
      break;
    case EventField::time:
      time_text_.assign(field.value);
      break;
    case EventField::event_xml:
    case EventField::other:
      break;
  }
}

void EventTextTokenizer::close_viewer_xml(uint64_t line_no) {
  Record xml;
  reset(xml, record_.line);
  bool xml_time_failed = false;
  if (const size_t start = xml_.find("<Event");
      start != std::string::npos &&
      parse_event_xml(std::string_view(xml_).substr(start), xml, &xml_time_failed)) {
    // The XML is the event itself: its facts fill what the text lacked, its data is all there is.
    if (!record_.event_id) record_.event_id = xml.event_id;
    if (record_.component.empty()) record_.component = std::move(xml.component);
    record_.provider_alias = std::move(xml.provider_alias);
    if (record_.host.empty()) record_.host = std::move(xml.host);
    if (record_.channel.empty()) record_.channel = std::move(xml.channel);
    if (record_.level == Level::unknown) record_.level = xml.level;
    if (record_.thread.empty()) record_.thread = std::move(xml.thread);
    if (record_.message.empty()) record_.message = std::move(xml.message);
    for (Field& data : xml.data) record_.data.push_back(std::move(data));
    if (xml.time) {
      record_.time = xml.time;
      record_.time_assumed = false;
      xml_time_ = true;
    }
  }
  content_line_ = line_no;
  blank_from_ = 0;
  close();
}

void EventTextTokenizer::settle_viewer_time() {
  if (xml_time_) return;
  std::string text = date_text_;
  if (!time_text_.empty() && !text.empty()) text += ' ' + time_text_;
  if (text.empty()) {
    // A Time without its Date is present but cannot be placed.
    if (!time_text_.empty()) time_failed_ = true;
    return;
  }
  time_failed_ = !read_export_time(text, dated_.zone(), record_);
}

bool is_event_text_line(std::string_view line) {
  if (is_event_start(line)) return true;
  EventLabelLine viewer_field;
  if (parse_event_label_line(line, viewer_field) &&
      (viewer_field.field == EventField::log || viewer_field.field == EventField::event_id)) {
    return true;
  }
  Labelled field;
  if (parse_wevtutil_field(line, field)) {
    return is_label(field.label, "Log Name", "Event ID");
  }
  if (parse_list_field(line, field)) {
    for (std::string_view name :
         {"TimeCreated", "ProviderName", "LevelDisplayName", "MachineName", "LogName"}) {
      if (field.label == name) return true;
    }
  }
  return false;
}

std::string_view event_text_layout(std::string_view line) {
  EventLabelLine viewer_field;
  if (parse_event_label_line(line, viewer_field)) return "Event Viewer \"Copy details as text\"";
  Labelled field;
  if (parse_list_field(line, field)) return "Get-WinEvent | Format-List";
  return "wevtutil /f:text";
}

}  // namespace certdiag
