/*
 * vault.c - sealing and opening the sensitive values (see vault.h).
 */
#include "app/vault.h"
#include "base/buf.h"
#include "base/xmalloc.h"
#include "domain/participant.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Associated data of a value: "<table>.<column>.<id>". */
static void place(char *out, size_t size, const char *table, const char *column, int64_t id)
{
	snprintf(out, size, "%s.%s.%lld", table, column, (long long)id);
}

/* Free a plaintext after wiping it. */
static void wipe_free(char *s)
{
	if (s) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
}

void vault_bsn_hash(const struct app *app, const char *bsn, char out[SEAL_HASH_LEN])
{
	seal_hash(app->keys.lookup, bsn, out);
}

json_t *vault_participant_seal(const struct app *app, int64_t id, const json_t *rec, struct err *e)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);
	char ad[96];
	json_t *out = json_copy((json_t *)rec); /* shallow: only top-level members are replaced */

	json_object_set_new(out, "id", json_integer(id));
	json_object_set_new(out, "bsn_hash", json_null());
	for (size_t i = 0; i < n; i++) {
		if (!participant_field_sealed(&fs[i]))
			continue;
		const char *plain = json_string_value(json_object_get(rec, fs[i].name));
		if (plain == NULL)
			continue;
		if (fs[i].cat == CAT_BSN) {
			char h[SEAL_HASH_LEN];
			vault_bsn_hash(app, plain, h);
			json_object_set_new(out, "bsn_hash", json_string(h));
		}
		place(ad, sizeof ad, "participant", fs[i].name, id);
		char *sealed = seal_value(&app->keys.data, ad, plain, strlen(plain), e);
		if (sealed == NULL) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(out, fs[i].name, json_string(sealed));
		free(sealed);
	}
	return out;
}

int vault_participant_open(const struct app *app, json_t *rec, unsigned mask, struct err *e)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);
	int64_t id = json_integer_value(json_object_get(rec, "id"));
	char ad[96];

	for (size_t i = 0; i < n; i++) {
		if (!participant_field_sealed(&fs[i]) || !(mask & (1u << fs[i].cat)))
			continue;
		const char *v = json_string_value(json_object_get(rec, fs[i].name));
		if (v == NULL || !seal_is_sealed(v))
			continue;
		char *plain = NULL;
		place(ad, sizeof ad, "participant", fs[i].name, id);
		if (seal_open(&app->keys.data, ad, v, &plain, e) != 0)
			return -1;
		json_object_set_new(rec, fs[i].name, json_string(plain));
		wipe_free(plain);
	}
	return 0;
}

/* Journal notes of this category are sealed. */
static bool journal_sealed(const char *category)
{
	return category && strcmp(category, "health") == 0;
}

int vault_journal_insert(struct app_ctx *ctx, int64_t pid, const json_t *in, int64_t user_id, const char *user_name,
			 int64_t *id, struct err *e)
{
	const char *text = json_string_value(json_object_get(in, "text"));
	if (!journal_sealed(json_string_value(json_object_get(in, "category"))) || text == NULL)
		return store_journal_insert(ctx->st, pid, in, user_id, user_name, ctx->now_s, id, e);
	int64_t next;
	char ad[96];
	if (store_next_id(ctx->st, "journal", &next, e) != 0)
		return -1;
	place(ad, sizeof ad, "journal", "text", next);
	char *sealed = seal_value(&ctx->app->keys.data, ad, text, strlen(text), e);
	if (sealed == NULL)
		return -1;
	json_t *row = json_copy((json_t *)in);
	json_object_set_new(row, "id", json_integer(next));
	json_object_set_new(row, "text", json_string(sealed));
	free(sealed);
	int rc = store_journal_insert(ctx->st, pid, row, user_id, user_name, ctx->now_s, id, e);
	json_decref(row);
	return rc;
}

int vault_journal_open(const struct app *app, json_t *rows, struct err *e)
{
	size_t i;
	json_t *row;
	char ad[96];

	json_array_foreach(rows, i, row) {
		const char *v = json_string_value(json_object_get(row, "text"));
		if (!journal_sealed(json_string_value(json_object_get(row, "category"))) || v == NULL ||
		    !seal_is_sealed(v))
			continue;
		char *plain = NULL;
		place(ad, sizeof ad, "journal", "text", json_integer_value(json_object_get(row, "id")));
		if (seal_open(&app->keys.data, ad, v, &plain, e) != 0)
			return -1;
		json_object_set_new(row, "text", json_string(plain));
		wipe_free(plain);
	}
	return 0;
}

/* ---- resealing ---- */

#define MAX_COLUMNS 8

/* The sealed columns: the sealed participant fields, then health notes. */
static size_t sealed_columns(struct sealed_column *cols)
{
	size_t n, k = 0;
	const struct field_def *fs = participant_fields(&n);
	for (size_t i = 0; i < n && k < MAX_COLUMNS - 1; i++)
		if (participant_field_sealed(&fs[i]))
			cols[k++] = (struct sealed_column){ "participant", fs[i].name, NULL };
	cols[k++] = (struct sealed_column){ "journal", "text", "category = 'health'" };
	return k;
}

/* Reseal one value of column c, row id, under the current key. */
static int reseal_one(struct app_ctx *ctx, const struct sealed_column *c, int64_t id, const char *v, long *done,
		      struct err *e)
{
	const struct app *app = ctx->app;
	char ad[96], *plain = NULL;
	int rc = -1;

	place(ad, sizeof ad, c->table, c->column, id);
	if (seal_is_sealed(v)) {
		if (seal_open(&app->keys.data, ad, v, &plain, e) != 0)
			return -1;
	} else {
		plain = xstrdup(v); /* written before migration 007 */
		if (strcmp(c->table, "participant") == 0 && strcmp(c->column, "bsn") == 0) {
			char h[SEAL_HASH_LEN];
			vault_bsn_hash(app, plain, h);
			if (store_participant_bsn_hash_put(ctx->st, id, h, e) != 0)
				goto out;
		}
	}
	char *sealed = seal_value(&app->keys.data, ad, plain, strlen(plain), e);
	if (sealed == NULL)
		goto out;
	rc = store_sealed_put(ctx->st, c, id, sealed, e);
	free(sealed);
	if (rc == 0)
		(*done)++;
out:
	wipe_free(plain);
	return rc;
}

int vault_reseal(struct app_ctx *ctx, int batch, long stop_after, long *done, bool *finished, struct err *e)
{
	struct sealed_column cols[MAX_COLUMNS];
	size_t ncols = sealed_columns(cols);
	char prefix[24];
	long batches = 0;
	bool own_tx = !store_in_transaction(ctx->st);

	*done = 0;
	*finished = false;
	snprintf(prefix, sizeof prefix, "v1:%u:", ctx->app->keys.data.current);
	for (size_t c = 0; c < ncols; c++) {
		int64_t after = 0;
		for (;;) {
			json_t *items = NULL;
			if (stop_after > 0 && batches >= stop_after)
				return 0;
			if (own_tx && store_begin(ctx->st, e) != 0)
				return -1;
			if (store_sealed_batch(ctx->st, &cols[c], prefix, after, batch, &items, e) != 0)
				goto fail;
			size_t i, n = json_array_size(items);
			json_t *row;
			json_array_foreach(items, i, row) {
				after = json_integer_value(json_object_get(row, "id"));
				if (reseal_one(ctx, &cols[c], after, json_string_value(json_object_get(row, "value")), done,
					       e) != 0) {
					json_decref(items);
					goto fail;
				}
			}
			json_decref(items);
			if (own_tx && store_commit(ctx->st, e) != 0)
				goto fail;
			if (n == 0)
				break;
			batches++;
		}
	}
	*finished = true;
	return 0;
fail:
	if (own_tx)
		store_rollback(ctx->st);
	return -1;
}
