#!/usr/bin/env python3
"""Generates the Windows event samples under samples/opsmgr/ and samples/windows/ (but not
samples/windows/evtx/, which holds real .evtx files), with their README.md files.

The committed samples are this script's output, byte for byte: Python standard library only, a
fixed seed per file and fixed dates (never the clock, the locale or the environment).

    python3 scripts/make_samples_events.py           # (re)write the samples
    python3 scripts/make_samples_events.py --check   # exit 1 if a committed file differs

Failure events quote the real message templates of ../shared/reference/messages.md (sections 5 and
6), filled with plausible values; every other event is synthetic (plausible, not copied from a real
log), and the READMEs say so.
"""

import datetime as dt
import random
import sys
from pathlib import Path

from samples_lib import T, check_requested, write_or_check

XMLNS = "http://schemas.microsoft.com/win/2004/08/events/event"
LEVEL_NAMES = {1: "Critical", 2: "Error", 3: "Warning", 4: "Information", 5: "Verbose"}


# --------------------------------------------------------------------------------------------------
# Providers: how each one writes its events (classic sources carry Qualifiers and positional data).

PROVIDERS = {
    "OpsMgr Connector": dict(classic=True, display="OpsMgr Connector", keywords="0x80000000000000"),
    "HealthService": dict(classic=True, display="HealthService", keywords="0x80000000000000", task=1,
                          task_name="Health Service"),
    "Health Service Modules": dict(classic=True, display="Health Service Modules",
                                   keywords="0x80000000000000", task=1, task_name="Health Service"),
    "Schannel": dict(guid="{1f678132-5938-4686-9fdc-c8ff68f15c85}", display="Schannel",
                     keywords="0x8000000000000000", user="S-1-5-18", pid=(744, 812)),
    "Service Control Manager": dict(guid="{555908d1-a6d7-4695-8e1e-26931d2012f4}",
                                    alias="Service Control Manager", qualifiers=16384,
                                    display="Service Control Manager", keywords="0x8080000000000000",
                                    pid=(676, 704)),
    "Microsoft-Windows-Time-Service": dict(guid="{06edcfeb-0fd0-4e53-acca-a6f8bbf81bcb}",
                                           display="Time-Service", keywords="0x8000000000000000",
                                           user="S-1-5-19", pid=(1180, 1420)),
    "Microsoft-Windows-GroupPolicy": dict(guid="{aea1b4fa-97d1-45f2-a64c-4d69fffd92c9}",
                                          display="GroupPolicy", keywords="0x8000000000000000",
                                          user="S-1-5-18", pid=(1012, 1096), task=0),
    "Microsoft-Windows-DNS-Client": dict(guid="{1c95126e-7eea-49a9-a3fe-a378b03ddb4d}",
                                         display="DNS Client Events", keywords="0x4000000000000000",
                                         user="S-1-5-20", pid=(1460, 1530), task=1014,
                                         task_name="(1014)"),
    "Microsoft-Windows-Security-SPP": dict(guid="{e23b33b0-c8c9-472c-a5f9-f2bdfea0f156}",
                                           alias="Software Protection Platform Service",
                                           display="Security-SPP", keywords="0x80000000000000"),
    "VSS": dict(classic=True, display="VSS", keywords="0x80000000000000"),
    "Microsoft-Windows-User Profiles Service": dict(guid="{89b1e9f0-5aff-44a6-9b44-0a07a7ce5845}",
                                                    display="User Profile Service",
                                                    keywords="0x8000000000000000",
                                                    user="S-1-5-18", pid=(1240, 1290)),
    "Microsoft-Windows-CertificateServicesClient-AutoEnrollment": dict(
        guid="{f0db7ef8-b6f3-4005-9937-feb77b9e1b43}", alias="AutoEnrollment",
        display="CertificateServicesClient-AutoEnrollment", keywords="0x8000000000000000",
        user="S-1-5-18", pid=(1096, 1180)),
    "Microsoft-Windows-CertificateServicesClient-CertEnroll": dict(
        guid="{54164045-7c50-4905-963f-e5bc1eef0cca}", alias="CertEnroll",
        display="CertificateServicesClient-CertEnroll", keywords="0x8000000000000000",
        user="S-1-5-18", pid=(1096, 1180)),
}

AE = "Microsoft-Windows-CertificateServicesClient-AutoEnrollment"
CE = "Microsoft-Windows-CertificateServicesClient-CertEnroll"


class Ev:
    """One event as the event log holds it; renderers turn it into an export's text."""

    def __init__(self, t, provider, eid, level, msg, data=(), mark=None):
        self.t = t  # UTC
        self.provider = provider
        self.eid = eid
        self.level = level
        self.msg = msg
        self.data = list(data)  # (name or None, value)
        self.mark = mark  # the signal or near miss this event stands for, for the README
        self.record_id = 0
        self.pid = 0
        self.tid = 0
        self.fraction = 0  # 100 ns units
        p = PROVIDERS[provider]
        self.classic = p.get("classic", False)

    @property
    def p(self):
        return PROVIDERS[self.provider]


# --------------------------------------------------------------------------------------------------
# Real message templates (../shared/reference/messages.md and its sources). Do not edit: the rules
# are tested against them.

def m20053():
    return "The OpsMgr Connector has loaded the specified authentication certificate successfully."


def m20051(start, end):
    return ("The specified certificate could not be loaded because the certificate is not currently valid. "
            "Verify that the system time is correct and re-issue the certificate if necessary\r\n"
            f" Certificate Valid Start Time : {start}\r\n Certificate Valid End Time : {end}")


def m20050():
    return ("The specified certificate could not be loaded because the Enhanced Key Usage that's specified "
            "doesn't meet OpsMgr requirements. The certificate must have the following usage types: \r\n \r\n"
            " Server Authentication (1.3.6.1.5.5.7.3.1)\r\n Client Authentication (1.3.6.1.5.5.7.3.2)\r\n")


def m20069():
    return "The specified certificate could not be loaded because the KeySpec must be AT_KEYEXCHANGE"


REG = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Microsoft Operations Manager\3.0\Machine Settings"


def m20068(code, text):
    return (f"The certificate that is specified in the registry at {REG} cannot be used for authentication "
            "because the certificate does not contain a usable private key or because the private key is "
            f"not present. The error is {code}({text}).")


def m20077(code, text):
    return (f"The certificate that is specified in the registry at {REG} cannot be used for authentication "
            f"because the certificate cannot be queried for property information. The specific error is "
            f"{code}({text}).\r\n \r\n. This typically means that no private key was included with the "
            "certificate. Please double-check to make sure that the certificate contains a private key.")


def m21036(code, text):
    return (f"The certificate that is specified in the registry at {REG} cannot be used for authentication. "
            f"The error is {code}({text}).")


def m20066():
    return ("A certificate for use with Mutual Authentication was specified. However, that certificate could "
            "not be found. The ability for this Health Service to communicate will likely be affected.")


def m21021():
    return ("No certificate could be loaded or created. This Health Service will be unable to communicate with "
            "other health services. Look for previous events in the event log for more detail.")


def m21022():
    return ("No certificate was specified. This Health Service will be unable to communicate with other health "
            "services unless those health services are in a domain that has a trust relationship with this "
            "domain. If this health service has to communicate with health services in untrusted domains, "
            "please configure a certificate.")


def m20072(cert, code, text):
    return f"The remote certificate {cert} was not trusted. The error is {code}({text})."


def m20070(server):
    return (f"The OpsMgr Connector connected to {server}, but the connection was closed immediately after "
            "authentication occurred. The most likely cause of this error is that the agent is not authorized "
            "to communicate with the server, or the server has not received configuration. Check the event "
            "log on the server for the presence of 20000 events, indicating that agents which are not "
            "approved are attempting to connect.")


def m20000(device):
    return ("A device which is not part of this management group has attempted to access this Health "
            f"Service\r\nRequesting Device Name : {device}")


def m20071(server):
    return (f"The OpsMgr Connector connected to {server}, but the connection was closed immediately without "
            "authentication taking place. The most likely cause of this error is a failure to authenticate "
            "either this agent or the server. Check the event log on the server and on the agent for events "
            "which indicate a failure to authenticate.")


def m21001(server):
    return (f"The OpsMgr Connector could not connect to {server} because mutual authentication failed. Verify "
            "that the SPN is registered correctly on the server and that, if the server is in a separate "
            "domain, there is a full-trust relationship between the two domains.")


def m21007(server):
    return (f"The OpsMgr Connector cannot create a mutually authenticated connection to {server} because it is "
            "not in a trusted domain.")


def m20057(target, code, text):
    return (f"Failed to initialize security context for target {target} The error returned is {code}({text}). "
            "This error can apply to either the Kerberos or the SChannel package.")


E10060 = ("A connection attempt failed because the connected party did not properly respond after a period of "
          "time, or established connection failed because connected host has failed to respond.")
E10061 = "No connection could be made because the target machine actively refused it."


def m21006(server, port, code, text):
    return (f"The OpsMgr Connector could not connect to {server}:{port}. The error code is {code}({text}). "
            "Please verify there is network connectivity, the server is running and has registered its "
            "listening port, and there are no firewalls blocking traffic to the destination.")


def m21016(server):
    return (f"OpsMgr was unable to set up a communications channel to {server} and there are no failover "
            f"hosts.  Communication will resume when {server} is available and communication from this "
            "computer is allowed.")


def m21024(mg, cookie):
    return (f"OpsMgr's configuration may be out-of-date for management group {mg}, and has requested updated "
            f"configuration from the Configuration Service.  The current(out-of-date) state cookie is "
            f"\"{cookie}\"")


def m21023(mg):
    return (f"OpsMgr has no configuration for management group {mg} and is requesting new configuration from "
            "the Configuration Service.")


# Schannel (System log).
def s36887(code):
    return f"A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is {code}."


def s36888(code, target=None):
    if target is None:
        return (f"A fatal alert was generated and sent to the remote endpoint. This may result in termination "
                f"of the connection. The TLS protocol defined fatal error code is {code}. The Windows SChannel "
                f"error state is {STATE[code]}.")
    return (f"A fatal alert was generated and sent to the remote endpoint. This may result in termination of "
            f"the connection. The TLS protocol defined fatal alert code is {code}.\r\n\r\n   Target name: "
            f"{target}\r\n\r\nThe TLS alert registry can be found at "
            "http://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-6")


STATE = {40: 1205, 42: 1203, 44: 583, 45: 585, 46: 1301, 48: 552, 20: 960, 70: 1206}


def s36882():
    return ("The certificate received from the remote server was issued by an untrusted certificate authority. "
            "Because of this, none of the data contained in the certificate can be validated. The TLS "
            "connection request has failed. The attached data contains the server certificate.")


def s36881():
    return ("The certificate received from the remote server has either expired or is not yet valid. The TLS "
            "connection request has failed. The attached data contains the server certificate.")


def s36883():
    return ("The certificate received from the remote server has been revoked. This means that the certificate "
            "authority that issued the certificate has invalidated it. The TLS connection request has failed. "
            "The attached data contains the server certificate.")


def s36884(name):
    return ("The certificate received from the remote server does not contain the expected name. It is "
            "therefore not possible to determine whether we are connecting to the correct server. The server "
            f"name we were expecting is {name}. The TLS connection request has failed. The attached data "
            "contains the server certificate.")


def s36877(code):
    return ("The certificate received from the remote client application has not validated correctly. The error "
            f"code is {code}. The attached data contains the client certificate.")


def s36875():
    return ("The remote server has requested TLS client authentication, but no suitable client certificate "
            "could be found. An anonymous connection will be attempted. This TLS connection request may succeed "
            "or fail, depending on the server's policy settings.")


def s36870(role, code, state):
    return (f"A fatal error occurred when attempting to access the TLS {role} credential private key. The error "
            f"code returned from the cryptographic module is {code}. The internal error state is {state}.")


def s36871(role, state):
    return f"A fatal error occurred while creating a TLS {role} credential. The internal error state is {state}."


def s36874():
    return ("An TLS 1.0 connection request was received from a remote client application, but none of the cipher "
            "suites supported by the client application are supported by the server. The TLS connection "
            "request has failed.")


def s36880(role, proto, suite, bits, target, local, remote):
    return (f"A TLS {role} handshake completed successfully. The negotiated cryptographic parameters are as "
            f"follows.\r\n\r\n   Protocol version: {proto}\r\n   CipherSuite: {suite}\r\n   Exchange strength: "
            f"{bits} bits\r\n   Context handle: 0x{random.Random(bits).randrange(1 << 40):x}\r\n   Target name: "
            f"{target}\r\n   Local certificate subject name: {local}\r\n   Remote certificate subject name: {remote}")


# AutoEnrollment and CertEnroll (Application log).
def a6(context, code, text):
    return f"Automatic certificate enrollment for {context} failed ({code}) {text}"


def a15(context, code, text):
    return (f"Automatic certificate enrollment for {context} failed to contact the active directory ({code}). "
            f"{text} Enrollment will not be performed.")


def a1(context, store, url, code, text):
    return (f"Automatic certificate enrollment for {context} failed to download certificates for {store} store "
            f"from {url} ({code}). {text}")


def a64(context, thumb):
    return f"Certificate for {context} with Thumbprint {thumb} is about to expire or already expired."


def c13(context, template, ca, error):
    return (f"Certificate enrollment for {context} failed to enroll for a {template} certificate with request ID "
            f"N/A from {ca} ({error}).")


def c17(context, template, ca, error):
    return (f"Certificate enrollment for {context} failed to enroll for a {template} certificate from "
            f"certification authority {ca} ({error}). Another certification authority will be contacted.")


def c19(context, template, rid, ca):
    return (f"Certificate enrollment for {context} successfully received a {template} certificate with request "
            f"ID {rid} from certification authority {ca}.")


def c20(context, template, rid, ca):
    return (f"Certificate enrollment for {context} successfully renewed a {template} certificate with request "
            f"ID {rid} from certification authority {ca}.")


def c46(context, template):
    return (f"Certificate enrollment for {context} could not enroll for a {template} certificate.  Read or "
            "enrollment access is not allowed for this template.")


def c47(context, template):
    return (f"Certificate enrollment for {context} could not enroll for a {template} certificate.  A valid "
            "certification authority cannot be found to issue this template.")


def c52(context, template, ca):
    return f"The CA certificate for {ca} is not trusted. Certificate enrollment for {context} for a {template} certificate failed."


def c64(context, server):
    return f"Certificate enrollment for {context} successfully load policy from policy server {server}"


def c65(context, server, policy):
    return (f"Certificate enrollment for {context} is successfully authenticated by policy server {server} using "
            f"authentication mechanism Kerberos (Credential: ). Policy Id: {policy}")


RPC_ERR = "The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)"
DENIED_ERR = "Access is denied. 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)"
CA1 = r"ca01.contoso.com\Contoso Issuing CA 1"
CA2 = r"ca02.contoso.com\Contoso Issuing CA 2"
POLICY_ID = "{3B2F8A61-5C4E-4D17-9A0B-7E6C21D4F588}"

# --------------------------------------------------------------------------------------------------
# Synthetic ordinary events (plausible texts, not copied from real logs).


def utf16_hex(text):
    return (text + "\0").encode("utf-16-le").hex().upper()


SERVICES = [
    ("Windows Modules Installer", "TrustedInstaller"), ("Windows Update", "wuauserv"),
    ("Background Intelligent Transfer Service", "BITS"), ("WinHTTP Web Proxy Auto-Discovery Service", "WinHttpAutoProxySvc"),
    ("Windows Error Reporting Service", "WerSvc"), ("Device Setup Manager", "DsmSvc"),
    ("Microsoft Account Sign-in Assistant", "wlidsvc"), ("Software Protection", "sppsvc"),
    ("Network Setup Service", "NetSetupSvc"), ("Diagnostic System Host", "WdiSystemHost"),
]


def scm_7036(rng, t, host):
    name, key = rng.choice(SERVICES)
    state = rng.choice(["running", "stopped"])
    return Ev(t, "Service Control Manager", 7036, 4, f"The {name} service entered the {state} state.",
              [("param1", name), ("param2", state), ("Binary", utf16_hex(f"{key}/{4 if state == 'running' else 1}"))])


def time_37(rng, t, host, dc):
    return Ev(t, "Microsoft-Windows-Time-Service", 37, 4,
              f"The time provider NtpClient is currently receiving valid time data from {dc} "
              f"(ntp.d|10.20.0.10:123->{rng.choice(['10.20.4.21', '10.20.4.22', '10.20.8.40'])}:123).",
              [("TimeSource", f"{dc} (ntp.d|10.20.0.10:123->10.20.4.21:123)")])


def gpo_1500(rng, t, host, dc):
    ms = rng.randrange(700, 4200)
    return Ev(t, "Microsoft-Windows-GroupPolicy", 1500, 4,
              "The Group Policy settings for the computer were processed successfully. There were no changes "
              "detected since the last successful processing of Group Policy.",
              [("SupportInfo1", "1"), ("SupportInfo2", "3221"), ("ProcessingMode", "0"),
               ("ProcessingTimeInMilliseconds", str(ms)), ("DCName", f"\\\\{dc}"),
               ("NumberOfGroupPolicyObjects", "6")])


def dns_1014(rng, t, host):
    name = rng.choice(["wpad.contoso.com", "wpad", "isatap.contoso.com"])
    return Ev(t, "Microsoft-Windows-DNS-Client", 1014, 3,
              f"Name resolution for the name {name} timed out after none of the configured DNS servers responded.",
              [("QueryName", name), ("AddressLength", "128"), ("Address", "1700000000000000")])


def spp_16384(rng, t, host):
    later = t + dt.timedelta(hours=rng.randrange(20, 30), minutes=rng.randrange(60))
    stamp = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    return Ev(t, "Microsoft-Windows-Security-SPP", 16384, 4,
              f"Successfully scheduled Software Protection service for re-start at {stamp}. Reason: RulesEngine.",
              [(None, stamp), (None, "RulesEngine")])


def vss_8224(rng, t, host):
    return Ev(t, "VSS", 8224, 4, "The VSS service is shutting down due to idle timeout. ", [(None, "")])


def profile_1531(rng, t, host):
    return Ev(t, "Microsoft-Windows-User Profiles Service", 1531, 4, "The User Profile Service has started successfully.")


def system_filler(rng, t, host, dc):
    kind = rng.random()
    if kind < 0.62:
        return scm_7036(rng, t, host)
    if kind < 0.80:
        return time_37(rng, t, host, dc)
    if kind < 0.95:
        return gpo_1500(rng, t, host, dc)
    return dns_1014(rng, t, host)


def application_filler(rng, t, host):
    kind = rng.random()
    if kind < 0.45:
        return spp_16384(rng, t, host)
    if kind < 0.75:
        return vss_8224(rng, t, host)
    return profile_1531(rng, t, host)


MPS = [("Microsoft.SystemCenter.Library", "10.19.10050.0"), ("Microsoft.Windows.Library", "10.19.10050.0"),
       ("Microsoft.Windows.Server.2016.Discovery", "10.1.0.1"), ("Microsoft.Windows.Server.2016.Monitoring", "10.1.0.1"),
       ("Microsoft.SQLServer.Windows.Discovery", "7.0.32.0"), ("Microsoft.SystemCenter.HealthService.Library", "10.19.10050.0")]


def hexcookie(rng, n=20):
    return " ".join(f"{rng.randrange(256):02X}" for _ in range(n))


def opsmgr_filler(rng, t, host, mg, account):
    kind = rng.random()
    if kind < 0.35:
        return Ev(t, "HealthService", 7026, 4,
                  f"The Health Service successfully logged on the RunAs account {account} for management group {mg}.",
                  [(None, account), (None, mg)])
    if kind < 0.60:
        mp, ver = rng.choice(MPS)
        return Ev(t, "HealthService", 1201, 4, f"New Management Pack with id:\"{mp}\", version:\"{ver}\" received.",
                  [(None, mp), (None, ver)])
    if kind < 0.80:
        cookie = hexcookie(rng)
        return Ev(t, "HealthService", 1210, 4,
                  f"New configuration became active. Management group \"{mg}\", configuration id:\"{cookie}\".",
                  [(None, mg), (None, cookie)])
    if kind < 0.92:
        cookie = hexcookie(rng)
        return Ev(t, "HealthService", 1200, 4,
                  f"New Management Pack(s) requested. Management group \"{mg}\", configuration id:\"{cookie}\".",
                  [(None, mg), (None, cookie)])
    cookie = hexcookie(rng)
    return Ev(t, "OpsMgr Connector", 21024, 4, m21024(mg, cookie), [(None, mg), (None, cookie)])


def fill(rng, start, end, make, mean_minutes):
    """Ordinary events from start to end, on average one per mean_minutes."""
    out = []
    t = start + dt.timedelta(seconds=rng.randrange(30, 600))
    while t < end:
        out.append(make(t))
        t += dt.timedelta(seconds=rng.randrange(int(mean_minutes * 30), int(mean_minutes * 90)))
    return out


# --------------------------------------------------------------------------------------------------
# Exports.


def xml_escape(text, quote="'"):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace(quote, "&apos;" if quote == "'" else "&quot;")


def system_time(ev):
    if ev.classic:
        return ev.t.strftime("%Y-%m-%dT%H:%M:%S") + ".000000000Z"
    return ev.t.strftime("%Y-%m-%dT%H:%M:%S") + f".{ev.fraction:07d}Z"


def qualifiers(ev):
    if ev.classic:
        return {2: 49152, 3: 32768}.get(ev.level, 16384)
    return ev.p.get("qualifiers")


def system_parts(ev, channel, host, q):
    """The System element's children as (tag, attributes, text) in the order Windows writes them."""
    p = ev.p
    prov = [("Name", ev.provider)]
    if p.get("guid"):
        prov.append(("Guid", p["guid"]))
    if p.get("alias"):
        prov.append(("EventSourceName", p["alias"]))
    parts = [("Provider", prov, None)]
    qual = qualifiers(ev)
    parts.append(("EventID", [("Qualifiers", str(qual))] if qual is not None else [], str(ev.eid)))
    if not ev.classic:
        parts.append(("Version", [], "0"))
    parts.append(("Level", [], str(ev.level)))
    parts.append(("Task", [], str(p.get("task", 0))))
    if not ev.classic:
        parts.append(("Opcode", [], "0"))
    parts.append(("Keywords", [], p["keywords"]))
    parts.append(("TimeCreated", [("SystemTime", system_time(ev))], None))
    parts.append(("EventRecordID", [], str(ev.record_id)))
    if not ev.classic:
        parts.append(("Correlation", [], None))
        parts.append(("Execution", [("ProcessID", str(ev.pid)), ("ThreadID", str(ev.tid))], None))
    parts.append(("Channel", [], channel))
    parts.append(("Computer", [], host))
    parts.append(("Security", [("UserID", p["user"])] if p.get("user") else [], None))
    return parts


def data_parts(ev):
    out = []
    for name, value in ev.data:
        if name == "Binary":
            out.append(("Binary", [], value))
        else:
            out.append(("Data", [("Name", name)] if name else [], value))
    return out


def text_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def element(tag, attrs, text, q):
    a = "".join(f" {k}={q}{xml_escape(v, q)}{q}" for k, v in attrs)
    if text is None or text == "":
        return f"<{tag}{a}/>" if q == "'" else f"<{tag}{a} />"
    return f"<{tag}{a}>{text_escape(text)}</{tag}>"


def render_wevtutil_xml(events, channel, host):
    """`wevtutil qe <log> /f:xml`: one event to a line, attributes in single quotes, no message."""
    lines, at = [], {}
    for ev in events:
        s = "".join(element(t, a, x, "'") for t, a, x in system_parts(ev, channel, host, "'"))
        d = "".join(element(t, a, x, "'") for t, a, x in data_parts(ev))
        at[id(ev)] = len(lines) + 1
        data = f"<EventData>{d}</EventData>" if d else "<EventData/>"
        lines.append(f"<Event xmlns='{XMLNS}'><System>{s}</System>{data}</Event>")
    return lines, at


def render_evxml(events, channel, host):
    """Event Viewer "Save All Events As… XML", pretty-printed, with RenderingInfo/Message."""
    lines = ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>', "<Events>"]
    at = {}
    for ev in events:
        at[id(ev)] = len(lines) + 1
        lines.append(f'  <Event xmlns="{XMLNS}">')
        lines.append("    <System>")
        for t, a, x in system_parts(ev, channel, host, '"'):
            lines.append("      " + element(t, a, x, '"'))
        lines.append("    </System>")
        parts = data_parts(ev)
        if parts:
            lines.append("    <EventData>")
            for t, a, x in parts:
                lines.append("      " + element(t, a, x, '"'))
            lines.append("    </EventData>")
        else:
            lines.append("    <EventData />")
        lines.append('    <RenderingInfo Culture="en-US">')
        msg = text_escape(ev.msg).split("\r\n")
        msg[0] = "      <Message>" + msg[0]
        msg[-1] = msg[-1] + "</Message>"
        lines.extend(msg)
        lines.append(f"      <Level>{LEVEL_NAMES[ev.level]}</Level>")
        lines.append(f"      <Task>{ev.p.get('task_name', 'None')}</Task>")
        lines.append("      <Opcode>Info</Opcode>")
        lines.append(f"      <Channel>{channel}</Channel>")
        lines.append(f"      <Provider>{xml_escape(ev.p['display'], chr(34))}</Provider>")
        if ev.classic or ev.provider == "Service Control Manager":
            lines.append("      <Keywords>")
            lines.append("        <Keyword>Classic</Keyword>")
            lines.append("      </Keywords>")
        else:
            lines.append("      <Keywords />")
        lines.append("    </RenderingInfo>")
        lines.append("  </Event>")
    lines.append("</Events>")
    return lines, at


def us_time(t):
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d}:{t.second:02d} {'AM' if t.hour < 12 else 'PM'}"


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def render_csv(events, channel, host, offset):
    """Event Viewer "Save All Events As… CSV": newest first, local time, message as an unnamed
    trailing field."""
    lines = ["Level,Date and Time,Source,Event ID,Task Category"]
    at = {}
    for ev in sorted(events, key=lambda e: (e.t, e.record_id), reverse=True):
        at[id(ev)] = len(lines) + 1
        row = (f"{LEVEL_NAMES[ev.level]},{us_time(ev.t + offset)},{ev.p['display']},{ev.eid},"
               f"{ev.p.get('task_name', 'None')},{csv_field(ev.msg)}")
        lines.extend(row.split("\r\n"))
    return lines, at


def render_text(events, channel, host, offset):
    """`wevtutil qe <log> /f:text`: Event[N] blocks, local time, the description unindented."""
    lines, at = [], {}
    for n, ev in enumerate(events):
        at[id(ev)] = len(lines) + 1
        local = ev.t + offset
        user = ev.p.get("user")
        lines += [f"Event[{n}]:", f"  Log Name: {channel}", f"  Source: {ev.provider}",
                  f"  Date: {local.strftime('%Y-%m-%dT%H:%M:%S')}.{ev.fraction // 10000:03d}",
                  f"  Event ID: {ev.eid}", f"  Task: {ev.p.get('task_name', 'N/A')}",
                  f"  Level: {LEVEL_NAMES[ev.level]}", "  Opcode: Info",
                  f"  Keyword: {'Classic' if ev.classic else 'N/A'}", f"  User: {user or 'N/A'}",
                  f"  User Name: {USER_NAMES.get(user, 'N/A')}", f"  Computer: {host}", "  Description: "]
        lines += ev.msg.split("\r\n")
    return lines, at


USER_NAMES = {"S-1-5-18": r"NT AUTHORITY\SYSTEM", "S-1-5-19": r"NT AUTHORITY\LOCAL SERVICE",
              "S-1-5-20": r"NT AUTHORITY\NETWORK SERVICE"}


def wrap(text, width):
    """Wraps one line at spaces the way Format-List wraps long values."""
    out = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = width
        out.append(text[:cut].rstrip())
        text = text[cut:].lstrip(" ")
    out.append(text)
    return out


def render_format_list(events, channel, host, offset, props=("TimeCreated", "ProviderName", "Id", "Message"),
                       width=120):
    """`Get-WinEvent … | Format-List` (the default list view, or the properties given): newest
    first, local time, values continued on lines indented to the value column."""
    label = max(len(p) for p in props)
    indent = " " * (label + 3)
    lines = ["", ""]
    at = {}
    for ev in sorted(events, key=lambda e: (e.t, e.record_id), reverse=True):
        at[id(ev)] = len(lines) + 1
        values = {"TimeCreated": us_time(ev.t + offset), "ProviderName": ev.provider, "Id": str(ev.eid),
                  "LevelDisplayName": LEVEL_NAMES[ev.level], "MachineName": host, "LogName": channel,
                  "Message": ev.msg}
        for p in props:
            pieces = []
            for raw in values[p].split("\r\n"):
                pieces += wrap(raw, width - len(indent)) if raw.strip() else [""]
            for k, piece in enumerate(pieces):
                if k == 0:
                    lines.append(f"{p.ljust(label)} : {piece}")
                else:
                    lines.append(indent + piece if piece else "")
        lines.append("")
    lines.append("")
    lines.append("")
    return lines, at


def render_plain(lines):
    return list(lines), {}


RENDERERS = {"wevtutil-xml": render_wevtutil_xml, "evxml": render_evxml}

FORMAT_NAMES = {
    "wevtutil-xml": "event-xml (wevtutil qe /f:xml, one event per line, no message)",
    "evxml": "event-xml (Event Viewer Save As XML, pretty-printed, RenderingInfo/Message)",
    "csv": "event-csv (Event Viewer Save As CSV, newest first)",
    "text": "event-text (wevtutil qe /f:text)",
    "format-list": "event-text (Get-WinEvent | Format-List, newest first)",
    "plain": "cert-text (certutil or Format-List listing)",
}


class Sample:
    def __init__(self, rel, fmt, channel, host, events=None, lines=None, encoding="utf-8", newline="\r\n",
                 offset_hours=0, props=None, scenario="", expect="", seed=0, tz_note=""):
        self.rel, self.fmt, self.channel, self.host = rel, fmt, channel, host
        self.events = sorted(events or [], key=lambda e: e.t)
        self.raw_lines = lines
        self.encoding, self.newline = encoding, newline
        self.offset = dt.timedelta(hours=offset_hours)
        self.props = props
        self.scenario, self.expect = scenario, expect
        self.seed = seed
        self.tz_note = tz_note
        rng = random.Random(seed * 7919 + 17)
        rid = rng.randrange(20000, 400000)
        for ev in self.events:
            rid += 1
            ev.record_id = rid
            lo, hi = ev.p.get("pid", (0, 0))
            ev.pid = rng.randrange(lo, hi + 1) // 4 * 4 if hi else 0
            ev.tid = rng.randrange(400, 12000) // 4 * 4 if hi else 0
            ev.fraction = 0 if ev.classic else rng.randrange(10 ** 7)

    def render(self):
        if self.fmt == "plain":
            self.lines, self.at = render_plain(self.raw_lines)
        elif self.fmt in RENDERERS:
            self.lines, self.at = RENDERERS[self.fmt](self.events, self.channel, self.host)
        elif self.fmt == "csv":
            self.lines, self.at = render_csv(self.events, self.channel, self.host, self.offset)
        elif self.fmt == "text":
            self.lines, self.at = render_text(self.events, self.channel, self.host, self.offset)
        else:
            props = self.props or ("TimeCreated", "ProviderName", "Id", "Message")
            self.lines, self.at = render_format_list(self.events, self.channel, self.host, self.offset, props)
        text = self.newline.join(self.lines) + self.newline
        if self.encoding == "utf-16le-bom":
            return b"\xff\xfe" + text.encode("utf-16-le")
        if self.encoding == "utf-8-bom":
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        return text.encode("utf-8")


# --------------------------------------------------------------------------------------------------
# Operations Manager scenarios.

MG = "CONTOSO-MG"
MS = "MS01.contoso.com"
ACCOUNT = r"CONTOSO\svc-scom-action"


def om_start(t, host, cert=True):
    """What the connector logs at a health service start."""
    out = []
    if cert:
        out.append(Ev(t, "OpsMgr Connector", 20053, 4, m20053(), mark="om.connector.cert-loaded"))
    else:
        out.append(Ev(t, "OpsMgr Connector", 21022, 3, m21022(), mark="21022 (normal without a certificate)"))
    return out


def om_config(rng, t):
    cookie = hexcookie(rng)
    return [Ev(t, "HealthService", 1200, 4,
               f"New Management Pack(s) requested. Management group \"{MG}\", configuration id:\"{cookie}\".",
               [(None, MG), (None, cookie)]),
            Ev(t + dt.timedelta(seconds=rng.randrange(20, 90)), "HealthService", 1210, 4,
               f"New configuration became active. Management group \"{MG}\", configuration id:\"{cookie}\".",
               [(None, MG), (None, cookie)])]


def ev21006(t, server, code="10060L", text=E10060, port="5723"):
    return Ev(t, "OpsMgr Connector", 21006, 2, m21006(server, port, code, text),
              [(None, server), (None, port), (None, code), (None, text)], mark="om.connector.connect-failed")


def ev21016(t, server):
    return Ev(t, "OpsMgr Connector", 21016, 2, m21016(server), [(None, server)],
              mark="om.connector.no-failover")


def opsmgr_samples():
    out = []

    # 1. A gateway whose certificate expired; the channel fails within minutes; a new certificate is
    # imported and loads (20053) the same afternoon.
    rng = random.Random(101)
    host, gw_server = "GW01.dmz.contoso.com", MS
    ev = fill(rng, T(2024, 2, 12, 0, 0), T(2024, 2, 15, 18, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 22)
    ev = [e for e in ev if not (T(2024, 2, 14, 13, 5) <= e.t <= T(2024, 2, 14, 16, 45))]
    ev += om_start(T(2024, 2, 12, 6, 14, 2), host) + om_config(rng, T(2024, 2, 12, 6, 14, 40))
    start, end = "2/14/2023 11:31:44 AM", "2/14/2024 11:31:44 AM"
    for t in [T(2024, 2, 14, 13, 5, 12), T(2024, 2, 14, 14, 20, 3)]:
        ev.append(Ev(t, "OpsMgr Connector", 20051, 2, m20051(start, end), [(None, start), (None, end)],
                     mark="om.connector.cert-not-valid"))
        ev.append(ev21006(t + dt.timedelta(seconds=31), gw_server))
        ev.append(ev21016(t + dt.timedelta(seconds=31), gw_server))
        for k in range(1, 4):
            ev.append(ev21016(t + dt.timedelta(minutes=15 * k, seconds=2), gw_server))
    ev += om_start(T(2024, 2, 14, 16, 42, 51), host) + om_config(rng, T(2024, 2, 14, 16, 43, 30))
    out.append(Sample("opsmgr/om-expired-then-fixed/OperationsManager.xml", "wevtutil-xml", "Operations Manager",
                      host, ev, seed=101,
                      scenario="Gateway GW01 in the DMZ, Feb 2024: its certificate (valid to 2/14/2024 11:31:44 AM) "
                               "expires; at the next starts the connector logs 20051, then 21006 and 21016 within a "
                               "minute; a new certificate is imported and loads (20053) at 16:42",
                      expect="om.cert.expired (resolved at the 20053 of 16:42:51), om.cert.loaded; om.channel.down and "
                             "cert.expired superseded"))

    # 2. An agent in a workgroup DMZ: expired certificate, not fixed.
    rng = random.Random(102)
    host = "WEBDMZ02.dmz.contoso.com"
    ev = fill(rng, T(2025, 11, 3, 8, 0), T(2025, 11, 5, 9, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 16)
    ev += om_start(T(2025, 11, 3, 8, 2, 11), host) + om_config(rng, T(2025, 11, 3, 8, 2, 50))
    start, end = "11/3/2024 2:17:09 AM", "11/4/2025 2:17:09 AM"
    t = T(2025, 11, 4, 3, 0, 4)
    while t < T(2025, 11, 5, 9, 0):
        ev.append(Ev(t, "OpsMgr Connector", 20051, 2, m20051(start, end), [(None, start), (None, end)],
                     mark="om.connector.cert-not-valid"))
        ev.append(ev21016(t + dt.timedelta(seconds=44), "GW01.dmz.contoso.com"))
        t += dt.timedelta(hours=6, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    out.append(Sample("opsmgr/om-expired/OperationsManager.xml", "evxml", "Operations Manager", host, ev, seed=102,
                      scenario="Agent WEBDMZ02 reporting to gateway GW01, Nov 2025: its certificate expired on "
                               "11/4/2025 2:17:09 AM and every restart of the health service logs 20051 and 21016; not "
                               "fixed",
                      expect="om.cert.expired (unresolved); om.channel.down and cert.expired superseded"))

    # 3. The channel alone fails: a firewall change blocks 5723 for an afternoon.
    rng = random.Random(103)
    host = "APP04.contoso.com"
    ev = fill(rng, T(2025, 6, 9, 7, 0), T(2025, 6, 11, 12, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 20)
    ev = [e for e in ev if not (T(2025, 6, 10, 13, 40) <= e.t <= T(2025, 6, 10, 17, 25))]
    ev += om_start(T(2025, 6, 9, 7, 3, 12), host, cert=False) + om_config(rng, T(2025, 6, 9, 7, 3, 40))
    t = T(2025, 6, 10, 13, 41, 7)
    ev.append(ev21006(t, MS))
    ev.append(ev21016(t, MS))
    t += dt.timedelta(minutes=2)
    while t < T(2025, 6, 10, 17, 20):
        ev.append(ev21006(t, MS))
        t += dt.timedelta(minutes=rng.choice([14, 15, 16]), seconds=rng.randrange(60))
    ev += om_config(rng, T(2025, 6, 10, 17, 24, 31))
    out.append(Sample("opsmgr/om-channel-down/OperationsManager.csv", "csv", "Operations Manager", host, ev,
                      encoding="utf-8-bom", seed=103,
                      scenario="Agent APP04 (Kerberos, no certificate), June 2025: a firewall change blocks TCP 5723 "
                               "to MS01 for an afternoon; 21006 (10060L) every 15 minutes and one 21016; no "
                               "certificate or authentication event",
                      expect="om.channel.down (warning, confidence high)"))

    # 4. A certificate with the wrong usage: 20050, then after a re-issue 20069.
    rng = random.Random(104)
    host = "GW02.partner.contoso.com"
    ev = fill(rng, T(2025, 3, 16, 9, 0), T(2025, 3, 18, 16, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 14)
    ev += [Ev(T(2025, 3, 16, 9, 1, 7), "OpsMgr Connector", 21022, 3, m21022(), mark="21022 (normal without a certificate)")]
    ev.append(Ev(T(2025, 3, 17, 10, 12, 33), "OpsMgr Connector", 20050, 2, m20050(), mark="om.connector.cert-bad-eku"))
    ev.append(ev21016(T(2025, 3, 17, 10, 13, 2), MS))
    ev.append(Ev(T(2025, 3, 17, 15, 48, 9), "OpsMgr Connector", 20069, 2, m20069(), mark="om.connector.cert-bad-keyspec"))
    ev.append(ev21016(T(2025, 3, 17, 15, 48, 40), MS))
    ev.append(Ev(T(2025, 3, 18, 8, 30, 15), "OpsMgr Connector", 20069, 2, m20069(), mark="om.connector.cert-bad-keyspec"))
    ev.append(ev21016(T(2025, 3, 18, 8, 30, 46), MS))
    out.append(Sample("opsmgr/om-bad-usage/OperationsManager.txt", "text", "Operations Manager", host, ev, seed=104,
                      scenario="New gateway GW02 in a partner forest, March 2025: the first certificate lacks the "
                               "Client Authentication EKU (20050); the re-issued one has a CNG key (20069); the "
                               "channel stays down (21016)",
                      expect="om.cert.bad-usage (both facts); om.channel.down superseded"))

    # 5. A certificate imported without its private key.
    rng = random.Random(105)
    host = "SQLDMZ01.dmz.contoso.com"
    ev = fill(rng, T(2025, 8, 31, 6, 0), T(2025, 9, 2, 14, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 16)
    ev += om_start(T(2025, 9, 1, 6, 1, 2), host) + om_config(rng, T(2025, 9, 1, 6, 1, 40))
    ev.append(Ev(T(2025, 9, 1, 11, 21, 5), "OpsMgr Connector", 20077, 2,
                 m20077("0x80092004", "Cannot find object or property."),
                 [(None, REG), (None, "0x80092004"), (None, "Cannot find object or property.")],
                 mark="om.connector.cert-no-properties"))
    ev.append(ev21016(T(2025, 9, 1, 11, 21, 36), "GW01.dmz.contoso.com"))
    ev.append(Ev(T(2025, 9, 1, 13, 2, 51), "OpsMgr Connector", 20068, 2,
                 m20068("0x8009000D", "Keyset does not exist"), [(None, "0x8009000D"), (None, "Keyset does not exist")],
                 mark="om.connector.cert-no-private-key"))
    ev.append(Ev(T(2025, 9, 1, 13, 2, 51), "OpsMgr Connector", 21036, 2,
                 m21036("0x8009000D", "Keyset does not exist"), [(None, "0x8009000D"), (None, "Keyset does not exist")],
                 mark="om.connector.cert-unusable"))
    ev.append(ev21016(T(2025, 9, 1, 13, 3, 20), "GW01.dmz.contoso.com"))
    out.append(Sample("opsmgr/om-no-private-key/OperationsManager.txt", "format-list", "Operations Manager", host, ev,
                      encoding="utf-16le-bom", seed=105,
                      scenario="Agent SQLDMZ01, Sept 2025: a certificate copied from another server without its key "
                               "is imported with MOMCertImport (20077), then again (20068, 21036); exported with "
                               "Get-WinEvent | Format-List > file in Windows PowerShell (UTF-16LE)",
                      expect="om.cert.no-private-key (error 0x80092004 / 0x8009000D); om.channel.down superseded"))

    # 6. The certificate named in the registry is gone.
    rng = random.Random(106)
    host = ""
    ev = fill(rng, T(2025, 1, 19, 8, 0), T(2025, 1, 21, 17, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 15)
    ev += om_start(T(2025, 1, 20, 8, 1, 5), "") + om_config(rng, T(2025, 1, 20, 8, 1, 44))
    for t in [T(2025, 1, 20, 22, 31, 40), T(2025, 1, 21, 7, 58, 12)]:
        ev.append(Ev(t, "OpsMgr Connector", 20066, 2, m20066(), mark="om.connector.cert-missing"))
        ev.append(Ev(t + dt.timedelta(seconds=1), "OpsMgr Connector", 21021, 2, m21021(),
                     mark="om.connector.cert-none-loaded"))
        ev.append(ev21016(t + dt.timedelta(seconds=33), "GW01.dmz.contoso.com"))
    out.append(Sample("opsmgr/om-not-found/OperationsManager.csv", "csv", "Operations Manager", "", ev,
                      encoding="utf-8-bom", seed=106,
                      scenario="Agent behind gateway GW01, Jan 2025: a clean-up script deleted expired certificates "
                               "and the current one with them; at the next starts 20066 and 21021, then 21016",
                      expect="om.cert.not-found (confidence high); om.channel.down superseded"))

    # 7. The management server does not trust the gateway's certificate.
    rng = random.Random(107)
    host = MS
    ev = fill(rng, T(2025, 4, 7, 9, 0), T(2025, 4, 8, 9, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 12)
    gw_cert = "CN=GW03.branch.fabrikam.com"
    t = T(2025, 4, 7, 14, 10, 2)
    while t < T(2025, 4, 8, 9, 0):
        ev.append(Ev(t, "OpsMgr Connector", 20072, 2,
                     m20072(gw_cert, "0x800B0109", "A certificate chain processed, but terminated in a root "
                            "certificate which is not trusted by the trust provider."),
                     [(None, gw_cert), (None, "0x800B0109"),
                      (None, "A certificate chain processed, but terminated in a root certificate which is not "
                             "trusted by the trust provider.")], mark="om.connector.cert-untrusted"))
        t += dt.timedelta(minutes=rng.choice([58, 60, 61, 63]), seconds=rng.randrange(60))
    out.append(Sample("opsmgr/om-untrusted/OperationsManager.xml", "evxml", "Operations Manager", host, ev, seed=107,
                      scenario="Management server MS01, April 2025: a new gateway in the Fabrikam forest presents a "
                               "certificate from the Fabrikam root CA, which MS01 does not trust (20072 hourly)",
                      expect="om.cert.untrusted"))

    # 8. Not approved: the agent's side (wevtutil XML) and the management server's side (wevtutil text).
    rng = random.Random(108)
    host = "APP07.contoso.com"
    ev = fill(rng, T(2025, 5, 12, 10, 0), T(2025, 5, 13, 18, 0),
              lambda t: Ev(t, "HealthService", 7026, 4,
                           f"The Health Service successfully logged on the RunAs account {ACCOUNT} for management "
                           f"group {MG}.", [(None, ACCOUNT), (None, MG)]), 20)
    ev += om_start(T(2025, 5, 12, 10, 0, 31), host, cert=False)
    ev.append(Ev(T(2025, 5, 12, 10, 0, 40), "OpsMgr Connector", 21023, 4, m21023(MG), [(None, MG)]))
    t = T(2025, 5, 12, 10, 1, 2)
    while t < T(2025, 5, 13, 18, 0):
        ev.append(Ev(t, "OpsMgr Connector", 20070, 2, m20070(MS), [(None, MS)], mark="om.connector.closed-after-auth"))
        ev.append(ev21016(t + dt.timedelta(seconds=2), MS))
        t += dt.timedelta(minutes=rng.choice([29, 30, 31]), seconds=rng.randrange(60))
    out.append(Sample("opsmgr/om-not-approved/APP07-OperationsManager.xml", "wevtutil-xml", "Operations Manager", host,
                      ev, seed=108,
                      scenario="New agent APP07, installed by hand in May 2025: manual agents need approval; 20070 "
                               "and 21016 every 30 minutes",
                      expect="om.agent.not-approved (on APP07); om.channel.down superseded"))
    rng = random.Random(109)
    host = MS
    ev = fill(rng, T(2025, 5, 12, 10, 0), T(2025, 5, 13, 18, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 12)
    t = T(2025, 5, 12, 10, 1, 2)
    while t < T(2025, 5, 13, 18, 0):
        ev.append(Ev(t, "OpsMgr Connector", 20000, 4, m20000("APP07.contoso.com"), [(None, "APP07.contoso.com")],
                     mark="om.connector.device-not-in-group"))
        t += dt.timedelta(minutes=rng.choice([29, 30, 31]), seconds=rng.randrange(60))
    out.append(Sample("opsmgr/om-not-approved/MS01-OperationsManager.txt", "text", "Operations Manager", host, ev,
                      seed=109,
                      scenario="Management server MS01, the same two days: 20000 for APP07 every 30 minutes",
                      expect="om.agent.not-approved (on MS01)"))

    # 9. Authentication failures: an agent in an untrusted forest without a certificate (Format-List
    # with MachineName), and a domain agent with a duplicate SPN on the server (wevtutil XML).
    rng = random.Random(110)
    host = "FAB-APP01.fabrikam.local"
    ev = fill(rng, T(2025, 8, 18, 9, 0), T(2025, 8, 19, 9, 0),
              lambda t: Ev(t, "HealthService", 7026, 4,
                           f"The Health Service successfully logged on the RunAs account FABRIKAM\\svc-scom for "
                           f"management group {MG}.", [(None, "FABRIKAM\\svc-scom"), (None, MG)]), 12)
    ev += om_start(T(2025, 8, 18, 9, 2, 14), host, cert=False)
    t = T(2025, 8, 18, 9, 2, 40)
    while t < T(2025, 8, 19, 9, 0):
        ev.append(Ev(t, "OpsMgr Connector", 21007, 2, m21007(MS), [(None, MS)], mark="om.connector.untrusted-domain"))
        ev.append(ev21016(t, MS))
        t += dt.timedelta(minutes=rng.choice([59, 60, 61]), seconds=rng.randrange(60))
    out.append(Sample("opsmgr/om-auth-failed/FAB-APP01-OperationsManager.txt", "format-list", "Operations Manager",
                      host, ev, seed=110,
                      props=("TimeCreated", "LevelDisplayName", "MachineName", "ProviderName", "Id", "Message"),
                      scenario="Agent FAB-APP01 in the untrusted Fabrikam forest, Aug 2025, without a certificate: "
                               "21022 at start, then 21007 and 21016 hourly (Format-List with MachineName and "
                               "LevelDisplayName)",
                      expect="om.auth.failed and om.cert.not-found (confidence medium: 21022 with 21007); "
                             "om.channel.down superseded"))
    rng = random.Random(111)
    host = "APP05.contoso.com"
    ev = fill(rng, T(2025, 8, 19, 6, 0), T(2025, 8, 20, 20, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 12)
    spn = f"MSOMHSvc/{MS}"
    t = T(2025, 8, 20, 11, 4, 9)
    while t < T(2025, 8, 20, 20, 0):
        ev.append(Ev(t, "OpsMgr Connector", 20057, 2,
                     m20057(spn, "0x80090311", "No authority could be contacted for authentication."),
                     [(None, spn), (None, "0x80090311"), (None, "No authority could be contacted for authentication.")],
                     mark="om.connector.security-context-failed"))
        ev.append(Ev(t + dt.timedelta(seconds=1), "OpsMgr Connector", 21001, 2, m21001(MS), [(None, MS)],
                     mark="om.connector.mutual-auth-failed"))
        ev.append(ev21016(t + dt.timedelta(seconds=1), MS))
        t += dt.timedelta(minutes=rng.choice([44, 45, 46]), seconds=rng.randrange(60))
    out.append(Sample("opsmgr/om-auth-failed/APP05-OperationsManager.xml", "wevtutil-xml", "Operations Manager", host,
                      ev, seed=111,
                      scenario="Domain agent APP05, Aug 2025, after the management server's action account was "
                               "recreated: Kerberos fails (20057 0x80090311, 21001, 21016 every 45 minutes)",
                      expect="om.auth.failed (20057 target and error captured); om.channel.down superseded"))

    # 10. Healthy exports.
    rng = random.Random(120)
    host = "GW01.dmz.contoso.com"
    ev = fill(rng, T(2024, 6, 3, 0, 0), T(2024, 6, 5, 12, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 18)
    for t in [T(2024, 6, 3, 4, 10, 2), T(2024, 6, 4, 4, 11, 37)]:
        ev += om_start(t, host) + om_config(rng, t + dt.timedelta(seconds=38))
    out.append(Sample("opsmgr/om-healthy-cert/OperationsManager.xml", "wevtutil-xml", "Operations Manager", host, ev,
                      seed=120,
                      scenario="Healthy gateway GW01 with a valid certificate, June 2024: 20053 at each nightly "
                               "restart, configuration updates",
                      expect="om.cert.loaded only (info; exit 0)"))
    rng = random.Random(121)
    host = "APP02.contoso.com"
    ev = fill(rng, T(2025, 10, 6, 6, 0), T(2025, 10, 8, 12, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 18)
    for t in [T(2025, 10, 6, 6, 30, 12), T(2025, 10, 7, 6, 31, 2)]:
        ev += om_start(t, host, cert=False) + om_config(rng, t + dt.timedelta(seconds=29))
    out.append(Sample("opsmgr/om-healthy-kerberos/OperationsManager.csv", "csv", "Operations Manager", host, ev,
                      encoding="utf-8-bom", seed=121,
                      scenario="Healthy domain agent APP02 (Kerberos, no certificate), Oct 2025: 21022 at each start "
                               "(normal without a certificate), configuration updates",
                      expect="nothing"))
    rng = random.Random(122)
    host = MS
    ev = fill(rng, T(2025, 10, 13, 8, 0), T(2025, 10, 14, 16, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 9)
    out.append(Sample("opsmgr/om-healthy-evxml/OperationsManager.xml", "evxml", "Operations Manager", host, ev,
                      seed=122, scenario="Healthy management server MS01, Oct 2025: RunAs logons, management packs, "
                                         "configuration (21024 config requests)",
                      expect="nothing"))
    rng = random.Random(123)
    host = "APP09.contoso.com"
    ev = fill(rng, T(2025, 10, 20, 7, 0), T(2025, 10, 21, 19, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 16)
    ev += om_start(T(2025, 10, 20, 7, 4, 12), host, cert=False) + om_config(rng, T(2025, 10, 20, 7, 4, 50))
    out.append(Sample("opsmgr/om-healthy-text/OperationsManager.txt", "text", "Operations Manager", host, ev, seed=123,
                      scenario="Healthy domain agent APP09, Oct 2025 (wevtutil /f:text)", expect="nothing"))
    rng = random.Random(124)
    host = "SQLDMZ01.dmz.contoso.com"
    ev = fill(rng, T(2025, 9, 8, 6, 0), T(2025, 9, 9, 14, 0), lambda t: opsmgr_filler(rng, t, host, MG, ACCOUNT), 16)
    ev += om_start(T(2025, 9, 8, 6, 2, 1), host) + om_config(rng, T(2025, 9, 8, 6, 2, 40))
    out.append(Sample("opsmgr/om-healthy-fl/OperationsManager.txt", "format-list", "Operations Manager", host, ev,
                      encoding="utf-16le-bom", seed=124,
                      scenario="Agent SQLDMZ01 a week after the fix of om-no-private-key: the re-imported certificate "
                               "loads (20053); Format-List, UTF-16LE",
                      expect="om.cert.loaded only (info; exit 0)"))
    return out


# --------------------------------------------------------------------------------------------------
# Windows: Schannel (System log).

DC = "DC01.contoso.com"


def sys_fill(rng, host, start, end, mean=9):
    return fill(rng, start, end, lambda t: system_filler(rng, t, host, DC), mean)


def schannel(t, eid, level, msg, data=(), mark=None):
    return Ev(t, "Schannel", eid, level, msg, data, mark)


def alert_sent(t, code, target=None, mark=None):
    return schannel(t, 36888, 2, s36888(code, target), [("AlertDesc", str(code)), ("ErrorState", str(STATE[code]))],
                    mark)


def alert_received(t, code, mark=None):
    return schannel(t, 36887, 2, s36887(code), [("AlertDesc", str(code))], mark)


def tls_near_misses(rng, start, end, host):
    """Schannel events that are not certificate problems: other alerts, completed handshakes."""
    out = []
    t = start + dt.timedelta(hours=2, minutes=rng.randrange(60))
    while t < end:
        kind = rng.random()
        if kind < 0.35:
            out.append(alert_received(t, 40, mark="near miss: alert 40 (handshake_failure) received"))
        elif kind < 0.55:
            out.append(alert_received(t, 20, mark="near miss: alert 20 (bad_record_mac) received"))
        elif kind < 0.80:
            out.append(alert_sent(t, 40, mark="near miss: alert 40 sent (2020 wording)"))
        else:
            out.append(alert_received(t, 10, mark="near miss: alert 10 (unexpected_message) received"))
        t += dt.timedelta(hours=rng.randrange(3, 9), minutes=rng.randrange(60))
    return out


def key_access_failures(rng, host, start, end, first):
    """A server's day whose every TLS connection fails on its key: 36870 (0x8009030D) then 36871."""
    ev = sys_fill(rng, host, start, end, 9)
    t = first
    while t < end:
        ev.append(schannel(t, 36870, 2, s36870("server", "0x8009030D", 10001),
                           [("Type", "server"), ("ErrorCode", "0x8009030d"), ("ErrorStatus", "10001")],
                           mark="tls.key-access-failed"))
        ev.append(schannel(t, 36871, 2, s36871("server", 10011), [("Type", "server"), ("ErrorState", "10011")],
                           mark="tls.credential-failed"))
        t += dt.timedelta(minutes=rng.randrange(30, 120), seconds=rng.randrange(60))
    return ev


def schannel_samples():
    out = []

    # 1. The same events exported as wevtutil XML (UTC) and as Event Viewer CSV on the same machine
    # (Pacific Standard Time, UTC-8).
    rng = random.Random(201)
    host = "APP03.contoso.com"
    ev = sys_fill(rng, host, T(2025, 2, 10, 14, 0), T(2025, 2, 12, 2, 0), 10)
    t = T(2025, 2, 11, 16, 5, 9)
    while t < T(2025, 2, 11, 23, 0):
        ev.append(schannel(t, 36882, 2, s36882(), [], mark="tls.untrusted-ca"))
        ev.append(alert_sent(t, 48, target="api.fabrikam.com", mark="tls.alert-sent, alert 48"))
        t += dt.timedelta(minutes=rng.choice([30, 31]), seconds=rng.randrange(5))
    tls_xml = Sample("windows/schannel/tls-alert-48/System.xml", "wevtutil-xml", "System", host, ev, seed=201,
                     scenario="Client APP03, Feb 2025: a scheduled job calls https://api.fabrikam.com every 30 "
                              "minutes; its server certificate comes from a CA APP03 does not trust: 36882 and 36888 "
                              "alert 48 (with its Target name line), in the same second",
                     expect="tls.untrusted-root (36882 and alert 48 sent)")
    out.append(tls_xml)
    ev2 = [Ev(e.t, e.provider, e.eid, e.level, e.msg, e.data, e.mark) for e in ev]
    out.append(Sample("windows/schannel/tls-alert-48/System.csv", "csv", "System", host, ev2, seed=201,
                      encoding="utf-8-bom", offset_hours=-8,
                      scenario="The same events as System.xml, saved as CSV by Event Viewer on APP03, whose clock is "
                               "Pacific Standard Time (UTC-8): analyse with --input-tz America/Los_Angeles",
                      expect="tls.untrusted-root (the same evidence as System.xml)",
                      tz_note="local time UTC-8 (PST)"))

    # 2. Name mismatch (wevtutil text).
    rng = random.Random(202)
    host = "APP06.contoso.com"
    ev = sys_fill(rng, host, T(2025, 7, 1, 6, 0), T(2025, 7, 2, 18, 0), 11)
    t = T(2025, 7, 1, 9, 12, 4)
    while t < T(2025, 7, 2, 18, 0):
        ev.append(schannel(t, 36884, 2, s36884("sqlprod.contoso.com"), [], mark="tls.server-name-mismatch"))
        t += dt.timedelta(hours=rng.choice([2, 3]), minutes=rng.randrange(60))
    out.append(Sample("windows/schannel/tls-name-mismatch/System.txt", "text", "System", host, ev, seed=202,
                      scenario="Client APP06, July 2025: an application connects with encryption to the alias "
                               "sqlprod.contoso.com, whose certificate names only sql01.contoso.com (36884)",
                      expect="tls.name-mismatch (expected name sqlprod.contoso.com)"))

    # 3. Our certificate expired; clients reject it (Event Viewer XML).
    rng = random.Random(203)
    host = "WEB01.contoso.com"
    ev = sys_fill(rng, host, T(2025, 12, 1, 0, 0), T(2025, 12, 2, 12, 0), 12)
    t = T(2025, 12, 1, 8, 0, 31)
    while t < T(2025, 12, 2, 12, 0):
        ev.append(alert_received(t, 45, mark="tls.alert-received, alert 45"))
        t += dt.timedelta(minutes=rng.randrange(20, 75), seconds=rng.randrange(60))
    ev += tls_near_misses(rng, T(2025, 12, 1, 0, 0), T(2025, 12, 2, 12, 0), host)
    out.append(Sample("windows/schannel/tls-cert-expired/System.xml", "evxml", "System", host, ev, seed=203,
                      scenario="Web server WEB01, Dec 2025: its site certificate expired on 30 Nov; clients send "
                               "alert 45 (certificate_expired), logged as 36887; other alerts (40, 20) as near misses",
                      expect="tls.cert-expired (36887: the peer rejected this computer's certificate)"))

    # 4. Revoked server certificate (CSV, UTC).
    rng = random.Random(204)
    host = "APP08.contoso.com"
    ev = sys_fill(rng, host, T(2025, 10, 27, 6, 0), T(2025, 10, 28, 14, 0), 9)
    t = T(2025, 10, 27, 10, 40, 18)
    while t < T(2025, 10, 28, 14, 0):
        ev.append(schannel(t, 36883, 2, s36883(), [], mark="tls.server-cert-revoked"))
        t += dt.timedelta(hours=rng.choice([1, 2]), minutes=rng.randrange(60))
    out.append(Sample("windows/schannel/tls-cert-revoked/System.csv", "csv", "System", host, ev, seed=204,
                      encoding="utf-8-bom",
                      scenario="Client APP08, Oct 2025: the certificate of the file-transfer server was revoked after "
                               "a key compromise (36883)",
                      expect="tls.cert-revoked"))

    # 5. Bad certificate, both sides: WAP01's client certificate is rejected by the peer (36887 alert
    # 42, wevtutil XML); WEB02 rejects client certificates (36877 and 36888 alert 46, Format-List).
    rng = random.Random(205)
    host = "WAP01.dmz.contoso.com"
    ev = sys_fill(rng, host, T(2025, 5, 5, 6, 0), T(2025, 5, 6, 12, 0), 9)
    t = T(2025, 5, 5, 9, 30, 12)
    while t < T(2025, 5, 6, 12, 0):
        ev.append(alert_received(t, 42, mark="tls.alert-received, alert 42"))
        t += dt.timedelta(minutes=rng.randrange(40, 100), seconds=rng.randrange(60))
    out.append(Sample("windows/schannel/tls-bad-certificate/WAP01-System.xml", "wevtutil-xml", "System", host, ev,
                      seed=205,
                      scenario="Web Application Proxy WAP01, May 2025: its proxy trust certificate is rejected by the "
                               "federation server (36887 alert 42 bad_certificate)",
                      expect="tls.bad-certificate on WAP01 (36887: the peer rejected this computer's certificate)"))
    rng = random.Random(206)
    host = "WEB02.contoso.com"
    ev = sys_fill(rng, host, T(2025, 5, 5, 6, 0), T(2025, 5, 6, 12, 0), 9)
    t = T(2025, 5, 5, 10, 2, 40)
    while t < T(2025, 5, 6, 12, 0):
        ev.append(schannel(t, 36877, 2, s36877("0x800B0109"), [], mark="tls.client-cert-invalid"))
        ev.append(alert_sent(t, 46, target=None, mark="tls.alert-sent, alert 46"))
        t += dt.timedelta(minutes=rng.randrange(50, 130), seconds=rng.randrange(60))
    out.append(Sample("windows/schannel/tls-bad-certificate/WEB02-System.txt", "format-list", "System", host, ev,
                      seed=206, props=("TimeCreated", "LevelDisplayName", "MachineName", "ProviderName", "Id", "Message"),
                      scenario="Web server WEB02 requiring client certificates, May 2025: partner clients present "
                               "certificates from a root WEB02 does not trust (36877 0x800B0109, 36888 alert 46)",
                      expect="tls.bad-certificate on WEB02 (36888 and 36877: this computer rejected the peer's "
                             "certificate)"))

    # 6. No client certificate (CSV).
    rng = random.Random(207)
    host = "APP10.contoso.com"
    ev = sys_fill(rng, host, T(2025, 3, 3, 6, 0), T(2025, 3, 4, 12, 0), 9)
    t = T(2025, 3, 3, 8, 15, 2)
    while t < T(2025, 3, 4, 12, 0):
        ev.append(schannel(t, 36875, 3, s36875(), [], mark="tls.no-client-cert"))
        t += dt.timedelta(hours=rng.choice([1, 2, 3]), minutes=rng.randrange(60))
    out.append(Sample("windows/schannel/tls-no-client-cert/System.csv", "csv", "System", host, ev, seed=207,
                      encoding="utf-8-bom",
                      scenario="Client APP10, March 2025: a partner API asks for a client certificate that APP10 "
                               "does not have (36875 warnings)",
                      expect="tls.no-client-cert (warning)"))

    # 7. No private key (wevtutil text).
    rng = random.Random(208)
    host = "RDS01.contoso.com"
    ev = key_access_failures(rng, host, T(2025, 11, 10, 6, 0), T(2025, 11, 11, 12, 0), T(2025, 11, 10, 9, 1, 5))
    out.append(Sample("windows/schannel/tls-no-private-key/System.txt", "text", "System", host, ev, seed=208,
                      scenario="Remote Desktop host RDS01, Nov 2025: its certificate was restored without the private "
                               "key; every connection logs 36870 (0x8009030D) and 36871",
                      expect="tls.no-private-key (confidence high)"))
    # The same failure in Event Viewer's CSV (message text only, no event data).
    rng = random.Random(211)
    host = "RDS02.contoso.com"
    ev = key_access_failures(rng, host, T(2025, 11, 12, 6, 0), T(2025, 11, 13, 12, 0), T(2025, 11, 12, 9, 14, 40))
    out.append(Sample("windows/schannel/tls-no-private-key-csv/System.csv", "csv", "System", host, ev, seed=211,
                      scenario="Remote Desktop host RDS02, Nov 2025: the same failure as RDS01, exported as CSV",
                      expect="tls.no-private-key (confidence high), not tls.protocol-mismatch"))

    # 7b. No protocol in common (36871 with internal error state 10013, the state Microsoft's TLS
    # troubleshooting names for disabled protocols or suites), in the text layouts: the message
    # carries the state, so each decides it without the event's XML.
    for n, (rel, fmt, enc, host) in enumerate([
            ("windows/schannel/tls-protocol-mismatch-text/System.txt", "text", "utf-8", "SQL02.contoso.com"),
            ("windows/schannel/tls-protocol-mismatch-csv/System.csv", "csv", "utf-8", "SQL03.contoso.com"),
            ("windows/schannel/tls-protocol-mismatch-fl/System.txt", "format-list", "utf-16le-bom",
             "SQL04.contoso.com")]):
        seed = (209, 210, 213)[n]
        rng = random.Random(seed)
        ev = sys_fill(rng, host, T(2025, 10, 20, 6, 0), T(2025, 10, 21, 12, 0), 9)
        t = T(2025, 10, 20, 8, 30, 12)
        while t < T(2025, 10, 20, 18, 0):
            ev.append(schannel(t, 36871, 2, s36871("client", 10013), [("Type", "client"), ("ErrorState", "10013")],
                               mark="tls.credential-failed-detail, state 10013"))
            t += dt.timedelta(minutes=rng.randrange(40, 150), seconds=rng.randrange(60))
        out.append(Sample(rel, fmt, "System", host, ev, encoding=enc, seed=seed,
                          scenario=f"{host.split('.')[0]}, Oct 2025: TLS 1.0 and 1.1 disabled while the "
                                   "connection still needs them; every attempt logs 36871 with state 10013",
                          expect="tls.protocol-mismatch (confidence high), not tls.no-private-key"))

    # 8. Healthy exports, with Schannel near misses (alerts 40, 20 and 10).
    specs = [("tls-healthy-xml/System.xml", "wevtutil-xml", "utf-8", "SRV11.contoso.com", 0),
             ("tls-healthy-evxml/System.xml", "evxml", "utf-8", "SRV12.contoso.com", 0),
             ("tls-healthy-csv/System.csv", "csv", "utf-8-bom", "SRV13.contoso.com", 0),
             ("tls-healthy-text/System.txt", "text", "utf-8", "SRV14.contoso.com", 0),
             ("tls-healthy-fl/System.txt", "format-list", "utf-16le-bom", "SRV15.contoso.com", 0)]
    for n, (rel, fmt, enc, host, off) in enumerate(specs):
        rng = random.Random(220 + n)
        start = T(2025, 9, 1 + 2 * n, 0, 0)
        ev = sys_fill(rng, host, start, start + dt.timedelta(hours=40), 11)
        ev += tls_near_misses(rng, start, start + dt.timedelta(hours=40), host)
        out.append(Sample(f"windows/schannel/{rel}", fmt, "System", host, ev, seed=220 + n, encoding=enc,
                          scenario=f"Healthy server {host.split('.')[0]}, Sept 2025: services, time sync, Group "
                                   "Policy, and Schannel events that are not certificate problems (alerts 40 and 20, "
                                   "36888 with 'fatal error code is 40')",
                          expect="nothing"))
    return out


# --------------------------------------------------------------------------------------------------
# Windows: enrollment (Application log).


def app_fill(rng, host, start, end, mean=14):
    return fill(rng, start, end, lambda t: application_filler(rng, t, host), mean)


def enroll_ok(rng, t, renew=False, template="Machine", ca=CA1):
    rid = str(rng.randrange(4000, 90000))
    return [Ev(t, CE, 64, 4, c64("Local system", "ActiveDirectory"), [("Context", "Local system"),
                                                                       ("PolicyServer", "ActiveDirectory")]),
            Ev(t + dt.timedelta(seconds=2), CE, 20 if renew else 19, 4,
               (c20 if renew else c19)("Local system", template, rid, ca),
               [("Context", "Local system"), ("TemplateName", template), ("CAName", ca), ("RequestId", rid)],
               mark="ce.enrolled")]


def enrollment_samples():
    out = []

    # 1. The CA is unreachable over RPC (Event Viewer XML: data and message).
    rng = random.Random(301)
    host = "APP11.contoso.com"
    ev = app_fill(rng, host, T(2025, 8, 4, 6, 0), T(2025, 8, 5, 18, 0))
    t = T(2025, 8, 4, 7, 48, 3)
    while t < T(2025, 8, 5, 18, 0):
        ev.append(Ev(t, CE, 13, 2, c13("Local system", "Machine", CA1, RPC_ERR),
                     [("Context", "Local system"), ("TemplateName", "Machine"), ("CAName", CA1), ("RequestId", "N/A"),
                      ("ErrorMessage", RPC_ERR)], mark="ce.enroll-failed"))
        ev.append(Ev(t + dt.timedelta(seconds=1), AE, 6, 2,
                     a6("local system", "0x800706ba", "The RPC server is unavailable."),
                     [("Context", "local system"), ("HResult", "0x800706ba"),
                      ("ErrorMessage", "The RPC server is unavailable.")], mark="ae.failed"))
        t += dt.timedelta(hours=8, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    out.append(Sample("windows/enrollment/autoenroll-rpc/Application.xml", "evxml", "Application", host, ev, seed=301,
                      scenario="Server APP11, Aug 2025: the firewall between its VLAN and the issuing CA drops the "
                               "dynamic RPC ports; CertEnroll 13 and AutoEnrollment 6 (0x800706ba) every 8 hours",
                      expect="autoenroll.failed (cause: CA unreachable over RPC)"))

    # 2. Access denied, then the template permission is fixed (CSV, UTC).
    rng = random.Random(302)
    host = "WEB03.contoso.com"
    ev = app_fill(rng, host, T(2025, 4, 14, 6, 0), T(2025, 4, 16, 12, 0))
    t = T(2025, 4, 14, 8, 21, 40)
    while t < T(2025, 4, 15, 15, 0):
        ev.append(Ev(t, CE, 46, 3, c46("Local system", "ContosoWebServer"),
                     [("Context", "Local system"), ("TemplateName", "ContosoWebServer")], mark="ce.no-access"))
        ev.append(Ev(t + dt.timedelta(seconds=1), AE, 6, 2, a6("local system", "0x80070005", "Access is denied."),
                     [("Context", "local system"), ("HResult", "0x80070005"), ("ErrorMessage", "Access is denied.")],
                     mark="ae.failed"))
        t += dt.timedelta(hours=8, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    ev += enroll_ok(rng, T(2025, 4, 15, 16, 2, 11), template="ContosoWebServer")
    out.append(Sample("windows/enrollment/autoenroll-access-denied/Application.csv", "csv", "Application", host, ev,
                      seed=302, encoding="utf-8-bom",
                      scenario="Web server WEB03, April 2025: the ContosoWebServer template grants Enroll to a group "
                               "WEB03 is not in (CertEnroll 46, AutoEnrollment 6 0x80070005); the group is fixed and "
                               "the certificate is enrolled (CertEnroll 19) on 15 April",
                      expect="autoenroll.failed, resolved at the CertEnroll 19 (exit 0)"))

    # 3. No CA publishes the template (wevtutil text).
    rng = random.Random(303)
    host = "APP12.contoso.com"
    ev = app_fill(rng, host, T(2025, 6, 2, 6, 0), T(2025, 6, 3, 18, 0))
    t = T(2025, 6, 2, 9, 3, 12)
    while t < T(2025, 6, 3, 18, 0):
        ev.append(Ev(t, CE, 47, 3, c47("Local system", "ContosoComputerV2"),
                     [("Context", "Local system"), ("TemplateName", "ContosoComputerV2")], mark="ce.no-ca"))
        t += dt.timedelta(hours=8, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    out.append(Sample("windows/enrollment/autoenroll-no-ca/Application.txt", "text", "Application", host, ev, seed=303,
                      scenario="Server APP12, June 2025: a new template ContosoComputerV2 is assigned by Group Policy "
                               "but not published on any CA (CertEnroll 47)",
                      expect="autoenroll.failed (cause: no CA for the template)"))

    # 4. The CA certificate is not trusted (wevtutil XML: no message).
    rng = random.Random(304)
    host = "KIOSK03.contoso.com"
    ev = app_fill(rng, host, T(2025, 9, 15, 6, 0), T(2025, 9, 16, 18, 0))
    t = T(2025, 9, 15, 7, 30, 55)
    while t < T(2025, 9, 16, 18, 0):
        ev.append(Ev(t, CE, 52, 3, c52("Local system", "Machine", CA2),
                     [("Context", "Local system"), ("TemplateName", "Machine"), ("CAName", CA2)], mark="ce.ca-untrusted"))
        t += dt.timedelta(hours=8, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    out.append(Sample("windows/enrollment/autoenroll-ca-untrusted/Application.xml", "wevtutil-xml", "Application",
                      host, ev, seed=304,
                      scenario="Kiosk KIOSK03, Sept 2025: built from an old image without the Contoso root CA "
                               "(CertEnroll 52); exported with wevtutil, so no message",
                      expect="autoenroll.failed (cause: CA not trusted, from the event id alone)"))

    # 5. Active Directory unreachable (Format-List): a laptop off the network.
    rng = random.Random(305)
    host = "LAPTOP17.contoso.com"
    ev = app_fill(rng, host, T(2025, 7, 21, 6, 0), T(2025, 7, 22, 18, 0))
    url = ("ldap:///CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,DC=contoso,DC=com"
           "?cACertificate?base?objectclass=certificationAuthority")
    err = "The specified domain either does not exist or could not be contacted."
    t = T(2025, 7, 21, 8, 10, 44)
    while t < T(2025, 7, 22, 18, 0):
        ev.append(Ev(t, AE, 1, 2, a1("local system", "NTAuth", url, "0x8007054b", err),
                     [("Context", "local system"), ("StoreName", "NTAuth"), ("Url", url), ("HResult", "0x8007054b"),
                      ("ErrorMessage", err)], mark="ae.download-failed"))
        ev.append(Ev(t + dt.timedelta(seconds=1), AE, 15, 3, a15("local system", "0x8007054b", err),
                     [("Context", "local system"), ("HResult", "0x8007054b"), ("ErrorMessage", err)],
                     mark="ae.ad-unreachable"))
        t += dt.timedelta(hours=8, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    out.append(Sample("windows/enrollment/autoenroll-ad-unreachable/Application.txt", "format-list", "Application",
                      host, ev, seed=305,
                      scenario="Laptop LAPTOP17 working off the network without VPN, July 2025: AutoEnrollment 1 and "
                               "15 (0x8007054b) at each autoenrollment run",
                      expect="autoenroll.failed (cause: Active Directory unreachable)"))

    # 6. A certificate about to expire (AutoEnrollment 64, Event Viewer XML).
    rng = random.Random(306)
    host = "APP14.contoso.com"
    ev = app_fill(rng, host, T(2025, 12, 8, 6, 0), T(2025, 12, 9, 18, 0))
    thumb = "3f 2a 9c 41 d8 07 b6 5e 12 c4 7d 90 aa 61 0e 5b 38 f2 c9 17"
    t = T(2025, 12, 8, 8, 5, 1)
    while t < T(2025, 12, 9, 18, 0):
        ev.append(Ev(t, AE, 64, 3, a64("local system", thumb), [("Context", "local system"), ("Thumbprint", thumb)],
                     mark="ae.expiring"))
        t += dt.timedelta(hours=8, minutes=rng.randrange(0, 3), seconds=rng.randrange(60))
    out.append(Sample("windows/enrollment/cert-expiring-ae64/Application.xml", "evxml", "Application", host, ev,
                      seed=306,
                      scenario="Server APP14, Dec 2025: a web server certificate requested by hand (not autoenrolled) "
                               "nears its end; AutoEnrollment 64 at each run",
                      expect="cert.expiring (warning, thumbprint captured)"))

    # 7. Healthy exports: policy loaded, enrollments and renewals, a CA that failed before another
    # one succeeded (CertEnroll 17 then 19).
    specs = [("enrollment-healthy-xml/Application.xml", "wevtutil-xml", "utf-8", "SRV21.contoso.com"),
             ("enrollment-healthy-evxml/Application.xml", "evxml", "utf-8", "SRV22.contoso.com"),
             ("enrollment-healthy-csv/Application.csv", "csv", "utf-8-bom", "SRV23.contoso.com"),
             ("enrollment-healthy-text/Application.txt", "text", "utf-8", "SRV24.contoso.com"),
             ("enrollment-healthy-fl/Application.txt", "format-list", "utf-16le-bom", "SRV25.contoso.com")]
    for n, (rel, fmt, enc, host) in enumerate(specs):
        rng = random.Random(320 + n)
        start = T(2025, 10, 1 + 2 * n, 0, 0)
        ev = app_fill(rng, host, start, start + dt.timedelta(hours=40))
        t = start + dt.timedelta(hours=6, minutes=rng.randrange(60))
        ev += enroll_ok(rng, t, renew=True, template="Machine")
        t2 = start + dt.timedelta(hours=22, minutes=rng.randrange(60))
        ev.append(Ev(t2, CE, 17, 3, c17("Local system", "ContosoWebServer", CA1, RPC_ERR),
                     [("Context", "Local system"), ("TemplateName", "ContosoWebServer"), ("CAName", CA1),
                      ("ErrorMessage", RPC_ERR)], mark="near miss: 17 followed by a success at another CA"))
        ev += enroll_ok(rng, t2 + dt.timedelta(seconds=3), template="ContosoWebServer", ca=CA2)
        ev.append(Ev(start + dt.timedelta(hours=30), CE, 65, 4, c65("Local system", POLICY_ID, POLICY_ID),
                     [("Context", "Local system"), ("PolicyServer", POLICY_ID)],
                     mark="near miss: CertEnroll 65 (policy server authentication succeeded)"))
        out.append(Sample(f"windows/enrollment/{rel}", fmt, "Application", host, ev, seed=320 + n, encoding=enc,
                          scenario=f"Healthy server {host.split('.')[0]}, Oct 2025: the machine certificate renewed "
                                   "(CertEnroll 20); a web server certificate enrolled at CA 2 after CA 1 failed "
                                   "(CertEnroll 17, then 19)",
                          expect="nothing"))
    return out


# --------------------------------------------------------------------------------------------------
# Windows: certificate stores (PowerShell Format-List of certificates, certutil -store).


def cert_fl(certs):
    lines = [""]
    for c in certs:
        lines += [f"Subject      : {c['subject']}", f"Issuer       : {c['issuer']}",
                  f"Thumbprint   : {c['thumb']}", f"FriendlyName : {c.get('friendly', '')}",
                  f"NotBefore    : {c['not_before']}", f"NotAfter     : {c['not_after']}",
                  f"Extensions   : {{System.Security.Cryptography.Oid, System.Security.Cryptography.Oid, "
                  f"System.Security.Cryptography.Oid, System.Security.Cryptography.Oid...}}", ""]
    lines.append("")
    return lines


def certutil_store(certs):
    lines = ['My "Personal"']
    for n, c in enumerate(certs):
        lines += [f"================ Certificate {n} ================", f"Serial Number: {c['serial']}",
                  f"Issuer: {c['issuer']}", f" NotBefore: {c['nb_short']}", f" NotAfter: {c['na_short']}",
                  f"Subject: {c['subject']}", "Non-root Certificate", f"Template: {c['template']}",
                  f"Cert Hash(sha1): {c['thumb'].lower()}", f"  Key Container = {c['container']}",
                  f"  Simple container name: {c['container']}",
                  "  Provider = Microsoft RSA SChannel Cryptographic Provider", "Private key is NOT exportable",
                  "Encryption test passed", ""]
    lines.append("CertUtil: -store command completed successfully.")
    return lines


ISSUER = "CN=Contoso Issuing CA 1, DC=contoso, DC=com"


def thumb(rng):
    return "".join(f"{rng.randrange(256):02X}" for _ in range(20))


def store_samples():
    out = []
    rng = random.Random(401)
    certs = [dict(subject="CN=web01.contoso.com", issuer=ISSUER, thumb=thumb(rng), friendly="web01 TLS 2024",
                  not_before="1/21/2024 3:35:12 PM", not_after="1/20/2026 3:35:12 PM"),
             dict(subject="CN=APP01.contoso.com", issuer=ISSUER, thumb=thumb(rng),
                  not_before="9/2/2025 7:12:40 AM", not_after="9/2/2026 7:12:40 AM")]
    out.append(Sample("windows/cert-store/cert-expiring/LocalMachine-My.txt", "plain", "", "",
                      lines=cert_fl(certs), seed=401,
                      scenario="Get-ChildItem Cert:\\LocalMachine\\My | Format-List on APP01, pasted in a ticket: the "
                               "web01 TLS certificate expires on 1/20/2026 3:35:12 PM",
                      expect="cert.expiring with --as-of 2026-01-01 (19 days before the expiry)"))
    rng = random.Random(402)
    certs = [dict(subject="CN=web01.contoso.com", issuer=ISSUER, thumb=thumb(rng), serial="6100000042b1c7e0d9a3f5ad92000000000042",
                  nb_short="11/3/2023 9:14 AM", na_short="11/2/2025 9:14 AM", template="ContosoWebServer, Contoso Web Server",
                  container="te-ContosoWebServer-7c1d0f52-2b0e-4f4e-9d1a-31e8a94c6b20"),
             dict(subject="CN=web01.contoso.com", issuer=ISSUER, thumb=thumb(rng), serial="61000000a71e09c4d2b5f8e611000000000a7",
                  nb_short="10/28/2025 2:03 PM", na_short="10/28/2027 2:03 PM", template="ContosoWebServer, Contoso Web Server",
                  container="te-ContosoWebServer-e40b8a17-5c32-4d89-b7f0-0c6e2d9a4f13")]
    out.append(Sample("windows/cert-store/cert-expired/certutil-store-my.txt", "plain", "", "",
                      lines=certutil_store(certs), seed=402,
                      scenario="certutil -store my on WEB01, Dec 2025: the old site certificate (NotAfter 11/2/2025 "
                               "9:14 AM) is still in the store next to its replacement",
                      expect="cert.expired with --as-of 2026-01-01"))
    rng = random.Random(403)
    certs = [dict(subject="CN=SRV31.contoso.com", issuer=ISSUER, thumb=thumb(rng),
                  not_before="8/14/2025 10:00:03 AM", not_after="8/14/2026 10:00:03 AM"),
             dict(subject="CN=srv31-tls.contoso.com", issuer=ISSUER, thumb=thumb(rng), friendly="TLS 2025",
                  not_before="6/30/2025 1:45:51 PM", not_after="6/30/2027 1:45:51 PM")]
    out.append(Sample("windows/cert-store/healthy/LocalMachine-My.txt", "plain", "", "", lines=cert_fl(certs), seed=403,
                      scenario="Get-ChildItem Cert:\\LocalMachine\\My | Format-List on SRV31: every certificate valid "
                               "for months", expect="nothing with --as-of 2026-01-01"))
    return out


# --------------------------------------------------------------------------------------------------
# READMEs.

REAL_TEXTS_OPSMGR = """\
## Real texts and their sources

The failure events fill the real message templates with plausible values (host names, dates, error
codes); the templates come from `shared/reference/messages.md` section 5:

| Event (OpsMgr Connector) | Template source |
|---|---|
| 20053, 20050, 20051, 20057, 20066, 20068, 20069, 20070, 20071, 20072, 20077, 21001, 21006, 21007, 21016, 21021, 21022, 21036 | KB 10066 "Troubleshoot agent connectivity issues in Operations Manager" (MicrosoftDocs/SupportArticles-docs), its 21006/21016/20057/20070 examples and its "Other OpsMgr Connector event IDs" table; 20053 also in "Authentication and Data Encryption in Operations Manager" |
| 20000, 20001, 20002 | SCOM 2012 R2 HealthService/MOMConnector event reference (scstr blog, learn.microsoft.com/archive) |
| 21024, 21023 (ordinary) | KB 10066 examples |

Texts no source confirms (20052, 21002, 21003, 21011) are not used. Where KB 10066 words an event
in two ways (the table's "connected to %1. However, the connection was closed…" and the example's
"connected to <x>, but the connection was closed…"), the samples use the example's wording and the
rules accept both.
"""

REAL_TEXTS_WINDOWS = """\
## Real texts and their sources

Failure events fill real message templates (`shared/reference/messages.md` section 6) with plausible
values:

| Events | Template source |
|---|---|
| Schannel 36870, 36871, 36874, 36875, 36877, 36880, 36881, 36882, 36883, 36884, 36887, 36888 | the Schannel message table (scheatkode/brain manifest dump) |
| Schannel 36888 "…fatal error code is 40. The Windows SChannel error state is 1205." and its data `AlertDesc`, `ErrorState` | jborean93/requests-credssp issue 18 (a real event, 2020) |
| Schannel 36887 data `AlertDesc` | dotnet/corefx issue 1894 (a real event, 2015) |
| Schannel 36871 data `Type`, `ErrorState` | microsoft/EventLogExpert issue 397 (a real event, 2024) |
| AutoEnrollment 1, 6, 15, 64; CertEnroll 13, 17, 19, 20, 46, 47, 52, 64, 65 | the providers' message tables (scheatkode/brain manifest dumps); AutoEnrollment 6 "failed (0x800706ba) The RPC server is unavailable." and "(0x80070005) Access is denied." and CertEnroll 13 "…with request ID N/A from <ca host>\\<ca name>" are real instances (Microsoft Q&A copies) |

Schannel alert names: RFC 5246 A.3 (via Kaushal Panday's MSDN post, 2012).
"""

ASSUMPTIONS_OPSMGR = """\
## Assumptions (not confirmed by any source)

- The date format of the 20051 insertion strings (`2/14/2024 11:31:44 AM`, the en-US short date and
  long time) and that they are `%1` = start and `%2` = end in the event data.
- The positional EventData of the other classic events follows their templates' `%1`, `%2`, …
- `Qualifiers` (49152 error, 32768 warning, 16384 information), the `Task` of HealthService events (1,
  "Health Service") and the keywords `0x80000000000000` follow the KB 10066 HealthService 2010
  example; record ids and the other System fields are invented.
- The ordinary events (HealthService 1200, 1201, 1210, 7026; OpsMgr Connector 21023, 21024) are
  written plausibly; only 21023/21024 come from KB 10066. Their cadence is invented.
- Event Viewer CSV and Format-List list the newest event first; wevtutil lists the oldest first.
  CSV and Format-List times are the exporting machine's local time: UTC here unless the table
  says otherwise. Format-List wraps values at 120 columns, at spaces.
"""

ASSUMPTIONS_WINDOWS = """\
## Assumptions (not confirmed by any source)

- The EventData names of AutoEnrollment and CertEnroll events (`Context`, `HResult`, `ErrorMessage`,
  `TemplateName`, `CAName`, `RequestId`, `Thumbprint`, …) are invented: no source gives them, and no
  rule reads them. The names of Schannel 36870 (`Type`, `ErrorCode`, `ErrorStatus`) come from a
  manifest listing (detection-wiki), not from a real export.
- Event Viewer shows these providers as `Schannel`, `CertificateServicesClient-AutoEnrollment`,
  `CertificateServicesClient-CertEnroll`, `Time-Service`, … in the CSV Source column (the provider
  name without `Microsoft-Windows-`); wevtutil /f:text and Format-List write the full name.
- The Schannel error states in the samples (1205 for alert 40 comes from the real event; 552, 1203,
  1301, 960 for other alerts) are invented.
- Ordinary events (Service Control Manager 7036, Time-Service 37, GroupPolicy 1500, DNS Client 1014,
  Security-SPP 16384, VSS 8224, User Profile Service 1531) are written plausibly, with invented data.
- The certutil `-store` and `Get-ChildItem Cert:` layouts are written from memory of the tools'
  output, with invented serial numbers, thumbprints and key containers.
- Event Viewer CSV and Format-List list the newest event first, in the exporting machine's local
  time (UTC unless the table says otherwise).
"""


def readme(title, intro, samples, real, assumptions, base):
    lines = [f"# {title}", "", intro, "",
             "**Every event is synthetic except the failure events**, which fill the real message templates "
             "listed under *Real texts and their sources*; the ordinary events around them (management "
             "packs, configuration, RunAs logons, services, time sync, Group Policy) were written to be "
             "plausible, and no rule may be written from them. Host names (`*.contoso.com`, `*.fabrikam.*`), management group "
             "`CONTOSO-MG`, GUIDs, record ids, process ids, error states and times are invented.", "",
             "## Files", "",
             "| File | Format | Encoding | Events | First (UTC) | Last (UTC) | Scenario | Must raise |",
             "|---|---|---|---|---|---|---|---|"]
    for s in samples:
        n = len(s.events) if s.fmt != "plain" else len(s.raw_lines)
        first = min((e.t for e in s.events), default=None)
        last = max((e.t for e in s.events), default=None)
        enc = {"utf-8": "UTF-8, CRLF", "utf-8-bom": "UTF-8 with BOM, CRLF",
               "utf-16le-bom": "UTF-16LE with BOM, CRLF"}[s.encoding]
        if s.tz_note:
            enc += f"; {s.tz_note}"
        count = f"{n} lines" if s.fmt == "plain" else str(n)
        cells = [f"`{Path(s.rel).relative_to(base)}`", FORMAT_NAMES[s.fmt], enc, count,
                 first.strftime('%Y-%m-%dT%H:%M:%SZ') if first else '-',
                 last.strftime('%Y-%m-%dT%H:%M:%SZ') if last else '-', s.scenario, s.expect]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "## Failure events and near misses (the evidence a diagnosis must cite)", "",
              "Line numbers are physical lines of the file (the first line of the event). Times are UTC.", ""]
    for s in samples:
        marked = [e for e in s.events if e.mark]
        if not marked:
            continue
        lines += [f"### `{Path(s.rel).relative_to(base)}`", "", "| Line | Time (UTC) | Provider | Id | Signal or near miss |",
                  "|---|---|---|---|---|"]
        for e in sorted(marked, key=lambda e: s.at[id(e)]):
            lines.append(f"| {s.at[id(e)]} | {e.t.strftime('%Y-%m-%dT%H:%M:%S')}Z | {e.provider} | {e.eid} | {e.mark} |")
        lines.append("")
    lines += [real, assumptions]
    return "\n".join(lines)


def build():
    files = {}
    om = opsmgr_samples()
    win = schannel_samples() + enrollment_samples() + store_samples()
    for s in om + win:
        files[s.rel] = s.render()
    files["opsmgr/README.md"] = readme(
        "Operations Manager event samples", "Generated by `scripts/make_samples_events.py` (Python standard "
        "library, fixed seeds): run it to rewrite these files, `--check` to verify that the committed files "
        "are its exact output. Do not edit them by hand. The \"Operations Manager\" event log of agents, "
        "gateways and management servers, exported the ways engineers hand it over.",
        om, REAL_TEXTS_OPSMGR, ASSUMPTIONS_OPSMGR, "opsmgr").encode("utf-8")
    files["windows/README.md"] = readme(
        "Windows event samples (Schannel, certificate enrollment, certificate stores)",
        "Generated by `scripts/make_samples_events.py` (Python standard library, fixed seeds): run it to "
        "rewrite these files, `--check` to verify that the committed files are its exact output. Do not edit "
        "them by hand. `windows/evtx/` is not generated here: it holds real .evtx files and has its own notes.",
        win, REAL_TEXTS_WINDOWS, ASSUMPTIONS_WINDOWS, "windows").encode("utf-8")
    return files


if __name__ == "__main__":
    sys.exit(write_or_check(build(), check_requested(__doc__)))
