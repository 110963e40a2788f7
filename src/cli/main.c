/* main.c — the insyn command line: one table of verbs, each with its one-line help.
 * Exit codes: 0 ok, 1 bad input, 2 system failure. Messages go to stderr. */
#include "cli/cli.h"
#include "io/chart.h"

#include "io/log.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct command commands[] = {
    {"init", NULL, cmd_init, "init DB", "Skapar en ny, tom databas."},
    {"migrate", NULL, cmd_migrate, "migrate DB",
     "Uppdaterar databasens struktur till den här versionen."},
    {"serve", NULL, cmd_serve,
     "serve --db DB --listen ADRESS:PORT [--public-url URL] [--horizon-months N] "
     "[--decision-months N] [--secure-cookies] [--trusted-proxy ADRESS] [--login-window-seconds N]",
     "Startar webbtjänsten. --public-url är adressen som användarna når tjänsten på och som alla "
     "absoluta länkar börjar med; utan den används adressen som tjänsten lyssnar på. Bakom en "
     "omvänd proxy anger --trusted-proxy proxyns adress: bara från den räknas klienten som sista "
     "adressen i X-Forwarded-For. Misslyckade inloggningar glöms --login-window-seconds efter den "
     "sista (standard 900)."},
    {"demo", NULL, cmd_demo, "demo DB | demo --accounts",
     "Skapar en databas med en påhittad kommuns utförare, avtal och användare, eller visar "
     "demokontona."},
    {"user", "add", cmd_user_add,
     "user add DB --email E --role ROLL [--name NAMN] [--organisation ORG_NR]",
     "Lägger till en användare; lösenordet läses från standard in."},
    {"token", "create", cmd_token_create, "token create DB --email E",
     "Skapar en API-nyckel åt en användare."},
    {"import", "organisations", cmd_import_organisations, "import organisations DB FIL.csv",
     "Importerar utförare; allt eller inget."},
    {"import", "agreements", cmd_import_agreements, "import agreements DB FIL.csv",
     "Importerar avtal; allt eller inget."},
    {"import", "credit", cmd_import_credit, "import credit DB FIL.csv",
     "Importerar kreditupplysningar (org_nr,bureau,checked_on,value); allt eller inget."},
    {"import", "ivo", cmd_import_ivo, "import ivo DB FIL.csv",
     "Importerar underlag från IVO (org_nr,unit,kind,decided_on,reference,summary); allt eller "
     "inget."},
    {"import", "placements", cmd_import_placements, "import placements DB FIL.csv",
     "Importerar placeringar (org_nr,unit,agreement,client,case_worker,start,end,end_reason); "
     "allt eller inget."},
    {"import", "assignments", cmd_import_assignments, "import assignments DB FIL.csv",
     "Importerar uppdrag i öppenvård (agreement,client,kind,age_group,received,closed,hours,"
     "goal_outcome,reason); allt eller inget."},
    {"export", "agreements", cmd_export_agreements, "export agreements DB --format csv|json",
     "Skriver alla avtal till standard ut."},
    {"schedule", NULL, cmd_schedule,
     "schedule DB [--agreement DIARIENUMMER] [--from DATUM] [--to DATUM] [--format table|csv|json]",
     "Visar uppföljningsplanen: uppföljningar enligt rutinerna, efter förfallodag."},
    {"signals", NULL, cmd_signals,
     "signals DB [--organisation ORG_NR] [--from DATUM] [--to DATUM] [--format table|csv|json]",
     "Visar signalerna om utförarna, de senaste först, med kategori, källa och utfall."},
    {"risk", NULL, cmd_risk, "risk DB [--today DATUM] [--format table|csv|json]",
     "Visar utförarnas riskindikator, högst poäng först: varje faktor med sin vikt och sin "
     "källa, och om regeln gör utföraren till kandidat för händelsestyrd uppföljning."},
    {"sample", NULL, cmd_sample,
     "sample DB --agreement DIARIENUMMER --from DATUM --to DATUM [--min-placements N] "
     "[--format table|csv|json]",
     "Visar urvalet till den planerade uppföljningen: enheterna med minst N placeringar (standard "
     "3) under avtalet som inleddes från och med --from till och med --to, var och en med sitt "
     "skäl. Samma beräkning som kontrollplanens."},
    {"report", "annual", cmd_report_annual,
     "report annual DB --year ÅR --format pdf|odt|docx --out FIL",
     "Skriver nämndens årsrapport om kontroll och uppföljning av privata utförare för året, "
     "med tjänsteskrivelsen först, som PDF eller som redigerbart dokument för LibreOffice (ODT) "
     "eller Word (DOCX). Filen skrivs "
     "hel eller inte alls; ett år utan uppgifter ger ett meddelande och ingen fil."},
    {"report", "agreement", cmd_report_agreement,
     "report agreement DB --agreement DIARIENUMMER [--organisation ORG_NR] --year ÅR "
     "--format pdf|odt|docx --out FIL",
     "Skriver uppföljningsrapporten för ett avtal och ett verksamhetsår med tjänsteskrivelsen "
     "först, som PDF eller som redigerbart dokument för LibreOffice (ODT) eller Word (DOCX): årets "
     "uppföljningsmöten och vilka som "
     "deltog, statistiken, mervärdena i anbudet och vad uppföljningarna fann, beställarens enkät, "
     "förbättringsområdena från året före och förvaltningens texter. Delar flera avtal "
     "diarienummer väljer --organisation utförarens. Filen skrivs hel eller inte alls; ett år "
     "utan uppgifter ger ett meddelande och ingen fil."},
    {"stats", "assignments", cmd_stats_assignments,
     "stats assignments DB --agreement DIARIENUMMER [--organisation ORG_NR] --year ÅR "
     "[--format table|json]",
     "Visar statistiken för ett avtals insatser i öppenvård under ett år: uppdrag som kommit in, "
     "avslutats och pågick vid årets slut, avslutade per åldersgrupp, timmar och månader i snitt, "
     "uppdrag längre än ett år, måluppfyllelsen i avslutad familjebehandling med orsakerna när "
     "målen inte uppfyllts, och uppdragen sedan avtalets start per typ. Delar flera avtal "
     "diarienummer väljer --organisation utförarens."},
    {"stats", "placements", cmd_stats_placements,
     "stats placements DB --agreement DIARIENUMMER [--organisation ORG_NR] --year ÅR "
     "[--format table|json]",
     "Visar statistiken för ett avtals placeringar under ett år, för hela avtalet och per enhet: "
     "inledda, avslutade per skäl, pågående vid årets slut och längden i snitt. Delar flera avtal "
     "diarienummer (ett ramavtal) väljer --organisation utförarens."},
    {"applications", NULL, cmd_applications,
     "applications DB [--status STATUS] [--format table|csv|json]",
     "Visar ansökningarna om att bli utförare i ett valfrihetssystem (LOV), de senast inkomna "
     "först: sökande, område, när ansökan kom in och blev komplett, status och dagar sedan den "
     "kom in (till beslutet, när nämnden har beslutat). --status visar bara ansökningar med den "
     "statusen: received (inkommen), awaiting_supplements (väntar på komplettering), in_review "
     "(under handläggning), to_committee (till socialnämnden), approved (godkänd, avtal ej "
     "tecknat), rejected (avslagen), onboarding (introduktion pågår) eller onboarded "
     "(introducerad). Tabellen slutar med den genomsnittliga handläggningstiden för de beslutade "
     "ansökningarna."},
    {"remind", NULL, cmd_remind,
     "remind DB [--today DATUM] [--days N] [--survey-days N] [--public-url URL] "
     "[--sendmail KOMMANDO] [--from ADRESS]",
     "Skickar var och en ett e-postmeddelande om deras försenade och inom --days dagar "
     "(standard 7) förfallande uppföljningar och uppgifter i ansökningar om att bli utförare "
     "(LOV), med en länk till ansökan när --public-url är angiven, och påminner dem som inte har "
     "besvarat en enkät som varit öppen i "
     "--survey-days dagar (standard 7, sedan högst var 7:e dag) (för cron). Den som har konto "
     "ombeds svara i insyn; andra får en ny personlig länk, som ersätter den tidigare och kräver "
     "--public-url (eller INSYN_PUBLIC_URL). Kommandot är som standard \"/usr/sbin/sendmail -t "
     "-i\", eller INSYN_SENDMAIL; avsändaren insyn@localhost, eller INSYN_MAIL_FROM. Slutkod 2 "
     "när något meddelande inte kunde lämnas över."},
    {"audit", "verify", cmd_audit_verify, "audit verify DB [--expect N:KONTROLLSUMMA]",
     "Kontrollerar granskningsloggens hashkedja. Med --expect, ett ankare som insyn audit head "
     "skrev, kontrolleras också att post N finns kvar med just den kontrollsumman: att ingen post "
     "till och med N har tagits bort eller skrivits om. Slutkod 1 när något inte stämmer."},
    {"audit", "head", cmd_audit_head, "audit head DB [--format text|json]",
     "Skriver granskningsloggens senaste post som ankare: numret och kontrollsumman (\"N "
     "KONTROLLSUMMA\"), eller med --format json även när den skrevs. Spara ankaret utanför "
     "databasen."},
    {"audit", "mail-head", cmd_audit_mail_head,
     "audit mail-head DB --to ADRESS [--sendmail KOMMANDO] [--from ADRESS]",
     "Skickar granskningsloggens senaste post (numret, kontrollsumman, när den skrevs och hur "
     "databasen kontrolleras mot den) med e-post till registratorn, så att ankaret finns utanför "
     "databasen (för cron, till exempel varje månad). Kommandot och avsändaren som för insyn "
     "remind. Slutkod 2 när meddelandet inte kunde lämnas över."},
    {"backup", NULL, cmd_backup, BACKUP_USAGE,
     "Gör en säkerhetskopia av databasen medan tjänsten är igång: databasen som den var när "
     "kopieringen började, medan servrarna fortsätter att skriva. Kopian skrivs först till "
     "FIL.tmp, kontrolleras och byter sedan namn till FIL, så att FIL aldrig är en halv kopia. "
     "SQLite: en databasfil, kontrollerad med SQLite:s integrity_check (eller den snabbare "
     "quick_check med --quick) och granskningsloggens hashkedja. PostgreSQL: ett arkiv från "
     "pg_dump av just den ögonblicksbild där granskningsloggens hashkedja först kontrollerades, "
     "läst tillbaka med pg_restore. En befintlig FIL ersätts bara med --force; misslyckas kopian "
     "är den tidigare FIL orörd. Återställning och ett exempel för cron: docs/operations.md."},
    {"copy-data", NULL, cmd_copy_data, COPY_DATA_USAGE,
     "Kopierar alla uppgifter från en databas till en annan, mellan SQLite och PostgreSQL åt "
     "vilket håll som helst, i en enda transaktion i måldatabasen: allt eller inget. Måldatabasen "
     "ska vara ny (en fil som inte finns, eller en tom PostgreSQL-databas) och källan ha samma "
     "version av strukturen. Granskningsloggen följer med post för post, får en post om "
     "kopieringen och kontrolleras efteråt."},
    {"routes", NULL, cmd_routes, "routes [--format table|json]",
     "Visar alla webbadresser och behörigheten de kräver."},
    {"generate", NULL, cmd_generate, GENERATE_USAGE,
     "Skapar en stor påhittad datamängd för prestandamätning: utförare, enheter och avtal "
     "(standard 2 000, 10 000 och 20 000, en kommun av Stockholms storlek), och med --year årets "
     "kontroll och uppföljning: --signals signaler (standard 1 000 000) som gås igenom vid "
     "samordnarmöten varje vecka, varje utförares kreditupplysning och skattekontroll, IVO:s "
     "underlag, händelsestyrda uppföljningar, sanktioner, --placements placeringar (standard "
     "500 000) över fem år, och årets kontrollplan med urval, enkäter och fördjupade "
     "uppföljningar. Allt kontrolleras och loggas som en användares ändringar."},
    {NULL, NULL, NULL, NULL, NULL},
};

static void
usage(FILE *out)
{
    fprintf(out,
            "insyn — uppföljning och kontroll av utförare inom socialtjänsten\n\nAnvändning:\n");
    for (const struct command *c = commands; c->name; c++)
        fprintf(out, "  insyn %-60s %s\n", c->usage, c->help);
    fprintf(out, "\n  insyn KOMMANDO --help visar hjälp för ett kommando.\n");
}

int
cli_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

/* `--db DB` is another way to write a command's DB argument, the first of its arguments
 * (`serve` names it so, and scripts may name it everywhere): moved to the front, it is read
 * as written there. Commands whose usage names --db themselves keep it. Returns argc. */
static int
db_first(int argc, char **argv, const char *usage)
{
    if (strstr(usage, "--db"))
        return argc;
    for (int i = 0; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--db") != 0)
            continue;
        char *db = argv[i + 1];
        /* [a…, --db, DB, b…] becomes [DB, a…, b…] */
        memmove(&argv[2], &argv[0], sizeof *argv * (size_t)i);
        argv[0] = db;
        memmove(&argv[1], &argv[2], sizeof *argv * (size_t)(argc - 2));
        argv[argc - 1] = NULL;
        return argc - 1;
    }
    return argc;
}

int
main(int argc, char **argv)
{
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    log_to_stderr();
    if (sodium_init() < 0) {
        fprintf(stderr, "insyn: libsodium kunde inte startas\n");
        return 2;
    }
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    for (const struct command *c = commands; c->name; c++) {
        if (strcmp(c->name, argv[1]) != 0)
            continue;
        int skip = 2;
        if (c->sub) {
            if (argc < 3 || strcmp(c->sub, argv[2]) != 0)
                continue;
            skip = 3;
        }
        if (cli_wants_help(argc - skip, argv + skip)) {
            printf("Användning: insyn %s\n\n%s\n", c->usage, c->help);
            return 0;
        }
        int rc = c->run(db_first(argc - skip, argv + skip, c->usage), argv + skip);
        chart_fonts_release(); /* the fonts a report loaded: the process ends with nothing held */
        return rc;
    }
    /* a known verb with a missing or unknown sub-command gets that verb's help */
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, argv[1]) == 0) {
            if (argc >= 3 && cli_wants_help(argc - 2, argv + 2)) {
                for (const struct command *d = c; d->name; d++)
                    if (strcmp(d->name, argv[1]) == 0)
                        printf("insyn %-60s %s\n", d->usage, d->help);
                return 0;
            }
            fprintf(stderr, "insyn: okänt underkommando. Möjliga:\n");
            for (const struct command *d = c; d->name; d++)
                if (strcmp(d->name, argv[1]) == 0)
                    fprintf(stderr, "  insyn %s\n", d->usage);
            return 1;
        }
    fprintf(stderr, "insyn: okänt kommando \"%s\"\n\n", argv[1]);
    usage(stderr);
    return 1;
}
