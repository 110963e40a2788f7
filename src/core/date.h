/* date.h — civil dates (Europe/Stockholm) as day numbers.
 *
 * A date is the count of days since 1970-01-01, so comparing and subtracting dates is
 * integer arithmetic. Only the proleptic Gregorian calendar; no time of day, no zones. */
#ifndef INSYN_DATE_H
#define INSYN_DATE_H

#define DATE_NONE (-2147483647 - 1) /* an unset optional date */

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
/* Strict YYYY-MM-DD with a real calendar day; returns 0 or -1. */
int date_parse(const char *s, int *days);
/* Writes YYYY-MM-DD into out (at least 11 bytes); "" for DATE_NONE. */
void date_format(int days, char out[11]);
/* Adds months, keeping the day of month or the last day when the month is shorter. */
int date_add_months(int days, int months);
int date_days_in_month(int y, int m);
int date_is_leap(int y);

#endif
