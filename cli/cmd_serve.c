/*
 * cmd_serve.c - `meedoen serve`: apply migrations, start the HTTP server,
 * print the URL, and stop cleanly on SIGINT or SIGTERM.
 */
#include "cli/cli.h"
#include "http/http.h"
#include "http/guard.h"
#include "base/log.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void help_serve(void)
{
	puts("usage: meedoen [--db PATH] serve [--listen HOST:PORT] [--web DIR] [--vendor DIR]\n"
	     "                                [--threads N] [--quiet] [--secure-cookies] [--origin URL]\n"
	     "                                [--idle-timeout S] [--header-timeout S] [--body-timeout S]\n"
	     "                                [--trusted-proxy ADDR[,ADDR...]]\n\n"
	     "Serve the web UI and the HTTP API (docs/api.md). Defaults: --listen 127.0.0.1:8080,\n"
	     "--web web (or $MEEDOEN_WEB), --vendor node_modules (or $MEEDOEN_VENDOR), --threads 4.\n"
	     "Port 0 picks a free port. --quiet leaves out the access log. --secure-cookies (or\n"
	     "MEEDOEN_SECURE_COOKIES=1) marks the session cookie Secure: use it when a TLS proxy\n"
	     "serves meedoen over https. --origin (or $MEEDOEN_ORIGIN) is the public origin the\n"
	     "browser sees, e.g. https://meedoen.example.nl: a state-changing request whose Origin\n"
	     "differs is refused (default: http:// or, with secure cookies, https:// and the Host\n"
	     "header). Timeouts in seconds (docs/operations.md): a connection silent for\n"
	     "--idle-timeout (15) is closed; headers must arrive within --header-timeout (10) of\n"
	     "the request line and a body within --body-timeout (120), else 408.\n"
	     "--trusted-proxy (or $MEEDOEN_TRUSTED_PROXIES) names the proxies (addresses or\n"
	     "networks, e.g. 10.0.0.5,fd00::/8) whose X-Forwarded-For names the client; from any\n"
	     "other peer the header is ignored.");
}

static int parse_listen(const char *v, char *host, size_t size, uint16_t *port)
{
	const char *colon = strrchr(v, ':');
	if (colon == NULL || colon == v || (size_t)(colon - v) >= size)
		return -1;
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || p < 0 || p > 65535)
		return -1;
	memcpy(host, v, (size_t)(colon - v));
	host[colon - v] = '\0';
	*port = (uint16_t)p;
	return 0;
}

static int parse_seconds(const char *v, unsigned *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < 1 || n > 3600)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);
	return v && *v ? v : def;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "listen", required_argument, NULL, 'l' },
					      { "web", required_argument, NULL, 'w' },
					      { "vendor", required_argument, NULL, 'v' },
					      { "threads", required_argument, NULL, 't' },
					      { "quiet", no_argument, NULL, 'q' },
					      { "secure-cookies", no_argument, NULL, 's' },
					      { "origin", required_argument, NULL, 'o' },
					      { "idle-timeout", required_argument, NULL, 'I' },
					      { "header-timeout", required_argument, NULL, 'H' },
					      { "body-timeout", required_argument, NULL, 'B' },
					      { "trusted-proxy", required_argument, NULL, 'p' },
					      { NULL, 0, NULL, 0 } };
	char host[64] = "127.0.0.1";
	struct server_config cfg = {
		.host = host,
		.port = 8080,
		.web_dir = env_or("MEEDOEN_WEB", "web"),
		.vendor_dir = env_or("MEEDOEN_VENDOR", "node_modules"),
		.threads = 4,
		.json_limit = 1 << 20,
		.upload_limit = 64 << 20,
		.origin = env_or("MEEDOEN_ORIGIN", NULL),
	};
	char origin[256];
	int o;
	bool secure = getenv("MEEDOEN_SECURE_COOKIES") && strcmp(getenv("MEEDOEN_SECURE_COOKIES"), "1") == 0;
	const char *proxies = getenv("MEEDOEN_TRUSTED_PROXIES");
	struct netaddr_set trusted = { 0 };
	struct server *srv = NULL;
	struct err e;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'l':
			if (parse_listen(optarg, host, sizeof host, &cfg.port) != 0)
				return cli_usage("serve", "--listen \"%s\" must be HOST:PORT", optarg);
			break;
		case 'w': cfg.web_dir = optarg; break;
		case 'v': cfg.vendor_dir = optarg; break;
		case 't': {
			char *end;
			long t = strtol(optarg, &end, 10);
			if (*end || t < 1 || t > 64)
				return cli_usage("serve", "--threads \"%s\" must be 1..64", optarg);
			cfg.threads = (unsigned)t;
			break;
		}
		case 'q': cfg.quiet = true; break;
		case 's': secure = true; break;
		case 'o': cfg.origin = optarg; break;
		case 'I':
		case 'H':
		case 'B': {
			unsigned secs;
			if (parse_seconds(optarg, &secs) != 0)
				return cli_usage("serve", "--%s \"%s\" must be 1..3600 seconds",
						 o == 'I' ? "idle-timeout" : o == 'H' ? "header-timeout" : "body-timeout",
						 optarg);
			*(o == 'I' ? &cfg.idle_timeout : o == 'H' ? &cfg.header_timeout : &cfg.body_timeout) = secs;
			break;
		}
		case 'p': proxies = optarg; break;
		default: return cli_usage("serve", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("serve", "unexpected argument \"%s\"", argv[optind]);
	if (cfg.origin) {
		/* one trailing slash is forgiven: "https://host/" is the origin "https://host" */
		size_t n = strlen(cfg.origin);
		if (n >= sizeof origin)
			return cli_usage("serve", "--origin is longer than %zu characters", sizeof origin - 1);
		memcpy(origin, cfg.origin, n + 1);
		if (n > 8 && origin[n - 1] == '/')
			origin[n - 1] = '\0';
		cfg.origin = origin;
		err_init(&e);
		if (guard_origin_valid(cfg.origin, &e) != 0) {
			int rc = cli_usage("serve", "--origin %s", e.nfields ? e.fields[0].reason : e.msg);
			err_release(&e);
			return rc;
		}
		err_release(&e);
	}
	err_init(&e);
	if (netaddr_set_parse(proxies, &trusted, &e) != 0) {
		int rc = cli_usage("serve", "--trusted-proxy: %s", e.nfields ? e.fields[0].reason : e.msg);
		err_release(&e);
		return rc;
	}
	err_release(&e);
	struct stat sb;
	if (stat(cfg.web_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "meedoen: web UI folder \"%s\" not found (use --web DIR)\n", cfg.web_dir);
		return EXIT_USER;
	}
	cfg.db_path = c->db_path;
	if (cli_open(c) != 0)
		return EXIT_USER;
	c->app.secure_cookies = secure;
	c->app.trusted_proxies = trusted;

	/* block the stop signals in every thread; this one waits for them */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	err_init(&e);
	if (server_start(&c->app, &cfg, &srv, &e) != 0) {
		int rc = cli_fail(&e);
		err_release(&e);
		return rc;
	}
	printf("meedoen serving %s on http://%s:%u/\n", c->db_path, host, server_port(srv));
	fflush(stdout);
	log_info("listening on %s:%u with %u threads", host, server_port(srv), cfg.threads);
	int sig;
	sigwait(&stop, &sig);
	log_info("stopping on signal %d", sig);
	server_stop(srv);
	err_release(&e);
	return 0;
}
