// --context: the lines around evidence, read again from the files after the analysis.
#include <gtest/gtest.h>

#include <fstream>

#include "report/context.h"
#include "temp_dir.h"

namespace certdiag {
namespace {

using testing_support::TempDir;

SourceSummary source_of(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  SourceSummary source;
  source.name = path;
  source.format = "plain";
  source.bytes = text.size();
  return source;
}

std::vector<std::string> numbers_and_texts(const std::vector<const ContextLine*>& lines) {
  std::vector<std::string> out;
  for (const ContextLine* line : lines)
    out.push_back(std::to_string(line->number) + " " + line->text);
  return out;
}

TEST(EvidenceContext, KeepsTheLinesAroundEachWantedLineOnly) {
  TempDir dir;
  const std::string path = (dir.path() / "a.log").string();
  const auto source = source_of(path, "one\ntwo\nthree\r\nfour\nfive\nsix\nseven\neight\n");
  const auto context = EvidenceContext::read({source}, {{path, {2, 7}}}, 1);
  EXPECT_EQ(context.unavailable(path), "");
  EXPECT_EQ(numbers_and_texts(context.around(path, 2, false)), std::vector<std::string>{"1 one"});
  EXPECT_EQ(numbers_and_texts(context.around(path, 2, true)), std::vector<std::string>{"3 three"});
  EXPECT_EQ(numbers_and_texts(context.around(path, 7, true)), std::vector<std::string>{"8 eight"});
  EXPECT_TRUE(context.around(path, 5, false).empty()) << "line 4 was not asked for";
}

TEST(EvidenceContext, StopsAtTheStartAndEndOfTheFile) {
  TempDir dir;
  const std::string path = (dir.path() / "a.log").string();
  const auto source = source_of(path, "one\ntwo\n");
  const auto context = EvidenceContext::read({source}, {{path, {1, 2}}}, 3);
  EXPECT_TRUE(context.around(path, 1, false).empty());
  EXPECT_EQ(numbers_and_texts(context.around(path, 1, true)), std::vector<std::string>{"2 two"});
  EXPECT_TRUE(context.around(path, 2, true).empty());
}

TEST(EvidenceContext, DecodesUtf16AsTheAnalysisDid) {
  TempDir dir;
  const std::string path = (dir.path() / "a.log").string();
  std::string utf16 = "\xff\xfe";
  for (char c : std::string("ab\ncd\n")) utf16 += std::string{c, '\0'};
  const auto source = source_of(path, utf16);
  const auto context = EvidenceContext::read({source}, {{path, {2}}}, 1);
  EXPECT_EQ(numbers_and_texts(context.around(path, 2, false)), std::vector<std::string>{"1 ab"});
}

TEST(EvidenceContext, SaysWhyAnInputThatIsNoLongerThereAsReadHasNone) {
  TempDir dir;
  const std::string path = (dir.path() / "a.log").string();
  SourceSummary changed = source_of(path, "one\ntwo\n");
  changed.bytes = 3;
  SourceSummary stdin_source;
  stdin_source.name = "<stdin>";
  stdin_source.format = "plain";
  SourceSummary evtx = changed;
  evtx.name = "b.evtx";
  evtx.format = "evtx";
  const auto context = EvidenceContext::read({changed, stdin_source, evtx},
                                             {{path, {1}}, {"<stdin>", {1}}, {"b.evtx", {1}}}, 1);
  EXPECT_EQ(context.unavailable(path),
            "context not available: the file is not the bytes that were read");
  EXPECT_EQ(context.unavailable("<stdin>"),
            "context not available: it is not a file on disk (stdin or an archive member)");
  EXPECT_EQ(context.unavailable("b.evtx"),
            "context not available: it is a binary file, its lines are records");
  EXPECT_TRUE(context.around(path, 1, true).empty());
  Signal signal;
  signal.source = "<stdin>";
  signal.line = 1;
  std::set<std::string> noted;
  EXPECT_EQ(context.grep_lines(signal, false, noted),
            std::vector<std::string>{
                "(<stdin>: context not available: it is not a file on disk (stdin or an archive "
                "member))"});
  EXPECT_TRUE(context.grep_lines(signal, false, noted).empty()) << "said once per source";
}

TEST(EvidenceContext, GrepLinesNameTheFileAndLineAndShowControlCharactersEscaped) {
  TempDir dir;
  const std::string path = (dir.path() / "a.log").string();
  const auto source = source_of(path, "bad \x1b[31m\nhit\n");
  const auto context = EvidenceContext::read({source}, {{path, {2}}}, 1);
  Signal signal;
  signal.source = path;
  signal.line = 2;
  std::set<std::string> noted;
  EXPECT_EQ(context.grep_lines(signal, false, noted),
            std::vector<std::string>{path + "-1-  bad \\x1b[31m"});
}

}  // namespace
}  // namespace certdiag
