/* commands.c — the verbs: parse arguments, call one use case, report. */
#include "cli/cli.h"

#include "app/app.h"
#include "app/signals.h"
#include "app/checks.h"
#include "app/volume.h"
#include "core/buf.h"
#include "core/client_addr.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/orgnr.h"
#include "core/text.h"
#include "io/csv.h"
#include "web/web.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Positional arguments and --name value options; flags listed in `flags` take no value. */
struct args {
    const char *pos[4];
    int npos;
    const char *opt_name[8], *opt_value[8];
    int nopt;
};

static int
parse_args(int argc, char **argv, const char *const *allowed, const char *const *flags,
           struct args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0) {
            if (a->npos == 4) {
                fprintf(stderr, "insyn: för många argument\n");
                return -1;
            }
            a->pos[a->npos++] = argv[i];
            continue;
        }
        const char *name = argv[i] + 2;
        int ok = 0, flag = 0;
        for (const char *const *p = allowed; p && *p; p++)
            ok |= strcmp(*p, name) == 0;
        for (const char *const *p = flags; p && *p; p++)
            flag |= strcmp(*p, name) == 0;
        if (!ok && !flag) {
            fprintf(stderr, "insyn: okänt val --%s\n", name);
            return -1;
        }
        if (a->nopt == 8)
            return -1;
        a->opt_name[a->nopt] = name;
        if (flag) {
            a->opt_value[a->nopt++] = "1";
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "insyn: --%s behöver ett värde\n", name);
            return -1;
        }
        a->opt_value[a->nopt++] = argv[++i];
    }
    return 0;
}

static const char *
opt(const struct args *a, const char *name)
{
    for (int i = 0; i < a->nopt; i++)
        if (strcmp(a->opt_name[i], name) == 0)
            return a->opt_value[i];
    return NULL;
}

static int
open_db(const char *path, struct store **st)
{
    struct insyn_err err = {0};
    if (store_open(path, st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    return 0;
}

static int
report(const struct insyn_err *err)
{
    if (err->message[0])
        fprintf(stderr, "insyn: %s\n", err->message);
    for (int i = 0; i < err->nfields; i++) {
        const struct insyn_field_err *f = err_field_at(err, i);
        if (f->row)
            fprintf(stderr, "  rad %d, %s: %s\n", f->row, f->field, f->message);
        else
            fprintf(stderr, "  %s: %s\n", f->field, f->message);
    }
    if (err->truncated)
        fprintf(stderr, "  … och %d fel till\n", err->truncated);
    return err->code == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
}

static int
need_db(const struct args *a, const char *usage)
{
    if (a->npos < 1) {
        fprintf(stderr, "Användning: insyn %s\n", usage);
        return -1;
    }
    return 0;
}

int
cmd_init(int argc, char **argv)
{
    struct args a;
    if (parse_args(argc, argv, NULL, NULL, &a) || need_db(&a, "init DB"))
        return EXIT_INPUT;
    if (store_exists(a.pos[0])) {
        fprintf(stderr, "insyn: %s finns redan\n", a.pos[0]);
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    store_close(st);
    printf("Databasen %s är skapad.\n", a.pos[0]);
    return EXIT_OK;
}

int
cmd_migrate(int argc, char **argv)
{
    struct args a;
    if (parse_args(argc, argv, NULL, NULL, &a) || need_db(&a, "migrate DB"))
        return EXIT_INPUT;
    struct store *st;
    int rc = open_db(a.pos[0], &st); /* opening applies what is missing */
    if (rc)
        return rc;
    store_close(st);
    printf("Databasen %s är uppdaterad.\n", a.pos[0]);
    return EXIT_OK;
}

static int
parse_months(const char *s, int dflt, int *out)
{
    *out = dflt;
    if (!s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 1 || v > 120) {
        fprintf(stderr, "insyn: antal månader ska vara ett heltal mellan 1 och 120\n");
        return -1;
    }
    *out = (int)v;
    return 0;
}

int
cmd_serve(int argc, char **argv)
{
    static const char *const allowed[] = {
        "db",         "listen",        "horizon-months",       "decision-months",
        "public-url", "trusted-proxy", "login-window-seconds", NULL};
    static const char *const flags[] = {"secure-cookies", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, flags, &a))
        return EXIT_INPUT;
    const char *db = opt(&a, "db");
    if (!db) {
        fprintf(stderr, "Användning: insyn serve --db DB --listen ADRESS:PORT\n");
        return EXIT_INPUT;
    }
    struct web_config config = {.secure_cookies = opt(&a, "secure-cookies") != NULL};
    if (parse_months(opt(&a, "horizon-months"), 12, &config.horizon_months) ||
        parse_months(opt(&a, "decision-months"), 24, &config.decision_months))
        return EXIT_INPUT;
    const char *public_url = opt(&a, "public-url");
    if (public_url && web_public_url(public_url, config.public_url) != 0) {
        fprintf(stderr, "insyn: --public-url ska vara en adress som börjar med https:// (eller "
                        "http://), till exempel https://insyn.kommun.se\n");
        return EXIT_INPUT;
    }
    char proxy[CLIENT_ADDR_MAX];
    const char *trusted = opt(&a, "trusted-proxy");
    if (trusted) {
        if (client_addr_parse(trusted, proxy) != 0) {
            fprintf(stderr, "insyn: --trusted-proxy ska vara en IP-adress, till exempel "
                            "127.0.0.1\n");
            return EXIT_INPUT;
        }
        config.trusted_proxy = proxy;
    }
    const char *window = opt(&a, "login-window-seconds");
    if (window) {
        long long v;
        if (text_parse_uint(window, 7 * 24 * 3600, &v) != 0 || v < 1) {
            fprintf(stderr, "insyn: --login-window-seconds ska vara ett heltal mellan 1 och "
                            "604800\n");
            return EXIT_INPUT;
        }
        config.login_window_seconds = (int)v;
    }
    const char *listen = opt(&a, "listen");
    return web_serve(db, listen ? listen : "127.0.0.1:8080", &config);
}

static void
print_demo_accounts(void)
{
    static const char *const accounts[][2] = {
        {"admin@sjobacka.example", "systemadministratör"},
        {"strateg@sjobacka.example", "avtalsansvarig strateg"},
        {"bitr.direktor@sjobacka.example", "biträdande socialdirektör"},
        {"samordnare@sjobacka.example", "samordnare"},
        {"handlaggare@sjobacka.example", "socialsekreterare"},
        {"controller@sjobacka.example", "controller"},
        {"jurist@sjobacka.example", "utredare/jurist"},
        {"lasare@sjobacka.example", "läsbehörighet"},
        {"namndsekreterare@sjobacka.example", "socialnämndens sekreterare"},
        {"utforare@bjorkhagen.example", "företrädare för en utförare (HVB)"},
        {"ansokan@solrosen.example",
         "företrädare för ett företag som ansökt om att bli utförare i kundval hemtjänst"},
    };
    printf("Alla demokonton har lösenordet: %s\n", demo_password);
    for (size_t i = 0; i < sizeof accounts / sizeof *accounts; i++)
        printf("  %-34s %s\n", accounts[i][0], accounts[i][1]);
}

int
cmd_demo(int argc, char **argv)
{
    static const char *const flags[] = {"accounts", NULL};
    struct args a;
    if (parse_args(argc, argv, NULL, flags, &a))
        return EXIT_INPUT;
    if (opt(&a, "accounts")) {
        print_demo_accounts();
        return EXIT_OK;
    }
    if (need_db(&a, "demo DB"))
        return EXIT_INPUT;
    if (store_exists(a.pos[0])) {
        fprintf(stderr, "insyn: %s finns redan; demodata skapas bara i en ny databas\n", a.pos[0]);
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct insyn_err err = {0};
    rc = app_demo(st, &err);
    store_close(st);
    if (rc) {
        if (!store_is_server(a.pos[0]))
            unlink(a.pos[0]);
        return report(&err);
    }
    printf("Demodatabasen %s är skapad för den påhittade Sjöbacka kommun.\n", a.pos[0]);
    print_demo_accounts();
    return EXIT_OK;
}

static void
wipe(char *secret)
{
    sodium_memzero(secret, strlen(secret));
    free(secret);
}

static char *
read_password(void)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO);
    if (tty) {
        fprintf(stderr, "Lösenord: ");
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fprintf(stderr, "\n");
    }
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

int
cmd_user_add(int argc, char **argv)
{
    static const char *const allowed[] = {"email", "role", "name", "organisation", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a) ||
        need_db(&a, "user add DB --email E --role ROLL"))
        return EXIT_INPUT;
    char *password = read_password();
    if (!password) {
        fprintf(stderr, "insyn: lösenordet ska ges på standard in\n");
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc) {
        wipe(password);
        return rc;
    }
    struct insyn_err err = {0};
    rc = app_user_add(st, opt(&a, "email"), opt(&a, "name"), opt(&a, "role"),
                      opt(&a, "organisation"), password, &err);
    store_close(st);
    wipe(password);
    if (rc)
        return report(&err);
    printf("Användaren %s är skapad.\n", opt(&a, "email"));
    return EXIT_OK;
}

int
cmd_token_create(int argc, char **argv)
{
    static const char *const allowed[] = {"email", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a) || need_db(&a, "token create DB --email E"))
        return EXIT_INPUT;
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct arena ar;
    arena_init(&ar);
    struct insyn_err err = {0};
    char *token;
    rc = app_token_create(st, opt(&a, "email"), &ar, &token, &err);
    store_close(st);
    if (rc == 0)
        printf("%s\n", token);
    arena_free(&ar);
    return rc ? report(&err) : EXIT_OK;
}

/* The imports: the use case that reads the file, all or nothing, and how its count reads. */
struct import_kind {
    const char *verb;
    int (*run)(struct store *st, const struct actor *who, const char *path, int *created,
               int *signals, struct insyn_err *err);
    const char *one, *many; /* "placering importerad", "placeringar importerade" */
};

/* The use cases that make no signals, in the shape of those that do. */
#define WITHOUT_SIGNALS(name, use_case)                                                            \
    static int name(struct store *st, const struct actor *who, const char *path, int *created,     \
                    int *signals, struct insyn_err *err)                                           \
    {                                                                                              \
        *signals = -1;                                                                             \
        return use_case(st, who, path, created, err);                                              \
    }
WITHOUT_SIGNALS(import_organisations, app_import_organisations)
WITHOUT_SIGNALS(import_agreements, app_import_agreements)
WITHOUT_SIGNALS(import_placements, app_import_placements)
WITHOUT_SIGNALS(import_assignments, app_import_assignments)
#undef WITHOUT_SIGNALS

static int
import_file(int argc, char **argv, const struct import_kind *k)
{
    struct args a;
    if (parse_args(argc, argv, NULL, NULL, &a) || a.npos != 2) {
        fprintf(stderr, "Användning: insyn import %s DB FIL.csv\n", k->verb);
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct arena ar; /* holds the file's field errors, which can be many */
    arena_init(&ar);
    struct insyn_err err = {.arena = &ar};
    int created = 0, signals = -1;
    rc = k->run(st, &app_system_actor, a.pos[1], &created, &signals, &err);
    store_close(st);
    if (rc)
        rc = report(&err);
    arena_free(&ar);
    if (rc)
        return rc;
    printf("%d %s", created, created == 1 ? k->one : k->many);
    if (signals >= 0)
        printf(", %d %s", signals, signals == 1 ? "signal skapad" : "signaler skapade");
    printf(".\n");
    return EXIT_OK;
}

int
cmd_import_organisations(int argc, char **argv)
{
    static const struct import_kind k = {"organisations", import_organisations,
                                         "utförare importerad", "utförare importerade"};
    return import_file(argc, argv, &k);
}

int
cmd_import_agreements(int argc, char **argv)
{
    static const struct import_kind k = {"agreements", import_agreements, "avtal importerat",
                                         "avtal importerade"};
    return import_file(argc, argv, &k);
}

int
cmd_import_credit(int argc, char **argv)
{
    static const struct import_kind k = {"credit", app_import_credit, "kreditupplysning importerad",
                                         "kreditupplysningar importerade"};
    return import_file(argc, argv, &k);
}

int
cmd_import_ivo(int argc, char **argv)
{
    static const struct import_kind k = {"ivo", app_import_ivo, "IVO-underlag importerat",
                                         "IVO-underlag importerade"};
    return import_file(argc, argv, &k);
}

int
cmd_import_placements(int argc, char **argv)
{
    static const struct import_kind k = {"placements", import_placements, "placering importerad",
                                         "placeringar importerade"};
    return import_file(argc, argv, &k);
}

int
cmd_import_assignments(int argc, char **argv)
{
    static const struct import_kind k = {"assignments", import_assignments, "uppdrag importerat",
                                         "uppdrag importerade"};
    return import_file(argc, argv, &k);
}

/* The same columns as the import, so that an export can be edited and imported again. */
static void
agreement_csv_row(struct buf *b, const struct agreement *g)
{
    char start[11], end[11], latest[11], approved[11], signed_on[11];
    date_format(g->start, start);
    date_format(g->end, end);
    date_format(g->latest_end, latest);
    date_format(g->approved_on, approved);
    date_format(g->signed_on, signed_on);
    struct buf items[2];
    for (int k = 0; k < 2; k++) {
        buf_init(&items[k]);
        char **list = k ? g->requirements : g->value_adds;
        int n = k ? g->n_requirements : g->n_value_adds;
        for (int i = 0; i < n; i++) {
            if (i)
                buf_puts(&items[k], " | ");
            buf_puts(&items[k], list[i]);
        }
    }
    char num[4][12] = {"", "", "", ""};
    snprintf(num[0], sizeof num[0], "%d", g->extensions_left);
    snprintf(num[1], sizeof num[1], "%d", g->extension_months);
    if (g->credit_min_creditsafe >= 0)
        snprintf(num[2], sizeof num[2], "%d", g->credit_min_creditsafe);
    if (g->credit_min_uc >= 0)
        snprintf(num[3], sizeof num[3], "%d", g->credit_min_uc);
    const char *cells[] = {g->case_ref,
                           g->title,
                           g->form,
                           g->service_area,
                           g->organisation_org_nr,
                           start,
                           end,
                           num[0],
                           num[1],
                           latest,
                           approved,
                           signed_on,
                           items[0].data,
                           items[1].data,
                           g->strategist_email,
                           g->status,
                           g->termination_reason,
                           g->notes,
                           num[2],
                           num[3]};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        csv_put_field(b, cells[i], i == 0);
    buf_puts(b, "\r\n");
    buf_free(&items[0]);
    buf_free(&items[1]);
}

int
cmd_export_agreements(int argc, char **argv)
{
    static const char *const allowed[] = {"format", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a) ||
        need_db(&a, "export agreements DB --format csv|json"))
        return EXIT_INPUT;
    const char *format = opt(&a, "format") ? opt(&a, "format") : "csv";
    int json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "csv") != 0) {
        fprintf(stderr, "insyn: --format ska vara csv eller json\n");
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct insyn_err err = {0};
    struct buf out;
    buf_init(&out);
    if (json)
        buf_puts(&out, "[");
    else
        buf_puts(
            &out,
            "case_ref,title,form,service_area,org_nr,start,end,extensions_left,extension_months,"
            "latest_end,approved_on,signed_on,value_adds,requirements,strategist_email,status,"
            "termination_reason,notes,credit_min_creditsafe,credit_min_uc\r\n");
    int first = 1;
    for (int page = 1;; page++) {
        struct arena ar;
        arena_init(&ar);
        struct agreement_filter f = {.ends_from = DATE_NONE,
                                     .ends_to = DATE_NONE,
                                     .sort = "case_ref",
                                     .page = page,
                                     .per_page = 500,
                                     .with_details = 1};
        struct agreement *items;
        int n, total;
        rc = app_agreement_list(st, &app_system_actor, &f, &ar, &items, &n, &total, &err);
        for (int i = 0; rc == 0 && i < n; i++) {
            const struct agreement g = items[i];
            if (json) {
                json_t *j = agreement_json(&g, DATE_NONE);
                char *s = json_dumps(j, JSON_COMPACT);
                buf_printf(&out, "%s\n%s", first ? "" : ",", s);
                free(s);
                json_decref(j);
            } else {
                agreement_csv_row(&out, &g);
            }
            first = 0;
        }
        fwrite(out.data, 1, out.len, stdout);
        buf_reset(&out);
        arena_free(&ar);
        if (rc || n < f.per_page)
            break;
    }
    if (json && rc == 0)
        printf("\n]\n");
    buf_free(&out);
    store_close(st);
    return rc ? report(&err) : EXIT_OK;
}

int
cmd_routes(int argc, char **argv)
{
    static const char *const allowed[] = {"format", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a))
        return EXIT_INPUT;
    int json = opt(&a, "format") && strcmp(opt(&a, "format"), "json") == 0;
    if (json) {
        json_t *arr = json_array();
        for (const struct route *r = routes; r->method; r++) {
            json_t *roles = json_array();
            for (int role = 0; role < ROLE__COUNT; role++)
                if (role_may((enum role)role, r->perm))
                    json_array_append_new(roles, json_string(role_code((enum role)role)));
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:b, s:o}", "method", r->method, "path", r->pattern,
                               "permission", perm_code(r->perm), "api", r->api, "roles", roles));
        }
        char *s = json_dumps(arr, JSON_INDENT(2));
        printf("%s\n", s);
        free(s);
        json_decref(arr);
        return EXIT_OK;
    }
    for (const struct route *r = routes; r->method; r++)
        printf("%-6s %-40s %s\n", r->method, r->pattern, perm_code(r->perm));
    return EXIT_OK;
}

int
cmd_generate(int argc, char **argv)
{
    static const char *const allowed[] = {"organisations", "units",      "agreements", "year",
                                          "signals",       "placements", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a) || need_db(&a, GENERATE_USAGE))
        return EXIT_INPUT;
    /* a Stockholm-sized municipality (docs/testing.md) unless told otherwise */
    struct generate_sizes n = {2000, 10000, 20000, 0, 1000000, 500000};
    int *slots[] = {&n.organisations, &n.units, &n.agreements, &n.year, &n.signals, &n.placements};
    for (int i = 0; allowed[i]; i++) {
        long long v;
        if (!opt(&a, allowed[i]))
            continue;
        if (text_parse_uint(opt(&a, allowed[i]), 100000000, &v) != 0) {
            fprintf(stderr, "insyn: --%s ska vara ett heltal som inte är negativt\n", allowed[i]);
            return EXIT_INPUT;
        }
        *slots[i] = (int)v;
    }
    int y, m, d;
    date_to_ymd(app_today(), &y, &m, &d);
    if (n.organisations < 1 || n.organisations > 1000000) {
        fprintf(stderr, "insyn: --organisations ska vara 1 till 1000000\n");
        return EXIT_INPUT;
    }
    if (opt(&a, "year") && (n.year < 2001 || n.year > y)) {
        fprintf(stderr, "insyn: --year ska vara ett år från 2001 till och med %d\n", y);
        return EXIT_INPUT;
    }
    if (n.year && (n.units < n.organisations || n.agreements < 100)) {
        fprintf(stderr, "insyn: ett år behöver minst en enhet per utförare och minst 100 avtal\n");
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct insyn_err err = {0};
    rc = app_generate(st, &n, &err);
    store_close(st);
    if (rc)
        return report(&err);
    printf("Skapade %d utförare, %d enheter och %d avtal.\n", n.organisations, n.units,
           n.agreements);
    if (n.year)
        printf("Skapade %d: %d signaler med samordnarmöten, %d placeringar, kontroller, "
               "uppföljningar, sanktioner och kontrollplanen med urval och enkäter.\n",
               n.year, n.signals, n.placements);
    return EXIT_OK;
}

void
cli_column(struct buf *b, const char *s, int width)
{
    int chars = 0;
    const char *p = s;
    while (*p && chars < width) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
        chars++;
    }
    buf_append(b, s, (size_t)(p - s));
    for (; chars < width + 2; chars++)
        buf_putc(b, ' ');
}

static int
date_option(const struct args *a, const char *name, int *out)
{
    const char *s = opt(a, name);
    *out = DATE_NONE;
    if (s && date_parse(s, out) != 0) {
        fprintf(stderr, "insyn: --%s ska vara ett datum skrivet ÅÅÅÅ-MM-DD\n", name);
        return -1;
    }
    return 0;
}

int
cmd_signals(int argc, char **argv)
{
    static const char *const allowed[] = {"organisation", "from", "to", "format", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a) ||
        need_db(&a, "signals DB [--organisation ORG_NR] [--from DATUM] [--to DATUM]"))
        return EXIT_INPUT;
    const char *format = opt(&a, "format") ? opt(&a, "format") : "table";
    if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "insyn: --format ska vara table, csv eller json\n");
        return EXIT_INPUT;
    }
    struct signal_filter f = {.page = 1, .per_page = 10000000};
    if (date_option(&a, "from", &f.from) || date_option(&a, "to", &f.to))
        return EXIT_INPUT;
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct insyn_err err = {0};
    const char *org = opt(&a, "organisation");
    if (org) {
        char norm[12];
        if (orgnr_normalize(org, norm, 0, "organisation", &err) != 0 ||
            store_org_id_by_orgnr(st, norm, &f.organisation_id) != 0) {
            store_close(st);
            fprintf(stderr, "insyn: det finns ingen utförare med organisationsnummer %s\n", org);
            return EXIT_INPUT;
        }
    }
    struct arena ar;
    arena_init(&ar);
    struct signal *rows;
    int n, total;
    rc = app_signal_list(st, &app_system_actor, &f, &ar, &rows, &n, &total, &err);
    store_close(st);
    if (rc) {
        arena_free(&ar);
        return report(&err);
    }
    struct buf out;
    buf_init(&out);
    if (strcmp(format, "json") == 0) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++)
            json_array_append_new(arr, signal_json(&rows[i], 1));
        char *s = json_dumps(arr, JSON_INDENT(2));
        buf_puts(&out, s);
        buf_putc(&out, '\n');
        free(s);
        json_decref(arr);
    } else if (strcmp(format, "csv") == 0) {
        buf_puts(&out, "date,org_nr,organisation,unit,agreement,source,category,serious,status,"
                       "outcome,description\r\n");
        for (int i = 0; i < n; i++) {
            char date[11];
            date_format(rows[i].occurred_on, date);
            const char *cells[] = {date,
                                   rows[i].org_nr,
                                   rows[i].organisation_name,
                                   rows[i].unit_name,
                                   rows[i].case_ref,
                                   rows[i].source,
                                   rows[i].category,
                                   rows[i].serious ? "1" : "0",
                                   rows[i].status,
                                   rows[i].outcome,
                                   rows[i].description};
            for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
                csv_put_field(&out, cells[k], k == 0);
            buf_puts(&out, "\r\n");
        }
    } else {
        static const int widths[] = {10, 28, 40, 10, 30};
        const char *head[] = {"Datum", "Utförare", "Kategori", "Allvarlig", "Status"};
        for (int k = 0; k < 5; k++)
            cli_column(&out, head[k], widths[k]);
        buf_puts(&out, "Källa\n");
        for (int i = 0; i < n; i++) {
            char date[11];
            date_format(rows[i].occurred_on, date);
            const char *outcome = code_label(signal_outcomes, rows[i].outcome);
            const char *cells[] = {date, rows[i].organisation_name,
                                   code_label(signal_categories, rows[i].category),
                                   rows[i].serious ? "ja" : "nej",
                                   outcome ? outcome : code_label(signal_statuses, rows[i].status)};
            for (int k = 0; k < 5; k++)
                cli_column(&out, cells[k] ? cells[k] : "", widths[k]);
            buf_printf(&out, "%s\n", code_label(signal_sources, rows[i].source));
        }
        if (n == 0)
            buf_puts(&out, "Inga signaler matchar.\n");
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    arena_free(&ar);
    return EXIT_OK;
}

int
cmd_schedule(int argc, char **argv)
{
    static const char *const allowed[] = {"agreement", "from", "to", "format", NULL};
    struct args a;
    if (parse_args(argc, argv, allowed, NULL, &a) ||
        need_db(&a, "schedule DB [--agreement DIARIENUMMER]"))
        return EXIT_INPUT;
    const char *format = opt(&a, "format") ? opt(&a, "format") : "table";
    if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "insyn: --format ska vara table, csv eller json\n");
        return EXIT_INPUT;
    }
    struct followup_filter f = {.case_ref = opt(&a, "agreement")};
    if (date_option(&a, "from", &f.from) || date_option(&a, "to", &f.to))
        return EXIT_INPUT;
    struct store *st;
    int rc = open_db(a.pos[0], &st);
    if (rc)
        return rc;
    struct arena ar;
    arena_init(&ar);
    struct insyn_err err = {0};
    struct followup_row *rows;
    int n;
    rc = app_schedule_system(st, app_today(), &err);
    if (rc == 0)
        rc = app_schedule_list(st, &app_system_actor, &f, 1000000, &ar, &rows, &n, &err);
    store_close(st);
    if (rc) {
        arena_free(&ar);
        return report(&err);
    }
    int today = app_today();
    struct buf out;
    buf_init(&out);
    if (strcmp(format, "json") == 0) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++)
            json_array_append_new(arr, followup_json(&rows[i], today));
        char *s = json_dumps(arr, JSON_INDENT(2));
        buf_puts(&out, s);
        buf_putc(&out, '\n');
        free(s);
        json_decref(arr);
    } else if (strcmp(format, "csv") == 0) {
        buf_puts(
            &out,
            "due,status,agreement,organisation,activity,level,responsible_role,may_be_written\r\n");
        for (int i = 0; i < n; i++) {
            json_t *j = followup_json(&rows[i], today);
            const char *keys[] = {"due",      "status", "agreement",       "organisation",
                                  "activity", "level",  "responsible_role"};
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
                csv_put_field(&out, json_string_value(json_object_get(j, keys[k])), k == 0);
            csv_put_field(&out, rows[i].may_be_written ? "1" : "0", 0);
            buf_puts(&out, "\r\n");
            json_decref(j);
        }
    } else {
        static const int widths[] = {10, 9, 16, 32, 24};
        const char *head[] = {"Förfaller", "Status", "Avtal", "Utförare", "Ansvarig"};
        for (int k = 0; k < 5; k++)
            cli_column(&out, head[k], widths[k]);
        buf_puts(&out, "Aktivitet\n");
        for (int i = 0; i < n; i++) {
            json_t *j = followup_json(&rows[i], today);
            const char *cells[] = {json_string_value(json_object_get(j, "due")),
                                   json_string_value(json_object_get(j, "status_label")),
                                   rows[i].case_ref, rows[i].organisation_name,
                                   json_string_value(json_object_get(j, "responsible_role_label"))};
            for (int k = 0; k < 5; k++)
                cli_column(&out, cells[k], widths[k]);
            buf_printf(&out, "%s%s\n", rows[i].activity,
                       rows[i].may_be_written ? " (får vara skriftlig)" : "");
            json_decref(j);
        }
        if (n == 0)
            buf_puts(&out, "Inga uppföljningar matchar.\n");
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    arena_free(&ar);
    return EXIT_OK;
}
