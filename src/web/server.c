/* server.c — libmicrohttpd glue and the dispatcher: routing, authentication, the
 * permission check and CSRF protection happen here, once, for every route.
 *
 * The daemon runs a thread pool with one database connection per thread. A request's
 * body is read in full (at most MAX_BODY bytes) before the handler runs. */
#include "web/web.h"

#include "web/html.h"

#include "core/client_addr.h"
#include "core/text.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_BODY (10 * 1024 * 1024)

struct server {
    struct store_pool *pool;
    const struct web_config *config;
};

/* One part of a multipart/form-data body: a field's value or a file. */
struct part {
    char *key, *filename, *content_type;
    struct buf data;
    int too_large;
};

struct conn_state {
    struct buf body;
    int too_large;
    struct MHD_PostProcessor *pp; /* multipart/form-data only (file uploads) */
    int multipart;
    struct part *parts;
    int n_parts, cap_parts;
    size_t total; /* bytes of all parts */
    size_t raw;   /* bytes of the multipart body as sent, part headers included */
};

static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* libmicrohttpd's post processor hands over each part in pieces; a piece at offset 0 starts
 * a new part. A file beyond UPLOAD_MAX is kept as a flag only, so the handler can say so. */
static enum MHD_Result
on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
        const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
        size_t size)
{
    (void)kind, (void)transfer_encoding;
    struct conn_state *cs = cls;
    if (off == 0 || cs->n_parts == 0) {
        if (cs->n_parts == cs->cap_parts) {
            int cap = cs->cap_parts ? cs->cap_parts * 2 : 8;
            struct part *grown = realloc(cs->parts, sizeof *grown * (size_t)cap);
            if (!grown)
                return MHD_NO;
            cs->parts = grown;
            cs->cap_parts = cap;
        }
        struct part *p = &cs->parts[cs->n_parts++];
        memset(p, 0, sizeof *p);
        p->key = dup_or_null(key ? key : "");
        p->filename = dup_or_null(filename);
        p->content_type = dup_or_null(content_type);
        buf_init(&p->data);
        if (!p->key || (filename && !p->filename) || (content_type && !p->content_type))
            return MHD_NO; /* out of memory: the connection is closed */
    }
    struct part *p = &cs->parts[cs->n_parts - 1];
    size_t limit = p->filename ? UPLOAD_MAX : 1024 * 1024;
    cs->total += size;
    if (cs->total > MAX_BODY)
        cs->too_large = 1;
    if (p->too_large || p->data.len + size > limit) {
        p->too_large = 1;
        buf_reset(&p->data);
    } else if (size) {
        buf_append(&p->data, data, size);
    }
    return MHD_YES;
}

static void
free_parts(struct conn_state *cs)
{
    for (int i = 0; i < cs->n_parts; i++) {
        free(cs->parts[i].key);
        free(cs->parts[i].filename);
        free(cs->parts[i].content_type);
        buf_free(&cs->parts[i].data);
    }
    free(cs->parts);
    cs->parts = NULL;
    cs->n_parts = cs->cap_parts = 0;
}

/* The parts as the request's form fields (CR removed, as in parse_urlencoded) and files. */
static void
parts_to_request(struct conn_state *cs, struct request *req)
{
    req->uploads = arena_alloc(req->arena, sizeof *req->uploads * (size_t)(cs->n_parts + 1));
    for (int i = 0; i < cs->n_parts; i++) {
        struct part *p = &cs->parts[i];
        if (p->filename) {
            struct upload *u = &req->uploads[req->n_uploads++];
            u->field = arena_strdup(req->arena, p->key);
            u->filename = arena_strdup(req->arena, p->filename);
            u->content_type = arena_strdup(req->arena, p->content_type ? p->content_type : "");
            u->data = arena_strndup(req->arena, p->data.data ? p->data.data : "", p->data.len);
            u->len = p->data.len;
            u->too_large = p->too_large;
            continue;
        }
        char *v = arena_strndup(req->arena, p->data.data ? p->data.data : "", p->data.len), *w = v;
        for (char *r = v; *r; r++)
            if (*r != '\r')
                *w++ = *r;
        *w = '\0';
        kv_add(req->arena, &req->form, arena_strdup(req->arena, p->key), v);
    }
}

static int
segments_match(const char *pattern, const char *path, const char **params, struct arena *a)
{
    int np = 0;
    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/')
            return 0;
        pattern++, path++;
        const char *pe = strchrnul(pattern, '/'), *qe = strchrnul(path, '/');
        if (*pattern == ':') {
            if (qe == path || np >= 8)
                return 0;
            params[np++] = arena_strndup(a, path, (size_t)(qe - path));
        } else if (pe - pattern != qe - path ||
                   memcmp(pattern, path, (size_t)(pe - pattern)) != 0) {
            return 0;
        }
        pattern = pe, path = qe;
    }
    return *pattern == '\0' && *path == '\0';
}

static void
authenticate(struct request *req)
{
    req->actor.role = ROLE_NONE;
    req->data_version = -1;
    const char *auth = req_header(req, "Authorization");
    if (auth && strncmp(auth, "Bearer ", 7) == 0) {
        if (app_token_actor(req->store, auth + 7, req->arena, &req->actor) == 0)
            req->logged_in = req->via_token = 1;
        return;
    }
    const char *cookie = req_cookie(req, "insyn_session");
    char *csrf = NULL;
    if (cookie && app_session_actor(req->store, cookie, req->arena, &req->actor, &csrf,
                                    &req->data_version) == 0) {
        req->logged_in = 1;
        req->session_token = cookie;
        req->csrf = csrf;
    } else {
        req->actor.role = ROLE_NONE;
    }
}

static int
csrf_ok(struct request *req, const struct route *r)
{
    if (req->via_token)
        return 1; /* a bearer token is not sent by browsers on their own */
    if (r->handler == page_survey_answer)
        return 1; /* the path holds the survey link's secret: a forging site cannot know it */
    const char *given = r->api ? req_header(req, "X-CSRF-Token") : kv_get(&req->form, "csrf");
    const char *expected = req->csrf;
    if (r->handler == page_login)
        expected = req_cookie(req, "insyn_prelogin"); /* login forms carry a pre-session token */
    if (!given || !expected || strlen(given) != strlen(expected) || strlen(expected) < 32)
        return 0;
    return sodium_memcmp(given, expected, strlen(expected)) == 0;
}

/* The first name in the request that is not well-formed UTF-8 ("" for the path), or NULL.
 * Everything a handler reads must be text that JSON, pages and the audit log can carry;
 * checking once here means no handler meets anything else. */
static const char *
bad_text(struct request *req)
{
    if (!text_is_utf8(req->path))
        return "";
    const struct kv_list *lists[] = {&req->query, &req->form};
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < lists[l]->n; i++)
            if (!text_is_utf8(lists[l]->items[i].key) || !text_is_utf8(lists[l]->items[i].value))
                return text_is_utf8(lists[l]->items[i].key) ? lists[l]->items[i].key : "?";
    for (int i = 0; i < req->n_uploads; i++)
        if (!text_is_utf8(req->uploads[i].field) || !text_is_utf8(req->uploads[i].filename) ||
            !text_is_utf8(req->uploads[i].content_type))
            return text_is_utf8(req->uploads[i].field) ? req->uploads[i].field : "?";
    return NULL;
}

void
web_dispatch(struct request *req, struct store_pool *pool)
{
    const struct route *match = NULL;
    int path_known = 0;
    const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
    req->is_api = strncmp(req->path, "/api/", 5) == 0;
    for (const struct route *r = routes; r->method; r++) {
        const char *params[8] = {0};
        if (!segments_match(r->pattern, req->path, params, req->arena))
            continue;
        path_known = 1;
        if (strcmp(r->method, method) == 0) {
            match = r;
            memcpy(req->params, params, sizeof params);
            break;
        }
    }
    req->store = store_pool_acquire(pool);
    authenticate(req);
    struct insyn_err err = {.arena = req->arena};
    const char *bad = bad_text(req);
    if (bad) {
        if (*bad) {
            err_field(&err, 0, bad, "Värdet innehåller tecken som inte är giltig text (UTF-8).");
            err_set(
                &err, INSYN_EINVAL,
                "Fältet ”%s” innehåller tecken som inte är giltig text (UTF-8). Kontrollera det "
                "du skrev eller klistrade in och försök igen.",
                bad);
        } else {
            err_set(
                &err, INSYN_EINVAL,
                "Adressen innehåller tecken som inte är giltig text (UTF-8). Kontrollera länken "
                "och försök igen.");
        }
        respond_error(req, 400, &err);
    } else if (!match) {
        respond_error(req, path_known ? 405 : INSYN_ENOTFOUND,
                      path_known ? NULL
                                 : (err_set(&err, INSYN_ENOTFOUND, "Sidan finns inte."), &err));
    } else if (match->perm != PERM_PUBLIC && !req->logged_in) {
        if (match->api) {
            resp_problem(req, 401, "Du behöver logga in eller ange en giltig API-nyckel.", NULL);
            resp_header(req, "WWW-Authenticate", "Bearer");
        } else {
            struct buf loc;
            buf_init(&loc);
            buf_puts(&loc, "/login?next=");
            url_escape(&loc, req->path);
            resp_redirect(req, arena_strdup(req->arena, loc.data));
            buf_free(&loc);
        }
    } else if (!role_may(req->actor.role, match->perm)) {
        err_set(&err, INSYN_EDENIED, "Din roll (%s) ger inte behörighet till den här sidan.",
                role_label(req->actor.role));
        respond_error(req, INSYN_EDENIED, &err);
    } else if (strcmp(method, "GET") != 0 && !csrf_ok(req, match)) {
        err_set(&err, INSYN_EDENIED,
                "Formuläret kunde inte tas emot eftersom säkerhetstoken saknas eller är fel. "
                "Ladda om sidan och försök igen.");
        respond_error(req, INSYN_EDENIED, &err);
    } else {
        match->handler(req);
    }
    store_pool_release(pool, req->store);
    req->store = NULL;
}

static void
add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                            "script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                            "base-uri 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

static int
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct request *req = cls;
    kv_add(req->arena, &req->query, arena_strdup(req->arena, key),
           arena_strdup(req->arena, value ? value : ""));
    return MHD_YES;
}

static enum MHD_Result
note_forwarded(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    if (value && strcasecmp(key, "X-Forwarded-For") == 0)
        *(const char **)cls = value;
    return MHD_YES;
}

/* Who sent the request: the peer, or, when the peer is the trusted reverse proxy, the last
 * hop of X-Forwarded-For: the one the proxy added. A proxy may add a header line of its own
 * instead of extending the client's, so the last line counts. Anyone else's X-Forwarded-For
 * is ignored, and so is everything before the last hop, since a client can write anything
 * there. */
static const char *
client_address(struct MHD_Connection *conn, const struct web_config *config, struct arena *a)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr)
        return NULL;
    const struct sockaddr *sa = info->client_addr;
    const void *raw =
        sa->sa_family == AF_INET
            ? (const void *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr
        : sa->sa_family == AF_INET6
            ? (const void *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr
            : NULL;
    char text[INET6_ADDRSTRLEN], peer[CLIENT_ADDR_MAX];
    if (!raw || !inet_ntop(sa->sa_family, raw, text, sizeof text) ||
        client_addr_parse(text, peer) != 0)
        return NULL;
    if (config->trusted_proxy && strcmp(peer, config->trusted_proxy) == 0) {
        const char *forwarded = NULL;
        char hop[CLIENT_ADDR_MAX];
        MHD_get_connection_values(conn, MHD_HEADER_KIND, note_forwarded, &forwarded);
        if (forwarded && client_addr_forwarded_last(forwarded, hop) == 0)
            return arena_strdup(a, hop);
    }
    return arena_strdup(a, peer);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *srv = cls;
    struct conn_state *cs = *con_cls;
    if (!cs) {
        cs = calloc(1, sizeof *cs);
        if (!cs)
            return MHD_NO;
        buf_init(&cs->body);
        *con_cls = cs;
        const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
        if (ct && strncmp(ct, "multipart/form-data", 19) == 0)
            cs->multipart =
                (cs->pp = MHD_create_post_processor(conn, 64 * 1024, on_part, cs)) != NULL;
        return MHD_YES;
    }
    if (*upload_size && cs->pp) {
        /* counted as sent: empty parts add no data but still cost a part record each */
        cs->raw += *upload_size;
        if (cs->raw > MAX_BODY)
            cs->too_large = 1;
        if (!cs->too_large && MHD_post_process(cs->pp, upload_data, *upload_size) != MHD_YES)
            cs->too_large = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (cs->body.len + *upload_size > MAX_BODY)
            cs->too_large = 1;
        else
            buf_append(&cs->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }

    struct arena arena;
    arena_init(&arena);
    struct request req = {
        .arena = &arena,
        .config = srv->config,
        .connection = conn,
        .client_address = client_address(conn, srv->config, &arena),
        .method = method,
        .path = url,
        .status = 200,
        .content_type = "text/html; charset=utf-8",
        .body = cs->body.data ? cs->body.data : "",
        .body_len = cs->body.len,
    };
    buf_init(&req.out);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, (MHD_KeyValueIterator)collect_arg, &req);
    const char *ctype = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    if (cs->pp) { /* flushes the last part */
        if (MHD_destroy_post_processor(cs->pp) != MHD_YES && !cs->too_large)
            cs->too_large = cs->total > MAX_BODY;
        cs->pp = NULL;
    }
    if (cs->too_large) {
        req.is_api = strncmp(url, "/api/", 5) == 0;
        if (req.is_api || !cs->multipart) {
            resp_problem(&req, 413, "Förfrågan är större än 10 MB.", NULL);
        } else {
            struct insyn_err big = {.arena = &arena};
            err_set(&big, INSYN_EINVAL,
                    "Det som skickades är större än 10 MB. En bilaga får vara högst 5 MB.");
            respond_error(&req, 413, &big);
        }
    } else {
        if (ctype && strncmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
            parse_urlencoded(&arena, req.body, req.body_len, &req.form);
        if (cs->multipart)
            parts_to_request(cs, &req);
        web_dispatch(&req, srv->pool);
    }

    if (req.status >= 500) /* the path only: a query can hold what a user typed */
        log_line(3, "%s %s answered %d", method, text_is_utf8(url) ? url : "(not UTF-8)",
                 req.status);
    size_t len = req.out.len;
    char *body = buf_detach(&req.out);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) { /* out of memory: this connection is closed, the server goes on */
        free(body);
        arena_free(&arena);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", req.content_type);
    add_security_headers(resp);
    int has_cache = 0;
    for (int i = 0; i < req.headers.n; i++) {
        MHD_add_response_header(resp, req.headers.items[i].key, req.headers.items[i].value);
        has_cache |= strcmp(req.headers.items[i].key, "Cache-Control") == 0;
    }
    if (!has_cache)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)req.status, resp);
    MHD_destroy_response(resp);
    arena_free(&arena);
    return rc;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    struct conn_state *cs = *con_cls;
    if (cs) {
        if (cs->pp)
            MHD_destroy_post_processor(cs->pp);
        free_parts(cs);
        buf_free(&cs->body);
        free(cs);
    }
    *con_cls = NULL;
}

static int
parse_listen(const char *listen, struct sockaddr_in *addr)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        return -1;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return -1;
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &addr->sin_addr) == 1 ? 0 : -1;
}

int
web_public_url(const char *in, char out[256])
{
    size_t n = in ? strlen(in) : 0;
    while (n > 0 && in[n - 1] == '/')
        n--;
    size_t scheme = strncmp(in ? in : "", "https://", 8) == 0  ? 8
                    : strncmp(in ? in : "", "http://", 7) == 0 ? 7
                                                               : 0;
    if (!scheme || n <= scheme || n >= 256)
        return -1;
    int in_path = 0;
    for (size_t i = scheme; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        in_path |= c == '/';
        if (!isalnum(c) && !strchr(in_path ? "/-._~" : "-.:[]", c))
            return -1; /* nothing that could leave an attribute, a header or a calendar line */
    }
    if (!isalnum((unsigned char)in[scheme]) && in[scheme] != '[')
        return -1;
    memcpy(out, in, n);
    out[n] = '\0';
    return 0;
}

int
web_serve(const char *db_path, const char *listen, const struct web_config *given)
{
    struct sockaddr_in addr;
    if (parse_listen(listen, &addr) != 0) {
        fprintf(stderr, "insyn: --listen ska vara ADRESS:PORT, till exempel 127.0.0.1:8080\n");
        return 1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    /* on a database server a request waits for the network at each query, and threads that
     * wait use no processor: twice as many of them keep the cores busy */
    unsigned threads = (cores > 0 ? (unsigned)cores * 2 : 4) * (store_is_server(db_path) ? 2 : 1);
    struct insyn_err err = {0};
    struct web_config config = *given;
    struct server srv = {.config = &config};
    if (store_pool_open(db_path, (int)threads, &srv.pool, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return 2;
    }
    /* the system-level follow-ups reach SYSTEM_HORIZON_MONTHS ahead of the day the server starts */
    struct store *st = store_pool_acquire(srv.pool);
    int scheduled = app_schedule_system(st, app_today(), &err);
    store_pool_release(srv.pool, st);
    if (scheduled != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        store_pool_close(srv.pool);
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* threads inherit this; main waits below */

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        NULL, MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "insyn: kan inte lyssna på %s (upptagen port eller fel adress?)\n", listen);
        store_pool_close(srv.pool);
        return 2;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
    unsigned port = info ? info->port : ntohs(addr.sin_port);
    printf("insyn: lyssnar på http://%s:%u/\n", host, port);
    fflush(stdout);
    log_line(6, "started: listening on %s:%u; links point to %s", host, port,
             config.public_url[0] ? config.public_url : "the listen address");

    int sig;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    store_pool_close(srv.pool);
    printf("insyn: stoppad\n");
    return 0;
}
