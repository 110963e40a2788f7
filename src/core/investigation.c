/* investigation.c — rules of event-driven follow-ups: the plan, its focus areas, meetings
 * and closing. */
#include "core/investigation.h"

#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

#define F(type, name)                                                                              \
    {                                                                                              \
#name, offsetof(struct type, name)                                                         \
    }

const struct input_field investigation_input_fields[] = {
    F(investigation_input, organisation_id),
    F(investigation_input, agreement_id),
    F(investigation_input, kind),
    F(investigation_input, opened_on),
    F(investigation_input, reason),
    F(investigation_input, communication_plan),
    F(investigation_input, responsible_id),
    F(investigation_input, signal_ids),
    {NULL, 0},
};

const struct input_field investigation_area_input_fields[] = {
    F(investigation_area_input, area),     F(investigation_area_input, responsible_id),
    F(investigation_area_input, due),      F(investigation_area_input, status),
    F(investigation_area_input, findings), {NULL, 0},
};

const struct input_field investigation_meeting_input_fields[] = {
    F(investigation_meeting_input, held_on),
    F(investigation_meeting_input, attendees),
    F(investigation_meeting_input, findings),
    {NULL, 0},
};

const struct input_field investigation_close_input_fields[] = {
    F(investigation_close_input, outcome),
    F(investigation_close_input, summary),
    F(investigation_close_input, closed_on),
    {NULL, 0},
};

const struct code_label investigation_area_statuses[] = {
    {"open", "Pågår"},
    {"done", "Klart"},
    {NULL, NULL},
};

/* An id: empty is 0 (none) unless required; anything but a positive integer is an error. */
static long long
field_id(struct arena *a, const char *in, const char *field, const char *label, int required,
         struct insyn_err *err)
{
    char *s = text_trim(a, in);
    long long v = 0;
    if (!*s) {
        if (required)
            err_field(err, 0, field, "%s måste väljas.", label);
        return 0;
    }
    if (text_parse_uint(s, 1LL << 53, &v) != 0 || v == 0) {
        err_field(err, 0, field, "%s är inte giltig.", label);
        return 0;
    }
    return v;
}

int
investigation_validate(const struct investigation_input *in, struct investigation *out,
                       struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    out->organisation_id = field_id(a, in->organisation_id, "organisation_id", "Utföraren", 1, err);
    out->agreement_id = field_id(a, in->agreement_id, "agreement_id", "Avtalet", 0, err);
    out->kind =
        field_code(a, investigation_kinds, in->kind, "kind", "Slag av uppföljning", 0, 0, err);
    if (!*out->kind)
        out->kind = "event_driven";
    out->opened_on = field_date(a, in->opened_on, "opened_on", "Startdatum", 1, 0, err);
    out->reason =
        field_text(a, in->reason, "reason", "Anledningen", INVESTIGATION_MAX_TEXT, 1, 0, err);
    out->communication_plan = field_text(a, in->communication_plan, "communication_plan",
                                         "Kommunikationsplanen", INVESTIGATION_MAX_TEXT, 0, 0, err);
    out->responsible_id =
        field_id(a, in->responsible_id, "responsible_id", "Ansvarig person", 0, err);
    out->status = "open";
    out->outcome = out->outcome_summary = "";
    out->closed_on = DATE_NONE;
    char **lines;
    int n = text_split_lines(a, in->signal_ids ? in->signal_ids : "", &lines);
    if (n > INVESTIGATION_MAX_SIGNALS) {
        err_field(err, 0, "signal_ids", "Högst %d signaler kan kopplas till en uppföljning.",
                  INVESTIGATION_MAX_SIGNALS);
        n = 0;
    }
    out->signal_ids = arena_alloc(a, sizeof *out->signal_ids * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        long long v;
        if (text_parse_uint(lines[i], 1LL << 53, &v) != 0 || v == 0) {
            err_field(err, 0, "signal_ids", "Signalen %s finns inte.", lines[i]);
            continue;
        }
        int seen = 0;
        for (int j = 0; j < out->n_signals && !seen; j++)
            seen = out->signal_ids[j] == v;
        if (!seen)
            out->signal_ids[out->n_signals++] = v;
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
investigation_area_validate(const struct investigation_area_input *in,
                            struct investigation_area *out, struct arena *a, int row,
                            struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    char f_area[40], f_resp[40], f_due[40], f_status[40], f_findings[40];
    if (row > 0) {
        snprintf(f_area, sizeof f_area, "areas[%d].area", row - 1);
        snprintf(f_resp, sizeof f_resp, "areas[%d].responsible_id", row - 1);
        snprintf(f_due, sizeof f_due, "areas[%d].due", row - 1);
        snprintf(f_status, sizeof f_status, "areas[%d].status", row - 1);
        snprintf(f_findings, sizeof f_findings, "areas[%d].findings", row - 1);
    } else {
        snprintf(f_area, sizeof f_area, "area");
        snprintf(f_resp, sizeof f_resp, "responsible_id");
        snprintf(f_due, sizeof f_due, "due");
        snprintf(f_status, sizeof f_status, "status");
        snprintf(f_findings, sizeof f_findings, "findings");
    }
    out->area = field_text(a, in->area, f_area, "Fokusområdet", INVESTIGATION_MAX_AREA, 1, 0, err);
    out->responsible_id = field_id(a, in->responsible_id, f_resp, "Ansvarig för området", 1, err);
    out->due = field_date(a, in->due, f_due, "Klart senast", 1, 0, err);
    out->status =
        field_code(a, investigation_area_statuses, in->status, f_status, "Status", 0, 0, err);
    if (!*out->status)
        out->status = "open";
    out->findings =
        field_text(a, in->findings, f_findings, "Iakttagelser", INVESTIGATION_MAX_TEXT, 0, 0, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
investigation_meeting_validate(const struct investigation_meeting_input *in,
                               struct investigation_meeting *out, struct arena *a,
                               struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    out->held_on = field_date(a, in->held_on, "held_on", "Mötesdatum", 1, 0, err);
    char *att =
        field_text(a, in->attendees, "attendees", "Deltagare", INVESTIGATION_MAX_TEXT, 1, 0, err);
    char **lines;
    int n = text_split_lines(a, att, &lines);
    char *joined = ""; /* one person a line, without empty lines */
    for (int i = 0; i < n; i++)
        joined = arena_printf(a, "%s%s%s", joined, i ? "\n" : "", lines[i]);
    out->attendees = joined;
    out->findings =
        field_text(a, in->findings, "findings", "Iakttagelser", INVESTIGATION_MAX_TEXT, 1, 0, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
investigation_close_validate(const struct investigation_close_input *in, struct investigation *inv,
                             struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    char *outcome =
        field_code(a, investigation_outcomes, in->outcome, "outcome", "Utfallet", 1, 0, err);
    char *summary = field_text(a, in->summary, "summary", "Sammanfattningen",
                               INVESTIGATION_MAX_TEXT, 1, 0, err);
    int closed_on = field_date(a, in->closed_on, "closed_on", "Avslutsdatum", 1, 0, err);
    if (closed_on != DATE_NONE && inv->opened_on != DATE_NONE && closed_on < inv->opened_on) {
        char d[11];
        date_format(inv->opened_on, d);
        err_field(err, 0, "closed_on",
                  "Avslutsdatum kan inte vara före den dag uppföljningen inleddes (%s).", d);
    }
    if (strcmp(inv->status, "closed") == 0)
        err_set(err, INSYN_ECONFLICT, "Uppföljningen är redan avslutad.");
    if (err->nfields > before || err->code)
        return err->code ? err->code : INSYN_EINVAL;
    inv->outcome = outcome;
    inv->outcome_summary = summary;
    inv->closed_on = closed_on;
    inv->status = "closed";
    return 0;
}
