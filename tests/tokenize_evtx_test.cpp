#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/input.h"
#include "tokenize/event_xml.h"
#include "tokenize/evtx.h"

namespace certdiag {
namespace {

std::string read_test_file(const std::string& name) {
  std::ifstream in(std::string(CERTDIAG_SOURCE_DIR) + "/tests/data/evtx/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

struct Output {
  std::vector<Record> records;
  EvtxStats stats;
};

Output read(std::string bytes) {
  Output run;
  auto stream = memory_stream(std::move(bytes));
  run.stats = read_evtx(*stream, [&](Record& record) { run.records.push_back(record); });
  return run;
}

void expect_consistent(const Output& run, const std::string& what) {
  EXPECT_EQ(run.stats.records_read + run.stats.records_skipped, run.stats.records_total) << what;
  EXPECT_EQ(run.stats.records_read, run.records.size()) << what;
}

TEST(EvtxReader, ReadsEveryRealFile) {
  struct Case {
    std::string file;
    uint64_t read, skipped, total;
    std::vector<std::string> problems;
  };
  const Case cases[] = {
      {"system.evtx", 1881, 0, 1881, {}},
      {"Application_no_crc32.evtx", 17, 0, 17, {}},
      // libevtx cannot decode the one event this forwarded log holds.
      {"MSExchange_Management_wec.evtx",
       0,
       1,
       1,
       {"record 1: invalid binary XML token - unsupported type: 0x05"}},
      // Three CAPI2 records libevtx cannot decode; the file is read past them.
      {"Microsoft-Windows-CAPI2-Operational.evtx",
       337,
       3,
       340,
       {"record 25: invalid binary XML sub token - unsupported type: 0x49",
        "record 32: invalid binary XML sub token - unsupported type: 0x49",
        "record 142: invalid binary XML sub token - unsupported type: 0x49"}},
      // 267 listed records and 81 recovered ones (from chunk 7 and free space) are read; the
      // zeroed chunks and the records the damaged chunks lost are reported.
      {"sample_with_a_bad_chunk_magic.evtx",
       348,
       169,
       517,
       {"chunks 1-6, 10-15: no chunk signature; they were skipped",
        "chunk 0 at offset 0x1000: 117 of its 130 records (ids 46728-46857) could not be found; "
        "its records checksum does not match",
        "chunk 7 at offset 0x71000: 35 of its 78 records (ids 47628-47705) could not be found; "
        "its records checksum does not match",
        "chunk 9 at offset 0x91000: 17 of its 130 records (ids 45820-45949) could not be found; "
        "its records checksum does not match"}},
  };
  for (const Case& c : cases) {
    const std::string bytes = read_test_file(c.file);
    Output run = read(bytes);
    EXPECT_EQ(run.stats.error, "") << c.file;
    EXPECT_EQ(run.stats.bytes, bytes.size()) << c.file;
    EXPECT_EQ(run.stats.records_read, c.read) << c.file;
    EXPECT_EQ(run.stats.records_skipped, c.skipped) << c.file;
    EXPECT_EQ(run.stats.records_total, c.total) << c.file;
    EXPECT_EQ(run.stats.problems, c.problems) << c.file;
    expect_consistent(run, c.file);
  }
}

TEST(EvtxReader, NumbersRecordsByTheirIndex) {
  Output run = read(read_test_file("system.evtx"));
  ASSERT_EQ(run.records.size(), 1881u);
  EXPECT_EQ(
      debug_string(run.records[0]),
      R"(line=1 time=2017-07-12T17:16:28.214Z level=info host="WIN-P4SIAA0SQCO" component="EventLog" event_id=6009 channel="System" data.0="10.00." data.1="15063" data.2="" data.3="Multiprocessor Free" data.4="0")");
  EXPECT_EQ(
      debug_string(run.records[34]),
      R"(line=35 time=2017-07-12T17:16:28.214Z level=error host="WIN-P4SIAA0SQCO" component="Service Control Manager" provider_alias="Service Control Manager" event_id=7000 thread="1132" channel="System" data.param1="CldFlt" data.param2="%%50" data.Binary="43006C00640046006C0074000000")");
  for (size_t i = 0; i < run.records.size(); ++i) ASSERT_EQ(run.records[i].line, i + 1);
}

TEST(EvtxReader, ReadsCapi2UserDataAsFields) {
  Output run = read(read_test_file("Microsoft-Windows-CAPI2-Operational.evtx"));
  ASSERT_GE(run.records.size(), 6u);
  EXPECT_EQ(
      debug_string(run.records[5]),
      R"(line=6 time=2017-05-19T02:02:36.000Z level=info host="WIN-M5327EF98B9" component="Microsoft-Windows-CAPI2" event_id=41 thread="2132" channel="Microsoft-Windows-CAPI2/Operational" data.Certificate.fileRef="9617094A1CFB59AE7C1F7DFDB6739E4E7C40508F.cer" data.Certificate.subjectName="Microsoft Corporation" data.IssuerCertificate.fileRef="3036E3B25B88A55B86FC90E6E9EAAD5081445166.cer" data.IssuerCertificate.subjectName="Microsoft Code Signing PCA" data.Flags.value="4" data.Flags.CERT_VERIFY_REV_ACCUMULATIVE_TIMEOUT_FLAG="true" data.AdditionalParameters.timeToUse="2011-01-25T23:50:52Z" data.AdditionalParameters.currentTime="2017-05-19T02:02:35.484Z" data.AdditionalParameters.urlRetrievalTimeout="PT19.968S" data.RevocationStatus.index="0" data.RevocationStatus.error="0" data.RevocationStatus.reason="0" data.RevocationStatus.actualFreshnessTime="P1760DT4H55M37S" data.CertificateRevocationList.location="Wire" data.CertificateRevocationList.url="http://crl.microsoft.com/pki/crl/products/CSPCA.crl" data.CertificateRevocationList.fileRef="CFA529C048EC394A1203853C0C9A5E28EA23F035.crl" data.CertificateRevocationList.issuerName="Microsoft Code Signing PCA" data.EventAuxInfo.ProcessName="Setup.exe" data.CorrelationAuxInfo.TaskId="{1CB1FE4B-D685-48FC-A3FA-42893E4C1717}" data.CorrelationAuxInfo.SeqNumber="6" data.Result.value="0")");
}

TEST(EvtxReader, ReadsTheGoodChunksOfABadFile) {
  Output run = read(read_test_file("sample_with_a_bad_chunk_magic.evtx"));
  ASSERT_EQ(run.records.size(), 348u);
  // Listed records first, in file order, then the recovered ones numbered after them.
  EXPECT_EQ(run.records[266].line, 267u);
  EXPECT_GT(run.records[267].line, 267u);
  for (const Record& record : run.records) {
    EXPECT_TRUE(record.time) << debug_string(record);
    EXPECT_TRUE(record.event_id) << debug_string(record);
  }
}

TEST(EvtxReader, ReadsTheFirstChunkOfACutFile) {
  const std::string bytes = read_test_file("system.evtx").substr(0, 70000);
  Output run = read(bytes);
  EXPECT_EQ(run.stats.error, "");
  EXPECT_EQ(run.stats.records_read, 108u);
  EXPECT_EQ(run.stats.records_total, 108u);
  EXPECT_EQ(run.stats.problems,
            std::vector<std::string>{"the file ends 368 bytes into chunk 1: it was cut short"});
  expect_consistent(run, "cut");
  ASSERT_EQ(run.records.size(), 108u);
  EXPECT_EQ(run.records.back().line, 108u);
}

TEST(EvtxReader, ReportsTheRecordsADamagedChunkLost) {
  // The second half of the first chunk's records overwritten with zeros, and the second chunk's
  // header given an impossible record range.
  std::string bytes = read_test_file("system.evtx").substr(0, 4096 + 2 * 65536);
  std::fill(bytes.begin() + 4096 + 32768, bytes.begin() + 4096 + 65536, '\0');
  bytes[4096 + 65536 + 39] = '\x7f';  // last record id of chunk 1
  Output run = read(bytes);
  EXPECT_EQ(run.stats.error, "");
  EXPECT_EQ(run.stats.problems,
            (std::vector<std::string>{
                "chunk 0 at offset 0x1000: 56 of its 108 records (ids 1-108) could not be found; "
                "its records checksum does not match",
                "chunk 1 at offset 0x11000: its header is damaged (its checksum does not match)"}));
  // libevtx still reads the 102 records of chunk 1; 52 of chunk 0 precede the zeros.
  EXPECT_EQ(run.stats.records_read, 154u);
  EXPECT_EQ(run.stats.records_skipped, 56u);
  EXPECT_EQ(run.stats.records_total, 210u);
  expect_consistent(run, "damaged chunk");
}

TEST(EvtxReader, CapsTheProblemsItLists) {
  // Every other record of the first chunk gets an invalid binary XML token.
  std::string bytes = read_test_file("system.evtx").substr(0, 4096 + 65536);
  size_t at = 4096 + 512;
  for (int n = 0; bytes.compare(at, 4, std::string("**\0\0", 4)) == 0; ++n) {
    uint32_t size = 0;
    std::memcpy(&size, bytes.data() + at + 4, 4);
    if (n % 2 == 0) bytes[at + 24] = '\xff';
    at += size;
  }
  Output run = read(bytes);
  EXPECT_EQ(run.stats.records_read, 54u);
  EXPECT_EQ(run.stats.records_skipped, 54u);
  EXPECT_EQ(run.stats.records_total, 108u);
  ASSERT_EQ(run.stats.problems.size(), 21u);
  EXPECT_EQ(run.stats.problems[0], "record 1: unsupported binary XML token type: 0xff");
  EXPECT_EQ(run.stats.problems[19], "record 39: unsupported binary XML token type: 0xff");
  EXPECT_EQ(run.stats.problems[20], "… and 34 more");
  expect_consistent(run, "broken records");
}

TEST(EvtxReader, RejectsWhatIsNoEvtxFile) {
  struct Case {
    std::string bytes;
    std::string error;
  };
  std::string bad_header = read_test_file("system.evtx").substr(0, 4096);
  bad_header[40] = '\x7f';  // a header block size libevtx cannot map
  const Case cases[] = {
      {"", "not a readable .evtx file: no ElfFile signature"},
      {"Log Name: System\r\nSource: Schannel\r\n",
       "not a readable .evtx file: no ElfFile signature"},
      {std::string("ElfFile\0", 8) + "short",
       "not a readable .evtx file: shorter than its 4096-byte header"},
      {std::string(8192, '\0'), "not a readable .evtx file: no ElfFile signature"},
      {bad_header, "not a readable .evtx file: invalid size value exceeds maximum"},
  };
  for (const Case& c : cases) {
    Output run = read(c.bytes);
    EXPECT_EQ(run.stats.error, c.error) << c.bytes.size();
    EXPECT_EQ(run.stats.bytes, c.bytes.size());
    EXPECT_TRUE(run.records.empty());
    EXPECT_EQ(run.stats.records_total, 0u);
  }
}

// A .evtx record and its XML export give the same Record: the XML that `evtxexport -f xml`
// printed for some records (tests/data/evtx/*_records.xml) is read with the event-xml tokenizer
// and compared with the records read from the .evtx file, but for their line numbers.
TEST(EvtxReader, GivesTheRecordItsXmlExportGives) {
  struct Case {
    std::string evtx, xml;
    std::vector<uint64_t> numbers;
  };
  const Case cases[] = {
      {"system.evtx", "system_records.xml", {35, 46, 222, 545}},
      {"Microsoft-Windows-CAPI2-Operational.evtx", "capi2_records.xml", {6, 7}},
  };
  for (const Case& c : cases) {
    Output run = read(read_test_file(c.evtx));
    std::vector<Record> exported;
    EventXmlTokenizer tokenizer([&](Record& record) { exported.push_back(record); });
    std::istringstream lines(read_test_file(c.xml));
    std::string line;
    for (uint64_t line_no = 1; std::getline(lines, line); ++line_no) tokenizer.feed(line, line_no);
    tokenizer.finish();
    ASSERT_EQ(exported.size(), c.numbers.size()) << c.xml;
    for (size_t i = 0; i < exported.size(); ++i) {
      auto found = std::find_if(run.records.begin(), run.records.end(),
                                [&](const Record& r) { return r.line == c.numbers[i]; });
      ASSERT_NE(found, run.records.end()) << c.numbers[i];
      const Record& from_evtx = *found;
      Record from_xml = exported[i];
      from_xml.line = from_evtx.line;
      from_xml.line_count = from_evtx.line_count;
      EXPECT_EQ(debug_string(from_xml), debug_string(from_evtx)) << c.xml << " " << c.numbers[i];
      EXPECT_FALSE(from_evtx.data.empty());
    }
  }
}

}  // namespace
}  // namespace certdiag
