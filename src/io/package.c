/* package.c — zip archives in memory for the editable documents, with libzip. */
#include "io/package.h"

#include <zip.h>

int
package_open(struct package *p)
{
    zip_error_t error;
    zip_error_init(&error);
    p->failed = 0;
    p->zip = NULL;
    p->source = zip_source_buffer_create(NULL, 0, 0, &error);
    if (p->source) {
        p->zip = zip_open_from_source(p->source, ZIP_TRUNCATE, &error);
        if (p->zip)
            zip_source_keep(p->source); /* it holds the archive after zip_close */
        else {
            zip_source_free(p->source);
            p->source = NULL;
        }
    }
    zip_error_fini(&error);
    p->failed = p->zip == NULL;
    return p->failed ? -1 : 0;
}

int
package_add(struct package *p, const char *name, const char *data, size_t len, int store)
{
    if (p->failed)
        return -1;
    zip_source_t *s = zip_source_buffer(p->zip, data, len, 0);
    zip_int64_t i = s ? zip_file_add(p->zip, name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
        if (s)
            zip_source_free(s);
        p->failed = 1;
        return -1;
    }
    if (zip_set_file_compression(p->zip, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 0) != 0)
        p->failed = 1;
    return p->failed ? -1 : 0;
}

/* The archive's bytes, read back from its memory source after zip_close. */
static int
read_back(zip_source_t *src, struct buf *out)
{
    zip_stat_t st;
    if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src) != 0)
        return -1;
    struct buf bytes;
    buf_init(&bytes);
    char chunk[65536];
    zip_int64_t n;
    while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
        buf_append(&bytes, chunk, (size_t)n);
    zip_source_close(src);
    int rc = n < 0 || (zip_uint64_t)bytes.len != st.size ? -1 : 0;
    if (rc == 0)
        buf_append(out, bytes.data, bytes.len);
    buf_free(&bytes);
    return rc;
}

int
package_finish(struct package *p, struct buf *out)
{
    int rc = -1;
    if (p->zip) {
        if (!p->failed && zip_close(p->zip) == 0)
            rc = read_back(p->source, out);
        else
            zip_discard(p->zip);
    }
    if (p->source)
        zip_source_free(p->source);
    p->zip = p->source = NULL;
    p->failed = 1;
    return rc;
}
