#!/usr/bin/env python3
"""Prints the `message:` regexes of every rule pack, one per line, in ripgrep's syntax, for
`rg -c -i -f FILE` (the baseline certdiag is measured against). Python standard library only.

    python3 bench/extract_regexes.py                 # patterns/ of this checkout
    python3 bench/extract_regexes.py --rules DIR     # another pack folder
    python3 bench/extract_regexes.py --samples       # the signals' `samples: match:` texts instead

The conversion keeps the meaning RE2 gives a regex: named groups become non-capturing (rg -f
joins all regexes into one, where a repeated name is an error), and \b becomes (?-u:\b), RE2's
ASCII word boundary (rg's Unicode \b would push it off its DFA onto an engine 15-40x slower).

Signals without a message test (event id, provider, data fields only) have no text regex and are
left out; so are duplicates. Exits 1 when no pack holds a message regex.
"""

import argparse
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import packs  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", default=str(packs.PATTERNS), help="pack folder (default: patterns/)")
    ap.add_argument("--samples", action="store_true", help="print the samples: match: texts")
    ap.add_argument("--no-convert", action="store_true", help="print the regexes as RE2 has them")
    ap.add_argument("--unicode-boundaries", action="store_true",
                    help="keep \\b Unicode in rg (RE2's is ASCII; rg's Unicode \\b is 15-40x slower)")
    args = ap.parse_args()

    seen = set()
    out = []
    for sig in packs.signals(args.rules):
        if args.samples:
            items = sig["match"]
        elif sig["message"] is None:
            continue
        else:
            items = [sig["message"] if args.no_convert
                     else packs.re2_to_rg(sig["message"], ascii_boundaries=not args.unicode_boundaries)]
        for item in items:
            if "\n" in item:
                print(f"{sig['file']}: signal '{sig['id']}': regex spans lines; skipped", file=sys.stderr)
                continue
            if item not in seen:
                seen.add(item)
                out.append(item)
    if not out:
        print(f"no message regexes in {args.rules}", file=sys.stderr)
        return 1
    sys.stdout.write("".join(line + "\n" for line in out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
