// --redact: what identifies people and machines becomes a stable placeholder; error codes,
// times, versions, rule ids and the product's own texts stay as written.
#include <gtest/gtest.h>

#include "report/redact.h"
#include "rules/loader.h"

namespace certdiag {
namespace {

struct Case {
  std::string in;
  std::string out;
};

// Each line is learned from, then redacted, by a fresh Redactor.
std::string redacted(const std::string& text) {
  Redactor redactor;
  redactor.learn(text);
  return redactor.redact(text);
}

TEST(Redactor, ReplacesEachKindOfIdentifyingValue) {
  const std::vector<Case> cases = {
      {"connect to 10.20.4.71:443 failed", "connect to [IP1]:443 failed"},
      {"from fe80::1c2d:3e4f:5a6b%12", "from [IP1]%12"},
      {"2001:0db8:85a3:0000:0000:8a2e:0370:7334 refused", "[IP1] refused"},
      {"user S-1-5-21-3623811015-3361044348-30300820-1013 denied", "user [SID1] denied"},
      {"logon as jdoe@contoso.com failed", "logon as [USER1]@[DOMAIN1] failed"},
      {"RunAs account CONTOSO\\svc-scom-action.", "RunAs account [DOMAIN1]\\[USER1]."},
      {"computer account CONTOSO\\APP05$ reset", "computer account [DOMAIN1]\\[HOST1]$ reset"},
      {"Thumbprint 3F2A9C41D807B65E12C47D90AA610E5B38F2C917 is about to expire",
       "Thumbprint [THUMBPRINT1] is about to expire"},
      {"Thumbprint 3f 2a 9c 41 d8 07 b6 5e 12 c4 7d 90 aa 61 0e 5b 38 f2 c9 17 is about",
       "Thumbprint [THUMBPRINT1] is about"},
      {"1=A1 FC 63 CB D5 56 63 D7 75 5D ED D5 C4 8E C1 71 B3 FF 10 A0 added",
       "1=[THUMBPRINT1] added"},
      {"Target name: web01.contoso.com", "Target name: [HOST1].[DOMAIN1]"},
      {"https://MP01.corp.contoso.com/SMS_MP/.sms_aut?MPLIST2",
       "https://[HOST1].[DOMAIN1]/SMS_MP/.sms_aut?MPLIST2"},
      {"MachineName      : FAB-APP01.fabrikam.local", "MachineName      : [HOST1].[DOMAIN1]"},
      {"Account Name:\t\tjdoe\r\nAccount Domain:\t\tCONTOSO",
       "Account Name:\t\t[USER1]\r\nAccount Domain:\t\t[DOMAIN1]"},
      {"TargetUserName=jdoe, TargetDomainName=CONTOSO, WorkstationName=WS0042",
       "TargetUserName=[USER1], TargetDomainName=[DOMAIN1], WorkstationName=[HOST1]"},
      {"User: CONTOSO\\jdoe", "User: [DOMAIN1]\\[USER1]"},
      {"Issuer: CN=Contoso Issuing CA 1, DC=contoso, DC=com",
       "Issuer: CN=Contoso Issuing CA 1, DC=[DOMAIN1]"},
      {"SPN HTTP/web01.contoso.com@CONTOSO.COM", "SPN HTTP/[HOST1].[DOMAIN1]@[DOMAIN1]"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(redacted(in), out) << in;
}

TEST(Redactor, LeavesValuesThatNameNobody) {
  const std::vector<std::string> kept = {
      "User: SYSTEM, Account Name: -, User: N/A, TargetUserName=S-1-5-18",
      "error 0x80090308 at 2025-08-20T11:04:09Z, KB4054234, Version=10.0.0.0, om.cert.expired",
      "NT AUTHORITY\\SYSTEM, HKLM\\SOFTWARE\\Microsoft, http://crl.microsoft.com/pki/crl",
  };
  for (const auto& text : kept) EXPECT_EQ(redacted(text), text);
}

TEST(Redactor, ProductTextsOfTheBuiltInPacksStay) {
  const LoadResult loaded = load_packs(builtin_packs());
  ASSERT_TRUE(loaded.errors.empty());
  Redactor redactor;
  for (const auto& rule : loaded.rules.diagnoses) {
    EXPECT_EQ(redactor.redact(rule.explanation), rule.explanation) << rule.id;
    for (const auto& fact : rule.facts) EXPECT_EQ(redactor.redact(fact.text), fact.text) << rule.id;
    for (const auto& step : rule.remediation) EXPECT_EQ(redactor.redact(step), step) << rule.id;
    for (const auto& reference : rule.references)
      EXPECT_EQ(redactor.redact(reference), reference) << rule.id;
  }
}

TEST(Redactor, SameValueSamePlaceholderAcrossFormsAndFields) {
  Redactor redactor;
  redactor.learn_host("APP05.contoso.com");
  EXPECT_EQ(redactor.redact("APP05.contoso.com"), "[HOST1].[DOMAIN1]");
  EXPECT_EQ(redactor.redact("app05.CONTOSO.COM"), "[HOST1].[DOMAIN1]");
  EXPECT_EQ(redactor.redact("logs/APP05-OperationsManager.xml"),
            "logs/[HOST1]-OperationsManager.xml");
  EXPECT_EQ(redactor.redact("SITE_APP05_x.log"), "SITE_[HOST1]_x.log");
  EXPECT_EQ(redactor.redact("domain contoso.com"), "domain [DOMAIN1]");
  EXPECT_EQ(redactor.redact("MS01.contoso.com and 10.0.0.7 and 10.0.0.7"),
            "[HOST2].[DOMAIN1] and [IP1] and [IP1]");
  // A name inside a longer word is another name.
  EXPECT_EQ(redactor.redact("APP050 XAPP05"), "APP050 XAPP05");
}

TEST(Redactor, BareNamesLearnedFromOtherFieldsAreReplaced) {
  Redactor redactor;
  redactor.learn_host("SITE01");
  redactor.learn("RunAs account CONTOSO\\svc-scom on MS01.contoso.com");
  EXPECT_EQ(redactor.redact("case.zip!SITE01/Logs/AIUpdateSvc.log"),
            "case.zip![HOST1]/Logs/AIUpdateSvc.log");
  EXPECT_EQ(redactor.redact("management group CONTOSO-MG: svc-scom on MS01"),
            "management group [DOMAIN1]-MG: [USER1] on [HOST2]");
  // Plain words are matched as written only; names with digits or hyphens in any case.
  EXPECT_EQ(redactor.redact("Contoso site01 ms01"), "Contoso [HOST1] [HOST2]");
}

TEST(Redactor, MovesTheHighlightedSpanWithTheText) {
  Redactor redactor;
  const std::string text = "OpsMgr Connector 21001: 0=MS01.contoso.com failed";
  uint32_t begin = static_cast<uint32_t>(text.find("0=MS01"));
  uint32_t end = static_cast<uint32_t>(text.find(" failed"));
  const std::string out = redactor.redact(text, &begin, &end);
  EXPECT_EQ(out, "OpsMgr Connector 21001: 0=[HOST1].[DOMAIN1] failed");
  EXPECT_EQ(out.substr(begin, end - begin), "0=[HOST1].[DOMAIN1]");
  // A span that starts inside a replaced value takes the whole placeholder.
  begin = static_cast<uint32_t>(text.find("contoso"));
  end = static_cast<uint32_t>(text.size());
  const std::string again = redactor.redact(text, &begin, &end);
  EXPECT_EQ(again.substr(begin, end - begin), "[HOST1].[DOMAIN1] failed");
}

TEST(Redactor, RedactsAWholeReportNumberingFromTheFirstDiagnosis) {
  Signal signal;
  signal.rule = "om.connector.mutual-auth-failed";
  signal.source = "bundle.zip!APP07/OperationsManager.xml";
  signal.host = "APP07.contoso.com";
  signal.text = "OpsMgr Connector 21001: 0=MS01.contoso.com";
  signal.captures = {{"target", "MS01.contoso.com"}};
  Diagnosis diagnosis;
  diagnosis.id = "om.auth.failed";
  diagnosis.title = "OpsMgr mutual authentication failed";
  diagnosis.host = "APP07.contoso.com";
  diagnosis.evidence = {signal};
  diagnosis.explanation = "Target MSOMHSvc/MS01.contoso.com, error 0x80090311.";
  diagnosis.remediation = {"Run MOMCertImport /SubjectName <FQDN> on APP07."};
  diagnosis.references = {"KB10066"};
  std::vector<Diagnosis> diagnoses = {diagnosis};
  RunSummary summary;
  SourceSummary source;
  source.name = "bundle.zip!APP07/OperationsManager.xml";
  source.problems = {"record 3: bad XML near 10.1.2.3"};
  summary.sources = {source};
  summary.errors = {{InputErrorKind::corrupt, "bundle.zip!SITE09/x.log", "corrupt"}};
  summary.skipped = {"bundle.zip!SITE09/notes.docx"};
  summary.duplicates = {{"copy/APP07/OperationsManager.xml", "APP07/OperationsManager.xml"}};
  std::vector<Signal> signals = {signal};

  redact_report(diagnoses, summary, &signals, {"APP07", "SITE09"});

  const Diagnosis& out = diagnoses[0];
  EXPECT_EQ(out.host, "[HOST1].[DOMAIN1]");
  EXPECT_EQ(out.title, "OpsMgr mutual authentication failed");
  EXPECT_EQ(out.evidence[0].source, "bundle.zip![HOST1]/OperationsManager.xml");
  EXPECT_EQ(out.evidence[0].text, "OpsMgr Connector 21001: 0=[HOST2].[DOMAIN1]");
  EXPECT_EQ(out.evidence[0].captures[0].value, "[HOST2].[DOMAIN1]");
  EXPECT_EQ(out.evidence[0].rule, "om.connector.mutual-auth-failed");
  EXPECT_EQ(out.explanation, "Target MSOMHSvc/[HOST2].[DOMAIN1], error 0x80090311.");
  EXPECT_EQ(out.remediation[0], "Run MOMCertImport /SubjectName <FQDN> on [HOST1].");
  EXPECT_EQ(out.references[0], "KB10066");
  EXPECT_EQ(summary.sources[0].name, "bundle.zip![HOST1]/OperationsManager.xml");
  EXPECT_EQ(summary.sources[0].problems[0], "record 3: bad XML near [IP1]");
  EXPECT_EQ(summary.errors[0].source, "bundle.zip![HOST3]/x.log");
  EXPECT_EQ(summary.skipped[0], "bundle.zip![HOST3]/notes.docx");
  EXPECT_EQ(summary.duplicates[0].source, "copy/[HOST1]/OperationsManager.xml");
  EXPECT_EQ(signals[0].host, "[HOST1].[DOMAIN1]");
  EXPECT_EQ(signals[0].text, out.evidence[0].text);
}

}  // namespace
}  // namespace certdiag
