#include "tokenize/dated_records.h"

#include <algorithm>

namespace certdiag {

bool DatedRecords::depends_on_locale(std::string_view date_time) {
  const size_t separator = date_time.find_first_of("/.-");
  if (separator == std::string_view::npos || separator > 2 || date_time[separator] == '.') {
    return false;
  }
  return parse_local_date_time(date_time, DateOrder::dmy).has_value() ||
         parse_local_date_time(date_time, DateOrder::mdy).has_value();
}

void DatedRecords::push(Record record, std::string date_time) { push_reused(record, date_time); }

void DatedRecords::push_reused(Record& record, std::string_view date_time) {
  if (order_ == DateOrder::unknown) {
    const DateOrder evidence = date_order_evidence(date_time);
    // A year-first date says nothing about the day/month dates around it.
    if (evidence == DateOrder::dmy || evidence == DateOrder::mdy) {
      decide(evidence, false);
    } else if (preset_ != DateOrder::unknown) {
      decide(preset_, false);
    }
  }
  // A record without a date waits only behind records that wait.
  if (order_ != DateOrder::unknown || (waiting_.empty() && date_time.empty())) {
    settle(record, date_time);
    return;
  }
  waiting_.push_back({Waiting::Kind::record, std::move(record), std::string(date_time)});
  if (waiting_.size() >= kMaxWaiting) decide(DateOrder::mdy, true);
}

void DatedRecords::push_not_understood(uint64_t line_no) {
  if (waiting_.empty()) {
    sinks_.not_understood(line_no);
  } else {
    waiting_.push_back({Waiting::Kind::not_understood, {}, {}, line_no});
  }
}

void DatedRecords::push_structure(uint64_t line_no) {
  if (waiting_.empty()) {
    sinks_.structure(line_no);
  } else {
    waiting_.push_back({Waiting::Kind::structure, {}, {}, line_no});
  }
}

void DatedRecords::finish() {
  if (order_ == DateOrder::unknown) {
    // Nothing decided: --date-order, else month first (en-US, the most common copying locale).
    const bool any_date = std::any_of(waiting_.begin(), waiting_.end(),
                                      [](const Waiting& item) { return !item.date_time.empty(); });
    if (preset_ != DateOrder::unknown) {
      decide(preset_, false);
    } else {
      // Month first (en-US, the most common copying locale); a source without dates has no order.
      decide(any_date ? DateOrder::mdy : DateOrder::unknown, any_date);
    }
  }
}

void DatedRecords::decide(DateOrder order, bool assumed) {
  order_ = order;
  assumed_ = assumed;
  while (!waiting_.empty()) {
    Waiting item = std::move(waiting_.front());
    waiting_.pop_front();
    release(item);
  }
}

void DatedRecords::release(Waiting& item) {
  switch (item.kind) {
    case Waiting::Kind::not_understood:
      sinks_.not_understood(item.line_no);
      return;
    case Waiting::Kind::structure:
      sinks_.structure(item.line_no);
      return;
    case Waiting::Kind::record:
      settle(item.record, item.date_time);
      return;
  }
}

void DatedRecords::settle(Record& record, std::string_view date_time) {
  if (!date_time.empty()) {
    record.local_time.assign(date_time);
    if (auto wall = parse_local_date_time(date_time, order_)) {
      record.time = zone_.to_utc(*wall);
      record.time_assumed = true;
    } else {
      sinks_.time_unparsed();
    }
  }
  sinks_.emit(record);
}

}  // namespace certdiag
