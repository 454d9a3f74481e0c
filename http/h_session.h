/*
 * h_session.h - the handlers of logging in with a second factor, the own
 * account's second factor, and the admin's organisation flag and reset
 * (h_session.c). Login, logout and /api/me are in request.h.
 */
#ifndef MEEDOEN_H_SESSION_H
#define MEEDOEN_H_SESSION_H

#include "http/request.h"

int h_login_second_factor(struct hctx *h);
int h_account_second_factor(struct hctx *h);
int h_account_second_factor_setup(struct hctx *h);
int h_account_second_factor_confirm(struct hctx *h);
int h_account_second_factor_disable(struct hctx *h);
int h_user_second_factor_reset(struct hctx *h);
int h_org_update(struct hctx *h);

#endif
