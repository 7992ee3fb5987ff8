// Decides the day/month order of one source's locale-dependent dates from its own unambiguous
// dates (a field over 12), holding back the records whose date is ambiguous until it is decided.
// When no date decides (or too many wait), the order given by --date-order is used, else month
// first, and the order counts as assumed. Used by tokenizers of layouts copied or exported in a
// machine's locale (tokenize/cmtrace_copy.h, dotnet_trace.h, event_text.h).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include "model/record.h"
#include "model/time_parse.h"
#include "tokenize/event_export.h"

namespace certdiag {

class DatedRecords {
 public:
  struct Sinks {
    std::function<void(Record&)> emit;
    std::function<void(uint64_t)> not_understood;  // a line that belongs to no record
    std::function<void(uint64_t)> structure;       // a line that is layout (a blank separator)
    std::function<void()> time_unparsed;           // a record whose time was present, not read
  };

  // Records waiting for the order; past this many, the default order is taken.
  static constexpr size_t kMaxWaiting = 4096;

  // `preset` is --date-order (unknown when not given); `zone` is --input-tz.
  DatedRecords(DateOrder preset, InputZone zone, Sinks sinks)
      : preset_(preset), zone_(std::move(zone)), sinks_(std::move(sinks)) {}

  // The zone local times are read in (--input-tz).
  const InputZone& zone() const { return zone_; }

  // Whether `date_time` is a numeric date whose day/month order depends on the writer's locale
  // ("13/06/2014 22:13:39", "6/13/2014 10:13:39 PM"; not "2014-06-13 …" nor "13.06.2014 …").
  static bool depends_on_locale(std::string_view date_time);

  // Takes a record whose local date and time read `date_time` (empty: the record has none).
  void push(Record record, std::string date_time);
  // As push, for a record the caller reuses: handed on in place when nothing waits (its strings
  // keep their capacity), moved from when it must wait.
  void push_reused(Record& record, std::string_view date_time);
  void push_not_understood(uint64_t line_no);
  void push_structure(uint64_t line_no);
  // Decides the order if nothing did and hands on everything still waiting.
  void finish();

  DateOrder order() const { return order_; }
  // Whether the order was taken by default rather than read from the source or --date-order.
  bool assumed() const { return assumed_; }

 private:
  struct Waiting {
    enum class Kind { record, not_understood, structure } kind;
    Record record;
    std::string date_time;
    uint64_t line_no = 0;
  };

  void decide(DateOrder order, bool assumed);
  void release(Waiting& item);
  // Reads a record's date in the decided order and hands it on.
  void settle(Record& record, std::string_view date_time);

  DateOrder preset_;
  InputZone zone_;
  Sinks sinks_;
  DateOrder order_ = DateOrder::unknown;
  bool assumed_ = false;
  std::deque<Waiting> waiting_;
};

}  // namespace certdiag
