// Runs the certdiag binary from tests: a shell command line in which `certdiag` names the
// binary under test, run from the project root with no colour and no stdin. The binary is the
// one built with the tests, or CERTDIAG_TEST_BINARY when set (a script that runs certdiag.exe
// under Wine, say).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace certdiag::testing_support {

inline std::string certdiag_binary() {
  const char* other = std::getenv("CERTDIAG_TEST_BINARY");
  return other && *other ? other : CERTDIAG_BINARY;
}

struct Outcome {
  std::string out;
  int status = -1;
};

// `command` must not contain single quotes; stderr goes where the command sends it (or nowhere).
inline Outcome run_certdiag(const std::string& command) {
  const std::string line =
      std::string("cd '") + CERTDIAG_SOURCE_DIR + "' && NO_COLOR=1 CERTDIAG='" + certdiag_binary() +
      "'" + " sh -c 'certdiag() { \"$CERTDIAG\" \"$@\"; }; " + command + "' </dev/null 2>/dev/null";
  Outcome outcome;
  FILE* pipe = popen(line.c_str(), "r");
  if (!pipe) return outcome;
  std::array<char, 65536> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    outcome.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace certdiag::testing_support
