#!/usr/bin/env python3
"""Builds tests/data/bundle/case123.zip, a diagnostic bundle as support cases deliver them:
logs of several machines in machine-named folders, a nested zip, a .cab (made with Debian's
gcab), a .tar.gz, a rolled-over log (.lo_ beside .log), a corrupt member and a file that is not
a log. Members come from samples/; the output is deterministic (fixed times and order).

Usage: scripts/make_bundle.py   (needs gcab: apt-get install gcab)
"""
import io
import os
import subprocess
import tarfile
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "bundle", "case123.zip")
STAMP = (2024, 2, 14, 12, 0, 0)


def sample(path):
    with open(os.path.join(ROOT, "samples", path), "rb") as f:
        return f.read()


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def tar_gz_bytes(members):
    buf = io.BytesIO()
    # mtime 0 in the gzip header and the entries keeps the archive byte-for-byte stable.
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.USTAR_FORMAT, compresslevel=6) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1707912000
            t.addfile(info, io.BytesIO(data))
    raw = bytearray(buf.getvalue())
    raw[4:8] = b"\0\0\0\0"
    return bytes(raw)


def cab_bytes(members):
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for name, data in members:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            os.utime(path, (1707912000, 1707912000))
            names.append(name)
        cab = os.path.join(tmp, "logs.cab")
        subprocess.run(["gcab", "-c", "-z", "-n", cab] + names, cwd=tmp, check=True)
        with open(cab, "rb") as f:
            return f.read()


def main():
    ai_2011 = sample("configmgr/ai-2011/AIUpdateSvc.log")
    lines = ai_2011.split(b"\r\n")
    half = len(lines) // 2
    older, newer = b"\r\n".join(lines[:half]) + b"\r\n", b"\r\n".join(lines[half:])
    corrupt = bytearray(zip_bytes([("Logs/smsexec.log", sample("configmgr/ai-healthy-smstrace/smsexec.log"))]))
    corrupt[len(corrupt) // 2:len(corrupt) // 2 + 64] = b"\xff" * 64  # damaged deflate stream
    members = [
        ("README.txt", b"Collected for case 123 by the customer's collection script.\r\n"),
        ("SITE01/Logs/AIUpdateSvc.lo_", older),
        ("SITE01/Logs/AIUpdateSvc.log", newer),
        ("SITE01/Logs/smsexec.log", sample("configmgr/ai-console-2007/smsexec.log")),
        ("MP01/SMS_CCM/Logs/SMS_AIUS_Sync.log", sample("configmgr/ai-healthy-cmtrace/SMS_AIUS_Sync.log")),
        ("SITE02.zip", zip_bytes([("Logs/AIUpdateSvc.log", sample("configmgr/ai-2018/AIUpdateSvc.log"))])),
        ("CM03.contoso.com/logs.cab", cab_bytes([("AIUpdateSvc.log", sample("configmgr/ai-healthy/AIUpdateSvc.log"))])),
        ("CM04/logs.tar.gz", tar_gz_bytes([("Logs/smsexec.log", sample("configmgr/near-miss/smsexec.log"))])),
        ("SITE05/broken.zip", bytes(corrupt)),
        ("Notes/screenshot.png", b"\x89PNG\r\n\x1a\n not a log"),
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(zip_bytes(members))
    print(OUT)


if __name__ == "__main__":
    main()
