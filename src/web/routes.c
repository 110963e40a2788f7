/* routes.c — every URL of the application, the handler and the permission it needs.
 * Access is denied unless the route's permission is granted to the actor's role
 * (core/permission.c); `insyn routes` prints this table and a test walks it. */
#include "web/web.h"

const struct route routes[] = {
    {"GET", "/", page_home, PERM_PUBLIC, 0},
    {"GET", "/healthz", page_healthz, PERM_PUBLIC, 0},
    {"GET", "/static/:file", page_static, PERM_PUBLIC, 0},
    {"GET", "/login", page_login_form, PERM_PUBLIC, 0},
    {"POST", "/login", page_login, PERM_PUBLIC, 0},
    {"POST", "/logout", page_logout, PERM_LOGGED_IN, 0},

    {"GET", "/oversikt", page_dashboard, PERM_DASHBOARD, 0},
    {"GET", "/mina-uppgifter", page_my_tasks, PERM_DASHBOARD, 0},
    {"GET", "/ersattare", page_substitutes, PERM_DASHBOARD, 0},
    {"POST", "/ersattare", page_substitute_create, PERM_PEOPLE_WRITE, 0},
    {"GET", "/kalender", page_calendar, PERM_AGREEMENT_READ, 0},
    {"POST", "/kalender", page_calendar_create, PERM_AGREEMENT_READ, 0},
    {"POST", "/kalender/aterkalla", page_calendar_revoke, PERM_AGREEMENT_READ, 0},
    {"GET", "/kalender/:id", page_calendar_feed, PERM_PUBLIC, 0}, /* :id is TOKEN.ics; no login */

    {"GET", "/utforare", page_organisations, PERM_ORG_READ, 0},
    {"GET", "/utforare/ny", page_organisation_new, PERM_ORG_WRITE, 0},
    {"POST", "/utforare", page_organisation_create, PERM_ORG_WRITE, 0},
    {"GET", "/utforare/:id", page_organisation, PERM_ORG_READ, 0},
    {"GET", "/utforare/:id/andra", page_organisation_edit, PERM_ORG_WRITE, 0},
    {"POST", "/utforare/:id", page_organisation_update, PERM_ORG_WRITE, 0},
    {"GET", "/utforare/:id/enheter/ny", page_unit_new, PERM_ORG_WRITE, 0},
    {"POST", "/enheter", page_unit_create, PERM_ORG_WRITE, 0},
    {"GET", "/enheter/:id", page_unit, PERM_ORG_READ, 0},
    {"GET", "/enheter/:id/andra", page_unit_edit, PERM_ORG_WRITE, 0},
    {"POST", "/enheter/:id", page_unit_update, PERM_ORG_WRITE, 0},

    {"GET", "/rutiner", page_routines, PERM_DASHBOARD, 0},
    {"GET", "/rutiner/ny", page_routine_new, PERM_ROUTINE_WRITE, 0}, /* before /rutiner/:id */
    {"POST", "/rutiner", page_routine_create, PERM_ROUTINE_WRITE, 0},
    {"GET", "/rutiner/:id", page_routine, PERM_DASHBOARD, 0},
    {"GET", "/rutiner/:id/andra", page_routine_edit, PERM_ROUTINE_WRITE, 0},
    {"POST", "/rutiner/:id", page_routine_update, PERM_ROUTINE_WRITE, 0},
    {"GET", "/rutiner/:id/aktiviteter/ny", page_activity_new, PERM_ROUTINE_WRITE, 0},
    {"POST", "/rutiner/:id/aktiviteter", page_activity_create, PERM_ROUTINE_WRITE, 0},
    {"GET", "/aktiviteter/:id/andra", page_activity_edit, PERM_ROUTINE_WRITE, 0},
    {"POST", "/aktiviteter/:id", page_activity_update, PERM_ROUTINE_WRITE, 0},

    {"GET", "/avtal", page_agreements, PERM_AGREEMENT_READ, 0},
    {"GET", "/avtal/nytt", page_agreement_new, PERM_AGREEMENT_WRITE, 0},
    {"POST", "/avtal", page_agreement_create, PERM_AGREEMENT_WRITE, 0},
    {"GET", "/avtal/:id", page_agreement, PERM_AGREEMENT_READ, 0},
    {"GET", "/avtal/:id/andra", page_agreement_edit, PERM_AGREEMENT_WRITE, 0},
    {"POST", "/avtal/:id", page_agreement_update, PERM_AGREEMENT_WRITE, 0},
    {"POST", "/avtal/:id/forlang", page_agreement_extend, PERM_AGREEMENT_WRITE, 0},

    {"GET", "/uppfoljningar/:id", page_followup, PERM_AGREEMENT_READ, 0},
    {"GET", "/uppfoljningar/:id/protokoll", page_record_form, PERM_FOLLOWUP_WRITE, 0},
    {"POST", "/uppfoljningar/:id/protokoll", page_record_save, PERM_FOLLOWUP_WRITE, 0},
    {"POST", "/uppfoljningar/:id/rattelse", page_record_correct, PERM_FOLLOWUP_WRITE, 0},
    {"POST", "/uppfoljningar/:id/signera", page_record_sign, PERM_FOLLOWUP_WRITE, 0},
    {"POST", "/uppfoljningar/:id/bilagor", page_attachment_upload, PERM_FOLLOWUP_WRITE, 0},
    {"GET", "/bilagor/:id", page_attachment_download, PERM_AGREEMENT_READ, 0},

    /* signals and the coordinators' meetings */
    {"GET", "/signaler", page_signals, PERM_SIGNAL_READ, 0},
    {"GET", "/signaler/ny", page_signal_new, PERM_SIGNAL_REPORT, 0}, /* before /signaler/:id */
    {"POST", "/signaler", page_signal_create, PERM_SIGNAL_REPORT, 0},
    {"GET", "/signaler/:id", page_signal, PERM_SIGNAL_READ, 0},
    {"GET", "/samordnarmoten", page_meetings, PERM_SIGNAL_REVIEW, 0},
    {"POST", "/samordnarmoten", page_meeting_create, PERM_SIGNAL_REVIEW, 0},
    {"GET", "/samordnarmoten/:id", page_meeting, PERM_SIGNAL_REVIEW, 0},
    {"GET", "/installningar", page_settings, PERM_SETTINGS_WRITE, 0},
    {"POST", "/installningar", page_settings_save, PERM_SETTINGS_WRITE, 0},

    /* external controls */
    {"GET", "/utforare/:id/kontroller", page_checks, PERM_RISK_READ, 0},
    {"GET", "/utforare/:id/kontroller/ny", page_check_new, PERM_CHECK_WRITE, 0},
    {"POST", "/utforare/:id/kontroller", page_check_create, PERM_CHECK_WRITE, 0},

    /* event-driven follow-ups and sanctions */
    {"GET", "/utredningar", page_investigations, PERM_RISK_READ, 0},
    {"GET", "/utredningar/ny", page_investigation_new, PERM_INVESTIGATION_WRITE, 0},
    {"POST", "/utredningar", page_investigation_create, PERM_INVESTIGATION_WRITE, 0},
    {"GET", "/utredningar/:id", page_investigation, PERM_RISK_READ, 0},
    {"POST", "/utredningar/:id/omraden", page_investigation_area_create, PERM_INVESTIGATION_WRITE,
     0},
    {"POST", "/utredningar/:id/moten", page_investigation_meeting_create, PERM_INVESTIGATION_WRITE,
     0},
    {"POST", "/omraden/:id", page_investigation_area_update, PERM_INVESTIGATION_WRITE, 0},
    {"POST", "/utredningar/:id/avsluta", page_investigation_close, PERM_INVESTIGATION_WRITE, 0},
    {"GET", "/avtal/:id/sanktioner/ny", page_sanction_new, PERM_SANCTION_WRITE, 0},
    {"POST", "/avtal/:id/sanktioner", page_sanction_create, PERM_SANCTION_WRITE, 0},

    /* risk */
    {"GET", "/risk", page_risks, PERM_RISK_READ, 0},
    {"GET", "/utforare/:id/risk", page_organisation_risk, PERM_RISK_READ, 0},

    /* placements and assignments */
    {"GET", "/avtal/:id/placeringar", page_placements, PERM_VOLUME_READ, 0},
    {"GET", "/avtal/:id/placeringar/ny", page_placement_new, PERM_VOLUME_WRITE, 0},
    {"POST", "/avtal/:id/placeringar", page_placement_create, PERM_VOLUME_WRITE, 0},
    {"GET", "/avtal/:id/insatser", page_assignments, PERM_VOLUME_READ, 0},
    {"GET", "/avtal/:id/insatser/ny", page_assignment_new, PERM_VOLUME_WRITE, 0},
    {"POST", "/avtal/:id/insatser", page_assignment_create, PERM_VOLUME_WRITE, 0},

    /* the control plan and its sample */
    {"GET", "/kontrollplaner", page_plans, PERM_DASHBOARD, 0},
    {"GET", "/kontrollplaner/ny", page_plan_new, PERM_PLAN_WRITE,
     0}, /* before /kontrollplaner/:id */
    {"POST", "/kontrollplaner", page_plan_create, PERM_PLAN_WRITE, 0},
    {"GET", "/kontrollplaner/:id", page_plan, PERM_DASHBOARD, 0},
    {"GET", "/kontrollplaner/:id/andra", page_plan_edit, PERM_PLAN_WRITE, 0},
    {"GET", "/kontrollplaner/:id/uppfoljning", page_plan_progress, PERM_DASHBOARD, 0},
    {"POST", "/kontrollplaner/:id", page_plan_update, PERM_PLAN_WRITE, 0},
    {"POST", "/kontrollplaner/:id/risk", page_plan_risk_add, PERM_PLAN_WRITE, 0},
    {"POST", "/kontrollplaner/:id/risk/ta-bort", page_plan_risk_remove, PERM_PLAN_WRITE, 0},
    {"POST", "/kontrollplaner/:id/godkann", page_plan_approve, PERM_PLAN_WRITE, 0},

    /* surveys */
    {"GET", "/enkater", page_surveys, PERM_DASHBOARD, 0},
    {"GET", "/enkater/ny", page_survey_new, PERM_PLAN_WRITE, 0}, /* before /enkater/:id */
    {"POST", "/enkater", page_survey_create, PERM_PLAN_WRITE, 0},
    {"GET", "/enkater/:id", page_survey, PERM_DASHBOARD, 0},
    {"POST", "/enkater/:id/mottagare", page_survey_recipients, PERM_PLAN_WRITE, 0},
    {"POST", "/enkater/:id/oppna", page_survey_open, PERM_PLAN_WRITE, 0},
    {"POST", "/enkater/:id/stang", page_survey_close, PERM_PLAN_WRITE, 0},
    {"GET", "/svar/:id", page_survey_answer_form, PERM_PUBLIC, 0}, /* :id is the link's secret */
    {"POST", "/svar/:id", page_survey_answer, PERM_PUBLIC, 0},
    /* the committee's reports; :id is the year */
    {"GET", "/rapporter", page_reports, PERM_RISK_READ, 0},
    {"GET", "/rapporter/ar/:id", page_report, PERM_RISK_READ, 0},
    {"POST", "/rapporter/ar/:id/tjansteskrivelse", page_report_memo, PERM_REPORT_WRITE, 0},
    {"POST", "/rapporter/ar/:id/text", page_report_text, PERM_REPORT_WRITE, 0},
    {"GET", "/rapporter/ar/:id/versioner", page_report_versions, PERM_RISK_READ, 0},
    {"GET", "/rapporter/ar/:id/pdf", page_report_pdf, PERM_RISK_READ, 0},
    {"GET", "/rapporter/ar/:id/odt", page_report_odt, PERM_RISK_READ, 0},
    /* an agreement's follow-up report; :id is the agreement, ?ar= the year */
    {"GET", "/avtal/:id/rapport", page_agreement_report, PERM_RISK_READ, 0},
    {"POST", "/avtal/:id/rapport/tjansteskrivelse", page_agreement_report_memo, PERM_REPORT_WRITE,
     0},
    {"POST", "/avtal/:id/rapport/text", page_agreement_report_text, PERM_REPORT_WRITE, 0},
    {"GET", "/avtal/:id/rapport/versioner", page_agreement_report_versions, PERM_RISK_READ, 0},
    {"GET", "/avtal/:id/rapport/pdf", page_agreement_report_pdf, PERM_RISK_READ, 0},
    {"GET", "/avtal/:id/rapport/odt", page_agreement_report_odt, PERM_RISK_READ, 0},
    {"GET", "/avtal/:id/rapport/docx", page_agreement_report_docx, PERM_RISK_READ, 0},
    {"GET", "/rapporter/ar/:id/docx", page_report_docx, PERM_RISK_READ, 0},
    {"GET", "/mina-enkater", page_my_surveys, PERM_LOGGED_IN, 0},
    {"GET", "/mina-enkater/:id", page_my_survey_form, PERM_LOGGED_IN, 0}, /* :id the recipient */
    {"POST", "/mina-enkater/:id", page_my_survey_answer, PERM_LOGGED_IN, 0},

    /* LOV applications; the applicant's own pages are the portal's (/mina-ansokningar) */
    {"GET", "/ansokningar", page_applications, PERM_APPLICATION_READ, 0},
    {"GET", "/ansokningar/ny", page_application_new, PERM_APPLICATION_WRITE, 0},
    {"POST", "/ansokningar", page_application_create, PERM_APPLICATION_WRITE, 0},
    {"GET", "/ansokningar/:id", page_application, PERM_APPLICATION_READ, 0},
    {"POST", "/ansokningar/:id/steg", page_application_step, PERM_APPLICATION_WRITE, 0},
    {"POST", "/ansokningar/:id/referenser", page_application_reference, PERM_APPLICATION_WRITE, 0},
    {"POST", "/ansokningar/:id/anteckningar", page_application_note, PERM_APPLICATION_WRITE, 0},
    {"POST", "/ansokningar/:id/beslut", page_application_decision, PERM_APPLICATION_DECIDE, 0},
    {"POST", "/ansokningar/:id/meddela", page_application_announce, PERM_APPLICATION_DECIDE, 0},
    {"POST", "/ansokningar/:id/aterkalla", page_application_withdraw, PERM_APPLICATION_WRITE, 0},
    /* signing makes the agreement; the use case asks application.write too */
    {"POST", "/ansokningar/:id/avtal", page_application_sign, PERM_AGREEMENT_WRITE, 0},
    /* an introduction item: application.read, and the app lets its responsible person too */
    {"POST", "/introduktion/:id", page_onboarding_update, PERM_APPLICATION_READ, 0},
    {"GET", "/ansokningsfiler/:id", page_application_file, PERM_APPLICATION_READ, 0},
    {"GET", "/mina-ansokningar", page_my_applications, PERM_LOGGED_IN, 0},
    {"GET", "/mina-ansokningar/:id", page_my_application, PERM_LOGGED_IN, 0},
    {"POST", "/mina-ansokningar/:id/filer", page_my_application_upload, PERM_LOGGED_IN, 0},

    {"GET", "/api/v1/organisations", api_organisations_list, PERM_ORG_READ, 1},
    {"POST", "/api/v1/organisations", api_organisation_create, PERM_ORG_WRITE, 1},
    {"GET", "/api/v1/organisations/:id", api_organisation_get, PERM_ORG_READ, 1},
    {"PATCH", "/api/v1/organisations/:id", api_organisation_patch, PERM_ORG_WRITE, 1},
    {"GET", "/api/v1/organisations/:id/history", api_history, PERM_AUDIT_READ, 1},
    {"GET", "/api/v1/units", api_units_list, PERM_ORG_READ, 1},
    {"POST", "/api/v1/units", api_unit_create, PERM_ORG_WRITE, 1},
    {"GET", "/api/v1/units/:id", api_unit_get, PERM_ORG_READ, 1},
    {"PATCH", "/api/v1/units/:id", api_unit_patch, PERM_ORG_WRITE, 1},
    {"GET", "/api/v1/units/:id/history", api_history, PERM_AUDIT_READ, 1},
    {"GET", "/api/v1/agreements", api_agreements_list, PERM_AGREEMENT_READ, 1},
    {"POST", "/api/v1/agreements", api_agreement_create, PERM_AGREEMENT_WRITE, 1},
    {"GET", "/api/v1/agreements/:id", api_agreement_get, PERM_AGREEMENT_READ, 1},
    {"PATCH", "/api/v1/agreements/:id", api_agreement_patch, PERM_AGREEMENT_WRITE, 1},
    {"GET", "/api/v1/agreements/:id/history", api_history, PERM_AUDIT_READ, 1},
    {"GET", "/api/v1/agreements/:id/followups", api_agreement_followups, PERM_AGREEMENT_READ, 1},
    {"GET", "/api/v1/followups/:id", api_followup_get, PERM_AGREEMENT_READ, 1},
    {"POST", "/api/v1/followups/:id/records", api_record_create, PERM_FOLLOWUP_WRITE, 1},
    {"PATCH", "/api/v1/followups/:id/record", api_record_patch, PERM_FOLLOWUP_WRITE, 1},
    {"POST", "/api/v1/followups/:id/record/sign", api_record_sign, PERM_FOLLOWUP_WRITE, 1},
    {"GET", "/api/v1/dashboard", api_dashboard, PERM_DASHBOARD, 1},
    /* api: signals and the coordinators' meetings */
    {"GET", "/api/v1/signals", api_signals_list, PERM_SIGNAL_READ, 1},
    {"POST", "/api/v1/signals", api_signal_create, PERM_SIGNAL_REPORT, 1},
    {"GET", "/api/v1/signals/:id", api_signal_get, PERM_SIGNAL_READ, 1},
    {"GET", "/api/v1/coordinator-meetings", api_meetings_list, PERM_SIGNAL_REVIEW, 1},
    {"POST", "/api/v1/coordinator-meetings", api_meeting_create, PERM_SIGNAL_REVIEW, 1},
    {"GET", "/api/v1/coordinator-meetings/:id", api_meeting_get, PERM_SIGNAL_REVIEW, 1},
    {"GET", "/api/v1/candidates", api_candidates, PERM_RISK_READ, 1},
    {"GET", "/api/v1/settings", api_settings_get, PERM_DASHBOARD, 1},
    {"PATCH", "/api/v1/settings", api_settings_patch, PERM_SETTINGS_WRITE, 1},

    /* api: external controls */
    {"POST", "/api/v1/checks", api_check_create, PERM_CHECK_WRITE, 1},
    {"GET", "/api/v1/organisations/:id/checks", api_organisation_checks, PERM_RISK_READ, 1},

    /* api: event-driven follow-ups and sanctions */
    {"GET", "/api/v1/investigations", api_investigations_list, PERM_RISK_READ, 1},
    {"POST", "/api/v1/investigations", api_investigation_create, PERM_INVESTIGATION_WRITE, 1},
    {"GET", "/api/v1/investigations/:id", api_investigation_get, PERM_RISK_READ, 1},
    {"PATCH", "/api/v1/investigation-areas/:id", api_investigation_area_patch,
     PERM_INVESTIGATION_WRITE, 1},
    {"POST", "/api/v1/investigations/:id/areas", api_investigation_area_create,
     PERM_INVESTIGATION_WRITE, 1},
    {"POST", "/api/v1/investigations/:id/meetings", api_investigation_meeting_create,
     PERM_INVESTIGATION_WRITE, 1},
    {"POST", "/api/v1/investigations/:id/close", api_investigation_close, PERM_INVESTIGATION_WRITE,
     1},
    {"GET", "/api/v1/agreements/:id/sanctions", api_sanctions_list, PERM_RISK_READ, 1},
    {"POST", "/api/v1/agreements/:id/sanctions", api_sanction_create, PERM_SANCTION_WRITE, 1},

    /* api: risk */
    {"GET", "/api/v1/risk", api_risk_list, PERM_RISK_READ, 1},
    {"GET", "/api/v1/organisations/:id/risk", api_organisation_risk, PERM_RISK_READ, 1},
    /* api: placements and assignments */
    {"GET", "/api/v1/agreements/:id/placements", api_agreement_placements, PERM_VOLUME_READ, 1},
    {"POST", "/api/v1/placements", api_placement_create, PERM_VOLUME_WRITE, 1},
    {"GET", "/api/v1/agreements/:id/assignments", api_agreement_assignments, PERM_VOLUME_READ, 1},
    {"POST", "/api/v1/assignments", api_assignment_create, PERM_VOLUME_WRITE, 1},
    /* api: statistics */
    {"GET", "/api/v1/agreements/:id/stats", api_agreement_stats, PERM_VOLUME_READ, 1},

    /* api: the control plan and its sample */
    {"GET", "/api/v1/plans", api_plans_list, PERM_DASHBOARD, 1},
    {"POST", "/api/v1/plans", api_plan_create, PERM_PLAN_WRITE, 1},
    {"GET", "/api/v1/plans/:id", api_plan_get, PERM_DASHBOARD, 1},
    {"PATCH", "/api/v1/plans/:id", api_plan_patch, PERM_PLAN_WRITE, 1},
    {"POST", "/api/v1/plans/:id/risk-units", api_plan_risk_add, PERM_PLAN_WRITE, 1},
    {"POST", "/api/v1/plans/:id/approve", api_plan_approve, PERM_PLAN_WRITE, 1},

    /* api: surveys */
    {"GET", "/api/v1/surveys", api_surveys_list, PERM_DASHBOARD, 1},
    {"POST", "/api/v1/surveys", api_survey_create, PERM_PLAN_WRITE, 1},
    {"GET", "/api/v1/surveys/:id", api_survey_get, PERM_DASHBOARD, 1},
    /* api: LOV applications */
    {"GET", "/api/v1/applications", api_applications_list, PERM_APPLICATION_READ, 1},
    {"POST", "/api/v1/applications", api_application_create, PERM_APPLICATION_WRITE, 1},
    {"GET", "/api/v1/applications/:id", api_application_get, PERM_APPLICATION_READ, 1},
    {"POST", "/api/v1/applications/:id/steps", api_application_step, PERM_APPLICATION_WRITE, 1},
    {"POST", "/api/v1/applications/:id/references", api_application_reference_create,
     PERM_APPLICATION_WRITE, 1},
    {"POST", "/api/v1/applications/:id/notes", api_application_note_create, PERM_APPLICATION_WRITE,
     1},
    {"POST", "/api/v1/applications/:id/decision", api_application_decision, PERM_APPLICATION_DECIDE,
     1},
    {"POST", "/api/v1/applications/:id/announcement", api_application_announce,
     PERM_APPLICATION_DECIDE, 1},
    {"POST", "/api/v1/applications/:id/withdrawal", api_application_withdraw,
     PERM_APPLICATION_WRITE, 1},
    {"POST", "/api/v1/applications/:id/agreement", api_application_sign, PERM_AGREEMENT_WRITE, 1},
    {"PATCH", "/api/v1/onboarding-items/:id", api_onboarding_item_patch, PERM_APPLICATION_READ, 1},
    {NULL, NULL, NULL, PERM_PUBLIC, 0},
};
