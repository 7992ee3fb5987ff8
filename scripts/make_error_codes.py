#!/usr/bin/env python3
"""Writes patterns/error-codes.tsv: the Windows error codes that matter for certificates, TLS,
HTTP, RPC, WMI and ConfigMgr communication, with their symbolic names and meanings.

Names and values come from the Windows headers that Debian's mingw-w64-common ships
(/usr/share/mingw-w64/include). Those headers carry no message text, so a meaning is taken from
the comment above a #define where a header has one (the Windows SDK's `// MessageText:` blocks),
else from the [MS-ERREF] tables that Debian's python3-impacket ships (impacket/hresult_errors.py
and system_errors.py, read as data, never imported). A code with neither keeps an empty meaning.

Codes without a packaged source (WinHTTP and WMI texts, ConfigMgr 0x87D0xxxx codes) are kept by
hand in patterns/error-codes-extra.tsv; this script checks that file against the headers (a name
the headers define must have the same value there) and leaves its codes out of the generated one.

Usage: scripts/make_error_codes.py [--check]   (needs: apt-get install mingw-w64-common
python3-impacket; --check compares instead of writing and exits 1 on a difference)
"""

import ast
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = pathlib.Path("/usr/share/mingw-w64/include")
IMPACKET = pathlib.Path("/usr/lib/python3/dist-packages/impacket")
OUT = ROOT / "patterns" / "error-codes.tsv"
EXTRA = ROOT / "patterns" / "error-codes-extra.tsv"

# Whole families: every code whose name starts with one of these.
FAMILIES = ("SEC_E_", "SEC_I_", "CERT_E_", "CRYPT_E_", "TRUST_E_", "CERTSRV_E_")

# Single codes from larger families, chosen for certificate, TLS, RPC, DCOM and network work.
NAMED = """
E_FAIL E_ACCESSDENIED E_UNEXPECTED E_INVALIDARG E_OUTOFMEMORY E_NOTIMPL E_NOINTERFACE E_POINTER
E_ABORT
CO_E_SERVER_EXEC_FAILURE RPC_E_CALL_REJECTED RPC_E_DISCONNECTED RPC_E_SERVERFAULT RPC_E_TIMEOUT
RPC_E_SYS_CALL_FAILED RPC_E_ACCESS_DENIED
NTE_BAD_KEY NTE_BAD_SIGNATURE NTE_BAD_ALGID NTE_BAD_KEYSET NTE_KEYSET_NOT_DEF NTE_NO_KEY
NTE_PERM NTE_EXISTS NTE_BAD_KEY_STATE NTE_BAD_KEYSET_PARAM NTE_PROV_TYPE_NOT_DEF NTE_NOT_FOUND
NTE_SILENT_CONTEXT
ERROR_FILE_NOT_FOUND ERROR_PATH_NOT_FOUND ERROR_ACCESS_DENIED ERROR_INVALID_HANDLE
ERROR_NOT_ENOUGH_MEMORY ERROR_INVALID_DATA ERROR_NOT_SUPPORTED ERROR_BAD_NETPATH
ERROR_NETWORK_ACCESS_DENIED ERROR_INVALID_PARAMETER ERROR_INSUFFICIENT_BUFFER
ERROR_ALREADY_EXISTS ERROR_SERVICE_DISABLED ERROR_SERVICE_NOT_ACTIVE ERROR_NOT_FOUND
ERROR_CANCELLED ERROR_CONNECTION_REFUSED ERROR_NETWORK_UNREACHABLE ERROR_HOST_UNREACHABLE
ERROR_NO_LOGON_SERVERS ERROR_NO_SUCH_LOGON_SESSION ERROR_WRONG_PASSWORD ERROR_LOGON_FAILURE
ERROR_NO_SUCH_DOMAIN ERROR_INTERNAL_ERROR ERROR_TIME_SKEW ERROR_TIMEOUT
ERROR_TRUSTED_RELATIONSHIP_FAILURE ERROR_TRUST_FAILURE ERROR_DOMAIN_CONTROLLER_NOT_FOUND
ERROR_DS_SERVER_DOWN
RPC_S_INVALID_BINDING RPC_S_PROTSEQ_NOT_SUPPORTED RPC_S_INVALID_NET_ADDR RPC_S_NO_ENDPOINT_FOUND
RPC_S_UNKNOWN_IF RPC_S_OUT_OF_RESOURCES RPC_S_SERVER_UNAVAILABLE RPC_S_SERVER_TOO_BUSY
RPC_S_CALL_FAILED RPC_S_CALL_FAILED_DNE RPC_S_PROTOCOL_ERROR RPC_S_UNKNOWN_AUTHN_SERVICE
RPC_S_UNKNOWN_AUTHN_LEVEL RPC_S_INVALID_AUTH_IDENTITY RPC_S_UNKNOWN_AUTHZ_SERVICE
EPT_S_NOT_REGISTERED RPC_S_CALL_CANCELLED RPC_S_COMM_FAILURE RPC_S_UNSUPPORTED_AUTHN_LEVEL
RPC_S_NO_PRINC_NAME RPC_S_SEC_PKG_ERROR RPC_S_NO_CONTEXT_AVAILABLE RPC_S_CALL_IN_PROGRESS
WSAEACCES WSAEADDRINUSE WSAEADDRNOTAVAIL WSAENETDOWN WSAENETUNREACH WSAENETRESET
WSAECONNABORTED WSAECONNRESET WSAENOBUFS WSAENOTCONN WSAESHUTDOWN WSAETIMEDOUT WSAECONNREFUSED
WSAEHOSTDOWN WSAEHOSTUNREACH WSAHOST_NOT_FOUND WSATRY_AGAIN WSANO_RECOVERY WSANO_DATA
""".split()

HEADERS = ("winerror.h", "winhttp.h", "wincrypt.h")
DEFINE = re.compile(r"^\s*#\s*define\s+([A-Z][A-Z0-9_]*)\s+(.+?)\s*$")
ENUM_ITEM = re.compile(r"^\s*(WBEM_[ES]_[A-Z0-9_]+)\s*=\s*(0x[0-9A-Fa-f]+|\d+)")


def evaluate(expression, symbols):
    """The value of a #define's body such as _HRESULT_TYPEDEF_(0x80090308L), __MSABI_LONG(5) or
    (WSABASEERR + 60); None when it is not a plain number or a sum of known ones."""
    text = re.sub(r"/\*.*?\*/|//.*$", "", expression)
    text = re.sub(r"\b(_HRESULT_TYPEDEF_|_NDIS_ERROR_TYPEDEF_|__MSABI_LONG|_AC_ERROR)\b", "", text)
    text = re.sub(r"\b(0x[0-9A-Fa-f]+|\d+)[uUlL]+\b", r"\1", text)
    text = re.sub(r"\b[A-Z][A-Z0-9_]*\b", lambda m: str(symbols.get(m.group(0), "?")), text)
    if "?" in text or not re.fullmatch(r"[\s()+\-0-9A-Fa-fx]+", text):
        return None
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return None

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            left, right = walk(node.left), walk(node.right)
            return left + right if isinstance(node.op, ast.Add) else left - right
        raise ValueError

    try:
        return walk(tree) & 0xFFFFFFFF
    except ValueError:
        return None


def message_text(lines, index):
    """The meaning a Windows SDK style comment block gives above line `index`: the lines after
    `// MessageText:`. Empty when there is none (as in mingw-w64's headers)."""
    block = []
    i = index - 1
    while i >= 0 and lines[i].strip().startswith("//"):
        block.insert(0, lines[i].strip()[2:].strip())
        i -= 1
    if "MessageText:" not in block:
        return ""
    return " ".join(line for line in block[block.index("MessageText:") + 1 :] if line)


def read_headers():
    """{name: (value, header, comment text)} for every #define with a numeric value, and the
    WBEM_* enum items of wbemcli.h."""
    found = {}
    symbols = {}
    for header in HEADERS:
        lines = (INCLUDE / header).read_text(encoding="utf-8", errors="replace").splitlines()
        for index, line in enumerate(lines):
            match = DEFINE.match(line)
            if not match:
                continue
            value = evaluate(match.group(2), symbols)
            if value is None:
                continue
            symbols.setdefault(match.group(1), value)
            found.setdefault(match.group(1), (value, header, message_text(lines, index)))
    for line in (INCLUDE / "wbemcli.h").read_text(encoding="utf-8", errors="replace").splitlines():
        match = ENUM_ITEM.match(line)
        if match:
            found.setdefault(match.group(1), (int(match.group(2), 0), "wbemcli.h", ""))
    return found


def read_erref():
    """{value: (name, text)} from impacket's copies of the [MS-ERREF] tables."""
    table = {}
    for module in ("hresult_errors.py", "system_errors.py"):
        tree = ast.parse((IMPACKET / module).read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "ERROR_MESSAGES"
            ):
                for value, pair in ast.literal_eval(node.value).items():
                    table.setdefault(value & 0xFFFFFFFF, pair)
    return table


def code_text(value):
    """HRESULTs (and other 32-bit codes) as 0xXXXXXXXX, Win32 codes in decimal."""
    return str(value) if value < 0x10000 else f"0x{value:08X}"


def clean(text):
    """One line, no trailing period: the table is shown inline after a name."""
    text = re.sub(r"\s+", " ", text).strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def read_extra():
    rows = []
    for number, line in enumerate(EXTRA.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not all(field.strip() for field in fields):
            sys.exit(f"{EXTRA.relative_to(ROOT)}:{number}: expected 4 non-empty tab-separated fields")
        rows.append((number, fields))
    return rows


def version(package):
    try:
        return subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    for path in (INCLUDE / "winerror.h", IMPACKET / "hresult_errors.py"):
        if not path.exists():
            sys.exit(f"{path}: missing; apt-get install mingw-w64-common python3-impacket")
    headers = read_headers()
    erref = read_erref()

    extra_values = set()
    problems = []
    for number, (code, name, _meaning, _source) in read_extra():
        value = int(code, 16) if code.lower().startswith("0x") else int(code)
        extra_values.add(value)
        if name in headers and headers[name][0] != value:
            problems.append(
                f"{EXTRA.relative_to(ROOT)}:{number}: {name} is {code_text(headers[name][0])} in "
                f"{headers[name][1]}, not {code}"
            )
    missing = [name for name in NAMED if name not in headers]
    problems += [f"{name}: not defined in {', '.join(HEADERS)}" for name in missing]
    if problems:
        sys.exit("\n".join(problems))

    names = sorted(
        (name for name in headers if name.startswith(FAMILIES) or name in NAMED),
        key=lambda name: (headers[name][0] >= 0x10000, headers[name][0], name),
    )
    rows = {}
    for name in names:
        value, header, comment = headers[name]
        if value in extra_values:
            continue  # kept by hand
        if value in rows and erref.get(value, ("",))[0] != name:
            continue  # an alias; [MS-ERREF]'s name wins
        if comment:
            meaning, source = comment, f"{header} (mingw-w64)"
        elif value in erref:
            meaning, source = erref[value][1], f"{header} (mingw-w64), text from [MS-ERREF] (impacket)"
        else:
            meaning, source = "", f"{header} (mingw-w64)"
        rows[value] = (code_text(value), name, clean(meaning), source)

    out = [
        "# Generated by scripts/make_error_codes.py; do not edit (hand-kept codes: error-codes-extra.tsv).",
        f"# Names and values: /usr/share/mingw-w64/include (mingw-w64-common {version('mingw-w64-common')}).",
        f"# Texts: [MS-ERREF] tables in python3-impacket {version('python3-impacket')} "
        "(impacket/hresult_errors.py, system_errors.py).",
        "# code\tname\tmeaning\tsource",
    ]
    out += ["\t".join(row) for row in rows.values()]
    text = "\n".join(out) + "\n"
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT.relative_to(ROOT)}: out of date; run scripts/make_error_codes.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} codes", file=sys.stderr)


if __name__ == "__main__":
    main()
