/* test_application.c — the rules of a provider's application to join a customer-choice
 * system (LOV, seed 003): the application's validation, the clocks (14 days to ask for
 * supplements, 14 for the applicant, four weeks to a decision, three weeks to legal force,
 * the agreement meeting within 14 days of the decision but not before legal force) across a
 * year end and a leap day, each step's guards, the committee's decision and its guards
 * (2 + 2 references, credit and tax checks or an exception, an approved quality management
 * system), the statuses and the introduction programme. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/application.h"
#include "core/date.h"
#include "core/permission.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

/* Whether some field error on `field` contains `words`. */
static int
has_error(const struct insyn_err *err, const char *field, const char *words)
{
    for (int i = 0; i < err->nfields; i++) {
        const struct insyn_field_err *fe = err_field_at(err, i);
        if (strcmp(fe->field, field) == 0 && strstr(fe->message, words))
            return 1;
    }
    return 0;
}

static const struct application_facts all_facts = {
    .refs_management = 2, .refs_manager = 2, .credit_passed = 1, .tax_passed = 1};

/* A new, valid application received on `received`. */
static void
new_application(struct application *x, const char *area, const char *personal_care,
                const char *received, struct arena *a)
{
    struct insyn_err err = {.arena = a};
    struct application_input in = {.org_nr = "556677-8899",
                                   .name = "Fenix Omsorg AB",
                                   .service_area = area,
                                   .personal_care = personal_care,
                                   .received = received,
                                   .operations_manager = "Vera Verksam"};
    char *nr, *name;
    assert_int_equal(application_validate(&in, d(received), 0, x, &nr, &name, a, &err), 0);
    x->id = 1;
}

/* One step; returns its code, err filled. */
static int
step(struct application *x, const struct application_step_input *in, const char *today,
     struct arena *a, struct insyn_err *err)
{
    err_clear(err);
    return application_step_apply(x, in, ROLE_NONE, &application_default_rules, d(today), a, err);
}

/* Marks x complete on `on` (no supplements asked for), its QMS approved. */
static void
complete(struct application *x, const char *on, struct arena *a)
{
    struct insyn_err err = {.arena = a};
    struct application_step_input s = {.step = "supplements", .complete_on = on};
    assert_int_equal(step(x, &s, on, a, &err), 0);
    struct application_step_input q = {.step = "qms", .done_on = on, .approved = "1"};
    assert_int_equal(step(x, &q, on, a, &err), 0);
}

static int
decide(struct application *x, const char *outcome, const char *on, const char *reason,
       const struct application_facts *f, struct arena *a, struct insyn_err *err)
{
    err_clear(err);
    struct decision_input in = {
        .outcome = outcome, .decided_on = on, .paragraph = "§ 42", .reason = reason};
    return application_decide(x, &in, f, d(on), a, err);
}

/* An application received, complete, approved on `decided` and (unless NULL) announced. */
static void
approved(struct application *x, const char *area, const char *personal_care, const char *received,
         const char *complete_on, const char *decided, const char *announced, struct arena *a)
{
    struct insyn_err err = {.arena = a};
    new_application(x, area, personal_care, received, a);
    complete(x, complete_on, a);
    assert_int_equal(decide(x, "approve", decided, NULL, &all_facts, a, &err), 0);
    if (announced)
        assert_int_equal(application_announce(x, announced, d(announced), a, &err), 0);
}

/* ---- application_validate ---- */

static void
a_valid_application_starts_with_nothing_done(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application_input in = {.org_nr = "5566778899",
                                   .name = " Fenix Omsorg AB ",
                                   .service_area = "home_care",
                                   .personal_care = "ja",
                                   .received = "2026-03-02",
                                   .attachments = "Ansökan\nMeritförteckning"};
    struct application x;
    char *nr, *name;
    assert_int_equal(application_validate(&in, d("2026-03-10"), 0, &x, &nr, &name, &a, &err), 0);
    assert_int_equal(err.nfields, 0);
    assert_string_equal(nr, "556677-8899");
    assert_string_equal(name, "Fenix Omsorg AB");
    assert_string_equal(x.service_area, "home_care");
    assert_int_equal(x.personal_care, 1);
    assert_int_equal(x.received, d("2026-03-02"));
    assert_int_equal(x.version, 1);
    assert_int_equal(x.qms_approved, -1);
    assert_int_equal(x.complete_on, DATE_NONE);
    assert_int_equal(x.decided_on, DATE_NONE);
    assert_string_equal(x.outcome, "");
    assert_string_equal(application_status(&x), "received");

    /* a known organisation by id needs neither org_nr nor name */
    struct application_input by_id = {
        .organisation_id = "17", .service_area = "nursing_home", .received = "2026-03-10"};
    err_clear(&err);
    assert_int_equal(application_validate(&by_id, d("2026-03-10"), 1, &x, &nr, &name, &a, &err), 0);
    assert_null(nr);
    assert_int_equal(x.organisation_id, 17);
    assert_int_equal(x.personal_care, 0);
    arena_free(&a);
}

static void
validate_refuses_each_bad_field_by_name(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    char *nr, *name;
    int today = d("2026-03-10");

    /* the check digit is wrong */
    struct application_input in = {.org_nr = "556677-8890",
                                   .name = "Fenix Omsorg AB",
                                   .service_area = "home_care",
                                   .received = "2026-03-02"};
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "org_nr", "kontrollsiffra"));
    assert_null(nr);

    /* no applicant at all */
    in.org_nr = NULL;
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "org_nr", "organisationsnummer"));

    /* a new organisation needs its name; a known one does not */
    in.org_nr = "556677-8899";
    in.name = "  ";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "name"));
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 1, &x, &nr, &name, &a, &err), 0);
    in.name = "Fenix Omsorg AB";

    /* the service area is required and from the list */
    in.service_area = "";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "service_area", "Tjänsteområdet"));
    in.service_area = "spa";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "service_area", "okänt"));

    /* personal care (omvårdnad) only for home care */
    in.service_area = "nursing_home";
    in.personal_care = "1";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "personal_care", "hemtjänst"));
    in.service_area = "home_care";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), 0);
    in.personal_care = "kanske";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "personal_care", "ja eller nej"));
    in.personal_care = NULL;

    /* received: required, a real date, not after today (today itself is fine) */
    in.received = "2026-03-11";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "received", "efter i dag"));
    in.received = "2026-02-30";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "received", "ÅÅÅÅ-MM-DD"));
    in.received = NULL;
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "received", "måste anges"));
    in.received = "2026-03-10";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), 0);

    /* no personnummer in free text */
    in.operations_manager = "Vera Verksam 19121212-1212";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "operations_manager", "personnummer"));
    in.operations_manager = "Vera Verksam";
    in.attachments = "Meritförteckning för 191212121212";
    err_clear(&err);
    assert_int_equal(application_validate(&in, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "attachments", "personnummer"));
    in.attachments = NULL;

    /* every problem at once */
    struct application_input bad = {.org_nr = "123", .service_area = "", .received = "2027-01-01"};
    err_clear(&err);
    assert_int_equal(application_validate(&bad, today, 0, &x, &nr, &name, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "org_nr"));
    assert_non_null(err_for_field(&err, "service_area"));
    assert_non_null(err_for_field(&err, "received"));
    arena_free(&a);
}

/* ---- the clocks ---- */

static void
the_clocks_run_across_a_year_end(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    const struct application_rules *r = &application_default_rules;
    struct application x;
    struct application_clock c;
    new_application(&x, "home_care", "1", "2026-12-20", &a);

    application_clock(&x, r, d("2027-01-02"), &c);
    assert_int_equal(c.supplement_request_due, d("2027-01-03"));
    assert_int_equal(c.supplement_due, DATE_NONE);
    assert_int_equal(c.decision_due, DATE_NONE);
    assert_int_equal(c.legal_force_on, DATE_NONE);
    assert_int_equal(c.agreement_meeting_due, DATE_NONE);
    assert_int_equal(c.days_open, 13);
    assert_int_equal(c.days_processing, -1);

    /* supplements asked for on 30 December: due 13 January; the request's deadline is met */
    struct application_step_input s = {
        .step = "supplements", .requested_on = "2026-12-30", .request = "Meritförteckning saknas."};
    assert_int_equal(step(&x, &s, "2027-01-02", &a, &err), 0);
    assert_int_equal(x.supplement_due, d("2027-01-13"));
    assert_string_equal(application_status(&x), "awaiting_supplements");
    application_clock(&x, r, d("2027-01-02"), &c);
    assert_int_equal(c.supplement_request_due, DATE_NONE);
    assert_int_equal(c.supplement_due, d("2027-01-13"));
    assert_int_equal(c.step_started, d("2026-12-30"));
    assert_int_equal(c.days_in_step, 3);

    /* received and complete: the applicant's deadline is gone, four weeks to a decision */
    struct application_step_input s2 = {
        .step = "supplements", .received_on = "2027-01-10", .complete_on = "2027-01-12"};
    assert_int_equal(step(&x, &s2, "2027-01-15", &a, &err), 0);
    assert_string_equal(application_status(&x), "in_review");
    application_clock(&x, r, d("2027-01-15"), &c);
    assert_int_equal(c.supplement_request_due, DATE_NONE);
    assert_int_equal(c.supplement_due, DATE_NONE);
    assert_int_equal(c.decision_due, d("2027-02-09"));
    assert_int_equal(c.days_open, 26);
    assert_int_equal(c.days_processing, 3);
    arena_free(&a);
}

static void
the_clocks_count_the_leap_day(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    const struct application_rules *r = &application_default_rules;
    struct application x, y;
    struct application_clock c;

    /* supplements requested 20 February 2028: 14 days over 29 February is 5 March */
    new_application(&x, "home_care", "0", "2028-02-01", &a);
    struct application_step_input s = {
        .step = "supplements", .requested_on = "2028-02-20", .request = "Ledningssystem saknas."};
    assert_int_equal(step(&x, &s, "2028-02-20", &a, &err), 0);
    assert_int_equal(x.supplement_due, d("2028-03-05"));
    application_clock(&x, r, d("2028-02-21"), &c);
    assert_int_equal(c.supplement_due, d("2028-03-05"));

    /* complete 10 February 2028: four weeks is 9 March */
    new_application(&y, "home_care", "0", "2028-02-01", &a);
    complete(&y, "2028-02-10", &a);
    application_clock(&y, r, d("2028-03-01"), &c);
    assert_int_equal(c.supplement_request_due, DATE_NONE);
    assert_int_equal(c.decision_due, d("2028-03-09"));
    assert_int_equal(c.days_open, 29);
    assert_int_equal(c.days_processing, 20);

    /* decided 1 March: the decision's deadline is met, the day counts stop at the decision */
    assert_int_equal(decide(&y, "approve", "2028-03-01", NULL, &all_facts, &a, &err), 0);
    application_clock(&y, r, d("2028-04-30"), &c);
    assert_int_equal(c.decision_due, DATE_NONE);
    assert_int_equal(c.days_open, 29);
    assert_int_equal(c.days_processing, 20);
    assert_int_equal(c.legal_force_on, DATE_NONE);
    /* not announced yet: the meeting within 14 days of the decision */
    assert_int_equal(c.agreement_meeting_due, d("2028-03-15"));

    /* announced 3 March: legal force 24 March, and the meeting not before it */
    assert_int_equal(application_announce(&y, "2028-03-03", d("2028-03-03"), &a, &err), 0);
    application_clock(&y, r, d("2028-03-03"), &c);
    assert_int_equal(c.legal_force_on, d("2028-03-24"));
    assert_int_equal(c.agreement_meeting_due, d("2028-03-24"));
    arena_free(&a);
}

static void
the_clocks_numbers_are_settings(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    const struct application_rules r = {.supplement_request_days = 7,
                                        .supplement_days = 10,
                                        .processing_days = 42,
                                        .legal_force_days = 10,
                                        .agreement_meeting_days = 30,
                                        .onboarding_days = 20};
    struct application x;
    struct application_clock c;
    new_application(&x, "home_care", "1", "2026-06-01", &a);
    application_clock(&x, &r, d("2026-06-02"), &c);
    assert_int_equal(c.supplement_request_due, d("2026-06-08"));

    struct application_step_input s = {
        .step = "supplements", .requested_on = "2026-06-05", .request = "Bilagor saknas."};
    assert_int_equal(application_step_apply(&x, &s, ROLE_NONE, &r, d("2026-06-05"), &a, &err), 0);
    assert_int_equal(x.supplement_due, d("2026-06-15"));

    struct application_step_input s2 = {
        .step = "supplements", .received_on = "2026-06-10", .complete_on = "2026-06-10"};
    assert_int_equal(application_step_apply(&x, &s2, ROLE_NONE, &r, d("2026-06-10"), &a, &err), 0);
    application_clock(&x, &r, d("2026-06-10"), &c);
    assert_int_equal(c.decision_due, d("2026-07-22"));

    struct application_step_input q = {.step = "qms", .done_on = "2026-06-10", .approved = "ja"};
    assert_int_equal(application_step_apply(&x, &q, ROLE_NONE, &r, d("2026-06-10"), &a, &err), 0);
    assert_int_equal(decide(&x, "approve", "2026-07-01", NULL, &all_facts, &a, &err), 0);
    assert_int_equal(application_announce(&x, "2026-07-01", d("2026-07-01"), &a, &err), 0);
    application_clock(&x, &r, d("2026-07-01"), &c);
    assert_int_equal(c.legal_force_on, d("2026-07-11"));
    /* the decision's 30 days lie after legal force here */
    assert_int_equal(c.agreement_meeting_due, d("2026-07-31"));
    /* with the defaults, legal force (21 days) comes after the 14 days */
    application_clock(&x, &application_default_rules, d("2026-07-01"), &c);
    assert_int_equal(c.legal_force_on, d("2026-07-22"));
    assert_int_equal(c.agreement_meeting_due, d("2026-07-22"));
    arena_free(&a);
}

static void
a_rejection_has_no_agreement_meeting(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    struct application_clock c;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);
    assert_int_equal(
        decide(&x, "reject", "2026-04-01", "Referenserna räcker inte.", &all_facts, &a, &err), 0);
    assert_int_equal(application_announce(&x, "2026-04-02", d("2026-04-02"), &a, &err), 0);
    application_clock(&x, &application_default_rules, d("2026-05-01"), &c);
    assert_int_equal(c.decision_due, DATE_NONE);
    assert_int_equal(c.supplement_request_due, DATE_NONE);
    assert_int_equal(c.legal_force_on, d("2026-04-23"));
    assert_int_equal(c.agreement_meeting_due, DATE_NONE);
    assert_int_equal(c.days_open, 30);
    arena_free(&a);
}

/* ---- the steps ---- */

static void
step_dates_lie_between_receipt_and_today(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);

    static const char *const dated[] = {"first_review", "info_meeting", "qms", "attachments",
                                        "assessment",   "mbl",          "memo"};
    for (size_t i = 0; i < sizeof dated / sizeof *dated; i++) {
        struct application_step_input in = {.step = dated[i], .done_on = "2026-03-01"};
        assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
        assert_true(has_error(&err, "done_on", "2026-03-02"));
        in.done_on = "2026-03-11";
        assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
        assert_true(has_error(&err, "done_on", "efter i dag"));
        in.done_on = "";
        assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
        assert_true(has_error(&err, "done_on", "måste anges"));
    }

    struct application_step_input sup = {
        .step = "supplements", .requested_on = "2026-03-01", .request = "Bilaga saknas."};
    assert_int_equal(step(&x, &sup, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "requested_on", "2026-03-02"));
    sup.requested_on = "2026-03-03";
    sup.complete_on = "2026-03-11";
    sup.received_on = "2026-03-04";
    assert_int_equal(step(&x, &sup, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "complete_on", "efter i dag"));

    /* the first review on the day of receipt and on today are both fine */
    struct application_step_input fr = {
        .step = "first_review", .done_on = "2026-03-02", .notes = "Ansökan granskad."};
    assert_int_equal(step(&x, &fr, "2026-03-10", &a, &err), 0);
    fr.done_on = "2026-03-10";
    assert_int_equal(step(&x, &fr, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.first_review_on, d("2026-03-10"));
    assert_string_equal(x.first_review_notes, "Ansökan granskad.");

    /* an unknown step */
    struct application_step_input none = {.step = "lunch", .done_on = "2026-03-05"};
    assert_int_equal(step(&x, &none, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "step", "lunch"));

    /* no personnummer in a step's notes */
    struct application_step_input pn = {
        .step = "memo", .done_on = "2026-03-05", .notes = "Se 19121212-1212."};
    assert_int_equal(step(&x, &pn, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "notes", "personnummer"));
    arena_free(&a);
}

static void
supplements_come_in_order(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);

    /* a supplement cannot come in before it was asked for */
    struct application_step_input early = {.step = "supplements", .received_on = "2026-03-05"};
    assert_int_equal(step(&x, &early, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "received_on", "begärts"));

    /* a request says what is missing */
    struct application_step_input req = {.step = "supplements", .requested_on = "2026-03-04"};
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "request", "komplettera"));

    new_application(&x, "home_care", "1", "2026-03-02", &a);
    req.request = "Meritförteckning för verksamhetsansvarig.";
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.supplement_due, d("2026-03-18"));

    /* complete only once the supplements have come in */
    struct application_step_input c = {.step = "supplements", .complete_on = "2026-03-10"};
    assert_int_equal(step(&x, &c, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "complete_on", "kommit in"));

    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), 0);
    struct application_step_input back = {.step = "supplements", .received_on = "2026-03-03"};
    assert_int_equal(step(&x, &back, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "received_on", "före begäran"));

    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), 0);
    struct application_step_input got = {
        .step = "supplements", .received_on = "2026-03-08", .complete_on = "2026-03-07"};
    assert_int_equal(step(&x, &got, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "complete_on", "före den dag kompletteringen"));

    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), 0);
    got.complete_on = "2026-03-09";
    assert_int_equal(step(&x, &got, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.supplements_received_on, d("2026-03-08"));
    assert_int_equal(x.complete_on, d("2026-03-09"));

    /* an explicit deadline may lie in the future, but not before the request */
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    struct application_step_input due = {.step = "supplements",
                                         .requested_on = "2026-03-04",
                                         .request = "Ledningssystem.",
                                         .due = "2026-04-30"};
    assert_int_equal(step(&x, &due, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.supplement_due, d("2026-04-30"));
    due.due = "2026-03-03";
    assert_int_equal(step(&x, &due, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "due", "före begäran"));

    /* a later request moves the default deadline with it */
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), 0);
    struct application_step_input again = {.step = "supplements", .requested_on = "2026-03-09"};
    assert_int_equal(step(&x, &again, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.supplement_due, d("2026-03-23"));
    arena_free(&a);
}

static void
a_stale_form_is_refused(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    x.version = 3;
    struct application_step_input in = {
        .step = "first_review", .version = "2", .done_on = "2026-03-05"};
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_ECONFLICT);
    assert_int_equal(err.code, INSYN_ECONFLICT);
    assert_non_null(strstr(err.message, "ändrats"));
    assert_int_equal(x.first_review_on, DATE_NONE); /* nothing changed */
    in.version = "x";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_ECONFLICT);
    in.version = "3";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.first_review_on, d("2026-03-05"));
    arena_free(&a);
}

static void
no_step_changes_after_the_decision(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &all_facts, &a, &err), 0);
    for (const struct code_label *s = application_steps; s->code; s++) {
        struct application_step_input in = {
            .step = s->code, .done_on = "2026-04-02", .notes = "Sent.", .exception = "Sent."};
        err_clear(&err);
        assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR,
                                                &application_default_rules, d("2026-04-05"), &a,
                                                &err),
                         INSYN_ECONFLICT);
        assert_int_equal(err.code, INSYN_ECONFLICT);
        assert_non_null(strstr(err.message, "beslutat"));
    }
    assert_int_equal(x.memo_on, DATE_NONE);
    assert_string_equal(x.check_exception, "");
    arena_free(&a);
}

static void
the_operations_manager_attends_the_information_meeting(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);

    struct application_step_input in = {.step = "info_meeting",
                                        .done_on = "2026-03-06",
                                        .manager_present = "0",
                                        .attendees = "Utvecklingsstrateg, bitr. socialdirektör"};
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "manager_present", "verksamhetsansvariga"));
    assert_null(err_for_field(&err, "attendees"));

    in.manager_present = NULL; /* absent is no */
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "manager_present", "verksamhetsansvariga"));

    in.manager_present = "kanske";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "manager_present", "ja eller nej"));

    in.manager_present = "1";
    in.attendees = "";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "attendees", "förvaltningen"));
    assert_null(err_for_field(&err, "manager_present"));

    new_application(&x, "home_care", "1", "2026-03-02", &a);
    in.attendees = "Utvecklingsstrateg, bitr. socialdirektör, sektionschef Omsorg SoL";
    in.manager_present = "ja";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.info_meeting_on, d("2026-03-06"));
    assert_int_equal(x.manager_present, 1);
    arena_free(&a);
}

static void
the_quality_management_system_is_approved_or_not(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    struct application_step_input in = {.step = "qms", .done_on = "2026-03-06", .approved = ""};
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "approved", "ledningssystemet"));
    in.approved = "0";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.qms_approved, 0);
    in.approved = "1";
    assert_int_equal(step(&x, &in, "2026-03-10", &a, &err), 0);
    assert_int_equal(x.qms_approved, 1);
    assert_int_equal(x.qms_checked_on, d("2026-03-06"));
    arena_free(&a);
}

static void
the_assessment_is_made_with_the_deputy_director(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    const struct application_rules *r = &application_default_rules;
    int today = d("2026-03-10");
    new_application(&x, "home_care", "1", "2026-03-02", &a);

    struct application_step_input in = {.step = "assessment",
                                        .done_on = "2026-03-09",
                                        .recommendation = "approve",
                                        .notes = "Goda referenser.",
                                        .with_id = "12"};
    /* a case worker is not the deputy director */
    assert_int_equal(application_step_apply(&x, &in, ROLE_CASE_WORKER, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "with_id", "biträdande socialdirektör"));
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "with_id", "biträdande socialdirektör"));

    /* nobody named */
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    in.with_id = NULL;
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "with_id", "biträdande socialdirektör"));
    in.with_id = "";
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "with_id", "biträdande socialdirektör"));
    in.with_id = "12";

    /* a recommendation from the list, and a motivation */
    in.recommendation = "";
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "recommendation"));
    in.recommendation = "maybe";
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "recommendation", "maybe"));
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    in.recommendation = NULL; /* absent: the assessment still needs one */
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "recommendation"));
    in.recommendation = "approve";
    in.notes = " ";
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "notes", "Motiveringen"));
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    in.notes = NULL; /* absent: still needs one */
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "notes", "Motiveringen"));

    new_application(&x, "home_care", "1", "2026-03-02", &a);
    in.notes = "Goda referenser.";
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &in, ROLE_DEPUTY_DIRECTOR, r, today, &a, &err), 0);
    assert_int_equal(x.assessed_on, d("2026-03-09"));
    assert_int_equal(x.assessed_with, 12);
    assert_string_equal(x.recommendation, "approve");
    assert_string_equal(x.assessment_notes, "Goda referenser.");

    /* a later change of the notes alone keeps the recommendation and the deputy director */
    struct application_step_input later = {.step = "assessment",
                                           .notes = "Mycket goda referenser."};
    err_clear(&err);
    assert_int_equal(application_step_apply(&x, &later, ROLE_NONE, r, today, &a, &err), 0);
    assert_string_equal(x.recommendation, "approve");
    assert_int_equal(x.assessed_with, 12);
    assert_string_equal(x.assessment_notes, "Mycket goda referenser.");
    arena_free(&a);
}

/* ---- the decision ---- */

static void
an_approval_needs_references_checks_and_a_quality_system(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);

    /* fewer than two references about the management, or about the operations manager */
    struct application_facts f = all_facts;
    f.refs_management = 1;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "referenser om företagets ledning"));
    assert_true(has_error(&err, "outcome", "1 är dokumenterade"));
    assert_false(has_error(&err, "outcome", "verksamhetsansvarig"));
    assert_string_equal(x.outcome, ""); /* nothing decided */
    assert_int_equal(x.decided_on, DATE_NONE);
    f = all_facts;
    f.refs_manager = 0;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "referenser om verksamhetsansvarig"));
    assert_true(has_error(&err, "outcome", "0 är dokumenterade"));

    /* the credit check: none, failed */
    f = all_facts;
    f.credit_passed = -1;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "Ingen kreditupplysning"));
    f.credit_passed = 0;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "Kreditupplysningen är inte godkänd"));
    assert_false(has_error(&err, "outcome", "Skatteverket"));

    /* the tax check: none, failed */
    f = all_facts;
    f.tax_passed = -1;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "Ingen kontroll med Skatteverket"));
    f.tax_passed = 0;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "Skatteverket är inte godkänd"));
    assert_false(has_error(&err, "outcome", "reditupplysning"));

    /* the quality management system: not checked, not approved */
    struct application y;
    new_application(&y, "home_care", "1", "2026-03-02", &a);
    struct application_step_input s = {.step = "supplements", .complete_on = "2026-03-10"};
    assert_int_equal(step(&y, &s, "2026-03-10", &a, &err), 0);
    assert_int_equal(decide(&y, "approve", "2026-04-01", NULL, &all_facts, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "ledningssystem"));
    assert_true(has_error(&err, "outcome", "kontrollerat"));
    struct application_step_input q = {.step = "qms", .done_on = "2026-03-12", .approved = "nej"};
    assert_int_equal(step(&y, &q, "2026-03-12", &a, &err), 0);
    assert_int_equal(decide(&y, "approve", "2026-04-01", NULL, &all_facts, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "ledningssystem"));
    assert_true(has_error(&err, "outcome", "inte godkänt"));
    /* approved but with no date of the check */
    y.qms_approved = 1;
    y.qms_checked_on = DATE_NONE;
    assert_int_equal(decide(&y, "approve", "2026-04-01", NULL, &all_facts, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "ledningssystem"));

    /* every guard at once */
    struct application_facts none = {0, 0, -1, -1};
    assert_int_equal(decide(&y, "approve", "2026-04-01", NULL, &none, &a, &err), INSYN_EINVAL);
    assert_true(err.nfields >= 5);

    /* all in place */
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &all_facts, &a, &err), 0);
    assert_string_equal(x.outcome, "approve");
    assert_int_equal(x.decided_on, d("2026-04-01"));
    assert_string_equal(x.decision_paragraph, "§ 42");
    arena_free(&a);
}

static void
a_documented_exception_lets_failed_checks_pass(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);
    struct application_facts f = {2, 2, 0, -1};
    struct application_step_input ex = {.step = "checks",
                                        .exception = "Nystartat bolag utan historik; bankgaranti."};
    assert_int_equal(step(&x, &ex, "2026-03-12", &a, &err), 0);
    assert_string_equal(x.check_exception, "Nystartat bolag utan historik; bankgaranti.");
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), 0);
    assert_string_equal(x.outcome, "approve");

    /* the exception does not excuse the references */
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);
    assert_int_equal(step(&x, &ex, "2026-03-12", &a, &err), 0);
    f.refs_manager = 1;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "referenser"));
    assert_false(has_error(&err, "outcome", "Skatteverket"));
    /* clearing the exception brings the checks back */
    struct application_step_input clear = {.step = "checks", .exception = ""};
    assert_int_equal(step(&x, &clear, "2026-03-12", &a, &err), 0);
    f.refs_manager = 2;
    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &f, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "Skatteverket"));
    arena_free(&a);
}

static void
a_decision_needs_a_complete_application(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_int_equal(decide(&x, "reject", "2026-04-01", "Ofullständig.", &all_facts, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "inte komplett"));
    assert_string_equal(x.outcome, "");

    complete(&x, "2026-03-10", &a);
    assert_int_equal(decide(&x, "approve", "2026-03-09", NULL, &all_facts, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "decided_on", "komplett"));
    /* not after today */
    err_clear(&err);
    struct decision_input in = {.outcome = "approve", .decided_on = "2026-04-02"};
    assert_int_equal(application_decide(&x, &in, &all_facts, d("2026-04-01"), &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "decided_on", "efter i dag"));
    /* an outcome from the list */
    assert_int_equal(decide(&x, "", "2026-04-01", NULL, &all_facts, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "outcome"));
    assert_int_equal(decide(&x, "postpone", "2026-04-01", NULL, &all_facts, &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "outcome", "postpone"));
    assert_string_equal(x.outcome, "");
    arena_free(&a);
}

static void
a_rejection_is_reasoned_and_a_decision_made_once(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);
    struct application_facts none = {0, 0, -1, -1};
    assert_int_equal(decide(&x, "reject", "2026-04-01", "  ", &none, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "reason", "motiveras"));
    assert_null(err_for_field(&err, "outcome")); /* the approval's guards do not apply */

    /* a rejection needs none of the approval's facts */
    assert_int_equal(
        decide(&x, "reject", "2026-04-01", "Brister i ledningssystemet.", &none, &a, &err), 0);
    assert_string_equal(x.outcome, "reject");
    assert_string_equal(x.decision_reason, "Brister i ledningssystemet.");
    assert_string_equal(application_status(&x), "rejected");

    /* a second decision */
    assert_int_equal(decide(&x, "approve", "2026-04-02", NULL, &all_facts, &a, &err),
                     INSYN_ECONFLICT);
    assert_int_equal(err.code, INSYN_ECONFLICT);
    assert_non_null(strstr(err.message, "redan"));
    assert_string_equal(x.outcome, "reject");
    assert_int_equal(x.decided_on, d("2026-04-01"));
    arena_free(&a);
}

static void
the_decision_is_announced_once_after_it_was_made(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    complete(&x, "2026-03-10", &a);
    assert_int_equal(application_announce(&x, "2026-04-02", d("2026-04-02"), &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "announced_on", "inte beslutat"));

    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &all_facts, &a, &err), 0);
    err_clear(&err);
    assert_int_equal(application_announce(&x, "2026-03-31", d("2026-04-02"), &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "announced_on", "före den dag det fattades"));
    err_clear(&err);
    assert_int_equal(application_announce(&x, "2026-04-03", d("2026-04-02"), &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "announced_on", "efter i dag"));
    err_clear(&err);
    assert_int_equal(application_announce(&x, "", d("2026-04-02"), &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "announced_on"));
    assert_int_equal(x.announced_on, DATE_NONE);

    err_clear(&err);
    assert_int_equal(application_announce(&x, "2026-04-01", d("2026-04-02"), &a, &err), 0);
    assert_int_equal(x.announced_on, d("2026-04-01"));
    err_clear(&err);
    assert_int_equal(application_announce(&x, "2026-04-02", d("2026-04-02"), &a, &err),
                     INSYN_ECONFLICT);
    assert_int_equal(x.announced_on, d("2026-04-01"));
    arena_free(&a);
}

/* ---- the statuses ---- */

static void
the_status_follows_the_case(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    struct application_clock c;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_string_equal(application_status(&x), "received");

    struct application_step_input req = {
        .step = "supplements", .requested_on = "2026-03-05", .request = "Bilagor."};
    assert_int_equal(step(&x, &req, "2026-03-05", &a, &err), 0);
    assert_string_equal(application_status(&x), "awaiting_supplements");

    struct application_step_input got = {.step = "supplements", .received_on = "2026-03-12"};
    assert_int_equal(step(&x, &got, "2026-03-12", &a, &err), 0);
    assert_string_equal(application_status(&x), "received");

    struct application_step_input done = {.step = "supplements", .complete_on = "2026-03-13"};
    assert_int_equal(step(&x, &done, "2026-03-13", &a, &err), 0);
    assert_string_equal(application_status(&x), "in_review");

    struct application_step_input q = {.step = "qms", .done_on = "2026-03-16", .approved = "1"};
    assert_int_equal(step(&x, &q, "2026-03-16", &a, &err), 0);
    struct application_step_input mbl = {.step = "mbl", .done_on = "2026-03-20"};
    assert_int_equal(step(&x, &mbl, "2026-03-20", &a, &err), 0);
    assert_string_equal(application_status(&x), "in_review");
    struct application_step_input memo = {.step = "memo", .done_on = "2026-03-25"};
    assert_int_equal(step(&x, &memo, "2026-03-25", &a, &err), 0);
    assert_string_equal(application_status(&x), "to_committee");
    application_clock(&x, &application_default_rules, d("2026-03-30"), &c);
    assert_int_equal(c.step_started, d("2026-03-25"));
    assert_int_equal(c.days_in_step, 5);

    assert_int_equal(decide(&x, "approve", "2026-04-01", NULL, &all_facts, &a, &err), 0);
    assert_string_equal(application_status(&x), "approved");
    application_clock(&x, &application_default_rules, d("2026-04-03"), &c);
    assert_int_equal(c.step_started, d("2026-04-01"));
    assert_int_equal(c.days_in_step, 2);

    x.agreement_id = 7;
    x.signed_on = d("2026-05-01");
    x.onboarding_open = 3;
    x.onboarding_total = 10;
    assert_string_equal(application_status(&x), "onboarding");
    application_clock(&x, &application_default_rules, d("2026-05-04"), &c);
    assert_int_equal(c.step_started, d("2026-05-01"));
    x.onboarding_open = 0;
    assert_string_equal(application_status(&x), "onboarded");

    /* every status the facts give is in the list */
    static const char *const all[] = {
        "received", "awaiting_supplements", "in_review", "to_committee", "approved",
        "rejected", "onboarding",           "onboarded"};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        assert_true(code_valid(application_statuses, all[i]));
    arena_free(&a);
}

/* ---- the introduction programme ---- */

static void
home_care_with_personal_care_has_ten_items(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    const struct application_rules *r = &application_default_rules;
    struct application x;
    approved(&x, "home_care", "1", "2026-03-02", "2026-03-10", "2026-05-01", "2026-05-04", &a);
    struct onboarding_item *items;
    int n = onboarding_items_make(&x, r, 5, &a, &items);
    assert_int_equal(n, 10);
    static const char *const codes[] = {
        "agreement_meeting", "signing",      "safety_alarm", "night_organisation", "mas_nurse",
        "discharge_routine", "case_workers", "viva",         "archivist",          "hsa"};
    for (int i = 0; i < n; i++) {
        assert_string_equal(items[i].code, codes[i]);
        assert_int_equal(items[i].position, i + 1);
        assert_int_equal(items[i].application_id, x.id);
        assert_int_equal(items[i].responsible_id, 5);
        assert_int_equal(items[i].planned_on, DATE_NONE);
        assert_int_equal(items[i].done_on, DATE_NONE);
        assert_int_equal(items[i].personal_care_only,
                         strcmp(codes[i], "safety_alarm") == 0 ||
                             strcmp(codes[i], "night_organisation") == 0 ||
                             strcmp(codes[i], "mas_nurse") == 0);
        assert_true(*items[i].title);
    }
    /* legal force 25 May is later than the decision's 14 days (15 May) */
    assert_int_equal(items[0].due, d("2026-05-25"));
    assert_int_equal(items[1].due, d("2026-06-08"));
    for (int i = 2; i < n; i++)
        assert_int_equal(items[i].due, d("2026-07-08"));

    /* once signed, the meetings count from the signing */
    x.signed_on = d("2026-06-01");
    assert_int_equal(onboarding_due(&items[1], &x, r), d("2026-06-01"));
    assert_int_equal(onboarding_due(&items[5], &x, r), d("2026-07-01"));
    assert_int_equal(onboarding_due(&items[0], &x, r), d("2026-05-25"));
    arena_free(&a);
}

static void
home_care_without_personal_care_has_seven_items(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct application x;
    approved(&x, "home_care", "0", "2026-03-02", "2026-03-10", "2026-05-01", NULL, &a);
    struct onboarding_item *items;
    int n = onboarding_items_make(&x, &application_default_rules, 0, &a, &items);
    assert_int_equal(n, 7);
    for (int i = 0; i < n; i++) {
        assert_int_equal(items[i].personal_care_only, 0);
        assert_int_equal(items[i].position, i + 1);
        assert_string_not_equal(items[i].code, "safety_alarm");
        assert_string_not_equal(items[i].code, "night_organisation");
        assert_string_not_equal(items[i].code, "mas_nurse");
    }
    assert_string_equal(items[0].code, "agreement_meeting");
    assert_string_equal(items[2].code, "discharge_routine");
    assert_string_equal(items[6].code, "hsa");
    /* not announced: the meeting due 14 days after the decision */
    assert_int_equal(items[0].due, d("2026-05-15"));
    assert_int_equal(items[1].due, d("2026-05-29"));
    assert_int_equal(items[2].due, d("2026-06-28"));

    /* the settings move the due dates */
    const struct application_rules r = {14, 14, 28, 21, 10, 20};
    n = onboarding_items_make(&x, &r, 0, &a, &items);
    assert_int_equal(items[0].due, d("2026-05-11"));
    assert_int_equal(items[1].due, d("2026-05-21"));
    assert_int_equal(items[2].due, d("2026-06-10"));
    arena_free(&a);
}

static void
nursing_homes_have_their_own_programme(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct application x;
    approved(&x, "nursing_home", "0", "2026-03-02", "2026-03-10", "2026-05-01", "2026-05-04", &a);
    struct onboarding_item *items;
    int n = onboarding_items_make(&x, &application_default_rules, 0, &a, &items);
    assert_int_equal(n, 9);
    assert_string_equal(items[0].code, "signing");
    assert_string_equal(items[1].code, "intro_meeting");
    assert_string_equal(items[2].code, "safety_alarm");
    assert_string_equal(items[3].code, "mas_mar");
    for (int i = 0; i < n; i++) {
        assert_int_equal(items[i].personal_care_only, 0);
        assert_string_not_equal(items[i].code, "agreement_meeting");
        assert_string_not_equal(items[i].code, "night_organisation");
    }
    assert_ptr_equal(onboarding_programme("nursing_home"), onboarding_programme("nursing_home"));
    assert_ptr_equal(onboarding_programme("escort"), onboarding_programme("home_care"));
    assert_ptr_not_equal(onboarding_programme("nursing_home"), onboarding_programme("home_care"));
    arena_free(&a);
}

static void
no_due_dates_before_an_approval(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    struct onboarding_item *items;
    int n = onboarding_items_make(&x, &application_default_rules, 0, &a, &items);
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++)
        assert_int_equal(items[i].due, DATE_NONE);
    complete(&x, "2026-03-10", &a);
    assert_int_equal(decide(&x, "reject", "2026-04-01", "Skäl.", &all_facts, &a, &err), 0);
    assert_int_equal(onboarding_due(&items[0], &x, &application_default_rules), DATE_NONE);
    arena_free(&a);
}

/* ---- booking the programme's items ---- */

static int
book(struct onboarding_item *it, const char *planned, const struct application *x,
     const char *today, struct arena *a, struct insyn_err *err)
{
    err_clear(err);
    struct onboarding_input in = {.planned_on = planned};
    return onboarding_apply(it, &in, x, &application_default_rules, d(today), a, err);
}

static void
the_agreement_meeting_waits_for_legal_force(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    approved(&x, "home_care", "1", "2026-03-02", "2026-03-10", "2026-05-01", NULL, &a);
    struct onboarding_item *items;
    int n = onboarding_items_make(&x, &application_default_rules, 0, &a, &items);
    assert_int_equal(n, 10);
    struct onboarding_item *meeting = &items[0];

    /* not announced: no booking of the meeting at all */
    assert_int_equal(book(meeting, "2026-06-15", &x, "2026-05-02", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "planned_on", "inte meddelats"));

    /* announced 4 May: legal force 25 May */
    assert_int_equal(application_announce(&x, "2026-05-04", d("2026-05-04"), &a, &err), 0);
    assert_int_equal(book(meeting, "2026-05-15", &x, "2026-05-05", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "planned_on", "laga kraft"));
    assert_true(has_error(&err, "planned_on", "2026-05-25"));
    assert_int_equal(book(meeting, "2026-05-24", &x, "2026-05-05", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "planned_on", "2026-05-25"));
    assert_int_equal(book(meeting, "2026-04-30", &x, "2026-05-05", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "planned_on", "socialnämndens beslut"));
    assert_int_equal(book(meeting, "2026-05-25", &x, "2026-05-05", &a, &err), 0);
    assert_int_equal(meeting->planned_on, d("2026-05-25"));
    assert_int_equal(book(meeting, "2026-05-28", &x, "2026-05-05", &a, &err), 0);

    /* held on a day before legal force is refused too, held on the day is fine */
    struct onboarding_input held = {.planned_on = "", .done_on = "2026-05-22"};
    err_clear(&err);
    assert_int_equal(
        onboarding_apply(meeting, &held, &x, &application_default_rules, d("2026-05-26"), &a, &err),
        INSYN_EINVAL);
    assert_true(has_error(&err, "done_on", "2026-05-25"));
    held.done_on = "2026-05-25";
    err_clear(&err);
    assert_int_equal(
        onboarding_apply(meeting, &held, &x, &application_default_rules, d("2026-05-26"), &a, &err),
        0);
    /* not held in the future */
    held.done_on = "2026-05-27";
    err_clear(&err);
    assert_int_equal(
        onboarding_apply(meeting, &held, &x, &application_default_rules, d("2026-05-26"), &a, &err),
        INSYN_EINVAL);
    assert_true(has_error(&err, "done_on", "efter i dag"));

    /* the signing waits too; the other meetings do not */
    assert_int_equal(book(&items[1], "2026-05-20", &x, "2026-05-05", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "planned_on", "Avtalstecknandet"));
    assert_int_equal(book(&items[7], "2026-05-20", &x, "2026-05-05", &a, &err), 0);

    /* the responsible person */
    struct onboarding_input who = {.responsible_id = "abc"};
    err_clear(&err);
    assert_int_equal(onboarding_apply(&items[7], &who, &x, &application_default_rules,
                                      d("2026-05-05"), &a, &err),
                     INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "responsible_id"));
    who.responsible_id = "";
    err_clear(&err);
    assert_int_equal(onboarding_apply(&items[7], &who, &x, &application_default_rules,
                                      d("2026-05-05"), &a, &err),
                     INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "responsible_id"));
    who.responsible_id = "9";
    err_clear(&err);
    assert_int_equal(onboarding_apply(&items[7], &who, &x, &application_default_rules,
                                      d("2026-05-05"), &a, &err),
                     0);
    assert_int_equal(items[7].responsible_id, 9);
    arena_free(&a);
}

static void
a_nursing_homes_signing_waits_for_legal_force(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    approved(&x, "nursing_home", "0", "2026-03-02", "2026-03-10", "2026-05-01", "2026-05-04", &a);
    struct onboarding_item *items;
    onboarding_items_make(&x, &application_default_rules, 0, &a, &items);
    assert_int_equal(book(&items[0], "2026-05-24", &x, "2026-05-05", &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "planned_on", "Avtalstecknandet"));
    assert_true(has_error(&err, "planned_on", "2026-05-25"));
    assert_int_equal(book(&items[0], "2026-05-25", &x, "2026-05-05", &a, &err), 0);
    arena_free(&a);
}

/* ---- signing ---- */

static int
sign(const struct application *x, const char *on, const char *today, int *signed_on,
     struct arena *a, struct insyn_err *err)
{
    err_clear(err);
    struct sign_input in = {.signed_on = on, .case_ref = "SN 2026/0042", .start = "2026-06-01"};
    return application_sign_check(x, &in, &application_default_rules, d(today), signed_on, a, err);
}

static void
the_agreement_is_signed_after_legal_force(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    int on = DATE_NONE;

    /* rejected: no agreement */
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    assert_int_equal(sign(&x, "2026-06-01", "2026-06-01", &on, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "signed_on", "godkänt"));
    complete(&x, "2026-03-10", &a);
    assert_int_equal(decide(&x, "reject", "2026-04-01", "Skäl.", &all_facts, &a, &err), 0);
    assert_int_equal(application_announce(&x, "2026-04-01", d("2026-04-01"), &a, &err), 0);
    assert_int_equal(sign(&x, "2026-06-01", "2026-06-01", &on, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "signed_on", "godkänt"));

    /* approved, not announced */
    approved(&x, "home_care", "1", "2026-03-02", "2026-03-10", "2026-05-01", NULL, &a);
    assert_int_equal(sign(&x, "2026-05-10", "2026-05-10", &on, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "signed_on", "meddelats"));

    /* announced 4 May: legal force 25 May */
    assert_int_equal(application_announce(&x, "2026-05-04", d("2026-05-04"), &a, &err), 0);
    assert_int_equal(sign(&x, "2026-05-24", "2026-05-24", &on, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "signed_on", "laga kraft (2026-05-25)"));
    assert_int_equal(sign(&x, "2026-05-26", "2026-05-25", &on, &a, &err), INSYN_EINVAL);
    assert_true(has_error(&err, "signed_on", "efter i dag"));
    assert_int_equal(sign(&x, "", "2026-05-25", &on, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "signed_on"));
    assert_int_equal(sign(&x, "2026-05-25", "2026-05-25", &on, &a, &err), 0);
    assert_int_equal(on, d("2026-05-25"));
    assert_int_equal(sign(&x, "2026-06-02", "2026-06-10", &on, &a, &err), 0);
    assert_int_equal(on, d("2026-06-02"));

    /* signed already */
    x.agreement_id = 3;
    assert_int_equal(sign(&x, "2026-06-02", "2026-06-10", &on, &a, &err), INSYN_ECONFLICT);
    assert_int_equal(err.code, INSYN_ECONFLICT);
    arena_free(&a);
}
/* ---- withdrawal ---- */

static void
a_withdrawn_application_ends_undecided(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct application x;
    new_application(&x, "home_care", "1", "2026-03-02", &a);
    struct application_step_input req = {
        .step = "supplements", .requested_on = "2026-03-04", .request = "Meritförteckning."};
    assert_int_equal(step(&x, &req, "2026-03-10", &a, &err), 0);

    /* the day lies between receipt and today; the note is free text without a personnummer */
    err_clear(&err);
    assert_int_equal(application_withdraw(&x, "2026-03-01", "", d("2026-03-10"), &a, &err),
                     INSYN_EINVAL);
    assert_true(has_error(&err, "withdrawn_on", "före den dag ansökan kom in"));
    err_clear(&err);
    assert_int_equal(application_withdraw(&x, "2026-03-11", "", d("2026-03-10"), &a, &err),
                     INSYN_EINVAL);
    err_clear(&err);
    assert_int_equal(
        application_withdraw(&x, "2026-03-08", "Ring 19121212-1212", d("2026-03-10"), &a, &err),
        INSYN_EINVAL);
    assert_true(has_error(&err, "note", "personnummer"));
    assert_int_equal(x.withdrawn_on, DATE_NONE);

    err_clear(&err);
    assert_int_equal(
        application_withdraw(&x, "2026-03-08", "Per e-post.", d("2026-03-10"), &a, &err), 0);
    assert_string_equal(application_status(&x), "withdrawn");
    assert_true(code_valid(application_statuses, "withdrawn"));
    assert_true(application_closed(&x));
    struct application_clock c;
    application_clock(&x, &application_default_rules, d("2026-04-01"), &c);
    assert_int_equal(c.supplement_due, DATE_NONE);
    assert_int_equal(c.supplement_request_due, DATE_NONE);
    assert_int_equal(c.days_open, 6);
    assert_int_equal(c.step_started, d("2026-03-08"));

    /* nothing more is done with it */
    struct application_step_input review = {.step = "first_review", .done_on = "2026-03-09"};
    assert_int_equal(step(&x, &review, "2026-03-10", &a, &err), INSYN_ECONFLICT);
    err_clear(&err);
    assert_int_equal(decide(&x, "reject", "2026-03-09", "Skäl.", &all_facts, &a, &err),
                     INSYN_ECONFLICT);
    err_clear(&err);
    assert_int_equal(application_withdraw(&x, "2026-03-09", "", d("2026-03-10"), &a, &err),
                     INSYN_ECONFLICT);

    /* a decided application is not withdrawn */
    struct application y;
    approved(&y, "home_care", "1", "2026-03-02", "2026-03-05", "2026-03-09", NULL, &a);
    err_clear(&err);
    assert_int_equal(application_withdraw(&y, "2026-03-10", "", d("2026-03-10"), &a, &err),
                     INSYN_ECONFLICT);
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_application_starts_with_nothing_done),
        cmocka_unit_test(validate_refuses_each_bad_field_by_name),
        cmocka_unit_test(the_clocks_run_across_a_year_end),
        cmocka_unit_test(the_clocks_count_the_leap_day),
        cmocka_unit_test(the_clocks_numbers_are_settings),
        cmocka_unit_test(a_rejection_has_no_agreement_meeting),
        cmocka_unit_test(step_dates_lie_between_receipt_and_today),
        cmocka_unit_test(supplements_come_in_order),
        cmocka_unit_test(a_stale_form_is_refused),
        cmocka_unit_test(no_step_changes_after_the_decision),
        cmocka_unit_test(the_operations_manager_attends_the_information_meeting),
        cmocka_unit_test(the_quality_management_system_is_approved_or_not),
        cmocka_unit_test(the_assessment_is_made_with_the_deputy_director),
        cmocka_unit_test(an_approval_needs_references_checks_and_a_quality_system),
        cmocka_unit_test(a_documented_exception_lets_failed_checks_pass),
        cmocka_unit_test(a_decision_needs_a_complete_application),
        cmocka_unit_test(a_rejection_is_reasoned_and_a_decision_made_once),
        cmocka_unit_test(the_decision_is_announced_once_after_it_was_made),
        cmocka_unit_test(the_status_follows_the_case),
        cmocka_unit_test(home_care_with_personal_care_has_ten_items),
        cmocka_unit_test(home_care_without_personal_care_has_seven_items),
        cmocka_unit_test(nursing_homes_have_their_own_programme),
        cmocka_unit_test(no_due_dates_before_an_approval),
        cmocka_unit_test(a_withdrawn_application_ends_undecided),
        cmocka_unit_test(the_agreement_meeting_waits_for_legal_force),
        cmocka_unit_test(a_nursing_homes_signing_waits_for_legal_force),
        cmocka_unit_test(the_agreement_is_signed_after_legal_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
