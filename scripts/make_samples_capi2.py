#!/usr/bin/env python3
"""Writes the CAPI2 samples in the layouts other than event XML, from the XML sample
samples/windows/capi2/chain-errors/CAPI2-Operational.xml (itself the real shadow-copy CAPI2 log
with one result per verification changed, see its README):

- chain-errors-copy/: Event Viewer "Copy details as text" of three verifications, and of the
  Schannel 36882 that follows them in System.xml: the header, the description and the event XML.
- chain-errors-csv/CAPI2-Operational.csv: Event Viewer "Save All Events As… CSV".
- chain-errors-text/CAPI2-Operational.txt: `wevtutil qe Microsoft-Windows-CAPI2/Operational /f:text`.

CAPI2 events render no message of their own: the description is always
'For more details for this event, please refer to the "Details" section' (microsoft/EventLogExpert
issue 256 shows it for event 11), so the CSV and text exports keep the event id, level, time and
task category only: no result, certificate, process or task id.

    python3 scripts/make_samples_capi2.py           # (re)write the samples
    python3 scripts/make_samples_capi2.py --check   # exit 1 if a committed file differs
"""

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples_events import LEVEL_NAMES, csv_field, us_time  # noqa: E402
from samples_lib import SAMPLES, check_requested, write_or_check  # noqa: E402

CAPI2 = SAMPLES / "windows" / "capi2"
NS = {"e": "http://schemas.microsoft.com/win/2004/08/events/event"}
DESCRIPTION = 'For more details for this event, please refer to the "Details" section'
# Task categories as Event Viewer names them ("Build Chain": EventLogExpert issue 256; "Verify
# Chain Policy": KB4560600; the others after the CAPI2 task names).
TASKS = {"11": "Build Chain", "30": "Verify Chain Policy", "41": "Verify Revocation",
         "53": "Retrieve Object from Network", "80": "Verify Trust", "90": "X509 Objects"}
# The verifications copied one by one: untrusted root, revoked, wrong usage.
COPIED_TASKS = ["{85BF5A52-879C-4BEE-BD98-5CCBBE88D8D8}", "{08B4927F-F02A-48ED-8C16-2F6DCF051D47}",
                "{06D413EE-3D98-4F57-9DDB-326C9B921E6C}"]


def events(path):
    """Each event of an XML export: (its XML text as written, its parsed element)."""
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r"(?ms)^\s*(<Event xmlns=.*?</Event>)", text)
    return [(block, ET.fromstring(block)) for block in blocks]


def field(event, path, attr=None):
    node = event.find(path, NS)
    if node is None:
        return ""
    return node.get(attr, "") if attr else (node.text or "")


def when(event):
    stamp = field(event, "e:System/e:TimeCreated", "SystemTime")
    return dt.datetime.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S"), stamp


def task_id(event):
    node = event.find(".//e:CorrelationAuxInfo", NS)
    return node.get("TaskId", "") if node is not None else ""


def copy_block(xml, event, log_name, description):
    """Event Viewer's "Copy details as text" of one event (local time = UTC here)."""
    t, _ = when(event)
    level = LEVEL_NAMES[int(field(event, "e:System/e:Level") or 4)]
    task = TASKS.get(field(event, "e:System/e:Task"), "None")
    return [f"Log Name:      {log_name}",
            f"Source:        {field(event, 'e:System/e:Provider', 'Name')}",
            f"Date:          {t.strftime('%m/%d/%Y %H:%M:%S')}",
            f"Event ID:      {field(event, 'e:System/e:EventID')}",
            f"Task Category: {task}",
            f"Level:         {level}",
            "Keywords:      ",
            "User:          SYSTEM",
            f"Computer:      {field(event, 'e:System/e:Computer')}",
            "Description:",
            description,
            "Event Xml:"] + [line.rstrip() for line in xml.splitlines()] + [""]


def render_copy():
    lines = []
    capi2 = [(x, e) for x, e in events(CAPI2 / "chain-errors" / "CAPI2-Operational.xml")
             if task_id(e) in COPIED_TASKS]
    for xml, event in capi2:
        lines += copy_block(xml, event, "Microsoft-Windows-CAPI2/Operational", DESCRIPTION)
    for xml, event in events(CAPI2 / "chain-errors" / "System.xml"):
        message = field(event, "e:RenderingInfo/e:Message")
        lines += copy_block(xml, event, "System", message)
    return lines


def render_csv():
    rows = ["Level,Date and Time,Source,Event ID,Task Category"]
    all_events = [e for _, e in events(CAPI2 / "chain-errors" / "CAPI2-Operational.xml")]
    for event in sorted(all_events, key=lambda e: (when(e)[1], int(field(e, "e:System/e:EventRecordID"))),
                        reverse=True):
        t, _ = when(event)
        rows.append(f"{LEVEL_NAMES[int(field(event, 'e:System/e:Level'))]},{us_time(t)},"
                    f"Microsoft-Windows-CAPI2,{field(event, 'e:System/e:EventID')},"
                    f"{TASKS.get(field(event, 'e:System/e:Task'), 'None')},{csv_field(DESCRIPTION)}")
    return rows


def render_text():
    lines = []
    for n, (_, event) in enumerate(events(CAPI2 / "chain-errors" / "CAPI2-Operational.xml")):
        _, stamp = when(event)
        lines += [f"Event[{n}]:", "  Log Name: Microsoft-Windows-CAPI2/Operational",
                  "  Source: Microsoft-Windows-CAPI2", f"  Date: {stamp[:23]}",
                  f"  Event ID: {field(event, 'e:System/e:EventID')}",
                  f"  Task: {TASKS.get(field(event, 'e:System/e:Task'), 'N/A')}",
                  f"  Level: {LEVEL_NAMES[int(field(event, 'e:System/e:Level'))]}", "  Opcode: Info",
                  "  Keyword: N/A", f"  User: {field(event, 'e:System/e:Security', 'UserID') or 'N/A'}",
                  "  User Name: N/A", f"  Computer: {field(event, 'e:System/e:Computer')}",
                  "  Description: ", DESCRIPTION]
    return lines


OUTPUTS = {
    "chain-errors-copy/CAPI2-and-System-copied.txt": (render_copy, "utf-8"),
    "chain-errors-csv/CAPI2-Operational.csv": (render_csv, "utf-8-sig"),
    "chain-errors-text/CAPI2-Operational.txt": (render_text, "utf-8"),
}


def main():
    files = {}
    for name, (render, encoding) in OUTPUTS.items():
        files[str((CAPI2 / name).relative_to(SAMPLES))] = ("\r\n".join(render()) + "\r\n").encode(encoding)
    return write_or_check(files, check_requested(__doc__))


if __name__ == "__main__":
    sys.exit(main())
