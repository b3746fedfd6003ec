/* Error codes: "could not do the work" (bad input, no memory, a budget hit).
 * What the analyzer *finds* about a zone is never an error: it is a verdict
 * plus diagnostics (see diag.h). Append only: codes are never renumbered. */
#ifndef TRUSTPATH_ERR_H
#define TRUSTPATH_ERR_H

#define TP_ERR_MAP(X)                                                     \
    X(TP_OK, "success")                                                   \
    X(TP_ENOMEM, "out of memory")                                         \
    X(TP_EINVAL, "invalid argument")                                      \
    X(TP_ETRUNCATED, "data ends before the field it declares")            \
    X(TP_EMALFORMED, "malformed DNS wire data")                           \
    X(TP_ELABEL, "label longer than 63 octets")                           \
    X(TP_ENAMELEN, "name longer than 255 octets")                         \
    X(TP_EPOINTER, "bad compression pointer (loop, forward or past end)") \
    X(TP_ELABELTYPE, "reserved label type")                               \
    X(TP_ERDLENGTH, "RDLENGTH runs past the end of the message")          \
    X(TP_ECOUNT, "section count larger than the message holds")           \
    X(TP_ETRAILING, "trailing bytes after the data")                      \
    X(TP_ESYNTAX, "syntax error in presentation format")                  \
    X(TP_EUNSUPPORTED, "unsupported")                                     \
    X(TP_ENOSPACE, "output does not fit")                                 \
    X(TP_ECRYPTO, "cryptographic library failure")                        \
    X(TP_ELIMIT, "work budget exhausted")                                 \
    X(TP_EIO, "input/output error")                                       \
    X(TP_ENOTFOUND, "not found")                                          \
    X(TP_EFORMAT, "malformed file")

typedef enum {
#define TP_ERR_ENUM(code, msg) code,
    TP_ERR_MAP(TP_ERR_ENUM)
#undef TP_ERR_ENUM
    TP_ERR_COUNT
} tp_err_t;

#if defined(__GNUC__)
#define TP_NODISCARD    __attribute__((warn_unused_result))
#define TP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TP_NODISCARD
#define TP_PRINTF(f, a)
#endif

/** @return a one-sentence description of err (static storage). */
const char *tp_err_str(tp_err_t err);

/** @return the symbolic name of err, e.g. "TP_EPOINTER" (static storage). */
const char *tp_err_name(tp_err_t err);

#endif /* TRUSTPATH_ERR_H */
