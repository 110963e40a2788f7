/* test_record.c — the rules for follow-up records: what must be documented, the checklist
 * against the agreement's items, agreed actions, reviews of last time's actions, signing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/record.h"

#include <string.h>

static struct arena arena;

static int
setup(void **state)
{
    (void)state;
    arena_init(&arena);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    arena_free(&arena);
    return 0;
}

static const struct record_item items[] = {
    {11, "requirement", "Genomförandeplan finns"},
    {12, "requirement", "Kontaktman är utsedd"},
    {20, "value_add", "Aktiviteter utomhus"},
};
static const long long prev_actions[] = {501, 502};

static struct record_context
context(void)
{
    return (struct record_context){
        .today = date_from_ymd(2021, 1, 1),
        .items = items,
        .n_items = 3,
        .prev_action_ids = prev_actions,
        .n_prev_actions = 2,
    };
}

static struct record_check_input checks[2];
static struct record_action_input actions[1];
static struct record_review_input reviews[1];

static struct record_input
valid_input(void)
{
    checks[0] = (struct record_check_input){"11", "partly", "Saknas i två ärenden."};
    checks[1] = (struct record_check_input){"20", "fulfilled", ""};
    actions[0] = (struct record_action_input){"Upprätta planer", "2020-12-01", "Verksamhetschefen"};
    reviews[0] = (struct record_review_input){"502", "fixed", ""};
    return (struct record_input){
        .held_on = "2020-09-10",
        .place = "on_site",
        .location = "Kontoret",
        .attendees_municipality = "Sara Strateg\n\n  Sven Svensson ",
        .attendees_provider = "Vera",
        .provider_answers = "Planerna blir klara.",
        .findings = "",
        .checks = checks,
        .n_checks = 2,
        .actions = actions,
        .n_actions = 1,
        .reviews = reviews,
        .n_reviews = 1,
    };
}

static int
validate(const struct record_input *in, const struct record_context *ctx, struct record *out,
         struct insyn_err *err)
{
    *err = (struct insyn_err){.arena = &arena};
    memset(out, 0, sizeof *out);
    return record_validate(in, ctx, out, &arena, err);
}

static int
has_field(const struct insyn_err *err, const char *field)
{
    return err_for_field(err, field) != NULL;
}

static void
accepts_a_valid_record_with_a_full_checklist(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_int_equal(r.held_on, date_from_ymd(2020, 9, 10));
    assert_int_equal(r.n_attendees_municipality, 2);
    assert_string_equal(r.attendees_municipality[1], "Sven Svensson");
    assert_int_equal(r.n_checks, 3);
    assert_string_equal(r.checks[0].outcome, "partly");
    assert_string_equal(r.checks[1].outcome, "not_checked"); /* not given */
    assert_string_equal(r.checks[2].outcome, "fulfilled");
    assert_string_equal(r.checks[2].kind, "value_add");
    assert_int_equal(r.n_actions, 1);
    assert_int_equal(r.n_reviews, 2);
    assert_string_equal(r.reviews[0].outcome, "not_checked");
    assert_string_equal(r.reviews[1].outcome, "fixed");
}

static void
requires_when_where_and_who(void **state)
{
    (void)state;
    struct record_input in = {0};
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "held_on"));
    assert_true(has_field(&err, "place"));
    assert_true(has_field(&err, "attendees_municipality"));
    assert_false(has_field(&err, "attendees_provider")); /* the place is already wrong */
    in = valid_input();
    in.attendees_provider = "";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "attendees_provider"));
    in.place = "written"; /* a written follow-up has no meeting */
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
}

static void
refuses_bad_dates_places_and_the_future(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    in.held_on = "2021-02-01";
    in.place = "moon";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "held_on"), "framtiden"));
    assert_non_null(strstr(err_for_field(&err, "place"), "okänt värde"));
    in = valid_input();
    in.held_on = "2020-02-30";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "held_on"), "ÅÅÅÅ-MM-DD"));
}

static void
refuses_personnummer_in_free_text(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    in.findings = "Kunden 19121212-1212 var nöjd.";
    in.attendees_provider = "Vera\n121212-1212";
    checks[1].comment = "Se 191212121212";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "findings"), "personnummer"));
    assert_non_null(strstr(err_for_field(&err, "attendees_provider"), "rad 2"));
    assert_true(has_field(&err, "checklist.20.comment"));
}

static void
checks_the_checklist_against_the_agreement(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    checks[0].comment = ""; /* partly needs a comment */
    checks[1].item_id = "99";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "checklist.11.comment"));
    assert_true(has_field(&err, "checklist"));
    in = valid_input();
    checks[1].item_id = "11"; /* twice */
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "checklist"), "två gånger"));
    in = valid_input();
    checks[1].outcome = "maybe";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "checklist.20.outcome"));
}

static void
checks_actions_and_reviews(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    actions[0] = (struct record_action_input){"", "2020-09-01", ""};
    reviews[0].action_id = "999";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "actions.1.text"));
    assert_true(has_field(&err, "actions.1.responsible"));
    assert_non_null(strstr(err_for_field(&err, "actions.1.deadline"), "före uppföljningsdagen"));
    assert_non_null(strstr(err_for_field(&err, "reviews"), "föregående"));
}

static void
a_correction_needs_a_reason_and_only_a_correction(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    ctx.is_correction = 1;
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "correction_reason"));
    in.correction_reason = "Fel datum.";
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    ctx.is_correction = 0;
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "correction_reason"));
}

/* A draft as record_validate leaves it, with all a signed record must say. */
static struct record
complete_draft(struct record_check *lines)
{
    lines[0] = (struct record_check){11, "requirement", "Genomförandeplan finns", "fulfilled", ""};
    lines[1] = (struct record_check){12, "requirement", "Kontaktman är utsedd", "not_checked", ""};
    return (struct record){
        .status = "draft",
        .created_by = 7,
        .created_by_name = "Sara",
        .type = "continuous",
        .place = "on_site",
        .location = "Kontoret",
        .topics = "",
        .provider_answers = "Planerna blir klara.",
        .overall_assessment = "Avtalet följs.",
        .checks = lines,
        .n_checks = 2,
    };
}

static void
a_record_is_signed_only_when_it_says_what_seed_003_asks(void **state)
{
    (void)state;
    struct record_check lines[2];
    struct record r = complete_draft(lines);
    struct insyn_err err = {.arena = &arena};
    assert_int_equal(record_complete(&r, &err), 0);
    assert_int_equal(record_may_sign(&r, 7, 1, &err), 0);

    /* nothing of it: one error per missing part, each naming it, and the confirmation too */
    lines[0].outcome = "not_checked";
    r.location = "";
    r.provider_answers = "";
    r.overall_assessment = NULL;
    err_clear(&err);
    assert_int_equal(record_may_sign(&r, 7, 0, &err), INSYN_EINVAL);
    assert_int_equal(err.nfields, 5);
    assert_non_null(strstr(err_for_field(&err, "location"), "Plats"));
    assert_non_null(strstr(err_for_field(&err, "topics"), "Vad som följdes upp"));
    assert_non_null(strstr(err_for_field(&err, "provider_answers"), "Utförarens svar"));
    assert_non_null(strstr(err_for_field(&err, "overall_assessment"), "Helhetsbedömning"));
    assert_true(has_field(&err, "confirm"));
    assert_non_null(strstr(err.message, "signeras"));

    /* a place is needed only for a visit on site */
    r = complete_draft(lines);
    r.location = "";
    err_clear(&err);
    assert_int_equal(record_complete(&r, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "location"));
    r.place = "digital";
    err_clear(&err);
    assert_int_equal(record_complete(&r, &err), 0);

    /* what was followed up: a line assessed, or topics written */
    r = complete_draft(lines);
    lines[0].outcome = "not_checked";
    err_clear(&err);
    assert_int_equal(record_complete(&r, &err), INSYN_EINVAL);
    assert_int_equal(err.nfields, 1);
    assert_true(has_field(&err, "topics"));
    r.topics = "Bemanningen under sommaren.";
    err_clear(&err);
    assert_int_equal(record_complete(&r, &err), 0);
    r.topics = "";
    lines[1].outcome = "not_fulfilled";
    err_clear(&err);
    assert_int_equal(record_complete(&r, &err), 0);
}

static void
a_draft_may_be_incomplete(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    checks[0] = (struct record_check_input){"11", "not_checked", ""};
    checks[1] = (struct record_check_input){"20", "not_checked", ""};
    in.location = "";
    in.provider_answers = "";
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_string_equal(r.overall_assessment, "");
    assert_int_equal(record_complete(&r, &err), INSYN_EINVAL);
}

static void
a_joint_meeting_names_the_providers_who_attended(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    in.overall_assessment = "Träffen genomfördes enligt plan.";
    in.organisations = "7";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL); /* not a joint follow-up */
    assert_non_null(err_for_field(&err, "organisations"));

    const struct record_provider providers[] = {{7, "Alfa omsorg AB"}, {9, "Beta omsorg AB"}};
    ctx.joint = 1, ctx.providers = providers, ctx.n_providers = 2;
    in.organisations = "9\n7\n9";
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_int_equal(r.n_organisations, 2); /* the repeated one once */
    assert_string_equal(r.organisations[0].name, "Beta omsorg AB");
    r.joint = 1;
    assert_int_equal(record_complete(&r, &err), 0);

    in.organisations = "8"; /* not one of the routine's providers */
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "organisations"), "rutinens utförare"));
    in.organisations = "";
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    r.joint = 1;
    assert_int_equal(record_complete(&r, &err), INSYN_EINVAL); /* nobody attended: not signed */
    assert_non_null(err_for_field(&err, "organisations"));
}

static void
type_and_case_ref(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_string_equal(r.type, "continuous"); /* no default in the context */
    ctx.default_type = record_type_default("as_needed");
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_string_equal(r.type, "event_driven");
    assert_string_equal(record_type_default("every:3:0:12"), "continuous");
    in.type = "planned_in_depth";
    in.case_ref = " SN 2020/0183 ";
    in.topics = "Bemanning nattetid.";
    in.overall_assessment = "Verksamheten håller förväntat hög kvalitet.";
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_string_equal(r.type, "planned_in_depth");
    assert_string_equal(r.case_ref, "SN 2020/0183");
    assert_string_equal(r.topics, "Bemanning nattetid.");
    assert_string_equal(r.overall_assessment, "Verksamheten håller förväntat hög kvalitet.");
    in.type = "planned";
    in.case_ref = "SN 2020/0183 och ett diarienummer till som är för långt";
    in.overall_assessment = "Brukaren 19121212-1212 var nöjd.";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "type"), "okänt värde"));
    assert_non_null(strstr(err_for_field(&err, "case_ref"), "högst 40"));
    assert_non_null(strstr(err_for_field(&err, "overall_assessment"), "personnummer"));
    in = valid_input();
    in.case_ref = "SN 2020/\n0183";
    assert_int_equal(validate(&in, &ctx, &r, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "case_ref"), "en rad"));
}

static void
an_action_stays_open_until_a_review_finds_it_fixed(void **state)
{
    (void)state;
    struct record_input in = valid_input();
    struct record_context ctx = context();
    struct record r;
    struct insyn_err err;
    reviews[0] = (struct record_review_input){"502", "partly", "Två av tre planer klara."};
    assert_int_equal(validate(&in, &ctx, &r, &err), 0);
    assert_string_equal(r.reviews[1].outcome, "partly");
    assert_true(review_closes_action("fixed"));
    assert_false(review_closes_action("partly"));
    assert_false(review_closes_action("not_fixed"));
    assert_false(review_closes_action("not_checked"));
}

static void
only_the_author_signs_a_confirmed_draft_and_signed_is_final(void **state)
{
    (void)state;
    struct record_check lines[2];
    struct record r = complete_draft(lines);
    struct insyn_err err = {0};
    assert_int_equal(record_may_sign(&r, 7, 0, &err), INSYN_EINVAL);
    assert_true(has_field(&err, "confirm"));
    err_clear(&err);
    assert_int_equal(record_may_sign(&r, 8, 1, &err), INSYN_EDENIED);
    assert_non_null(strstr(err.message, "Sara"));
    err_clear(&err);
    assert_int_equal(record_may_sign(&r, 7, 1, &err), 0);
    assert_int_equal(record_may_change(&r, &err), 0);
    r.status = "signed";
    assert_int_equal(record_may_change(&r, &err), INSYN_ECONFLICT);
    err_clear(&err);
    assert_int_equal(record_may_sign(&r, 7, 1, &err), INSYN_ECONFLICT);
    assert_true(check_is_improvement("partly"));
    assert_true(check_is_improvement("not_fulfilled"));
    assert_false(check_is_improvement("fulfilled"));
    assert_false(check_is_improvement("not_checked"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(accepts_a_valid_record_with_a_full_checklist, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(requires_when_where_and_who, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_bad_dates_places_and_the_future, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_personnummer_in_free_text, setup, teardown),
        cmocka_unit_test_setup_teardown(checks_the_checklist_against_the_agreement, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(checks_actions_and_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(a_correction_needs_a_reason_and_only_a_correction, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(only_the_author_signs_a_confirmed_draft_and_signed_is_final,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_record_is_signed_only_when_it_says_what_seed_003_asks,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_draft_may_be_incomplete, setup, teardown),
        cmocka_unit_test_setup_teardown(type_and_case_ref, setup, teardown),
        cmocka_unit_test_setup_teardown(a_joint_meeting_names_the_providers_who_attended, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_action_stays_open_until_a_review_finds_it_fixed, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
