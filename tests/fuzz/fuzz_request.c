/* fuzz_request.c — any bytes as a whole HTTP request, sent through the real dispatcher to a
 * real database holding the demo municipality, with real sessions, CSRF tokens and API tokens.
 *
 * The input is text, so that seeds can be written by hand:
 *
 *     line 1   three flag bytes: who asks, which CSRF token goes along, what the body is
 *     line 2   METHOD PATH[?QUERY]
 *     lines    Name: value headers (a Cookie header fills the cookies), up to an empty line
 *     rest     the body
 *
 * who:  0 nobody, 1 strategist, 2 admin, 3 deputy director, 4 provider user, 5 case worker,
 *       6 reader (sessions), 7 strategist's and 8 provider user's API token; other bytes modulo 9
 * csrf: 0 none, 1 form field, 2 X-CSRF-Token header, 3 both, 4 the pre-login pair (cookie and
 *       field), 5 a wrong token of the right length; other bytes modulo 6
 * body: 0 as sent, 1 urlencoded form, 2 JSON, 3 a file upload "field\nname\ntype\ndata";
 *       other bytes modulo 4
 *
 * A PATH of "~N[:a[:b]]" is route N of the routing table (modulo its length) with its :params
 * filled from a, b (default 1; "!" is a live calendar link's file name); a METHOD of "*" is the
 * route's own. The rest of PATH is percent-decoded, as the HTTP server does.
 *
 * After each request the answer must be one a user could take: a real HTTP status, pages and
 * JSON in well-formed UTF-8, JSON that parses, no database detail on a 500, redirects that stay
 * on the site and headers without line breaks. A broken rule stops the fuzzer (a trap). */
#include "app/app.h"
#include "core/text.h"
#include "io/chart.h"
#include "web/web.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Writes change the database; starting over from the pristine copy this often keeps a long
 * campaign's database (and so each request's cost) from growing without bound. */
#define RESET_EVERY 2000

/* Checking a password is argon2id by design (tens of milliseconds); let through at most one
 * login with a password and a valid pre-login token in this many requests, so that the fuzzer
 * spends its time elsewhere. The first requests always pass, so a replayed corpus logs in. */
#define LOGIN_EVERY 512
#define LOGIN_FREE 64

enum { WHO_NOBODY, WHO_SESSIONS = 6, WHO_TOKENS = 2, WHO_COUNT = 1 + WHO_SESSIONS + WHO_TOKENS };

static const char *const session_emails[WHO_SESSIONS] = {
    "strateg@sjobacka.example",    "admin@sjobacka.example",       "bitr.direktor@sjobacka.example",
    "utforare@bjorkhagen.example", "handlaggare@sjobacka.example", "lasare@sjobacka.example",
};
static const char *const token_emails[WHO_TOKENS] = {"strateg@sjobacka.example",
                                                     "utforare@bjorkhagen.example"};

static const char prelogin[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
static const char wrong[] = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

static struct {
    int ready;
    char dir[64], db[96], pristine[96];
    struct store_pool *pool;
    struct arena a; /* the credentials below */
    char *session[WHO_SESSIONS], *csrf[WHO_SESSIONS], *token[WHO_TOKENS];
    char *calendar; /* "TOKEN.ics" of the strategist's own feed */
    unsigned long runs, last_login;
    struct web_config config;
} fz;

static void
die(const char *what, const struct insyn_err *err)
{
    fprintf(stderr, "fuzz_request: %s: %s\n", what, err && err->message[0] ? err->message : "");
    abort();
}

static void
remove_db_files(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char name[128];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(name, sizeof name, "%s%s", path, suffix[i]);
        unlink(name);
    }
}

static void
copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0)
        die("copy database", NULL);
    char chunk[1 << 16];
    ssize_t n;
    while ((n = read(in, chunk, sizeof chunk)) > 0)
        if (write(out, chunk, (size_t)n) != n)
            die("copy database", NULL);
    close(in);
    close(out);
}

/* A fresh copy of the pristine database under the pool. The pool's connections are closed
 * first: the last one to close folds the WAL into the file, so the copy is the whole state. */
static void
reset_db(void)
{
    struct insyn_err err = {0};
    store_pool_close(fz.pool);
    fz.pool = NULL;
    remove_db_files(fz.db);
    copy_file(fz.pristine, fz.db);
    if (store_pool_open(fz.db, 1, &fz.pool, &err) != 0)
        die("open database", &err);
}

static void
teardown(void)
{
    store_pool_close(fz.pool);
    remove_db_files(fz.db);
    remove_db_files(fz.pristine);
    rmdir(fz.dir);
    arena_free(&fz.a);
    chart_fonts_release(); /* the fonts a downloaded report loaded */
}

static void
setup(void)
{
    /* memory-backed where there is one: the demo's many commits and each reset then cost no
     * disk writes */
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) >= 32)
        tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fz.dir, sizeof fz.dir, "%s/insyn-fuzz-XXXXXX", tmp);
    if (!mkdtemp(fz.dir))
        die("mkdtemp", NULL);
    snprintf(fz.db, sizeof fz.db, "%s/request.db", fz.dir);
    snprintf(fz.pristine, sizeof fz.pristine, "%s/pristine.db", fz.dir);
    arena_init(&fz.a);
    fz.config = (struct web_config){.horizon_months = 12, .decision_months = 18};

    struct insyn_err err = {0};
    if (store_pool_open(fz.pristine, 1, &fz.pool, &err) != 0)
        die("open database", &err);
    struct store *st = store_pool_acquire(fz.pool);
    if (app_demo(st, &err) != 0)
        die("demo", &err);
    for (int i = 0; i < WHO_SESSIONS; i++) {
        struct actor who;
        struct login_attempt in = {.email = session_emails[i], .password = demo_password};
        struct login_result out = {0};
        if (app_login(st, &in, &fz.a, &out, &err) != 0 ||
            app_session_actor(st, (fz.session[i] = out.session_token), &fz.a, &who, &fz.csrf[i],
                              NULL) != 0)
            die(session_emails[i], &err);
    }
    for (int i = 0; i < WHO_TOKENS; i++)
        if (app_token_create(st, token_emails[i], &fz.a, &fz.token[i], &err) != 0)
            die(token_emails[i], &err);
    struct actor strategist;
    char *csrf = NULL, *secret = NULL;
    long long feed_id;
    if (app_session_actor(st, fz.session[0], &fz.a, &strategist, &csrf, NULL) != 0 ||
        app_calendar_create(st, &strategist, 0, &fz.a, &secret, &feed_id, &err) != 0)
        die("calendar", &err);
    fz.calendar = arena_printf(&fz.a, "%s.ics", secret);
    store_pool_release(fz.pool, st);
    store_pool_close(fz.pool); /* folds the WAL into the pristine file */
    fz.pool = NULL;
    reset_db();
    atexit(teardown);
    fz.ready = 1;
}

/* ---- decoding the input ---- */

/* The next line of [*p, end), without its '\n'; NULL at the end of the input. */
static const char *
next_line(const char **p, const char *end, size_t *len)
{
    if (*p >= end)
        return NULL;
    const char *start = *p, *nl = memchr(start, '\n', (size_t)(end - start));
    *len = (size_t)((nl ? nl : end) - start);
    *p = nl ? nl + 1 : end;
    return start;
}

static int
pick(unsigned char b, int n)
{
    return b >= '0' && b < '0' + n ? b - '0' : b % n;
}

static int
hex(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* %XX decoded, as the HTTP server decodes a path ('+' stays). */
static char *
percent_decode(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            *o++ = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static int
route_count(void)
{
    int n = 0;
    while (routes[n].method)
        n++;
    return n;
}

/* "~N[:a[:b]]": route N's pattern with its parameters filled in. */
static const char *
route_path(struct arena *a, const char *spec, const char **method)
{
    char *end;
    unsigned long n = strtoul(spec, &end, 10);
    const struct route *r = &routes[n % (unsigned long)route_count()];
    if (strcmp(*method, "*") == 0 || !**method)
        *method = r->method;
    struct buf b;
    buf_init(&b);
    const char *arg = *end == ':' ? end + 1 : NULL;
    for (const char *p = r->pattern; *p;) {
        if (*p != ':') {
            buf_putc(&b, *p++);
            continue;
        }
        while (*p && *p != '/')
            p++;
        size_t len = arg ? strcspn(arg, ":") : 0;
        if (!arg || len == 0)
            buf_putc(&b, (char)('1' + n % 9));
        else if (len == 1 && *arg == '!')
            buf_puts(&b, fz.calendar);
        else
            buf_append(&b, arg, len);
        arg = arg && arg[len] == ':' ? arg + len + 1 : NULL;
    }
    const char *path = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return path;
}

static void
parse_cookies(struct arena *a, const char *s, struct kv_list *out)
{
    while (*s) {
        s += strspn(s, " ;");
        size_t len = strcspn(s, ";");
        if (!len)
            break;
        const char *eq = memchr(s, '=', len);
        if (eq)
            kv_add(a, out, arena_strndup(a, s, (size_t)(eq - s)),
                   arena_strndup(a, eq + 1, len - (size_t)(eq + 1 - s)));
        s += len;
    }
}

/* ---- what every answer must be ---- */

static void
check(const struct request *req)
{
    if (req->status < 100 || req->status > 599)
        __builtin_trap();
    const char *out = req->out.data ? req->out.data : "";
    size_t len = req->out.len;
    const char *ct = req->content_type ? req->content_type : "";
    int json = strncmp(ct, "application/json", 16) == 0 ||
               strncmp(ct, "application/problem+json", 24) == 0;
    int text = json || strncmp(ct, "text/", 5) == 0;
    if (text && (memchr(out, '\0', len) || !text_is_utf8(out)))
        __builtin_trap(); /* a page or a JSON body that is not text */
    if (json) {
        json_t *j = json_loadb(out, len, 0, NULL);
        if (!j)
            __builtin_trap();
        json_decref(j);
    }
    if (req->status >= 500 && (strcasestr(out, "sqlite") || strcasestr(out, "constraint")))
        __builtin_trap(); /* the database's own words belong in the log, not on the page */
    if (req->status == 500)
        __builtin_trap(); /* with a healthy database, no request is a system failure */
    int located = 0;
    for (int i = 0; i < req->headers.n; i++) {
        const char *k = req->headers.items[i].key, *v = req->headers.items[i].value;
        if (strpbrk(k, "\r\n") || strpbrk(v, "\r\n"))
            __builtin_trap(); /* would split the response */
        if (strcasecmp(k, "Location") == 0) {
            located = 1;
            if (v[0] != '/' || v[1] == '/' || v[1] == '\\')
                __builtin_trap(); /* a redirect leaves the site */
        }
    }
    if (req->status >= 300 && req->status < 400 && !located)
        __builtin_trap();
}

/* libFuzzer sets up before its first input, so that what the setup keeps for the process is
 * not counted against an input; the corpus replay sets up on its first input instead. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setup();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fz.ready)
        setup();
    if (++fz.runs % RESET_EVERY == 0)
        reset_db();

    struct arena arena;
    arena_init(&arena);
    struct arena *a = &arena;
    const char *p = (const char *)data, *end = p + size;
    size_t len;
    const char *line = next_line(&p, end, &len);
    unsigned char flags[3] = {0, 0, 0};
    for (size_t i = 0; line && i < 3 && i < len; i++)
        flags[i] = (unsigned char)line[i];
    int who = pick(flags[0], WHO_COUNT), csrf = pick(flags[1], 6), body = pick(flags[2], 4);

    struct request req = {
        .arena = a,
        .config = &fz.config,
        .status = 200,
        .content_type = "text/html; charset=utf-8",
        .method = "GET",
        .path = "/",
        .body = "",
    };
    buf_init(&req.out);

    line = next_line(&p, end, &len);
    if (line) {
        const char *sp = memchr(line, ' ', len);
        req.method = arena_strndup(a, line, sp ? (size_t)(sp - line) : len);
        const char *target = sp ? sp + 1 : line + len;
        size_t tlen = (size_t)(line + len - target);
        const char *q = memchr(target, '?', tlen);
        size_t plen = q ? (size_t)(q - target) : tlen;
        if (plen && target[0] == '~')
            req.path = route_path(a, arena_strndup(a, target + 1, plen - 1), &req.method);
        else
            req.path = percent_decode(a, target, plen);
        if (q)
            parse_urlencoded(a, q + 1, (size_t)(target + tlen - (q + 1)), &req.query);
    }

    /* the chosen credentials come first: where a name is given twice, the first one counts */
    if (who >= 1 && who <= WHO_SESSIONS)
        kv_add(a, &req.in_cookies, "insyn_session", fz.session[who - 1]);
    else if (who > WHO_SESSIONS)
        kv_add(a, &req.in_headers, "Authorization",
               arena_printf(a, "Bearer %s", fz.token[who - 1 - WHO_SESSIONS]));
    const char *session_csrf = who >= 1 && who <= WHO_SESSIONS ? fz.csrf[who - 1] : wrong;
    const char *given = csrf == 4 ? prelogin : csrf == 5 ? wrong : session_csrf;
    if (csrf == 2 || csrf == 3 || csrf == 5)
        kv_add(a, &req.in_headers, "X-CSRF-Token", given);
    if (csrf == 4)
        kv_add(a, &req.in_cookies, "insyn_prelogin", prelogin);

    while ((line = next_line(&p, end, &len)) && len > 0) {
        const char *colon = memchr(line, ':', len);
        if (!colon)
            continue;
        const char *v = colon + 1;
        while (v < line + len && *v == ' ')
            v++;
        char *name = arena_strndup(a, line, (size_t)(colon - line));
        char *value = arena_strndup(a, v, (size_t)(line + len - v));
        kv_add(a, &req.in_headers, name, value);
        if (strcasecmp(name, "Cookie") == 0)
            parse_cookies(a, value, &req.in_cookies);
    }
    req.body = p < end ? arena_strndup(a, p, (size_t)(end - p)) : "";
    req.body_len = p < end ? (size_t)(end - p) : 0;

    static const char *const types[] = {NULL, "application/x-www-form-urlencoded",
                                        "application/json", NULL};
    if (types[body] && !req_header(&req, "Content-Type"))
        kv_add(a, &req.in_headers, "Content-Type", types[body]);
    const char *ctype = req_header(&req, "Content-Type");
    if (body == 3) { /* what the server makes of one multipart/form-data part with a file */
        const char *b = req.body, *bend = b + req.body_len;
        size_t l1 = 0, l2 = 0, l3 = 0;
        const char *field = next_line(&b, bend, &l1), *name = next_line(&b, bend, &l2),
                   *type = next_line(&b, bend, &l3);
        struct upload *u = arena_alloc(a, sizeof *u);
        u->field = field ? arena_strndup(a, field, l1) : "file";
        u->filename = name ? arena_strndup(a, name, l2) : "";
        u->content_type = type ? arena_strndup(a, type, l3) : "";
        u->data = arena_strndup(a, b, (size_t)(bend - b));
        u->len = (size_t)(bend - b);
        req.uploads = u;
        req.n_uploads = 1;
    } else if (ctype && strncmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
        parse_urlencoded(a, req.body, req.body_len, &req.form);
    }
    /* argon2id on every login would be most of the campaign's time */
    const char *password = kv_get(&req.form, "password");
    if (csrf == 4 && password && *password && strcmp(req.method, "POST") == 0 &&
        strcmp(req.path, "/login") == 0) {
        if (fz.runs > LOGIN_FREE && fz.runs - fz.last_login < LOGIN_EVERY)
            given = wrong; /* refused at the CSRF check, before the password is looked at */
        else
            fz.last_login = fz.runs;
    }
    if (csrf == 1 || csrf == 3 || csrf == 4 || csrf == 5)
        kv_add(a, &req.form, "csrf", given);

    web_dispatch(&req, fz.pool);
    check(&req);
    buf_free(&req.out);
    arena_free(a);
    return 0;
}
