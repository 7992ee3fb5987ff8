// certdiag: reads System Center and Windows logs and explains why certificate-based
// communication broke. The flow lives in cli/.
#include "cli/run.h"
#include "io/platform.h"
#include "rules/compiled_rules.h"

int main(int argc, char** argv) {
#ifdef CERTDIAG_COMPILED_RULES
  certdiag::set_compiled_builtin_rules(certdiag::compiled_rules_files().front().text);
#endif
  certdiag::platform::prepare_process();
  const certdiag::platform::Arguments arguments(argc, argv);
  return certdiag::run(arguments.count(), arguments.values());
}
