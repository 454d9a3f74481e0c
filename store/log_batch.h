/*
 * log_batch.h - group commit for the processing log. Reads of personal
 * data each owe one log entry, and a commit per read makes every read a
 * write transaction. A batcher owns one connection and one thread: callers
 * hand it an entry and wait; it stores whatever has queued up in one
 * transaction and wakes each caller with the outcome. The caller still
 * learns whether its entry was stored, so a failed log write still fails
 * the read. The batcher's connection writes its own segment of the log's
 * hash chain, its last seq and hash kept in memory by store_log_append
 * (store/store_log.c), so a batch costs no extra query for the chain.
 */
#ifndef MEEDOEN_LOG_BATCH_H
#define MEEDOEN_LOG_BATCH_H

#include <pthread.h>

#include "store/store.h"

struct log_batch;

/* Open a connection to db_path and start the writer thread. write_lock is
 * the lock the other connections of the process write under (or NULL). */
int log_batch_start(const char *db_path, pthread_mutex_t *write_lock, struct log_batch **out, struct err *e);

/* Queue the n entries x[0..n) and wait until they are committed together
 * (0) or failed (-1 with e). They must stay valid until it returns. */
int log_batch_append(struct log_batch *b, const struct log_entry *x, size_t n, struct err *e);

/* Store what is queued, stop the thread and close the connection. */
void log_batch_stop(struct log_batch *b);

#endif
