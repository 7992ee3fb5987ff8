#include "texts.h"

#include <fmt/format.h>

#include <array>

namespace certdiag::bench {
namespace {

constexpr size_t kFailureEvery = 10000;
constexpr unsigned kNearMissPercent = 2;

const char* const kComponents[] = {"CcmExec",
                                   "LocationServices",
                                   "CCMHTTP",
                                   "CertificateMaintenance",
                                   "PolicyAgent_RequestAssignments",
                                   "DataTransferService",
                                   "AIUpdateSvc"};

struct Clock {
  long long ms = 0;  // since 2024-02-12 06:00:00
  void step(Lcg& rng) {
    static constexpr std::array<int, 8> kSteps = {0, 1, 15, 120, 400, 900, 2500, 7000};
    ms += kSteps[rng.below(kSteps.size())];
  }
  int day() const { return 12 + static_cast<int>(ms / 86400000 % 16); }
  int hour() const { return static_cast<int>(ms / 3600000 % 24); }
  int minute() const { return static_cast<int>(ms / 60000 % 60); }
  int second() const { return static_cast<int>(ms / 1000 % 60); }
  int milli() const { return static_cast<int>(ms % 1000); }
};

// Picks the message of the next record: a failure about once per 10,000, a near miss 2 %.
const std::string& pick(Lcg& rng, size_t index) {
  if (index % kFailureEvery == kFailureEvery - 1) {
    const auto& all = failure_messages();
    return all[(index / kFailureEvery) % all.size()];
  }
  if (rng.below(100) < kNearMissPercent) {
    const auto& all = near_miss_messages();
    return all[rng.below(all.size())];
  }
  const auto& all = benign_messages();
  return all[rng.below(all.size())];
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void append_record(std::string& out, std::string_view format, Lcg& rng, Clock& t, size_t index) {
  const std::string& msg = pick(rng, index);
  if (format == "cmtrace") {
    fmt::format_to(std::back_inserter(out),
                   "<![LOG[{}]LOG]!><time=\"{:02}:{:02}:{:02}.{:03}+420\" date=\"02-{:02}-2024\" "
                   "component=\"{}\" context=\"\" type=\"1\" thread=\"{}\" file=\"\">\r\n",
                   msg, t.hour(), t.minute(), t.second(), t.milli(), t.day(),
                   kComponents[rng.below(std::size(kComponents))], 2868 + rng.below(4) * 512);
  } else if (format == "sms-trace") {
    const unsigned tid = 1524 + static_cast<unsigned>(rng.below(8)) * 332;
    fmt::format_to(std::back_inserter(out),
                   "{}  $$<SMS_AI_KB_MANAGER><02-{:02}-2024 {:02}:{:02}:{:02}.{:03}+480><thread={} "
                   "(0x{:X})>\r\n",
                   msg, t.day(), t.hour(), t.minute(), t.second(), t.milli(), tid, tid);
  } else if (format == "dotnet-trace") {
    static constexpr std::array<const char*, 3> kLevels = {"Verbose", "Information", "Warning"};
    static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                         "Fri", "Sat", "Sun"};
    fmt::format_to(std::back_inserter(out),
                   "Asset Intelligence Catalog Sync Service {}: 0 : {}, {:02} Feb 2024 "
                   "{:02}:{:02}:{:02} GMT:{}\r\n",
                   kLevels[rng.below(kLevels.size())], kDays[t.day() % 7], t.day(), t.hour(),
                   t.minute(), t.second(), msg);
  } else if (format == "plain") {
    fmt::format_to(std::back_inserter(out), "2024-02-{:02} {:02}:{:02}:{:02}.{:03} [{}] {}\r\n",
                   t.day(), t.hour(), t.minute(), t.second(), t.milli(),
                   kComponents[rng.below(std::size(kComponents))], msg);
  } else if (format == "event-xml") {
    fmt::format_to(
        std::back_inserter(out),
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        "<Provider Name='SMS Server' EventSourceName='SMS Server'/><EventID Qualifiers='16384'>{}"
        "</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode>"
        "<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2024-02-{:02}T{:02}:{:02}:"
        "{:02}.{:03}0000Z'/><EventRecordID>{}</EventRecordID><Correlation/><Execution "
        "ProcessID='4412' ThreadID='5216'/><Channel>Application</Channel><Computer>"
        "WKS01.contoso.com</Computer><Security/></System><EventData><Data>{}</Data><Data>PS1"
        "</Data></EventData><RenderingInfo Culture='en-US'><Message>{}</Message><Level>"
        "Information</Level><Task></Task><Opcode>Info</Opcode><Channel>Application</Channel>"
        "<Provider>SMS Server</Provider><Keywords><Keyword>Classic</Keyword></Keywords>"
        "</RenderingInfo></Event>\r\n",
        500 + rng.below(8), t.day(), t.hour(), t.minute(), t.second(), t.milli(), 1000 + index,
        "CM01.contoso.com", xml_escape(msg));
  } else if (format == "event-csv") {
    std::string quoted;
    for (char c : msg) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    fmt::format_to(std::back_inserter(out),
                   "Information,2/{}/2024 {}:{:02}:{:02} {},SMS Server,{},None,\"{}\"\r\n", t.day(),
                   t.hour() % 12 == 0 ? 12 : t.hour() % 12, t.minute(), t.second(),
                   t.hour() < 12 ? "AM" : "PM", 500 + rng.below(8), quoted);
  } else if (format == "event-text") {
    fmt::format_to(std::back_inserter(out),
                   "Event[{}]:\r\n  Log Name: Application\r\n  Source: SMS Server\r\n"
                   "  Date: 2024-02-{:02}T{:02}:{:02}:{:02}.{:03}\r\n  Event ID: {}\r\n"
                   "  Task: N/A\r\n  Level: Information\r\n  Opcode: Info\r\n  Keyword: Classic\r\n"
                   "  User: N/A\r\n  User Name: N/A\r\n  Computer: WKS01.contoso.com\r\n"
                   "  Description: \r\n{}\r\n\r\n",
                   index, t.day(), t.hour(), t.minute(), t.second(), t.milli(), 500 + rng.below(8),
                   msg);
  } else if (format == "iis-w3c") {
    // The message texts do not fit W3C columns: IIS lines carry status codes instead.
    static constexpr std::array<const char*, 5> kRequests = {
        "CCM_POST /ccm_system/request - 80 - {} ccmhttp - 200 0 0 {}",
        "CCM_POST /ccm_system_windowsauth/request - 80 - {} ccmhttp - 401 2 5 {}",
        "GET /SMS_MP/.sms_aut MPLIST 80 - {} SMS+CCM+5.0 - 200 0 0 {}",
        "HEAD /SMS_DP_SMSPKG$/PS100042 - 80 - {} Microsoft+BITS/7.8 - 200 0 0 {}",
        "GET /SMS_DP_SMSPKG$/PS100042/sccm - 80 - {} Microsoft+BITS/7.8 - 304 0 0 {}"};
    const char* request =
        index % kFailureEvery == kFailureEvery - 1
            ? "CCM_POST /ccm_system/request - 443 - {} ccmhttp - 403 16 2148204809 {}"
            : kRequests[rng.below(kRequests.size())];
    fmt::format_to(std::back_inserter(out), "2024-02-{:02} {:02}:{:02}:{:02} 10.0.0.5 ", t.day(),
                   t.hour(), t.minute(), t.second());
    fmt::format_to(std::back_inserter(out), fmt::runtime(request),
                   fmt::format("10.1.{}.{}", rng.below(255), 2 + rng.below(250)), rng.below(900));
    out += "\r\n";
  }
}

}  // namespace

const std::vector<std::string>& benign_messages() {
  static const std::vector<std::string> all = {
      "Service startup notification received",
      "Invoking scheduled task {00000000-0000-0000-0000-000000000001}",
      "Current AD site of machine is Default-First-Site-Name",
      "Retrieved management point(s) from AD for site PS1: MP01.contoso.com",
      "[CCMHTTP] AsyncCallback(): Successfully sent 18432 bytes of data to MP01.contoso.com",
      "[CCMHTTP] ERROR INFO: StatusCode=200 StatusText=OK",
      "CCMDoCertificateMaintenance() Succeeded",
      "Begin validation of Certificate [Thumbprint 4660B5B610280F380CFAF4F21B43293C30D27CE7] "
      "issued to 'WKS01.contoso.com'",
      "Requesting Machine policy assignments",
      "Successfully downloaded policy CCM_Policy_Policy5 {5B2F1C4E-0F9A-4E2B-9C3D-7A1B2C3D4E5F}",
      "DTSJob {5B2F1C4E-0F9A-4E2B-9C3D-7A1B2C3D4E5F} in state 'DownloadingData'.",
      "Checking for pending catalog requests",
      "No pending catalog requests",
      "Sleeping for 30 minutes",
      "Retrieved 1187 items from System Center Online",
      "Processed 29 status messages from the inbox",
  };
  return all;
}

const std::vector<std::string>& near_miss_messages() {
  static const std::vector<std::string> all = {
      "Catalog service replied with HTTP status 200: OK",
      "Per-installation certificate loaded",
      "Authentication certificate loaded; certificate store check complete, bad certificates: 0",
      "Retrieved 403 items from the catalog",
      "WebException trying to enroll: Status = Timeout",
      "Exception attempting sync - The request failed with HTTP status 503: Service Unavailable.",
      "Connection failed - the remote name could not be resolved",
      "Expired credentials were removed from the cache",
  };
  return all;
}

const std::vector<std::string>& failure_messages() {
  static const std::vector<std::string> all = {
      "WebException trying to enroll: Status = ProtocolError",
      "Exception attempting sync - The request failed with HTTP status 403: Forbidden.",
      "Exception attempting sync \xE2\x80\x93 The request failed with HTTP status 403: Forbidden.",
      "Connection failed -bad certificate",
      "Expired credentials/certificate/token. Online account must be re-provisioned",
  };
  return all;
}

std::string make_text(std::string_view format, size_t bytes) {
  std::string out;
  out.reserve(bytes + 4096);
  if (format == "event-csv") out += "Level,Date and Time,Source,Event ID,Task Category\r\n";
  if (format == "iis-w3c") {
    out +=
        "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
        "#Date: 2024-02-12 06:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem "
        "cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus "
        "sc-win32-status time-taken\r\n";
  }
  Lcg rng(42);
  Clock clock;
  for (size_t index = 0; out.size() < bytes; ++index) {
    clock.step(rng);
    const size_t before = out.size();
    append_record(out, format, rng, clock, index);
    if (out.size() == before) return {};  // unknown format
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace certdiag::bench
