// Log text is data: no report lets it act as markup or as terminal control sequences.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "report/html.h"
#include "report/markdown.h"
#include "report/report.h"
#include "run_binary.h"

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
  summary.errors.push_back({InputErrorKind::unreadable, "bad\x1b]0;title\x07.log", "cannot read"});
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

// Escaped only where CommonMark would read markup: text pasted where Markdown is not rendered
// stays readable.
TEST(ReportEscaping, MarkdownEscapesOnlyWhatWouldBeReadAsMarkup) {
  EXPECT_EQ(markdown_inline("E_ACCESSDENIED and CERT_E_UNTRUSTEDROOT"),
            "E_ACCESSDENIED and CERT_E_UNTRUSTEDROOT");
  EXPECT_EQ(markdown_inline("Site Database > Site Settings, a < b"),
            "Site Database > Site Settings, a < b");
  EXPECT_EQ(markdown_inline("_emphasis_ __init__ snake_case_"),
            "\\_emphasis\\_ \\_\\_init\\_\\_ snake_case\\_");
  EXPECT_EQ(markdown_inline("<b> </x> <!-- <?php [link](u) a|b *x* `c` ~~s~~ \\"),
            "\\<b> \\</x> \\<!-- \\<?php \\[link](u) a\\|b \\*x\\* \\`c\\` \\~\\~s\\~\\~ \\\\");
  EXPECT_EQ(markdown_inline("# not a heading"), "\\# not a heading");
  EXPECT_EQ(markdown_inline("> not a quote"), "\\> not a quote");
}

TEST(ReportEscaping, MarkdownKeepsLogTextInsideItsCodeBlock) {
  const std::string out = render("markdown");
  // The evidence holds a ``` run, so its fence is longer and the text cannot close it.
  EXPECT_NE(out.find("````text\nlogs/<evil>.log:7"), std::string::npos) << out;
  EXPECT_NE(out.find("\\<script>"), std::string::npos) << out;
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

// Headless Chromium from Debian, where it is installed (scripts/setup.sh installs it).
class ChromiumRender : public testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium))
      GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
    dir_ = std::filesystem::temp_directory_path() /
           ("certdiag-html-render-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs chromium on the page at `width` pixels with `what` (--screenshot=…, --dump-dom); its
  // standard output.
  std::string chromium(const std::filesystem::path& page, int width, const std::string& what) {
    const std::string command =
        std::string(kChromium) +
        " --headless --no-sandbox --disable-gpu --disable-background-networking"
        " --disable-component-update --disable-sync --no-first-run --hide-scrollbars"
        " --user-data-dir=" +
        (dir_ / "profile").string() + " --window-size=" + std::to_string(width) + ",900 " + what +
        " file://" + page.string() + " 2>/dev/null";
    return testing_support::run_certdiag(command).out;
  }

  static constexpr const char* kChromium = "/usr/bin/chromium";
  std::filesystem::path dir_;
};

// The report of a bundle (three hosts, resolved and open problems, long evidence lines) as a
// file, plus a copy that measures its own layout: the report itself carries no script.
std::string bundle_report() {
  return testing_support::run_certdiag(
             "certdiag --format html --as-of 2026-01-01 tests/data/bundle/case123.zip")
      .out;
}

TEST_F(ChromiumRender, HtmlRendersInChromium) {
  const std::string html = bundle_report();
  ASSERT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const auto page = dir_ / "report.html";
  std::ofstream(page) << html;
  for (int width : {390, 1400}) {
    const auto png = dir_ / ("report-" + std::to_string(width) + ".png");
    chromium(page, width, "--screenshot=" + png.string());
    ASSERT_TRUE(std::filesystem::exists(png)) << width;
    // A blank page compresses to a few kilobytes; text, tables and bars do not.
    EXPECT_GT(std::filesystem::file_size(png), 20'000u) << width;
  }
}

TEST_F(ChromiumRender, HtmlLayoutFitsNarrowAndWidePages) {
  std::string html = bundle_report();
  const std::string probe =
      "<script>document.body.setAttribute('data-overflow',"
      "String(document.documentElement.scrollWidth - window.innerWidth))</script>";
  html.insert(html.rfind("</body>"), probe);
  const auto page = dir_ / "measure.html";
  std::ofstream(page) << html;
  for (int width : {390, 1400}) {
    const std::string dom = chromium(page, width, "--dump-dom");
    const size_t measured = dom.find("data-overflow=");
    ASSERT_NE(measured, std::string::npos) << width << " px: the page was not measured";
    EXPECT_EQ(dom.substr(measured, 17), "data-overflow=\"0\"")
        << width << " px: the page is wider than the window";
  }
}

}  // namespace
}  // namespace certdiag
