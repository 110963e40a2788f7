/* test_ics.c — the iCalendar feed: built with io/ics and parsed back with libical. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "io/ics.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
feed_parses_back_with_the_same_events(void **state)
{
    (void)state;
    struct ics_event ev[] = {
        {17, date_from_ymd(2026, 3, 5), "Avtalsuppföljning första året – Hemtjänst i Lunda AB",
         "Avtal: SN 2026/0010, Kundval hemtjänst, Lunda\nAnsvarig: Avtalsansvarig strateg\nStatus: "
         "försenad",
         "http://127.0.0.1:8080/avtal/3", 0},
        {18, date_from_ymd(2026, 12, 31),
         "Kontroll; med, specialtecken \\ och en mycket lång rad som måste "
         "vikas enligt RFC 5545 eftersom den är längre än 75 oktetter",
         "", NULL, 0},
    };
    char *text = ics_calendar("insyn: SN 2026/0010 Kundval", ev, 2, 1767225600);
    assert_non_null(text);
    assert_non_null(strstr(text, "BEGIN:VCALENDAR\r\n"));
    assert_non_null(strstr(text, "X-WR-CALNAME:insyn: SN 2026/0010 Kundval\r\n"));
    assert_non_null(strstr(text, "DTSTART;VALUE=DATE:20260305\r\n"));
    assert_non_null(strstr(text, "DTEND;VALUE=DATE:20260306\r\n"));
    size_t line = 0;
    for (const char *p = text; *p; p++) {
        line = *p == '\n' ? 0 : line + 1;
        assert_true(line <= 76); /* 75 octets and the CR */
    }

    icalcomponent *cal = icalparser_parse_string(text);
    assert_non_null(cal);
    assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
    int i = 0;
    for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), i++) {
        assert_true(i < 2);
        char uid[40];
        snprintf(uid, sizeof uid, "followup-%lld@insyn", ev[i].id);
        assert_string_equal(icalcomponent_get_uid(e), uid);
        assert_string_equal(icalcomponent_get_summary(e), ev[i].summary);
        struct icaltimetype start = icalcomponent_get_dtstart(e);
        assert_true(start.is_date);
        int y, m, d;
        date_to_ymd(ev[i].due, &y, &m, &d);
        assert_int_equal(start.year, y);
        assert_int_equal(start.month, m);
        assert_int_equal(start.day, d);
        assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
        if (i == 0) {
            assert_string_equal(icalcomponent_get_description(e), ev[0].description);
            icalproperty *url = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY);
            assert_non_null(url);
            assert_string_equal(icalproperty_get_url(url), ev[0].url);
        } else {
            assert_null(icalcomponent_get_first_property(e, ICAL_URL_PROPERTY));
        }
    }
    assert_int_equal(i, 2);
    icalcomponent_free(cal);
    icalmemory_free_ring();
    free(text);
}

static void
empty_feed_is_a_valid_calendar(void **state)
{
    (void)state;
    char *text = ics_calendar("Tom", NULL, 0, 0);
    assert_non_null(text);
    icalcomponent *cal = icalparser_parse_string(text);
    assert_non_null(cal);
    assert_null(icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT));
    icalcomponent_free(cal);
    icalmemory_free_ring();
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(feed_parses_back_with_the_same_events),
        cmocka_unit_test(empty_feed_is_a_valid_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
