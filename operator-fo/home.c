/* home.c — GET /: the operators' home page (who is logged in; "my queue"
 * comes here). */
#include "operator_fo.h"

#include "pvi/pvi_web.h"

void
op_home(struct pvi_http_request *req)
{
    pvi_web_welcome_page(req, PVI_MSG_UI_HOME_OPERATORS);
}
