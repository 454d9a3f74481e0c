/*
 * static.h - serving the web UI's static files and the NL Design System
 * CSS from node_modules.
 */
#ifndef MEEDOEN_STATIC_H
#define MEEDOEN_STATIC_H

#include <microhttpd.h>

/* Answer GET url from web_dir ("/" is index.html) or, for "/vendor/...",
 * from vendor_dir, but only the files the UI loads (the vendor table in
 * static.c). Unknown files get 404; paths with ".." or odd characters are
 * refused (a NUL in the target is refused before, in server.c). *status is
 * set to what was sent. */
enum MHD_Result static_serve(struct MHD_Connection *conn, const char *url, const char *web_dir,
			     const char *vendor_dir, const char *request_id, int *status);

#endif
