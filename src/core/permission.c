/* permission.c — the role × permission table. */
#include "core/permission.h"

#include <string.h>

#define P(x) (1u << (x))
#define READ_ALL (P(PERM_LOGGED_IN) | P(PERM_DASHBOARD) | P(PERM_ORG_READ) | P(PERM_AGREEMENT_READ))
/* Those who carry out follow-ups in seed 003's routines: strategists, 1:e socialsekreterare,
 * section managers, lawyers (tax and credit checks), controllers (annual accounts). */
#define FOLLOW_UP (P(PERM_FOLLOWUP_WRITE))
#define MANAGE (P(PERM_ROUTINE_WRITE) | P(PERM_PEOPLE_WRITE))
/* Every member of staff may report a signal and see signals and risk; who reported one is
 * for those who review them (issue 7: coordinators, strategists, lawyers, deputy director). */
#define SIGNALS (P(PERM_SIGNAL_REPORT) | P(PERM_SIGNAL_READ) | P(PERM_RISK_READ))
#define REVIEW (P(PERM_SIGNAL_REVIEW) | P(PERM_REPORTER_READ))
#define CONTROL (P(PERM_CHECK_WRITE) | P(PERM_INVESTIGATION_WRITE) | P(PERM_SANCTION_WRITE))
/* The planned follow-up (seed 004): the strategist plans and samples from the volume data,
 * which the administration's staff read; providers never see other clients' placements. */
#define VOLUME (P(PERM_VOLUME_READ) | P(PERM_VOLUME_WRITE))
#define PLAN (VOLUME | P(PERM_PLAN_WRITE))
/* The reports to the committee are written by the strategist, signed off by the deputy
 * director (seed 004's officer); everyone who reads risk reads them. */
#define REPORT (P(PERM_REPORT_WRITE))
/* Seed 003: an application is handled by the strategist with the lawyer's support, assessed
 * with the deputy director; the committee secretary records and announces the decision; the
 * section manager and the 1:e socialsekreterare take part in the introduction. */
#define APPLICATIONS (P(PERM_APPLICATION_READ) | P(PERM_APPLICATION_WRITE))

static const struct {
    const char *code;
    const char *label;
    unsigned grants;
} roles[ROLE__COUNT] = {
    [ROLE_ADMIN] = {"admin", "Systemadministratör", ~0u},
    [ROLE_STRATEGIST] = {"strategist", "Avtalsansvarig strateg",
                         READ_ALL | P(PERM_ORG_WRITE) | P(PERM_AGREEMENT_WRITE) |
                             P(PERM_AUDIT_READ) | FOLLOW_UP | SIGNALS | REVIEW | CONTROL | PLAN |
                             REPORT | APPLICATIONS},
    [ROLE_COORDINATOR] = {"coordinator", "Samordnare", READ_ALL | SIGNALS | REVIEW | VOLUME},
    [ROLE_CASE_WORKER] = {"case_worker", "Socialsekreterare",
                          READ_ALL | SIGNALS | P(PERM_VOLUME_READ)},
    [ROLE_SENIOR_CASE_WORKER] = {"senior_case_worker", "1:e socialsekreterare",
                                 READ_ALL | FOLLOW_UP | SIGNALS | P(PERM_INVESTIGATION_WRITE) |
                                     P(PERM_VOLUME_READ) | P(PERM_APPLICATION_READ)},
    [ROLE_SECTION_MANAGER] = {"section_manager", "Sektionschef",
                              READ_ALL | FOLLOW_UP | SIGNALS | P(PERM_INVESTIGATION_WRITE) |
                                  P(PERM_VOLUME_READ) | P(PERM_APPLICATION_READ)},
    [ROLE_DEPUTY_DIRECTOR] = {"deputy_director", "Biträdande socialdirektör",
                              READ_ALL | P(PERM_ORG_WRITE) | P(PERM_AGREEMENT_WRITE) |
                                  P(PERM_AUDIT_READ) | FOLLOW_UP | MANAGE | SIGNALS | REVIEW |
                                  CONTROL | PLAN | REPORT | APPLICATIONS |
                                  P(PERM_APPLICATION_DECIDE)},
    [ROLE_DIRECTOR] = {"director", "Socialdirektör",
                       READ_ALL | P(PERM_AUDIT_READ) | MANAGE | SIGNALS | P(PERM_SANCTION_WRITE) |
                           P(PERM_VOLUME_READ) | P(PERM_APPLICATION_READ)},
    [ROLE_LAWYER] = {"lawyer", "Utredare/jurist",
                     READ_ALL | P(PERM_AUDIT_READ) | FOLLOW_UP | SIGNALS | REVIEW | CONTROL |
                         P(PERM_VOLUME_READ) | APPLICATIONS},
    [ROLE_CONTROLLER] = {"controller", "Controller",
                         READ_ALL | P(PERM_AUDIT_READ) | FOLLOW_UP | SIGNALS | P(PERM_CHECK_WRITE) |
                             VOLUME},
    [ROLE_COMMITTEE_SECRETARY] = {"committee_secretary", "Nämndsekreterare",
                                  READ_ALL | P(PERM_SIGNAL_READ) | P(PERM_RISK_READ) |
                                      P(PERM_VOLUME_READ) | P(PERM_APPLICATION_READ) |
                                      P(PERM_APPLICATION_DECIDE)},
    [ROLE_READER] = {"reader", "Läsbehörighet",
                     READ_ALL | P(PERM_SIGNAL_READ) | P(PERM_RISK_READ) | P(PERM_VOLUME_READ) |
                         P(PERM_APPLICATION_READ)},
    [ROLE_PROVIDER_USER] = {"provider_user", "Företrädare för utförare",
                            P(PERM_LOGGED_IN) | P(PERM_ORG_READ) | P(PERM_AGREEMENT_READ) |
                                P(PERM_SIGNAL_READ)},
};

static const char *const perms[PERM__COUNT] = {
    [PERM_PUBLIC] = "public",
    [PERM_LOGGED_IN] = "logged_in",
    [PERM_DASHBOARD] = "dashboard",
    [PERM_ORG_READ] = "organisation.read",
    [PERM_ORG_WRITE] = "organisation.write",
    [PERM_AGREEMENT_READ] = "agreement.read",
    [PERM_AGREEMENT_WRITE] = "agreement.write",
    [PERM_AUDIT_READ] = "audit.read",
    [PERM_AUDIT_ANCHOR] = "audit.anchor",
    [PERM_ROUTINE_WRITE] = "routine.write",
    [PERM_FOLLOWUP_WRITE] = "follow_up.write",
    [PERM_PEOPLE_WRITE] = "people.write",
    [PERM_SIGNAL_REPORT] = "signal.report",
    [PERM_SIGNAL_READ] = "signal.read",
    [PERM_SIGNAL_REVIEW] = "signal.review",
    [PERM_REPORTER_READ] = "signal.reporter",
    [PERM_RISK_READ] = "risk.read",
    [PERM_CHECK_WRITE] = "check.write",
    [PERM_INVESTIGATION_WRITE] = "investigation.write",
    [PERM_SANCTION_WRITE] = "sanction.write",
    [PERM_SETTINGS_WRITE] = "settings.write",
    [PERM_VOLUME_READ] = "volume.read",
    [PERM_VOLUME_WRITE] = "volume.write",
    [PERM_PLAN_WRITE] = "plan.write",
    [PERM_REPORT_WRITE] = "report.write",
    [PERM_APPLICATION_READ] = "application.read",
    [PERM_APPLICATION_WRITE] = "application.write",
    [PERM_APPLICATION_DECIDE] = "application.decide",
};

const char *
role_code(enum role r)
{
    return r >= 0 && r < ROLE__COUNT ? roles[r].code : "none";
}

const char *
role_label(enum role r)
{
    return r >= 0 && r < ROLE__COUNT ? roles[r].label : "Ingen roll";
}

enum role
role_parse(const char *code)
{
    for (int r = 0; code && r < ROLE__COUNT; r++)
        if (strcmp(roles[r].code, code) == 0)
            return (enum role)r;
    return ROLE_NONE;
}

const char *
perm_code(enum perm p)
{
    return p >= 0 && p < PERM__COUNT ? perms[p] : "unknown";
}

int
role_may(enum role r, enum perm p)
{
    if (p == PERM_PUBLIC)
        return 1;
    if (r < 0 || r >= ROLE__COUNT || p < 0 || p >= PERM__COUNT)
        return 0;
    return (roles[r].grants & P(p)) != 0;
}

int
role_is_internal(enum role r)
{
    return r >= 0 && r < ROLE__COUNT && r != ROLE_PROVIDER_USER;
}
