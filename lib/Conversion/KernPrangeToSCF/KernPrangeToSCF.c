/*===- KernPrangeToSCF.c - convert-kern-prange-to-scf: prange to scf loops ===*
 *
 * Lowers every kern.prange of a func.func:
 *
 *   - In a function with the unit attribute `kern.parallel`, the outermost
 *     prange of a nest becomes `scf.parallel` with one `scf.reduce` for its
 *     reduction variables, when that is safe; `convert-scf-to-openmp` turns
 *     it into `omp.parallel` + `omp.wsloop` with reductions.
 *   - Otherwise (no `kern.parallel`, a prange nested in another, or a loop
 *     that is not safe to run in parallel) it becomes `scf.for` with
 *     `iter_args`, which is what prange means run sequentially. Where
 *     parallel was asked for, a remark says why the loop stays sequential.
 *
 *   %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
 *     %v = memref.load %x[%i] : memref<?xf64>
 *     %t = arith.addf %acc, %v : f64
 *     kern.yield %t : f64
 *   } : f64
 * becomes, in a kern.parallel function,
 *   %s = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f64 {
 *     %v = memref.load %x[%i] : memref<?xf64>
 *     scf.reduce(%v : f64) {
 *     ^bb0(%a: f64, %b: f64):
 *       %r = arith.addf %a, %b : f64
 *       scf.reduce.return %r : f64
 *     }
 *   }
 *
 * Reductions. The body yields the new value of each reduction variable
 * `acc`, scf.reduce wants each iteration's contribution. The two agree when
 * every value that depends on `acc` is `acc ⊕ c` with `c` free of `acc`
 * (⊕ the variable's kind): `acc` itself, a combine of such a value with an
 * acc-free one (`arith.addf %acc, %v`, `arith.maximumf`, the min/max
 * idiom `select(cmp(a, v), a, v)`, and with the value on the left the
 * frontend's `-=` as `arith.subf` and `/=` as `arith.divf`; integer min/max
 * signed or unsigned, not both), a select of two such values under an
 * acc-free condition, an scf.if, scf.for or scf.while that carries such
 * values in every branch and iteration. Then the body with `acc` replaced
 * by the identity of ⊕ computes `c` (a combine of `acc` itself is dropped). Any
 * other use of `acc` (a comparison, a store, another variable) keeps the
 * loop sequential. Index reductions run on i64 (OpenMP has no index type);
 * complex ones stay sequential (no OpenMP lowering). min/max combine with
 * `cmp` + `select`, the only min/max form convert-scf-to-openmp knows: a
 * NaN does not propagate across threads, and OpenMP starts min/max of floats
 * at the largest finite value.
 *
 * Memory. An iteration may only write array elements that no other
 * iteration touches: for every array (traced back through views to the
 * value it comes from) that the body writes, some dimension must be indexed
 * exactly by the loop variable in every access of the loop to that array
 * (loads, stores, copies, ufunc/reduce operands; a per-iteration subview
 * `a[i, :]` counts as indexed by `i` in that dimension). Arrays allocated in
 * the body are private. Distinct arguments are assumed not to alias (as in
 * Numba). An op that takes an outer array and is not known to only read it
 * (e.g. func.call; the runtime's print functions only read) keeps the loop
 * sequential.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"
#include "kern/Analysis/MemoryEffects.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"
#include "../../Support/Vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Small helpers: growable arrays, names, nesting
 *===----------------------------------------------------------------------===*/

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/* `ancestor` is `op` or one of its parents. */
static bool isAncestor(MlirOperation ancestor, MlirOperation op) {
  for (; !mlirOperationIsNull(op); op = mlirOperationGetParentOperation(op))
    if (mlirOperationEqual(op, ancestor))
      return true;
  return false;
}

/* `v` is defined in `loop`'s body (its block arguments included). */
static bool definedInside(MlirValue v, MlirOperation loop) {
  MlirOperation def =
      mlirValueIsABlockArgument(v)
          ? mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v))
          : mlirOpResultGetOwner(v);
  if (!mlirValueIsABlockArgument(v) && mlirOperationEqual(def, loop))
    return false;
  return isAncestor(loop, def);
}

typedef struct Text {
  char buf[128];
  size_t len;
} Text;

static void appendText(MlirStringRef s, void *userData) {
  Text *t = userData;
  size_t n = s.length;
  if (n > sizeof t->buf - 1 - t->len)
    n = sizeof t->buf - 1 - t->len;
  memcpy(t->buf + t->len, s.data, n);
  t->len += n;
  t->buf[t->len] = '\0';
}

/* The func.func that defines `v` (or the op, outside any function). */
static MlirOperation definingFunction(MlirValue v) {
  MlirOperation op =
      mlirValueIsAOpResult(v)
          ? mlirOpResultGetOwner(v)
          : mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
  if (kernOpNameIs(op, "func.func"))
    return op;
  MlirOperation f = kernParentOfName(op, "func.func");
  return mlirOperationIsNull(f) ? op : f;
}

/* How `v` prints as an operand ("%arg0"), for remarks. The names are those
 * of its function, taken as verified: mlirAsmStateCreateForValue would
 * number (and verify) the whole module, racing with the passes that run on
 * the other functions in parallel. */
static Text operandName(MlirValue v) {
  Text t = {{0}, 0};
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  mlirOpPrintingFlagsAssumeVerified(flags);
  MlirAsmState state =
      mlirAsmStateCreateForOperation(definingFunction(v), flags);
  mlirValuePrintAsOperand(v, state, appendText, &t);
  mlirAsmStateDestroy(state);
  mlirOpPrintingFlagsDestroy(flags);
  return t;
}

static Text opName(MlirOperation op) {
  Text t = {{0}, 0};
  appendText(mlirIdentifierStr(mlirOperationGetName(op)), &t);
  return t;
}

/* The entry block of region `i` of `op` (scf.while: 0 before, 1 after). */
static MlirBlock whileBlock(MlirOperation op, intptr_t i) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
}

static MlirOperation definingOp(MlirValue v) {
  return mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v)
                                 : (MlirOperation){NULL};
}

static bool isOp(MlirValue v, const char *name) {
  MlirOperation def = definingOp(v);
  return !mlirOperationIsNull(def) && kernOpNameIs(def, name);
}

/*===----------------------------------------------------------------------===*
 * Reductions: does the body yield `acc ⊕ c` with `c` free of `acc`?
 *===----------------------------------------------------------------------===*/

/* An op that combines a value with the variable's kind: `acc + x`, also
 * `acc - x` (= acc + -x, the frontend's `-=`) and `acc / x` (= acc * 1/x,
 * `/=`), where the variable must be the left operand. */
static bool isCombineOp(MlirOperation op, KernReductionKind kind) {
  static const char *const names[4][6] = {
      [KernReductionAdd] = {"arith.addf", "arith.addi", "complex.add",
                            "arith.subf", "arith.subi", NULL},
      [KernReductionMul] = {"arith.mulf", "arith.muli", "complex.mul",
                            "arith.divf", NULL},
      [KernReductionMin] = {"arith.minimumf", "arith.minnumf", "arith.minsi",
                            "arith.minui", NULL},
      [KernReductionMax] = {"arith.maximumf", "arith.maxnumf", "arith.maxsi",
                            "arith.maxui", NULL},
  };
  if (kind > KernReductionMax)
    return false;
  for (int i = 0; i < 6 && names[kind][i]; ++i)
    if (kernOpNameIs(op, names[kind][i]))
      return true;
  return false;
}

static bool isLeftOnly(MlirOperation op) {
  return kernOpNameIs(op, "arith.subf") || kernOpNameIs(op, "arith.subi") ||
         kernOpNameIs(op, "arith.divf");
}

/* Integer min/max come signed or unsigned; a variable must stick to one. */
typedef enum { SignAny, SignSigned, SignUnsigned } Sign;

static Sign signOfCombine(MlirOperation op) {
  if (kernOpNameIs(op, "arith.minsi") || kernOpNameIs(op, "arith.maxsi"))
    return SignSigned;
  if (kernOpNameIs(op, "arith.minui") || kernOpNameIs(op, "arith.maxui"))
    return SignUnsigned;
  return SignAny;
}

static int64_t predicate(MlirOperation cmp) {
  return mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(cmp, str("predicate")));
}

/* `select` is `select(cmp(l, r), l, r)` (or with the arms swapped) computing
 * the min or max of its arms as `kind` asks; *sign tells signed or unsigned
 * integer compares. */
static bool minMaxSelectSign(MlirOperation select, KernReductionKind kind,
                             Sign *sign) {
  if (!kernOpNameIs(select, "arith.select") ||
      (kind != KernReductionMin && kind != KernReductionMax))
    return false;
  MlirOperation cmp = definingOp(mlirOperationGetOperand(select, 0));
  if (mlirOperationIsNull(cmp))
    return false;
  bool isFloat = kernOpNameIs(cmp, "arith.cmpf");
  if (!isFloat && !kernOpNameIs(cmp, "arith.cmpi"))
    return false;
  MlirValue l = mlirOperationGetOperand(cmp, 0);
  MlirValue r = mlirOperationGetOperand(cmp, 1);
  MlirValue t = mlirOperationGetOperand(select, 1);
  MlirValue f = mlirOperationGetOperand(select, 2);
  bool same = mlirValueEqual(t, l) && mlirValueEqual(f, r);
  bool swapped = mlirValueEqual(t, r) && mlirValueEqual(f, l);
  if (!same && !swapped)
    return false;
  int64_t p = predicate(cmp);
  /* cmpf: ogt 2, oge 3, olt 4, ole 5, ugt 9, uge 10, ult 11, ule 12;
   * cmpi: slt 2, sle 3, sgt 4, sge 5, ult 6, ule 7, ugt 8, uge 9. */
  bool less = isFloat ? (p == 4 || p == 5 || p == 11 || p == 12)
                      : (p == 2 || p == 3 || p == 6 || p == 7);
  bool greater = isFloat ? (p == 2 || p == 3 || p == 9 || p == 10)
                         : (p == 4 || p == 5 || p == 8 || p == 9);
  if (!less && !greater)
    return false;
  *sign = isFloat ? SignAny : p >= 6 ? SignUnsigned : SignSigned;
  bool isMin = (less && same) || (greater && swapped);
  return isMin == (kind == KernReductionMin);
}

static bool isMinMaxSelect(MlirOperation select, KernReductionKind kind) {
  Sign sign;
  return minMaxSelectSign(select, kind, &sign);
}

/* What the analysis of one reduction variable found. */
typedef struct Chain {
  MlirOperation loop;
  intptr_t index; /* the variable: block argument index + 1, yield index */
  KernReductionKind kind;
  KernValueVec values;  /* acc and every value of the form acc ⊕ c */
  KernOpVec joins;      /* ops whose results join the chain, checked at the end */
  Sign sign;        /* of the integer min/max combines seen */
  MlirOperation bad; /* the first use that is no reduction, or null */
} Chain;

static void addValue(Chain *c, MlirValue v) {
  kernValueVecInsert(&c->values, v);
}

/* Records the signedness a combine implies; a mix is no reduction. */
static bool agreeSign(Chain *c, Sign s) {
  if (s == SignAny || c->sign == s)
    return true;
  if (c->sign == SignAny) {
    c->sign = s;
    return true;
  }
  return false;
}

static void addJoin(Chain *c, MlirOperation op) {
  for (intptr_t i = 0; i < c->joins.size; ++i)
    if (mlirOperationEqual(c->joins.data[i], op))
      return;
  kernVecPush(&c->joins, op);
}

/* Follows one use of a chain value: the values it makes join the chain, or
 * the use is recorded as bad. */
static void followUse(Chain *c, MlirOpOperand use) {
  MlirOperation user = mlirOpOperandGetOwner(use);
  intptr_t pos = (intptr_t)mlirOpOperandGetOperandNumber(use);
  MlirOperation parent = mlirOperationGetParentOperation(user);
  if (kernOpIsYield(user) && mlirOperationEqual(parent, c->loop)) {
    if (pos != c->index - 1)
      c->bad = user;
  } else if (isCombineOp(user, c->kind)) {
    if ((isLeftOnly(user) && pos != 0) || !agreeSign(c, signOfCombine(user))) {
      c->bad = user;
      return;
    }
    addJoin(c, user);
    addValue(c, mlirOperationGetResult(user, 0));
  } else if (kernOpNameIs(user, "arith.select") && pos > 0) {
    addJoin(c, user);
    addValue(c, mlirOperationGetResult(user, 0));
  } else if (kernOpNameIs(user, "arith.cmpf") ||
             kernOpNameIs(user, "arith.cmpi")) {
    /* Only as the condition of min/max selects of this kind. */
    MlirValue cond = mlirOperationGetResult(user, 0);
    for (MlirOpOperand u = mlirValueGetFirstUse(cond); !mlirOpOperandIsNull(u);
         u = mlirOpOperandGetNextUse(u)) {
      Sign sign;
      if (!minMaxSelectSign(mlirOpOperandGetOwner(u), c->kind, &sign) ||
          mlirOpOperandGetOperandNumber(u) != 0 || !agreeSign(c, sign))
        c->bad = user;
    }
  } else if (kernOpNameIs(user, "scf.yield") &&
             kernOpNameIs(parent, "scf.if")) {
    addJoin(c, parent);
    addValue(c, mlirOperationGetResult(parent, pos));
  } else if (kernOpNameIs(user, "scf.yield") &&
             kernOpNameIs(parent, "scf.for")) {
    /* Checked with the loop's init (the iter arg must be in the chain). */
    addJoin(c, parent);
  } else if (kernOpNameIs(user, "scf.for") && pos >= 3) {
    MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(user, 0));
    addJoin(c, user);
    addValue(c, mlirBlockGetArgument(body, pos - 3 + 1));
    addValue(c, mlirOperationGetResult(user, pos - 3));
  } else if (kernOpNameIs(user, "scf.while") ||
             (kernOpNameIs(user, "scf.yield") &&
              kernOpNameIs(parent, "scf.while"))) {
    /* An init or the next value of a carried variable: the "before"
     * block's argument. */
    MlirOperation loop = kernOpNameIs(user, "scf.while") ? user : parent;
    addJoin(c, loop);
    addValue(c, mlirBlockGetArgument(whileBlock(loop, 0), pos));
  } else if (kernOpNameIs(user, "scf.condition") && pos >= 1) {
    /* Forwarded to the "after" block and out of the loop. */
    addJoin(c, parent);
    addValue(c, mlirBlockGetArgument(whileBlock(parent, 1), pos - 1));
    addValue(c, mlirOperationGetResult(parent, pos - 1));
  } else {
    c->bad = user;
  }
}

static bool inChain(const Chain *c, MlirValue v) {
  return kernValueVecContains(&c->values, v);
}

/* scf.while: a carried value in the chain enters the loop and comes back
 * from every iteration in the chain. */
static bool whileKeepsChain(const Chain *c, MlirOperation loop) {
  MlirOperation yield = mlirBlockGetTerminator(whileBlock(loop, 1));
  for (intptr_t k = 0; k < mlirOperationGetNumOperands(loop); ++k)
    if (inChain(c, mlirOperationGetOperand(loop, k)) !=
        inChain(c, mlirOperationGetOperand(yield, k)))
      return false;
  return true;
}

/* The checks that need the whole chain: every join is `acc ⊕ c`. */
static MlirOperation checkJoin(const Chain *c, MlirOperation op) {
  if (isCombineOp(op, c->kind)) {
    bool l = inChain(c, mlirOperationGetOperand(op, 0));
    bool r = inChain(c, mlirOperationGetOperand(op, 1));
    bool ok = isLeftOnly(op) ? l && !r : l != r;
    return ok ? (MlirOperation){NULL} : op;
  }
  if (kernOpNameIs(op, "arith.select")) {
    bool t = inChain(c, mlirOperationGetOperand(op, 1));
    bool f = inChain(c, mlirOperationGetOperand(op, 2));
    if (isMinMaxSelect(op, c->kind))
      return t != f ? (MlirOperation){NULL} : op;
    return t && f ? (MlirOperation){NULL} : op;
  }
  if (kernOpNameIs(op, "scf.if")) {
    /* A result in the chain must come from the chain in both branches. */
    for (intptr_t r = 0; r < mlirOperationGetNumResults(op); ++r) {
      if (!inChain(c, mlirOperationGetResult(op, r)))
        continue;
      for (intptr_t k = 0; k < 2; ++k) {
        MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, k));
        if (mlirBlockIsNull(b) ||
            !inChain(c, mlirOperationGetOperand(mlirBlockGetTerminator(b), r)))
          return op;
      }
    }
    return (MlirOperation){NULL};
  }
  if (kernOpNameIs(op, "scf.while"))
    return whileKeepsChain(c, op) ? (MlirOperation){NULL} : op;
  /* scf.for: a carried value in the chain enters and leaves every
   * iteration in the chain. */
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  MlirOperation yield = mlirBlockGetTerminator(body);
  for (intptr_t r = 0; r < mlirOperationGetNumResults(op); ++r) {
    bool init = inChain(c, mlirOperationGetOperand(op, 3 + r));
    bool next = inChain(c, mlirOperationGetOperand(yield, r));
    if (init != next)
      return op;
  }
  return (MlirOperation){NULL};
}

/* Analyses reduction variable `k` (0-based) of `loop`. Returns the op that
 * keeps it from being a reduction, or null; the chain is left in `c`. */
static MlirOperation analyseReduction(MlirOperation loop, intptr_t k,
                                      Chain *c) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  *c = (Chain){.loop = loop, .index = k + 1,
               .kind = kernPrangeOpGetKind(loop, k)};
  addValue(c, mlirBlockGetArgument(body, k + 1));
  for (intptr_t i = 0; i < c->values.size && mlirOperationIsNull(c->bad); ++i)
    for (MlirOpOperand u = mlirValueGetFirstUse(c->values.data[i]);
         !mlirOpOperandIsNull(u) && mlirOperationIsNull(c->bad);
         u = mlirOpOperandGetNextUse(u))
      followUse(c, u);
  if (!mlirOperationIsNull(c->bad))
    return c->bad;
  for (intptr_t i = 0; i < c->joins.size; ++i) {
    MlirOperation bad = checkJoin(c, c->joins.data[i]);
    if (!mlirOperationIsNull(bad))
      return bad;
  }
  return (MlirOperation){NULL};
}

/* The body's new value of variable `k` is in the chain (combines the old
 * one), rather than a value that replaces it. */
static bool yieldsChain(const Chain *c, MlirOperation loop, intptr_t k) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  return inChain(c, mlirOperationGetOperand(mlirBlockGetTerminator(body), k));
}

static void freeChain(Chain *c) {
  kernVecFree(&c->values);
  kernVecFree(&c->joins);
}

/*===----------------------------------------------------------------------===*
 * Memory: which array elements may an iteration touch?
 *===----------------------------------------------------------------------===*/

/* Bit d: dimension d is the loop variable. Dimensions from kMaskDims on
 * are never marked, so an access along them counts as not confined to the
 * iteration: conservative (the loop may stay sequential), never wrong. */
typedef uint64_t DimMask;
enum { kMaskDims = 64 };

/* A memref as seen from the loop: the value outside the loop it is a view
 * of (`base`), the array that value is a view of (`root`), and the base's
 * dimensions that a per-iteration subview fixed to the loop variable. */
typedef struct View {
  bool local;   /* allocated in the loop: private to an iteration */
  bool unknown; /* made in the loop by an op that is no view or allocation */
  MlirValue base, root;
  DimMask confined;
  bool mapped; /* the view's dimensions are the base's */
} View;

/* `v` is the loop variable, also through an index -> i64 -> index round
 * trip of arith.index_cast. */
static bool isLoopVariable(MlirValue v, MlirValue iv) {
  if (mlirValueEqual(v, iv))
    return true;
  if (!isOp(v, "arith.index_cast"))
    return false;
  MlirValue wide = mlirOperationGetOperand(definingOp(v), 0);
  MlirType t = mlirValueGetType(wide);
  return isOp(wide, "arith.index_cast") && mlirTypeIsAInteger(t) &&
         mlirIntegerTypeGetWidth(t) >= 64 &&
         mlirValueEqual(mlirOperationGetOperand(definingOp(wide), 0), iv);
}

/* Dimensions of a subview's source fixed to the loop variable: offset `iv`
 * and size 1. */
static DimMask subviewConfines(MlirOperation subview, MlirValue iv) {
  MlirAttribute offsets =
      mlirOperationGetAttributeByName(subview, str("static_offsets"));
  MlirAttribute sizes =
      mlirOperationGetAttributeByName(subview, str("static_sizes"));
  intptr_t rank = mlirDenseArrayGetNumElements(offsets);
  intptr_t nextDynamic = 1; /* operand 0 is the source */
  DimMask mask = 0;
  for (intptr_t d = 0; d < rank && d < kMaskDims; ++d) {
    int64_t off = mlirDenseI64ArrayGetElement(offsets, d);
    bool dynamic = off == mlirShapedTypeGetDynamicStrideOrOffset();
    bool atLoop =
        dynamic && isLoopVariable(mlirOperationGetOperand(subview, nextDynamic),
                                  iv);
    nextDynamic += dynamic;
    if (atLoop && mlirDenseI64ArrayGetElement(sizes, d) == 1)
      mask |= (DimMask)1 << d;
  }
  return mask;
}

static View viewOf(MlirValue v, MlirOperation loop, MlirValue iv) {
  if (!definedInside(v, loop))
    return (View){.base = v, .root = kernBufferOf(v).root, .mapped = true};
  MlirOperation def = definingOp(v);
  if (kernIsAllocated(v))
    return (View){.local = true};
  MlirValue source =
      mlirOperationIsNull(def) ? (MlirValue){NULL} : kernViewSource(def);
  if (mlirValueIsNull(source))
    return (View){.unknown = true, .base = v, .root = v};
  View s = viewOf(source, loop, iv);
  if (s.local || s.unknown)
    return s;
  if (kernOpNameIs(def, "memref.subview")) {
    if (s.mapped)
      s.confined |= subviewConfines(def, iv);
    s.mapped = s.mapped && kernRank(mlirValueGetType(v)) ==
                               kernRank(mlirValueGetType(
                                   mlirOperationGetOperand(def, 0)));
  } else if (!kernOpNameIs(def, "memref.cast")) {
    s.mapped = false;
  }
  return s;
}

typedef struct Access {
  MlirOperation op;
  View view;
  bool write;
  DimMask dims; /* dimensions of the base that are the loop variable */
} Access;

typedef KERN_VEC(Access) AccessVec;

typedef struct Scan {
  MlirOperation loop;
  MlirValue iv;
  AccessVec accesses;
} Scan;

/* Dimensions of `view` indexed by the loop variable in the indices of a
 * memref.load/store, its operands from `first` on. */
static DimMask indexedDims(const View *view, MlirOperation op,
                           intptr_t first, MlirValue iv) {
  DimMask mask = view->confined;
  intptr_t n = mlirOperationGetNumOperands(op) - first;
  if (view->mapped)
    for (intptr_t d = 0; d < n && d < kMaskDims; ++d)
      if (isLoopVariable(mlirOperationGetOperand(op, first + d), iv))
        mask |= (DimMask)1 << d;
  return mask;
}

/* Same for affine.load/store: results of the map that are a dimension
 * bound to the loop variable. */
static DimMask affineIndexedDims(const View *view, MlirOperation op,
                                 intptr_t firstMapOperand, MlirValue iv) {
  DimMask mask = view->confined;
  MlirAttribute mapAttr = mlirOperationGetAttributeByName(op, str("map"));
  if (!view->mapped || mlirAttributeIsNull(mapAttr))
    return mask;
  MlirAffineMap map = mlirAffineMapAttrGetValue(mapAttr);
  for (intptr_t d = 0; d < mlirAffineMapGetNumResults(map) && d < kMaskDims;
       ++d) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, d);
    if (mlirAffineExprIsADim(e) &&
        isLoopVariable(mlirOperationGetOperand(
                           op, firstMapOperand + mlirAffineDimExprGetPosition(e)),
                       iv))
      mask |= (DimMask)1 << d;
  }
  return mask;
}

/* The access `op` makes to memref operand `pos`, whose view is `view`, as
 * the memory-effects analysis lists it in `effects`; false when `op` does not
 * touch the operand's elements (memref.dim, a call of the runtime's print). */
static bool accessOf(MlirOperation op, const KernAccesses *effects,
                     intptr_t pos, View view, MlirValue iv, Access *out) {
  MlirValue v = mlirOperationGetOperand(op, pos);
  *out = (Access){.op = op, .view = view, .dims = view.confined};
  bool listed = false;
  for (intptr_t i = 0; i < effects->size; ++i)
    if (mlirValueEqual(effects->data[i].value, v)) {
      listed = true;
      out->write |= effects->data[i].write;
    }
  if (!listed && !effects->writesAny)
    return false;
  if (!listed) { /* may do anything with it: assume the worst */
    out->write = true;
    out->dims = 0;
    return true;
  }
  if (kernOpNameIs(op, "memref.load") || kernOpNameIs(op, "memref.store"))
    out->dims = indexedDims(&view, op, pos + 1, iv);
  else if (kernOpNameIs(op, "affine.load") || kernOpNameIs(op, "affine.store"))
    out->dims = affineIndexedDims(&view, op, pos + 1, iv);
  return true;
}

static MlirWalkResult scanOp(MlirOperation op, void *userData) {
  Scan *s = userData;
  if (mlirOperationEqual(op, s->loop) || kernIsView(op))
    return MlirWalkResultAdvance; /* a view is followed where it is used */
  KernAccesses effects = kernAccessesOf(op);
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (!kernIsMemRef(mlirValueGetType(v)))
      continue;
    View view = viewOf(v, s->loop, s->iv);
    Access access;
    if (!view.local && accessOf(op, &effects, i, view, s->iv, &access))
      kernVecPush(&s->accesses, access);
  }
  kernAccessesFree(&effects);
  return MlirWalkResultAdvance;
}

/* Checks that iterations touch disjoint elements of every array the body
 * writes. On a conflict, returns false with the access to blame and the
 * reason. */
static bool memoryIsSafe(MlirOperation loop, Access *culprit,
                         const char **why) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  Scan s = {.loop = loop, .iv = mlirBlockGetArgument(body, 0)};
  mlirOperationWalk(loop, scanOp, &s, MlirWalkPreOrder);
  bool safe = true;
  bool writes = false;
  for (intptr_t i = 0; i < s.accesses.size; ++i)
    writes |= s.accesses.data[i].write;
  for (intptr_t i = 0; i < s.accesses.size && writes && safe; ++i)
    if (s.accesses.data[i].view.unknown) {
      *culprit = s.accesses.data[i];
      *why = "is an array of unknown origin while the loop writes arrays";
      safe = false;
    }
  for (intptr_t w = 0; w < s.accesses.size && safe; ++w) {
    const Access *write = &s.accesses.data[w];
    if (!write->write)
      continue;
    DimMask common = write->dims;
    if (common == 0) {
      *culprit = *write;
      *why = "is not indexed by the loop variable in any dimension";
      safe = false;
      break;
    }
    for (intptr_t r = 0; r < s.accesses.size; ++r) {
      const Access *other = &s.accesses.data[r];
      if (!mlirValueEqual(other->view.root, write->view.root))
        continue;
      if (!mlirValueEqual(other->view.base, write->view.base)) {
        *culprit = *other;
        *why = "reaches an array that the loop writes through another view";
        safe = false;
        break;
      }
      common &= other->dims;
      if (common == 0) {
        *culprit = *other;
        *why = "may touch elements that other iterations write (it is not "
               "indexed by the loop variable where the writes are)";
        safe = false;
        break;
      }
    }
  }
  kernVecFree(&s.accesses);
  return safe;
}

/*===----------------------------------------------------------------------===*
 * Rewrites
 *===----------------------------------------------------------------------===*/

/* kern.prange -> scf.for with iter_args: the sequential meaning. */
static void lowerSequential(MlirRewriterBase rw, MlirOperation loop) {
  KernBuilder b = kernBuilderBefore(rw, loop);
  intptr_t n = mlirOperationGetNumResults(loop);
  MlirValue *inits = kernValuesAlloc(n), *yielded = kernValuesAlloc(n);
  for (intptr_t i = 0; i < n; ++i)
    inits[i] = mlirOperationGetOperand(loop, 3 + i);
  MlirBlock body;
  MlirOperation forOp = kernFor(&b, mlirOperationGetOperand(loop, 0),
                                mlirOperationGetOperand(loop, 1),
                                mlirOperationGetOperand(loop, 2), n, inits,
                                &body);
  MlirValue *args = kernValuesAlloc(n + 1);
  for (intptr_t i = 0; i <= n; ++i)
    args[i] = mlirBlockGetArgument(body, i);
  kernSetInsertionToStart(&b, body);
  kernInlineRegion(&b, mlirOperationGetRegion(loop, 0), n + 1, args, n,
                   yielded);
  kernScfYield(&b, n, yielded);
  /* The results of forOp, one per reduction variable (reusing inits). */
  for (intptr_t i = 0; i < n; ++i)
    inits[i] = mlirOperationGetResult(forOp, i);
  mlirRewriterBaseReplaceOpWithValues(rw, loop, n, inits);
  free(inits);
  free(yielded);
  free(args);
}

/* The combiner region of one scf.reduce operand: ^bb0(%a, %b) -> a ⊕ b,
 * min/max as cmp + select (the form convert-scf-to-openmp recognizes). */
static void buildCombiner(KernBuilder *b, MlirRegion region,
                          KernReductionKind kind, Sign sign, MlirType t) {
  MlirType types[2] = {t, t};
  MlirLocation locs[2] = {b->loc, b->loc};
  MlirBlock block = mlirBlockCreate(2, types, locs);
  mlirRegionAppendOwnedBlock(region, block);
  kernSetInsertionToStart(b, block);
  MlirValue x = mlirBlockGetArgument(block, 0);
  MlirValue y = mlirBlockGetArgument(block, 1);
  MlirValue r;
  if (kind == KernReductionMin || kind == KernReductionMax) {
    bool f = mlirTypeIsAFloat(t), u = sign == SignUnsigned;
    const char *pred = kind == KernReductionMin
                           ? (f ? "olt" : u ? "ult" : "slt")
                           : (f ? "ogt" : u ? "ugt" : "sgt");
    MlirValue c = f ? kernCmpF(b, pred, x, y) : kernCmpI(b, pred, x, y);
    r = kernSelect(b, c, x, y);
  } else {
    r = kernCombine(b, kind, x, y);
  }
  kernBuildOp(b, "scf.reduce.return", 0, NULL, 1, &r, 0, NULL, 0);
}

/* Drops the combines of `acc` itself from a verified chain, so that the
 * body computes only the contribution once `acc` is the identity: `acc ⊕ v`
 * and the min/max select become `v`, `acc - v` becomes `-v`. (`acc / v`
 * stays, as `1 / v` once acc is the identity.) */
static void dropDirectCombines(MlirRewriterBase rw, MlirValue acc,
                               KernReductionKind kind) {
  KernOpVec combines = {0};
  for (MlirOpOperand u = mlirValueGetFirstUse(acc); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation op = mlirOpOperandGetOwner(u);
    if ((isCombineOp(op, kind) && !kernOpNameIs(op, "arith.divf")) ||
        isMinMaxSelect(op, kind))
      kernVecPush(&combines, op);
  }
  for (intptr_t i = 0; i < combines.size; ++i) {
    MlirOperation op = combines.data[i];
    bool select = kernOpNameIs(op, "arith.select");
    intptr_t first = select ? 1 : 0;
    MlirValue a = mlirOperationGetOperand(op, first);
    MlirValue other = mlirValueEqual(a, acc)
                          ? mlirOperationGetOperand(op, first + 1)
                          : a;
    KernBuilder b = kernBuilderBefore(rw, op);
    MlirType t = mlirValueGetType(other);
    if (kernOpNameIs(op, "arith.subf"))
      other = kernBuildValue(&b, "arith.negf", t, 1, &other, 0, NULL);
    else if (kernOpNameIs(op, "arith.subi"))
      other = kernBinary(&b, "arith.subi", kernConstZero(&b, t), other);
    MlirOperation cmp = select ? definingOp(mlirOperationGetOperand(op, 0))
                               : (MlirOperation){NULL};
    mlirRewriterBaseReplaceOpWithValues(rw, op, 1, &other);
    if (select && mlirOpOperandIsNull(
                      mlirValueGetFirstUse(mlirOperationGetResult(cmp, 0))))
      mlirRewriterBaseEraseOp(rw, cmp);
  }
  kernVecFree(&combines);
}

/* The identity of `kind` on `t`; unsigned min/max have their own. */
static MlirValue identity(KernBuilder *b, KernReductionKind kind, Sign sign,
                          MlirType t) {
  if (sign == SignUnsigned && kind == KernReductionMin)
    return kernConstInt(b, t, -1); /* all ones: the largest unsigned */
  if (sign == SignUnsigned && kind == KernReductionMax)
    return kernConstZero(b, t);
  return kernIdentity(b, kind, t);
}

/* scf.reduce(values) with one empty combiner region per value. */
static MlirOperation buildReduce(KernBuilder *b, intptr_t n,
                                 const MlirValue *values) {
  return kernBuildOp(b, "scf.reduce", 0, NULL, n, values, 0, NULL, n);
}

static MlirValue castTo(KernBuilder *b, MlirValue v, MlirType t) {
  return kernBuildValue(b, "arith.index_cast", t, 1, &v, 0, NULL);
}

/* kern.prange -> scf.parallel + scf.reduce (reductions already verified;
 * `signs` of their integer min/max). */
static void lowerParallel(MlirRewriterBase rw, MlirOperation loop,
                          const Sign *signs) {
  KernBuilder b = kernBuilderBefore(rw, loop);
  MlirContext ctx = b.ctx;
  intptr_t n = mlirOperationGetNumResults(loop);
  MlirType i64 = mlirIntegerTypeGet(ctx, 64);
  MlirBlock oldBody = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  MlirValue *operands = kernValuesAlloc(3 + n);
  MlirValue *identities = kernValuesAlloc(1 + n);
  MlirType *types = KERN_ALLOC(MlirType, n);
  KernReductionKind *kinds = KERN_ALLOC(KernReductionKind, n);
  for (intptr_t i = 0; i < 3; ++i)
    operands[i] = mlirOperationGetOperand(loop, i);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue init = mlirOperationGetOperand(loop, 3 + i);
    kinds[i] = kernPrangeOpGetKind(loop, i);
    bool isIndex = mlirTypeIsAIndex(mlirValueGetType(init));
    /* OpenMP reductions need LLVM types: index reduces as i64. */
    operands[3 + i] = isIndex ? castTo(&b, init, i64) : init;
    types[i] = mlirValueGetType(operands[3 + i]);
    MlirValue acc = mlirBlockGetArgument(oldBody, 1 + i);
    dropDirectCombines(rw, acc, kinds[i]);
    kernSetInsertionBefore(&b, loop); /* dropDirectCombines moved it */
    /* What is left of acc's uses sees the identity. */
    identities[1 + i] =
        mlirOpOperandIsNull(mlirValueGetFirstUse(acc))
            ? init
            : identity(&b, kinds[i], signs[i], mlirValueGetType(init));
  }

  int32_t seg[4] = {1, 1, 1, (int32_t)n};
  MlirNamedAttribute a = kernNamedAttr(ctx, "operandSegmentSizes",
                                       mlirDenseI32ArrayGet(ctx, 4, seg));
  kernSetInsertionBefore(&b, loop);
  MlirOperation par = kernBuildOp(&b, "scf.parallel", n, types, 3 + n,
                                  operands, 1, &a, 1);
  MlirType indexType = kernIndexType(ctx);
  MlirBlock body = mlirBlockCreate(1, &indexType, &b.loc);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(par, 0), body);
  identities[0] = mlirBlockGetArgument(body, 0);

  kernSetInsertionToStart(&b, body);
  MlirValue *contributions = kernValuesAlloc(n);
  kernInlineRegion(&b, mlirOperationGetRegion(loop, 0), n + 1, identities, n,
                   contributions);
  for (intptr_t i = 0; i < n; ++i)
    if (mlirTypeIsAIndex(mlirValueGetType(contributions[i])))
      contributions[i] = castTo(&b, contributions[i], i64);
  MlirOperation reduce = buildReduce(&b, n, contributions);
  for (intptr_t i = 0; i < n; ++i)
    buildCombiner(&b, mlirOperationGetRegion(reduce, i), kinds[i], signs[i],
                  types[i]);

  kernSetInsertionAfter(&b, par);
  MlirValue *results = contributions; /* no longer needed: reused */
  for (intptr_t i = 0; i < n; ++i) {
    results[i] = mlirOperationGetResult(par, i);
    MlirType t = mlirValueGetType(mlirOperationGetResult(loop, i));
    if (mlirTypeIsAIndex(t))
      results[i] = castTo(&b, results[i], t);
  }
  mlirRewriterBaseReplaceOpWithValues(rw, loop, n, results);
  free(operands);
  free(identities);
  free(types);
  free(kinds);
  free(contributions);
}

/*===----------------------------------------------------------------------===*
 * Deciding: parallel or sequential, and why
 *===----------------------------------------------------------------------===*/

static void remarkSequential(MlirLocation loc, const char *fmt, const char *a,
                             const char *b) {
  char why[512];
  snprintf(why, sizeof why, fmt, a, b);
  kernEmitRemark(loc, "prange loop runs sequentially: %s", why);
}

/* Whether `loop` can run as scf.parallel; if not, a remark says why. Fills
 * the signedness of each reduction variable's integer min/max. */
static bool canRunInParallel(MlirOperation loop, Sign *signs) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  intptr_t n = mlirOperationGetNumResults(loop);
  for (intptr_t k = 0; k < n; ++k) {
    MlirValue acc = mlirBlockGetArgument(body, k + 1);
    Text name = operandName(acc);
    if (mlirTypeIsAComplex(mlirValueGetType(acc))) {
      remarkSequential(mlirOperationGetLocation(loop),
                       "reduction variable %s is complex, which OpenMP "
                       "cannot reduce%s",
                       name.buf, "");
      return false;
    }
    Chain c;
    MlirOperation bad = analyseReduction(loop, k, &c);
    bool combines = mlirOperationIsNull(bad) && yieldsChain(&c, loop, k);
    signs[k] = c.sign;
    freeChain(&c);
    if (mlirOperationIsNull(bad) && !combines) {
      remarkSequential(mlirOperationGetLocation(mlirBlockGetTerminator(body)),
                       "the new value of reduction variable %s does not "
                       "combine its old value with '%s'",
                       name.buf, kernReductionKindName(kernPrangeOpGetKind(loop, k)));
      return false;
    }
    if (!mlirOperationIsNull(bad)) {
      Text what = opName(bad);
      remarkSequential(mlirOperationGetLocation(bad),
                       "reduction variable %s used other than in its "
                       "reduction (by '%s')",
                       name.buf, what.buf);
      return false;
    }
  }
  Access culprit;
  const char *why;
  if (!memoryIsSafe(loop, &culprit, &why)) {
    Text what = opName(culprit.op);
    Text array = operandName(culprit.view.base);
    char detail[256];
    snprintf(detail, sizeof detail, "'%s' of %s ", what.buf, array.buf);
    remarkSequential(mlirOperationGetLocation(culprit.op), "%s%s", detail,
                     why);
    return false;
  }
  return true;
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

/* What kind of loop around `op` runs (or may run) in parallel already:
 * "prange", "parallel", or NULL. */
static const char *insideParallelLoop(MlirOperation op) {
  static const char *const loops[] = {"scf.parallel", "affine.parallel",
                                      "scf.forall", "omp.wsloop"};
  if (!mlirOperationIsNull(kernParentOfName(op, "kern.prange")))
    return "prange";
  for (size_t i = 0; i < sizeof loops / sizeof *loops; ++i)
    if (!mlirOperationIsNull(kernParentOfName(op, loops[i])))
      return "parallel";
  return NULL;
}

static MlirWalkResult collectPrange(MlirOperation op, void *userData) {
  KernOpVec *loops = userData;
  if (kernOpIsPrange(op))
    kernVecPush(loops, op);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation func, const KernPassInfo *info) {
  (void)info;
  bool parallel = !mlirAttributeIsNull(
      mlirOperationGetAttributeByName(func, str("kern.parallel")));
  KernOpVec loops = {0};
  /* Post-order: inner loops first, while their outer loops are still
   * kern.prange (which tells that they are nested). */
  mlirOperationWalk(func, collectPrange, &loops, MlirWalkPostOrder);
  MlirRewriterBase rw = mlirIRRewriterCreateFromOp(func);
  MlirLogicalResult result = mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < loops.size; ++i) {
    MlirOperation loop = loops.data[i];
    /* (The frontend keys on "nested in another prange": no warning.) */
    const char *outer = insideParallelLoop(loop);
    bool nested = outer != NULL;
    if (parallel && nested)
      kernEmitRemark(mlirOperationGetLocation(loop),
                     "prange loop runs sequentially: it is nested in another "
                     "%s loop (only the outermost one runs in parallel)",
                     outer);
    Sign *signs = KERN_ALLOC(Sign, mlirOperationGetNumResults(loop));
    if (parallel && !nested && canRunInParallel(loop, signs))
      lowerParallel(rw, loop, signs);
    else
      lowerSequential(rw, loop);
    free(signs);
  }
  mlirIRRewriterDestroy(rw);
  kernVecFree(&loops);
  return result;
}

static const char *const deps[] = {"arith", "scf", "memref", NULL};

static const KernPassInfo info = {
    .argument = "convert-kern-prange-to-scf",
    .name = "ConvertKernPrangeToSCF",
    .description = "Lower kern.prange to scf.parallel + scf.reduce in "
                   "kern.parallel functions when safe, else to scf.for",
    .opName = "func.func",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateConvertKernPrangeToSCFPass(void) { return kernPassCreate(&info); }
