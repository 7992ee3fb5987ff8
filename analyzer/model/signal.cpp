#include "model/signal.h"

namespace certdiag {

const std::string* Signal::capture(std::string_view name) const {
  for (const auto& item : captures) {
    if (item.name == name) return &item.value;
  }
  return nullptr;
}

}  // namespace certdiag
