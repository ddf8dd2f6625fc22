/*===- Limits.h - the size limits kern cannot lift ------------------*- C -*-===*
 *
 * The passes size every list by the IR (lib/Support/Vec.h): operands,
 * dimensions, reduction variables and names may be as many or as long as the
 * IR has. What remains here is imposed by something outside kern; code that
 * meets one emits a located error (or, where the IR stays correct without
 * the rewrite, declines it with a remark) naming the limit.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_SUPPORT_LIMITS_H
#define KERN_SUPPORT_LIMITS_H

#include <stdint.h>

/* MLIR keeps the operand segments of an op with variadic operand groups
 * (kern.ufunc's inputs and outs, kern.reduce's inputs and init,
 * memref.alloc's sizes) in `operandSegmentSizes`, a DenseI32ArrayAttr: a
 * segment holds at most INT32_MAX operands. */
#define KERN_MAX_SEGMENT_OPERANDS INT32_MAX

#endif /* KERN_SUPPORT_LIMITS_H */
