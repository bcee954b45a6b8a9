/* xmltree.h — libpvi-internal: building XML documents with libxml2's tree
 * API (xmltree.c). Text and attribute values may be any bytes: what XML 1.0
 * cannot carry is dropped, the rest is escaped when the document is written.
 * Elements take their parent's namespace. Out of memory aborts. */
#ifndef PVI_RENDER_XMLTREE_H
#define PVI_RENDER_XMLTREE_H

#include <libxml/tree.h>

/* Logs and aborts (libxml2 returned NULL: memory exhausted). */
void pvi_xml__no_memory(void) __attribute__((noreturn));
/* A copy of s keeping only what XML may carry (invalid UTF-8 and control
 * characters other than tab and line breaks are dropped). Owned by the
 * caller; NULL gives "". */
char *pvi_xml__clean_text(const char *s);
/* A new empty child element of parent. */
xmlNodePtr pvi_xml__el(xmlNodePtr parent, const char *name);
/* A new child element holding text. */
xmlNodePtr pvi_xml__text_el(xmlNodePtr parent, const char *name, const char *text);
/* The same, only when text is a non-empty string. */
void pvi_xml__opt_text_el(xmlNodePtr parent, const char *name, const char *text);
/* Appends text to parent's content. */
void pvi_xml__add_text(xmlNodePtr parent, const char *text);
/* Sets an attribute (value escaped on output). */
void pvi_xml__attr(xmlNodePtr node, const char *name, const char *value);
/* Sets an attribute to a number. */
void pvi_xml__attr_ll(xmlNodePtr node, const char *name, long long value);

#endif
