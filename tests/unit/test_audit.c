/* test_audit.c — the audit chain's hash and the anchor kept outside the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define HASH "625e603edb3d97525cae030344c2069f51f30ef9adc45cc69be0cc06c4e9cdd4"

static void
the_hash_is_the_documented_one(void **state)
{
    (void)state;
    /* SHA-256 over prev_hash and the fields, each "<byte length>:<bytes>", bytes not characters */
    struct audit_entry e = {.id = 1,
                            .at = "2025-01-01T00:00:00Z",
                            .actor = "system",
                            .action = "create",
                            .entity = "organisation",
                            .entity_id = 7,
                            .before_json = "{}",
                            .after_json = "{\"name\":\"Å AB\"}"};
    snprintf(e.prev_hash, sizeof e.prev_hash, "%s", AUDIT_GENESIS);
    char out[65];
    audit_hash(&e, out);
    assert_string_equal(out, HASH);
    /* a field's bytes moved to its neighbour make another hash */
    e.action = "createo";
    e.entity = "rganisation";
    audit_hash(&e, out);
    assert_string_not_equal(out, HASH);
}

static void
an_anchor_is_a_number_and_a_hash(void **state)
{
    (void)state;
    struct audit_anchor a;
    assert_int_equal(audit_anchor_parse("42:" HASH, &a), 0);
    assert_int_equal(a.id, 42);
    assert_string_equal(a.hash, HASH);
    /* capitals are the same hash, kept in lower case */
    assert_int_equal(audit_anchor_parse(
                         "1:625E603EDB3D97525CAE030344C2069F51F30EF9ADC45CC69BE0CC06C4E9CDD4", &a),
                     0);
    assert_int_equal(a.id, 1);
    assert_string_equal(a.hash, HASH);
    assert_int_equal(audit_anchor_parse("9223372036854775807:" HASH, &a), 0);
    assert_int_equal(a.id, 9223372036854775807LL);
    assert_int_equal(audit_anchor_parse("9223372036854775808:" HASH, &a), -1);
}

static void
anything_else_is_refused(void **state)
{
    (void)state;
    const char *bad[] = {
        NULL,
        "",
        "42",
        "42:",
        ":" HASH,
        "0:" HASH,
        "-1:" HASH,
        "+1:" HASH,
        " 1:" HASH,
        "1 :" HASH,
        "1: " HASH,
        "1:" HASH " ",
        "1:" HASH "0",
        "1:" HASH ":",
        "1.0:" HASH,
        "x:" HASH,
        "99999999999999999999:" HASH,
        "1:625e603edb3d97525cae030344c2069f51f30ef9adc45cc69be0cc06c4e9cdd",
        "1:625e603edb3d97525cae030344c2069f51f30ef9adc45cc69be0cc06c4e9cddg",
        "1:" HASH "\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct audit_anchor a = {.id = 5};
        assert_int_equal(audit_anchor_parse(bad[i], &a), -1);
        assert_int_equal(a.id, 5); /* untouched */
    }
}

int
main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_hash_is_the_documented_one),
        cmocka_unit_test(an_anchor_is_a_number_and_a_hash),
        cmocka_unit_test(anything_else_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
