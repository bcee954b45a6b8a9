/* home.c — GET /: the back office's home page (who is logged in; the
 * dashboard comes here). */
#include "backoffice.h"

#include "pvi/pvi_web.h"

void
bo_home(struct pvi_http_request *req)
{
    pvi_web_welcome_page(req, PVI_MSG_UI_HOME_BACKOFFICE);
}
