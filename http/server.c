/*
 * server.c - the HTTP server: libmicrohttpd with an internal thread pool,
 * one database connection per worker (a small pool), the request
 * lifecycle (collect the body within its limit, resolve the session, call
 * the route's handler, answer), the access log and the static UI.
 *
 * libmicrohttpd calls the access handler several times per request: the
 * first call only sets up our per-request state, later calls bring body
 * data, the last one (no more data) answers. Answering on the first call
 * would make libmicrohttpd 0.9.75 drop keep-alive (see STYLE.md), so only
 * a request we refuse and close is answered there: ambiguous framing, a
 * declared body over the limit, a NUL in the path, headers that took too
 * long (guard.c). A cross-site request (guard_check_site) is refused in
 * dispatch before the session is resolved or a handler runs; its body is
 * not even kept.
 */
#include "http/http.h"
#include "http/guard.h"
#include "http/request.h"
#include "http/routes.h"
#include "http/static.h"
#include "store/log_batch.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/utf8.h"
#include "base/xmalloc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct server {
	struct MHD_Daemon *daemon;
	struct app *app;
	struct server_config cfg;
	uint16_t port;
	/* pool of database connections, which take turns at writing */
	pthread_mutex_t write_lock;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct store **stores;
	struct log_batch *log_batch;
	unsigned nstores;
	unsigned nfree;
};

struct request {
	struct arena *arena;
	const char *method;
	const char *path;
	int64_t started_ms;
	char request_id[33];
	const struct route *route;
	enum route_match match;
	int64_t id[2];
	char allow[64];
	struct buf body;
	size_t limit;
	bool too_large;
	int status;
	bool begun;             /* the access handler has seen this request */
	bool close;             /* answer with Connection: close, and close */
	bool refused;           /* refusal says why; answered before any handler */
	struct err refusal;
	const char *refused_as; /* for the access log: "framing", "cross-site", "timeout" */
	int64_t body_started_ms;
	uintptr_t version_at;   /* where the target's first NUL ends (see on_uri) */
	long long length;       /* the declared Content-Length, or -1 (chunked, none) */
	size_t received;        /* body bytes so far */
	bool late;              /* the body's deadline passed with its last bytes */
};

/* ---- store pool ---- */

static struct store *pool_take(struct server *srv)
{
	pthread_mutex_lock(&srv->lock);
	while (srv->nfree == 0)
		pthread_cond_wait(&srv->cond, &srv->lock);
	struct store *st = srv->stores[--srv->nfree];
	pthread_mutex_unlock(&srv->lock);
	return st;
}

static void pool_give(struct server *srv, struct store *st)
{
	pthread_mutex_lock(&srv->lock);
	srv->stores[srv->nfree++] = st;
	pthread_cond_signal(&srv->cond);
	pthread_mutex_unlock(&srv->lock);
}

/* ---- request helpers for handlers ---- */

const char *query(struct hctx *h, const char *name)
{
	return MHD_lookup_connection_value(h->conn, MHD_GET_ARGUMENT_KIND, name);
}

int query_int(struct hctx *h, const char *name, int def, int *out)
{
	const char *v = query(h, name);
	*out = def;
	if (v == NULL || *v == '\0')
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end != '\0' || n < -1000000000L || n > 1000000000L)
		return err_field(h->e, name, "\"%.20s\" is not a whole number", v);
	*out = (int)n;
	return 0;
}

int query_id(struct hctx *h, const char *name, int64_t *out)
{
	int v;
	if (query_int(h, name, 0, &v) != 0)
		return -1;
	if (v < 0)
		return err_field(h->e, name, "must be a positive number");
	*out = v;
	return 0;
}

const char *query_text(struct hctx *h, const char *name)
{
	const char *v = query(h, name);
	return v && *v ? v : NULL;
}

const char *session_cookie(struct hctx *h)
{
	return MHD_lookup_connection_value(h->conn, MHD_COOKIE_KIND, "meedoen_session");
}

/* Join every X-Forwarded-For header's value, in order, with commas. */
static enum MHD_Result xff_collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct buf *b = cls;
	(void)kind;
	if (strcasecmp(key, "X-Forwarded-For") == 0 && value) {
		if (b->len)
			buf_putc(b, ',');
		buf_puts(b, value);
	}
	return MHD_YES;
}

void client_address(struct hctx *h, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(h->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char peer[NETADDR_TEXT_LEN] = "-";
	str_copy(out, size, "-");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, peer, sizeof peer);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, peer, sizeof peer);
	/* X-Forwarded-For counts only when a configured proxy sent it */
	const struct netaddr_set *trusted = h->ctx && h->ctx->app ? &h->ctx->app->trusted_proxies : NULL;
	if (trusted == NULL || !netaddr_set_has(trusted, peer)) {
		str_copy(out, size, peer);
		return;
	}
	struct buf xff;
	buf_init(&xff, 8192);
	MHD_get_connection_values(h->conn, MHD_HEADER_KIND, xff_collect, &xff);
	netaddr_client(trusted, peer, xff.failed ? NULL : xff.data, out, size);
	buf_release(&xff);
}

/* ---- answers ---- */

static void common_headers(struct MHD_Response *r, const struct request *req)
{
	MHD_add_response_header(r, "X-Request-Id", req->request_id);
	if (req->close)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
}

static enum MHD_Result answer_json(struct MHD_Connection *conn, struct request *req, int status, json_t *body,
				   const char *content_type, const char *cookie, int retry_after, const char *allow)
{
	struct MHD_Response *r;
	if (body) {
		size_t len = json_dumpb(body, NULL, 0, JSON_COMPACT);
		char *text = xmalloc(len + 1);
		json_dumpb(body, text, len, JSON_COMPACT);
		r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(r, "Content-Type", content_type);
	} else {
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	common_headers(r, req);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (cookie && *cookie)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	if (retry_after > 0) {
		char ra[24];
		snprintf(ra, sizeof ra, "%d", retry_after);
		MHD_add_response_header(r, "Retry-After", ra);
	}
	if (allow && *allow)
		MHD_add_response_header(r, "Allow", allow);
	req->status = status;
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Answer with the handler's non-JSON body (h->raw_out, taken over). */
static enum MHD_Result answer_raw(struct MHD_Connection *conn, struct request *req, int status, struct hctx *h)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(h->raw_out_len, h->raw_out, MHD_RESPMEM_MUST_FREE);
	h->raw_out = NULL;
	MHD_add_response_header(r, "Content-Type", h->raw_type ? h->raw_type : "application/octet-stream");
	if (h->filename[0]) {
		char disposition[160];
		snprintf(disposition, sizeof disposition, "%s; filename=\"%s\"", h->inline_body ? "inline" : "attachment",
			 h->filename);
		MHD_add_response_header(r, "Content-Disposition", disposition);
	}
	common_headers(r, req);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	req->status = status;
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

static const char *title_for(enum err_kind k)
{
	switch (k) {
	case ERR_INVALID: return "invalid input";
	case ERR_BAD_REQUEST: return "bad request";
	case ERR_UNAUTHORIZED: return "not logged in";
	case ERR_FORBIDDEN: return "not allowed";
	case ERR_NOT_FOUND: return "not found";
	case ERR_CONFLICT: return "conflict";
	case ERR_TOO_LARGE: return "request body too large";
	case ERR_UNSUPPORTED: return "unsupported media type";
	case ERR_THROTTLED: return "too many requests";
	default: return "internal error";
	}
}

static enum MHD_Result answer_problem(struct MHD_Connection *conn, struct request *req, const struct err *e,
				      const char *cookie, json_t *extra)
{
	enum err_kind k = e->kind == ERR_NONE ? ERR_INTERNAL : e->kind;
	int status = err_http_status(k);
	json_t *errors = json_array();
	for (size_t i = 0; i < e->nfields; i++)
		json_array_append_new(errors, json_pack("{s:s,s:s}", "field", e->fields[i].field, "reason",
							e->fields[i].reason));
	const char *detail = e->msg[0] ? e->msg : title_for(k);
	if (k == ERR_INTERNAL) {
		log_error("request %s: %s", req->request_id, e->msg);
		detail = "something went wrong on the server; the request id identifies it in the log";
	} else if (e->nfields > 1) {
		detail = NULL;
	}
	json_t *p = json_pack("{s:s,s:s,s:i,s:s,s:o}", "type", "about:blank", "title", title_for(k), "status", status,
			      "request_id", req->request_id, "errors", errors);
	if (detail)
		json_object_set_new(p, "detail", json_string(detail));
	else
		json_object_set_new(p, "detail", json_sprintf("%zu fields are invalid", e->nfields));
	if (json_is_object(extra))
		json_object_update(p, extra); /* e.g. an import report: its errors carry line numbers */
	enum MHD_Result r = answer_json(conn, req, status, p, "application/problem+json", cookie, e->retry_after,
					k == ERR_INVALID ? NULL : req->allow);
	json_decref(p);
	return r;
}

/* ---- the access handler ---- */

static bool content_type_is(const char *ct, const char *want)
{
	if (ct == NULL)
		return false;
	size_t n = strlen(want);
	return strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int parse_json_body(struct hctx *h, struct request *req)
{
	if (!content_type_is(h->content_type, "application/json"))
		return err_set(h->e, ERR_UNSUPPORTED, "send the body as Content-Type: application/json");
	if (req->body.len == 0) {
		err_field(h->e, "body", "is empty: a JSON object is expected");
		h->e->kind = ERR_BAD_REQUEST;
		return -1;
	}
	if (!utf8_valid(req->body.data, req->body.len, NULL))
		return err_field(h->e, "body", "is not valid UTF-8"), h->e->kind = ERR_BAD_REQUEST, -1;
	json_error_t je;
	h->body = json_loadb(req->body.data, req->body.len, JSON_REJECT_DUPLICATES, &je);
	if (h->body == NULL) {
		err_field(h->e, "body", "malformed JSON at line %d, column %d: %s", je.line, je.column, je.text);
		h->e->kind = ERR_BAD_REQUEST;
		return -1;
	}
	if (!json_is_object(h->body)) {
		err_field(h->e, "body", "must be a JSON object");
		h->e->kind = ERR_BAD_REQUEST;
		return -1;
	}
	return 0;
}

static enum MHD_Result dispatch(struct server *srv, struct MHD_Connection *conn, struct request *req)
{
	struct err e;
	struct app_ctx ctx;
	struct hctx h = { .conn = conn, .e = &e, .ctx = &ctx };
	enum MHD_Result ret;

	err_init(&e);
	if (req->refused) {
		/* before the session and the handler: a refused request changes nothing */
		ret = answer_problem(conn, req, &req->refusal, NULL, NULL);
		err_release(&e);
		return ret;
	}
	if (req->too_large) {
		err_set(&e, ERR_TOO_LARGE, "the request body is larger than %zu bytes", req->limit);
		err_field(&e, "body", "is larger than the limit of %zu bytes", req->limit);
		e.kind = ERR_TOO_LARGE;
		ret = answer_problem(conn, req, &e, NULL, NULL);
		err_release(&e);
		return ret;
	}
	if (req->match == ROUTE_NOT_FOUND) {
		err_set(&e, ERR_NOT_FOUND, "no such resource");
		ret = answer_problem(conn, req, &e, NULL, NULL);
		err_release(&e);
		return ret;
	}
	if (req->match == ROUTE_BAD_METHOD) {
		err_set(&e, ERR_NOT_FOUND, "method not allowed here; allowed: %s", req->allow);
		json_t *p = json_pack("{s:s,s:s,s:i,s:s,s:s,s:[]}", "type", "about:blank", "title", "method not allowed",
				      "status", 405, "detail", e.msg, "request_id", req->request_id, "errors");
		ret = answer_json(conn, req, 405, p, "application/problem+json", NULL, 0, req->allow);
		json_decref(p);
		err_release(&e);
		return ret;
	}

	struct store *st = pool_take(srv);
	app_ctx_init(&ctx, srv->app, st, req->request_id);
	app_ctx_traceparent(&ctx, MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "traceparent"));
	h.id[0] = req->id[0];
	h.id[1] = req->id[1];
	h.path = req->path;
	h.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	int rc = 0;
	if (req->route->auth == AUTH_SESSION)
		rc = app_session(&ctx, session_cookie(&h), &e);
	else if (req->route->auth == AUTH_SETUP)
		rc = app_session_setup(&ctx, session_cookie(&h), &e);
	if (rc == 0 && req->route->body == BODY_JSON)
		rc = parse_json_body(&h, req);
	if (rc == 0 && req->route->body == BODY_RAW) {
		h.raw = req->body.data ? req->body.data : "";
		h.raw_len = req->body.len;
	}
	if (rc == 0)
		rc = req->route->handler(&h);
	pool_give(srv, st);

	if (rc == 0 && h.raw_out)
		ret = answer_raw(conn, req, h.status ? h.status : 200, &h);
	else if (rc == 0)
		ret = answer_json(conn, req, h.status ? h.status : 200, h.out, "application/json", h.set_cookie, 0, NULL);
	else
		ret = answer_problem(conn, req, &e, h.set_cookie, h.out);
	free(h.raw_out);
	sodium_memzero(h.set_cookie, sizeof h.set_cookie);
	json_decref(h.out);
	json_decref(h.body);
	err_release(&e);
	return ret;
}

static void new_request_id(struct MHD_Connection *conn, char out[33])
{
	const char *given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");
	if (given && strlen(given) == 32 && strspn(given, "0123456789abcdef") == 32) {
		str_copy(out, 33, given);
		return;
	}
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 33, raw, sizeof raw);
}

static unsigned timeout_or(unsigned v, unsigned def)
{
	return v ? v : def;
}

/* libmicrohttpd's URI log callback: called with the request target as the
 * client sent it (before percent-decoding, query included), before the
 * headers are read. The request starts here, so the header deadline counts
 * from the request line and a %00 is seen before decoding hides it. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct request *req = xcalloc(1, sizeof *req);
	(void)cls;
	(void)conn;
	req->arena = arena_new();
	req->started_ms = clock_now_ms();
	err_init(&req->refusal);
	/* libmicrohttpd hands over the target as a C string cut at its first
	 * NUL, in place in the request line "METHOD TARGET\0VERSION": the
	 * version string starts right after that NUL unless the target itself
	 * holds a NUL byte. The first call compares the addresses. */
	req->version_at = (uintptr_t)(uri + strlen(uri) + 1);
	if (guard_check_target(uri, strlen(uri), &req->refusal) != 0) {
		req->refused = true;
		req->refused_as = "path";
	}
	return req;
}

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *name, const char *value)
{
	(void)kind;
	guard_header_seen(cls, name, value ? value : "");
	return MHD_YES;
}

/* A declared body over the limit: answer 413 at once, or read it first?
 * Answered at once, the connection is closed with body bytes unread, and
 * the kernel's reset then wipes the answer from the client's buffers
 * before it reads it (measured: 28 of 30 two-megabyte uploads over
 * loopback saw EPIPE, not the 413). So a body at most HTTP_DRAIN_LIMIT
 * over the limit is read and dropped and the 413 comes after it, where
 * every client reads it; a larger one, or one whose client waits for
 * "100 Continue" before sending, is answered at once. */
static bool drain_too_large(struct MHD_Connection *conn, struct request *req)
{
	const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
	if (expect && strcasecmp(expect, "100-continue") == 0)
		return false;
	return req->length >= 0 && (unsigned long long)req->length <= (unsigned long long)req->limit + HTTP_DRAIN_LIMIT;
}

/* The checks of the first call (the headers are in): the framing, the
 * path, the header deadline. Returns true when the request is refused;
 * refusal and status are set. */
static bool refuse_early(struct server *srv, struct MHD_Connection *conn, struct request *req, const char *version)
{
	struct guard_framing g = { 0 };
	unsigned header_timeout = timeout_or(srv->cfg.header_timeout, HTTP_HEADER_TIMEOUT);

	if (req->refused)
		return true; /* the path */
	if (req->version_at != (uintptr_t)version) {
		guard_check_target("\0", 1, &req->refusal);
		req->refused_as = "path";
		return req->refused = true;
	}
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &g);
	if (guard_check_framing(&g, strcmp(version, MHD_HTTP_VERSION_1_0) == 0, req->limit, &req->refusal) != 0) {
		req->length = g.length;
		if (req->refusal.kind == ERR_TOO_LARGE && drain_too_large(conn, req)) {
			/* read and drop the body, answer 413 after it */
			err_clear(&req->refusal);
			req->too_large = true;
			return false;
		}
		req->refused_as = "framing";
		return req->refused = true;
	}
	req->length = g.length;
	if (clock_now_ms() - req->started_ms > (int64_t)header_timeout * 1000) {
		req->refused_as = "timeout";
		return req->refused = true;
	}
	return false;
}

/* 408, and close: the request took longer than its deadline. */
static enum MHD_Result answer_timeout(struct MHD_Connection *conn, struct request *req, const char *what, unsigned secs)
{
	char detail[160];
	snprintf(detail, sizeof detail, "the %s did not arrive within %u seconds", what, secs);
	json_t *p = json_pack("{s:s,s:s,s:i,s:s,s:s,s:[]}", "type", "about:blank", "title", "request timeout", "status",
			      408, "detail", detail, "request_id", req->request_id, "errors");
	req->close = true;
	req->refused_as = "timeout";
	enum MHD_Result ret = answer_json(conn, req, 408, p, "application/problem+json", NULL, 0, NULL);
	json_decref(p);
	return ret;
}

/* The cross-site check (guard_check_site) for a matched route. */
static void check_site(struct server *srv, struct MHD_Connection *conn, struct request *req)
{
	struct guard_site site = {
		.method = req->method,
		.origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin"),
		.sec_fetch_site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site"),
		.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
		.upload = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, GUARD_UPLOAD_HEADER),
		.host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
		.public_origin = srv->cfg.origin,
		.secure = srv->app->secure_cookies,
		.upload_route = req->route->body == BODY_RAW,
	};
	if (guard_check_site(&site, &req->refusal) != 0) {
		req->refused = true;
		req->refused_as = "cross-site";
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct request *req = *con_cls;
	unsigned body_timeout = timeout_or(srv->cfg.body_timeout, HTTP_BODY_TIMEOUT);

	if (req == NULL) /* the URI log callback makes it; this is a safety net */
		*con_cls = req = on_uri(srv, url, conn);
	if (!req->begun) {
		req->begun = true;
		req->method = arena_strdup(req->arena, method);
		req->path = arena_strndup(req->arena, url, strnlen(url, 200));
		new_request_id(conn, req->request_id);
		req->match = routes_match(method, url, &req->route, req->id, req->allow, sizeof req->allow);
		req->limit = req->match == ROUTE_FOUND && req->route->body == BODY_RAW ? srv->cfg.upload_limit
										     : srv->cfg.json_limit;
		buf_init(&req->body, req->limit);
		if (refuse_early(srv, conn, req, version)) {
			/* answered on the first call: libmicrohttpd reads no body
			 * and closes the connection after the answer */
			req->close = true;
			if (strcmp(req->refused_as, "timeout") == 0)
				return answer_timeout(conn, req, "request headers",
						      timeout_or(srv->cfg.header_timeout, HTTP_HEADER_TIMEOUT));
			return answer_problem(conn, req, &req->refusal, NULL, NULL);
		}
		if (req->match == ROUTE_FOUND)
			check_site(srv, conn, req);
		req->body_started_ms = clock_now_ms();
		return MHD_YES;
	}
	if (*upload_data_size) {
		req->received += *upload_data_size;
		if (clock_now_ms() - req->body_started_ms > (int64_t)body_timeout * 1000) {
			/* too slow. libmicrohttpd cannot answer in the middle of a
			 * body: when these are its last bytes the last call answers
			 * 408, else the connection is closed without an answer */
			req->late = true;
			if (req->length < 0 || req->received < (unsigned long long)req->length) {
				req->status = 408;
				req->refused_as = "timeout";
				return MHD_NO;
			}
		}
		if ((req->too_large || req->refused) && req->received > req->limit + HTTP_DRAIN_LIMIT)
			return MHD_NO; /* a body far over the limit, or refused: stop reading */
		if (!req->too_large && !req->refused && !req->late) {
			buf_append(&req->body, upload_data, *upload_data_size);
			if (req->body.failed) {
				req->too_large = true;
				buf_release(&req->body);
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (req->late)
		return answer_timeout(conn, req, "request body", body_timeout);
	if (req->match == ROUTE_NOT_FOUND && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
	    strncmp(url, "/api/", 5) != 0) {
		int status = 0;
		enum MHD_Result r = static_serve(conn, url, srv->cfg.web_dir, srv->cfg.vendor_dir, req->request_id,
						 &status);
		req->status = status;
		return r;
	}
	return dispatch(srv, conn, req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct request *req = *con_cls;

	if (req == NULL)
		return;
	if (!srv->cfg.quiet && !req->begun) {
		/* the headers never came in full (closed, timed out, or refused by
		 * libmicrohttpd itself) */
		log_info("http - - %d %lldms incomplete", toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408 : 0,
			 (long long)(clock_now_ms() - req->started_ms));
	} else if (!srv->cfg.quiet) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS);
		int status = req->status ? req->status : (ci ? (int)ci->http_status : 0);
		log_info("http %s %s %d %lldms request_id=%s%s%s", req->method, req->path, status,
			 (long long)(clock_now_ms() - req->started_ms), req->request_id,
			 req->refused_as ? " refused=" : "", req->refused_as ? req->refused_as : "");
	}
	err_release(&req->refusal);
	buf_release(&req->body);
	arena_free(req->arena);
	free(req);
	*con_cls = NULL;
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	(void)cls;
	vsnprintf(line, sizeof line, fmt, ap);
	size_t n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = '\0';
	log_error("libmicrohttpd: %s", line);
}

int server_start(struct app *app, const struct server_config *cfg, struct server **out, struct err *e)
{
	struct server *srv = xcalloc(1, sizeof *srv);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(cfg->port) };

	srv->app = app;
	srv->cfg = *cfg;
	if (cfg->origin && guard_origin_valid(cfg->origin, e) != 0) {
		free(srv);
		return -1;
	}
	if (srv->cfg.threads == 0)
		srv->cfg.threads = 4;
	if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
		free(srv);
		return err_field(e, "listen", "\"%s\" is not an IPv4 address", cfg->host);
	}
	pthread_mutex_init(&srv->lock, NULL);
	pthread_mutex_init(&srv->write_lock, NULL);
	pthread_cond_init(&srv->cond, NULL);
	srv->stores = xcalloc(srv->cfg.threads, sizeof *srv->stores);
	for (unsigned i = 0; i < srv->cfg.threads; i++) {
		if (store_open(cfg->db_path, &srv->stores[i], e) != 0)
			goto out_stop;
		store_share_write_lock(srv->stores[i], &srv->write_lock);
		srv->nstores++;
		srv->nfree++;
	}
	if (log_batch_start(cfg->db_path, &srv->write_lock, &srv->log_batch, e) != 0)
		goto out_stop;
	app->log_batch = srv->log_batch;
	srv->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		/* a pool of one is the internal polling thread alone */
		MHD_OPTION_THREAD_POOL_SIZE, srv->cfg.threads > 1 ? srv->cfg.threads : 0,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_CONNECTION_TIMEOUT, timeout_or(cfg->idle_timeout, HTTP_IDLE_TIMEOUT),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_END);
	if (srv->daemon == NULL) {
		err_set(e, ERR_INTERNAL, "cannot listen on %s:%u (in use, or not allowed)", cfg->host, cfg->port);
		goto out_stop;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : cfg->port;
	*out = srv;
	return 0;
out_stop:
	server_stop(srv);
	return -1;
}

uint16_t server_port(const struct server *srv)
{
	return srv->port;
}

void server_stop(struct server *srv)
{
	if (srv == NULL)
		return;
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	if (srv->log_batch) {
		srv->app->log_batch = NULL;
		log_batch_stop(srv->log_batch);
	}
	for (unsigned i = 0; i < srv->nstores; i++)
		store_close(srv->stores[i]);
	free(srv->stores);
	pthread_mutex_destroy(&srv->lock);
	pthread_mutex_destroy(&srv->write_lock);
	pthread_cond_destroy(&srv->cond);
	free(srv);
}
