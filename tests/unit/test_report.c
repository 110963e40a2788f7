/* test_report.c — the reports' text sections per kind, the memo's particulars with each kind's
 * default decision, and a name put inside a sentence with its first letter in lower case (the
 * agreement report's title: "Uppföljning av avtal med X om stödinsatser för barn …"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/report.h"
#include "core/text.h"

#include <string.h>

static void
each_kind_has_its_own_sections(void **state)
{
    (void)state;
    int n;
    const struct report_section_def *defs = report_sections("agreement", &n);
    assert_int_equal(n, agreement_section_count);
    const char *codes[] = {"summary", "preparation", "background", "matter", "value_adds", "views"};
    assert_int_equal(n, 6);
    for (int i = 0; i < n; i++)
        assert_string_equal(defs[i].code, codes[i]);
    assert_ptr_equal(report_sections("annual", &n), annual_sections);
    assert_int_equal(n, annual_section_count);
    /* a section of one kind is no section of the other */
    assert_non_null(report_section_find("agreement", "value_adds"));
    assert_null(report_section_find("annual", "value_adds"));
    assert_null(report_section_find("agreement", "planned"));
    assert_non_null(report_section_find("annual", "planned"));
    assert_string_equal(report_section_find("agreement", "views")->heading,
                        "Förvaltningens synpunkter");
    assert_null(report_section_find("agreement", NULL));
}

static void
an_empty_decision_is_the_kinds_default(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct report_input in = {.case_ref = "SN 2018/0112", .officer = "Sven", .memo_date = ""};
    struct report out = {0};
    struct insyn_err err = {.arena = &a};
    assert_int_equal(report_validate("agreement", &in, &out, &a, &err), 0);
    assert_string_equal(out.proposed_decision, "Ärendet läggs till handlingarna.");
    assert_string_equal(out.committee, "Socialnämnden");
    assert_int_equal(out.memo_date, DATE_NONE);
    assert_int_equal(report_validate("annual", &in, &out, &a, &err), 0);
    assert_string_equal(out.proposed_decision, "att lägga rapporten till handlingarna");
    /* a decision written is kept as written */
    in.proposed_decision = "att godkänna uppföljningen";
    assert_int_equal(report_validate("agreement", &in, &out, &a, &err), 0);
    assert_string_equal(out.proposed_decision, "att godkänna uppföljningen");
    /* a wrong day is a field error */
    in.memo_date = "2018-02-30";
    assert_int_equal(report_validate("agreement", &in, &out, &a, &err), INSYN_EINVAL);
    assert_string_equal(err_field_at(&err, 0)->field, "memo_date");
    arena_free(&a);
}

static void
a_name_inside_a_sentence_starts_in_lower_case(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    assert_string_equal(text_lower_first(&a, "Stödinsatser för barn"), "stödinsatser för barn");
    assert_string_equal(text_lower_first(&a, "Öppenvård"), "öppenvård");
    assert_string_equal(text_lower_first(&a, "Ärenden"), "ärenden");
    assert_string_equal(text_lower_first(&a, "Ålderdom"), "ålderdom");
    assert_string_equal(text_lower_first(&a, "É"), "é");
    assert_string_equal(text_lower_first(&a, "A"), "a");
    /* an abbreviation stays as it is */
    assert_string_equal(text_lower_first(&a, "HVB för vuxna"), "HVB för vuxna");
    assert_string_equal(text_lower_first(&a, "ÖB"), "ÖB");
    assert_string_equal(text_lower_first(&a, "LÖV"), "LÖV");
    /* nothing to lower */
    assert_string_equal(text_lower_first(&a, "kontaktcentrum"), "kontaktcentrum");
    assert_string_equal(text_lower_first(&a, "12 platser"), "12 platser");
    assert_string_equal(text_lower_first(&a, "×2"), "×2"); /* U+00D7 is no letter */
    assert_string_equal(text_lower_first(&a, ""), "");
    assert_string_equal(text_lower_first(&a, NULL), "");
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_kind_has_its_own_sections),
        cmocka_unit_test(an_empty_decision_is_the_kinds_default),
        cmocka_unit_test(a_name_inside_a_sentence_starts_in_lower_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
