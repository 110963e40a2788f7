/* package.h — a zip archive made in memory with libzip: the container of an OpenDocument
 * (io/odt) and of an Office Open XML document (io/docx). Members are added from buffers that
 * must stay alive until package_finish; the archive's bytes are then appended to a buffer.
 *
 * Every function returns 0 or -1. A failure is remembered: a writer may add all its members
 * and look only at what package_finish returns, which discards the archive after a failure.
 * package_finish is called once for every package, opened or not. */
#ifndef INSYN_PACKAGE_H
#define INSYN_PACKAGE_H

#include "core/buf.h"

#include <stddef.h>

struct package {
    void *source; /* zip_source_t: the archive's memory, kept past zip_close */
    void *zip;    /* zip_t */
    int failed;
};

int package_open(struct package *p);
/* Adds a member; stored (not compressed) when `store` is set, as ODT's mimetype must be and
 * as pictures are best. The data is read at package_finish. */
int package_add(struct package *p, const char *name, const char *data, size_t len, int store);
/* Writes the archive and appends its bytes to out; nothing is appended after a failure. */
int package_finish(struct package *p, struct buf *out);

#endif
