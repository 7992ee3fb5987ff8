// The .evtx reader certdiag had before its own: libevtx renders each record as XML, which
// parse_event_xml() reads. Kept only as the oracle of the differential test
// (tests/tokenize_evtx_differential_test.cpp); the certdiag binary does not link it.
#pragma once

#include "io/input.h"
#include "tokenize/evtx.h"

namespace certdiag::oracle {

// Reads a whole .evtx file through libevtx; the same contract as read_evtx() as far as
// libevtx can keep it (listed records, then recovered ones numbered after them).
EvtxStats read_evtx_with_libevtx(ByteStream& stream, const RecordSink& sink);

}  // namespace certdiag::oracle
