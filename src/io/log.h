/* log.h — where the program's log lines go: standard error, one record a line.
 *
 * Under systemd (JOURNAL_STREAM is set) each line starts with the syslog priority in angle
 * brackets, which journald reads as the record's level; on a terminal a local timestamp
 * and the level's name stand there instead. Lines never carry secrets or free text that a
 * user wrote: incident details name the failing operation and the database's message. */
#ifndef INSYN_LOG_H
#define INSYN_LOG_H

/* Installs the standard error sink for core's log_line (core/err.h). */
void log_to_stderr(void);

#endif
