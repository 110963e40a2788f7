/* page_auth.c — the start page, logging in and out, health check and static assets. */
#include "web/web.h"

#include "core/embed.h"

#include <sodium.h>
#include <string.h>

void
page_home(struct request *req)
{
    if (!req->logged_in)
        resp_redirect(req, "/login");
    else if (req->actor.role == ROLE_PROVIDER_USER)
        resp_redirect(req, arena_printf(req->arena, "/utforare/%lld", req->actor.organisation_id));
    else
        resp_redirect(req, "/oversikt");
}

void
page_healthz(struct request *req)
{
    long long last = store_audit_last_id(req->store);
    resp_json(req, last >= 0 ? 200 : 503,
              json_pack("{s:s}", "status", last >= 0 ? "ok" : "databasfel"));
}

void
page_static(struct request *req)
{
    const char *file = req->params[0];
    if (strstr(file, "..") || strchr(file, '/')) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    const struct embedded_file *f = embed_find(arena_printf(req->arena, "static/%s", file));
    if (!f) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    const char *ext = strrchr(file, '.');
    req->content_type = !ext                        ? "application/octet-stream"
                        : strcmp(ext, ".css") == 0  ? "text/css; charset=utf-8"
                        : strcmp(ext, ".js") == 0   ? "text/javascript; charset=utf-8"
                        : strcmp(ext, ".svg") == 0  ? "image/svg+xml"
                        : strcmp(ext, ".yaml") == 0 ? "application/yaml; charset=utf-8"
                                                    : "application/octet-stream";
    resp_header(req, "Cache-Control", "public, max-age=3600");
    buf_reset(&req->out);
    buf_append(&req->out, f->data, f->size);
}

/* "next" must stay on this site: a path, not a scheme or another host. Browsers drop tabs
 * and line breaks from a URL ("/<TAB>/host" is "//host"), so no control character passes. */
static const char *
safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return "/";
    return next;
}

static void
login_form(struct request *req, int status, const char *message, const char *email)
{
    const char *token = req_cookie(req, "insyn_prelogin");
    char fresh[65];
    if (!token || strlen(token) != 64) {
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(fresh, sizeof fresh, raw, sizeof raw);
        token = fresh;
        resp_header(req, "Set-Cookie",
                    arena_printf(req->arena,
                                 "insyn_prelogin=%s; Path=/login; HttpOnly; SameSite=Strict%s",
                                 token, req->config->secure_cookies ? "; Secure" : ""));
    }
    const char *next = kv_get(&req->form, "next");
    if (!next)
        next = kv_get(&req->query, "next");
    json_t *data = json_pack("{s:s, s:s, s:s}", "login_csrf", token, "next", safe_next(next),
                             "email", email ? email : "");
    if (message)
        json_object_set_new(data, "message", json_string(message));
    else if (kv_get(&req->query, "utloggad"))
        json_object_set_new(data, "info", json_string("Du är utloggad."));
    render_page(req, status, "login", "Logga in", data);
}

void
page_login_form(struct request *req)
{
    if (req->logged_in) {
        resp_redirect(req, "/");
        return;
    }
    login_form(req, 200, NULL, NULL);
}

void
page_login(struct request *req)
{
    const char *email = kv_get(&req->form, "email");
    struct login_attempt in = {
        .email = email,
        .password = kv_get(&req->form, "password"),
        .client_address = req->client_address,
        .browser_token = req_cookie(req, "insyn_browser"),
        .window_seconds = req->config->login_window_seconds,
    };
    struct login_result out;
    struct insyn_err err = {.arena = req->arena};
    if (app_login(req->store, &in, req->arena, &out, &err) != 0) {
        if (err.code == INSYN_ELOCKED)
            resp_header(req, "Retry-After", arena_printf(req->arena, "%d", out.retry_after));
        login_form(req, status_for(err.code), err.message, email);
        return;
    }
    const char *secure = req->config->secure_cookies ? "; Secure" : "";
    resp_header(req, "Set-Cookie",
                arena_printf(req->arena,
                             "insyn_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
                             out.session_token, SESSION_SECONDS, secure));
    /* Known to this account from now on: only the login form needs to see it, and no other
     * site may send it along. */
    if (out.browser_token)
        resp_header(req, "Set-Cookie",
                    arena_printf(req->arena,
                                 "insyn_browser=%s; Path=/login; HttpOnly; SameSite=Strict; "
                                 "Max-Age=%d%s",
                                 out.browser_token, LOGIN_BROWSER_SECONDS, secure));
    resp_redirect(req, safe_next(kv_get(&req->form, "next")));
}

void
page_logout(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    if (req->session_token)
        app_logout(req->store, req->session_token, &err);
    resp_header(req, "Set-Cookie", "insyn_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    resp_redirect(req, "/login?utloggad=1");
}
