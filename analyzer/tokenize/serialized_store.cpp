#include "tokenize/serialized_store.h"

#include <fmt/format.h>

namespace certdiag {
namespace {

constexpr std::string_view kFileHeader("\0\0\0\0CERT", 8);
constexpr size_t kElementHeaderBytes = 12;
constexpr uint32_t kEndElement = 0;
constexpr uint32_t kCertificateElement = 32;  // CRLs are 33 and CTLs 34
constexpr uint32_t kLastPropertyId = 0xFFFF;  // [MS-OSHARED]: property ids are at most 0xFFFF

uint32_t little_endian(std::string_view bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i)
    value |= uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return value;
}

}  // namespace

bool starts_serialized_store(std::string_view bytes) { return bytes.starts_with(kFileHeader); }

SerializedStore read_serialized_store(std::string_view bytes) {
  SerializedStore store;
  if (!starts_serialized_store(bytes)) {
    store.error = "not a serialized certificate store (no CERT file header)";
    return store;
  }
  size_t at = kFileHeader.size();
  // A store whose end element is missing is read to its last whole element, as Windows does.
  while (at < bytes.size()) {
    if (bytes.size() - at < kElementHeaderBytes) {
      store.error = fmt::format(
          "the serialized store is cut short at byte {}: {} of the {} bytes "
          "of an element header",
          at, bytes.size() - at, kElementHeaderBytes);
      return store;
    }
    const uint32_t id = little_endian(bytes, at);
    const uint32_t length = little_endian(bytes, at + 8);
    if (id == kEndElement && length == 0) return store;
    if (id > kLastPropertyId) {
      store.error = fmt::format(
          "the serialized store is damaged at byte {}: element id {:#x} is not a property id", at,
          id);
      return store;
    }
    at += kElementHeaderBytes;
    if (length > bytes.size() - at) {
      store.error = fmt::format(
          "the serialized store is cut short at byte {}: an element of {} bytes has {} left",
          at - kElementHeaderBytes, length, bytes.size() - at);
      return store;
    }
    if (id == kCertificateElement) store.certificates.push_back(bytes.substr(at, length));
    at += length;
  }
  return store;
}

}  // namespace certdiag
