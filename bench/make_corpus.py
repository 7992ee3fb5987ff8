#!/usr/bin/env python3
"""Writes deterministic benchmark corpora: large logs in the formats certdiag reads, made of
realistic benign lines, near misses ("HTTP status 200", "certificate loaded", the `no-match:`
samples of the packs) and, about once per 10,000 records, a real failure line (the `samples:
match:` texts of patterns/, so the shipped rules fire on them).

    python3 bench/make_corpus.py --format cmtrace --size 256M --out bench/corpus/cmtrace-256M.log
    python3 bench/make_corpus.py --bundle bench/corpus/bundle --files 64 --size 256M

Formats: cmtrace, sms-trace, dotnet (.NET trace, AIUpdateSvc.log), event-xml (one rendered
<Event> per line, as `wevtutil qe /f:RenderedXml` and Get-WinEvent ToXml() write them),
event-xml-oneline (the same events with no line break between them, as `wevtutil qe /f:xml`
writes them to a file), iis
(W3C extended log with #Fields: header). Sizes take K, M, G (binary: 256M = 256 MiB). The output
is the same, byte for byte, for the same arguments, seed and packs (Python standard library only;
no clock, locale or environment). A summary (records, lines, failure records) goes to
FILE.meta.json, or DIR.meta.json beside a bundle, and one line to stderr.

Lines are synthetic (plausible, not copied from a real log); the failure texts are the packs'
own samples. The IIS corpus carries IIS's own certificate failures (403.7/403.13/403.16), which
no message regex reaches: the shipped packs test message text only.
"""

import argparse
import json
import random
import re
import sys
import time as _time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import packs  # noqa: E402

FORMATS = ["cmtrace", "sms-trace", "dotnet", "event-xml", "event-xml-oneline", "iis"]
ALIASES = {"dotnet-trace": "dotnet", "iis-w3c": "iis"}  # the tokenizers' names
FAILURE_EVERY = 10_000  # mean records between two failure records
NEAR_MISS_RATE = 0.02   # share of records that are near misses
MULTILINE_RATE = 0.005  # share of records that span lines (stack traces, WMI instance dumps)
BLOCK = 4 << 20         # bytes per write
EPOCH = datetime(2024, 2, 12, 6, 0, 0, tzinfo=timezone.utc)
CRLF = "\r\n"

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# --------------------------------------------------------------------------------------------------
# Texts. Benign lines are checked against every message regex of the packs at start-up and dropped
# when one matches, so a new pack cannot turn them into failures by accident.

NEAR_MISSES = [
    "Catalog service replied with HTTP status 200: OK",
    "Request to https://MP01.contoso.com/ccm_system/request completed with HTTP status 200",
    "Per-installation certificate loaded",
    "Authentication certificate loaded; certificate store check complete, bad certificates: 0",
    "Retrieved 403 items from the catalog",
    "Retrieved 403 items from System Center Online",
    "Writing 403 catalog items to the site database",
    "WebException trying to enroll: Status = Timeout",
    "Enrollment check completed: Status = Success",
    "Exception attempting sync - The operation has timed out",
    "Exception attempting sync - The request failed with HTTP status 503: Service Unavailable.",
    "Connection failed - the remote name could not be resolved",
    "Expired credentials were removed from the cache",
    "Online account provisioned; no action required",
    "Certificate chain check completed, bad certificates: 0",
    "Certificate [Thumbprint 5A1C9F0E2B7D4C3A8E6F1D0B9C2A7E4F3D1B8C6A] loaded from the local machine store",
    "The certificate will expire in 287 days; no renewal needed",
    "CertificateMaintenance: certificate is valid, status 200",
]

STACK_SOAP = [
    "   at System.Web.Services.Protocols.WebClientProtocol.GetWebResponse(WebRequest request)",
    "   at System.Web.Services.Protocols.HttpWebClientProtocol.GetWebResponse(WebRequest request)",
    "   at System.Web.Services.Protocols.SoapHttpClientProtocol.Invoke(String methodName, Object[] parameters)",
]

HOSTS = [f"{p}{n:02d}.contoso.com" for p in ("WKS", "LAP", "SRV") for n in range(1, 13)]
SITES = ["PS1", "CS1", "P01", "S02"]
MPS = ["MP01.contoso.com", "MP02.contoso.com", "CM01.contoso.com"]


def hexs(rng, n):
    return "".join(rng.choice("0123456789ABCDEF") for _ in range(n))


def guid(rng):
    h = hexs(rng, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# (component, file, weight, templates); {..} fields are filled from fill().
CM_CLIENT = [
    ("CcmExec", "", 6, [
        "Service startup notification received",
        "Invoking scheduled task {guid}",
        "Scheduled task {guid} completed in {ms} ms",
        "Component CcmEval is running, next evaluation in {n} minutes",
        "Endpoint {ep} has {n} pending messages",
    ]),
    ("LocationServices", "", 5, [
        "Current AD site of machine is {adsite}",
        "Retrieved lookup MP(s) from AD",
        "Retrieved management point(s) from AD for site {site}: {mp}",
        "Calling back with the following distribution points",
        "Distribution Point='http://{mp}/SMS_DP_SMSPKG$/{pkg}', Locality='LOCAL', Version='9068', Capabilities='<Capabilities SchemaVersion=\"1.0\"><Property Name=\"SSLState\" Value=\"0\"/></Capabilities>'",
        "Refreshing the Management Point List for site {site}",
        "Persisted default management point {mp} for site {site}",
    ]),
    ("CCMHTTP", "", 6, [
        "[CCMHTTP] HTTP: Request to {mp}/ccm_system/request returned {n2} bytes",
        "[CCMHTTP] ERROR INFO: StatusCode=200 StatusText=OK",
        "[CCMHTTP] AsyncCallback(): -----------------------------------------------------------------",
        "[CCMHTTP] AsyncCallback(): Successfully sent {n2} bytes of data to {mp}",
        "CCMHTTP: Client certificate not required by {mp}; using anonymous HTTP",
    ]),
    ("CertificateMaintenance", "certmaint.cpp:{src}", 2, [
        "CCMDoCertificateMaintenance() Succeeded",
        "Begin validation of Certificate [Thumbprint {thumb}] issued to '{host}'",
        "Completed validation of Certificate [Thumbprint {thumb}] issued to '{host}'",
        "Found {n} certificates in the SMS store, using the self-signed one",
        "Client is set to use HTTPS when available. The current state is 224.",
    ]),
    ("PolicyAgent_RequestAssignments", "", 4, [
        "Requesting Machine policy assignments",
        "Request assignments (machine): {n} assignment(s) returned, {n} new",
        "Raising event:{wmi}",
    ]),
    ("PolicyAgent_PolicyDownload", "", 3, [
        "Successfully downloaded policy CCM_Policy_Policy5 {{{guid}}}",
        "Compiled policy {{{guid}}} revision {n}",
        "Policy {{{guid}}} is up to date, no download needed",
    ]),
    ("DataTransferService", "", 3, [
        "DTSJob {{{guid}}} created to download from 'http://{mp}:80/SMS_DP_SMSPKG$/{pkg}' to 'C:\\Windows\\ccmcache\\{cache}'.",
        "DTSJob {{{guid}}} in state 'DownloadingData'.",
        "DTSJob {{{guid}}} successfully completed download.",
        "BITS job {{{guid}}} transferred {n2} bytes",
    ]),
    ("ContentTransferManager", "", 2, [
        "CTM job {{{guid}}} successfully processed download completion.",
        "CTM job {{{guid}}} entered phase CCM_DOWNLOADSTATUS_DOWNLOADING_DATA",
        "Queued location request '{{{guid}}}' for CTM job '{{{guid}}}'.",
    ]),
    ("ScanAgent", "", 2, [
        "ScanJob({{{guid}}}): CScanJob::OnScanComplete - Scan completed successfully, ScanType={n}",
        "Sources are current, no scan needed",
        "*****ScanByUpdates request received with ForceReScan=0, ScanOptions=0x0000000a, WSUSLocationTimeout=604800",
    ]),
    ("InventoryAgent", "", 2, [
        "Inventory: Opening store for namespace 'root\\cimv2'",
        "Collection: {n} class instances were collected in {ms} ms",
        "Inventory: Action completed, sending report of {n2} bytes",
    ]),
    ("StatusAgent", "", 1, [
        "Sending {n} status message(s) to the management point",
        "Status message {n} queued for delivery",
    ]),
    ("ClientIDManagerStartup", "", 1, [
        "Computed HardwareID=2:{thumb}",
        "Client is registered. Server assigned ClientID is GUID:{guid}. Approval status 1",
        "[RegTask] - Client is already registered. Exiting.",
    ]),
    ("AIUpdateSvc", "", 2, [
        "Checking for pending catalog requests",
        "No pending catalog requests",
        "Sleeping for 30 minutes",
        "{n} uncategorized titles pending upload",
        "Retrieved {n} items from System Center Online",
        "Catalog synchronization completed successfully",
    ]),
]

SMS_SITE = [
    ("SMS_STATUS_MANAGER", 5, ["Processed {n} status messages from the inbox",
                               "Status message {n} written to the database"]),
    ("SMS_SITE_SYSTEM_STATUS_SUMMARIZER", 2, ["Refreshed storage object status for {mp}",
                                              "Site system {mp} is online, {n} GB free"]),
    ("SMS_DISCOVERY_DATA_MANAGER", 3, ["Processing {n} DDR files from the inbox",
                                       "Processed {n} DDR files, {n} new records"]),
    ("SMS_AI_KB_MANAGER", 2, ["Checking inbox D:\\Program Files\\Microsoft Configuration Manager\\inboxes\\AIKbMgr.box for new catalog files",
                              "No new catalog files found. Sleeping for 120 minutes"]),
    ("SMS_SITE_COMPONENT_MANAGER", 2, ["Checking the status of site components on {mp}",
                                       "All {n} components installed on {mp} are current"]),
    ("SMS_EXECUTIVE", 1, ["{n} component threads running; working set {n} MB"]),
    ("SMS_HIERARCHY_MANAGER", 1, ["Site control file for site {site} has not changed"]),
    ("SMS_INVENTORY_DATA_LOADER", 2, ["Processed {n} MIF files, 0 bad MIF files"]),
    ("SMS_MP_CONTROL_MANAGER", 2, ["MP.ConnectivityCheck: http://{mp}/sms_mp/.sms_aut?MPLIST returned 200 in {ms} ms"]),
]

DOTNET_LEVELS = [("Verbose", 5), ("Information", 4), ("Warning", 1)]
DOTNET_TEXTS = [
    "Checking for pending catalog requests", "No pending catalog requests",
    "Sleeping for 60 minutes", "Polling site database for uncategorized software titles",
    "{n} uncategorized titles pending upload", "Refreshing configuration from the site control file",
    "Configuration unchanged", "Starting catalog synchronization (scheduled)",
    "Connecting to System Center Online", "Authenticating with the per-installation certificate",
    "Requesting catalog changes since catalog version {n}", "Retrieved {n} items from System Center Online",
    "Writing {n} catalog items to the site database", "Uploading {n} uncategorized software titles",
    "Upload of {n} titles completed", "Catalog version is now {n}",
    "Catalog synchronization completed successfully", "Next catalog synchronization in 24 hours",
    "Connecting to site database SMS_{site} on SQL01.contoso.com", "Connected to site database",
]

# (provider, guid, event id, level, task, keywords, channel, message, data)
EVENTS = [
    ("Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}", 7036, 4, "System",
     "The {svc} service entered the {state} state.", ["{svc}", "{state}"]),
    ("Microsoft-Windows-Security-SPP", "{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}", 16384, 4, "Application",
     "Successfully scheduled Software Protection service for re-start at 2124-01-19T06:{n2}:00Z. Reason: RulesEngine.", []),
    ("Microsoft-Windows-CAPI2", "{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}", 4097, 4, "Application",
     "Successful auto update of third-party root certificate:: Subject: <CN=Contoso Root CA {n}, O=Contoso> Sha1 thumbprint: <{thumb}>.",
     ["CN=Contoso Root CA {n}", "{thumb}"]),
    ("Microsoft-Windows-Winlogon", "{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}", 7001, 4, "System",
     "User Logon Notification for Customer Experience Improvement Program", ["S-1-5-21-{n}-{n2}-500"]),
    ("SMS Client", "", 10803, 4, "Application",
     "The client successfully downloaded policy from {mp}.", ["{mp}"]),
    ("SMS Server", "", 500, 4, "Application",
     "SMS Component Status Summarizer reset the status of component SMS_AI_KB_MANAGER on {mp}.", ["{mp}"]),
    ("Microsoft-Windows-Schannel", "{1F678132-5938-4686-9FDC-C8FF68F15C85}", 36880, 4, "System",
     "An SSL server handshake completed successfully. The negotiated cryptographic parameters are as follows. Protocol version: TLS 1.2 CipherSuite: 0xC030 Exchange strength: 384 bits",
     ["TLS 1.2", "0xC030", "384"]),
    ("Microsoft-Windows-GroupPolicy", "{AEA1B4FA-97D1-45F2-A64C-4D69FFFD92C9}", 1502, 4, "System",
     "The Group Policy settings for the computer were processed successfully. New settings from {n} Group Policy objects were detected and applied.", ["{n}"]),
    ("ESENT", "{478EA8A8-00BE-4BA6-8E75-8B9DC7DB9F78}", 326, 4, "Application",
     "svchost ({n}) SRUJet: The database engine attached a database (1, C:\\Windows\\system32\\SRU\\SRUDB.dat). (Time=0 seconds)",
     ["svchost", "{n}"]),
    ("Microsoft-Windows-CertificateServicesClient-AutoEnrollment", "{F0DB7EF8-B6F3-4005-9937-FEB77B9E1B43}", 1, 4, "Application",
     "Certificate Services Client has been started successfully.", []),
]
SERVICES = ["Windows Update", "Background Intelligent Transfer Service", "WinHTTP Web Proxy Auto-Discovery Service",
            "Windows Modules Installer", "SMS Agent Host", "Software Protection", "Network Setup Service"]
LEVEL_NAMES = {1: "Critical", 2: "Error", 3: "Warning", 4: "Information"}

IIS_FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
              "cs(Referer) sc-status sc-substatus sc-win32-status time-taken")
IIS_REQUESTS = [  # (method, stem, query, port, user, agent, status, substatus, win32, weight)
    ("CCM_POST", "/ccm_system/request", "-", 80, "-", "ccmhttp", 200, 0, 0, 30),
    ("CCM_POST", "/ccm_system_windowsauth/request", "-", 80, "CONTOSO\\{hostshort}$", "ccmhttp", 200, 0, 0, 10),
    ("CCM_POST", "/ccm_system_windowsauth/request", "-", 80, "-", "ccmhttp", 401, 2, 5, 6),
    ("GET", "/SMS_MP/.sms_aut", "MPLIST", 80, "-", "SMS+CCM+5.0", 200, 0, 0, 8),
    ("GET", "/SMS_MP/.sms_aut", "MPCERT", 80, "-", "SMS+CCM+5.0", 200, 0, 0, 4),
    ("GET", "/SMS_MP/.sms_aut", "SITESIGNCERT", 80, "-", "SMS+CCM+5.0", 200, 0, 0, 2),
    ("HEAD", "/SMS_DP_SMSPKG$/{pkg}", "-", 80, "-", "Microsoft+BITS/7.8", 200, 0, 0, 8),
    ("GET", "/SMS_DP_SMSPKG$/{pkg}/sccm", "-", 80, "-", "Microsoft+BITS/7.8", 200, 0, 0, 8),
    ("GET", "/SMS_DP_SMSPKG$/{pkg}/sccm", "-", 80, "-", "Microsoft+BITS/7.8", 304, 0, 0, 3),
    ("PROPFIND", "/SMS_DP_SMSPKG$/{pkg}", "-", 80, "-", "Microsoft-WebDAV-MiniRedir/10.0.19045", 207, 0, 0, 3),
    ("GET", "/CMUserService_WindowsAuth/applicationoffered/v1/catalogitemsbyids", "-", 443, "-", "-", 404, 0, 2, 1),
    ("CCM_POST", "/ccm_system/request", "-", 443, "-", "ccmhttp", 200, 0, 0, 6),
]
# Near misses in IIS: 403 in other columns, a 403.4 on port 80 (SSL required, not a certificate fault).
IIS_NEAR = [
    ("GET", "/SMS_MP/.sms_aut", "MPLIST", 80, "-", "SMS+CCM+5.0", 200, 0, 0, 403),
    ("GET", "/SMS_DP_SMSPKG$/{pkg}/403.cab", "-", 80, "-", "Microsoft+BITS/7.8", 200, 0, 0, 16),
    ("CCM_POST", "/ccm_system/request", "-", 80, "-", "ccmhttp", 403, 4, 5, 7),
]
IIS_FAILURES = [  # IIS's own client-certificate failures on the HTTPS management point
    ("CCM_POST", "/ccm_system/request", "-", 443, "-", "ccmhttp", 403, 16, 2148204809, 15),
    ("CCM_POST", "/ccm_system/request", "-", 443, "-", "ccmhttp", 403, 13, 2148081683, 15),
    ("CCM_POST", "/ccm_system/request", "-", 443, "-", "ccmhttp", 403, 7, 5, 15),
    ("GET", "/SMS_MP/.sms_aut", "SITESIGNCERT", 443, "-", "SMS+CCM+5.0", 403, 17, 0, 15),
]


# --------------------------------------------------------------------------------------------------


class Texts:
    """Failure and near-miss texts and events from the packs' samples, and a check of any record
    against the packs' signals, so that benign and near-miss lines stay silent whatever the
    packs hold and every failure line fires."""

    def __init__(self, rules):
        self.tests = []  # per signal: [(field, compiled regex | set of ids | None)]
        failures, failure_events, near, near_events = [], [], list(NEAR_MISSES), []
        for sig in packs.signals(rules):
            self.tests.append([self._compile(field, value) for field, value in sig["fields"].items()])
            for sample in sig["samples"]["match"]:
                if isinstance(sample, str):
                    failures.append(sample)
                elif isinstance(sample, dict) and "provider" in sample and "event_id" in sample:
                    failure_events.append(sample)
            for sample in sig["samples"]["no-match"]:
                if isinstance(sample, str):
                    near.append(sample)
                elif isinstance(sample, dict) and "provider" in sample and "event_id" in sample:
                    near_events.append(sample)
        one_line = lambda text: "\n" not in text and "\r" not in text  # noqa: E731
        self.failures = [t for t in dict.fromkeys(failures) if one_line(t) and self.fires(t)]
        self.near = [t for t in dict.fromkeys(near) if one_line(t) and not self.fires(t)]
        dedup = lambda items: list({json.dumps(i, sort_keys=True): i for i in items}.values())  # noqa: E731
        self.failure_events = [e for e in dedup(failure_events) if self.fires_record(e)]
        self.near_events = [e for e in dedup(near_events) if not self.fires_record(e)]
        if not self.failures:
            sys.exit(f"make_corpus: no samples: match: texts in {rules} that a message regex fires on")

    @staticmethod
    def _compile(field, value):
        if field == "event_id":
            values = value if isinstance(value, list) else [value]
            return field, {int(v) for v in values if str(v).strip().isdigit()}
        try:
            return field, re.compile(str(value), re.IGNORECASE)
        except re.error:
            return field, None  # RE2-only syntax: unknown, assumed to hold

    def fires_record(self, record):
        """Whether some signal fires on a record given as {field: value} (provider, event_id,
        message, data.NAME, sc-status, …); a field the record lacks fails the test."""
        for tests in self.tests:
            held = bool(tests)
            for field, test in tests:
                value = record.get("component" if field == "provider" and "provider" not in record else field)
                if value is None:
                    held = False
                elif test is None:
                    continue
                elif isinstance(test, set):
                    held = str(value).strip().isdigit() and int(value) in test
                else:
                    held = test.search(str(value)) is not None
                if not held:
                    break
            if held:
                return True
        return False

    def fires(self, text):
        return self.fires_record({"message": text})


class Filler:
    """Fills {placeholders} of templates with plausible values."""

    def __init__(self, rng):
        self.rng = rng
        self.guids = [guid(rng) for _ in range(64)]
        self.thumbs = [hexs(rng, 40) for _ in range(8)]
        self.pkgs = [f"{rng.choice(SITES)}{rng.randrange(0x10000, 0xFFFFF):05X}" for _ in range(24)]

    def fill(self, template):
        rng = self.rng
        values = {
            "guid": rng.choice(self.guids), "thumb": rng.choice(self.thumbs), "pkg": rng.choice(self.pkgs),
            "n": rng.choice([0, 1, 2, 3, 5, 8, 12, 17, 41, 64, 150, 1187, 2400]),
            "n2": rng.randrange(100, 90000), "ms": rng.randrange(1, 5000),
            "mp": rng.choice(MPS), "site": rng.choice(SITES), "host": rng.choice(HOSTS),
            "hostshort": rng.choice(HOSTS).split(".")[0], "src": rng.randrange(100, 3000),
            "adsite": rng.choice(["Default-First-Site-Name", "HQ", "Branch-Oslo"]),
            "ep": rng.choice(["CCM_Incoming", "StatusReceiver", "PolicyAgent_RequestAssignments"]),
            "cache": f"{rng.choice('abcdefghijklmnopqrstuvwxyz')}.{rng.randrange(1, 9)}",
            "svc": rng.choice(SERVICES), "state": rng.choice(["running", "stopped"]),
            "wmi": "",
        }
        if "{wmi}" in template:
            values["wmi"] = CRLF + CRLF.join([
                "instance of CCM_PolicyAgent_AssignmentsRequested", "{",
                f"\tClientID = \"GUID:{values['guid']}\";", f"\tDateTime = \"2024021206{rng.randrange(10, 59)}00.000000+000\";",
                "\tPolicyNamespace = \"\\\\\\\\.\\\\ROOT\\\\ccm\\\\policy\\\\Machine\\\\RequestedConfig\";",
                "\tProcessID = 4412;", "\tThreadID = 5216;", "};"])
        return template.format(**values)


def weighted(rng, items, weight, count, make):
    """`count` entries made by `make(item)`, items drawn by weight."""
    return [make(item) for item in rng.choices(items, weights=[weight(i) for i in items], k=count)]


class Generator:
    """Writes one format: records as text, until a byte budget is spent."""

    newline = CRLF
    line_prefix = ""

    def __init__(self, fmt, seed, texts):
        self.fmt = fmt
        self.rng = random.Random(seed * 1009 + FORMATS.index(fmt))
        self.texts = texts
        self.filler = Filler(self.rng)
        self.t_ms = int(EPOCH.timestamp() * 1000)
        self.cur_s = None
        self.index = 0
        self.next_failure = self.rng.randint(FAILURE_EVERY // 2, FAILURE_EVERY * 3 // 2)
        self.records = 0
        self.lines = 0
        self.failures = 0
        self.near = 0
        steps = [self.rng.choice((0, 0, 1, 3, 15, 120, 400, 900, 2500, 7000)) for _ in range(4096)]
        self.steps = steps
        self.setup()

    def header(self):
        return ""

    def setup(self):
        pass

    def next_time(self):
        self.t_ms += self.steps[self.index & 4095]
        s = self.t_ms // 1000
        if s != self.cur_s:
            self.cur_s = s
            self.on_second(datetime.fromtimestamp(s, tz=timezone.utc))
        return self.t_ms % 1000

    def on_second(self, t):
        pass

    def kind(self):
        """'fail', 'near' or '' for the next record."""
        self.index += 1
        if self.index >= self.next_failure:
            self.next_failure = self.index + self.rng.randint(FAILURE_EVERY // 2, FAILURE_EVERY * 3 // 2)
            self.failures += 1
            return "fail"
        if self.rng.random() < NEAR_MISS_RATE:
            self.near += 1
            return "near"
        return ""

    def failure_text(self):
        return self.texts.failures[self.failures % len(self.texts.failures)]

    def near_text(self):
        return self.texts.near[self.rng.randrange(len(self.texts.near))]

    def block(self, budget):
        """Records worth about `budget` characters (whole records), joined with line ends."""
        out = []
        size = 0
        rec = self.record
        while size < budget:
            r = rec()
            out.append(r)
            size += len(r) + 2
        self.records += len(out)
        text = self.newline.join(out) + self.newline
        self.lines += text.count("\n")
        return text


def benign_checked(texts, items):
    return [i for i in items if not texts.fires(i if isinstance(i, str) else i[0])]


class Cmtrace(Generator):
    def setup(self):
        f = self.filler
        entries = []
        for comp, file, weight, templates in CM_CLIENT:
            for tpl in templates:
                entries.append((comp, file, weight / len(templates), tpl))
        made = weighted(self.rng, entries, lambda e: e[2], 6000,
                        lambda e: (f.fill(e[3]), e[0], f.fill(e[1]) if e[1] else ""))
        self.pool = [(f'<![LOG[{msg}]LOG]!><time="',
                      f'" component="{comp}" context="" type="1" thread="{self.rng.choice((2868, 4412, 5216, 7720))}" file="{file}">')
                     for msg, comp, file in benign_checked(self.texts, made)]
        self.multi = [(f'<![LOG[{msg}{CRLF}{CRLF.join(STACK_SOAP)}]LOG]!><time="',
                       '" component="CcmExec" context="" type="3" thread="4412" file="">')
                      for msg in ("Unhandled exception in task callback, ignored (retry scheduled)",
                                  "Task callback raised an exception, will retry")]

    def on_second(self, t):
        self.hms = f"{t:%H:%M:%S}"
        self.date = f'+420" date="{t:%m-%d-%Y}'

    def record(self):
        ms = self.next_time()
        k = self.kind()
        if k == "fail":
            pre, post = f"<![LOG[{self.failure_text()}]LOG]!><time=\"", '" component="AIUpdateSvc" context="" type="3" thread="2868" file="">'
        elif k == "near":
            pre, post = f"<![LOG[{self.near_text()}]LOG]!><time=\"", '" component="AIUpdateSvc" context="" type="1" thread="2868" file="">'
        elif self.rng.random() < MULTILINE_RATE:
            pre, post = self.multi[self.index & 1]
        else:
            pre, post = self.pool[self.rng.randrange(len(self.pool))]
        return f"{pre}{self.hms}.{ms:03d}{self.date}{post}"


class SmsTrace(Generator):
    def setup(self):
        f = self.filler
        entries = [(c, w / len(ts), t) for c, w, ts in SMS_SITE for t in ts]
        made = weighted(self.rng, entries, lambda e: e[1], 4000, lambda e: (f.fill(e[2]), e[0]))
        self.pool = []
        for msg, comp in benign_checked(self.texts, made):
            tid = self.rng.choice((1524, 2236, 2412, 2868, 3104, 3340, 3520, 4020))
            self.pool.append((f"{msg}  $$<{comp}><", f"><thread={tid} (0x{tid:X})>"))

    def on_second(self, t):
        self.stamp = f"{t:%m-%d-%Y %H:%M:%S}"

    def record(self):
        ms = self.next_time()
        k = self.kind()
        if k == "fail":
            pre, post = f"{self.failure_text()}  $$<SMS_AI_KB_MANAGER><", "><thread=2868 (0xB34)>"
        elif k == "near":
            pre, post = f"{self.near_text()}  $$<SMS_AI_KB_MANAGER><", "><thread=2868 (0xB34)>"
        else:
            pre, post = self.pool[self.rng.randrange(len(self.pool))]
        return f"{pre}{self.stamp}.{ms:03d}+480{post}"


class Dotnet(Generator):
    SOURCE = "Asset Intelligence Catalog Sync Service"

    def setup(self):
        f = self.filler
        made = [f.fill(self.rng.choice(DOTNET_TEXTS)) for _ in range(3000)]
        levels = [lv for lv, w in DOTNET_LEVELS for _ in range(w)]
        self.pool = [(f"{self.SOURCE} {self.rng.choice(levels)}: 0 : ", f":{m}")
                     for m in benign_checked(self.texts, made)]

    def on_second(self, t):
        self.stamp = f"{DAYS[t.weekday()]}, {t.day:02d} {MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} GMT"

    def record(self):
        self.next_time()
        k = self.kind()
        if k == "fail":
            text = self.failure_text()
            if text.startswith(self.SOURCE) and " GMT:" in text:  # a whole trace line: restamp it
                text = text.split(" GMT:", 1)[1]
            return f"{self.SOURCE} Error: 0 : {self.stamp}:{text}"
        if k == "near":
            return f"{self.SOURCE} Information: 0 : {self.stamp}:{self.near_text()}"
        if self.rng.random() < MULTILINE_RATE:
            return (f"{self.SOURCE} Error: 0 : {self.stamp}:Exception attempting sync - The operation has timed out"
                    + CRLF + CRLF.join(STACK_SOAP))
        pre, post = self.pool[self.rng.randrange(len(self.pool))]
        return f"{pre}{self.stamp}{post}"


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")


class EventXml(Generator):
    NS = "http://schemas.microsoft.com/win/2004/08/events/event"

    def event_parts(self, provider, pguid, eid, level, channel, message, data, host):
        """The text of one event around its time and record id: (before the time, between time and
        record id, after the record id). `data` is [(name or None, value)]; message None leaves
        RenderingInfo out, as an export without rendering does."""
        prov = f"<Provider Name='{xml_escape(provider)}'" + (f" Guid='{pguid}'/>" if pguid else
                                                              f" EventSourceName='{xml_escape(provider)}'/>")
        qual = "" if pguid else " Qualifiers='16384'"
        datas = "".join(f"<Data Name='{xml_escape(n)}'>{xml_escape(v)}</Data>" if n else f"<Data>{xml_escape(v)}</Data>"
                        for n, v in data)
        pre = (f"<Event xmlns='{self.NS}'><System>{prov}<EventID{qual}>{eid}</EventID><Version>0</Version>"
               f"<Level>{level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords>"
               f"<TimeCreated SystemTime='")
        mid = "'/><EventRecordID>"
        rendering = "" if message is None else (
            f"<RenderingInfo Culture='en-US'><Message>{xml_escape(message)}</Message><Level>{LEVEL_NAMES[level]}"
            f"</Level><Task></Task><Opcode>Info</Opcode><Channel>{channel}</Channel><Provider>{xml_escape(provider)}"
            f"</Provider><Keywords><Keyword>Classic</Keyword></Keywords></RenderingInfo>")
        post = (f"</EventRecordID><Correlation/><Execution ProcessID='{self.rng.randrange(400, 9000)}' "
                f"ThreadID='{self.rng.randrange(400, 9000)}'/><Channel>{channel}</Channel><Computer>{host}</Computer>"
                f"<Security/></System><EventData>{datas}</EventData>{rendering}</Event>")
        return pre, mid, post

    def sample_parts(self, sample, level):
        """An event made of a pack sample {provider, event_id, message, data.N / data.NAME}."""
        positional = sorted((int(k[5:]), v) for k, v in sample.items() if k.startswith("data.") and k[5:].isdigit())
        named = [(k[5:], v) for k, v in sample.items() if k.startswith("data.") and not k[5:].isdigit()]
        data = [(None, str(v)) for _, v in positional] + [(k, str(v)) for k, v in named]
        message = sample.get("message")
        return self.event_parts(str(sample["provider"]), "", int(sample["event_id"]), level,
                                str(sample.get("channel", "System")), None if message is None else str(message),
                                data, self.host)

    def setup(self):
        f = self.filler
        self.host = self.rng.choice(HOSTS)
        self.pool = []
        for _ in range(2000):
            prov, pg, eid, lvl, chan, msg, data = self.rng.choice(EVENTS)
            msg = f.fill(msg)
            data = [f.fill(d) for d in data]
            fields = {"provider": prov, "event_id": str(eid), "message": msg}
            fields.update({f"data.{i}": d for i, d in enumerate(data)})
            if not self.texts.fires_record(fields):
                self.pool.append(self.event_parts(prov, pg, eid, lvl, chan, msg, [(None, d) for d in data], self.host))
        texts = self.texts
        self.fail_pool = [self.sample_parts(e, 2) for e in texts.failure_events] + [
            self.event_parts("SMS Server", "", 5436, 2, "Application", t, [(None, "CM01.contoso.com")], self.host)
            for t in texts.failures]
        self.near_pool = [self.sample_parts(e, 4) for e in texts.near_events] + [
            self.event_parts("SMS Server", "", 500, 4, "Application", t, [], self.host) for t in texts.near]
        self.record_id = 1000

    def on_second(self, t):
        self.stamp = f"{t:%Y-%m-%dT%H:%M:%S}"

    def record(self):
        ms = self.next_time()
        self.record_id += 1
        k = self.kind()
        if k == "fail":
            pre, mid, post = self.fail_pool[self.failures % len(self.fail_pool)]
        elif k == "near":
            pre, mid, post = self.near_pool[self.rng.randrange(len(self.near_pool))]
        else:
            pre, mid, post = self.pool[self.rng.randrange(len(self.pool))]
        return f"{pre}{self.stamp}.{ms:03d}{self.index % 10000:04d}Z{mid}{self.record_id}{post}"


class EventXmlOneLine(EventXml):
    newline = ""


class Iis(Generator):
    def setup(self):
        f = self.filler
        self.pool = []
        for req in self.rng.choices(IIS_REQUESTS, weights=[r[9] for r in IIS_REQUESTS], k=3000):
            if not self.fires(req):
                self.pool.append(self.parts(req, f, self.rng.randrange(1, 900)))
        self.near_pool = [self.parts(r, f, r[9]) for r in IIS_NEAR if not self.fires(r)]
        self.fail_pool = [self.parts(r, f, r[9]) for r in IIS_FAILURES]
        self.sip = f"10.0.0.{self.rng.randrange(5, 40)}"
        self.since_header = 0

    def fires(self, req):
        method, stem, query, port, user, agent, status, sub, win32, _ = req
        return self.texts.fires_record({"cs-method": method, "cs-uri-stem": stem, "cs-uri-query": query,
                                        "s-port": str(port), "cs-username": user, "cs(User-Agent)": agent,
                                        "sc-status": str(status), "sc-substatus": str(sub),
                                        "sc-win32-status": str(win32)})

    def parts(self, req, f, taken):
        method, stem, query, port, user, agent, status, sub, win32, _ = req
        client = f"10.{self.rng.randrange(1, 30)}.{self.rng.randrange(0, 255)}.{self.rng.randrange(2, 254)}"
        return (f" {method} {f.fill(stem)} {query} {port} {f.fill(user)} {client} {agent} - "
                f"{status} {sub} {win32} {taken}")

    def header(self):
        return (f"#Software: Microsoft Internet Information Services 10.0{CRLF}#Version: 1.0{CRLF}"
                f"#Date: {EPOCH:%Y-%m-%d %H:%M:%S}{CRLF}#Fields: {IIS_FIELDS}{CRLF}")

    def on_second(self, t):
        self.stamp = f"{t:%Y-%m-%d %H:%M:%S} {self.sip}"
        self.date = t

    def record(self):
        self.next_time()
        k = self.kind()
        self.since_header += 1
        if k == "fail":
            body = self.fail_pool[self.failures % len(self.fail_pool)]
        elif k == "near":
            body = self.near_pool[self.rng.randrange(len(self.near_pool))]
        elif self.since_header > 250_000:  # the site restarted: IIS writes the header again
            self.since_header = 0
            return f"#Software: Microsoft Internet Information Services 10.0{CRLF}#Version: 1.0{CRLF}" \
                   f"#Date: {self.date:%Y-%m-%d %H:%M:%S}{CRLF}#Fields: {IIS_FIELDS}{CRLF}{self.stamp}{self.pool[0]}"
        else:
            body = self.pool[self.rng.randrange(len(self.pool))]
        return f"{self.stamp}{body}"


CLASSES = {"cmtrace": Cmtrace, "sms-trace": SmsTrace, "dotnet": Dotnet, "event-xml": EventXml,
           "event-xml-oneline": EventXmlOneLine, "iis": Iis}


def write(path, fmt, size, seed, texts, encoding="utf-8"):
    """Writes `size` bytes (whole records, so a little more) of format `fmt`; returns the summary."""
    gen = CLASSES[fmt](fmt, seed, texts)
    codec = {"utf-8": "utf-8", "utf-16le": "utf-16-le"}[encoding]
    unit = 2 if encoding == "utf-16le" else 1
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "wb") as out:
        if encoding == "utf-16le":
            out.write(b"\xff\xfe")
            written += 2
        head = gen.header()
        if head:
            data = head.encode(codec)
            out.write(data)
            written += len(data)
            gen.lines += head.count("\n")
        while written < size:
            budget = min(BLOCK, (size - written) // unit + 1)
            data = gen.block(budget).encode(codec)
            out.write(data)
            written += len(data)
    return {"file": str(path), "format": fmt, "encoding": encoding, "bytes": written, "records": gen.records,
            "lines": gen.lines, "failure_records": gen.failures, "near_miss_records": gen.near, "seed": seed}


def parse_size(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)(?:i?B)?", text.strip(), re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (e.g. 64M, 1G, 500K)")
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()])


BUNDLE_NAMES = {
    "cmtrace": ["CcmExec.log", "LocationServices.log", "CertificateMaintenance.log", "PolicyAgent.log",
                "DataTransferService.log", "SMS_AIUS_Sync.log"],
    "sms-trace": ["smsexec.log", "sitecomp.log", "statmgr.log"],
    "dotnet": ["AIUpdateSvc.log"],
    "event-xml": ["Application.xml", "System.xml"],
    "iis": ["u_ex240212.log", "u_ex240213.log"],
}
BUNDLE_MIX = ["cmtrace"] * 8 + ["sms-trace"] * 3 + ["dotnet"] * 3 + ["event-xml"] * 3 + ["iis"] * 3


def write_bundle(folder, files, total, seed, texts):
    rng = random.Random(seed * 7919 + files)
    sizes = [rng.lognormvariate(0, 0.6) for _ in range(files)]
    scale = total / sum(sizes)
    used = {}
    summaries = []
    for i in range(files):
        fmt = BUNDLE_MIX[(i * 7 + 3) % len(BUNDLE_MIX)]
        host = f"SITE{i // 8 + 1:02d}"
        names = BUNDLE_NAMES[fmt]
        n = used.get((host, fmt), 0)
        used[(host, fmt)] = n + 1
        name = names[n % len(names)]
        if n >= len(names):
            name = name.replace(".", f"-{n // len(names)}.", 1)
        sub = "Logs" if fmt != "iis" else "W3SVC1"
        # Windows PowerShell 5 writes redirected output as UTF-16LE; exported event XML often is.
        encoding = "utf-16le" if fmt == "event-xml" and i % 2 == 0 else "utf-8"
        summaries.append(write(folder / host / sub / name, fmt, max(4096, int(sizes[i] * scale)),
                               seed + i, texts, encoding))
    return summaries


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--format", choices=FORMATS + list(ALIASES), default="cmtrace",
                    help="also the tokenizer names dotnet-trace and iis-w3c")
    ap.add_argument("--size", type=parse_size, default=parse_size("64M"), help="e.g. 256M (MiB), 1G")
    ap.add_argument("--out", help="file to write")
    ap.add_argument("--bundle", help="write a folder of many logs of mixed formats instead")
    ap.add_argument("--files", type=int, default=64, help="files in a bundle (default 64)")
    ap.add_argument("--encoding", choices=["utf-8", "utf-16le"], default="utf-8")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rules", default=str(packs.PATTERNS), help="pack folder for the texts (default patterns/)")
    args = ap.parse_args()
    if bool(args.out) == bool(args.bundle):
        ap.error("give either --out FILE or --bundle DIR")

    args.format = ALIASES.get(args.format, args.format)
    start = _time.monotonic()
    texts = Texts(args.rules)
    if args.out:
        summary = write(Path(args.out), args.format, args.size, args.seed, texts, args.encoding)
        meta = Path(args.out + ".meta.json")
        shown = f"{args.out}: {summary['bytes']} bytes, {summary['records']} records, " \
                f"{summary['failure_records']} failure records"
    else:
        folder = Path(args.bundle)
        files = write_bundle(folder, args.files, args.size, args.seed, texts)
        summary = {"bundle": str(folder), "files": len(files), "bytes": sum(f["bytes"] for f in files),
                   "records": sum(f["records"] for f in files), "lines": sum(f["lines"] for f in files),
                   "failure_records": sum(f["failure_records"] for f in files), "seed": args.seed,
                   "members": files}
        meta = folder.parent / (folder.name + ".meta.json")
        shown = f"{args.bundle}: {len(files)} files, {summary['bytes']} bytes, {summary['records']} records"
    meta.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"make_corpus: {shown} ({_time.monotonic() - start:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
