/*
 * access.c - the access table of DESIGN.md §2, as data. Reading the table:
 * one row per role; `read` and `write` list a level per data category in
 * the order identity, contact, bsn, education_work, civic_integration,
 * income, health, path, assessments, notes; `action` lists create, import,
 * links, consent, processing log, users, network, signal totals, all
 * signals, read employers, manage employers, manage visits, decide advice,
 * place in a placement.
 *
 *   A = all participants in scope     G = linked to own organisation
 *   O = own caseload / own placements C = O plus the participant's consent
 *   - = never
 *
 * The journal column says which notes the `notes` level covers: JOURNAL_ALL
 * notes of every category the role may also read or write, JOURNAL_SOCIAL
 * social notes only. A role without a `notes` level neither reads nor
 * writes journal notes, whatever its other categories.
 */
#include "access.h"

#include <string.h>

#define A LVL_ALL
#define G LVL_ORG
#define O LVL_OWN
#define C LVL_CONSENT_OWN
#define _ LVL_NONE

static const struct role_def roles[ROLE_COUNT] = {
	/*                                                             id co bs ew ci in he pa as no */
	[ROLE_DIRECTOR] = { "director", "regisseur", "municipality", OWN_BY_USER, JOURNAL_ALL,
		.read = { A, A, _, A, A, A, _, A, A, A },
		.write = { _, _, _, _, _, _, _, _, _, _ },
		.action = { _, _, A, _, A, _, A, A, A, A, _, _, _, _, _, _ } },
	[ROLE_CASE_MANAGER] = { "case_manager", "klantmanager", "municipality", OWN_BY_USER, JOURNAL_ALL,
		.read = { A, A, A, A, A, A, A, A, A, A },
		.write = { A, A, A, A, A, A, A, A, A, A },
		.action = { A, A, A, A, A, _, A, A, _, A, _, _, _, A, _, _ } },
	[ROLE_YOUTH_CONSULTANT] = { "youth_consultant", "jongerenconsulent", "municipality", OWN_BY_USER, JOURNAL_ALL,
		.read = { O, O, O, O, O, O, O, O, O, O },
		.write = { O, O, O, O, O, O, O, O, O, O },
		.action = { A, _, O, O, _, _, O, _, _, A, _, _, _, O, _, _ } },
	[ROLE_PROJECT_LEADER] = { "project_leader", "projectleider", "social_work_company", OWN_BY_USER, JOURNAL_ALL,
		.read = { A, _, _, A, A, _, _, A, A, A },
		.write = { A, _, _, A, A, _, _, A, A, A },
		.action = { A, A, A, A, _, _, A, A, A, A, A, A, A, A, A, _ } },
	[ROLE_JOB_COACH] = { "job_coach", "jobcoach", "social_work_company", OWN_BY_USER, JOURNAL_ALL,
		.read = { G, O, O, O, O, O, O, O, O, O },
		.write = { O, O, O, O, O, O, O, O, O, O },
		.action = { A, A, O, O, _, _, O, _, _, A, _, A, O, O, _, _ } },
	[ROLE_ACCOUNT_MANAGER] = { "account_manager", "accountmanager", "social_work_company", OWN_BY_USER, JOURNAL_ALL,
		.read = { A, _, _, A, A, _, _, A, A, _ },
		.write = { _, _, _, _, _, _, _, _, _, _ },
		.action = { _, _, _, _, _, _, A, _, _, A, A, A, _, A, _, _ } },
	[ROLE_DEPARTMENT_ASSISTANT] = { "department_assistant", "afdelingsassistent", "social_work_company", OWN_BY_USER,
		JOURNAL_ALL,
		.read = { O, _, _, _, _, _, _, O, O, _ },
		.write = { _, _, _, _, _, _, _, _, O, _ },
		.action = { _, _, _, _, _, _, _, _, _, A, _, _, _, _, _, _ } },
	[ROLE_VOLUNTEER] = { "volunteer", "vrijwilliger", "refugee_support", OWN_BY_USER, JOURNAL_SOCIAL,
		.read = { C, C, _, C, C, _, _, C, _, C },
		.write = { _, _, _, _, _, _, _, _, _, C },
		.action = { _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _ } },
	[ROLE_WELFARE] = { "welfare", "welzijnswerker", "welfare", OWN_BY_USER, JOURNAL_SOCIAL,
		.read = { C, C, _, C, C, _, _, C, _, C },
		.write = { _, _, _, _, _, _, _, _, _, C },
		.action = { _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _ } },
	[ROLE_LANGUAGE_PROVIDER] = { "language_provider", "taalaanbieder", "language_provider", OWN_BY_ORG, JOURNAL_ALL,
		.read = { C, _, _, _, C, _, _, _, _, _ },
		.write = { _, _, _, _, C, _, _, _, _, _ },
		.action = { _, _, _, _, _, _, _, _, _, _, _, _, _, _, G, _ } },
	[ROLE_EMPLOYER] = { "employer", "werkgever", "employer", OWN_BY_ORG, JOURNAL_ALL,
		.read = { C, C, _, C, _, _, _, O, O, _ },
		.write = { _, _, _, _, _, _, _, _, O, _ },
		.action = { _, _, _, _, _, _, _, _, _, G, _, _, _, _, _, _ } },
	[ROLE_ADMIN] = { "admin", "beheerder", NULL, OWN_BY_USER, JOURNAL_ALL,
		.read = { _, _, _, _, _, _, _, _, _, _ },
		.write = { _, _, _, _, _, _, _, _, _, _ },
		.action = { _, _, _, _, _, A, _, _, _, _, _, _, _, _, _, A } },
	[ROLE_SYSTEM] = { "system", "systeem (opdrachtregel)", NULL, OWN_BY_USER, JOURNAL_ALL,
		.read = { A, A, A, A, A, A, A, A, A, A },
		.write = { A, A, A, A, A, A, A, A, A, A },
		.action = { A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A } },
};

#undef A
#undef G
#undef O
#undef C
#undef _

static const struct category_def categories[CAT_COUNT] = {
	[CAT_IDENTITY] = { "identity", "identiteit" },
	[CAT_CONTACT] = { "contact", "contactgegevens" },
	[CAT_BSN] = { "bsn", "BSN" },
	[CAT_EDUCATION_WORK] = { "education_work", "opleiding en werk" },
	[CAT_CIVIC_INTEGRATION] = { "civic_integration", "inburgering" },
	[CAT_INCOME] = { "income", "inkomen" },
	[CAT_HEALTH] = { "health", "gezondheid" },
	[CAT_PATH] = { "path", "traject" },
	[CAT_ASSESSMENTS] = { "assessments", "beoordelingen" },
	[CAT_NOTES] = { "notes", "notities" },
};

static const struct org_type_def org_types[] = {
	{ "municipality", "gemeente", false },
	{ "social_work_company", "sociaal werkbedrijf", false },
	{ "refugee_support", "vluchtelingenwerk", true },
	{ "welfare", "welzijnsorganisatie", true },
	{ "language_provider", "taalaanbieder", true },
	{ "employer", "werkgever", true },
	{ "reception_agency", "COA", true },
	{ "benefits_agency", "UWV", true },
};

const struct role_def *access_role(enum role r)
{
	return &roles[r];
}

int access_role_find(const char *name, enum role *out)
{
	for (int i = 0; i < ROLE_COUNT; i++) {
		if (strcmp(roles[i].name, name) == 0) {
			*out = (enum role)i;
			return 0;
		}
	}
	return -1;
}

const struct category_def *access_category(enum category c)
{
	return &categories[c];
}

int access_category_find(const char *name, enum category *out)
{
	for (int i = 0; i < CAT_COUNT; i++) {
		if (strcmp(categories[i].name, name) == 0) {
			*out = (enum category)i;
			return 0;
		}
	}
	return -1;
}

const struct org_type_def *access_org_types(int *count)
{
	*count = (int)(sizeof org_types / sizeof org_types[0]);
	return org_types;
}

const struct org_type_def *access_org_type_find(const char *name)
{
	for (size_t i = 0; i < sizeof org_types / sizeof org_types[0]; i++)
		if (strcmp(org_types[i].name, name) == 0)
			return &org_types[i];
	return NULL;
}

bool access_level_allows(enum access_level lvl, enum category c, const struct relation *rel)
{
	switch (lvl) {
	case LVL_NONE:
		return false;
	case LVL_ALL:
		return true;
	case LVL_ORG:
		return rel && (rel->org || rel->own);
	case LVL_OWN:
		return rel && rel->own;
	case LVL_CONSENT_OWN:
		return rel && rel->own && (rel->consent_mask & (1u << c));
	}
	return false;
}

bool access_may_read(enum role r, enum category c, const struct relation *rel)
{
	return access_level_allows(roles[r].read[c], c, rel);
}

bool access_may_write(enum role r, enum category c, const struct relation *rel)
{
	return access_level_allows(roles[r].write[c], c, rel);
}

unsigned access_readable(enum role r, const struct relation *rel)
{
	unsigned mask = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		if (access_may_read(r, (enum category)c, rel))
			mask |= 1u << c;
	return mask;
}

unsigned access_writable(enum role r, const struct relation *rel)
{
	unsigned mask = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		if (access_may_write(r, (enum category)c, rel))
			mask |= 1u << c;
	return mask;
}

bool access_may(enum role r, enum access_action a, const struct relation *rel)
{
	/* actions on one participant never need consent: use identity as the
	 * category, which only matters for LVL_CONSENT_OWN */
	enum access_level lvl = roles[r].action[a];
	if (lvl == LVL_CONSENT_OWN)
		lvl = LVL_OWN;
	return access_level_allows(lvl, CAT_IDENTITY, rel);
}

int access_note_category_find(const char *name, int *out)
{
	enum category c;
	if (name && strcmp(name, "social") == 0) {
		*out = NOTE_SOCIAL;
		return 0;
	}
	if (!name || access_category_find(name, &c) != 0)
		return -1;
	*out = (int)c;
	return 0;
}

/* One rule for reading and writing: the notes level, then for a note of a
 * data category the journal scope and that category's own level. */
static bool note_allowed(enum role r, const enum access_level *levels, int nc, const struct relation *rel)
{
	if (!access_level_allows(levels[CAT_NOTES], CAT_NOTES, rel))
		return false;
	if (nc == NOTE_SOCIAL)
		return true;
	if (nc < 0 || nc >= CAT_COUNT || roles[r].journal != JOURNAL_ALL)
		return false;
	return access_level_allows(levels[nc], (enum category)nc, rel);
}

bool access_may_read_note(enum role r, int nc, const struct relation *rel)
{
	return note_allowed(r, roles[r].read, nc, rel);
}

bool access_may_write_note(enum role r, int nc, const struct relation *rel)
{
	return note_allowed(r, roles[r].write, nc, rel);
}

enum access_level access_list_scope(enum role r)
{
	return roles[r].read[CAT_IDENTITY];
}
