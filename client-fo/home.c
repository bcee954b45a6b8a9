/* home.c — GET /: the client's home page (who is logged in; "my site"
 * comes here). */
#include "client_fo.h"

#include "pvi/pvi_web.h"

void
cl_home(struct pvi_http_request *req)
{
    pvi_web_welcome_page(req, PVI_MSG_UI_HOME_CLIENTS);
}
