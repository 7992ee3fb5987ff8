// Archives are read in place: members in order, nested archives opened, corrupt and hostile
// archives reported in one line while what could be read is kept.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <pthread.h>

#include "io/archive.h"

namespace certdiag {
namespace {

struct Member {
  std::string name;
  std::string data;
};

// Builds an archive in memory with libarchive's writer (format: "zip" or "tar.gz").
std::string make_archive(const std::vector<Member>& members, const std::string& format = "zip") {
  archive* writer = archive_write_new();
  if (format == "zip") {
    archive_write_set_format_zip(writer);
  } else {
    archive_write_set_format_ustar(writer);
    archive_write_add_filter_gzip(writer);
  }
  std::vector<char> buffer(64 << 20);
  size_t used = 0;
  archive_write_open_memory(writer, buffer.data(), buffer.size(), &used);
  for (const auto& member : members) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(member.data.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(writer, entry);
    archive_write_data(writer, member.data.data(), member.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return std::string(buffer.data(), used);
}

struct Read {
  std::string members;  // "name=size;…"
  std::string errors;   // "source kind|…"; a member's read error "member: reason|"
};

Read read(const std::string& bytes, const ArchiveLimits& limits = {}) {
  Read result;
  std::vector<InputError> errors;
  auto stream = memory_stream(bytes);
  read_archive(
      *stream, "case.zip", limits,
      [&](const std::string& name, ByteStream& data) {
        std::string text;
        char buffer[4096];
        for (size_t n; (n = data.read(buffer, sizeof buffer)) > 0;) text.append(buffer, n);
        result.members += name + "=" + std::to_string(text.size()) + ";";
        if (!data.error().empty()) result.errors += name + ": " + data.error() + "|";
      },
      errors);
  for (const auto& error : errors) {
    result.errors += error.source + " " + std::string(kind_name(error.kind)) + "|";
  }
  return result;
}

TEST(ReadArchive, VisitsZipMembersInOrder) {
  const auto result = read(make_archive({{"SITE01/a.log", "aaa"}, {"SITE02/b.log", "bbbbb"}}));
  EXPECT_EQ(result.members, "case.zip!SITE01/a.log=3;case.zip!SITE02/b.log=5;");
  EXPECT_EQ(result.errors, "");
}

TEST(ReadArchive, OpensNestedArchivesAndTarGz) {
  const std::string inner = make_archive({{"Logs/x.log", "xx"}}, "tar.gz");
  const auto result = read(make_archive({{"SITE01/logs.tar.gz", inner}, {"y.log", "y"}}));
  EXPECT_EQ(result.members, "case.zip!SITE01/logs.tar.gz!Logs/x.log=2;case.zip!y.log=1;");
}

TEST(ReadArchive, StopsPastTheDepthLimit) {
  std::string nested = make_archive({{"deep.log", "d"}});
  for (int level = 0; level < 4; ++level) nested = make_archive({{"level.zip", nested}});
  ArchiveLimits limits;
  limits.max_depth = 3;
  const auto result = read(nested, limits);
  EXPECT_EQ(result.members, "");
  EXPECT_EQ(result.errors, "case.zip!level.zip!level.zip!level.zip!level.zip too_deep|");
}

TEST(ReadArchive, ReadsNestedArchivesOnASmallThreadStack) {
  std::string nested = make_archive({{"deep.log", "d"}});
  for (int level = 0; level < 3; ++level) nested = make_archive({{"level.zip", nested}});
  struct Job {
    std::string bytes;
    Read result;
  } job{nested, {}};
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, 2 << 20);  // less than the 1 MiB per level it once took
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attributes,
                [](void* data) -> void* {
                  auto* work = static_cast<Job*>(data);
                  work->result = read(work->bytes);
                  return nullptr;
                },
                &job),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
  EXPECT_EQ(job.result.members, "case.zip!level.zip!level.zip!level.zip!deep.log=1;");
  EXPECT_EQ(job.result.errors, "");
}

TEST(ReadArchive, StopsAZipBombByRatio) {
  ArchiveLimits limits;
  limits.ratio_floor = 1 << 20;
  const auto result = read(make_archive({{"zeros.log", std::string(32 << 20, '\0')}}), limits);
  EXPECT_EQ(result.errors, "case.zip over_limit|");
}

TEST(ReadArchive, StopsAZipBombBySize) {
  ArchiveLimits limits;
  limits.max_expanded = 1 << 20;
  const auto result = read(make_archive({{"big.log", std::string(4 << 20, 'x')}}), limits);
  EXPECT_EQ(result.errors, "case.zip over_limit|");
}

TEST(ReadArchive, ReportsTruncatedArchiveAndKeepsEarlierMembers) {
  // Incompressible members, so that the cut falls inside b.log's data.
  std::string noise(10000, '\0');
  uint32_t state = 12345;
  for (char& c : noise) c = static_cast<char>((state = state * 1103515245 + 12345) >> 24);
  std::string bytes = make_archive({{"a.log", noise}, {"b.log", noise}});
  bytes.resize(bytes.size() * 3 / 4);
  const auto result = read(bytes);
  EXPECT_EQ(result.members.substr(0, 17), "case.zip!a.log=10");
  EXPECT_NE(result.errors, "");
}

TEST(ReadArchive, ReportsGarbageAsNotAnArchive) {
  const auto result = read("PK\x03\x04 this is not really a zip file at all");
  EXPECT_EQ(result.members, "");
  EXPECT_EQ(result.errors, "case.zip corrupt|");
}

TEST(LooksLikeArchive, KnowsMagicBytes) {
  EXPECT_TRUE(looks_like_archive("PK\x03\x04"));
  EXPECT_TRUE(looks_like_archive("MSCF\0\0\0\0"));
  EXPECT_TRUE(looks_like_archive("\x1f\x8b\x08"));
  EXPECT_FALSE(looks_like_archive("<![LOG[hello"));
  EXPECT_FALSE(looks_like_archive("ElfFile"));
}

TEST(MachineInPath, FindsTheFolderThatNamesAMachine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"case.zip!SITE01/Logs/AIUpdateSvc.log", "SITE01"},
      {"bundle/CM01.contoso.com/Logs/x.log", "CM01.contoso.com"},
      {"case.zip!SITE02.zip!Logs/x.log", "SITE02"},
      {"samples/configmgr/ai-2011/AIUpdateSvc.log", ""},
      {"inetpub/logs/LogFiles/W3SVC1/u_ex240214.log", ""},
      {"AIUpdateSvc.log", ""},
      {"Logs/WIN-1O0UJBNP9G7/System.evtx", "WIN-1O0UJBNP9G7"},
  };
  for (const auto& [name, host] : cases) EXPECT_EQ(machine_in_path(name), host) << name;
}

}  // namespace
}  // namespace certdiag
