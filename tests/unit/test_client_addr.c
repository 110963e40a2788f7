/* test_client_addr.c — client addresses: one way of writing each, X-Forwarded-For's last hop,
 * and IPv6 counted by /64. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/client_addr.h"

static void
parses_ipv4_and_ipv6_to_one_form(void **state)
{
    (void)state;
    char out[CLIENT_ADDR_MAX];
    assert_int_equal(client_addr_parse("192.0.2.1", out), 0);
    assert_string_equal(out, "192.0.2.1");
    assert_int_equal(client_addr_parse("2001:DB8:0:0::1", out), 0);
    assert_string_equal(out, "2001:db8::1");
    /* an IPv4 client on a dual-stack socket is the same client */
    assert_int_equal(client_addr_parse("::ffff:192.0.2.1", out), 0);
    assert_string_equal(out, "192.0.2.1");
}

static void
refuses_what_is_not_an_address(void **state)
{
    (void)state;
    char out[CLIENT_ADDR_MAX];
    const char *bad[] = {"",
                         "localhost",
                         "192.0.2",
                         "192.0.2.1.5",
                         "192.0.2.256",
                         " 192.0.2.1",
                         "192.0.2.1:80",
                         "2001:db8::1::2",
                         "unknown",
                         "1234567890123456789012345678901234567890123456789"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(client_addr_parse(bad[i], out), -1);
        assert_string_equal(out, "");
    }
    assert_int_equal(client_addr_parse(NULL, out), -1);
}

static void
takes_the_last_forwarded_hop(void **state)
{
    (void)state;
    char out[CLIENT_ADDR_MAX];
    assert_int_equal(client_addr_forwarded_last("198.51.100.7", out), 0);
    assert_string_equal(out, "198.51.100.7");
    /* what the client wrote comes first; the proxy's hop is last */
    assert_int_equal(client_addr_forwarded_last("203.0.113.9, 10.0.0.1,198.51.100.7 ", out), 0);
    assert_string_equal(out, "198.51.100.7");
    assert_int_equal(client_addr_forwarded_last("203.0.113.9, 2001:db8::7", out), 0);
    assert_string_equal(out, "2001:db8::7");
    /* ports and brackets, as some proxies write them */
    assert_int_equal(client_addr_forwarded_last("198.51.100.7:51234", out), 0);
    assert_string_equal(out, "198.51.100.7");
    assert_int_equal(client_addr_forwarded_last("[2001:db8::7]:443", out), 0);
    assert_string_equal(out, "2001:db8::7");
    assert_int_equal(client_addr_forwarded_last("[2001:db8::7]", out), 0);
    assert_string_equal(out, "2001:db8::7");
}

static void
refuses_a_bad_last_hop(void **state)
{
    (void)state;
    char out[CLIENT_ADDR_MAX];
    const char *bad[] = {"",
                         "198.51.100.7, ",
                         "198.51.100.7, unknown",
                         "[2001:db8::7",
                         "[2001:db8::7]x",
                         "198.51.100.7:80:80",
                         "_hidden"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(client_addr_forwarded_last(bad[i], out), -1);
    assert_int_equal(client_addr_forwarded_last(NULL, out), -1);
}

static void
counts_ipv6_by_its_64_network(void **state)
{
    (void)state;
    char out[CLIENT_ADDR_MAX + 4];
    client_addr_key("192.0.2.1", out);
    assert_string_equal(out, "192.0.2.1");
    client_addr_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", out);
    assert_string_equal(out, "2001:db8:1:2::/64");
    client_addr_key("2001:db8:1:2::1", out);
    assert_string_equal(out, "2001:db8:1:2::/64");
    client_addr_key("::1", out);
    assert_string_equal(out, "::/64");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_ipv4_and_ipv6_to_one_form),
        cmocka_unit_test(refuses_what_is_not_an_address),
        cmocka_unit_test(takes_the_last_forwarded_hop),
        cmocka_unit_test(refuses_a_bad_last_hop),
        cmocka_unit_test(counts_ipv6_by_its_64_network),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
