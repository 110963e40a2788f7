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
