/* json.c — the JSON shape of each entity, and JSON bodies into input structs.
 * Keys are the input field names, so that a GET's body can be edited and PATCHed back. */
#include "app/app.h"

#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>

json_t *
date_json(int d)
{
    if (d == DATE_NONE)
        return json_null();
    char buf[11];
    date_format(d, buf);
    return json_string(buf);
}

json_t *
id_json(long long id)
{
    return id ? json_integer(id) : json_null();
}

static json_t *
strings_json(char **items, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_string(items[i]));
    return arr;
}

static const char *
or_empty(const char *s)
{
    return s ? s : "";
}

json_t *
organisation_json(const struct organisation *o)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(o->id));
    json_object_set_new(j, "name", json_string(or_empty(o->name)));
    json_object_set_new(j, "org_nr", json_string(o->org_nr));
    json_object_set_new(j, "kind", json_string(or_empty(o->kind)));
    json_object_set_new(j, "kind_label",
                        json_string(or_empty(code_label(organisation_kinds, o->kind))));
    json_object_set_new(j, "legal_form", json_string(or_empty(o->legal_form)));
    json_object_set_new(j, "legal_form_label",
                        json_string(or_empty(code_label(legal_forms, o->legal_form))));
    json_object_set_new(j, "contact_name", json_string(or_empty(o->contact_name)));
    json_object_set_new(j, "contact_email", json_string(or_empty(o->contact_email)));
    json_object_set_new(j, "contact_phone", json_string(or_empty(o->contact_phone)));
    json_object_set_new(j, "notes", json_string(or_empty(o->notes)));
    json_object_set_new(j, "unit_count", json_integer(o->unit_count));
    json_object_set_new(j, "agreement_count", json_integer(o->agreement_count));
    json_object_set_new(j, "created_at", json_string(or_empty(o->created_at)));
    json_object_set_new(j, "updated_at", json_string(or_empty(o->updated_at)));
    return j;
}

json_t *
unit_json(const struct unit *u)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(u->id));
    json_object_set_new(j, "organisation_id", json_integer(u->organisation_id));
    json_object_set_new(j, "organisation_name", json_string(or_empty(u->organisation_name)));
    json_object_set_new(j, "name", json_string(or_empty(u->name)));
    json_object_set_new(j, "service_area", json_string(or_empty(u->service_area)));
    json_object_set_new(j, "service_area_label",
                        json_string(or_empty(code_label(service_areas, u->service_area))));
    json_object_set_new(j, "capacity", u->capacity < 0 ? json_null() : json_integer(u->capacity));
    json_object_set_new(j, "address", json_string(or_empty(u->address)));
    json_object_set_new(j, "ivo_permit_number", json_string(or_empty(u->ivo_permit_number)));
    json_object_set_new(j, "ivo_permit_status", json_string(or_empty(u->ivo_permit_status)));
    json_object_set_new(
        j, "ivo_permit_status_label",
        json_string(or_empty(code_label(ivo_permit_statuses, u->ivo_permit_status))));
    json_object_set_new(j, "ivo_permit_date", date_json(u->ivo_permit_date));
    json_object_set_new(j, "created_at", json_string(or_empty(u->created_at)));
    json_object_set_new(j, "updated_at", json_string(or_empty(u->updated_at)));
    return j;
}

json_t *
agreement_json(const struct agreement *g, int today)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(g->id));
    json_object_set_new(j, "case_ref", json_string(or_empty(g->case_ref)));
    json_object_set_new(j, "title", json_string(or_empty(g->title)));
    json_object_set_new(j, "form", json_string(or_empty(g->form)));
    json_object_set_new(j, "form_label",
                        json_string(or_empty(code_label(agreement_forms, g->form))));
    json_object_set_new(j, "service_area", json_string(or_empty(g->service_area)));
    json_object_set_new(j, "service_area_label",
                        json_string(or_empty(code_label(service_areas, g->service_area))));
    json_object_set_new(j, "organisation_id", json_integer(g->organisation_id));
    json_object_set_new(j, "organisation_name", json_string(or_empty(g->organisation_name)));
    json_t *units = json_array();
    for (int i = 0; i < g->n_units; i++) {
        json_t *u = json_object();
        json_object_set_new(u, "id", json_integer(g->unit_ids[i]));
        json_object_set_new(u, "name",
                            json_string(g->unit_names ? or_empty(g->unit_names[i]) : ""));
        json_array_append_new(units, u);
    }
    json_object_set_new(j, "units", units);
    json_t *ids = json_array();
    for (int i = 0; i < g->n_units; i++)
        json_array_append_new(ids, json_integer(g->unit_ids[i]));
    json_object_set_new(j, "unit_ids", ids);
    json_object_set_new(j, "start", date_json(g->start));
    json_object_set_new(j, "end", date_json(g->end));
    json_object_set_new(j, "extensions_left", json_integer(g->extensions_left));
    json_object_set_new(j, "extension_months", json_integer(g->extension_months));
    json_object_set_new(j, "latest_end", date_json(g->latest_end));
    json_object_set_new(j, "approved_on", date_json(g->approved_on));
    json_object_set_new(j, "signed_on", date_json(g->signed_on));
    json_object_set_new(j, "value_adds", strings_json(g->value_adds, g->n_value_adds));
    json_object_set_new(j, "requirements", strings_json(g->requirements, g->n_requirements));
    json_object_set_new(j, "strategist_id",
                        g->strategist_id ? json_integer(g->strategist_id) : json_null());
    json_object_set_new(j, "strategist_name", json_string(or_empty(g->strategist_name)));
    json_object_set_new(j, "status", json_string(or_empty(g->status)));
    json_object_set_new(j, "status_label",
                        json_string(or_empty(code_label(agreement_statuses, g->status))));
    json_object_set_new(j, "termination_reason", json_string(or_empty(g->termination_reason)));
    json_object_set_new(j, "notes", json_string(or_empty(g->notes)));
    json_object_set_new(j, "credit_min_creditsafe",
                        g->credit_min_creditsafe >= 0 ? json_integer(g->credit_min_creditsafe)
                                                      : json_null());
    json_object_set_new(j, "credit_min_uc",
                        g->credit_min_uc >= 0 ? json_integer(g->credit_min_uc) : json_null());
    json_object_set_new(j, "termination_flag", json_string(or_empty(g->termination_flag)));
    json_object_set_new(
        j, "termination_flag_label",
        json_string(or_empty(g->termination_flag && *g->termination_flag
                                 ? code_label(termination_causes, g->termination_flag)
                                 : "")));
    json_object_set_new(j, "termination_flagged_on",
                        g->termination_flag && *g->termination_flag
                            ? date_json(g->termination_flagged_on)
                            : json_null());
    if (today != DATE_NONE && g->end != DATE_NONE) {
        struct agreement_outlook o;
        agreement_outlook(g, today, &o);
        json_t *out = json_object();
        json_object_set_new(out, "days_left", json_integer(o.days_left));
        json_object_set_new(out, "can_extend", json_boolean(o.can_extend));
        json_object_set_new(out, "next_end", date_json(o.next_end));
        json_object_set_new(out, "latest_end", date_json(o.latest_end));
        char text[48];
        snprintf(text, sizeof text, "%d %s kvar", g->extensions_left,
                 g->extensions_left == 1 ? "förlängning" : "förlängningar");
        json_object_set_new(out, "extensions_text", json_string(text));
        json_object_set_new(j, "outlook", out);
        json_object_set_new(j, "extendable",
                            json_boolean(o.can_extend && strcmp(g->status, "active") == 0));
    }
    json_object_set_new(j, "created_at", json_string(or_empty(g->created_at)));
    json_object_set_new(j, "updated_at", json_string(or_empty(g->updated_at)));
    return j;
}

json_t *
code_list_json(const struct code_label *table, const char *selected)
{
    json_t *arr = json_array();
    for (; table->code; table++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(table->code));
        json_object_set_new(o, "label", json_string(table->label));
        json_object_set_new(o, "selected",
                            json_boolean(selected && strcmp(selected, table->code) == 0));
        json_array_append_new(arr, o);
    }
    return arr;
}

static const char *
scalar_text(json_t *v, struct arena *a)
{
    if (json_is_string(v))
        return arena_strdup(a, json_string_value(v));
    if (json_is_integer(v))
        return arena_printf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    if (json_is_null(v))
        return "";
    return NULL;
}

int
input_from_json(json_t *obj, void *input, const struct input_field *fields, struct arena *a,
                struct insyn_err *err)
{
    if (!json_is_object(obj))
        return err_set(err, INSYN_EINVAL, "Förfrågan ska vara ett JSON-objekt.");
    int before = err->nfields;
    for (const struct input_field *f = fields; f->name; f++) {
        json_t *v = json_object_get(obj, f->name);
        if (!v)
            continue;
        const char *text = scalar_text(v, a);
        if (!text && json_is_array(v)) {
            struct buf b;
            buf_init(&b);
            size_t i;
            json_t *item;
            int ok = 1;
            json_array_foreach(v, i, item)
            {
                const char *t = scalar_text(item, a);
                if (!t || strchr(t, '\n')) {
                    ok = 0;
                    break;
                }
                if (i)
                    buf_putc(&b, '\n');
                buf_puts(&b, t);
            }
            text = ok ? arena_strdup(a, b.data ? b.data : "") : NULL;
            buf_free(&b);
        }
        if (!text)
            err_field(err, 0, f->name, "Fältet har fel typ.");
        else
            *input_slot(input, f) = text;
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}
