/* xmltree.c — building XML documents with libxml2's tree API, safely:
 * every text and attribute value is first reduced to what XML 1.0 can carry
 * (invalid UTF-8 and control characters dropped) and escaped by the
 * serialiser; libxml2's allocation failures abort like pvi_malloc's. Used by
 * the XML export of a site and by the offices' views. */
#include "render/xmltree.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>

/* ---------------------------------------------------------------------------
 * Text that XML can carry.
 */

void
pvi_xml__no_memory(void)
{
    fprintf(stderr, "level=fatal msg=\"out of memory\" where=xmltree\n");
    abort();
}

/* Length of the UTF-8 sequence at s when it encodes a character XML 1.0
 * allows (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]), else 0. */
static size_t
xml_char_len(const unsigned char *s)
{
    uint32_t cp;
    size_t n = pvi_utf8_decode(&cp, (const char *)s);
    if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
        cp == 0xFFFF)
        return 0;
    return n;
}

/* A copy of s keeping only what XML may carry (invalid UTF-8 and control
 * characters other than tab and line breaks are dropped). Owned by the
 * caller; NULL gives "". */
char *
pvi_xml__clean_text(const char *s)
{
    struct pvi_buf b = {0};
    const unsigned char *u = (const unsigned char *)(s ? s : "");

    pvi_buf_puts(&b, "");
    while (*u) {
        size_t k = xml_char_len(u);
        if (k == 0) {
            u++;
            continue;
        }
        pvi_buf_append(&b, u, k);
        u += k;
    }
    return pvi_buf_steal(&b);
}

/* ---------------------------------------------------------------------------
 * Tree helpers: children take their parent's namespace; failures of libxml2
 * are memory exhaustion, handled like pvi_malloc's.
 */

xmlNodePtr
pvi_xml__el(xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = xmlNewChild(parent, parent->ns, BAD_CAST name, NULL);
    if (n == NULL)
        pvi_xml__no_memory();
    return n;
}

/* An element holding text (escaped by the serialiser). */
xmlNodePtr
pvi_xml__text_el(xmlNodePtr parent, const char *name, const char *text)
{
    char *t = pvi_xml__clean_text(text);
    xmlNodePtr n = xmlNewTextChild(parent, parent->ns, BAD_CAST name, BAD_CAST t);
    free(t);
    if (n == NULL)
        pvi_xml__no_memory();
    return n;
}

/* The same, only when text is a non-empty string. */
void
pvi_xml__opt_text_el(xmlNodePtr parent, const char *name, const char *text)
{
    if (text != NULL && *text != '\0')
        pvi_xml__text_el(parent, name, text);
}

void
pvi_xml__add_text(xmlNodePtr parent, const char *text)
{
    char *t = pvi_xml__clean_text(text);
    xmlNodePtr n = xmlNewText(BAD_CAST t);
    free(t);
    if (n == NULL || xmlAddChild(parent, n) == NULL)
        pvi_xml__no_memory();
}

void
pvi_xml__attr(xmlNodePtr node, const char *name, const char *value)
{
    char *v = pvi_xml__clean_text(value);
    /* xmlNewProp stores the value as text: '&' and '<' are escaped on output. */
    xmlAttrPtr a = xmlNewProp(node, BAD_CAST name, BAD_CAST v);
    free(v);
    if (a == NULL)
        pvi_xml__no_memory();
}

void
pvi_xml__attr_ll(xmlNodePtr node, const char *name, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    pvi_xml__attr(node, name, buf);
}
