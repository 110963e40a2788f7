/* codes.c — vocabularies (GLOSSARY.md) and their Swedish labels. */
#include "core/codes.h"

#include <string.h>

const struct code_label agreement_forms[] = {
    {"lou", "LOU"},
    {"lou_framework", "LOU, ramavtal"},
    {"lov", "LOV, valfrihetssystem"},
    {"iop", "IOP, idéburet offentligt partnerskap"},
    {"direct_award", "Direktupphandling"},
    {"in_house", "Egen regi"},
    {NULL, NULL},
};

const struct code_label service_areas[] = {
    {"home_care", "Hemtjänst"},
    {"nursing_home", "Särskilt boende för äldre"},
    {"hvb_adults", "HVB vuxna, missbruk"},
    {"hvb_youth", "HVB barn och unga"},
    {"foster_care", "Familjehem"},
    {"outpatient_family", "Öppenvård barn och familj"},
    {"outpatient_addiction", "Öppenvård missbruk"},
    {"housing_support", "Boendestöd"},
    {"escort", "Ledsagning"},
    {"daily_activity", "Daglig verksamhet"},
    {"drop_in_centre", "Kontaktcentrum och servering"},
    {NULL, NULL},
};

const struct code_label organisation_kinds[] = {
    {"private", "Privat utförare"},
    {"non_profit", "Idéburen organisation"},
    {"in_house", "Egen regi"},
    {NULL, NULL},
};

const struct code_label legal_forms[] = {
    {"ab", "Aktiebolag"},
    {"hb_kb", "Handelsbolag eller kommanditbolag"},
    {"ek_forening", "Ekonomisk förening"},
    {"ideell_forening", "Ideell förening"},
    {"stiftelse", "Stiftelse"},
    {"trossamfund", "Registrerat trossamfund"},
    {"kommun", "Kommun"},
    {"other", "Annan"},
    {NULL, NULL},
};

const struct code_label agreement_statuses[] = {
    {"draft", "Under beredning"},         {"active", "Gällande"}, {"ended", "Avslutat"},
    {"terminated", "Uppsagt eller hävt"}, {NULL, NULL},
};

const struct code_label ivo_permit_statuses[] = {
    {"not_required", "Tillstånd krävs inte"},
    {"applied", "Ansökan inlämnad"},
    {"granted", "Beviljat"},
    {"revoked", "Återkallat"},
    {NULL, NULL},
};

const struct code_label signal_sources[] = {
    {"case_worker", "Socialsekreterare"},
    {"coordinator", "Samordnare"},
    {"media", "Media"},
    {"public", "Allmänheten"},
    {"ivo", "IVO"},
    {"credit_watch", "Kreditbevakning"},
    {"provider", "Utföraren själv"},
    {"other", "Annan källa"},
    {NULL, NULL},
};

const struct code_label signal_categories[] = {
    {"serious_incident_not_reported", "Allvarlig händelse som inte rapporterats"},
    {"relocation_unmet_needs", "Omplacering, behoven kunde inte mötas"},
    {"staff_competence", "Brist i personalens kompetens"},
    {"maltreatment_allegation", "Anklagelse om missförhållanden"},
    {"late_implementation_plan", "Genomförandeplan kom sent"},
    {"missing_monthly_report", "Månadsrapport saknas"},
    {"permit_revoked", "Tillståndet återkallat av IVO"},
    {"bankruptcy", "Konkurs"},
    {"low_credit_rating", "Låg kreditvärdighet"},
    {"other", "Annat"},
    {NULL, NULL},
};

const struct code_label signal_statuses[] = {
    {"new", "Inte genomgången"},
    {"reviewed", "Genomgången"},
    {NULL, NULL},
};

const struct code_label signal_outcomes[] = {
    {"individual_case", "Hanteras inom individärendet"},
    {"no_action", "Ingen åtgärd"},
    {"deviation", "Avtalsavvikelse konstaterad"},
    {"escalated", "Till händelsestyrd uppföljning"},
    {NULL, NULL},
};

const struct code_label check_kinds[] = {
    {"credit", "Kreditupplysning"},
    {"tax", "Kontroll hos Skatteverket och Kronofogden"},
    {"ivo", "Underlag från IVO"},
    {"bankruptcy", "Konkurs"},
    {NULL, NULL},
};

const struct code_label credit_bureaus[] = {
    {"creditsafe", "Creditsafe"},
    {"uc", "UC"},
    {NULL, NULL},
};

const struct code_label ivo_record_kinds[] = {
    {"inspection_decision", "Tillsynsbeslut"},
    {"lex_sarah", "Lex Sarah-anmälan"},
    {"complaint", "Klagomål eller annan anmälan"},
    {"permit_revoked", "Återkallat tillstånd"},
    {NULL, NULL},
};

const struct code_label investigation_kinds[] = {
    {"event_driven", "Händelsestyrd uppföljning"},
    {"in_depth", "Fördjupad uppföljning"},
    {NULL, NULL},
};

const struct code_label investigation_statuses[] = {
    {"open", "Pågår"},
    {"closed", "Avslutad"},
    {NULL, NULL},
};

const struct code_label investigation_outcomes[] = {
    {"no_remarks", "Inga anmärkningar"},
    {"remarks_corrected", "Brister som utföraren har rättat"},
    {"sanction", "Sanktion beslutad"},
    {"other", "Annat utfall"},
    {NULL, NULL},
};

const struct code_label sanction_kinds[] = {
    {"correction_request", "Begäran om rättelse"},
    {"price_reduction", "Prisavdrag"},
    {"penalty", "Vite"},
    {"warning", "Varning"},
    {"termination", "Uppsägning"},
    {"rescission", "Hävning"},
    {NULL, NULL},
};

const struct code_label termination_causes[] = {
    {"provider_closed", "Utföraren har lagt ner verksamheten"},
    {"permit_revoked", "IVO har återkallat tillståndet"},
    {"bankruptcy", "Konkurs"},
    {"breach", "Avtalsbrott"},
    {NULL, NULL},
};

/* ---- placements and assignments (the planned follow-up) ---- */
const struct code_label placement_end_reasons[] = {
    {"planned", "Planerat avslut"},
    {"relocation_unmet_needs", "Omplacering, behoven kunde inte mötas"},
    {"client_left", "Klienten avbröt"},
    {"other", "Annat"},
    {NULL, NULL},
};

const struct code_label assignment_kinds[] = {
    {"family_treatment", "Familjebehandling"},
    {"advice_support", "Råd och stöd"},
    {NULL, NULL},
};

const struct code_label age_groups[] = {
    {"child", "Barn (upp till 12 år)"},
    {"youth", "Ungdom (13 år och äldre)"},
    {NULL, NULL},
};

const struct code_label goal_outcomes[] = {
    {"met", "Målen uppfyllda"},
    {"partly", "Målen delvis uppfyllda"},
    {"not_met", "Målen inte uppfyllda"},
    {NULL, NULL},
};

const struct code_label plan_statuses[] = {
    {"draft", "Utkast"},
    {"approved", "Godkänd av nämnden"},
    {NULL, NULL},
};

const struct code_label survey_audiences[] = {
    {"case_workers", "Socialsekreterare"},
    {"providers", "Leverantörer"},
    {"ordering_unit", "Beställande enhet"},
    {NULL, NULL},
};

const struct code_label survey_statuses[] = {
    {"draft", "Utkast"},
    {"open", "Öppen för svar"},
    {"closed", "Stängd"},
    {NULL, NULL},
};

const struct code_label survey_question_kinds[] = {
    {"scale", "Skala 1–5"},
    {"yes_no", "Ja eller nej"},
    {"single", "Ett svarsalternativ"},
    {"multiple", "Flera svarsalternativ"},
    {"text", "Fritext"},
    {NULL, NULL},
};

const char *
code_label(const struct code_label *table, const char *code)
{
    for (; code && table->code; table++)
        if (strcmp(table->code, code) == 0)
            return table->label;
    return NULL;
}

int
code_valid(const struct code_label *table, const char *code)
{
    return code_label(table, code) != NULL;
}

const char *
code_label_or_empty(const struct code_label *table, const char *code)
{
    const char *l = code_label(table, code);
    return l ? l : "";
}
