#include "tokenize/plain.h"

#include "model/time_parse.h"

namespace certdiag {

void PlainTokenizer::feed(std::string_view line, uint64_t line_no) {
  if (open_ && line_no == record_.line) {
    append_message(record_.message, line);  // the next piece of a split long line
    return;
  }
  flush();
  if (line.find_first_not_of(" \t") == std::string_view::npos) {
    not_understood_line(line_no);
    return;
  }
  reset(record_, line_no);
  open_ = true;
  record_.message.assign(line);
  std::string_view stamp = find_timestamp(line);
  if (!stamp.empty()) {
    record_.time = parse_timestamp(stamp);
    if (!record_.time) time_unparsed();
  }
}

void PlainTokenizer::finish() { flush(); }

void PlainTokenizer::flush() {
  if (!open_) return;
  open_ = false;
  emit(record_);
}

}  // namespace certdiag
