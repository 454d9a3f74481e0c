#!/usr/bin/env python3
"""ical_check.py - check an iCalendar file written by meedoen with an
independent parser (Debian's python3-icalendar and python3-dateutil).

    python3 tests/unit/ical_check.py FILE.ics [--expect EXPECT.json]

Without --expect it checks structure only, so it can be run on any export:
  - raw bytes: CRLF line ends only, no physical line over 75 octets, every
    physical line valid UTF-8 on its own (no fold inside a character),
    continuation lines start with one space;
  - TEXT values escape ; , and backslash (checked on the unfolded text);
  - the calendar parses, has VERSION 2.0 and PRODID, and a VTIMEZONE for
    every TZID used;
  - every VEVENT has UID, DTSTAMP in UTC, DTSTART with TZID Europe/Amsterdam,
    DTEND after DTSTART (compared as real instants, tzdata's rules);
  - an RRULE's UNTIL is UTC and falls at the event's local start time (the
    way meedoen writes it); EXDATEs carry TZID Europe/Amsterdam;
  - the recurrence expands (dateutil.rrule) and EXDATEs are skipped.

EXPECT.json (written by `test_ical --sample FILE`) adds the values a reader
must get back:
  {"calname": "...", "events": {"UID": {"summary": "...", "location": "...",
   "first": "YYYY-MM-DDTHH:MM:SS", "last": "..." or null (open-ended),
   "count": N, "excluded": ["local times that must not occur"]}}}
Times are local Amsterdam wall times. Exits 1 with a message on the first
group of failures, 0 when all is well.
"""
import json
import os
import sys

TZID = "Europe/Amsterdam"
SYSTEM_PYTHON = "/usr/bin/python3"

try:
    import icalendar
    from dateutil import rrule
except ImportError:
    # A python3 from pyenv or a venv may lack the Debian packages; the
    # system interpreter has them.
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(
            SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    sys.exit("ical_check: needs python3-icalendar and python3-dateutil")

import datetime as dt
from zoneinfo import ZoneInfo

AMS = ZoneInfo(TZID)
UTC = dt.timezone.utc
# How far to expand an open-ended weekly rule.
OPEN_ENDED_LIMIT = 60

errors = []


def fail(msg):
    errors.append(msg)


def check_raw(raw):
    """Line ends, line lengths, folding and UTF-8 on the bytes."""
    if not raw.endswith(b"\r\n"):
        fail("file does not end in CRLF")
    for i in range(len(raw)):
        c = raw[i:i + 1]
        if c == b"\r" and raw[i + 1:i + 2] != b"\n":
            fail("bare CR at byte %d" % i)
            break
        if c == b"\n" and (i == 0 or raw[i - 1:i] != b"\r"):
            fail("bare LF at byte %d" % i)
            break
    lines = raw.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if len(line) > 75:
            fail("line %d has %d octets (more than 75): %r" % (n, len(line), line[:40]))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            fail("line %d is not valid UTF-8 on its own (fold inside a character?): %s" % (n, e))
        if line[:1] == b"\t":
            fail("line %d: continuation with a tab, expected one space" % n)
        if n == 1 and line != b"BEGIN:VCALENDAR":
            fail("first line is %r, expected BEGIN:VCALENDAR" % line)
    if lines and lines[-1] != b"END:VCALENDAR":
        fail("last line is %r, expected END:VCALENDAR" % lines[-1])


# TEXT properties holding one value: an unescaped ';' or ',' in them is an
# error a lenient parser would hide.
SINGLE_TEXT = ("SUMMARY", "LOCATION", "DESCRIPTION", "UID", "X-WR-CALNAME", "COMMENT")


def check_escapes(raw):
    """TEXT escaping on the unfolded lines: a backslash only before one of
    backslash ; , n N, and no bare ';' or ',' in single TEXT values."""
    text = raw.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8", "replace")
    for line in text.split("\r\n"):
        head, sep, value = line.partition(":")
        if not sep:
            continue
        name = head.split(";")[0].upper()
        if name not in SINGLE_TEXT + ("CATEGORIES",):
            continue
        i = 0
        while i < len(value):
            c = value[i]
            if c == "\\":
                if value[i + 1:i + 2] not in ("\\", ";", ",", "n", "N"):
                    fail("%s: bad escape %r in %r" % (name, value[i:i + 2], line[:60]))
                i += 2
                continue
            if c == ";" or (c == "," and name != "CATEGORIES"):
                fail("%s: unescaped %r in %r" % (name, c, line[:60]))
            i += 1


def wall(d):
    """A parsed DATE-TIME as a naive local wall time."""
    return d.replace(tzinfo=None)


def tzid_of(prop):
    return prop.params.get("TZID") if hasattr(prop, "params") else None


def exdates_of(ev, uid):
    """The EXDATEs of an event as aware datetimes in Amsterdam."""
    out = []
    raw = ev.get("EXDATE")
    if raw is None:
        return out
    for group in raw if isinstance(raw, list) else [raw]:
        for d in group.dts:
            if not isinstance(d.dt, dt.datetime):
                fail("%s: EXDATE %r is not a DATE-TIME" % (uid, d.dt))
                continue
            if group.params.get("TZID") != TZID:
                fail("%s: EXDATE without TZID=%s" % (uid, TZID))
            out.append(wall(d.dt).replace(tzinfo=AMS))
    return out


def expand(ev, uid, start):
    """The occurrences of an event (aware, Amsterdam) and whether the
    series is bounded; None on a failure already reported."""
    rule = ev.get("RRULE")
    if rule is None:
        return [start], True
    if isinstance(rule, list):
        fail("%s: more than one RRULE" % uid)
        return None
    text = rule.to_ical().decode()
    untils = rule.get("UNTIL", [])
    bounded = bool(untils) or "COUNT" in rule
    for until in untils:
        if not isinstance(until, dt.datetime) or until.utcoffset() != dt.timedelta(0) \
                or not text.split("UNTIL=")[1].split(";")[0].endswith("Z"):
            fail("%s: RRULE UNTIL %r is not in UTC" % (uid, until))
            return None
        local = until.astimezone(AMS)
        if local.time() != start.time():
            fail("%s: UNTIL %s is %s local, not at the start time %s" %
                 (uid, until.isoformat(), local.isoformat(), start.time()))
    try:
        r = rrule.rrulestr(text, dtstart=start)
    except (ValueError, TypeError) as e:
        fail("%s: RRULE %r does not expand: %s" % (uid, text, e))
        return None
    rs = rrule.rruleset()
    rs.rrule(r)
    for x in exdates_of(ev, uid):
        rs.exdate(x)
    occ = []
    for o in rs:
        occ.append(o)
        if not bounded and len(occ) >= OPEN_ENDED_LIMIT:
            break
    return occ, bounded


def check_event(ev, expect):
    uid = str(ev.get("UID", ""))
    if not uid:
        fail("VEVENT without UID")
        uid = "(no uid)"
    stamp = ev.get("DTSTAMP")
    if stamp is None:
        fail("%s: no DTSTAMP" % uid)
    elif not isinstance(stamp.dt, dt.datetime) or stamp.dt.utcoffset() != dt.timedelta(0):
        fail("%s: DTSTAMP %r is not a UTC date-time" % (uid, stamp.dt))

    dtstart, dtend = ev.get("DTSTART"), ev.get("DTEND")
    if dtstart is None or dtend is None:
        fail("%s: DTSTART or DTEND missing" % uid)
        return
    for name, prop in (("DTSTART", dtstart), ("DTEND", dtend)):
        zone = getattr(getattr(prop.dt, "tzinfo", None), "zone", None) or str(
            getattr(prop.dt, "tzinfo", None))
        if tzid_of(prop) != TZID or zone != TZID:
            fail("%s: %s has TZID %r / tzinfo %r, expected %s" %
                 (uid, name, tzid_of(prop), zone, TZID))
            return
    start = wall(dtstart.dt).replace(tzinfo=AMS)
    end = wall(dtend.dt).replace(tzinfo=AMS)
    if not end > start:
        fail("%s: DTEND %s is not after DTSTART %s" % (uid, end, start))
    if not ev.get("SUMMARY"):
        fail("%s: no SUMMARY" % uid)

    got = expand(ev, uid, start)
    if got is None:
        return
    occ, bounded = got
    for x in exdates_of(ev, uid):
        if x in occ:
            fail("%s: EXDATE %s still occurs" % (uid, x))

    if expect is None:
        return
    for key, prop in (("summary", "SUMMARY"), ("location", "LOCATION"),
                      ("description", "DESCRIPTION")):
        if key in expect:
            value = ev.get(prop)
            if value is None or str(value) != expect[key]:
                fail("%s: %s reads back as %r, expected %r" % (uid, prop, value and str(value),
                                                               expect[key]))
    local = [o.replace(tzinfo=None).isoformat() for o in occ]
    if "first" in expect and (not local or local[0] != expect["first"]):
        fail("%s: first occurrence %s, expected %s" % (uid, local[:1], expect["first"]))
    if "last" in expect:
        if expect["last"] is None:
            if bounded:
                fail("%s: expected an open-ended series, the rule ends" % uid)
        elif not bounded or not local or local[-1] != expect["last"]:
            fail("%s: last occurrence %s (bounded %s), expected %s" %
                 (uid, local[-1:], bounded, expect["last"]))
    if "count" in expect and (not bounded or len(local) != expect["count"]):
        fail("%s: %d occurrences (bounded %s), expected %d" %
             (uid, len(local), bounded, expect["count"]))
    for x in expect.get("excluded", []):
        if x in local:
            fail("%s: %s should be excluded but occurs" % (uid, x))


def main(argv):
    args = argv[1:]
    expect = None
    if "--expect" in args:
        i = args.index("--expect")
        if i + 1 >= len(args):
            sys.exit("ical_check: --expect needs a file")
        with open(args[i + 1], encoding="utf-8") as f:
            expect = json.load(f)
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit("usage: ical_check.py FILE.ics [--expect EXPECT.json]")
    path = args[0]
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        sys.exit("ical_check: cannot read %s: %s" % (path, e.strerror))

    check_raw(raw)
    check_escapes(raw)
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except ValueError as e:
        fail("does not parse: %s" % e)
        cal = None
    if cal is not None:
        if cal.name != "VCALENDAR":
            fail("top component is %s" % cal.name)
        if str(cal.get("VERSION", "")) != "2.0":
            fail("VERSION is %r, expected 2.0" % cal.get("VERSION"))
        if not cal.get("PRODID"):
            fail("no PRODID")
        zones = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
        events = cal.walk("VEVENT")
        if events and TZID not in zones:
            fail("no VTIMEZONE for %s (have %s)" % (TZID, sorted(zones)))
        want = (expect or {}).get("events", {})
        seen = set()
        for ev in events:
            uid = str(ev.get("UID", ""))
            if uid in seen:
                fail("UID %s appears twice" % uid)
            seen.add(uid)
            check_event(ev, want.get(uid) if expect is not None else None)
        for uid in want:
            if uid not in seen:
                fail("expected event %s is missing" % uid)
        if expect is not None and "calname" in expect:
            name = cal.get("X-WR-CALNAME")
            if name is None or str(name) != expect["calname"]:
                fail("X-WR-CALNAME reads back as %r, expected %r" %
                     (name and str(name), expect["calname"]))

    if errors:
        print("ical_check: %s: %d problem(s)" % (path, len(errors)), file=sys.stderr)
        for e in errors:
            print("  - " + e, file=sys.stderr)
        return 1
    n = len(cal.walk("VEVENT")) if cal is not None else 0
    print("ical_check: %s: OK (%d events%s)" % (path, n, ", expectations met" if expect else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
