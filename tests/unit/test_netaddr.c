/*
 * test_netaddr.c - the trusted-proxy list and the client address taken
 * from X-Forwarded-For only behind a trusted proxy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/netaddr.h"

static void test_parse(void **state)
{
	(void)state;
	struct netaddr_set s;
	struct err e;
	err_init(&e);
	assert_int_equal(netaddr_set_parse("10.0.0.1, 192.168.0.0/16,::1,fd00::/8", &s, &e), 0);
	assert_int_equal(s.n, 4);
	assert_true(netaddr_set_has(&s, "10.0.0.1"));
	assert_false(netaddr_set_has(&s, "10.0.0.2"));
	assert_true(netaddr_set_has(&s, "192.168.44.7"));
	assert_false(netaddr_set_has(&s, "192.169.0.1"));
	assert_true(netaddr_set_has(&s, "::1"));
	assert_true(netaddr_set_has(&s, "fd12:3456::9"));
	assert_true(netaddr_set_has(&s, "::ffff:10.0.0.1")); /* IPv4-mapped */
	assert_false(netaddr_set_has(&s, "garbage"));
	assert_int_equal(netaddr_set_parse("", &s, &e), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(netaddr_set_parse(NULL, &s, &e), 0);
	const char *bad[] = { "10.0.0", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/x", "host.example", "::1/129" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_init(&e);
		assert_int_equal(netaddr_set_parse(bad[i], &s, &e), -1);
		assert_int_equal(e.nfields, 1);
		assert_non_null(strstr(e.fields[0].reason, "is not an IP address or network"));
		err_release(&e);
	}
	err_release(&e);
}

static void test_client(void **state)
{
	(void)state;
	struct netaddr_set s;
	struct err e;
	char out[NETADDR_TEXT_LEN];
	err_init(&e);
	assert_int_equal(netaddr_set_parse("127.0.0.2,10.1.0.0/16", &s, &e), 0);
	/* an untrusted peer's header counts for nothing */
	netaddr_client(&s, "127.0.0.1", "6.6.6.6", out, sizeof out);
	assert_string_equal(out, "127.0.0.1");
	/* a trusted peer: the right-most address not trusted */
	netaddr_client(&s, "127.0.0.2", "6.6.6.6, 203.0.113.9", out, sizeof out);
	assert_string_equal(out, "203.0.113.9");
	netaddr_client(&s, "127.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.2.3", out, sizeof out);
	assert_string_equal(out, "203.0.113.9");
	/* garbage stops the walk at the last trusted hop */
	netaddr_client(&s, "127.0.0.2", "6.6.6.6, evil, 10.1.2.3", out, sizeof out);
	assert_string_equal(out, "10.1.2.3");
	netaddr_client(&s, "127.0.0.2", "not-an-address", out, sizeof out);
	assert_string_equal(out, "127.0.0.2");
	netaddr_client(&s, "127.0.0.2", NULL, out, sizeof out);
	assert_string_equal(out, "127.0.0.2");
	netaddr_client(&s, "127.0.0.2", "2001:db8::1", out, sizeof out);
	assert_string_equal(out, "2001:db8::1");
	/* no trusted proxies: always the peer */
	struct netaddr_set none = { 0 };
	netaddr_client(&none, "127.0.0.2", "6.6.6.6", out, sizeof out);
	assert_string_equal(out, "127.0.0.2");
	err_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_parse), cmocka_unit_test(test_client) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
