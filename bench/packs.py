"""Reads the rule packs of patterns/ for the benchmark scripts: the message regexes of the signals
and their `samples:` texts. Python standard library only: PyYAML is used when it is importable,
otherwise a small reader for the YAML subset the packs are written in (block mappings and
sequences, flow [..] and {..}, quoted and plain scalars, | and > block scalars, comments).

Does not validate packs: `certdiag rules check DIR` does.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "patterns"


# --------------------------------------------------------------------------------------------------
# A reader for the YAML subset of the packs. Scalars stay strings (the benchmarks need no types).


class YamlError(ValueError):
    pass


def _strip_comment(text):
    """Drops a trailing comment: '#' at the start or after a blank, outside quotes."""
    quote = None
    i = 0
    while i < len(text):
        c = text[i]
        if quote == "'":
            if c == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    i += 1
                else:
                    quote = None
        elif quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif c in "'\"" and (i == 0 or text[i - 1] in " \t[{,:-"):
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip()
        i += 1
    return text.rstrip()


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "/": "/", " ": " ",
            "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "v": "\v", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029", "\t": "\t"}


def _double_quoted(body):
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            e = body[i + 1]
            if e in "xuU":
                n = {"x": 2, "u": 4, "U": 8}[e]
                out.append(chr(int(body[i + 2:i + 2 + n], 16)))
                i += 2 + n
                continue
            if e == "\n":  # escaped line break: joined without a space
                i += 2
                while i < len(body) and body[i] in " \t":
                    i += 1
                continue
            out.append(_ESCAPES.get(e, e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _fold_lines(text):
    """Folds the line breaks of a multi-line flow scalar as YAML does: one break becomes a space,
    n breaks become n-1 newlines."""
    lines = [l.strip() for l in text.split("\n")]
    out = lines[0]
    blanks = 0
    for line in lines[1:]:
        if line == "":
            blanks += 1
            continue
        out += ("\n" * blanks) if blanks else " "
        out += line
        blanks = 0
    return out


class _Flow:
    """Parses one flow collection or quoted scalar, which may span lines."""

    def __init__(self, text):
        self.s = text
        self.i = 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\n":
            self.i += 1

    def value(self):
        self.ws()
        c = self.s[self.i] if self.i < len(self.s) else ""
        if c == "[":
            self.i += 1
            items = []
            while True:
                self.ws()
                if self.s[self.i] == "]":
                    self.i += 1
                    return items
                items.append(self.entry())
                self.ws()
                if self.s[self.i] == ",":
                    self.i += 1
                elif self.s[self.i] != "]":
                    raise YamlError(f"expected , or ] in {self.s!r}")
        if c == "{":
            self.i += 1
            items = {}
            while True:
                self.ws()
                if self.s[self.i] == "}":
                    self.i += 1
                    return items
                key = self.scalar(flow=True)
                self.ws()
                if self.s[self.i] != ":":
                    raise YamlError(f"expected : in {self.s!r}")
                self.i += 1
                self.ws()
                items[key] = None if self.s[self.i] in ",}" else self.value()
                self.ws()
                if self.s[self.i] == ",":
                    self.i += 1
                elif self.s[self.i] != "}":
                    raise YamlError(f"expected , or }} in {self.s!r}")
        return self.scalar(flow=True)

    def entry(self):
        """A flow sequence entry: a value, or a single-pair mapping `key: value`."""
        start = self.i
        first = self.value()
        self.ws()
        if isinstance(first, str) and self.i < len(self.s) and self.s[self.i] == ":":
            self.i += 1
            return {first: self.value()}
        del start
        return first

    def scalar(self, flow):
        c = self.s[self.i]
        if c == "'":
            j = self.i + 1
            out = []
            while True:
                k = self.s.index("'", j)
                out.append(self.s[j:k])
                if k + 1 < len(self.s) and self.s[k + 1] == "'":
                    out.append("'")
                    j = k + 2
                    continue
                self.i = k + 1
                return _fold_lines("".join(out))
        if c == '"':
            j = self.i + 1
            while self.s[j] != '"':
                j += 2 if self.s[j] == "\\" else 1
            body = self.s[self.i + 1:j]
            self.i = j + 1
            return _double_quoted(_fold_lines(body) if "\\\n" not in body else body)
        j = self.i
        stops = ",]}" if flow else ""
        while j < len(self.s):
            ch = self.s[j]
            if ch in stops:
                break
            if ch == ":" and (j + 1 == len(self.s) or self.s[j + 1] in " \t\n" + stops):
                break
            j += 1
        text = self.s[self.i:j]
        self.i = j
        return _fold_lines(text.strip())


def _balanced(text):
    """Whether a flow value is complete (brackets closed, quotes closed)."""
    depth = 0
    quote = None
    i = 0
    while i < len(text):
        c = text[i]
        if quote == "'":
            if c == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    i += 1
                else:
                    quote = None
        elif quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif c in "'\"":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return depth <= 0 and quote is None


class _Block:
    def __init__(self, text):
        self.raw = text.split("\n")
        self.pos = 0

    def _line(self, index):
        """(indent, content) of a raw line, or None for blank/comment lines."""
        raw = self.raw[index].rstrip("\r")
        body = raw.lstrip(" ")
        if body == "" or body.startswith("#") or body in ("---", "..."):
            return None
        return len(raw) - len(body), raw

    def peek(self):
        while self.pos < len(self.raw):
            got = self._line(self.pos)
            if got is not None:
                return got[0], got[1][got[0]:]
            self.pos += 1
        return None

    def node(self, indent):
        got = self.peek()
        if got is None or got[0] < indent:
            return None
        ind, content = got
        if content == "-" or content.startswith("- "):
            return self.sequence(ind)
        return self.mapping(ind)

    def sequence(self, indent):
        items = []
        while True:
            got = self.peek()
            if got is None or got[0] != indent:
                return items
            content = got[1]
            if not (content == "-" or content.startswith("- ")):
                return items
            rest = content[1:].lstrip(" ")
            inner = indent + (len(content) - len(rest))
            if rest == "":
                self.pos += 1
                items.append(self.node(indent + 1))
            elif _looks_like_key(rest):
                # "- key: value" opens a mapping whose keys line up with `key`.
                self.raw[self.pos] = " " * inner + rest
                items.append(self.mapping(inner))
            else:
                self.pos += 1
                items.append(self.inline_value(rest, indent))
        return items

    def mapping(self, indent):
        items = {}
        while True:
            got = self.peek()
            if got is None or got[0] != indent:
                return items
            content = _strip_comment(got[1])
            if content.startswith("- "):
                return items
            key, rest = _split_key(content)
            if key is None:
                raise YamlError(f"line {self.pos + 1}: expected 'key: value': {got[1]!r}")
            self.pos += 1
            if rest == "":
                nxt = self.peek()
                if nxt is not None and nxt[0] == indent and (nxt[1] == "-" or nxt[1].startswith("- ")):
                    items[key] = self.sequence(indent)
                else:
                    items[key] = self.node(indent + 1)
            else:
                items[key] = self.inline_value(rest, indent)

    def inline_value(self, rest, indent):
        """The value after 'key:' or '- ' on the line just consumed (self.pos is past it)."""
        rest = _strip_comment(rest)
        if rest[:1] in ("|", ">"):
            return self.block_scalar(rest, indent)
        if rest[:1] in "[{'\"":
            text = rest
            while not _balanced(text):
                if self.pos >= len(self.raw):
                    raise YamlError("unterminated flow value")
                text += "\n" + _strip_comment(self.raw[self.pos].rstrip("\r")) \
                    if rest[:1] in "[{" else "\n" + self.raw[self.pos].rstrip("\r")
                self.pos += 1
            return _Flow(text).value()
        # A plain scalar continues on more-indented lines.
        text = rest
        while True:
            got = self.peek()
            if got is None or got[0] <= indent:
                break
            text += "\n" + _strip_comment(got[1])
            self.pos += 1
        return _fold_lines(text)

    def block_scalar(self, header, indent):
        style, chomp = header[0], "clip"
        if "-" in header:
            chomp = "strip"
        elif "+" in header:
            chomp = "keep"
        lines = []
        block_indent = None
        while self.pos < len(self.raw):
            raw = self.raw[self.pos].rstrip("\r")
            body = raw.lstrip(" ")
            ind = len(raw) - len(body)
            if body == "":
                lines.append("")
                self.pos += 1
                continue
            if ind <= indent:
                break
            if block_indent is None:
                block_indent = ind
            if ind < block_indent:
                break
            lines.append(raw[block_indent:])
            self.pos += 1
        while lines and lines[-1] == "" and chomp != "keep":
            lines.pop()
        if style == "|":
            text = "\n".join(lines)
        else:
            text = ""
            prev_more = False
            for n, line in enumerate(lines):
                more = line.startswith(" ") or line == ""
                if n == 0:
                    text = line
                elif line == "":
                    text += "\n"
                elif more or prev_more or text.endswith("\n"):
                    text += ("\n" if not text.endswith("\n") or more else "") + line
                else:
                    text += " " + line
                prev_more = more and line != ""
        return text if chomp == "strip" else text + "\n"


def _looks_like_key(text):
    key, _ = _split_key(_strip_comment(text))
    return key is not None


def _split_key(content):
    """'key: rest' → (key, rest); (None, None) when the line is not a mapping entry."""
    if content[:1] in "'\"":
        flow = _Flow(content)
        try:
            key = flow.scalar(flow=False)
        except (ValueError, IndexError):
            return None, None
        tail = content[flow.i:]
        if tail.startswith(":") and (len(tail) == 1 or tail[1] in " \t"):
            return key, tail[1:].strip()
        return None, None
    if content[:1] in "[{":
        return None, None
    m = re.match(r"([^#:][^:]*?|[^:]*?):(?:\s+|$)", content)
    if not m or m.group(1).strip() == "":
        return None, None
    return m.group(1).strip(), content[m.end():].strip()


def parse_yaml(text):
    """Parses a YAML document of the subset above into dicts, lists and strings."""
    block = _Block(text.replace("\t", "    "))
    got = block.peek()
    if got is None:
        return None
    return block.node(got[0])


def load_yaml(text):
    """PyYAML when available (scalars converted to strings), else parse_yaml()."""
    try:
        import yaml  # noqa: PLC0415
    except ImportError:
        return parse_yaml(text)

    class Loader(yaml.SafeLoader):
        pass

    # Keep every scalar a string, as parse_yaml() does.
    Loader.yaml_implicit_resolvers = {}
    return yaml.load(text, Loader=Loader)


# --------------------------------------------------------------------------------------------------
# Packs


def pack_files(root=PATTERNS):
    return sorted(p for p in Path(root).rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def signals(root=PATTERNS, parser=None):
    """Every signal of every pack, in file order: dicts with id, message (regex or None), match and
    no_match (the sample lines that are plain message strings), samples (all of them, as written:
    strings or {field: value} maps), fields (the match: tests), file."""
    parse = parser or load_yaml
    out = []
    for path in pack_files(root):
        doc = parse(path.read_text(encoding="utf-8")) or {}
        for sig in doc.get("signals") or []:
            if not isinstance(sig, dict):
                continue
            match = sig.get("match") or {}
            message = match.get("message") if isinstance(match, dict) else None
            samples = sig.get("samples") or {}
            out.append({
                "id": sig.get("id", ""),
                "message": message if isinstance(message, str) else None,
                "match": [s for s in samples.get("match") or [] if isinstance(s, str)],
                "no_match": [s for s in samples.get("no-match") or [] if isinstance(s, str)],
                "samples": {"match": list(samples.get("match") or []),
                            "no-match": list(samples.get("no-match") or [])},
                "fields": match if isinstance(match, dict) else {},
                "file": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
            })
    return out


# --------------------------------------------------------------------------------------------------
# RE2 → ripgrep (Rust regex) syntax

# Characters Rust's regex accepts escaped; RE2 also accepts any other punctuation escaped.
_RUST_META = set("\\.+*?()|[]{}^$#&-~")


_NAMED_GROUP = re.compile(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>")


def re2_to_rg(pattern, ascii_boundaries=True):
    """Converts an RE2 pattern to the syntax of ripgrep's default engine, for `rg -f`, which
    joins all patterns into one: named groups become non-capturing (a name may repeat across
    rules), \\Q…\\E an escaped literal, \\C any character, punctuation escapes that Rust
    rejects (\\: \\/ \\< …) the literal, and (unless ascii_boundaries is false) \\b and \\B
    ASCII word boundaries (?-u:\\b), as RE2's are: ripgrep's Unicode \\b would make it leave its
    DFA for an engine 15-40 times slower. \\d \\s \\w stay (Unicode in rg, ASCII in RE2: they
    differ on non-ASCII text only, and cost rg nothing)."""
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            if e == "Q":
                end = pattern.find("\\E", i + 2)
                lit = pattern[i + 2:] if end < 0 else pattern[i + 2:end]
                out.append("".join("\\" + ch if ch in _RUST_META else ch for ch in lit))
                i = n if end < 0 else end + 2
                continue
            if e == "C":
                out.append(".")
                i += 2
                continue
            if e in "bB" and ascii_boundaries:
                # RE2's \b is ASCII; ripgrep's Unicode \b makes it leave its DFA for a slower engine.
                out.append(f"(?-u:\\{e})")
                i += 2
                continue
            if not e.isalnum() and e.isascii() and e not in _RUST_META and e not in " \t":
                out.append(e)
                i += 2
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        m = _NAMED_GROUP.match(pattern, i)
        if m:  # rg -f joins the regexes with |, where a name used twice is an error
            out.append("(?:")
            i = m.end()
            continue
        out.append(c)
        i += 1
    return "".join(out)
