#include <gtest/gtest.h>

#include "rules/yaml_aliases.h"

namespace certdiag {
namespace {

// Wherever YAML lets a node start, an anchor there is found (an alias needs one before it).
TEST(YamlAliases, FindsAnchorsAndAliasesWhereverANodeStarts) {
  EXPECT_EQ(first_yaml_alias_line("a: 1\nb: &x 2\n"), 2);
  EXPECT_EQ(first_yaml_alias_line("a: &x 1\nb: *x\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("&x a: 1\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("list:\n  - &x 1\n  - *x\n"), 2);
  EXPECT_EQ(first_yaml_alias_line("list:\n  -\t&x 1\n"), 2);
  EXPECT_EQ(first_yaml_alias_line("a: [1,&x 2]\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("a: [&x 2, *x]\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("a: {b: 1,c: &y 2}\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("a: {\"b\":&x 2}\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("? &k a\n: 1\n"), 1);
  EXPECT_EQ(first_yaml_alias_line("a:\r\n  &x b: 1\r\n"), 2);
}

// Regexes and prose hold '*' and '&' inside scalars: no anchor, whether or not a second parse
// looks (quoted text that looks like an alias is parsed and found to be a scalar).
TEST(YamlAliases, LeavesStarsAndAmpersandsInsideScalarsAlone) {
  EXPECT_EQ(first_yaml_alias_line("message: 'error.*0x80090016'\n"), 0);
  EXPECT_EQ(first_yaml_alias_line("message: error\\s*(?P<code>\\d+)*x\n"), 0);
  EXPECT_EQ(first_yaml_alias_line("title: Certificates&keys\n"), 0);
  EXPECT_EQ(first_yaml_alias_line("title: 'Certificates & keys *really*'\n"), 0);
  EXPECT_EQ(first_yaml_alias_line("text: |\n  * a bullet\n  & more\n"), 0);
}

}  // namespace
}  // namespace certdiag
