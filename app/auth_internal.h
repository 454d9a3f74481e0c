/*
 * auth_internal.h - what auth.c (passwords, sessions, throttling) and
 * second_factor.c (TOTP and recovery codes) share. Not for other files.
 */
#ifndef MEEDOEN_AUTH_INTERNAL_H
#define MEEDOEN_AUTH_INTERNAL_H

#include "app/app.h"

/* The login guard's tables (app.h struct app), made by app_init and
 * freed by app_release. */
struct login_guard *login_guard_new(void);
void login_guard_free(struct login_guard *g);

/* ERR_THROTTLED (with retry_after) while account u is backing off after
 * failed passwords or codes; 0 otherwise. */
int auth_account_wait(const struct user_row *u, int64_t now_ms, struct err *e);
/* Count a failed password or code against account u. */
int auth_account_failed(struct app_ctx *ctx, const struct user_row *u, int64_t now_ms, struct err *e);

/* Check code (a TOTP code or a recovery code) for user u and take it, so
 * it does not work twice: 0 when good, -1 with ERR_UNAUTHORIZED when not. */
int second_factor_verify(struct app_ctx *ctx, const struct user_row *u, const char *code, struct err *e);

#endif
