/* request.c — reading a request (query, form, cookies, headers) and writing a response. */
#include "web/web.h"

#include "web/html.h"

#include "core/text.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
kv_add(struct arena *a, struct kv_list *l, const char *key, const char *value)
{
    l->items = arena_grow(a, l->items, l->n, &l->cap, sizeof *l->items);
    l->items[l->n].key = key;
    l->items[l->n].value = value ? value : "";
    l->n++;
}

const char *
kv_get(const struct kv_list *l, const char *key)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return l->items[i].value;
    return NULL;
}

const char *
kv_joined(struct arena *a, const struct kv_list *l, const char *key)
{
    struct buf b;
    buf_init(&b);
    int found = 0;
    for (int i = 0; i < l->n; i++) {
        if (strcmp(l->items[i].key, key) != 0)
            continue;
        if (found++)
            buf_putc(&b, '\n');
        buf_puts(&b, l->items[i].value);
    }
    const char *s = found ? arena_strdup(a, b.data ? b.data : "") : NULL;
    buf_free(&b);
    return s;
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char *
url_decode(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+')
            *o++ = ' ';
        else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            *o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else
            *o++ = s[i];
    }
    *o = '\0';
    return out;
}

void
parse_urlencoded(struct arena *a, const char *body, size_t len, struct kv_list *out)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && body[j] != '&')
            j++;
        const char *eq = memchr(body + i, '=', j - i);
        if (j > i) {
            size_t klen = eq ? (size_t)(eq - (body + i)) : j - i;
            char *key = url_decode(a, body + i, klen);
            char *value =
                url_decode(a, eq ? eq + 1 : body + j, eq ? (size_t)(body + j - (eq + 1)) : 0);
            /* browsers send CRLF in textareas; keep one line ending */
            char *w = value;
            for (char *r = value; *r; r++)
                if (*r != '\r')
                    *w++ = *r;
            *w = '\0';
            kv_add(a, out, key, value);
        }
        i = j + 1;
    }
}

const char *
req_header(struct request *req, const char *name)
{
    if (req->connection)
        return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
    for (int i = 0; i < req->in_headers.n; i++) /* header names are case-insensitive */
        if (strcasecmp(req->in_headers.items[i].key, name) == 0)
            return req->in_headers.items[i].value;
    return NULL;
}

const char *
req_cookie(struct request *req, const char *name)
{
    if (req->connection)
        return MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, name);
    return kv_get(&req->in_cookies, name);
}

const char *
req_base_url(struct request *req)
{
    if (req->config && req->config->public_url[0])
        return req->config->public_url;
    if (!req->connection)
        return NULL;
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct sockaddr_in local;
    socklen_t len = sizeof local;
    if (!info || getsockname(info->connect_fd, (struct sockaddr *)&local, &len) != 0 ||
        local.sin_family != AF_INET)
        return NULL;
    char host[INET_ADDRSTRLEN];
    if (!inet_ntop(AF_INET, &local.sin_addr, host, sizeof host))
        return NULL;
    return arena_printf(req->arena, "http://%s:%u", host, (unsigned)ntohs(local.sin_port));
}

long long
req_id(struct request *req, int index)
{
    long long v;
    if (!req->params[index] || text_parse_uint(req->params[index], 1LL << 53, &v) != 0)
        return 0;
    return v;
}

int
req_int(struct request *req, const char *name, int dflt, int min, int max)
{
    const char *s = kv_get(&req->query, name);
    long long v;
    if (!s || text_parse_uint(s, 1LL << 30, &v) != 0)
        return dflt;
    return v < min ? min : v > max ? max : (int)v;
}

char *
req_filter_key(struct request *req)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "%lld %s?", req->actor.organisation_id, req->path);
    for (int i = 0; i < req->query.n; i++) {
        const char *k = req->query.items[i].key;
        if (strcmp(k, "page") == 0 || strcmp(k, "per_page") == 0 || strcmp(k, "sparat") == 0)
            continue;
        url_escape(&b, k); /* escaped, so that no value can pose as another parameter */
        buf_putc(&b, '=');
        url_escape(&b, req->query.items[i].value);
        buf_putc(&b, '&');
    }
    char *key = arena_strdup(req->arena, b.data);
    buf_free(&b);
    return key;
}

void
resp_header(struct request *req, const char *name, const char *value)
{
    kv_add(req->arena, &req->headers, arena_strdup(req->arena, name),
           arena_strdup(req->arena, value));
}

void
resp_file(struct request *req, const char *name, const void *data, size_t size)
{
    struct buf cd;
    buf_init(&cd);
    buf_puts(&cd, "attachment; filename*=UTF-8''");
    url_escape(&cd, name);
    resp_header(req, "Content-Disposition", cd.data);
    buf_free(&cd);
    buf_reset(&req->out);
    buf_append(&req->out, data, size);
    req->status = 200;
    req->content_type = "application/octet-stream";
}

void
resp_redirect(struct request *req, const char *location)
{
    req->status = 303;
    resp_header(req, "Location", location);
    buf_reset(&req->out);
}

void
resp_json(struct request *req, int status, json_t *body)
{
    req->status = status;
    req->content_type = "application/json; charset=utf-8";
    /* 15 significant digits: a number born decimal (40.2 hours, an amount in kronor) is written
     * as such, not as the 17 digits of its nearest double (40.200000000000003) */
    char *s = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15));
    buf_reset(&req->out);
    buf_puts(&req->out, s ? s : "null");
    free(s);
    json_decref(body);
}

long long
req_data_version(struct request *req)
{
    if (req->data_version < 0)
        req->data_version = store_audit_last_id(req->store);
    return req->data_version;
}

void
resp_json_text(struct request *req, int status, const char *body, size_t len)
{
    req->status = status;
    req->content_type = "application/json; charset=utf-8";
    buf_reset(&req->out);
    buf_append(&req->out, body, len);
}

int
status_for(int code)
{
    switch (code) {
    case 0:
        return 200;
    case INSYN_EINVAL:
        return 422;
    case INSYN_ENOTFOUND:
        return 404;
    case INSYN_ECONFLICT:
        return 409;
    case INSYN_EDENIED:
        return 403;
    case INSYN_EAUTH:
        return 401;
    case INSYN_ELOCKED:
        return 429;
    default:
        return 500;
    }
}

static const char *
status_title(int status)
{
    switch (status) {
    case 400:
        return "Felaktig förfrågan";
    case 401:
        return "Inloggning krävs";
    case 403:
        return "Behörighet saknas";
    case 404:
        return "Finns inte";
    case 405:
        return "Metoden stöds inte";
    case 409:
        return "Konflikt";
    case 413:
        return "För stor förfrågan";
    case 415:
        return "Fel innehållstyp";
    case 422:
        return "Uppgifterna innehåller fel";
    case 429:
        return "För många försök";
    default:
        return "Serverfel";
    }
}

void
resp_problem(struct request *req, int status, const char *detail, const struct insyn_err *err)
{
    json_t *p = json_object();
    json_object_set_new(p, "type", json_string("about:blank"));
    json_object_set_new(p, "title", json_string(status_title(status)));
    json_object_set_new(p, "status", json_integer(status));
    json_object_set_new(p, "detail", json_string(detail ? detail : status_title(status)));
    json_t *errors = json_array();
    for (int i = 0; err && i < err->nfields; i++) {
        const struct insyn_field_err *f = err_field_at(err, i);
        json_t *e = json_object();
        json_object_set_new(e, "field", json_string(f->field));
        json_object_set_new(e, "message", json_string(f->message));
        if (f->row)
            json_object_set_new(e, "row", json_integer(f->row));
        json_array_append_new(errors, e);
    }
    json_object_set_new(p, "errors", errors);
    resp_json(req, status, p);
    req->content_type = "application/problem+json; charset=utf-8";
}
