/*===- Reductions.c - reduction variables of loops ------------------------===*
 *
 * See kern/Analysis/Reductions.h. A chain holds `acc` and every value found
 * to be `acc ⊕ c`; following each use of a chain value either adds the
 * values it makes or finds a use that is no reduction. Ops that join
 * several values (selects, scf.if/for/while) are checked once the chain is
 * complete.
 *
 *===----------------------------------------------------------------------===*/

#include "kern/Analysis/Reductions.h"

#include "../Support/Builder.h"
#include "../Support/Vec.h"

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/* The entry block of region `i` of `op` (scf.while: 0 before, 1 after). */
static MlirBlock whileBlock(MlirOperation op, intptr_t i) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
}

/* An op that combines a value with the variable's kind: `acc + x`, also
 * `acc - x` (= acc + -x, the frontend's `-=`) and `acc / x` (= acc * 1/x,
 * `/=`), where the variable must be the left operand. */
bool kernIsCombineOp(MlirOperation op, KernReductionKind kind) {
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


static KernSign signOfCombine(MlirOperation op) {
  if (kernOpNameIs(op, "arith.minsi") || kernOpNameIs(op, "arith.maxsi"))
    return KernSignSigned;
  if (kernOpNameIs(op, "arith.minui") || kernOpNameIs(op, "arith.maxui"))
    return KernSignUnsigned;
  return KernSignAny;
}

static int64_t predicate(MlirOperation cmp) {
  return mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(cmp, str("predicate")));
}

/* `select` is `select(cmp(l, r), l, r)` (or with the arms swapped) computing
 * the min or max of its arms as `kind` asks; *sign tells signed or unsigned
 * integer compares. */
static bool minMaxSelectSign(MlirOperation select, KernReductionKind kind,
                             KernSign *sign) {
  if (!kernOpNameIs(select, "arith.select") ||
      (kind != KernReductionMin && kind != KernReductionMax))
    return false;
  MlirOperation cmp = kernDefiningOp(mlirOperationGetOperand(select, 0));
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
  *sign = isFloat ? KernSignAny : p >= 6 ? KernSignUnsigned : KernSignSigned;
  bool isMin = (less && same) || (greater && swapped);
  return isMin == (kind == KernReductionMin);
}

bool kernIsMinMaxSelect(MlirOperation select, KernReductionKind kind) {
  KernSign sign;
  return minMaxSelectSign(select, kind, &sign);
}

/* What the analysis of one reduction variable found. */
typedef struct Chain {
  MlirOperation loop, terminator; /* of the loop's body */
  intptr_t index; /* the variable: block argument index + 1, yield index */
  KernReductionKind kind;
  KernValueVec values;  /* acc and every value of the form acc ⊕ c */
  KernOpVec joins;      /* ops whose results join the chain, checked at the end */
  KernSign sign;        /* of the integer min/max combines seen */
  MlirOperation bad; /* the first use that is no reduction, or null */
} Chain;

static void addValue(Chain *c, MlirValue v) {
  kernValueVecInsert(&c->values, v);
}

/* Records the signedness a combine implies; a mix is no reduction. */
static bool agreeSign(Chain *c, KernSign s) {
  if (s == KernSignAny || c->sign == s)
    return true;
  if (c->sign == KernSignAny) {
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
  if (mlirOperationEqual(user, c->terminator)) {
    if (pos != c->index - 1)
      c->bad = user;
  } else if (kernIsCombineOp(user, c->kind)) {
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
      KernSign sign;
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
  if (kernIsCombineOp(op, c->kind)) {
    bool l = inChain(c, mlirOperationGetOperand(op, 0));
    bool r = inChain(c, mlirOperationGetOperand(op, 1));
    bool ok = isLeftOnly(op) ? l && !r : l != r;
    return ok ? (MlirOperation){NULL} : op;
  }
  if (kernOpNameIs(op, "arith.select")) {
    bool t = inChain(c, mlirOperationGetOperand(op, 1));
    bool f = inChain(c, mlirOperationGetOperand(op, 2));
    if (kernIsMinMaxSelect(op, c->kind))
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

/* Follows every use of the chain's values; returns the op that keeps it
 * from being a reduction, or null. */
static MlirOperation followChain(Chain *c) {
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

KernReductionInfo kernAnalyzeReduction(MlirOperation loop, intptr_t k,
                                       KernReductionKind kind) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  Chain c = {.loop = loop, .terminator = mlirBlockGetTerminator(body),
             .index = k + 1, .kind = kind};
  addValue(&c, mlirBlockGetArgument(body, k + 1));
  MlirOperation bad = followChain(&c);
  KernReductionInfo info = {.culprit = bad, .sign = c.sign};
  if (!mlirOperationIsNull(bad))
    info.verdict = KernReductionMisused;
  else if (!inChain(&c, mlirOperationGetOperand(c.terminator, k)))
    info.verdict = KernReductionReplaced;
  else
    info.verdict = KernReductionFound;
  kernVecFree(&c.values);
  kernVecFree(&c.joins);
  return info;
}
