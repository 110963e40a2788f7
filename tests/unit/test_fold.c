/* test_fold.c — lower case for searching: Swedish letters fold as ASCII does, nothing else
 * changes, and a broken or cut UTF-8 sequence passes through untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fold.h"

#include <string.h>

static const char *
fold(const char *s)
{
    static char out[256];
    text_fold(s, strlen(s) + 1, out);
    return out;
}

static void
swedish_letters_fold(void **state)
{
    (void)state;
    assert_string_equal(fold("ÅKERSBERGA Ängsgården ÖREBRO"), "åkersberga ängsgården örebro");
    assert_string_equal(fold("ÉÜÆØ"), "éüæø");
    assert_string_equal(fold("ŁÓDŹ ŠKODA Ŷ Ÿ"), "łódź škoda ŷ ÿ");
}

static void
other_text_is_kept(void **state)
{
    (void)state;
    assert_string_equal(fold("åäö 12 × 3 ß – €"), "åäö 12 × 3 ß – €");
    assert_string_equal(fold("556677-8899 %_\\"), "556677-8899 %_\\");
}

static void
broken_utf8_passes_through(void **state)
{
    (void)state;
    const char cut[] = {'A', (char)0xC3, '\0'};                    /* a lead byte at the end */
    const char stray[] = {(char)0xC3, 'B', (char)0x85, 'C', '\0'}; /* no continuation */
    char out[8];
    text_fold(cut, sizeof cut, out);
    assert_memory_equal(out, ((const char[]){'a', (char)0xC3, '\0'}), sizeof cut);
    text_fold(stray, sizeof stray, out);
    assert_memory_equal(out, ((const char[]){(char)0xC3, 'b', (char)0x85, 'c', '\0'}),
                        sizeof stray);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(swedish_letters_fold),
        cmocka_unit_test(other_text_is_kept),
        cmocka_unit_test(broken_utf8_passes_through),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
