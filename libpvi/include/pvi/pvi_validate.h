/* pvi_validate.h — validation and normalisation of site content and of the
 * identifiers the platform stores (phones, postal codes, SIRET, domains…).
 *
 * The one place where these business rules live: every office and the API
 * call these functions, none re-implements them.
 *
 * Conventions shared by every function here:
 *   - the return value is PVI_OK or the enum pvi_code of the first problem
 *     (the single-value checkers) or PVI_VALIDATION (the document checker);
 *   - input strings are NUL-terminated UTF-8 and are never modified; NULL is
 *     treated like an invalid value, never dereferenced;
 *   - output buffers are written only in full: on error they hold "" (never a
 *     partial value);
 *   - nothing here touches the database, the network or global state, so
 *     every function is thread-safe.
 *
 * Choices made where the rules leave room (all enforced by the tests):
 *   - strings are trimmed of blanks (pvi_text.h: ASCII white space and
 *     U+00A0, U+2007, U+2009, U+202F, U+FEFF) before any check; an optional text that is empty
 * after trimming, or JSON null, is treated as absent and left out of the normalised document;
 *   - lengths count UTF-8 characters (code points), not bytes;
 *   - single-line texts (name, tagline, titles, captions, address lines…)
 *     refuse control characters; multi-line texts (description, service
 *     description) accept '\n' and '\t', turn "\r\n" and '\r' into '\n' and
 *     collapse three or more line breaks into one blank line;
 *   - every human text refuses markup: '<' followed by a letter, '/', '!' or
 *     '?' (PVI_MARKUP);
 *   - postal codes are exactly 5 ASCII digits: "35 000" is refused with a
 *     message telling to remove the space (not silently rewritten);
 *   - hours cannot cross midnight: 18:00–02:00 is entered as 18:00–24:00 on
 *     one day and 00:00–02:00 on the next; touching intervals
 *     (09:00–12:00, 12:00–14:00) are allowed, overlapping ones are not;
 *   - closure dates are years 2000–2099. */
#ifndef PVI_VALIDATE_H
#define PVI_VALIDATE_H

#include <jansson.h>

#include "pvi/pvi_error.h"
#include "pvi/pvi_text.h"

/* Limits of the content document, in UTF-8 characters unless said otherwise.
 * The UIs use them for maxlength attributes and help texts. */
#define PVI_BUSINESS_NAME_MAX 80
#define PVI_TAGLINE_MAX 120
#define PVI_DESCRIPTION_MAX 2000
#define PVI_STREET_MAX 150
#define PVI_CITY_MAX 80
#define PVI_PHONES_MAX 5
#define PVI_HOURS_PER_DAY_MAX 6
#define PVI_CLOSURES_MAX 50
#define PVI_CLOSURE_REASON_MAX 120
#define PVI_SERVICES_MAX 30
#define PVI_SERVICE_TITLE_MAX 80
#define PVI_SERVICE_DESCRIPTION_MAX 500
#define PVI_PRICE_CENTS_MAX 100000000 /* one million euros */
#define PVI_PHOTOS_MAX 20
#define PVI_CAPTION_MAX 120
#define PVI_ALT_MAX 120
#define PVI_VIDEOS_MAX 3
#define PVI_VIDEO_TITLE_MAX 120
#define PVI_SOCIAL_LINKS_MAX 10
#define PVI_SOCIAL_LINK_MAX 300
#define PVI_SEO_DESCRIPTION_MAX 160
#define PVI_DOMAINS_MAX 3
#define PVI_CHARTER_MAX 40
#define PVI_EMAIL_MAX 254  /* bytes */
#define PVI_DOMAIN_MAX 253 /* bytes, without the trailing dot */

/* Validates a site content document (see the brief of the format in
 * docs/rules.md, "The data") and normalises it.
 *
 * Every problem is appended to errs (zero-initialised by the caller, who
 * frees it with pvi_errors_clear), each with a dotted path
 * ("phones.0.number", "hours.mon.1", "domains.2"), a code and a French
 * message; validation never stops at the first problem. Errors already in
 * errs are left alone and do not count.
 *
 * Drafts may be incomplete: no field is required here (see
 * pvi_content_check_complete), but whatever is present must be valid, and
 * inside a present element some members are required (a phone's kind and
 * number, a service's title, a photo's media and alt, a video's media, a
 * closure's from and to, an interval's open and close).
 *
 * On PVI_OK, *out receives a new normalised deep copy owned by the caller
 * (json_decref): strings trimmed, phones in E.164 ("+33299123456"), e-mail
 * domain and domains lower-cased, domains without trailing dot, social link
 * scheme and host lower-cased, absent/null/empty optional values removed,
 * keys in canonical order. Unsorted or overlapping hours are NOT fixed: they
 * are errors (PVI_HOURS_OVERLAP).
 * On error returns PVI_VALIDATION and sets *out to NULL.
 * out may be NULL when only the verdict is wanted. content NULL or not an
 * object gives PVI_VALIDATION with a PVI_BAD_TYPE error at path "". */
enum pvi_code pvi_content_validate(json_t **out, const json_t *content, struct pvi_errors *errs);

/* The "complete" rule checked before a site goes to review (docs/rules.md):
 * business name, activity, at least one phone, address street, postal code
 * and city, charter, and at least one domain unless has_slug is non-zero.
 * Only presence is checked (a string non-empty after trimming, an array with
 * one element); validity is pvi_content_validate's job.
 * Appends one PVI_REQUIRED error per missing field (paths "business_name",
 * "activity", "phones", "address.street", "address.postal_code",
 * "address.city", "charter", "domains") and returns PVI_INCOMPLETE, or
 * returns PVI_OK. content NULL counts as an empty document. */
enum pvi_code pvi_content_check_complete(const json_t *content, int has_slug,
                                         struct pvi_errors *errs);

/* Normalises a French phone number to E.164 into out.
 * Accepted forms (spaces, dots and hyphens as separators anywhere):
 * "02 99 12 34 56", "02.99.12.34.56", "0299123456", "+33 2 99 12 34 56",
 * "+33299123456", "0033299123456", "+33 (0)2 99 12 34 56".
 * Overseas départements use their own country codes, as E.164 requires:
 * 0262/0263/0692/0693 (La Réunion) and 0269/0639 (Mayotte) → +262,
 * 0590/0690/0691 (Guadeloupe, Saint-Martin, Saint-Barthélemy) → +590,
 * 0594/0694 (Guyane) → +594, 0596/0696 (Martinique) → +596; the international
 * forms +262…, +590…, +594…, +596… (or 00…) are accepted when the number
 * belongs to that code, and "+33" followed by an overseas number is rewritten
 * to the right code. +269 is Comoros (Mayotte left it in 2007): refused.
 * Errors: PVI_PREMIUM_PHONE for 089x (premium rate); PVI_BAD_PHONE for
 * anything else wrong (other characters, not 10 national digits, "00" after
 * the trunk 0, a foreign country code, a number under the wrong overseas
 * code). out ("+33299123456", at most 13 characters) is "" on error. */
enum pvi_code pvi_phone_normalize(char out[static 16], const char *in);

/* Pragmatic e-mail check on a trimmed address: exactly one '@'; local part
 * 1–64 of A–Z a–z 0–9 and !#$%&'*+/=?^_`{|}~.- with no leading, trailing or
 * double dot; domain a valid host name (pvi_domain_normalize rules, so at
 * least two labels); total ≤ 254 bytes. PVI_OK or PVI_BAD_EMAIL. */
enum pvi_code pvi_email_check(const char *in);
/* Same check after trimming in; writes the address with its domain
 * lower-cased into out ("" on error). PVI_OK or PVI_BAD_EMAIL. */
enum pvi_code pvi_email_normalize(char out[static 255], const char *in);

/* French postal code: exactly 5 ASCII digits (no space, no trimming) of an
 * existing département: 01–19 and 21–95; 20000–20199 Corse-du-Sud ("2A"),
 * 20200–20620 Haute-Corse ("2B"); 971xx–976xx overseas ("971" Guadeloupe,
 * "972" Martinique, "973" Guyane, "974" La Réunion, "975"
 * Saint-Pierre-et-Miquelon, "976" Mayotte). Refused: 00, 96, 977–979, 98
 * (980 is Monaco, a foreign postal area; 986–988 are Pacific territories
 * without départements), 99.
 * Writes the département code into dept_out ("35", "2A", "974"; "" on
 * error). PVI_OK or PVI_BAD_POSTAL_CODE. */
enum pvi_code pvi_postal_code_check(char dept_out[static 4], const char *in);

/* SIRET: exactly 14 ASCII digits passing the Luhn check, SIREN part not
 * 000000000. Exception: La Poste (SIREN 356000000), whose establishments do
 * not follow Luhn, is also valid when the sum of the 14 digits is a multiple
 * of 5 (its head office 35600000000048 passes Luhn). PVI_OK or PVI_BAD_SIRET. */
enum pvi_code pvi_siret_check(const char *in);
/* Same check on a form input: leading/trailing white space and spaces
 * between digits ("732 829 320 00074") are removed first; writes the 14
 * digits into out ("" on error). */
enum pvi_code pvi_siret_normalize(char out[static 15], const char *in);

/* Customer number: exactly "PJ" followed by 8 ASCII digits.
 * PVI_OK or PVI_BAD_CUSTOMER_NUMBER. */
enum pvi_code pvi_customer_number_check(const char *in);
/* Same check on a login-form input: trims, and accepts a lower-case "pj";
 * writes the canonical "PJ12345678" into out ("" on error). */
enum pvi_code pvi_customer_number_normalize(char out[static 11], const char *in);

/* Host name: ASCII letters (lower-cased), digits and '-', one trailing dot
 * removed, at least 2 labels of 1–63 characters not starting or ending with
 * '-', total ≤ 253, top-level label not all digits (so no IPv4 address);
 * IDN only as punycode: "--" in positions 3–4 of a label is allowed only
 * for "xn--" labels. No trimming. Writes the normalised name into out
 * ("" on error). PVI_OK or PVI_BAD_DOMAIN. */
enum pvi_code pvi_domain_normalize(char out[static 254], const char *in);

/* Site slug: 2–63 of [a-z0-9-], not starting or ending with '-', no "--".
 * PVI_OK or PVI_BAD_SLUG. */
enum pvi_code pvi_slug_check(const char *in);

/* "HH:MM" (exactly 5 characters, 24-hour clock) → minutes since midnight in
 * *minutes_out (0..1439, or 1440 for "24:00" when allow_24 is non-zero: a
 * closing time). PVI_OK or PVI_BAD_HOURS (*minutes_out untouched). */
enum pvi_code pvi_hhmm_parse(int *minutes_out, const char *in, int allow_24);

/* "YYYY-MM-DD", a real calendar date (leap years included) in 2000–2099.
 * PVI_OK or PVI_BAD_DATE. */
enum pvi_code pvi_date_check(const char *in);

/* Social link: "https://" + a host of the allow-list (pvi_refdata.h), no
 * userinfo, no port, a non-empty path (the business's page, not the
 * network's home page), no white space or control character, valid
 * %-escapes, ≤ 300 characters. Writes a new string with scheme and host
 * lower-cased into *out (caller frees; NULL on error).
 * PVI_OK or PVI_BAD_URL. */
enum pvi_code pvi_social_url_normalize(char **out, const char *in);

/* 1 when in holds markup by the platform's rule ('<' followed by an ASCII
 * letter, '/', '!' or '?'), else 0. */
int pvi_text_has_markup(const char *in);

/* A price as a person types it, in euros: digits (thousands may be grouped
 * by blanks: "1 200"), then optionally a decimal comma or point and one or
 * two digits ("12,50", "12.5", "12"), optionally followed by "€"; blanks
 * around are ignored. Writes the cents into *cents_out (1250).
 * PVI_OK, or PVI_BAD_PRICE (*cents_out untouched) for anything else or
 * more than PVI_PRICE_CENTS_MAX. */
enum pvi_code pvi_price_parse(long long *cents_out, const char *in);

/* Cents as a person types them back: "12,50" (no sign, no grouping). */
#define PVI_PRICE_TEXT_SIZE 32
size_t pvi_price_text(char out[static PVI_PRICE_TEXT_SIZE], long long cents);

#endif
