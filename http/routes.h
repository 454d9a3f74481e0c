/*
 * routes.h - the route table: one row per API route. Adding a route is
 * adding a row in routes.c.
 */
#ifndef MEEDOEN_ROUTES_H
#define MEEDOEN_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "http/request.h"

/* AUTH_SESSION: a full session. AUTH_SETUP: a session, also one that may
 * only set up the second factor its organisation requires (app.h,
 * app_session_setup). */
enum route_auth { AUTH_NONE, AUTH_SESSION, AUTH_SETUP };
enum route_body { BODY_NONE, BODY_JSON, BODY_RAW };

struct route {
	const char *method;
	const char *pattern; /* "/api/participants/:id/links"; ":id" is a positive integer,
			      * ":token" an opaque token the handler reads from hctx.path */
	handler_fn handler;
	enum route_auth auth;
	enum route_body body;
};

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Find the route for method and path; numeric parameters go to id[0..1].
 * On ROUTE_BAD_METHOD, allow (size bytes) lists the allowed methods. */
enum route_match routes_match(const char *method, const char *path, const struct route **out, int64_t id[2],
			      char *allow, size_t size);

#endif
