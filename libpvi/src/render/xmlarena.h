/* xmlarena.h — the allocator behind render scopes (pvi_render.h), for render.c. */
#ifndef PVI_XMLARENA_H
#define PVI_XMLARENA_H

/* Makes xmlMalloc and friends the arena's (pass-through outside scopes). */
void pvi_xmlarena_install(void);
/* Whether this thread is inside a render scope. */
int pvi_xmlarena_active(void);
/* Whether p was handed out by this thread's arena in the current scope
 * (or an earlier one: the arena's memory is reused). */
int pvi_xmlarena_owns(const void *p);

#endif
