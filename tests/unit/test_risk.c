/* test_risk.c — the risk indicator: each factor with its weight and source, the score as their
 * sum, the cap, the windows, and nothing when there is nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/risk.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

static const struct risk_factor *
find(const struct risk *r, const char *factor, const char *source)
{
    for (int i = 0; i < r->n_factors; i++)
        if (strcmp(r->factors[i].factor, factor) == 0 &&
            (!source || strcmp(r->factors[i].source, source) == 0))
            return &r->factors[i];
    return NULL;
}

static int
sum(const struct risk *r)
{
    int s = 0;
    for (int i = 0; i < r->n_factors; i++)
        s += r->factors[i].weight;
    return s;
}

static void
nothing_is_score_zero_without_factors(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct risk_facts f = {.organisation_id = 1, .name = "Lugna AB", .org_nr = "5560000001"};
    struct risk r;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.score, 0);
    assert_int_equal(r.n_factors, 0);
    assert_string_equal(r.level, "low");
    assert_string_equal(r.level_label, "låg");
    arena_free(&a);
}

static void
every_factor_has_its_weight_and_source(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct risk_signal signals[] = {
        {1, d("2026-10-03"), "staff_competence", 0, ""},
        {2, d("2026-11-01"), "maltreatment_allegation", 1, "deviation"},
    };
    struct risk_credit credits[] = {
        {10, "creditsafe", d("2026-09-01"), 35, 40, 0},
        {11, "uc", d("2026-09-02"), 2, 3, 0},
    };
    struct risk_tax taxes[] = {{12, d("2026-08-01"), 0, 0, 1, 1, 1234500}};
    struct risk_ivo ivo[] = {
        {13, "inspection_decision", d("2026-05-12"), "IVO 3.5.1-1234"},
        {14, "lex_sarah", d("2026-04-01"), ""},
        {15, "complaint", d("2026-03-01"), ""},
    };
    struct risk_investigation inv[] = {{20, "event_driven", d("2026-11-10")}};
    struct risk_sanction sanctions[] = {
        {30, 7, "warning", d("2026-11-20"), "SN 2025/12"},
        {31, 7, "penalty", d("2026-11-21"), "SN 2025/12"},
        {32, 7, "price_reduction", d("2026-11-22"), ""},
        {33, 7, "correction_request", d("2026-11-23"), ""},
    };
    struct risk_facts f = {
        .organisation_id = 4,
        .signals = signals,
        .n_signals = 2,
        .credits = credits,
        .n_credits = 2,
        .taxes = taxes,
        .n_taxes = 1,
        .ivo = ivo,
        .n_ivo = 3,
        .investigations = inv,
        .n_investigations = 1,
        .sanctions = sanctions,
        .n_sanctions = 4,
    };
    struct risk r;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    const struct risk_factor *x;
    assert_non_null(x = find(&r, "signal", "Signal 2026-10-03: Brist i personalens kompetens"));
    assert_int_equal(x->weight, 5);
    assert_string_equal(x->label, "Signal");
    assert_string_equal(x->link, "/signaler/1");
    assert_non_null(x = find(&r, "serious_signal",
                             "Allvarlig signal 2026-11-01: Anklagelse om missförhållanden"));
    assert_int_equal(x->weight, 20);
    assert_non_null(x = find(&r, "credit_failed", "Creditsafe 2026-09-01: 35 (gräns 40)"));
    assert_int_equal(x->weight, 25);
    assert_string_equal(x->link, "/utforare/4/kontroller");
    assert_non_null(x = find(&r, "credit_failed", "UC 2026-09-02: riskklass 2 (gräns 3)"));
    assert_non_null(
        x = find(&r, "tax_failed",
                 "Skatteverket och Kronofogden 2026-08-01: F-skatt saknas, skuld hos Kronofogden "
                 "12 345 kr"));
    assert_int_equal(x->weight, 25);
    assert_non_null(
        x = find(&r, "ivo_inspection_decision", "IVO tillsynsbeslut 2026-05-12, IVO 3.5.1-1234"));
    assert_int_equal(x->weight, 10);
    assert_non_null(x = find(&r, "ivo_lex_sarah", "IVO Lex Sarah-anmälan 2026-04-01"));
    assert_int_equal(x->weight, 10);
    assert_non_null(x = find(&r, "ivo_complaint", "IVO klagomål 2026-03-01"));
    assert_int_equal(x->weight, 5);
    assert_non_null(
        x = find(&r, "open_investigation", "Händelsestyrd uppföljning inledd 2026-11-10"));
    assert_int_equal(x->weight, 10);
    assert_string_equal(x->link, "/utredningar/20");
    assert_non_null(x = find(&r, "sanction_warning", "Varning 2026-11-20, avtal SN 2025/12"));
    assert_int_equal(x->weight, 15);
    assert_string_equal(x->link, "/avtal/7");
    assert_non_null(x = find(&r, "sanction_penalty", NULL));
    assert_int_equal(x->weight, 15);
    assert_non_null(x = find(&r, "sanction_price_reduction", "Prisavdrag 2026-11-22"));
    assert_int_equal(x->weight, 10);
    assert_non_null(x = find(&r, "sanction_correction_request", NULL));
    assert_int_equal(x->weight, 5);
    assert_int_equal(r.n_factors, 13);
    /* 180 points, capped */
    assert_int_equal(r.sum, sum(&r));
    assert_int_equal(r.sum, 5 + 20 + 25 + 25 + 25 + 10 + 10 + 5 + 10 + 15 + 15 + 10 + 5);
    assert_int_equal(r.score, 100);
    assert_string_equal(r.level, "high");
    /* heaviest first */
    for (int i = 1; i < r.n_factors; i++)
        assert_true(r.factors[i - 1].weight >= r.factors[i].weight);
    arena_free(&a);
}

static void
the_score_is_the_sum_and_sets_the_level(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct risk_signal signals[] = {
        {1, d("2026-10-03"), "staff_competence", 0, ""},
        {2, d("2026-10-04"), "other", 0, "individual_case"},
        {3, d("2026-10-05"), "other", 0, "escalated"},
    };
    struct risk_facts f = {.organisation_id = 1, .signals = signals, .n_signals = 3};
    struct risk r;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.n_factors, 3);
    assert_int_equal(r.score, 15);
    assert_string_equal(r.level_label, "låg");
    struct risk_sanction s[] = {{30, 7, "termination", d("2026-11-20"), ""}};
    f.sanctions = s;
    f.n_sanctions = 1;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.score, 45);
    assert_int_equal(r.sum, 45);
    assert_string_equal(r.level, "elevated");
    assert_string_equal(r.level_label, "förhöjd");
    assert_string_equal(r.factors[0].factor, "sanction_termination");
    assert_int_equal(r.factors[0].weight, 30);
    s[0].kind = "rescission";
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.factors[0].weight, 30);
    /* the edges of the levels */
    const char *label;
    assert_string_equal(risk_level(19, &label), "low");
    assert_string_equal(risk_level(20, &label), "elevated");
    assert_string_equal(risk_level(49, &label), "elevated");
    assert_string_equal(risk_level(50, &label), "high");
    arena_free(&a);
}

static void
the_score_is_capped_at_one_hundred(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct risk_ivo ivo[] = {{13, "permit_revoked", d("2026-05-12"), "IVO 9"}};
    struct risk_facts f = {.organisation_id = 1,
                           .ivo = ivo,
                           .n_ivo = 1,
                           .bankruptcy_id = 5,
                           .bankrupt_on = d("2026-06-01")};
    struct risk r;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.sum, 90);
    assert_int_equal(r.score, 90);
    assert_non_null(find(&r, "bankruptcy", "Konkurs 2026-06-01"));
    assert_int_equal(find(&r, "ivo_permit_revoked", NULL)->weight, 40);
    struct risk_signal sg[] = {{1, d("2026-06-01"), "bankruptcy", 1, ""}};
    f.signals = sg;
    f.n_signals = 1;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.sum, 110);
    assert_int_equal(r.score, 100);
    arena_free(&a);
}

static void
what_lies_outside_the_windows_does_not_count(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct risk_signal signals[] = {
        {1, d("2025-12-01"), "other", 1, ""},          /* exactly 12 months ago: outside */
        {2, d("2025-12-02"), "other", 0, ""},          /* inside */
        {3, d("2026-11-01"), "other", 1, "no_action"}, /* found to need no action */
        {4, d("2026-12-02"), "other", 0, ""},          /* after today */
    };
    struct risk_ivo ivo[] = {{13, "complaint", d("2024-12-01"), ""},
                             {14, "complaint", d("2024-12-02"), ""}};
    struct risk_sanction s[] = {{30, 7, "warning", d("2024-11-30"), ""}};
    struct risk_facts f = {.organisation_id = 1,
                           .signals = signals,
                           .n_signals = 4,
                           .ivo = ivo,
                           .n_ivo = 2,
                           .sanctions = s,
                           .n_sanctions = 1};
    struct risk r;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.n_factors, 2);
    assert_non_null(find(&r, "signal", "Signal 2025-12-02: Annat"));
    assert_non_null(find(&r, "ivo_complaint", "IVO klagomål 2024-12-02"));
    assert_int_equal(r.score, 10);
    arena_free(&a);
}

static void
only_the_latest_check_of_each_bureau_counts(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct risk_credit credits[] = {
        {10, "creditsafe", d("2026-03-01"), 20, 40, 0}, /* failed, but a later one passed */
        {11, "creditsafe", d("2026-09-01"), 60, 40, 1},
        {12, "uc", d("2026-09-01"), 4, 3, 1},
        {13, "uc", d("2026-10-01"), 1, 3, 0}, /* the latest failed */
    };
    struct risk_tax taxes[] = {{20, d("2026-01-01"), 0, 0, -1, -1, 0},
                               {21, d("2026-06-01"), 1, 1, 1, 1, 0}};
    struct risk_facts f = {
        .organisation_id = 1, .credits = credits, .n_credits = 4, .taxes = taxes, .n_taxes = 2};
    struct risk r;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_int_equal(r.n_factors, 1);
    assert_non_null(find(&r, "credit_failed", "UC 2026-10-01: riskklass 1 (gräns 3)"));
    assert_int_equal(r.score, 25);
    /* the older tax check failed: only when it is the latest does it count */
    f.n_taxes = 1;
    risk_assess(&f, d("2026-12-01"), &a, &r);
    assert_non_null(
        find(&r, "tax_failed", "Skatteverket och Kronofogden 2026-01-01: F-skatt saknas"));
    assert_int_equal(r.score, 50);
    assert_string_equal(r.level, "high");
    arena_free(&a);
}

static void
the_weights_table_is_the_documented_one(void **state)
{
    (void)state;
    assert_int_equal(risk_weight_of("signal"), 5);
    assert_int_equal(risk_weight_of("serious_signal"), 20);
    assert_int_equal(risk_weight_of("credit_failed"), 25);
    assert_int_equal(risk_weight_of("tax_failed"), 25);
    assert_int_equal(risk_weight_of("ivo_inspection_decision"), 10);
    assert_int_equal(risk_weight_of("ivo_lex_sarah"), 10);
    assert_int_equal(risk_weight_of("ivo_complaint"), 5);
    assert_int_equal(risk_weight_of("ivo_permit_revoked"), 40);
    assert_int_equal(risk_weight_of("bankruptcy"), 50);
    assert_int_equal(risk_weight_of("open_investigation"), 10);
    assert_int_equal(risk_weight_of("sanction_warning"), 15);
    assert_int_equal(risk_weight_of("sanction_penalty"), 15);
    assert_int_equal(risk_weight_of("sanction_price_reduction"), 10);
    assert_int_equal(risk_weight_of("sanction_correction_request"), 5);
    assert_int_equal(risk_weight_of("sanction_termination"), 30);
    assert_int_equal(risk_weight_of("sanction_rescission"), 30);
    assert_int_equal(risk_weight_of("nonsense"), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_is_score_zero_without_factors),
        cmocka_unit_test(every_factor_has_its_weight_and_source),
        cmocka_unit_test(the_score_is_the_sum_and_sets_the_level),
        cmocka_unit_test(the_score_is_capped_at_one_hundred),
        cmocka_unit_test(what_lies_outside_the_windows_does_not_count),
        cmocka_unit_test(only_the_latest_check_of_each_bureau_counts),
        cmocka_unit_test(the_weights_table_is_the_documented_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
