#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills the en_GB plural forms in translations/broadview_en_GB.ts.

en_GB is the source language, but a string with %n needs its singular and plural written
out: "%n event(s)" becomes "%n event" and "%n events". Run after update_translations; it
fills only unfinished plural messages and leaves everything else as it is.
"""
import re
import sys
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "translations" / "broadview_en_GB.ts"

# Words whose plural is not the singular with an s.
IRREGULAR = {"person(s)": ("person", "people")}


def forms(source: str) -> tuple[str, str]:
    singular, plural = source, source
    for pattern, (one, many) in IRREGULAR.items():
        singular = singular.replace(pattern, one)
        plural = plural.replace(pattern, many)
    singular = re.sub(r"\(s\)", "", singular)
    plural = re.sub(r"\(s\)", "s", plural)
    singular = singular.replace("The first %n people found", "The first person found")
    return singular, plural


def main() -> int:
    text = TS.read_text(encoding="utf-8")
    message = re.compile(
        r'(<message numerus="yes">\s*(?:<location[^>]*/>\s*)*<source>(?P<source>[^<]*)</source>\s*)'
        r'<translation type="unfinished">\s*<numerusform></numerusform>\s*'
        r'<numerusform></numerusform>\s*</translation>',
        re.S)
    filled = 0

    def fill(match: re.Match) -> str:
        nonlocal filled
        filled += 1
        one, many = forms(match.group("source"))
        return (match.group(1) + "<translation>\n"
                f"            <numerusform>{one}</numerusform>\n"
                f"            <numerusform>{many}</numerusform>\n"
                "        </translation>")

    text = message.sub(fill, text)
    # lupdate's same-text heuristic fills some plurals itself but leaves them unfinished,
    # which lrelease drops: in the source language they are finished.
    guessed = re.compile(
        r'(<message numerus="yes">\s*(?:<location[^>]*/>\s*)*<source>[^<]*</source>\s*)'
        r'<translation type="unfinished">(\s*<numerusform>[^<]+</numerusform>\s*'
        r'<numerusform>[^<]+</numerusform>\s*</translation>)',
        re.S)
    text, accepted = guessed.subn(r"\1<translation>\2", text)
    TS.write_text(text, encoding="utf-8")
    print(f"filled {filled} and accepted {accepted} plural message(s) in {TS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
