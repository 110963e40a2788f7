-- 002: follow-up routines (responsibility matrices) and the follow-up tasks they generate.
-- The two tables of seed 003 (the routine for LOV home care and for external nursing homes,
-- in-house operation followed up the same way) ship as built-in routines.

CREATE TABLE routine (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    forms           TEXT NOT NULL,  -- agreement forms it applies to, separated by spaces
    service_areas   TEXT NOT NULL,  -- service areas it applies to, separated by spaces
    main_role       TEXT NOT NULL,
    substitute_role TEXT NOT NULL DEFAULT '',
    builtin         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE routine_activity (
    id               INTEGER PRIMARY KEY,
    routine_id       INTEGER NOT NULL REFERENCES routine (id),
    position         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    level            TEXT NOT NULL,  -- system | provider | individual
    responsible_role TEXT NOT NULL,
    co_roles         TEXT NOT NULL DEFAULT '',  -- separated by spaces
    frequency        TEXT NOT NULL,  -- a rule as core/schedule.h describes
    comment          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX routine_activity_routine ON routine_activity (routine_id, position);

-- A scheduled follow-up of one agreement, or (agreement_id NULL) a system-level task of a
-- service area. Planned tasks are regenerated when the agreement's dates change; done tasks
-- are never touched.
CREATE TABLE follow_up (
    id             INTEGER PRIMARY KEY,
    activity_id    INTEGER NOT NULL REFERENCES routine_activity (id),
    agreement_id   INTEGER REFERENCES agreement (id),
    service_area   TEXT NOT NULL,
    due            TEXT NOT NULL,
    may_be_written INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL DEFAULT 'planned',  -- planned | done
    done_at        TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX follow_up_agreement ON follow_up (agreement_id, due);
CREATE INDEX follow_up_due ON follow_up (status, due);
CREATE INDEX follow_up_area ON follow_up (service_area, due);

-- A person who stands in for another during a period (holidays): tasks due in the period
-- show for the substitute too.
CREATE TABLE substitute (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES app_user (id),
    substitute_id INTEGER NOT NULL REFERENCES app_user (id),
    from_date     TEXT NOT NULL,
    to_date       TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX substitute_substitute ON substitute (substitute_id, from_date);

INSERT INTO routine (id, name, forms, service_areas, main_role, substitute_role, builtin, created_at, updated_at)
VALUES (1, 'Kundval hemtjänst (LOV)', 'lov in_house', 'home_care', 'deputy_director', 'director', 1,
        '2020-06-05T00:00:00Z', '2020-06-05T00:00:00Z');
INSERT INTO routine_activity (routine_id, position, name, level, responsible_role, co_roles, frequency, comment) VALUES
 (1, 1, 'Kontaktperson för aktuella utförare', 'provider', 'deputy_director', 'strategist', 'as_needed', ''),
 (1, 2, 'Revidering av förfrågningsunderlag inklusive bilagor', 'system', 'deputy_director', 'lawyer strategist', 'every:12', 'En genomgång per år samt vid behov. Stöd från upphandlingsenheten.'),
 (1, 3, 'Ansökan från företag att bli utförare', 'provider', 'deputy_director', 'strategist lawyer', 'as_needed', ''),
 (1, 4, 'Introduktion av ny utförare', 'provider', 'strategist', 'senior_case_worker', 'after:approval:14', 'Snarast efter godkännande.'),
 (1, 5, 'Avtalsuppföljning första året', 'provider', 'strategist', 'senior_case_worker', 'every:3:0:12', ''),
 (1, 6, 'Avtalsuppföljning med samtliga utförare', 'provider', 'strategist', 'senior_case_worker', 'every:6:12:0:2', 'En av dessa kan göras i skriftlig form.'),
 (1, 7, 'Kontroll med Skatteverket samt kredituppföljning', 'provider', 'lawyer', '', 'every:12', ''),
 (1, 8, 'Granskning av utförarens verksamhetsberättelse och årsredovisning', 'provider', 'strategist', 'controller', 'every:12', ''),
 (1, 9, 'Utförarträff', 'provider', 'deputy_director', 'strategist section_manager senior_case_worker', 'every:3', 'Beroende på frågorna deltar andra professioner inom förvaltningen. Utbildning.'),
 (1, 10, 'Kontakter med utförare i enskilda ärenden', 'individual', 'section_manager', 'senior_case_worker', 'as_needed', ''),
 (1, 11, 'Uppföljning av enskilda biståndsbeslut', 'individual', 'section_manager', 'senior_case_worker', 'every:12', ''),
 (1, 12, 'Uppföljning av förfrågningsunderlagets kvalitet och aktualitet', 'system', 'deputy_director', 'strategist', 'every:12', ''),
 (1, 13, 'Följsamhet till service- och värdighetsgarantier', 'system', 'strategist', 'senior_case_worker', 'every:12', ''),
 (1, 14, 'Ekonomisk uppföljning av kundval hemtjänst', 'system', 'deputy_director', 'controller', 'every:12', ''),
 (1, 15, 'Citrix och Viva', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: Viva-supporten.'),
 (1, 16, 'Fakturor från utförare', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: avgiftshandläggare på socialkontoret.'),
 (1, 17, 'HSA- och SITHS-hantering', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: HSA-ansvarig och arkivarie.'),
 (1, 18, 'Datorer med mera', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: IT-samordnare och servicedesk.');

INSERT INTO routine (id, name, forms, service_areas, main_role, substitute_role, builtin, created_at, updated_at)
VALUES (2, 'Särskilda boenden för äldre, extern drift och egen regi', 'lou in_house', 'nursing_home', 'deputy_director',
        'director', 1, '2020-06-05T00:00:00Z', '2020-06-05T00:00:00Z');
INSERT INTO routine_activity (routine_id, position, name, level, responsible_role, co_roles, frequency, comment) VALUES
 (2, 1, 'Kontaktperson för aktuella utförare inom extern drift', 'provider', 'deputy_director', 'strategist lawyer', 'as_needed', ''),
 (2, 2, 'Framtagande av förfrågningsunderlag för upphandling av extern drift', 'system', 'deputy_director', 'lawyer strategist', 'as_needed', 'Med stöd av upphandlingsenheten.'),
 (2, 3, 'Samverkan med socialnämndens politiska referensgrupp för upphandlingar', 'system', 'director', 'deputy_director', 'as_needed', ''),
 (2, 4, 'Introduktion av ny utförare', 'provider', 'deputy_director', 'lawyer strategist senior_case_worker', 'after:agreement_signed:14', 'Snarast efter avtalstecknande.'),
 (2, 5, 'Avtalsuppföljning första året', 'provider', 'strategist', 'lawyer senior_case_worker', 'every:3:0:12', ''),
 (2, 6, 'Avtalsuppföljning från år två med samtliga utförare (inkl. egen regi)', 'provider', 'strategist', 'senior_case_worker', 'every:6:12:0:2', 'En av dessa kan göras i skriftlig form.'),
 (2, 7, 'Kontroll med Skatteverket samt kredituppföljning', 'provider', 'lawyer', '', 'every:12', ''),
 (2, 8, 'Granskning av utförarnas verksamhetsberättelse och årsredovisning', 'provider', 'strategist', 'controller', 'every:12', ''),
 (2, 9, 'Utförarträff', 'provider', 'deputy_director', 'strategist section_manager senior_case_worker', 'every:3', 'Beroende på frågorna deltar andra professioner inom förvaltningen. Utbildning.'),
 (2, 10, 'Kontakter med utförare i enskilda ärenden', 'individual', 'section_manager', 'senior_case_worker', 'as_needed', ''),
 (2, 11, 'Uppföljning av enskilda biståndsbeslut', 'individual', 'section_manager', 'senior_case_worker', 'every:12', ''),
 (2, 12, 'Citrix och Viva', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: Viva-supporten.'),
 (2, 13, 'Fakturor från utförare', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: avgiftshandläggare på socialkontoret.'),
 (2, 14, 'HSA- och SITHS-hantering', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: HSA-ansvarig och arkivarie.'),
 (2, 15, 'Datorer med mera', 'system', 'deputy_director', '', 'as_needed', 'Medansvarig: servicedesk, IT-samordnare.');
