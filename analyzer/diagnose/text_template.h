// Fills `{name}` placeholders of a pack's explanation or remediation text with the captures of
// the signals that support a diagnosis. Does not evaluate conditions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/signal.h"

namespace certdiag {

// Replaces each {name} with the first value captured under that name by the signals (in their
// order), {host} with the host (or words saying the logs do not name it); other placeholders
// with no value are left as written; `{name|words}` puts the words where no signal captured name.
std::string fill_template(std::string_view text, const std::vector<const Signal*>& signals);

}  // namespace certdiag
