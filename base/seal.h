/*
 * seal.h - authenticated encryption of single text values under a set of
 * numbered keys, and keyed hashes for looking values up without storing
 * them. A sealed value is text, so it fits the column the plain value
 * lived in:
 *
 *     v1:<key id>:<base64url of nonce || ciphertext || tag>
 *
 * with libsodium's XChaCha20-Poly1305 (IETF) and a random 24-byte nonce.
 * The caller names where the value lives (table, column, row) as the
 * associated data, so a sealed value copied to another row or column does
 * not open. Pure: knows nothing of meedoen, does no I/O.
 *
 * It lives in base/ because it is general plumbing over libsodium (which
 * base/ already uses); which values are sealed, under which names, and who
 * may open them is decided in app/ (app/vault.c), and where keys come from
 * in app/keyring.c.
 */
#ifndef MEEDOEN_SEAL_H
#define MEEDOEN_SEAL_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define SEAL_KEY_LEN 32
#define SEAL_MAX_KEYS 8
#define SEAL_HASH_LEN 65 /* 32 bytes as hex, plus NUL */

struct seal_key {
	unsigned id; /* 1 and up */
	unsigned char key[SEAL_KEY_LEN];
};

/* The data keys by id; `current` seals, every key opens. */
struct seal_keyset {
	struct seal_key keys[SEAL_MAX_KEYS];
	size_t n;
	unsigned current;
};

/* True when s has the form of a sealed value (does not check the key). */
bool seal_is_sealed(const char *s);

/* The key id of a sealed value; 0 when s is not sealed. */
unsigned seal_key_id(const char *s);

/* The key with `id`, or NULL. */
const struct seal_key *seal_keyset_find(const struct seal_keyset *ks, unsigned id);

/* Seal plain[0..n) under the current key with associated data `ad`.
 * Returns a new string (free it), or NULL with e filled when the set has
 * no current key. */
char *seal_value(const struct seal_keyset *ks, const char *ad, const char *plain, size_t n, struct err *e);

/* Open a sealed value with associated data `ad`: *out is a new
 * NUL-terminated string (free it after wiping). Errors: not a sealed
 * value, no key with its id, or the value was altered or belongs to
 * another place (the tag does not verify). */
int seal_open(const struct seal_keyset *ks, const char *ad, const char *sealed, char **out, struct err *e);

/* Keyed BLAKE2b-256 of s as lowercase hex, for lookups. */
void seal_hash(const unsigned char key[SEAL_KEY_LEN], const char *s, char out[SEAL_HASH_LEN]);

/* Wipe every key in the set. */
void seal_keyset_wipe(struct seal_keyset *ks);

#endif
