/*
 * participant.c - the participant field table and its validation (see
 * participant.h). Messages follow STYLE.md: lowercase, the value quoted.
 */
#include "participant.h"
#include "bsn.h"
#include "codes.h"
#include "../base/buf.h"
#include "../base/utf8.h"

#include <ctype.h>
#include <string.h>

#define FIELD(n, c, t, req, lo, hi, list, lab) { n, c, t, req, lo, hi, list, lab }

static const struct field_def fields[] = {
	FIELD("external_id", CAT_IDENTITY, FT_STRING, false, 1, 64, NULL, "extern nummer (COA)"),
	FIELD("family_name", CAT_IDENTITY, FT_STRING, true, 1, 100, NULL, "achternaam"),
	FIELD("given_names", CAT_IDENTITY, FT_STRING, true, 1, 100, NULL, "voornamen"),
	FIELD("birth_date", CAT_IDENTITY, FT_DATE, true, 0, 0, NULL, "geboortedatum"),
	FIELD("sex", CAT_IDENTITY, FT_CODE, false, 0, 0, "sex", "geslacht"),
	FIELD("country_of_origin", CAT_IDENTITY, FT_CODE, false, 0, 0, "countries", "land van herkomst"),
	FIELD("languages", CAT_IDENTITY, FT_CODE_LIST, false, 0, 10, "languages", "talen"),
	FIELD("household_size", CAT_IDENTITY, FT_INT, false, 1, 20, NULL, "grootte huishouden"),
	FIELD("children", CAT_IDENTITY, FT_INT, false, 0, 20, NULL, "kinderen"),
	FIELD("arrival_date", CAT_IDENTITY, FT_DATE, false, 0, 366, NULL, "aankomst in de gemeente"),
	FIELD("permit_date", CAT_IDENTITY, FT_DATE, false, 0, 0, NULL, "datum verblijfsvergunning"),
	FIELD("street", CAT_CONTACT, FT_STRING, false, 1, 100, NULL, "straat en huisnummer"),
	FIELD("postal_code", CAT_CONTACT, FT_POSTCODE, false, 0, 0, NULL, "postcode"),
	FIELD("city", CAT_CONTACT, FT_STRING, false, 1, 60, NULL, "woonplaats"),
	FIELD("phone", CAT_CONTACT, FT_PHONE, false, 0, 0, NULL, "telefoon"),
	FIELD("email", CAT_CONTACT, FT_EMAIL, false, 0, 0, NULL, "e-mail"),
	FIELD("bsn", CAT_BSN, FT_BSN, false, 0, 0, NULL, "BSN"),
	FIELD("education_years", CAT_EDUCATION_WORK, FT_INT, false, 0, 30, NULL, "jaren onderwijs"),
	FIELD("isced_level", CAT_EDUCATION_WORK, FT_INT, false, 0, 8, NULL, "opleidingsniveau (ISCED)"),
	FIELD("diplomas", CAT_EDUCATION_WORK, FT_DIPLOMAS, false, 0, 10, NULL, "diploma's"),
	FIELD("work_history", CAT_EDUCATION_WORK, FT_WORK_HISTORY, false, 0, 20, NULL, "werkervaring"),
	FIELD("ambitions", CAT_EDUCATION_WORK, FT_TEXT, false, 1, 1000, NULL, "ambities"),
	FIELD("licences", CAT_EDUCATION_WORK, FT_CODE_LIST, false, 0, 5, "licences", "rijbewijzen en certificaten"),
	FIELD("integration_duty", CAT_CIVIC_INTEGRATION, FT_CODE, false, 0, 0, "integration_duty", "inburgeringsplicht"),
	FIELD("integration_provider", CAT_CIVIC_INTEGRATION, FT_STRING, false, 1, 100, NULL, "taalaanbieder"),
	FIELD("integration_deadline", CAT_CIVIC_INTEGRATION, FT_DATE, false, 0, -1, NULL, "inburgeringstermijn"),
	FIELD("cefr_listening", CAT_CIVIC_INTEGRATION, FT_CODE, false, 0, 0, "cefr", "luisteren"),
	FIELD("cefr_reading", CAT_CIVIC_INTEGRATION, FT_CODE, false, 0, 0, "cefr", "lezen"),
	FIELD("cefr_speaking", CAT_CIVIC_INTEGRATION, FT_CODE, false, 0, 0, "cefr", "spreken"),
	FIELD("cefr_writing", CAT_CIVIC_INTEGRATION, FT_CODE, false, 0, 0, "cefr", "schrijven"),
	FIELD("exam_status", CAT_CIVIC_INTEGRATION, FT_CODE, false, 0, 0, "exam_status", "examenstatus"),
	FIELD("benefit", CAT_INCOME, FT_CODE, false, 0, 0, "benefit", "uitkering"),
	FIELD("benefit_since", CAT_INCOME, FT_DATE, false, 0, 0, NULL, "uitkering sinds"),
	FIELD("health_limits", CAT_HEALTH, FT_TEXT, false, 1, 1000, NULL, "gezondheidsbeperkingen"),
	FIELD("target_group", CAT_PATH, FT_CODE, false, 0, 0, "target_group", "doelgroep"),
	FIELD("work_hours_per_day", CAT_PATH, FT_INT, false, 0, 12, NULL, "uren per dag"),
	FIELD("work_days_per_week", CAT_PATH, FT_INT, false, 0, 7, NULL, "dagen per week"),
	/* a neutral placement constraint: the reason stays in health_limits */
	FIELD("max_physical_load", CAT_PATH, FT_CODE, false, 0, 0, "physical_load", "maximale fysieke belasting"),
};

static const char *const read_only[] = { "id", "created_at", "updated_at", "access" };

const struct field_def *participant_fields(size_t *count)
{
	*count = sizeof fields / sizeof fields[0];
	return fields;
}

const struct field_def *participant_field(const char *name)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

enum field_storage participant_field_storage(const struct field_def *f)
{
	switch (f->type) {
	case FT_INT:
		return FS_INT;
	case FT_CODE_LIST:
	case FT_DIPLOMAS:
	case FT_WORK_HISTORY:
		return FS_JSON;
	default:
		return FS_TEXT;
	}
}

bool participant_field_sealed(const struct field_def *f)
{
	return f->cat == CAT_BSN || f->cat == CAT_HEALTH;
}

/* ---- scalar checks; each returns a new normalised value or NULL ---- */

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "?";
}

/* Trimmed copy of a JSON string into a builder; false if not a string. */
static bool trimmed(const json_t *v, struct buf *b)
{
	if (!json_is_string(v))
		return false;
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	buf_append(b, s, n);
	return true;
}

static json_t *check_string(const json_t *v, const char *path, int min, int max, bool multiline, struct err *e)
{
	struct buf b;
	json_t *out = NULL;

	buf_init(&b, 0);
	if (!trimmed(v, &b)) {
		err_field(e, path, "must be a string, not %s", type_name(v));
		goto out;
	}
	const char *s = b.data ? b.data : "";
	size_t chars = utf8_length(s);
	if (chars < (size_t)min) {
		err_field(e, path, "must not be empty");
		goto out;
	}
	if (chars > (size_t)max) {
		err_field(e, path, "is %zu characters long, at most %d allowed", chars, max);
		goto out;
	}
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
			err_field(e, path, "contains a control character");
			goto out;
		}
	}
	out = json_stringn(s, b.len);
out:
	buf_release(&b);
	return out;
}

/* A date; max_ahead is how many days after today it may lie (-1: any). */
static json_t *check_date(const json_t *v, const char *path, date_t today, int max_ahead, struct err *e)
{
	date_t d;

	if (!json_is_string(v)) {
		err_field(e, path, "must be a date YYYY-MM-DD, not %s", type_name(v));
		return NULL;
	}
	if (date_parse(json_string_value(v), &d) != 0) {
		err_field(e, path, "\"%.40s\" is not a date (YYYY-MM-DD)", json_string_value(v));
		return NULL;
	}
	if (max_ahead == 0 && d > today) {
		err_field(e, path, "\"%s\" lies in the future", json_string_value(v));
		return NULL;
	}
	if (max_ahead > 0 && d > today + max_ahead) {
		err_field(e, path, "\"%s\" lies more than %d days in the future", json_string_value(v), max_ahead);
		return NULL;
	}
	return json_string(json_string_value(v));
}

static json_t *check_int(const json_t *v, const char *path, int min, int max, struct err *e)
{
	if (!json_is_integer(v)) {
		err_field(e, path, "must be a whole number, not %s", type_name(v));
		return NULL;
	}
	json_int_t n = json_integer_value(v);
	if (n < min || n > max) {
		err_field(e, path, "%lld is out of range %d..%d", (long long)n, min, max);
		return NULL;
	}
	return json_integer(n);
}

static json_t *check_code(const json_t *v, const char *path, const char *list, struct err *e)
{
	if (!json_is_string(v)) {
		err_field(e, path, "must be a code from list %s, not %s", list, type_name(v));
		return NULL;
	}
	char code[16];
	const char *s = json_string_value(v);
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof code) {
		err_field(e, path, "\"%.40s\" is not in code list %s", s, list);
		return NULL;
	}
	/* countries are upper case, languages lower case: accept either */
	for (size_t i = 0; i <= n; i++)
		code[i] = strcmp(list, "countries") == 0 ? (char)toupper((unsigned char)s[i])
			: strcmp(list, "languages") == 0 ? (char)tolower((unsigned char)s[i]) : s[i];
	if (!codes_has(list, code)) {
		err_field(e, path, "\"%.40s\" is not in code list %s", s, list);
		return NULL;
	}
	return json_string(code);
}

static json_t *check_bsn(const json_t *v, const char *path, struct err *e)
{
	if (!json_is_string(v)) {
		err_field(e, path, "must be a string of 9 digits, not %s", type_name(v));
		return NULL;
	}
	const char *s = json_string_value(v);
	if (!bsn_well_formed(s)) {
		err_field(e, path, "bsn \"%.20s\" must be exactly 9 digits", s);
		return NULL;
	}
	if (!bsn_valid(s)) {
		err_field(e, path, "bsn \"%s\" fails the 11-test", s);
		return NULL;
	}
	return json_string(s);
}

static json_t *check_postcode(const json_t *v, const char *path, struct err *e)
{
	if (!json_is_string(v)) {
		err_field(e, path, "must be a postal code like \"1234 AB\", not %s", type_name(v));
		return NULL;
	}
	const char *s = json_string_value(v);
	char out[8];
	size_t i = 0, k = 0;
	while (s[i] == ' ')
		i++;
	for (int d = 0; d < 4; d++, i++) {
		if (!isdigit((unsigned char)s[i]) || (d == 0 && s[i] == '0'))
			goto bad;
		out[k++] = s[i];
	}
	if (s[i] == ' ')
		i++;
	out[k++] = ' ';
	for (int l = 0; l < 2; l++, i++) {
		if (!isalpha((unsigned char)s[i]))
			goto bad;
		out[k++] = (char)toupper((unsigned char)s[i]);
	}
	while (s[i] == ' ')
		i++;
	if (s[i] != '\0')
		goto bad;
	out[k] = '\0';
	if (strcmp(out + 5, "SA") == 0 || strcmp(out + 5, "SD") == 0 || strcmp(out + 5, "SS") == 0)
		goto bad;
	return json_string(out);
bad:
	err_field(e, path, "\"%.20s\" is not a Dutch postal code like \"1234 AB\"", s);
	return NULL;
}

static json_t *check_phone(const json_t *v, const char *path, struct err *e)
{
	json_t *s = check_string(v, path, 1, 20, false, e);
	if (s == NULL)
		return NULL;
	int digits = 0;
	for (const char *p = json_string_value(s); *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr("+- ()", *p)) {
			err_field(e, path, "\"%s\" may hold only digits, spaces, +, - and ()", json_string_value(s));
			json_decref(s);
			return NULL;
		}
	}
	if (digits < 6) {
		err_field(e, path, "\"%s\" has too few digits for a phone number", json_string_value(s));
		json_decref(s);
		return NULL;
	}
	return s;
}

static json_t *check_email(const json_t *v, const char *path, struct err *e)
{
	json_t *s = check_string(v, path, 3, 254, false, e);
	if (s == NULL)
		return NULL;
	const char *str = json_string_value(s);
	const char *at = strchr(str, '@');
	if (at == NULL || at == str || strchr(at + 1, '@') || !strchr(at + 1, '.') || strchr(str, ' ') ||
	    at[1] == '.' || str[strlen(str) - 1] == '.') {
		err_field(e, path, "\"%.60s\" is not an e-mail address", str);
		json_decref(s);
		return NULL;
	}
	return s;
}

/* ---- arrays ---- */

static json_t *check_code_list(const json_t *v, const char *path, const struct field_def *f, struct err *e)
{
	char sub[96];
	size_t i;
	json_t *item, *out;

	if (!json_is_array(v)) {
		err_field(e, path, "must be an array of codes, not %s", type_name(v));
		return NULL;
	}
	if (json_array_size(v) > (size_t)f->max) {
		err_field(e, path, "has %zu items, at most %d allowed", json_array_size(v), f->max);
		return NULL;
	}
	out = json_array();
	size_t before = e->nfields;
	json_array_foreach(v, i, item) {
		snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		json_t *c = check_code(item, sub, f->codes, e);
		if (c == NULL)
			continue;
		/* drop duplicates silently: ["ar","ar"] means ["ar"] */
		bool dup = false;
		size_t k;
		json_t *seen;
		json_array_foreach(out, k, seen)
			if (json_equal(seen, c))
				dup = true;
		if (dup)
			json_decref(c);
		else
			json_array_append_new(out, c);
	}
	if (e->nfields != before) {
		json_decref(out);
		return NULL;
	}
	return out;
}

typedef json_t *(*member_check)(const json_t *v, const char *path, struct err *e);

struct member_def {
	const char *name;
	enum field_type type;
	bool required;
	int min, max;
	const char *codes;
};

static const struct member_def diploma_members[] = {
	{ "title", FT_STRING, true, 1, 100, NULL },
	{ "country", FT_CODE, false, 0, 0, "countries" },
	{ "isced_level", FT_INT, false, 0, 8, NULL },
	{ "valuation", FT_CODE, false, 0, 0, "valuation" },
	{ NULL, 0, false, 0, 0, NULL },
};

static const struct member_def work_members[] = {
	{ "isco_code", FT_STRING, false, 1, 4, NULL },
	{ "occupation", FT_STRING, false, 1, 100, NULL },
	{ "years", FT_INT, false, 0, 60, NULL },
	{ NULL, 0, false, 0, 0, NULL },
};

static json_t *check_member(const struct member_def *m, const json_t *v, const char *path, struct err *e)
{
	switch (m->type) {
	case FT_STRING: return check_string(v, path, m->min, m->max, false, e);
	case FT_INT: return check_int(v, path, m->min, m->max, e);
	case FT_CODE: return check_code(v, path, m->codes, e);
	default: return NULL;
	}
}

static json_t *check_objects(const json_t *v, const char *path, const struct field_def *f,
			     const struct member_def *members, struct err *e)
{
	char sub[128];
	size_t i;
	json_t *item;

	if (!json_is_array(v)) {
		err_field(e, path, "must be an array, not %s", type_name(v));
		return NULL;
	}
	if (json_array_size(v) > (size_t)f->max) {
		err_field(e, path, "has %zu items, at most %d allowed", json_array_size(v), f->max);
		return NULL;
	}
	size_t before = e->nfields;
	json_t *out = json_array();
	json_array_foreach(v, i, item) {
		if (!json_is_object(item)) {
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			err_field(e, sub, "must be an object, not %s", type_name(item));
			continue;
		}
		json_t *obj = json_object();
		const char *key;
		json_t *val;
		json_object_foreach((json_t *)item, key, val) {
			const struct member_def *m = members;
			while (m->name && strcmp(m->name, key) != 0)
				m++;
			snprintf(sub, sizeof sub, "%s[%zu].%.40s", path, i, key);
			if (m->name == NULL) {
				err_field(e, sub, "unknown field");
				continue;
			}
			if (json_is_null(val) || (json_is_string(val) && json_string_length(val) == 0 && !m->required))
				continue;
			json_t *c = check_member(m, val, sub, e);
			if (c)
				json_object_set_new(obj, key, c);
		}
		for (const struct member_def *m = members; m->name; m++) {
			if (m->required && json_object_get(obj, m->name) == NULL &&
			    json_object_get(item, m->name) == NULL) {
				snprintf(sub, sizeof sub, "%s[%zu].%s", path, i, m->name);
				err_field(e, sub, "is required");
			}
		}
		json_array_append_new(out, obj);
	}
	if (e->nfields == before && f->type == FT_WORK_HISTORY) {
		json_array_foreach(out, i, item) {
			json_t *isco = json_object_get(item, "isco_code");
			snprintf(sub, sizeof sub, "%s[%zu].isco_code", path, i);
			if (isco && !codes_isco_valid(json_string_value(isco)))
				err_field(e, sub, "\"%s\" is not an ISCO-08 code", json_string_value(isco));
			if (!isco && !json_object_get(item, "occupation")) {
				snprintf(sub, sizeof sub, "%s[%zu].occupation", path, i);
				err_field(e, sub, "give an occupation or an isco_code");
			}
		}
	}
	if (e->nfields != before) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static json_t *check_field(const struct field_def *f, const json_t *v, date_t today, struct err *e)
{
	switch (f->type) {
	case FT_STRING: return check_string(v, f->name, f->min, f->max, false, e);
	case FT_TEXT: return check_string(v, f->name, f->min, f->max, true, e);
	case FT_DATE: return check_date(v, f->name, today, f->max, e);
	case FT_INT: return check_int(v, f->name, f->min, f->max, e);
	case FT_CODE: return check_code(v, f->name, f->codes, e);
	case FT_BSN: return check_bsn(v, f->name, e);
	case FT_POSTCODE: return check_postcode(v, f->name, e);
	case FT_PHONE: return check_phone(v, f->name, e);
	case FT_EMAIL: return check_email(v, f->name, e);
	case FT_CODE_LIST: return check_code_list(v, f->name, f, e);
	case FT_DIPLOMAS: return check_objects(v, f->name, f, diploma_members, e);
	case FT_WORK_HISTORY: return check_objects(v, f->name, f, work_members, e);
	}
	return NULL;
}

static bool is_blank(const json_t *v)
{
	if (json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	for (const char *p = json_string_value(v); *p; p++)
		if (!isspace((unsigned char)*p))
			return false;
	return true;
}

int participant_validate(const json_t *in, enum validate_mode mode, date_t today, json_t **out, struct err *e)
{
	const char *key;
	json_t *val;
	size_t before = e->nfields;

	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	json_t *res = json_object();
	json_object_foreach((json_t *)in, key, val) {
		const struct field_def *f = participant_field(key);
		if (f == NULL) {
			bool ro = false;
			for (size_t i = 0; i < sizeof read_only / sizeof read_only[0]; i++)
				ro |= strcmp(read_only[i], key) == 0;
			err_field(e, key, ro ? "is read-only" : "unknown field");
			continue;
		}
		if (is_blank(val) || (json_is_array(val) && json_array_size(val) == 0)) {
			if (f->required)
				err_field(e, key, "is required");
			else
				json_object_set_new(res, key, json_null());
			continue;
		}
		json_t *c = check_field(f, val, today, e);
		if (c)
			json_object_set_new(res, key, c);
	}
	if (mode == VALIDATE_CREATE) {
		size_t n;
		const struct field_def *fs = participant_fields(&n);
		for (size_t i = 0; i < n; i++)
			if (fs[i].required && json_object_get(in, fs[i].name) == NULL)
				err_field(e, fs[i].name, "is required");
		if (json_object_get(res, "target_group") == NULL || json_is_null(json_object_get(res, "target_group")))
			json_object_set_new(res, "target_group", json_string("newcomer"));
	}
	if (e->nfields != before) {
		json_decref(res);
		return -1;
	}
	*out = res;
	return 0;
}

static bool get_date(const json_t *rec, const char *name, date_t *d)
{
	json_t *v = json_object_get(rec, name);
	return json_is_string(v) && date_parse(json_string_value(v), d) == 0;
}

int participant_check_record(const json_t *rec, date_t today, struct err *e)
{
	date_t birth, d;
	size_t before = e->nfields;
	bool has_birth = get_date(rec, "birth_date", &birth);

	if (has_birth && birth <= today && date_age(birth, today) > 110)
		err_field(e, "birth_date", "gives an age over 110 years");
	static const char *const not_before_birth[] = { "arrival_date", "permit_date", "benefit_since" };
	for (size_t i = 0; i < 3; i++) {
		if (get_date(rec, not_before_birth[i], &d) && has_birth && d < birth)
			err_field(e, not_before_birth[i], "lies before the birth date");
	}
	json_t *hh = json_object_get(rec, "household_size"), *ch = json_object_get(rec, "children");
	if (json_is_integer(hh) && json_is_integer(ch) && json_integer_value(ch) >= json_integer_value(hh))
		err_field(e, "children", "%lld children do not fit a household of %lld",
			  (long long)json_integer_value(ch), (long long)json_integer_value(hh));
	return e->nfields != before ? -1 : 0;
}

unsigned participant_categories_of(const json_t *in)
{
	const char *key;
	json_t *val;
	unsigned mask = 0;

	json_object_foreach((json_t *)in, key, val) {
		(void)val;
		const struct field_def *f = participant_field(key);
		if (f)
			mask |= 1u << f->cat;
	}
	return mask;
}

json_t *participant_filter(const json_t *rec, unsigned mask)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);
	json_t *out = json_object();

	json_object_set(out, "id", json_object_get(rec, "id"));
	for (size_t i = 0; i < n; i++) {
		if (!(mask & (1u << fs[i].cat)))
			continue;
		json_t *v = json_object_get(rec, fs[i].name);
		json_object_set_new(out, fs[i].name, v ? json_incref(v) : json_null());
	}
	json_t *c = json_object_get(rec, "created_at"), *u = json_object_get(rec, "updated_at");
	if (c)
		json_object_set(out, "created_at", c);
	if (u)
		json_object_set(out, "updated_at", u);
	return out;
}
