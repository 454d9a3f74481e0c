/*
 * test_crypt.c - encryption at rest: sealed values (base/seal.h) open only
 * in their own place and under their own key; the key file
 * (app/keyring.h) round-trips, is written mode 0600 and refuses a file
 * others may read; and a database from before migration 007 (plain BSN,
 * health limits and health notes, the pseudonym key in the setting table)
 * is brought under a new key file on its first start, keeping the
 * processing log's pseudonyms, while a database with sealed data refuses
 * to start without its key file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/audit.h"
#include "app/keyring.h"
#include "app/vault.h"
#include "base/seal.h"

static struct seal_keyset two_keys(void)
{
	struct seal_keyset ks;
	memset(&ks, 0, sizeof ks);
	ks.n = 2;
	ks.keys[0].id = 1;
	ks.keys[1].id = 7;
	randombytes_buf(ks.keys[0].key, SEAL_KEY_LEN);
	randombytes_buf(ks.keys[1].key, SEAL_KEY_LEN);
	ks.current = 7;
	return ks;
}

static void test_seal_opens_only_in_its_place(void **state)
{
	(void)state;
	struct seal_keyset ks = two_keys();
	struct err e;
	char *plain = NULL;

	err_init(&e);
	char *s = seal_value(&ks, "participant.bsn.12", "123456782", 9, &e);
	assert_non_null(s);
	assert_true(seal_is_sealed(s));
	assert_int_equal(seal_key_id(s), 7);
	assert_null(strstr(s, "123456782"));
	assert_int_equal(seal_open(&ks, "participant.bsn.12", s, &plain, &e), 0);
	assert_string_equal(plain, "123456782");
	free(plain);

	/* two seals of one value differ (random nonce) */
	char *s2 = seal_value(&ks, "participant.bsn.12", "123456782", 9, &e);
	assert_string_not_equal(s, s2);
	free(s2);

	/* moved to another row or column: does not open */
	assert_int_equal(seal_open(&ks, "participant.bsn.13", s, &plain, &e), -1);
	assert_non_null(strstr(e.msg, "does not verify"));
	err_clear(&e);
	assert_int_equal(seal_open(&ks, "participant.health_limits.12", s, &plain, &e), -1);
	err_clear(&e);

	/* altered: does not open */
	size_t n = strlen(s);
	s[n - 3] = s[n - 3] == 'A' ? 'B' : 'A';
	assert_int_equal(seal_open(&ks, "participant.bsn.12", s, &plain, &e), -1);
	err_clear(&e);
	free(s);

	/* under a key the set does not hold */
	ks.current = 1;
	s = seal_value(&ks, "journal.text.3", "rugklachten", 11, &e);
	ks.keys[0].id = 2;
	assert_int_equal(seal_open(&ks, "journal.text.3", s, &plain, &e), -1);
	assert_non_null(strstr(e.msg, "key 1"));
	err_clear(&e);
	free(s);

	/* what is and is not a sealed value */
	assert_false(seal_is_sealed("123456782"));
	assert_false(seal_is_sealed("v1:"));
	assert_false(seal_is_sealed("v1:0:abc"));
	assert_false(seal_is_sealed("v1:x:abc"));
	assert_false(seal_is_sealed(NULL));
	assert_int_equal(seal_open(&ks, "a", "v1:2:@@@", &plain, &e), -1);
	err_release(&e);
}

static void test_keyring_file_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/meedoen-test-keys-XXXXXX", path[128];
	struct keyring k, back;
	struct err e;
	struct stat sb;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/meedoen.key", dir);
	err_init(&e);
	keyring_generate(&k);
	assert_int_equal(keyring_add_data_key(&k, &e), 0);
	assert_int_equal(k.data.current, 2);
	assert_int_equal(keyring_write(&k, path, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(keyring_load(path, &back, &e), 0);
	assert_int_equal(back.data.n, 2);
	assert_int_equal(back.data.current, 2);
	assert_memory_equal(back.data.keys[0].key, k.data.keys[0].key, SEAL_KEY_LEN);
	assert_memory_equal(back.data.keys[1].key, k.data.keys[1].key, SEAL_KEY_LEN);
	assert_memory_equal(back.lookup, k.lookup, SEAL_KEY_LEN);
	assert_memory_equal(back.pseudonym, k.pseudonym, SEAL_KEY_LEN);
	keyring_prune(&k);
	assert_int_equal(k.data.n, 1);
	assert_int_equal(k.data.keys[0].id, 2);

	/* readable by others: refused, naming the mode */
	chmod(path, 0644);
	assert_int_equal(keyring_load(path, &back, &e), -1);
	assert_non_null(strstr(e.msg, "mode 644"));
	err_clear(&e);

	/* a bad line is named */
	FILE *f = fopen(path, "w");
	fputs("version 1\ndata 1 abcd\n", f);
	fclose(f);
	chmod(path, 0600);
	assert_int_equal(keyring_load(path, &back, &e), -1);
	assert_non_null(strstr(e.msg, "line 2"));
	err_clear(&e);

	unlink(path);
	assert_int_equal(keyring_load(path, &back, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	err_clear(&e);

	/* a master key derives the same keys every time */
	struct keyring m1, m2;
	const char *hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
	assert_int_equal(keyring_from_master(hex, &m1, &e), 0);
	assert_int_equal(keyring_from_master(hex, &m2, &e), 0);
	assert_memory_equal(&m1, &m2, sizeof m1);
	assert_int_equal(keyring_from_master("short", &m1, &e), -1);
	err_release(&e);
	rmdir(dir);
}

/* Count occurrences of needle in the bytes of file (0 when absent). */
static int file_has(const char *file, const char *needle)
{
	FILE *f = fopen(file, "rb");
	if (f == NULL)
		return 0;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	size_t got = fread(b, 1, (size_t)n, f);
	fclose(f);
	int hit = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= got; i++)
		if (memcmp(b + i, needle, m) == 0)
			hit++;
	free(b);
	return hit;
}

static void test_legacy_database_is_sealed_on_first_start(void **state)
{
	(void)state;
	char dir[] = "/tmp/meedoen-test-legacy-XXXXXX", db[128], wal[140];
	struct store *st;
	struct err e;
	int applied;
	int64_t pid, jid;
	unsigned char old_key[32];
	char old_hex[65], before[PSEUDONYM_LEN], after[PSEUDONYM_LEN];

	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/meedoen.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", db);
	err_init(&e);

	/* a database as meedoen left it before migration 007: plain values,
	 * the pseudonym key in the setting table, no key check */
	assert_int_equal(store_open(db, &st, &e), 0);
	assert_int_equal(store_migrate(st, &applied, &e), 0);
	json_t *rec = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "family_name", "Oud", "given_names", "Test", "birth_date",
				"1980-01-01", "bsn", "192837465", "health_limits", "Oude klacht: hernia", "target_group",
				"newcomer");
	assert_int_equal(store_participant_insert(st, rec, "2026-01-01T00:00:00Z", &pid, &e), 0);
	json_decref(rec);
	json_t *note = json_pack("{s:s,s:s,s:s,s:s}", "occurred_on", "2026-01-02", "kind", "note", "category", "health",
				 "text", "Oude notitie over de hernia");
	assert_int_equal(store_journal_insert(st, pid, note, 0, "test", "2026-01-02T00:00:00Z", &jid, &e), 0);
	json_decref(note);
	randombytes_buf(old_key, sizeof old_key);
	sodium_bin2hex(old_hex, sizeof old_hex, old_key, sizeof old_key);
	assert_int_equal(store_setting_set(st, "pseudonym_key", old_hex, &e), 0);
	struct app old_app;
	memset(&old_app, 0, sizeof old_app);
	memcpy(old_app.pseudonym_key, old_key, sizeof old_key);
	audit_pseudonym(&old_app, pid, before);
	store_close(st);
	assert_true(file_has(db, "192837465") > 0);

	/* first start with the key file beside it */
	struct keyring_where where;
	struct app app;
	assert_int_equal(keyring_locate(db, NULL, &where, &e), 0);
	assert_int_equal(where.source, KEYRING_FILE);
	assert_non_null(strstr(where.path, "/meedoen.key"));
	assert_int_equal(store_open(db, &st, &e), 0);
	assert_int_equal(store_migrate(st, &applied, &e), 0);
	assert_int_equal(app_init(&app, st, &where, &e), 0);

	/* the pseudonym key moved: same pseudonyms, no setting row left */
	audit_pseudonym(&app, pid, after);
	assert_string_equal(before, after);
	char *v = NULL;
	assert_int_equal(store_setting_get(st, "pseudonym_key", &v, &e), -1);
	err_clear(&e);

	/* the values are sealed, open again in app/, and the BSN hash is set */
	json_t *got = NULL;
	assert_int_equal(store_participant_get(st, pid, &got, &e), 0);
	assert_true(seal_is_sealed(json_string_value(json_object_get(got, "bsn"))));
	assert_true(seal_is_sealed(json_string_value(json_object_get(got, "health_limits"))));
	assert_int_equal(vault_participant_open(&app, got, ~0u, &e), 0);
	assert_string_equal(json_string_value(json_object_get(got, "bsn")), "192837465");
	assert_string_equal(json_string_value(json_object_get(got, "health_limits")), "Oude klacht: hernia");
	json_decref(got);
	char h[SEAL_HASH_LEN];
	int64_t ids[4];
	size_t n = 0;
	vault_bsn_hash(&app, "192837465", h);
	assert_int_equal(store_participant_by_bsn_hash(st, h, ids, 4, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], pid);
	json_t *items = NULL;
	assert_int_equal(store_journal_list(st, pid, &items, &e), 0);
	assert_true(seal_is_sealed(json_string_value(json_object_get(json_array_get(items, 0), "text"))));
	assert_int_equal(vault_journal_open(&app, items, &e), 0);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "text")),
			    "Oude notitie over de hernia");
	json_decref(items);
	app_release(&app);
	store_close(st);

	/* nothing plain is left in the file or its WAL */
	assert_int_equal(file_has(db, "192837465"), 0);
	assert_int_equal(file_has(db, "hernia"), 0);
	assert_int_equal(file_has(wal, "192837465"), 0);
	assert_int_equal(file_has(db, old_hex), 0);

	/* the key file gone: refused, and none made */
	char moved[160];
	snprintf(moved, sizeof moved, "%s.away", where.path);
	assert_int_equal(rename(where.path, moved), 0);
	assert_int_equal(store_open(db, &st, &e), 0);
	assert_int_equal(app_init(&app, st, &where, &e), -1);
	assert_non_null(strstr(e.msg, "is missing, but the database holds data sealed under it"));
	err_clear(&e);
	keyring_wipe(&app.keys);
	app_release(&app);
	struct stat sb;
	assert_int_equal(stat(where.path, &sb), -1);
	store_close(st);

	err_release(&e);
	unlink(moved);
	unlink(db);
	unlink(wal);
	char shm[140];
	snprintf(shm, sizeof shm, "%s-shm", db);
	unlink(shm);
	rmdir(dir);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_opens_only_in_its_place),
		cmocka_unit_test(test_keyring_file_round_trip),
		cmocka_unit_test(test_legacy_database_is_sealed_on_first_start),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
