/* stats.h — the statistics of one agreement for one year: seed 002's paragraph of figures
 * ("Under år 2017 har Söderstöd tilldelats 29 uppdrag och avslutat 27 ...") for outpatient
 * assignments, and the same for placements at treatment homes, per agreement and per unit.
 *
 * Pure functions over the rows the store read (struct assignment, struct placement of
 * core/volume.h) and a year Y; no I/O. The edges, precisely:
 *   - "in the year" is from January 1 to December 31 of Y, both days included;
 *   - received / closed in the year: the received / closed date lies in the year;
 *   - ongoing at year end: received on or before December 31 and not closed, or closed after
 *     December 31 (placements the same, with start and end);
 *   - length in days: closed − received (end − start); an assignment received and closed on
 *     the same day is 0 days long;
 *   - over one year: closed in the year after more than 365 days (365 is not, 366 is);
 *   - the averages are of those closed (ended) in the year: avg_hours from the minutes, avg_days,
 *     and avg_months = mean days / (365.25 / 12); each rounded to one decimal, halves up, in
 *     exact integer arithmetic; STATS_NONE when none closed in the year;
 *   - total_since_start: every assignment received on or before December 31 of Y (from the
 *     agreement's start: there are no others), and the counts per kind over the same;
 *   - the goal outcomes are of the family treatment assignments closed in the year only (seed
 *     002: "Måluppfyllelse i de avslutade uppdrag som avsåg familjebehandling"); one closed
 *     without an outcome is counted as goal_unrecorded. The reasons given when the goals were
 *     not met, and when they were partly met, are listed with how many times each was given
 *     (the same text, trimmed), most often first, then in byte order;
 *   - placements: started in the year, ended in the year (counted per end reason, every code
 *     of placement_end_reasons with its label, in the table's order), ongoing at year end,
 *     total_since_start (started on or before December 31), and the average length of those
 *     ended in the year. Per unit: every unit with a placement that went on some day of the
 *     year (started on or before December 31 and not ended before January 1), by unit name.
 * A year with no data gives zeros and averages of STATS_NONE, never an error. */
#ifndef INSYN_STATS_H
#define INSYN_STATS_H

#include "core/arena.h"
#include "core/volume.h"

#define STATS_NONE (-1) /* an average of no items */
#define STATS_YEAR_MIN 1900
#define STATS_YEAR_MAX 2999

/* A code of a closed vocabulary (core/codes.h), its Swedish label and how many had it. */
struct stats_count {
    const char *code, *label;
    int count;
};

/* A reason given for goals (partly) not met and how many times it was given. */
struct stats_reason {
    const char *reason;
    int count;
};

struct assignment_stats {
    int year;
    int received, closed, ongoing_at_year_end;
    int closed_child, closed_youth; /* of those closed in the year, by age group */
    /* averages in tenths (402 is 40,2), or STATS_NONE when none closed in the year */
    int avg_hours_tenths, avg_days_tenths, avg_months_tenths;
    int over_one_year;
    /* family treatment closed in the year, and its goal outcomes */
    int closed_family_treatment, goal_met, goal_partly, goal_not_met, goal_unrecorded;
    struct stats_reason *reasons_not_met, *reasons_partly;
    int nreasons_not_met, nreasons_partly;
    int total_since_start;
    struct stats_count *kinds; /* every code of assignment_kinds, over total_since_start */
    int nkinds;
};

struct placement_stats {
    long long unit_id;     /* 0 for the whole agreement */
    const char *unit_name; /* NULL for the whole agreement */
    int started, ended, ongoing_at_year_end, total_since_start;
    struct stats_count *ended_by_reason; /* every code of placement_end_reasons */
    int nreasons;
    int avg_days_tenths, avg_months_tenths; /* of those ended in the year, or STATS_NONE */
};

/* Whether year is one the statistics are asked for (STATS_YEAR_MIN..STATS_YEAR_MAX). */
int stats_year_valid(int year);
/* A year written as four digits, surrounding spaces allowed; 0, or -1 when s is no valid
 * year. */
int stats_parse_year(const char *s, int *year);

/* The statistics of items (one agreement's assignments, any order) for year. */
void assignment_stats_compute(const struct assignment *items, int n, int year, struct arena *a,
                              struct assignment_stats *out);
/* The statistics of items (one agreement's placements, any order) for year: the whole
 * agreement's in *out, and per unit in *units (*nunits of them, by unit name, then id). */
void placement_stats_compute(const struct placement *items, int n, int year, struct arena *a,
                             struct placement_stats *out, struct placement_stats **units,
                             int *nunits);
/* Whether anything happened in the year: an assignment received or closed in it or going on
 * at its end (for placements: started, ended or going on). */
int assignment_stats_any(const struct assignment_stats *s);
int placement_stats_any(const struct placement_stats *s);

/* The mean of sum over n items, times num / den, in tenths rounded half up; STATS_NONE when
 * n is 0. sum, num and den are not negative, den and n positive. */
int stats_mean_tenths(long long sum, long long n, long long num, long long den);
/* Tenths as Swedish text: "40,2", "7,0"; "–" for STATS_NONE. */
char *stats_tenths_text(struct arena *a, int tenths);

/* Seed 002's sentences, in Swedish: "Under 2017 har utföraren tilldelats 29 uppdrag och
 * avslutat 27. Vid årets slut pågick 12 uppdrag. ..." */
char *assignment_stats_text(struct arena *a, const struct assignment_stats *s);
/* The ended placements per reason: "2 planerat avslut; 1 klienten avbröt"; "" when none. */
char *placement_stats_reasons_text(struct arena *a, const struct placement_stats *s);
/* The same for placements: "Under 2024 inleddes 5 placeringar och 3 avslutades ..." */
char *placement_stats_text(struct arena *a, int year, const struct placement_stats *s);

#endif
