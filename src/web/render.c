/* render.c — pages inside the layout, error pages, form state and paging. */
#include "web/web.h"

#include "web/html.h"
#include "web/template.h"

#include <pthread.h>
#include <string.h>

static const struct nav_item {
    const char *href, *label;
    enum perm perm;
    const char *also; /* pages under another path that belong here: a provider's units */
} nav_items[] = {
    {"/oversikt", "Översikt", PERM_DASHBOARD, NULL},
    {"/mina-uppgifter", "Mina uppgifter", PERM_DASHBOARD, "/ersattare"},
    {"/utforare", "Utförare", PERM_ORG_READ, "/enheter"},
    {"/avtal", "Avtal", PERM_AGREEMENT_READ, NULL},
    {"/ansokningar", "Ansökningar", PERM_APPLICATION_READ, "/introduktion"},
    {"/signaler", "Signaler", PERM_SIGNAL_READ, "/samordnarmoten"},
    {"/rutiner", "Rutiner", PERM_DASHBOARD, "/aktiviteter"},
    {"/utredningar", "Utredningar", PERM_RISK_READ, NULL},
    {"/risk", "Risk", PERM_RISK_READ, NULL},
    {"/kontrollplaner", "Kontrollplan", PERM_DASHBOARD, NULL},
    {"/enkater", "Enkäter", PERM_DASHBOARD, NULL},
    {"/rapporter", "Rapporter", PERM_RISK_READ, NULL},
};
#define NAV_ITEMS (int)(sizeof nav_items / sizeof nav_items[0])

static int
under(const char *path, const char *prefix)
{
    size_t n = prefix ? strlen(prefix) : 0;
    return n && strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The role's menu with item `current` marked (NAV_ITEMS for none). */
static json_t *
nav_make(enum role role, int current)
{
    json_t *nav = json_array();
    for (int i = 0; i < NAV_ITEMS; i++)
        if (role_may(role, nav_items[i].perm))
            json_array_append_new(nav,
                                  json_pack("{s:s, s:s, s:b}", "href", nav_items[i].href, "label",
                                            nav_items[i].label, "current", i == current));
    return nav;
}

/* The menu depends on the role and the page only, so each is made once and shared: a page
 * takes a reference (jansson counts them atomically) and never changes it. */
static json_t *
nav_shared(enum role role, int current)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static json_t *made[ROLE__COUNT][NAV_ITEMS + 1];
    pthread_mutex_lock(&lock);
    json_t **slot = &made[role][current];
    if (!*slot)
        *slot = nav_make(role, current);
    json_t *nav = json_incref(*slot);
    pthread_mutex_unlock(&lock);
    return nav;
}

static json_t *
nav_json(struct request *req)
{
    int current = NAV_ITEMS;
    for (int i = 0; i < NAV_ITEMS && current == NAV_ITEMS; i++)
        if (role_may(req->actor.role, nav_items[i].perm) &&
            (under(req->path, nav_items[i].href) || under(req->path, nav_items[i].also)))
            current = i;
    if (req->actor.role != ROLE_PROVIDER_USER)
        return req->actor.role > ROLE_NONE && req->actor.role < ROLE__COUNT
                   ? nav_shared(req->actor.role, current)
                   : json_array();
    json_t *nav = nav_make(req->actor.role, current);
    /* a provider's user answers the provider's surveys here; staff find theirs in Mina uppgifter */
    json_array_append_new(nav,
                          json_pack("{s:s, s:s, s:b}", "href", "/mina-enkater", "label", "Enkäter",
                                    "current", strncmp(req->path, "/mina-enkater", 13) == 0));
    /* an applicant follows its applications here; other providers have none */
    struct application *apps;
    int napps = 0;
    struct insyn_err ignore = {.arena = req->arena};
    if (store_application_list(req->store, req->actor.organisation_id, req->arena, &apps, &napps,
                               &ignore) == 0 &&
        napps > 0 && req->actor.organisation_id)
        json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "href", "/mina-ansokningar",
                                             "label", "Ansökningar", "current",
                                             strncmp(req->path, "/mina-ansokningar", 17) == 0));
    return nav;
}

/* Where the page's body goes in the layout: a mark no rendered text can hold (names and other
 * values are checked text, which never has a control character). */
#define BODY_MARK "\x1einsyn-body\x1e"

int
render_page_with(struct request *req, int status, const char *title,
                 int (*write_body)(struct buf *out, void *ctx), void *ctx)
{
    /* the layout is rendered around a mark, and the body put in its place as the page is
     * written: a body of some hundred kilobytes is copied once, not through JSON and the
     * template engine */
    json_t *layout = json_object();
    json_object_set_new(layout, "title", json_string(title));
    json_object_set_new(layout, "body", json_string(BODY_MARK));
    json_object_set_new(layout, "csrf", json_string(req->csrf ? req->csrf : ""));
    if (req->logged_in) {
        json_object_set_new(layout, "user",
                            json_pack("{s:s, s:s}", "name", req->actor.name, "role_label",
                                      role_label(req->actor.role)));
        json_object_set_new(layout, "nav", nav_json(req));
    }
    const char *saved = kv_get(&req->query, "sparat");
    if (saved)
        json_object_set_new(layout, "flash", json_string("Uppgifterna är sparade."));
    struct buf frame;
    buf_init(&frame);
    template_render("layout", layout, &frame);
    json_decref(layout);
    const char *text = frame.data ? frame.data : "", *mark = strstr(text, BODY_MARK);
    buf_reset(&req->out);
    int rc = 0;
    if (mark) {
        buf_append(&req->out, text, (size_t)(mark - text));
        rc = write_body(&req->out, ctx);
        buf_puts(&req->out, mark + strlen(BODY_MARK));
    } else { /* a layout without a body: the page as the layout has it */
        buf_puts(&req->out, text);
    }
    buf_free(&frame);
    req->status = status;
    req->content_type = "text/html; charset=utf-8";
    return rc;
}

/* A body already in hand. */
static int
write_text(struct buf *out, void *ctx)
{
    const struct buf *body = ctx;
    buf_append(out, body->data ? body->data : "", body->len);
    return 0;
}

void
render_page(struct request *req, int status, const char *name, const char *title, json_t *data)
{
    if (!data) { /* a page's data could not be built: an error page, never half a page */
        struct insyn_err err = {0};
        err_incident(&err, "page %s: its data could not be built", name);
        status = 500, name = "error", title = "Något gick fel";
        data = json_pack("{s:s, s:s}", "heading", title, "detail", err.message);
    }
    struct buf body;
    buf_init(&body);
    json_object_set_new(data, "csrf", json_string(req->csrf ? req->csrf : ""));
    template_render(name, data, &body);
    json_decref(data);
    render_page_with(req, status, title, write_text, &body);
    buf_free(&body);
}

void
respond_error(struct request *req, int code, const struct insyn_err *err)
{
    int status = code > 0 ? code : status_for(code);
    const char *detail = err && err->message[0] ? err->message : NULL;
    if (!detail)
        detail = status == 404
                     ? "Det du söker finns inte, eller så saknar du behörighet att se det."
                 : status == 405 ? "Sidan finns, men inte för den här typen av förfrågan."
                 : status == 403 ? "Du saknar behörighet för detta."
                                 : "Något gick fel. Försök igen om en stund.";
    if (req->is_api) {
        resp_problem(req, status, detail, err);
        return;
    }
    const char *title = status == 400   ? "Förfrågan kunde inte läsas"
                        : status == 404 ? "Sidan finns inte"
                        : status == 403 ? "Behörighet saknas"
                        : status == 405 ? "Metoden stöds inte"
                        : status == 422 ? "Uppgifterna innehåller fel"
                                        : "Något gick fel";
    render_page(req, status, "error", title,
                json_pack("{s:s, s:s}", "heading", title, "detail", detail));
}

json_t *
form_state(struct request *req, const struct input_field *fields, const struct insyn_err *err)
{
    json_t *values = json_object(), *errors = json_object(), *list = json_array();
    for (const struct input_field *f = fields; f->name; f++) {
        const char *v = kv_get(&req->form, f->name);
        json_object_set_new(values, f->name, json_string(v ? v : ""));
    }
    for (int i = 0; err && i < err->nfields; i++) {
        const struct insyn_field_err *f = err_field_at(err, i);
        if (!json_object_get(errors, f->field))
            json_object_set_new(errors, f->field, json_string(f->message));
        json_array_append_new(list,
                              json_pack("{s:s, s:s}", "field", f->field, "message", f->message));
    }
    if (err && err->nfields == 0 && err->message[0])
        json_array_append_new(list, json_pack("{s:s, s:s}", "field", "", "message", err->message));
    int has_errors = json_array_size(list) > 0;
    return json_pack("{s:o, s:o, s:o, s:b}", "values", values, "errors", errors, "error_list", list,
                     "has_errors", has_errors);
}

void
input_from_form(struct request *req, void *input, const struct input_field *fields)
{
    for (const struct input_field *f = fields; f->name; f++)
        *input_slot(input, f) = kv_joined(req->arena, &req->form, f->name);
}

json_t *
paging_json(struct request *req, int page, int per_page, int total)
{
    int pages = total == 0 ? 1 : (total + per_page - 1) / per_page;
    json_t *j = json_pack("{s:i, s:i, s:i, s:i, s:b}", "page", page, "pages", pages, "total", total,
                          "per_page", per_page, "several", pages > 1);
    /* links keep every query parameter but the page */
    struct buf base;
    buf_init(&base);
    buf_puts(&base, req->path);
    buf_putc(&base, '?');
    for (int i = 0; i < req->query.n; i++) {
        if (strcmp(req->query.items[i].key, "page") == 0 ||
            strcmp(req->query.items[i].key, "sparat") == 0)
            continue;
        url_escape(&base, req->query.items[i].key);
        buf_putc(&base, '=');
        url_escape(&base, req->query.items[i].value);
        buf_putc(&base, '&');
    }
    if (page > 1)
        json_object_set_new(
            j, "prev", json_string(arena_printf(req->arena, "%spage=%d", base.data, page - 1)));
    if (page < pages)
        json_object_set_new(
            j, "next", json_string(arena_printf(req->arena, "%spage=%d", base.data, page + 1)));
    /* sort links: same query with another sort/direction */
    json_object_set_new(j, "base", json_string(base.data));
    buf_free(&base);
    return j;
}

json_t *
page_history_json(struct request *req, const char *entity, long long id)
{
    json_t *h = NULL;
    struct insyn_err err = {.arena = req->arena};
    if (!role_may(req->actor.role, PERM_AUDIT_READ) ||
        app_history(req->store, &req->actor, entity, id, req->arena, &h, &err) != 0)
        return json_null();
    return h;
}
