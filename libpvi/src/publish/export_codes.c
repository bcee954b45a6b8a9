/* export_codes.c — payment methods and languages with their labels, and
 * the social links with their networks. */
#include "export.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* payment methods and languages: codes with their French labels. */
void
pvi_export__codes(struct pvi_export__ctx *x)
{
    static const struct {
        const char *key, *list_el, *item_el;
        enum pvi_reflist list;
    } lists[] = {
        {"payment_methods", "payment-methods", "payment-method", PVI_REF_PAYMENT},
        {"languages", "languages", "language", PVI_REF_LANGUAGE},
    };
    for (size_t l = 0; l < PVI_COUNT_OF(lists); l++) {
        const json_t *codes = pvi_export__items(x->c, lists[l].key);
        struct pvi_buf joined = {0};
        json_t *langs = json_array();
        size_t i;
        json_t *code;

        if (codes == NULL) {
            json_decref(langs);
            continue;
        }
        xmlNodePtr le = pvi_xml__el(x->root, lists[l].list_el);
        json_array_foreach(codes, i, code)
        {
            const char *label = pvi_refdata_label(lists[l].list, json_string_value(code));
            if (label == NULL)
                continue;
            xmlNodePtr it = pvi_xml__text_el(le, lists[l].item_el, label);
            pvi_xml__attr(it, "code", json_string_value(code));
            if (joined.len > 0)
                pvi_buf_puts(&joined, ", ");
            pvi_buf_puts(&joined, label);
            json_array_append_new(langs, json_string(json_string_value(code)));
        }
        if (!pvi_export__keep_if_not_empty(le)) {
            json_decref(langs);
        } else if (lists[l].list == PVI_REF_PAYMENT) {
            pvi_export__ld_str(x->ld, "paymentAccepted", joined.data);
            json_object_set_new(x->ld, "currenciesAccepted", json_string("EUR"));
            json_decref(langs);
        } else {
            json_object_set_new(x->ld, "knowsLanguage", langs);
        }
        pvi_buf_free(&joined);
    }
}

void
pvi_export__social(struct pvi_export__ctx *x)
{
    static const struct {
        const char *network, *name;
    } names[] = {
        {"facebook", "Facebook"},   {"instagram", "Instagram"},     {"linkedin", "LinkedIn"},
        {"x", "X (Twitter)"},       {"youtube", "YouTube"},         {"tiktok", "TikTok"},
        {"pinterest", "Pinterest"}, {"tripadvisor", "Tripadvisor"}, {"vimeo", "Vimeo"},
        {"threads", "Threads"},
    };
    const json_t *links = pvi_export__items(x->c, "social_links");
    json_t *same_as;
    size_t i;
    json_t *l;

    if (links == NULL)
        return;
    xmlNodePtr se = pvi_xml__el(x->root, "social-links");
    same_as = json_array();
    json_array_foreach(links, i, l)
    {
        const char *url = json_string_value(l);
        if (url == NULL || strncmp(url, "https://", 8) != 0)
            continue;
        char *host = pvi_strndup(url + 8, strcspn(url + 8, "/?#"));
        const char *network = pvi_refdata_social_network(host);
        const char *name = host;
        for (size_t k = 0; network != NULL && k < PVI_COUNT_OF(names); k++)
            if (strcmp(names[k].network, network) == 0)
                name = names[k].name;
        xmlNodePtr s = pvi_xml__el(se, "social-link");
        pvi_xml__attr(s, "network", network ? network : "other");
        pvi_xml__attr(s, "name", name);
        pvi_xml__attr(s, "href", url);
        char *t = pvi_xml__clean_text(url);
        json_array_append_new(same_as, json_string(t));
        free(t);
        free(host);
    }
    if (pvi_export__keep_if_not_empty(se))
        json_object_set_new(x->ld, "sameAs", same_as);
    else
        json_decref(same_as);
}
