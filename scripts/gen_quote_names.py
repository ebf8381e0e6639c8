#!/usr/bin/env python3
"""Writes assets/quotes/given_names_gender.tsv: given names with the sex most of
their bearers have, for resolving "he" / "she" to a person of the article.

Source: US Census 1990 given-name frequencies via the `names` package (public
domain data; package MIT). A name goes to the sex whose frequency is at least
three times the other's; names common for both are left out (the finder then
treats the person as either).

Usage:  pip install names && python3 scripts/gen_quote_names.py
"""
import os

import names

BASE = os.path.dirname(names.__file__)
OUT = os.path.join(os.path.dirname(__file__), "..", "assets", "quotes", "given_names_gender.tsv")


def census(fname, limit):
    freq = {}
    with open(os.path.join(BASE, fname)) as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            parts = line.split()
            freq[parts[0].capitalize()] = float(parts[1])
    return freq


def main():
    male = census("dist.male.first", 1200)
    female = census("dist.female.first", 2500)
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= 3 * f:
            rows.append(f"{name}\tm")
        elif f >= 3 * m:
            rows.append(f"{name}\tf")
    with open(OUT, "w") as out:
        out.write("# Given names and the sex most of their bearers have (m / f), from US Census 1990\n"
                  "# frequencies via the `names` package; written by scripts/gen_quote_names.py.\n")
        out.write("\n".join(rows) + "\n")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
