/*
 * cmd_employer.c - the employer side and the work floor on the command
 * line: `meedoen employer`, `placement`, `visit`, `assessment` and
 * `training` (their CSV imports are in cmd_import.c).
 *
 * Every command is a table of actions, every action a table of options
 * (cli/options.h): an option row names the member of the API body it
 * fills, so each action is one call into app/employers.h. Output is a
 * table of fields or columns per kind of object, or the app's JSON with
 * --json.
 */
#include "cli/cli.h"
#include "cli/options.h"
#include "app/employers.h"
#include "app/path.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "base/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- employers ---- */

static const struct field employer_columns[] = {
	{ "ID", "id", F_TEXT, 6, NULL },
	{ "NAME", "name", F_TEXT, 34, NULL },
	{ "SECTOR", "sector", F_TEXT, 23, NULL },
	{ "CITY", "city", F_TEXT, 14, NULL },
	{ "NETWORK", "network_member", F_YESNO, 7, NULL },
	{ "PLACEMENTS", "placement_count", F_TEXT, 10, NULL },
	{ "TAKEN", "occupancy", F_OF, 9, "capacity" },
	{ "ACCOUNT MANAGER", "account_manager_name", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field employer_fields[] = {
	{ "id", "id", F_TEXT, 0, NULL },
	{ "name", "name", F_TEXT, 0, NULL },
	{ "sector", "sector", F_TEXT, 0, NULL },
	{ "street", "street", F_TEXT, 0, NULL },
	{ "postal code", "postal_code", F_TEXT, 0, NULL },
	{ "city", "city", F_TEXT, 0, NULL },
	{ "latitude", "latitude", F_TEXT, 0, NULL },
	{ "longitude", "longitude", F_TEXT, 0, NULL },
	{ "size", "size_class", F_TEXT, 0, NULL },
	{ "network member", "network_member", F_YESNO, 0, NULL },
	{ "account manager", "account_manager_name", F_TEXT, 0, NULL },
	{ "account manager id", "account_manager_id", F_TEXT, 0, NULL },
	{ "notes", "notes", F_TEXT, 0, NULL },
	{ "active placements", "placement_count", F_TEXT, 0, NULL },
	{ "places taken", "occupancy", F_OF, 0, "capacity" },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field contact_columns[] = {
	{ "NAME", "name", F_TEXT, 26, NULL },
	{ "JOB TITLE", "job_title", F_TEXT, 20, NULL },
	{ "PHONE", "phone", F_TEXT, 14, NULL },
	{ "E-MAIL", "email", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field placement_columns[] = {
	{ "ID", "id", F_TEXT, 6, NULL },
	{ "ORGANISATION", "organisation_name", F_TEXT, 30, NULL },
	{ "KIND", "kind", F_TEXT, 22, NULL },
	{ "TITLE", "title", F_TEXT, 30, NULL },
	{ "TAKEN", "occupancy", F_OF, 9, "capacity" },
	{ "FREE", "free", F_TEXT, 4, NULL },
	{ "ACTIVE", "active", F_YESNO, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field history_columns[] = {
	{ "DATE", "occurred_on", F_TEXT, 10, NULL },
	{ "KIND", "kind", F_TEXT, 17, NULL },
	{ "BY", "author_name", F_TEXT, 20, NULL },
	{ "TEXT", "text", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field visit_columns[] = {
	{ "ID", "id", F_TEXT, 5, NULL },
	{ "DATE", "held_on", F_TEXT, 10, NULL },
	{ "KIND", "kind", F_TEXT, 14, NULL },
	{ "TITLE", "title", F_TEXT, 30, NULL },
	{ "INVITED", "invited", F_OF, 9, "capacity" },
	{ "CAME", "attended", F_TEXT, 4, NULL },
	{ "OFFERS", "places_offered", F_TEXT, 6, NULL },
	{ "PLACED", "placements_started", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field training_columns[] = {
	{ "ID", "id", F_TEXT, 5, NULL },
	{ "TITLE", "title", F_TEXT, 26, NULL },
	{ "PROVIDER", "provider", F_TEXT, 20, NULL },
	{ "FROM", "start_date", F_TEXT, 10, NULL },
	{ "TO", "end_date", F_TEXT, 10, NULL },
	{ "COST", "cost_cents", F_EUROS, 9, NULL },
	{ "EMPLOYER", "employer_share_cents", F_EUROS, 9, NULL },
	{ "ENROLLED", "enrolled", F_TEXT, 8, NULL },
	{ "PASSED", "passed", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void employers_print(const json_t *out)
{
	list_print(out, "employer", "employers", employer_columns);
}

static void employer_print(const json_t *out)
{
	fields_print(out, employer_fields);
	section_print(out, "contacts", "contacts", contact_columns);
	section_print(out, "placements", "placements", placement_columns);
	section_print(out, "visits", "company visits and matching events", visit_columns);
	section_print(out, "trainings", "trainings", training_columns);
	section_print(out, "history", "history", history_columns);
}

static int employer_list(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	json_t *net = json_object_get(a->in, "network_member");
	struct employer_filter f = {
		.sector = member_text(a->in, "sector"),
		.q = member_text(a->in, "q"),
		.network_member = net ? json_is_true(net) : -1,
		.account_manager_id = json_integer_value(json_object_get(a->in, "account_manager_id")),
	};
	return app_employer_list(&c->ctx, &f, out, e);
}

static int employer_show(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_employer_get(&c->ctx, a->id[0], out, e);
}

static int employer_add(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_employer_create(&c->ctx, a->in, out, e);
}

static int employer_edit(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_employer_update(&c->ctx, a->id[0], a->in, out, e);
}

static int employer_contact(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_employer_contact_add(&c->ctx, a->id[0], a->in, out, e);
}

static int employer_note(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	json_object_set_new(a->in, "text", json_string(a->text));
	return app_employer_note_add(&c->ctx, a->id[0], a->in, out, e);
}

static const struct opt employer_list_opts[] = {
	{ "sector", "sector", OPT_TEXT, false },
	{ "network", "network_member", OPT_YESNO, false },
	{ "q", "q", OPT_TEXT, false },
	{ "account-manager", "account_manager_id", OPT_INT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

/* add takes every row; edit all but the name (employer_opts + 1) */
static const struct opt employer_opts[] = {
	{ "name", "name", OPT_TEXT, false },
	{ "sector", "sector", OPT_TEXT, false },
	{ "street", "street", OPT_TEXT, false },
	{ "postal-code", "postal_code", OPT_TEXT, false },
	{ "city", "city", OPT_TEXT, false },
	{ "latitude", "latitude", OPT_REAL, false },
	{ "longitude", "longitude", OPT_REAL, false },
	{ "size", "size_class", OPT_TEXT, false },
	{ "network", "network_member", OPT_TRUE, false },
	{ "no-network", "network_member", OPT_FALSE, false },
	{ "account-manager", "account_manager_id", OPT_INT, false },
	{ "notes", "notes", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt contact_opts[] = {
	{ "name", "name", OPT_TEXT, true },
	{ "job-title", "job_title", OPT_TEXT, false },
	{ "phone", "phone", OPT_TEXT, false },
	{ "email", "email", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt note_opts[] = {
	{ "on", "occurred_on", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action employer_actions[] = {
	{ "list", "[--sector S] [--network yes|no] [--q NAME] [--account-manager USERID] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, employer_list_opts, false, employer_list, employers_print },
	{ "show", "ID [--json]", { POS_ID, POS_NONE }, { "employer id", NULL }, opts_none, false, employer_show,
	  employer_print },
	{ "add",
	  "--name N --sector S [--street S] [--postal-code P] [--city C] [--latitude X] [--longitude Y]\n"
	  "[--size micro|small|medium|large] [--network] [--account-manager USERID]\n"
	  "[--notes TEXT] [--json-in FILE|-] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, employer_opts, true, employer_add, employer_print },
	{ "edit", "ID [the options of add but --name] [--no-network] [--json-in FILE|-] [--json]",
	  { POS_ID, POS_NONE }, { "employer id", NULL }, employer_opts + 1, true, employer_edit, employer_print },
	{ "contact", "ID --name N [--job-title T] [--phone P] [--email E] [--json]", { POS_ID, POS_NONE },
	  { "employer id", NULL }, contact_opts, false, employer_contact, employer_print },
	{ "note", "ID TEXT [--on DATE] [--json]", { POS_ID, POS_TEXT }, { "employer id", "text of the note" },
	  note_opts, false, employer_note, employer_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

/* ---- placements ---- */

static const struct field placement_fields[] = {
	{ "id", "id", F_TEXT, 0, NULL },
	{ "organisation", "organisation_name", F_TEXT, 0, NULL },
	{ "organisation id", "organisation_id", F_TEXT, 0, NULL },
	{ "kind", "kind", F_TEXT, 0, NULL },
	{ "title", "title", F_TEXT, 0, NULL },
	{ "external id", "external_id", F_TEXT, 0, NULL },
	{ "active", "active", F_YESNO, 0, NULL },
	{ "occupation (ISCO-08)", "isco_code", F_TEXT, 0, NULL },
	{ "sector", "sector", F_TEXT, 0, NULL },
	{ "location", "location", F_TEXT, 0, NULL },
	{ "places taken", "occupancy", F_OF, 0, "capacity" },
	{ "free", "free", F_TEXT, 0, NULL },
	{ "from", "start_date", F_TEXT, 0, NULL },
	{ "until", "end_date", F_TEXT, 0, NULL },
	{ "hours a week", "hours_per_week", F_TEXT, 0, NULL },
	{ "day-parts", "day_parts", F_LIST, 0, NULL },
	{ "full days", "full_days", F_YESNO, 0, NULL },
	{ "min. speaking", "min_cefr_speaking", F_TEXT, 0, NULL },
	{ "min. listening", "min_cefr_listening", F_TEXT, 0, NULL },
	{ "min. ISCED level", "min_isced", F_TEXT, 0, NULL },
	{ "licences", "licences", F_LIST, 0, NULL },
	{ "physical load", "physical_load", F_TEXT, 0, NULL },
	{ "safety shoes", "safety_shoes", F_YESNO, 0, NULL },
	{ "floor guidance", "offers_floor_guidance", F_YESNO, 0, NULL },
	{ "language at work", "offers_language_at_work", F_YESNO, 0, NULL },
	{ "contract in view", "offers_contract", F_YESNO, 0, NULL },
	{ "supervisor", "supervisor_name", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field occupant_columns[] = {
	{ "PARTICIPANT", "participant_id", F_TEXT, 11, NULL },
	{ "NAME", "family_name", F_NAME, 30, NULL },
	{ "PHASE", "kind", F_TEXT, 22, NULL },
	{ "FROM", "start_date", F_TEXT, 10, NULL },
	{ "PLANNED END", "planned_end", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field check_fields[] = {
	{ "fits", "fits", F_YESNO, 0, NULL },
	{ "places taken", "occupancy", F_OF, 0, "capacity" },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field gap_columns[] = {
	{ "REQUIREMENT", "requirement", F_TEXT, 20, NULL },
	{ "REASON", "reason", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field phase_fields[] = {
	{ "phase id", "id", F_TEXT, 0, NULL },
	{ "kind", "kind", F_TEXT, 0, NULL },
	{ "placement id", "placement_id", F_TEXT, 0, NULL },
	{ "from", "start_date", F_TEXT, 0, NULL },
	{ "planned end", "planned_end", F_TEXT, 0, NULL },
	{ "reason", "reason", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field attendance_columns[] = {
	{ "DAY", "day", F_TEXT, 10, NULL },
	{ "PARTICIPANT", "participant_id", F_TEXT, 11, NULL },
	{ "NAME", "family_name", F_NAME, 30, NULL },
	{ "STATUS", "status", F_TEXT, 17, NULL },
	{ "NOTE", "note", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void placements_print(const json_t *out)
{
	list_print(out, "placement", "placements", placement_columns);
}

static void placement_print(const json_t *out)
{
	fields_print(out, placement_fields);
	section_print(out, "occupants", "placed here now", occupant_columns);
}

static void check_print(const json_t *out)
{
	fields_print(out, check_fields);
	if (json_array_size(json_object_get(out, "gaps")))
		section_print(out, "gaps", "not met", gap_columns);
}

static void phase_print(const json_t *out)
{
	fields_print(out, phase_fields);
}

static void attendance_print(const json_t *out)
{
	list_print(out, "attendance mark", "attendance marks", attendance_columns);
}

static int placement_list(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	struct placement_filter f = {
		.organisation_id = json_integer_value(json_object_get(a->in, "organisation_id")),
		.kind = member_text(a->in, "kind"),
		.sector = member_text(a->in, "sector"),
		.include_inactive = json_is_true(json_object_get(a->in, "include_inactive")),
	};
	return app_placement_list(&c->ctx, &f, out, e);
}

static int placement_show(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_placement_get(&c->ctx, a->id[0], out, e);
}

static int placement_add(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_placement_create(&c->ctx, a->in, out, e);
}

static int placement_edit(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_placement_update(&c->ctx, a->id[0], a->in, out, e);
}

static int placement_check(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_placement_check(&c->ctx, a->id[0], member_id_take(a->in, "participant_id"), out, e);
}

/* Placing someone is adding a phase linked to the placement. */
static int placement_place(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t pid = member_id_take(a->in, "participant_id");
	json_object_set_new(a->in, "placement_id", json_integer(a->id[0]));
	return app_phase_add(&c->ctx, pid, a->in, out, e);
}

static int placement_attendance(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_attendance_list(&c->ctx, a->id[0], member_text(a->in, "from"), member_text(a->in, "to"), out, e);
}

/* One mark (the same status and note) for each --participant. */
static int placement_mark(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	json_t *items = json_array(), *pid;
	size_t i;
	json_array_foreach(json_object_get(a->in, "participant_ids"), i, pid) {
		json_t *it = json_pack("{s:O,s:O}", "participant_id", pid, "status", json_object_get(a->in, "status"));
		if (json_object_get(a->in, "note"))
			json_object_set(it, "note", json_object_get(a->in, "note"));
		json_array_append_new(items, it);
	}
	json_t *body = json_pack("{s:O,s:o}", "day", json_object_get(a->in, "day"), "items", items);
	int rc = app_attendance_record(&c->ctx, a->id[0], body, out, e);
	json_decref(body);
	return rc;
}

static const struct opt placement_list_opts[] = {
	{ "employer", "organisation_id", OPT_INT, false },
	{ "kind", "kind", OPT_TEXT, false },
	{ "sector", "sector", OPT_TEXT, false },
	{ "all", "include_inactive", OPT_TRUE, false },
	{ NULL, NULL, OPT_TEXT, false },
};

/* add takes every row; edit all but the organisation (placement_opts + 1) */
static const struct opt placement_opts[] = {
	{ "employer", "organisation_id", OPT_INT, false },
	{ "kind", "kind", OPT_TEXT, false },
	{ "title", "title", OPT_TEXT, false },
	{ "isco", "isco_code", OPT_TEXT, false },
	{ "sector", "sector", OPT_TEXT, false },
	{ "location", "location", OPT_TEXT, false },
	{ "capacity", "capacity", OPT_INT, false },
	{ "start", "start_date", OPT_TEXT, false },
	{ "end", "end_date", OPT_TEXT, false },
	{ "hours", "hours_per_week", OPT_INT, false },
	{ "day-parts", "day_parts", OPT_LIST, false },
	{ "full-days", "full_days", OPT_TRUE, false },
	{ "no-full-days", "full_days", OPT_FALSE, false },
	{ "min-speaking", "min_cefr_speaking", OPT_TEXT, false },
	{ "min-listening", "min_cefr_listening", OPT_TEXT, false },
	{ "min-isced", "min_isced", OPT_INT, false },
	{ "licences", "licences", OPT_LIST, false },
	{ "load", "physical_load", OPT_TEXT, false },
	{ "safety-shoes", "safety_shoes", OPT_TRUE, false },
	{ "no-safety-shoes", "safety_shoes", OPT_FALSE, false },
	{ "guidance", "offers_floor_guidance", OPT_TRUE, false },
	{ "no-guidance", "offers_floor_guidance", OPT_FALSE, false },
	{ "language-at-work", "offers_language_at_work", OPT_TRUE, false },
	{ "no-language-at-work", "offers_language_at_work", OPT_FALSE, false },
	{ "contract", "offers_contract", OPT_TRUE, false },
	{ "no-contract", "offers_contract", OPT_FALSE, false },
	{ "supervisor", "supervisor_user_id", OPT_INT, false },
	{ "external-id", "external_id", OPT_TEXT, false },
	{ "active", "active", OPT_TRUE, false },
	{ "inactive", "active", OPT_FALSE, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt check_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt place_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "kind", "kind", OPT_TEXT, true },
	{ "start", "start_date", OPT_TEXT, true },
	{ "planned-end", "planned_end", OPT_TEXT, false },
	{ "override-reason", "override_reason", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt period_opts[] = {
	{ "from", "from", OPT_TEXT, false },
	{ "to", "to", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt mark_opts[] = {
	{ "day", "day", OPT_TEXT, true },
	{ "status", "status", OPT_TEXT, true },
	{ "participant", "participant_ids", OPT_IDS, true },
	{ "note", "note", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action placement_actions[] = {
	{ "list", "[--employer ORGID] [--kind K] [--sector S] [--all] [--json]", { POS_NONE, POS_NONE },
	  { NULL, NULL }, placement_list_opts, false, placement_list, placements_print },
	{ "show", "ID [--json]", { POS_ID, POS_NONE }, { "placement id", NULL }, opts_none, false, placement_show,
	  placement_print },
	{ "add",
	  "--employer ORGID --kind K --title T --capacity N [--isco CODE] [--sector S] [--location L]\n"
	  "[--start DATE] [--end DATE] [--hours N] [--day-parts mon_morning,...] [--full-days]\n"
	  "[--min-speaking CEFR] [--min-listening CEFR] [--min-isced N] [--licences a,b]\n"
	  "[--load light|medium|heavy] [--safety-shoes] [--guidance] [--language-at-work]\n"
	  "[--contract] [--supervisor USERID] [--external-id X] [--json-in FILE|-] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, placement_opts, true, placement_add, placement_print },
	{ "edit", "ID [the options of add but --employer; --no-... to unset a flag; --inactive] [--json-in FILE|-]",
	  { POS_ID, POS_NONE }, { "placement id", NULL }, placement_opts + 1, true, placement_edit, placement_print },
	{ "check", "ID --participant PID [--json]", { POS_ID, POS_NONE }, { "placement id", NULL }, check_opts, false,
	  placement_check, check_print },
	{ "place",
	  "ID --participant PID --kind PHASEKIND --start DATE [--planned-end DATE] [--override-reason R] [--json]",
	  { POS_ID, POS_NONE }, { "placement id", NULL }, place_opts, false, placement_place, phase_print },
	{ "attendance", "ID [--from DATE] [--to DATE] [--json]", { POS_ID, POS_NONE }, { "placement id", NULL },
	  period_opts, false, placement_attendance, attendance_print },
	{ "mark", "ID --day DATE --status STATUS --participant PID[,PID...] [--note TEXT] [--json]",
	  { POS_ID, POS_NONE }, { "placement id", NULL }, mark_opts, false, placement_mark, attendance_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

/* ---- company visits and matching events ---- */

static const struct field visit_fields[] = {
	{ "id", "id", F_TEXT, 0, NULL },
	{ "kind", "kind", F_TEXT, 0, NULL },
	{ "title", "title", F_TEXT, 0, NULL },
	{ "date", "held_on", F_TEXT, 0, NULL },
	{ "time", "start_time", F_TEXT, 0, NULL },
	{ "location", "location", F_TEXT, 0, NULL },
	{ "invited", "invited", F_OF, 0, "capacity" },
	{ "language support", "language_support", F_TEXT, 0, NULL },
	{ "organiser", "organiser_name", F_TEXT, 0, NULL },
	{ "notes", "notes", F_TEXT, 0, NULL },
	{ "attended", "attended", F_TEXT, 0, NULL },
	{ "interested", "interested", F_TEXT, 0, NULL },
	{ "trial days", "trial_days", F_TEXT, 0, NULL },
	{ "places offered", "places_offered", F_TEXT, 0, NULL },
	{ "placements started", "placements_started", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field visit_employer_columns[] = {
	{ "ID", "id", F_TEXT, 6, NULL },
	{ "NAME", "name", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field visitor_columns[] = {
	{ "PARTICIPANT", "participant_id", F_TEXT, 11, NULL },
	{ "NAME", "family_name", F_NAME, 30, NULL },
	{ "ATTENDED", "attended", F_YESNO, 8, NULL },
	{ "INTEREST", "interest", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field follow_up_columns[] = {
	{ "PARTICIPANT", "participant_id", F_TEXT, 11, NULL },
	{ "EMPLOYER", "organisation_name", F_TEXT, 30, NULL },
	{ "FOLLOW-UP", "follow_up", F_TEXT, 13, NULL },
	{ "NOTE", "note", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void visits_print(const json_t *out)
{
	list_print(out, "visit or event", "visits and events", visit_columns);
}

static void visit_print(const json_t *out)
{
	fields_print(out, visit_fields);
	section_print(out, "employers", "employers", visit_employer_columns);
	section_print(out, "participants", "participants", visitor_columns);
	section_print(out, "follow_ups", "follow-ups", follow_up_columns);
}

static int visit_list(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_visit_list(&c->ctx, member_text(a->in, "from"), member_text(a->in, "to"), out, e);
}

static int visit_show(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_visit_get(&c->ctx, a->id[0], out, e);
}

static int visit_add(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_visit_create(&c->ctx, a->in, out, e);
}

static int visit_invite(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_visit_invite(&c->ctx, a->id[0], a->in, out, e);
}

/* The same attendance and interest for each --participant. */
static int visit_attend(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	json_t *items = json_array(), *pid;
	size_t i;
	json_array_foreach(json_object_get(a->in, "participant_ids"), i, pid) {
		json_t *it = json_pack("{s:O,s:b}", "participant_id", pid, "attended",
				       !json_is_true(json_object_get(a->in, "absent")));
		if (json_object_get(a->in, "interest"))
			json_object_set(it, "interest", json_object_get(a->in, "interest"));
		json_array_append_new(items, it);
	}
	json_t *body = json_pack("{s:o}", "items", items);
	int rc = app_visit_attendance(&c->ctx, a->id[0], body, out, e);
	json_decref(body);
	return rc;
}

static int visit_follow_up(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_visit_follow_up(&c->ctx, a->id[0], a->in, out, e);
}

static const struct opt visit_opts[] = {
	{ "kind", "kind", OPT_TEXT, false },
	{ "title", "title", OPT_TEXT, false },
	{ "on", "held_on", OPT_TEXT, false },
	{ "time", "start_time", OPT_TEXT, false },
	{ "location", "location", OPT_TEXT, false },
	{ "capacity", "capacity", OPT_INT, false },
	{ "language-support", "language_support", OPT_TEXT, false },
	{ "employer", "employer_ids", OPT_IDS, false },
	{ "notes", "notes", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt invite_opts[] = {
	{ "participant", "participant_ids", OPT_IDS, true },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt attend_opts[] = {
	{ "participant", "participant_ids", OPT_IDS, true },
	{ "absent", "absent", OPT_TRUE, false },
	{ "interest", "interest", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt follow_up_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "employer", "organisation_id", OPT_INT, false },
	{ "result", "follow_up", OPT_TEXT, true },
	{ "note", "note", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action visit_actions[] = {
	{ "list", "[--from DATE] [--to DATE] [--json]", { POS_NONE, POS_NONE }, { NULL, NULL }, period_opts, false,
	  visit_list, visits_print },
	{ "show", "ID [--json]", { POS_ID, POS_NONE }, { "visit id", NULL }, opts_none, false, visit_show, visit_print },
	{ "add",
	  "--kind company_visit|matching_event --title T --on DATE --capacity N --employer ORGID[,ORGID...]\n"
	  "[--time HH:MM] [--location L] [--language-support TEXT] [--notes TEXT]\n"
	  "[--json-in FILE|-] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, visit_opts, true, visit_add, visit_print },
	{ "invite", "ID --participant PID[,PID...] [--json]", { POS_ID, POS_NONE }, { "visit id", NULL }, invite_opts,
	  false, visit_invite, visit_print },
	{ "attend", "ID --participant PID[,PID...] [--absent] [--interest none|some|high] [--json]",
	  { POS_ID, POS_NONE }, { "visit id", NULL }, attend_opts, false, visit_attend, visit_print },
	{ "follow-up", "ID --participant PID --employer ORGID --result none|trial_day|place_offered [--note TEXT]",
	  { POS_ID, POS_NONE }, { "visit id", NULL }, follow_up_opts, false, visit_follow_up, visit_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

/* ---- work-floor assessments ---- */

static const struct field assessment_columns[] = {
	{ "ID", "id", F_TEXT, 5, NULL },
	{ "DATE", "assessed_on", F_TEXT, 10, NULL },
	{ "BY", "assessor_name", F_TEXT, 20, NULL },
	{ "PLACEMENT", "placement_title", F_TEXT, 24, NULL },
	{ "ADVICE", "advice", F_TEXT, 14, NULL },
	{ "DECISION", "decision", F_TEXT, 10, NULL },
	{ "DECIDED", "decided_advice", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

/* The assessments, then the latest score and the trend of each item. */
static void assessments_print(const json_t *out)
{
	const json_t *latest = json_object_get(out, "latest");
	const json_t *scores = json_object_get(latest, "scores");
	const char *item;
	json_t *trend;

	list_print(out, "assessment", "assessments", assessment_columns);
	if (!json_is_object(latest))
		return;
	printf("\nlatest (%s): advice %s - %s\n", member_text(latest, "assessed_on"), member_text(latest, "advice"),
	       member_text(latest, "advice_reason") ? member_text(latest, "advice_reason") : "");
	printf("  %-16s %-6s %s\n", "ITEM", "SCORE", "TREND");
	json_object_foreach((json_t *)json_object_get(out, "trends"), item, trend) {
		json_t *s = json_object_get(scores, item);
		printf("  %-16s %-6lld %s\n", item, (long long)json_integer_value(s), json_string_value(trend));
	}
}

static int assessment_list(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_assessment_list(&c->ctx, a->id[0], out, e);
}

static int assessment_add(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_assessment_add(&c->ctx, a->id[0], a->in, out, e);
}

/* --confirm, or --override ADVICE with --reason. */
static int assessment_decide(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	bool confirm = json_is_true(json_object_get(a->in, "confirm"));
	if (confirm == (json_object_get(a->in, "advice") != NULL))
		return cli_usage("assessment decide", "give either --confirm or --override ADVICE");
	json_object_del(a->in, "confirm");
	json_object_set_new(a->in, "decision", json_string(confirm ? "confirmed" : "overridden"));
	return app_assessment_decide(&c->ctx, a->id[0], a->id[1], a->in, out, e);
}

static const struct opt assessment_opts[] = {
	{ "on", "assessed_on", OPT_TEXT, true },
	{ "score", "scores", OPT_SCORES, false },
	{ "comment", "comments", OPT_NOTES, false },
	{ "placement", "placement_id", OPT_INT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt decide_opts[] = {
	{ "confirm", "confirm", OPT_TRUE, false },
	{ "override", "advice", OPT_TEXT, false },
	{ "reason", "reason", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action assessment_actions[] = {
	{ "list", "PID [--json]", { POS_ID, POS_NONE }, { "participant id", NULL }, opts_none, false, assessment_list,
	  assessments_print },
	{ "add",
	  "PID --on DATE --score ITEM=N ... [--comment ITEM=TEXT ...] [--placement ID] [--json-in FILE|-]\n"
	  "[--json]",
	  { POS_ID, POS_NONE }, { "participant id", NULL }, assessment_opts, true, assessment_add, assessments_print },
	{ "decide", "PID AID --confirm | --override stay|external_place|paid_work --reason R [--json]",
	  { POS_ID, POS_ID }, { "participant id", "assessment id" }, decide_opts, false, assessment_decide,
	  assessments_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

/* ---- trainings ---- */

static const struct field training_fields[] = {
	{ "id", "id", F_TEXT, 0, NULL },
	{ "title", "title", F_TEXT, 0, NULL },
	{ "certificate", "certificate", F_TEXT, 0, NULL },
	{ "provider", "provider", F_TEXT, 0, NULL },
	{ "from", "start_date", F_TEXT, 0, NULL },
	{ "until", "end_date", F_TEXT, 0, NULL },
	{ "cost (EUR)", "cost_cents", F_EUROS, 0, NULL },
	{ "employer pays", "employer_share_cents", F_EUROS, 0, NULL },
	{ "company pays", "company_share_cents", F_EUROS, 0, NULL },
	{ "employer", "employer_name", F_TEXT, 0, NULL },
	{ "capacity", "capacity", F_TEXT, 0, NULL },
	{ "valid (months)", "validity_months", F_TEXT, 0, NULL },
	{ "enrolled", "enrolled", F_TEXT, 0, NULL },
	{ "passed", "passed", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field trainee_columns[] = {
	{ "PARTICIPANT", "participant_id", F_TEXT, 11, NULL },
	{ "NAME", "family_name", F_NAME, 30, NULL },
	{ "RESULT", "result", F_TEXT, 10, NULL },
	{ "CERTIFICATE UNTIL", "certificate_expires", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void trainings_print(const json_t *out)
{
	list_print(out, "training", "trainings", training_columns);
}

static void training_print(const json_t *out)
{
	fields_print(out, training_fields);
	section_print(out, "participants", "participants", trainee_columns);
}

static int training_list(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	(void)a;
	return app_training_list(&c->ctx, out, e);
}

static int training_show(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_training_get(&c->ctx, a->id[0], out, e);
}

static int training_add(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_training_create(&c->ctx, a->in, out, e);
}

static int training_enrol(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_training_enrol(&c->ctx, a->id[0], a->in, out, e);
}

static const struct opt training_opts[] = {
	{ "title", "title", OPT_TEXT, false },
	{ "provider", "provider", OPT_TEXT, false },
	{ "certificate", "certificate", OPT_TEXT, false },
	{ "start", "start_date", OPT_TEXT, false },
	{ "end", "end_date", OPT_TEXT, false },
	{ "cost", "cost_cents", OPT_EUROS, false },
	{ "employer-share", "employer_share_cents", OPT_EUROS, false },
	{ "employer", "employer_id", OPT_INT, false },
	{ "capacity", "capacity", OPT_INT, false },
	{ "validity-months", "validity_months", OPT_INT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt enrol_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "result", "result", OPT_TEXT, false },
	{ "certificate-expires", "certificate_expires", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action training_actions[] = {
	{ "list", "[--json]", { POS_NONE, POS_NONE }, { NULL, NULL }, opts_none, false, training_list, trainings_print },
	{ "show", "ID [--json]", { POS_ID, POS_NONE }, { "training id", NULL }, opts_none, false, training_show,
	  training_print },
	{ "add",
	  "--title T --provider P --start DATE --end DATE --cost EUR [--employer-share EUR --employer ORGID]\n"
	  "[--certificate LICENCE] [--capacity N] [--validity-months N] [--json-in FILE|-]\n"
	  "[--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, training_opts, true, training_add, training_print },
	{ "enrol", "ID --participant PID [--result enrolled|passed|failed|withdrawn] [--certificate-expires DATE]",
	  { POS_ID, POS_NONE }, { "training id", NULL }, enrol_opts, false, training_enrol, training_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

/* ---- the commands ---- */

static const struct cmd_group employer_group = {
	"employer", employer_actions,
	"The employer network: list, show, add and change employers, their contacts and notes in\n"
	"their history. Sectors: greenhouse_horticulture, logistics, food_processing, retail, care,\n"
	"construction, hospitality, technical, public, other. Account managers and project\n"
	"leaders may change employers; an employer user sees only their own organisation.\n"
	"--json-in takes the body of POST or PATCH /api/employers (docs/api.md); options given\n"
	"beside it win. Import many at once with `meedoen import employers FILE`."
};

static const struct cmd_group placement_group = {
	"placement", placement_actions,
	"Places offered by employers and by the social work company. Kinds: internal_work_learning,\n"
	"external_work_learning, work_experience_place, language_internship, trial_placement,\n"
	"vacancy, sheltered_place, secondment. `check` says whether a participant fits (nothing is\n"
	"stored); `place` starts a phase of PHASEKIND linked to the placement, refused with the\n"
	"reason when it is full or a requirement is not met, unless --override-reason says why.\n"
	"Attendance statuses: present, late, absent_excused, absent_unexcused.\n"
	"--json-in takes the body of POST or PATCH /api/placements (docs/api.md)."
};

static const struct cmd_group visit_group = {
	"visit", visit_actions,
	"Company visits and matching events: plan one, invite participants up to its capacity,\n"
	"record who came and their interest, and each employer's follow-up. Listed newest first."
};

static const struct cmd_group assessment_group = {
	"assessment", assessment_actions,
	"Work-floor assessments of a participant. Every item of the rubric needs a score:\n"
	"punctuality, attendance, pace, quality, instructions, cooperation, safety, vocabulary\n"
	"(1..4) and work_capacity (hours a day, 0..8). The advice (stay, external_place,\n"
	"paid_work) is computed; the job coach confirms it or overrides it with a reason."
};

static const struct cmd_group training_group = {
	"training", training_actions,
	"Short trainings at work (forklift, food hygiene, safety) with their cost in euros and the\n"
	"employer's share; enrol participants and record their result and certificate."
};

int cmd_employer(struct cli *c, int argc, char **argv)
{
	return cmd_group_run(&employer_group, c, argc, argv);
}

int cmd_placement(struct cli *c, int argc, char **argv)
{
	return cmd_group_run(&placement_group, c, argc, argv);
}

int cmd_visit(struct cli *c, int argc, char **argv)
{
	return cmd_group_run(&visit_group, c, argc, argv);
}

int cmd_assessment(struct cli *c, int argc, char **argv)
{
	return cmd_group_run(&assessment_group, c, argc, argv);
}

int cmd_training(struct cli *c, int argc, char **argv)
{
	return cmd_group_run(&training_group, c, argc, argv);
}

void help_employer(void)
{
	cmd_group_help(&employer_group);
}

void help_placement(void)
{
	cmd_group_help(&placement_group);
}

void help_visit(void)
{
	cmd_group_help(&visit_group);
}

void help_assessment(void)
{
	cmd_group_help(&assessment_group);
}

void help_training(void)
{
	cmd_group_help(&training_group);
}

