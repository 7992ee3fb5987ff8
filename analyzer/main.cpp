// certdiag: reads System Center and Windows logs and explains why certificate-based
// communication broke. The flow lives in cli/.
#include "cli/run.h"

int main(int argc, char** argv) { return certdiag::run(argc, argv); }
