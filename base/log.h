/*
 * log.h - operational log lines on stderr ("2026-11-22T10:00:00.000Z info
 * message"). Not the processing log of personal data, which lives in the
 * database (see app/audit.h).
 */
#ifndef MEEDOEN_LOG_H
#define MEEDOEN_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
