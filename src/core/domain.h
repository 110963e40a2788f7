/* domain.h — the registry's entities as plain structs, and their rules.
 *
 * An *_input holds what a user typed (a form, a JSON body, a CSV row): every field a
 * string, NULL when absent. *_validate checks an input whole, adds one field error per
 * problem, and fills the typed struct with normalised values. Facts that need the store
 * (does the organisation exist, what kind is it) come in through a context struct. No I/O. */
#ifndef INSYN_DOMAIN_H
#define INSYN_DOMAIN_H

#include "core/arena.h"
#include "core/err.h"

#include <stddef.h>

struct organisation_input {
    const char *name, *org_nr, *kind, *legal_form;
    const char *contact_name, *contact_email, *contact_phone, *notes;
};

struct organisation {
    long long id;
    char *name;
    char org_nr[12];
    char *kind, *legal_form;
    char *contact_name, *contact_email, *contact_phone, *notes;
    char *created_at, *updated_at;
    int unit_count, agreement_count; /* filled by lists */
};

struct unit_input {
    const char *organisation_id, *name, *service_area, *capacity, *address;
    const char *ivo_permit_number, *ivo_permit_status, *ivo_permit_date;
};

struct unit {
    long long id, organisation_id;
    char *organisation_name;
    char *name, *service_area, *address;
    int capacity; /* -1 when not given */
    char *ivo_permit_number, *ivo_permit_status;
    int ivo_permit_date; /* DATE_NONE when not given */
    char *created_at, *updated_at;
};

struct agreement_input {
    const char *case_ref, *title, *form, *service_area, *organisation_id, *unit_ids;
    const char *start, *end, *extensions_left, *extension_months, *latest_end;
    const char *approved_on, *signed_on;
    const char *value_adds, *requirements; /* one item a line */
    const char *strategist_id, *status, *termination_reason, *notes;
    /* the lowest passing credit rating (Creditsafe 0-100, UC risk class 1-5); empty: the
     * setting's default */
    const char *credit_min_creditsafe, *credit_min_uc;
};

struct agreement {
    long long id, organisation_id, strategist_id; /* strategist_id 0 when none */
    char *case_ref, *title, *form, *service_area;
    char *organisation_name, *organisation_kind, *organisation_org_nr;
    char *strategist_name, *strategist_email;
    int start, end, extensions_left, extension_months, latest_end;
    /* when the committee approved the provider (LOV) and when the agreement was signed;
     * DATE_NONE when not known. Introduction follow-ups count from them (seed 003). */
    int approved_on, signed_on;
    char **value_adds, **requirements;
    int n_value_adds, n_requirements;
    long long *unit_ids;
    char **unit_names;
    int n_units;
    char *status, *termination_reason, *notes;
    char *created_at, *updated_at;
    int credit_min_creditsafe, credit_min_uc; /* -1: the setting's default */
    /* set when a revoked permit or a bankruptcy calls for termination (termination_causes),
     * "" when not; read only, written by the external controls */
    char *termination_flag;
    int termination_flagged_on; /* DATE_NONE when not flagged */
};

/* The fields of an input struct by name, so that forms, JSON bodies and CSV rows fill
 * them through one table. Each table ends with {NULL, 0}. */
struct input_field {
    const char *name;
    size_t offset;
};
extern const struct input_field organisation_input_fields[];
extern const struct input_field unit_input_fields[];
extern const struct input_field agreement_input_fields[];
static inline const char **
input_slot(void *input, const struct input_field *f)
{
    return (const char **)((char *)input + f->offset);
}

/* Facts about the referenced organisation, looked up by the caller. */
struct agreement_context {
    int organisation_found;
    const char *organisation_kind;
};

int organisation_validate(const struct organisation_input *in, struct organisation *out,
                          struct arena *a, int row, struct insyn_err *err);
int unit_validate(const struct unit_input *in, struct unit *out, struct arena *a, int row,
                  struct insyn_err *err);
int agreement_validate(const struct agreement_input *in, const struct agreement_context *ctx,
                       struct agreement *out, struct arena *a, int row, struct insyn_err *err);

/* What the overview says about an agreement that is about to end. */
struct agreement_outlook {
    int days_left;
    int can_extend; /* an extension is still possible */
    int next_end;   /* end after the next extension, when can_extend */
    int latest_end;
};
void agreement_outlook(const struct agreement *ag, int today, struct agreement_outlook *out);
/* Uses the next extension: the end moves to the outlook's next end and one extension
 * fewer remains. Refused when no extension is possible. */
int agreement_extend(struct agreement *ag, struct insyn_err *err);

#endif
