/* risk.h — the provider's risk indicator: a sum of points in which every point has a reason.
 *
 * The indicator never shows an unexplained number. Each fact about an organisation that adds to
 * it becomes one factor with its code, its Swedish label, its weight in points and its source
 * (which record, from when, with which value), and the score is nothing but the sum of the
 * factors' weights, capped at RISK_SCORE_MAX. A strategist can check every point against the
 * record it came from, and disagree with it.
 *
 * The weights, and why:
 *
 *   factor                      points  why
 *   signal                           5  one reported worry; many of them add up
 *   serious_signal                  20  seed 004: one serious shortcoming is reason enough to act
 *   credit_failed                   25  below the agreement's credit threshold (Creditsafe 40,
 *                                       UC 3): the provider may not be able to keep its promises
 *   tax_failed                      25  no F-skatt, unpaid taxes or contributions, or debts at
 *                                       Kronofogden: the procurement's own exclusion grounds
 *   ivo_inspection_decision         10  IVO has found shortcomings in a decision
 *   ivo_lex_sarah                   10  a serious incident or risk reported under Lex Sarah
 *   ivo_complaint                    5  a complaint to IVO, not yet tried
 *   ivo_permit_revoked              40  the provider may no longer run the service
 *   bankruptcy                      50  the provider cannot carry on; high by itself
 *   open_investigation              10  the administration itself is following it up now
 *   sanction_correction_request      5  a shortcoming the provider was asked to correct
 *   sanction_price_reduction        10  a shortcoming that cost the provider money
 *   sanction_penalty                15  a contractual penalty (vite)
 *   sanction_warning                15  the last step before termination
 *   sanction_termination            30  the agreement was terminated
 *   sanction_rescission             30  the agreement was rescinded
 *
 * What counts: signals that occurred in the last 12 months (RISK_SIGNAL_MONTHS: after today
 * minus 12 months, up to today), except those the coordinators found needed no action (and,
 * left out by the caller, those a control made by itself: the control is the factor); the
 * latest credit check of each bureau and the latest tax check, when they failed (they stand
 * until the next check); IVO records and sanctions decided in the last 24 months
 * (RISK_RECORD_MONTHS); a bankruptcy at any time; open event-driven follow-ups.
 *
 * Levels: låg below 20, förhöjd below 50, hög from 50. No I/O. */
#ifndef INSYN_RISK_H
#define INSYN_RISK_H

#include "core/arena.h"

#define RISK_SCORE_MAX 100
#define RISK_LEVEL_ELEVATED 20 /* förhöjd from here */
#define RISK_LEVEL_HIGH 50     /* hög from here */
#define RISK_SIGNAL_MONTHS 12
#define RISK_RECORD_MONTHS 24

struct risk_weight {
    const char *code, *label;
    int weight;
};
/* The table above, ending with {NULL, NULL, 0}. */
extern const struct risk_weight risk_weights[];
/* The weight of a factor code; 0 for an unknown one. */
int risk_weight_of(const char *code);

/* ---- the facts about one organisation ---- */
struct risk_signal {
    long long id;
    int occurred_on;
    const char *category; /* signal_categories */
    int serious;
    const char *outcome; /* "" while not reviewed */
};
struct risk_credit {
    long long id;
    const char *bureau; /* creditsafe | uc */
    int checked_on, value, threshold;
    int passed;
};
struct risk_tax {
    long long id;
    int checked_on;
    int passed;
    /* -1 when not recorded; else 1 yes / 0 no, the debt in öre */
    int f_tax, taxes_paid, contributions_paid;
    long long enforcement_debt;
};
struct risk_ivo {
    long long id;
    const char *kind; /* ivo_record_kinds */
    int decided_on;
    const char *reference;
};
struct risk_investigation {
    long long id;
    const char *kind; /* investigation_kinds */
    int opened_on;
};
struct risk_sanction {
    long long id, agreement_id;
    const char *kind; /* sanction_kinds */
    int decided_on;
    const char *case_ref; /* the agreement's, may be "" */
};
struct risk_facts {
    long long organisation_id;
    const char *name, *org_nr;
    struct risk_signal *signals;
    int n_signals;
    struct risk_credit *credits; /* any number; the latest of each bureau counts */
    int n_credits;
    struct risk_tax *taxes; /* any number; the latest counts */
    int n_taxes;
    struct risk_ivo *ivo;
    int n_ivo;
    long long bankruptcy_id; /* the bankruptcy record, 0 when none */
    int bankrupt_on;
    struct risk_investigation *investigations; /* the open ones */
    int n_investigations;
    struct risk_sanction *sanctions;
    int n_sanctions;
};

/* ---- the indicator ---- */
struct risk_factor {
    const char *factor; /* a code of risk_weights */
    const char *label;  /* its Swedish label */
    int weight;
    const char *source; /* the record it came from, in Swedish */
    const char *link;   /* the page of that record */
    int date;
};
struct risk {
    int score;                       /* the sum, capped at RISK_SCORE_MAX */
    int sum;                         /* the sum of the weights, uncapped */
    const char *level, *level_label; /* low | elevated | high; låg | förhöjd | hög */
    struct risk_factor *factors;     /* heaviest first, then newest first */
    int n_factors;
};

/* The level of a score: "low", "elevated" or "high"; *label its Swedish word. */
const char *risk_level(int score, const char **label);

/* Weighs the facts as of `today`. Every counted fact is one factor; the score is their sum. */
void risk_assess(const struct risk_facts *f, int today, struct arena *a, struct risk *out);

#endif
