// Microsoft's serialized certificate store (.sst, CERT_STORE_SAVE_AS_STORE, as certmgr and
// Export-Certificate -Type SST write it): an 8-byte file header (version 0, then "CERT"), then
// elements of { property id, encoding type, length, data }, little-endian 32-bit each, ended by
// an element of id 0 and length 0. A certificate's properties come before it; the element of id
// 32 holds the certificate's DER, which OpenSSL decodes. The layout is documented in
// [MS-OSHARED] 2.3.2.5 (serialized certificate store). Only the framing is read here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace certdiag {

// Whether `bytes` starts with the serialized store's file header.
bool starts_serialized_store(std::string_view bytes);

struct SerializedStore {
  std::vector<std::string_view> certificates;  // the DER of each certificate element, in order
  std::string error;  // where the framing is damaged; the certificates before it are kept
};

// The certificate elements of a serialized store; CRL, CTL and property elements are passed over.
SerializedStore read_serialized_store(std::string_view bytes);

}  // namespace certdiag
