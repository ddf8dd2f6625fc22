//===- KernOps.cpp - kern op verifiers, folders and syntax ----------------===//
//
// Kept small on purpose: the rules an op must obey (region signatures,
// ranks, kinds) and the custom syntax of kern.prange. All transformation
// logic lives in C passes under lib/Transforms and lib/Conversion.
//
//===----------------------------------------------------------------------===//

#include "kern/KernDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kern;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The element type of a memref, or the type itself for a scalar.
static Type elementTypeOf(Type t) {
  if (auto m = dyn_cast<MemRefType>(t))
    return m.getElementType();
  return t;
}

static int64_t maxRank(ValueRange values) {
  int64_t rank = 0;
  for (Value v : values)
    if (auto m = dyn_cast<MemRefType>(v.getType()))
      rank = std::max(rank, m.getRank());
  return rank;
}

/// The kern.yield ending `block`, or null. Op verifiers run before the
/// blocks of their regions are checked for terminators, so the block may be
/// empty or end with any op.
static YieldOp yieldOf(Block &block) {
  return block.empty() ? YieldOp() : dyn_cast<YieldOp>(block.back());
}

/// Checks that each operand of an array op is a ranked memref or a number
/// (what a NumPy array or a Python scalar becomes): tensors, vectors,
/// unranked memrefs and other types have no meaning here.
static LogicalResult verifyArrayOrScalar(Operation *op, ValueRange values,
                                         StringRef what) {
  for (auto [i, v] : llvm::enumerate(values))
    if (!isa<MemRefType, IntegerType, IndexType, FloatType, ComplexType>(
            v.getType()))
      return op->emitOpError()
             << what << " #" << i << " has type " << v.getType()
             << ", expected a ranked memref or a scalar (integer, index, "
                "float or complex)";
  return success();
}

/// Checks that `region` has one block whose arguments have `argTypes` and
/// whose kern.yield yields values of `yieldTypes`.
static LogicalResult verifyScalarRegion(Operation *op, Region &region,
                                        StringRef name, TypeRange argTypes,
                                        TypeRange yieldTypes) {
  if (region.empty())
    return op->emitOpError() << "expects a non-empty '" << name << "' region";
  Block &block = region.front();
  if (block.getNumArguments() != argTypes.size())
    return op->emitOpError()
           << "'" << name << "' region expects " << argTypes.size()
           << " arguments, got " << block.getNumArguments();
  for (auto [i, arg, expected] :
       llvm::enumerate(block.getArguments(), argTypes)) {
    if (arg.getType() != expected)
      return op->emitOpError()
             << "'" << name << "' region argument #" << i << " has type "
             << arg.getType() << ", expected " << expected;
  }
  YieldOp yield = yieldOf(block);
  if (!yield)
    return op->emitOpError() << "'" << name
                             << "' region must end with kern.yield";
  if (yield.getValues().size() != yieldTypes.size())
    return yield.emitOpError()
           << "yields " << yield.getValues().size() << " values, expected "
           << yieldTypes.size();
  for (auto [i, v, expected] : llvm::enumerate(yield.getValues(), yieldTypes))
    if (v.getType() != expected)
      return yield.emitOpError() << "value #" << i << " has type "
                                 << v.getType() << ", expected " << expected;
  return success();
}

static bool isReductionKindForType(ReductionKind kind, Type t) {
  if (kind == ReductionKind::custom)
    return true;
  if (kind == ReductionKind::min || kind == ReductionKind::max)
    return isa<IntegerType, IndexType, FloatType>(t);
  return isa<IntegerType, IndexType, FloatType, ComplexType>(t);
}

static LogicalResult verifyCombiner(Operation *op, ReductionKind kind,
                                    Region &combine, Type elemType) {
  if (kind == ReductionKind::custom)
    return verifyScalarRegion(op, combine, "combine", {elemType, elemType},
                              {elemType});
  if (!combine.empty())
    return op->emitOpError()
           << "has a 'combine' region but kind '" << stringifyReductionKind(kind)
           << "' (only 'custom' takes one)";
  if (!isReductionKindForType(kind, elemType))
    return op->emitOpError() << "reduction kind '"
                             << stringifyReductionKind(kind)
                             << "' is not defined on " << elemType;
  return success();
}

//===----------------------------------------------------------------------===//
// Memory effects of the array ops
//
// An array op reads its array inputs, writes its `outs`, allocates and
// writes its fresh results, and has whatever effects the ops of its regions
// have. Declaring the reads and writes keeps CSE and DCE honest: a ufunc
// writing `outs` is not dead, and two identical reductions with a store in
// between are not one.
//===----------------------------------------------------------------------===//

using EffectList =
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>;

static void addArrayEffects(Operation *op, unsigned firstOut,
                            unsigned numOuts, EffectList &effects) {
  auto *resource = SideEffects::DefaultResource::get();
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    unsigned i = operand.getOperandNumber();
    if (i >= firstOut && i < firstOut + numOuts)
      effects.emplace_back(MemoryEffects::Write::get(), &operand, resource);
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand, resource);
  }
  for (OpResult result : op->getResults()) {
    if (!isa<MemRefType>(result.getType()))
      continue;
    effects.emplace_back(MemoryEffects::Allocate::get(), result, resource);
    effects.emplace_back(MemoryEffects::Write::get(), result, resource);
  }
  for (Region &region : op->getRegions())
    for (Operation &inner : region.getOps()) {
      if (auto found = getEffectsRecursively(&inner)) {
        effects.append(found->begin(), found->end());
        continue;
      }
      // Unknown effects (e.g. a call): assume it reads and writes anything.
      effects.emplace_back(MemoryEffects::Read::get(), resource);
      effects.emplace_back(MemoryEffects::Write::get(), resource);
    }
}

void UfuncOp::getEffects(EffectList &effects) {
  addArrayEffects(*this, getInputs().size(), getOuts().size(), effects);
}

void ReduceOp::getEffects(EffectList &effects) {
  addArrayEffects(*this, 0, 0, effects);
}

void AccumulateOp::getEffects(EffectList &effects) {
  addArrayEffects(*this, 0, 0, effects);
}

//===----------------------------------------------------------------------===//
// UfuncOp
//===----------------------------------------------------------------------===//

int64_t UfuncOp::getIterationRank() {
  int64_t r = maxRank(getInputs());
  for (Value v : getOuts())
    r = std::max(r, cast<MemRefType>(v.getType()).getRank());
  for (Value v : getResults())
    r = std::max(r, cast<MemRefType>(v.getType()).getRank());
  return r;
}

LogicalResult UfuncOp::verify() {
  if (getInputs().empty())
    return emitOpError("expects at least one input");
  if (failed(verifyArrayOrScalar(*this, getInputs(), "input")))
    return failure();
  if (getResults().empty() == getOuts().empty())
    return emitOpError("expects either results or 'outs' arrays, not ")
           << (getResults().empty() ? "neither" : "both");
  SmallVector<Type> argTypes;
  for (Value v : getInputs())
    argTypes.push_back(elementTypeOf(v.getType()));
  SmallVector<Type> yieldTypes;
  ValueRange arrays = getResults().empty() ? ValueRange(getOuts())
                                           : ValueRange(getResults());
  int64_t inRank = maxRank(getInputs());
  for (Value v : arrays) {
    auto m = cast<MemRefType>(v.getType());
    yieldTypes.push_back(m.getElementType());
    if (!getResults().empty() && m.getRank() != inRank)
      return emitOpError() << "result rank " << m.getRank()
                           << " differs from the broadcast rank " << inRank
                           << " of the inputs";
    if (m.getRank() < inRank)
      return emitOpError() << "'outs' rank " << m.getRank()
                           << " is smaller than the broadcast rank " << inRank;
  }
  return verifyScalarRegion(*this, getBody(), "body", argTypes, yieldTypes);
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

int64_t ReduceOp::getIterationRank() { return maxRank(getInputs()); }

Type ReduceOp::getElementType() {
  if (!getMap().empty()) {
    YieldOp yield = yieldOf(getMap().front());
    if (yield && yield.getValues().size() == 1)
      return yield.getValues()[0].getType();
    return {};
  }
  return getInputs().empty() ? Type() : elementTypeOf(getInputs()[0].getType());
}

LogicalResult ReduceOp::verify() {
  if (getInputs().empty())
    return emitOpError("expects at least one input");
  if (failed(verifyArrayOrScalar(*this, getInputs(), "input")))
    return failure();
  int64_t rank = getIterationRank();
  if (rank == 0)
    return emitOpError("expects at least one array input");
  if (getMap().empty()) {
    if (getInputs().size() != 1)
      return emitOpError("with several inputs needs a 'map' region");
  } else {
    SmallVector<Type> argTypes;
    for (Value v : getInputs())
      argTypes.push_back(elementTypeOf(v.getType()));
    YieldOp yield = yieldOf(getMap().front());
    if (!yield || yield.getValues().size() != 1)
      return emitOpError("'map' region must yield exactly one value");
    if (failed(verifyScalarRegion(*this, getMap(), "map", argTypes,
                                  {yield.getValues()[0].getType()})))
      return failure();
  }
  Type elem = getElementType();
  if (failed(verifyCombiner(*this, getKind(), getCombine(), elem)))
    return failure();
  if (getInit() && getInit().getType() != elem)
    return emitOpError() << "init has type " << getInit().getType()
                         << ", expected " << elem;

  int64_t resultRank = 0;
  if (auto axes = getAxes()) {
    if (axes->empty())
      return emitOpError("expects at least one axis (omit 'axes' to reduce "
                         "every axis)");
    llvm::SmallDenseSet<int64_t> seen;
    for (int64_t a : *axes) {
      if (a < 0 || a >= rank)
        return emitOpError() << "axis " << a << " is out of range for rank "
                             << rank;
      if (!seen.insert(a).second)
        return emitOpError() << "axis " << a << " is repeated";
    }
    resultRank = rank - static_cast<int64_t>(axes->size());
  }
  Type rt = getResult().getType();
  if (resultRank == 0) {
    if (rt != elem)
      return emitOpError() << "reducing all axes gives " << elem << ", not "
                           << rt;
    return success();
  }
  auto m = dyn_cast<MemRefType>(rt);
  if (!m || m.getRank() != resultRank || m.getElementType() != elem)
    return emitOpError() << "result must be a rank-" << resultRank
                         << " memref of " << elem << ", got " << rt;
  return success();
}

//===----------------------------------------------------------------------===//
// AccumulateOp
//===----------------------------------------------------------------------===//

LogicalResult AccumulateOp::verify() {
  auto in = cast<MemRefType>(getInput().getType());
  auto out = cast<MemRefType>(getResult().getType());
  if (in.getRank() == 0)
    return emitOpError("expects an array of rank at least 1");
  // getAxis() is unsigned (I64Attr): read the signed value.
  int64_t axis = getAxisAttr().getInt();
  if (axis < 0 || axis >= in.getRank())
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << in.getRank();
  if (out.getRank() != in.getRank() ||
      out.getElementType() != in.getElementType())
    return emitOpError() << "result " << out
                         << " must have the rank and element type of " << in;
  return verifyCombiner(*this, getKind(), getCombine(), in.getElementType());
}

//===----------------------------------------------------------------------===//
// BroadcastOp
//===----------------------------------------------------------------------===//

/// The static strides and offset of a broadcast view must be the ones every
/// execution gives it (the lowering computes them): 0 on new leading
/// dimensions and on dimensions of static size 1, the source's stride on
/// dimensions of a static size other than 1, and dynamic where that depends
/// on run-time sizes (a dynamic source size may be 1 or not). The offset is
/// the source's.
static LogicalResult verifyBroadcastLayout(Operation *op, MemRefType src,
                                           MemRefType dst) {
  SmallVector<int64_t> srcStrides, dstStrides;
  int64_t srcOffset, dstOffset;
  if (failed(src.getStridesAndOffset(srcStrides, srcOffset)) ||
      failed(dst.getStridesAndOffset(dstStrides, dstOffset)))
    return op->emitOpError("expects strided layouts");
  auto show = [](int64_t v) {
    return ShapedType::isDynamic(v) ? std::string("?") : std::to_string(v);
  };
  if (!ShapedType::isDynamic(dstOffset) && dstOffset != srcOffset)
    return op->emitOpError() << "result offset " << dstOffset
                             << " differs from the source offset "
                             << show(srcOffset);
  int64_t lead = dst.getRank() - src.getRank();
  for (int64_t d = 0; d < dst.getRank(); ++d) {
    int64_t stride = dstStrides[d];
    if (ShapedType::isDynamic(stride) || dst.getDimSize(d) == 1)
      continue; // anything goes: run-time value, or only index 0 is used
    int64_t expected = ShapedType::kDynamic;
    if (d < lead || src.getDimSize(d - lead) == 1)
      expected = 0;
    else if (!ShapedType::isDynamic(src.getDimSize(d - lead)))
      expected = srcStrides[d - lead];
    if (stride != expected)
      return op->emitOpError()
             << "result stride " << stride << " of dimension " << d
             << " should be " << show(expected)
             << (d < lead ? " (a new dimension)"
                 : ShapedType::isDynamic(src.getDimSize(d - lead))
                     ? " (the source size is not known to be 1 or not)"
                     : "");
  }
  return success();
}

LogicalResult BroadcastOp::verify() {
  auto src = cast<MemRefType>(getSource().getType());
  auto dst = cast<MemRefType>(getResult().getType());
  if (static_cast<int64_t>(getShape().size()) != dst.getRank())
    return emitOpError() << "expects " << dst.getRank()
                         << " sizes for a rank-" << dst.getRank()
                         << " result, got " << getShape().size();
  if (dst.getRank() < src.getRank())
    return emitOpError() << "cannot broadcast rank " << src.getRank()
                         << " to the smaller rank " << dst.getRank();
  if (src.getElementType() != dst.getElementType())
    return emitOpError("source and result element types differ");
  if (src.getMemorySpace() != dst.getMemorySpace())
    return emitOpError("source and result memory spaces differ");
  int64_t lead = dst.getRank() - src.getRank();
  for (int64_t i = 0; i < src.getRank(); ++i) {
    int64_t s = src.getDimSize(i), d = dst.getDimSize(lead + i);
    if (!ShapedType::isDynamic(s) && !ShapedType::isDynamic(d) && s != 1 &&
        s != d)
      return emitOpError() << "dimension " << i << " of size " << s
                           << " cannot be broadcast to size " << d;
  }
  return verifyBroadcastLayout(*this, src, dst);
}

OpFoldResult BroadcastOp::fold(FoldAdaptor) {
  // Broadcasting to the source's own static shape is the identity.
  if (getSource().getType() == getResult().getType() &&
      cast<MemRefType>(getResult().getType()).hasStaticShape())
    return getSource();
  return {};
}

//===----------------------------------------------------------------------===//
// AllocOp
//===----------------------------------------------------------------------===//

LogicalResult AllocOp::verify() {
  auto t = cast<MemRefType>(getResult().getType());
  if (static_cast<int64_t>(getSizes().size()) != t.getNumDynamicDims())
    return emitOpError() << "expects " << t.getNumDynamicDims()
                         << " sizes for the dynamic dimensions of " << t
                         << ", got " << getSizes().size();
  if (getFill() && getFill().getType() != t.getElementType())
    return emitOpError() << "fill value has type " << getFill().getType()
                         << ", expected " << t.getElementType();
  return success();
}

//===----------------------------------------------------------------------===//
// PrangeOp
//===----------------------------------------------------------------------===//

ReductionKind PrangeOp::getKind(unsigned i) {
  auto s = cast<StringAttr>(getKinds()[i]);
  return *symbolizeReductionKind(s.getValue());
}

LogicalResult PrangeOp::verify() {
  // [lb, ub) by step: a constant step must be positive (as for scf.for and
  // scf.parallel, which kern.prange becomes).
  APInt step;
  if (matchPattern(getStep(), m_ConstantInt(&step)) && !step.isStrictlyPositive())
    return emitOpError() << "step must be positive, got " << step.getSExtValue();
  if (getKinds().size() != getInits().size())
    return emitOpError() << "has " << getInits().size()
                         << " reduction values but " << getKinds().size()
                         << " kinds";
  if (getResults().size() != getInits().size())
    return emitOpError("expects one result per reduction value");
  SmallVector<Type> argTypes{IndexType::get(getContext())};
  SmallVector<Type> yieldTypes;
  for (auto [i, init, kindAttr, res] :
       llvm::enumerate(getInits(), getKinds(), getResults())) {
    auto s = dyn_cast<StringAttr>(kindAttr);
    auto kind = s ? symbolizeReductionKind(s.getValue()) : std::nullopt;
    if (!kind || *kind == ReductionKind::custom)
      return emitOpError() << "reduction #" << i
                           << " must be one of add, mul, min, max";
    if (!isReductionKindForType(*kind, init.getType()))
      return emitOpError() << "reduction kind '" << s.getValue()
                           << "' is not defined on " << init.getType();
    if (res.getType() != init.getType())
      return emitOpError() << "result #" << i << " has type " << res.getType()
                           << ", expected " << init.getType();
    argTypes.push_back(init.getType());
    yieldTypes.push_back(init.getType());
  }
  return verifyScalarRegion(*this, getBody(), "body", argTypes, yieldTypes);
}

// kern.prange %i = %lb to %ub step %s [reduce(add %a = %init : f64, ...)]
//     region attr-dict [: result types]
ParseResult PrangeOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &b = parser.getBuilder();
  Type indexTy = b.getIndexType();
  SmallVector<OpAsmParser::Argument> args(1);
  OpAsmParser::UnresolvedOperand lb, ub, step;
  if (parser.parseArgument(args[0]) || parser.parseEqual() ||
      parser.parseOperand(lb) || parser.parseKeyword("to") ||
      parser.parseOperand(ub) || parser.parseKeyword("step") ||
      parser.parseOperand(step))
    return failure();
  args[0].type = indexTy;
  if (parser.resolveOperand(lb, indexTy, result.operands) ||
      parser.resolveOperand(ub, indexTy, result.operands) ||
      parser.resolveOperand(step, indexTy, result.operands))
    return failure();

  SmallVector<Attribute> kinds;
  if (succeeded(parser.parseOptionalKeyword("reduce"))) {
    auto parseOne = [&]() -> ParseResult {
      StringRef kind;
      OpAsmParser::Argument arg;
      OpAsmParser::UnresolvedOperand init;
      llvm::SMLoc loc = parser.getCurrentLocation();
      if (parser.parseKeyword(&kind) || parser.parseArgument(arg) ||
          parser.parseEqual() || parser.parseOperand(init) ||
          parser.parseColonType(arg.type))
        return failure();
      if (!symbolizeReductionKind(kind) || kind == "custom")
        return parser.emitError(loc)
               << "unknown reduction kind '" << kind
               << "' (expected add, mul, min or max)";
      kinds.push_back(b.getStringAttr(kind));
      args.push_back(arg);
      return parser.resolveOperand(init, arg.type, result.operands);
    };
    if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren,
                                       parseOne))
      return failure();
  }
  result.addAttribute("kinds", b.getArrayAttr(kinds));
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, args) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  SmallVector<Type> types;
  if (succeeded(parser.parseOptionalColon()) &&
      parser.parseTypeList(types))
    return failure();
  result.addTypes(types);
  return success();
}

void PrangeOp::print(OpAsmPrinter &p) {
  p << " " << getInductionVar() << " = " << getLowerBound() << " to "
    << getUpperBound() << " step " << getStep();
  if (!getInits().empty()) {
    p << " reduce(";
    for (unsigned i = 0, e = getInits().size(); i < e; ++i) {
      if (i)
        p << ", ";
      p << cast<StringAttr>(getKinds()[i]).getValue() << " "
        << getBody().getArgument(i + 1) << " = " << getInits()[i] << " : "
        << getInits()[i].getType();
    }
    p << ")";
  }
  p << " ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
  p.printOptionalAttrDict((*this)->getAttrs(), {"kinds"});
  if (!getResults().empty()) {
    p << " : ";
    llvm::interleaveComma(getResultTypes(), p);
  }
}

//===----------------------------------------------------------------------===//
// RaiseOp
//===----------------------------------------------------------------------===//

static const char *const kExceptionKinds[] = {
    "ValueError",   "IndexError",          "ZeroDivisionError",
    "TypeError",    "RuntimeError",        "AssertionError",
    "OverflowError", "MemoryError",        "NotImplementedError",
    "LinAlgError",  "KeyError",            "Exception"};

LogicalResult RaiseOp::verify() {
  if (!llvm::is_contained(kExceptionKinds, getKind()))
    return emitOpError() << "unknown exception kind '" << getKind() << "'";
  if (getKind() == "Exception" && !getArgsRepr())
    return emitOpError("kind 'Exception' (a user-defined class) needs "
                       "args_repr: its message names the class");
  // Count the placeholders: each %d/%u/%b/%g/%s takes one operand (%s an
  // i64: a string's address), %% none.
  StringRef msg = getMessage();
  size_t holes = 0;
  for (size_t i = 0; i < msg.size(); ++i) {
    if (msg[i] != '%')
      continue;
    if (i + 1 == msg.size())
      return emitOpError("message ends with a lone '%' (write %% for a "
                         "percent sign)");
    char c = msg[i + 1];
    if (c == 's' && (holes >= getArgs().size() ||
                     !getArgs()[holes].getType().isInteger(64)))
      return emitOpError("a '%s' placeholder takes an i64 operand (the "
                         "address of a string)");
    if (c == 'd' || c == 'u' || c == 'b' || c == 'g' || c == 's')
      ++holes;
    else if (c != '%')
      return emitOpError() << "unsupported placeholder '%" << c
                           << "' in message (use %d, %u, %b, %g, %s or %%)";
    ++i;
  }
  if (holes != getArgs().size())
    return emitOpError() << "message has " << holes << " placeholders but "
                         << getArgs().size() << " operands are given";
  return success();
}

//===----------------------------------------------------------------------===//
// LaunchOp
//===----------------------------------------------------------------------===//

LogicalResult LaunchOp::verifySymbolUses(SymbolTableCollection &table) {
  Operation *callee =
      table.lookupNearestSymbolFrom(*this, getKernelAttr());
  if (!callee)
    return emitOpError() << "kernel '" << getKernel() << "' is not defined";
  auto fn = dyn_cast<FunctionOpInterface>(callee);
  if (!fn)
    return emitOpError() << "'" << getKernel() << "' is not a function";
  ArrayRef<Type> params = fn.getArgumentTypes();
  if (params.size() != getArgs().size())
    return emitOpError() << "kernel '" << getKernel() << "' takes "
                         << params.size() << " arguments, "
                         << getArgs().size() << " given";
  for (auto [i, p, a] : llvm::enumerate(params, getArgs().getTypes()))
    if (p != a)
      return emitOpError() << "argument #" << i << " has type " << a
                           << ", kernel expects " << p;
  if (!fn.getResultTypes().empty())
    return emitOpError() << "kernel '" << getKernel()
                         << "' must not return values";
  return success();
}

//===----------------------------------------------------------------------===//
// RandomOp
//===----------------------------------------------------------------------===//

LogicalResult RandomOp::verify() {
  bool bits = getDistribution() == Distribution::bits;
  Type t = getResult().getType();
  if (bits && !t.isInteger(32))
    return emitOpError() << "'bits' draws an i32, not " << t;
  if (!bits && !isa<FloatType>(t))
    return emitOpError() << "'" << stringifyDistribution(getDistribution())
                         << "' draws a float, not " << t;
  return success();
}

//===----------------------------------------------------------------------===//
// SharedAllocOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyWorkgroup(Operation *op, MemRefType t);

LogicalResult SharedAllocOp::verify() {
  return verifyWorkgroup(*this, cast<MemRefType>(getResult().getType()));
}

LogicalResult DynamicSharedOp::verify() {
  auto t = cast<MemRefType>(getResult().getType());
  if (!t.getLayout().isIdentity())
    return emitOpError() << "expects an identity layout, got " << t;
  return verifyWorkgroup(*this, t);
}

static LogicalResult verifyWorkgroup(Operation *op, MemRefType t) {
  Attribute space = t.getMemorySpace();
  auto isWorkgroup = [&] {
    if (auto i = dyn_cast_or_null<IntegerAttr>(space))
      return i.getInt() == 3;
    if (!space)
      return false;
    std::string s;
    llvm::raw_string_ostream os(s);
    os << space;
    return StringRef(s).contains("workgroup");
  };
  if (!isWorkgroup())
    return op->emitOpError() << "expects a memref in the workgroup address space "
                            "(3), got "
                         << t;
  return success();
}

//===----------------------------------------------------------------------===//
// VoteOp
//===----------------------------------------------------------------------===//

LogicalResult VoteOp::verify() {
  bool ballot = getMode() == VoteMode::ballot;
  if (getResult().getType().isInteger(ballot ? 32 : 1))
    return success();
  return emitOpError() << "'" << stringifyVoteMode(getMode()) << "' gives "
                       << (ballot ? "an i32 (the lanes' bits)" : "an i1")
                       << ", not " << getResult().getType();
}

#define GET_OP_CLASSES
#include "kern/KernOps.cpp.inc"
