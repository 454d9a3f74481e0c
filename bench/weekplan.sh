#!/bin/bash
# weekplan.sh - week planning (issue 5) on a demo of BENCH_PARTICIPANTS
# people with class groups, enrolments and a week plan for everyone in
# work-learning: one participant's week plan, a save refused for a
# conflict, the free query, the capacity grid, the calendar and the week
# card PDF. One request at a time, REPS times each after a warm-up, timed
# by curl; the reference is a static file of the week plan answer's size
# served by the same server, timed the same way. Writes a "Week planning"
# section into bench/RESULTS.md (or $BENCH_OUT), replacing an earlier one
# and leaving the other sections as they are.
#
# Nothing here fails because a number is slow. The script fails when the
# benchmark itself goes wrong: no server, a failed login, an answer other
# than the one expected, or a refused save that changed the database.
#
# Settings (environment):
#   BENCH_PARTICIPANTS=20000   demo size (meedoen demo --participants N --seed 1)
#   BENCH_REPS=20              timed requests per route (after one warm-up)
#   BENCH_OUT=bench/RESULTS.md where the section goes
#   BENCH_DB=FILE              use a copy of this demo database instead of
#                              creating one (its creation is then not timed)
#   MEEDOEN_BIN=build/meedoen  the binary to measure (a release build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${MEEDOEN_BIN:-$root/build/meedoen}
N=${BENCH_PARTICIPANTS:-20000}
REPS=${BENCH_REPS:-20}
OUT=${BENCH_OUT:-$root/bench/RESULTS.md}
HEADING='## Week planning'

say() { echo "weekplan: $*" >&2; }
die() { echo "weekplan: FAILED: $*" >&2; exit 1; }

for tool in curl python3 sqlite3 awk; do
	command -v "$tool" >/dev/null || die "$tool is needed"
done
[ -x "$BIN" ] || die "no binary at $BIN (set MEEDOEN_BIN)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/meedoen-weekplan.XXXXXX")
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=$tmp/w.db
sql() { sqlite3 -batch "$db" "$@"; }

# --- 1. data ----------------------------------------------------------------

demo_s=""
if [ -n "${BENCH_DB:-}" ]; then
	say "copying $BENCH_DB"
	sqlite3 "$BENCH_DB" ".backup '$db'"
	N=$(sqlite3 "$db" 'SELECT count(*) FROM participant')
else
	say "demo with $N participants (seed 1)"
	t0=$(date +%s.%N)
	"$BIN" --db "$db" demo --participants "$N" --seed 1 >"$tmp/demo.out" || die "demo failed: $(tail -5 "$tmp/demo.out")"
	t1=$(date +%s.%N)
	demo_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
fi
entries=$(sql 'SELECT count(*) FROM plan_entry WHERE removed_at IS NULL')
enrolments=$(sql 'SELECT count(*) FROM class_enrolment')
groups=$(sql 'SELECT count(*) FROM class_group')
[ "$entries" -gt 0 ] && [ "$enrolments" -gt 0 ] || die "the demo has no week plans ($entries entries, $enrolments enrolments)"
planned=$(sql 'SELECT count(DISTINCT participant_id) FROM plan_entry WHERE removed_at IS NULL')
work_entries=$(sql "SELECT count(*) FROM plan_entry WHERE removed_at IS NULL AND kind = 'work'")
placements=$(sql 'SELECT count(*) FROM placement')

# The participant: in work-learning, with work at a placement and a class
# enrolment valid today, and of those the one whose placement has the most
# other work entries (every read of the plan loads those too); read as
# their job coach.
today=$(date +%F)
row=$(sql "SELECT n.participant_id, u.username FROM class_enrolment n
	JOIN class_group g ON g.id = n.group_id
	JOIN participant_link l ON l.participant_id = n.participant_id AND l.kind = 'job_coach' AND l.end_date IS NULL
	JOIN app_user u ON u.id = l.user_id
	JOIN plan_entry w ON w.participant_id = n.participant_id AND w.kind = 'work' AND w.removed_at IS NULL
	WHERE n.start_date <= '$today' AND (n.end_date IS NULL OR n.end_date >= '$today')
	  AND g.start_date <= '$today' AND g.end_date >= '$today' AND w.placement_id IS NOT NULL
	  AND EXISTS (SELECT 1 FROM phase x WHERE x.participant_id = n.participant_id AND x.actual_end IS NULL
	              AND x.kind IN ('internal_work_learning', 'external_work_learning', 'work_experience_place',
	                             'language_internship', 'trial_placement'))
	ORDER BY (SELECT count(*) FROM plan_entry o WHERE o.placement_id = w.placement_id AND o.kind = 'work'
	          AND o.removed_at IS NULL) DESC, n.participant_id LIMIT 1")
[ -n "$row" ] || die "no participant in work-learning with work and a class in the demo"
P=${row%%|*}
coach_user=${row#*|}
others=$(sql "SELECT max(c) FROM (SELECT (SELECT count(*) FROM plan_entry o WHERE o.placement_id = w.placement_id
	AND o.kind = 'work' AND o.removed_at IS NULL) - 1 AS c FROM plan_entry w
	WHERE w.participant_id = $P AND w.kind = 'work' AND w.removed_at IS NULL)")
caseload=$(sql "SELECT count(DISTINCT l.participant_id) FROM participant_link l JOIN app_user u ON u.id = l.user_id
                WHERE u.username = '$coach_user' AND l.end_date IS NULL")

# --- 2. server --------------------------------------------------------------

mkdir "$tmp/web"
"$BIN" --db "$db" serve --listen 127.0.0.1:0 --quiet --web "$tmp/web" >"$tmp/serve.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 200); do
	url=$(sed -n 's/.* on \(http:[^ ]*\)\/$/\1/p' "$tmp/serve.log")
	[ -n "$url" ] && break
	kill -0 "$pid" 2>/dev/null || die "server exited: $(cat "$tmp/serve.log")"
	sleep 0.1
done
[ -n "$url" ] || die "server did not say where it listens: $(cat "$tmp/serve.log")"
login() {
	local c
	c=$(curl -s -c - -H 'content-type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"meedoen-demo\"}" "$url/api/login" | awk '/meedoen_session/ {print $7}')
	[ -n "$c" ] || die "login as $1 failed"
	echo "$c"
}
coach=$(login "$coach_user")
leader=$(login projectleider)

# get PATH COOKIE FILE: one GET that must answer 200
get() {
	local code
	code=$(curl -s -o "$3" -w '%{http_code}' -b "meedoen_session=$2" "$url$1")
	[ "$code" = 200 ] || die "GET $1 answered $code: $(head -c 500 "$3")"
}
plan_path=/api/participants/$P/week-plan
get "$plan_path" "$coach" "$tmp/plan.json"
cp "$tmp/plan.json" "$tmp/web/ref.json"
ref_bytes=$(stat -c %s "$tmp/web/ref.json")

# The refused save: work at the participant's placement on the day-parts
# of their class, no override_reason.
read -r class_parts placement_id plan_items plan_conflicts < <(python3 - "$tmp/plan.json" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
cls = [i for i in p["items"] if i.get("source") == "timetable"]
work = [i for i in p["items"] if i.get("kind") == "work" and i.get("placement_id")]
if not cls or not work:
    sys.exit("week plan without a class or work: %d classes, %d work items" % (len(cls), len(work)))
print(",".join(cls[0]["day_parts"]), work[0]["placement_id"], len(p["items"]), len(p["conflicts"]))
EOF
) || die "the chosen participant $P has no class or work in this week's plan"
post_body="{\"kind\":\"work\",\"day_parts\":[\"${class_parts//,/\",\"}\"],\"placement_id\":$placement_id}"
post_path=/api/participants/$P/week-plan/entries
count_rows() {
	sql "SELECT (SELECT count(*) FROM plan_entry) || ' ' || (SELECT coalesce(max(updated_at), '') FROM plan_entry) || ' ' ||
	            (SELECT count(*) FROM plan_override) || ' ' || (SELECT count(*) FROM class_enrolment)"
}
rows_before=$(count_rows)

# --- 3. timing --------------------------------------------------------------

# stats: times in seconds on stdin -> "median p95" in ms (p95: nearest rank)
stats() {
	python3 -c '
import math, statistics, sys
v = sorted(float(x) * 1000 for x in sys.stdin)
print("%.1f %.1f" % (statistics.median(v), v[max(0, math.ceil(len(v) * 0.95) - 1)]))'
}
# time_get PATH COOKIE -> "median p95"; every answer must be 200
time_get() {
	get "$1" "$2" /dev/null
	for _ in $(seq "$REPS"); do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "meedoen_session=$2" "$url$1"
	done >"$tmp/times"
	awk '$1 != 200 { exit 1 }' "$tmp/times" || die "GET $1 answered $(awk '$1 != 200 {print $1; exit}' "$tmp/times")"
	awk '{ print $2 }' "$tmp/times" | stats
}
# time_refused -> "median p95" of the POST; every answer must be 409
time_refused() {
	local i code
	for i in $(seq 0 "$REPS"); do
		curl -s -o "$tmp/post.json" -w '%{http_code} %{time_total}\n' -b "meedoen_session=$coach" \
			-H 'content-type: application/json' -d "$post_body" "$url$post_path" >"$tmp/one"
		code=$(cut -d' ' -f1 "$tmp/one")
		[ "$code" = 409 ] || die "POST $post_path $post_body answered $code, not 409: $(head -c 500 "$tmp/post.json")"
		[ "$i" = 0 ] || cut -d' ' -f2 "$tmp/one"
	done | stats
}

# timed NAME COMMAND...: run a timing function, leaving NAME_med, NAME_p95
# (a failure inside it stops the script)
timed() {
	local name=$1 r
	shift
	r=$("$@") || exit 1
	read -r "${name}_med" "${name}_p95" <<<"$r"
}

say "participant $P ($coach_user), timing"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
timed ref time_get /ref.json "$coach"
timed plan time_get "$plan_path" "$coach"
timed post time_refused
new_conflicts=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["conflicts"]))' "$tmp/post.json")
[ "$new_conflicts" -gt 0 ] || die "POST $post_path answered 409 without conflicts: $(head -c 500 "$tmp/post.json")"
timed ics time_get "/api/participants/$P/week-plan.ics" "$coach"
timed card time_get "/api/participants/$P/week-card" "$coach"
timed pdf time_get "/api/participants/$P/week-card.pdf" "$coach"
timed cap time_get "/api/capacity?weeks=4" "$leader"
rss_before_free=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
free_q="/api/week-plan/free?day_parts=tue_morning,tue_afternoon,thu_morning,thu_afternoon"
timed freecl time_get "$free_q" "$coach"
timed freeall time_get "$free_q" "$leader"
timed ref2 time_get /ref.json "$coach"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
rss_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")

rows_after=$(count_rows)
[ "$rows_before" = "$rows_after" ] ||
	die "the refused saves changed the database: plan_entry count, last update, overrides, enrolments were '$rows_before', now '$rows_after'"

# sizes and counts of the answers, for the table
get "$free_q" "$leader" "$tmp/free_all.json"
get "$free_q" "$coach" "$tmp/free_cl.json"
get "/api/capacity?weeks=4" "$leader" "$tmp/cap.json"
get "/api/participants/$P/week-plan.ics" "$coach" "$tmp/plan.ics"
get "/api/participants/$P/week-card.pdf" "$coach" "$tmp/card.pdf"
jn() { python3 -c 'import json,sys; print(eval(sys.argv[2], {"j": json.load(open(sys.argv[1]))}))' "$1" "$2"; }
free_all_total=$(jn "$tmp/free_all.json" 'j["total"]')
free_cl_total=$(jn "$tmp/free_cl.json" 'j["total"]')
cap_items=$(jn "$tmp/cap.json" 'len(j["items"])')
size() { stat -c %s "$1"; }
pdf_fonts=$(python3 -c 'import re,sys; print(len(set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", open(sys.argv[1], "rb").read()))))' "$tmp/card.pdf")

kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=""

# --- 4. report --------------------------------------------------------------

ref_mid=$(awk -v a="$ref_med" -v b="$ref2_med" 'BEGIN { printf "%.2f", (a + b) / 2 }')
ratio() { awk -v a="$1" -v b="$ref_mid" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "n/a" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
verdict() { awk -v v="$1" -v aim="$2" 'BEGIN { print (v < aim) ? "met" : "not met" }'; }
line() { # NAME MED P95 AIM_TEXT AIM_MS
	local v="" r
	r=$(ratio "$2")
	[ -n "$5" ] && v=$(verdict "$2" "$5")
	printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$r" "$4" "$v"
}
demo_line="A demo of $N participants (\`meedoen demo --participants $N --seed 1\`) took $demo_s s to create"
[ -n "$demo_s" ] || demo_line="A copy of a demo of $N participants was used (its creation was not timed)"
section=$(
	cat <<EOF
$HEADING

Generated by \`bench/weekplan.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ). $demo_line:
$planned week plans ($entries entries, $work_entries of them work at $placements placements), $groups class groups
with $enrolments enrolments. One request at a time, $REPS times each after a warm-up, timed by curl on
127.0.0.1 (median, and p95 as the nearest rank: the $(python3 -c "import math; print(math.ceil($REPS * 0.95))")th of $REPS). The reference is
participant $P's week plan answer ($ref_bytes bytes) served as a static file by the same server,
timed first and last; the ratio is against the mean of the two medians ($ref_med and $ref2_med ms).
The plan is read as \`$coach_user\` (caseload $caseload); the free query as \`projectleider\` (all
participants) and as \`$coach_user\`; the capacity grid as \`projectleider\`.
Load average (1, 5, 15 min) before the timing: $load_start; after: $load_end, on $(nproc) CPUs
shared with other builds and tests, so the tails (p95) in particular are noisy.

| request | median ms | p95 ms | × reference (median) | aim | |
|---|---:|---:|---:|---|---|
| static reference ($ref_bytes bytes) | $ref_med | $ref_p95 | 1 | | |
$(line "week plan of participant $P ($plan_items items, $plan_conflicts conflicts; $others others work at the placement)" "$plan_med" "$plan_p95" "< 50 ms" 50)
$(line "save refused with 409 (work on ${class_parts//,/ + }, $new_conflicts new conflicts)" "$post_med" "$post_p95" "< 150 ms" 150)
$(line "calendar .ics ($(size "$tmp/plan.ics") bytes)" "$ics_med" "$ics_p95" "< 100 ms" 100)
$(line "week card JSON (the PDF's content)" "$card_med" "$card_p95" "" "")
$(line "week card PDF ($(size "$tmp/card.pdf") bytes, $pdf_fonts embedded fonts)" "$pdf_med" "$pdf_p95" "< 1 s" 1000)
$(line "capacity, 4 weeks ($cap_items placements, $(size "$tmp/cap.json") bytes)" "$cap_med" "$cap_p95" "< 300 ms" 300)
$(line "free on tue + thu, \`$coach_user\` (caseload $caseload; $free_cl_total free)" "$freecl_med" "$freecl_p95" "" "")
$(line "free on tue + thu, project leader (all $N; $free_all_total free)" "$freeall_med" "$freeall_p95" "< 500 ms" 500)
| static reference, again | $ref2_med | $ref2_p95 | $(ratio "$ref2_med") | | |

Peak resident memory of the server (VmHWM): $(mib "$rss_before_free") before the free queries (the rows are
timed in the order of the table), $(mib "$rss_kb") after all.
The refused saves changed nothing: the counts of plan entries, overrides and enrolments and
the last update time of the entries were the same before and after (the script checks this).

What the requests do:
- **Week plan**: five indexed reads of the participant's rows (entries, enrolments with
  their sessions, exceptions, accepted conflicts, the person's facts), then for each
  placement worked at the placement and every other work entry there (a production hall
  has many), the rules over the week, and one processing-log row (group commit).
- **Refused save**: in one transaction the plan is loaded and checked for 26 weeks
  ahead, the entry inserted, the plan loaded and checked again, and the transaction
  rolled back because the new conflicts have no override reason.
- **Free query**: three reads of everything in the reader's scope (people sorted by
  Dutch collation, their entries valid that week, their class sessions), each row
  made a JSON object, then matched in memory; only the first 500 names are listed
  and logged, \`total\` counts all. For the project leader that is every participant
  and every plan entry of the week, so time and memory grow with the population.
- **Capacity**: the active placements and every work entry valid in the 4 weeks, counted
  per placement, week and day-part in memory; no names, no log rows.
- **Week card PDF**: the week card's content (the JSON row above), laid out with
  libharu. Fonts are loaded per request: each TrueType font the card needs (Latin,
  and Arabic or Ethiopic for those languages, regular and bold) is read from
  /usr/share/fonts, and its used glyphs are written as a deflated subset into the
  document; nothing is cached between requests. The gap between the JSON and the PDF
  rows is that plus the layout (perf: mostly libharu's glyph look-up and zlib, the
  reading of the font files a few per cent).
EOF
)
if [ -f "$OUT" ] && grep -q "^$HEADING\$" "$OUT"; then
	# drop the old section: from its heading to the next "## " heading or the end
	awk -v h="$HEADING" '$0 == h { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$OUT" >"$tmp/out.md"
	# and the blank lines it leaves at the end
	sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$tmp/out.md" >"$OUT"
fi
printf '\n%s\n' "$section" >>"$OUT"
say "plan ${plan_med} ms, refused ${post_med} ms, free ${freeall_med}/${freecl_med} ms, capacity ${cap_med} ms, ics ${ics_med} ms, pdf ${pdf_med} ms (reference ${ref_mid} ms); wrote $OUT"
