/*
 * log_batch.c - the processing-log group commit (see log_batch.h).
 */
#include "store/log_batch.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdlib.h>

struct waiter {
	const struct log_entry *entries;
	size_t n;
	struct waiter *next;
	int status; /* 1 pending, 0 stored, -1 failed */
	char msg[240];
};

struct log_batch {
	struct store *st;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t queued; /* writer waits for work */
	pthread_cond_t done;   /* callers wait for their outcome */
	struct waiter *head, *tail;
	bool stopping;
};

static void settle(struct waiter *w, int status, const char *msg)
{
	for (; w; w = w->next) {
		w->status = status;
		str_copy(w->msg, sizeof w->msg, msg);
	}
}

static void *writer(void *arg)
{
	struct log_batch *b = arg;
	struct err e;

	err_init(&e);
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (b->head == NULL && !b->stopping)
			pthread_cond_wait(&b->queued, &b->lock);
		if (b->head == NULL && b->stopping)
			break;
		struct waiter *batch = b->head;
		b->head = b->tail = NULL;
		pthread_mutex_unlock(&b->lock);

		err_clear(&e);
		int rc = store_begin(b->st, &e);
		for (struct waiter *w = batch; rc == 0 && w; w = w->next)
			for (size_t i = 0; rc == 0 && i < w->n; i++)
				rc = store_log_append(b->st, &w->entries[i], &e);
		if (rc == 0)
			rc = store_commit(b->st, &e);
		else
			store_rollback(b->st);

		pthread_mutex_lock(&b->lock);
		settle(batch, rc == 0 ? 0 : -1, e.msg);
		pthread_cond_broadcast(&b->done);
	}
	pthread_mutex_unlock(&b->lock);
	err_release(&e);
	return NULL;
}

int log_batch_start(const char *db_path, pthread_mutex_t *write_lock, struct log_batch **out, struct err *e)
{
	struct log_batch *b = xcalloc(1, sizeof *b);

	if (store_open(db_path, &b->st, e) != 0) {
		free(b);
		return -1;
	}
	store_share_write_lock(b->st, write_lock);
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->queued, NULL);
	pthread_cond_init(&b->done, NULL);
	if (pthread_create(&b->thread, NULL, writer, b) != 0) {
		store_close(b->st);
		free(b);
		return err_set(e, ERR_INTERNAL, "cannot start the processing-log writer");
	}
	*out = b;
	return 0;
}

int log_batch_append(struct log_batch *b, const struct log_entry *x, size_t n, struct err *e)
{
	struct waiter w = { .entries = x, .n = n, .status = 1 };

	pthread_mutex_lock(&b->lock);
	if (b->tail)
		b->tail->next = &w;
	else
		b->head = &w;
	b->tail = &w;
	pthread_cond_signal(&b->queued);
	while (w.status == 1)
		pthread_cond_wait(&b->done, &b->lock);
	pthread_mutex_unlock(&b->lock);
	if (w.status != 0)
		return err_set(e, ERR_INTERNAL, "%s", w.msg[0] ? w.msg : "processing log not written");
	return 0;
}

void log_batch_stop(struct log_batch *b)
{
	if (b == NULL)
		return;
	pthread_mutex_lock(&b->lock);
	b->stopping = true;
	pthread_cond_signal(&b->queued);
	pthread_mutex_unlock(&b->lock);
	pthread_join(b->thread, NULL);
	store_close(b->st);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->queued);
	pthread_cond_destroy(&b->done);
	free(b);
}
