/* permission.h — roles and what each may do.
 *
 * Access is denied unless the table grants it. The table is data: the route table names
 * the permission each route needs, a test walks every role against every route, and
 * docs/permissions.md prints it. provider_user is bound to one organisation; the app
 * layer narrows everything it reads to that organisation. */
#ifndef INSYN_PERMISSION_H
#define INSYN_PERMISSION_H

enum role {
    ROLE_NONE = -1,
    ROLE_ADMIN = 0,
    ROLE_STRATEGIST,
    ROLE_COORDINATOR,
    ROLE_CASE_WORKER,
    ROLE_SENIOR_CASE_WORKER,
    ROLE_SECTION_MANAGER,
    ROLE_DEPUTY_DIRECTOR,
    ROLE_DIRECTOR,
    ROLE_LAWYER,
    ROLE_CONTROLLER,
    ROLE_COMMITTEE_SECRETARY,
    ROLE_READER,
    ROLE_PROVIDER_USER,
    ROLE__COUNT
};

enum perm {
    PERM_PUBLIC = 0, /* no login needed */
    PERM_LOGGED_IN,  /* any logged-in user */
    PERM_DASHBOARD,  /* the administration's overview */
    PERM_ORG_READ,
    PERM_ORG_WRITE,
    PERM_AGREEMENT_READ,
    PERM_AGREEMENT_WRITE,
    PERM_AUDIT_READ,          /* history of entities */
    PERM_AUDIT_ANCHOR,        /* the audit log's head on the overview (the anchor to keep) */
    PERM_ROUTINE_WRITE,       /* edit follow-up routines (responsibility matrices) */
    PERM_FOLLOWUP_WRITE,      /* record and sign follow-ups */
    PERM_PEOPLE_WRITE,        /* set substitutes for a period */
    PERM_SIGNAL_REPORT,       /* report a signal about a provider */
    PERM_SIGNAL_READ,         /* see signals (a provider user: its own, once reviewed) */
    PERM_SIGNAL_REVIEW,       /* record the coordinators' meeting and the signals' outcomes */
    PERM_REPORTER_READ,       /* see who reported a signal */
    PERM_RISK_READ,           /* controls, event-driven follow-ups, sanctions and risk */
    PERM_CHECK_WRITE,         /* enter external controls: credit, tax, IVO, bankruptcy */
    PERM_INVESTIGATION_WRITE, /* open and work event-driven follow-ups */
    PERM_SANCTION_WRITE,      /* register a sanction (decided as the delegation order says) */
    PERM_SETTINGS_WRITE,      /* the administration's numbers: rule thresholds */
    PERM_VOLUME_READ,         /* placements and assignments (pseudonyms, case workers) */
    PERM_VOLUME_WRITE,        /* enter and import placements and assignments */
    PERM_PLAN_WRITE,          /* the year's control plan, its sample and its decision */
    PERM_REPORT_WRITE,        /* the memo and the texts of the committee's reports */
    PERM_APPLICATION_READ,    /* LOV applications, their journal and introduction */
    PERM_APPLICATION_WRITE,   /* register and work an application through the routine */
    PERM_APPLICATION_DECIDE,  /* record the committee's decision and announce it */
    PERM__COUNT
};

const char *role_code(enum role r);
const char *role_label(enum role r);
enum role role_parse(const char *code);
const char *perm_code(enum perm p);
int role_may(enum role r, enum perm p);
/* Roles of the administration (everyone but provider_user). */
int role_is_internal(enum role r);

#endif
