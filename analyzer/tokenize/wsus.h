// Splits Windows Update and WSUS logs into Records, in three on-disk layouts and the trimmed
// forms posts give them:
// - WSUS SoftwareDistribution.log: `2019-07-11 04:34:31.281 UTC⇥Info⇥WsusService.12⇥
//   ContentSyncAgent.WakeUpWorkerThreadProc⇥message` (time in UTC; level Info/Warning/Error).
//   Posts drop the time, or the level too (`WsusService.11 CabUtilities.CheckCertificateSignature
//   File cert verification failed for …`).
// - the classic WindowsUpdate.log (Windows 7, Server 2008 R2): `2022-11-06⇥08:22:57:447⇥ 6032⇥
//   13a4⇥Misc⇥message`, local time; the `Logging initialized (…, tz: -0500)` banner gives its
//   offset, else --input-tz does (time marked assumed). Posts keep `Component message` only
//   (`Report REPORT EVENT: {…} … 800b0109 AutomaticUpdatesWuApp Failure Content Download …`).
// - WindowsUpdate.log written by Get-WindowsUpdateLog (Windows 10 and later): `2019/06/05
//   11:07:49.2925380 21136 21548 Misc message`, local time read in --input-tz.
// TABs pasted as spaces are read alike. Lines without columns continue the record before them
// (a .NET stack trace in SoftwareDistribution.log); before the first record they make one of
// their own (a paste cut in the middle of an entry). `WARNING:` and `FATAL:` prefixes give the
// level where the layout has none. Does not interpret message text; see match/.
#pragma once

#include <string>
#include <string_view>

#include "tokenize/event_export.h"
#include "tokenize/tokenizer.h"

namespace certdiag {

// The columns of one Windows Update or WSUS log line; empty where the layout has none.
struct WsusLine {
  enum class Layout { none, software_distribution, windows_update, windows_update_etl, trimmed };
  Layout layout = Layout::none;
  std::string_view date;       // as written: "2022-11-06", "2019/06/05"
  std::string_view clock;      // as written: "08:22:57:447", "04:34:31.281"
  bool utc = false;            // the time says UTC (SoftwareDistribution.log)
  std::string_view level;      // "Info", "Warning", "Error"
  std::string_view process;    // "WsusService.12", or the process id
  std::string_view thread;     // the thread id
  std::string_view component;  // "Agent", "Misc", "ContentSyncAgent.WakeUpWorkerThreadProc"
  std::string_view message;
};

// Reads the columns of a line in one of the layouts above; `trusted` also takes trimmed lines
// whose component is a common word ("Agent", "Report"): right inside a source known to be a
// Windows Update log, not enough to tell one by.
bool parse_wsus_line(std::string_view line, WsusLine& out, bool trusted = true);

class WsusTokenizer final : public Tokenizer {
 public:
  explicit WsusTokenizer(RecordSink sink, const TokenizeOptions& options = {});

  std::string_view name() const override { return "wsus"; }
  void feed(std::string_view line, uint64_t line_no) override;
  void finish() override;

 private:
  void start(const WsusLine& columns, std::string_view line, uint64_t line_no);
  void flush();

  InputZone input_zone_;   // --input-tz
  InputZone banner_zone_;  // the offset a WindowsUpdate.log banner states
  bool banner_seen_ = false;
  Record record_;
  bool open_ = false;
  uint64_t last_line_ = 0;
  size_t blank_lines_ = 0;  // blank lines inside the open record, not yet placed
};

// Whether a line shows a Windows Update or WSUS log layout strongly enough to detect it by.
bool is_wsus_line(std::string_view line);

// The layout name --why gives a detected Windows Update or WSUS log.
std::string_view wsus_layout(std::string_view line);

}  // namespace certdiag
