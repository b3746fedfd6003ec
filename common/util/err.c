/* Text for tp_err_t, generated from the one table in err.h. */
#include "trustpath/err.h"

static const char *const messages[] = {
#define TP_ERR_MSG(code, msg) msg,
    TP_ERR_MAP(TP_ERR_MSG)
#undef TP_ERR_MSG
};

static const char *const names[] = {
#define TP_ERR_NAME(code, msg) #code,
    TP_ERR_MAP(TP_ERR_NAME)
#undef TP_ERR_NAME
};

const char *tp_err_str(tp_err_t err)
{
    if ((unsigned)err >= TP_ERR_COUNT)
        return "unknown error";
    return messages[err];
}

const char *tp_err_name(tp_err_t err)
{
    if ((unsigned)err >= TP_ERR_COUNT)
        return "TP_E?";
    return names[err];
}
