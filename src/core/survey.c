/* survey.c — survey questions, answers, counts, results and the built-in templates. */
#include "core/survey.h"

#include "core/codes.h"
#include "core/field.h"
#include "core/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int
kind_is(const struct survey_question *q, const char *kind)
{
    return q->kind && strcmp(q->kind, kind) == 0;
}

int
survey_question_validate(const struct survey_question *in, struct survey_question *out,
                         struct arena *a, int row, struct insyn_err *err)
{
    int before = err->nfields;
    *out = *in;
    out->kind = field_code(a, survey_question_kinds, in->kind, "kind", "Frågetyp", 1, row, err);
    out->text = field_text(a, in->text, "text", "Frågan", 1000, 1, row, err);
    const char *options =
        field_text(a, in->options, "options", "Svarsalternativ", 4000, 0, row, err);
    char **lines;
    int n = text_split_lines(a, options, &lines);
    int choice = kind_is(out, "single") || kind_is(out, "multiple");
    if (choice && n < 2)
        err_field(err, row, "options", "Ange minst två svarsalternativ, ett per rad.");
    if (!choice && n > 0 && out->kind && *out->kind)
        err_field(err, row, "options", "Bara flervalsfrågor har svarsalternativ.");
    for (int i = 0; choice && i < n; i++)
        for (int k = 0; k < i; k++)
            if (strcmp(lines[i], lines[k]) == 0)
                err_field(err, row, "options", "Svarsalternativet ”%s” står två gånger.", lines[i]);
    /* stored one a line, trimmed, without empty lines */
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(lines[i]) + 1;
    char *joined = arena_alloc(a, len), *p = joined;
    *p = '\0';
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%s%s", i ? "\n" : "", lines[i]);
    out->options = joined;
    out->scale_low = field_text(a, in->scale_low, "scale_low", "Etiketten för 1", 200, 0, row, err);
    out->scale_high =
        field_text(a, in->scale_high, "scale_high", "Etiketten för 5", 200, 0, row, err);
    if (!kind_is(out, "scale"))
        out->scale_low = out->scale_high = "";
    return err->nfields > before ? INSYN_EINVAL : 0;
}

static int
option_index(char **lines, int n, const char *value)
{
    for (int i = 0; i < n; i++)
        if (strcmp(lines[i], value) == 0)
            return i;
    return -1;
}

int
survey_answer_validate(const struct survey_question *q, const char *in, const char *field,
                       struct arena *a, char **out, struct insyn_err *err)
{
    int before = err->nfields;
    char *s = text_trim(a, in);
    *out = s;
    if (kind_is(q, "text")) {
        *out = field_text(a, s, field, "Svaret", SURVEY_TEXT_MAX, q->required, 0, err);
        return err->nfields > before ? INSYN_EINVAL : 0;
    }
    if (!text_is_clean_utf8(s)) {
        err_field(err, 0, field, "Svaret innehåller tecken som inte kan sparas.");
        return INSYN_EINVAL;
    }
    if (!*s) {
        if (q->required)
            err_field(err, 0, field, "Besvara frågan.");
        return err->nfields > before ? INSYN_EINVAL : 0;
    }
    if (kind_is(q, "scale")) {
        if (strlen(s) != 1 || s[0] < '1' || s[0] > '0' + SURVEY_SCALE_MAX)
            err_field(err, 0, field, "Välj ett värde från 1 till %d.", SURVEY_SCALE_MAX);
    } else if (kind_is(q, "yes_no")) {
        if (strcmp(s, "yes") != 0 && strcmp(s, "no") != 0)
            err_field(err, 0, field, "Svara ja eller nej.");
    } else if (kind_is(q, "single") || kind_is(q, "multiple")) {
        char **opts, **given;
        int nopts = text_split_lines(a, q->options ? q->options : "", &opts);
        int ngiven = text_split_lines(a, s, &given);
        if (kind_is(q, "single") && ngiven != 1) {
            err_field(err, 0, field, "Välj ett av svarsalternativen.");
            return INSYN_EINVAL;
        }
        int *chosen = arena_alloc(a, sizeof *chosen * (size_t)(nopts ? nopts : 1));
        memset(chosen, 0, sizeof *chosen * (size_t)(nopts ? nopts : 1));
        for (int i = 0; i < ngiven; i++) {
            int k = option_index(opts, nopts, given[i]);
            if (k < 0) {
                err_field(err, 0, field, "Välj bland de svarsalternativ som finns.");
                return INSYN_EINVAL;
            }
            chosen[k] = 1;
        }
        size_t len = 1;
        for (int i = 0; i < nopts; i++)
            len += strlen(opts[i]) + 1;
        char *joined = arena_alloc(a, len), *p = joined;
        *p = '\0';
        for (int i = 0; i < nopts; i++)
            if (chosen[i])
                p += sprintf(p, "%s%s", p == joined ? "" : "\n", opts[i]);
        *out = joined;
    } else {
        err_field(err, 0, field, "Frågan har en okänd typ.");
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}

char *
survey_count_text(struct arena *a, int answered, int recipients)
{
    if (recipients <= 0)
        return arena_strdup(a, "Ingen mottagare ännu");
    return arena_printf(a, "%d av %d svarade", answered, recipients);
}

int
survey_email_normalise(struct arena *a, const char *in, char **out)
{
    char *s = text_trim(a, in);
    const char *at = strchr(s, '@');
    size_t n = strlen(s);
    if (!at || at == s || strchr(at + 1, '@') || n > 254)
        return -1;
    const char *dot = strrchr(at + 1, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0')
        return -1;
    for (char *p = s; *p; p++) {
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == ';' ||
            *p == '"' || *p == '\\')
            return -1;
        *p = (char)tolower((unsigned char)*p);
    }
    *out = s;
    return 0;
}

void
survey_tally(const struct survey_question *q, const char *const *values, int n, struct arena *a,
             struct survey_result *out)
{
    memset(out, 0, sizeof *out);
    out->q = q;
    if (kind_is(q, "text")) {
        out->texts = arena_alloc(a, sizeof *out->texts * (size_t)(n ? n : 1));
        for (int i = 0; i < n; i++)
            if (values[i] && *values[i]) {
                out->texts[out->ntexts++] = values[i];
                out->answers++;
            }
        return;
    }
    char **opts = NULL;
    int nopts = 0;
    static const char *const scale[] = {"1", "2", "3", "4", "5"};
    if (kind_is(q, "scale")) {
        nopts = SURVEY_SCALE_MAX;
        opts = arena_alloc(a, sizeof *opts * SURVEY_SCALE_MAX);
        for (int i = 0; i < nopts; i++)
            opts[i] = (char *)scale[i];
    } else if (kind_is(q, "yes_no")) {
        nopts = 2;
        opts = arena_alloc(a, sizeof *opts * 2);
        opts[0] = "yes";
        opts[1] = "no";
    } else {
        nopts = text_split_lines(a, q->options ? q->options : "", &opts);
    }
    out->ncounts = nopts;
    out->counts = arena_alloc(a, sizeof *out->counts * (size_t)(nopts ? nopts : 1));
    for (int i = 0; i < nopts; i++) {
        out->counts[i].value = opts[i];
        out->counts[i].label = kind_is(q, "yes_no") ? (i == 0 ? "Ja" : "Nej") : opts[i];
        out->counts[i].count = 0;
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
        if (!values[i] || !*values[i])
            continue;
        out->answers++;
        char **given;
        int ngiven = kind_is(q, "multiple") ? text_split_lines(a, values[i], &given) : 1;
        if (!kind_is(q, "multiple"))
            given = (char **)&values[i];
        for (int g = 0; g < ngiven; g++) {
            int k = option_index(opts, nopts, given[g]);
            if (k >= 0)
                out->counts[k].count++;
            if (k >= 0 && kind_is(q, "scale"))
                sum += k + 1;
        }
    }
    if (kind_is(q, "scale") && out->answers)
        out->average = (double)sum / out->answers;
}

/* ---- built-in templates ---- */

#define SCALE(t, low, high)                                                                        \
    {                                                                                              \
        0, 0, "scale", t, "", low, high, 1                                                         \
    }
#define YES_NO(t)                                                                                  \
    {                                                                                              \
        0, 0, "yes_no", t, "", "", "", 1                                                           \
    }
#define SINGLE(t, o)                                                                               \
    {                                                                                              \
        0, 0, "single", t, o, "", "", 1                                                            \
    }
#define MULTIPLE(t, o)                                                                             \
    {                                                                                              \
        0, 0, "multiple", t, o, "", "", 0                                                          \
    }
#define TEXT(t)                                                                                    \
    {                                                                                              \
        0, 0, "text", t, "", "", "", 0                                                             \
    }
#define N(x) ((int)(sizeof x / sizeof x[0]))

/* Seed 004, "Enkät till socialsekreterare": compliance with the agreement in the single case. */
static const struct survey_question case_worker_questions[] = {
    YES_NO("Upprättade utföraren en genomförandeplan inom den tid som avtalet anger?"),
    YES_NO("Har du fått månadsrapporter från utföraren enligt avtalet?"),
    SCALE("Hur har du upplevt utförarens bemötande av och stöd till klienten?", "Mycket dåligt",
          "Mycket bra"),
    SCALE("I vilken grad har behandlingens innehåll anpassats till klientens behov?", "Inte alls",
          "Helt och hållet"),
    SCALE("I vilken grad har klienten kunnat vara delaktig och påverka insatsen?", "Inte alls",
          "Helt och hållet"),
    SINGLE("Har insatsen gett förväntad effekt?", "Ja\nDelvis\nNej\nFör tidigt att bedöma"),
    SINGLE("Hur har du följt upp placeringen?",
           "Besök i verksamheten\nTelefon\nDigitalt möte\nPå annat sätt"),
    SCALE("Hur bedömer du verksamhetens lokaler utifrån klientens behov?", "Mycket dåligt",
          "Mycket bra"),
    TEXT("Har något hänt i placeringen som förvaltningen bör känna till, till exempel en "
         "allvarlig händelse som utföraren inte informerade om? Skriv inga namn eller "
         "personnummer."),
    TEXT("Övriga synpunkter på utförarens insats"),
};

/* Seed 004, "Enkät till leverantör": changes, staff, participation, results and the quality
 * management system with self-inspection, deviations and complaints. */
static const struct survey_question provider_questions[] = {
    TEXT("Vilka förändringar har skett i verksamheten sedan avtalet tecknades (ledning, "
         "lokaler, inriktning, ägare)?"),
    MULTIPLE("Vilken grundutbildning har behandlingspersonalen?",
             "Socionom eller motsvarande\nBehandlingsassistent\nAlkohol- och drogterapeut\n"
             "Sjuksköterska eller annan hälso- och sjukvårdspersonal\nAnnan utbildning"),
    YES_NO("Får personalen regelbunden handledning?"),
    TEXT("Beskriv bemanningen dag, kväll, natt och helg."),
    MULTIPLE("Hur säkerställs klientens delaktighet och inflytande?",
             "Genom genomförandeplanen\nRegelbundna samtal med kontaktperson\nGruppmöten\n"
             "Klientenkäter"),
    TEXT("Hur följer verksamheten upp behandlingens resultat på individnivå och på "
         "verksamhetsnivå?"),
    YES_NO("Har verksamheten ett dokumenterat ledningssystem för systematiskt kvalitetsarbete?"),
    TEXT("Beskriv hur egenkontrollen går till och hur ofta den görs."),
    YES_NO("Finns skriftliga rutiner för avvikelsehantering som är kända av all personal?"),
    YES_NO("Finns rutiner för att ta emot och hantera synpunkter och klagomål?"),
    YES_NO("För verksamheten statistik över fullföljda och avslutade placeringar?"),
    TEXT("Övrigt som verksamheten vill framföra"),
};

/* Seed 002: the ordering unit's evaluation of a therapist's assignment. */
static const struct survey_question ordering_unit_questions[] = {
    YES_NO("Har du fått återkoppling kring ärendet?"),
    YES_NO("Har behandlaren följt uppdraget i genomförandet?"),
    YES_NO("Har behandlaren kunnat hålla överenskommen frekvens och struktur för uppdraget?"),
    YES_NO("Har du fått skriftlig återrapportering i den omfattning du önskat?"),
    YES_NO("Har behandlaren enligt din uppfattning haft rätt kompetens för uppdraget?"),
    SINGLE("Har behandlaren uppnått fastställda mål i genomförandeplanen?", "Ja\nDelvis\nNej"),
    YES_NO("Har behandlaren enligt din uppfattning varit tillgänglig för familjen i tillräcklig "
           "omfattning?"),
    SCALE("Hur nöjd är du sammantaget med insatsen?", "Inte alls nöjd", "Mycket nöjd"),
    TEXT("Övriga synpunkter"),
};

const struct survey_template survey_templates[] = {
    {"case_workers_hvb", "Enkät till socialsekreterare om placeringar",
     "Enkäten gäller en placering som har inletts hos en utförare i årets särskilda uppföljning. "
     "Frågorna utgår från avtalsvillkoren och gäller avtalsefterlevnaden i det enskilda ärendet. "
     "Skriv inga namn eller personnummer.",
     "case_workers", 0, case_worker_questions, N(case_worker_questions)},
    {"providers_quality", "Enkät till leverantör om kvalitetsarbetet",
     "Enkäten ingår i nämndens särskilda uppföljning av ramavtalet. Frågorna utgår från avtalet "
     "och rör särskilt det systematiska kvalitetsarbetet med egenkontroll, avvikelsehantering och "
     "hantering av synpunkter och klagomål. Skicka gärna med ledningssystemets beskrivning eller "
     "kvalitetsberättelsen till avtalsansvarig strateg.",
     "providers", 0, provider_questions, N(provider_questions)},
    {"ordering_unit", "Beställarens utvärdering av insatsen",
     "Frågorna gäller hur behandlarens insats har fungerat i ett avslutat uppdrag. Svaren används "
     "i uppföljningen av avtalet. Skriv inga namn eller personnummer.",
     "ordering_unit", 1, ordering_unit_questions, N(ordering_unit_questions)},
};
const int survey_template_count = N(survey_templates);

const struct survey_template *
survey_template_find(const char *code)
{
    for (int i = 0; code && i < survey_template_count; i++)
        if (strcmp(survey_templates[i].code, code) == 0)
            return &survey_templates[i];
    return NULL;
}
