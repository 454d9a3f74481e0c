/*
 * vault.h - which stored values are sealed and how app/ seals and opens
 * them: the participant fields of the categories bsn and health (the field
 * table says which, domain/participant.h participant_field_sealed), and the
 * text of journal notes of category health. The store keeps and returns
 * sealed text (store.h, store_sealed.c); opening happens only here, and
 * only for values the caller has already decided the actor may read
 * (participant_view, app_journal_list), after that decision.
 *
 * Each value is sealed with associated data naming its place,
 * "<table>.<column>.<row id>", so a sealed value moved to another row or
 * column does not open. The BSN is also kept as a keyed BLAKE2b hash
 * (bsn_hash) for lookups.
 */
#ifndef MEEDOEN_VAULT_H
#define MEEDOEN_VAULT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "base/seal.h"

/* A new copy of the plain record rec for participant `id`, with "id" set,
 * every sealed field sealed and "bsn_hash" set (or null). NULL with e
 * filled on error. */
json_t *vault_participant_seal(const struct app *app, int64_t id, const json_t *rec, struct err *e);

/* Open, in place, the sealed fields of rec whose category is in mask;
 * values that are not sealed are left as they are. */
int vault_participant_open(const struct app *app, json_t *rec, unsigned mask, struct err *e);

/* Insert a journal entry for pid (as store_journal_insert), its text
 * sealed when its category is health. Inside the caller's transaction
 * when the text is sealed (the row id is chosen first). */
int vault_journal_insert(struct app_ctx *ctx, int64_t pid, const json_t *in, int64_t user_id, const char *user_name,
			 int64_t *id, struct err *e);

/* Open, in place, the sealed texts among journal rows
 * ({"id","category","text",...}) the caller has chosen to show. */
int vault_journal_open(const struct app *app, json_t *rows, struct err *e);

/* The lookup hash of a BSN. */
void vault_bsn_hash(const struct app *app, const char *bsn, char out[SEAL_HASH_LEN]);

/* Bring every sealed column under the current data key: seal values
 * still plain (from before migration 007) and reseal those under an older
 * key, `batch` rows at a time, each batch its own transaction (or, when
 * the caller holds one, inside it). Values already under the current key
 * are skipped, so it can be run again after a crash. stop_after > 0 stops
 * after that many batches (a test hook: a rotation cut short). *done
 * counts the values written; *finished tells whether none is left. */
int vault_reseal(struct app_ctx *ctx, int batch, long stop_after, long *done, bool *finished, struct err *e);

#endif
