#!/bin/sh
# run.sh - build the libFuzzer harness with clang-14 (ASan + UBSan) and
# fuzz the import parsers for FUZZ_SECONDS (default 20). Exit status is
# libFuzzer's: non-zero when it found a crash, leak or UB.
set -eu
cd "$(dirname "$0")/../.."
out=${FUZZ_OUT:-build-fuzz}
mkdir -p "$out/corpus"
cp tests/fuzz/corpus/* "$out/corpus/"
srcs="base/buf.c base/csv.c base/err.c base/utf8.c base/xmalloc.c domain/participant.c domain/screening.c
domain/codes.c domain/bsn.c domain/date.c domain/access.c"
# shellcheck disable=SC2086
clang-14 -g -O1 -std=c17 -D_GNU_SOURCE -I. -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	tests/fuzz/fuzz_import.c $srcs $(pkg-config --cflags --libs jansson) -o "$out/fuzz_import"
status=0
"$out/fuzz_import" -max_total_time="${FUZZ_SECONDS:-20}" -max_len=4096 -print_final_stats=1 "$out/corpus" \
	>"$out/fuzz.log" 2>&1 || status=$?
tail -n 8 "$out/fuzz.log"
exit "$status"
