/*
 * fuzz_import.c - libFuzzer harness for the parsers that take files and
 * bodies from outside: the CSV reader and screening rows, and JSON into
 * participant validation. The first byte picks the path. Any crash, leak
 * or undefined behaviour is a bug; rejections are expected.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/csv.h"
#include "base/utf8.h"
#include "domain/participant.h"
#include "domain/screening.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void validate(json_t *obj)
{
	struct err e;
	json_t *out = NULL;
	date_t today;

	date_from_ymd(2026, 11, 22, &today);
	err_init(&e);
	if (participant_validate(obj, VALIDATE_CREATE, today, &out, &e) == 0) {
		participant_check_record(out, today, &e);
		json_t *f = participant_filter(out, 0x3ff);
		json_decref(f);
		json_decref(out);
	}
	err_release(&e);
}

static void fuzz_csv(const char *text, size_t n)
{
	struct csv_reader r;
	char why[128];
	long line;
	char **header = NULL;
	size_t ncols = 0;
	int rc;

	csv_init(&r, text, n);
	while ((rc = csv_next(&r, &line, why, sizeof why)) != 0) {
		if (rc < 0)
			continue;
		bool ok = true;
		for (size_t i = 0; i < r.nfields; i++)
			ok &= utf8_valid(r.fields[i], strlen(r.fields[i]), NULL);
		if (!ok)
			continue;
		struct err e;
		err_init(&e);
		if (header == NULL) {
			header = csv_copy_fields(&r);
			ncols = r.nfields;
			screening_check_header(header, ncols, &e);
		} else {
			json_t *obj = NULL;
			if (screening_row(header, ncols, r.fields, r.nfields, &obj, &e) == 0) {
				validate(obj);
				json_decref(obj);
			}
		}
		err_release(&e);
	}
	if (header)
		csv_free_fields(header, ncols);
	csv_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *text = (const char *)data + 1;
	size_t n = size - 1;
	if (data[0] & 1) {
		fuzz_csv(text, n);
	} else {
		json_t *obj = json_loadb(text, n, JSON_REJECT_DUPLICATES, NULL);
		if (obj) {
			validate(obj);
			json_decref(obj);
		}
	}
	return 0;
}
