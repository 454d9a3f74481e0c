/*
 * cmd_key.c - `meedoen key rotate`: a new data key, and every sealed value
 * resealed under it in batches (app/vault.h vault_reseal), resumable after
 * a crash. The key file is rewritten atomically at the start (new key
 * current, old ones kept) and at the end (old ones dropped).
 */
#include "cli/cli.h"
#include "app/vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void help_key(void)
{
	puts("usage: meedoen [--db PATH] [--key-file PATH] key rotate [--batch N]\n\n"
	     "Make a new data key current and reseal every BSN, health limit and health note under\n"
	     "it, N values per transaction (default 500). The old key stays in the key file until\n"
	     "every value is resealed, then it is removed. If a rotation stops half-way (a crash,\n"
	     "a full disk), run `key rotate` again: it finishes that rotation instead of starting\n"
	     "another. It refuses to start while another meedoen process (a running server) uses\n"
	     "the key file, and nothing can start on the keys while it runs. Keys from $MEEDOEN_KEY or a systemd credential are not rotated\n"
	     "here: replace them (docs/operations.md).");
}

static int key_rotate(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "batch", required_argument, NULL, 'b' }, { NULL, 0, NULL, 0 } };
	long batch = 500, stop_after = 0, done = 0;
	bool finished = false;
	int o;
	struct err e;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 'b')
			return cli_usage("key", "unknown option");
		char *end;
		batch = strtol(optarg, &end, 10);
		if (*end || batch < 1 || batch > 100000)
			return cli_usage("key", "--batch \"%s\" must be 1..100000", optarg);
	}
	if (optind < argc)
		return cli_usage("key", "unexpected argument \"%s\"", argv[optind]);
	/* a test hook: stop after this many batches, as a crash would */
	const char *hook = getenv("MEEDOEN_ROTATE_STOP_AFTER");
	if (hook && *hook)
		stop_after = strtol(hook, NULL, 10);
	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	struct keyring *k = &c->app.keys;
	if (c->keys.source != KEYRING_FILE || !c->keys.writable) {
		err_set(&e, ERR_BAD_REQUEST, "key rotate needs a key file meedoen may write; keys from %s are replaced "
					     "by hand (docs/operations.md)",
			c->keys.source == KEYRING_MASTER ? "$MEEDOEN_KEY" : "a systemd credential");
		goto fail;
	}
	if (keyring_lock(c->keys.path, true, &c->app.key_lock, &e) != 0)
		goto fail;
	if (k->data.n > 1) {
		printf("resuming the rotation to data key %u\n", k->data.current);
	} else {
		if (keyring_add_data_key(k, &e) != 0 || keyring_write(k, c->keys.path, &e) != 0)
			goto fail;
		printf("data key %u is current; resealing\n", k->data.current);
	}
	fflush(stdout);
	if (vault_reseal(&c->ctx, (int)batch, stop_after, &done, &finished, &e) != 0)
		goto fail;
	if (!finished) {
		printf("stopped after %ld batches (MEEDOEN_ROTATE_STOP_AFTER) with %ld values resealed; run "
		       "`meedoen key rotate` again to finish\n",
		       stop_after, done);
		err_release(&e);
		return EXIT_USER;
	}
	keyring_prune(k);
	if (keyring_write(k, c->keys.path, &e) != 0)
		goto fail;
	printf("%ld values resealed under data key %u; older data keys removed from %s\n", done, k->data.current,
	       c->keys.path);
	err_release(&e);
	return 0;
fail:;
	int rc = cli_fail(&e);
	err_release(&e);
	return rc;
}

int cmd_key(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("key", "expected a subcommand: rotate");
	if (strcmp(argv[1], "rotate") == 0)
		return key_rotate(c, argc - 1, argv + 1);
	return cli_usage("key", "unknown subcommand \"%s\" (expected rotate)", argv[1]);
}
