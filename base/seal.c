/*
 * seal.c - sealed values and lookup hashes (see seal.h).
 */
#include "seal.h"
#include "buf.h"
#include "xmalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONCE_LEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN crypto_aead_xchacha20poly1305_ietf_ABYTES
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* Parse "v1:<id>:" at s; *body points past it. 0 when not sealed. */
static unsigned parse_head(const char *s, const char **body)
{
	unsigned long id = 0;
	const char *p;

	if (s == NULL || strncmp(s, "v1:", 3) != 0)
		return 0;
	p = s + 3;
	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9' && id < 100000000UL)
		id = id * 10 + (unsigned long)(*p++ - '0');
	if (*p != ':' || id >= 100000000UL)
		return 0;
	if (body)
		*body = p + 1;
	return (unsigned)id;
}

bool seal_is_sealed(const char *s)
{
	return parse_head(s, NULL) != 0;
}

unsigned seal_key_id(const char *s)
{
	return parse_head(s, NULL);
}

const struct seal_key *seal_keyset_find(const struct seal_keyset *ks, unsigned id)
{
	for (size_t i = 0; i < ks->n; i++)
		if (ks->keys[i].id == id)
			return &ks->keys[i];
	return NULL;
}

char *seal_value(const struct seal_keyset *ks, const char *ad, const char *plain, size_t n, struct err *e)
{
	const struct seal_key *k = seal_keyset_find(ks, ks->current);
	if (k == NULL) {
		err_set(e, ERR_INTERNAL, "no current data key %u to seal with", ks->current);
		return NULL;
	}
	size_t blen = NONCE_LEN + n + TAG_LEN;
	unsigned char *box = xmalloc(blen);
	unsigned long long clen = 0;
	randombytes_buf(box, NONCE_LEN);
	crypto_aead_xchacha20poly1305_ietf_encrypt(box + NONCE_LEN, &clen, (const unsigned char *)plain, n,
						   (const unsigned char *)ad, strlen(ad), NULL, box, k->key);
	size_t b64len = sodium_base64_ENCODED_LEN(blen, B64);
	char head[24];
	int hn = snprintf(head, sizeof head, "v1:%u:", k->id);
	char *out = xmalloc((size_t)hn + b64len);
	memcpy(out, head, (size_t)hn);
	sodium_bin2base64(out + hn, b64len, box, blen, B64);
	free(box);
	return out;
}

int seal_open(const struct seal_keyset *ks, const char *ad, const char *sealed, char **out, struct err *e)
{
	const char *body;
	unsigned id = parse_head(sealed, &body);
	int rc = -1;

	if (id == 0)
		return err_set(e, ERR_INTERNAL, "%s: not a sealed value", ad);
	const struct seal_key *k = seal_keyset_find(ks, id);
	if (k == NULL)
		return err_set(e, ERR_INTERNAL, "%s: sealed under key %u, which the key file does not hold", ad, id);
	size_t blen = strlen(body), len = 0;
	unsigned char *box = xmalloc(blen + 1);
	if (sodium_base642bin(box, blen + 1, body, blen, NULL, &len, NULL, B64) != 0 || len < NONCE_LEN + TAG_LEN) {
		err_set(e, ERR_INTERNAL, "%s: sealed value is damaged", ad);
		goto out;
	}
	size_t plen = len - NONCE_LEN - TAG_LEN;
	unsigned char *plain = xmalloc(plen + 1);
	unsigned long long got = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &got, NULL, box + NONCE_LEN, len - NONCE_LEN,
						       (const unsigned char *)ad, strlen(ad), box, k->key) != 0) {
		free(plain);
		err_set(e, ERR_INTERNAL, "%s: sealed value does not verify under key %u (altered or moved)", ad, id);
		goto out;
	}
	plain[got] = '\0';
	*out = (char *)plain;
	rc = 0;
out:
	free(box);
	return rc;
}

void seal_hash(const unsigned char key[SEAL_KEY_LEN], const char *s, char out[SEAL_HASH_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), key, SEAL_KEY_LEN);
	sodium_bin2hex(out, SEAL_HASH_LEN, h, sizeof h);
}

void seal_keyset_wipe(struct seal_keyset *ks)
{
	sodium_memzero(ks, sizeof *ks);
}
