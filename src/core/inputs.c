/* inputs.c — the field tables of the input structs. */
#include "core/domain.h"

#define F(type, name)                                                                              \
    {                                                                                              \
#name, offsetof(struct type, name)                                                         \
    }

const struct input_field organisation_input_fields[] = {
    F(organisation_input, name),
    F(organisation_input, org_nr),
    F(organisation_input, kind),
    F(organisation_input, legal_form),
    F(organisation_input, contact_name),
    F(organisation_input, contact_email),
    F(organisation_input, contact_phone),
    F(organisation_input, notes),
    {NULL, 0},
};

const struct input_field unit_input_fields[] = {
    F(unit_input, organisation_id),
    F(unit_input, name),
    F(unit_input, service_area),
    F(unit_input, capacity),
    F(unit_input, address),
    F(unit_input, ivo_permit_number),
    F(unit_input, ivo_permit_status),
    F(unit_input, ivo_permit_date),
    {NULL, 0},
};

const struct input_field agreement_input_fields[] = {
    F(agreement_input, case_ref),
    F(agreement_input, title),
    F(agreement_input, form),
    F(agreement_input, service_area),
    F(agreement_input, organisation_id),
    F(agreement_input, unit_ids),
    F(agreement_input, start),
    F(agreement_input, end),
    F(agreement_input, extensions_left),
    F(agreement_input, extension_months),
    F(agreement_input, latest_end),
    F(agreement_input, approved_on),
    F(agreement_input, signed_on),
    F(agreement_input, value_adds),
    F(agreement_input, requirements),
    F(agreement_input, strategist_id),
    F(agreement_input, status),
    F(agreement_input, termination_reason),
    F(agreement_input, notes),
    F(agreement_input, credit_min_creditsafe),
    F(agreement_input, credit_min_uc),
    {NULL, 0},
};
