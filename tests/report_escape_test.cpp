// Log text is data: no report lets it act as markup or as terminal control sequences.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "report/html.h"
#include "report/markdown.h"
#include "report/report.h"
#include "temp_dir.h"

namespace certdiag {
namespace {

const std::string kHostile =
    "<script>alert('x')</script> ``` \x1b[31mred\x1b[0m \x07 | *bold* \xc2\x9b"
    "2J";

std::vector<Diagnosis> hostile_diagnoses() {
  Diagnosis diagnosis;
  diagnosis.id = "test.hostile";
  diagnosis.title = "Hostile <b>title</b>";
  diagnosis.host = "HOST<1>";
  diagnosis.explanation = "First " + kHostile + "\nSecond";
  diagnosis.remediation = {"Step " + kHostile};
  diagnosis.count = 1;
  Signal signal;
  signal.rule = "test.signal";
  signal.source = "logs/<evil>.log";
  signal.line = 7;
  signal.text = kHostile;
  signal.match_begin = 0;
  signal.match_end = 8;
  diagnosis.evidence.push_back(signal);
  return {diagnosis};
}

std::string render(std::string_view format) {
  std::ostringstream out;
  RunSummary summary;
  summary.errors.push_back({"bad\x1b]0;title\x07.log", "cannot read"});
  write_report(out, format, hostile_diagnoses(), summary, ReportOptions{});
  return out.str();
}

TEST(ReportEscaping, TextReportWritesNoControlBytesFromLogs) {
  for (const char* format : {"text", "markdown", "html"}) {
    const std::string out = render(format);
    for (unsigned char c : out) {
      EXPECT_TRUE(c >= 0x20 || c == '\n') << format << ": control byte " << int(c);
    }
    EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos)
        << format << ": 8-bit CSI reached the output";
    EXPECT_NE(out.find("\\x1b[31mred"), std::string::npos) << format;
  }
}

TEST(ReportEscaping, MarkdownKeepsLogTextInsideItsCodeBlock) {
  const std::string out = render("markdown");
  // The evidence holds a ``` run, so its fence is longer and the text cannot close it.
  EXPECT_NE(out.find("````text\nlogs/<evil>.log:7"), std::string::npos) << out;
  EXPECT_NE(out.find("\\<script\\>"), std::string::npos) << out;
  EXPECT_EQ(out.find("<script>alert('x')</script> ``` \\x1b[31mred\\x1b[0m \\x07 | *bold*\n"),
            std::string::npos);
}

TEST(ReportEscaping, HtmlIsWellFormedAndShowsScriptAsText) {
  const std::string out = render("html");
  pugi::xml_document document;
  const auto parsed = document.load_string(out.c_str(), pugi::parse_default | pugi::parse_doctype);
  ASSERT_TRUE(parsed) << parsed.description() << " at " << parsed.offset;
  EXPECT_FALSE(document.select_node("//script")) << "a log line became a script element";
  const auto pre = document.select_node("//pre");
  ASSERT_TRUE(pre);
  EXPECT_NE(std::string(pre.node().child_value()).find("logs/<evil>.log:7"), std::string::npos);
  EXPECT_EQ(std::string(document.select_node("//pre/mark").node().child_value()), "<script>");
  EXPECT_EQ(out.find("http://"), out.find("http://www.w3.org/2000/svg"))
      << "the report must not load anything";
}

// Renders the HTML report of a real sample headless to a PNG, where Debian's chromium exists.
TEST(ReportEscaping, HtmlRendersInChromium) {
  const char* chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium))
    GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
  const testing_support::TempDir scratch;
  const auto& dir = scratch.path();
  const auto html = dir / "report.html";
  const auto png = dir / "report.png";
  std::ofstream(html) << render("html");
  const std::string command =
      std::string(chromium) +
      " --headless --no-sandbox --disable-gpu --disable-background-networking"
      " --disable-component-update --disable-sync --no-first-run --user-data-dir=" +
      (dir / "profile").string() + " --screenshot=" + png.string() +
      " --window-size=1200,900 file://" + html.string() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ASSERT_TRUE(std::filesystem::exists(png));
  EXPECT_GT(std::filesystem::file_size(png), 10'000u);
}

}  // namespace
}  // namespace certdiag
