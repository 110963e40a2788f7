/* import.c — all-or-nothing CSV imports of organisations, agreements and external controls.
 *
 * The whole file is validated first; every bad row is reported with its line number,
 * and only a file without a single problem is written, in one transaction with an audit
 * record per created entity. Column names are documented in docs/import.md. */
#include "app/app.h"
#include "app/checks.h"
#include "app/signals.h"
#include "app/volume.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/buf.h"
#include "core/orgnr.h"
#include "core/text.h"
#include "io/csv.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A column of the file: its name and which input field it fills (NULL for columns the
 * importer resolves itself, such as org_nr and strategist_email for agreements). */
struct column {
    const char *name;
    const struct input_field *field;
    int required;
};

static const struct input_field *
find_field(const struct input_field *fields, const char *name)
{
    for (; fields->name; fields++)
        if (strcmp(fields->name, name) == 0)
            return fields;
    return NULL;
}

/* Maps the header to columns; unknown or missing columns are errors on line 1. */
static int
read_header(const struct csv_row *header, const char *const *allowed, const char *const *required,
            const char ***names, struct insyn_err *err)
{
    *names = (const char **)header->fields;
    for (int i = 0; i < header->nfields; i++) {
        int known = 0;
        for (const char *const *c = allowed; *c; c++)
            known |= strcmp(*c, header->fields[i]) == 0;
        if (!known)
            err_field(err, header->line, header->fields[i], "Okänd kolumn \"%s\".",
                      header->fields[i]);
    }
    for (const char *const *c = required; *c; c++) {
        int present = 0;
        for (int i = 0; i < header->nfields; i++)
            present |= strcmp(*c, header->fields[i]) == 0;
        if (!present)
            err_field(err, header->line, *c, "Kolumnen \"%s\" saknas.", *c);
    }
    return err->nfields ? INSYN_EINVAL : 0;
}

static const char *
cell(const struct csv_row *row, const char **names, int ncols, const char *name)
{
    for (int i = 0; i < ncols && i < row->nfields; i++)
        if (strcmp(names[i], name) == 0)
            return row->fields[i];
    return NULL;
}

static int
row_shape(const struct csv_row *row, int ncols, struct insyn_err *err)
{
    if (row->nfields != ncols) {
        err_field(err, row->line, "rad", "Raden har %d fält men rubrikraden har %d.", row->nfields,
                  ncols);
        return -1;
    }
    return 0;
}

static int
finish_errors(struct insyn_err *err, const char *what)
{
    int rows = 0, last = -1;
    for (int i = 0; i < err->nfields; i++)
        if (err_field_at(err, i)->row != last)
            rows++, last = err_field_at(err, i)->row;
    if (err->truncated)
        return err_set(
            err, INSYN_EINVAL,
            "Inga %s har importerats. Filen har fel på minst %d rader; de första %d felen visas.",
            what, rows, err->nfields);
    return err_set(err, INSYN_EINVAL, "Inga %s har importerats. Filen har fel på %d %s.", what,
                   rows, rows == 1 ? "rad" : "rader");
}

/* What writing one checked row needs besides the row: the time it is written, the arena for
 * reads back, the settings of controls, and the signals the controls made. */
struct import_write {
    char now[21];
    struct arena *a;
    const struct settings *settings;
    int signals;
};
typedef int (*row_writer)(struct store *st, const struct actor *who, void *rows, int r,
                          struct import_write *w, struct insyn_err *err);

/* Writes rows 1..n of a checked file in one transaction: all of them, or (on any failure)
 * none. */
static int
write_all(struct store *st, const struct actor *who, void *rows, int n, row_writer write,
          struct import_write *w, struct insyn_err *err)
{
    app_timestamp(0, w->now);
    int rc = store_begin(st, err);
    for (int r = 1; r <= n && rc == 0; r++)
        rc = write(st, who, rows, r, w, err);
    if (rc == 0)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

static const char *const org_columns[] = {"name",          "org_nr",       "kind",
                                          "legal_form",    "contact_name", "contact_email",
                                          "contact_phone", "notes",        NULL};
static const char *const org_required[] = {"name", "org_nr", "kind", NULL};

static int
write_organisation(struct store *st, const struct actor *who, void *rows, int r,
                   struct import_write *w, struct insyn_err *err)
{
    struct organisation *o = &((struct organisation *)rows)[r];
    o->created_at = o->updated_at = w->now;
    int rc = store_org_insert(st, o, err);
    return rc ? rc
              : app_audit_take(st, who, "import", "organisation", o->id, NULL, organisation_json(o),
                               err);
}

int
app_import_organisations(struct store *st, const struct actor *who, const char *path, int *created,
                         struct insyn_err *err)
{
    *created = 0;
    if (app_require(who, PERM_ORG_WRITE, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    const char **names;
    int rc = csv_read_file(path, &a, &doc, err);
    if (rc || (rc = read_header(&doc.rows[0], org_columns, org_required, &names, err))) {
        if (err->nfields)
            finish_errors(err, "utförare");
        goto done;
    }
    int ncols = doc.rows[0].nfields;
    int n = doc.nrows - 1;
    struct organisation *orgs = arena_alloc(&a, sizeof *orgs * (size_t)(n + 1));
    for (int r = 1; r <= n; r++) {
        const struct csv_row *row = &doc.rows[r];
        if (row_shape(row, ncols, err))
            continue;
        struct organisation_input in = {0};
        for (int c = 0; c < ncols; c++)
            *input_slot(&in, find_field(organisation_input_fields, names[c])) = row->fields[c];
        if (organisation_validate(&in, &orgs[r], &a, row->line, err))
            continue;
        long long existing;
        if (store_org_id_by_orgnr(st, orgs[r].org_nr, &existing) == 0)
            err_field(err, row->line, "org_nr", "Organisationsnumret %s är redan registrerat.",
                      orgs[r].org_nr);
        for (int q = 1; q < r; q++)
            if (strcmp(orgs[q].org_nr, orgs[r].org_nr) == 0) {
                err_field(err, row->line, "org_nr",
                          "Organisationsnumret %s förekommer också på rad %d.", orgs[r].org_nr,
                          doc.rows[q].line);
                break;
            }
    }
    if (err->nfields) {
        rc = finish_errors(err, "utförare");
        goto done;
    }
    struct import_write w = {0};
    if ((rc = write_all(st, who, orgs, n, write_organisation, &w, err)) == 0)
        *created = n;
done:
    arena_free(&a);
    return rc;
}

static const char *const agreement_columns[] = {"case_ref",
                                                "title",
                                                "form",
                                                "service_area",
                                                "org_nr",
                                                "start",
                                                "end",
                                                "extensions_left",
                                                "extension_months",
                                                "latest_end",
                                                "approved_on",
                                                "signed_on",
                                                "value_adds",
                                                "requirements",
                                                "strategist_email",
                                                "status",
                                                "termination_reason",
                                                "notes",
                                                "credit_min_creditsafe",
                                                "credit_min_uc",
                                                NULL};
static const char *const agreement_required[] = {"case_ref", "title", "form", "service_area",
                                                 "org_nr",   "start", "end",  NULL};

/* Items in one cell: one a line, or separated by " | ". A "|" without space on both sides
 * is part of an item's text. */
static const char *
cell_items(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    char *copy = arena_strdup(a, s);
    for (char *p = copy; *p; p++)
        if (*p == '|' && (p == copy || isspace((unsigned char)p[-1])) &&
            (!p[1] || isspace((unsigned char)p[1])))
            *p = '\n';
    return copy;
}

static int
write_agreement(struct store *st, const struct actor *who, void *rows, int r,
                struct import_write *w, struct insyn_err *err)
{
    struct agreement *g = &((struct agreement *)rows)[r];
    g->created_at = g->updated_at = w->now;
    int rc = store_agreement_insert(st, g, err);
    if (rc == 0)
        rc = app_schedule_agreement(st, g, err);
    return rc ? rc
              : app_audit_take(st, who, "import", "agreement", g->id, NULL,
                               agreement_json(g, DATE_NONE), err);
}

int
app_import_agreements(struct store *st, const struct actor *who, const char *path, int *created,
                      struct insyn_err *err)
{
    *created = 0;
    if (app_require(who, PERM_AGREEMENT_WRITE, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    const char **names;
    int rc = csv_read_file(path, &a, &doc, err);
    if (rc ||
        (rc = read_header(&doc.rows[0], agreement_columns, agreement_required, &names, err))) {
        if (err->nfields)
            finish_errors(err, "avtal");
        goto done;
    }
    int ncols = doc.rows[0].nfields;
    int n = doc.nrows - 1;
    struct agreement *ags = arena_alloc(&a, sizeof *ags * (size_t)(n + 1));
    for (int r = 1; r <= n; r++) {
        const struct csv_row *row = &doc.rows[r];
        if (row_shape(row, ncols, err))
            continue;
        struct agreement_input in = {0};
        for (int c = 0; c < ncols; c++) {
            const struct input_field *f = find_field(agreement_input_fields, names[c]);
            if (f)
                *input_slot(&in, f) = row->fields[c];
        }
        in.value_adds = cell_items(&a, in.value_adds);
        in.requirements = cell_items(&a, in.requirements);
        const char *org_nr = cell(row, names, ncols, "org_nr");
        char nr[12];
        long long org_id;
        if (orgnr_normalize(org_nr, nr, row->line, "org_nr", err) == 0) {
            if (store_org_id_by_orgnr(st, nr, &org_id) == 0)
                in.organisation_id = arena_printf(&a, "%lld", org_id);
            else
                err_field(err, row->line, "org_nr",
                          "Ingen utförare med organisationsnummer %s finns registrerad.", nr);
        }
        const char *email = cell(row, names, ncols, "strategist_email");
        if (email && *email) {
            struct user u;
            if (store_user_by_email(st, email, &a, &u) == 0)
                in.strategist_id = arena_printf(&a, "%lld", u.id);
            else
                err_field(err, row->line, "strategist_email",
                          "Ingen användare med e-postadressen %s finns.", email);
        }
        if (in.organisation_id)
            app_agreement_check(st, &in, &a, row->line, &ags[r], err);
    }
    if (err->nfields) {
        rc = finish_errors(err, "avtal");
        goto done;
    }
    struct import_write w = {0};
    if ((rc = write_all(st, who, ags, n, write_agreement, &w, err)) == 0)
        *created = n;
done:
    arena_free(&a);
    return rc;
}

/* ---- external controls ---- */

static const char *const credit_columns[] = {"org_nr", "bureau", "checked_on", "value", NULL};
static const char *const ivo_columns[] = {"org_nr",    "unit",    "kind", "decided_on",
                                          "reference", "summary", NULL};
static const char *const ivo_required[] = {"org_nr", "kind", "decided_on", NULL};

/* Imports controls of one kind: every line checked first (organisation and unit resolved),
 * then all of them written in one transaction with what each makes happen. */
static int
write_check(struct store *st, const struct actor *who, void *rows, int r, struct import_write *w,
            struct insyn_err *err)
{
    struct external_check *c = &((struct external_check *)rows)[r];
    int rc = app_check_record_in(st, who, c, w->settings, w->a, err);
    w->signals += rc == 0 && c->signal_id != 0;
    return rc;
}

static int
import_checks(struct store *st, const struct actor *who, const char *path, int ivo, int *created,
              int *signals, struct insyn_err *err)
{
    *created = *signals = 0;
    if (app_require(who, PERM_CHECK_WRITE, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    const char **names;
    const char *what = ivo ? "IVO-underlag" : "kreditupplysningar";
    int rc = csv_read_file(path, &a, &doc, err);
    if (rc || (rc = read_header(&doc.rows[0], ivo ? ivo_columns : credit_columns,
                                ivo ? ivo_required : credit_columns, &names, err))) {
        if (err->nfields)
            finish_errors(err, what);
        goto done;
    }
    int ncols = doc.rows[0].nfields;
    int n = doc.nrows - 1;
    int today = app_today();
    struct external_check *checks = arena_alloc(&a, sizeof *checks * (size_t)(n + 1));
    for (int r = 1; r <= n; r++) {
        const struct csv_row *row = &doc.rows[r];
        if (row_shape(row, ncols, err))
            continue;
        struct check_input in = {
            .kind = ivo ? "ivo" : "credit",
            .bureau = cell(row, names, ncols, "bureau"),
            .checked_on = cell(row, names, ncols, "checked_on"),
            .value = cell(row, names, ncols, "value"),
            .ivo_kind = ivo ? cell(row, names, ncols, "kind") : NULL,
            .decided_on = cell(row, names, ncols, "decided_on"),
            .reference = cell(row, names, ncols, "reference"),
            .summary = cell(row, names, ncols, "summary"),
        };
        const char *unit = cell(row, names, ncols, "unit");
        in.org_nr = cell(row, names, ncols, "org_nr");
        char nr[12];
        long long org_id = 0, unit_id = 0;
        /* a malformed number is check_validate's to report; a well-formed one must exist */
        if (orgnr_normalize(in.org_nr, nr, row->line, "org_nr", NULL) == 0 &&
            store_org_id_by_orgnr(st, nr, &org_id) != 0)
            err_field(err, row->line, "org_nr",
                      "Ingen utförare med organisationsnummer %s finns registrerad.", nr);
        if (unit && *unit) {
            if (org_id && store_unit_id_by_name(st, org_id, unit, &unit_id) != 0)
                err_field(err, row->line, "unit", "Utföraren har ingen enhet som heter \"%s\".",
                          unit);
            /* a unit is named: an unknown one is reported above, not again as missing */
            in.unit_id = arena_printf(&a, "%lld", unit_id ? unit_id : 1);
        }
        if (check_validate(&in, today, "unit", &checks[r], &a, row->line, err) == 0) {
            checks[r].organisation_id = org_id;
            checks[r].unit_id = unit_id;
        }
    }
    if (err->nfields) {
        rc = finish_errors(err, what);
        goto done;
    }
    struct settings set;
    app_settings_get(st, &set);
    struct import_write w = {.a = &a, .settings = &set};
    if ((rc = write_all(st, who, checks, n, write_check, &w, err)) == 0) {
        *created = n;
        *signals = w.signals;
    }
done:
    arena_free(&a);
    return rc;
}

int
app_import_credit(struct store *st, const struct actor *who, const char *path, int *created,
                  int *signals, struct insyn_err *err)
{
    return import_checks(st, who, path, 0, created, signals, err);
}

int
app_import_ivo(struct store *st, const struct actor *who, const char *path, int *created,
               int *signals, struct insyn_err *err)
{
    return import_checks(st, who, path, 1, created, signals, err);
}

/* ---- placements and assignments ---- */

static const char *const placement_columns[] = {
    "org_nr", "unit", "agreement", "client", "case_worker", "start", "end", "end_reason", NULL};
static const char *const assignment_columns[] = {"agreement", "client", "kind",  "age_group",
                                                 "received",  "closed", "hours", "goal_outcome",
                                                 "reason",    NULL};

/* Reads the file and its header; a wrong header also says which header is expected. */
static int
volume_file(const char *path, const char *const *columns, const char *what, struct arena *a,
            struct csv_doc *doc, const char ***names, struct insyn_err *err)
{
    int rc = csv_read_file(path, a, doc, err);
    if (rc == 0 && (rc = read_header(&doc->rows[0], columns, columns, names, err))) {
        struct buf expected;
        buf_init(&expected);
        for (const char *const *c = columns; *c; c++)
            buf_printf(&expected, "%s%s", c == columns ? "" : ",", *c);
        err_field(err, doc->rows[0].line, "rubrikrad", "Rubrikraden ska vara: %s", expected.data);
        buf_free(&expected);
    }
    if (rc && err->nfields)
        finish_errors(err, what);
    return rc;
}

/* The agreement a placement names by case reference: the organisation's own among those that
 * share it. Errors on the line name the agreement column. */
static long long
placement_agreement(struct store *st, const char *case_ref, long long org_id, const char *org_nr,
                    int line, struct insyn_err *err)
{
    long long id;
    int count;
    if (store_agreement_id_by_case_ref(st, case_ref, org_id, &id, &count) == 0) {
        if (count == 1)
            return id;
        err_field(err, line, "agreement",
                  "Utföraren %s har %d avtal med diarienummer %s; placeringen kan inte knytas till "
                  "ett av dem.",
                  org_nr, count, case_ref);
    } else if (store_agreement_id_by_case_ref(st, case_ref, 0, &id, &count) == 0) {
        err_field(err, line, "agreement",
                  "Avtalet med diarienummer %s är inte tecknat med utföraren %s.", case_ref,
                  org_nr);
    } else {
        err_field(err, line, "agreement", "Det finns inget avtal med diarienummer %s.", case_ref);
    }
    return 0;
}

static int
write_placement(struct store *st, const struct actor *who, void *rows, int r,
                struct import_write *w, struct insyn_err *err)
{
    struct placement *p = &((struct placement *)rows)[r];
    p->created_at = w->now;
    return app_placement_add_in(st, who, "import", p, w->a, err);
}

static int
write_assignment(struct store *st, const struct actor *who, void *rows, int r,
                 struct import_write *w, struct insyn_err *err)
{
    struct assignment *x = &((struct assignment *)rows)[r];
    x->created_at = w->now;
    int rc = store_assignment_insert(st, x, err);
    if (rc == 0)
        rc = store_assignment_get(st, x->id, w->a, x, err);
    return rc ? rc
              : app_audit_take(st, who, "import", "assignment", x->id, NULL, assignment_json(x),
                               err);
}

int
app_import_placements(struct store *st, const struct actor *who, const char *path, int *created,
                      struct insyn_err *err)
{
    *created = 0;
    if (app_require(who, PERM_VOLUME_WRITE, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    const char **names;
    int rc = volume_file(path, placement_columns, "placeringar", &a, &doc, &names, err);
    if (rc)
        goto done;
    int ncols = doc.rows[0].nfields;
    int n = doc.nrows - 1;
    int today = app_today();
    struct placement *rows = arena_alloc(&a, sizeof *rows * (size_t)(n + 1));
    for (int r = 1; r <= n; r++) {
        const struct csv_row *row = &doc.rows[r];
        if (row_shape(row, ncols, err))
            continue;
        struct placement_input in = {
            .org_nr = cell(row, names, ncols, "org_nr"),
            .client = cell(row, names, ncols, "client"),
            .case_worker = cell(row, names, ncols, "case_worker"),
            .start = cell(row, names, ncols, "start"),
            .end = cell(row, names, ncols, "end"),
            .end_reason = cell(row, names, ncols, "end_reason"),
        };
        const char *unit = text_trim(&a, cell(row, names, ncols, "unit"));
        const char *case_ref = text_trim(&a, cell(row, names, ncols, "agreement"));
        char nr[12];
        long long org_id = 0, unit_id = 0, agreement_id = 0;
        /* a malformed number is placement_validate's to report; a well-formed one must exist */
        if (orgnr_normalize(in.org_nr, nr, row->line, "org_nr", NULL) == 0 &&
            store_org_id_by_orgnr(st, nr, &org_id) != 0)
            err_field(err, row->line, "org_nr",
                      "Ingen utförare med organisationsnummer %s finns registrerad.", nr);
        if (!*unit)
            err_field(err, row->line, "unit", "Ange enhetens namn.");
        else if (org_id && store_unit_id_by_name(st, org_id, unit, &unit_id) != 0)
            err_field(err, row->line, "unit", "Utföraren %s har ingen enhet som heter \"%s\".", nr,
                      unit);
        if (!*case_ref)
            err_field(err, row->line, "agreement", "Ange avtalets diarienummer.");
        else if (org_id)
            agreement_id = placement_agreement(st, case_ref, org_id, nr, row->line, err);
        /* named but not found: reported above, not again as missing */
        in.unit_id = *unit ? arena_printf(&a, "%lld", unit_id ? unit_id : 1) : "1";
        in.agreement_id =
            *case_ref ? arena_printf(&a, "%lld", agreement_id ? agreement_id : 1) : "1";
        if (placement_validate(&in, today, &rows[r], &a, row->line, err) == 0) {
            rows[r].organisation_id = org_id;
            rows[r].unit_id = unit_id;
            rows[r].agreement_id = agreement_id;
        }
    }
    if (err->nfields) {
        rc = finish_errors(err, "placeringar");
        goto done;
    }
    struct import_write w = {.a = &a};
    if ((rc = write_all(st, who, rows, n, write_placement, &w, err)) == 0)
        *created = n;
done:
    arena_free(&a);
    return rc;
}

int
app_import_assignments(struct store *st, const struct actor *who, const char *path, int *created,
                       struct insyn_err *err)
{
    *created = 0;
    if (app_require(who, PERM_VOLUME_WRITE, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    const char **names;
    int rc = volume_file(path, assignment_columns, "uppdrag", &a, &doc, &names, err);
    if (rc)
        goto done;
    int ncols = doc.rows[0].nfields;
    int n = doc.nrows - 1;
    int today = app_today();
    struct assignment *rows = arena_alloc(&a, sizeof *rows * (size_t)(n + 1));
    for (int r = 1; r <= n; r++) {
        const struct csv_row *row = &doc.rows[r];
        if (row_shape(row, ncols, err))
            continue;
        struct assignment_input in = {0};
        for (int c = 0; c < ncols; c++) {
            const struct input_field *f = find_field(assignment_input_fields, names[c]);
            if (f)
                *input_slot(&in, f) = row->fields[c];
        }
        const char *case_ref = text_trim(&a, cell(row, names, ncols, "agreement"));
        long long agreement_id = 0;
        int count = 0;
        if (!*case_ref)
            err_field(err, row->line, "agreement", "Ange avtalets diarienummer.");
        else if (store_agreement_id_by_case_ref(st, case_ref, 0, &agreement_id, &count) != 0)
            err_field(err, row->line, "agreement", "Det finns inget avtal med diarienummer %s.",
                      case_ref);
        else if (count > 1)
            err_field(err, row->line, "agreement",
                      "%d avtal har diarienummer %s. Uppdrag hör till ett avtal: ange ett "
                      "diarienummer som bara ett avtal har.",
                      count, case_ref);
        /* named but not found: reported above, not again as missing */
        in.agreement_id = arena_printf(&a, "%lld", agreement_id > 0 ? agreement_id : 1);
        if (assignment_validate(&in, today, &rows[r], &a, row->line, err) == 0)
            rows[r].agreement_id = agreement_id;
    }
    if (err->nfields) {
        rc = finish_errors(err, "uppdrag");
        goto done;
    }
    struct import_write w = {.a = &a};
    if ((rc = write_all(st, who, rows, n, write_assignment, &w, err)) == 0)
        *created = n;
done:
    arena_free(&a);
    return rc;
}
