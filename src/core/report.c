/* report.c — the reports' text sections and the memo's particulars. */
#include "core/report.h"

#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <stddef.h>
#include <string.h>

/* Seed 004's headings: what the data cannot say is the officer's to write. */
const struct report_section_def annual_sections[] = {
    {"summary", "Sammanfattning",
     "Tjänsteskrivelsens föredragning: det viktigaste i årets uppföljning, för nämnden."},
    {"background", "Bakgrund", "Om planen och årets arbete, utöver planens beslut och fokus."},
    {"continuous", "Löpande uppföljning",
     "Hur den löpande uppföljningen har fungerat: samordnarmötena, kreditupplysningarna, "
     "branschråd."},
    {"event_driven", "Händelsestyrd uppföljning",
     "Förvaltningens bedömning av de händelsestyrda uppföljningarna."},
    {"planned", "Särskild uppföljning", "Om urvalet och den översiktliga uppföljningen."},
    {"assessment", "Bedömning och slutsatser",
     "Förvaltningens sammantagna bedömning och vad den leder till."},
};
const int annual_section_count = sizeof annual_sections / sizeof annual_sections[0];

/* Seed 002's headings: the memo's summary and preparation, the report's background, matter and
 * value-adds as the bid described them, and the administration's views. */
const struct report_section_def agreement_sections[] = {
    {"summary", "Sammanfattning",
     "Tjänsteskrivelsens sammanfattning för nämnden: förvaltningens helhetsbedömning av året."},
    {"preparation", "Ärendets beredning",
     "Var ärendet har beretts, till exempel inom vilken "
     "avdelning."},
    {"background", "Bakgrund", "Avtalet och uppdraget, utöver avtalets datum: vem som utför vad."},
    {"matter", "Ärendet",
     "Uppdragets innehåll och årets arbete, utöver uppföljningsmötena och statistiken: vilka "
     "insatser som ges, vad utförarens egen rapport säger."},
    {"value_adds", "Mervärden enligt anbudet",
     "Vad utföraren lovade i anbudet under varje mervärde, som utvärderingen beskrev det. "
     "Uppföljningsmötenas bedömning av varje mervärde kommer efter texten."},
    {"views", "Förvaltningens synpunkter",
     "Hur utföraren uppfyller avtalet och de utlovade mervärdena, och om förbättringsområdena "
     "har åtgärdats, enligt förvaltningen."},
};
const int agreement_section_count = sizeof agreement_sections / sizeof agreement_sections[0];

const struct report_section_def *
report_sections(const char *kind, int *n)
{
    int annual = kind && strcmp(kind, "annual") == 0;
    *n = annual ? annual_section_count : agreement_section_count;
    return annual ? annual_sections : agreement_sections;
}

const struct report_section_def *
report_section_find(const char *kind, const char *code)
{
    int n;
    const struct report_section_def *defs = report_sections(kind, &n);
    for (int i = 0; code && i < n; i++)
        if (strcmp(defs[i].code, code) == 0)
            return &defs[i];
    return NULL;
}

const char *
report_default_decision(const char *kind)
{
    return kind && strcmp(kind, "agreement") == 0 ? REPORT_AGREEMENT_DEFAULT_DECISION
                                                  : REPORT_DEFAULT_DECISION;
}

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct report_input, name)                                                 \
    }
const struct input_field report_input_fields[] = {
    F(committee), F(case_ref), F(officer), F(memo_date), F(proposed_decision), {NULL, 0},
};
#undef F

int
report_validate(const char *kind, const struct report_input *in, struct report *out,
                struct arena *a, struct insyn_err *err)
{
    char *committee = field_text(a, in->committee, "committee", "Nämnd", 200, 0, 0, err);
    out->committee = *committee ? committee : REPORT_DEFAULT_COMMITTEE;
    out->case_ref = field_text(a, in->case_ref, "case_ref", "Diarienummer", 100, 0, 0, err);
    out->officer = field_text(a, in->officer, "officer", "Handläggare", 200, 0, 0, err);
    out->memo_date = field_date(a, in->memo_date, "memo_date", "Datum", 0, 0, err);
    char *decision = field_text(a, in->proposed_decision, "proposed_decision",
                                "Förslag till beslut", 2000, 0, 0, err);
    out->proposed_decision = *decision ? decision : (char *)report_default_decision(kind);
    return err->nfields ? err_set(err, INSYN_EINVAL, "Tjänsteskrivelsen kunde inte sparas.") : 0;
}

char *
report_text_validate(struct arena *a, const char *in, struct insyn_err *err)
{
    return field_text(a, in, "body", "Text", REPORT_TEXT_MAX, 0, 0, err);
}
