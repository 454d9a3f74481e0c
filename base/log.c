/*
 * log.c - one line per call, written with a single write so lines from
 * server threads do not interleave.
 */
#include "log.h"
#include "clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static void emit(const char *level, const char *fmt, va_list ap)
{
	char line[2048], ts[TIMESTAMP_LEN];

	clock_format_ms(clock_now_ms(), ts);
	int n = snprintf(line, sizeof line, "%s %s ", ts, level);
	if (n < 0)
		return;
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, len);
	(void)w;
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("info", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("error", fmt, ap);
	va_end(ap);
}
