/* ics.h — iCalendar (RFC 5545) feeds of follow-ups, built with libical.
 *
 * Each follow-up is an all-day event (DTSTART;VALUE=DATE on its due date, DTEND the day
 * after) with a UID that stays the same for as long as the follow-up exists, so that a
 * subscribing calendar updates its events instead of duplicating them. Text values are
 * escaped and long lines folded by libical. */
#ifndef INSYN_ICS_H
#define INSYN_ICS_H

struct ics_event {
    long long id;            /* the follow-up's id: UID followup-<id>@insyn */
    int due;                 /* core/date.h day number */
    const char *summary;     /* one line */
    const char *description; /* may have newlines */
    const char *url;         /* NULL to leave out */
    int cancelled;           /* STATUS:CANCELLED instead of CONFIRMED */
};

/* The whole VCALENDAR as text with CRLF line ends, or NULL when libical fails. `stamp` is
 * the DTSTAMP of every event (seconds since the epoch, UTC). The caller frees the text. */
char *ics_calendar(const char *name, const struct ics_event *events, int n, long long stamp);

#endif
