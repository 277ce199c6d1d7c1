/*
 * test_writer.c: the escaping writer every report goes through: HTML/SVG,
 * Markdown and CSV escaping, numbers, cutting text, and saving with
 * owner-only permissions.
 */
#include "wp_test.h"

#include "werkplaats/writer.h"

/* What w_text makes of s in format f (caller frees). */
static char *escaped(enum writer_format f, const char *s)
{
    struct writer w;
    char *out;

    writer_init(&w, f);
    w_text(&w, s);
    out = writer_take(&w, NULL);
    assert_non_null(out);
    return out;
}

static void assert_escaped(enum writer_format f, const char *in, const char *expected)
{
    char *out = escaped(f, in);

    assert_string_equal(out, expected);
    free(out);
}

static void test_html_escapes_markup(void **state)
{
    (void)state;
    assert_escaped(WRITER_HTML, "<script>document.title='x'</script>",
                   "&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt;");
    assert_escaped(WRITER_HTML, "\"><img src=x onerror=alert(1)>",
                   "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    assert_escaped(WRITER_HTML, "Kees & Co", "Kees &amp; Co");
    assert_escaped(WRITER_HTML, "&lt; stays text", "&amp;lt; stays text");
    assert_escaped(WRITER_HTML, "Ideeën, één, café", "Ideeën, één, café");
}

static void test_html_keeps_valid_xml(void **state)
{
    (void)state;
    /* Control characters XML forbids are dropped; tab and newline stay. */
    assert_escaped(WRITER_HTML, "a\x01" "b\x1f" "c\td\ne", "abc\td\ne");
    /* Invalid UTF-8 (a lone continuation byte, an overlong, a surrogate) becomes U+FFFD. */
    assert_escaped(WRITER_HTML, "x\x80y", "x\xEF\xBF\xBDy");
    assert_escaped(WRITER_HTML, "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_escaped(WRITER_HTML, "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* A sequence cut off at the end of the string. */
    assert_escaped(WRITER_HTML, "ok\xE2\x82", "ok\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void test_markdown_escapes_markup(void **state)
{
    (void)state;
    assert_escaped(WRITER_MD, "<script>x</script>", "\\<script\\>x\\</script\\>");
    assert_escaped(WRITER_MD, "*vet* _schuin_ [link](x) `code` a|b", "\\*vet\\* \\_schuin\\_ \\[link\\](x) \\`code\\` a\\|b");
    assert_escaped(WRITER_MD, "# geen kop", "\\# geen kop");
    assert_escaped(WRITER_MD, "- geen lijst", "\\- geen lijst");
    assert_escaped(WRITER_MD, "regel een\nregel twee", "regel een regel twee");
    assert_escaped(WRITER_MD, "a-b #3", "a-b #3");
}

static void test_csv_quotes_per_rfc4180(void **state)
{
    (void)state;
    assert_escaped(WRITER_CSV, "gewoon", "gewoon");
    assert_escaped(WRITER_CSV, "met, komma", "\"met, komma\"");
    assert_escaped(WRITER_CSV, "zei \"hallo\"", "\"zei \"\"hallo\"\"\"");
    assert_escaped(WRITER_CSV, "twee\nregels", "\"twee\nregels\"");
    assert_escaped(WRITER_CSV, "cr\rlf", "\"cr\rlf\"");
    /* Text a spreadsheet would run as a formula gets an apostrophe. */
    assert_escaped(WRITER_CSV, "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_escaped(WRITER_CSV, "+31 6", "'+31 6");
    assert_escaped(WRITER_CSV, "@som", "'@som");
    assert_escaped(WRITER_CSV, "", "");
}

static void test_csv_rows(void **state)
{
    struct writer w;
    char *out;

    (void)state;
    writer_init(&w, WRITER_CSV);
    w_csv_field(&w, "a");
    w_csv_sep(&w);
    w_csv_field(&w, "b,c");
    w_csv_sep(&w);
    w_int(&w, 12);
    w_csv_end(&w);
    out = writer_take(&w, NULL);
    assert_string_equal(out, "a,\"b,c\",12\r\n");
    free(out);
}

static void test_numbers(void **state)
{
    struct writer w;
    char *out;

    (void)state;
    writer_init(&w, WRITER_HTML);
    w_num(&w, 2.5, 2);
    w_lit(&w, " ");
    w_num(&w, 3.0, 2);
    w_lit(&w, " ");
    w_num(&w, -0.001, 1);
    w_lit(&w, " ");
    w_coord(&w, 12.26);
    w_lit(&w, " ");
    w_coord(&w, -3);
    w_lit(&w, " ");
    w_int(&w, -42);
    out = writer_take(&w, NULL);
    assert_string_equal(out, "2,5 3 0 12.3 -3 -42");
    free(out);
}

static void test_cut(void **state)
{
    struct writer w;
    char *out;

    (void)state;
    writer_init(&w, WRITER_HTML);
    w_text_cut(&w, "kort", 10);
    w_lit(&w, "|");
    w_text_cut(&w, "Kinderen lopen zonder angst over het plein", 20);
    w_lit(&w, "|");
    w_text_cut(&w, "ëëëëëëëëëëëë", 5);
    w_lit(&w, "|");
    w_text_cut(&w, "<b>vet</b> en nog veel meer tekst", 12);
    out = writer_take(&w, NULL);
    assert_string_equal(out, "kort|Kinderen lopen…|ëëëë…|&lt;b&gt;vet&lt;/b&gt;…");
    free(out);
    assert_int_equal(writer_utf8_len("Ideeën"), 6);
}

static void test_save_owner_only(void **state)
{
    char *dir = wp_tmpdir(), path[4096], *back;
    struct stat st;
    FILE *fp;

    (void)state;
    wp_join(path, sizeof path, dir, "rapport.html");
    /* An existing file readable by everyone is replaced, and ends up 0600. */
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("oud", fp);
    fclose(fp);
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(writer_save(path, "nieuw", 5), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    back = wp_read(path, NULL);
    assert_string_equal(back, "nieuw");
    free(back);
    /* A folder that does not exist: an error, and nothing left behind. */
    wp_join(path, sizeof path, dir, "bestaat-niet/rapport.html");
    assert_int_equal(writer_save(path, "x", 1), -1);
    wp_rmtree(dir);
}

static void test_literal_only_markup(void **state)
{
    struct writer w;
    char *out;
    size_t len;

    (void)state;
    /* w_lit takes literals only (a variable does not compile); it writes them as they are. */
    writer_init(&w, WRITER_HTML);
    w_lit(&w, "<p>");
    w_text(&w, NULL);
    w_textn(&w, "<ab", 2);
    w_lit(&w, "</p>");
    out = writer_take(&w, &len);
    assert_string_equal(out, "<p>&lt;a</p>");
    assert_int_equal(len, strlen(out));
    free(out);
    /* An empty writer hands over an empty string. */
    writer_init(&w, WRITER_PLAIN);
    out = writer_take(&w, NULL);
    assert_string_equal(out, "");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escapes_markup),
        cmocka_unit_test(test_html_keeps_valid_xml),
        cmocka_unit_test(test_markdown_escapes_markup),
        cmocka_unit_test(test_csv_quotes_per_rfc4180),
        cmocka_unit_test(test_csv_rows),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_cut),
        cmocka_unit_test(test_save_owner_only),
        cmocka_unit_test(test_literal_only_markup),
    };

    return cmocka_run_group_tests_name("writer", tests, NULL, NULL);
}
