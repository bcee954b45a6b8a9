/* pvi_text.h — text as the whole platform handles it: UTF-8, blanks and
 * trimming, integers written as text.
 *
 * One module, one behaviour: every rule that decodes, counts, trims or
 * compares text calls these functions, so that the same input gets the same
 * verdict everywhere (an e-mail padded with a no-break space is trimmed the
 * same way for an administrator, a client and a login).
 *
 * Blanks are ASCII white space (space, \t, \n, \v, \f, \r) and the Unicode
 * spaces people paste from word processors: U+00A0 (no-break space), U+2007
 * (figure space), U+2009 (thin space), U+202F (narrow no-break space) and
 * U+FEFF (byte order mark).
 *
 * Pure functions: no allocation unless said, no locale, thread-safe. NULL
 * is accepted wherever a string is read and behaves as said. */
#ifndef PVI_TEXT_H
#define PVI_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* ---- UTF-8 ---- */

/* Decodes the character at s: returns its length in bytes (1–4) with its
 * code point in *cp_out; returns 0 (and *cp_out = 0) at the end of s or on
 * an invalid sequence: a stray continuation byte, an overlong form, a
 * surrogate (U+D800–U+DFFF), a value over U+10FFFF, a truncated sequence. */
size_t pvi_utf8_decode(uint32_t *cp_out, const char *s);

/* 1 when s is well-formed UTF-8 (as pvi_utf8_decode reads it), else 0;
 * NULL gives 0. */
int pvi_utf8_valid(const char *s);

/* Number of characters (code points) of s, counted as lead bytes (valid
 * UTF-8 is assumed; continuation bytes are not counted); 0 for NULL. */
size_t pvi_utf8_length(const char *s);

/* Byte length of the first max_chars characters of s (all of s when it is
 * shorter), never cutting a character; 0 for NULL. */
size_t pvi_utf8_prefix(const char *s, size_t max_chars);

/* ---- blanks and trimming ---- */

/* Byte length of the blank that starts s (see the top of this file), or 0. */
size_t pvi_text_blank_len(const char *s);

/* 1 when s is NULL, empty or made of blanks only, else 0. */
int pvi_text_is_blank(const char *s);

/* The part of s without its leading and trailing blanks: *start_out points
 * into s and *len_out is its length in bytes. NULL gives "" and 0. */
void pvi_text_trim(const char **start_out, size_t *len_out, const char *s);

/* A copy of s without its leading and trailing blanks, owned by the caller
 * (free()); NULL gives "". */
char *pvi_text_trim_dup(const char *s);

/* ---- integers ---- */

/* Room for any long long in decimal, with its sign and the NUL. */
#define PVI_INT_TEXT_SIZE 24

/* Writes v in decimal into out (NUL-terminated) and returns its length.
 * No printf: cheap enough for every request. */
size_t pvi_int_text(char out[static PVI_INT_TEXT_SIZE], long long v);

/* Parses a whole decimal integer ("-12", no blank, no '+', no leading zero
 * unless the value is 0) in [min, max] into *out. 0, or -1 (*out
 * untouched) for anything else: NULL, "", other characters, overflow. */
int pvi_int_parse(long long *out, const char *s, long long min, long long max);

#endif
