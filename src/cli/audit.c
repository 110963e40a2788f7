/* audit.c — `insyn audit`: verify the audit log's hash chain, print its head (the anchor to
 * keep outside the database) and mail that head to the registrar.
 *
 * A chain that verifies can still have lost its newest records, or have been written anew
 * from the first: the anchor, a record's number and hash kept elsewhere, catches both for the
 * records up to it (`verify --expect N:HASH`). docs/security.md tells how it is used. */
#include "cli/cli.h"

#include "app/app.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERIFY_USAGE "audit verify DB [--expect N:KONTROLLSUMMA]"
#define HEAD_USAGE "audit head DB [--format text|json]"
#define MAIL_HEAD_USAGE "audit mail-head DB --to ADRESS [--sendmail KOMMANDO] [--from ADRESS]"

static int
open_store(const char *db, struct store **st)
{
    struct insyn_err err = {0};
    if (store_open(db, st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    return EXIT_OK;
}

static int
failed(const struct insyn_err *err)
{
    fprintf(stderr, "insyn: %s\n", err->message);
    return err->code == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
}

/* What the anchor says of the database, one line; a missing or other record is the finding. */
static void
print_anchor(const struct audit_anchor *expect, const struct audit_report *r)
{
    switch (r->anchor) {
    case AUDIT_ANCHOR_MATCHES:
        printf("Post %lld stämmer med ankaret %lld:%s.\n", expect->id, expect->id, expect->hash);
        break;
    case AUDIT_ANCHOR_MISSING:
        printf("Post %lld saknas, men ankaret säger att den fanns med kontrollsumman %s: poster "
               "har tagits bort ur granskningsloggen, om ankaret hör till den här databasen.",
               expect->id, expect->hash);
        if (!r->first_broken && r->checked)
            printf(" Loggen slutar nu vid post %lld.", r->checked);
        else if (!r->first_broken)
            printf(" Loggen är nu tom.");
        printf("\n");
        break;
    case AUDIT_ANCHOR_DIFFERS:
        printf("Post %lld har en annan kontrollsumma än ankaret: %s i databasen, %s i ankaret. "
               "Posten, eller en post före den, har ändrats eller tagits bort och kedjan har "
               "skrivits om, om ankaret hör till den här databasen.\n",
               expect->id, r->stored_hash, expect->hash);
        break;
    case AUDIT_ANCHOR_NONE:
        break;
    }
}

int
cmd_audit_verify(int argc, char **argv)
{
    const char *db = NULL, *expect_s = NULL;
    const struct cli_option opts[] = {{"--expect", &expect_s}, {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, VERIFY_USAGE))
        return EXIT_INPUT;
    struct audit_anchor expect;
    if (expect_s && audit_anchor_parse(expect_s, &expect) != 0) {
        fprintf(stderr, "insyn: --expect ska skrivas N:KONTROLLSUMMA, postens nummer och dess "
                        "kontrollsumma med 64 hexadecimala tecken, så som insyn audit head skriver "
                        "dem, till exempel 42:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d"
                        "6c15b0f00a08\n");
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_store(db, &st);
    if (rc)
        return rc;
    struct insyn_err err = {0};
    struct audit_report r;
    rc = app_audit_verify(st, expect_s ? &expect : NULL, &r, &err);
    store_close(st);
    if (rc)
        return failed(&err);
    if (r.first_broken)
        printf("Granskningsloggen är BRUTEN vid post %lld: posten har ändrats, tagits bort eller "
               "flyttats. %lld poster före den är oförändrade.\n",
               r.first_broken, r.checked);
    else
        printf("Granskningsloggen är hel: %lld poster kontrollerade.\n", r.checked);
    if (expect_s)
        print_anchor(&expect, &r);
    int anchor_ok = !expect_s || r.anchor == AUDIT_ANCHOR_MATCHES;
    return r.first_broken || !anchor_ok ? EXIT_INPUT : EXIT_OK;
}

int
cmd_audit_head(int argc, char **argv)
{
    const char *db = NULL, *format = "text";
    const struct cli_option opts[] = {{"--format", &format}, {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, HEAD_USAGE))
        return EXIT_INPUT;
    int json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) {
        fprintf(stderr, "insyn: --format ska vara text eller json\n");
        return EXIT_INPUT;
    }
    struct store *st;
    int rc = open_store(db, &st);
    if (rc)
        return rc;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {0};
    struct audit_entry head;
    rc = store_audit_head(st, &a, &head, &err);
    store_close(st);
    if (rc == 0) {
        struct buf out;
        buf_init(&out);
        if (json)
            cli_put_json(&out, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)head.id, "hash",
                                         head.hash, "at", head.at));
        else
            buf_printf(&out, "%lld %s\n", head.id, head.hash);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
    }
    arena_free(&a);
    return rc ? failed(&err) : EXIT_OK;
}

int
cmd_audit_mail_head(int argc, char **argv)
{
    const char *db = NULL, *to = NULL;
    const char *sendmail = getenv("INSYN_SENDMAIL"), *from = getenv("INSYN_MAIL_FROM");
    const struct cli_option opts[] = {
        {"--to", &to}, {"--sendmail", &sendmail}, {"--from", &from}, {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, MAIL_HEAD_USAGE))
        return EXIT_INPUT;
    if (!to) {
        fprintf(stderr, "insyn: --to behövs: registratorns e-postadress\nAnvändning: insyn %s\n",
                MAIL_HEAD_USAGE);
        return EXIT_INPUT;
    }
    cli_mail_defaults(&sendmail, &from);
    struct store *st;
    int rc = open_store(db, &st);
    if (rc)
        return rc;
    /* the database as the registrar will name it in --expect: the whole path */
    char *path = realpath(db, NULL);
    struct audit_head_mail opt = {
        .to = to, .from = from, .sendmail = sendmail, .database = path ? path : db};
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {0};
    struct audit_entry head;
    rc = app_audit_mail_head(st, &opt, &a, &head, &err);
    store_close(st);
    if (rc == 0)
        printf("Ankaret, post %lld med kontrollsumman %s, har skickats till %s.\n", head.id,
               head.hash, to);
    arena_free(&a);
    free(path);
    return rc ? failed(&err) : EXIT_OK;
}
