/* check.h — external controls of a provider: credit checks, tax checks, IVO records and
 * bankruptcies, each kept as history, and the rules that say whether one passed.
 *
 * Seed 004: "Som grund för bedömningen av ekonomisk och finansiell ställning gäller enligt
 * avtalet att företagets riskklassificering/rating enligt ... UC AB inte får understiga 3 ...
 * enligt [Creditsafes] riskklassificering så motsvarar 40 riskklass UC 3." A Creditsafe score
 * runs 0-100 and a UC risk class 1-5, both higher the safer (UC class 1 is the highest risk),
 * so a check passes when its value is at least the threshold. The thresholds are per
 * agreement, by default Creditsafe 40 and UC 3 (settings). No I/O. */
#ifndef INSYN_CHECK_H
#define INSYN_CHECK_H

#include "core/arena.h"
#include "core/err.h"
#include "core/domain.h"

#define CREDITSAFE_MIN 0
#define CREDITSAFE_MAX 100
#define UC_MIN 1
#define UC_MAX 5
#define CHECK_DEFAULT_CREDITSAFE 40
#define CHECK_DEFAULT_UC 3

/* Everything a control may carry; which fields count depends on kind. The date is named by
 * kind (credit and tax: checked_on, ivo: decided_on, bankruptcy: date); checked_on is taken
 * for any kind when the kind's own name is absent. */
struct check_input {
    const char *org_nr, *organisation_id, *unit_id;
    const char *kind, *checked_on;
    const char *bureau, *value;                                             /* credit */
    const char *f_tax, *taxes_paid, *contributions_paid, *enforcement_debt; /* tax */
    const char *ivo_kind, *decided_on, *reference, *summary;                /* ivo */
    const char *date, *note;                                                /* bankruptcy */
};
extern const struct input_field check_input_fields[];

struct external_check {
    long long id, organisation_id, unit_id; /* unit 0 when none */
    char *org_nr;                           /* as given, before it is resolved (else read) */
    char *kind;
    int checked_on;
    char *bureau;
    int value, threshold, passed;              /* -1 when they do not apply */
    int f_tax, taxes_paid, contributions_paid; /* 1 | 0; -1 when not a tax check */
    long long enforcement_debt;                /* öre; -1 when not a tax check */
    char *ivo_kind, *reference, *summary;      /* summary: the bankruptcy's note too */
    long long signal_id;                       /* the signal the control made, 0 when none */
    long long created_by;
    char *created_by_name, *created_at;
    /* filled by reads */
    char *organisation_name, *unit_name;
    char *signal_category;
};

/* Checks an input whole for its kind, with Swedish field errors; the date may not lie after
 * today. The organisation is named by org_nr or organisation_id (resolving it is the
 * caller's). An IVO record of a revoked permit must name the unit: unit_field is the name
 * of the field that error names ("unit_id" when NULL). */
int check_validate(const struct check_input *in, int today, const char *unit_field,
                   struct external_check *out, struct arena *a, int row, struct insyn_err *err);

/* The lowest passing value at each bureau. */
struct credit_thresholds {
    int creditsafe, uc;
};
/* The threshold that applies to a credit check at its bureau. */
int check_credit_threshold(const char *bureau, const struct credit_thresholds *t);
/* Sets threshold and passed of a credit check (value >= threshold), passed of a tax check
 * (registered for F-skatt, taxes and contributions paid, no debt at Kronofogden); IVO
 * records and bankruptcies keep -1. Returns passed. */
int check_evaluate(struct external_check *c, const struct credit_thresholds *t);
/* What a failed control says, in Swedish, for the signal it makes: "Creditsafe 38, under
 * gränsen 40." or the tax check's failures. */
char *check_failure_text(struct arena *a, const struct external_check *c);

/* Kronor as written ("12 345", "12345,50") to öre; -1 when not an amount. */
long long check_parse_kronor(const char *s);

#endif
