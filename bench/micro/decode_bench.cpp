// LineReader: bytes to UTF-8 lines (encoding sniffing, conversion, line splitting) over a
// memory_stream, for UTF-8, UTF-16LE and Windows-1252 input. Bytes are the raw input bytes.
#include <benchmark/benchmark.h>

#include <string>

#include "io/input.h"
#include "io/line_reader.h"
#include "texts.h"

namespace certdiag::bench {
namespace {

constexpr size_t kBytes = 8 << 20;

std::string utf8_text() { return make_text("cmtrace", kBytes); }

std::string utf16le_text() {
  const std::string utf8 = make_text("cmtrace", kBytes / 2);
  std::string out = "\xFF\xFE";
  out.reserve(utf8.size() * 2 + 2);
  // The texts are ASCII but for U+2013 (E2 80 93), which is 13 20 in UTF-16LE.
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (static_cast<unsigned char>(utf8[i]) == 0xE2 && i + 2 < utf8.size()) {
      out += '\x13';
      out += '\x20';
      i += 2;
      continue;
    }
    out += utf8[i];
    out += '\0';
  }
  return out;
}

std::string cp1252_text() {
  // Windows-1252 bytes that are not UTF-8 (é, en dash) early and throughout, as in old site logs.
  std::string text = make_text("sms-trace", kBytes);
  std::string out;
  out.reserve(text.size() + text.size() / 50);
  size_t line = 0;
  for (char c : text) {
    out += c;
    if (c == '\n' && ++line % 20 == 0)
      out +=
          "Caf\xE9 \x96 r\xE9sum\xE9 of site PS1  $$<SMS_EXECUTIVE><02-12-2024 "
          "06:00:00.000+480><thread=1524 (0x5F4)>\r\n";
  }
  return out;
}

void run(benchmark::State& state, const std::string& bytes, Encoding expected) {
  uint64_t lines = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto stream = memory_stream(bytes);  // a copy per iteration, kept out of the timing
    state.ResumeTiming();
    LineReader reader(*stream);
    std::string_view line;
    size_t sum = 0;
    while (reader.next(line)) sum += line.size();
    benchmark::DoNotOptimize(sum);
    if (reader.encoding() != expected) {
      state.SkipWithError("the reader sniffed another encoding");
      break;
    }
    lines = reader.stats().lines;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines));
  state.counters["MiB"] = static_cast<double>(bytes.size()) / (1 << 20);
}

void BM_Decode_Utf8(benchmark::State& state) {
  static const std::string bytes = utf8_text();
  run(state, bytes, Encoding::utf8);
}
BENCHMARK(BM_Decode_Utf8)->Unit(benchmark::kMillisecond);

void BM_Decode_Utf16le(benchmark::State& state) {
  static const std::string bytes = utf16le_text();
  run(state, bytes, Encoding::utf16le);
}
BENCHMARK(BM_Decode_Utf16le)->Unit(benchmark::kMillisecond);

void BM_Decode_Cp1252(benchmark::State& state) {
  static const std::string bytes = cp1252_text();
  run(state, bytes, Encoding::windows1252);
}
BENCHMARK(BM_Decode_Cp1252)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace certdiag::bench
