/* mail.c — composing e-mail and handing it to sendmail. */
#include "io/mail.h"

#include "core/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
mail_address_ok(const char *addr)
{
    if (!addr || !*addr || strlen(addr) > 254)
        return 0;
    int at = 0;
    for (const unsigned char *p = (const unsigned char *)addr; *p; p++) {
        if (*p <= ' ' || *p >= 0x7f || strchr("\"(),:;<>[\\]", *p))
            return 0;
        at += *p == '@';
    }
    return at == 1 && addr[0] != '@' && addr[strlen(addr) - 1] != '@';
}

char *
mail_encode_header(struct arena *a, const char *text)
{
    int plain = 1;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        plain &= *p >= ' ' && *p < 0x7f;
    if (plain)
        return arena_strdup(a, text);
    /* "=?UTF-8?B?" + base64 of at most 45 bytes (60 characters) + "?=" is 72 characters */
    struct buf b;
    buf_init(&b);
    size_t len = strlen(text), at = 0;
    while (at < len) {
        size_t take = len - at < 45 ? len - at : 45;
        while (at + take < len && ((unsigned char)text[at + take] & 0xC0) == 0x80)
            take--; /* never split a character between two words */
        char b64[sodium_base64_ENCODED_LEN(45, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)text + at, take,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(&b, "%s=?UTF-8?B?%s?=", at ? "\n " : "", b64);
        at += take;
    }
    char *out = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return out;
}

char *
mail_message(struct arena *a, const struct mail *m, long long now)
{
    char date[64];
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    /* RFC 5322 day and month names are English whatever the locale */
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    long off = tm.tm_gmtoff / 60;
    snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", days[tm.tm_wday],
             tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
             off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
    return arena_printf(a,
                        "Date: %s\n"
                        "From: %s\n"
                        "To: %s\n"
                        "Subject: %s\n"
                        "MIME-Version: 1.0\n"
                        "Content-Type: text/plain; charset=utf-8\n"
                        "Content-Transfer-Encoding: 8bit\n"
                        "Auto-Submitted: auto-generated\n"
                        "\n"
                        "%s",
                        date, m->from, m->to, mail_encode_header(a, m->subject), m->body);
}

int
mail_send(const char *command, const char *message, char *reason, size_t size)
{
    char *copy = strdup(command ? command : "");
    char *argv[32];
    int argc = 0;
    for (char *save = NULL, *w = copy ? strtok_r(copy, " ", &save) : NULL; w && argc < 31;
         w = strtok_r(NULL, " ", &save))
        argv[argc++] = w;
    argv[argc] = NULL;
    if (!copy || argc == 0) {
        snprintf(reason, size, "inget kommando att skicka med");
        free(copy);
        return -1;
    }
    int in[2], status_pipe[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(status_pipe, O_CLOEXEC) != 0) {
        snprintf(reason, size, "kunde inte skapa en pipe: %s", strerror(errno));
        free(copy);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(reason, size, "kunde inte starta %s: %s", argv[0], strerror(errno));
        close(in[0]), close(in[1]), close(status_pipe[0]), close(status_pipe[1]);
        free(copy);
        return -1;
    }
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        execvp(argv[0], argv);
        int e = errno; /* tell the parent why exec failed, through the close-on-exec pipe */
        ssize_t ignored = write(status_pipe[1], &e, sizeof e);
        (void)ignored;
        _exit(127);
    }
    close(in[0]);
    close(status_pipe[1]);
    /* a command that exits without reading must not kill us with SIGPIPE */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    size_t len = strlen(message), done = 0;
    int write_errno = 0;
    while (done < len) {
        ssize_t w = write(in[1], message + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            write_errno = errno;
            break;
        }
        done += (size_t)w;
    }
    close(in[1]);
    sigaction(SIGPIPE, &old, NULL);
    int exec_errno = 0;
    ssize_t got = read(status_pipe[0], &exec_errno, sizeof exec_errno);
    close(status_pipe[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int rc = -1;
    if (got == (ssize_t)sizeof exec_errno)
        snprintf(reason, size, "kunde inte köra %s: %s", argv[0], strerror(exec_errno));
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        snprintf(reason, size, "%s avslutades med felkod %d", argv[0], WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(reason, size, "%s avbröts av signal %d", argv[0], WTERMSIG(status));
    else if (write_errno)
        snprintf(reason, size, "%s tog inte emot hela meddelandet: %s", argv[0],
                 strerror(write_errno));
    else
        rc = 0;
    free(copy);
    return rc;
}
