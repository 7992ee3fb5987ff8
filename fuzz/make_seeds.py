#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the repository's own files.

Usage: fuzz/make_seeds.py ROOT OUT    (scripts/fuzz.sh runs it; OUT is build/fuzz/corpus)

OUT/<target>/ gets one file per seed, named by its SHA-1 so that reruns add nothing twice. Seeds
are small pieces of samples/ (whole logs are larger than -max_len), each prefixed with the
control bytes its target reads first (see fuzz/checks.h), the .evtx files under samples/ and
tests/data/, the rule packs under patterns/ and tests/data/bad_patterns/, and for fuzz_archive the
bundle tests/data/bundle/case123.zip, the archives inside it, and small archives of every kind
read_archive opens (zip stored, deflated and streamed, tar, tar.gz/.bz2/.xz, a lone .gz/.bz2/.xz,
cpio, a cab from the bundle or gcab, nested past the depth limit, a small bomb, cut and damaged
ones), made here from pieces of samples/. Nothing here is committed: the corpora grow in build/.
"""
import bz2
import gzip
import hashlib
import io
import lzma
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

LINES_PER_SEED = 40
# Control bytes: (chunk size and chopping, line limit). 0xFF as line limit is the default 1 MiB.
LINE_READER_CONTROLS = [b"\x05\xff", b"\x27\x1f", b"\x00\x03"]
# (format, line limit): 0xFF as format means "detect it as a run does".
TOKENIZER_CONTROLS = [b"\xff\xff", b"\xff\x40"]


def write(out: pathlib.Path, data: bytes) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def utf16_unit(data: bytes) -> bytes:
    """The line feed as the file encodes it: UTF-16 files hold it in two bytes."""
    if data.startswith(b"\xff\xfe") or (len(data) > 1 and data[1] == 0 and data[0] != 0):
        return b"\n\x00"
    if data.startswith(b"\xfe\xff") or (len(data) > 1 and data[0] == 0 and data[1] != 0):
        return b"\x00\n"
    return b"\n"


def pieces(data: bytes) -> list[bytes]:
    """The file cut into runs of LINES_PER_SEED lines, cut only at line feeds (UTF-16 aware)."""
    newline = utf16_unit(data)
    lines, start = [], 0
    while start < len(data):
        end = data.find(newline, start)
        # A UTF-16 line feed must start at an even offset.
        while end != -1 and len(newline) == 2 and end % 2 != 0:
            end = data.find(newline, end + 1)
        end = len(data) if end == -1 else end + len(newline)
        lines.append(data[start:end])
        start = end
    runs = [b"".join(lines[i : i + LINES_PER_SEED]) for i in range(0, len(lines), LINES_PER_SEED)]
    if newline != b"\n" and runs and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Later runs lose the BOM; give one of them back its BOM as well.
        runs.append(data[:2] + runs[-1])
    return runs


STAMP = (2024, 2, 14, 12, 0, 0)
MTIME = 1707912000


class Pipe(io.RawIOBase):
    """An output that cannot seek, as a pipe: zipfile then writes sizes in data descriptors."""

    def __init__(self) -> None:
        self.out = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.out += b
        return len(b)


def zip_bytes(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED,
              streamed: bool = False) -> bytes:
    """A zip of `members`; `streamed` writes it as to a pipe."""
    out = Pipe() if streamed else io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = method
            if streamed:
                with z.open(info, "w") as member:
                    member.write(data)
            else:
                z.writestr(info, data)
    return bytes(out.out) if streamed else out.getvalue()


def tar_bytes(members: list[tuple[str, bytes]], compression: str = "") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:" + compression, format=tarfile.USTAR_FORMAT) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = MTIME
            t.addfile(info, io.BytesIO(data))
    raw = bytearray(buf.getvalue())
    if compression == "gz":
        raw[4:8] = b"\0\0\0\0"  # no time in the gzip header: the same bytes every run
    return bytes(raw)


def cpio_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A cpio archive in the "newc" format (what libarchive's cpio reader reads most)."""
    out = bytearray()

    def pad(n: int) -> None:
        out.extend(b"\0" * (-n % 4))

    for ino, (name, data) in enumerate(members + [("TRAILER!!!", b"")], start=1):
        mode = 0o100644 if name != "TRAILER!!!" else 0
        fields = [ino, mode, 0, 0, 1, MTIME, len(data), 0, 0, 0, 0, len(name) + 1, 0]
        header = b"070701" + b"".join(b"%08X" % f for f in fields)
        out += header + name.encode() + b"\0"
        pad(len(header) + len(name) + 1)
        out += data
        pad(len(data))
    return bytes(out)


def cab_bytes(members: list[tuple[str, bytes]]) -> bytes | None:
    """A .cab made by gcab (scripts/setup.sh --all installs it), or None without it."""
    if shutil.which("gcab") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in members:
            path = pathlib.Path(tmp) / name
            path.write_bytes(data)
            os.utime(path, (MTIME, MTIME))
        cab = pathlib.Path(tmp) / "logs.cab"
        subprocess.run(["gcab", "-c", "-z", "-n", str(cab)] + [n for n, _ in members], cwd=tmp,
                       check=True, capture_output=True)
        return cab.read_bytes()


def archive_seeds(root: pathlib.Path) -> list[bytes]:
    """Archives for fuzz_archive: the bundle, what it holds, and small ones of every kind."""
    seeds = []
    for bundle in sorted((root / "tests/data/bundle").glob("*.zip")):
        data = bundle.read_bytes()
        seeds.append(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                member = z.read(info)
                if member[:4] in (b"PK\x03\x04", b"MSCF") or member[:2] == b"\x1f\x8b":
                    seeds.append(member)  # the nested zip, cab, tar.gz and the damaged zip

    logs = sorted((root / "samples").rglob("*.log"))[:6]
    texts = [pieces(p.read_bytes())[0] for p in logs if p.stat().st_size > 0]
    members = [(f"SITE0{i}/Logs/{p.name}", t) for i, (p, t) in enumerate(zip(logs, texts), start=1)]
    few = members[:2]
    seeds += [
        zip_bytes(few),
        zip_bytes(few, zipfile.ZIP_STORED),
        zip_bytes(few, streamed=True),
        zip_bytes(few, zipfile.ZIP_BZIP2),
        zip_bytes(few, zipfile.ZIP_LZMA),
        tar_bytes(few),
        tar_bytes(few, "gz"),
        tar_bytes(few, "bz2"),
        tar_bytes(few, "xz"),
        gzip.compress(texts[0], mtime=0),
        bz2.compress(texts[0]),
        lzma.compress(texts[0]),
        cpio_bytes(few),
    ]
    cab = cab_bytes([(pathlib.Path(n).name, t) for n, t in few])
    if cab is not None:
        seeds.append(cab)
    # Archives inside archives: a zip holding a tar.gz and a lone .gz; zips nested 5 deep, one
    # past the depth limit (read_archive opens 3 levels below the top).
    seeds.append(zip_bytes([("SITE01/logs.tar.gz", tar_bytes(few[:1], "gz")),
                            ("SITE02/x.log.gz", gzip.compress(texts[0], mtime=0)),
                            members[-1]]))
    nested = zip_bytes(few[:1])
    for level in range(4, 0, -1):
        nested = zip_bytes([(f"level{level}.zip", nested), (f"level{level}.log", texts[level])])
    seeds.append(nested)
    # A small bomb: 4 MiB of zeros, past the 1 MiB the fuzz target checks the ratio from.
    seeds.append(zip_bytes([("zeros.log", bytes(4 << 20))]))
    # Damaged: cut in half, and bytes overwritten inside a member's deflate stream.
    whole = zip_bytes(members)
    seeds.append(whole[: len(whole) // 2])
    damaged = bytearray(whole)
    damaged[len(damaged) // 3 : len(damaged) // 3 + 32] = b"\xff" * 32
    seeds.append(bytes(damaged))
    return seeds


def main() -> int:
    root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    logs = [p for p in sorted((root / "samples").rglob("*")) if p.is_file() and p.suffix != ".md"]
    text_logs = [p for p in logs if p.suffix.lower() != ".evtx"]
    for path in text_logs:
        for i, run in enumerate(pieces(path.read_bytes())):
            write(out / "fuzz_line_reader", LINE_READER_CONTROLS[i % len(LINE_READER_CONTROLS)] + run)
            write(out / "fuzz_tokenizer", TOKENIZER_CONTROLS[i % len(TOKENIZER_CONTROLS)] + run)

    evtx = [p for p in logs if p.suffix.lower() == ".evtx"]
    evtx += sorted((root / "tests/data").rglob("*.evtx"))
    for path in evtx:
        data = path.read_bytes()
        write(out / "fuzz_evtx", data[: 4096 + 65536])  # the file header and the first chunk
        write(out / "fuzz_evtx", data)
    if not evtx:
        # No .evtx in the repository yet: the file header alone still reaches read_evtx's paths.
        write(out / "fuzz_evtx", b"ElfFile\x00" + bytes(4088))

    # Certificate files: each layout, whole and cut short.
    certificates = sorted((root / "samples/windows/certificates").rglob("*.*"))
    certificates += sorted((root / "tests/data/certificates").rglob("*.*"))
    for path in certificates:
        if path.suffix.lower() in (".cer", ".crt", ".pem", ".der", ".p7b", ".pfx"):
            data = path.read_bytes()
            write(out / "fuzz_x509", data)
            write(out / "fuzz_x509", data[: len(data) // 2])

    packs = sorted((root / "patterns").rglob("*.yaml"))
    packs += sorted((root / "tests/data/bad_patterns").rglob("*.yaml"))
    for path in packs:
        write(out / "fuzz_rules", path.read_bytes())

    for data in archive_seeds(root):
        write(out / "fuzz_archive", data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
