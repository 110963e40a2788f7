/* application.c — the rules of a LOV application: its steps, guards, clocks and the
 * introduction programme of seed 003. */
#include "core/application.h"

#include "core/date.h"
#include "core/field.h"
#include "core/orgnr.h"
#include "core/permission.h"
#include "core/text.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define F(type, name)                                                                              \
    {                                                                                              \
#name, offsetof(struct type, name)                                                         \
    }

const struct application_rules application_default_rules = {
    .supplement_request_days = 14,
    .supplement_days = 14,
    .processing_days = 28,
    .legal_force_days = 21,
    .agreement_meeting_days = 14,
    .onboarding_days = 30,
};

const struct code_label application_statuses[] = {
    {"received", "Inkommen"},
    {"awaiting_supplements", "Väntar på komplettering"},
    {"in_review", "Under handläggning"},
    {"to_committee", "Till socialnämnden"},
    {"approved", "Godkänd, avtal ej tecknat"},
    {"rejected", "Avslagen"},
    {"onboarding", "Introduktion pågår"},
    {"onboarded", "Introducerad"},
    {"withdrawn", "Återkallad"},
    {NULL, NULL},
};

/* The routine's steps in its order; the decision has its own call (and permission). */
const struct code_label application_steps[] = {
    {"first_review", "Granskning av ansökan"},
    {"supplements", "Komplettering och komplett ansökan"},
    {"checks", "Kreditupplysning och kontroll med Skatteverket"},
    {"info_meeting", "Informationsmöte med sökande företag"},
    {"qms", "Ledningssystem för systematiskt kvalitetsarbete"},
    {"attachments", "Meritförteckningar och övriga bilagor"},
    {"assessment", "Bedömning"},
    {"mbl", "Underlag för MBL"},
    {"memo", "Tjänsteskrivelse till socialnämnden"},
    {NULL, NULL},
};

const struct code_label application_outcomes[] = {
    {"approve", "Godkänns"},
    {"reject", "Avslås"},
    {NULL, NULL},
};

const struct code_label reference_subjects[] = {
    {"management", "Företagets ledning"},
    {"operations_manager", "Verksamhetsansvarig"},
    {NULL, NULL},
};

/* Seed 003: the journal is working material; the service notes are those Platina keeps. */
const struct code_label application_note_kinds[] = {
    {"journal", "Journal (arbetsmaterial)"},
    {"supplement_request", "Tjänsteanteckning: begäran om komplettering"},
    {"info_meeting", "Tjänsteanteckning: informationsmöte"},
    {"references", "Tjänsteanteckning: referenstagning"},
    {"mbl", "Tjänsteanteckning: MBL-handling"},
    {"memo", "Tjänsteanteckning: tjänsteskrivelse inför beslut"},
    {"other", "Tjänsteanteckning: annan händelse av vikt"},
    {NULL, NULL},
};

const struct input_field application_input_fields[] = {
    F(application_input, org_nr),          F(application_input, name),
    F(application_input, organisation_id), F(application_input, service_area),
    F(application_input, personal_care),   F(application_input, received),
    F(application_input, attachments),     F(application_input, operations_manager),
    F(application_input, responsible_id),  {NULL, 0},
};

const struct input_field application_step_input_fields[] = {
    F(application_step_input, step),         F(application_step_input, version),
    F(application_step_input, done_on),      F(application_step_input, notes),
    F(application_step_input, requested_on), F(application_step_input, request),
    F(application_step_input, due),          F(application_step_input, received_on),
    F(application_step_input, complete_on),  F(application_step_input, exception),
    F(application_step_input, attendees),    F(application_step_input, manager_present),
    F(application_step_input, approved),     F(application_step_input, recommendation),
    F(application_step_input, with_id),      {NULL, 0},
};

const struct input_field reference_input_fields[] = {
    F(reference_input, about),    F(reference_input, referee),   F(reference_input, asked_on),
    F(reference_input, asked_by), F(reference_input, statement), {NULL, 0},
};

const struct input_field note_input_fields[] = {
    F(note_input, kind),
    F(note_input, noted_on),
    F(note_input, text),
    {NULL, 0},
};

const struct input_field decision_input_fields[] = {
    F(decision_input, outcome),
    F(decision_input, decided_on),
    F(decision_input, paragraph),
    F(decision_input, reason),
    {NULL, 0},
};

const struct input_field onboarding_input_fields[] = {
    F(onboarding_input, responsible_id),
    F(onboarding_input, planned_on),
    F(onboarding_input, done_on),
    F(onboarding_input, notes),
    {NULL, 0},
};

const struct input_field sign_input_fields[] = {
    F(sign_input, signed_on),
    F(sign_input, case_ref),
    F(sign_input, start),
    F(sign_input, end),
    {NULL, 0},
};
#undef F

/* Yes or no; absent or empty is no. -1 with a field error when unreadable. */
static int
flag(struct arena *a, const char *in, const char *field, const char *label, struct insyn_err *err)
{
    int v;
    if (field_flag(a, in, &v) == 0)
        return v;
    err_field(err, 0, field, "Svara ja eller nej på %s.", label);
    return -1;
}

/* A date of the case: not before the application was received, not after today. */
static int
case_date(struct arena *a, const char *in, const char *field, const char *label, int required,
          const struct application *x, int today, struct insyn_err *err)
{
    int before = err->nfields;
    int d = field_date(a, in, field, label, required, 0, err);
    if (d == DATE_NONE || err->nfields > before)
        return d;
    char s[11];
    if (x && x->received != DATE_NONE && d < x->received) {
        date_format(x->received, s);
        err_field(err, 0, field, "%s kan inte ligga före den dag ansökan kom in (%s).", label, s);
    } else if (today != DATE_NONE && d > today) {
        err_field(err, 0, field, "%s kan inte ligga efter i dag.", label);
    }
    return d;
}

static long long
positive_id(struct arena *a, const char *in, const char *field, const char *label,
            struct insyn_err *err)
{
    long long v = field_optional_id(a, in);
    if (v < 0) {
        err_field(err, 0, field, "%s är inte giltig.", label);
        return 0;
    }
    return v;
}

int
application_validate(const struct application_input *in, int today, int org_known,
                     struct application *out, char **org_nr_out, char **name_out, struct arena *a,
                     struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    *org_nr_out = NULL;
    *name_out = text_trim(a, in->name);
    field_organisation(a, in->org_nr, in->organisation_id, 0,
                       "Ange den sökande utförarens organisationsnummer.", org_nr_out,
                       &out->organisation_id, err);
    if (*org_nr_out && !org_known)
        *name_out = field_text(a, in->name, "name", "Företagets namn", 200, 1, 0, err);
    out->service_area =
        field_code(a, service_areas, in->service_area, "service_area", "Tjänsteområdet", 1, 0, err);
    out->personal_care =
        flag(a, in->personal_care, "personal_care", "om ansökan gäller omvårdnad", err);
    if (out->personal_care > 0 && strcmp(out->service_area, "home_care") != 0)
        err_field(err, 0, "personal_care", "Omvårdnad gäller bara ansökningar om hemtjänst.");
    out->received =
        case_date(a, in->received, "received", "Datum då ansökan kom in", 1, NULL, today, err);
    out->attachments =
        field_text(a, in->attachments, "attachments", "Bilagorna", APPLICATION_MAX_TEXT, 0, 0, err);
    out->operations_manager = field_text(a, in->operations_manager, "operations_manager",
                                         "Verksamhetsansvarig", 200, 0, 0, err);
    out->responsible_id = positive_id(a, in->responsible_id, "responsible_id", "Handläggaren", err);
    out->first_review_on = out->supplement_requested_on = out->supplement_due =
        out->supplements_received_on = out->complete_on = out->info_meeting_on =
            out->qms_checked_on = out->attachments_checked_on = out->assessed_on = out->mbl_on =
                out->memo_on = out->decided_on = out->announced_on = out->signed_on =
                    out->withdrawn_on = DATE_NONE;
    out->first_review_notes = out->supplement_request = out->check_exception =
        out->info_meeting_attendees = out->info_meeting_notes = out->qms_notes =
            out->attachments_notes = out->recommendation = out->assessment_notes = out->mbl_notes =
                out->memo_notes = out->decision_paragraph = out->outcome = out->decision_reason =
                    "";
    out->withdrawal_note = "";
    out->qms_approved = -1;
    out->version = 1;
    return err->nfields > before ? INSYN_EINVAL : 0;
}

/* A field of a step: absent keeps the value. */
#define KEEP_DATE(dst, src, name, label, required)                                                 \
    do {                                                                                           \
        if (src)                                                                                   \
            dst = case_date(a, src, name, label, required, x, today, err);                         \
    } while (0)
#define KEEP_TEXT(dst, src, name, label, required)                                                 \
    do {                                                                                           \
        if (src)                                                                                   \
            dst = field_text(a, src, name, label, APPLICATION_MAX_TEXT, required, 0, err);         \
    } while (0)

int
application_step_apply(struct application *x, const struct application_step_input *in,
                       int with_role, const struct application_rules *r, int today, struct arena *a,
                       struct insyn_err *err)
{
    int before = err->nfields;
    const char *step = in->step ? in->step : "";
    if (!code_valid(application_steps, step)) {
        err_field(err, 0, "step", "Steget %s finns inte i handläggningen.",
                  *step ? step : "(inget)");
        return INSYN_EINVAL;
    }
    if (*x->outcome) {
        err_set(
            err, INSYN_ECONFLICT,
            "Socialnämnden har redan beslutat om ansökan; handläggningens steg kan inte ändras.");
        return INSYN_ECONFLICT;
    }
    if (x->withdrawn_on != DATE_NONE) {
        err_set(err, INSYN_ECONFLICT,
                "Ansökan är återkallad; handläggningens steg kan inte ändras.");
        return INSYN_ECONFLICT;
    }
    if (in->version && *in->version) {
        long long v;
        if (text_parse_uint(in->version, 1LL << 30, &v) != 0 || v != x->version) {
            err_set(
                err, INSYN_ECONFLICT,
                "Ansökan har ändrats av någon annan sedan sidan öppnades. Läs in sidan igen och "
                "gör ändringen på nytt.");
            return INSYN_ECONFLICT;
        }
    }
    if (strcmp(step, "first_review") == 0) {
        KEEP_DATE(x->first_review_on, in->done_on, "done_on", "Datum för granskningen", 1);
        KEEP_TEXT(x->first_review_notes, in->notes, "notes", "Anteckningarna", 0);
    } else if (strcmp(step, "supplements") == 0) {
        int old_requested = x->supplement_requested_on;
        KEEP_DATE(x->supplement_requested_on, in->requested_on, "requested_on",
                  "Datum för begäran om komplettering", 0);
        KEEP_TEXT(x->supplement_request, in->request, "request", "Vad som ska kompletteras", 0);
        if (in->due) {
            /* the applicant's deadline may lie in the future */
            x->supplement_due =
                field_date(a, in->due, "due", "Sista dag för komplettering", 0, 0, err);
        }
        KEEP_DATE(x->supplements_received_on, in->received_on, "received_on",
                  "Datum då kompletteringen kom in", 0);
        KEEP_DATE(x->complete_on, in->complete_on, "complete_on", "Datum då ansökan var komplett",
                  0);
        if (x->supplement_requested_on != DATE_NONE) {
            if (!*x->supplement_request && err->nfields == before)
                err_field(err, 0, "request", "Skriv vad företaget ska komplettera.");
            if (x->supplement_due == DATE_NONE ||
                (!in->due && old_requested != x->supplement_requested_on))
                x->supplement_due = x->supplement_requested_on + r->supplement_days;
            else if (x->supplement_due < x->supplement_requested_on)
                err_field(err, 0, "due",
                          "Sista dag för komplettering kan inte ligga före begäran.");
        } else {
            x->supplement_due = DATE_NONE;
            if (x->supplements_received_on != DATE_NONE)
                err_field(err, 0, "received_on",
                          "En komplettering kan inte ha kommit in innan den har begärts.");
        }
        if (x->supplements_received_on != DATE_NONE && x->supplement_requested_on != DATE_NONE &&
            x->supplements_received_on < x->supplement_requested_on)
            err_field(err, 0, "received_on",
                      "Kompletteringen kan inte ha kommit in före begäran om komplettering.");
        if (x->complete_on != DATE_NONE && x->supplement_requested_on != DATE_NONE) {
            if (x->supplements_received_on == DATE_NONE)
                err_field(err, 0, "complete_on",
                          "Ansökan kan inte vara komplett innan den begärda kompletteringen har "
                          "kommit in.");
            else if (x->complete_on < x->supplements_received_on)
                err_field(
                    err, 0, "complete_on",
                    "Ansökan kan inte ha varit komplett före den dag kompletteringen kom in.");
        }
    } else if (strcmp(step, "checks") == 0) {
        KEEP_TEXT(x->check_exception, in->exception, "exception", "Skälet till undantaget", 0);
    } else if (strcmp(step, "info_meeting") == 0) {
        KEEP_DATE(x->info_meeting_on, in->done_on, "done_on", "Datum för informationsmötet", 1);
        KEEP_TEXT(x->info_meeting_attendees, in->attendees, "attendees",
                  "Deltagarna från förvaltningen", 0);
        KEEP_TEXT(x->info_meeting_notes, in->notes, "notes", "Anteckningarna", 0);
        if (in->manager_present || in->done_on)
            x->manager_present = flag(a, in->manager_present, "manager_present",
                                      "om verksamhetsansvarig deltog", err);
        if (x->info_meeting_on != DATE_NONE) {
            if (x->manager_present == 0)
                err_field(
                    err, 0, "manager_present",
                    "Företagets verksamhetsansvariga ska delta på informationsmötet. Boka ett "
                    "nytt möte om hen inte kunde delta.");
            if (!*x->info_meeting_attendees)
                err_field(err, 0, "attendees",
                          "Skriv vilka från förvaltningen som deltog på informationsmötet.");
        }
    } else if (strcmp(step, "qms") == 0) {
        KEEP_DATE(x->qms_checked_on, in->done_on, "done_on", "Datum för kontrollen", 1);
        KEEP_TEXT(x->qms_notes, in->notes, "notes", "Anteckningarna", 0);
        if (in->approved || in->done_on) {
            const char *s = text_trim(a, in->approved);
            x->qms_approved =
                !*s ? -1 : flag(a, s, "approved", "om ledningssystemet är godkänt", err);
            if (x->qms_approved < 0 && err->nfields == before)
                err_field(err, 0, "approved", "Ange om ledningssystemet är godkänt.");
        }
    } else if (strcmp(step, "attachments") == 0) {
        KEEP_DATE(x->attachments_checked_on, in->done_on, "done_on", "Datum för kontrollen", 1);
        KEEP_TEXT(x->attachments_notes, in->notes, "notes", "Anteckningarna", 0);
    } else if (strcmp(step, "assessment") == 0) {
        KEEP_DATE(x->assessed_on, in->done_on, "done_on", "Datum för bedömningen", 1);
        if (in->recommendation)
            x->recommendation = field_code(a, application_outcomes, in->recommendation,
                                           "recommendation", "Bedömningen", 1, 0, err);
        else if (!*x->recommendation)
            err_field(err, 0, "recommendation", "Bedömningen måste väljas.");
        KEEP_TEXT(x->assessment_notes, in->notes, "notes", "Motiveringen", 1);
        if (!in->notes && !*x->assessment_notes)
            err_field(err, 0, "notes", "Motiveringen måste anges.");
        if (in->with_id) {
            x->assessed_with =
                positive_id(a, in->with_id, "with_id", "Biträdande socialdirektören", err);
            if (!x->assessed_with)
                err_field(err, 0, "with_id",
                          "Ange den biträdande socialdirektör som bedömningen gjordes med.");
            else if (with_role != ROLE_DEPUTY_DIRECTOR)
                err_field(err, 0, "with_id",
                          "Bedömningen görs i samråd med biträdande socialdirektör; välj en person "
                          "med den rollen.");
        } else if (!x->assessed_with) {
            err_field(err, 0, "with_id",
                      "Ange den biträdande socialdirektör som bedömningen gjordes med.");
        }
    } else if (strcmp(step, "mbl") == 0) {
        KEEP_DATE(x->mbl_on, in->done_on, "done_on", "Datum för MBL-underlaget", 1);
        KEEP_TEXT(x->mbl_notes, in->notes, "notes", "Anteckningarna", 0);
    } else if (strcmp(step, "memo") == 0) {
        KEEP_DATE(x->memo_on, in->done_on, "done_on", "Datum för tjänsteskrivelsen", 1);
        KEEP_TEXT(x->memo_notes, in->notes, "notes", "Anteckningarna", 0);
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}
#undef KEEP_DATE
#undef KEEP_TEXT

int
reference_validate(const struct reference_input *in, const struct application *x, int today,
                   struct application_reference *out, struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    out->application_id = x->id;
    out->about =
        field_code(a, reference_subjects, in->about, "about", "Vem referensen avser", 1, 0, err);
    out->referee = field_text(a, in->referee, "referee", "Referenspersonen", 300, 1, 0, err);
    out->asked_on =
        case_date(a, in->asked_on, "asked_on", "Datum då referensen togs", 1, x, today, err);
    out->asked_by =
        field_text(a, in->asked_by, "asked_by", "Vem som tog referensen", 200, 1, 0, err);
    out->statement = field_text(a, in->statement, "statement", "Vad referensen sade",
                                APPLICATION_MAX_TEXT, 1, 0, err);
    if (*x->outcome)
        err_field(err, 0, "about", "Socialnämnden har redan beslutat om ansökan.");
    else if (x->withdrawn_on != DATE_NONE)
        err_field(err, 0, "about", "Ansökan är återkallad.");
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
note_validate(const struct note_input *in, const struct application *x, int today,
              struct application_note *out, struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    out->application_id = x->id;
    out->kind =
        field_code(a, application_note_kinds, in->kind, "kind", "Slag av anteckning", 0, 0, err);
    if (!*out->kind)
        out->kind = "journal";
    out->noted_on = case_date(a, in->noted_on, "noted_on", "Datum", 1, x, today, err);
    out->text = field_text(a, in->text, "text", "Anteckningen", APPLICATION_MAX_TEXT, 1, 0, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
application_decide(struct application *x, const struct decision_input *in,
                   const struct application_facts *f, int today, struct arena *a,
                   struct insyn_err *err)
{
    if (*x->outcome) {
        err_set(err, INSYN_ECONFLICT, "Socialnämndens beslut om ansökan är redan registrerat.");
        return INSYN_ECONFLICT;
    }
    if (x->withdrawn_on != DATE_NONE) {
        err_set(err, INSYN_ECONFLICT, "Ansökan är återkallad; den kan inte beslutas.");
        return INSYN_ECONFLICT;
    }
    int before = err->nfields;
    char *outcome =
        field_code(a, application_outcomes, in->outcome, "outcome", "Beslutet", 1, 0, err);
    int decided =
        case_date(a, in->decided_on, "decided_on", "Datum för beslutet", 1, x, today, err);
    char *paragraph = field_text(a, in->paragraph, "paragraph", "Paragrafen", 50, 0, 0, err);
    char *reason = field_text(a, in->reason, "reason", "Skälet", APPLICATION_MAX_TEXT, 0, 0, err);
    if (x->complete_on == DATE_NONE)
        err_field(
            err, 0, "outcome",
            "Ansökan är inte komplett; ange när den blev komplett innan beslutet registreras.");
    else if (decided != DATE_NONE && decided < x->complete_on)
        err_field(err, 0, "decided_on",
                  "Beslutet kan inte ligga före den dag ansökan blev komplett.");
    if (strcmp(outcome, "reject") == 0 && !*reason)
        err_field(err, 0, "reason", "Ett avslag ska motiveras: skriv skälet.");
    if (strcmp(outcome, "approve") == 0) {
        if (f->refs_management < APPLICATION_MIN_REFERENCES)
            err_field(
                err, 0, "outcome",
                "Minst två referenser om företagets ledning krävs före ett godkännande; %d är "
                "dokumenterade.",
                f->refs_management);
        if (f->refs_manager < APPLICATION_MIN_REFERENCES)
            err_field(
                err, 0, "outcome",
                "Minst två referenser om verksamhetsansvarig krävs före ett godkännande; %d är "
                "dokumenterade.",
                f->refs_manager);
        if (!*x->check_exception) {
            if (f->credit_passed < 0)
                err_field(err, 0, "outcome",
                          "Ingen kreditupplysning är registrerad för ansökan. Registrera den eller "
                          "dokumentera ett undantag med skäl.");
            else if (f->credit_passed == 0)
                err_field(err, 0, "outcome",
                          "Kreditupplysningen är inte godkänd. Ett godkännande kräver ett "
                          "dokumenterat undantag med skäl.");
            if (f->tax_passed < 0)
                err_field(
                    err, 0, "outcome",
                    "Ingen kontroll med Skatteverket är registrerad för ansökan. Registrera den "
                    "eller dokumentera ett undantag med skäl.");
            else if (f->tax_passed == 0)
                err_field(err, 0, "outcome",
                          "Kontrollen med Skatteverket är inte godkänd. Ett godkännande kräver ett "
                          "dokumenterat undantag med skäl.");
        }
        if (x->qms_checked_on == DATE_NONE)
            err_field(
                err, 0, "outcome",
                "Företagets ledningssystem för systematiskt kvalitetsarbete är inte kontrollerat.");
        else if (x->qms_approved != 1)
            err_field(
                err, 0, "outcome",
                "Företagets ledningssystem för systematiskt kvalitetsarbete är inte godkänt.");
    }
    if (err->nfields > before)
        return INSYN_EINVAL;
    x->outcome = outcome;
    x->decided_on = decided;
    x->decision_paragraph = paragraph;
    x->decision_reason = reason;
    return 0;
}

int
application_announce(struct application *x, const char *on, int today, struct arena *a,
                     struct insyn_err *err)
{
    if (!*x->outcome) {
        err_field(err, 0, "announced_on", "Socialnämnden har inte beslutat om ansökan ännu.");
        return INSYN_EINVAL;
    }
    if (x->announced_on != DATE_NONE) {
        err_set(err, INSYN_ECONFLICT, "Beslutet är redan meddelat sökande.");
        return INSYN_ECONFLICT;
    }
    int before = err->nfields;
    int d = case_date(a, on, "announced_on", "Datum då beslutet meddelades", 1, x, today, err);
    if (d != DATE_NONE && d < x->decided_on)
        err_field(err, 0, "announced_on", "Beslutet kan inte meddelas före den dag det fattades.");
    if (err->nfields > before)
        return INSYN_EINVAL;
    x->announced_on = d;
    return 0;
}

int
application_closed(const struct application *x)
{
    return *x->outcome || x->withdrawn_on != DATE_NONE;
}

int
application_withdraw(struct application *x, const char *on, const char *note, int today,
                     struct arena *a, struct insyn_err *err)
{
    if (*x->outcome) {
        err_set(err, INSYN_ECONFLICT,
                "Socialnämnden har redan beslutat om ansökan; den kan inte återkallas här.");
        return INSYN_ECONFLICT;
    }
    if (x->withdrawn_on != DATE_NONE) {
        err_set(err, INSYN_ECONFLICT, "Ansökan är redan återkallad.");
        return INSYN_ECONFLICT;
    }
    int before = err->nfields;
    int d = case_date(a, on, "withdrawn_on", "Datum då ansökan återkallades", 1, x, today, err);
    char *text = field_text(a, note, "note", "Anteckningen", APPLICATION_MAX_TEXT, 0, 0, err);
    if (err->nfields > before)
        return INSYN_EINVAL;
    x->withdrawn_on = d;
    x->withdrawal_note = text;
    return 0;
}

const char *
application_status(const struct application *x)
{
    if (x->withdrawn_on != DATE_NONE)
        return "withdrawn";
    if (strcmp(x->outcome, "reject") == 0)
        return "rejected";
    if (strcmp(x->outcome, "approve") == 0) {
        if (!x->agreement_id)
            return "approved";
        return x->onboarding_open > 0 ? "onboarding" : "onboarded";
    }
    if (x->memo_on != DATE_NONE && x->complete_on != DATE_NONE)
        return "to_committee";
    if (x->complete_on != DATE_NONE)
        return "in_review";
    if (x->supplement_requested_on != DATE_NONE && x->supplements_received_on == DATE_NONE)
        return "awaiting_supplements";
    return "received";
}

static int
later(int a, int b)
{
    return a == DATE_NONE ? b : b == DATE_NONE ? a : a > b ? a : b;
}

void
application_clock(const struct application *x, const struct application_rules *r, int today,
                  struct application_clock *out)
{
    /* the case ends at the decision, or at the applicant's withdrawal */
    int decided = *x->outcome ? x->decided_on : x->withdrawn_on;
    int open = !application_closed(x);
    out->supplement_request_due =
        x->supplement_requested_on == DATE_NONE && x->complete_on == DATE_NONE && open
            ? x->received + r->supplement_request_days
            : DATE_NONE;
    out->supplement_due =
        x->supplement_requested_on != DATE_NONE && x->supplements_received_on == DATE_NONE && open
            ? x->supplement_due
            : DATE_NONE;
    out->decision_due = x->complete_on != DATE_NONE && decided == DATE_NONE
                            ? x->complete_on + r->processing_days
                            : DATE_NONE;
    out->legal_force_on =
        x->announced_on != DATE_NONE ? x->announced_on + r->legal_force_days : DATE_NONE;
    out->agreement_meeting_due =
        strcmp(x->outcome, "approve") == 0
            ? later(x->decided_on + r->agreement_meeting_days, out->legal_force_on)
            : DATE_NONE;
    out->next_due = DATE_NONE;
    const int due[] = {out->supplement_request_due, out->supplement_due, out->decision_due};
    for (size_t k = 0; k < sizeof due / sizeof *due; k++)
        if (due[k] != DATE_NONE && (out->next_due == DATE_NONE || due[k] < out->next_due))
            out->next_due = due[k];
    int end = decided != DATE_NONE ? decided : today;
    out->days_open = end - x->received;
    out->days_processing = x->complete_on == DATE_NONE ? -1 : end - x->complete_on;
    out->days_to_complete = (x->complete_on != DATE_NONE ? x->complete_on : end) - x->received;
    /* the day the current status began */
    const char *st = application_status(x);
    int since = x->received;
    if (strcmp(st, "awaiting_supplements") == 0)
        since = x->supplement_requested_on;
    else if (strcmp(st, "in_review") == 0)
        since = x->complete_on;
    else if (strcmp(st, "to_committee") == 0)
        since = x->memo_on;
    else if (strcmp(st, "approved") == 0 || strcmp(st, "rejected") == 0)
        since = x->decided_on;
    else if (strcmp(st, "onboarding") == 0 || strcmp(st, "onboarded") == 0)
        since = x->signed_on;
    else if (strcmp(st, "withdrawn") == 0)
        since = x->withdrawn_on;
    out->step_started = since;
    out->days_in_step = since == DATE_NONE ? 0 : today - since;
    if (out->days_in_step < 0)
        out->days_in_step = 0;
}

/* ---- the introduction programme ---- */

static const struct onboarding_template home_care_programme[] = {
    {"agreement_meeting",
     "Möte inför avtalstecknande: genomgång av avtalet och av biståndsbedömning", 0},
    {"signing", "Avtalstecknande tillsammans med socialnämndens ordförande", 0},
    {"safety_alarm", "Träff med ansvarig för trygghetslarm", 1},
    {"night_organisation", "Träff med enhetschef nattorganisation", 1},
    {"mas_nurse", "Träff med MAS och ansvarig sjuksköterska", 1},
    {"discharge_routine", "Information om rutin vid utskrivning från sluten hälso- och sjukvård",
     0},
    {"case_workers", "Information till samtliga socialsekreterare Omsorg SoL", 0},
    {"viva", "Träff och utbildning med systemförvaltare för Viva", 0},
    {"archivist", "Träff med arkivarie", 0},
    {"hsa", "Träff med HSA-ansvarig", 0},
    {NULL, NULL, 0},
};

static const struct onboarding_template nursing_home_programme[] = {
    {"signing", "Avtalstecknande tillsammans med socialnämndens ordförande", 0},
    {"intro_meeting",
     "Introduktionsmöte: genomgång av avtalet och förfrågningsunderlaget med bilagor", 0},
    {"safety_alarm", "Träff med ansvarig för trygghetslarm", 0},
    {"mas_mar", "Träff med MAS och MAR", 0},
    {"discharge_routine", "Information om rutin vid utskrivning från sluten hälso- och sjukvård",
     0},
    {"case_workers", "Information till samtliga socialsekreterare Omsorg SoL", 0},
    {"viva", "Träff och utbildning med systemförvaltare för Viva", 0},
    {"archivist", "Träff med arkivarie", 0},
    {"hsa", "Träff med HSA-ansvarig", 0},
    {NULL, NULL, 0},
};

const struct onboarding_template *
onboarding_programme(const char *service_area)
{
    return service_area && strcmp(service_area, "nursing_home") == 0 ? nursing_home_programme
                                                                     : home_care_programme;
}

/* The item that may not be booked before the decision has gained legal force: the first of
 * the programme (the agreement meeting; for nursing homes the signing). */
static int
needs_legal_force(const struct onboarding_item *it)
{
    return strcmp(it->code, "agreement_meeting") == 0 || strcmp(it->code, "signing") == 0;
}

int
onboarding_due(const struct onboarding_item *it, const struct application *x,
               const struct application_rules *r)
{
    if (strcmp(x->outcome, "approve") != 0)
        return DATE_NONE; /* undecided: decided_on is DATE_NONE, no day to count from */
    struct application_clock c;
    application_clock(x, r, x->decided_on, &c);
    int meeting = c.agreement_meeting_due;
    if (meeting == DATE_NONE)
        return DATE_NONE;
    if (strcmp(it->code, "agreement_meeting") == 0)
        return meeting;
    int signing = meeting + r->agreement_meeting_days;
    if (strcmp(it->code, "signing") == 0)
        return x->signed_on != DATE_NONE ? x->signed_on : signing;
    return (x->signed_on != DATE_NONE ? x->signed_on : signing) + r->onboarding_days;
}

int
onboarding_items_make(const struct application *x, const struct application_rules *r,
                      long long responsible_id, struct arena *a, struct onboarding_item **out)
{
    const struct onboarding_template *t = onboarding_programme(x->service_area);
    int n = 0;
    for (const struct onboarding_template *p = t; p->code; p++)
        n++;
    struct onboarding_item *items = arena_alloc(a, sizeof *items * (size_t)(n ? n : 1));
    int k = 0;
    for (const struct onboarding_template *p = t; p->code; p++) {
        if (p->personal_care_only && x->personal_care != 1)
            continue;
        struct onboarding_item *it = &items[k];
        memset(it, 0, sizeof *it);
        it->application_id = x->id;
        it->position = k + 1;
        it->code = (char *)p->code;
        it->title = (char *)p->title;
        it->personal_care_only = p->personal_care_only;
        it->responsible_id = responsible_id;
        it->planned_on = it->done_on = DATE_NONE;
        it->notes = "";
        it->due = onboarding_due(it, x, r);
        k++;
    }
    *out = items;
    return k;
}

int
onboarding_apply(struct onboarding_item *it, const struct onboarding_input *in,
                 const struct application *x, const struct application_rules *r, int today,
                 struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    if (in->responsible_id) {
        it->responsible_id = positive_id(a, in->responsible_id, "responsible_id", "Ansvarig", err);
        if (!it->responsible_id && err->nfields == before)
            err_field(err, 0, "responsible_id", "Välj vem som ansvarar för punkten.");
    }
    if (in->planned_on) {
        it->planned_on = field_date(a, in->planned_on, "planned_on", "Bokat datum", 0, 0, err);
        if (it->planned_on != DATE_NONE && it->planned_on < x->decided_on)
            err_field(err, 0, "planned_on", "Punkten kan inte bokas före socialnämndens beslut.");
    }
    if (in->done_on)
        it->done_on = case_date(a, in->done_on, "done_on", "Genomförd", 0, x, today, err);
    if (in->notes)
        it->notes =
            field_text(a, in->notes, "notes", "Anteckningarna", APPLICATION_MAX_TEXT, 0, 0, err);
    if (needs_legal_force(it) && err->nfields == before) {
        struct application_clock c;
        application_clock(x, r, today, &c);
        int earliest = c.legal_force_on;
        /* neither booked nor recorded as held before legal force */
        for (int k = 0; k < 2; k++) {
            int booked = k == 0 ? it->planned_on : it->done_on;
            const char *field = k == 0 ? "planned_on" : "done_on";
            if (booked == DATE_NONE)
                continue;
            if (earliest == DATE_NONE) {
                err_field(err, 0, field,
                          "Beslutet har inte meddelats sökande ännu. %s kan bokas först när "
                          "beslutet har vunnit laga kraft, tre veckor efter att det meddelats.",
                          strcmp(it->code, "signing") == 0 ? "Avtalstecknandet"
                                                           : "Mötet inför avtalstecknande");
            } else if (booked < earliest) {
                char s[11];
                date_format(earliest, s);
                err_field(err, 0, field,
                          "%s kan inte bokas före den dag beslutet vinner laga kraft (%s).",
                          strcmp(it->code, "signing") == 0 ? "Avtalstecknandet"
                                                           : "Mötet inför avtalstecknande",
                          s);
            }
            if (err->nfields > before)
                break; /* one error is enough */
        }
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
application_sign_check(const struct application *x, const struct sign_input *in,
                       const struct application_rules *r, int today, int *signed_on,
                       struct arena *a, struct insyn_err *err)
{
    if (strcmp(x->outcome, "approve") != 0) {
        err_field(err, 0, "signed_on",
                  "Avtal kan bara tecknas med en utförare som socialnämnden har godkänt.");
        return INSYN_EINVAL;
    }
    if (x->agreement_id) {
        err_set(err, INSYN_ECONFLICT, "Avtalet med utföraren är redan tecknat.");
        return INSYN_ECONFLICT;
    }
    int before = err->nfields;
    *signed_on =
        case_date(a, in->signed_on, "signed_on", "Datum för avtalstecknandet", 1, x, today, err);
    struct application_clock c;
    application_clock(x, r, today, &c);
    if (err->nfields == before) {
        char s[11];
        if (c.legal_force_on == DATE_NONE)
            err_field(err, 0, "signed_on",
                      "Beslutet har inte meddelats sökande ännu; avtal kan tecknas först när det "
                      "har vunnit laga kraft.");
        else if (*signed_on < c.legal_force_on)
            err_field(err, 0, "signed_on",
                      "Avtalet kan inte tecknas före den dag beslutet vinner laga kraft (%s).",
                      (date_format(c.legal_force_on, s), s));
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}
