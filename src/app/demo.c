/* demo.c — the demo municipality and the benchmark's large data set.
 *
 * Sjöbacka kommun is fictional; so are every provider, person and number here. Its shape
 * follows the seed documents: a framework agreement for HVB for adults with addiction with
 * about 80 providers (Uppsala), LOV home care and external nursing homes followed up like
 * the in-house operation (Motala), a family-support contract extended once and not
 * extendable past 2019-12-31 (Stockholm-Norrmalm), and a drop-in centre run by a non-profit
 * whose agreement ends 2020-12-31 after two tenders with a single bidder (Linköping). All
 * data goes through the same use cases as a user's, so it is validated and audited. */
#include "app/app.h"
#include "app/applications.h"
#include "app/checks.h"
#include "app/records.h"
#include "app/investigations.h"
#include "app/plans.h"
#include "app/signals.h"
#include "app/reports.h"
#include "app/surveys.h"
#include "app/volume.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/routine.h"
#include "core/orgnr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const demo_password = "sjobacka-demo-2026";

struct demo {
    struct store *st;
    struct arena a;
    struct insyn_err *err;
    long long strategist_id, strategist2_id;
    /* the HVB framework's providers, their first units and agreements, in creation order */
    long long hvb_org[80], hvb_unit[80], hvb_agreement[80];
    int today, year; /* the planned follow-up's story is this year's */
    int failed;
};

/* The planned follow-up (seed 004) is written below as the plan of 2025, sampled from 2024's
 * placements; it is told as this year's plan, so that this year's annual report has it with the
 * year's signals and controls. The date moved that many years, or NULL when it would lie after
 * today. */
static const char *
story_date(struct demo *d, const char *written)
{
    int date;
    if (!written || !*written || date_parse(written, &date) != 0)
        return written;
    date = date_add_months(date, 12 * (d->year - 2025));
    if (date > d->today)
        return NULL;
    char s[11];
    date_format(date, s);
    return arena_strdup(&d->a, s);
}

/* The same, today when it would lie after today. */
static const char *
story_date_by_today(struct demo *d, const char *written)
{
    const char *s = story_date(d, written);
    if (s)
        return s;
    char today[11];
    date_format(d->today, today);
    return arena_strdup(&d->a, today);
}

/* An organisation number: two prefix digits, a serial, and the Luhn check digit. */
static void
demo_orgnr(const char *prefix, long serial, char out[12])
{
    char nine[16];
    snprintf(nine, sizeof nine, "%.2s%07ld", prefix, 2000000 + serial % 8000000);
    memcpy(out, nine, 6);
    out[6] = '-';
    memcpy(out + 7, nine + 6, 3);
    out[10] = (char)('0' + luhn_check_digit(nine));
    out[11] = '\0';
}

static long long
org(struct demo *d, const char *name, const char *nr, const char *kind, const char *legal_form,
    const char *contact, const char *email)
{
    if (d->failed)
        return 0;
    struct organisation_input in = {.name = name,
                                    .org_nr = nr,
                                    .kind = kind,
                                    .legal_form = legal_form,
                                    .contact_name = contact,
                                    .contact_email = email};
    struct organisation o;
    if (app_org_create(d->st, &app_system_actor, &in, &d->a, &o, d->err)) {
        d->failed = 1;
        return 0;
    }
    return o.id;
}

static long long
unit(struct demo *d, long long org_id, const char *name, const char *area, int capacity,
     const char *address, const char *permit_status, const char *permit_date)
{
    if (d->failed)
        return 0;
    char cap[12], oid[24];
    snprintf(cap, sizeof cap, "%d", capacity);
    snprintf(oid, sizeof oid, "%lld", org_id);
    struct unit_input in = {.organisation_id = oid,
                            .name = name,
                            .service_area = area,
                            .capacity = capacity >= 0 ? cap : "",
                            .address = address,
                            .ivo_permit_status = permit_status,
                            .ivo_permit_date = permit_date};
    if (permit_status && strcmp(permit_status, "granted") == 0)
        in.ivo_permit_number =
            arena_printf(&d->a, "IVO 3.5.1-%05lld/%.4s", org_id * 37 % 99991, permit_date);
    struct unit u;
    if (app_unit_create(d->st, &app_system_actor, &in, &d->a, &u, d->err)) {
        d->failed = 1;
        return 0;
    }
    return u.id;
}

struct demo_agreement {
    const char *case_ref, *title, *form, *area, *start, *end, *ext_left, *ext_months, *latest_end;
    const char *status, *reason, *value_adds, *requirements, *notes;
    const char *approved_on, *signed_on;
};

/* The day `days` before date (YYYY-MM-DD), as text in the arena. */
static const char *
days_before(struct demo *d, const char *date, int days)
{
    int day;
    char out[11];
    if (date_parse(date, &day) != 0)
        return NULL;
    date_format(day - days, out);
    return arena_strdup(&d->a, out);
}

static long long
agreement(struct demo *d, long long org_id, long long unit_id, long long strategist,
          const struct demo_agreement *g)
{
    if (d->failed)
        return 0;
    struct agreement_input in = {
        .case_ref = g->case_ref,
        .title = g->title,
        .form = g->form,
        .service_area = g->area,
        .organisation_id = arena_printf(&d->a, "%lld", org_id),
        .unit_ids = unit_id ? arena_printf(&d->a, "%lld", unit_id) : NULL,
        .start = g->start,
        .end = g->end,
        .extensions_left = g->ext_left,
        .extension_months = g->ext_months,
        .latest_end = g->latest_end,
        .approved_on = g->approved_on,
        .signed_on = g->signed_on,
        .value_adds = g->value_adds,
        .requirements = g->requirements,
        .strategist_id = strategist ? arena_printf(&d->a, "%lld", strategist) : NULL,
        .status = g->status,
        .termination_reason = g->reason,
        .notes = g->notes,
    };
    struct agreement out;
    if (app_agreement_create(d->st, &app_system_actor, &in, &d->a, &out, d->err)) {
        d->failed = 1;
        return 0;
    }
    return out.id;
}

static long long
user(struct demo *d, const char *email, const char *name, const char *role, const char *org_nr)
{
    if (d->failed)
        return 0;
    if (app_user_add(d->st, email, name, role, org_nr, demo_password, d->err)) {
        d->failed = 1;
        return 0;
    }
    struct user u;
    return store_user_by_email(d->st, email, &d->a, &u) == 0 ? u.id : 0;
}

static const char home_care_requirements[] =
    "Insatser utförs enligt biståndsbeslut\n"
    "Genomförandeplan finns i samtliga ärenden och följs upp regelbundet\n"
    "Verksamhetsansvarig har adekvat utbildning och leder det dagliga arbetet\n"
    "Medarbetarna har adekvat kompetens, inklusive kunskaper i svenska\n"
    "Följsamhet till socialnämndens service- och värdighetsgarantier\n"
    "Följsamhet till dataskyddsförordningen";

static const char nursing_home_requirements[] =
    "Ledningssystem för systematiskt kvalitetsarbete (SOSFS 2011:9)\n"
    "Genomförandeplan finns för varje boende\n"
    "Bemanning dygnet runt enligt förfrågningsunderlaget\n"
    "Följsamhet till socialnämndens värdighetsgarantier\n"
    "Rutin vid utskrivning från slutenvården";

static const char hvb_requirements[] =
    "Giltigt tillstånd från IVO för verksamheten\n"
    "Genomförandeplan upprättas i samråd med klienten och socialsekreteraren\n"
    "Månadsrapport till socialsekreteraren\n"
    "Behandlingspersonal med adekvat grundutbildning och handledning\n"
    "Ledningssystem med rutiner för egenkontroll och avvikelsehantering\n"
    "Rutiner för synpunkter och klagomål\n"
    "Kreditvärdighet lägst riskklass 3 hos UC eller rating 40 hos Creditsafe\n"
    "Skatter och socialavgifter är betalda";

static void
demo_hvb_framework(struct demo *d)
{
    static const char *const trees[] = {"Björk", "Tall", "Ek",  "Sjö",  "Lind", "Rön",  "Hassel",
                                        "Ljung", "Al",   "Asp", "Gran", "Lönn", "Sälg", "Hägg",
                                        "Pil",   "Alm",  "Bok", "Ask",  "Lärk", "Vide"};
    static const char *const places[] = {"hagen", "backen", "udden", "gården"};
    static const char *const towns[] = {"Sjöbacka", "Norrvik", "Ängsby",
                                        "Hallstad", "Torpa",   "Kvarnby"};
    for (int i = 0; i < 80 && !d->failed; i++) {
        char place[40], name[80], nr[12], unit_name[80];
        snprintf(place, sizeof place, "%s%s", trees[i % 20], places[i / 20]);
        snprintf(name, sizeof name, "%ss behandlingshem AB", place);
        snprintf(unit_name, sizeof unit_name, "HVB %s", place);
        demo_orgnr("55", 910 + i * 7919, nr);
        long long o = org(d, name, nr, "private", "ab", "Föreståndaren",
                          arena_printf(&d->a, "kontakt%d@hvb.example", i + 1));
        long long u = unit(d, o, unit_name, "hvb_adults", 8 + (i * 5) % 17,
                           arena_printf(&d->a, "%s %d, %s", place, 1 + i % 40, towns[i % 6]),
                           "granted", arena_printf(&d->a, "%d-0%d-15", 2012 + i % 9, 1 + i % 9));
        if (i % 9 == 4)
            unit(d, o, arena_printf(&d->a, "HVB %s, utslussning", place), "hvb_adults", 4, "",
                 "granted", "2021-09-01");
        struct demo_agreement g = {
            .case_ref = "SN-2023-00412",
            .title = "Ramavtal HVB för vuxna med missbruk",
            .form = "lou_framework",
            .area = "hvb_adults",
            .start = "2024-04-01",
            .end = "2027-03-31",
            .ext_left = "1",
            .ext_months = "12",
            .latest_end = "2028-03-31",
            .status = "active",
            .requirements = hvb_requirements,
            .notes = "Ramavtalet har förlängts en gång. Avrop sker per placering.",
        };
        d->hvb_org[i] = o;
        d->hvb_unit[i] = u;
        d->hvb_agreement[i] = agreement(d, o, u, d->strategist_id, &g);
        if (i == 0 && !d->failed)
            user(d, "utforare@bjorkhagen.example", "Kim Utförarsson", "provider_user", nr);
    }
}

static void
demo_home_care(struct demo *d, long long in_house)
{
    static const char *const names[] = {"Omsorgsvännen Hemtjänst AB", "Trygga Händer i Sjöbacka AB",
                                        "Hemtjänst Norrsken AB",      "Vardagshjälpen Öst AB",
                                        "Lugna Stunder Omsorg AB",    "Omtanke Hemservice AB",
                                        "Kvarnbackens Hemtjänst AB",  "Seniorservice Sjöbacka AB"};
    static const char *const starts[] = {"2020-06-05", "2020-09-01", "2021-02-01", "2021-11-15",
                                         "2022-05-01", "2023-03-01", "2024-10-01", "2025-09-01"};
    for (int i = 0; i < 8 && !d->failed; i++) {
        char nr[12];
        demo_orgnr("55", 400 + i * 104729, nr);
        long long o = org(d, names[i], nr, "private", "ab", "Verksamhetschefen",
                          arena_printf(&d->a, "hemtjanst%d@omsorg.example", i + 1));
        long long u = unit(
            d, o, arena_printf(&d->a, "%.*s, hemtjänst", (int)(strlen(names[i]) - 3), names[i]),
            "home_care", -1, "", "not_required", NULL);
        /* Lugna Stunder has said the agreement up: it ends soon and cannot be extended */
        int leaving = i == 4;
        struct demo_agreement g = {
            .case_ref = "SN 2020/0233",
            .title = "Kundval hemtjänst (LOV)",
            .form = "lov",
            .area = "home_care",
            .start = starts[i],
            .end = leaving ? "2027-01-31" : "2029-12-31",
            .ext_left = "0",
            .status = "active",
            .requirements = home_care_requirements,
            .notes =
                leaving ? "Utföraren har sagt upp avtalet. Brukarna ska erbjudas nytt val." : "",
            /* the committee approved, the agreement was signed, then the service started */
            .approved_on = days_before(d, starts[i], 35),
            .signed_on = days_before(d, starts[i], 14),
        };
        agreement(d, o, u, d->strategist_id, &g);
    }
    long long u1 = unit(d, in_house, "Hemtjänst egen regi, Centrum", "home_care", -1,
                        "Stationsgatan 4, Sjöbacka", "not_required", NULL);
    unit(d, in_house, "Hemtjänst egen regi, Norr", "home_care", -1, "Norra vägen 12, Norrvik",
         "not_required", NULL);
    struct demo_agreement own = {
        .case_ref = "SN 2020/0233",
        .title = "Kundval hemtjänst, egen regi",
        .form = "in_house",
        .area = "home_care",
        .start = "2020-06-05",
        .end = "2029-12-31",
        .ext_left = "0",
        .status = "active",
        .requirements = home_care_requirements,
        .notes = "Egen regi följs upp på samma sätt som externa utförare.",
    };
    agreement(d, in_house, u1, d->strategist_id, &own);
}

static void
demo_nursing_homes(struct demo *d, long long in_house)
{
    static const struct {
        const char *org, *unit, *end, *ext_left, *ext_months, *latest;
        int places;
    } homes[] = {
        {"Omsorgshuset Norden AB", "Lindängens vård- och omsorgsboende", "2027-06-30", "1", "24",
         "2029-06-30", 60},
        {"Vårdbolaget Ekbacken AB", "Ekbackens vård- och omsorgsboende", "2028-12-31", "2", "12",
         "2030-12-31", 48},
        {"Solgläntan Omsorg AB", "Solgläntans äldreboende", "2026-12-31", "0", "0", "2026-12-31",
         36},
    };
    for (int i = 0; i < 3 && !d->failed; i++) {
        char nr[12];
        demo_orgnr("55", 700 + i * 15485, nr);
        long long o = org(d, homes[i].org, nr, "private", "ab", "Regionchefen",
                          arena_printf(&d->a, "boende%d@omsorg.example", i + 1));
        long long u =
            unit(d, o, homes[i].unit, "nursing_home", homes[i].places,
                 arena_printf(&d->a, "Äldrevägen %d, Sjöbacka", 3 + i * 4), "not_required", NULL);
        struct demo_agreement g = {
            .case_ref = arena_printf(&d->a, "SN 2018/%04d", 101 + i * 17),
            .title = "Drift av särskilt boende för äldre",
            .form = "lou",
            .area = "nursing_home",
            .start = "2019-07-01",
            .end = homes[i].end,
            .ext_left = homes[i].ext_left,
            .ext_months = homes[i].ext_months,
            .latest_end = homes[i].latest,
            .status = "active",
            .requirements = nursing_home_requirements,
            .signed_on = "2019-05-20",
        };
        agreement(d, o, u, d->strategist2_id, &g);
    }
    long long u = unit(d, in_house, "Solrosens särskilda boende", "nursing_home", 54,
                       "Rosengatan 2, Sjöbacka", "not_required", NULL);
    struct demo_agreement own = {
        .case_ref = "SN 2019/0050",
        .title = "Särskilt boende i egen regi",
        .form = "in_house",
        .area = "nursing_home",
        .start = "2019-01-01",
        .end = "2030-12-31",
        .ext_left = "0",
        .status = "active",
        .requirements = nursing_home_requirements,
        .notes = "Egen regi följs upp på samma sätt som externa utförare.",
    };
    agreement(d, in_house, u, d->strategist2_id, &own);
}

static void
demo_family_support(struct demo *d)
{
    char nr[12];
    demo_orgnr("55", 6020, nr);
    long long o = org(d, "Stödteamet Öppenvård AB", nr, "private", "ab", "Verkställande direktören",
                      "vd@stodteamet.example");
    long long u = unit(d, o, "Stödteamet, familjebehandling", "outpatient_family", -1,
                       "Kungsgatan 70, Sjöbacka", "not_required", NULL);
    struct demo_agreement g = {
        .case_ref = "SN 2015/0291",
        .title = "Stödinsatser för barn, ungdomar och familjer",
        .form = "lou",
        .area = "outpatient_family",
        .start = "2016-01-01",
        .end = "2019-12-31",
        .ext_left = "0",
        .ext_months = "24",
        .latest_end = "2019-12-31",
        .status = "ended",
        .value_adds = "Metodutveckling och kompetens\nSamarbete och kontinuitet\nKvalitet och "
                      "kvalitetssäkring",
        .requirements = "Genomförandeplan upprättas för varje uppdrag\n"
                        "Skriftlig återrapportering till familjeenheten\n"
                        "Slutkommentar och utvärdering av utförd insats\n"
                        "Insatser kan ges i familjens hem, även utanför kontorstid",
        .notes = "Avtalet har förlängts en gång och kan inte förlängas efter 2019-12-31.",
    };
    agreement(d, o, u, d->strategist2_id, &g);
}

static void
demo_drop_in_centre(struct demo *d)
{
    char nr[12];
    demo_orgnr("80", 3311, nr);
    long long o = org(d, "Stadsmissionen i Sjöbacka", nr, "non_profit", "stiftelse",
                      "Föreståndaren för Kontaktcentrum", "kontaktcentrum@stadsmissionen.example");
    long long u = unit(d, o, "Kontaktcentrum", "drop_in_centre", -1, "Torggatan 9, Sjöbacka",
                       "not_required", NULL);
    struct demo_agreement lou = {
        .case_ref = "SN 2013/0077",
        .title = "Kontaktcentrum – servering och stödverksamhet",
        .form = "lou",
        .area = "drop_in_centre",
        .start = "2014-01-01",
        .end = "2020-12-31",
        .ext_left = "0",
        .status = "ended",
        .requirements = "Servering och stödverksamhet för 60–70 besökare per dag\n"
                        "Individuellt motiverande och stödjande arbete för cirka 20 personer, "
                        "i genomsnitt 70 timmar per person och år\n"
                        "Uppsökande arbete i samverkan med polis, socialtjänst och beroendevård",
        .notes = "Upphandlat i konkurrens två gånger, senast 2013. Stadsmissionen var ensam "
                 "anbudsgivare båda gångerna. Avtalet förlängdes i november 2017.",
    };
    agreement(d, o, u, d->strategist_id, &lou);
    struct demo_agreement iop = {
        .case_ref = "SN 2019/0366",
        .title = "Kontaktcentrum (IOP)",
        .form = "iop",
        .area = "drop_in_centre",
        .start = "2021-01-01",
        .end = "2026-12-31",
        .ext_left = "1",
        .ext_months = "24",
        .latest_end = "2028-12-31",
        .status = "active",
        .requirements = lou.requirements,
        .notes = "Idéburet offentligt partnerskap som ersatte det upphandlade avtalet.",
    };
    agreement(d, o, u, d->strategist_id, &iop);
}

/* The framework agreement for HVB gets the municipality's own routine, after seed 004:
 * yearly economic and IVO controls of each provider, the coordinators' and the strategist's
 * monthly review of reported events, and the yearly plan for control and follow-up. */
static void
demo_hvb_routine(struct demo *d)
{
    if (d->failed)
        return;
    struct routine_input r = {.name = "Ramavtal HVB vuxna med missbruk",
                              .forms = "lou_framework",
                              .service_areas = "hvb_adults",
                              .main_role = "strategist",
                              .substitute_role = "deputy_director"};
    struct routine_row row;
    if (app_routine_save(d->st, &app_system_actor, 0, 0, &r, &d->a, &row, d->err)) {
        d->failed = 1;
        return;
    }
    static const struct activity_input rows[] = {
        {"Ekonomisk kontroll: kreditvärdighet, skatter och avgifter", "provider", "strategist",
         "lawyer", "every:12",
         "Creditsafe-rating under 40 granskas närmare (motsvarar UC riskklass 3)."},
        {"Kontroll hos IVO: tillsynsbeslut, Lex Sarah och tillstånd", "provider", "strategist", "",
         "every:12", "Begär tillsynsbeslut och uppgifter om Lex Sarah-anmälningar från IVO."},
        {"Genomgång av inrapporterade händelser med samordnarna", "system", "strategist",
         "coordinator", "every:1",
         "Synpunkter och avvikelser från socialsekreterarna; åtgärder på avtalsnivå planeras."},
        {"Plan för kontroll och uppföljning av privata utförare", "system", "strategist",
         "deputy_director", "every:12", "Riskbedömning inför nästa års särskilda uppföljning."},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0] && !d->failed; i++) {
        struct routine_activity_row out;
        if (app_activity_save(d->st, &app_system_actor, row.id, 0, &rows[i], &d->a, &out, d->err))
            d->failed = 1;
    }
}

/* The actor who carried out a follow-up in the demo's past: the agreement's strategist for
 * strategist tasks, else the demo user holding the responsible role. */
static int
demo_actor(struct demo *d, const struct followup_row *t, struct actor *who)
{
    struct user u;
    const char *email = strcmp(t->responsible_role, "lawyer") == 0 ? "jurist@sjobacka.example"
                        : strcmp(t->responsible_role, "deputy_director") == 0
                            ? "bitr.direktor@sjobacka.example"
                        : t->strategist_id == d->strategist2_id ? "strateg2@sjobacka.example"
                                                                : "strateg@sjobacka.example";
    if (store_user_by_email(d->st, email, &d->a, &u) != 0)
        return -1;
    *who = (struct actor){u.id, u.email, u.name, u.role, 0};
    return 0;
}

/* What a record of an activity that is not an agreement follow-up says: its subject is not a
 * checklist line, so it is written out, with the overall assessment such a record would
 * give. NULL topics: the activity follows up the agreement's checklist. */
struct demo_subject {
    const char *prefix, *topics, *assessment;
};
static const struct demo_subject demo_subjects[] = {
    {"Avtalsuppföljning", NULL, NULL},
    {"Introduktion",
     "Genomgång av avtalet, rutinerna för samverkan med förvaltningen, dokumentation och "
     "rapportering av avvikelser.",
     "Utföraren har fått den introduktion som avtalet förutsätter och vet vart den ska vända "
     "sig."},
    {"Kontroll med Skatteverket",
     "Registrering för F-skatt och som arbetsgivare, skulder hos Kronofogden och "
     "kreditupplysning.",
     "Utföraren är registrerad för F-skatt, har inga skulder hos Kronofogden och har ett "
     "godkänt kreditbetyg."},
    {"Ekonomisk kontroll",
     "Kreditupplysning från Creditsafe, skatter och avgifter hos Skatteverket och skulder hos "
     "Kronofogden.",
     "Utförarens ekonomi bedöms som stabil. Inga skulder hos Kronofogden; ratingen är godkänd."},
    {"Kontroll hos IVO",
     "Tillstånd, tillsynsbeslut och Lex Sarah-anmälningar hos IVO sedan föregående kontroll.",
     "Tillståndet gäller och IVO:s tillsyn har inte lett till krav som rör avtalet."},
    {"Granskning av", "Utförarens verksamhetsberättelse och årsredovisning för föregående år.",
     "Verksamhetsberättelsen stämmer med avtalets krav och årsredovisningen visar en stabil "
     "ekonomi."},
    {"Utförarträff",
     "Gemensam information och dialog: aktuella frågor i verksamheterna, rutinen för "
     "avvikelser och kommande utbildningar.",
     "Träffen gav en gemensam bild av aktuella frågor. Inget föranleder åtgärder mot enskild "
     "utförare."},
    {NULL, NULL, NULL},
};

static const struct demo_subject *
demo_subject(const char *activity)
{
    for (const struct demo_subject *s = demo_subjects; s->prefix; s++)
        if (activity && strncmp(activity, s->prefix, strlen(s->prefix)) == 0)
            return s;
    return &demo_subjects[0];
}

/* Follow-ups that fell due before the last month are recorded and signed, as they would have
 * been; the last month's are left for the overview and Mina uppgifter to show as overdue.
 * Every record says what a signed record must (seed 003), with an overall assessment
 * (seed 002). Every fourth record finds a requirement partly fulfilled and agrees an action;
 * the next follow-up of the activity reviews it, and one action in three is not yet fixed
 * then, so that it carries over to the one after. */
static void
demo_history(struct demo *d)
{
    struct followup_filter f = {.status = "planned", .from = DATE_NONE, .to = app_today() - 30};
    struct followup_row *tasks;
    int n;
    if (d->failed || store_followup_list(d->st, &f, 100000, &d->a, &tasks, &n, d->err)) {
        d->failed = 1;
        return;
    }
    for (int i = 0; i < n && !d->failed; i++) {
        struct actor who;
        struct followup_view v;
        struct arena a;
        arena_init(&a);
        if (demo_actor(d, &tasks[i], &who) != 0 ||
            app_followup_view(d->st, &who, tasks[i].id, &a, &v, d->err) != 0) {
            arena_free(&a);
            continue;
        }
        char held[11], deadline[11];
        date_format(tasks[i].due, held);
        date_format(tasks[i].due + 60, deadline);
        const struct demo_subject *subject = demo_subject(tasks[i].activity);
        int checklist = subject->topics == NULL && v.n_items > 0;
        int written = tasks[i].may_be_written, remark = i % 4 == 3 && checklist;
        struct record_check_input *checks =
            arena_alloc(&a, sizeof *checks * (size_t)(v.n_items + 1));
        for (int k = 0; checklist && k < v.n_items; k++)
            checks[k] = (struct record_check_input){
                .item_id = arena_printf(&a, "%lld", v.items[k].id),
                .outcome = remark && k == 0 ? "partly" : "fulfilled",
                .comment = remark && k == 0 ? "Brister i några ärenden." : "",
            };
        struct record_action_input action = {"Åtgärda bristerna och redovisa skriftligt.", deadline,
                                             "Verksamhetschefen"};
        static const char *const assessments[] = {
            ("Helhetsbedömningen är att utföraren uppfyller avtalets krav och att verksamheten "
             "håller förväntad kvalitet."),
            "Utföraren följer avtalet. Inga brister framkom vid uppföljningen.",
            "Verksamheten fungerar väl och samarbetet med förvaltningen är gott. Avtalet följs.",
        };
        struct record_review_input *reviews =
            arena_alloc(&a, sizeof *reviews * (size_t)(v.n_open_actions + 1));
        for (int k = 0; k < v.n_open_actions; k++) {
            int later = v.open_actions[k].n_reviews == 0 && v.open_actions[k].action.id % 3 == 0;
            reviews[k] = (struct record_review_input){
                .action_id = arena_printf(&a, "%lld", v.open_actions[k].action.id),
                .outcome = later ? "not_fixed" : "fixed",
                .comment = later ? "Arbetet pågår. Utföraren redovisar vid nästa uppföljning."
                                 : "Utföraren har redovisat att bristerna är åtgärdade.",
            };
        }
        int year, month, day;
        date_to_ymd(tasks[i].due, &year, &month, &day);
        /* the municipality's follow-up case of the agreement for the year */
        char *case_ref = arena_printf(&a, "SN %d/%04lld", year, 100 + tasks[i].agreement_id);
        struct record_input in = {
            .type = "continuous",
            .case_ref = case_ref,
            .held_on = held,
            .place = written ? "written" : "on_site",
            .location = written ? "" : "Utförarens lokaler",
            .attendees_municipality = who.name,
            .attendees_provider = written ? "" : "Verksamhetschefen",
            .topics = subject->topics ? subject->topics
                      : checklist     ? ""
                                      : "Avtalets krav i stort, bemanning och inkomna synpunkter.",
            .provider_answers = written ? "Utföraren har lämnat skriftliga svar på förvaltningens "
                                          "frågor utifrån avtalet."
                                        : "Utföraren har besvarat frågorna utifrån avtalet.",
            .findings = remark      ? "Kraven uppfylls i huvudsak; en brist ska åtgärdas."
                        : checklist ? "Avtalet följs."
                                    : "Inga särskilda iakttagelser.",
            .overall_assessment =
                remark                ? arena_printf(&a,
                                                     "Utföraren uppfyller avtalet i huvudsak. Bristen som gäller "
                                                                    "”%s” ska åtgärdas enligt den överenskomna åtgärden och "
                                                                    "följs upp vid nästa uppföljning.",
                                                     v.items[0].text)
                : subject->assessment ? subject->assessment
                                      : assessments[i % 3],
            .reviews = reviews,
            .n_reviews = v.n_open_actions,
            .checks = checks,
            .n_checks = checklist ? v.n_items : 0,
            .actions = remark ? &action : NULL,
            .n_actions = remark ? 1 : 0,
        };
        if (v.joint) { /* a provider meeting: every provider but one came */
            struct buf ids;
            buf_init(&ids);
            for (int k = 0; k < v.n_providers; k++)
                if (v.n_providers == 1 || k != (int)(i % (unsigned)v.n_providers))
                    buf_printf(&ids, "%s%lld", ids.len ? "\n" : "", v.providers[k].id);
            in.organisations = arena_strdup(&a, ids.data ? ids.data : "");
            in.attendees_provider = "Verksamhetscheferna";
            in.location = "Socialförvaltningen, Storgatan 1";
            buf_free(&ids);
        }
        struct record r;
        if (app_record_create(d->st, &who, tasks[i].id, &in, &a, &r, d->err) ||
            app_record_sign(d->st, &who, tasks[i].id, 1, &a, &r, d->err))
            d->failed = 1;
        arena_free(&a);
    }
}

/* A user acting, by e-mail, its strings in the arena a. */
static int
person_in(struct demo *d, struct arena *a, const char *email, struct actor *who)
{
    struct user u;
    if (store_user_by_email(d->st, email, a, &u) != 0) {
        d->failed = 1;
        return -1;
    }
    *who = (struct actor){u.id, u.email, u.name, u.role, u.organisation_id};
    return 0;
}

/* A demo user acting, by e-mail. */
static int
demo_person(struct demo *d, const char *email, struct actor *who)
{
    return person_in(d, &d->a, email, who);
}

/* A signal about the i-th HVB provider, `days` ago, reported by `email`; returns its id. */
static long long
demo_signal(struct demo *d, const char *email, int i, int days, const char *source,
            const char *category, int serious, const char *description)
{
    struct actor who;
    if (d->failed || demo_person(d, email, &who))
        return 0;
    char date[11];
    date_format(app_today() - days, date);
    struct signal_input in = {.organisation_id = arena_printf(&d->a, "%lld", d->hvb_org[i]),
                              .unit_id = arena_printf(&d->a, "%lld", d->hvb_unit[i]),
                              .agreement_id = arena_printf(&d->a, "%lld", d->hvb_agreement[i]),
                              .date = date,
                              .source = source,
                              .category = category,
                              .serious = serious ? "1" : "0",
                              .description = description};
    struct signal s;
    if (app_signal_report(d->st, &who, &in, &d->a, &s, d->err)) {
        d->failed = 1;
        return 0;
    }
    return s.id;
}

/* A coordinators' meeting `days` ago going through signals with their outcomes. */
static void
demo_meeting(struct demo *d, int days, const char *notes, const struct signal_review *reviews,
             int n)
{
    struct actor who;
    if (d->failed || demo_person(d, "samordnare@sjobacka.example", &who))
        return;
    char date[11];
    date_format(app_today() - days, date);
    struct meeting_input in = {.held_on = date,
                               .attendees = "Sam Samordnare\nSara Strateg",
                               .notes = notes,
                               .reviews = (struct signal_review *)reviews,
                               .n_reviews = n};
    struct coordinator_meeting m;
    if (app_meeting_record(d->st, &who, &in, &d->a, &m, d->err))
        d->failed = 1;
}

/* A date `days` before today, as text in the demo's arena. */
static const char *
demo_days_ago(struct demo *d, int days)
{
    char date[11];
    date_format(app_today() - days, date);
    return arena_strdup(&d->a, date);
}

/* Seed 003's "Om utförare inte följer gällande avtal" for the i-th HVB provider, opened from
 * a signal `days` ago: focus areas with a responsible person each, a communication plan and
 * a first meeting; still in progress. */
static void
demo_event_driven(struct demo *d, int i, long long signal_id, int days)
{
    struct actor who, lawyer;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who) ||
        demo_person(d, "jurist@sjobacka.example", &lawyer))
        return;
    struct investigation_input in = {
        .organisation_id = arena_printf(&d->a, "%lld", d->hvb_org[i]),
        .agreement_id = arena_printf(&d->a, "%lld", d->hvb_agreement[i]),
        .kind = "event_driven",
        .opened_on = demo_days_ago(d, days),
        .reason = "En allvarlig händelse rapporterades inte till socialsekreteraren. "
                  "Samordnarmötet beslutade om händelsestyrd uppföljning.",
        .communication_plan = "Strategen informerar föreståndaren skriftligt om uppföljningen och "
                              "dess fokusområden. Placerande socialsekreterare informeras vid "
                              "nästa enhetsmöte. Resultatet återrapporteras till biträdande "
                              "socialdirektör.",
        .responsible_id = arena_printf(&d->a, "%lld", who.user_id),
        .signal_ids = arena_printf(&d->a, "%lld", signal_id),
    };
    const struct investigation_area_input areas[] = {
        {"Rutiner för att rapportera allvarliga händelser till socialsekreteraren",
         arena_printf(&d->a, "%lld", who.user_id), demo_days_ago(d, -20), NULL, NULL},
        {"Avvikelsehantering och egenkontroll (Lex Sarah)",
         arena_printf(&d->a, "%lld", lawyer.user_id), demo_days_ago(d, -35), NULL, NULL},
    };
    struct investigation inv;
    if (app_investigation_open(d->st, &who, &in, areas, 2, &d->a, &inv, d->err)) {
        d->failed = 1;
        return;
    }
    struct investigation_meeting_input m = {
        .held_on = demo_days_ago(d, days - 14),
        .attendees = "Sara Strateg\nJulia Jurist\nFöreståndaren för HVB Tallhagen",
        .findings = "Hemmet saknar skriftlig rutin för att informera socialsekreteraren. "
                    "Föreståndaren ska redovisa en ny rutin inom fyra veckor."};
    struct investigation_meeting out;
    if (app_investigation_meeting_add(d->st, &who, inv.id, &m, &d->a, &out, d->err))
        d->failed = 1;
}

/* Seed 004: "en av leverantörerna är fortfarande under utredning" — a low credit rating
 * without an explanation. */
static void
demo_credit_investigation(struct demo *d, int i, long long signal_id, int days)
{
    struct actor who;
    if (d->failed || demo_person(d, "jurist@sjobacka.example", &who))
        return;
    struct investigation_input in = {
        .organisation_id = arena_printf(&d->a, "%lld", d->hvb_org[i]),
        .kind = "event_driven",
        .opened_on = demo_days_ago(d, days),
        .reason = "Kreditvärdigheten hos Creditsafe ligger under 40 och utföraren har inte "
                  "förklarat varför.",
        .communication_plan = "Juristen begär årsredovisning och en plan för ekonomin. "
                              "Strategen informeras vid varje steg.",
        .responsible_id = arena_printf(&d->a, "%lld", who.user_id),
        .signal_ids = arena_printf(&d->a, "%lld", signal_id),
    };
    const struct investigation_area_input areas[] = {
        {"Ekonomisk ställning: årsredovisning, likviditet och skulder",
         arena_printf(&d->a, "%lld", who.user_id), demo_days_ago(d, -10), NULL, NULL},
    };
    struct investigation inv;
    if (app_investigation_open(d->st, &who, &in, areas, 1, &d->a, &inv, d->err))
        d->failed = 1;
}

/* The deputy director's warning to the i-th HVB provider after a confirmed deviation. */
static void
demo_warning(struct demo *d, int i, int days)
{
    struct actor who, deputy;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who) ||
        demo_person(d, "bitr.direktor@sjobacka.example", &deputy))
        return;
    struct sanction_input in = {
        .kind = "warning",
        .decided_on = demo_days_ago(d, days),
        .decided_by = arena_printf(&d->a, "%lld", deputy.user_id),
        .reason = "Genomförandeplaner har upprepade gånger upprättats senare än avtalets fyra "
                  "veckor. Avvikelsen konstaterades vid samordnarmötet.",
    };
    struct sanction out;
    if (app_sanction_register(d->st, &who, d->hvb_agreement[i], &in, &d->a, &out, d->err))
        d->failed = 1;
}

/* An external control of the i-th HVB provider (an IVO record of its unit) `days` ago, the
 * other fields as the form's; returns the signal it made by itself, or 0. */
static long long
demo_check(struct demo *d, int i, int days, struct check_input in)
{
    struct actor who;
    if (d->failed || demo_person(d, "jurist@sjobacka.example", &who))
        return 0;
    in.organisation_id = arena_printf(&d->a, "%lld", d->hvb_org[i]);
    const char *when = demo_days_ago(d, days);
    if (strcmp(in.kind, "ivo") == 0) {
        in.decided_on = when;
        in.unit_id = arena_printf(&d->a, "%lld", d->hvb_unit[i]);
    } else if (strcmp(in.kind, "bankruptcy") == 0) {
        in.date = when;
    } else {
        in.checked_on = when;
    }
    struct external_check out;
    if (app_check_add(d->st, &who, &in, &d->a, &out, d->err)) {
        d->failed = 1;
        return 0;
    }
    return out.signal_id;
}

/* A termination of the i-th HVB provider's agreement, decided by the deputy director. */
static void
demo_termination(struct demo *d, int i, int days, const char *cause, const char *reason)
{
    struct actor who, deputy;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who) ||
        demo_person(d, "bitr.direktor@sjobacka.example", &deputy))
        return;
    struct sanction_input in = {.kind = "termination",
                                .decided_on = demo_days_ago(d, days),
                                .decided_by = arena_printf(&d->a, "%lld", deputy.user_id),
                                .reason = reason,
                                .ends_on = demo_days_ago(d, days - 30),
                                .cause = cause};
    struct sanction out;
    if (app_sanction_register(d->st, &who, d->hvb_agreement[i], &in, &d->a, &out, d->err))
        d->failed = 1;
}

/* Seed 004's controls: a yearly credit check of every provider in the framework, three of
 * them under Creditsafe's 40, tax checks, IVO's documents, two revoked permits and a
 * bankruptcy. Returns the signals of the three low ratings and the first revoked permit
 * through made[]. */
static void
demo_controls(struct demo *d, long long made[4])
{
    for (int i = 0; i < 80 && !d->failed; i++) {
        int score = 42 + (i * 37) % 57; /* all pass but the three below */
        if (i == 5 || i == 6 || i == 7)
            continue;
        demo_check(d, i, 200 - i,
                   (struct check_input){.kind = "credit",
                                        .bureau = "creditsafe",
                                        .value = arena_printf(&d->a, "%d", score)});
    }
    made[0] = demo_check(
        d, 5, 75, (struct check_input){.kind = "credit", .bureau = "creditsafe", .value = "34"});
    made[1] = demo_check(
        d, 6, 72, (struct check_input){.kind = "credit", .bureau = "creditsafe", .value = "29"});
    made[2] = demo_check(
        d, 7, 70, (struct check_input){.kind = "credit", .bureau = "creditsafe", .value = "31"});
    for (int i = 0; i < 10; i++)
        demo_check(d, i, 190 - i,
                   (struct check_input){.kind = "tax",
                                        .f_tax = "ja",
                                        .taxes_paid = "ja",
                                        .contributions_paid = "ja",
                                        .enforcement_debt = "0"});
    demo_check(d, 0, 260,
               (struct check_input){
                   .kind = "ivo",
                   .ivo_kind = "inspection_decision",
                   .reference = "IVO 3.5.1-20412/2026",
                   .summary =
                       "Tillsyn efter anonym anmälan. Verksamheten hade en generell regel om "
                       "besöksförbud som inte är förenlig med lagstiftningen. Ärendet "
                       "avslutat efter vidtagna åtgärder."});
    made[3] = demo_check(d, 17, 95,
                         (struct check_input){.kind = "ivo",
                                              .ivo_kind = "permit_revoked",
                                              .reference = "IVO 3.5.1-18807/2026",
                                              .summary =
                                                  "IVO återkallar tillståndet efter tillsyn: "
                                                  "föreståndaren saknar den kompetens som krävs."});
    demo_termination(d, 17, 85, "permit_revoked",
                     "IVO har återkallat tillståndet att bedriva verksamheten.");
    demo_check(d, 53, 20,
               (struct check_input){.kind = "ivo",
                                    .ivo_kind = "permit_revoked",
                                    .reference = "IVO 3.5.1-30114/2026",
                                    .summary = "IVO återkallar tillståndet; bolaget har begärt "
                                               "omprövning."});
    demo_termination(d, 41, 150, "provider_closed",
                     "Utföraren har lagt ner verksamheten vid HVB Asphagen.");
    demo_check(d, 29, 12,
               (struct check_input){.kind = "bankruptcy",
                                    .note = "Bolaget försattes i konkurs enligt Bolagsverket. "
                                            "Avtalet ska sägas upp."});
}

/* Seed 004's continuous follow-up in Sjöbacka: the case workers' signals about the HVB
 * framework's providers and the coordinators' meetings that went through them. */
static void
demo_signals(struct demo *d)
{
    long long low[4] = {0, 0, 0, 0}; /* three low credit ratings, a revoked permit */
    demo_controls(d, low);
    const char *hanna = "handlaggare@sjobacka.example", *sam = "samordnare@sjobacka.example";
    long long s1 = demo_signal(d, hanna, 0, 150, "case_worker", "staff_competence", 0,
                               "Personalen saknade utbildning i återfallsprevention; klient "
                               "B-12 fick inget stöd under helgen.");
    long long s2 = demo_signal(d, hanna, 0, 120, "case_worker", "late_implementation_plan", 0,
                               "Genomförandeplanen för klient B-14 kom sju veckor efter "
                               "placeringen, avtalet säger fyra.");
    long long s3 = demo_signal(d, sam, 1, 100, "coordinator", "serious_incident_not_reported", 1,
                               "En klient skadades allvarligt vid ett bråk. Hemmet informerade "
                               "inte socialsekreteraren; det kom fram vid ett återbesök.");
    long long s4 = demo_signal(d, hanna, 2, 90, "case_worker", "relocation_unmet_needs", 0,
                               "Klient C-3 omplacerades efter tre veckor: hemmet kunde inte "
                               "möta behovet av psykiatriskt stöd.");
    long long s5 = demo_signal(d, hanna, 4, 80, "media", "other", 0,
                               "Lokaltidningen skriver om klagomål från grannar på störningar "
                               "kvällstid vid hemmet.");
    long long s6 = demo_signal(d, hanna, 2, 45, "case_worker", "relocation_unmet_needs", 0,
                               "Klient C-9 omplacerades; hemmet saknade personal med "
                               "kompetens för samsjuklighet.");
    const struct signal_review first[] = {
        {s1, "individual_case", "Socialsekreteraren har tagit upp bristen med föreståndaren."},
        {s2, "deviation",
         "Avtalet kräver genomförandeplan inom fyra veckor. Strategen påtalar "
         "avvikelsen skriftligt."},
    };
    demo_meeting(d, 110, "Genomgång av händelser sedan förra mötet.", first, 2);
    const struct signal_review second[] = {
        {s3, "escalated",
         "Allvarlig händelse som inte rapporterades. Händelsestyrd "
         "uppföljning inleds."},
        {s4, "individual_case", "Hanteras i ärendet; bevakas om det upprepas."},
        {s5, "no_action", "Gäller grannrelationer, inte vården av de placerade."},
        {low[0], "deviation",
         "Utföraren har presenterat en plan för att åter nå kreditvärdighet; låg beläggning "
         "under pandemin. Ny kontroll om tre månader."},
        {low[1], "deviation",
         "Utföraren har presenterat en plan för att åter nå kreditvärdighet. Ny kontroll om "
         "tre månader."},
        {low[2], "escalated",
         "Ingen förklaring har lämnats. Händelsestyrd uppföljning av den ekonomiska ställningen "
         "inleds."},
        {low[3], "deviation",
         "Avtalet är uppsagt sedan IVO återkallade tillståndet; placerade klienter har "
         "flyttats."},
    };
    demo_meeting(d, 60, "Strategen och samordnarna planerade åtgärder på avtalsnivå.", second, 7);
    demo_event_driven(d, 1, s3, 55);
    demo_credit_investigation(d, 7, low[2], 58);
    demo_warning(d, 0, 40);
    long long s7 = demo_signal(d, sam, 3, 40, "provider", "other", 0,
                               "Föreståndaren meddelar själv att en klient föll i trappan och "
                               "skadades lindrigt; händelsen är utredd enligt Lex Sarah.");
    const struct signal_review third[] = {
        {s6, "individual_case", "Andra omplaceringen från samma hem i år; bevakas."},
        {s7, "no_action", "Utföraren rapporterade själv och har åtgärdat trappan."},
    };
    demo_meeting(d, 30, "", third, 2);
    /* reported since the last meeting: in the queue */
    demo_signal(d, hanna, 2, 10, "case_worker", "missing_monthly_report", 0,
                "Månadsrapporten för oktober har inte kommit trots påminnelse.");
    demo_signal(d, hanna, 8, 5, "public", "maltreatment_allegation", 1,
                "En anhörig uppger att en placerad person hotats av personal. Uppgiften är inte "
                "bekräftad.");
}

/* Seed 004's volume: placements under the HVB framework (SN-2023-00412) such that exactly nine
 * units have three or more placements started in the sampling window 2024-04-01..2024-12-15
 * (thirty placements in all, the cases the case workers' survey asks about), with the edges a
 * sample must get right: units with exactly two, starts on the window's first and last day and
 * one the day after it, an organisation whose placements are split over its two units, and
 * units with placements only after the window. Seed 002's volume: the family-support
 * agreement's assignments in 2016-2018, as its 2017 report counts them (29 received and 27
 * closed in 2017, 12 going on at the year's end; of 17 family treatments closed, goals met in
 * 8, partly in 4, not in 5). Through the use cases, so validated and audited. */
static void
demo_volume(struct demo *d)
{
    static const char *const workers[] = {"handlaggare@sjobacka.example",
                                          "per.persson@sjobacka.example",
                                          "lina.lind@sjobacka.example"};
    /* provider (index into the framework), start, end, end reason; second unit when `two` */
    static const struct {
        int provider;
        const char *start, *end, *reason;
        int two;
    } placements[] = {
        /* the nine units of the sample: 4+4+4+3+3+3+3+3+3 = 30 started in the window */
        {0, "2024-04-01", "2024-09-30", "planned", 0},
        {0, "2024-05-13", "", "", 0},
        {0, "2024-08-19", "2024-10-02", "client_left", 0},
        {0, "2024-11-04", "", "", 0},
        {3, "2024-04-15", "2024-11-15", "planned", 0},
        {3, "2024-06-03", "", "", 0},
        {3, "2024-09-09", "2024-09-30", "relocation_unmet_needs", 0},
        {3, "2024-12-02", "", "", 0},
        {7, "2024-05-06", "2024-12-20", "planned", 0},
        {7, "2024-07-01", "", "", 0},
        {7, "2024-10-14", "2024-11-01", "client_left", 0},
        {7, "2024-12-15", "", "", 0},                   /* the window's last day */
        {12, "2024-04-01", "2024-10-31", "planned", 0}, /* the window's first day */
        {12, "2024-06-17", "", "", 0},
        {12, "2024-10-07", "", "", 0},
        {18, "2024-05-20", "2024-08-30", "relocation_unmet_needs", 0},
        {18, "2024-08-05", "", "", 0},
        {18, "2024-12-15", "", "", 0}, /* three only with the last day */
        {25, "2024-04-22", "2025-01-31", "planned", 0},
        {25, "2024-07-15", "2024-08-10", "client_left", 0},
        {25, "2024-11-18", "", "", 0},
        {33, "2024-06-10", "", "", 0},
        {33, "2024-09-02", "2025-03-14", "planned", 0},
        {33, "2024-10-21", "", "", 0},
        {41, "2024-04-08", "2024-12-06", "planned", 0},
        {41, "2024-07-29", "", "", 0},
        {41, "2024-11-25", "2025-02-28", "other", 0},
        {57, "2024-05-27", "", "", 0},
        {57, "2024-09-16", "2024-10-18", "client_left", 0},
        {57, "2024-12-09", "", "", 0},
        /* exactly two in the window */
        {5, "2024-06-24", "", "", 0},
        {5, "2024-10-28", "2025-01-17", "planned", 0},
        {5, "2025-02-03", "", "", 0}, /* after the window */
        {9, "2024-05-02", "2024-11-29", "planned", 0},
        {9, "2024-08-26", "", "", 0},
        {30, "2024-07-08", "", "", 0},
        {30, "2024-11-11", "", "", 0},
        /* two in the window and one the day after it */
        {14, "2024-04-29", "2024-10-11", "planned", 0},
        {14, "2024-09-23", "", "", 0},
        {14, "2024-12-16", "", "", 0},
        /* one organisation, two units: two at the first, one at the second */
        {22, "2024-05-13", "", "", 0},
        {22, "2024-08-12", "2024-12-13", "planned", 0},
        {22, "2024-10-01", "", "", 1},
        /* one in the window */
        {2, "2024-06-11", "2024-07-05", "relocation_unmet_needs", 0},
        {10, "2024-09-30", "", "", 0},
        {44, "2024-04-02", "2024-09-01", "planned", 0},
        {71, "2024-12-14", "", "", 0},
        /* only after the window */
        {50, "2025-01-13", "", "", 0},
        {50, "2025-03-03", "2025-06-30", "planned", 0},
        {50, "2025-05-19", "", "", 0},
        {51, "2025-02-10", "", "", 0},
        {51, "2025-08-25", "", "", 0},
        {51, "2025-10-06", "", "", 0},
        {0, "2025-04-07", "", "", 0},
        {0, "2025-09-15", "2025-11-28", "client_left", 0},
    };
    if (d->failed)
        return;
    for (size_t i = 0; i < sizeof placements / sizeof *placements && !d->failed; i++) {
        int k = placements[i].provider;
        long long unit_id = d->hvb_unit[k];
        if (placements[i].two) {
            struct unit u;
            if (store_unit_get(d->st, unit_id, &d->a, &u, d->err) ||
                store_unit_id_by_name(d->st, d->hvb_org[k],
                                      arena_printf(&d->a, "%s, utslussning", u.name),
                                      &unit_id) != 0) {
                d->failed = 1;
                return;
            }
        }
        const char *start = story_date(d, placements[i].start);
        const char *end = story_date(d, placements[i].end);
        if (!start) /* a placement of the story that has not begun yet */
            continue;
        struct placement_input in = {
            .organisation_id = arena_printf(&d->a, "%lld", d->hvb_org[k]),
            .unit_id = arena_printf(&d->a, "%lld", unit_id),
            .agreement_id = arena_printf(&d->a, "%lld", d->hvb_agreement[k]),
            .client = arena_printf(&d->a, "K-%.2s-%03zu", start + 2, i + 1),
            .case_worker = workers[i % 3],
            .start = start,
            .end = end ? end : "",
            .end_reason = end ? placements[i].reason : "",
        };
        struct placement p;
        if (app_placement_create(d->st, &app_system_actor, &in, &d->a, &p, d->err))
            d->failed = 1;
    }

    /* seed 002: the family-support agreement's assignments */
    static const struct {
        const char *kind, *age, *received, *closed, *hours, *outcome, *reason;
    } assignments[] = {
        /* received 2016: one closed that year, ten closed in 2017 (four after more than a year) */
        {"family_treatment", "youth", "2016-02-08", "2016-10-28", "48", "met", ""},
        {"family_treatment", "youth", "2016-02-22", "2017-03-10", "74", "met", ""},
        {"family_treatment", "child", "2016-04-11", "2017-05-19", "68,5", "partly", ""},
        {"family_treatment", "youth", "2016-05-16", "2017-06-30", "72", "not_met",
         "Ungdomen vägrade samverka i behandlingen."},
        {"family_treatment", "youth", "2016-06-20", "2017-08-25", "70", "met", ""},
        {"family_treatment", "child", "2016-08-29", "2017-02-17", "52", "met", ""},
        {"family_treatment", "youth", "2016-09-12", "2017-04-07", "58,5", "not_met",
         "Bristande motivation hos föräldern."},
        {"family_treatment", "youth", "2016-10-03", "2017-05-05", "61", "partly", ""},
        {"family_treatment", "youth", "2016-10-24", "2017-03-31", "49", "met", ""},
        {"family_treatment", "child", "2016-11-14", "2017-06-09", "56", "met", ""},
        {"family_treatment", "youth", "2016-12-05", "2017-07-14", "63", "not_met",
         "Behov av mer omfattande insats i form av placering."},
        /* received 2017: ten advice and support, all closed that year */
        {"advice_support", "child", "2017-01-16", "2017-02-20", "4,5", "", ""},
        {"advice_support", "youth", "2017-02-06", "2017-03-06", "6", "", ""},
        {"advice_support", "youth", "2017-03-13", "2017-04-24", "7,5", "", ""},
        {"advice_support", "child", "2017-04-03", "2017-05-08", "4,5", "", ""},
        {"advice_support", "youth", "2017-05-15", "2017-06-19", "6", "", ""},
        {"advice_support", "youth", "2017-06-12", "2017-08-21", "7,5", "", ""},
        {"advice_support", "child", "2017-08-28", "2017-10-02", "4,5", "", ""},
        {"advice_support", "youth", "2017-09-18", "2017-10-23", "6", "", ""},
        {"advice_support", "youth", "2017-10-09", "2017-11-13", "6", "", ""},
        {"advice_support", "child", "2017-10-30", "2017-12-11", "7,5", "", ""},
        /* received 2017: nineteen family treatments, seven closed that year */
        {"family_treatment", "youth", "2017-01-09", "2017-08-18", "66", "met", ""},
        {"family_treatment", "youth", "2017-01-30", "2017-09-29", "71,5", "met", ""},
        {"family_treatment", "youth", "2017-02-13", "2017-10-20", "64", "partly", ""},
        {"family_treatment", "child", "2017-03-06", "2017-11-10", "55", "not_met",
         "Bristande motivation hos föräldrarna."},
        {"family_treatment", "youth", "2017-03-27", "2017-11-24", "59", "partly", ""},
        {"family_treatment", "youth", "2017-04-18", "2017-12-08", "62,5", "not_met",
         "Ungdomen vägrade medverka i behandlingen."},
        {"family_treatment", "child", "2017-05-08", "2017-12-15", "57", "met", ""},
        /* ... and twelve going on at the year's end, closed in 2018 */
        {"family_treatment", "youth", "2017-05-29", "2018-01-26", "60", "met", ""},
        {"family_treatment", "child", "2017-06-19", "2018-02-09", "54", "met", ""},
        {"family_treatment", "youth", "2017-07-03", "2018-02-23", "66", "partly", ""},
        {"family_treatment", "youth", "2017-08-14", "2018-03-16", "58", "met", ""},
        {"family_treatment", "child", "2017-08-28", "2018-03-29", "52,5", "met", ""},
        {"family_treatment", "youth", "2017-09-11", "2018-04-20", "63", "not_met",
         "Behov av mer omfattande insats i form av placering."},
        {"family_treatment", "youth", "2017-09-25", "2018-05-04", "61", "met", ""},
        {"family_treatment", "child", "2017-10-16", "2018-05-25", "49", "partly", ""},
        {"family_treatment", "youth", "2017-10-30", "2018-06-08", "57,5", "met", ""},
        {"family_treatment", "youth", "2017-11-13", "2018-06-22", "62", "met", ""},
        {"family_treatment", "child", "2017-11-27", "2018-06-29", "55", "partly", ""},
        {"family_treatment", "youth", "2017-12-11", "2018-08-31", "70", "met", ""},
    };
    long long agreement_id;
    int count;
    if (d->failed ||
        store_agreement_id_by_case_ref(d->st, "SN 2015/0291", 0, &agreement_id, &count) != 0)
        return;
    for (size_t i = 0; i < sizeof assignments / sizeof *assignments && !d->failed; i++) {
        struct assignment_input in = {
            .agreement_id = arena_printf(&d->a, "%lld", agreement_id),
            .client = arena_printf(&d->a, "F-%.2s-%02zu", assignments[i].received + 2, i + 1),
            .kind = assignments[i].kind,
            .age_group = assignments[i].age,
            .received = assignments[i].received,
            .closed = assignments[i].closed,
            .hours = assignments[i].hours,
            .goal_outcome = assignments[i].outcome,
            .reason = assignments[i].reason,
        };
        struct assignment x;
        if (app_assignment_create(d->st, &app_system_actor, &in, &d->a, &x, d->err))
            d->failed = 1;
    }
}

/* Answers a survey through one of its links as its recipient would; variant varies them. */
static void
demo_answer(struct demo *d, const char *token, int variant)
{
    struct survey_view form;
    if (d->failed || app_survey_form(d->st, token, &d->a, &form, d->err)) {
        d->failed = 1;
        return;
    }
    const char **values = arena_alloc(&d->a, sizeof *values * (size_t)(form.nquestions + 1));
    for (int i = 0; i < form.nquestions; i++) {
        const struct survey_question *q = &form.questions[i];
        if (strcmp(q->kind, "scale") == 0)
            values[i] = (const char *[]){"5", "4", "4", "3"}[(variant + i) % 4];
        else if (strcmp(q->kind, "yes_no") == 0)
            values[i] = (variant + i) % 5 == 0 ? "no" : "yes";
        else if (strcmp(q->kind, "single") == 0 || strcmp(q->kind, "multiple") == 0)
            values[i] = arena_strndup(&d->a, q->options, strcspn(q->options, "\n"));
        else
            values[i] = q->required ? "Inga synpunkter utöver svaren ovan." : "";
    }
    if (app_survey_answer(d->st, token, values, form.nquestions, &d->a, d->err))
        d->failed = 1;
}

/* One of the plan's surveys from a template, sent to its recipients (the case workers of the
 * sample's placements, or the sampled providers) and answered by all but those whose bit is set
 * in `left` (the i-th recipient's bit i). */
static void
demo_survey(struct demo *d, const struct actor *who, long long plan_id, const char *template_code,
            const char *providers, unsigned long long left)
{
    struct survey_input in = {.template_code = template_code,
                              .plan_id = arena_printf(&d->a, "%lld", plan_id)};
    struct survey_row survey;
    struct survey_link *links;
    int added, nlinks;
    if (d->failed || app_survey_create(d->st, who, &in, &d->a, &survey, d->err) ||
        (providers ? app_survey_recipients_add(d->st, who, survey.id, providers, &d->a, &added,
                                               &links, &nlinks, d->err)
                   : app_survey_recipients_from_plan(d->st, who, survey.id, &d->a, &added, &links,
                                                     &nlinks, d->err)) ||
        app_survey_open(d->st, who, survey.id, "1", &d->a, &links, &nlinks, d->err)) {
        d->failed = 1;
        return;
    }
    for (int i = 0; i < nlinks && !d->failed; i++)
        if (i >= 64 || !(left >> i & 1))
            demo_answer(d, links[i].token, i);
}

/* Seed 004's planned follow-up of 2025 in Sjöbacka: the committee's plan for the HVB framework
 * with its sample of the providers with more than two placements started 2024-04-01 to
 * 2024-12-15, approved in January, and the in-depth follow-up of one of them. */
static void
demo_plan(struct demo *d)
{
    struct actor who;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who))
        return;
    struct plan_input in = {
        .year = arena_printf(&d->a, "%d", d->year),
        .title = arena_printf(&d->a, "Plan för kontroll och uppföljning av privata utförare %d",
                              d->year),
        .case_ref = arena_printf(&d->a, "SN %d/0596", d->year - 1),
        .focus_case_ref = "SN-2023-00412",
        .themes = "Systematiskt kvalitets- och förbättringsarbete\nEgenkontroll och "
                  "avvikelsehantering",
        .sample_case_ref = "SN-2023-00412",
        .sample_from = story_date(d, "2024-04-01"),
        .sample_to = story_date(d, "2024-12-15"),
        .min_placements = "3",
    };
    struct control_plan plan;
    struct plan_view view;
    struct plan_decision_input decision = {.decided_on = story_date_by_today(d, "2025-01-22"),
                                           .decision_paragraph = "§ 8"};
    if (app_plan_create(d->st, &who, &in, &d->a, &plan, d->err) ||
        app_plan_approve(d->st, &who, plan.id, &decision, &d->a, &view, d->err)) {
        d->failed = 1;
        return;
    }
    /* seed 004's two surveys: to the case workers of the sample's placements, 18 of 27
     * answered, and to the sampled providers, all but Björkhagen; what is left for Hanna
     * Handläggare (Talludden, the 25th) and for Björkhagen's user is theirs to answer in insyn */
    struct buf providers;
    buf_init(&providers);
    for (int i = 0; i < view.n_sample; i++)
        buf_printf(&providers, "%s\n", view.sample[i].org_nr);
    unsigned long long every_third = 0;
    for (int i = 2; i < 24; i += 3)
        every_third |= 1ULL << i;
    demo_survey(d, &who, plan.id, "case_workers_hvb", NULL, every_third | 1ULL << 24);
    demo_survey(d, &who, plan.id, "providers_quality", providers.data, 1ULL << 1);
    buf_free(&providers);
    /* the overview pointed at Björkhagen: an in-depth follow-up by a meeting with its
     * representatives, closed with remarks the provider has corrected */
    struct investigation_input inv_in = {
        .organisation_id = arena_printf(&d->a, "%lld", d->hvb_org[0]),
        .agreement_id = arena_printf(&d->a, "%lld", d->hvb_agreement[0]),
        .kind = "in_depth",
        .opened_on = story_date_by_today(d, "2025-05-12"),
        .reason = "Enkäten till socialsekreterarna och signalerna om sena genomförandeplaner "
                  "pekade på brister i egenkontrollen.",
        .communication_plan = "Föreståndaren kallas till möte; resultatet redovisas i årets "
                              "rapport till nämnden.",
        .responsible_id = arena_printf(&d->a, "%lld", who.user_id),
    };
    const struct investigation_area_input areas[] = {
        {"Egenkontroll och avvikelsehantering", arena_printf(&d->a, "%lld", who.user_id),
         story_date_by_today(d, "2025-06-30"), NULL, NULL},
    };
    struct investigation inv;
    struct investigation_meeting meeting;
    struct investigation_meeting_input m = {
        .held_on = story_date_by_today(d, "2025-06-03"),
        .attendees = "Sara Strateg\nFöreståndaren för HVB Björkhagen\nKvalitetsansvarig",
        .findings = "Avvikelser dokumenteras men analyseras inte. Utföraren inför en månatlig "
                    "genomgång av avvikelser i ledningsgruppen."};
    struct investigation_close_input close = {
        .outcome = "remarks_corrected",
        .summary = "Utföraren har infört rutinen för genomgång av avvikelser och redovisat de "
                   "två första genomgångarna.",
        .closed_on = story_date_by_today(d, "2025-09-15")};
    if (app_investigation_open(d->st, &who, &inv_in, areas, 1, &d->a, &inv, d->err) ||
        app_investigation_meeting_add(d->st, &who, inv.id, &m, &d->a, &meeting, d->err) ||
        app_investigation_close(d->st, &who, inv.id, &close, &d->a, &inv, d->err))
        d->failed = 1;
}

/* This year's annual report to the committee (seed 004), its memo and texts written by the
 * strategist in the words of seed 004's officer. */
static void
demo_report(struct demo *d)
{
    struct actor who;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who))
        return;
    struct report_key key = {"annual", d->year, 0};
    struct report_input memo = {.committee = "Socialnämnden",
                                .case_ref = arena_printf(&d->a, "SN %d/0387", d->year),
                                .officer = "Sara Strateg"};
    static const struct {
        const char *section, *text;
    } texts[] = {
        {"summary",
         "Förvaltningen har under året utvecklat den löpande uppföljningen, och arbetet med "
         "avvikelser hos privata utförare sker mer systematiskt sedan samordnarmötena infördes.\n\n"
         "Fokus för den särskilda uppföljningen har varit ramavtalet för HVB för vuxna med "
         "missbruk. Resultatet är övervägande positivt: inga anmärkningar på den ekonomiska "
         "ställningen hos leverantörerna i urvalet utom en, som följs upp händelsestyrt."},
        {"continuous",
         "Samordnarmötena har bidragit till att synpunkter och avvikelser hos privata utförare "
         "fångas upp och följs upp på ett mer systematiskt sätt."},
        {"assessment",
         "Den sammantagna bedömningen är att leverantörerna som granskats i den särskilda "
         "uppföljningen efterlever avtalet på de punkter som granskats.\n\n"
         "Egenkontrollen och avvikelsehanteringen behöver fortsatt uppmärksamhet; uppföljningen "
         "av Björkhagen visar att rutinerna finns men att avvikelserna inte alltid analyseras."},
    };
    struct report r;
    if (app_report_save_memo(d->st, &who, &key, &memo, &d->a, &r, d->err)) {
        d->failed = 1;
        return;
    }
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        int version;
        if (app_report_save_text(d->st, &who, &key, texts[i].section, texts[i].text, "0", &d->a,
                                 &version, d->err)) {
            d->failed = 1;
            return;
        }
    }
}

/* Seed 002's follow-up of the family-support agreement, told as it happened: its own routine (a
 * follow-up meeting with the provider every half year), the meetings of 2016–2019 recorded and
 * signed on the day they were held — in December 2016 two improvement areas are agreed, in 2017
 * the meetings of 24 May and 13 December assess the value-adds of the bid and find both areas
 * fixed — the ordering unit's survey about the agreement in November 2017, and the report of
 * 2017 with its memo and texts in seed 002's words, shortened. The story clock gives each its
 * day; the audit log keeps the real time. */
struct demo_meeting {
    const char *held_on;
    const char *outcomes[7]; /* the four requirements, then the three value-adds; NULL fulfilled */
    const char *comments[7];
    const char *findings, *assessment;
    const char *reviews[2][2]; /* outcome and comment of each open agreed action */
    int agree_actions;         /* the December 2016 meeting agrees the improvement areas */
};

static const struct demo_meeting family_meetings[] = {
    {"2016-06-08",
     {NULL},
     {"", "", "", "", "Behandlarna arbetar bland annat med Marte Meo, KIBB och FFT.",
      "En skriftlig rutin för insatserna tas fram tillsammans med familjeenheten.",
      "Familjerna skattas före och efter insatsen."},
     "Uppstarten har gått som planerat.",
     "Verksamheten har kommit igång som avsett och samarbetet med familjeenheten fungerar.",
     {{NULL}},
     0},
    {"2016-12-07",
     {"partly", "partly", "partly", NULL, NULL, NULL, NULL},
     {"Genomförandeplan saknades i tre av tio granskade uppdrag.",
      "Den skriftliga återrapporteringen kom sent i flera uppdrag.",
      "Slutkommentar och utvärdering av utförd insats saknades i flera avslutade uppdrag.", "",
      "Metoderna används som anbudet beskrev.",
      "Ledningen är tillgänglig för familjeenhetens handläggare.",
      "Utföraren följer upp beställarnas nöjdhet i en webbenkät."},
     "Genomförandeplanerna och den skriftliga återrapporteringen behöver förbättras.",
     "Verksamheten håller god kvalitet, men genomförandeplanerna och den skriftliga "
     "återrapporteringen behöver förbättras. Förbättringsområdena följs upp vid nästa möte.",
     {{NULL}},
     1},
    {"2017-05-24",
     {NULL, "partly", "partly", NULL, NULL, NULL, NULL},
     {"", "Återrapporteringen har blivit bättre men är ännu inte fullständig.",
      "Slutkommentarer saknades i två avslutade uppdrag.", "",
      "Behandlarna arbetar bland annat med Marte Meo, KIBB och FFT; två behandlare har utbildats "
      "i Signs of Safety under våren.",
      "Ledningen är tillgänglig för handläggarna, och rutinen för insatserna är framtagen "
      "tillsammans med familjeenheten.",
      "Familjerna skattas före och efter insatsen, och beställarnas nöjdhet följs upp i en "
      "webbenkät."},
     "Genomförandeplaner finns i alla granskade uppdrag. Slutkommentarer saknas ännu i några.",
     "Verksamheten håller en förväntat hög kvalitet. Genomförandeplanerna är åtgärdade; den "
     "skriftliga återrapporteringen följs upp vid mötet i december.",
     {{"fixed", "Genomförandeplaner fanns i samtliga granskade uppdrag."},
      {"not_fixed", "Slutkommentarer saknades i två avslutade uppdrag. Följs upp i december."}},
     0},
    {"2017-12-13",
     {NULL},
     {"", "", "", "",
      "Utföraren har fortsatt att utveckla det hemmabaserade intensiva teamet och akutinsatser "
      "vid misstanke om våld mot barn.",
      "Familjeenheten och utföraren har återkommande träffar om hur stöd snabbt kan ges till "
      "familjer som behöver det.",
      "Omkring 60 procent av den kliniska tiden ges kvällar och helger, och insatserna "
      "dokumenteras digitalt."},
     "Återrapporteringen är fullständig i de uppdrag som avslutats under hösten.",
     "Helhetsbedömningen är att utförarens insatser för barn, ungdomar och familjer håller en "
     "förväntat hög kvalitet och att samarbetet fungerar väl.",
     {{"fixed", "Slutkommentar och utvärdering fanns i samtliga uppdrag som avslutats under "
                "hösten."}},
     0},
    {"2018-06-13",
     {NULL},
     {NULL},
     "Avtalet följs.",
     "Utföraren uppfyller avtalet och mervärdena. Samarbetet med familjeenheten fungerar väl.",
     {{NULL}},
     0},
    {"2018-12-12",
     {NULL},
     {NULL},
     "Avtalet följs.",
     "Utföraren uppfyller avtalet och mervärdena. Samarbetet med familjeenheten fungerar väl.",
     {{NULL}},
     0},
    {"2019-06-12",
     {NULL},
     {NULL},
     "Avtalet följs.",
     "Utföraren uppfyller avtalet och mervärdena inför avtalets sista halvår.",
     {{NULL}},
     0},
};

/* The routine of the family-support agreement and its meetings, recorded and signed. */
static void
demo_family_meetings(struct demo *d, long long agreement_id, const struct actor *who)
{
    struct routine_input r = {.name = "Öppenvård för barn och familj (LOU)",
                              .forms = "lou",
                              .service_areas = "outpatient_family",
                              .main_role = "strategist",
                              .substitute_role = "deputy_director"};
    const struct activity_input meeting = {
        "Uppföljningsmöte med utföraren",
        "provider",
        "strategist",
        "section_manager",
        "every:6",
        "Avdelningschefen, familjeenhetens enhetschef och avtalsansvarig strateg träffar "
        "utförarens ledning: avtalets krav, mervärdena och förbättringsområdena."};
    struct routine_row row;
    struct routine_activity_row act;
    struct followup_filter f = {.agreement_id = agreement_id, .from = DATE_NONE, .to = DATE_NONE};
    struct followup_row *tasks;
    int n;
    if (d->failed || app_routine_save(d->st, &app_system_actor, 0, 0, &r, &d->a, &row, d->err) ||
        app_activity_save(d->st, &app_system_actor, row.id, 0, &meeting, &d->a, &act, d->err) ||
        store_followup_list(d->st, &f, 100, &d->a, &tasks, &n, d->err)) {
        d->failed = 1;
        return;
    }
    const char *const municipality = "Annika Ek, avdelningschef\nJonas Berg, enhetschef "
                                     "familjeenheten\nSven Utvecklingsstrateg, avtalsansvarig "
                                     "strateg";
    int count = (int)(sizeof family_meetings / sizeof family_meetings[0]);
    for (int i = 0; i < n && i < count && !d->failed; i++) {
        const struct demo_meeting *m = &family_meetings[i];
        struct followup_view v;
        int held;
        if (date_parse(m->held_on, &held) != 0)
            continue;
        app_clock_story(held); /* recorded and signed the day it was held */
        if (app_followup_view(d->st, who, tasks[i].id, &d->a, &v, d->err)) {
            d->failed = 1;
            break;
        }
        struct record_check_input *checks =
            arena_alloc(&d->a, sizeof *checks * (size_t)(v.n_items + 1));
        for (int k = 0; k < v.n_items; k++)
            checks[k] = (struct record_check_input){
                .item_id = arena_printf(&d->a, "%lld", v.items[k].id),
                .outcome = k < 7 && m->outcomes[k] ? m->outcomes[k] : "fulfilled",
                .comment = k < 7 && m->comments[k] ? m->comments[k] : "",
            };
        struct record_review_input *reviews =
            arena_alloc(&d->a, sizeof *reviews * (size_t)(v.n_open_actions + 1));
        for (int k = 0; k < v.n_open_actions; k++) {
            const char *const *given = k < 2 && m->reviews[k][0] ? m->reviews[k] : NULL;
            reviews[k] = (struct record_review_input){
                .action_id = arena_printf(&d->a, "%lld", v.open_actions[k].action.id),
                .outcome = given ? given[0] : "fixed",
                .comment = given ? given[1] : "",
            };
        }
        struct record_action_input actions[] = {
            {"Genomförandeplan upprättas i varje uppdrag inom fyra veckor och skickas till "
             "handläggaren.",
             "2017-03-31", "Maria Lind, verkställande direktör"},
            {"Skriftlig återrapportering med slutkommentar och utvärdering av utförd insats lämnas "
             "när varje uppdrag avslutas.",
             "2017-04-30", "Maria Lind, verkställande direktör"},
        };
        struct record_input in = {
            .type = "continuous",
            .case_ref = arena_printf(&d->a, "SN %.4s/%04lld", m->held_on, 100 + agreement_id),
            .held_on = m->held_on,
            .place = "on_site",
            .location = "Stödteamets lokaler, Kungsgatan 70",
            .attendees_municipality = municipality,
            .attendees_provider = "Maria Lind, verkställande direktör",
            .topics = "",
            .provider_answers = "Utföraren redogjorde för årets uppdrag, metoderna och "
                                "samarbetet med familjeenheten.",
            .findings = m->findings,
            .overall_assessment = m->assessment,
            .checks = checks,
            .n_checks = v.n_items,
            .actions = m->agree_actions ? actions : NULL,
            .n_actions = m->agree_actions ? 2 : 0,
            .reviews = reviews,
            .n_reviews = v.n_open_actions,
        };
        struct record out;
        if (app_record_create(d->st, who, tasks[i].id, &in, &d->a, &out, d->err) ||
            app_record_sign(d->st, who, tasks[i].id, 1, &d->a, &out, d->err))
            d->failed = 1;
    }
    app_clock_story(DATE_NONE);
}

/* A day of the story, as a date. */
static int
story_day(const char *s)
{
    int day;
    return date_parse(s, &day) == 0 ? day : DATE_NONE;
}

/* The ordering unit's survey about the agreement: sent to ten case workers of the family unit
 * on 20 November 2017, answered by eight before it closed in January 2018. */
static void
demo_family_survey(struct demo *d, long long agreement_id, const struct actor *who)
{
    if (d->failed)
        return;
    app_clock_story(story_day("2017-11-20"));
    struct survey_input in = {.template_code = "ordering_unit",
                              .title = "Beställarens utvärdering av Stödteamets insatser 2017",
                              .agreement_id = arena_printf(&d->a, "%lld", agreement_id)};
    struct buf recipients;
    buf_init(&recipients);
    for (int i = 1; i <= 10; i++)
        buf_printf(&recipients, "familjeenheten%d@sjobacka.example\n", i);
    struct survey_row survey;
    struct survey_link *links;
    int added = 0, nlinks = 0;
    if (app_survey_create(d->st, who, &in, &d->a, &survey, d->err) ||
        app_survey_recipients_add(d->st, who, survey.id, recipients.data, &d->a, &added, &links,
                                  &nlinks, d->err) ||
        app_survey_open(d->st, who, survey.id, "1", &d->a, &links, &nlinks, d->err))
        d->failed = 1;
    buf_free(&recipients);
    for (int i = 0; i < nlinks && i < 8 && !d->failed; i++) {
        app_clock_story(story_day("2017-11-21") + 2 * i);
        demo_answer(d, links[i].token, i);
    }
    app_clock_story(story_day("2018-01-15"));
    if (!d->failed && app_survey_close(d->st, who, survey.id, "1", d->err))
        d->failed = 1;
    app_clock_story(DATE_NONE);
}

/* The report of 2017 to the committee, written in March 2018. */
static void
demo_family_report(struct demo *d, long long agreement_id, const struct actor *who)
{
    static const struct {
        const char *section, *text;
    } texts[] = {
        {"summary",
         "Helhetsbedömningen är att Stödteamets insatser för barn, ungdomar och familjer håller en "
         "förväntat hög kvalitet. De förbättringsområden som angavs i uppföljningen av 2016 har "
         "åtgärdats."},
        {"preparation", "Ärendet har beretts inom avdelningen för stöd till barn och familj."},
        {"background",
         "Stödteamet utför uppdraget i nära samverkan med förvaltningens familjeenhet. Avtalet har "
         "förlängts en gång."},
        {"matter",
         "Stödteamet driver öppenvård i form av ett stödteam med kvalificerade förändringsinsatser "
         "till barn, ungdomar och familjer. Varje insats initieras genom ett uppdrag från "
         "familjeenheten. Råd- och stödsamtal kan erbjudas utan insatsbeslut på initiativ av "
         "familjeenhetens mottagningsgrupp.\n\n"
         "Många av ärendena har gällt föräldrar i svåra samarbetskonflikter efter skilsmässa, "
         "eller barn som blir hemma och inte kommer iväg till skolan. Psykisk ohälsa är vanligt "
         "förekommande bland både barn och föräldrar.\n\n"
         "I sin rapport för 2017 beskriver Stödteamet att de har fortsatt att utveckla två "
         "arbetssätt för hög tillgänglighet och snabb insats i kris: ett hemmabaserat intensivt "
         "team och akutinsatser vid misstanke om våld mot barn."},
        {"value_adds",
         "Utvärderingsprotokollet beskrev mervärdena under tre rubriker. Under metodutveckling "
         "och kompetens erbjöd anbudsgivaren en rad metoder genom ett stort antal behandlare, "
         "bland annat Marte Meo, KIBB och FFT. Under samarbete och kontinuitet angav "
         "anbudsgivaren att ledningen alltid är tillgänglig och att en skriftlig rutin för "
         "insatserna tas fram tillsammans med uppdragsgivaren. Under kvalitet och "
         "kvalitetssäkring beskrev anbudsgivaren evidensbaserade metoder, ett välstrukturerat "
         "kvalitetsledningssystem och skattningar av familjerna före och efter insatsen."},
        {"views",
         "Uppföljningen visar att Stödteamet tillhandahåller de redovisade mervärdena och att "
         "verksamheten håller en förväntat hög kvalitet. Förvaltningen och Stödteamet är överens "
         "om att samarbetet fungerar väl. De förbättringsområden som angavs i uppföljningen av "
         "2016 avsåg genomförandeplaner och den skriftliga återrapporteringen med slutkommentarer "
         "och utvärdering av utförd insats. De har nu åtgärdats.\n\n"
         "Familjeenheten och Stödteamet har återkommande träffar där chefer, handläggare och "
         "behandlare diskuterar hur stöd och behandling snabbt och smidigt kan erbjudas familjer "
         "som behöver det."},
    };
    if (d->failed)
        return;
    app_clock_story(story_day("2018-03-20"));
    struct report_key key = {"agreement", 2017, agreement_id};
    struct report_input memo = {.committee = "Socialnämnden",
                                .case_ref = "SN 2018/0112",
                                .officer = "Sven Utvecklingsstrateg",
                                .memo_date = "2018-03-22",
                                .proposed_decision = REPORT_AGREEMENT_DEFAULT_DECISION};
    struct report r;
    if (app_report_save_memo(d->st, who, &key, &memo, &d->a, &r, d->err))
        d->failed = 1;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0] && !d->failed; i++) {
        int version;
        if (app_report_save_text(d->st, who, &key, texts[i].section, texts[i].text, "0", &d->a,
                                 &version, d->err))
            d->failed = 1;
    }
    app_clock_story(DATE_NONE);
}

static void
demo_family_follow_up(struct demo *d)
{
    long long agreement_id;
    int count;
    struct actor who;
    if (d->failed ||
        store_agreement_id_by_case_ref(d->st, "SN 2015/0291", 0, &agreement_id, &count) != 0 ||
        demo_person(d, "strateg2@sjobacka.example", &who))
        return;
    demo_family_meetings(d, agreement_id, &who);
    demo_family_survey(d, agreement_id, &who);
    demo_family_report(d, agreement_id, &who);
}

/* ---- LOV applications (seed 003) ---- */

/* An application to join the home-care customer-choice system, told as the days (before the
 * demo's today) its steps were taken; 0 is a step not taken. References are taken one a day from
 * `refs` on: two about the management, then those about the operations manager. */
struct demo_application {
    const char *name, *manager;
    long serial;
    int personal_care;
    int received, first_review;
    int requested, supplied, complete; /* supplements asked for and received; complete */
    int checks, info_meeting, qms, qms_approved, attachments;
    int refs, n_refs;
    int assessed;
    const char *recommendation;
    int mbl, memo;
    int decided;
    const char *outcome;
    int announced;
    int withdrawn; /* days ago the applicant withdrew it; 0: not */
};

/* The day `days` before the demo's today (after it when negative), as text. */
static const char *
demo_day(struct demo *d, int days)
{
    char s[11];
    date_format(d->today - days, s);
    return arena_strdup(&d->a, s);
}

/* The story clock set to `days` before the demo's today, so that what is recorded that day
 * carries it; the day as text. */
static const char *
demo_story(struct demo *d, int days)
{
    app_clock_story(d->today - days);
    return demo_day(d, days);
}

static void
demo_app_step(struct demo *d, const struct actor *who, long long id,
              struct application_step_input in)
{
    struct application x;
    if (!d->failed && app_application_step(d->st, who, id, &in, &d->a, &x, d->err))
        d->failed = 1;
}

static void
demo_app_note(struct demo *d, const struct actor *who, long long id, const char *kind, int days,
              const char *text)
{
    struct note_input in = {.kind = kind, .noted_on = demo_story(d, days), .text = text};
    struct application_note out;
    if (!d->failed && app_application_note_add(d->st, who, id, &in, &d->a, &out, d->err))
        d->failed = 1;
}

static const char demo_app_attachments[] = "Ansökningsformulär\n"
                                           "Registreringsbevis från Bolagsverket\n"
                                           "Bevis om godkännande för F-skatt\n"
                                           "Ledningssystem för systematiskt kvalitetsarbete\n"
                                           "Meritförteckning för verksamhetsansvarig\n"
                                           "Referenser";

static const struct {
    const char *referee, *statement;
} demo_references[] = {
    {"Per Ekström, tidigare styrelseordförande i Omsorg Väst AB",
     "Beskriver ledningen som stabil och lyhörd. Företaget har skött sina åtaganden och han känner "
     "inte till några tvister med kunder eller myndigheter."},
    {"Lena Holm, avdelningschef äldreomsorg i en grannkommun",
     "Kommunen har haft avtal med företaget i tre år. Ledningen svarar snabbt, rapporterar "
     "avvikelser och har följt upp de brister som kommunen påtalat."},
    {"Karin Åberg, enhetschef i kommunal hemtjänst",
     "Verksamhetsansvarig arbetade som samordnare hos henne i fyra år. Strukturerad, trygg i "
     "kontakten med brukare och anhöriga och noggrann med dokumentationen."},
    {"Mats Lund, verksamhetschef i ett vård- och omsorgsföretag",
     "Verksamhetsansvarig har lett en hemtjänstgrupp med omvårdnadsinsatser. Bra på att "
     "introducera nyanställda och på att planera så att brukarna möter få olika personer."},
};

/* Registers one application and works it through the routine as far as its days say: the
 * strategist handles it, the assessment is made with the deputy director and the committee
 * secretary records and announces the decision. Returns its id, 0 when the demo failed. */
static long long
demo_application(struct demo *d, const struct demo_application *s)
{
    struct actor who, deputy, secretary;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who) ||
        demo_person(d, "bitr.direktor@sjobacka.example", &deputy) ||
        demo_person(d, "namndsekreterare@sjobacka.example", &secretary))
        return 0;
    char nr[12];
    demo_orgnr("55", s->serial, nr);
    struct application_input in = {
        .org_nr = nr,
        .name = s->name,
        .service_area = "home_care",
        .personal_care = s->personal_care ? "ja" : "nej",
        .received = demo_story(d, s->received),
        .attachments = demo_app_attachments,
        .operations_manager = s->manager,
        .responsible_id = arena_printf(&d->a, "%lld", who.user_id),
    };
    struct application x;
    if (app_application_create(d->st, &who, &in, &d->a, &x, d->err)) {
        d->failed = 1;
        return 0;
    }
    long long id = x.id;
    if (s->first_review) {
        const char *day = demo_story(d, s->first_review);
        demo_app_step(d, &who, id,
                      (struct application_step_input){
                          .step = "first_review",
                          .done_on = day,
                          .notes = s->requested
                                       ? "Ansökan är granskad mot förfrågningsunderlaget. "
                                         "Meritförteckning för verksamhetsansvarig saknas och "
                                         "ledningssystemet beskriver inte hur avvikelser hanteras."
                                       : "Ansökan är granskad mot förfrågningsunderlaget. "
                                         "Samtliga bilagor har kommit in."});
        demo_app_note(d, &who, id, "journal", s->first_review,
                      "Ansökan registrerad och granskad. Återkoppling till sökande per e-post om "
                      "att ansökan har kommit in.");
    }
    if (s->requested) {
        const char *day = demo_story(d, s->requested);
        const char *request = "Meritförteckning för verksamhetsansvarig med utbildning och "
                              "tidigare anställningar. Företagets rutin för avvikelsehantering "
                              "som en del av ledningssystemet för systematiskt kvalitetsarbete.";
        demo_app_step(d, &who, id,
                      (struct application_step_input){
                          .step = "supplements", .requested_on = day, .request = request});
        demo_app_note(d, &who, id, "supplement_request", s->requested,
                      "Komplettering begärd per e-post: meritförteckning för verksamhetsansvarig "
                      "och rutin för avvikelsehantering. Sista dag för komplettering är 14 dagar "
                      "från begäran.");
    }
    if (s->supplied) {
        const char *day = demo_story(d, s->supplied);
        demo_app_step(d, &who, id,
                      (struct application_step_input){.step = "supplements", .received_on = day});
    }
    if (s->complete)
        demo_app_step(d, &who, id,
                      (struct application_step_input){.step = "supplements",
                                                      .complete_on = demo_story(d, s->complete)});
    if (s->checks && !d->failed) {
        const char *day = demo_story(d, s->checks);
        struct check_input credit = {.org_nr = nr,
                                     .kind = "credit",
                                     .checked_on = day,
                                     .bureau = "uc",
                                     .value = s->serial % 2 ? "4" : "5"};
        struct check_input tax = {.org_nr = nr,
                                  .kind = "tax",
                                  .checked_on = day,
                                  .f_tax = "ja",
                                  .taxes_paid = "ja",
                                  .contributions_paid = "ja",
                                  .enforcement_debt = "0"};
        struct external_check out;
        if (app_check_add(d->st, &who, &credit, &d->a, &out, d->err) ||
            app_check_add(d->st, &who, &tax, &d->a, &out, d->err))
            d->failed = 1;
    }
    if (s->info_meeting) {
        const char *day = demo_story(d, s->info_meeting);
        demo_app_step(
            d, &who, id,
            (struct application_step_input){
                .step = "info_meeting",
                .done_on = day,
                .manager_present = "ja",
                .attendees = "Sara Strateg, utvecklingsstrateg\nBritt Biträdande, biträdande "
                             "socialdirektör\nSektionschef Omsorg SoL",
                .notes = arena_printf(&d->a,
                                      "Genomgång av ansökan. Verksamhetsansvarig %s redogjorde för "
                                      "bemanningen, introduktionen av nyanställda och hur "
                                      "genomförandeplanerna upprättas och följs upp.",
                                      s->manager)});
        demo_app_note(d, &who, id, "info_meeting", s->info_meeting,
                      "Informationsmöte med företagets ledning och verksamhetsansvarig. Frågor "
                      "om nattbemanning och kontinuitet besvarades på mötet.");
    }
    if (s->qms)
        demo_app_step(
            d, &who, id,
            (struct application_step_input){
                .step = "qms",
                .done_on = demo_story(d, s->qms),
                .approved = s->qms_approved ? "ja" : "nej",
                .notes = s->qms_approved
                             ? "Ledningssystemet har rutiner för egenkontroll, avvikelser, "
                               "klagomål och synpunkter."
                             : "Ledningssystemet saknar rutiner för egenkontroll och för hur "
                               "avvikelser utreds och åtgärdas."});
    if (s->attachments)
        demo_app_step(d, &who, id,
                      (struct application_step_input){
                          .step = "attachments",
                          .done_on = demo_story(d, s->attachments),
                          .notes = "Meritförteckningar, registreringsbevis och bevis om F-skatt "
                                   "är kontrollerade."});
    for (int k = 0; k < s->n_refs && !d->failed; k++) {
        struct reference_input r = {
            .about = k < 2 ? "management" : "operations_manager",
            .referee = demo_references[k].referee,
            .asked_on = demo_story(d, s->refs - k),
            .asked_by = "Sara Strateg",
            .statement = demo_references[k].statement,
        };
        struct application_reference out;
        if (app_application_reference_add(d->st, &who, id, &r, &d->a, &out, d->err))
            d->failed = 1;
    }
    if (s->n_refs)
        demo_app_note(d, &who, id, "references", s->refs - s->n_refs + 1,
                      arena_printf(&d->a,
                                   "Referenstagning per telefon: %d referenser om företagets "
                                   "ledning och %d om verksamhetsansvarig.",
                                   s->n_refs < 2 ? s->n_refs : 2,
                                   s->n_refs > 2 ? s->n_refs - 2 : 0));
    if (s->assessed) {
        int approve = strcmp(s->recommendation, "approve") == 0;
        demo_app_step(
            d, &who, id,
            (struct application_step_input){
                .step = "assessment",
                .done_on = demo_story(d, s->assessed),
                .recommendation = s->recommendation,
                .with_id = arena_printf(&d->a, "%lld", deputy.user_id),
                .notes =
                    approve
                        ? "Ansökan uppfyller förfrågningsunderlagets krav. Kreditupplysningen "
                          "och kontrollen med Skatteverket är utan anmärkning, ledningssystemet "
                          "är godkänt och referenserna är goda."
                        : "Ledningssystemet uppfyller inte kraven och referenserna ger inte "
                          "stöd för att verksamhetsansvarig har erfarenhet av att leda "
                          "hemtjänst. Förslaget är att ansökan avslås."});
    }
    if (s->mbl) {
        demo_app_step(d, &who, id,
                      (struct application_step_input){
                          .step = "mbl",
                          .done_on = demo_story(d, s->mbl),
                          .notes = "Underlag för information enligt MBL skickat till de fackliga "
                                   "organisationerna."});
        demo_app_note(d, &who, id, "mbl", s->mbl,
                      "MBL-handlingen är diarieförd. De fackliga organisationerna hade inga "
                      "synpunkter.");
    }
    if (s->memo) {
        demo_app_step(d, &who, id,
                      (struct application_step_input){
                          .step = "memo",
                          .done_on = demo_story(d, s->memo),
                          .notes = "Tjänsteskrivelse med förslag till beslut anmäld till "
                                   "socialnämndens sammanträde."});
        demo_app_note(d, &who, id, "memo", s->memo,
                      "Tjänsteskrivelsen inför beslut i socialnämnden är diarieförd.");
    }
    if (s->decided && !d->failed) {
        int approve = strcmp(s->outcome, "approve") == 0;
        struct decision_input decision = {
            .outcome = s->outcome,
            .decided_on = demo_story(d, s->decided),
            .paragraph = arena_printf(&d->a, "§ %ld", 40 + s->serial % 97),
            .reason = approve ? ""
                              : "Sökanden har inte visat att företaget har ett ledningssystem för "
                                "systematiskt kvalitetsarbete som uppfyller kraven, och "
                                "referenserna ger inte stöd för att verksamhetsansvarig har den "
                                "erfarenhet av att leda hemtjänst som förfrågningsunderlaget "
                                "kräver.",
        };
        if (app_application_decide(d->st, &secretary, id, &decision, &d->a, &x, d->err))
            d->failed = 1;
    }
    if (s->announced && !d->failed &&
        app_application_announce(d->st, &secretary, id, demo_story(d, s->announced), &d->a, &x,
                                 d->err))
        d->failed = 1;
    if (s->withdrawn && !d->failed &&
        app_application_withdraw(d->st, &who, id, demo_story(d, s->withdrawn),
                                 "Verksamhetschefen meddelade per e-post att företaget drar "
                                 "tillbaka ansökan: företaget har inte fått den personal som "
                                 "behövs för att starta.",
                                 &d->a, &x, d->err))
        d->failed = 1;
    return d->failed ? 0 : id;
}

/* One item of an approved application's introduction programme, by its code. */
static void
demo_onboarding(struct demo *d, const struct actor *who, long long id, const char *code,
                struct onboarding_input in)
{
    if (d->failed)
        return;
    struct application_view v;
    if (app_application_get(d->st, who, id, app_today(), &d->a, &v, d->err)) {
        d->failed = 1;
        return;
    }
    for (int i = 0; i < v.n_items; i++) {
        if (strcmp(v.items[i].code, code) != 0)
            continue;
        struct onboarding_item out;
        if (app_onboarding_update(d->st, who, v.items[i].id, &in, &d->a, &out, d->err))
            d->failed = 1;
        return;
    }
}

/* The agreement meeting on day `meeting`, the agreement signed on `signed` (the home-care
 * system's case reference and end), and the introduction items in done[] held one after the
 * other from `first` on, a week apart. */
static void
demo_signing(struct demo *d, long long id, int meeting, int signed_days, const char *const *done,
             int first)
{
    struct actor who;
    if (d->failed || demo_person(d, "strateg@sjobacka.example", &who))
        return;
    demo_onboarding(d, &who, id, "agreement_meeting",
                    (struct onboarding_input){
                        .done_on = demo_story(d, meeting),
                        .notes = "Genomgång av avtalet och av biståndsbedömningen. Från kommunen "
                                 "deltog biträdande socialdirektör, sektionschef Omsorg SoL, 1:e "
                                 "socialsekreterare och utvecklingsstrateg."});
    struct sign_input in = {.signed_on = demo_story(d, signed_days)};
    struct agreement g;
    if (!d->failed && app_application_sign(d->st, &who, id, &in, &d->a, &g, d->err))
        d->failed = 1;
    for (int k = 0; done && done[k]; k++)
        demo_onboarding(d, &who, id, done[k],
                        (struct onboarding_input){.done_on = demo_story(d, first - 7 * k)});
}

/* Seed 003's handling of new applications to home care's customer choice (LOV), one in each
 * status, dated from today: received, awaiting supplements past the deadline, in review, sent
 * to the committee, rejected, approved and waiting for legal force, approved and being
 * introduced, and introduced. The applicant awaiting supplements has a user for the portal. */
static void
demo_applications(struct demo *d)
{
    static const struct demo_application apps[] = {
        /* received three days ago, reviewed yesterday */
        {.name = "Blåklockans Hemtjänst AB",
         .manager = "Maja Blom",
         .serial = 3100011,
         .personal_care = 1,
         .received = 3,
         .first_review = 1},
        /* supplements asked for 20 days ago; the applicant's 14 days have run out */
        {.name = "Solrosen Hemtjänst AB",
         .manager = "Amir Haddad",
         .serial = 3100022,
         .received = 30,
         .first_review = 22,
         .requested = 20},
        /* complete, checked, met; one reference about the operations manager still missing */
        {.name = "Vitsippans Omsorg AB",
         .manager = "Eva Lindqvist",
         .serial = 3100033,
         .personal_care = 1,
         .received = 35,
         .first_review = 33,
         .requested = 31,
         .supplied = 24,
         .complete = 23,
         .checks = 22,
         .info_meeting = 16,
         .qms = 14,
         .qms_approved = 1,
         .refs = 12,
         .n_refs = 3},
        /* every step done and the memo sent: the committee meets tomorrow */
        {.name = "Lindblommans Hemtjänst AB",
         .manager = "Johan Sandberg",
         .serial = 3100044,
         .personal_care = 1,
         .received = 45,
         .first_review = 43,
         .requested = 40,
         .supplied = 30,
         .complete = 27,
         .checks = 38,
         .info_meeting = 22,
         .qms = 20,
         .qms_approved = 1,
         .attachments = 20,
         .refs = 19,
         .n_refs = 4,
         .assessed = 12,
         .recommendation = "approve",
         .mbl = 8,
         .memo = 5},
        /* rejected: the quality management system did not hold */
        {.name = "Rönnbärets Omsorg AB",
         .manager = "Leif Nyström",
         .serial = 3100055,
         .received = 120,
         .first_review = 116,
         .complete = 92,
         .checks = 110,
         .info_meeting = 88,
         .qms = 84,
         .qms_approved = 0,
         .attachments = 84,
         .refs = 82,
         .n_refs = 2,
         .assessed = 76,
         .recommendation = "reject",
         .mbl = 72,
         .memo = 68,
         .decided = 62,
         .outcome = "reject",
         .announced = 58},
        /* approved two weeks ago: legal force in eleven days */
        {.name = "Kaprifolens Hemtjänst AB",
         .manager = "Sofia Berglund",
         .serial = 3100066,
         .received = 70,
         .first_review = 66,
         .complete = 42,
         .checks = 60,
         .info_meeting = 38,
         .qms = 36,
         .qms_approved = 1,
         .attachments = 36,
         .refs = 34,
         .n_refs = 4,
         .assessed = 26,
         .recommendation = "approve",
         .mbl = 22,
         .memo = 18,
         .decided = 14,
         .outcome = "approve",
         .announced = 10},
        /* approved, signed 20 days ago, being introduced */
        {.name = "Nyponrosens Hemtjänst AB",
         .manager = "Fatima Rahimi",
         .serial = 3100077,
         .personal_care = 1,
         .received = 95,
         .first_review = 92,
         .requested = 90,
         .supplied = 84,
         .complete = 80,
         .checks = 88,
         .info_meeting = 74,
         .qms = 70,
         .qms_approved = 1,
         .attachments = 70,
         .refs = 68,
         .n_refs = 4,
         .assessed = 62,
         .recommendation = "approve",
         .mbl = 58,
         .memo = 56,
         .decided = 52,
         .outcome = "approve",
         .announced = 48},
        /* approved, signed and introduced */
        {.name = "Ängsrosens Omsorg AB",
         .manager = "Anders Widén",
         .serial = 3100088,
         .received = 135,
         .first_review = 131,
         .complete = 115,
         .checks = 125,
         .info_meeting = 108,
         .qms = 104,
         .qms_approved = 1,
         .attachments = 104,
         .refs = 102,
         .n_refs = 4,
         .assessed = 96,
         .recommendation = "approve",
         .mbl = 92,
         .memo = 90,
         .decided = 85,
         .outcome = "approve",
         .announced = 80},
        /* withdrawn by the applicant while supplements were awaited */
        {.name = "Linneans Omsorg AB",
         .manager = "Jonas Ek",
         .serial = 3100099,
         .received = 50,
         .first_review = 47,
         .requested = 45,
         .withdrawn = 38},
    };
    if (d->failed)
        return;
    user(d, "namndsekreterare@sjobacka.example", "Nina Nämndsekreterare", "committee_secretary",
         NULL);
    long long ids[sizeof apps / sizeof *apps];
    for (size_t i = 0; i < sizeof apps / sizeof *apps; i++)
        ids[i] = demo_application(d, &apps[i]);
    /* the applicant awaiting supplements follows its application in the portal */
    char nr[12];
    demo_orgnr("55", apps[1].serial, nr);
    user(d, "ansokan@solrosen.example", "Helena Solberg", "provider_user", nr);
    /* Ängsrosen: legal force 59 days ago, signed 45 days ago, the whole programme done within
     * five weeks of the signing */
    static const char *const angs_done[] = {"discharge_routine", "case_workers", "viva",
                                            "archivist",         "hsa",          NULL};
    demo_signing(d, ids[7], 57, 45, angs_done, 40);
    /* Nyponrosen: legal force 27 days ago, the agreement meeting two days later, signed 20 days
     * ago; three meetings held, the rest of the programme open */
    static const char *const nypon_done[] = {"safety_alarm", "discharge_routine", "viva", NULL};
    demo_signing(d, ids[6], 25, 20, nypon_done, 16);
    /* two of Nyponrosen's meetings are booked for the coming week, booked today */
    app_clock_story(DATE_NONE);
    struct actor who;
    if (!d->failed && !demo_person(d, "strateg@sjobacka.example", &who)) {
        demo_onboarding(d, &who, ids[6], "night_organisation",
                        (struct onboarding_input){.planned_on = demo_day(d, -3),
                                                  .notes = "Bokad med enhetschefen för "
                                                           "nattorganisationen."});
        demo_onboarding(d, &who, ids[6], "mas_nurse",
                        (struct onboarding_input){.planned_on = demo_day(d, -6)});
    }
    /* the signed agreements' follow-ups that fell due more than a month ago were held, as the
     * rest of the demo's */
    demo_history(d);
}

int
app_demo(struct store *st, struct insyn_err *err)
{
    struct demo d = {.st = st, .err = err, .today = app_today()};
    int month, day;
    date_to_ymd(d.today, &d.year, &month, &day);
    arena_init(&d.a);
    user(&d, "admin@sjobacka.example", "Alva Admin", "admin", NULL);
    d.strategist_id = user(&d, "strateg@sjobacka.example", "Sara Strateg", "strategist", NULL);
    d.strategist2_id =
        user(&d, "strateg2@sjobacka.example", "Sven Utvecklingsstrateg", "strategist", NULL);
    user(&d, "bitr.direktor@sjobacka.example", "Britt Biträdande", "deputy_director", NULL);
    user(&d, "samordnare@sjobacka.example", "Sam Samordnare", "coordinator", NULL);
    user(&d, "handlaggare@sjobacka.example", "Hanna Handläggare", "case_worker", NULL);
    user(&d, "controller@sjobacka.example", "Conny Controller", "controller", NULL);
    user(&d, "jurist@sjobacka.example", "Julia Jurist", "lawyer", NULL);
    user(&d, "lasare@sjobacka.example", "Lars Läsare", "reader", NULL);

    char nr[12];
    demo_orgnr("21", 3, nr); /* municipalities' numbers start 21 */
    long long in_house = org(&d, "Sjöbacka kommun, socialförvaltningen", nr, "in_house", "kommun",
                             "Biträdande socialdirektören", "socialforvaltningen@sjobacka.example");
    demo_hvb_framework(&d);
    demo_home_care(&d, in_house);
    demo_nursing_homes(&d, in_house);
    demo_family_support(&d);
    demo_drop_in_centre(&d);
    long long housing = unit(&d, in_house, "Boendestödet Sjöbacka", "housing_support", -1,
                             "Storgatan 1, Sjöbacka", "not_required", NULL);
    struct demo_agreement hs = {
        .case_ref = "SN 2018/0210",
        .title = "Boendestöd i egen regi",
        .form = "in_house",
        .area = "housing_support",
        .start = "2019-01-01",
        .end = "2030-12-31",
        .ext_left = "0",
        .status = "active",
        .notes = "Nämnden har utrett LOV för boendestöd och valt att fortsätta i egen regi.",
    };
    agreement(&d, in_house, housing, d.strategist2_id, &hs);
    demo_hvb_routine(&d);
    if (!d.failed && app_schedule_system(st, app_today(), err))
        d.failed = 1;
    demo_history(&d);
    demo_signals(&d);
    demo_volume(&d);
    demo_plan(&d);
    demo_report(&d);
    demo_family_follow_up(&d);
    demo_applications(&d);
    arena_free(&d.a);
    return d.failed ? (err->code ? err->code : INSYN_ESYS) : 0;
}

/* ---- the benchmark's large data set ---- */

/* A deterministic pseudo-random sequence, so that benchmark data is the same every run. */
static unsigned long
next_random(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return *state >> 33;
}

/* A number from 0 to n - 1. */
static int
pick(unsigned long *state, int n)
{
    return n > 0 ? (int)(next_random(state) % (unsigned long)n) : 0;
}

/* What the registry's generation made, for the year's: ids in creation order. Unit i belongs to
 * organisation i % norgs; an agreement has its organisation's first unit (0: none). Agreements
 * come in frameworks of GENERATE_FRAMEWORK that share a case reference. */
#define GENERATE_FRAMEWORK 50
struct registry {
    int norgs, nunits, nagreements;
    long long *org, *unit, *agreement;
    int *agreement_org; /* the agreement's organisation, an index into org */
    const char *first_case_ref;
};

/* The batches the year's volume is written in: one transaction each, so that a million rows
 * take seconds, every row audited as a user's would be. */
#define GENERATE_BATCH 20000

/* Lets go of what the last rows needed. */
static void
scratch_reset(struct demo *d)
{
    arena_free(&d->a);
    arena_init(&d->a);
}

static void
batch_begin(struct demo *d)
{
    if (!d->failed && store_begin(d->st, d->err))
        d->failed = 1;
}

static void
batch_end(struct demo *d)
{
    if (d->failed)
        store_rollback(d->st);
    else if (store_commit(d->st, d->err)) {
        store_rollback(d->st);
        d->failed = 1;
    }
    scratch_reset(d);
}

static const char *
id_text(struct demo *d, long long id)
{
    return arena_printf(&d->a, "%lld", id);
}

static const char *
day_text(struct demo *d, int date)
{
    char s[11];
    date_format(date, s);
    return arena_strdup(&d->a, s);
}

/* Organisations, units and agreements; the registry's ids into r (in `keep`). */
static void
generate_registry(struct demo *d, const struct generate_sizes *n, struct registry *r,
                  struct arena *keep)
{
    static const char *const areas[] = {
        "home_care",   "nursing_home",      "hvb_adults",           "hvb_youth",
        "foster_care", "outpatient_family", "outpatient_addiction", "housing_support"};
    static const char *const forms[] = {"lou", "lou_framework", "lov", "direct_award"};
    r->norgs = n->organisations;
    r->nunits = n->units;
    r->nagreements = n->agreements;
    r->org = arena_alloc(keep, sizeof *r->org * (size_t)(n->organisations + 1));
    r->unit = arena_alloc(keep, sizeof *r->unit * (size_t)(n->units + 1));
    r->agreement = arena_alloc(keep, sizeof *r->agreement * (size_t)(n->agreements + 1));
    r->agreement_org = arena_alloc(keep, sizeof *r->agreement_org * (size_t)(n->agreements + 1));
    unsigned long rnd = 2026;
    for (int i = 0; i < n->organisations && !d->failed; i++) {
        char nr[12];
        demo_orgnr("55", 100000 + i, nr);
        r->org[i] =
            org(d, arena_printf(&d->a, "Utförare %05d AB", i + 1), nr, "private", "ab", "", "");
        if (i % 100 == 99)
            scratch_reset(d);
    }
    for (int i = 0; i < n->units && !d->failed; i++) {
        r->unit[i] = unit(d, r->org[i % n->organisations], arena_printf(&d->a, "Enhet %05d", i + 1),
                          areas[i % 8], 10, "", "not_required", NULL);
        if (i % 100 == 99)
            scratch_reset(d);
    }
    int today = app_today();
    for (int i = 0; i < n->agreements && !d->failed; i++) {
        /* frameworks share case reference and dates */
        int group = i / GENERATE_FRAMEWORK;
        unsigned long g = (unsigned long)group * 2654435761UL;
        int start = today - 365 * 3 + (int)(g % 700);
        int end = today - 200 + (int)(next_random(&g) % 1800);
        char s[11], e[11];
        date_format(start, s);
        date_format(end, e);
        int org_index = pick(&rnd, n->organisations);
        struct demo_agreement a = {
            .case_ref = arena_printf(&d->a, "SN-%d-%05d", 2020 + group % 6, group + 1),
            .title = arena_printf(&d->a, "Avtal om %s", areas[group % 8]),
            .form = forms[group % 4],
            .area = areas[group % 8],
            .start = s,
            .end = e,
            .ext_left = group % 3 ? "1" : "0",
            .ext_months = "12",
            .status = "active",
            .requirements = "Krav ett\nKrav två\nKrav tre",
        };
        if (i == 0)
            r->first_case_ref = arena_strdup(keep, a.case_ref);
        /* the organisation's first unit, when every organisation has one */
        long long unit_id = n->units >= n->organisations ? r->unit[org_index] : 0;
        r->agreement_org[i] = org_index;
        r->agreement[i] = agreement(d, r->org[org_index], unit_id, 0, &a);
        if (i % 100 == 99)
            scratch_reset(d);
    }
}

/* The people of the year: who reports, reviews, controls and decides. */
struct people {
    struct actor strategist, coordinator, case_worker, lawyer, deputy;
};

static void
generate_people(struct demo *d, struct arena *keep, struct people *p)
{
    static const char *const people[][3] = {
        {"strateg@storstad.example", "Strategen", "strategist"},
        {"samordnare@storstad.example", "Samordnaren", "coordinator"},
        {"handlaggare@storstad.example", "Handläggaren", "case_worker"},
        {"jurist@storstad.example", "Juristen", "lawyer"},
        {"bitr.direktor@storstad.example", "Biträdande socialdirektören", "deputy_director"},
    };
    struct actor *as[] = {&p->strategist, &p->coordinator, &p->case_worker, &p->lawyer, &p->deputy};
    for (int i = 0; i < 5 && !d->failed; i++) {
        user(d, people[i][0], people[i][1], people[i][2], NULL);
        person_in(d, keep, people[i][0], as[i]);
    }
}

/* The day of the i-th of n signals, spread evenly over first..last: signals come in date order. */
static int
signal_day(long long i, long long n, int first, int last)
{
    return first + (int)(i * (last - first + 1) / (n ? n : 1));
}

/* The year's signals about the providers, reported by case workers and coordinators, in date
 * order; their ids into ids. */
static void
generate_signals(struct demo *d, const struct registry *r, const struct people *p, int first,
                 int last, int count, long long *ids)
{
    /* the categories a person reports, most often the everyday ones */
    static const char *const categories[] = {"late_implementation_plan",
                                             "late_implementation_plan",
                                             "missing_monthly_report",
                                             "missing_monthly_report",
                                             "relocation_unmet_needs",
                                             "relocation_unmet_needs",
                                             "staff_competence",
                                             "staff_competence",
                                             "maltreatment_allegation",
                                             "serious_incident_not_reported",
                                             "other",
                                             "other"};
    static const char *const sources[] = {"case_worker", "case_worker", "case_worker",
                                          "case_worker", "coordinator", "public",
                                          "media",       "provider"};
    unsigned long rnd = 1;
    for (int i = 0; i < count && !d->failed; i++) {
        if (i % GENERATE_BATCH == 0)
            batch_begin(d);
        int k = pick(&rnd, r->nagreements);
        const char *category = categories[pick(&rnd, 12)];
        int serious = strcmp(category, "serious_incident_not_reported") == 0 ||
                      (strcmp(category, "maltreatment_allegation") == 0 && pick(&rnd, 2));
        long long unit_id = r->nunits >= r->norgs ? r->unit[r->agreement_org[k]] : 0;
        struct signal_input in = {
            .organisation_id = id_text(d, r->org[r->agreement_org[k]]),
            .unit_id = unit_id ? id_text(d, unit_id) : "",
            .agreement_id = id_text(d, r->agreement[k]),
            .date = day_text(d, signal_day(i, count, first, last)),
            .source = sources[pick(&rnd, 8)],
            .category = category,
            .serious = serious ? "1" : "0",
            .description = arena_printf(&d->a,
                                        "Signal %d: klient K-%06d, uppgifter från "
                                        "placerande socialsekreterare.",
                                        i + 1, pick(&rnd, 999999)),
        };
        struct signal s;
        if (signal_validate(&in, d->today, &s, &d->a, 0, d->err) ||
            app_signal_add_in(d->st, i % 7 ? &p->case_worker : &p->coordinator, &s, d->err))
            d->failed = 1;
        else
            ids[i] = s.id;
        if (i % GENERATE_BATCH == GENERATE_BATCH - 1 || i == count - 1)
            batch_end(d);
    }
}

/* The coordinators' weekly meetings: each goes through the signals of the days before it with
 * an outcome; those of the last days of the period wait for the next meeting. */
static void
generate_meetings(struct demo *d, const struct people *p, int first, int last, int count,
                  const long long *ids)
{
    static const char *const outcomes[] = {"individual_case", "individual_case", "individual_case",
                                           "no_action",       "no_action",       "deviation",
                                           "deviation",       "escalated"};
    unsigned long rnd = 7;
    int next = 0; /* the first signal not gone through */
    for (int held = first + 6; held <= last && !d->failed; held += 7) {
        int end = next;
        while (end < count && signal_day(end, count, first, last) < held)
            end++;
        struct signal_review *reviews =
            arena_alloc(&d->a, sizeof *reviews * (size_t)(end - next + 1));
        for (int i = next; i < end; i++) {
            const char *outcome = outcomes[pick(&rnd, 8)];
            reviews[i - next] = (struct signal_review){
                ids[i], outcome,
                strcmp(outcome, "deviation") == 0   ? "Strategen påtalar avvikelsen skriftligt."
                : strcmp(outcome, "escalated") == 0 ? "Händelsestyrd uppföljning övervägs."
                                                    : ""};
        }
        struct meeting_input in = {.held_on = day_text(d, held),
                                   .attendees = "Samordnaren\nStrategen\nJuristen",
                                   .notes = "Genomgång av signalerna sedan förra mötet.",
                                   .reviews = reviews,
                                   .n_reviews = end - next};
        struct coordinator_meeting m;
        if (app_meeting_record(d->st, &p->coordinator, &in, &d->a, &m, d->err))
            d->failed = 1;
        next = end;
        scratch_reset(d);
    }
}

static void
generate_check(struct demo *d, const struct actor *who, struct check_input *in)
{
    struct external_check out;
    if (!d->failed && app_check_add(d->st, who, in, &d->a, &out, d->err))
        d->failed = 1;
    scratch_reset(d);
}

/* Every provider's yearly credit and tax check, a few of each not passing, and IVO's documents
 * about one unit in twenty (a few revoked permits among them); each makes its signals. */
static void
generate_controls(struct demo *d, const struct registry *r, const struct people *p, int year,
                  int first, int last)
{
    static const char *const ivo_kinds[] = {"inspection_decision", "inspection_decision",
                                            "lex_sarah", "complaint"};
    const struct actor *who = &p->lawyer;
    unsigned long rnd = 11;
    int days = last - first + 1;
    for (int i = 0; i < r->norgs && !d->failed; i++) {
        int low = i % 33 == 5; /* three in a hundred under Creditsafe's 40 */
        generate_check(d, who,
                       &(struct check_input){
                           .organisation_id = id_text(d, r->org[i]),
                           .kind = "credit",
                           .checked_on = day_text(d, first + pick(&rnd, days)),
                           .bureau = "creditsafe",
                           .value = arena_printf(&d->a, "%d",
                                                 low ? 15 + pick(&rnd, 24) : 40 + pick(&rnd, 60))});
        int unpaid = i % 50 == 17; /* two in a hundred */
        generate_check(d, who,
                       &(struct check_input){.organisation_id = id_text(d, r->org[i]),
                                             .kind = "tax",
                                             .checked_on = day_text(d, first + pick(&rnd, days)),
                                             .f_tax = "ja",
                                             .taxes_paid = unpaid ? "nej" : "ja",
                                             .contributions_paid = "ja",
                                             .enforcement_debt = "0"});
    }
    for (int i = 0; i < r->nunits && !d->failed; i += 20) {
        int revoked = i % 2000 == 1000; /* five in ten thousand units */
        const char *kind = revoked ? "permit_revoked" : ivo_kinds[pick(&rnd, 4)];
        generate_check(d, who,
                       &(struct check_input){
                           .organisation_id = id_text(d, r->org[i % r->norgs]),
                           .unit_id = id_text(d, r->unit[i]),
                           .kind = "ivo",
                           .ivo_kind = kind,
                           .decided_on = day_text(d, first + pick(&rnd, days)),
                           .reference = arena_printf(&d->a, "IVO 3.5.1-%05d/%d", 10000 + i, year),
                           .summary = revoked ? "IVO återkallar tillståndet efter tillsyn."
                                              : "Tillsyn utan krav på åtgärder utöver "
                                                "verksamhetens egen plan."});
    }
}

/* The year's placements and those before it, under every agreement: `count` in all, each
 * agreement's started over four years and a little, a third of them still going on. The first
 * framework's, which the plan samples, are placed so that 30 of its 50 agreements have three or
 * more started in the plan's window (added to `count` when it is too small for that). */
static void
generate_placements(struct demo *d, const struct registry *r, int count, int window_from,
                    int window_to, int last)
{
    static const char *const reasons[] = {"planned",
                                          "planned",
                                          "planned",
                                          "planned",
                                          "planned",
                                          "planned",
                                          "relocation_unmet_needs",
                                          "client_left",
                                          "other"};
    if (r->nunits < r->norgs) /* an agreement without a unit takes no placements */
        return;
    unsigned long rnd = 3;
    int from = last - 4 * 365 - 100, span = last - from + 1;
    int per = count / (r->nagreements ? r->nagreements : 1), extra = count % r->nagreements;
    int written = 0;
    char now[21];
    app_timestamp(0, now);
    for (int k = 0; k < r->nagreements && !d->failed; k++) {
        int n = per + (k < extra);
        int in_window = k < GENERATE_FRAMEWORK ? (k < 30 ? 3 + k % 4 : k % 3) : -1;
        if (n < in_window + 2)
            n = in_window + 2;
        for (int j = 0; j < n && !d->failed; j++, written++) {
            if (written % GENERATE_BATCH == 0)
                batch_begin(d);
            int start;
            if (in_window < 0)
                start = from + pick(&rnd, span);
            else if (j < in_window)
                start = window_from + pick(&rnd, window_to - window_from + 1);
            else /* before the window, or after it */
                start = j % 2 ? from + pick(&rnd, window_from - from)
                              : window_to + 1 + pick(&rnd, last - window_to);
            int end = start + 30 + pick(&rnd, 870);
            struct placement_input in = {
                .organisation_id = id_text(d, r->org[r->agreement_org[k]]),
                .unit_id = id_text(d, r->unit[r->agreement_org[k]]),
                .agreement_id = id_text(d, r->agreement[k]),
                .client = arena_printf(&d->a, "K-%07d", written + 1),
                .case_worker = arena_printf(&d->a, "socialsekreterare%03d@storstad.example",
                                            pick(&rnd, 600) + 1),
                .start = day_text(d, start),
                .end = end <= last ? day_text(d, end) : "",
                .end_reason = end <= last ? reasons[pick(&rnd, 9)] : "",
            };
            struct placement p;
            if (placement_validate(&in, d->today, &p, &d->a, 0, d->err))
                d->failed = 1;
            else {
                p.created_at = now;
                if (app_placement_add_in(d->st, &app_system_actor, "create", &p, &d->a, d->err))
                    d->failed = 1;
            }
            if (written % GENERATE_BATCH == GENERATE_BATCH - 1)
                batch_end(d);
        }
    }
    if (written % GENERATE_BATCH) /* the last batch, not full */
        batch_end(d);
}

/* Event-driven follow-ups through the year, most closed with an outcome; warnings, penalties
 * and price reductions; and agreements terminated early. */
static void
generate_follow_ups(struct demo *d, const struct registry *r, const struct people *p, int first,
                    int last)
{
    static const char *const outcomes[] = {"no_remarks", "remarks_corrected", "remarks_corrected",
                                           "sanction", "other"};
    static const char *const kinds[] = {"warning", "correction_request", "penalty",
                                        "price_reduction"};
    static const char *const causes[] = {"breach", "provider_closed", "permit_revoked"};
    const struct actor *who = &p->strategist;
    unsigned long rnd = 5;
    int days = last - first + 1;
    for (int i = 0; i < 80 && !d->failed; i++) {
        int k = GENERATE_FRAMEWORK + i * 97 % (r->nagreements - GENERATE_FRAMEWORK);
        int opened = first + i * days / 80;
        struct investigation_input in = {
            .organisation_id = id_text(d, r->org[r->agreement_org[k]]),
            .agreement_id = id_text(d, r->agreement[k]),
            .kind = "event_driven",
            .opened_on = day_text(d, opened),
            .reason = "Upprepade signaler om sena genomförandeplaner och en allvarlig händelse "
                      "som inte rapporterades.",
            .communication_plan = "Strategen informerar utföraren skriftligt; resultatet "
                                  "redovisas för biträdande socialdirektören.",
            .responsible_id = id_text(d, who->user_id),
        };
        const struct investigation_area_input areas[] = {
            {"Rutiner för att rapportera allvarliga händelser", id_text(d, who->user_id),
             day_text(d, opened + 30), NULL, NULL},
            {"Avvikelsehantering och egenkontroll", id_text(d, p->lawyer.user_id),
             day_text(d, opened + 45), NULL, NULL},
        };
        struct investigation inv;
        struct investigation_meeting m;
        struct investigation_meeting_input meeting = {
            .held_on = day_text(d, opened + 14 <= last ? opened + 14 : last),
            .attendees = "Strategen\nJuristen\nVerksamhetschefen",
            .findings = "Rutinerna finns men följs inte fullt ut."};
        if (app_investigation_open(d->st, who, &in, areas, 2, &d->a, &inv, d->err) ||
            app_investigation_meeting_add(d->st, who, inv.id, &meeting, &d->a, &m, d->err)) {
            d->failed = 1;
            break;
        }
        if (opened + 60 <= last && i % 4) {
            struct investigation_close_input close = {
                .outcome = outcomes[pick(&rnd, 5)],
                .summary = "Utföraren har redovisat de åtgärder som har vidtagits.",
                .closed_on = day_text(d, opened + 60)};
            if (app_investigation_close(d->st, who, inv.id, &close, &d->a, &inv, d->err))
                d->failed = 1;
        }
        scratch_reset(d);
    }
    for (int i = 0; i < 55 && !d->failed; i++) {
        int k = GENERATE_FRAMEWORK + (i * 389 + 13) % (r->nagreements - GENERATE_FRAMEWORK);
        int decided = first + pick(&rnd, days);
        int ends = i >= 40; /* the last fifteen end the agreement */
        const char *kind = ends ? (i % 3 ? "termination" : "rescission") : kinds[i % 4];
        struct sanction_input in = {
            .kind = kind,
            .decided_on = day_text(d, decided),
            .decided_by = id_text(d, p->deputy.user_id),
            .reason = ends ? "Utföraren har inte rättat bristerna trots varning."
                           : "Avvikelsen konstaterades vid samordnarmötet.",
            /* a penalty (kinds[2]) and a price reduction (kinds[3]) have an amount */
            .amount = ends ? NULL : (const char *[]){NULL, NULL, "25 000", "12 500"}[i % 4],
            .ends_on = ends ? day_text(d, decided + 30 <= last ? decided + 30 : last) : NULL,
            .cause = ends ? causes[i % 3] : NULL,
        };
        struct sanction out;
        if (app_sanction_register(d->st, who, r->agreement[k], &in, &d->a, &out, d->err))
            d->failed = 1;
        scratch_reset(d);
    }
}

/* The year's control plan of the first framework, approved in January with its sample; both
 * surveys sent, most answered; an in-depth follow-up of eight of the sampled providers; and the
 * report's memo and texts. */
static void
generate_plan(struct demo *d, const struct registry *r, const struct people *p, int year,
              int window_from, int window_to, int last)
{
    const struct actor *who = &p->strategist;
    if (d->failed)
        return;
    int decided = date_from_ymd(year, 1, 22);
    struct plan_input in = {
        .year = arena_printf(&d->a, "%d", year),
        .title =
            arena_printf(&d->a, "Plan för kontroll och uppföljning av privata utförare %d", year),
        .case_ref = arena_printf(&d->a, "SN %d/0596", year - 1),
        .focus_case_ref = r->first_case_ref,
        .themes = "Systematiskt kvalitets- och förbättringsarbete\nEgenkontroll och "
                  "avvikelsehantering",
        .sample_case_ref = r->first_case_ref,
        .sample_from = day_text(d, window_from),
        .sample_to = day_text(d, window_to),
        .min_placements = "3",
    };
    struct control_plan plan;
    struct plan_view view;
    struct plan_decision_input decision = {
        .decided_on = day_text(d, decided <= last ? decided : last), .decision_paragraph = "§ 8"};
    if (app_plan_create(d->st, who, &in, &d->a, &plan, d->err) ||
        app_plan_approve(d->st, who, plan.id, &decision, &d->a, &view, d->err)) {
        d->failed = 1;
        return;
    }
    if (view.n_sample) { /* a sample to survey */
        struct buf providers;
        buf_init(&providers);
        for (int i = 0; i < view.n_sample; i++)
            buf_printf(&providers, "%s\n", view.sample[i].org_nr);
        unsigned long long every_fifth = 0;
        for (int i = 4; i < 64; i += 5)
            every_fifth |= 1ULL << i;
        demo_survey(d, who, plan.id, "case_workers_hvb", NULL, every_fifth);
        demo_survey(d, who, plan.id, "providers_quality", providers.data, 1ULL << 3 | 1ULL << 11);
        buf_free(&providers);
    }
    for (int i = 0; i < view.n_sample && i < 8 && !d->failed; i++) {
        int opened = decided + 60 + 20 * i;
        if (opened + 45 > last)
            break;
        struct investigation_input inv_in = {
            .organisation_id = id_text(d, view.sample[i].organisation_id),
            .kind = "in_depth",
            .opened_on = day_text(d, opened),
            .reason = "Enkäten till socialsekreterarna pekade på brister i egenkontrollen.",
            .communication_plan = "Verksamhetschefen kallas till möte; resultatet redovisas i "
                                  "årets rapport till nämnden.",
            .responsible_id = id_text(d, who->user_id),
        };
        const struct investigation_area_input areas[] = {
            {"Egenkontroll och avvikelsehantering", id_text(d, who->user_id),
             day_text(d, opened + 40), NULL, NULL},
        };
        struct investigation_meeting_input m = {
            .held_on = day_text(d, opened + 14),
            .attendees = "Strategen\nVerksamhetschefen\nKvalitetsansvarig",
            .findings = "Avvikelser dokumenteras men analyseras inte."};
        struct investigation_close_input close = {
            .outcome = "remarks_corrected",
            .summary = "Utföraren har infört en månatlig genomgång av avvikelserna.",
            .closed_on = day_text(d, opened + 45)};
        struct investigation inv;
        struct investigation_meeting meeting;
        if (app_investigation_open(d->st, who, &inv_in, areas, 1, &d->a, &inv, d->err) ||
            app_investigation_meeting_add(d->st, who, inv.id, &m, &d->a, &meeting, d->err) ||
            app_investigation_close(d->st, who, inv.id, &close, &d->a, &inv, d->err))
            d->failed = 1;
    }
    struct report_key key = {"annual", year, 0};
    struct report_input memo = {.committee = "Socialnämnden",
                                .case_ref = arena_printf(&d->a, "SN %d/0387", year),
                                .officer = "Strategen"};
    struct report saved;
    int version;
    if (!d->failed &&
        (app_report_save_memo(d->st, who, &key, &memo, &d->a, &saved, d->err) ||
         app_report_save_text(d->st, who, &key, "assessment",
                              "Den sammantagna bedömningen är att leverantörerna i urvalet "
                              "efterlever avtalet på de punkter som granskats.",
                              "0", &d->a, &version, d->err)))
        d->failed = 1;
}

/* A year of control and follow-up on the registry: the plan's year and the one before it, whose
 * placements the plan samples. Dates lie in the year up to today. */
static void
generate_year(struct demo *d, const struct generate_sizes *n, const struct registry *r,
              struct arena *keep)
{
    int first = date_from_ymd(n->year, 1, 1), last = date_from_ymd(n->year, 12, 31);
    if (last > d->today)
        last = d->today;
    int window_from = date_from_ymd(n->year - 1, 4, 1),
        window_to = date_from_ymd(n->year - 1, 12, 15);
    struct people p;
    generate_people(d, keep, &p);
    scratch_reset(d);
    long long *ids = calloc((size_t)(n->signals ? n->signals : 1), sizeof *ids);
    if (!ids) {
        err_set(d->err, INSYN_ESYS, "Minnet räckte inte till signalerna.");
        d->failed = 1;
        return;
    }
    generate_placements(d, r, n->placements, window_from, window_to, last);
    generate_signals(d, r, &p, first, last, n->signals, ids);
    generate_meetings(d, &p, first, last, n->signals, ids);
    free(ids);
    generate_controls(d, r, &p, n->year, first, last);
    generate_follow_ups(d, r, &p, first, last);
    generate_plan(d, r, &p, n->year, window_from, window_to, last);
}

int
app_generate(struct store *st, const struct generate_sizes *n, struct insyn_err *err)
{
    struct demo d = {.st = st, .err = err, .today = app_today()};
    arena_init(&d.a);
    struct arena keep;
    arena_init(&keep);
    struct registry r = {0};
    generate_registry(&d, n, &r, &keep);
    if (n->year && !d.failed)
        generate_year(&d, n, &r, &keep);
    arena_free(&d.a);
    arena_free(&keep);
    return d.failed ? (err->code ? err->code : INSYN_ESYS) : 0;
}
