// Splits Windows event XML into Records: `wevtutil qe /f:xml` (events one or several to a line,
// with or without the /e:root `<Events>` wrapper) and Event Viewer "Save as XML" (often
// pretty-printed over many lines). Streams one `<Event>…</Event>` fragment at a time, never the
// whole file. Does not render message texts the export lacks; see match/ for their meaning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tokenize/tokenizer.h"

namespace certdiag {

// Fills the event fields of `record` from one `<Event>` element's XML; `record` is expected
// cleared (Tokenizer::reset) and its line and source are left as they are. Returns false when the
// text is not well-formed XML or its root is no Event holding a System element. The mapping:
//   System/Provider@Name -> component, @EventSourceName -> provider_alias;
//   EventID -> event_id, low 16 bits (Qualifiers are dropped: Record has no field for them);
//   Level 1, 2 -> error, 3 -> warning, 0, 4 -> info, 5 -> verbose, others unknown;
//   TimeCreated@SystemTime -> time (UTC); Channel -> channel; Computer -> host;
//   Execution@ThreadID -> thread; RenderingInfo/Message -> message (Event Viewer exports);
//   EventData: <Data Name="X">v</Data> -> data X=v, an unnamed <Data> -> data "0", "1", … by its
//   position among the Data elements, <Binary>hex</Binary> -> data Binary=hex;
//   UserData: every element in it, in document order, gives data Element=text when it holds
//   text and no elements, and data Element.attribute=value per attribute but xmlns (CAPI2 keeps
//   its facts in attributes: Result.value=800B010A). A name may repeat.
// `time_unparsed`, when given, is set when a SystemTime is present but does not parse.
bool parse_event_xml(std::string_view xml, Record& record, bool* time_unparsed = nullptr);

// The Level an event's <Level> text gives, as parse_event_xml() maps it.
Level event_level(std::string_view text);

class EventXmlTokenizer final : public Tokenizer {
 public:
  // Events longer than this are not understood and skipped, so that a broken export cannot make
  // the tokenizer hold a whole file.
  static constexpr size_t kMaxEventBytes = size_t{4} << 20;

  explicit EventXmlTokenizer(RecordSink sink, size_t max_event_bytes = kMaxEventBytes)
      : Tokenizer(std::move(sink)), max_event_bytes_(max_event_bytes) {}

  std::string_view name() const override { return "event-xml"; }
  // Lines that only wrap the events (`<?xml …?>`, `<Events>`, `</Events>`, blank lines) count as
  // structure; other lines outside events, and the lines of an event that is malformed, cut short
  // or too long, as not understood. The tokenizer resynchronises at the next `<Event`.
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  // Finds the events that buffer_ now completes, from scanned_ on, and emits them.
  void scan();
  // Parses the event in `xml`, which started on first_line_ and ends on `last_line`, and emits
  // it, or counts its lines as not understood.
  void close_event(std::string_view xml, uint64_t last_line);
  // Counts the lines from first_line_ through `last` as not understood.
  void not_understood_through(uint64_t last);
  uint64_t line_at(size_t offset);
  // Drops the text before the open event, or all but a tail a split tag may start in.
  void compact();
  // Counts the pending line, unless a record covered it: as structure when all its pieces only
  // wrap events, else as not understood.
  void settle_pending();

  size_t max_event_bytes_;
  std::string buffer_;        // the open event, or a short tail; lines joined by '\n'
  uint64_t buffer_line_ = 0;  // line of buffer_'s first byte
  size_t cursor_offset_ = 0;  // line_at()'s last answer: this offset of buffer_ ...
  uint64_t cursor_line_ = 0;  // ... is on this line
  size_t scanned_ = 0;        // buffer_ holds no tag of interest before this, except the open start
  size_t event_start_ = 0;    // where the open event starts in buffer_
  bool open_ = false;
  bool skipping_ = false;          // inside an event too long to keep, until its `</Event>`
  uint64_t first_line_ = 0;        // line of the open event's start
  uint64_t last_line_ = 0;         // last line fed
  uint64_t pending_line_ = 0;      // a line outside events whose pieces may not all be in; 0: none
  bool pending_wrapping_ = false;  // its pieces so far only wrap events
  Record record_;
};

// Whether a line shows Windows event XML: an `<Event` tag in the events namespace or an
// `<Events>` root.
bool is_event_xml_line(std::string_view line);

}  // namespace certdiag
