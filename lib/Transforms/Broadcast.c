/*===- Broadcast.c - kern-broadcast: NumPy broadcasting made explicit ------===*
 *
 * A kern.ufunc or kern.reduce may take arrays of different ranks and sizes;
 * NumPy broadcasts them: shapes are aligned from the right, a missing leading
 * dimension or a dimension of size 1 is repeated, any other disagreement is
 * an error. This pass makes that explicit, so that later passes see arrays
 * that all have the iteration shape:
 *
 * 1. The iteration shape. For every dimension, a static size other than 1
 *    decides it; otherwise the sizes that are not statically 1 are combined
 *    at run time with NumPy's rule (`s == 1 ? other : s`). Two different
 *    static sizes (neither 1) are a compile-time error at the op.
 * 2. A run-time check, where some size is only known at run time: every
 *    size must be 1 or the iteration size, else
 *      ValueError: operands could not be broadcast together with shapes (3,) (4,)
 *    with the actual shapes, NumPy's wording. `outs` arrays take part in
 *    broadcasting like NumPy's `out=`, and must have exactly the broadcast
 *    shape ("non-broadcastable output operand with shape ...").
 * 3. A `kern.broadcast` view (zero strides where a size is 1 or a dimension
 *    is missing) replaces every input that is not provably of the iteration
 *    shape already.
 *
 * Sizes are compared symbolically: a static size, an index value, or
 * "dimension d of array a", looking through memref.dim, memref.cast,
 * memref.subview (`x[1:] - x[:-1]` has one size), kern.broadcast,
 * kern.alloc/memref.alloc and the results of array ops made explicit before
 * (a ufunc's result has the sizes of its first array input, an accumulation
 * those of its input, a reduction the kept ones). So `np.sin(x) * x` needs
 * neither a check nor a view, and a second run of the pass finds nothing to
 * do. A size computed by NumPy's rule is marked `kern.broadcast_size`; its
 * check covers the sizes folded into it, so `(x + y) * x` checks once.
 *
 *   %z = kern.ufunc(%x, %y : memref<?xf64>, memref<?xf64>) {
 *   ^bb0(%a: f64, %b: f64):
 *     %s = arith.addf %a, %b : f64
 *     kern.yield %s : f64
 *   } -> memref<?xf64>
 * becomes
 *   %n = memref.dim %x, %c0 : memref<?xf64>
 *   %m = memref.dim %y, %c0 : memref<?xf64>
 *   %m1 = arith.cmpi eq, %m, %c1 : index
 *   %d = arith.select %m1, %n, %m {kern.broadcast_size} : index
 *   %n1 = arith.cmpi eq, %n, %c1 : index
 *   %nd = arith.cmpi eq, %n, %d : index
 *   %ok = arith.ori %n1, %nd : i1
 *   %bad = arith.xori %ok, %true : i1
 *   scf.if %bad {
 *     kern.raise "ValueError", "operands could not be broadcast together with shapes (%d,) (%d,) "(%n, %m : index, index)
 *   }
 *   %bx = kern.broadcast %x to (%d) : memref<?xf64> -> memref<?xf64, strided<[?], offset: ?>>
 *   %by = kern.broadcast %y to (%d) : memref<?xf64> -> memref<?xf64, strided<[?], offset: ?>>
 *   %z = kern.ufunc(%bx, %by : memref<?xf64, strided<[?], offset: ?>>,
 *                   memref<?xf64, strided<[?], offset: ?>>) { ... } -> memref<?xf64>
 *
 * After the pass, every array input of a kern.ufunc / kern.reduce has the
 * iteration rank and sizes, so the lowering may take the sizes of a fresh
 * result from its first array input.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Extents: sizes compared without materializing them
 *===----------------------------------------------------------------------===*/

/* A size known statically (`size` >= 0), held by an index value, or read
 * from dimension `dim` of `array`. */
typedef struct Extent {
  int64_t size;
  MlirValue value;
  MlirValue array;
  int64_t dim;
} Extent;

typedef KERN_VEC(Extent) ExtentVec;

static Extent staticExtent(int64_t n) { return (Extent){.size = n}; }
static bool isStatic(Extent e) { return e.size >= 0; }

static bool sameExtent(Extent a, Extent b) {
  if (isStatic(a) || isStatic(b))
    return a.size == b.size;
  if (!mlirValueIsNull(a.value) || !mlirValueIsNull(b.value))
    return mlirValueEqual(a.value, b.value);
  return mlirValueEqual(a.array, b.array) && a.dim == b.dim;
}

static Extent extentOfDim(MlirValue array, int64_t d);

/* The extent an index value holds. */
static Extent extentOfIndex(MlirValue v) {
  int64_t c;
  if (kernConstantIntValue(v, &c))
    return staticExtent(c);
  if (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (kernOpNameIs(def, "memref.dim") &&
        kernConstantIntValue(mlirOperationGetOperand(def, 1), &c))
      return extentOfDim(mlirOperationGetOperand(def, 0), c);
  }
  return (Extent){.size = -1, .value = v};
}

/* The first array input of an array op with rank `rank`, or null. */
static MlirValue firstArrayInputOfRank(MlirOperation op, int64_t rank) {
  intptr_t n = kernOperandSegmentSize(op, 0);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (kernIsMemRef(mlirValueGetType(v)) &&
        kernRank(mlirValueGetType(v)) == rank)
      return v;
  }
  return (MlirValue){NULL};
}

/* Dimension `d` of the result of a kern.reduce over some axes: the d-th
 * dimension that is not reduced. */
static Extent extentOfReduceResult(MlirOperation op, MlirValue array,
                                   int64_t d) {
  KernI64Vec axes = {0};
  intptr_t nAxes = kernReduceAxes(op, &axes);
  MlirValue in = mlirOperationGetOperand(op, 0);
  int64_t rank = kernRank(mlirValueGetType(in));
  Extent e = {.size = -1, .array = array, .dim = d};
  for (int64_t i = 0, kept = 0; nAxes >= 0 && i < rank; ++i) {
    bool reduced = false;
    for (intptr_t k = 0; k < nAxes; ++k)
      reduced |= axes.data[k] == i;
    if (!reduced && kept++ == d) {
      e = extentOfDim(in, i);
      break;
    }
  }
  kernVecFree(&axes);
  return e;
}

/* Index of the operand of an allocation that gives dynamic dimension `d`. */
static intptr_t dynamicSizeOperand(MlirType t, int64_t d) {
  intptr_t k = 0;
  for (int64_t i = 0; i < d; ++i)
    k += mlirShapedTypeIsDynamicDim(t, i);
  return k;
}

/* Dimension `d` of a memref.subview that keeps the rank: its size operand. */
static bool extentOfSubview(MlirOperation view, int64_t d, Extent *e) {
  MlirValue src = mlirOperationGetOperand(view, 0);
  MlirAttribute sizes = mlirOperationGetAttributeByName(
      view, mlirStringRefCreateFromCString("static_sizes"));
  int64_t rank = kernRank(mlirValueGetType(mlirOperationGetResult(view, 0)));
  if (mlirAttributeIsNull(sizes) || rank != kernRank(mlirValueGetType(src)) ||
      mlirDenseArrayGetNumElements(sizes) != rank)
    return false;
  /* Operands: source, offsets, sizes, strides. */
  intptr_t k = 1 + kernOperandSegmentSize(view, 1);
  for (int64_t i = 0; i < d; ++i)
    k += mlirDenseI64ArrayGetElement(sizes, i) ==
         mlirShapedTypeGetDynamicSize();
  *e = extentOfIndex(mlirOperationGetOperand(view, k));
  return true;
}

static Extent extentOfDim(MlirValue array, int64_t d) {
  MlirType t = mlirValueGetType(array);
  Extent unknown = {.size = -1, .array = array, .dim = d};
  if (!mlirTypeIsAMemRef(t) || d < 0 || d >= mlirShapedTypeGetRank(t))
    return unknown;
  if (!mlirShapedTypeIsDynamicDim(t, d))
    return staticExtent(mlirShapedTypeGetDimSize(t, d));
  if (!mlirValueIsAOpResult(array))
    return unknown;
  MlirOperation def = mlirOpResultGetOwner(array);
  if (kernOpIsBroadcast(def))
    return extentOfIndex(mlirOperationGetOperand(def, 1 + d));
  if (kernOpNameIs(def, "memref.cast")) {
    MlirValue src = mlirOperationGetOperand(def, 0);
    if (mlirTypeIsAMemRef(mlirValueGetType(src)))
      return extentOfDim(src, d);
  }
  Extent e;
  if (kernOpNameIs(def, "memref.subview") && extentOfSubview(def, d, &e))
    return e;
  if (kernOpIsAlloc(def) || kernOpNameIs(def, "memref.alloc") ||
      kernOpNameIs(def, "memref.alloca"))
    return extentOfIndex(
        mlirOperationGetOperand(def, dynamicSizeOperand(t, d)));
  if (kernOpIsUfunc(def)) {
    /* Made explicit before this use: its inputs have the result's sizes. */
    MlirValue in = firstArrayInputOfRank(def, mlirShapedTypeGetRank(t));
    if (!mlirValueIsNull(in))
      return extentOfDim(in, d);
  }
  if (kernOpIsReduce(def))
    return extentOfReduceResult(def, array, d);
  if (kernOpIsAccumulate(def))
    return extentOfDim(mlirOperationGetOperand(def, 0), d);
  return unknown;
}

/*===----------------------------------------------------------------------===*
 * The broadcast problem of one op
 *===----------------------------------------------------------------------===*/

typedef struct Operand {
  MlirValue value;
  intptr_t pos; /* operand number in the op; -1 for a result */
  int64_t rank;
  Extent *ext; /* one per dimension */
} Operand;

typedef struct Site {
  MlirOperation op;
  int64_t rank; /* iteration rank */
  /* Array inputs, then `outs` arrays, then results with a static size. */
  intptr_t nIn, nOut, nRes;
  KERN_VEC(Operand) arrays;
  /* Per iteration dimension (`rank` of each, made by analyze): the sizes
   * that are not statically 1 (in operand order, without repeats) and the
   * iteration size. */
  ExtentVec *distinct;
  Extent *iter;
  bool *folded; /* iteration size is a run-time combination */
  MlirValue *iterValue;
  /* Materialized extents, so each size is read once per op. */
  ExtentVec cacheKey;
  KernValueVec cacheValue;
} Site;

static void siteFree(Site *s) {
  for (intptr_t k = 0; k < s->arrays.size; ++k)
    free(s->arrays.data[k].ext);
  kernVecFree(&s->arrays);
  for (int64_t i = 0; s->distinct && i < s->rank; ++i)
    kernVecFree(&s->distinct[i]);
  free(s->distinct);
  free(s->iter);
  free(s->folded);
  free(s->iterValue);
  kernVecFree(&s->cacheKey);
  kernVecFree(&s->cacheValue);
}

/* Operand `o`'s extent along iteration dimension `i`, if it has one. */
static bool extentAt(const Site *s, const Operand *o, int64_t i, Extent *e) {
  int64_t j = i - (s->rank - o->rank);
  if (j < 0)
    return false;
  *e = o->ext[j];
  return true;
}

static MlirLogicalResult addArray(Site *s, MlirValue v, intptr_t pos) {
  int64_t rank = kernRank(mlirValueGetType(v));
  Operand o = {v, pos, rank, KERN_ALLOC(Extent, rank)};
  for (int64_t d = 0; d < rank; ++d)
    o.ext[d] = extentOfDim(v, d);
  kernVecPush(&s->arrays, o);
  return mlirLogicalResultSuccess();
}

static bool hasStaticDim(MlirType t) {
  for (int64_t d = 0; d < kernRank(t); ++d)
    if (!mlirShapedTypeIsDynamicDim(t, d))
      return true;
  return false;
}

/* Collects the array operands of a kern.ufunc / kern.reduce. */
static MlirLogicalResult collect(Site *s) {
  MlirOperation op = s->op;
  intptr_t nInputs = kernOperandSegmentSize(op, 0);
  for (intptr_t i = 0; i < nInputs; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (kernIsMemRef(mlirValueGetType(v))) {
      if (mlirLogicalResultIsFailure(addArray(s, v, i)))
        return mlirLogicalResultFailure();
      ++s->nIn;
    }
  }
  if (!kernOpIsUfunc(op))
    return mlirLogicalResultSuccess();
  intptr_t nOuts = kernOperandSegmentSize(op, 1);
  for (intptr_t i = 0; i < nOuts; ++i) {
    if (mlirLogicalResultIsFailure(addArray(
            s, mlirOperationGetOperand(op, nInputs + i), nInputs + i)))
      return mlirLogicalResultFailure();
    ++s->nOut;
  }
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i) {
    MlirValue r = mlirOperationGetResult(op, i);
    if (!hasStaticDim(mlirValueGetType(r)))
      continue;
    if (mlirLogicalResultIsFailure(addArray(s, r, -1)))
      return mlirLogicalResultFailure();
    ++s->nRes;
  }
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * Messages
 *===----------------------------------------------------------------------===*/

/* A message under construction, with the values its `%d`s print. */
typedef struct Message {
  KernCharVec text;
  KernValueVec args;
} Message;

static void put(Message *m, const char *s) { kernCharVecAppend(&m->text, s); }

static void putSize(Message *m, int64_t n) {
  kernCharVecAppendf(&m->text, "%lld", (long long)n);
}

static void messageFree(Message *m) {
  kernVecFree(&m->text);
  kernVecFree(&m->args);
}

/* NumPy's tuple syntax: (), (3,), (2,3). A dynamic size is printed as `?`
 * (compile time) or as `%d` with its value added to the arguments. */
static void putTuple(Message *m, intptr_t n, const Extent *ext,
                     const MlirValue *values) {
  put(m, "(");
  for (intptr_t d = 0; d < n; ++d) {
    if (d)
      put(m, ",");
    if (isStatic(ext[d]))
      putSize(m, ext[d].size);
    else if (!values)
      put(m, "?");
    else {
      put(m, "%d");
      kernVecPush(&m->args, values[d]);
    }
  }
  put(m, n == 1 ? ",)" : ")");
}

static void putStaticTuple(Message *m, const Operand *o) {
  putTuple(m, o->rank, o->ext, NULL);
}

/* The iteration shape: unknown where it is a run-time combination. */
static void putIterationShape(Message *m, const Site *s,
                              const MlirValue *values) {
  Extent *ext = KERN_ALLOC(Extent, s->rank);
  for (int64_t i = 0; i < s->rank; ++i)
    ext[i] = s->folded[i] ? (Extent){.size = -1} : s->iter[i];
  putTuple(m, s->rank, ext, values);
  free(ext);
}

/*===----------------------------------------------------------------------===*
 * Static analysis: the iteration shape and compile-time errors
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult incompatibleError(const Site *s) {
  Message m = {0};
  put(&m, "operands could not be broadcast together with shapes");
  for (intptr_t k = 0; k < s->nIn + s->nOut; ++k) {
    put(&m, " ");
    putStaticTuple(&m, &s->arrays.data[k]);
  }
  kernEmitError(mlirOperationGetLocation(s->op), "%s", m.text.data);
  messageFree(&m);
  return mlirLogicalResultFailure();
}

static MlirLogicalResult outputError(const Site *s, const Operand *o) {
  Message m = {0};
  put(&m, "non-broadcastable output operand with shape ");
  putStaticTuple(&m, o);
  put(&m, " doesn't match the broadcast shape ");
  putIterationShape(&m, s, NULL);
  kernEmitError(mlirOperationGetLocation(s->op), "%s", m.text.data);
  messageFree(&m);
  return mlirLogicalResultFailure();
}

/* The iteration sizes this pass computes (NumPy's rule folded with
 * arith.select) carry this unit attribute: the check emitted with such a
 * "join" guarantees that every size folded into it is 1 or the join. */
static const char kJoinAttr[] = "kern.broadcast_size";

static bool isJoin(MlirValue v) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  return kernOpNameIs(def, "arith.select") &&
         !mlirAttributeIsNull(mlirOperationGetDiscardableAttributeByName(
             def, mlirStringRefCreateFromCString(kJoinAttr)));
}

/* `e` was folded into the join `j` (at any depth; `budget` bounds the walk
 * over shared sub-joins, giving up conservatively). */
static bool joinedInto(Extent e, MlirValue j, int *budget) {
  if (!isJoin(j) || --*budget < 0)
    return false;
  MlirOperation select = mlirOpResultGetOwner(j);
  for (intptr_t k = 1; k <= 2; ++k) { /* the size so far, the next one */
    MlirValue part = mlirOperationGetOperand(select, k);
    if (sameExtent(e, extentOfIndex(part)) || joinedInto(e, part, budget))
      return true;
  }
  return false;
}

/* Drops the sizes of dimension `i` that another of its sizes, a join,
 * already covers: `x + y` made one check, `(x + y) * x` needs none. */
static void dropJoinedSizes(Site *s, int64_t i) {
  ExtentVec *sizes = &s->distinct[i];
  intptr_t n = 0;
  for (intptr_t k = 0; k < sizes->size; ++k) {
    bool joined = false;
    for (intptr_t l = 0; l < sizes->size && !joined; ++l) {
      int budget = 256;
      Extent j = sizes->data[l];
      joined = l != k && !mlirValueIsNull(j.value) &&
               joinedInto(sizes->data[k], j.value, &budget);
    }
    if (!joined)
      sizes->data[n++] = sizes->data[k];
  }
  sizes->size = n;
}

static void addDistinct(Site *s, int64_t i, Extent e) {
  for (intptr_t k = 0; k < s->distinct[i].size; ++k)
    if (sameExtent(s->distinct[i].data[k], e))
      return;
  kernVecPush(&s->distinct[i], e);
}

/* Decides the iteration size of dimension `i` from the inputs and outs. */
static MlirLogicalResult analyzeDim(Site *s, int64_t i) {
  int64_t fixed = -1;
  for (intptr_t k = 0; k < s->nIn + s->nOut; ++k) {
    Extent e;
    if (!extentAt(s, &s->arrays.data[k], i, &e) || (isStatic(e) && e.size == 1))
      continue;
    if (isStatic(e) && fixed >= 0 && e.size != fixed)
      return incompatibleError(s);
    if (isStatic(e))
      fixed = e.size;
    addDistinct(s, i, e);
  }
  dropJoinedSizes(s, i);
  if (fixed >= 0)
    s->iter[i] = staticExtent(fixed);
  else if (s->distinct[i].size == 0)
    s->iter[i] = staticExtent(1);
  else if (s->distinct[i].size == 1)
    s->iter[i] = s->distinct[i].data[0];
  else {
    s->iter[i] = (Extent){.size = -1}; /* computed at run time */
    s->folded[i] = true;
  }
  return mlirLogicalResultSuccess();
}

/* Outs and static result sizes must be the iteration shape exactly. */
static MlirLogicalResult checkOutputsStatically(const Site *s) {
  for (intptr_t k = s->nIn; k < s->nIn + s->nOut + s->nRes; ++k) {
    const Operand *o = &s->arrays.data[k];
    if (o->rank != s->rank)
      return outputError(s, o);
    for (int64_t i = 0; i < s->rank; ++i)
      if (isStatic(o->ext[i]) && !s->folded[i] && isStatic(s->iter[i]) &&
          o->ext[i].size != s->iter[i].size)
        return outputError(s, o);
  }
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult analyze(Site *s) {
  s->rank = 0;
  for (intptr_t k = 0; k < s->nIn + s->nOut + s->nRes; ++k)
    if (s->arrays.data[k].rank > s->rank)
      s->rank = s->arrays.data[k].rank;
  s->distinct = KERN_ALLOC(ExtentVec, s->rank);
  s->iter = KERN_ALLOC(Extent, s->rank);
  s->folded = KERN_ALLOC(bool, s->rank);
  s->iterValue = kernValuesAlloc(s->rank);
  for (int64_t i = 0; i < s->rank; ++i)
    if (mlirLogicalResultIsFailure(analyzeDim(s, i)))
      return mlirLogicalResultFailure();
  return checkOutputsStatically(s);
}

/* The operand has the iteration shape, provably. */
static bool hasIterationShape(const Site *s, const Operand *o) {
  if (o->rank != s->rank)
    return false;
  for (int64_t i = 0; i < s->rank; ++i)
    if (s->folded[i] || !sameExtent(o->ext[i], s->iter[i]))
      return false;
  return true;
}

/* A static result size is checked against a dynamic iteration size. */
static bool resultMatches(const Site *s, const Operand *o) {
  for (int64_t i = 0; i < s->rank; ++i)
    if (isStatic(o->ext[i]) && !sameExtent(o->ext[i], s->iter[i]))
      return false;
  return true;
}

static bool isExplicit(const Site *s) {
  for (intptr_t k = 0; k < s->nIn + s->nOut; ++k)
    if (!hasIterationShape(s, &s->arrays.data[k]))
      return false;
  for (intptr_t k = s->nIn + s->nOut; k < s->nIn + s->nOut + s->nRes; ++k)
    if (!resultMatches(s, &s->arrays.data[k]))
      return false;
  return true;
}

/*===----------------------------------------------------------------------===*
 * Rewriting: iteration sizes, checks, views
 *===----------------------------------------------------------------------===*/

static MlirValue materialize(Site *s, KernBuilder *b, Extent e) {
  for (intptr_t k = 0; k < s->cacheKey.size; ++k)
    if (sameExtent(s->cacheKey.data[k], e))
      return s->cacheValue.data[k];
  MlirValue v = isStatic(e) ? kernConstIndex(b, e.size)
                : !mlirValueIsNull(e.value) ? e.value
                                            : kernDim(b, e.array, e.dim);
  kernVecPush(&s->cacheKey, e);
  kernVecPush(&s->cacheValue, v);
  return v;
}

/* NumPy's rule over the sizes of dimension `i`: `size == 1 ? so far : size`.
 * (Incompatible sizes are caught by the check that follows.) */
static MlirValue foldSizes(Site *s, KernBuilder *b, int64_t i) {
  MlirValue one = materialize(s, b, staticExtent(1));
  MlirValue size = materialize(s, b, s->distinct[i].data[0]);
  for (intptr_t k = 1; k < s->distinct[i].size; ++k) {
    MlirValue next = materialize(s, b, s->distinct[i].data[k]);
    size = kernSelect(b, kernCmpI(b, "eq", next, one), size, next);
    mlirOperationSetDiscardableAttributeByName(
        mlirOpResultGetOwner(size), mlirStringRefCreateFromCString(kJoinAttr),
        mlirUnitAttrGet(b->ctx));
  }
  return size;
}

static void materializeIteration(Site *s, KernBuilder *b) {
  for (int64_t i = 0; i < s->rank; ++i)
    s->iterValue[i] = s->folded[i] ? foldSizes(s, b, i)
                                   : materialize(s, b, s->iter[i]);
}

static MlirValue conjoin(KernBuilder *b, MlirValue acc, MlirValue cond) {
  return mlirValueIsNull(acc) ? cond : kernBinary(b, "arith.andi", acc, cond);
}

/* `size == 1 || size == iteration size` for every size of dimension `i`
 * that the iteration size does not already satisfy by construction. */
static MlirValue dimCompatible(Site *s, KernBuilder *b, int64_t i,
                               MlirValue acc) {
  intptr_t n = s->distinct[i].size;
  /* The last size folded in is the result unless it is 1: always fine. */
  if (s->folded[i])
    --n;
  for (intptr_t k = 0; k < n; ++k) {
    Extent e = s->distinct[i].data[k];
    if (isStatic(e) || (!s->folded[i] && sameExtent(e, s->iter[i])))
      continue;
    MlirValue one = materialize(s, b, staticExtent(1));
    MlirValue v = materialize(s, b, e);
    MlirValue ok = kernBinary(b, "arith.ori", kernCmpI(b, "eq", v, one),
                              kernCmpI(b, "eq", v, s->iterValue[i]));
    acc = conjoin(b, acc, ok);
  }
  return acc;
}

/* Raises a ValueError with `m` unless `ok` holds. */
static void raiseUnless(Site *s, KernBuilder *b, MlirValue ok,
                        const Message *m) {
  MlirValue bad = kernBinary(b, "arith.xori", ok,
                             kernConstInt(b, mlirIntegerTypeGet(b->ctx, 1), 1));
  MlirBlock then;
  kernIf(b, bad, 0, NULL, &then, NULL);
  kernSetInsertionToStart(b, then);
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(b->ctx, "kind", kernStrAttr(b->ctx, "ValueError")),
      kernNamedAttr(b->ctx, "message", kernStrAttr(b->ctx, m->text.data)),
  };
  kernBuildOp(b, "kern.raise", 0, NULL, m->args.size, m->args.data, 2, attrs,
              0);
  kernScfYield(b, 0, NULL);
  kernSetInsertionBefore(b, s->op);
}

static void putRuntimeTuple(Site *s, KernBuilder *b, Message *m,
                            const Operand *o) {
  MlirValue *values = kernValuesAlloc(o->rank);
  for (int64_t d = 0; d < o->rank; ++d)
    if (!isStatic(o->ext[d]))
      values[d] = materialize(s, b, o->ext[d]);
  putTuple(m, o->rank, o->ext, values);
  free(values);
}

/* Inputs and outs: every size is 1 or the iteration size. */
static void checkCompatible(Site *s, KernBuilder *b) {
  MlirValue ok = {NULL};
  for (int64_t i = 0; i < s->rank; ++i)
    ok = dimCompatible(s, b, i, ok);
  if (mlirValueIsNull(ok))
    return;
  Message m = {0};
  put(&m, "operands could not be broadcast together with shapes ");
  for (intptr_t k = 0; k < s->nIn + s->nOut; ++k) {
    putRuntimeTuple(s, b, &m, &s->arrays.data[k]);
    put(&m, " ");
  }
  raiseUnless(s, b, ok, &m);
  messageFree(&m);
}

/* Outs (and static result sizes): exactly the iteration shape. */
static void checkOutput(Site *s, KernBuilder *b, const Operand *o) {
  MlirValue ok = {NULL};
  for (int64_t i = 0; i < s->rank; ++i) {
    if (!s->folded[i] && sameExtent(o->ext[i], s->iter[i]))
      continue;
    if (!isStatic(o->ext[i]) && kernOpIsUfunc(s->op) && o->pos < 0)
      continue; /* a dynamic result size is the iteration size */
    MlirValue v = materialize(s, b, o->ext[i]);
    ok = conjoin(b, ok, kernCmpI(b, "eq", v, s->iterValue[i]));
  }
  if (mlirValueIsNull(ok))
    return;
  Message m = {0};
  put(&m, "non-broadcastable output operand with shape ");
  if (o->pos >= 0) {
    putRuntimeTuple(s, b, &m, o);
  } else { /* a result: its dynamic sizes are the iteration sizes */
    Extent *ext = KERN_ALLOC(Extent, s->rank);
    for (int64_t i = 0; i < s->rank; ++i)
      ext[i] = isStatic(o->ext[i]) ? o->ext[i] : (Extent){.size = -1};
    putTuple(&m, s->rank, ext, s->iterValue);
    free(ext);
  }
  put(&m, " doesn't match the broadcast shape ");
  putIterationShape(&m, s, s->iterValue);
  raiseUnless(s, b, ok, &m);
  messageFree(&m);
}

/* kern.broadcast %in to (iteration sizes). */
static MlirValue broadcastView(Site *s, KernBuilder *b, MlirValue in) {
  int64_t *shape = KERN_ALLOC(int64_t, s->rank);
  for (int64_t i = 0; i < s->rank; ++i)
    shape[i] = !s->folded[i] && isStatic(s->iter[i])
                   ? s->iter[i].size
                   : mlirShapedTypeGetDynamicSize();
  MlirType type = kernStridedMemRef(kernElementType(mlirValueGetType(in)),
                                    s->rank, shape);
  MlirValue *ops = kernValuesAlloc(1 + s->rank);
  ops[0] = in;
  for (int64_t i = 0; i < s->rank; ++i)
    ops[1 + i] = s->iterValue[i];
  MlirValue view =
      kernBuildValue(b, "kern.broadcast", type, 1 + s->rank, ops, 0, NULL);
  free(shape);
  free(ops);
  return view;
}

/* Once the checks pass, the outputs have the iteration shape: their sizes
 * (static where any output's is) become the sizes the inputs are viewed
 * with, so that a second run of the pass sees equal shapes. */
static void adoptOutputShape(Site *s, KernBuilder *b) {
  intptr_t first = s->nIn, end = s->nIn + s->nOut + s->nRes;
  if (first == end)
    return;
  for (int64_t i = 0; i < s->rank; ++i) {
    bool known = s->nOut > 0;
    Extent e = known ? s->arrays.data[first].ext[i] : s->iter[i];
    for (intptr_t k = first; k < end; ++k)
      if (isStatic(s->arrays.data[k].ext[i])) {
        e = s->arrays.data[k].ext[i];
        known = true;
      }
    if (known && (s->folded[i] || !sameExtent(e, s->iter[i]))) {
      s->folded[i] = false;
      s->iter[i] = e;
      s->iterValue[i] = materialize(s, b, e);
    }
  }
}

static void rewrite(Site *s, MlirRewriterBase rw) {
  KernBuilder b = kernBuilderBefore(rw, s->op);
  materializeIteration(s, &b);
  checkCompatible(s, &b);
  for (intptr_t k = s->nIn; k < s->nIn + s->nOut + s->nRes; ++k)
    checkOutput(s, &b, &s->arrays.data[k]);
  adoptOutputShape(s, &b);
  mlirRewriterBaseStartOpModification(rw, s->op);
  for (intptr_t k = 0; k < s->nIn; ++k) {
    const Operand *o = &s->arrays.data[k];
    if (!hasIterationShape(s, o))
      mlirOperationSetOperand(s->op, o->pos, broadcastView(s, &b, o->value));
  }
  mlirRewriterBaseFinalizeOpModification(rw, s->op);
}

static MlirLogicalResult broadcastOp(MlirOperation op, MlirRewriterBase rw) {
  Site s = {.op = op};
  MlirLogicalResult r = collect(&s);
  if (mlirLogicalResultIsSuccess(r))
    r = analyze(&s);
  if (mlirLogicalResultIsSuccess(r) && !isExplicit(&s))
    rewrite(&s, rw);
  siteFree(&s);
  return r;
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

static bool isArrayOp(MlirOperation op) {
  return kernOpIsUfunc(op) || kernOpIsReduce(op);
}

/* Ops are visited in program order, so the producer of an operand has been
 * made explicit before its consumers ask for its sizes. */
static MlirLogicalResult run(MlirOperation root, const KernPassInfo *info) {
  (void)info;
  KernOpVec list = {0};
  kernCollectOps(root, isArrayOp, &list);
  MlirRewriterBase rw = mlirIRRewriterCreate(mlirOperationGetContext(root));
  MlirLogicalResult r = mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < list.size && mlirLogicalResultIsSuccess(r); ++i)
    r = broadcastOp(list.data[i], rw);
  mlirIRRewriterDestroy(rw);
  kernVecFree(&list);
  return r;
}

static const char *const deps[] = {"arith", "memref", "scf", NULL};

static const KernPassInfo info = {
    .argument = "kern-broadcast",
    .name = "KernBroadcast",
    .description = "Make NumPy broadcasting of kern.ufunc/kern.reduce "
                   "operands explicit: iteration shape, run-time check, "
                   "kern.broadcast views",
    .opName = "",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateBroadcastPass(void) { return kernPassCreate(&info); }
