/* ics.c — iCalendar feeds with libical. */
#include "io/ics.h"

#include "core/date.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct icaltimetype
all_day(int days)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    struct icaltimetype t = icaltime_null_date();
    t.year = y;
    t.month = m;
    t.day = d;
    t.is_date = 1;
    return t;
}

static void
add_x(icalcomponent *c, const char *name, const char *value)
{
    icalproperty *p = icalproperty_new_x(value);
    icalproperty_set_x_name(p, name);
    icalcomponent_add_property(c, p);
}

char *
ics_calendar(const char *name, const struct ics_event *events, int n, long long stamp)
{
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    if (!cal)
        return NULL;
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//insyn//Uppföljningar//SV"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    add_x(cal, "X-WR-CALNAME", name);
    add_x(cal, "X-WR-TIMEZONE", "Europe/Stockholm");
    add_x(cal, "X-PUBLISHED-TTL", "PT1H");
    struct icaltimetype now =
        icaltime_from_timet_with_zone((time_t)stamp, 0, icaltimezone_get_utc_timezone());
    for (int i = 0; i < n; i++) {
        const struct ics_event *e = &events[i];
        icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        char uid[64];
        snprintf(uid, sizeof uid, "followup-%lld@insyn", e->id);
        icalcomponent_add_property(ev, icalproperty_new_uid(uid));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(now));
        icalcomponent_add_property(ev, icalproperty_new_dtstart(all_day(e->due)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(all_day(e->due + 1)));
        icalcomponent_add_property(ev, icalproperty_new_summary(e->summary ? e->summary : ""));
        if (e->description && *e->description)
            icalcomponent_add_property(ev, icalproperty_new_description(e->description));
        if (e->url && *e->url)
            icalcomponent_add_property(ev, icalproperty_new_url(e->url));
        icalcomponent_add_property(
            ev,
            icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
        /* an all-day reminder should not block the day in Outlook */
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    /* libical keeps temporary strings in a per-thread ring; server threads live long */
    icalmemory_free_ring();
    if (!text)
        return NULL;
    /* the text came from libical's allocator, which is malloc; hand back our own copy to be sure */
    char *out = strdup(text);
    icalmemory_free_buffer(text);
    return out;
}
