/* agreement.c — rules for agreements: dates, extensions, form versus organisation, and
 * what the overview says about one that is about to end. */
#include "core/codes.h"
#include "core/date.h"
#include "core/domain.h"
#include "core/field.h"
#include "core/pnr.h"
#include "core/text.h"

#include <string.h>

/* A list of items, one a line; each item is free text of at most 1000 bytes. */
static int
item_list(struct arena *a, const char *in, const char *field, const char *label, char ***out,
          int row, struct insyn_err *err)
{
    int n = text_split_lines(a, in, out);
    if (n > 200)
        err_field(err, row, field, "%s får innehålla högst 200 punkter.", label);
    for (int i = 0; i < n; i++) {
        if (!text_is_clean_utf8((*out)[i]))
            err_field(err, row, field, "%s, punkt %d, innehåller otillåtna tecken.", label, i + 1);
        else if (strlen((*out)[i]) > 1000)
            err_field(err, row, field, "%s, punkt %d, får vara högst 1000 tecken.", label, i + 1);
        else if (text_contains_personnummer((*out)[i]))
            err_field(err, row, field,
                      "%s, punkt %d, innehåller något som ser ut som ett personnummer.", label,
                      i + 1);
    }
    return n;
}

/* An optional whole number from lo to hi; -1 when empty (or wrong, with a field error). */
static int
optional_level(struct arena *a, const char *in, const char *field, const char *label, int lo,
               int hi, int row, struct insyn_err *err)
{
    const char *s = text_trim(a, in);
    long long v;
    if (!*s)
        return -1;
    if (text_parse_uint(s, 1000, &v) != 0 || v < lo || v > hi) {
        err_field(err, row, field, "%s ska vara ett heltal från %d till %d, eller tomt.", label, lo,
                  hi);
        return -1;
    }
    return (int)v;
}

/* Unit ids separated by commas, spaces or newlines. */
static int
id_list(struct arena *a, const char *in, long long **out, int row, struct insyn_err *err)
{
    int n = 0;
    *out = NULL;
    if (!in)
        return 0;
    size_t len = strlen(in);
    *out = arena_alloc(a, sizeof **out * (len / 2 + 1));
    const char *p = in;
    while (*p) {
        size_t skip = strspn(p, ", \t\r\n");
        p += skip;
        if (!*p)
            break;
        size_t tok = strcspn(p, ", \t\r\n");
        long long v;
        if (text_parse_uint(arena_strndup(a, p, tok), 1LL << 53, &v) != 0 || v == 0) {
            err_field(err, row, "unit_ids", "Enheterna ska anges med sina id-nummer.");
            return 0;
        }
        int dup = 0;
        for (int i = 0; i < n; i++)
            dup |= (*out)[i] == v;
        if (!dup)
            (*out)[n++] = v;
        p += tok;
    }
    return n;
}

int
agreement_validate(const struct agreement_input *in, const struct agreement_context *ctx,
                   struct agreement *out, struct arena *a, int row, struct insyn_err *err)
{
    int before = err ? err->nfields : 0;

    out->case_ref = field_text(a, in->case_ref, "case_ref", "Diarienummer", 60, 1, row, err);
    out->title = field_text(a, in->title, "title", "Avtalets benämning", 200, 1, row, err);
    out->form = field_code(a, agreement_forms, in->form, "form", "Avtalsform", 1, row, err);
    out->service_area = field_code(a, service_areas, in->service_area, "service_area",
                                   "Verksamhetsområde", 1, row, err);
    out->status = field_code(a, agreement_statuses, in->status, "status", "Status", 0, row, err);
    if (!*out->status)
        out->status = "active";
    out->termination_reason = field_text(a, in->termination_reason, "termination_reason",
                                         "Skäl till uppsägning", 1000, 0, row, err);
    if (strcmp(out->status, "terminated") == 0 && !*out->termination_reason)
        err_field(err, row, "termination_reason",
                  "Ange skälet när ett avtal är uppsagt eller hävt.");
    out->notes = field_text(a, in->notes, "notes", "Anteckningar", 4000, 0, row, err);
    out->credit_min_creditsafe =
        optional_level(a, in->credit_min_creditsafe, "credit_min_creditsafe",
                       "Lägsta godkända rating hos Creditsafe", 0, 100, row, err);
    out->credit_min_uc = optional_level(a, in->credit_min_uc, "credit_min_uc",
                                        "Lägsta godkända riskklass hos UC", 1, 5, row, err);
    out->termination_flag = "";
    out->termination_flagged_on = DATE_NONE;

    long long v =
        field_uint(a, in->organisation_id, "organisation_id", "Utförare", 0, 1LL << 53, row, err);
    out->organisation_id = v;
    if (v == 0 || !ctx->organisation_found) {
        if (!err_for_field(err, "organisation_id"))
            err_field(err, row, "organisation_id",
                      "Utförare måste väljas bland registrerade utförare.");
    } else if (ctx->organisation_kind && *out->form) {
        if (strcmp(out->form, "in_house") == 0 && strcmp(ctx->organisation_kind, "in_house") != 0)
            err_field(
                err, row, "organisation_id",
                "Egen regi kan bara avse kommunens egen verksamhet, inte en extern utförare.");
        if (strcmp(out->form, "iop") == 0 && strcmp(ctx->organisation_kind, "non_profit") != 0)
            err_field(err, row, "organisation_id",
                      "IOP kan bara ingås med en idéburen organisation.");
    }
    out->strategist_id = field_uint(a, in->strategist_id, "strategist_id", "Ansvarig strateg", 0,
                                    1LL << 53, row, err);
    out->n_units = id_list(a, in->unit_ids, &out->unit_ids, row, err);

    out->start = field_date(a, in->start, "start", "Startdatum", 1, row, err);
    out->end = field_date(a, in->end, "end", "Slutdatum", 1, row, err);
    out->extensions_left = (int)field_uint(a, in->extensions_left, "extensions_left",
                                           "Antal möjliga förlängningar", 0, 20, row, err);
    out->extension_months = (int)field_uint(a, in->extension_months, "extension_months",
                                            "Månader per förlängning", 0, 120, row, err);
    out->latest_end =
        field_date(a, in->latest_end, "latest_end", "Senaste möjliga slutdatum", 0, row, err);

    out->approved_on =
        field_date(a, in->approved_on, "approved_on", "Datum för godkännande", 0, row, err);
    out->signed_on =
        field_date(a, in->signed_on, "signed_on", "Datum för avtalstecknande", 0, row, err);
    if (out->approved_on != DATE_NONE && out->signed_on != DATE_NONE &&
        out->signed_on < out->approved_on)
        err_field(err, row, "signed_on",
                  "Avtalet kan inte ha tecknats före godkännandet; kontrollera datumen.");

    if (out->start != DATE_NONE && out->end != DATE_NONE && out->end < out->start)
        err_field(err, row, "end", "Slutdatum kan inte vara före startdatum.");
    if (out->extensions_left > 0 && out->extension_months == 0 &&
        !err_for_field(err, "extension_months"))
        err_field(err, row, "extension_months",
                  "Ange hur många månader varje förlängning gäller när förlängning är möjlig.");
    if (out->end != DATE_NONE) {
        if (out->latest_end == DATE_NONE && !err_for_field(err, "latest_end"))
            out->latest_end =
                out->extensions_left > 0 && out->extension_months > 0
                    ? date_add_months(out->end, out->extensions_left * out->extension_months)
                    : out->end;
        if (out->latest_end != DATE_NONE && out->latest_end < out->end)
            err_field(err, row, "latest_end",
                      "Senaste möjliga slutdatum kan inte vara före slutdatum.");
        else if (out->latest_end != DATE_NONE && out->extensions_left == 0 &&
                 out->latest_end > out->end)
            err_field(err, row, "latest_end",
                      "Avtalet har inga förlängningar kvar; senaste möjliga slutdatum ska då vara "
                      "detsamma som slutdatum.");
    }

    out->n_value_adds =
        item_list(a, in->value_adds, "value_adds", "Mervärden", &out->value_adds, row, err);
    out->n_requirements =
        item_list(a, in->requirements, "requirements", "Krav", &out->requirements, row, err);
    return err && err->nfields > before ? INSYN_EINVAL : 0;
}

void
agreement_outlook(const struct agreement *ag, int today, struct agreement_outlook *out)
{
    out->days_left = ag->end - today;
    out->latest_end = ag->latest_end == DATE_NONE ? ag->end : ag->latest_end;
    out->can_extend =
        ag->extensions_left > 0 && ag->extension_months > 0 && out->latest_end > ag->end;
    out->next_end = DATE_NONE;
    if (out->can_extend) {
        int next = date_add_months(ag->end, ag->extension_months);
        out->next_end = next < out->latest_end ? next : out->latest_end;
    }
}

int
agreement_extend(struct agreement *ag, struct insyn_err *err)
{
    struct agreement_outlook o;
    agreement_outlook(ag, ag->end, &o);
    if (!o.can_extend)
        return err_set(err, INSYN_EINVAL,
                       "Avtalet kan inte förlängas: inga förlängningar återstår.");
    if (strcmp(ag->status, "active") != 0)
        return err_set(err, INSYN_EINVAL, "Bara ett gällande avtal kan förlängas.");
    ag->end = o.next_end;
    ag->extensions_left--;
    return 0;
}
