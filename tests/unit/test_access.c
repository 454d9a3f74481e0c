/*
 * test_access.c - the access decision table of DESIGN.md §2: each role's
 * default per category, relations and consent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/access.h"

static const struct relation none = { 0 };
static const struct relation own = { .own = true, .org = true };
static const struct relation org_only = { .org = true };

static struct relation own_with(unsigned mask)
{
	struct relation r = { .own = true, .org = true, .consent_mask = mask };
	return r;
}

static void test_director_sees_all_but_bsn_and_health(void **state)
{
	(void)state;
	for (int c = 0; c < CAT_COUNT; c++) {
		bool expect = c != CAT_BSN && c != CAT_HEALTH;
		assert_int_equal(access_may_read(ROLE_DIRECTOR, (enum category)c, &none), expect);
		assert_false(access_may_write(ROLE_DIRECTOR, (enum category)c, &own));
	}
	assert_true(access_may(ROLE_DIRECTOR, ACT_READ_PROCESSING_LOG, &none));
}

static void test_case_manager_sees_everything(void **state)
{
	(void)state;
	assert_int_equal(access_readable(ROLE_CASE_MANAGER, &none), (1u << CAT_COUNT) - 1);
	assert_int_equal(access_writable(ROLE_CASE_MANAGER, &none), (1u << CAT_COUNT) - 1);
}

static void test_job_coach_identity_by_org_rest_own(void **state)
{
	(void)state;
	assert_true(access_may_read(ROLE_JOB_COACH, CAT_IDENTITY, &org_only));
	assert_false(access_may_read(ROLE_JOB_COACH, CAT_IDENTITY, &none));
	assert_false(access_may_read(ROLE_JOB_COACH, CAT_HEALTH, &org_only));
	assert_true(access_may_read(ROLE_JOB_COACH, CAT_HEALTH, &own));
	assert_true(access_may_read(ROLE_JOB_COACH, CAT_BSN, &own));
	assert_false(access_may_write(ROLE_JOB_COACH, CAT_IDENTITY, &org_only));
	assert_true(access_may_write(ROLE_JOB_COACH, CAT_IDENTITY, &own));
}

static void test_volunteer_needs_consent_and_own(void **state)
{
	(void)state;
	unsigned social = 1u << CAT_IDENTITY | 1u << CAT_NOTES;
	struct relation with = own_with(social);
	struct relation not_own = { .org = true, .consent_mask = social };
	assert_true(access_may_read(ROLE_VOLUNTEER, CAT_IDENTITY, &with));
	assert_false(access_may_read(ROLE_VOLUNTEER, CAT_IDENTITY, &own));
	assert_false(access_may_read(ROLE_VOLUNTEER, CAT_IDENTITY, &not_own));
	assert_false(access_may_read(ROLE_VOLUNTEER, CAT_CONTACT, &with));
	/* never: even with consent */
	struct relation all = own_with((1u << CAT_COUNT) - 1);
	assert_false(access_may_read(ROLE_VOLUNTEER, CAT_HEALTH, &all));
	assert_false(access_may_read(ROLE_VOLUNTEER, CAT_BSN, &all));
	assert_false(access_may_read(ROLE_VOLUNTEER, CAT_INCOME, &all));
	assert_true(access_may_write(ROLE_VOLUNTEER, CAT_NOTES, &with));
	assert_false(access_may_write(ROLE_VOLUNTEER, CAT_IDENTITY, &with));
}

static void test_employer_no_health_benefit_bsn(void **state)
{
	(void)state;
	struct relation all = own_with((1u << CAT_COUNT) - 1);
	assert_false(access_may_read(ROLE_EMPLOYER, CAT_HEALTH, &all));
	assert_false(access_may_read(ROLE_EMPLOYER, CAT_INCOME, &all));
	assert_false(access_may_read(ROLE_EMPLOYER, CAT_BSN, &all));
	assert_true(access_may_read(ROLE_EMPLOYER, CAT_PATH, &own));    /* own, no consent needed */
	assert_false(access_may_read(ROLE_EMPLOYER, CAT_IDENTITY, &own)); /* consent needed */
	assert_true(access_may_read(ROLE_EMPLOYER, CAT_IDENTITY, &all));
	assert_int_equal(access_role(ROLE_EMPLOYER)->own_by, OWN_BY_ORG);
}

static void test_admin_reads_no_personal_data(void **state)
{
	(void)state;
	struct relation all = own_with((1u << CAT_COUNT) - 1);
	assert_int_equal(access_readable(ROLE_ADMIN, &all), 0);
	assert_true(access_may(ROLE_ADMIN, ACT_MANAGE_USERS, NULL));
	assert_false(access_may(ROLE_ADMIN, ACT_CREATE_PARTICIPANT, NULL));
	assert_int_equal(access_list_scope(ROLE_ADMIN), LVL_NONE);
}

static void test_department_assistant_and_account_manager(void **state)
{
	(void)state;
	assert_true(access_may_read(ROLE_DEPARTMENT_ASSISTANT, CAT_ASSESSMENTS, &own));
	assert_false(access_may_read(ROLE_DEPARTMENT_ASSISTANT, CAT_CONTACT, &own));
	assert_true(access_may_read(ROLE_ACCOUNT_MANAGER, CAT_EDUCATION_WORK, &none));
	assert_false(access_may_read(ROLE_ACCOUNT_MANAGER, CAT_NOTES, &own));
	/* the account manager places participants (a phase with a placement) but keeps no path */
	assert_false(access_may_write(ROLE_ACCOUNT_MANAGER, CAT_PATH, &own));
	assert_true(access_may(ROLE_ACCOUNT_MANAGER, ACT_PLACE, &none));
	assert_true(access_may(ROLE_JOB_COACH, ACT_PLACE, &own));
	assert_false(access_may(ROLE_JOB_COACH, ACT_PLACE, &none));
	assert_false(access_may(ROLE_EMPLOYER, ACT_PLACE, &own));
	assert_false(access_may_write(ROLE_ACCOUNT_MANAGER, CAT_NOTES, &own));
	assert_false(access_may_write(ROLE_ACCOUNT_MANAGER, CAT_HEALTH, &own));
	/* employers: who reads, who manages, who decides the work-floor advice */
	assert_true(access_may(ROLE_ACCOUNT_MANAGER, ACT_MANAGE_EMPLOYERS, NULL));
	assert_true(access_may(ROLE_ACCOUNT_MANAGER, ACT_MANAGE_VISITS, NULL));
	assert_false(access_may(ROLE_JOB_COACH, ACT_MANAGE_EMPLOYERS, NULL));
	assert_true(access_may(ROLE_JOB_COACH, ACT_DECIDE_ADVICE, &own));
	assert_false(access_may(ROLE_JOB_COACH, ACT_DECIDE_ADVICE, &none));
	assert_false(access_may(ROLE_DEPARTMENT_ASSISTANT, ACT_DECIDE_ADVICE, &own));
	assert_int_equal(access_role(ROLE_EMPLOYER)->action[ACT_READ_EMPLOYERS], LVL_ORG); /* their own only */
	assert_false(access_may(ROLE_EMPLOYER, ACT_MANAGE_EMPLOYERS, NULL));
	assert_false(access_may(ROLE_VOLUNTEER, ACT_READ_EMPLOYERS, NULL));
}

static void test_every_role_fits_an_org_type(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct role_def *d = access_role((enum role)r);
		enum role back;
		assert_int_equal(access_role_find(d->name, &back), 0);
		assert_int_equal(back, r);
		if (d->org_type)
			assert_non_null(access_org_type_find(d->org_type));
	}
	enum role x;
	assert_int_equal(access_role_find("boss", &x), -1);
}

static void test_network_is_not_for_partners(void **state)
{
	(void)state;
	struct relation all = own_with((1u << CAT_COUNT) - 1);
	assert_false(access_may(ROLE_VOLUNTEER, ACT_READ_NETWORK, &all));
	assert_false(access_may(ROLE_EMPLOYER, ACT_READ_NETWORK, &all));
	assert_true(access_may(ROLE_JOB_COACH, ACT_READ_NETWORK, &own));
	assert_false(access_may(ROLE_JOB_COACH, ACT_READ_NETWORK, &org_only));
	assert_true(access_may(ROLE_DIRECTOR, ACT_READ_NETWORK, &none));
}

static void test_who_oversees_signals(void **state)
{
	(void)state;
	assert_true(access_may(ROLE_DIRECTOR, ACT_ALL_SIGNALS, NULL));
	assert_true(access_may(ROLE_PROJECT_LEADER, ACT_ALL_SIGNALS, NULL));
	assert_false(access_may(ROLE_CASE_MANAGER, ACT_ALL_SIGNALS, NULL)); /* own caseload */
	assert_true(access_may(ROLE_CASE_MANAGER, ACT_SIGNAL_TOTALS, NULL));
	assert_false(access_may(ROLE_ACCOUNT_MANAGER, ACT_SIGNAL_TOTALS, NULL));
	assert_false(access_may(ROLE_JOB_COACH, ACT_SIGNAL_TOTALS, NULL));
}

static void test_consent_orgs(void **state)
{
	(void)state;
	assert_false(access_org_type_find("municipality")->needs_consent);
	assert_false(access_org_type_find("social_work_company")->needs_consent);
	assert_true(access_org_type_find("refugee_support")->needs_consent);
	assert_true(access_org_type_find("employer")->needs_consent);
	assert_null(access_org_type_find("bank"));
}

static void test_roles_outside_municipality_and_swc_need_consent_for_identity(void **state)
{
	(void)state;
	/* the rule of DESIGN §2: consent for every organisation outside the
	 * municipality and the social work company */
	for (int r = 0; r < ROLE_SYSTEM; r++) {
		const struct role_def *d = access_role((enum role)r);
		if (d->org_type == NULL)
			continue;
		if (access_org_type_find(d->org_type)->needs_consent) {
			for (int c = 0; c < CAT_COUNT; c++)
				assert_true(d->read[c] == LVL_NONE || d->read[c] == LVL_CONSENT_OWN ||
					    (r == ROLE_EMPLOYER && (c == CAT_PATH || c == CAT_ASSESSMENTS)));
		}
	}
}

/* Journal notes by role (DESIGN.md §2, the notes column): which note
 * categories each role reads and writes for a participant on its own
 * caseload with every consent given. Columns: identity contact bsn
 * education_work civic_integration income health path assessments notes
 * social; r = read, w = write, b = both, . = neither. */
static const struct {
	enum role role;
	const char *notes;
} journal_table[] = {
	{ ROLE_DIRECTOR, "rr.rrr.rrrr" },
	{ ROLE_CASE_MANAGER, "bbbbbbbbbbb" },
	{ ROLE_YOUTH_CONSULTANT, "bbbbbbbbbbb" },
	{ ROLE_PROJECT_LEADER, "b..bb..bbbb" },
	{ ROLE_JOB_COACH, "bbbbbbbbbbb" },
	{ ROLE_ACCOUNT_MANAGER, "..........." },
	{ ROLE_DEPARTMENT_ASSISTANT, "..........." },
	{ ROLE_VOLUNTEER, "..........b" },
	{ ROLE_WELFARE, "..........b" },
	{ ROLE_LANGUAGE_PROVIDER, "..........." },
	{ ROLE_EMPLOYER, "..........." },
	{ ROLE_ADMIN, "..........." },
	{ ROLE_SYSTEM, "bbbbbbbbbbb" },
};

static void test_journal_notes_by_role_and_category(void **state)
{
	(void)state;
	struct relation all = own_with((1u << CAT_COUNT) - 1);
	assert_int_equal(sizeof journal_table / sizeof journal_table[0], ROLE_COUNT);
	for (size_t i = 0; i < sizeof journal_table / sizeof journal_table[0]; i++) {
		for (int nc = 0; nc <= NOTE_SOCIAL; nc++) {
			char want = journal_table[i].notes[nc];
			bool r = access_may_read_note(journal_table[i].role, nc, &all);
			bool w = access_may_write_note(journal_table[i].role, nc, &all);
			char got = r && w ? 'b' : r ? 'r' : w ? 'w' : '.';
			if (got != want)
				fail_msg("role %s, note category %d: want '%c', got '%c'",
					 access_role(journal_table[i].role)->name, nc, want, got);
		}
	}
}

static void test_social_notes_need_consent_for_notes(void **state)
{
	(void)state;
	int social, path;
	assert_int_equal(access_note_category_find("social", &social), 0);
	assert_int_equal(access_note_category_find("path", &path), 0);
	assert_int_equal(path, CAT_PATH);
	assert_int_equal(access_note_category_find("sociaal", &social), -1);
	assert_int_equal(access_note_category_find("social", &social), 0);
	/* consent for path but not for notes: no notes at all */
	struct relation path_only = own_with(1u << CAT_PATH);
	assert_false(access_may_read_note(ROLE_VOLUNTEER, social, &path_only));
	assert_false(access_may_read_note(ROLE_VOLUNTEER, path, &path_only));
	/* consent for notes and path: social notes, still no path notes */
	struct relation both = own_with(1u << CAT_PATH | 1u << CAT_NOTES);
	assert_true(access_may_read_note(ROLE_WELFARE, social, &both));
	assert_false(access_may_read_note(ROLE_WELFARE, path, &both));
	/* not on the caseload: nothing */
	assert_false(access_may_read_note(ROLE_VOLUNTEER, social, &org_only));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_director_sees_all_but_bsn_and_health),
		cmocka_unit_test(test_case_manager_sees_everything),
		cmocka_unit_test(test_job_coach_identity_by_org_rest_own),
		cmocka_unit_test(test_volunteer_needs_consent_and_own),
		cmocka_unit_test(test_employer_no_health_benefit_bsn),
		cmocka_unit_test(test_admin_reads_no_personal_data),
		cmocka_unit_test(test_department_assistant_and_account_manager),
		cmocka_unit_test(test_every_role_fits_an_org_type),
		cmocka_unit_test(test_network_is_not_for_partners),
		cmocka_unit_test(test_who_oversees_signals),
		cmocka_unit_test(test_consent_orgs),
		cmocka_unit_test(test_roles_outside_municipality_and_swc_need_consent_for_identity),
		cmocka_unit_test(test_journal_notes_by_role_and_category),
		cmocka_unit_test(test_social_notes_need_consent_for_notes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
