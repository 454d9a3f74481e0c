/*
 * totp.h - the second factor's pure logic: TOTP codes (RFC 6238: HMAC-SHA1,
 * 30-second steps, 6 digits, computed with Debian's liboath), checking a
 * code with a window of one step either side and refusing a step already
 * used, the otpauth:// URI an authenticator app reads from a QR code, and
 * the shape of recovery codes. No I/O; randomness comes from the caller.
 */
#ifndef MEEDOEN_TOTP_H
#define MEEDOEN_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define TOTP_SECRET_BYTES 20 /* 160 bits, as RFC 4226 recommends */
#define TOTP_SECRET_B32_LEN 33 /* 32 base32 characters and a NUL */
#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
#define RECOVERY_CODE_COUNT 10
#define RECOVERY_RAW_BYTES 7    /* 50 of these 56 bits are used */
#define RECOVERY_CODE_LEN 12    /* "xxxxx-xxxxx" and a NUL */
#define RECOVERY_NORMAL_LEN 11  /* "xxxxxxxxxx" and a NUL */

enum totp_result { TOTP_OK, TOTP_WRONG, TOTP_REUSED };

/* Base32 (RFC 4648 alphabet, upper case, no padding) of in[0..n) into out;
 * -1 when out (size bytes) is too small. */
int totp_base32(const unsigned char *in, size_t n, char *out, size_t size);

/* The code (digits 6..8) of key at Unix time t into out (digits + 1 bytes);
 * -1 on a library error. */
int totp_code(const unsigned char *key, size_t keylen, int64_t t, unsigned digits, char *out);

/* True when s is a 6-digit code (spaces allowed between digit groups). */
bool totp_looks_like_code(const char *s);

/* Check a 6-digit code at time now against the steps now-1, now, now+1.
 * TOTP_OK with *step the matching step when that step is later than
 * last_step; TOTP_REUSED when the code matches only steps not later than
 * last_step (it was used already); TOTP_WRONG otherwise. Compares in
 * constant time. */
enum totp_result totp_check(const unsigned char *key, size_t keylen, int64_t now, const char *code,
			    int64_t last_step, int64_t *step);

/* The provisioning URI "otpauth://totp/ISSUER:USER?secret=...&issuer=ISSUER"
 * (Google Authenticator's key URI format) appended to b. issuer and user
 * are percent-encoded. */
void totp_uri(struct buf *b, const char *issuer, const char *user, const char *secret_b32);

/* A recovery code "xxxxx-xxxxx" (10 base32 letters, lower case) from
 * RECOVERY_RAW_BYTES random bytes. */
void recovery_code_format(const unsigned char raw[RECOVERY_RAW_BYTES], char out[RECOVERY_CODE_LEN]);

/* The canonical form of what a user typed as a recovery code: lower case,
 * spaces and dashes left out, 0 read as o and 1 as l. -1 when it is not
 * 10 base32 letters. */
int recovery_code_normalize(const char *in, char out[RECOVERY_NORMAL_LEN]);

#endif
