#!/usr/bin/env python3
"""gen_screening.py - synthetic screening rows for the import benchmark.

Writes N rows of a reception-centre screening CSV (docs/api.md, "Screening
import") to stdout or to --out. The rows are made up, deterministic for a
given --seed, and valid, so `meedoen import screening` should accept every
one of them:

  - external_id is unique (COA-BENCH-0000001, ...);
  - bsn has 9 digits, passes the 11-test and is unique (the first 8 digits
    walk upwards from a seeded start, the 9th is the check digit; prefixes
    whose check digit would be 10 are skipped);
  - dates are YYYY-MM-DD, none in the future, birth < permit <= arrival,
    ages 18..66 on the reference date;
  - codes come from the code lists (ISO 3166-1 alpha-2 countries, language
    codes, ISCED 0..8, CEFR A0..C2, integration duty);
  - postal codes are "1234 AB" without the letter pairs SA, SD and SS.

Python 3 standard library only.
"""

import argparse
import csv
import datetime
import random
import sys

HEADER = [
    "external_id", "family_name", "given_names", "birth_date", "sex",
    "country_of_origin", "languages", "arrival_date", "permit_date", "bsn",
    "education_years", "isced_level", "integration_duty", "cefr_speaking",
    "cefr_listening", "city", "postal_code",
]

# Country of origin with the languages people from there commonly speak
# (first one is the main language) and a few family and given names.
ORIGINS = [
    ("SY", ["ar", "ku", "kmr", "en"],
     ["Al-Hassan", "Haddad", "Khalil", "Darwish", "Mansour", "Othman", "el-Masri"],
     ["Ahmad", "Rania", "Yusuf", "Lina", "Omar", "Nour", "Samer", "Hala"]),
    ("ER", ["ti", "tig", "ar", "en"],
     ["Tesfay", "Gebremedhin", "Haile", "Berhane", "Kidane", "Weldu"],
     ["Semhar", "Yonas", "Filmon", "Helen", "Senait", "Dawit", "Ruta"]),
    ("AF", ["prs", "ps", "fa", "haz"],
     ["Ahmadi", "Rahimi", "Karimi", "Noori", "Sultani", "Hakimi"],
     ["Farid", "Mariam", "Zahra", "Hamid", "Shabnam", "Mohammad"]),
    ("TR", ["tr", "ku", "kmr"],
     ["Yılmaz", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"],
     ["Emre", "Zeynep", "Mehmet", "Elif", "Burak", "Ayşe"]),
    ("YE", ["ar", "en"],
     ["Al-Amri", "Saleh", "Qasim", "Ba-Wazir"],
     ["Abdullah", "Fatima", "Ali", "Huda"]),
    ("SO", ["so", "ar", "en"],
     ["Warsame", "Abdi", "Farah", "Mohamud", "Jama"],
     ["Hodan", "Abdirahman", "Ifrah", "Liban", "Sagal"]),
    ("UA", ["uk", "ru", "en"],
     ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko"],
     ["Olena", "Andrii", "Iryna", "Dmytro", "Kateryna"]),
    ("IR", ["fa", "en"],
     ["Hosseini", "Moradi", "Rezaei", "Jafari"],
     ["Reza", "Shirin", "Parisa", "Navid"]),
    ("IQ", ["ar", "ckb", "ku", "en"],
     ["Al-Jaburi", "Hamdan", "Rasul", "Aziz"],
     ["Karwan", "Shilan", "Hussein", "Zainab"]),
]

SEXES = ["female", "male", "female", "male", "x", "unknown"]
DUTIES = ["duty", "duty", "duty", "voluntary", "exempt", "met", "none"]
CEFR = ["A0", "A1", "A1", "A2", "A2", "B1", "B2", "C1", "C2"]
CITIES = [
    ("Zoetermeer", 2711), ("Naaldwijk", 2671), ("Delft", 2611),
    ("Leiden", 2311), ("Den Haag", 2511), ("Gouda", 2801),
    ("Rotterdam", 3011), ("Utrecht", 3511), ("Amersfoort", 3811),
]
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
BAD_PAIRS = {"SA", "SD", "SS"}


def bsn_check_digit(prefix8):
    """The 9th digit that makes prefix8 pass the 11-test, or None."""
    digits = [int(c) for c in prefix8]
    total = sum((9 - i) * d for i, d in enumerate(digits))
    check = total % 11
    if check == 10:
        return None
    return check


def bsns(rng):
    """Unique valid BSNs, ascending from a seeded start."""
    prefix = rng.randrange(10_000_000, 60_000_000)
    while True:
        p8 = "%08d" % prefix
        prefix += 1
        check = bsn_check_digit(p8)
        if check is None:
            continue
        bsn = p8 + str(check)
        digits = [int(c) for c in bsn]
        total = sum((9 - i) * d for i, d in enumerate(digits[:8])) - digits[8]
        if total == 0 or total % 11 != 0:
            continue
        yield bsn


def postal_code(rng, base):
    while True:
        pair = rng.choice(LETTERS) + rng.choice(LETTERS)
        if pair not in BAD_PAIRS:
            return "%04d %s" % (base + rng.randrange(0, 40), pair)


def rows(n, seed, today):
    rng = random.Random(seed)
    bsn_gen = bsns(rng)
    for i in range(1, n + 1):
        country, langs, families, givens = rng.choice(ORIGINS)
        age_days = rng.randrange(18 * 366, 66 * 365)
        birth = today - datetime.timedelta(days=age_days)
        # permit after the 16th birthday, arrival in the municipality 0..120
        # days after the permit, both no later than today
        since_permit = rng.randrange(0, min(age_days - 16 * 366, 10 * 365))
        permit = today - datetime.timedelta(days=since_permit)
        arrival = permit + datetime.timedelta(days=rng.randrange(0, 121))
        if arrival > today:
            arrival = today
        nlangs = rng.choice([1, 1, 2, 2, 3])
        spoken = [langs[0]] + rng.sample(langs[1:], min(nlangs - 1, len(langs) - 1))
        isced = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 8])
        years = min(30, max(0, isced * 2 + rng.randrange(0, 6)))
        city, base = rng.choice(CITIES)
        yield [
            "COA-BENCH-%07d" % i,
            rng.choice(families),
            " ".join(rng.sample(givens, 1 if rng.random() < 0.7 else 2)),
            birth.isoformat(),
            rng.choice(SEXES),
            country,
            ";".join(spoken),
            arrival.isoformat(),
            permit.isoformat(),
            next(bsn_gen),
            str(years),
            str(isced),
            rng.choice(DUTIES),
            rng.choice(CEFR),
            rng.choice(CEFR),
            city,
            postal_code(rng, base),
        ]


def main():
    ap = argparse.ArgumentParser(description="Write N synthetic, valid screening CSV rows.")
    ap.add_argument("-n", "--rows", type=int, default=100_000, help="number of rows (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--today", default="2025-01-01",
                    help="reference date YYYY-MM-DD; no date lies after it (default 2025-01-01, "
                         "fixed so the output does not depend on the day it runs)")
    ap.add_argument("-o", "--out", default="-", help="output file (default stdout)")
    args = ap.parse_args()
    today = datetime.date.fromisoformat(args.today)
    if today > datetime.date.today():
        ap.error("--today %s lies in the future" % args.today)
    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for row in rows(args.rows, args.seed, today):
        w.writerow(row)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
