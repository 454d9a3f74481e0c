#!/bin/sh
# run.sh - build the libFuzzer harnesses with clang-14 (ASan + UBSan) and
# fuzz each for FUZZ_SECONDS (default 20): fuzz_import (the import
# parsers) and fuzz_headers (the request-header checks and the traceparent
# parser). Exit status is non-zero when either found a crash, leak or UB.
set -eu
cd "$(dirname "$0")/../.."
out=${FUZZ_OUT:-build-fuzz}
flags="-g -O1 -std=c17 -D_GNU_SOURCE -I. -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
status=0

# fuzz NAME CORPUS SOURCES... : build the harness tests/fuzz/NAME.c with the
# sources it tests, then run it over a copy of its corpus
fuzz() {
	name=$1 corpus=$2
	shift 2
	mkdir -p "$out/$name-corpus"
	cp "tests/fuzz/$corpus"/* "$out/$name-corpus/"
	# shellcheck disable=SC2086
	clang-14 $flags "tests/fuzz/$name.c" "$@" $(pkg-config --cflags --libs jansson libsodium) -o "$out/$name"
	"$out/$name" -max_total_time="${FUZZ_SECONDS:-20}" -max_len=4096 -print_final_stats=1 "$out/$name-corpus" \
		>"$out/$name.log" 2>&1 || status=$?
	echo "== $name"
	tail -n 8 "$out/$name.log"
}

fuzz fuzz_import corpus base/buf.c base/csv.c base/err.c base/utf8.c base/xmalloc.c domain/participant.c \
	domain/screening.c domain/codes.c domain/bsn.c domain/date.c domain/access.c
fuzz fuzz_headers corpus-headers base/buf.c base/err.c base/xmalloc.c http/guard.c domain/logchain.c
exit "$status"
