/* pvi_log.h — structured log lines on stderr (logfmt: level=… msg="…" key=value).
 *
 * Thread-safe (one write(2) per line). The level threshold comes from
 * PVI_LOG_LEVEL (debug, info, warn, error; default info). */
#ifndef PVI_LOG_H
#define PVI_LOG_H

enum pvi_log_level { PVI_LOG_DEBUG, PVI_LOG_INFO, PVI_LOG_WARN, PVI_LOG_ERROR };

/* Sets the threshold from a name; unknown names leave it unchanged and return -1. */
int pvi_log_set_level(const char *name);
/* Sets the name printed as service=… on every line (not copied: pass a literal). */
void pvi_log_set_service(const char *service);
/* fmt is the message; it is quoted and escaped. */
void pvi_log(enum pvi_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define pvi_debug(...) pvi_log(PVI_LOG_DEBUG, __VA_ARGS__)
#define pvi_info(...) pvi_log(PVI_LOG_INFO, __VA_ARGS__)
#define pvi_warn(...) pvi_log(PVI_LOG_WARN, __VA_ARGS__)
#define pvi_error(...) pvi_log(PVI_LOG_ERROR, __VA_ARGS__)

#endif
