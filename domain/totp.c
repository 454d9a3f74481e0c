/*
 * totp.c - TOTP codes and recovery codes; see totp.h. The HMAC and the
 * dynamic truncation are liboath's (oath_totp_generate); the window, the
 * reuse rule and the constant-time comparison are ours.
 */
#include "domain/totp.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <string.h>

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char B32_LOWER[] = "abcdefghijklmnopqrstuvwxyz234567";

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static void oath_start(void)
{
	oath_init();
}

int totp_base32(const unsigned char *in, size_t n, char *out, size_t size)
{
	size_t need = (n * 8 + 4) / 5;
	if (size < need + 1)
		return -1;
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = B32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = B32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return 0;
}

int totp_code(const unsigned char *key, size_t keylen, int64_t t, unsigned digits, char *out)
{
	pthread_once(&oath_once, oath_start);
	if (digits < 6 || digits > 8 || t < 0)
		return -1;
	int rc = oath_totp_generate((const char *)key, keylen, (time_t)t, TOTP_STEP_S, 0, digits, out);
	return rc == OATH_OK ? 0 : -1;
}

/* The code without spaces into out (7 bytes); false when it is not 6 digits. */
static bool code_digits(const char *s, char out[TOTP_DIGITS + 1])
{
	size_t n = 0;
	if (s == NULL)
		return false;
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (*s < '0' || *s > '9' || n == TOTP_DIGITS)
			return false;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n == TOTP_DIGITS;
}

bool totp_looks_like_code(const char *s)
{
	char d[TOTP_DIGITS + 1];
	return code_digits(s, d);
}

enum totp_result totp_check(const unsigned char *key, size_t keylen, int64_t now, const char *code,
			    int64_t last_step, int64_t *step)
{
	char want[TOTP_DIGITS + 1], got[TOTP_DIGITS + 1];
	enum totp_result result = TOTP_WRONG;

	if (!code_digits(code, got) || now < TOTP_STEP_S)
		return TOTP_WRONG;
	int64_t current = now / TOTP_STEP_S;
	/* look at every step of the window, whatever matched, so the time
	 * taken does not depend on the code */
	for (int64_t s = current - 1; s <= current + 1; s++) {
		if (totp_code(key, keylen, s * TOTP_STEP_S, TOTP_DIGITS, want) != 0)
			continue;
		unsigned diff = 0;
		for (int i = 0; i < TOTP_DIGITS; i++)
			diff |= (unsigned)(want[i] ^ got[i]);
		if (diff != 0)
			continue;
		if (s > last_step && result != TOTP_OK) {
			result = TOTP_OK;
			*step = s;
		} else if (result == TOTP_WRONG) {
			result = TOTP_REUSED;
		}
	}
	memset(want, 0, sizeof want);
	return result;
}

static void put_encoded(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

void totp_uri(struct buf *b, const char *issuer, const char *user, const char *secret_b32)
{
	buf_puts(b, "otpauth://totp/");
	put_encoded(b, issuer);
	buf_putc(b, ':');
	put_encoded(b, user);
	buf_puts(b, "?secret=");
	buf_puts(b, secret_b32);
	buf_puts(b, "&issuer=");
	put_encoded(b, issuer);
}

void recovery_code_format(const unsigned char raw[RECOVERY_RAW_BYTES], char out[RECOVERY_CODE_LEN])
{
	uint64_t v = 0;
	for (int i = 0; i < RECOVERY_RAW_BYTES; i++)
		v = (v << 8) | raw[i];
	size_t o = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 5)
			out[o++] = '-';
		out[o++] = B32_LOWER[(v >> (5 * i)) & 31];
	}
	out[o] = '\0';
}

int recovery_code_normalize(const char *in, char out[RECOVERY_NORMAL_LEN])
{
	size_t n = 0;
	if (in == NULL)
		return -1;
	for (; *in; in++) {
		char c = *in;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == '0')
			c = 'o';
		else if (c == '1')
			c = 'l';
		if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')) || n == RECOVERY_NORMAL_LEN - 1)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == RECOVERY_NORMAL_LEN - 1 ? 0 : -1;
}
