#include <gtest/gtest.h>

#include "model/utf8.h"

namespace certdiag {
namespace {

TEST(Utf8Prefix, NeverCutsACharacter) {
  const std::string_view text = "aé€𝄞";  // 1, 2, 3 and 4 bytes
  const std::string_view expected[] = {"",    "a",   "a",   "aé",  "aé",  "aé",
                                       "aé€", "aé€", "aé€", "aé€", "aé€𝄞"};
  for (size_t size = 0; size <= text.size(); ++size)
    EXPECT_EQ(utf8_prefix(text, size), expected[size]) << size;
  EXPECT_EQ(utf8_prefix(text, 100), text);
}

}  // namespace
}  // namespace certdiag
