/*
 * http.h - the HTTP face: a libmicrohttpd server with a thread pool, a
 * route table (routes.c) mapping method and path to thin handlers that
 * call app/, JSON in and out, errors as application/problem+json, and the
 * static web UI.
 */
#ifndef MEEDOEN_HTTP_H
#define MEEDOEN_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

struct server_config {
	const char *host;       /* "127.0.0.1" */
	uint16_t port;          /* 0 picks a free port */
	const char *db_path;
	const char *web_dir;    /* static UI files */
	const char *vendor_dir; /* node_modules, served under /vendor/ */
	unsigned threads;
	size_t json_limit;      /* bytes */
	size_t upload_limit;    /* bytes, for imports */
	bool quiet;             /* no access log */
	const char *origin;     /* public origin ("https://meedoen.example.nl") behind a
				 * TLS proxy; NULL: http(s):// and the Host header */
	unsigned idle_timeout;  /* seconds without a byte from the client before the
				 * connection is closed; 0: HTTP_IDLE_TIMEOUT */
	unsigned header_timeout; /* seconds from the request line to the end of the
				  * headers (else 408); 0: HTTP_HEADER_TIMEOUT */
	unsigned body_timeout;  /* seconds to receive the body (else 408 or the
				 * connection closed); 0: HTTP_BODY_TIMEOUT */
};

/* Default timeouts, in seconds (docs/operations.md, "Slow clients"). */
#define HTTP_IDLE_TIMEOUT 15
#define HTTP_HEADER_TIMEOUT 10
#define HTTP_BODY_TIMEOUT 120
/* A body at most this much over its limit is read and dropped before the
 * 413, so the client can read it; a larger one is answered at once and
 * the connection closed (server.c, drain_too_large). */
#define HTTP_DRAIN_LIMIT ((size_t)8 << 20)

struct server;

/* Open one database connection per worker, then start listening. The app
 * must outlive the server. */
int server_start(struct app *app, const struct server_config *cfg, struct server **out, struct err *e);
/* The port actually bound. */
uint16_t server_port(const struct server *srv);
/* Stop accepting, finish running requests, close connections. */
void server_stop(struct server *srv);

#endif
