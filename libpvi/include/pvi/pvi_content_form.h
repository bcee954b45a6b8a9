/* pvi_content_form.h — the form of a site's whole content, shared by the
 * offices (backoffice today; operator-fo and client-fo edit with the same
 * form): its declared inputs, the form view built from a content document,
 * the content document made from what was submitted, and the comparison
 * shown when someone else saved the site meanwhile (a conflict).
 *
 * The form decides nothing: it carries the content to pvi_site_edit (or
 * pvi_site_create), whose validation (pvi_content_validate) names every
 * faulty field with a path; every input of the form is named after the path
 * of its value in the content ("business_name", "phones.1.number",
 * "hours.mon.0.open", "address.geo.lat"), so that pvi_view_form_errors puts
 * each error next to its input.
 *
 * What the form does not carry (photos, logo, videos: uploads come with
 * client-fo; any member it does not know) is kept from the content the edit
 * starts from, never dropped.
 *
 * Repeated rows (phones, closures, services, social links, domains) are
 * added and removed without JavaScript: the "_add" and "_remove" submit
 * buttons of pvi_view_repeat send the whole form, and the page shows it
 * again with a row more or less (pvi_content_form_read says so).
 *
 * Everything here is thread-safe; nodes belong to their view, JSON
 * documents returned belong to the caller (json_decref). */
#ifndef PVI_CONTENT_FORM_H
#define PVI_CONTENT_FORM_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_view.h"

#include <jansson.h>

/* ---- the declared inputs ---- */

/* The inputs of one text: at most this many bytes (the content's own
 * limits, in characters, are pvi_content_validate's: a longer text is named
 * by its rule, not refused as malformed). */
#define PVI_CONTENT_FORM_TEXT_BYTES 8192

#define PVI__CF(n) {.name = (n), .type = PVI_FIELD_TEXT, .max_bytes = PVI_CONTENT_FORM_TEXT_BYTES}
#define PVI__CF_MULTI(n)                                                                           \
    {.name = (n), .type = PVI_FIELD_TEXT, .flags = PVI_FIELD_MULTI, .max_bytes = 64}
#define PVI__CF_TOKEN(n) {.name = (n), .type = PVI_FIELD_TOKEN, .max_bytes = 64}
#define PVI__CF_DAY(d) PVI__CF("hours." d ".*.open"), PVI__CF("hours." d ".*.close")

/* The inputs of the name and activity alone (a site's first content). */
#define PVI_CONTENT_FORM_IDENTITY_FIELDS PVI__CF("business_name"), PVI__CF("activity")

/* Every input of the whole content form, with the repeated rows' "_add" and
 * "_remove" buttons: initialisers of a route's struct pvi_http_field array,
 * to which the route adds its own ("version", "note"…):
 *     static const struct pvi_http_field f[] = {PVI_CONTENT_FORM_FIELDS, {"version", …}};
 * Every input is optional: an absent one is an empty one. */
#define PVI_CONTENT_FORM_FIELDS                                                                    \
    PVI_CONTENT_FORM_IDENTITY_FIELDS, PVI__CF("tagline"), PVI__CF("description"),                  \
        PVI__CF("phones.*.kind"), PVI__CF("phones.*.number"), PVI__CF("email"),                    \
        PVI__CF("address.street"), PVI__CF("address.postal_code"), PVI__CF("address.city"),        \
        PVI__CF("address.geo.lat"), PVI__CF("address.geo.lon"), PVI__CF_DAY("mon"),                \
        PVI__CF_DAY("tue"), PVI__CF_DAY("wed"), PVI__CF_DAY("thu"), PVI__CF_DAY("fri"),            \
        PVI__CF_DAY("sat"), PVI__CF_DAY("sun"), PVI__CF("closures.*.from"),                        \
        PVI__CF("closures.*.to"), PVI__CF("closures.*.reason"), PVI__CF("services.*.title"),       \
        PVI__CF("services.*.description"), PVI__CF("services.*.price_cents"),                            \
        PVI__CF_MULTI("payment_methods"), PVI__CF_MULTI("languages"),                              \
        PVI__CF("social_links.*"), PVI__CF("seo_description"), PVI__CF("domains.*"),               \
        PVI__CF("charter"), PVI__CF_TOKEN("_add"), PVI__CF_TOKEN("_remove")

/* ---- the form ---- */

/* Adds the inputs of the whole content to form (made by pvi_view_form), in
 * the order of the public site, in groups: the business (name, activity,
 * tagline, description), contact (phones, e-mail, address, coordinates),
 * opening (weekly hours, dated closures), services (services with their
 * price in euros as "12,50", payment methods, spoken languages), on the web
 * (social links, SEO description, domains, charter). Values come from
 * content (a content document, or what pvi_content_form_read made of a
 * submission: whatever was typed, valid or not, is shown again); NULL is an
 * empty form. The caller adds its own inputs and buttons, then the errors
 * (pvi_view_form_errors), which land on these inputs by their paths. */
void pvi_content_form_fields(struct pvi_view *v, struct pvi_vnode *form, const json_t *content);

/* Adds the name and activity inputs alone (a site's first content). */
void pvi_content_form_identity(struct pvi_view *v, struct pvi_vnode *form, const json_t *content);

/* ---- the submission ---- */

/* The content document made from the request's declared inputs (the ones
 * of PVI_CONTENT_FORM_FIELDS, or the identity alone: inputs a route does not
 * declare are absent) over base (the content the edit starts from; NULL:
 * none): the members the form carries are replaced by what was submitted
 * (an empty input, an unchecked group, a list without rows: the member is
 * left out), every other member of base (photos, logo, videos…) is kept as
 * it is. Nothing is validated: texts are passed as typed; a price typed in
 * euros becomes its cents (pvi_price_parse) and coordinates numbers when
 * they read as such, else they are passed as typed and the validation names
 * them. Rows whose inputs are all empty are left out.
 *
 * When the request is a repeated-rows button ("_add=phones",
 * "_remove=phones.1"), the row is added (empty) or removed, empty rows are
 * kept, and *rows_out is 1: the caller shows the form again (200) instead
 * of saving. Otherwise *rows_out is 0. Returns a new document (never
 * NULL). */
json_t *pvi_content_form_read(int *rows_out, const struct pvi_http_request *req,
                              const json_t *base);

/* The same over name/value pairs instead of a request's inputs (tests, a
 * form replayed): pairs[2k] is a name, pairs[2k + 1] its value, npairs the
 * number of pairs; a name may come several times (a checkbox group). */
json_t *pvi_content_form_read_pairs(int *rows_out, const char *const *pairs, size_t npairs,
                                    const json_t *base);

/* ---- conflicts ---- */

/* Adds a <conflict> element (docs/views.md) to parent: for each group of
 * the form's inputs, the value of theirs (the site's current content, saved
 * by someone else since the form was shown) and of yours (what the user
 * submitted, as pvi_content_form_read made it), side by side as text, the
 * ones that differ marked. Both documents are borrowed. Returns the number
 * of members that differ. */
size_t pvi_content_form_conflict(struct pvi_view *v, struct pvi_vnode *parent, const json_t *theirs,
                                 const json_t *yours);

#endif
