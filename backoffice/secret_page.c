/* secret_page.c — how the back office shows a secret once (no route of its
 * own): the answer to the POST that made it (POST /comptes/nouveau, POST
 * /comptes/{id}/mot-de-passe, POST /cles/nouvelle).
 *
 * Such a POST answers 200 with the page itself, instead of the usual 303 to
 * a page with a flash message: libpvi hands the secret out once and keeps
 * only a digest (a key) or an argon2id hash (a password), so there is no
 * page to redirect to that could show it again, and putting it in a URL, a
 * cookie or a flash message would store it in the browser's history or
 * cookie jar. The page is Cache-Control: no-store (no copy kept on the way
 * or in the browser's cache) and says that it will not be shown again;
 * reloading it asks the browser to send the form again, which libpvi
 * treats as a new request (a taken e-mail is refused; a key or a reset
 * is made anew, and the first one is then listed like any other). */
#include "backoffice.h"

#include "pvi/pvi_view.h"

void
bo_secret_section(struct pvi_view *v, enum pvi_msg heading, enum pvi_msg once, const char *secret,
                  enum pvi_msg advice)
{
    struct pvi_vnode *s = pvi_view_el(pvi_view_main(v), "section", NULL);
    pvi_view_attr_msg(v, s, "heading", heading);
    pvi_view_attr(pvi_view_msg(v, s, "notice", once, NULL), "kind", "warning");
    pvi_view_attr(pvi_view_el(pvi_view_el(s, "p", NULL), "code", secret), "id", "secret");
    pvi_view_msg(v, s, "p", advice, NULL);
}

void
bo_secret_reply(struct pvi_http_request *req, struct pvi_view *v)
{
    pvi_http_add_header(req, "Cache-Control", "no-store");
    pvi_view_reply(req, v, 200);
}
