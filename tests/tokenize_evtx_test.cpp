#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "evtx_corpus.h"
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

Output read_with(std::string bytes, unsigned jobs) {
  Output run;
  auto stream = memory_stream(std::move(bytes));
  run.stats = read_evtx(
      *stream, [&](Record& record) { run.records.push_back(record); }, jobs);
  return run;
}

// Reads with one job, and checks that chunks decoded on three threads give the same records,
// in the same order, and the same counts and problems.
Output read(const std::string& bytes) {
  Output run = read_with(bytes, 1);
  const Output parallel = read_with(bytes, 3);
  EXPECT_EQ(parallel.stats.records_read, run.stats.records_read);
  EXPECT_EQ(parallel.stats.records_skipped, run.stats.records_skipped);
  EXPECT_EQ(parallel.stats.records_total, run.stats.records_total);
  EXPECT_EQ(parallel.stats.records_recovered, run.stats.records_recovered);
  EXPECT_EQ(parallel.stats.bytes, run.stats.bytes);
  EXPECT_EQ(parallel.stats.problems, run.stats.problems);
  EXPECT_EQ(parallel.stats.error, run.stats.error);
  EXPECT_EQ(parallel.records.size(), run.records.size());
  for (size_t i = 0; i < std::min(run.records.size(), parallel.records.size()); ++i) {
    EXPECT_EQ(debug_string(parallel.records[i]), debug_string(run.records[i]));
    EXPECT_EQ(parallel.records[i].recovered, run.records[i].recovered) << i;
  }
  return run;
}

void expect_consistent(const Output& run, const std::string& what) {
  EXPECT_EQ(run.stats.records_read + run.stats.records_skipped, run.stats.records_total) << what;
  EXPECT_EQ(run.stats.records_read, run.records.size()) << what;
}

TEST(EvtxReader, ReadsEveryRealFile) {
  struct Case {
    std::string file;
    uint64_t read, skipped, total, recovered;
    std::vector<std::string> problems;
  };
  const Case cases[] = {
      {"system.evtx", 1881, 0, 1881, 0, {}},
      // 17 listed records and 20 older ones left in the chunk's free space.
      {"Application_no_crc32.evtx", 37, 0, 37, 20, {}},
      // An event forwarded through Windows Event Collector: values outside a template.
      {"MSExchange_Management_wec.evtx", 1, 0, 1, 0, {}},
      // Entity references (&amp;) in CAPI2's binary XML.
      {"Microsoft-Windows-CAPI2-Operational.evtx", 340, 0, 340, 0, {}},
      // Zeroed chunks and damaged records: what remains of chunks 0, 7 and 9 is read; chunk 7
      // also holds 50 older events (ids 45641-45690) past its free space.
      {"sample_with_a_bad_chunk_magic.evtx",
       350,
       167,
       517,
       50,
       {"chunks 1-6, 10-15: no chunk signature; they were skipped",
        "record 14 (id 46741) at offset 0x2fc0: it is cut short; its end does not repeat its size",
        "chunk 0 at offset 0x1000: 116 of its 130 records (ids 46728-46857) could not be found",
        "bytes 0x73060-0x771d0 hold no record; skipped to the next",
        "chunk 7 at offset 0x71000: 34 of its 78 records (ids 47628-47705) could not be found",
        "chunk 9 at offset 0x91000: 16 of its 130 records (ids 45820-45949) could not be found"}},
  };
  for (const Case& c : cases) {
    const std::string bytes = read_test_file(c.file);
    Output run = read(bytes);
    EXPECT_EQ(run.stats.error, "") << c.file;
    EXPECT_EQ(run.stats.bytes, bytes.size()) << c.file;
    EXPECT_EQ(run.stats.records_read, c.read) << c.file;
    EXPECT_EQ(run.stats.records_skipped, c.skipped) << c.file;
    EXPECT_EQ(run.stats.records_total, c.total) << c.file;
    EXPECT_EQ(run.stats.records_recovered, c.recovered) << c.file;
    const auto recovered = std::count_if(run.records.begin(), run.records.end(),
                                         [](const Record& record) { return record.recovered; });
    EXPECT_EQ(static_cast<uint64_t>(recovered), c.recovered) << c.file;
    EXPECT_EQ(run.stats.problems, c.problems) << c.file;
    expect_consistent(run, c.file);
  }
}

TEST(EvtxReader, NumbersRecordsInFileOrder) {
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

TEST(EvtxReader, ResolvesEntityReferencesInText) {
  // libevtx could not read this CAPI2 record: the quotes around its ETag are entity references
  // (&quot;) in its binary XML.
  Output run = read(read_test_file("Microsoft-Windows-CAPI2-Operational.evtx"));
  ASSERT_GE(run.records.size(), 25u);
  const std::vector<Field>& data = run.records[24].data;
  auto etag = std::find_if(data.begin(), data.end(), [](const Field& field) {
    return field.name == "URLCacheResponseInfo.eTag";
  });
  ASSERT_NE(etag, data.end());
  EXPECT_EQ(etag->value, "\"ea9ee7b1bc43d21:0\"");
}

TEST(EvtxReader, ReadsAnEventForwardedWithValuesOutsideATemplate) {
  Output run = read(read_test_file("MSExchange_Management_wec.evtx"));
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(
      debug_string(run.records[0]).substr(0, 184),
      R"(line=1 time=2021-11-19T16:52:33.833Z level=info host="WEC.ave.local" component="MSExchange CmdletLogs" event_id=1 channel="MSExchange Management" data.0="Set-Mailbox" data.1="-Identity)");
}

TEST(EvtxReader, ReadsTheGoodChunksOfABadFile) {
  Output run = read(read_test_file("sample_with_a_bad_chunk_magic.evtx"));
  ASSERT_EQ(run.records.size(), 350u);
  for (const Record& record : run.records) {
    EXPECT_TRUE(record.time) << debug_string(record);
    EXPECT_TRUE(record.event_id) << debug_string(record);
  }
}

// A file of `copies` times the first chunk of system.evtx, made as it is read: the test holds
// one chunk, never the file.
class RepeatedChunkStream final : public ByteStream {
 public:
  RepeatedChunkStream(std::string header, std::string chunk, size_t copies)
      : header_(std::move(header)), chunk_(std::move(chunk)), left_(copies) {}
  size_t read(char* buffer, size_t size) override {
    if (at_ == chunk_.size() && left_ > 0) {
      --left_;
      at_ = 0;
    }
    const std::string& part = header_done_ ? chunk_ : header_;
    const size_t count = std::min(size, part.size() - at_);
    std::memcpy(buffer, part.data() + at_, count);
    at_ += count;
    if (!header_done_ && at_ == header_.size()) {
      header_done_ = true;
      at_ = chunk_.size();
    }
    return count;
  }
  const std::string& error() const override { return error_; }

 private:
  std::string header_, chunk_, error_;
  size_t left_;
  size_t at_ = 0;
  bool header_done_ = false;
};

// Chunks in flight are a window of a few per thread: a file of 1,024 chunks (64 MiB) read on
// four threads does not make memory grow with it.
TEST(EvtxReader, ReadsChunksInParallelInBoundedMemory) {
  const std::string bytes = read_test_file("system.evtx");
  const size_t copies = 1024;
  const long before = testing::peak_rss_kib();
  uint64_t records = 0, last_line = 0;
  bool in_order = true;
  RepeatedChunkStream stream(bytes.substr(0, 4096), bytes.substr(4096, 65536), copies);
  const EvtxStats stats = read_evtx(
      stream,
      [&](Record& record) {
        ++records;
        in_order = in_order && record.line == last_line + 1;
        last_line = record.line;
      },
      4);
  EXPECT_EQ(stats.error, "");
  EXPECT_EQ(stats.bytes, 4096 + copies * 65536);
  EXPECT_EQ(stats.records_read, copies * 108);
  EXPECT_EQ(records, copies * 108);
  EXPECT_TRUE(in_order);
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(testing::peak_rss_kib() - before, 16 * 1024);
#else
  (void)before;
#endif
}

TEST(EvtxReader, ReadsTheFirstChunkOfACutFile) {
  const std::string bytes = read_test_file("system.evtx").substr(0, 70000);
  Output run = read(bytes);
  EXPECT_EQ(run.stats.error, "");
  EXPECT_EQ(run.stats.bytes, 70000u);
  EXPECT_EQ(run.stats.records_read, 108u);
  EXPECT_EQ(run.stats.records_total, 108u);
  EXPECT_EQ(run.stats.problems,
            std::vector<std::string>{"the file ends 368 bytes into chunk 1: it was cut short"});
  expect_consistent(run, "cut");
  ASSERT_EQ(run.records.size(), 108u);
  EXPECT_EQ(run.records.back().line, 108u);
}

TEST(EvtxReader, ReadsTheWholeRecordsOfAChunkCutShort) {
  // Cut 20000 bytes into chunk 1: the records that end before the cut are read.
  const std::string bytes = read_test_file("system.evtx").substr(0, 4096 + 65536 + 20000);
  Output run = read(bytes);
  EXPECT_EQ(run.stats.error, "");
  EXPECT_EQ(run.stats.problems,
            (std::vector<std::string>{"the file ends 20000 bytes into chunk 1: it was cut short",
                                      "record 137 at offset 0x15be8: its size is damaged"}));
  EXPECT_EQ(run.stats.records_read, 136u);
  EXPECT_EQ(run.stats.records_skipped, 1u);
  expect_consistent(run, "cut in chunk 1");
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
                "record 53 (id 53) at offset 0x8fd0: it is cut short; its end does not repeat its "
                "size",
                "chunk 0 at offset 0x1000: 55 of its 108 records (ids 1-108) could not be found",
                "chunk 1 at offset 0x11000: its header is damaged (its checksum does not match)"}));
  // The 102 records of chunk 1 are read; 52 of chunk 0 precede the zeros.
  EXPECT_EQ(run.stats.records_read, 154u);
  EXPECT_EQ(run.stats.records_skipped, 56u);
  EXPECT_EQ(run.stats.records_total, 210u);
  expect_consistent(run, "damaged chunk");
}

// A byte changed where no record fails (the first record's written time, which the event's own
// TimeCreated repeats): only the checksum tells, so it is reported.
TEST(EvtxReader, ReportsAChecksumMismatchNoLostRecordExplains) {
  std::string bytes = read_test_file("system.evtx").substr(0, 4096 + 65536);
  bytes[4096 + 512 + 16] ^= 1;
  Output run = read(bytes);
  EXPECT_EQ(run.stats.problems,
            std::vector<std::string>{"chunk 0 at offset 0x1000: its records checksum does not "
                                     "match; its records are read anyway"});
  EXPECT_EQ(run.stats.records_read, 108u);
  expect_consistent(run, "changed time");
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
  EXPECT_EQ(run.stats.problems[0],
            "record 1 (id 1) at offset 0x1200: unknown binary XML token 0xff at 0x218");
  EXPECT_EQ(run.stats.problems[19],
            "record 39 (id 39) at offset 0x6e48: unknown binary XML token 0xff at 0x5e60");
  EXPECT_EQ(run.stats.problems[20], "… and 34 more");
  expect_consistent(run, "broken records");
}

TEST(EvtxReader, ReadsPastADamagedFileHeader) {
  std::string bytes = read_test_file("system.evtx").substr(0, 4096 + 65536);
  bytes[40] = '\x7f';  // the header block size
  Output run = read(bytes);
  EXPECT_EQ(run.stats.error, "");
  EXPECT_EQ(run.stats.problems,
            std::vector<std::string>{
                "the file header's checksum does not match; its chunks are read anyway"});
  EXPECT_EQ(run.stats.records_read, 108u);
}

TEST(EvtxReader, RejectsWhatIsNoEvtxFile) {
  const std::string cases[] = {"", "Log Name: System\r\nSource: Schannel\r\n",
                               std::string("ElfFile\0", 8) + "short", std::string(8192, '\0')};
  for (const std::string& bytes : cases) {
    Output run = read(bytes);
    EXPECT_EQ(run.stats.error_kind, InputErrorKind::corrupt) << bytes.size();
    EXPECT_NE(run.stats.error, "") << bytes.size();
    EXPECT_EQ(run.stats.bytes, bytes.size());
    EXPECT_TRUE(run.records.empty());
    EXPECT_EQ(run.stats.records_total, 0u);
  }
}

// The repro that made libevtx allocate without bound: one bit flipped in chunk 4 of a real log.
// The native reader reports the one record it damaged, in one line (the chunk's checksum
// mismatch is that record's), and reads all the others.
TEST(EvtxReader, ReportsTheRecordABitFlipDamagedAndReadsTheRest) {
  const auto path = testing::shared_evtx_dir("evtx") / "sample-with-irregular-bool-values.evtx";
  std::string bytes = testing::file_bytes(path);
  if (bytes.empty()) GTEST_SKIP() << path << " is absent";
  const Output clean = read(bytes);
  bytes[0x46e50] ^= 0x40;
  const Output run = read(bytes);
  EXPECT_EQ(run.stats.problems,
            std::vector<std::string>{
                "record 653 (id 653) at offset 0x46cf0: template at 0xbed: value count cut short "
                "or too large"});
  EXPECT_EQ(run.stats.records_read + 1, clean.stats.records_read);
  EXPECT_EQ(run.stats.records_total, clean.stats.records_total);
  expect_consistent(run, "bit flip");
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
