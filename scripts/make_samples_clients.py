#!/usr/bin/env python3
"""Generates the client, CMG, IIS, AMT and Service Manager sample logs and their READMEs.

Writes samples/configmgr/client/, samples/configmgr/cmg/, samples/iis/, samples/configmgr/amt/ and
samples/servicemanager/, each with a README.md. The committed files are this script's output, byte for byte: it uses only
the Python standard library, fixed seeds and fixed dates (never the clock, the locale or the
environment).

    python3 scripts/make_samples_clients.py           # (re)write the samples
    python3 scripts/make_samples_clients.py --check   # exit 1 if a committed file differs

Failure lines quote real message texts (Microsoft support articles, Intel community posts; each
README lists them with their source) verbatim; every other line is synthetic (plausible, not copied
from a real log) and the READMEs say so.
"""

import datetime as dt
import random
import sys
import uuid

from samples_lib import Events, Sample, T, bias_text, busy, fail, iso_ms, run, trap

# --------------------------------------------------------------------------------------------------
# Real texts. Do not edit: the rules are tested against them. Sources are in the READMEs (SOURCES).

KB4503442 = ("KB4503442, Microsoft support article \"Configuration Manager clients fail to communicate "
             "with CMG\" (SupportArticles-docs support/mem/configmgr/client-management/"
             "cmg-communication-error.md)")
KB4495265 = ("KB4495265, Microsoft support article \"WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID using a "
             "CMG as a cloud DP with a third-party certificate\" (SupportArticles-docs support/mem/configmgr/"
             "client-management/cannot-download-content-from-cmg.md)")
KB943891 = ("KB943891, Microsoft support article \"HTTP status code in IIS\" (SupportArticles-docs support/"
            "developer/webapps/iis/health-diagnostic-performance/http-status-code.md): 403.7, 403.13, "
            "403.16, 403.17")
KB2802568 = "KB2802568 (via shared/reference/messages.md 4.3): an intermediate CA in Trusted Root gives 403.16 or 403.7"
INTEL_TLS = ("Intel vPro Expert Center blog, 2008-08-19, \"Intel AMT 3.2.1 SelfSigned Certificate issue\" "
             "(communities.intel.com), via shared/reference/messages.md section 3")
INTEL_CHECK = ("Intel community thread \"Failed to call CheckCertificate provider method (oobmgmt.log)\", "
               "via shared/reference/messages.md section 3")

R_ASYNC = "[CCMHTTP] AsyncCallback():"
R_SECURE = "[CCMHTTP] AsyncCallback(): WINHTTP_CALLBACK_STATUS_SECURE_FAILURE Encountered"
R_LEN = "[CCMHTTP] : dwStatusInformationLength is 4"
R_INFO = "[CCMHTTP] : lpvStatusInformation is 0x{:x}"
R_FLAG = "[CCMHTTP] : WINHTTP_CALLBACK_STATUS_FLAG_{} is set"
R_FLAG_PADDED = "[CCMHTTP]            : WINHTTP_CALLBACK_STATUS_FLAG_{} is set"
R_12175 = "[CCMHTTP] ERROR: URL={}, Port=443, Options={}, Code=12175, Text=ERROR_WINHTTP_SECURE_FAILURE"
R_BAD_STATUS = "[CCMHTTP] ERROR: URL={}, Port=443, Options=31, Code=0, Text=CCM_E_BAD_HTTP_STATUS_CODE"
R_CCR = "[CCMHTTP] ERROR INFO: StatusCode= 403 StatusText= CMGConnector_Clientcertificaterequired"
R_FORBIDDEN = "[CCMHTTP] ERROR INFO: StatusCode= 403 StatusText= CMGConnector_Forbidden"
R_TOKEN_URL = "[CCMHTTP] ERROR: URL={} , Port=443, Options=224, Code=0, Text=CCM_E_BAD_HTTP_STATUS_CODE"
R_TOKEN = "[CCMHTTP] ERROR INFO: StatusCode=401 StatusText=CMGService_Invalid_Token"
R_STS = ("Return code: 401, Description: PreAuth token validation failed, "
         "System.IdentityModel.Tokens.SecurityTokenExpiredException:\n"
         "IDX10223: Lifetime validation failed. The token is expired.\n"
         "ValidTo: '{}'\n"
         "Current time: '{}'.\n"
         # The article elides the frame ("ValidateLifetime...."); its parameters are an assumption.
         "   at System.IdentityModel.Tokens.Validators.ValidateLifetime(Nullable`1 notBefore, "
         "Nullable`1 expires, SecurityToken securityToken, TokenValidationParameters validationParameters)")
R_FWD = "Forwarding proxy message {} to URL: {}"
R_WEBEX = ("Web exception for message {}: System.Net.WebException: The remote server returned an error: "
           "(403) Forbidden.~~  at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)~~  at "
           "Microsoft.ConfigurationManager.CloudConnection.ProxyConnector.ConnectionBase."
           "InternalResponseCallBack(IAsyncResult asynchronousResult)")
R_RECV_CCR = "Received response {} for message {}: HTTP/1.1 403 CMGConnector_Clientcertificaterequired"
R_FILTER = [
    "Filtered cert count with digital signature: {sig}",
    "Filtered cert count with allowed root CA: {root}",
    "Filtered cert count with private key: {key}",
    "Filtered cert count with client auth: {auth}",
]
R_MAINTAIN = "Maintaining connections..."
R_DTS_TARGET = "Target URL scheme is HTTPS: {}"
R_FOUND_MP = "Found a valid online MP '{}'."
R_FOUND_REMOTE = "Found remote location '{}'"
R_ON_AZURE = "The location '{}' is on Azure"
R_NO_LOCAL_DP = ("No local DP locations found but is upgrading client on the co-lcated pull DP or Client is on "
                 "Internet, continue with remote locations.")
R_NO_PKI = "[CCMHTTP] ERROR: URL={}, Port=0, Options=224, Code=0, Text=CCM_E_NO_CLIENT_PKI_CERT"
R_DIRLIST = "GetDirectoryList failed with a non-recoverable failure, 0x87d00454"
R_DIRLIST_FROM = "Failed to get directory list from '{}'. Error 0x87d00454"
R_WEBDAV = "Failed to correctly receive a WEBDAV HTTPS request.. (StatusCode at WinHttpQueryHeaders: 0) and StatusText: ''"
R_CHECK_URL = "Failed to check url {}. Error 0x80004005"
R_AMT_TLS = "Error 0x80090308 returned by InitializeSecurityContext during follow up TLS handshaking with server."
R_AMT_ACT = "Error 0x6fcb970 returned by ApplyControlToken"
R_AMT_CHECK = "Failed to call CheckCertificate provider method, 80041001"

MARK = {"kind": "failure"}


def guid(rng, upper=True, braces=False):
    g = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    g = g.upper() if upper else g
    return "{" + g + "}" if braces else g


def thumb(rng):
    return "".join(rng.choice("0123456789ABCDEF") for _ in range(40))


# --- CMTrace (CCM) format ---------------------------------------------------------------------------


def cm(ev, t, msg, comp, typ=1, thread=4120, mark=None):
    ev.add(t, {"msg": msg, "type": typ, "thread": thread, "comp": comp}, mark)


def cm_flush(sample, ev, bias):
    sample.bias = bias
    for t, _, rec, mark in ev.ordered():
        d = f"{t:%m-%d-%Y}"
        hms = f"{t:%H:%M:%S}.{t.microsecond // 1000:03d}"
        utc = t + dt.timedelta(minutes=bias)
        sample.record_time(utc)
        line = (f'<![LOG[{rec["msg"]}]LOG]!><time="{hms}{bias_text(bias)}" date="{d}" component="{rec["comp"]}" '
                f'context="" type="{rec["type"]}" thread="{rec["thread"]}" file="">')
        if mark:
            mark = dict(mark, written=f'time="{hms}{bias_text(bias)}" date="{d}"', utc=iso_ms(utc),
                        text=rec["msg"].split("\n")[0] + (" …" if "\n" in rec["msg"] else ""))
        sample.add(line, mark)


# --- SMS trace (site server) format -------------------------------------------------------------------


def sms(ev, t, msg, comp, thread, mark=None):
    ev.add(t, {"msg": msg, "comp": comp, "thread": thread}, mark)


def sms_flush(sample, ev, bias):
    sample.bias = bias
    for t, _, rec, mark in ev.ordered():
        d = f"{t:%m-%d-%Y}"
        hms = f"{t:%H:%M:%S}.{t.microsecond // 1000:03d}"
        utc = t + dt.timedelta(minutes=bias)
        sample.record_time(utc)
        tid = rec["thread"]
        line = f"{rec['msg']}  $$<{rec['comp']}><{d} {hms}{bias_text(bias)}><thread={tid} (0x{tid:X})>"
        if mark:
            text = rec["msg"]
            if len(text) > 140:
                text = text[:137] + "…"
            mark = dict(mark, written=f"{d} {hms}{bias_text(bias)}", utc=iso_ms(utc), text=text)
        sample.add(line, mark)


def jitter(rng, lo=20, hi=900):
    return dt.timedelta(milliseconds=rng.randint(lo, hi))


# ==================================================================================================
# ConfigMgr client logs
# ==================================================================================================

CMG_HOST = "CMG.CONTOSO.COM"
CMG_ID = "72057594037928017"
CMG_MUTUAL = f"https://{CMG_HOST}/CCM_Proxy_MutualAuth/{CMG_ID}"
CMG_STS = f"https://{CMG_HOST}/CCM_Proxy_ServerAuth/{CMG_ID}/CCM_STS"
INTRANET_MP = "MP01.corp.contoso.com"


def ls_chatter(ev, rng, start, end, comp, thread, windows, cmg_ok=True, intranet_probe_mark=None, broken_from=None,
               cmg_mutual=CMG_MUTUAL):
    """LocationServices.log on an internet client: MP list refreshes, site and DP lookups."""
    t = start
    n = 0
    while t < end:
        if not busy(t, windows):
            r = rng.random()
            if r < 0.30:
                cm(ev, t, "Current AD site of machine is Internet", comp, thread=thread)
                cm(ev, t + jitter(rng), "Client is on internet", comp, thread=thread)
            elif r < 0.55:
                cm(ev, t, "Refreshing the Management Point List for site PS1", comp, thread=thread)
                if cmg_ok and (broken_from is None or t < broken_from):
                    cm(ev, t + jitter(rng), f"Retrieved management point list from {cmg_mutual}", comp,
                       thread=thread)
                    cm(ev, t + jitter(rng, 900, 1800),
                       f"Persisting the management point list: 1 Internet MP(s), 0 local MP(s)", comp, thread=thread)
                else:
                    cm(ev, t + jitter(rng), "Failed to refresh the management point list; keeping the cached list",
                       comp, typ=2, thread=thread)
            elif r < 0.70:
                cm(ev, t, "Calling back with the following distribution points", comp, thread=thread)
                cm(ev, t + jitter(rng), f"Distribution Point='https://{cmg_mutual.split('/')[2].lower()}/downloadrestservice.svc', "
                   "Locality='CloudDP'", comp, thread=thread)
            elif r < 0.82:
                cm(ev, t, "Evaluating the certificate store for the client authentication certificate", comp,
                   thread=thread)
                cm(ev, t + jitter(rng), "Client authentication certificate is valid; thumbprint unchanged", comp,
                   thread=thread)
            elif r < 0.92:
                cm(ev, t, "Assigned site code is PS1", comp, thread=thread)
            else:
                cm(ev, t, "No Security Settings update detected.", comp, thread=thread)
            n += 1
            if intranet_probe_mark and n == 5:
                u = f"https://{INTRANET_MP}/SMS_MP/.sms_aut?MPLIST"
                tt = t + dt.timedelta(seconds=2)
                cm(ev, tt, f"[CCMHTTP] ERROR: URL={u}, Port=443, Options=224, Code=12029, "
                   "Text=ERROR_WINHTTP_CANNOT_CONNECT", comp, typ=3, thread=thread,
                   mark=trap(intranet_probe_mark))
                cm(ev, tt + jitter(rng), f"Failed to reach intranet management point {INTRANET_MP}; client is on "
                   "the internet, using the cloud management gateway", comp, typ=2, thread=thread)
        t += dt.timedelta(minutes=rng.randint(3, 17), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))


def secure_failure_burst(ev, rng, t, comp, thread, flags, url, options, label):
    """The KB4503442 sequence: AsyncCallback lines, the flag(s), then the 12175 error."""
    value = 0
    bits = {"CERT_REV_FAILED": 0x1, "INVALID_CA": 0x8, "CERT_CN_INVALID": 0x10}
    for f in flags:
        value |= bits[f]
    cm(ev, t, f"Getting the token from {url}", comp, thread=thread)
    t += jitter(rng, 150, 600)
    cm(ev, t, R_ASYNC, comp, thread=thread)
    cm(ev, t, R_SECURE, comp, typ=3, thread=thread)
    cm(ev, t, R_LEN, comp, thread=thread)
    cm(ev, t, R_INFO.format(value), comp, thread=thread)
    for f in flags:
        cm(ev, t, R_FLAG.format(f), comp, typ=3, thread=thread, mark=fail(label[f]))
    t += jitter(rng, 5, 60)
    cm(ev, t, R_12175.format(url, options), comp, typ=3, thread=thread, mark=fail("cm.ccmhttp.secure-failure"))
    cm(ev, t + jitter(rng, 5, 40), "Failed to get token from the token service; retrying in 15 minutes", comp,
       typ=2, thread=thread)
    return t


def build_client_crl():
    s = Sample(
        "configmgr/client/crl-check-failed/LocationServices.log", "cmtrace",
        "internet-based client (New York, EST) after it was reinstalled without /NoCRLCheck: every token "
        "request to the CMG fails on CERT_REV_FAILED, then 12175",
        "cm.client.crl-check-failed, confidence high (flag then 12175 within a minute)")
    rng = random.Random(4101)
    ev = Events()
    comp, thread = "LocationServices", 4412
    start, end = T(2025, 1, 13, 7, 2, 11, 312000), T(2025, 1, 14, 18, 40)
    windows = []
    labels = {"CERT_REV_FAILED": "cm.ccmhttp.cert-rev-failed"}
    # Healthy until the reinstall on 14 Jan at 09:17.
    t = T(2025, 1, 14, 9, 17, 4, 118000)
    cm(ev, t, "LocationServices starting after client installation", comp, thread=thread)
    cm(ev, t + jitter(rng), "Client is on internet", comp, thread=thread)
    windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=2)))
    t = T(2025, 1, 14, 9, 19, 40, 502000)
    while t < T(2025, 1, 14, 17, 0):
        te = secure_failure_burst(ev, rng, t, comp, thread, ["CERT_REV_FAILED"], CMG_STS, 63, labels)
        windows.append((t - dt.timedelta(minutes=1), te + dt.timedelta(minutes=1)))
        t += dt.timedelta(minutes=15, seconds=rng.randint(0, 4), milliseconds=rng.randint(0, 999))
        if t.hour in (11, 14) and t.minute < 16:  # some retries are logged by the hourly MP refresh too
            t += dt.timedelta(minutes=7)
    ls_chatter(ev, rng, start, end, comp, thread, windows, broken_from=T(2025, 1, 14, 9, 17))
    cm_flush(s, ev, 300)
    return s


def build_client_untrusted_root():
    s = Sample(
        "configmgr/client/untrusted-root/CcmMessaging.log", "cmtrace",
        "internet-based client (Chicago, CDT) without the issuing root CA of the CMG's PKI server "
        "certificate: INVALID_CA on every message sent through the CMG",
        "cm.client.untrusted-root, confidence high (flag then 12175 within a minute)")
    rng = random.Random(4102)
    ev = Events()
    comp, thread = "CcmMessaging", 3920
    start, end = T(2024, 9, 23, 8, 0, 2, 90000), T(2024, 9, 24, 12, 5)
    windows = []
    labels = {"INVALID_CA": "cm.ccmhttp.invalid-ca"}
    # Ordinary message traffic (synthetic).
    t = start
    while t < end:
        kind = rng.choice(["status", "status", "policy", "inventory", "idle"])
        ep = {"status": "StatusReceiver", "policy": "PolicyAgent_ReplyEndpoint",
              "inventory": "InventoryAgent", "idle": None}[kind]
        if ep:
            mid = guid(rng, braces=True)
            cm(ev, t, f"Sending async message '{mid}' to outgoing queue 'mp_[http]mp_{ep.lower()}'", comp,
               thread=thread)
            cm(ev, t + jitter(rng), f"OutgoingMessage(Queue='mp_[http]mp_{ep.lower()}', ID={mid}): Delivered "
               "successfully to host 'MP01.corp.contoso.com'.", comp, thread=thread)
        else:
            cm(ev, t, "Idle; no outgoing messages pending", comp, thread=thread)
        t += dt.timedelta(minutes=rng.randint(6, 38), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
        # On 23 Sep at 17:40 the laptop leaves the office: from then on it uses the CMG.
        if T(2024, 9, 23, 17, 40) <= t < T(2024, 9, 23, 17, 50):
            t = T(2024, 9, 23, 18, 2, 51, 880000)
            break
    cm(ev, t, "Client is on internet; messages are sent through the cloud management gateway", comp, thread=thread)
    t += dt.timedelta(seconds=31)
    while t < end:
        mid = guid(rng, braces=True)
        cm(ev, t, f"Sending async message '{mid}' to outgoing queue 'mp_[http]mp_statusreceiver'", comp,
           thread=thread)
        url = f"{CMG_MUTUAL}/ccm_system/request"
        tt = t + jitter(rng, 200, 700)
        cm(ev, tt, R_ASYNC, comp, thread=thread)
        cm(ev, tt, R_SECURE, comp, typ=3, thread=thread)
        cm(ev, tt, R_LEN, comp, thread=thread)
        cm(ev, tt, R_INFO.format(0x8), comp, thread=thread)
        cm(ev, tt, R_FLAG.format("INVALID_CA"), comp, typ=3, thread=thread, mark=fail(labels["INVALID_CA"]))
        tt += jitter(rng, 5, 40)
        cm(ev, tt, R_12175.format(url, 1986), comp, typ=3, thread=thread, mark=fail("cm.ccmhttp.secure-failure"))
        cm(ev, tt + jitter(rng), f"Post to {url} failed with 0x87d00215.", comp, typ=3, thread=thread)
        cm(ev, tt + jitter(rng, 900, 1500), f"OutgoingMessage(Queue='mp_[http]mp_statusreceiver', ID={mid}): "
           "Failed to deliver; will retry.", comp, typ=2, thread=thread)
        t += dt.timedelta(minutes=rng.randint(50, 70), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
    cm_flush(s, ev, 300)
    return s


def build_client_name_mismatch():
    s = Sample(
        "configmgr/client/name-mismatch/DataTransferService.log", "cmtrace",
        "KB4495265 case (Central time, December 2018): the CMG, a cloud DP too, has a third-party "
        "certificate for contosocmg.contoso.com; content downloads go to contosocmg.cloudapp.net and "
        "fail on CERT_CN_INVALID",
        "cm.client.name-mismatch, confidence high (flag and the cloudapp.net download within a minute)")
    rng = random.Random(4103)
    ev = Events()
    comp = "DataTransferService"
    start, end = T(2018, 12, 28, 9, 0, 4, 512000), T(2018, 12, 28, 20, 30)
    # Ordinary downloads from the on-premises DP in the morning (synthetic).
    t = start
    n = 0
    while t < T(2018, 12, 28, 15, 50):
        th = rng.choice([3544, 3544, 6612, 2264])
        job = guid(rng, braces=True)
        pkg = f"PS1000{rng.randint(10, 99):02d}"
        cm(ev, t, f"DTSJob {job} created to download from 'http://DP01.corp.contoso.com:80/SMS_DP_SMSPKG$/{pkg}' "
           f"to 'C:\\Windows\\ccmcache\\{n:x}'.", comp, thread=th)
        cm(ev, t + jitter(rng), f"DTSJob {job} in state 'DownloadingManifest'.", comp, thread=th)
        cm(ev, t + dt.timedelta(seconds=2), f"DTSJob {job} in state 'PendingDownload'.", comp, thread=th)
        cm(ev, t + dt.timedelta(seconds=rng.randint(20, 200)), f"DTSJob {job} in state 'DownloadingData'.", comp,
           thread=th)
        cm(ev, t + dt.timedelta(seconds=rng.randint(220, 600)), f"DTSJob {job} successfully completed download.",
           comp, thread=th)
        n += 1
        t += dt.timedelta(minutes=rng.randint(3, 14), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
    # 16:06 local: on the internet, downloads from the CMG cloud DP by its cloudapp.net name.
    t = T(2018, 12, 28, 16, 6, 39, 334000)
    for i in range(5):
        th = 3544
        job = guid(rng, braces=True)
        tid = guid(rng)
        st = t + dt.timedelta(minutes=360)
        et = st + dt.timedelta(hours=8)
        url = ("https://contosocmg.cloudapp.net:443/downloadrestservice.svc/getcontentxmlsecure?pid=PS100052&"
               f"cid=PS100052&tid=GUID:{tid}&iss={INTRANET_MP}&alg=1.2.840.113549.1.1.11&"
               f"st={st:%Y-%m-%dT%H:%M:%S}&et={et:%Y-%m-%dT%H:%M:%S}")
        cm(ev, t - dt.timedelta(milliseconds=120), f"DTSJob {job} created to download from "
           "'https://contosocmg.cloudapp.net:443/downloadrestservice.svc/getcontentxmlsecure?pid=PS100052&cid=PS100052' "
           "to 'C:\\Windows\\ccmcache\\1a'.", comp, thread=th)
        cm(ev, t, R_DTS_TARGET.format(url), comp, thread=th, mark=fail("cm.dts.cmg-cloudapp-target"))
        tt = t + dt.timedelta(milliseconds=57)
        cm(ev, tt, R_SECURE, comp, typ=3, thread=th)
        cm(ev, tt, R_FLAG_PADDED.format("CERT_CN_INVALID"), comp, typ=3, thread=th,
           mark=fail("cm.ccmhttp.cert-cn-invalid"))
        cm(ev, tt + jitter(rng, 10, 90), f"DTSJob {job} in state 'RetryingManifest'.", comp, typ=2, thread=th)
        t += dt.timedelta(minutes=rng.randint(58, 66), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
    cm_flush(s, ev, 360)
    return s


def ccmsetup_start(ev, rng, t, comp, thread, cmdline):
    cm(ev, t, f"==========[ ccmsetup started in process {thread} ]==========", comp, thread=thread)
    cm(ev, t, "Running on platform X64", comp, thread=thread)
    cm(ev, t + jitter(rng), "Updated security on object C:\\Windows\\ccmsetup\\.", comp, thread=thread)
    cm(ev, t + jitter(rng), "Launch from folder C:\\Windows\\ccmsetup\\", comp, thread=thread)
    cm(ev, t + jitter(rng), "CcmSetup version: 5.0.8740.1000", comp, thread=thread)
    cm(ev, t + jitter(rng, 900, 1500), f"Command line: {cmdline}", comp, thread=thread)
    cm(ev, t + jitter(rng, 1500, 1900), "SslState value: 224", comp, thread=thread)
    cm(ev, t + jitter(rng, 1900, 2500), "CCMHTTPPORT:    80", comp, thread=thread)
    cm(ev, t + jitter(rng, 1900, 2500), "CCMHTTPSPORT:    443", comp, thread=thread)
    cm(ev, t + jitter(rng, 2500, 2900), "Config file:      ", comp, thread=thread)
    cm(ev, t + jitter(rng, 2500, 2900), "Retry time:       10 minute(s)", comp, thread=thread)
    cm(ev, t + jitter(rng, 2500, 2900), "MSI log file:     C:\\Windows\\ccmsetup\\Logs\\client.msi.log", comp,
       thread=thread)
    cm(ev, t + jitter(rng, 2900, 3300), "Checking Write Filter Status.", comp, thread=thread)
    cm(ev, t + jitter(rng, 2900, 3300), "This is not a supported write filter device. We are not in a write "
       "filter maintenance mode.", comp, thread=thread)


MSI_ACTIONS = [
    ("INSTALL", ""), ("AppSearch", "Searching for installed applications"), ("LaunchConditions",
    "Evaluating launch conditions"), ("CcmDetectInstallMode", ""), ("CostInitialize", "Computing space requirements"),
    ("FileCost", "Computing space requirements"), ("CostFinalize", "Computing space requirements"),
    ("InstallValidate", "Validating install"), ("CcmStopService", "Stopping the SMS Agent Host service"),
    ("InstallInitialize", ""), ("RemoveExistingProducts", "Removing applications"),
    ("CcmRegisterWinTask", "Registering the client tasks"), ("InstallFiles", "Copying new files"),
    ("CcmRegisterPerfCounters", "Registering performance counters"), ("WriteRegistryValues", "Writing system registry values"),
    ("CcmCompileMofFiles", "Compiling MOF files"), ("CcmRegisterComponents", "Registering client components"),
    ("InstallServices", "Installing new services"), ("StartServices", "Starting services"),
    ("CcmSetServiceConfig", "Configuring the SMS Agent Host service"), ("InstallFinalize", ""),
]


def ccmsetup_success_run(ev, rng, t, comp, thread, source):
    """An earlier, successful ccmsetup run (ccmsetup.log keeps the history of its runs)."""
    ccmsetup_start(ev, rng, t, comp, thread, f'"C:\\Windows\\ccmsetup\\ccmsetup.exe" /mp:{source} SMSSiteCode=PS1')
    t += dt.timedelta(seconds=4)
    cm(ev, t, f"Downloading file {source}/CCM_Client/ccmsetup.cab", comp, thread=thread)
    t += jitter(rng, 300, 900)
    cm(ev, t, "Downloaded file ccmsetup.cab (21520 bytes)", comp, thread=thread)
    cm(ev, t, "C:\\Windows\\ccmsetup\\ccmsetup.cab is Microsoft trusted.", comp, thread=thread)
    cm(ev, t + jitter(rng), "Successfully extracted manifest file C:\\Windows\\ccmsetup\\ccmsetup.xml from file "
       "C:\\Windows\\ccmsetup\\ccmsetup.cab.", comp, thread=thread)
    for f in ["vcredist_x64.exe", "vcredist_x86.exe", "windowsupdateagent30-x64.exe", "MicrosoftPolicyPlatformSetup.msi",
              "WindowsFirewallConfigurationProvider.msi", "ClientUX.msi", "client.msi"]:
        t += dt.timedelta(seconds=rng.randint(1, 9), milliseconds=rng.randint(0, 999))
        cm(ev, t, f"Downloading file {source}/CCM_Client/x64/{f}", comp, thread=thread)
        t += dt.timedelta(seconds=rng.randint(1, 20), milliseconds=rng.randint(0, 999))
        cm(ev, t, f"Downloaded file {f} ({rng.randint(200000, 9000000)} bytes)", comp, thread=thread)
    for f in ["Microsoft Visual C++ 2013 Redistributable (x64)", "Microsoft Visual C++ 2013 Redistributable (x86)",
              "Microsoft Policy Platform", "Windows Firewall Configuration Provider"]:
        t += dt.timedelta(seconds=rng.randint(2, 30), milliseconds=rng.randint(0, 999))
        cm(ev, t, f"Checking prerequisite: {f}", comp, thread=thread)
        cm(ev, t + jitter(rng), f"Installing '{f}'", comp, thread=thread)
        t += dt.timedelta(seconds=rng.randint(5, 40))
        cm(ev, t, f"'{f}' installed successfully.", comp, thread=thread)
    t += dt.timedelta(seconds=3)
    cm(ev, t, "Installing file 'C:\\Windows\\ccmsetup\\client.msi' with options 'CCMSETUPCMD=\"/mp:" + source +
       ' SMSSiteCode=PS1" REINSTALL=ALL REINSTALLMODE=vmous"', comp, thread=thread)
    for action, desc in MSI_ACTIONS:
        t += dt.timedelta(seconds=rng.randint(0, 14), milliseconds=rng.randint(0, 999))
        cm(ev, t, f"MSI: Action {t:%H:%M:%S}: {action}. {desc}".rstrip(". ").rstrip() + ("." if desc else ""), comp,
           thread=thread)
        if action == "InstallFiles":
            for i in range(rng.randint(18, 26)):
                t += dt.timedelta(milliseconds=rng.randint(40, 900))
                cm(ev, t, f"MSI: File: {rng.choice(['ccmexec', 'ccmcore', 'ccmutillib', 'policyagent', 'locationservices', 'ccmmessaging', 'datatransferservice', 'statusagent', 'ccmsdkprovider', 'ccmperf', 'execmgr', 'scanagent'])}"
                   f"{rng.randint(1, 9)}.dll,  Directory: C:\\Windows\\CCM\\,  Size: {rng.randint(40000, 3000000)}",
                   comp, thread=thread)
    t += dt.timedelta(seconds=rng.randint(5, 20))
    cm(ev, t, "Installation succeeded. Windows Installer has requested a reboot: no", comp, thread=thread)
    cm(ev, t + jitter(rng), "Client installation succeeded.", comp, thread=thread)
    cm(ev, t + jitter(rng, 900, 1900), "Deleted file C:\\Windows\\ccmsetup\\ccmsetup.cab", comp, thread=thread)
    cm(ev, t + jitter(rng, 1900, 2900), f"CcmSetup is exiting with return code 0", comp, thread=thread)
    return t


def build_client_no_pki():
    s = Sample(
        "configmgr/client/no-pki-cert/ccmsetup.log", "cmtrace",
        "KB4495265 case (London, February 2019): ccmsetup on an internet client downloads the client "
        "files from the CMG cloud DP (contosocmg.cloudapp.net); CCM_E_NO_CLIENT_PKI_CERT, then "
        "0x87d00454, then CERT_CN_INVALID, on every 10-minute retry",
        "cm.client.no-pki-cert, confidence high (then 0x87d00454 within a minute); also "
        "cm.client.name-mismatch, high (the same article's CN_INVALID lines, a second after 'is on Azure')")
    rng = random.Random(4104)
    ev = Events()
    comp, thread = "ccmsetup", 8548
    cmg_mp = "https://contosocmg.contoso.com/CCM_PROXY_MUTUALAUTH/72057594037938216"
    cmd = ('"C:\\Windows\\ccmsetup\\ccmsetup.exe" /mp:https://contosocmg.contoso.com/CCM_Proxy_MutualAuth/'
           '72057594037938216 CCMHOSTNAME=contosocmg.contoso.com/CCM_Proxy_MutualAuth/72057594037938216 '
           'SMSSiteCode=PS1 /UsePKICert')
    ccmsetup_success_run(ev, rng, T(2018, 11, 2, 9, 40, 30, 117000), comp, 6904, "https://MP01.corp.contoso.com")
    t = T(2019, 2, 19, 13, 41, 12, 640000)
    ccmsetup_start(ev, rng, t, comp, thread, cmd)
    t += dt.timedelta(seconds=4)
    cm(ev, t, "Client is on internet", comp, thread=thread)
    cm(ev, t + jitter(rng), "Begin searching client certificates based on Certificate Issuers", comp, thread=thread)
    cm(ev, t + jitter(rng, 900, 1400), "Certificate Issuer 1 [CN=Contoso Issuing CA 01; DC=corp; DC=contoso; DC=com]",
       comp, thread=thread)
    cm(ev, t + jitter(rng, 1400, 1900), "Based on Certificate Issuer 'Contoso Issuing CA 01' found Certificate "
       "[none]", comp, typ=2, thread=thread)
    cm(ev, t + jitter(rng, 1900, 2400), "Completed searching client certificates based on Certificate Issuers",
       comp, thread=thread)
    cm(ev, t + jitter(rng, 2400, 2900), "Unable to find PKI Certificate matching SCCM certificate selection "
       "criteria. 0x87d00280", comp, typ=2, thread=thread)
    t += dt.timedelta(seconds=5)
    pid = "PS1002B9"
    remote = f"https://contosocmg.cloudapp.net/downloadrestservice.svc/getcontentxmlsecure?pid={pid}&cid={pid}"
    for attempt in range(16):
        t0 = t
        cm(ev, t0, "Downloading file ccmsetup.cab", comp, thread=thread)
        cm(ev, t0 + jitter(rng), R_FOUND_MP.format(cmg_mp), comp, thread=thread)
        t1 = t0 + dt.timedelta(seconds=2, milliseconds=rng.randint(0, 999))
        cm(ev, t1, R_FOUND_REMOTE.format(remote), comp, thread=thread)
        cm(ev, t1, R_ON_AZURE.format(remote), comp, thread=thread)
        cm(ev, t1, R_NO_LOCAL_DP, comp, thread=thread)
        cm(ev, t1, R_NO_PKI.format(remote), comp, typ=3, thread=thread, mark=fail("cm.ccmhttp.no-client-pki-cert"))
        cm(ev, t1, R_DIRLIST, comp, typ=3, thread=thread, mark=fail("cm.ccmsetup.directory-list-87d00454"))
        cm(ev, t1, R_DIRLIST_FROM.format(remote), comp, typ=3, thread=thread)
        cm(ev, t1, R_WEBDAV, comp, typ=3, thread=thread)
        cm(ev, t1, R_CHECK_URL.format(remote), comp, typ=3, thread=thread)
        t2 = t1 + dt.timedelta(seconds=1, milliseconds=rng.randint(0, 500))
        cm(ev, t2, R_SECURE, comp, typ=3, thread=thread)
        cm(ev, t2, R_FLAG_PADDED.format("CERT_CN_INVALID"), comp, typ=3, thread=thread,
           mark=fail("cm.ccmhttp.cert-cn-invalid"))
        cm(ev, t2 + jitter(rng), "Failed to find a location to download ccmsetup.cab from. Next retry in "
           "10 minute(s)...", comp, typ=3, thread=thread)
        t = t2 + dt.timedelta(minutes=10, milliseconds=rng.randint(0, 400))
    cm_flush(s, ev, 0)
    return s


def build_client_healthy():
    s = Sample(
        "configmgr/client/healthy/LocationServices.log", "cmtrace",
        "healthy internet-based client (Los Angeles, PDT), July 2025: MP list and DP lookups through "
        "the CMG; a 12029 on the intranet MP and a 404 while roaming; no certificate failure",
        "none")
    rng = random.Random(4105)
    ev = Events()
    comp, thread = "LocationServices", 5208
    start, end = T(2025, 7, 7, 6, 31, 9, 707000), T(2025, 7, 8, 21, 10)
    windows = []
    # Token requests that succeed (synthetic).
    t = T(2025, 7, 7, 8, 0, 14, 221000)
    while t < end:
        cm(ev, t, f"Getting the token from {CMG_STS}", comp, thread=thread)
        cm(ev, t + jitter(rng, 300, 900), "Received a CCM token from the token service; it expires in 8 hours", comp,
           thread=thread)
        windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
        t += dt.timedelta(hours=8, minutes=rng.randint(0, 3), seconds=rng.randint(0, 59))
    # A 404 on a stale URL while roaming: an ordinary CCMHTTP error that is no certificate failure.
    t = T(2025, 7, 8, 10, 47, 31, 904000)
    u = f"{CMG_MUTUAL}/SMS_MP/.sms_aut?MPLOCATION&ir=10.44.0.117&ip=10.44.0.0&im=&IPv6=&IPv6Pre=&isinternet=1"
    cm(ev, t, R_BAD_STATUS.format(u), comp, typ=3, thread=thread, mark=trap("a CCMHTTP error without 12175"))
    cm(ev, t, "[CCMHTTP] ERROR INFO: StatusCode=404 StatusText=Not Found", comp, typ=3, thread=thread,
       mark=trap("an ERROR INFO status line that is not a CMG status"))
    cm(ev, t + jitter(rng), "Failed to retrieve the management point location for the current network; using "
       "the management point list", comp, typ=2, thread=thread)
    windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
    # The verbose callback of a successful TLS session, for contrast (no flag line).
    t = T(2025, 7, 8, 12, 2, 6, 33000)
    cm(ev, t, "[CCMHTTP] AsyncCallback(): WINHTTP_CALLBACK_STATUS_SENDING_REQUEST", comp, thread=thread,
       mark=trap("an AsyncCallback line that is not SECURE_FAILURE"))
    windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
    ls_chatter(ev, rng, start, end, comp, thread, windows,
               intranet_probe_mark="a CCMHTTP error with another WinHTTP code (12029)")
    cm_flush(s, ev, 420)
    return s


# ==================================================================================================
# Cloud management gateway
# ==================================================================================================

CP_COMP = "SMS_CLOUD_PROXYCONNECTOR"
CMG2 = "cmgsccm.contoso.com"
CMG2_ID = "72057594037927941"
CMG2_MUTUAL = f"https://{CMG2}/CCM_PROXY_MUTUALAUTH/{CMG2_ID}"
MP_HTTPS = "https://MP01.corp.contoso.com"


def cp_cert_filter(ev, rng, t, thread, auth, mark=None):
    """The verbose certificate filter of SMS_Cloud_ProxyConnector.log (KB4503442)."""
    sig, root, key = 7, 3, 3
    sms(ev, t, R_FILTER[0].format(sig=sig), CP_COMP, thread)
    for kind in ["Not allowed cert", "Not allowed cert", "No private key cert", "Not allowed cert"]:
        sms(ev, t, f"{kind}: {thumb(rng)}", CP_COMP, thread)
    sms(ev, t, R_FILTER[1].format(root=root), CP_COMP, thread)
    sms(ev, t, R_FILTER[2].format(key=key), CP_COMP, thread)
    for _ in range(3 - auth):
        sms(ev, t, f"Not client auth cert: {thumb(rng)}", CP_COMP, thread)
    sms(ev, t, R_FILTER[3].format(auth=auth), CP_COMP, thread, mark=mark)
    sms(ev, t + jitter(rng, 2, 30), R_MAINTAIN, CP_COMP, thread)


def cp_chatter(ev, rng, start, end, thread, auth, windows, filter_mark=None):
    t = start
    while t < end:
        if not busy(t, windows):
            r = rng.random()
            if r < 0.45:
                cp_cert_filter(ev, rng, t, thread, auth, mark=filter_mark)
            elif r < 0.75:
                sms(ev, t, f"Connection to {CMG2} is healthy; 2 of 2 TCP connections open", CP_COMP, thread)
            else:
                sms(ev, t, f"Sent heartbeat to {CMG2} on connection {rng.randint(1, 2)}", CP_COMP, thread)
        t += dt.timedelta(minutes=rng.randint(4, 9), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))


def ls_cmg_requests(ev, rng, t, comp, thread, n, every_min, status_line, label, ok=False):
    """A client asking the CMG for the site signing certificate and the MP list."""
    for i in range(n):
        q = rng.choice(["SITESIGNCERT", "MPLIST2&PS1", "MPKEYINFORMATIONEX"])
        u = f"{CMG2_MUTUAL}/SMS_MP/.sms_aut?{q}"
        if ok:
            cm(ev, t, f"Retrieved {q.split('&')[0]} from {CMG2_MUTUAL}", comp, thread=thread)
        else:
            cm(ev, t, R_BAD_STATUS.format(u), comp, typ=3, thread=thread)
            cm(ev, t, status_line, comp, typ=3, thread=thread, mark=fail(label))
            cm(ev, t + jitter(rng), f"Failed to send request to {CMG2_MUTUAL}; will retry", comp, typ=2,
               thread=thread)
        t += dt.timedelta(minutes=every_min, seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
    return t


def build_cmg_ccr():
    client = Sample(
        "configmgr/cmg/client-cert-required/LocationServices.log", "cmtrace",
        "internet client (Seattle, PDT), June 2024: every request through the CMG answered "
        "403 CMGConnector_Clientcertificaterequired",
        "cm.cmg.client-cert-required (with the connector log: confidence high)")
    proxy = Sample(
        "configmgr/cmg/client-cert-required/SMS_Cloud_ProxyConnector.log", "sms-trace",
        "the CMG connection point (CMGCP01, verbose logging) of the same site and hours: no client "
        "authentication certificate ('Filtered cert count with client auth: 0'); the HTTPS MP answers "
        "403 CMGConnector_Clientcertificaterequired",
        "cm.cmg.client-cert-required, confidence high (connector 403 and the filter line)")
    rng = random.Random(4201)
    ev = Events()
    comp, thread = "LocationServices", 6104
    start, end = T(2024, 6, 10, 15, 15, 40, 118000), T(2024, 6, 11, 16, 55)
    t0 = T(2024, 6, 11, 9, 2, 17, 402000)
    ls_cmg_requests(ev, rng, t0, comp, thread, 14, 30, R_CCR, "cm.ccmhttp.cmg-client-cert-required")
    ls_chatter(ev, rng, start, end, comp, thread, [], broken_from=t0, cmg_mutual=CMG2_MUTUAL)
    cm_flush(client, ev, 420)

    ev = Events()
    thread = 5432
    windows = []
    t = T(2024, 6, 11, 9, 2, 16, 970000)
    for i in range(12):
        for q in ["SITESIGNCERT", "MPLIST2&CM1"]:
            mid = guid(rng)
            u = f"{MP_HTTPS}/SMS_MP/.sms_aut?{q}"
            sms(ev, t, R_FWD.format(mid, u), CP_COMP, thread)
            tt = t + jitter(rng, 30, 120)
            sms(ev, tt, R_WEBEX.format(mid), CP_COMP, thread)
            sms(ev, tt, R_RECV_CCR.format(u, mid), CP_COMP, thread, mark=fail("cm.cmg.connector-client-cert-required"))
            t += dt.timedelta(seconds=rng.randint(2, 20), milliseconds=rng.randint(0, 999))
        windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
        t += dt.timedelta(minutes=rng.randint(28, 33), seconds=rng.randint(0, 59))
    cp_chatter(ev, rng, T(2024, 6, 11, 7, 1, 3, 516000), T(2024, 6, 11, 17, 0), 5116, 0, windows,
               filter_mark=fail("cm.cmg.connector-no-client-auth-cert"))
    sms_flush(proxy, ev, 420)
    # Keep the README short: list only the first few filter lines.
    keep = 0
    marks = []
    for m in proxy.marks:
        if m["label"] == "cm.cmg.connector-no-client-auth-cert":
            keep += 1
            if keep > 3:
                continue
        marks.append(m)
    proxy.elided = sum(1 for m in proxy.marks if m["label"] == "cm.cmg.connector-no-client-auth-cert") - 3
    proxy.marks = marks
    return [client, proxy]


def build_cmg_forbidden():
    s = Sample(
        "configmgr/cmg/forbidden/LocationServices.log", "cmtrace",
        "internet client (Denver, MST), March 2025: the MP was switched from HTTPS to enhanced HTTP at "
        "about 13:00; from then on requests through the CMG are answered 403 CMGConnector_Forbidden",
        "cm.cmg.forbidden")
    rng = random.Random(4202)
    ev = Events()
    comp, thread = "LocationServices", 7016
    start, end = T(2025, 3, 4, 7, 48, 2, 12000), T(2025, 3, 5, 9, 30)
    windows = []
    t0 = T(2025, 3, 4, 8, 30, 5, 300000)
    t1 = ls_cmg_requests(ev, rng, t0, comp, thread, 9, 30, None, None, ok=True)
    t1 = T(2025, 3, 4, 13, 11, 42, 619000)
    ls_cmg_requests(ev, rng, t1, comp, thread, 20, 60, R_FORBIDDEN, "cm.ccmhttp.cmg-forbidden")
    ls_chatter(ev, rng, start, end, comp, thread, [], broken_from=t1, cmg_mutual=CMG2_MUTUAL)
    cm_flush(s, ev, 420)
    return s


def build_cmg_token():
    setup = Sample(
        "configmgr/cmg/token-expired/ccmsetup.log", "cmtrace",
        "internet client (Seattle, PDT), October 2020, reinstalled with an expired bulk registration "
        "token: ServiceMetadata through the CMG answered 401 CMGService_Invalid_Token on every retry",
        "cm.cmg.token-expired (with CCM_STS.log: confidence high)")
    sts = Sample(
        "configmgr/cmg/token-expired/CCM_STS.log", "cmtrace",
        "the management point's token service (MP01, PDT) at the same time: PreAuth token validation "
        "failed, IDX10223 (a multi-line record with ValidTo and Current time)",
        "cm.cmg.token-expired, confidence high")
    rng = random.Random(4203)
    ev = Events()
    comp, thread = "ccmsetup", 2756
    url = "https://CMGSERVER.CLOUDAPP.NET/CCM_Proxy_ServerAuth/ServiceMetadata"
    cmd = ('"C:\\Windows\\ccmsetup\\ccmsetup.exe" /mp:https://CMGSERVER.CLOUDAPP.NET/CCM_Proxy_MutualAuth/'
           '72057594037927939 CCMHOSTNAME=CMGSERVER.CLOUDAPP.NET/CCM_Proxy_MutualAuth/72057594037927939 '
           'SMSSiteCode=PS1 /regtoken:eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6Ik...')
    ccmsetup_success_run(ev, rng, T(2020, 3, 9, 10, 12, 5, 602000), comp, 5520, "https://MP01.corp.contoso.com")
    t = T(2020, 10, 28, 5, 54, 48, 227000)
    ccmsetup_start(ev, rng, t, comp, thread, cmd)
    t += dt.timedelta(seconds=5)
    cm(ev, t, "Client is on internet", comp, thread=thread)
    cm(ev, t + jitter(rng), "Using provided bulk registration token", comp, thread=thread)
    t = T(2020, 10, 28, 6, 5, 4, 881000)
    times = []
    for attempt in range(18):
        cm(ev, t, f"Getting service metadata from {url}", comp, thread=thread)
        tt = t + jitter(rng, 200, 500)
        cm(ev, tt, R_TOKEN_URL.format(url), comp, typ=3, thread=thread)
        cm(ev, tt, R_TOKEN, comp, typ=3, thread=thread, mark=fail("cm.ccmhttp.cmg-invalid-token"))
        cm(ev, tt + jitter(rng), "Failed to get service metadata (0x87d0027e). Next retry in 10 minute(s)...", comp,
           typ=3, thread=thread)
        times.append(tt)
        t += dt.timedelta(minutes=10, seconds=rng.randint(0, 2), milliseconds=rng.randint(0, 999))
    cm_flush(setup, ev, 420)

    ev = Events()
    comp = "CCM_STS"
    start, end = T(2020, 10, 28, 4, 0, 1, 17000), T(2020, 10, 28, 9, 30)
    windows = []
    for tt in times:
        ts = tt - dt.timedelta(milliseconds=rng.randint(80, 180))
        utc = ts + dt.timedelta(minutes=420)
        msg = R_STS.format("10/01/2020 22:03:24", f"{utc:%m/%d/%Y %H:%M:%S}")
        cm(ev, ts, msg, comp, typ=3, thread=rng.choice([17, 23, 41]),
           mark=fail("cm.sts.token-expired, cm.sts.token-valid-to"))
        windows.append((ts - dt.timedelta(seconds=30), ts + dt.timedelta(seconds=30)))
    t = start
    while t < end:
        if not busy(t, windows):
            th = rng.choice([17, 23, 41, 58])
            r = rng.random()
            if r < 0.6:
                cm(ev, t, f"Validated CCM token for client GUID:{guid(rng)}", comp, thread=th)
            elif r < 0.85:
                cm(ev, t, f"Issued CCM token for client GUID:{guid(rng)}; valid for 8 hours", comp, thread=th)
            else:
                cm(ev, t, "Token signing certificate is valid; thumbprint unchanged", comp, thread=th)
        t += dt.timedelta(seconds=rng.randint(8, 75), milliseconds=rng.randint(0, 999))
    cm_flush(sts, ev, 420)
    return [setup, sts]


def build_cmg_healthy():
    client = Sample(
        "configmgr/cmg/healthy/LocationServices.log", "cmtrace",
        "healthy internet client (Seattle, PDT), June 2024, after the connection point got its client "
        "authentication certificate: requests through the CMG succeed",
        "none")
    proxy = Sample(
        "configmgr/cmg/healthy/SMS_Cloud_ProxyConnector.log", "sms-trace",
        "the connection point of the same site, verbose: 'Filtered cert count with client auth: 1'; "
        "forwarded requests answered 200",
        "none")
    rng = random.Random(4204)
    ev = Events()
    comp, thread = "LocationServices", 6104
    start, end = T(2024, 6, 12, 7, 20, 31, 75000), T(2024, 6, 13, 17, 30)
    t0 = T(2024, 6, 13, 8, 40, 2, 111000)
    ls_cmg_requests(ev, rng, t0, comp, thread, 16, 30, None, None, ok=True)
    ls_chatter(ev, rng, start, end, comp, thread, [], cmg_mutual=CMG2_MUTUAL)
    cm_flush(client, ev, 420)

    ev = Events()
    thread = 5432
    windows = []
    t = T(2024, 6, 13, 8, 40, 1, 660000)
    for i in range(16):
        for q in ["SITESIGNCERT", "MPLIST2&CM1"]:
            mid = guid(rng)
            u = f"{MP_HTTPS}/SMS_MP/.sms_aut?{q}"
            sms(ev, t, R_FWD.format(mid, u), CP_COMP, thread)
            sms(ev, t + jitter(rng, 30, 120), f"Received response {u} for message {mid}: HTTP/1.1 200 OK", CP_COMP,
                thread, mark=trap("'Received response … HTTP/1.1' with 200"))
            t += dt.timedelta(seconds=rng.randint(2, 20), milliseconds=rng.randint(0, 999))
        windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
        t += dt.timedelta(minutes=rng.randint(28, 33), seconds=rng.randint(0, 59))
    cp_chatter(ev, rng, T(2024, 6, 13, 7, 5, 44, 201000), T(2024, 6, 13, 17, 30), 5116, 1, windows,
               filter_mark=trap("'Filtered cert count with client auth:' with 1"))
    sms_flush(proxy, ev, 420)
    for s in (proxy,):
        traps = [m for m in s.marks if m["kind"] == "trap"]
        seen = {}
        kept = []
        for m in s.marks:
            seen[m["label"]] = seen.get(m["label"], 0) + 1
            if seen[m["label"]] <= 2:
                kept.append(m)
        s.marks = kept
        s.elided = len(traps) - len(kept)
    return [client, proxy]


# ==================================================================================================
# IIS W3C logs (UTC)
# ==================================================================================================

FIELDS_DEFAULT = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                  "cs(Referer) sc-status sc-substatus sc-win32-status time-taken")
FIELDS_BYTES = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                "cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken")


class Iis:
    def __init__(self, sample, fields, software="Microsoft Internet Information Services 10.0"):
        self.s = sample
        self.fields = fields
        self.software = software
        self.items = []  # (t, seq, kind, payload, mark)

    def req(self, t, vals, mark=None):
        self.items.append((t, len(self.items), "req", vals, mark))

    def header(self, t):
        self.items.append((t, len(self.items), "hdr", None, None))

    def flush(self):
        for t, _, kind, vals, mark in sorted(self.items, key=lambda e: (e[0], e[1])):
            if kind == "hdr":
                self.s.add(f"#Software: {self.software}")
                self.s.add("#Version: 1.0")
                self.s.add(f"#Date: {t:%Y-%m-%d %H:%M:%S}")
                self.s.add(f"#Fields: {self.fields}")
                continue
            self.s.record_time(t)
            cols = [f"{t:%Y-%m-%d}", f"{t:%H:%M:%S}"] + [vals[name] for name in self.fields.split()[2:]]
            line = " ".join(cols)
            if mark:
                mark = dict(mark, written=f"{t:%Y-%m-%d %H:%M:%S}", utc=iso_ms(t.replace(microsecond=0)),
                            text=" ".join(cols[2:]))
            self.s.add(line, mark)


def iis_vals(s_ip, method, stem, query, port, ip, ua, status, sub, win32, taken, nbytes=None, user="-"):
    v = {"s-ip": s_ip, "cs-method": method, "cs-uri-stem": stem, "cs-uri-query": query or "-",
         "s-port": str(port), "cs-username": user, "c-ip": ip, "cs(User-Agent)": ua, "cs(Referer)": "-",
         "sc-status": str(status), "sc-substatus": str(sub), "sc-win32-status": str(win32),
         "time-taken": str(taken)}
    v["sc-bytes"] = str(nbytes if nbytes is not None else 0)
    return v


MP_IP = "10.0.1.20"


def mp_traffic(log, rng, start, end, clients, rate_s, fail_fn=None, https_only=True):
    """Ordinary management point traffic from many clients; `fail_fn(ip, t)` may turn a client's
    certificate-authenticated request into (status, sub, win32)."""
    t = start
    while t < end:
        ip = rng.choice(clients)
        r = rng.random()
        if r < 0.42:
            method, stem, query, ua = "CCM_POST", "/ccm_system/request", None, "ccmhttp"
        elif r < 0.55:
            method, stem, query, ua = "GET", "/SMS_MP/.sms_aut", "MPLIST", "SMS+CCM+5.0"
        elif r < 0.63:
            method, stem, query, ua = "GET", "/SMS_MP/.sms_aut", "MPKEYINFORMATIONEX", "SMS+CCM+5.0"
        elif r < 0.70:
            method, stem, query, ua = "GET", "/SMS_MP/.sms_aut", "SITESIGNCERT", "SMS+CCM+5.0"
        elif r < 0.86:
            method, stem = "GET", "/SMS_MP/.sms_pol"
            query = f"{guid(rng)}.{rng.randint(1, 9)}_00.SHA256:{thumb(rng)[:32]}"
            ua = "ccmhttp"
        elif r < 0.93:
            method, stem, query, ua = "CCM_POST", "/ccm_system_windowsauth/request", None, "ccmhttp"
        else:
            method, stem, query, ua = "GET", "/SMS_MP/.sms_aut", "MPLIST", "SMS_MP_CONTROL_MANAGER"
            ip = "::1"
        port = 443
        outcome = fail_fn(ip, t, stem) if (fail_fn and ip != "::1") else None
        if outcome:
            status, sub, win32, mark = outcome
            log.req(t, iis_vals(MP_IP if ip != "::1" else "::1", method, stem, query, port, ip, ua, status, sub,
                                win32, rng.randint(0, 15), nbytes=rng.randint(1200, 1400)), mark)
        elif stem == "/ccm_system_windowsauth/request":
            log.req(t, iis_vals(MP_IP, method, stem, query, port, ip, ua, 401, 2, 5, rng.randint(0, 3),
                                nbytes=rng.randint(1250, 1350)))
            t2 = t + dt.timedelta(seconds=rng.randint(0, 1))
            log.req(t2, iis_vals(MP_IP, method, stem, query, port, ip, ua, 200, 0, 0, rng.randint(15, 120),
                                 nbytes=rng.randint(600, 2400), user=f"CORP\\{ip_host(ip)}$"))
        else:
            log.req(t, iis_vals(MP_IP if ip != "::1" else "::1", method, stem, query, port, ip, ua, 200, 0, 0,
                                rng.randint(0, 90), nbytes=rng.randint(300, 9000)))
        t += dt.timedelta(seconds=rng.randint(1, 2 * rate_s))


def ip_host(ip):
    return "LT-" + ip.split(".")[-1].zfill(4)


def build_iis_ccr():
    s = Sample(
        "iis/mp-client-cert-required/u_ex240611.log", "iis-w3c (UTC, with sc-bytes)",
        "HTTPS management point MP01, 11 June 2024 (UTC): the CMG connection point 10.0.2.15 calls "
        "/SMS_MP/.sms_aut without a client certificate and gets 403 7 every half hour (the KB4503442 "
        "line); ordinary client traffic around it; IIS restarted at 12:04 (a second header block)",
        "iis.client-cert-rejected, confidence high (403.7 three times or more)", encoding="utf-8")
    rng = random.Random(4301)
    log = Iis(s, FIELDS_BYTES)
    log.header(T(2024, 6, 11, 0, 0, 3))
    log.header(T(2024, 6, 11, 12, 4, 51))
    clients = [f"10.20.{rng.randint(1, 9)}.{rng.randint(2, 254)}" for _ in range(60)]
    mp_traffic(log, rng, T(2024, 6, 11, 0, 0, 3), T(2024, 6, 11, 23, 59, 50), clients, 45)
    t = T(2024, 6, 11, 16, 2, 17)
    for i in range(14):
        for q in ["SITESIGNCERT", "MPLIST2&CM1"]:
            log.req(t, iis_vals(MP_IP, "GET", "/SMS_MP/.sms_aut", q, 443, "10.0.2.15", "SMS+CCM+5.0", 403, 7, 0,
                                rng.randint(5, 20), nbytes=5573),
                    fail("iis.client-cert-403 (403.7)"))
            t += dt.timedelta(seconds=rng.randint(2, 20))
        t += dt.timedelta(minutes=rng.randint(28, 33), seconds=rng.randint(0, 59))
    log.flush()
    return s


def build_iis_untrusted():
    s = Sample(
        "iis/mp-client-cert-untrusted/u_ex250304.log", "iis-w3c (UTC)",
        "HTTPS management point MP01, 4 March 2025 (UTC): at 14:20 an intermediate CA certificate is "
        "imported into the MP's Trusted Root store (KB2802568); from then on clients' "
        "certificate-authenticated requests get 403 16 (sc-win32-status 2148204809 = 0x800B0109), "
        "some 403 7",
        "iis.client-cert-rejected, confidence high (403.16)", encoding="utf-8")
    rng = random.Random(4302)
    log = Iis(s, FIELDS_DEFAULT)
    log.header(T(2025, 3, 4, 0, 0, 1))
    clients = [f"10.20.{rng.randint(1, 9)}.{rng.randint(2, 254)}" for _ in range(80)]
    broken = T(2025, 3, 4, 14, 20, 0)

    def fails(ip, t, stem):
        if t < broken or stem == "/ccm_system_windowsauth/request":
            return None
        if rng.random() < 0.8:
            return (403, 16, 2148204809, fail("iis.client-cert-403 (403.16)"))
        return (403, 7, 0, fail("iis.client-cert-403 (403.7)"))

    mp_traffic(log, rng, T(2025, 3, 4, 0, 0, 1), T(2025, 3, 4, 17, 30), clients, 50, fail_fn=fails)
    log.flush()
    # The README lists the first failures only.
    first = [m for m in s.marks if m["kind"] == "failure"]
    s.elided = max(0, len(first) - 12)
    s.marks = first[:12]
    return s


def build_iis_expired_revoked():
    s = Sample(
        "iis/client-cert-expired-revoked/u_ex250917.log", "iis-w3c (UTC)",
        "HTTPS management point MP01, 17 September 2025 (UTC): one laptop (10.20.4.71) presents an "
        "expired client certificate (403 17), another (10.20.7.12) a revoked one (403 13); all other "
        "clients are served",
        "iis.client-cert-rejected, confidence high (403.17 and 403.13)", encoding="utf-8")
    rng = random.Random(4303)
    log = Iis(s, FIELDS_DEFAULT)
    log.header(T(2025, 9, 17, 0, 0, 2))
    clients = [f"10.20.{rng.randint(1, 9)}.{rng.randint(2, 254)}" for _ in range(70)]
    clients += ["10.20.4.71"] * 3 + ["10.20.7.12"] * 2

    def fails(ip, t, stem):
        if stem == "/ccm_system_windowsauth/request":
            return None
        if ip == "10.20.4.71" and t >= T(2025, 9, 17, 6, 0):
            return (403, 17, 0, fail("iis.client-cert-403 (403.17)"))
        if ip == "10.20.7.12" and t >= T(2025, 9, 17, 9, 30):
            return (403, 13, 0, fail("iis.client-cert-403 (403.13)"))
        return None

    mp_traffic(log, rng, T(2025, 9, 17, 0, 0, 2), T(2025, 9, 17, 15, 0), clients, 60, fail_fn=fails)
    log.flush()
    return s


def build_iis_healthy():
    s = Sample(
        "iis/healthy/u_ex250917.log", "iis-w3c (UTC)",
        "healthy HTTPS management point MP02, 17 September 2025 (UTC): client traffic, Windows "
        "authentication challenges (401 2 5), a 404, a 403 4 (SSL required, a request on port 80), a "
        "304; no client certificate rejection",
        "none", encoding="utf-8")
    rng = random.Random(4304)
    log = Iis(s, FIELDS_DEFAULT)
    log.header(T(2025, 9, 17, 0, 0, 4))
    clients = [f"10.30.{rng.randint(1, 9)}.{rng.randint(2, 254)}" for _ in range(70)]
    mp_traffic(log, rng, T(2025, 9, 17, 0, 0, 4), T(2025, 9, 17, 15, 0), clients, 60)
    log.req(T(2025, 9, 17, 7, 12, 40), iis_vals(MP_IP, "GET", "/SMS_MP/.sms_aut", "MPLIST", 80, "10.30.4.18",
                                                  "SMS+CCM+5.0", 403, 4, 5, 1),
            trap("403 with another sub-status (403.4 SSL required)"))
    log.req(T(2025, 9, 17, 9, 3, 2), iis_vals(MP_IP, "GET", "/CCM_Client/ccmsetup.cab", None, 443, "10.30.2.99",
                                                "Microsoft+BITS/7.8", 304, 0, 0, 2),
            trap("a 304 for the client files"))
    log.req(T(2025, 9, 17, 11, 47, 5), iis_vals(MP_IP, "GET", "/SMS_MP/.sms_aut", "MPLIST3", 443, "10.30.6.41",
                                                  "SMS+CCM+5.0", 404, 0, 2, 3),
            trap("a 404 (no certificate involved)"))
    log.req(T(2025, 9, 17, 12, 30, 17), iis_vals(MP_IP, "CCM_POST", "/ccm_system/request", None, 443, "10.30.1.7",
                                                   "ccmhttp", 200, 0, 0, 17),
            trap("a 200 whose time-taken is 17"))
    log.flush()
    return s


# ==================================================================================================
# Out-of-band management (Intel AMT), ConfigMgr 2007 SP2
# ==================================================================================================

AMT_COMP = "SMS_AMT_OPERATION_MANAGER"


def amt_chatter(ev, rng, start, end, windows, machines):
    t = start
    while t < end:
        if not busy(t, windows):
            r = rng.random()
            if r < 0.35:
                sms(ev, t, "AMT Discovery Worker: Wakes up to process instruction files", AMT_COMP, 3904)
                sms(ev, t + jitter(rng), "AMT Discovery Worker: 0 task(s) are sent to the task pool successfully.",
                    AMT_COMP, 3904)
            elif r < 0.6:
                sms(ev, t, "AMT Provision Worker: Wakes up to process instruction files", AMT_COMP, 4128)
                sms(ev, t + jitter(rng), "AMT Provision Worker: 0 task(s) are sent to the task pool successfully.",
                    AMT_COMP, 4128)
            elif r < 0.8:
                name, ip = rng.choice(machines)
                sms(ev, t, f"Audit log of {name} ({ip}) collected: {rng.randint(0, 14)} new record(s)", AMT_COMP, 5560)
            else:
                name, ip = rng.choice(machines)
                sms(ev, t, f"Power state of {name} is S0 (on)", AMT_COMP, 5560)
        t += dt.timedelta(minutes=rng.randint(5, 25), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))


AMT_MACHINES = [("LT-0412.corp.contoso.com", "10.1.4.57"), ("LT-0388.corp.contoso.com", "10.1.4.31"),
                ("WS-1180.corp.contoso.com", "10.1.6.112"), ("WS-1203.corp.contoso.com", "10.1.6.140")]


def build_amt_tls():
    s = Sample(
        "configmgr/amt/tls-handshake/amtopmgr.log", "sms-trace",
        "ConfigMgr 2007 SP2 out-of-band service point (CM01, New York, EST), January 2010: the TLS "
        "handshake with LT-0412's AMT firmware fails at every discovery and provisioning attempt "
        "(0x80090308, then 0x6fcb970 from ApplyControlToken); the other AMT computers are managed",
        "amt.cert-renewal (warning), confidence medium (both texts within a minute)")
    rng = random.Random(4401)
    ev = Events()
    start, end = T(2010, 1, 18, 6, 0, 11, 430000), T(2010, 1, 19, 10, 0)
    windows = []
    name, ip = AMT_MACHINES[0]
    t = T(2010, 1, 18, 9, 14, 2, 77000)
    while t < end:
        th = rng.choice([3904, 4128])
        sms(ev, t, f"Discover {ip} with SCCM ID 2097152004.", AMT_COMP, th)
        sms(ev, t + jitter(rng), f"Session: TLS connection to {name}:16993", AMT_COMP, th)
        tt = t + dt.timedelta(seconds=rng.randint(1, 4), milliseconds=rng.randint(0, 999))
        sms(ev, tt, R_AMT_TLS, AMT_COMP, th, mark=fail("amt.tls-handshake-failed"))
        sms(ev, tt + jitter(rng, 2, 60), R_AMT_ACT, AMT_COMP, th, mark=fail("amt.apply-control-token-failed"))
        sms(ev, tt + jitter(rng, 60, 200), f"Failed to discover {name}; the computer stays in state Detected.",
            AMT_COMP, th)
        windows.append((t - dt.timedelta(minutes=1), tt + dt.timedelta(minutes=1)))
        t += dt.timedelta(hours=rng.choice([3, 4]), minutes=rng.randint(0, 20), seconds=rng.randint(0, 59))
    amt_chatter(ev, rng, start, end, windows, AMT_MACHINES[1:])
    sms_flush(s, ev, 300)
    return s


def oob_chatter(ev, rng, start, end, windows, comp="oobmgmt"):
    t = start
    while t < end:
        if not busy(t, windows):
            th = rng.choice([2384, 2384, 3012])
            r = rng.random()
            if r < 0.4:
                cm(ev, t, "OOB Mgmt task started", comp, thread=th)
                cm(ev, t + jitter(rng), "AMT device is present: Intel(R) Management Engine Interface, firmware "
                   "3.2.20", comp, thread=th)
                cm(ev, t + jitter(rng, 900, 1800), "OOB Mgmt task completed", comp, thread=th)
            elif r < 0.7:
                cm(ev, t, "Provisioning state of the AMT device: Provisioned", comp, thread=th)
            else:
                cm(ev, t, "Sending AMT status to the management point", comp, thread=th)
        t += dt.timedelta(minutes=rng.randint(4, 16), seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))


def build_amt_check():
    s = Sample(
        "configmgr/amt/check-certificate/oobmgmt.log", "cmtrace",
        "the AMT client LT-0412 (EST), January 2010: the CheckCertificate provider method fails with "
        "80041001 at every OOB management task",
        "amt.cert-renewal (warning), confidence medium (CheckCertificate)")
    rng = random.Random(4402)
    ev = Events()
    start, end = T(2010, 1, 18, 7, 3, 54, 200000), T(2010, 1, 19, 9, 0)
    windows = []
    t = T(2010, 1, 18, 8, 32, 40, 5000)
    while t < end:
        th = 2384
        cm(ev, t, "OOB Mgmt task started", "oobmgmt", thread=th)
        cm(ev, t + jitter(rng), "Checking the AMT certificate", "oobmgmt", thread=th)
        tt = t + dt.timedelta(seconds=2, milliseconds=rng.randint(0, 999))
        cm(ev, tt, R_AMT_CHECK, "oobmgmt", typ=3, thread=th, mark=fail("amt.check-certificate-failed"))
        cm(ev, tt + jitter(rng), "OOB Mgmt task completed with errors", "oobmgmt", typ=2, thread=th)
        windows.append((t - dt.timedelta(minutes=1), tt + dt.timedelta(minutes=1)))
        t += dt.timedelta(hours=rng.choice([4, 5]), minutes=rng.randint(0, 30), seconds=rng.randint(0, 59))
    oob_chatter(ev, rng, start, end, windows)
    cm_flush(s, ev, 300)
    return s


def build_amt_healthy():
    op = Sample(
        "configmgr/amt/healthy/amtopmgr.log", "sms-trace",
        "healthy out-of-band service point (CM01, EST), January 2010: discovery, provisioning, audit "
        "log collection and power state polls succeed",
        "none")
    rng = random.Random(4403)
    ev = Events()
    start, end = T(2010, 1, 25, 6, 0, 3, 910000), T(2010, 1, 26, 9, 0)
    windows = []
    t = T(2010, 1, 25, 9, 10, 2, 433000)
    while t < end:
        name, ip = rng.choice(AMT_MACHINES)
        th = rng.choice([3904, 4128])
        sms(ev, t, f"Discover {ip} with SCCM ID {2097152000 + rng.randint(1, 40)}.", AMT_COMP, th)
        sms(ev, t + jitter(rng), f"Session: TLS connection to {name}:16993", AMT_COMP, th)
        sms(ev, t + dt.timedelta(seconds=2), f"Discovered {name}: AMT firmware 3.2.20, provisioned", AMT_COMP, th,
            mark=trap("a successful TLS session with the AMT firmware"))
        windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
        t += dt.timedelta(hours=rng.choice([2, 3]), minutes=rng.randint(0, 20), seconds=rng.randint(0, 59))
    sms(ev, T(2010, 1, 25, 14, 5, 0, 120000), "Evaluate Provisioned AMT Computer Certificates: 0 certificate(s) "
        "within the renewal period", AMT_COMP, 6200, mark=trap("the renewal task, nothing to renew"))
    amt_chatter(ev, rng, start, end, windows, AMT_MACHINES)
    sms_flush(op, ev, 300)
    seen = {}
    kept = []
    for m in op.marks:
        seen[m["label"]] = seen.get(m["label"], 0) + 1
        if seen[m["label"]] <= 2:
            kept.append(m)
    op.elided = len(op.marks) - len(kept)
    op.marks = kept

    cl = Sample(
        "configmgr/amt/healthy/oobmgmt.log", "cmtrace",
        "healthy AMT client LT-0412 (EST), January 2010, after re-provisioning: CheckCertificate "
        "succeeds",
        "none")
    rng = random.Random(4404)
    ev = Events()
    start, end = T(2010, 1, 25, 7, 1, 12, 880000), T(2010, 1, 26, 9, 0)
    windows = []
    t = T(2010, 1, 25, 8, 30, 11, 402000)
    while t < end:
        cm(ev, t, "OOB Mgmt task started", "oobmgmt", thread=2384)
        cm(ev, t + jitter(rng), "Checking the AMT certificate", "oobmgmt", thread=2384)
        cm(ev, t + dt.timedelta(seconds=2), "Called CheckCertificate provider method successfully", "oobmgmt",
           thread=2384, mark=trap("CheckCertificate without a failure"))
        cm(ev, t + dt.timedelta(seconds=3), "OOB Mgmt task completed", "oobmgmt", thread=2384)
        windows.append((t - dt.timedelta(minutes=1), t + dt.timedelta(minutes=1)))
        t += dt.timedelta(hours=rng.choice([4, 5]), minutes=rng.randint(0, 30), seconds=rng.randint(0, 59))
    oob_chatter(ev, rng, start, end, windows)
    cm_flush(cl, ev, 300)
    seen = {}
    kept = []
    for m in cl.marks:
        seen[m["label"]] = seen.get(m["label"], 0) + 1
        if seen[m["label"]] <= 2:
            kept.append(m)
    cl.elided = len(cl.marks) - len(kept)
    cl.marks = kept
    return [op, cl]


# ==================================================================================================
# Service Manager: Event Viewer "Save All Events As… XML" exports (UTC SystemTime, Computer)
# ==================================================================================================

R_20051 = ("The specified certificate could not be loaded because the certificate is not currently valid. "
           "Verify that the system time is correct and re-issue the certificate if necessary\n"
           " Certificate Valid Start Time : {}\n Certificate Valid End Time : {}")
R_20053 = "The OpsMgr Connector has loaded the specified authentication certificate successfully."
R_36887 = "A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 45."
SOURCE_OM = ("OpsMgr Connector 20051 and 20053 texts as patterns/opsmgr/connector-certificates.yaml quotes them "
             "(KB10066 and shared/reference/messages.md section 5)")
SOURCE_SCHANNEL = ("Schannel 36887 text and its AlertDesc field as patterns/windows/schannel.yaml quotes them "
                   "(shared/reference/messages.md section 6.1)")
MSI_11707 = "Product: {} -- Installation completed successfully."
MSI_1022 = "Product: {} - Update '{}' installed successfully."
MSI_1035 = ("Windows Installer reconfigured the product. Product Name: {}. Product Version: {}. Product Language: "
            "1033. Manufacturer: Microsoft Corporation. Reconfiguration success or error status: 0.")
SOURCE_MSI = ("MsiInstaller event templates 11707, 1022 and 1035 (Windows Installer; general Windows knowledge, "
              "not from the reference); the product names filled in are assumptions")


def xesc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EvXml:
    """Events written as Event Viewer writes "Save All Events As… XML": one <Event> per line."""

    LEVELS = {1: "Critical", 2: "Error", 3: "Warning", 4: "Information"}

    def __init__(self, sample, computer):
        self.s = sample
        self.computer = computer
        self.items = []

    def add(self, t, provider, eid, level, channel, message, data=(), named=False, qualifiers=None,
            task="None", keywords="Classic", mark=None):
        self.items.append((t, len(self.items), dict(provider=provider, eid=eid, level=level, channel=channel,
                                                  message=message, data=list(data), named=named,
                                                  qualifiers=qualifiers, task=task, keywords=keywords), mark))

    def flush(self, first_record_id):
        self.s.add('<?xml version="1.0" encoding="utf-8" standalone="yes"?>')
        self.s.add("<Events>")
        rid = first_record_id
        for t, _, e, mark in sorted(self.items, key=lambda i: (i[0], i[1])):
            rid += 1
            self.s.record_time(t)
            q = f" Qualifiers='{e['qualifiers']}'" if e["qualifiers"] is not None else ""
            if e["named"]:
                data = "".join(f"<Data Name='{k}'>{xesc(v)}</Data>" for k, v in e["data"])
            else:
                data = "".join(f"<Data>{xesc(v)}</Data>" for v in e["data"])
            kw = "0x80000000000000" if e["keywords"] == "Classic" else "0x8000000000000000"
            line = (f"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                    f"<Provider Name='{e['provider']}'/><EventID{q}>{e['eid']}</EventID><Level>{e['level']}</Level>"
                    f"<Task>0</Task><Keywords>{kw}</Keywords>"
                    f"<TimeCreated SystemTime='{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}000Z'/>"
                    f"<EventRecordID>{rid}</EventRecordID><Channel>{e['channel']}</Channel>"
                    f"<Computer>{self.computer}</Computer><Security/></System>"
                    f"<EventData>{data}</EventData>"
                    f"<RenderingInfo Culture='en-US'><Message>{xesc(e['message'])}</Message>"
                    f"<Level>{self.LEVELS[e['level']]}</Level><Task>{e['task']}</Task><Opcode></Opcode>"
                    f"<Channel>{e['channel']}</Channel><Provider></Provider><Keywords><Keyword>{e['keywords']}"
                    f"</Keyword></Keywords></RenderingInfo></Event>")
            if mark:
                mark = dict(mark, written=f"SystemTime='{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}000Z'",
                            utc=iso_ms(t.replace(microsecond=(t.microsecond // 1000) * 1000)),
                            text=f"{e['provider']} {e['eid']}: " + e["message"].split("\n")[0])
            self.s.add(line, mark)
        self.s.add("</Events>")


def om_log_chatter(x, rng, start, end, mg, windows):
    """Ordinary Operations Manager log events of a health service (synthetic texts)."""
    t = start
    ch = "Operations Manager"
    while t < end:
        if not busy(t, windows):
            r = rng.random()
            if r < 0.30:
                x.add(t, "HealthService", 1210, 4, ch, f'New configuration became active. Management group "{mg}", '
                      f'configuration id:"{guid(rng, braces=True)}".', data=[mg, guid(rng, braces=True)],
                      qualifiers=16384, task="Health Service")
            elif r < 0.50:
                x.add(t, "OpsMgr Connector", 21025, 4, ch, f"OpsMgr has received new configuration for management "
                      f"group {mg} from the Configuration Service.  The new state cookie is \"{thumb(rng)}\"",
                      data=[mg, thumb(rng)], qualifiers=16384)
            elif r < 0.70:
                x.add(t, "HealthService", 7019, 4, ch, f"The Health Service has validated all RunAs accounts for "
                      f"management group {mg}.", data=[mg], qualifiers=16384, task="Health Service")
            elif r < 0.85:
                x.add(t, "Health Service Script", 1010, 4, ch, "Management server health check script completed "
                      "successfully.", data=["ManagementServerHealthCheck.vbs"], qualifiers=0)
            else:
                x.add(t, "HealthService", 1201, 4, ch, f'New Management Pack with id:"Microsoft.SystemCenter.'
                      f'{rng.choice(["Library", "Internal", "ServiceManager.Core", "InstanceGroup.Library"])}", '
                      f'version:"7.5.{rng.randint(7000, 7999)}.0" received.', data=[], qualifiers=16384,
                      task="Health Service")
        t += dt.timedelta(minutes=rng.randint(3, 19), seconds=rng.randint(0, 59),
                          microseconds=rng.randint(0, 999) * 1000)


def health_service_start(x, rng, t, mg, cert_end=None, cert_start=None, mark=None):
    ch = "Operations Manager"
    x.add(t, "HealthService", 7024, 4, ch, f"The Health Service successfully started.", qualifiers=16384,
          task="Health Service")
    t += dt.timedelta(seconds=2, microseconds=rng.randint(0, 999) * 1000)
    if cert_end:
        x.add(t, "OpsMgr Connector", 20051, 2, ch, R_20051.format(cert_start, cert_end), data=[cert_start, cert_end],
              qualifiers=49152, mark=mark)
    else:
        x.add(t, "OpsMgr Connector", 20053, 4, ch, R_20053, qualifiers=16384, mark=mark)
    t += dt.timedelta(seconds=1, microseconds=rng.randint(0, 999) * 1000)
    x.add(t, "HealthService", 1210, 4, ch, f'New configuration became active. Management group "{mg}", '
          f'configuration id:"{guid(rng, braces=True)}".', data=[mg, guid(rng, braces=True)], qualifiers=16384,
          task="Health Service")


def app_log_chatter(x, rng, start, end, windows):
    t = start
    while t < end:
        if not busy(t, windows):
            r = rng.random()
            if r < 0.35:
                x.add(t, "Security-SPP", 16384, 4, "Application", "Successfully scheduled Software Protection service "
                      f"for re-start at {t + dt.timedelta(hours=rng.randint(20, 30)):%Y-%m-%dT%H:%M:%SZ}. Reason: "
                      "RulesEngine.", data=[], keywords="Classic", qualifiers=16384)
            elif r < 0.6:
                x.add(t, "ESENT", 326, 4, "Application", "svchost (1040,D,50) SRUJet: The database engine attached a "
                      "database (1, C:\\Windows\\system32\\SRU\\SRUDB.dat).", qualifiers=0, task="General")
            elif r < 0.8:
                x.add(t, "Microsoft-Windows-RestartManager", 10000, 4, "Application", "Starting session 0 - "
                      f"{t:%Y-%m-%dT%H:%M:%S}.{rng.randint(100000000, 999999999)}Z.", keywords="Classic")
            else:
                x.add(t, "SecurityCenter", 15, 4, "Application", "Updated Windows Defender status successfully to "
                      "SECURITY_PRODUCT_STATE_ON.", qualifiers=0)
        t += dt.timedelta(minutes=rng.randint(12, 55), seconds=rng.randint(0, 59),
                          microseconds=rng.randint(0, 999) * 1000)


SCSM = "SCSM01.contoso.com"
SM_PRODUCT = "System Center Service Manager"


def sm_app_log(rel, rng, start, end, computer, product, update, version, scenario, expect, mark_label):
    s = Sample(rel, "event-xml (Event Viewer 'Save As XML')", scenario, expect, encoding="utf-8")
    x = EvXml(s, computer)
    windows = []
    t = start + dt.timedelta(hours=3, minutes=12, seconds=7)
    x.add(t, "MsiInstaller", 1022, 4, "Application", MSI_1022.format(product, update), data=[product, update],
          qualifiers=0, mark={"kind": "context", "label": mark_label})
    x.add(t + dt.timedelta(seconds=1), "MsiInstaller", 1035, 4, "Application",
          MSI_1035.format(product, version), data=[product, version, "1033", "0", "Microsoft Corporation"],
          qualifiers=0)
    windows.append((t - dt.timedelta(minutes=2), t + dt.timedelta(minutes=2)))
    app_log_chatter(x, rng, start, end, windows)
    x.flush(rng.randint(40000, 90000))
    return s


def build_sm():
    out = []
    rng = random.Random(4501)
    mg = "SM_Contoso"
    # cert-expired: the health service certificate of SCSM01 expired on 14 Feb 2024; SCSM01 restarts
    # after patching on 15 Feb and logs 20051.
    out.append(sm_app_log("servicemanager/cert-expired/SCSM01-Application.xml", rng, T(2024, 2, 13, 6, 0, 0),
                          T(2024, 2, 15, 12, 0), SCSM, "System Center 2019 - Service Manager",
                          "Update Rollup 6 for System Center 2019 - Service Manager", "10.19.1035.143",
                          "Application log of SCSM01 (Service Manager management server), 13-15 Feb 2024: an "
                          "update rollup installed (MsiInstaller names the product), ordinary events",
                          "sm.cert.expired, with the Operations Manager log", "sm.server-named"))
    s = Sample("servicemanager/cert-expired/SCSM01-OperationsManager.xml", "event-xml (Event Viewer 'Save As XML')",
               "Operations Manager log of SCSM01 (its health service), 13-15 Feb 2024: after the restart on "
               "15 Feb at 04:31 the OpsMgr Connector cannot load its certificate, valid until 2/14/2024 "
               "11:31:44 AM (20051), and again at the next restart",
               "sm.cert.expired, confidence medium (the product is named by an installation record); "
               "om.cert.expired and cert.expired superseded", encoding="utf-8")
    x = EvXml(s, SCSM)
    windows = []
    for t in [T(2024, 2, 15, 4, 31, 12, 407000), T(2024, 2, 15, 9, 2, 55, 118000)]:
        health_service_start(x, rng, t, mg, cert_start="2/14/2023 11:31:44 AM", cert_end="2/14/2024 11:31:44 AM",
                             mark=fail("om.connector.cert-not-valid (+ -text, -data)"))
        windows.append((t - dt.timedelta(minutes=2), t + dt.timedelta(minutes=2)))
    health_service_start(x, rng, T(2024, 2, 13, 6, 40, 3, 2000), mg, mark={"kind": "context",
                                                                           "label": "20053 before the expiry"})
    om_log_chatter(x, rng, T(2024, 2, 13, 6, 0, 0), T(2024, 2, 15, 12, 0), mg, windows)
    x.flush(rng.randint(100000, 300000))
    out.append(s)

    # other-host: SCSM01 is a Service Manager server, but the expired certificate is OM01's.
    out.append(sm_app_log("servicemanager/other-host/SCSM01-Application.xml", rng, T(2024, 2, 13, 6, 0, 0),
                          T(2024, 2, 15, 12, 0), SCSM, "System Center 2019 - Service Manager",
                          "Update Rollup 6 for System Center 2019 - Service Manager", "10.19.1035.143",
                          "Application log of SCSM01 (names Service Manager), healthy",
                          "nothing on SCSM01", "sm.server-named"))
    s = Sample("servicemanager/other-host/OM01-OperationsManager.xml", "event-xml (Event Viewer 'Save As XML')",
               "Operations Manager log of OM01 (an Operations Manager gateway, not a Service Manager server), "
               "same days: 20051 after its restart",
               "om.cert.expired on OM01 (not sm.cert.expired: the Service Manager evidence is another host's)",
               encoding="utf-8")
    x = EvXml(s, "OM01.contoso.com")
    windows = []
    t = T(2024, 2, 15, 5, 2, 41, 730000)
    health_service_start(x, rng, t, "OM_Contoso", cert_start="2/14/2023 11:31:44 AM",
                         cert_end="2/14/2024 11:31:44 AM", mark=fail("om.connector.cert-not-valid (+ -text, -data)"))
    windows.append((t - dt.timedelta(minutes=2), t + dt.timedelta(minutes=2)))
    om_log_chatter(x, rng, T(2024, 2, 13, 6, 0, 0), T(2024, 2, 15, 12, 0), "OM_Contoso", windows)
    x.flush(rng.randint(100000, 300000))
    out.append(s)

    # healthy: SCSM01 after the new certificate was imported.
    out.append(sm_app_log("servicemanager/healthy/SCSM01-Application.xml", rng, T(2024, 3, 4, 6, 0, 0),
                          T(2024, 3, 6, 12, 0), SCSM, "System Center 2019 - Service Manager",
                          "Update Rollup 6 for System Center 2019 - Service Manager", "10.19.1035.143",
                          "Application log of SCSM01, March 2024, healthy", "none", "sm.server-named"))
    s = Sample("servicemanager/healthy/SCSM01-OperationsManager.xml", "event-xml (Event Viewer 'Save As XML')",
               "Operations Manager log of SCSM01, March 2024: the health service loads its new certificate "
               "(20053) at each restart", "none", encoding="utf-8")
    x = EvXml(s, SCSM)
    windows = []
    for t in [T(2024, 3, 4, 7, 10, 2, 311000), T(2024, 3, 5, 22, 45, 40, 90000)]:
        health_service_start(x, rng, t, mg, mark=trap("20053, the certificate loaded"))
        windows.append((t - dt.timedelta(minutes=2), t + dt.timedelta(minutes=2)))
    om_log_chatter(x, rng, T(2024, 3, 4, 6, 0, 0), T(2024, 3, 6, 12, 0), mg, windows)
    x.flush(rng.randint(100000, 300000))
    out.append(s)

    # tls-expired: Schannel on SCSM01 receives alert 45 (its client certificate has expired).
    s = Sample("servicemanager/tls-expired/SCSM01-System.xml", "event-xml (Event Viewer 'Save As XML')",
               "System log of SCSM01, May 2025: Schannel 36887, alert 45 (certificate_expired) from the "
               "remote end of its TLS connections, every few minutes for an afternoon; ordinary service "
               "events around it",
               "sm.cert.expired (with the Application log); tls.cert-expired superseded", encoding="utf-8")
    x = EvXml(s, SCSM)
    windows = []
    t = T(2025, 5, 20, 13, 5, 9, 440000)
    while t < T(2025, 5, 20, 17, 0):
        x.add(t, "Schannel", 36887, 2, "System", R_36887, data=[("AlertDesc", "45"), ("ErrorState", "0")],
              named=True, keywords="0x8000000000000000", mark=fail("tls.alert-received (+ -text), alert 45"))
        windows.append((t - dt.timedelta(seconds=5), t + dt.timedelta(seconds=5)))
        t += dt.timedelta(minutes=rng.randint(9, 25), seconds=rng.randint(0, 59), microseconds=rng.randint(0, 999) * 1000)
    t = T(2025, 5, 19, 8, 0, 0)
    while t < T(2025, 5, 20, 18, 0):
        if not busy(t, windows):
            svc = rng.choice(["Windows Update", "Background Intelligent Transfer Service", "WinHTTP Web Proxy "
                              "Auto-Discovery Service", "Windows Modules Installer", "Device Setup Manager"])
            state = rng.choice(["running", "stopped"])
            x.add(t, "Service Control Manager", 7036, 4, "System", f"The {svc} service entered the {state} state.",
                  data=[("param1", svc), ("param2", state)], named=True, qualifiers=16384)
        t += dt.timedelta(minutes=rng.randint(4, 30), seconds=rng.randint(0, 59), microseconds=rng.randint(0, 999) * 1000)
    x.flush(rng.randint(100000, 300000))
    out.append(s)
    out.append(sm_app_log("servicemanager/tls-expired/SCSM01-Application.xml", rng, T(2025, 5, 19, 8, 0, 0),
                          T(2025, 5, 20, 18, 0), SCSM, "System Center 2019 - Service Manager",
                          "Update Rollup 7 for System Center 2019 - Service Manager", "10.19.1035.160",
                          "Application log of SCSM01, May 2025 (MsiInstaller names the product)",
                          "sm.cert.expired, with the System log", "sm.server-named"))
    for x_ in out:
        fails = [m for m in x_.marks if m["kind"] == "failure"]
        if len(fails) > 8:
            x_.elided = len(fails) - 8
            keep = set(id(m) for m in fails[:8])
            x_.marks = [m for m in x_.marks if m["kind"] != "failure" or id(m) in keep]
    return out


# ==================================================================================================
# READMEs
# ==================================================================================================

ENC = {"ascii": "ASCII (no BOM)", "utf-8": "UTF-8 (no BOM)", "utf-8-bom": "UTF-8 with BOM",
       "utf-16le-bom": "UTF-16LE with BOM"}

TZ_NOTE = {
    300: "`+300` US Eastern standard time (January) or Central daylight time (September)",
    360: "`+360` US Central standard time",
    420: "`+420` US Pacific daylight time (or Mountain standard time)",
    0: "`+000` UK (GMT, winter)",
}


CLIENT_SECOND_EDITION = """
## Second edition

| folder | what | diagnosis |
|---|---|---|
| `cert-expired/MP_RegistrationManager.log` | the management point's lines posted in 1RedOne/ClientFaux#24 (thumbprint and other lines synthetic), CMTrace layout | cm.client.cert-expired |
| `server-cert-expired/CcmMessaging.log` | the CCMHTTP block of `untrusted-root/` with the CERT_DATE_INVALID flag (synthetic lines; the flag in CcmMessaging.log after a CMG server certificate expired is shown on Peter van der Woude's blog) | cm.client.server-cert-expired |

Also `../osd/media-token/smsts.log` (lines from MicrosoftDocs/memdocs#4158, CMTrace layout),
`../wsus/content-signature/SoftwareDistribution.log` (lines as posted on TechNet wiki 4165, time column
trimmed), `../wsus/client-trust/WUAHandler.log` (line from patchmypc.com) and
`../amt/provisioning-cert/amtopmgr.log` (lines from the Intel vPro blog, 2009-12-15, SMS-trace layout).
The same failures as pasted from CMTrace are in `../pasted/`, and the AMT provisioning certificate's
expiry and rejection in `../amt-provisioning/` (each with its README).
"""


def readme(area, title, intro, samples, sources, assumptions, base):
    out = []
    w = out.append
    w(f"# {title}")
    w("")
    w("Generated by `scripts/make_samples_clients.py` (Python 3 standard library, fixed seeds): run it to")
    w("rewrite these files, `--check` to verify that the committed files are its exact output. Do not edit")
    w("the samples or this README by hand; change the script.")
    w("")
    w(intro)
    w("")
    w("## Files")
    w("")
    w("| File | Format | Encoding | Line endings | Lines | Records | First time (UTC) | Last time (UTC) | Scenario | Must raise |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for s in samples:
        fmt = s.fmt + (f", bias {bias_text(s.bias)}" if s.bias is not None else "")
        rel = s.rel[len(base) + 1:]
        w(f"| `{rel}` | {fmt} | {ENC[s.encoding]} | {'CRLF' if s.newline == chr(13) + chr(10) else 'LF'} | "
          f"{len(s.lines)} | {s.records} | {iso_ms(s.first_utc)} | {iso_ms(s.last_utc)} | {s.scenario} | "
          f"{s.expect} |")
    w("")
    biases = sorted({s.bias for s in samples if s.bias is not None})
    if biases:
        w("CMTrace and SMS-trace times are local time plus a bias in minutes; the UTC columns apply")
        w("`UTC = local + bias` (the convention the architecture adopts; no Microsoft document states the")
        w("sign). Biases used: " + "; ".join(TZ_NOTE[b] for b in biases) + ".")
        w("")
    w("## Failure lines (the evidence the diagnoses must cite)")
    w("")
    for s in samples:
        if not s.failures():
            continue
        rel = s.rel[len(base) + 1:]
        w(f"### `{rel}`")
        w("")
        w("| Line | Time as written | UTC | Signal | Text |")
        w("|---|---|---|---|---|")
        fails = s.failures()
        for m in fails[:12]:
            w(f"| {m['line']} | `{m['written']}` | {m['utc']} | {m['label']} | `{m['text']}` |")
        more = max(0, len(fails) - 12) + getattr(s, "elided", 0)
        if more:
            w(f"| … | | | | {more} more lines like these are not listed |")
        w("")
    if any(m["kind"] == "context" for s in samples for m in s.marks):
        w("## Context lines (what shows the host's role)")
        w("")
        for s in samples:
            ctx = [m for m in s.marks if m["kind"] == "context"]
            if not ctx:
                continue
            rel = s.rel[len(base) + 1:]
            w(f"### `{rel}`")
            w("")
            w("| Line | Time as written | UTC | Signal | Text |")
            w("|---|---|---|---|---|")
            for m in ctx:
                w(f"| {m['line']} | `{m['written']}` | {m['utc']} | {m['label']} | `{m['text']}` |")
            w("")
    if any(s.traps() for s in samples):
        w("## Near misses (must raise nothing)")
        w("")
        for s in samples:
            if not s.traps():
                continue
            rel = s.rel[len(base) + 1:]
            w(f"### `{rel}`")
            w("")
            w("| Line | Resembles | Text |")
            w("|---|---|---|")
            for m in s.traps():
                w(f"| {m['line']} | {m['label']} | `{m['text']}` |")
            if getattr(s, "elided", 0) and not s.failures():
                w(f"| … | | {s.elided} more lines like these are not listed |")
            w("")
    w("## Real texts and their sources")
    w("")
    w("**Every line is synthetic except the texts below**, which are quoted verbatim (placeholders such as")
    w("`<message ID>`, `<certificate>` or the host names of the articles filled in with invented values).")
    w("The ordinary lines around them were written to be plausible; no public source gives them, and no rule")
    w("may be written from them.")
    w("")
    w("| Text (verbatim) | Source |")
    w("|---|---|")
    for text, src in sources:
        w(f"| `{text}` | {src} |")
    w("")
    w("## Assumptions (not confirmed by any source)")
    w("")
    for a in assumptions:
        w(f"- {a}")
    w("")
    return "\n".join(out)


def build_all():
    client = [build_client_crl(), build_client_untrusted_root(), build_client_name_mismatch(),
              build_client_no_pki(), build_client_healthy()]
    cmg = build_cmg_ccr() + [build_cmg_forbidden()] + build_cmg_token() + build_cmg_healthy()
    iis = [build_iis_ccr(), build_iis_untrusted(), build_iis_expired_revoked(), build_iis_healthy()]
    amt = [build_amt_tls(), build_amt_check()] + build_amt_healthy()
    sm = build_sm()
    files = {}
    for s in client + cmg + iis + amt + sm:
        files[s.rel] = s.render()

    files["configmgr/client/README.md"] = readme(
        "client", "ConfigMgr client samples: HTTPS and CMG certificate failures (CCMHTTP lines)",
        "Client logs in CMTrace format: a failure log for each of `cm.client.crl-check-failed`,\n"
        "`cm.client.untrusted-root`, `cm.client.name-mismatch` and `cm.client.no-pki-cert`, and a healthy\n"
        "log of the same kind. Host names (`CMG.CONTOSO.COM`, `MP01.corp.contoso.com`, `contosocmg…`),\n"
        "site code `PS1`, thread ids, package ids, GUIDs and counts are invented.",
        client,
        [(R_SECURE, KB4503442 + "; also " + "KB4495265"),
         ("[CCMHTTP] AsyncCallback():", KB4503442),
         (R_LEN, KB4503442),
         ("[CCMHTTP] : lpvStatusInformation is 0x9", KB4503442 + " (the value here is the OR of the flags set: "
          "0x1 CERT_REV_FAILED, 0x8 INVALID_CA, 0x10 CERT_CN_INVALID, as winhttp.h defines them)"),
         (R_FLAG.format("CERT_REV_FAILED"), KB4503442),
         (R_FLAG.format("INVALID_CA"), KB4503442),
         (R_FLAG_PADDED.format("CERT_CN_INVALID"), KB4495265 + " (the article pads with non-breaking spaces; "
          "here spaces)"),
         ("[CCMHTTP] ERROR: URL=https://CMG.CONTOSO.COM/CCM_Proxy_ServerAuth/72057594037928017/CCM_STS, Port=443, "
          "Options=63, Code=12175, Text=ERROR_WINHTTP_SECURE_FAILURE", KB4503442),
         ("Target URL scheme is HTTPS: https://<CMGname>.cloudapp.net:443/downloadrestservice.svc/"
          "getcontentxmlsecure?pid=…&cid=…&tid=GUID:…&iss=…&alg=1.2.840.113549.1.1.11&st=…&et=…", KB4495265),
         ("Found a valid online MP '…'.", KB4495265),
         ("Found remote location '…'", KB4495265),
         ("The location '…' is on Azure", KB4495265),
         (R_NO_LOCAL_DP, KB4495265 + " (its spelling 'co-lcated' kept)"),
         ("[CCMHTTP] ERROR: URL=https://<CMGname>.cloudapp.net/downloadrestservice.svc/getcontentxmlsecure?pid=…"
          "&cid=…, Port=0, Options=224, Code=0, Text=CCM_E_NO_CLIENT_PKI_CERT", KB4495265),
         (R_DIRLIST, KB4495265),
         ("Failed to get directory list from '…'. Error 0x87d00454", KB4495265),
         (R_WEBDAV, KB4495265),
         ("Failed to check url …. Error 0x80004005", KB4495265)],
        ["The CMTrace layout is from Microsoft docs; `file=\"\"` is used on every line (the real source file "
         "names are unknown).",
         "`untrusted-root/CcmMessaging.log` puts the KB4503442 flag and 12175 lines in CcmMessaging.log "
         "(the article shows them in LocationServices.log; the catalog names both logs); `Options=1986` "
         "and the `Post to … failed with 0x87d00215.` line are invented.",
         "The order `flag lines, then the ERROR line` follows KB4503442 (\"Before the error message, other "
         "events might also be logged\"); the exact gap (tens of milliseconds) is invented.",
         "In `no-pki-cert/ccmsetup.log` the KB4495265 lines are replayed at each 10-minute retry; the "
         "certificate-search lines before them, the `Next retry in 10 minute(s)...` line and the "
         "command line are invented. The article writes the lines in the copy/paste layout with "
         "DD/MM/YYYY dates (19/02/2019 13:49:35, UK); here they are in the CMTrace layout, bias +000.",
         "In `name-mismatch/DataTransferService.log` the article's time (12-28-2018 16:06:39.334) and "
         "its `st=` (22:06:39) give the bias +360 used here.",
         "All LocationServices/CcmMessaging/DataTransferService ordinary texts (MP list refresh, DTSJob "
         "states, message delivery) are invented; messages.md marks them NOT CONFIRMED."],
        "configmgr/client")
    # The second edition's client samples are written by hand from posted lines; listed here.
    files["configmgr/client/README.md"] += CLIENT_SECOND_EDITION

    files["configmgr/cmg/README.md"] = readme(
        "cmg", "Cloud management gateway samples (client logs, CCM_STS.log, SMS_Cloud_ProxyConnector.log)",
        "A failure directory for each of `cm.cmg.client-cert-required`, `cm.cmg.forbidden` and\n"
        "`cm.cmg.token-expired`, and a healthy directory of the same kinds. Run certdiag on a whole\n"
        "directory to see the client's and the server's logs together (CMTrace and SMS-trace logs carry\n"
        "no host name, so they fall in one group). Host names (`cmgsccm.contoso.com`, `MP01.corp.contoso.com`,\n"
        "`CMGSERVER.CLOUDAPP.NET`), message ids, thumbprints and counts are invented.",
        cmg,
        [("[CCMHTTP] ERROR: URL=https://cmgsccm.contoso.com/CCM_PROXY_MUTUALAUTH/<id>/SMS_MP/.sms_aut?SITESIGNCERT, "
          "Port=443, Options=31, Code=0, Text=CCM_E_BAD_HTTP_STATUS_CODE", KB4503442),
         (R_CCR, KB4503442),
         (R_FORBIDDEN, KB4503442),
         ("Forwarding proxy message <message ID> to URL: https://InternalMP.contoso.com/SMS_MP/.sms_aut?SITESIGNCERT",
          KB4503442),
         ("Web exception for message <message ID>: System.Net.WebException: The remote server returned an error: "
          "(403) Forbidden.~~  at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)~~  at "
          "Microsoft.ConfigurationManager.CloudConnection.ProxyConnector.ConnectionBase.InternalResponseCallBack"
          "(IAsyncResult asynchronousResult)", KB4503442),
         ("Received response https://InternalMP.contoso.com/SMS_MP/.sms_aut?MPLIST2&CM1 for message <message ID>: "
          "HTTP/1.1 403 CMGConnector_Clientcertificaterequired", KB4503442),
         ("Filtered cert count with digital signature: 7 / Not allowed cert: <certificate> / No private key cert: "
          "<certificate> / Filtered cert count with allowed root CA: 3 / Filtered cert count with private key: 3 / "
          "Not client auth cert: <certificate> / Filtered cert count with client auth: 0 / Maintaining connections...",
          KB4503442 + " (verbose logging)"),
         ("[CCMHTTP] ERROR: URL=https://CMGSERVER.CLOUDAPP.NET/CCM_Proxy_ServerAuth/ServiceMetadata , Port=443, "
          "Options=224, Code=0, Text=CCM_E_BAD_HTTP_STATUS_CODE", KB4503442 + " (the article's stray `>` before "
          "`Code` is left out)"),
         (R_TOKEN, KB4503442),
         ("Return code: 401, Description: PreAuth token validation failed, System.IdentityModel.Tokens."
          "SecurityTokenExpiredException: / IDX10223: Lifetime validation failed. The token is expired. / "
          "ValidTo: '10/01/2020 22:03:24' / Current time: '10/28/2020 13:05:05'. / "
          "at System.IdentityModel.Tokens.Validators.ValidateLifetime….", KB4503442 + " (CCM_STS.log; one record "
          "over several lines here)")],
        ["The `<certificate>` placeholders of the filter lines are written as 40-hex-digit thumbprints, and "
         "`<message ID>` as GUIDs: what the product really prints there is not documented.",
         "The order of the SMS_Cloud_ProxyConnector.log lines and the pairing of each forwarded message with "
         "its response are invented; so are the heartbeat and connection lines, and the healthy "
         "`HTTP/1.1 200 OK` response (only the 403 form is documented).",
         "`SMS_CLOUD_PROXYCONNECTOR` as the component name comes from the registry key named in KB4503442; "
         "`~~` stands for embedded line breaks (observed, not documented).",
         "CCM_STS.log is written here in CMTrace format with the exception as one multi-line record; the "
         "article shows only the text. `Current time` is written as the UTC of the record (the article's "
         "pair of times suggests UTC). The stack frame's parameter list is completed from the public "
         "Validators.ValidateLifetime signature.",
         "All ordinary texts (token issued/validated, service metadata requests, `Next retry in 10 "
         "minute(s)...`, MP list lines) are invented."],
        "configmgr/cmg")

    files["iis/README.md"] = readme(
        "iis", "IIS W3C log samples: client certificate rejections (403.7, 403.13, 403.16, 403.17)",
        "Management point IIS logs (`u_exYYMMDD.log`, W3C, times in UTC, UTF-8 without BOM as IIS 7.5+ writes\n"
        "them) with `#Fields:` headers. Three failure logs for `iis.client-cert-rejected` (one per\n"
        "sub-status story) and a healthy log. Addresses, host names, GUIDs, sizes and times are invented.",
        iis,
        [("403 7 (Client certificate required), 403 13 (Client certificate revoked), 403 16 (Client certificate is "
          "untrusted or invalid), 403 17 (Client certificate has expired or is not yet valid)", KB943891),
         ("GET /SMS_MP/.sms_aut SITESIGNCERT 443 - <IP_address_of_CMG_connectionpoint> SMS+CCM+5.0 - 403 7 0 5573 11",
          KB4503442 + " (MP IIS log; the `5573 11` tail read as sc-bytes and time-taken)"),
         ("403.16 (or 403.7) when a non-self-signed certificate is in Trusted Root", KB2802568),
         ("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
          "cs(Referer) sc-status sc-substatus sc-win32-status time-taken", "shared/reference/messages.md 4.3 "
          "[3P, various]: the default IIS field set")],
        ["Only the status codes and the KB4503442 line are documented; all other requests (CCM_POST "
         "/ccm_system/request, .sms_pol, MPKEYINFORMATIONEX, the SMS_MP_CONTROL_MANAGER checks from ::1, the "
         "401 2 5 Windows-authentication challenge) are plausible ConfigMgr traffic, not copied from a log.",
         "sc-win32-status 2148204809 (0x800B0109, CERT_E_UNTRUSTEDROOT) on the 403.16 lines is an assumption.",
         "IIS times in UTC: [3P], not confirmed by a Microsoft page in this pass.",
         "The second header block in `mp-client-cert-required` stands for an IIS restart."],
        "iis")

    files["configmgr/amt/README.md"] = readme(
        "amt", "Out-of-band management (Intel AMT) samples: amtopmgr.log and oobmgmt.log",
        "ConfigMgr 2007 SP2 out-of-band management: the service point's amtopmgr.log (SMS trace format) and\n"
        "the client's oobmgmt.log (CMTrace). A failure log for each confirmed text of `amt.cert-renewal`\n"
        "and a healthy pair. No sample states that an AMT certificate expired: no public source gives such\n"
        "a text (the pack's `amt.cert-expired-statement` signal is experimental and only has illustrative\n"
        "rule samples). Host names, addresses, SCCM ids and counts are invented.",
        amt,
        [(R_AMT_TLS, INTEL_TLS),
         (R_AMT_ACT, INTEL_TLS),
         (R_AMT_CHECK, INTEL_CHECK)],
        ["`SMS_AMT_OPERATION_MANAGER` as amtopmgr.log's component and `oobmgmt` as oobmgmt.log's are "
         "plausible, not documented.",
         "Every other amtopmgr.log and oobmgmt.log text (discovery and provision workers, `Discover <ip> with "
         "SCCM ID …`, audit log and power state lines, the renewal task line, `Called CheckCertificate "
         "provider method successfully`) is invented; messages.md marks the AMT renewal texts NOT CONFIRMED.",
         "The pairing of the two Intel texts a few seconds apart, and the retry schedule, are assumptions."],
        "configmgr/amt")
    files["servicemanager/README.md"] = readme(
        "sm", "System Center Service Manager samples: Windows event exports (Event Viewer XML)",
        "Event Viewer \"Save All Events As… XML\" exports (`<Events>` of one-line `<Event>` elements with\n"
        "`RenderingInfo`; times are UTC `SystemTime`, the host is `Computer`). `sm.cert.expired` needs a host\n"
        "that the input shows to be a Service Manager server, so each directory holds two logs of a host\n"
        "(or of two hosts): `cert-expired` (OpsMgr Connector 20051 on SCSM01) and `tls-expired` (Schannel\n"
        "alert 45 on SCSM01) must raise it; `other-host` (the expiry on OM01, Service Manager on SCSM01)\n"
        "must raise `om.cert.expired` for OM01 and no `sm.cert.expired`; `healthy` must raise nothing.\n"
        "Host names (`SCSM01.contoso.com`, `OM01.contoso.com`), management group names, record ids, GUIDs\n"
        "and the certificate dates are invented.",
        sm,
        [("The specified certificate could not be loaded because the certificate is not currently valid. Verify "
          "that the system time is correct and re-issue the certificate if necessary / Certificate Valid Start "
          "Time : … / Certificate Valid End Time : …", SOURCE_OM),
         (R_20053, SOURCE_OM),
         (R_36887 + " (EventData AlertDesc = 45)", SOURCE_SCHANNEL),
         ("Product: %1 - Update '%2' installed successfully. / Windows Installer reconfigured the product. "
          "Product Name: %1. Product Version: %2. …", SOURCE_MSI)],
        ["No Service Manager certificate text exists in any public source (messages.md 6.4); these samples "
         "therefore carry only generic expiry evidence (OpsMgr Connector, Schannel) and a record naming the "
         "product. The product name `System Center 2019 - Service Manager` and the update rollup names are "
         "assumptions.",
         "That a Service Manager management server's health service uses a certificate for the OpsMgr "
         "Connector (20051/20053) assumes the server is also an Operations Manager agent with certificate "
         "authentication (e.g. through a gateway); the shared health service itself is documented by the "
         "Service Manager team blog (2010-06-29).",
         "All ordinary events (HealthService 1201/1210/7019/7024, OpsMgr Connector 21025, Health Service "
         "Script 1010, Security-SPP, ESENT, RestartManager, SecurityCenter, Service Control Manager 7036) "
         "are written to be plausible; their texts are not from a source and no rule may rely on them.",
         "The Event Viewer XML layout (single-quoted attributes, RenderingInfo after EventData, one event "
         "per line) follows shared/reference/messages.md 7.3 and common exports; Keywords and Qualifiers "
         "values are plausible, not checked."],
        "servicemanager")
    for rel in [r for r in files if r.endswith("README.md")]:
        files[rel] = files[rel].encode("utf-8")
    return client + cmg + iis + amt + sm, files


if __name__ == "__main__":
    sys.exit(run(__doc__, build_all))
