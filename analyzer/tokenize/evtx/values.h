// The typed values of BinXml (MS-EVEN6 2.2.x: strings, integers, reals, booleans, binary, GUIDs,
// sizes, FILETIME, SYSTEMTIME, SIDs, hex integers and arrays of each) rendered as the text that
// an XML rendering of the event shows. Does not read BinXml tokens; see tokenize/evtx/binxml.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace certdiag::evtx {

enum ValueType : uint8_t {
  kNull = 0x00,
  kString = 0x01,
  kAnsiString = 0x02,
  kInt8 = 0x03,
  kUInt8 = 0x04,
  kInt16 = 0x05,
  kUInt16 = 0x06,
  kInt32 = 0x07,
  kUInt32 = 0x08,
  kInt64 = 0x09,
  kUInt64 = 0x0a,
  kReal32 = 0x0b,
  kReal64 = 0x0c,
  kBool = 0x0d,
  kBinary = 0x0e,
  kGuid = 0x0f,
  kSizeT = 0x10,
  kFileTime = 0x11,
  kSystemTime = 0x12,
  kSid = 0x13,
  kHexInt32 = 0x14,
  kHexInt64 = 0x15,
  kEvtHandle = 0x20,
  kBinXml = 0x21,
  kEvtXml = 0x23,
  kArrayFlag = 0x80,
};

// Appends UTF-16LE text (`units` code units) as UTF-8, up to its first NUL; an unpaired
// surrogate becomes U+FFFD.
void append_utf16(std::string& out, const uint8_t* data, size_t units);

// Appends the text of a value of `type` held in `size` bytes. Returns false when the size does
// not fit the type (a 3-byte Int32) or the type is unknown; `out` may then hold part of it.
// kBinXml is not text: the caller expands it.
bool append_value(std::string& out, uint8_t type, const uint8_t* data, size_t size);

struct ArrayItem {
  uint32_t offset;  // from the array's first byte
  uint32_t size;
};

// Splits an array value (`type` with or without kArrayFlag) into its items: NUL-terminated
// strings, or fixed-size values. Returns false when the size does not fit the type.
bool split_array(uint8_t type, const uint8_t* data, size_t size, std::vector<ArrayItem>& items);

}  // namespace certdiag::evtx
