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
};

struct server;

/* Open one database connection per worker, then start listening. The app
 * must outlive the server. */
int server_start(struct app *app, const struct server_config *cfg, struct server **out, struct err *e);
/* The port actually bound. */
uint16_t server_port(const struct server *srv);
/* Stop accepting, finish running requests, close connections. */
void server_stop(struct server *srv);

#endif
