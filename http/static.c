/*
 * static.c - static files: a whitelist of characters, no "..", a content
 * type per extension, strict security headers, and the file handed to
 * libmicrohttpd as a descriptor so it is sent without copying. Under
 * /vendor/ (the npm packages) only what the UI loads is served: the
 * vendor table below, by folder and extension; package.json, lock files,
 * READMEs, sources and every other package answer 404.
 */
#include "http/static.h"
#include "base/buf.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".woff", "font/woff" },
	{ ".ttf", "font/ttf" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".csv", "text/csv; charset=utf-8" },
};

/* What the UI loads from node_modules: the NL Design System CSS (every
 * page links @utrecht/component-library-css/dist/index.css and the
 * design tokens' dist/theme.css; `grep -rn /vendor/ web/`) and any fonts
 * beside them. A page that needs another vendor file adds a row. */
static const struct {
	const char *prefix; /* under /vendor/, ending in '/' */
	const char *ext;
} vendor_files[] = {
	{ "@utrecht/component-library-css/dist/", ".css" },
	{ "@nl-design-system-unstable/voorbeeld-design-tokens/dist/", ".css" },
	{ "@utrecht/component-library-css/dist/", ".woff2" },
	{ "@nl-design-system-unstable/voorbeeld-design-tokens/dist/", ".woff2" },
};

static const char csp[] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
			  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
			  "base-uri 'none'";

static const char *type_for(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

/* Is path (under /vendor/, without that prefix) a file the UI loads? */
static bool vendor_allowed(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	for (size_t i = 0; dot && slash && i < sizeof vendor_files / sizeof vendor_files[0]; i++) {
		size_t n = strlen(vendor_files[i].prefix);
		/* directly in the folder, not below it */
		if (strncmp(path, vendor_files[i].prefix, n) == 0 && slash == path + n - 1 &&
		    strcmp(dot, vendor_files[i].ext) == 0)
			return true;
	}
	return false;
}

static bool path_safe(const char *p)
{
	if (strstr(p, "..") || strstr(p, "//"))
		return false;
	for (; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.' ||
		      c == '-' || c == '_' || c == '@'))
			return false;
	}
	return true;
}

static enum MHD_Result plain(struct MHD_Connection *conn, unsigned status, const char *text, const char *request_id,
			     int *out_status)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(r, "X-Request-Id", request_id);
	*out_status = (int)status;
	enum MHD_Result ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result static_serve(struct MHD_Connection *conn, const char *url, const char *web_dir, const char *vendor_dir,
			     const char *request_id, int *status)
{
	struct buf path;
	const char *type;
	struct stat sb;
	bool vendor = strncmp(url, "/vendor/", 8) == 0;

	if (!path_safe(url) || (vendor && (vendor_dir == NULL || !vendor_allowed(url + 8))) || web_dir == NULL)
		return plain(conn, 404, "niet gevonden\n", request_id, status);
	buf_init(&path, 4096);
	if (vendor)
		buf_printf(&path, "%s/%s", vendor_dir, url + 8);
	else if (strcmp(url, "/") == 0)
		buf_printf(&path, "%s/index.html", web_dir);
	else
		buf_printf(&path, "%s%s", web_dir, url);
	type = type_for(path.data);
	int fd = path.failed || type == NULL ? -1 : open(path.data, O_RDONLY | O_CLOEXEC);
	buf_release(&path);
	if (fd < 0)
		return plain(conn, 404, "niet gevonden\n", request_id, status);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return plain(conn, 404, "niet gevonden\n", request_id, status);
	}
	struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "X-Request-Id", request_id);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", vendor ? "public, max-age=86400" : "no-cache");
	*status = 200;
	enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}
