#!/usr/bin/env python3
"""Writes assets/cast/kinds.tsv: what a capitalised name that the tagger may
misjudge is (an organisation, a place, a misc thing, or no actor at all),
from two public sources:

  - WordNet 3.0 (Debian `wordnet-base`, /usr/share/wordnet; WordNet licence,
    permissive): its capitalised noun lemmas. A lemma whose every sense falls
    in one class gives that class:
      * noun.time only ("GMT", "Ramadan") -> none (never an actor);
      * classes of people, not individuals (noun.person without an instance
        pointer: "Muslim", "Sunni", "Episcopalian") -> misc (what a people or a
        faith is called, never one person);
      * things, works and awards that are not individuals (noun.artifact,
        noun.communication, ... without an instance pointer: "DVD", "PC",
        "Oscar") -> misc;
      * individual places (noun.location with an instance pointer:
        "Capitol Hill") -> place; individual groups (noun.group with an
        instance pointer) -> organization.
  - pytickersymbols (PyPI, MIT; index constituents from Wikipedia): the
    companies of the world's main stock indices ("Sony", "Nintendo") ->
    organization, by their names without legal suffixes.

Names that are also given names or surnames of the census lists, places or
countries of the gazetteer are left out: there the tagger's context decides.

Usage:  apt-get install wordnet-base && pip install pytickersymbols
        python3 scripts/gen_kinds.py
The program embeds the output; it never runs this script.
"""
import collections
import os
import re
import sys

from pytickersymbols.indices_data import INDICES

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "cast")
WORDNET = "/usr/share/wordnet/data.noun"

LEXNAMES = {
    4: "act", 6: "artifact", 7: "attribute", 9: "cognition", 10: "communication",
    11: "event", 13: "food", 14: "group", 15: "location", 18: "person",
    21: "possession", 26: "state", 27: "substance", 28: "time",
}
# Non-instance senses of these make a capitalised lemma a thing: misc.
THINGS = {"artifact", "communication", "act", "cognition", "event",
          "possession", "substance"}
# Legal and descriptive tails of listed companies' names.
SUFFIXES = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|plc|PLC|"
    r"Ltd\.?|Limited|AG|SE|SA|S\.A\.|N\.V\.|NV|AB|ASA|Oyj|A/S|S\.p\.A\.|SpA|"
    r"Holdings?|Group|Holding|KGaA|&|and|The))+$")


def read_list(name):
    with open(os.path.join(OUT, name), encoding="utf-8") as f:
        return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}


def wordnet():
    senses = collections.defaultdict(set)
    with open(WORDNET, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            lex = int(fields[1])
            n = int(fields[3], 16)
            words = [fields[4 + 2 * i] for i in range(n)]
            k = 4 + 2 * n
            ptrs = [fields[k + 1 + 4 * i] for i in range(int(fields[k]))]
            instance = "@i" in ptrs
            for w in words:
                w = re.sub(r"\(.*\)$", "", w).replace("_", " ")
                if w[:1].isupper():
                    senses[w].add((LEXNAMES.get(lex, "other"), instance))
    out = {}
    for w, s in senses.items():
        lex = {x[0] for x in s}
        inst = {x[1] for x in s}
        if lex == {"time"}:
            out[w] = "none"
        elif inst == {False} and lex == {"person"}:
            out[w] = "misc"
        elif inst == {False} and lex <= THINGS:
            out[w] = "misc"
        elif inst == {True} and lex == {"location"}:
            out[w] = "place"
        elif inst == {True} and lex == {"group"}:
            out[w] = "organization"
    return out


def companies():
    out = {}
    for index in INDICES.values():
        for c in index["companies"]:
            name = " ".join(c["name"].split())
            short = SUFFIXES.sub("", name).strip(" ,")
            for n in {name, short}:
                if n and not re.search(r"[()\[\]]", n) and len(n) > 2:
                    out[n] = "organization"
    return out


def main():
    names = read_list("given_names.txt") | read_list("surnames.txt") | read_list("places.txt")
    countries = set()
    for l in open(os.path.join(OUT, "countries.tsv"), encoding="utf-8"):
        cols = l.rstrip("\n").split("\t")
        for c in cols[1:]:
            countries.update(x.lower() for x in c.split("|") if x)
    kinds = {}
    kinds.update(companies())
    # WordNet second: a listed company keeps its kind over a word sense.
    for w, k in wordnet().items():
        kinds.setdefault(w, k)
    rows = []
    for w, k in kinds.items():
        if w.lower() in names or w.lower() in countries or "\t" in w:
            continue
        rows.append(f"{w}\t{k}")
    rows.sort()
    path = os.path.join(OUT, "kinds.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/gen_kinds.py from WordNet 3.0 and pytickersymbols;\n")
        f.write("# see assets/README.md. A name written exactly so (longer than three\n")
        f.write("# letters: in any case) is of this kind; `none`: never an actor.\n")
        for r in rows:
            f.write(r + "\n")
    print(f"kinds.tsv: {len(rows)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
