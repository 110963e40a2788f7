/* organisation.c — rules for providers (organisations) and their units. */
#include "core/codes.h"
#include "core/date.h"
#include "core/domain.h"
#include "core/field.h"
#include "core/orgnr.h"
#include "core/text.h"

#include <string.h>

int
organisation_validate(const struct organisation_input *in, struct organisation *out,
                      struct arena *a, int row, struct insyn_err *err)
{
    int before = err ? err->nfields : 0;
    out->name = field_text(a, in->name, "name", "Namn", 200, 1, row, err);
    orgnr_normalize(in->org_nr, out->org_nr, row, "org_nr", err);
    out->kind =
        field_code(a, organisation_kinds, in->kind, "kind", "Typ av organisation", 1, row, err);
    out->legal_form =
        field_code(a, legal_forms, in->legal_form, "legal_form", "Juridisk form", 0, row, err);
    out->contact_name =
        field_text(a, in->contact_name, "contact_name", "Kontaktperson", 200, 0, row, err);
    out->contact_email =
        field_text(a, in->contact_email, "contact_email", "E-post", 200, 0, row, err);
    if (*out->contact_email &&
        (!strchr(out->contact_email, '@') || strchr(out->contact_email, ' ') ||
         strchr(out->contact_email, '@') == out->contact_email))
        err_field(err, row, "contact_email", "E-postadressen ser inte ut som en e-postadress.");
    out->contact_phone = text_trim(a, in->contact_phone);
    if (strlen(out->contact_phone) > 40 ||
        strspn(out->contact_phone, "+0123456789 -()") != strlen(out->contact_phone))
        err_field(err, row, "contact_phone",
                  "Telefonnumret får bara innehålla siffror, mellanslag, + och -.");
    out->notes = field_text(a, in->notes, "notes", "Anteckningar", 4000, 0, row, err);
    return err && err->nfields > before ? INSYN_EINVAL : 0;
}

int
unit_validate(const struct unit_input *in, struct unit *out, struct arena *a, int row,
              struct insyn_err *err)
{
    int before = err ? err->nfields : 0;
    long long v;
    if (text_parse_uint(in->organisation_id, 1LL << 53, &v) != 0 || v == 0)
        err_field(err, row, "organisation_id", "Utförare måste väljas.");
    else
        out->organisation_id = v;
    out->name = field_text(a, in->name, "name", "Enhetens namn", 200, 1, row, err);
    out->service_area = field_code(a, service_areas, in->service_area, "service_area",
                                   "Verksamhetsområde", 1, row, err);
    out->address = field_text(a, in->address, "address", "Adress", 300, 0, row, err);
    out->capacity =
        (int)field_uint(a, in->capacity, "capacity", "Antal platser", -1, 100000, row, err);
    out->ivo_permit_number = field_text(a, in->ivo_permit_number, "ivo_permit_number",
                                        "IVO-tillståndets nummer", 60, 0, row, err);
    out->ivo_permit_status =
        field_code(a, ivo_permit_statuses, in->ivo_permit_status, "ivo_permit_status",
                   "Status för IVO-tillstånd", 0, row, err);
    out->ivo_permit_date = field_date(a, in->ivo_permit_date, "ivo_permit_date",
                                      "Datum för IVO-tillstånd", 0, row, err);
    return err && err->nfields > before ? INSYN_EINVAL : 0;
}
