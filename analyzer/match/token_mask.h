// Masks the variable parts of log message tokens — numbers, hex, GUIDs, IPs, paths, times — so
// that messages differing only in them read alike, and turns a masked template back into an RE2
// pattern. Does not cluster; see match/template_miner.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace certdiag {

inline constexpr std::string_view kWildcard = "<*>";  // a token that differs between messages
inline constexpr std::string_view kEllipsis = "…";    // the rest of a long message

struct MaskLimits {
  size_t max_tokens = 40;        // a longer text ends with "…"
  size_t max_token_bytes = 64;   // a longer unmasked token is <*>
  size_t max_text_bytes = 4096;  // only this much of a text is read
};

// RE2's \s, so that a template's regex splits a message exactly where the masking did.
bool is_mask_space(char c);

// The masked tokens of `text` into `tokens` (reusing its strings); the last is "…" when the
// text had more than max_tokens.
void mask_tokens_into(std::string_view text, const MaskLimits& limits,
                      std::vector<std::string>& tokens);

// The mask a token would take ("<NUM>", "<HEX>", "<GUID>", "<IP>", "<PATH>", "<TIME>"), or
// the token itself; for tests and the masking table in the README.
std::string mask_text(std::string_view text);

// `text` as an RE2 pattern that matches it literally: metacharacters escaped, control
// characters as \xNN, the rest (spaces, UTF-8) as written so the pattern stays readable.
std::string regex_escape(std::string_view text);

// An RE2 pattern that matches every message of a template: literal tokens escaped, masks and
// <*> as the token classes they stand for, whitespace as \s+; it stops at a final "…" or after
// `max_tokens` tokens.
std::string template_regex(std::string_view template_text, size_t max_tokens = SIZE_MAX);

}  // namespace certdiag
