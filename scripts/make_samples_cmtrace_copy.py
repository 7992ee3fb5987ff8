#!/usr/bin/env python3
"""Writes samples/configmgr/pasted/: the ConfigMgr failure samples as engineers paste them into
tickets and forum posts, copied out of CMTrace (or OneTrace / Support Center): one line per entry,
`message<TAB>component<TAB>date time<TAB>thread (0xHEX)`, the date and time in the copying
machine's locale, the time zone bias of the log gone. `--spaces` layouts turn the TABs into runs of
spaces, as a paste into a web form does (the Intel vPro blog's amtopmgr.log lines look so).

The sources are the CMTrace samples under samples/configmgr/; the copies change nothing but the
layout.

    python3 scripts/make_samples_cmtrace_copy.py           # (re)write the samples
    python3 scripts/make_samples_cmtrace_copy.py --check   # exit 1 if a committed file differs
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from samples_lib import SAMPLES, check_requested, write_or_check  # noqa: E402

CONFIGMGR = SAMPLES / "configmgr"
ENTRY = re.compile(r'<!\[LOG\[(?P<msg>.*?)\]LOG\]!><time="(?P<h>\d+):(?P<m>\d+):(?P<s>\d+)\.\d+[+-]\d+" '
                   r'date="(?P<mo>\d+)-(?P<d>\d+)-(?P<y>\d+)" component="(?P<comp>[^"]*)".*?thread="(?P<thread>\d+)"',
                   re.S)

# source (under samples/configmgr) → (copy under samples/configmgr/pasted, locale, separator)
COPIES = {
    "client/cert-expired/MP_RegistrationManager.log": ("cert-expired/MP_RegistrationManager.log", "de", "tab"),
    "client/server-cert-expired/CcmMessaging.log": ("server-cert-expired/CcmMessaging.log", "us", "tab"),
    "osd/media-token/smsts.log": ("media-token/smsts.log", "us", "spaces"),
    "wsus/client-trust/WUAHandler.log": ("wsus-client-trust/WUAHandler.log", "de", "spaces"),
}


def stamp(e, locale):
    h, m, s = int(e["h"]), int(e["m"]), int(e["s"])
    if locale == "de":  # "03.07.2019 14:17:54"
        return f"{int(e['d']):02d}.{int(e['mo']):02d}.{e['y']} {h:02d}:{m:02d}:{s:02d}"
    hour = h % 12 or 12  # "9/23/2024 6:03:23 PM"
    return f"{int(e['mo'])}/{int(e['d'])}/{e['y']} {hour}:{m:02d}:{s:02d} {'AM' if h < 12 else 'PM'}"


def copy_lines(text, locale, separator):
    lines = []
    for e in ENTRY.finditer(text):
        thread = int(e["thread"])
        cols = [e["msg"], e["comp"], stamp(e, locale), f"{thread} (0x{thread:04X})"]
        lines.append("\t".join(cols) if separator == "tab" else "      ".join(cols))
    return lines


def main():
    files = {}
    for source, (target, locale, separator) in COPIES.items():
        text = (CONFIGMGR / source).read_text(encoding="utf-8-sig")
        data = ("\r\n".join(copy_lines(text, locale, separator)) + "\r\n").encode("utf-8")
        files[str((CONFIGMGR / "pasted" / target).relative_to(SAMPLES))] = data
    return write_or_check(files, check_requested(__doc__))


if __name__ == "__main__":
    sys.exit(main())
