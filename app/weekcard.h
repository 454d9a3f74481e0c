/*
 * weekcard.h - the participant's printable week card (weekkaart,
 * docs/week-plan.md "The week card"): the week plan turned into seven days
 * of three day-parts with what happens when and where, labelled in Dutch
 * and in the participant's own language, for a card that works with
 * pictograms and digits alone.
 *
 * The card's content is JSON (the model): built here from the week plan
 * (app/weekplan.h), shown by web/weekcard.html and rendered to a one-page
 * A4 PDF by weekcard_pdf() (weekcard_pdf.c). The translations are the
 * files web/lang/<code>.json, embedded into the binary at build time
 * (app/embed_lang.cmake) so the PDF speaks the same words as the page.
 */
#ifndef MEEDOEN_WEEKCARD_H
#define MEEDOEN_WEEKCARD_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"

/* One embedded translation file: the language code and the file's text
 * (a flat JSON object of labels). Generated from web/lang/ into
 * weekcard_lang_data.c; sorted by code. */
struct weekcard_lang_file {
	const char *code;
	const char *json;
};
extern const struct weekcard_lang_file weekcard_lang_files[];
extern const int weekcard_lang_file_count;

/* True when there is a translation for language code (ISO 639: "ar",
 * "prs"). */
bool weekcard_lang_known(const char *code);

/* The labels of language code as a JSON object (borrowed: parsed once and
 * kept for the life of the process), or NULL when there is no translation.
 * Thread-safe. */
const json_t *weekcard_labels(const char *code);

/* One label of language code, or "" when the language or key is unknown
 * (borrowed). */
const char *weekcard_label(const char *code, const char *key);

/* Build the card's model from a week plan (the JSON of GET
 * /api/participants/{id}/week-plan), the person shown on it
 * ({"given_names","family_name"}, or NULL or {"hidden":true} to show no
 * name) and a language with a translation. *out (caller owns) is
 * {"participant","lang","dir","week","week_end","week_number","days":[
 * {"weekday","date","parts":[{"part","start_time","end_time","items":[
 * {"kind","title","start_time","end_time","location","place",
 * "continued"}]}]}],"places":[{"location","place","kind","title"}]}.
 * Items cancelled that day are left out; an item spanning several
 * day-parts appears in each, "continued" after the first. Errors:
 * ERR_INVALID (field "lang") for a language without a translation,
 * ERR_INTERNAL for a plan not of the documented shape. Pure. */
int weekcard_model(const json_t *plan, const json_t *person, const char *lang, json_t **out, struct err *e);

/* The week card of participant pid for the week holding `week`, in
 * language lang (NULL: the first of the participant's languages with a
 * translation, else Dutch). Reading it is reading the week plan (access
 * to the participant's path; logged by app_week_plan_get); the name is
 * shown only to those who may read the participant's identity. Errors:
 * those of app_week_plan_get, ERR_INVALID (field "lang") for a language
 * without a translation. */
int app_week_card_get(struct app_ctx *ctx, int64_t pid, date_t week, const char *lang, json_t **out,
		      struct err *e);

/* Render a card model (as weekcard_model makes it) to a one-page A4 PDF
 * in memory: *pdf (caller frees with free()) of *len bytes. Fonts are
 * found in the standard Debian locations; a missing font is ERR_INTERNAL
 * naming the file and the Debian package that holds it. */
int weekcard_pdf(const json_t *model, char **pdf, size_t *len, struct err *e);

#endif
