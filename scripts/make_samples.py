#!/usr/bin/env python3
"""Generates the sample logs under samples/ and samples/README.md.

The committed samples are this script's output, byte for byte: the script uses only the Python
standard library, fixed seeds and fixed dates (never the clock, the locale or the environment).

    python3 scripts/make_samples.py           # (re)write samples/
    python3 scripts/make_samples.py --check   # exit 1 if a committed sample differs from the output

Failure lines quote the real message texts of ../shared/reference/messages.md verbatim; every other
line is synthetic (plausible, not copied from a real log) and samples/README.md says so.
"""

import datetime as dt
import random
import sys

from samples_lib import DAYS, MONTHS, Events, Sample, T, bias_text, busy, iso_ms, run

# --------------------------------------------------------------------------------------------------
# Real texts (see samples/README.md for their sources). Do not edit: rules are tested against them.

AI_SOURCE = "Asset Intelligence Catalog Sync Service"
REAL_ENROLL = "WebException trying to enroll: Status = ProtocolError"
REAL_SYNC_403 = "Exception attempting sync - The request failed with HTTP status 403: Forbidden."
REAL_SYNC_403_EN_DASH = "Exception attempting sync \u2013 The request failed with HTTP status 403: Forbidden."
REAL_CONSOLE_2007 = "Connection failed -bad certificate"
REAL_CONSOLE_2007_ALT = "Connection Failed - bad certificate"
REAL_CONSOLE_2012_A = "Expired credentials/certificate/token. Online account must be re-provisioned"
REAL_CONSOLE_2012_B = "Expired credentials/certificate/token. Need to re-provision online account."

# Real .NET Framework frames of the SOAP client that raises "The request failed with HTTP status ...".
STACK_SOAP_403 = [
    "   at System.Web.Services.Protocols.SoapHttpClientProtocol.ReadResponse(SoapClientMessage message, "
    "WebResponse response, Stream responseStream, Boolean asyncCall)",
    "   at System.Web.Services.Protocols.SoapHttpClientProtocol.Invoke(String methodName, Object[] parameters)",
]
STACK_TIMEOUT = [
    "   at System.Web.Services.Protocols.WebClientProtocol.GetWebResponse(WebRequest request)",
    "   at System.Web.Services.Protocols.HttpWebClientProtocol.GetWebResponse(WebRequest request)",
    "   at System.Web.Services.Protocols.SoapHttpClientProtocol.Invoke(String methodName, Object[] parameters)",
]

SIG_ENROLL = "cm.ai.enroll-protocol-error"
SIG_403 = "cm.ai.sync-forbidden"
SIG_CONSOLE = "console text"


def rfc1123(t):
    return f"{DAYS[t.weekday()]}, {t.day:02d} {MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} GMT"


def local_stamp(t):
    """MM-DD-YYYY and HH:MM:SS.mmm as CMTrace and SMS trace write them."""
    return f"{t:%m-%d-%Y}", f"{t:%H:%M:%S}.{t.microsecond // 1000:03d}"


def ms(rng):
    return dt.timedelta(milliseconds=rng.randrange(1000))


# --------------------------------------------------------------------------------------------------
# AIUpdateSvc.log, .NET TraceSource text format


def dn_event(ev, t, level, msg, mark=None, cont=None):
    ev.add(t, {"level": level, "msg": msg, "cont": cont or []}, mark)


def dn_flush(sample, ev):
    for t, _, rec, mark in ev.ordered():
        sample.record_time(t)
        line = f"{AI_SOURCE} {rec['level']}: 0 : {rfc1123(t)}:{rec['msg']}"
        if rec["cont"]:
            line += "\n" + "\n".join(rec["cont"])
        if mark:
            mark = dict(mark, written=rfc1123(t), utc=iso_ms(t), text=rec["msg"])
        sample.add(line, mark)


def ai_startup(ev, rng, t, cfg, restart=False):
    """Service (re)start chatter; returns the time after it."""
    if restart:
        dn_event(ev, t, "Information", "Service stop requested")
        t += dt.timedelta(seconds=1)
        dn_event(ev, t, "Information", "Asset Intelligence Catalog Sync Service stopped")
        t += dt.timedelta(minutes=rng.randint(3, 6), seconds=rng.randint(0, 59))
    dn_event(ev, t, "Information", "Asset Intelligence Catalog Sync Service starting")
    dn_event(ev, t, "Information", f"Service version {cfg['version']}")
    t += dt.timedelta(seconds=1)
    dn_event(ev, t, "Information", f"Site server: {cfg['server']}, site code: {cfg['site']}")
    dn_event(ev, t, "Verbose", f"Connecting to site database SMS_{cfg['site']} on {cfg['sql']}")
    t += dt.timedelta(seconds=rng.randint(1, 3))
    dn_event(ev, t, "Information", "Connected to site database")
    dn_event(ev, t, "Information", "Proxy server: not configured")
    dn_event(ev, t, "Information", f"Synchronization schedule: every {cfg['interval_days']} day(s)")
    dn_event(ev, t, "Information", "Per-installation certificate found in the local machine store")
    t += dt.timedelta(seconds=1)
    dn_event(ev, t, "Information", "Service started")
    return t


def ai_chatter(ev, rng, start, end, every_min, windows, cfg):
    """The idle loop: wake up, look for work, sleep."""
    t = start
    while t < end:
        w = t + dt.timedelta(seconds=rng.randint(0, 2))
        if not busy(w, windows):
            dn_event(ev, w, "Verbose", "Checking for pending catalog requests")
            r = rng.random()
            if r < 0.22:
                dn_event(ev, w, "Verbose", "Polling site database for uncategorized software titles")
                k = rng.choice([0, 0, 0, 1, 2, 3, 5])
                dn_event(ev, w + dt.timedelta(seconds=1), "Verbose", f"{k} uncategorized titles pending upload")
            elif r < 0.27:
                dn_event(ev, w, "Information", "Refreshing configuration from the site control file")
                dn_event(ev, w + dt.timedelta(seconds=1), "Verbose", "Configuration unchanged")
            else:
                dn_event(ev, w, "Verbose", "No pending catalog requests")
            dn_event(ev, w + dt.timedelta(seconds=1), "Information", f"Sleeping for {every_min} minutes")
        # The loop sleeps after its work, so its wake-up time drifts.
        t = w + dt.timedelta(seconds=1, minutes=every_min)


def ai_sync_ok(ev, rng, t, cfg, n_items=None, kind="scheduled", http_ok_mark=None):
    """A successful catalog synchronization; returns its end time. With http_ok_mark, it also
    logs the HTTP 200 reply (a near miss of the 403 text) with that mark."""
    dn_event(ev, t, "Information", f"Starting catalog synchronization ({kind})")
    dn_event(ev, t, "Verbose", "Connecting to System Center Online")
    t += dt.timedelta(seconds=rng.randint(2, 6))
    dn_event(ev, t, "Information", "Authenticating with the per-installation certificate")
    t += dt.timedelta(seconds=rng.randint(3, 9))
    ver = cfg["catalog_version"]
    dn_event(ev, t, "Verbose", f"Requesting catalog changes since catalog version {ver}")
    if http_ok_mark:
        t += dt.timedelta(seconds=rng.randint(3, 9))
        dn_event(ev, t, "Verbose", "Catalog service replied with HTTP status 200: OK", http_ok_mark)
    t += dt.timedelta(seconds=rng.randint(20, 70))
    n = n_items if n_items is not None else rng.randint(150, 2400)
    dn_event(ev, t, "Information", f"Retrieved {n} items from System Center Online")
    dn_event(ev, t, "Verbose", f"Writing {n} catalog items to the site database")
    t += dt.timedelta(seconds=rng.randint(5, 25))
    k = rng.choice([0, 2, 4, 7, 12])
    if k:
        dn_event(ev, t, "Information", f"Uploading {k} uncategorized software titles")
        t += dt.timedelta(seconds=rng.randint(2, 8))
        dn_event(ev, t, "Information", f"Upload of {k} titles completed")
    cfg["catalog_version"] = ver + rng.randint(1, 3)
    dn_event(ev, t, "Information", f"Catalog version is now {cfg['catalog_version']}")
    dn_event(ev, t, "Information", "Catalog synchronization completed successfully")
    dn_event(ev, t, "Information", f"Next catalog synchronization in {24 * cfg['interval_days']} hours")
    return t


def build_ai_2011():
    s = Sample(
        "configmgr/ai-2011/AIUpdateSvc.log", "dotnet-trace",
        "ConfigMgr 2007 SP2 AI sync point, April 2011: the 2007 public certificate expired on "
        "2011-04-25; enrollment fails with a protocol error and the sync with 403, "
        "seconds apart, on every retry",
        "cm.ai.cert-expired, confidence high (enroll error and 403 within 5 minutes)")
    rng = random.Random(2011)
    cfg = {"version": "4.00.6487.2000", "server": "CM01.contoso.com", "site": "PS1",
           "sql": "CM01.contoso.com", "interval_days": 1, "catalog_version": 1268}
    ev = Events()
    start, end = T(2011, 4, 22, 19, 40, 7), T(2011, 4, 27, 4, 20)
    windows = []

    # Service restart after the weekend patch reboot.
    t0 = T(2011, 4, 23, 2, 17, 41)
    ai_startup(ev, rng, t0, cfg, restart=True)
    windows.append((t0 - dt.timedelta(minutes=2), t0 + dt.timedelta(minutes=12)))

    for day in (23, 24, 25):
        t0 = T(2011, 4, day, 4, 50, 0)
        t1 = ai_sync_ok(ev, rng, t0, cfg)
        windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    # The failure and its retries, six hours apart.
    attempts = [
        (T(2011, 4, 26, 4, 50, 0), T(2011, 4, 26, 4, 51, 58), T(2011, 4, 26, 4, 52, 3), "scheduled"),
        (T(2011, 4, 26, 10, 52, 3), T(2011, 4, 26, 10, 53, 41), T(2011, 4, 26, 10, 53, 47), "retry 1 of 3"),
        (T(2011, 4, 26, 16, 53, 47), T(2011, 4, 26, 16, 55, 29), T(2011, 4, 26, 16, 55, 33), "retry 2 of 3"),
        (T(2011, 4, 26, 22, 55, 33), T(2011, 4, 26, 22, 57, 12), T(2011, 4, 26, 22, 57, 18), "retry 3 of 3"),
    ]
    for i, (ts, tw, te, kind) in enumerate(attempts):
        dn_event(ev, ts, "Information", f"Starting catalog synchronization ({kind})")
        dn_event(ev, ts, "Verbose", "Connecting to System Center Online")
        dn_event(ev, ts + dt.timedelta(seconds=4), "Information",
                 "Per-installation certificate needs renewal; enrolling with System Center Online")
        dn_event(ev, tw, "Warning", REAL_ENROLL, {"kind": "failure", "label": SIG_ENROLL})
        dn_event(ev, tw + dt.timedelta(seconds=1), "Information",
                 "Continuing synchronization with the existing per-installation certificate")
        dn_event(ev, te, "Error", REAL_SYNC_403, {"kind": "failure", "label": SIG_403})
        if i < len(attempts) - 1:
            dn_event(ev, te, "Information", "Catalog synchronization did not complete; retrying in 6 hours")
        else:
            dn_event(ev, te, "Information",
                     "Catalog synchronization did not complete; retry limit reached, "
                     "waiting for the next scheduled synchronization")
        windows.append((ts - dt.timedelta(minutes=1), te + dt.timedelta(minutes=1)))

    ai_chatter(ev, rng, start, end, 60, windows, cfg)
    dn_flush(s, ev)
    return s


def build_ai_2018():
    s = Sample(
        "configmgr/ai-2018/AIUpdateSvc.log", "dotnet-trace",
        "ConfigMgr current branch 1706 AI sync point, Oct/Nov 2018 (bootstrap certificate expired "
        "2018-10-12): the sync fails with 403 (en dash variant), no enroll error; a stack trace "
        "follows each error",
        "cm.ai.cert-expired, confidence medium (403 on sync alone)", encoding="utf-8-bom")
    rng = random.Random(2018)
    cfg = {"version": "5.00.8540.1000", "server": "CM01.contoso.com", "site": "PS1",
           "sql": "SQL01.contoso.com", "interval_days": 1, "catalog_version": 5112}
    ev = Events()
    start, end = T(2018, 10, 30, 16, 20, 11), T(2018, 11, 3, 9, 40)
    windows = []

    t0 = T(2018, 10, 30, 23, 4, 52)  # maintenance-window restart
    ai_startup(ev, rng, t0, cfg, restart=True)
    windows.append((t0 - dt.timedelta(minutes=2), t0 + dt.timedelta(minutes=12)))

    t0 = T(2018, 10, 31, 5, 10, 0)
    t1 = ai_sync_ok(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    # A transient timeout (an ordinary error, not a certificate failure), then a good retry.
    t0 = T(2018, 11, 1, 5, 10, 0)
    dn_event(ev, t0, "Information", "Starting catalog synchronization (scheduled)")
    dn_event(ev, t0, "Verbose", "Connecting to System Center Online")
    tt = t0 + dt.timedelta(seconds=100)
    dn_event(ev, tt, "Error", "Exception attempting sync \u2013 The operation has timed out", cont=STACK_TIMEOUT)
    dn_event(ev, tt, "Information", "Catalog synchronization did not complete; retrying in 6 hours")
    windows.append((t0 - dt.timedelta(minutes=1), tt + dt.timedelta(minutes=1)))
    t2 = tt + dt.timedelta(hours=6)
    t3 = ai_sync_ok(ev, rng, t2, cfg, kind="retry 1 of 3")
    windows.append((t2 - dt.timedelta(minutes=1), t3 + dt.timedelta(minutes=1)))

    attempts = [
        (T(2018, 11, 2, 5, 10, 0), T(2018, 11, 2, 5, 10, 44), "scheduled"),
        (T(2018, 11, 2, 11, 10, 44), T(2018, 11, 2, 11, 11, 30), "retry 1 of 3"),
        (T(2018, 11, 2, 17, 11, 30), T(2018, 11, 2, 17, 12, 13), "retry 2 of 3"),
        (T(2018, 11, 2, 23, 12, 13), T(2018, 11, 2, 23, 12, 58), "retry 3 of 3"),
        (T(2018, 11, 3, 5, 10, 0), T(2018, 11, 3, 5, 10, 39), "scheduled"),
    ]
    for ts, te, kind in attempts:
        dn_event(ev, ts, "Information", f"Starting catalog synchronization ({kind})")
        dn_event(ev, ts, "Verbose", "Connecting to System Center Online")
        dn_event(ev, ts + dt.timedelta(seconds=5), "Information",
                 "Authenticating with the per-installation certificate")
        dn_event(ev, te, "Error", REAL_SYNC_403_EN_DASH, {"kind": "failure", "label": SIG_403},
                 cont=STACK_SOAP_403)
        if kind != "retry 3 of 3":
            dn_event(ev, te, "Information", "Catalog synchronization did not complete; retrying in 6 hours")
        else:
            dn_event(ev, te, "Information",
                     "Catalog synchronization did not complete; retry limit reached, "
                     "waiting for the next scheduled synchronization")
        windows.append((ts - dt.timedelta(minutes=1), te + dt.timedelta(minutes=1)))

    ai_chatter(ev, rng, start, end, 60, windows, cfg)
    dn_flush(s, ev)
    return s


def build_ai_2011_utf16(src):
    s = Sample(
        "configmgr/ai-2011-utf16/AIUpdateSvc.log", "dotnet-trace",
        "the ai-2011 log, re-encoded as UTF-16LE with BOM (as a Windows export writes it)",
        "cm.ai.cert-expired, confidence high (same lines as ai-2011)", encoding="utf-16le-bom")
    s.lines = list(src.lines)
    s.marks = [dict(m) for m in src.marks]
    s.records, s.first_utc, s.last_utc = src.records, src.first_utc, src.last_utc
    return s


def build_ai_healthy():
    s = Sample(
        "configmgr/ai-healthy/AIUpdateSvc.log", "dotnet-trace",
        "ConfigMgr 2012 R2 SP1 AI sync point, June 2016: daily syncs succeed, a service restart",
        "none")
    rng = random.Random(2016)
    cfg = {"version": "5.00.8239.1000", "server": "CM01.contoso.com", "site": "PS1",
           "sql": "SQL01.contoso.com", "interval_days": 1, "catalog_version": 3907}
    ev = Events()
    start, end = T(2016, 6, 6, 11, 3, 26), T(2016, 6, 10, 17, 30)
    windows = []
    t0 = T(2016, 6, 8, 1, 31, 9)
    ai_startup(ev, rng, t0, cfg, restart=True)
    windows.append((t0 - dt.timedelta(minutes=2), t0 + dt.timedelta(minutes=12)))
    for day in (7, 8, 9, 10):
        t0 = T(2016, 6, day, 3, 0, 0)
        t1 = ai_sync_ok(ev, rng, t0, cfg)
        windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))
    ai_chatter(ev, rng, start, end, 60, windows, cfg)
    dn_flush(s, ev)
    return s


def build_near_miss_ai():
    s = Sample(
        "configmgr/near-miss/AIUpdateSvc.log", "dotnet-trace",
        "healthy AI sync point, Feb 2019, full of lines that resemble the failure texts "
        "(a 403 item count, HTTP 200/503, a timeout, 'certificate loaded', 'Forbidden' in a title)",
        "none", encoding="utf-8", newline="\n")
    rng = random.Random(1903)
    cfg = {"version": "5.00.8740.1000", "server": "CM01.contoso.com", "site": "PS1",
           "sql": "SQL01.contoso.com", "interval_days": 1, "catalog_version": 5390}
    ev = Events()
    start, end = T(2019, 2, 11, 8, 12, 40), T(2019, 2, 15, 10, 0)
    windows = []

    def trap(label):
        return {"kind": "trap", "label": label}

    # Service start with the certificate loaded and enrollment checked.
    t = T(2019, 2, 11, 8, 14, 2)
    t = ai_startup(ev, rng, t, cfg)
    t += dt.timedelta(seconds=2)
    dn_event(ev, t, "Information", "Per-installation certificate loaded", trap("'certificate loaded'"))
    dn_event(ev, t, "Information", "Certificate chain check completed, bad certificates: 0",
             trap("'bad certificates: 0'"))
    dn_event(ev, t + dt.timedelta(seconds=1), "Information", "Online account provisioned; no action required",
             trap("'Online account' without 'Expired credentials'"))
    dn_event(ev, t + dt.timedelta(seconds=1), "Information", "Enrollment check completed: Status = Success",
             trap("'Status = Success'"))
    windows.append((T(2019, 2, 11, 8, 12, 0), t + dt.timedelta(minutes=3)))

    # Day 1: a normal sync that happens to retrieve 403 items, with an HTTP 200 reply.
    t0 = T(2019, 2, 12, 4, 40, 0)
    dn_event(ev, t0, "Information", "Starting catalog synchronization (scheduled)")
    dn_event(ev, t0, "Verbose", "Connecting to System Center Online")
    dn_event(ev, t0 + dt.timedelta(seconds=4), "Information", "Authenticating with the per-installation certificate")
    dn_event(ev, t0 + dt.timedelta(seconds=9), "Verbose", "Catalog service replied with HTTP status 200: OK",
             trap("'HTTP status 200: OK'"))
    dn_event(ev, t0 + dt.timedelta(seconds=41), "Information", "Retrieved 403 items from System Center Online",
             trap("'403' as an item count"))
    dn_event(ev, t0 + dt.timedelta(seconds=41), "Verbose", "Writing 403 catalog items to the site database")
    dn_event(ev, t0 + dt.timedelta(seconds=58), "Information", "Catalog synchronization completed successfully")
    dn_event(ev, t0 + dt.timedelta(seconds=58), "Information", "Next catalog synchronization in 24 hours")
    windows.append((t0 - dt.timedelta(minutes=1), t0 + dt.timedelta(minutes=2)))

    # Day 2: a timeout, then HTTP 503, then success.
    t0 = T(2019, 2, 13, 4, 40, 0)
    dn_event(ev, t0, "Information", "Starting catalog synchronization (scheduled)")
    dn_event(ev, t0, "Verbose", "Connecting to System Center Online")
    tt = t0 + dt.timedelta(seconds=100)
    dn_event(ev, tt, "Error", "Exception attempting sync \u2013 The operation has timed out",
             trap("'Exception attempting sync' with a timeout"), cont=STACK_TIMEOUT)
    dn_event(ev, tt, "Information", "Catalog synchronization did not complete; retrying in 6 hours")
    windows.append((t0 - dt.timedelta(minutes=1), tt + dt.timedelta(minutes=1)))
    t1 = tt + dt.timedelta(hours=6)
    dn_event(ev, t1, "Information", "Starting catalog synchronization (retry 1 of 3)")
    dn_event(ev, t1, "Verbose", "Connecting to System Center Online")
    t2 = t1 + dt.timedelta(seconds=12)
    dn_event(ev, t2, "Error",
             "Exception attempting sync - The request failed with HTTP status 503: Service Unavailable.",
             trap("'The request failed with HTTP status 503'"), cont=STACK_SOAP_403)
    dn_event(ev, t2, "Information", "Catalog synchronization did not complete; retrying in 6 hours")
    windows.append((t1 - dt.timedelta(minutes=1), t2 + dt.timedelta(minutes=1)))
    t4 = t2 + dt.timedelta(hours=6)
    t5 = ai_sync_ok(ev, rng, t4, cfg, kind="retry 2 of 3", http_ok_mark=trap("'HTTP status 200: OK'"))
    windows.append((t4 - dt.timedelta(minutes=1), t5 + dt.timedelta(minutes=1)))

    # Day 3: an uncategorized title whose name contains "Forbidden".
    t0 = T(2019, 2, 14, 4, 40, 0)
    dn_event(ev, t0, "Information", "Starting catalog synchronization (scheduled)")
    dn_event(ev, t0, "Verbose", "Connecting to System Center Online")
    dn_event(ev, t0 + dt.timedelta(seconds=5), "Information", "Authenticating with the per-installation certificate")
    dn_event(ev, t0 + dt.timedelta(seconds=44), "Information", "Retrieved 1187 items from System Center Online")
    dn_event(ev, t0 + dt.timedelta(seconds=61), "Information", "Uploading 3 uncategorized software titles")
    dn_event(ev, t0 + dt.timedelta(seconds=62), "Verbose",
             "Uncategorized title 'Forbidden Forest 1.2' (Fabrikam Games) queued for categorization",
             trap("'Forbidden' in a software title"))
    dn_event(ev, t0 + dt.timedelta(seconds=66), "Information", "Upload of 3 titles completed")
    dn_event(ev, t0 + dt.timedelta(seconds=66), "Information", "Catalog synchronization completed successfully")
    dn_event(ev, t0 + dt.timedelta(seconds=66), "Information", "Next catalog synchronization in 24 hours")
    windows.append((t0 - dt.timedelta(minutes=1), t0 + dt.timedelta(minutes=2)))

    t0 = T(2019, 2, 15, 4, 40, 0)
    t1 = ai_sync_ok(ev, rng, t0, cfg, http_ok_mark=trap("'HTTP status 200: OK'"))
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    ai_chatter(ev, rng, start, end, 60, windows, cfg)
    dn_flush(s, ev)
    return s


# --------------------------------------------------------------------------------------------------
# Site-server "SMS trace" format:  message  $$<component><MM-DD-YYYY HH:MM:SS.mmm+BIAS><thread=N (0xN)>

SMS_THREADS = {
    "SMS_EXECUTIVE": 1524,
    "SMS_SITE_COMPONENT_MANAGER": 2412,
    "SMS_AI_KB_MANAGER": 2868,
    "SMS_STATUS_MANAGER": 3104,
    "SMS_DISCOVERY_DATA_MANAGER": 3340,
    "SMS_INVENTORY_DATA_LOADER": 3520,
    "SMS_HIERARCHY_MANAGER": 2236,
    "SMS_SITE_SYSTEM_STATUS_SUMMARIZER": 4020,
}


def sms_event(ev, t, comp, msg, mark=None):
    ev.add(t, {"comp": comp, "msg": msg}, mark)


def sms_flush(sample, ev, bias):
    sample.bias = bias
    for t, _, rec, mark in ev.ordered():
        d, hms = local_stamp(t)
        tid = SMS_THREADS[rec["comp"]]
        sample.record_time(t + dt.timedelta(minutes=bias))
        line = f"{rec['msg']}  $$<{rec['comp']}><{d} {hms}{bias_text(bias)}><thread={tid} (0x{tid:X})>"
        if mark:
            utc = t + dt.timedelta(minutes=bias)
            mark = dict(mark, written=f"{d} {hms}{bias_text(bias)}",
                        utc=iso_ms(utc),
                        text=rec["msg"])
        sample.add(line, mark)


def site_chatter(ev, rng, start, end, cfg, windows):
    """Ordinary site-server activity of several components between start and end (local time)."""
    server, site, inbox = cfg["server"], cfg["site"], cfg["inbox"]

    def every(minutes, jitter_s, fn):
        t = start + dt.timedelta(seconds=rng.randint(0, 600))
        while t < end:
            w = t + dt.timedelta(seconds=rng.randint(0, jitter_s)) + ms(rng)
            if not busy(w, windows):
                fn(w)
            t += dt.timedelta(minutes=minutes)

    def status_mgr(w):
        n = rng.randint(2, 60)
        sms_event(ev, w, "SMS_STATUS_MANAGER", f"Processed {n} status messages from the inbox")

    def ddm(w):
        n = rng.randint(1, 14)
        sms_event(ev, w, "SMS_DISCOVERY_DATA_MANAGER", f"Processing {n} DDR files from the inbox")
        sms_event(ev, w + dt.timedelta(seconds=rng.randint(1, 9)) + ms(rng), "SMS_DISCOVERY_DATA_MANAGER",
                  f"Processed {n} DDR files, {rng.randint(0, min(n, 3))} new records")

    def dataldr(w):
        n = rng.randint(1, 9)
        sms_event(ev, w, "SMS_INVENTORY_DATA_LOADER", f"Processed {n} MIF files, 0 bad MIF files")

    def sitecomp(w):
        sms_event(ev, w, "SMS_SITE_COMPONENT_MANAGER",
                  f"Checking the status of site components on {server}")
        sms_event(ev, w + dt.timedelta(seconds=1) + ms(rng), "SMS_SITE_COMPONENT_MANAGER",
                  f"All {cfg['components']} components installed on {server} are current")

    def hman(w):
        sms_event(ev, w, "SMS_HIERARCHY_MANAGER", f"Site control file for site {site} has not changed")

    def aikb(w):
        sms_event(ev, w, "SMS_AI_KB_MANAGER", f"Checking inbox {inbox} for new catalog files")
        sms_event(ev, w + dt.timedelta(milliseconds=rng.randint(20, 900)), "SMS_AI_KB_MANAGER",
                  "No new catalog files found. Sleeping for 120 minutes")

    def ssss(w):
        sms_event(ev, w, "SMS_SITE_SYSTEM_STATUS_SUMMARIZER",
                  f"Refreshed storage object status for {server}")

    def execu(w):
        sms_event(ev, w, "SMS_EXECUTIVE",
                  f"{cfg['threads']} component threads running; working set {rng.randint(180, 260)} MB")

    every(45, 120, status_mgr)
    every(90, 300, ddm)
    every(120, 300, dataldr)
    every(120, 30, sitecomp)
    every(120, 60, hman)
    every(120, 20, aikb)
    every(240, 60, ssss)
    every(180, 60, execu)


def aikb_import(ev, rng, t, n, cfg, count_mark=None):
    """SMS_AI_KB_MANAGER processing a catalog file dropped by the sync point."""
    name = f"{rng.randrange(16 ** 8):08X}.AKB"
    sms_event(ev, t, "SMS_AI_KB_MANAGER", f"Found new catalog file {name} in {cfg['inbox']}")
    t += dt.timedelta(seconds=1) + ms(rng)
    sms_event(ev, t, "SMS_AI_KB_MANAGER", f"Processing catalog file {name}")
    t += dt.timedelta(seconds=rng.randint(8, 40)) + ms(rng)
    sms_event(ev, t, "SMS_AI_KB_MANAGER", f"Inserted or updated {n} catalog items in the site database",
              count_mark)
    t += ms(rng)
    sms_event(ev, t, "SMS_AI_KB_MANAGER", f"Successfully processed catalog file {name}")
    return t


def sms_startup(ev, rng, t, cfg):
    sms_event(ev, t, "SMS_EXECUTIVE", "SMS_EXECUTIVE service starting")
    t += dt.timedelta(seconds=2) + ms(rng)
    sms_event(ev, t, "SMS_EXECUTIVE", f"Site server {cfg['server']}, site code {cfg['site']}")
    for comp in ("SMS_SITE_COMPONENT_MANAGER", "SMS_HIERARCHY_MANAGER", "SMS_STATUS_MANAGER",
                 "SMS_DISCOVERY_DATA_MANAGER", "SMS_INVENTORY_DATA_LOADER", "SMS_AI_KB_MANAGER",
                 "SMS_SITE_SYSTEM_STATUS_SUMMARIZER"):
        t += ms(rng)
        tid = SMS_THREADS[comp]
        sms_event(ev, t, "SMS_EXECUTIVE", f"SMS_EXECUTIVE started {comp} as thread ID {tid} (0x{tid:X}).")
    t += dt.timedelta(seconds=3) + ms(rng)
    sms_event(ev, t, "SMS_HIERARCHY_MANAGER",
              "Processed site control file changes:~~   Component SMS_AI_KB_MANAGER: no change"
              "~~   Component AI_UPDATE_SERVICE_POINT: no change")
    return t


def build_console_2007():
    s = Sample(
        "configmgr/ai-console-2007/smsexec.log", "sms-trace",
        "ConfigMgr 2007 site server, April 2011, after the public AI certificate expired: "
        "the 2007 console/status text 'Connection failed -bad certificate' on each AI status check",
        "cm.ai.cert-expired, confidence high (console text)")
    rng = random.Random(2007)
    cfg = {"server": "CM01.contoso.com", "site": "PS1", "components": 41, "threads": 43,
           "inbox": r"D:\Program Files\Microsoft Configuration Manager\inboxes\AIKbMgr.box"}
    bias = 420  # PDT: UTC = local + 420 minutes
    ev = Events()
    start, end = T(2011, 4, 24, 21, 40, 0), T(2011, 4, 26, 18, 30, 0)
    windows = []

    t0 = T(2011, 4, 25, 19, 31, 12, 402000)
    t1 = sms_startup(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    # The last good catalog import (the sync of 04:50 GMT on the 25th, written in local time).
    t0 = T(2011, 4, 24, 21, 52, 30, 660000)
    t1 = aikb_import(ev, rng, t0, 1764, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    checks = [
        (T(2011, 4, 26, 5, 10, 11, 123000), REAL_CONSOLE_2007),
        (T(2011, 4, 26, 9, 10, 37, 914000), REAL_CONSOLE_2007),
        (T(2011, 4, 26, 13, 11, 2, 260000), REAL_CONSOLE_2007_ALT),
        (T(2011, 4, 26, 17, 11, 24, 588000), REAL_CONSOLE_2007),
    ]
    for tf, text in checks:
        ts = tf - dt.timedelta(milliseconds=1874)
        sms_event(ev, ts, "SMS_AI_KB_MANAGER",
                  f"Requesting synchronization status from the Asset Intelligence synchronization point "
                  f"on {cfg['server']}")
        sms_event(ev, tf, "SMS_AI_KB_MANAGER", text, {"kind": "failure", "label": SIG_CONSOLE})
        sms_event(ev, tf + dt.timedelta(milliseconds=47), "SMS_AI_KB_MANAGER",
                  "Catalog synchronization status set to Failed; last successful synchronization is unchanged")
        windows.append((ts - dt.timedelta(minutes=2), tf + dt.timedelta(minutes=2)))

    site_chatter(ev, rng, start, end, cfg, windows)
    sms_flush(s, ev, bias)
    return s


def build_healthy_smstrace():
    s = Sample(
        "configmgr/ai-healthy-smstrace/smsexec.log", "sms-trace",
        "healthy ConfigMgr 2012 site server in Darwin (UTC+9:30, no DST), March 2013: catalog "
        "files imported, no errors",
        "none")
    rng = random.Random(2013)
    cfg = {"server": "CM01.contoso.com", "site": "PS1", "components": 48, "threads": 51,
           "inbox": r"E:\Program Files\Microsoft Configuration Manager\inboxes\AIKbMgr.box"}
    bias = -570
    ev = Events()
    start, end = T(2013, 3, 13, 9, 0, 0), T(2013, 3, 14, 13, 0, 0)
    windows = []
    t0 = T(2013, 3, 13, 9, 2, 44, 610000)
    t1 = sms_startup(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))
    for t0 in (T(2013, 3, 13, 14, 22, 5), T(2013, 3, 14, 3, 5, 47)):
        t1 = aikb_import(ev, rng, t0, rng.randint(300, 2200), cfg)
        windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))
    site_chatter(ev, rng, start, end, cfg, windows)
    sms_flush(s, ev, bias)
    return s


def build_near_miss_smsexec():
    s = Sample(
        "configmgr/near-miss/smsexec.log", "sms-trace",
        "healthy ConfigMgr site server, Feb 2019 (PST), with 'Connection failed' for another "
        "reason, 'bad certificates: 0', 'certificate loaded', 'Forbidden' in a title, HTTP 200",
        "none", encoding="cp1252")
    rng = random.Random(1902)
    cfg = {"server": "CM01.contoso.com", "site": "PS1", "components": 52, "threads": 55,
           "inbox": r"D:\Program Files\Microsoft Configuration Manager\inboxes\AIKbMgr.box"}
    bias = 480  # PST
    ev = Events()
    start, end = T(2019, 2, 11, 6, 0, 0), T(2019, 2, 12, 10, 0, 0)
    windows = []

    def trap(label):
        return {"kind": "trap", "label": label}

    t0 = T(2019, 2, 11, 7, 48, 3, 77000)
    t1 = sms_startup(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    t = T(2019, 2, 11, 9, 14, 51, 312000)
    sms_event(ev, t, "SMS_SITE_COMPONENT_MANAGER",
              "Connection failed - the remote computer CM02.contoso.com did not respond; retrying in 60 seconds",
              trap("'Connection failed' without 'bad certificate'"))
    sms_event(ev, t + dt.timedelta(seconds=61, milliseconds=140), "SMS_SITE_COMPONENT_MANAGER",
              "Connected to CM02.contoso.com")
    windows.append((t - dt.timedelta(minutes=2), t + dt.timedelta(minutes=3)))

    t = T(2019, 2, 11, 10, 5, 9, 6000)
    sms_event(ev, t, "SMS_AI_KB_MANAGER",
              f"Requesting synchronization status from the Asset Intelligence synchronization point on {cfg['server']}")
    sms_event(ev, t + dt.timedelta(milliseconds=402), "SMS_AI_KB_MANAGER",
              "Synchronization point replied with HTTP status 200: OK", trap("'HTTP status 200: OK'"))
    sms_event(ev, t + dt.timedelta(milliseconds=455), "SMS_AI_KB_MANAGER",
              "Authentication certificate loaded; certificate store check complete, bad certificates: 0",
              trap("'certificate loaded' and 'bad certificates: 0'"))
    sms_event(ev, t + dt.timedelta(milliseconds=460), "SMS_AI_KB_MANAGER",
              "Catalog synchronization status is Succeeded")
    windows.append((t - dt.timedelta(minutes=2), t + dt.timedelta(minutes=2)))

    t = T(2019, 2, 11, 20, 40, 12)
    t1 = aikb_import(ev, rng, t, 403, cfg, count_mark=trap("'403' as an item count"))
    sms_event(ev, t1 + dt.timedelta(milliseconds=380), "SMS_AI_KB_MANAGER",
              "Uncategorized title 'Forbidden Forest 1.2' (Fabrikam Games) is pending categorization",
              trap("'Forbidden' in a software title"))
    sms_event(ev, t1 + dt.timedelta(milliseconds=391), "SMS_AI_KB_MANAGER",
              "Uncategorized title 'Caf\u00e9 Menu Designer 3.0' (Contoso) is pending categorization",
              trap("a Windows-1252 byte (0xE9) in an ordinary line"))
    windows.append((t - dt.timedelta(minutes=2), t1 + dt.timedelta(minutes=2)))

    site_chatter(ev, rng, start, end, cfg, windows)
    sms_flush(s, ev, bias)
    return s


# --------------------------------------------------------------------------------------------------
# CMTrace ("CCM") format: <![LOG[message]LOG]!><time="..." date="..." component="..." ...>


def cm_event(ev, t, msg, typ=1, thread=2868, comp="AIUpdateSvc", mark=None):
    ev.add(t, {"msg": msg, "type": typ, "thread": thread, "comp": comp}, mark)


def cm_flush(sample, ev, bias):
    sample.bias = bias
    for t, _, rec, mark in ev.ordered():
        d, hms = local_stamp(t)
        sample.record_time(t + dt.timedelta(minutes=bias))
        # A multi-line message: Sample.add splits on "\n", so the break becomes the file's newline.
        line = (f'<![LOG[{rec["msg"]}]LOG]!><time="{hms}{bias_text(bias)}" date="{d}" component="{rec["comp"]}" '
                f'context="" type="{rec["type"]}" thread="{rec["thread"]}" file="">')
        if mark:
            utc = t + dt.timedelta(minutes=bias)
            mark = dict(mark, written=f'time="{hms}{bias_text(bias)}" date="{d}"',
                        utc=iso_ms(utc),
                        text=rec["msg"])
        sample.add(line, mark)


def cm_settings(ev, rng, t, cfg):
    cm_event(ev, t, "AIUpdateSvc starting")
    t += ms(rng)
    cm_event(ev, t, "Loaded settings:\n"
                    f"    SiteCode = {cfg['site']}\n"
                    f"    SiteServer = {cfg['server']}\n"
                    f"    SqlServer = {cfg['sql']}\n"
                    "    ProxyEnabled = False\n"
                    f"    SyncIntervalDays = 1")
    t += dt.timedelta(seconds=1) + ms(rng)
    cm_event(ev, t, "Per-installation certificate found in the local machine store")
    cm_event(ev, t + ms(rng), "AIUpdateSvc started")
    return t


def cm_chatter(ev, rng, start, end, every_min, windows):
    t = start
    while t < end:
        w = t + dt.timedelta(seconds=rng.randint(0, 2)) + ms(rng)
        if not busy(w, windows):
            cm_event(ev, w, "Checking for pending catalog requests")
            r = rng.random()
            if r < 0.2:
                k = rng.choice([0, 0, 1, 2, 4])
                cm_event(ev, w + ms(rng), f"{k} uncategorized titles pending upload", thread=4012)
            elif r < 0.25:
                cm_event(ev, w + ms(rng), "Site control file changed; configuration reloaded")
            elif r < 0.29:
                cm_event(ev, w + ms(rng), "Site database connection was idle; reconnecting", typ=2)
            else:
                cm_event(ev, w + ms(rng), "No pending catalog requests")
            cm_event(ev, w + dt.timedelta(seconds=1), f"Sleeping for {every_min} minutes")
        t = w + dt.timedelta(seconds=1, minutes=every_min)


def cm_sync_ok(ev, rng, t, cfg, kind="scheduled"):
    cm_event(ev, t, f"Starting catalog synchronization ({kind})")
    t += ms(rng)
    cm_event(ev, t, "Connecting to System Center Online")
    t += dt.timedelta(seconds=rng.randint(2, 6)) + ms(rng)
    cm_event(ev, t, "Authenticating with the per-installation certificate")
    t += dt.timedelta(seconds=rng.randint(20, 60)) + ms(rng)
    n = rng.randint(200, 2400)
    cm_event(ev, t, f"Retrieved {n} items from System Center Online")
    t += dt.timedelta(seconds=rng.randint(5, 20)) + ms(rng)
    k = rng.choice([2, 3, 6])
    cm_event(ev, t, f"Uploading {k} uncategorized software titles", thread=4012)
    t += dt.timedelta(seconds=rng.randint(2, 6)) + ms(rng)
    old = cfg["catalog_version"]
    cfg["catalog_version"] += rng.randint(1, 3)
    cm_event(ev, t, "Catalog synchronization summary:\n"
                    f"    Items received: {n}\n"
                    f"    Titles uploaded: {k}\n"
                    f"    Catalog version: {old} -> {cfg['catalog_version']}")
    cm_event(ev, t + ms(rng), "Catalog synchronization completed successfully")
    return t + dt.timedelta(seconds=1)


def build_console_2012():
    s = Sample(
        "configmgr/ai-console-2012/SMS_AIUS_Sync.log", "cmtrace",
        "ConfigMgr current branch 1706 AI sync point, Nov 2018 (Redmond, PDT): the 2012/CB "
        "console text 'Expired credentials/certificate/token...' in both wordings, type 3",
        "cm.ai.cert-expired, confidence high (console text)",
        note="illustrative file name")
    rng = random.Random(2012)
    cfg = {"server": "CM01.contoso.com", "site": "PS1", "sql": "SQL01.contoso.com", "catalog_version": 5190}
    bias = 420
    ev = Events()
    start, end = T(2018, 10, 31, 20, 0, 0), T(2018, 11, 2, 16, 50, 0)
    windows = []

    t0 = T(2018, 10, 31, 22, 4, 52, 137000)
    t1 = cm_settings(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    t0 = T(2018, 11, 1, 5, 10, 0, 311000)
    t1 = cm_sync_ok(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))

    fails = [
        (T(2018, 11, 2, 5, 10, 11, 123000), REAL_CONSOLE_2012_A, "scheduled"),
        (T(2018, 11, 2, 11, 12, 40, 518000), REAL_CONSOLE_2012_B, "retry 1 of 3"),
    ]
    for tf, text, kind in fails:
        ts = tf - dt.timedelta(seconds=11, milliseconds=84)
        cm_event(ev, ts, f"Starting catalog synchronization ({kind})")
        cm_event(ev, ts + dt.timedelta(milliseconds=16), "Connecting to System Center Online")
        cm_event(ev, ts + dt.timedelta(seconds=4, milliseconds=702),
                 "Authenticating with the per-installation certificate")
        cm_event(ev, tf, text, typ=3, mark={"kind": "failure", "label": SIG_CONSOLE})
        cm_event(ev, tf + dt.timedelta(milliseconds=31),
                 "Catalog synchronization did not complete; retrying in 6 hours", typ=2)
        windows.append((ts - dt.timedelta(minutes=1), tf + dt.timedelta(minutes=1)))

    cm_chatter(ev, rng, start, end, 30, windows)
    cm_flush(s, ev, bias)
    return s


def build_healthy_cmtrace():
    s = Sample(
        "configmgr/ai-healthy-cmtrace/SMS_AIUS_Sync.log", "cmtrace",
        "healthy AI sync point in Central Europe (CEST), June 2019: syncs succeed; multi-line messages",
        "none", note="illustrative file name")
    rng = random.Random(2019)
    cfg = {"server": "CM01.contoso.com", "site": "PS1", "sql": "SQL01.contoso.com", "catalog_version": 5531}
    bias = -120
    ev = Events()
    start, end = T(2019, 6, 17, 13, 0, 0), T(2019, 6, 18, 14, 0, 0)
    windows = []
    t0 = T(2019, 6, 17, 13, 1, 15, 906000)
    t1 = cm_settings(ev, rng, t0, cfg)
    windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))
    for t0 in (T(2019, 6, 17, 23, 15, 0, 44000), T(2019, 6, 18, 11, 15, 0, 291000)):
        t1 = cm_sync_ok(ev, rng, t0, cfg)
        windows.append((t0 - dt.timedelta(minutes=1), t1 + dt.timedelta(minutes=1)))
    cm_chatter(ev, rng, start, end, 25, windows)
    cm_flush(s, ev, bias)
    return s


# --------------------------------------------------------------------------------------------------
# samples/README.md


def readme(samples):
    out = []
    w = out.append
    w("# Sample logs")
    w("")
    w("Generated by `scripts/make_samples.py` (Python 3 standard library, fixed seeds): run it to rewrite")
    w("these files, `--check` to verify that the committed files are its exact output. Do not edit the")
    w("samples or this README by hand; change the script.")
    w("")
    w("**Every line is synthetic except the failure lines listed below**, which quote the real texts of")
    w("`shared/reference/messages.md` verbatim (see *Real texts and their sources*). The ordinary lines")
    w("(service start, polling, sync progress, item counts, site-server component chatter, stack traces")
    w("other than their frame names) were written to be plausible; no public source gives them, and no")
    w("rule may be written from them. Host names (`CM01.contoso.com`, `SQL01.contoso.com`, `CM02…`),")
    w("site code `PS1`, thread ids, catalog versions and counts are invented.")
    w("")
    w("## Files")
    w("")
    w("| File | Format | Encoding | Line endings | Lines | Scenario | Must raise |")
    w("|---|---|---|---|---|---|---|")
    enc_names = {"ascii": "ASCII (no BOM)", "utf-8": "UTF-8, no BOM (has non-ASCII)",
                 "utf-8-bom": "UTF-8 with BOM", "utf-16le-bom": "UTF-16LE with BOM",
                 "cp1252": "Windows-1252 (one non-ASCII byte, 0xE9)"}
    for s in samples:
        fmt = s.fmt + (f", bias {bias_text(s.bias)}" if s.bias is not None else "")
        name = f"`{s.rel}`" + (f" ({s.note})" if s.note else "")
        w(f"| {name} | {fmt} | {enc_names[s.encoding]} | {'CRLF' if s.newline == chr(13) + chr(10) else 'LF'} "
          f"| {len(s.lines)} | {s.scenario} | {s.expect} |")
    w("")
    w("Line counts are physical lines. A record may span several lines (a .NET stack trace after an")
    w("error belongs to the error's record; a CMTrace message may hold line breaks); the line of a")
    w("record is its first line. No line is meant to be \"not understood\".")
    w("")
    w("| File | Records | First time (UTC) | Last time (UTC) | Continuation lines |")
    w("|---|---|---|---|---|")
    for s in samples:
        multi = len(s.lines) - s.records
        w(f"| `{s.rel}` | {s.records} | {iso_ms(s.first_utc)} | {iso_ms(s.last_utc)} | "
          f"{multi} |")
    w("")
    w("Time zones behind the biases (UTC = local + bias): `+420` Pacific daylight time (Redmond, April")
    w("2011 and 2 Nov 2018, before DST ended on 4 Nov 2018); `+480` Pacific standard time (Feb 2019);")
    w("`-120` Central European summer time (June 2019); `-570` Darwin, UTC+9:30, no DST (March 2013).")
    w("")
    w("## Failure lines (the evidence the diagnosis must cite)")
    w("")
    w("Times: `.NET trace` lines carry UTC (`GMT`) in the message. CMTrace and SMS-trace times are local")
    w("time plus a bias in minutes; the UTC column applies `UTC = local + bias` (the Windows convention")
    w("the architecture adopts; no Microsoft document states the sign, so it is an assumption).")
    w("")
    for s in samples:
        if not s.failures():
            continue
        w(f"### `{s.rel}`")
        w("")
        w("| Line | Time as written | UTC | Signal | Text |")
        w("|---|---|---|---|---|")
        for m in s.failures():
            w(f"| {m['line']} | `{m['written']}` | {m['utc']} | {m['label']} | `{m['text']}` |")
        w("")
    w("## Near misses (must raise nothing)")
    w("")
    for s in samples:
        if not s.traps():
            continue
        w(f"### `{s.rel}`")
        w("")
        w("| Line | Resembles | Text |")
        w("|---|---|---|")
        for m in s.traps():
            w(f"| {m['line']} | {m['label']} | `{m['text']}` |")
        w("")
    w("Also in the broken `ai-2018` sample: an ordinary transient error (`Exception attempting sync – The")
    w("operation has timed out`, with a stack trace) that the 403 rule must not take for a 403.")
    w("")
    w("## Real texts and their sources")
    w("")
    w("| Text (verbatim) | Used in | Source |")
    w("|---|---|---|")
    w(f"| `{REAL_ENROLL}` (level `Warning`) | ai-2011, ai-2011-utf16 | ConfigMgr team blog, 17 May 2011, "
      "on the expired AI certificate (blogs.technet.com/b/configmgrteam/archive/2011/05/17/…, "
      "techcommunity ba-p/247176), as given in the project's seed and the spec; the reference notes "
      "these two lines were not re-read in the post |")
    w(f"| `{REAL_SYNC_403}` (hyphen, level `Error`) | ai-2011, ai-2011-utf16 | same as above |")
    w(f"| `{REAL_SYNC_403_EN_DASH}` (en dash U+2013) | ai-2018 | Microsoft KB text of the 2015 "
      "issuer expiry, read in a third-party copy (faqshop.com/?p=13025); the KB writes the line as "
      "`…Error: 0 :<Log Date>:Exception attempting sync – …` |")
    w(f"| `{REAL_CONSOLE_2007}` | ai-console-2007 | same 2015 KB text (ConfigMgr 2007 console) |")
    w(f"| `{REAL_CONSOLE_2007_ALT}` | ai-console-2007 | the spelling in the project seed/spec "
      "(`diagnoses.md`: \"match both spacings and cases\") |")
    w(f"| `{REAL_CONSOLE_2012_B}` | ai-console-2012 | same 2015 KB text (ConfigMgr 2012 console) |")
    w(f"| `{REAL_CONSOLE_2012_A}` | ai-console-2012 | the wording in the project seed/spec |")
    w("")
    w("KB4054234 (2017) gives the dates of the 2018 case (bootstrap certificate expiring 2018-10-12,")
    w("issuer renewed 2017-11-17) but no log text; the ai-2018 and ai-console-2012 samples are placed")
    w("after those dates.")
    w("")
    w("Layouts: `.NET trace` = `System.Diagnostics.TraceListener` header `{source} {eventType}: {id} : `")
    w("(dotnet/runtime TraceListener.cs) followed by the AI service's RFC 1123 date and `:`; CMTrace")
    w("(CCM) layout from Microsoft docs; SMS-trace layout (two spaces, `$$<component><date time+bias>")
    w("<thread=N (0xN)>`) from a Microsoft support article. The `.NET` frames")
    w("`System.Web.Services.Protocols.SoapHttpClientProtocol.ReadResponse/Invoke`,")
    w("`WebClientProtocol.GetWebResponse` and `HttpWebClientProtocol.GetWebResponse` are real .NET")
    w("Framework methods; that the AI service writes a stack trace after its error line is an assumption.")
    w("")
    w("## Assumptions (not confirmed by any source)")
    w("")
    w("- Which component writes the 2007 text `Connection failed -bad certificate`, and to which log: the")
    w("  sources give it as a console/status text. `ai-console-2007/smsexec.log` puts it in")
    w("  `SMS_AI_KB_MANAGER` lines of `smsexec.log`, which is plausible, not documented. The mix of")
    w("  components in one `smsexec.log` is illustrative too (components usually have their own logs).")
    w("- `SMS_AIUS_Sync.log` is an illustrative name: the 2012/CB console text is shown here in a CMTrace")
    w("  log of component `AIUpdateSvc`; where the real product writes it is not documented.")
    w("- The encoding of each sample (ASCII, UTF-8 with/without BOM, UTF-16LE, Windows-1252) is chosen to")
    w("  exercise the decoder, not because the product is known to write that encoding. The LF line")
    w("  endings of `near-miss/AIUpdateSvc.log` stand for a file copied through a Unix tool.")
    w("- `~~` in SMS-trace lines stands for an embedded line break (observed, not documented).")
    w("- The AI service's successful-sync, enrollment and idle-loop texts (`Retrieved N items`, `Sleeping")
    w("  for N minutes`, …) are invented; messages.md marks them NOT CONFIRMED.")
    w("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------


def build_all():
    ai2011 = build_ai_2011()
    samples = [
        ai2011,
        build_ai_2011_utf16(ai2011),
        build_ai_2018(),
        build_console_2007(),
        build_console_2012(),
        build_ai_healthy(),
        build_healthy_cmtrace(),
        build_healthy_smstrace(),
        build_near_miss_ai(),
        build_near_miss_smsexec(),
    ]
    files = {s.rel: s.render() for s in samples}
    files["README.md"] = readme(samples).encode("utf-8")
    return samples, files


if __name__ == "__main__":
    sys.exit(run(__doc__, build_all))
