/* test_survey.c — survey questions and answers per kind, the response count, the results per
 * question and the built-in templates (seeds 002 and 004). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/codes.h"
#include "core/survey.h"

#include <stdio.h>
#include <string.h>

static const struct survey_question scale = {1, 1, "scale", "Bemötande", "", "Dåligt", "Bra", 1};
static const struct survey_question yes_no = {2, 2, "yes_no", "Genomförandeplan", "", "", "", 1};
static const struct survey_question single = {3,  3,  "single", "Effekt", "Ja\nDelvis\nNej",
                                              "", "", 1};
static const struct survey_question multiple = {
    4, 4, "multiple", "Utbildning", "Socionom\nBehandlingsassistent\nAnnan", "", "", 0};
static const struct survey_question text = {5, 5, "text", "Övrigt", "", "", "", 0};

static int
answer(const struct survey_question *q, const char *in, char **out)
{
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {0};
    int rc = survey_answer_validate(q, in, "q", &a, out, &err);
    /* keep the value past the arena for the caller's comparison */
    static char kept[256];
    snprintf(kept, sizeof kept, "%s", *out ? *out : "");
    *out = kept;
    arena_free(&a);
    return rc;
}

static void
a_scale_is_one_to_five(void **state)
{
    (void)state;
    char *v;
    assert_int_equal(answer(&scale, "1", &v), 0);
    assert_int_equal(answer(&scale, " 5 ", &v), 0);
    assert_string_equal(v, "5");
    assert_int_equal(answer(&scale, "0", &v), INSYN_EINVAL);
    assert_int_equal(answer(&scale, "6", &v), INSYN_EINVAL);
    assert_int_equal(answer(&scale, "3.5", &v), INSYN_EINVAL);
    assert_int_equal(answer(&scale, "", &v), INSYN_EINVAL); /* required */
}

static void
yes_no_is_yes_or_no(void **state)
{
    (void)state;
    char *v;
    assert_int_equal(answer(&yes_no, "yes", &v), 0);
    assert_int_equal(answer(&yes_no, "no", &v), 0);
    assert_int_equal(answer(&yes_no, "kanske", &v), INSYN_EINVAL);
    assert_int_equal(answer(&yes_no, NULL, &v), INSYN_EINVAL);
}

static void
a_single_choice_is_one_of_the_options(void **state)
{
    (void)state;
    char *v;
    assert_int_equal(answer(&single, "Delvis", &v), 0);
    assert_string_equal(v, "Delvis");
    assert_int_equal(answer(&single, "Kanske", &v), INSYN_EINVAL);
    assert_int_equal(answer(&single, "Ja\nNej", &v), INSYN_EINVAL);
}

static void
a_multiple_choice_is_a_subset_in_the_options_order(void **state)
{
    (void)state;
    char *v;
    assert_int_equal(answer(&multiple, "Annan\nSocionom", &v), 0);
    assert_string_equal(v, "Socionom\nAnnan");
    assert_int_equal(answer(&multiple, "Socionom\nPilot", &v), INSYN_EINVAL);
    assert_int_equal(answer(&multiple, "", &v), 0); /* not required */
    assert_string_equal(v, "");
}

static void
free_text_refuses_a_personnummer(void **state)
{
    (void)state;
    char *v;
    assert_int_equal(answer(&text, "Bra samarbete med behandlaren.", &v), 0);
    assert_int_equal(answer(&text, "Gäller klient 19121212-1212", &v), INSYN_EINVAL);
    assert_int_equal(answer(&text, "", &v), 0);
}

static void
the_response_count_reads_as_the_report_writes_it(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    assert_string_equal(survey_count_text(&a, 27, 30), "27 av 30 svarade");
    assert_string_equal(survey_count_text(&a, 0, 3), "0 av 3 svarade");
    assert_string_equal(survey_count_text(&a, 0, 0), "Ingen mottagare ännu");
    arena_free(&a);
}

static void
questions_are_checked(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct survey_question out;
    struct survey_question one_option = {0, 1, "single", "Fråga", "Ja", "", "", 1};
    assert_int_equal(survey_question_validate(&one_option, &out, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "options"));
    err_clear(&err);
    struct survey_question unknown = {0, 1, "essay", "Fråga", "", "", "", 1};
    assert_int_equal(survey_question_validate(&unknown, &out, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "kind"));
    err_clear(&err);
    struct survey_question ok = {0, 1, "multiple", "Fråga", " A \n\nB\n", "", "", 0};
    assert_int_equal(survey_question_validate(&ok, &out, &a, 0, &err), 0);
    assert_string_equal(out.options, "A\nB");
    struct survey_question dup = {0, 1, "single", "Fråga", "A\nA", "", "", 0};
    assert_int_equal(survey_question_validate(&dup, &out, &a, 0, &err), INSYN_EINVAL);
    arena_free(&a);
}

static void
results_count_per_value_with_the_scale_average(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct survey_result r;
    const char *scales[] = {"5", "4", "", "3", NULL};
    survey_tally(&scale, scales, 5, &a, &r);
    assert_int_equal(r.answers, 3);
    assert_int_equal(r.ncounts, 5);
    assert_int_equal(r.counts[3].count, 1);
    assert_true(r.average > 3.99 && r.average < 4.01);
    const char *multi[] = {"Socionom\nAnnan", "Socionom"};
    survey_tally(&multiple, multi, 2, &a, &r);
    assert_int_equal(r.answers, 2);
    assert_int_equal(r.counts[0].count, 2);
    assert_int_equal(r.counts[1].count, 0);
    assert_int_equal(r.counts[2].count, 1);
    const char *yn[] = {"yes", "no", "yes"};
    survey_tally(&yes_no, yn, 3, &a, &r);
    assert_string_equal(r.counts[0].label, "Ja");
    assert_int_equal(r.counts[0].count, 2);
    const char *texts[] = {"Bra", "", "Tydliga rapporter"};
    survey_tally(&text, texts, 3, &a, &r);
    assert_int_equal(r.ntexts, 2);
    assert_string_equal(r.texts[1], "Tydliga rapporter");
    arena_free(&a);
}

static void
e_mail_addresses_are_checked(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    char *out;
    assert_int_equal(survey_email_normalise(&a, " Anna.Berg@Kommun.SE ", &out), 0);
    assert_string_equal(out, "anna.berg@kommun.se");
    assert_int_equal(survey_email_normalise(&a, "anna.berg", &out), -1);
    assert_int_equal(survey_email_normalise(&a, "a@b", &out), -1);
    assert_int_equal(survey_email_normalise(&a, "a b@c.se", &out), -1);
    assert_int_equal(survey_email_normalise(&a, "a@@c.se", &out), -1);
    arena_free(&a);
}

static void
every_template_question_is_valid(void **state)
{
    (void)state;
    assert_int_equal(survey_template_count, 3);
    assert_non_null(survey_template_find("case_workers_hvb"));
    assert_non_null(survey_template_find("providers_quality"));
    assert_non_null(survey_template_find("ordering_unit"));
    assert_null(survey_template_find("nope"));
    struct arena a;
    arena_init(&a);
    for (int t = 0; t < survey_template_count; t++) {
        const struct survey_template *tp = &survey_templates[t];
        assert_true(code_valid(survey_audiences, tp->audience));
        assert_true(tp->nquestions >= 5);
        for (int i = 0; i < tp->nquestions; i++) {
            struct insyn_err err = {.arena = &a};
            struct survey_question out;
            assert_int_equal(survey_question_validate(&tp->questions[i], &out, &a, 0, &err), 0);
        }
    }
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_scale_is_one_to_five),
        cmocka_unit_test(yes_no_is_yes_or_no),
        cmocka_unit_test(a_single_choice_is_one_of_the_options),
        cmocka_unit_test(a_multiple_choice_is_a_subset_in_the_options_order),
        cmocka_unit_test(free_text_refuses_a_personnummer),
        cmocka_unit_test(the_response_count_reads_as_the_report_writes_it),
        cmocka_unit_test(questions_are_checked),
        cmocka_unit_test(results_count_per_value_with_the_scale_average),
        cmocka_unit_test(e_mail_addresses_are_checked),
        cmocka_unit_test(every_template_question_is_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
