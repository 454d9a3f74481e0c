#!/bin/sh
# run-all.sh - every test, twice: once on the normal build and once on the
# AddressSanitizer + UndefinedBehaviorSanitizer build. Unit tests run under
# CTest; API and browser tests under node --test against a real server.
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count_ctest() {
	# "100% tests passed, 0 tests failed out of 5"
	line=$(grep -E "tests passed, [0-9]+ tests? failed out of" "$log" | tail -1)
	if [ -z "$line" ]; then
		failed=$((failed + 1))
		return
	fi
	total=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
	bad=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/')
	passed=$((passed + total - bad))
	failed=$((failed + bad))
}

count_node() {
	p=$(grep -E "^# pass [0-9]+" "$log" | tail -1 | awk '{print $3}')
	f=$(grep -E "^# fail [0-9]+" "$log" | tail -1 | awk '{print $3}')
	if [ -z "$p" ]; then
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + p))
	failed=$((failed + ${f:-0}))
}

step() {
	echo "== $1"
}

for variant in build build-asan; do
	step "$variant: compile"
	if ! make -s "$variant" >"$log" 2>&1; then
		cat "$log"
		failed=$((failed + 1))
		continue
	fi
	export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

	step "$variant: unit tests"
	ctest --test-dir "$variant" --output-on-failure >"$log" 2>&1
	cat "$log"
	count_ctest

	export MEEDOEN_BIN="$variant/meedoen"
	for suite in api browser; do
		[ -d "tests/$suite" ] || continue
		files=$(ls tests/$suite/*.test.mjs 2>/dev/null)
		[ -n "$files" ] || continue
		step "$variant: $suite tests"
		node --test --test-reporter=tap --test-concurrency=1 $files >"$log" 2>&1
		grep -vE "^\s+(duration_ms|type|\.\.\.|---)" "$log" | grep -E "^(not )?ok |^# (pass|fail)|not ok|Error|expected|actual" | head -200
		count_node
	done
done

step "fuzzing the import parsers and the request-header checks (libFuzzer, ${FUZZ_SECONDS:-20} s each)"
if sh tests/fuzz/run.sh; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
