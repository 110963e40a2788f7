/* test_template.c — templates escape by default; sections, inversions, includes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "web/template.h"

#include <stdlib.h>
#include <string.h>

static char *
render(const char *text, const char *json)
{
    json_t *data = json_loads(json, 0, NULL);
    assert_non_null(data);
    struct buf b;
    buf_init(&b);
    int rc = template_render_text(text, data, &b);
    json_decref(data);
    if (rc != 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

static void
escapes_by_default(void **state)
{
    (void)state;
    char *s = render("<p title=\"{{t}}\">{{t}}</p>",
                     "{\"t\": \"<script>alert('x')</script> & \\\"q\\\"\"}");
    assert_string_equal(
        s, "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">"
           "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
    free(s);
}

static void
raw_only_when_asked(void **state)
{
    (void)state;
    char *s = render("{{& body}}|{{body}}", "{\"body\": \"<b>ok</b>\"}");
    assert_string_equal(s, "<b>ok</b>|&lt;b&gt;ok&lt;/b&gt;");
    free(s);
}

static void
sections_loop_enter_and_invert(void **state)
{
    (void)state;
    char *s = render(
        "{{#rows}}[{{name}}:{{n}}{{#flag}}!{{/flag}}]{{/rows}}{{^rows}}none{{/rows}}"
        "{{#obj}}<{{x}}>{{/obj}}{{^missing}}-{{/missing}}{{#list}}{{.}},{{/list}}",
        "{\"rows\": [{\"name\": \"a\", \"n\": 1, \"flag\": true}, {\"name\": \"b\", \"n\": 0}],"
        " \"obj\": {\"x\": \"y\"}, \"list\": [\"p\", \"q\"]}");
    assert_string_equal(s, "[a:1!][b:0]<y>-p,q,");
    free(s);
    s = render("{{#rows}}x{{/rows}}{{^rows}}none{{/rows}}{{^zero}}0{{/zero}}{{^empty}}e{{/empty}}",
               "{\"rows\": [], \"zero\": 0, \"empty\": \"\"}");
    assert_string_equal(s, "none0e");
    free(s);
}

static void
looks_up_outer_scopes_and_dotted_names(void **state)
{
    (void)state;
    char *s = render("{{#items}}{{csrf}}-{{a.b}}{{/items}}{{a.b}}{{a.c.d}}",
                     "{\"csrf\": \"T\", \"a\": {\"b\": 2}, \"items\": [1]}");
    assert_string_equal(s, "T-22");
    free(s);
}

static void
nested_sections_of_the_same_name(void **state)
{
    (void)state;
    char *s = render("{{#a}}({{#a}}in{{/a}}){{/a}}", "{\"a\": true}");
    assert_string_equal(s, "(in)");
    free(s);
}

static void
malformed_templates_fail(void **state)
{
    (void)state;
    assert_null(render("{{#open}}never closed", "{\"open\": true}"));
    assert_null(render("{{/stray}}", "{}"));
    assert_null(render("{{unterminated", "{}"));
    assert_null(render("{{> no_such_template}}", "{}"));
}

static void
built_in_templates_render(void **state)
{
    (void)state;
    json_t *data = json_pack("{s:s, s:s}", "heading", "Sidan finns inte", "detail", "<x>");
    struct buf b;
    buf_init(&b);
    assert_int_equal(template_render("error", data, &b), 0);
    assert_non_null(strstr(b.data, "<h1>Sidan finns inte</h1>"));
    assert_non_null(strstr(b.data, "&lt;x&gt;"));
    buf_free(&b);
    json_decref(data);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_by_default),
        cmocka_unit_test(raw_only_when_asked),
        cmocka_unit_test(sections_loop_enter_and_invert),
        cmocka_unit_test(looks_up_outer_scopes_and_dotted_names),
        cmocka_unit_test(nested_sections_of_the_same_name),
        cmocka_unit_test(malformed_templates_fail),
        cmocka_unit_test(built_in_templates_render),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
