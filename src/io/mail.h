/* mail.h — e-mail messages (RFC 5322, MIME text/plain in UTF-8) handed to a
 * sendmail-compatible command.
 *
 * The command is split on spaces into an argv and run with execvp, never through a shell,
 * so nothing in a message can become part of a command line. The message goes to its
 * standard input with LF line ends, as sendmail expects. */
#ifndef INSYN_MAIL_H
#define INSYN_MAIL_H

#include "core/arena.h"

#include <stddef.h>

struct mail {
    const char *from, *to; /* bare addresses */
    const char *subject;   /* UTF-8; encoded as RFC 2047 words when not ASCII */
    const char *body;      /* UTF-8 text, LF line ends */
};

/* An address that is safe to put in a header: no spaces, controls, quotes, commas or
 * angle brackets, exactly one @. */
int mail_address_ok(const char *addr);
/* Header text: as it is when printable ASCII, else RFC 2047 "=?UTF-8?B?...?=" words of
 * at most 75 characters, folded onto continuation lines. */
char *mail_encode_header(struct arena *a, const char *text);
/* The whole message: Date (now), From, To, Subject, MIME headers, a blank line and body. */
char *mail_message(struct arena *a, const struct mail *m, long long now);
/* Runs `command` (split on spaces) with `message` on standard input. Returns 0 when it
 * exits with status 0; else -1 with a Swedish reason in `reason`. */
int mail_send(const char *command, const char *message, char *reason, size_t size);

#endif
