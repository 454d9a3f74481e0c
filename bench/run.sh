#!/bin/bash
# run.sh - the meedoen benchmark: import 100,000 generated screening rows,
# then load the server with wrk on dossier reads and list pages, against a
# static file of a dossier's size served by the same server as the
# reference. Writes its sections of bench/RESULTS.md (or $BENCH_OUT) and
# keeps the sections the other benchmark scripts own.
#
# Every number is reported next to a reference measured in the same run on
# the same machine, and the aims are compared as ratios; nothing here fails
# because a number is slow. The script fails only when the benchmark itself
# goes wrong (a rejected row, a failed login, no server).
#
# Traffic goes to 127.0.0.1 only. The server started here is stopped and the
# temporary directory removed on every exit (trap).
#
# Settings (environment):
#   BENCH_ROWS=100000          screening rows to generate and import
#   BENCH_SECONDS=10           duration of each wrk run
#   BENCH_CONNECTIONS=64       wrk connections (-c)
#   BENCH_WRK_THREADS=2        wrk threads (-t)
#   BENCH_SERVER_THREADS=4     meedoen serve --threads
#   BENCH_TIMEOUT=10s          wrk --timeout: slower answers count as timeouts
#                              and leave the latency figures, so keep it long
#   BENCH_SEED=1               generator and wrk random seed
#   BENCH_OUT=bench/RESULTS.md where to write the report
#   BENCH_NO_BUILD=1           do not run `cmake --build build` first
#   BENCH_PERF=1               sample the server with `perf record -g` during
#                              the dossier and list runs and add the top of
#                              `perf report` to the report
#   MEEDOEN=build/meedoen      the binary to measure
#
# Quick try: BENCH_ROWS=2000 BENCH_SECONDS=2 BENCH_OUT=/tmp/r.md bench/run.sh

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

ROWS=${BENCH_ROWS:-100000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-4}
TIMEOUT=${BENCH_TIMEOUT:-10s}
SEED=${BENCH_SEED:-1}
OUT=${BENCH_OUT:-$here/RESULTS.md}
BIN=${MEEDOEN:-$root/build/meedoen}
PER_PAGE=25
# list pages 1..400 (the first 10,000 names), fewer when there are fewer rows
PAGES=$(( (ROWS + PER_PAGE - 1) / PER_PAGE ))
[ "$PAGES" -gt 400 ] && PAGES=400
[ "$PAGES" -lt 1 ] && PAGES=1

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
now_ns() { date +%s%N; }
# seconds with 3 decimals from a nanosecond difference
secs() { awk -v n="$1" 'BEGIN { printf "%.3f", n / 1e9 }'; }
# value of key=... in a BENCH line
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "n/a" }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }

for tool in wrk curl python3 sqlite3 awk; do
	command -v "$tool" >/dev/null || die "$tool is needed"
done

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
	say "cmake --build build"
	(cd "$root" && cmake --build build >/dev/null) || die "build failed"
fi
[ -x "$BIN" ] || die "no binary at $BIN"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/meedoen-bench.XXXXXX")
server_pid=
perf_pid=
cleanup() {
	if [ -n "$perf_pid" ]; then
		kill -INT "$perf_pid" 2>/dev/null || true
		wait "$perf_pid" 2>/dev/null || true
	fi
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=$tmp/meedoen.db
csv=$tmp/screening.csv

# --- 1. data --------------------------------------------------------------

say "generating $ROWS rows (seed $SEED)"
python3 "$here/gen_screening.py" --rows "$ROWS" --seed "$SEED" --out "$csv"
csv_bytes=$(wc -c <"$csv")
"$BIN" --db "$db" demo --participants 0 >/dev/null || die "demo failed"

# --- 2. import, and its reference -----------------------------------------
#
# Reference: the sqlite3 shell's .import of the same file into a plain
# table of 17 text columns (no index, no constraint) in a fresh database
# with the same journal mode and sync level as meedoen's: the cost of
# parsing this CSV and writing its bytes into SQLite in one transaction.
# What meedoen adds on top is its own work: validation, JSON records, the
# unique and collated indexes and a processing-log row per participant. The file is read once before either is timed, so
# both find it in the page cache.

cat "$csv" >/dev/null
# cpu_time FILE CMD...: run CMD, leaving its user+system CPU seconds in FILE
# ("?" without GNU time); the wall time is taken around it
cpu_time() {
	local f=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$f" "$@"
	else
		echo "? ?" >"$f"
		"$@"
	fi
}
cpu_sum() { awk '{ if ($1 == "?") print "?"; else printf "%.2f", $1 + $2 }' "$1"; }
ref_db=$tmp/reference.db
cols=$(head -n 1 "$csv" | sed 's/,/ TEXT, /g; s/$/ TEXT/')
sqlite3 "$ref_db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE screening ($cols);" >/dev/null
say "reference: sqlite3 .import"
t0=$(now_ns)
cpu_time "$tmp/ref.cpu" sqlite3 "$ref_db" <<EOF >/dev/null
PRAGMA synchronous=NORMAL;
.import --csv --skip 1 $csv screening
EOF
t1=$(now_ns)
ref_import_ns=$((t1 - t0))
ref_rows=$(sqlite3 "$ref_db" "SELECT count(*) FROM screening")
[ "$ref_rows" = "$ROWS" ] || die "sqlite3 .import stored $ref_rows rows, not $ROWS"

say "meedoen import screening ($ROWS rows)"
t0=$(now_ns)
cpu_time "$tmp/import.cpu" "$BIN" --db "$db" import screening "$csv" --json >"$tmp/import.json" || die "import failed: $(head -c 2000 "$tmp/import.json")"
t1=$(now_ns)
import_ns=$((t1 - t0))
read -r created rejected committed < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["created"], r["rejected"], str(r["committed"]).lower())' "$tmp/import.json")
[ "$created" = "$ROWS" ] && [ "$rejected" = 0 ] && [ "$committed" = true ] ||
	die "import: created $created, rejected $rejected, committed $committed (want $ROWS, 0, true)"
db_bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))

# --- 3. server --------------------------------------------------------------

web=$tmp/web
mkdir "$web"
printf '<!doctype html><title>bench</title>\n' >"$web/index.html"

start_server() {
	"$BIN" --db "$db" serve --listen 127.0.0.1:0 --quiet --threads "$SERVER_THREADS" --web "$web" \
		2>"$tmp/server.log" >/dev/null &
	server_pid=$!
	port=
	for _ in $(seq 100); do
		port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$tmp/server.log")
		[ -n "$port" ] && break
		kill -0 "$server_pid" 2>/dev/null || die "server exited: $(cat "$tmp/server.log")"
		sleep 0.05
	done
	[ -n "$port" ] || die "server did not say which port it listens on"
	base=http://127.0.0.1:$port
}
start_server
say "server pid $server_pid on $base"

curl -sf -D "$tmp/login.h" -o /dev/null -H 'Content-Type: application/json' \
	-d '{"username":"klantmanager","password":"meedoen-demo"}' "$base/api/login" || die "login failed"
cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: meedoen_session=\([^;]*\).*/\1/p' "$tmp/login.h" | tr -d '\r')
[ -n "$cookie" ] || die "no meedoen_session cookie in the login answer"

# The static reference is as large as the mean dossier answer of 20 ids
# spread over the range: one real dossier body, padded or cut to that size.
total=0
for k in $(seq 0 19); do
	id=$((1 + k * ROWS / 20))
	n=$(curl -sf -b "meedoen_session=$cookie" -o "$tmp/dossier.$k" -w '%{size_download}' "$base/api/participants/$id") ||
		die "GET /api/participants/$id failed"
	total=$((total + n))
done
dossier_bytes=$((total / 20))
cp "$tmp/dossier.0" "$web/dossier.json"
have=$(wc -c <"$web/dossier.json")
if [ "$have" -lt "$dossier_bytes" ]; then
	printf '%*s' $((dossier_bytes - have)) '' >>"$web/dossier.json"
else
	truncate -s "$dossier_bytes" "$web/dossier.json"
fi
static_bytes=$(curl -sf -o /dev/null -w '%{size_download}' "$base/dossier.json") || die "static file not served"
list_bytes=$(curl -sf -b "meedoen_session=$cookie" -o /dev/null -w '%{size_download}' \
	"$base/api/participants?page=1&per_page=$PER_PAGE") || die "list page failed"

# --- 4. load ----------------------------------------------------------------

export BENCH_COOKIE=$cookie BENCH_ROWS=$ROWS BENCH_PAGES=$PAGES BENCH_SEED=$SEED BENCH_STATIC_PATH=/dossier.json

# run_wrk NAME SCRIPT: one wrk run; its output goes to $tmp/wrk.NAME and
# its BENCH line into the variable line_NAME
run_wrk() {
	local name=$1 script=$2 pf=
	say "wrk $name: -t$WRK_THREADS -c$CONNS -d${SECS}s"
	if [ "${BENCH_PERF:-0}" = 1 ] && [ "$name" != static ] && [ "$name" != static2 ] && command -v perf >/dev/null; then
		pf=$tmp/perf.$name.data
		perf record -q -g -p "$server_pid" -o "$pf" >/dev/null 2>&1 &
		perf_pid=$!
	fi
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --timeout "$TIMEOUT" --latency -s "$here/$script" "$base" >"$tmp/wrk.$name" 2>&1 ||
		die "wrk $name failed: $(cat "$tmp/wrk.$name")"
	if [ -n "$pf" ]; then
		kill -INT "$perf_pid" 2>/dev/null || true
		wait "$perf_pid" 2>/dev/null || true
		perf_pid=
		perf report -i "$pf" --no-children --stdio --percent-limit 1.5 -g none 2>/dev/null |
			grep -v '^#' | grep -v '^$' | head -n 30 >"$tmp/perf.$name.txt" || true
	fi
	local line
	line=$(grep '^BENCH ' "$tmp/wrk.$name") || die "no BENCH line from wrk $name: $(cat "$tmp/wrk.$name")"
	printf -v "line_$name" '%s' "$line"
}

# a short warm-up so the first measured run does not pay for cold caches
BENCH_SECONDS_SAVED=$SECS
SECS=2 run_wrk warmup static.lua
SECS=$BENCH_SECONDS_SAVED

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
run_wrk static static.lua
run_wrk dossier dossier.lua
run_wrk list list.lua
# the reference again at the end: the log has grown, the machine may have
# drifted; the ratios use the mean of both static runs
run_wrk static2 static.lua
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

log_rows=$(sqlite3 "$db" "SELECT count(*) FROM processing_log" 2>/dev/null || echo "?")
wal_bytes=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)

kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=

# --- 5. report --------------------------------------------------------------

rps() { field "$1" rps; }
static_rps=$(awk -v a="$(rps "$line_static")" -v b="$(rps "$line_static2")" 'BEGIN { printf "%.1f", (a + b) / 2 }')
dossier_ratio=$(ratio "$(rps "$line_dossier")" "$static_rps")
list_ratio=$(ratio "$(rps "$line_list")" "$static_rps")
import_ratio=$(ratio "$import_ns" "$ref_import_ns")
import_s=$(secs "$import_ns")
ref_import_s=$(secs "$ref_import_ns")
import_rows_s=$(awk -v r="$ROWS" -v n="$import_ns" 'BEGIN { printf "%.0f", r / (n / 1e9) }')
dossier_p99=$(ms "$(field "$line_dossier" p99_us)")

verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "not met"; fi; }
import_aim=$(awk -v s="$import_s" -v r="$ROWS" 'BEGIN { print (s < 3 * r / 100000) ? 1 : 0 }')
dossier_aim=$(awk -v r="$dossier_ratio" 'BEGIN { print (r >= 0.5) ? 1 : 0 }')
p99_aim=$(awk -v p="$dossier_p99" 'BEGIN { print (p < 10) ? 1 : 0 }')

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os_name=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)
pc() { pkg-config --modversion "$1" 2>/dev/null || echo "?"; }
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$root/build/CMakeCache.txt" 2>/dev/null || echo "?")
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(cd "$root" && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo " (with uncommitted changes)" || true)

# What each route does, so the ratios can be read; the sentences with
# numbers come from this run.
interpretation() {
	local d_log l_log
	d_log=$(awk -v d="$(rps "$line_dossier")" 'BEGIN { printf "%.0f", d }')
	l_log=$(awk -v l="$(rps "$line_list")" 'BEGIN { printf "%.0f", 25 * l }')
	cat <<EOF
## Interpretation

- **The static file is the ceiling**, not a target to equal: libmicrohttpd
  answers it from a file descriptor with no session lookup, no database and
  no JSON. The gap to it is what meedoen's own work per request costs.
- **Every dossier read is also a write.** Besides the session lookup (one
  indexed SELECT; the session's \`last_seen_at\` is touched at most once a
  minute), the participant SELECT and the link and consent SELECTs that
  decide access, each read owes a row in the processing log (the AVG
  register of who read which dossier, and why), and the answer waits until
  that row is committed: a failed log write fails the read. Reads do not
  commit one by one: the server's log writer (\`store/log_batch.c\`) stores
  whatever entries have queued up in one transaction (group commit) and
  wakes each waiting request. Writers of the one process take turns through
  a mutex instead of sleeping in SQLite's busy handler.
- **Commits still empty the other connections' caches.** Each worker thread
  has its own SQLite connection with its own page cache; in WAL mode a
  connection that sees another connection's commit drops its whole page
  cache, so reads after a log commit fetch their B-tree pages from the
  operating system again (\`pread\`). That is most of the remaining gap.
  Memory-mapped I/O (\`mmap_size\`) made it worse here, three times slower
  (remapping on every growth of the file), so it is off. The next step is to
  keep the processing log in a database file of its own, so that log
  commits leave the participant pages cached; it is not done yet because a
  write and its log entry must then stay atomic across two files.
- **A list page is 25 log rows.** It counts every participant in scope
  (\`count(*)\` over all $ROWS), reads a page sorted by Dutch collation with
  \`OFFSET\` up to $(( (PAGES - 1) * PER_PAGE )), and appends one processing-log
  row per listed participant, all 25 in one group commit. Deep \`OFFSET\`
  pages and the count are the cost; keyset paging would remove the first.
  It has no aim; it is here so a regression shows.
- In this run dossier reads appended about $d_log processing-log rows per
  second and list pages about $l_log ($log_rows rows in the database after
  all runs, $ROWS of them from the import).
- **Import**: the sqlite3 shell only splits lines and stores text; meedoen
  validates every field, builds a JSON record, looks up the external id,
  maintains the unique external-id and Dutch-collated name indexes and
  writes a processing-log row per participant (indexed by a keyed hash of
  the participant, so those index entries land all over the B-tree), so
  several times the reference is expected. The 3 s aim is absolute and
  depends on this machine and on what else runs on it.
- One run on a shared machine: repeat before drawing conclusions from
  differences of less than about 10 %.

EOF
}

row() { # NAME LINE BYTES
	local l=$2
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" \
		"$(field "$l" rps)" "$(ms "$(field "$l" p50_us)")" "$(ms "$(field "$l" p90_us)")" \
		"$(ms "$(field "$l" p99_us)")" "$(field "$l" requests)" \
		"$(field "$l" non2xx) / $(( $(field "$l" err_connect) + $(field "$l" err_read) + $(field "$l" err_write) + $(field "$l" err_timeout) ))"
}

{
	cat <<EOF
# meedoen benchmark results

Generated by \`bench/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $commit$dirty, build type
$build_type. Numbers are from one run on the machine below; they are meant to
be read as ratios against the reference measured in the same run, not as
absolute promises.

## Machine

| | |
|---|---|
| CPU | $cpu_model, $(nproc) CPUs online |
| memory | $mem_total |
| OS, kernel | $os_name, Linux $(uname -r) |
| SQLite | $(pc sqlite3) (sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)) |
| libmicrohttpd | $(pc libmicrohttpd) |
| jansson, libsodium | $(pc jansson), $(pc libsodium) |
| wrk | $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f2) |

wrk, the server and the import all run on this one machine; with $(nproc) CPUs
the load generator ($WRK_THREADS threads) takes CPU from the server
($SERVER_THREADS threads), equally for the reference and the API routes.
Load average (1, 5, 15 min) when the HTTP runs began: $load_start; when they
ended: $load_end. Anything above about $(nproc) means other programs shared the
CPUs with the benchmark, which widens the tails of every route.

## Method

1. \`bench/gen_screening.py --rows $ROWS --seed $SEED\` writes a valid screening
   CSV ($csv_bytes bytes): unique external ids and 11-test BSNs, dates in
   order, codes from the code lists.
2. A fresh database gets the demo organisations and users
   (\`meedoen demo --participants 0\`), then \`meedoen import screening\` stores
   the file in one transaction. **Reference**: the sqlite3 shell's \`.import\`
   of the same file into a plain 17-column text table (no index, no
   constraint, same WAL mode and \`synchronous=NORMAL\`), i.e. what it costs
   to parse this CSV and write its bytes into SQLite in one transaction.
   Everything meedoen does beyond that — validation, JSON records, the
   unique and Dutch-collated indexes and a processing-log row per
   participant — shows as the ratio.
3. \`meedoen serve --listen 127.0.0.1:0 --quiet --threads $SERVER_THREADS --web TMP\`; log
   in as \`klantmanager\` (a case manager: reads every category of every
   participant) and send the \`meedoen_session\` cookie on every request.
4. \`wrk -t$WRK_THREADS -c$CONNS -d${SECS}s --timeout $TIMEOUT --latency\` with a Lua script per route
   (\`bench/dossier.lua\`, \`bench/list.lua\`, \`bench/static.lua\`, sharing
   \`bench/wrk_common.lua\`, which counts non-2xx answers itself):
   - **static** (reference): \`GET /dossier.json\`, a file in the server's
     \`--web\` directory of $static_bytes bytes, the mean size of 20 dossier answers,
     sent by libmicrohttpd from a file descriptor. Measured first and again
     last; the ratios use the mean of both.
   - **dossier**: \`GET /api/participants/{id}\`, id uniform in 1..$ROWS.
   - **list**: \`GET /api/participants?page={p}&per_page=$PER_PAGE\`, p uniform in
     1..$PAGES ($list_bytes bytes for page 1).

   A 2-second static warm-up comes first and is not reported.

## Results

### Import

| what | rows | wall time | CPU time (user + sys) | rows/s (wall) | vs reference (wall) |
|---|---:|---:|---:|---:|---:|
| \`meedoen import screening\` | $ROWS | ${import_s} s | $(cpu_sum "$tmp/import.cpu") s | $import_rows_s | ${import_ratio}× |
| reference: \`sqlite3 .import\` | $ROWS | ${ref_import_s} s | $(cpu_sum "$tmp/ref.cpu") s | $(awk -v r="$ROWS" -v n="$ref_import_ns" 'BEGIN { printf "%.0f", r / (n / 1e9) }') | 1× |

A wall time well above the CPU time means the process waited: for the disk,
or for a CPU that other programs were using.

Database after the import: $db_bytes bytes (main file plus WAL).

### HTTP ($CONNS connections, ${SECS} s each)

| route | body bytes | requests/s | p50 ms | p90 ms | p99 ms | requests | non-2xx / socket errors |
|---|---:|---:|---:|---:|---:|---:|---:|
$(row "static (first)" "$line_static" "$static_bytes")
$(row "dossier read" "$line_dossier" "$dossier_bytes")
$(row "list page" "$line_list" "$list_bytes")
$(row "static (last)" "$line_static2" "$static_bytes")

Processing-log rows after the runs: $log_rows. Size of the WAL file after
the runs, before the server stopped: $(awk -v b="$wal_bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }') (the database itself was
$(awk -v b="$db_bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }') after the import).

### Against the aims

| aim | measured | |
|---|---|---|
| $ROWS rows imported in under $(awk -v r="$ROWS" 'BEGIN { printf "%g", 3 * r / 100000 }') s (3 s per 100,000) | ${import_s} s (${import_ratio}× the sqlite3 \`.import\` reference) | $(verdict "$import_aim") |
| dossier read ≥ 0.50 × static throughput | ${dossier_ratio} × ($(rps "$line_dossier") vs $static_rps req/s) | $(verdict "$dossier_aim") |
| dossier p99 < 10 ms at $CONNS connections | ${dossier_p99} ms | $(verdict "$p99_aim") |
| list page (no aim) | ${list_ratio} × static throughput, p99 $(ms "$(field "$line_list" p99_us)") ms | — |

EOF
	interpretation
	for name in dossier list; do
		if [ -s "$tmp/perf.$name.txt" ]; then
			echo "## Hot spots: $name (perf record -g on the server, self time, ≥ 1.5 %)"
			echo
			echo "\`pvm_irq_enable\` is where a paravirtualised kernel books the time of"
			echo "system calls (here mostly pread, pwrite, fcntl locks, sendmsg)."
			echo
			echo '```'
			cat "$tmp/perf.$name.txt"
			echo '```'
			echo
		fi
	done
	echo "## Raw wrk output"
	for name in static dossier list static2; do
		echo
		echo "<details><summary>$name</summary>"
		echo
		echo '```'
		cat "$tmp/wrk.$name"
		echo '```'
		echo
		echo "</details>"
	done
} >"$tmp/report.md"

# This script owns the top of the report and the sections it writes; the
# sections other benchmarks append (## Week planning, ## Signals, ...) are
# kept as they are.
own='^## (Machine|Method|Results|Interpretation|Raw wrk output|Hot spots: .*)$'
if [ -f "$OUT" ]; then
	awk -v own="$own" '/^## / { keep = ($0 !~ own) } keep' "$OUT" >"$tmp/others.md"
	if [ -s "$tmp/others.md" ]; then
		printf '\n' >>"$tmp/report.md"
		cat "$tmp/others.md" >>"$tmp/report.md"
	fi
fi
cp "$tmp/report.md" "$OUT"

say "import ${import_s} s (reference ${ref_import_s} s, ${import_ratio}×)"
say "static $static_rps req/s; dossier $(rps "$line_dossier") req/s (${dossier_ratio}×, p99 ${dossier_p99} ms); list $(rps "$line_list") req/s (${list_ratio}×)"
say "wrote $OUT"
