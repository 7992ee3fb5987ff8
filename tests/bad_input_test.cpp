// The bad-input matrix: each row runs the real binary on a broken input made in a temporary
// folder, next to a good log, and checks the exact one-line error, the exit status, and that the
// good log was still analysed. Also: nothing read is lost on any sample or bundle member (lines
// in records + structure lines + lines not understood = lines read; .evtx records read + skipped
// = records held), memory stays bounded on huge records, and every input under fuzz/regressions/
// passes its fuzz target's checks (fuzz/checks.h) without clang.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../fuzz/checks.h"
#include "run_binary.h"
#include "temp_dir.h"

extern char** environ;

namespace certdiag {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const fs::path kRoot = CERTDIAG_SOURCE_DIR;
// The good input of every row, and the diagnosis it must still raise.
const std::string kGood = "samples/configmgr/ai-2011/AIUpdateSvc.log";
const std::string kGoodDiagnosis = "cm.ai.cert-expired";
const std::vector<std::string> kJson = {"--format", "json"};
// Fixed so that expiry arithmetic, and so the output, does not depend on the day of the run.
const std::vector<std::string> kAsOf = {"--as-of", "2020-01-01"};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_bytes(const fs::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

using testing_support::TempDir;

struct Outcome {
  std::string out;
  std::string err;
  int status = -1;
  long peak_rss_kib = 0;  // of the certdiag process alone
  Json json;              // stdout parsed, or null when it is not JSON
};

// Runs certdiag with `args` from the project root, stdin from /dev/null, NO_COLOR set; stdout
// and stderr go through files in `scratch`. A non-zero `address_space` limits its memory.
Outcome run_certdiag(const std::vector<std::string>& args, const TempDir& scratch,
                     rlim_t address_space = 0) {
  const std::string out_path = scratch / ".stdout";
  const std::string err_path = scratch / ".stderr";
  std::vector<std::string> argv_strings = {testing_support::certdiag_binary()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::string no_color = "NO_COLOR=1";
  std::vector<char*> envp;
  for (char** var = environ; *var != nullptr; ++var) envp.push_back(*var);
  envp.push_back(no_color.data());
  envp.push_back(nullptr);
  const std::string root = kRoot.string();

  Outcome run;
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0 || chdir(root.c_str()) != 0) _exit(127);
    const rlimit limit{address_space, address_space};
    if (address_space != 0 && setrlimit(RLIMIT_AS, &limit) != 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  if (pid < 0) return run;
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.peak_rss_kib = usage.ru_maxrss;
  run.out = read_bytes(out_path);
  run.err = read_bytes(err_path);
  run.json = Json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  if (run.json.is_discarded()) run.json = nullptr;
  return run;
}

// The summary entry of the input named `name`, or null.
Json input_named(const Outcome& run, const std::string& name) {
  if (!run.json.is_object()) return nullptr;
  for (const Json& input : run.json.at("summary").at("inputs")) {
    if (input.at("name") == name) return input;
  }
  return nullptr;
}

bool diagnosed(const Outcome& run, const std::string& id) {
  if (!run.json.is_object()) return false;
  const Json& diagnoses = run.json.at("diagnoses");
  return std::any_of(diagnoses.begin(), diagnoses.end(),
                     [&](const Json& diagnosis) { return diagnosis.at("id") == id; });
}

// The counts of one input that no reader may lose: for text, lines read = lines in records +
// structure lines (headers, directives) + lines not understood; for .evtx, records read +
// records skipped = records the file holds.
void expect_nothing_lost(const Json& input) {
  ASSERT_TRUE(input.is_object());
  const std::string name = input.at("name");
  const auto count = [&](const char* key) { return input.value(key, uint64_t{0}); };
  if (input.at("format") == "evtx" || input.at("format") == "x509") {
    EXPECT_EQ(count("records") + count("records_skipped"), count("records_total"))
        << name << ": records + records_skipped != records_total";
    EXPECT_EQ(count("lines"), 0u) << name;
  } else {
    EXPECT_EQ(count("lines_in_records") + count("lines_structure") + count("lines_not_understood"),
              count("lines"))
        << name << ": lines_in_records + lines_structure + lines_not_understood != lines";
  }
}

// The good input of the row was read whole and still raised its diagnosis.
void expect_good_input_analysed(const Outcome& run) {
  ASSERT_TRUE(run.json.is_object())
      << "stdout is not JSON: " << run.out.substr(0, 200) << "\nstderr: " << run.err;
  const Json good = input_named(run, kGood);
  ASSERT_TRUE(good.is_object()) << kGood << " is missing from summary.inputs";
  EXPECT_EQ(good.at("lines"), 408);
  EXPECT_EQ(good.at("records"), 408);
  expect_nothing_lost(good);
  EXPECT_TRUE(diagnosed(run, kGoodDiagnosis)) << kGoodDiagnosis << " was not raised";
}

// Runs `bad` and the good input in one JSON run; returns the run and the bad input's summary.
std::pair<Outcome, Json> run_with_good(const TempDir& dir, const std::string& bad) {
  std::vector<std::string> args = kJson;
  args.insert(args.end(), kAsOf.begin(), kAsOf.end());
  args.push_back(bad);
  args.push_back(kGood);
  Outcome run = run_certdiag(args, dir);
  Json input = input_named(run, bad);
  return {std::move(run), std::move(input)};
}

// Writes `count` copies of `block` after `head` and before `tail`, in large writes.
void write_large(const fs::path& path, std::string_view head, std::string_view block, size_t count,
                 std::string_view tail) {
  std::ofstream out(path, std::ios::binary);
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  for (size_t i = 0; i < count; ++i) {
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
  }
  out.write(tail.data(), static_cast<std::streamsize>(tail.size()));
}

std::string cmtrace_line(std::string_view message, std::string_view time, std::string_view date) {
  return "<![LOG[" + std::string(message) + "]LOG]!><time=\"" + std::string(time) + "\" date=\"" +
         std::string(date) + "\" component=\"AIUpdateSvc\" context=\"\" type=\"1\" thread=\"1\" " +
         "file=\"\">\n";
}

// ---- Inputs that are odd but readable: analysed, no error line, exit 1 from the good input.

TEST(BadInput, EmptyFileIsAnInputOfNoLines) {
  TempDir dir;
  const std::string bad = dir / "empty.log";
  write_bytes(bad, "");
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("bytes"), 0);
  EXPECT_EQ(input.at("lines"), 0);
  EXPECT_EQ(input.at("records"), 0);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

TEST(BadInput, BinaryJunkIsReadAsPlainTextWithEveryLineAccountedFor) {
  TempDir dir;
  const std::string bad = dir / "junk.log";
  std::mt19937 random(20240229);  // mt19937's sequence is fixed by the standard
  std::string junk(64 * 1024, '\0');
  for (char& byte : junk) byte = static_cast<char>(random() & 0xFF);
  write_bytes(bad, junk);
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("bytes"), junk.size());
  EXPECT_EQ(input.at("format"), "plain");
  EXPECT_GT(input.at("lines").get<uint64_t>(), 0u);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

TEST(BadInput, NulBytesInsideLinesDoNotEndOrDropLines) {
  TempDir dir;
  const std::string bad = dir / "nul-bytes.log";
  write_bytes(bad, std::string("first line\nsecond\0line with a NUL\nthird\0\0line\n", 46));
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("encoding"), "utf-8");
  EXPECT_EQ(input.at("lines"), 3);
  EXPECT_EQ(input.at("records"), 3);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

TEST(BadInput, InvalidUtf8InTheHeadIsReadAsWindows1252) {
  TempDir dir;
  const std::string bad = dir / "bad-utf8.log";
  write_bytes(bad, "ok line\nbad \xC3\x28 sequence\nsurrogate \xED\xA0\x80 here\ncut \xE2\x82\n");
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("encoding"), "windows-1252");
  EXPECT_EQ(input.at("lines"), 4);
  EXPECT_EQ(input.at("invalid_bytes"), 0);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);  // the JSON parsed, so what was written is valid UTF-8
}

TEST(BadInput, InvalidUtf8PastTheHeadIsReplacedAndCounted) {
  TempDir dir;
  const std::string bad = dir / "late-bad-utf8.log";
  std::string text;
  for (int i = 0; i < 300; ++i) text += "plain ascii line\n";  // past the 4 KiB encoding sniff
  write_bytes(bad, text + "bad \xC3\x28 and \xFF here\n");
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("encoding"), "utf-8");
  EXPECT_EQ(input.at("lines"), 301);
  EXPECT_EQ(input.at("invalid_bytes"), 2);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

TEST(BadInput, Utf16WithAnOddByteCountCountsTheLastByteAsInvalid) {
  TempDir dir;
  const std::string bad = dir / "odd-utf16.log";
  std::string bytes = "\xFF\xFE";  // UTF-16LE byte-order mark
  for (const char c : std::string_view("line one\r\nline two\r\n")) bytes += {c, '\0'};
  write_bytes(bad, bytes + "x");
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("encoding"), "utf-16le");
  EXPECT_EQ(input.at("bytes"), bytes.size() + 1);
  EXPECT_EQ(input.at("lines"), 3);  // the lone byte is a last line of one U+FFFD
  EXPECT_EQ(input.at("invalid_bytes"), 1);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

TEST(BadInput, LineOf200MiBIsSplitAndCountedOnce) {
  TempDir dir;
  const std::string bad = dir / "long-line.log";
  write_large(bad, "", std::string(size_t{8} << 20, 'A'), 25, "\nshort line\n");
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("bytes"), (size_t{200} << 20) + 12);
  EXPECT_EQ(input.at("lines"), 2);
  EXPECT_EQ(input.at("lines_split"), 1);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

// ---- Timestamps: a record whose time does not parse is kept, its time null and counted.

TEST(BadInput, TimestampsOutOfRangeKeepTheRecordWithoutATime) {
  TempDir dir;
  const std::string bad = dir / "times.log";
  write_bytes(bad, cmtrace_line("a good time", "10:00:00.000+000", "04-26-2011") +
                       cmtrace_line("year 0, month 13, day 45", "10:00:00.000+000", "13-45-0000") +
                       cmtrace_line("month 13", "10:00:00.000+000", "13-01-2011") +
                       cmtrace_line("February 30", "10:00:00.000+000", "02-30-2011") +
                       cmtrace_line("hour 25", "25:00:00.000+000", "04-26-2011") +
                       cmtrace_line("seconds without digits", "17:0::42.624+000", "04-26-2011") +
                       cmtrace_line("year 9999 is a real date", "10:00:00.000+000", "12-31-9999"));
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("format"), "cmtrace");
  EXPECT_EQ(input.at("records"), 7);
  EXPECT_EQ(input.at("times_unparsed"), 5);
  EXPECT_EQ(input.at("first_time"), "2011-04-26T10:00:00Z");
  EXPECT_EQ(input.at("last_time"), "9999-12-31T10:00:00Z");
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

// UTC = local + bias takes 9999-12-31 23:59:59.999 +720 into year 10000, which ISO 8601 cannot
// write in four digits; such a time is as unusable as month 13.
TEST(BadInput, TimePushedPastYear9999ByItsBiasIsUnparsed) {
  TempDir dir;
  const std::string bad = dir / "year-10000.log";
  write_bytes(bad, cmtrace_line("a good time", "10:00:00.000+000", "04-26-2011") +
                       cmtrace_line("past 9999 in UTC", "23:59:59.999+720", "12-31-9999"));
  const auto [run, input] = run_with_good(dir, bad);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("records"), 2);
  EXPECT_EQ(input.at("times_unparsed"), 1);
  EXPECT_EQ(input.at("last_time"), "2011-04-26T10:00:00Z");
  expect_good_input_analysed(run);
}

// ---- Inputs that cannot be read: one error line, the rest analysed; exit 3 unless a diagnosis
// (exit 1) comes first.

TEST(BadInput, MissingFileIsReportedAndTheRestAnalysed) {
  TempDir dir;
  const std::string bad = dir / "vanished.log";
  write_bytes(bad, "here a moment ago\n");
  fs::remove(bad);
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "certdiag: " + bad + ": No such file or directory\n");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.json.at("summary").at("unreadable"), 1);
  expect_good_input_analysed(run);

  const Outcome alone = run_certdiag({bad}, dir);
  EXPECT_EQ(alone.err, "certdiag: " + bad + ": No such file or directory\n");
  EXPECT_EQ(alone.status, 3);
}

TEST(BadInput, UnreadableFileIsReportedAndTheRestAnalysed) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "running as root, which reads a chmod 000 file anyway; "
                    "ReadErrorMidStreamIsReportedAndTheRestAnalysed covers a failing read";
  }
  TempDir dir;
  const std::string bad = dir / "locked.log";
  write_bytes(bad, "nobody may read this\n");
  fs::permissions(bad, fs::perms::none);
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "certdiag: " + bad + ": Permission denied\n");
  EXPECT_EQ(run.status, 1);
  expect_good_input_analysed(run);
}

// /proc/self/mem opens as a regular file, but reading its first page fails with EIO: a read
// that fails after the open succeeded, as on a disk error or a file truncated under us.
TEST(BadInput, ReadErrorMidStreamIsReportedAndTheRestAnalysed) {
  const std::string bad = "/proc/self/mem";
  if (access(bad.c_str(), R_OK) != 0) GTEST_SKIP() << bad << " is not readable here";
  TempDir dir;
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "certdiag: /proc/self/mem: Input/output error\n");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.json.at("summary").at("unreadable"), 1);
  expect_good_input_analysed(run);
}

TEST(BadInput, DirectorySymlinkLoopIsReportedOnceAndTheFolderStillRead) {
  TempDir dir;
  fs::create_directories(dir.path() / "logs/a");
  fs::create_directory_symlink("..", dir.path() / "logs/a/up");
  write_bytes(dir / "logs/a/inside.log", "a line inside the looping folder\n");
  const auto [run, input] = run_with_good(dir, dir / "logs");
  EXPECT_EQ(run.err, "certdiag: " + (dir / "logs/a/up") + ": symlink loop, skipped\n");
  EXPECT_EQ(run.status, 1);
  const Json inside = input_named(run, dir / "logs/a/inside.log");
  ASSERT_TRUE(inside.is_object());
  EXPECT_EQ(inside.at("records"), 1);
  expect_good_input_analysed(run);
}

TEST(BadInput, EvtxWithBadChunksKeepsTheGoodChunksAndCountsTheRest) {
  const std::string bad = "tests/data/evtx/sample_with_a_bad_chunk_magic.evtx";
  TempDir dir;
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("format"), "evtx");
  EXPECT_EQ(input.at("records_total"), 517);
  EXPECT_EQ(input.at("records"), 350);
  EXPECT_EQ(input.at("records_skipped"), 167);
  ASSERT_FALSE(input.at("problems").empty());
  EXPECT_EQ(input.at("problems").at(0), "chunks 1-6, 10-15: no chunk signature; they were skipped");
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

// ---- Archives: a damaged, hostile or too deeply nested archive is reported in one line per
// problem; what could be read is analysed, and so is the good input.

struct ZipMember {
  std::string name;
  std::string data;
  uint64_t zeros = 0;  // instead of data: this many zero bytes, written 1 MiB at a time
};

// Writes a zip with libarchive's writer (deflate, as collection scripts make them) to `path`.
void write_zip(const fs::path& path, const std::vector<ZipMember>& members) {
  archive* writer = archive_write_new();
  archive_write_set_format_zip(writer);
  ASSERT_EQ(archive_write_open_filename(writer, path.c_str()), ARCHIVE_OK);
  const std::string zeros(size_t{1} << 20, '\0');
  for (const ZipMember& member : members) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.name.c_str());
    archive_entry_set_size(
        entry, static_cast<la_int64_t>(member.zeros ? member.zeros : member.data.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_mtime(entry, 1707912000, 0);
    ASSERT_EQ(archive_write_header(writer, entry), ARCHIVE_OK);
    archive_write_data(writer, member.data.data(), member.data.size());
    for (uint64_t left = member.zeros; left > 0; left -= std::min<uint64_t>(left, zeros.size())) {
      archive_write_data(writer, zeros.data(), std::min<uint64_t>(left, zeros.size()));
    }
    archive_entry_free(entry);
  }
  ASSERT_EQ(archive_write_close(writer), ARCHIVE_OK);
  archive_write_free(writer);
}

std::string sample(const std::string& path) { return read_bytes(kRoot / "samples" / path); }

// The members of case123.zip that are logs, with the lines each holds (scripts/make_bundle.py);
// -1 for the damaged one, whose lines are what survives the damage.
const std::vector<std::pair<std::string, int>> kBundleLogs = {
    {"README.txt", 1},
    {"SITE01/Logs/AIUpdateSvc.lo_", 204},
    {"SITE01/Logs/AIUpdateSvc.log", 204},
    {"SITE01/Logs/smsexec.log", 309},
    {"MP01/SMS_CCM/Logs/SMS_AIUS_Sync.log", 209},
    {"SITE02.zip!Logs/AIUpdateSvc.log", 367},
    {"CM03.contoso.com/logs.cab!AIUpdateSvc.log", 393},
    {"CM04/logs.tar.gz!Logs/smsexec.log", 196},
    {"SITE05/broken.zip!Logs/smsexec.log", -1},
};

TEST(BadInput, TruncatedZipIsReportedAndTheMembersBeforeTheCutAnalysed) {
  TempDir dir;
  const std::string bad = dir / "truncated.zip";
  const std::string bundle = read_bytes(kRoot / "tests/data/bundle/case123.zip");
  write_bytes(bad, std::string_view(bundle).substr(0, bundle.size() / 2));  // cut inside SITE02.zip
  const auto [run, input] = run_with_good(dir, bad);
  // The cut falls inside SITE02.zip's member: what was read of it before the cut is analysed too.
  EXPECT_EQ(
      run.err,
      "certdiag: " + bad + "!SITE02.zip!Logs/AIUpdateSvc.log: ZIP decompression failed (-5)\n" +
          "certdiag: " + bad +
          "!SITE02.zip: corrupt archive, rest skipped: Truncated input file (needed 1449 bytes, "
          "only 0 available)\n" +
          "certdiag: " + bad + "!SITE02.zip: ZIP decompression failed (-5)\n" + "certdiag: " + bad +
          ": corrupt archive, rest skipped: Truncated input file (needed 1395 bytes, only 0 "
          "available)\n");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.json.at("summary").at("unreadable"), 4);
  for (size_t i = 0; i < 5; ++i) {  // the members before SITE02.zip, read whole
    const auto& [name, lines] = kBundleLogs[i];
    const Json member = input_named(run, bad + "!" + name);
    ASSERT_TRUE(member.is_object()) << name;
    EXPECT_EQ(member.at("lines"), lines) << name;
    expect_nothing_lost(member);
  }
  const Json cut = input_named(run, bad + "!SITE02.zip!Logs/AIUpdateSvc.log");
  ASSERT_TRUE(cut.is_object());
  expect_nothing_lost(cut);
  EXPECT_EQ(run.json.at("summary").at("inputs").size(),
            7u);  // those five, the cut one, the good input
  expect_good_input_analysed(run);
}

TEST(BadInput, CorruptZipMemberIsReportedInOneLineAndTheNextMemberRead) {
  TempDir dir;
  const std::string bad = dir / "corrupt.zip";
  write_zip(bad, {{"SITE01/Logs/smsexec.log", sample("configmgr/ai-console-2007/smsexec.log")},
                  {"SITE01/Logs/SMS_AIUS_Sync.log",
                   sample("configmgr/ai-healthy-cmtrace/SMS_AIUS_Sync.log")}});
  std::string bytes = read_bytes(bad);
  // The first member's deflate stream runs from the end of its local header (30 bytes, the name,
  // the extra field) to the next signature; 64 bytes in its middle are overwritten.
  ASSERT_EQ(bytes.substr(0, 4), "PK\x03\x04");
  const auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<uint8_t>(bytes[at])) |
           static_cast<size_t>(static_cast<uint8_t>(bytes[at + 1])) << 8;
  };
  const size_t start = 30 + u16(26) + u16(28);
  const size_t end = bytes.find("PK\x07\x08", start) != std::string::npos
                         ? bytes.find("PK\x07\x08", start)
                         : bytes.find("PK\x03\x04", start);
  ASSERT_NE(end, std::string::npos);
  ASSERT_GT(end, start + 1000);
  bytes.replace((start + end) / 2, 64, 64, '\xFF');
  write_bytes(bad, bytes);

  const auto [run, input] = run_with_good(dir, bad);
  // libarchive's words and numbers (the writer puts the sizes in a data descriptor after the
  // data, so the reader has no size to expect).
  EXPECT_EQ(run.err, "certdiag: " + bad +
                         "!SITE01/Logs/smsexec.log: ZIP compressed data is wrong size (read 2168, "
                         "expected 4294967295)\n");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.json.at("summary").at("unreadable"), 1);
  // What was read before the damage is kept (README), but how much of it reaches the reader
  // depends on the read size: fuzz/regressions/fuzz_archive/zip-member-damaged-after-256-KiB.
  const Json damaged = input_named(run, bad + "!SITE01/Logs/smsexec.log");
  ASSERT_TRUE(damaged.is_object());
  expect_nothing_lost(damaged);
  const Json next = input_named(run, bad + "!SITE01/Logs/SMS_AIUS_Sync.log");
  ASSERT_TRUE(next.is_object());
  EXPECT_EQ(next.at("lines"), 209);
  EXPECT_EQ(next.at("records"), 198);
  expect_nothing_lost(next);
  expect_good_input_analysed(run);

  const Outcome alone = run_certdiag({bad}, dir);
  EXPECT_EQ(alone.err, run.err);
  EXPECT_EQ(alone.status, 3);
}

// 300 MiB of zeros deflate to about 300 KiB; reading stops once 64 MiB (the floor below which the
// ratio is not checked) have expanded to more than 200 times the bytes read.
TEST(BadInput, ZipBombStopsAtTheRatioLimitAndTheRestAnalysed) {
  TempDir dir;
  const std::string bad = dir / "bomb.zip";
  write_zip(bad, {{"SITE01/Logs/zeros.log", "", uint64_t{300} << 20}});
  ASSERT_LT(fs::file_size(bad), uint64_t{400} << 10);
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err,
            "certdiag: " + bad +
                ": expands more than 200 times its compressed size, stopped (zip bomb?)\n");
  EXPECT_EQ(run.status, 1);
  const Json zeros = input_named(run, bad + "!SITE01/Logs/zeros.log");
  ASSERT_TRUE(zeros.is_object());
  EXPECT_LE(zeros.at("bytes").get<uint64_t>(), uint64_t{64} << 20);
  EXPECT_GE(zeros.at("bytes").get<uint64_t>(), uint64_t{63} << 20);
  expect_nothing_lost(zeros);
  expect_good_input_analysed(run);

  const Outcome alone = run_certdiag({bad}, dir);
  EXPECT_EQ(alone.err, run.err);
  EXPECT_EQ(alone.status, 3);
}

// nested.zip holds level1.zip, which holds level2.zip … down to level4.zip, four archives below
// the top: past the limit of 3. Each level also holds a log; the levels within the limit are read.
TEST(BadInput, ArchiveNestedPastTheDepthLimitIsSkippedInOneLineAndTheRestAnalysed) {
  TempDir dir;
  const std::string log = cmtrace_line("a line inside", "10:00:00.000+000", "04-26-2011");
  write_zip(dir / "level.zip", {{"level4.log", log}});
  for (int level = 3; level >= 0; --level) {
    const std::string inner = read_bytes(dir / "level.zip");
    write_zip(dir / "level.zip", {{"level" + std::to_string(level + 1) + ".zip", inner},
                                  {"level" + std::to_string(level) + ".log", log}});
  }
  const std::string bad = dir / "nested.zip";
  fs::rename(dir / "level.zip", bad);
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "certdiag: " + bad +
                         "!level1.zip!level2.zip!level3.zip!level4.zip: archive nested deeper than "
                         "3 levels, skipped\n");
  EXPECT_EQ(run.status, 1);
  std::string name = bad;
  for (int level = 0; level <= 3; ++level) {
    const Json member = input_named(run, name + "!level" + std::to_string(level) + ".log");
    ASSERT_TRUE(member.is_object()) << "level " << level;
    EXPECT_EQ(member.at("records"), 1);
    name += "!level" + std::to_string(level + 1) + ".zip";
  }
  EXPECT_EQ(run.json.at("summary").at("inputs").size(), 5u);  // four levels and the good input
  expect_good_input_analysed(run);

  const Outcome alone = run_certdiag({bad}, dir);
  EXPECT_EQ(alone.err, run.err);
  EXPECT_EQ(alone.status, 3);
}

// ---- Usage and rule-pack errors: exit 2, the exact line, and no report at all.

struct UsageCase {
  std::string name;
  std::vector<std::string> args;
  std::string error;
};

void expect_usage_error(const UsageCase& usage) {
  TempDir dir;
  std::vector<std::string> args = kJson;
  args.insert(args.end(), usage.args.begin(), usage.args.end());
  args.push_back(kGood);
  const Outcome run = run_certdiag(args, dir);
  EXPECT_EQ(run.err, usage.error) << usage.name;
  EXPECT_EQ(run.status, 2) << usage.name;
  EXPECT_EQ(run.out, "") << usage.name;
}

// ---- Certificate files: a damaged one is reported in one line naming the file; certificates
// inside an archive are read like those in a folder.

TEST(BadInput, TruncatedCertificateFileIsReportedInOneLineAndTheRestAnalysed) {
  TempDir dir;
  const std::string bad = dir / "web01.cer";
  write_bytes(bad, read_bytes(kRoot / "tests/data/certificates/truncated.cer"));
  const auto [run, input] = run_with_good(dir, bad);
  EXPECT_EQ(run.err, "certdiag: " + bad +
                         ": neither a certificate, a PKCS #7 chain nor a PKCS #12 file: nested "
                         "asn1 error\n");
  EXPECT_EQ(run.status, 1);  // the good input's diagnosis
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input.at("format"), "x509");
  EXPECT_EQ(input.at("records"), 0);
  expect_nothing_lost(input);
  expect_good_input_analysed(run);
}

TEST(BadInput, CertificatesInsideAZipAreReadPerMember) {
  TempDir dir;
  const std::string bundle = dir / "certs.zip";
  const fs::path certificates = kRoot / "samples/windows/certificates";
  write_zip(bundle,
            {{"GW01/OpsMgr/gw01.cer",
              read_bytes(certificates / "opsmgr-requirements/GW01/OpsMgr/gw01.cer")},
             {"WEB01/web01-chain.p7b",
              read_bytes(certificates / "chain-missing-intermediate/WEB01/web01-chain.p7b")},
             {"WEB01/web01.pfx", read_bytes(certificates / "pfx/WEB01/web01.pfx")}});
  const auto [run, input] = run_with_good(dir, bundle);
  EXPECT_EQ(run.err, "");
  const Json chain = input_named(run, bundle + "!WEB01/web01-chain.p7b");
  ASSERT_TRUE(chain.is_object());
  EXPECT_EQ(chain.at("format"), "x509");
  EXPECT_EQ(chain.at("records"), 2);
  EXPECT_EQ(input_named(run, bundle + "!WEB01/web01.pfx").at("records"), 1);
  std::vector<std::string> ids;
  for (const auto& diagnosis : run.json.at("diagnoses")) ids.push_back(diagnosis.at("id"));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "cert.requirement.opsmgr"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "cert.chain.incomplete"), ids.end());
  expect_good_input_analysed(run);
}

TEST(BadInput, RulePackWithABadRegexStopsTheRunWithFileAndLine) {
  expect_usage_error({"bad regex",
                      {"--rules", "tests/data/bad_patterns/bad-regex"},
                      "tests/data/bad_patterns/bad-regex/pack.yaml:5: signal 'test.broken': "
                      "invalid regex in message: missing ): certificate (expired\n"});
}

TEST(BadInput, RulePackWithAnUnknownKeyStopsTheRunWithASuggestion) {
  expect_usage_error({"unknown key",
                      {"--rules", "tests/data/bad_patterns/unknown-key"},
                      "tests/data/bad_patterns/unknown-key/pack.yaml:13: diagnosis: unknown key "
                      "'remediaton' (did you mean 'remediation'?)\n"});
}

TEST(BadInput, RulePackWithADuplicateIdStopsTheRun) {
  expect_usage_error(
      {"duplicate id",
       {"--rules", "tests/data/bad_patterns/duplicate-id"},
       "tests/data/bad_patterns/duplicate-id/pack.yaml:7: duplicate signal id 'test.signal'\n"});
}

TEST(BadInput, RulePackWithADanglingReferenceStopsTheRunWithASuggestion) {
  expect_usage_error({"dangling reference",
                      {"--rules", "tests/data/bad_patterns/dangling-ref"},
                      "tests/data/bad_patterns/dangling-ref/pack.yaml:11: diagnosis "
                      "'test.diagnosis': unknown signal 'test.signa' (did you mean "
                      "'test.signal'?)\n"});
}

TEST(BadInput, RulePackTestingACaptureNoSignalMakesStopsTheRunWithASuggestion) {
  expect_usage_error({"capture typo",
                      {"--rules", "tests/data/bad_patterns/capture-typo"},
                      "tests/data/bad_patterns/capture-typo/pack.yaml:11: diagnosis "
                      "'test.diagnosis': signal 'test.alert' captures no 'cod' (did you mean "
                      "'code'?)\n"});
}

TEST(BadInput, RulesCheckRunsThePacksSamples) {
  TempDir dir;
  const Outcome run =
      run_certdiag({"rules", "check", "tests/data/bad_patterns/sample-mismatch"}, dir);
  EXPECT_EQ(run.err,
            "tests/data/bad_patterns/sample-mismatch/pack.yaml:8: signal 'test.expired': this "
            "match sample does not raise it\n");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
}

// A pack whose signals: is a mapping, not a list, is an error with its file and line like any
// other (found by fuzz_rules; see fuzz/regressions/fuzz_rules/).
TEST(BadInput, RulePackWithSignalsAsAMappingStopsTheRunWithFileAndLine) {
  TempDir dir;
  fs::create_directory(dir.path() / "pack");
  write_bytes(dir / "pack/pack.yaml", "signals:\n  a: b\n");
  std::vector<std::string> args = kJson;
  args.insert(args.end(), {"--rules", dir / "pack", kGood});
  const Outcome run = run_certdiag(args, dir);
  EXPECT_TRUE(run.err.starts_with(dir / "pack/pack.yaml:2: ")) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
}

TEST(BadInput, AsOfThatIsNotATimeStopsTheRun) {
  for (const std::string value : {"garbage", "2019-13-45", "0000-01-01", ""}) {
    expect_usage_error({"--as-of " + value,
                        {"--as-of", value},
                        "certdiag: --as-of: '" + value +
                            "' is not a time (e.g. 2019-11-01 or 2019-11-01T12:00:00Z) (certdiag "
                            "--help for usage)\n"});
  }
}

TEST(BadInput, OutputPathNotWritableExitsTwo) {
  expect_usage_error({"-o into a missing folder",
                      {"-o", "/nonexistent/dir/report.json"},
                      "certdiag: /nonexistent/dir/report.json: cannot write the report: No such "
                      "file or directory\n"});
}

// A read that lost records or bytes shows in every format, and records that could not be read
// make the exit status 3 like an input that could not be read.
TEST(BadInput, EvtxWithUnreadableRecordsSaysSoInEveryFormatAndExitsThree) {
  TempDir dir;
  const std::string evtx = "tests/data/evtx/sample_with_a_bad_chunk_magic.evtx";
  const std::string sentence =
      "No problems found in 350 records from 1 source, but 167 records could not be read.";
  for (const std::string format : {"text", "markdown", "html", "json", "ndjson"}) {
    const Outcome run = run_certdiag({"--format", format, evtx}, dir);
    EXPECT_EQ(run.status, 3) << format;
    if (format == "json" || format == "ndjson") {
      EXPECT_NE(
          run.out.find(format == "json" ? R"("records_skipped": 167)" : R"("records_skipped":167)"),
          std::string::npos)
          << format;
    } else {
      EXPECT_NE(run.out.find(sentence), std::string::npos) << format << "\n" << run.out;
      EXPECT_NE(run.out.find("chunk 0 at offset 0x1000: 116 of its 130 records (ids 46728-46857) "
                             "could not be found"),
                std::string::npos)
          << format;
    }
  }
}

TEST(BadInput, DroppedAndInvalidBytesAreInEveryFormatsSummary) {
  TempDir dir;
  const std::string log = dir / "never-closes.log";
  std::string bytes = "\xef\xbb\xbf<![LOG[a message that never closes \xff\n";
  for (int i = 0; i < 200000; ++i) bytes += "a continuation line of it\n";
  write_bytes(log, bytes);
  const std::string lost =
      "1,005,727 message bytes over the size limit were dropped and 1 invalid byte was replaced";
  for (const std::string format : {"text", "markdown", "html"}) {
    const Outcome run = run_certdiag({"--format", format, "--format-in", "cmtrace", log}, dir);
    EXPECT_EQ(run.status, 0) << format;
    EXPECT_NE(run.out.find("No problems found in 1 record from 1 source, but " + lost + "."),
              std::string::npos)
        << format << "\n"
        << run.out;
  }
  const Outcome text = run_certdiag({"--format-in", "cmtrace", log}, dir);
  EXPECT_NE(text.out.find("\nread in part: " + lost + "\n"), std::string::npos) << text.out;
}

TEST(BadInput, OutputOnAFullDeviceNamesTheFileAndTheReason) {
  expect_usage_error({"-o /dev/full",
                      {"-o", "/dev/full"},
                      "certdiag: /dev/full: cannot write the report: No space left on device\n"});
}

// ---- Memory: the README promises that memory does not grow with the size of a file.

// An input that exhausts the memory left costs that input, not the run, for any --jobs.
// A .evtx file is read one 64 KiB chunk at a time: 1 GiB of it (a header, then zeros) is read
// under a 400 MiB limit, reported as holding no records, and the other input analysed.
TEST(BadInput, EvtxOfOneGiBIsReadInBoundedMemory) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer needs more address space than the limit leaves";
#endif
  TempDir dir;
  const std::string huge = dir / "huge.evtx";
  write_bytes(huge, read_bytes(kRoot / "tests/data/evtx/system.evtx").substr(0, 4096));
  fs::resize_file(huge, uintmax_t{1} << 30);
  for (const std::string jobs : {"1", "2"}) {
    const Outcome run =
        run_certdiag({"--format", "json", "--jobs", jobs, huge, kGood}, dir, rlim_t{400} << 20);
    EXPECT_EQ(run.status, 1) << "--jobs " << jobs << ": " << run.err;  // kGood's diagnosis
    ASSERT_TRUE(run.json.is_object()) << "--jobs " << jobs << ": no report";
    const Json input = input_named(run, huge);
    ASSERT_TRUE(input.is_object());
    EXPECT_EQ(input.at("bytes"), uintmax_t{1} << 30);
    EXPECT_EQ(input.at("records"), 0);
    EXPECT_TRUE(input_named(run, kGood).is_object());
    EXPECT_NE(run.out.find(kGoodDiagnosis), std::string::npos);
  }
}

struct LargeRecord {
  std::string name;
  std::string format;
  std::string head;   // written once
  std::string block;  // repeated to about 200 MiB
};

void PrintTo(const LargeRecord& large, std::ostream* out) { *out << large.name; }

class MemoryBound : public testing::TestWithParam<LargeRecord> {};

TEST_P(MemoryBound, RecordOf200MiBIsReadInBoundedMemory) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "peak memory means nothing under AddressSanitizer (quarantine, shadow memory)";
#endif
  const LargeRecord& large = GetParam();
  TempDir dir;
  const std::string bad = dir / "large.log";
  std::string block;
  while (block.size() < (size_t{8} << 20)) block += large.block;
  write_large(bad, large.head, block, 25, "\n");
  const Outcome run = run_certdiag({"--format", "json", "--format-in", large.format, bad}, dir);
  EXPECT_EQ(run.status, 0) << run.err;
  const Json input = input_named(run, bad);
  ASSERT_TRUE(input.is_object());
  expect_nothing_lost(input);
  EXPECT_LT(run.peak_rss_kib, 128 * 1024)
      << large.format << ": certdiag held " << run.peak_rss_kib / 1024
      << " MiB at its peak to read one " << large.name;
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, MemoryBound,
    testing::Values(
        LargeRecord{"line of 200 MiB", "plain", "", std::string(4096, 'A')},
        LargeRecord{"CMTrace message that never closes", "cmtrace",
                    "<![LOG[a message that never closes\n", "a continuation line of it\n"},
        LargeRecord{"SMS trace record with 200 MiB of continuation lines", "sms-trace",
                    "start  $$<SMS_AIUS><04-26-2011 04:51:58.123+420><thread=1 (0x1)>\n",
                    "a continuation line of it\n"},
        LargeRecord{".NET trace error with a stack trace of 200 MiB", "dotnet-trace",
                    "Asset Intelligence Catalog Sync Service Error: 0 : failed\n",
                    "   at Frame.Method() in a stack trace\n"}),
    [](const testing::TestParamInfo<LargeRecord>& param) {
      std::string name = param.param.format;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

// ---- Nothing lost, on every sample.

TEST(BadInput, NothingIsLostOnAnySample) {
  TempDir dir;
  std::vector<std::string> args = kJson;
  args.push_back("samples/");
  for (const auto& entry : fs::directory_iterator(kRoot / "tests/data/evtx")) {
    if (entry.path().extension() == ".evtx") {
      args.push_back(fs::relative(entry.path(), kRoot).string());
    }
  }
  const Outcome run = run_certdiag(args, dir);
  ASSERT_TRUE(run.json.is_object()) << run.err;
  EXPECT_EQ(run.json.at("summary").at("errors"), Json::array()) << run.err;
  size_t text = 0, evtx = 0;
  for (const Json& input : run.json.at("summary").at("inputs")) {
    expect_nothing_lost(input);
    ++(input.at("format") == "evtx" ? evtx : text);
  }
  EXPECT_GE(text, 10u);
  EXPECT_GE(evtx, 5u);
}

TEST(BadInput, NothingIsLostInAnyMemberOfTheBundle) {
  TempDir dir;
  const std::string bundle = "tests/data/bundle/case123.zip";
  const Outcome run = run_certdiag({"--format", "json", bundle}, dir);
  ASSERT_TRUE(run.json.is_object()) << run.err;
  const Json& inputs = run.json.at("summary").at("inputs");
  ASSERT_EQ(inputs.size(), kBundleLogs.size()) << run.err;
  for (size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ(inputs[i].at("name"), bundle + "!" + kBundleLogs[i].first);
    if (kBundleLogs[i].second >= 0) {
      EXPECT_EQ(inputs[i].at("lines"), kBundleLogs[i].second) << kBundleLogs[i].first;
    }
    expect_nothing_lost(inputs[i]);
  }
}

// ---- Fuzz regressions: every crash input, replayed through its target's checks.

using Check = std::string (*)(std::string_view);

Check check_of(const std::string& target) {
  if (target == "fuzz_line_reader") return &fuzz::check_line_reader;
  if (target == "fuzz_tokenizer") return &fuzz::check_tokenizer;
  if (target == "fuzz_evtx") return &fuzz::check_evtx;
  if (target == "fuzz_rules") return &fuzz::check_rules;
  if (target == "fuzz_archive") return &fuzz::check_archive;
  if (target == "fuzz_x509") return &fuzz::check_x509;
  return nullptr;
}

// Runs a check; an exception escaping the analyzer is a failure like any other.
std::string replay(Check check, std::string_view bytes) {
  try {
    return check(bytes);
  } catch (const std::exception& e) {
    return std::string("exception: ") + e.what();
  }
}

TEST(BadInputFuzzRegressions, EveryCrashInputPassesItsTargetsChecks) {
  const fs::path root = kRoot / "fuzz/regressions";
  if (!fs::exists(root)) GTEST_SKIP() << "no fuzz regressions yet";
  for (const auto& target : fs::directory_iterator(root)) {
    const std::string name = target.path().filename().string();
    const Check check = check_of(name);
    ASSERT_NE(check, nullptr) << "fuzz/regressions/" << name << " names no fuzz target";
    for (const auto& file : fs::directory_iterator(target.path())) {
      std::string bytes = read_bytes(file.path());
      EXPECT_EQ(replay(check, bytes), "") << file.path();
      if (name == "fuzz_tokenizer" && bytes.size() >= 2) {
        // The first byte picks the format; replay the input with every format, so that a
        // format added later (shifting the indices) cannot hide the case.
        for (size_t i = 0; i < text_format_names().size(); ++i) {
          bytes[0] = static_cast<char>(i);
          EXPECT_EQ(replay(check, bytes), "") << file.path() << " as " << text_format_names()[i];
        }
      }
    }
  }
}

TEST(BadInputFuzzRegressions, CmtraceTimeWithoutSecondsDigitsIsKeptUnparsed) {
  std::vector<Record> records;
  auto tokenizer = make_tokenizer("cmtrace", [&](Record& record) { records.push_back(record); });
  ASSERT_NE(tokenizer, nullptr);
  std::string line = cmtrace_line("seconds without digits", "17:0::42.624+000", "03-13-2013");
  line.pop_back();
  tokenizer->feed(line, 1);
  tokenizer->finish();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_FALSE(records[0].time.has_value());
  EXPECT_EQ(tokenizer->stats().times_unparsed, 1u);
}

// The fuzz checks themselves hold on real logs, so a failure in fuzzing is the input's doing.
TEST(BadInputFuzzRegressions, ChecksHoldOnEverySample) {
  for (const auto& entry : fs::recursive_directory_iterator(kRoot / "samples")) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    const std::string bytes = read_bytes(entry.path());
    if (entry.path().extension() == ".evtx") {
      EXPECT_EQ(replay(&fuzz::check_evtx, bytes), "") << entry.path();
      continue;
    }
    for (const std::string control : {"\x05\xFF", "\x27\x1F"}) {
      EXPECT_EQ(replay(&fuzz::check_line_reader, control + bytes), "") << entry.path();
    }
    // Detected, then forced to every format: each tokenizer must account for any text's lines.
    EXPECT_EQ(replay(&fuzz::check_tokenizer, "\xFF\xFF" + bytes), "") << entry.path();
    for (size_t i = 0; i < text_format_names().size(); ++i) {
      EXPECT_EQ(replay(&fuzz::check_tokenizer, std::string{static_cast<char>(i), '\xFF'} + bytes),
                "")
          << entry.path() << " as " << text_format_names()[i];
    }
  }
  for (const auto& entry : fs::directory_iterator(kRoot / "tests/data/evtx")) {
    if (entry.path().extension() != ".evtx") continue;
    EXPECT_EQ(replay(&fuzz::check_evtx, read_bytes(entry.path())), "") << entry.path();
  }
  for (const auto& entry : fs::recursive_directory_iterator(kRoot / "patterns")) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_EQ(replay(&fuzz::check_rules, read_bytes(entry.path())), "") << entry.path();
  }
  for (const auto& entry : fs::directory_iterator(kRoot / "tests/data/bundle")) {
    EXPECT_EQ(replay(&fuzz::check_archive, read_bytes(entry.path())), "") << entry.path();
  }
}

}  // namespace
}  // namespace certdiag
