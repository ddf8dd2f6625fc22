/*===- kern/Analysis/MemoryEffects.h - memory effects and aliasing -*- C -*-===*
 *
 * The one place that decides which arrays an op reads or writes and whether
 * two memrefs may share memory. Every pass asks here (kern-fuse,
 * convert-kern-prange-to-scf, kern-canonicalize, convert-kern-to-affine), and the
 * answers come from the ops' own interfaces (kern-c/Interfaces.h), not from
 * lists of op names: an op that declares its effects is understood
 * everywhere.
 *
 * Buffers. A memref value views a buffer; following view-like ops to their
 * source gives the value that names the buffer (its root):
 *
 *   %a = memref.alloc(%n) : memref<?xf64>             root %a, fresh
 *   %v = memref.subview %a[1] [%m] [1] : ...          root %a
 *   %t = memref.transpose %arg0 (d0, d1) -> (d1, d0)  root %arg0, argument
 *   %r = func.call @f(%a) : (...) -> memref<?xf64>    root %r, unknown
 *
 * A fresh buffer (an Allocate effect on the result that defines it) is
 * reached by no other root; function arguments are distinct from fresh
 * buffers but may overlap each other; anything else (a call's result, a loop
 * argument, a select between memrefs) may be any buffer.
 *
 * Accesses. kernAccessesOf lists the memrefs an op itself reads and writes
 * (a free counts as a write; writes to the op's own fresh results are not
 * listed). An op without MemoryEffectOpInterface may read and write any
 * memory; an op with recursive effects (scf.for, kern.prange) has none of its
 * own and its nested ops are asked one by one. Effects on resources of their
 * own (the random generator's state, the error state) touch no array. A call
 * of a function declared with the unit attribute `kern.readonly` (the
 * runtime's print functions) reads any memory and writes none.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_ANALYSIS_MEMORYEFFECTS_H
#define KERN_ANALYSIS_MEMORYEFFECTS_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*--- Buffers ---------------------------------------------------------------*/

typedef enum KernBufferKind {
  KernBufferFresh,    /* allocated by the op that defines the root */
  KernBufferArgument, /* an argument of the enclosing function */
  KernBufferUnknown,  /* may be any buffer */
} KernBufferKind;

typedef struct KernBuffer {
  MlirValue root;
  KernBufferKind kind;
} KernBuffer;

/* The value `op` is a view of: the source of a ViewLikeOpInterface op, or
 * the one memref operand of an op with no memory effects whose result is a
 * memref (memref.transpose declares no view interface). Null otherwise. */
MlirValue kernViewSource(MlirOperation op);
static inline bool kernIsView(MlirOperation op) {
  return !mlirValueIsNull(kernViewSource(op));
}

/* The buffer the memref `v` views. */
KernBuffer kernBufferOf(MlirValue v);

/* `v` is a memref result that its defining op allocates. */
bool kernIsAllocated(MlirValue v);

/* `a` and `b` may share memory. The same value may alias itself. */
bool kernMayAlias(MlirValue a, MlirValue b);

/*--- Accesses --------------------------------------------------------------*/

typedef struct KernAccess {
  MlirValue value; /* a memref operand */
  bool write;      /* a write or a free; else a read */
} KernAccess;

typedef struct KernAccesses {
  KernAccess *data;
  intptr_t size, cap;
  bool readsAny;  /* may read memory no listed value names */
  bool writesAny; /* may write memory no listed value names */
} KernAccesses;

/* The array memory `op` itself accesses (not its nested ops when its
 * effects are theirs); the caller frees it with kernAccessesFree. */
KernAccesses kernAccessesOf(MlirOperation op);
void kernAccessesFree(KernAccesses *a);

/* `op` may write memory that `v` views. */
bool kernMayWrite(MlirOperation op, MlirValue v);

/* `op`, one of `v`'s users, at most reads it: it writes nothing `v` may
 * reach, does not let it escape (return, yield, a result that is not fresh)
 * and every view it makes of `v` is only read in turn. */
bool kernOnlyReads(MlirOperation op, MlirValue v);

/* Every user of `v` only reads it (kernOnlyReads). */
bool kernAllUsesOnlyRead(MlirValue v);

#ifdef __cplusplus
}
#endif

#endif /* KERN_ANALYSIS_MEMORYEFFECTS_H */
