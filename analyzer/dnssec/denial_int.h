/* Internal to the denial-of-existence code (denial.c, nsec.c, nsec3.c):
 * result bookkeeping shared by the NSEC and NSEC3 evaluators. */
#ifndef TRUSTPATH_DENIAL_INT_H
#define TRUSTPATH_DENIAL_INT_H

#include "trustpath/denial.h"

/** Append a fact for `part` about `name`, initially missing (ok false,
 * TP_DENIAL_R_NO_RECORD, no record). NULL when the table is full; the
 * functions below accept NULL and still update the status. */
tp_denial_fact_t *tp_denial_fact_add(tp_denial_result_t *r,
                                     tp_denial_part_t part,
                                     const uint8_t *name);
/** The part holds, shown by record rr_index. */
void tp_denial_fact_ok(tp_denial_fact_t *f, size_t rr_index);
/** The part fails: NO_RECORD makes the result MISSING, OPTOUT makes it
 * OPTOUT (the fact itself holds), anything else CONTRADICTED. */
void tp_denial_fact_fail(tp_denial_result_t *r, tp_denial_fact_t *f,
                         size_t rr_index, tp_denial_reason_t reason);
/** Raise the status to `status` if that is worse (PROVEN < OPTOUT <
 * MISSING < CONTRADICTED < BUDGET); the reason follows the status. */
void tp_denial_worsen(tp_denial_result_t *r, tp_denial_status_t status,
                      tp_denial_reason_t reason);
/** Record that input record rr_index was set aside. */
void tp_denial_note(tp_denial_result_t *r, size_t rr_index,
                    tp_denial_reason_t reason);
/** Number of rightmost labels a and b share (case-insensitively). */
unsigned tp_denial_common_labels(const uint8_t *a, const uint8_t *b);

/** The evaluators; in and out checked by tp_denial_evaluate, out already
 * initialised (status PROVEN, no facts). */
TP_NODISCARD tp_err_t tp_denial_nsec_eval(const tp_denial_input_t *in,
                                          tp_denial_result_t *out);
TP_NODISCARD tp_err_t tp_denial_nsec3_eval(const tp_denial_input_t *in,
                                           tp_denial_result_t *out);

#endif /* TRUSTPATH_DENIAL_INT_H */
