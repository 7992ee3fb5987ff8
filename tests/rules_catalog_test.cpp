// The diagnosis catalog is a public interface: every id of it is implemented by the shipped
// packs, explained by `certdiag explain`, and shown firing by at least one golden test.
#include <gtest/gtest.h>

#include <filesystem>

#include "rules/loader.h"
#include "run_binary.h"

namespace certdiag {
namespace {

const std::vector<std::string> kCatalog = {"cm.ai.cert-expired",
                                           "cm.cmg.client-cert-required",
                                           "cm.cmg.forbidden",
                                           "cm.client.crl-check-failed",
                                           "cm.client.untrusted-root",
                                           "cm.client.name-mismatch",
                                           "cm.client.no-pki-cert",
                                           "cm.cmg.token-expired",
                                           "iis.client-cert-rejected",
                                           "om.cert.loaded",
                                           "om.cert.expired",
                                           "om.cert.bad-usage",
                                           "om.cert.no-private-key",
                                           "om.cert.not-found",
                                           "om.cert.untrusted",
                                           "om.agent.not-approved",
                                           "om.auth.failed",
                                           "om.channel.down",
                                           "tls.untrusted-root",
                                           "tls.name-mismatch",
                                           "tls.cert-expired",
                                           "tls.cert-revoked",
                                           "tls.bad-certificate",
                                           "tls.no-client-cert",
                                           "tls.no-private-key",
                                           "tls.protocol-mismatch",
                                           "autoenroll.failed",
                                           "cert.expiring",
                                           "cert.expired",
                                           "amt.cert-renewal",
                                           "sm.cert.expired",
                                           "capi2.untrusted-root",
                                           "capi2.partial-chain",
                                           "capi2.revocation-offline",
                                           "capi2.revoked",
                                           "capi2.expired",
                                           "capi2.wrong-usage",
                                           "capi2.name-mismatch",
                                           "cm.client.server-cert-expired",
                                           "cm.client.cert-expired",
                                           "cm.osd.media-cert-expired",
                                           "wsus.content-signature",
                                           "amt.provisioning-cert"};

TEST(Catalog, EveryIdIsImplementedByTheShippedPacks) {
  const auto result = load_packs(builtin_packs());
  ASSERT_TRUE(result.errors.empty());
  for (const auto& id : kCatalog) EXPECT_NE(result.rules.find_diagnosis(id), nullptr) << id;
  EXPECT_EQ(result.rules.diagnoses.size(), kCatalog.size()) << "a diagnosis outside the catalog";
}

TEST(Catalog, EveryIdIsExplained) {
  for (const auto& id : kCatalog) {
    const auto outcome = testing_support::run_certdiag("certdiag explain " + id);
    EXPECT_EQ(outcome.status, 0) << id;
    EXPECT_EQ(outcome.out.rfind(id + " (", 0), 0u) << outcome.out;
  }
}

TEST(Catalog, EveryIdFiresInAGoldenTest) {
  std::string all;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(CERTDIAG_SOURCE_DIR) + "/tests/golden")) {
    all += testing_support::read_file((entry.path() / "stdout").string());
  }
  for (const auto& id : kCatalog) {
    const bool in_text = all.find(" " + id + "  (confidence") != std::string::npos;
    const bool in_json = all.find("\"id\": \"" + id + "\"") != std::string::npos ||
                         all.find("\"id\":\"" + id + "\"") != std::string::npos;
    EXPECT_TRUE(in_text || in_json) << id << " fires in no golden test";
  }
}

}  // namespace
}  // namespace certdiag
