/*===- Compiler.c - kern IR text to JIT-loaded machine code ----------------===*
 *
 * kernCompile runs, timing each stage:
 *   parse        text -> builtin.module (verified)
 *   kern-passes  kern-cpu-pipeline up to convert-kern-to-affine
 *   lowering     the rest of kern-cpu-pipeline, to the LLVM dialect
 *   translate    LLVM dialect -> LLVM IR (+ fast-math flags)
 *   llvm-opt     default<O3> for the host CPU, vectorized, libmvec
 *   codegen      object code in memory
 *   jit          ORC LLJIT, linked
 * Diagnostics of every stage are captured as text and returned; nothing is
 * printed.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L
#include "Internal.h"
#include "Pipeline.h"

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "mlir-c/Target/LLVMIR.h"
#include "llvm-c/Orc.h"
#include "llvm-c/LLJIT.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct KernCompiler {
  MlirContext ctx;
  /* Where diagnostics go while a compile runs (NULL otherwise). */
  KernText *errors, *remarks;
  /* Parsed pipelines, by [parallel][fastmath][part]. */
  MlirPassManager pipelines[2][2][2];
  /* Host target machines, by optimisation level, made when first needed. */
  LLVMTargetMachineRef machines[4];
};

enum { KernStageCount = 6 };
static const char *const kStageNames[KernStageCount] = {
    "kern", "affine", "llvm", "llvmir", "asm", "diagnostics"};
enum { StageKern, StageAffine, StageLLVM, StageLLVMIR, StageAsm, StageDiags };

enum { KernTimingCount = 7 };
static const char *const kTimingNames[KernTimingCount] = {
    "parse", "kern-passes", "lowering", "translate", "llvm-opt", "codegen",
    "jit"};

struct KernModule {
  LLVMOrcLLJITRef jit;
  void *object;
  size_t objectSize;
  char *stages[KernStageCount];
  double seconds[KernTimingCount];
  intptr_t nTimings;
};

/*===----------------------------------------------------------------------===*
 * The compiler
 *===----------------------------------------------------------------------===*/

KernCompileOptions kernCompileOptionsDefault(void) {
  return (KernCompileOptions){.pipeline = {.parallel = false,
                                           .fastmath = false},
                              .optLevel = 3,
                              .fastmathFlags = 0,
                              .keepStages = false,
                              .gpuChip = NULL};
}

/* Errors (and everything else while nothing listens) go to `errors`;
 * warnings and remarks of a compile that succeeds are kept as the
 * "diagnostics" stage. */
static MlirLogicalResult captureDiagnostic(MlirDiagnostic d, void *userData) {
  KernCompiler *c = userData;
  bool isError = mlirDiagnosticGetSeverity(d) == MlirDiagnosticError;
  KernText *sink = isError || !c->remarks ? c->errors : c->remarks;
  if (!sink)
    return mlirLogicalResultSuccess(); /* outside a compile: dropped */
  kernTextAppendDiagnostic(sink, d);
  return mlirLogicalResultSuccess();
}

static void registerPasses(void) {
  mlirRegisterAllPasses();
  kernRegisterPasses();
}

void kernRegisterPipelinePasses(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, registerPasses);
}

KernCompiler *kernCompilerCreate(void) {
  KernCompiler *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  kernRegisterPipelinePasses();
  kernInitializeNativeTarget();
  kernJITPrepareProcess();
  c->ctx = kernContextCreate();
  /* The pipelines nest passes on func.func: with the dialect not loaded
   * when a pipeline first runs (on a module without functions), its pass
   * manager would keep an unregistered func.func and refuse to schedule
   * the function passes on later modules. */
  mlirContextGetOrLoadDialect(c->ctx, mlirStringRefCreateFromCString("func"));
  /* Modules are small: a thread pool costs more than it saves, and a
   * single thread keeps diagnostics in order. */
  mlirContextEnableMultithreading(c->ctx, false);
  mlirContextAttachDiagnosticHandler(c->ctx, captureDiagnostic, c, NULL);
  return c;
}

void kernCompilerDestroy(KernCompiler *c) {
  if (!c)
    return;
  MlirPassManager *pm = &c->pipelines[0][0][0];
  for (size_t i = 0; i < sizeof c->pipelines / sizeof *pm; ++i)
    if (pm[i].ptr)
      mlirPassManagerDestroy(pm[i]);
  for (int level = 0; level < 4; ++level)
    if (c->machines[level])
      LLVMDisposeTargetMachine(c->machines[level]);
  mlirContextDestroy(c->ctx);
  free(c);
}

void kernStringFree(char *s) { free(s); }

/*===----------------------------------------------------------------------===*
 * Stages
 *===----------------------------------------------------------------------===*/

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Records the time since *start as the next timing and restarts the clock. */
static void lap(KernModule *m, double *start) {
  double t = now();
  m->seconds[m->nTimings++] = t - *start;
  *start = t;
}

static char *printOperation(MlirOperation op) {
  KernText t = {0};
  mlirOperationPrint(op, kernTextAppendCallback, &t);
  return kernTextTake(&t);
}

static char *copyText(const char *data, size_t n) {
  KernText t = {0};
  kernTextAppend(&t, data, n);
  return kernTextTake(&t);
}

/* The pass manager of one half of kern-cpu-pipeline, parsed once. */
static MlirPassManager pipeline(KernCompiler *c, KernPipelineOptions o,
                                KernPipelinePart part) {
  MlirPassManager *pm = &c->pipelines[o.parallel][o.fastmath][part];
  if (pm->ptr)
    return *pm;
  size_t n = kernCpuPipelinePartText(o, part, NULL, 0);
  char *text = malloc(n + sizeof "builtin.module()");
  strcpy(text, "builtin.module(");
  kernCpuPipelinePartText(o, part, text + strlen(text), n + 1);
  strcat(text, ")");
  MlirPassManager created = mlirPassManagerCreateOnOperation(
      c->ctx, mlirStringRefCreateFromCString("builtin.module"));
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(created),
      mlirStringRefCreateFromCString(text), kernTextAppendCallback,
      c->errors);
  free(text);
  if (mlirLogicalResultIsFailure(parsed)) {
    mlirPassManagerDestroy(created);
    return (MlirPassManager){NULL};
  }
  *pm = created;
  return created;
}

static bool runPipeline(KernCompiler *c, MlirModule module,
                        KernPipelineOptions o, KernPipelinePart part) {
  MlirPassManager pm = pipeline(c, o, part);
  return pm.ptr && mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(
                       pm, mlirModuleGetOperation(module)));
}

/* MLIR text -> LLVM-dialect module, keeping stages as asked. */
static MlirModule lowerToLLVMDialect(KernCompiler *c, KernModule *m,
                                     const char *text, size_t length,
                                     const KernCompileOptions *o,
                                     double *clock) {
  KernPipelineOptions pipelineOpts = kernPipelineOptionsFor(o);
  MlirModule module = mlirModuleCreateParse(
      c->ctx, (MlirStringRef){.data = text, .length = length});
  lap(m, clock);
  if (mlirModuleIsNull(module))
    return module;
  if (o->keepStages)
    m->stages[StageKern] = copyText(text, length);
  bool ok;
  if (o->gpuChip) {
    /* kern-gpu-pipeline: kernels to PTX, launches through Cuda.c */
    ok = mlirLogicalResultIsSuccess(kernGpuRunPipeline(
        mlirModuleGetOperation(module), o->gpuChip));
    lap(m, clock);
  } else {
    ok = runPipeline(c, module, pipelineOpts, KernPipelineKernPasses);
    lap(m, clock);
    if (ok && o->keepStages)
      m->stages[StageAffine] =
          printOperation(mlirModuleGetOperation(module));
  }
  ok = ok && (o->gpuChip ||
              runPipeline(c, module, pipelineOpts, KernPipelineLowering));
  lap(m, clock);
  if (!ok) {
    mlirModuleDestroy(module);
    return (MlirModule){NULL};
  }
  if (o->keepStages)
    m->stages[StageLLVM] = printOperation(mlirModuleGetOperation(module));
  return module;
}

static LLVMTargetMachineRef targetMachine(KernCompiler *c, int optLevel) {
  int level = optLevel < 0 ? 0 : optLevel > 3 ? 3 : optLevel;
  if (!c->machines[level])
    c->machines[level] = kernCreateHostTargetMachine(level, c->errors);
  return c->machines[level];
}

/* LLVM-dialect module -> optimised LLVM IR -> object code in m->object. */
static bool generateCode(KernCompiler *c, KernModule *m, MlirModule module,
                         const KernCompileOptions *o, double *clock) {
  LLVMTargetMachineRef machine = targetMachine(c, o->optLevel);
  if (!machine)
    return false;
  LLVMContextRef llvmCtx = LLVMContextCreate();
  LLVMModuleRef llvmModule =
      mlirTranslateModuleToLLVMIR(mlirModuleGetOperation(module), llvmCtx);
  bool ok = llvmModule != NULL;
  if (ok) {
    kernSetHostTarget(llvmModule, machine);
    if (o->pipeline.fastmath)
      kernApplyFastMath(llvmModule, o->fastmathFlags);
  }
  lap(m, clock);
  if (ok) {
    LLVMErrorRef err =
        kernLLVMOptimizeModule(llvmModule, machine, o->optLevel);
    if (err) {
      kernTextAppendLLVMError(c->errors, err);
      ok = false;
    }
  }
  lap(m, clock);
  if (ok && o->keepStages) {
    char *ir = LLVMPrintModuleToString(llvmModule);
    m->stages[StageLLVMIR] = copyText(ir, strlen(ir));
    LLVMDisposeMessage(ir);
    LLVMModuleRef clone = LLVMCloneModule(llvmModule);
    LLVMMemoryBufferRef asm_ =
        kernEmit(machine, clone, LLVMAssemblyFile, c->errors);
    LLVMDisposeModule(clone);
    if (asm_) {
      m->stages[StageAsm] = copyText(LLVMGetBufferStart(asm_),
                                     LLVMGetBufferSize(asm_));
      LLVMDisposeMemoryBuffer(asm_);
    }
  }
  LLVMMemoryBufferRef object =
      ok ? kernEmit(machine, llvmModule, LLVMObjectFile, c->errors) : NULL;
  if (object) {
    m->objectSize = LLVMGetBufferSize(object);
    m->object = malloc(m->objectSize);
    if (m->object)
      memcpy(m->object, LLVMGetBufferStart(object), m->objectSize);
    LLVMDisposeMemoryBuffer(object);
  }
  lap(m, clock);
  if (llvmModule)
    LLVMDisposeModule(llvmModule);
  LLVMContextDispose(llvmCtx);
  return m->object != NULL;
}

/*===----------------------------------------------------------------------===*
 * Compiling and loading
 *===----------------------------------------------------------------------===*/

static KernModule *fail(KernModule *m, KernText *errors, char **error) {
  kernModuleDestroy(m);
  if (errors->length == 0)
    kernTextPrintf(errors, "kern: compilation failed\n");
  if (error)
    *error = kernTextTake(errors);
  kernTextFree(errors);
  return NULL;
}

KernModule *kernCompile(KernCompiler *c, const char *text, size_t length,
                        const KernCompileOptions *options, char **error) {
  KernCompileOptions o = options ? *options : kernCompileOptionsDefault();
  KernText errors = {0}, remarks = {0};
  KernModule *m = calloc(1, sizeof *m);
  if (!m)
    return fail(m, &errors, error);
  c->errors = &errors;
  c->remarks = &remarks;
  double clock = now();
  MlirModule module = lowerToLLVMDialect(c, m, text, length, &o, &clock);
  bool ok = !mlirModuleIsNull(module) &&
            generateCode(c, m, module, &o, &clock);
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  c->errors = c->remarks = NULL;
  if (ok) {
    m->jit = kernJITLoadObject(m->object, m->objectSize, &errors);
    lap(m, &clock);
  }
  if (!ok || !m->jit) {
    kernTextAppend(&errors, remarks.data ? remarks.data : "", remarks.length);
    kernTextFree(&remarks);
    return fail(m, &errors, error);
  }
  if (remarks.length)
    m->stages[StageDiags] = kernTextTake(&remarks);
  kernTextFree(&remarks);
  kernTextFree(&errors);
  return m;
}

KernModule *kernModuleLoadObject(KernCompiler *c, const void *data,
                                 size_t size, char **error) {
  (void)c;
  KernText errors = {0};
  KernModule *m = calloc(1, sizeof *m);
  if (!m)
    return fail(m, &errors, error);
  double clock = now();
  m->object = malloc(size ? size : 1);
  if (!m->object)
    return fail(m, &errors, error);
  memcpy(m->object, data, size);
  m->objectSize = size;
  m->jit = kernJITLoadObject(m->object, size, &errors);
  if (!m->jit)
    return fail(m, &errors, error);
  /* Only the "jit" stage ran. */
  for (int i = 0; i < KernTimingCount - 1; ++i)
    m->seconds[m->nTimings++] = 0;
  lap(m, &clock);
  return m;
}

void *kernModuleLookup(KernModule *m, const char *name) {
  LLVMOrcExecutorAddress address = 0;
  LLVMErrorRef err = LLVMOrcLLJITLookup(m->jit, &address, name);
  if (err) {
    LLVMConsumeError(err);
    return NULL;
  }
  return (void *)(uintptr_t)address;
}

void kernModuleGetObject(KernModule *m, const void **data, size_t *size) {
  *data = m->object;
  *size = m->objectSize;
}

const char *kernModuleGetStage(KernModule *m, const char *stage) {
  for (int i = 0; i < KernStageCount; ++i)
    if (strcmp(stage, kStageNames[i]) == 0)
      return m->stages[i];
  return NULL;
}

intptr_t kernModuleGetTimings(KernModule *m, const char **names,
                              double *seconds, intptr_t cap) {
  intptr_t n = m->nTimings < cap ? m->nTimings : cap;
  for (intptr_t i = 0; i < n; ++i) {
    if (names)
      names[i] = kTimingNames[i];
    if (seconds)
      seconds[i] = m->seconds[i];
  }
  return n;
}

void kernModuleDestroy(KernModule *m) {
  if (!m)
    return;
  if (m->jit)
    LLVMConsumeError(LLVMOrcDisposeLLJIT(m->jit));
  for (int i = 0; i < KernStageCount; ++i)
    free(m->stages[i]);
  free(m->object);
  free(m);
}

static void appendTo(MlirStringRef s, void *userData) {
  kernTextAppend(userData, s.data, s.length);
}

char *kernGpuCompileStage(KernCompiler *c, const char *text, size_t length,
                          const char *chip, const char *stage, char **error) {
  KernText errors = {0}, out = {0};
  c->errors = &errors;
  MlirModule module = mlirModuleCreateParse(
      c->ctx, (MlirStringRef){.data = text, .length = length});
  bool ok = !mlirModuleIsNull(module) &&
            mlirLogicalResultIsSuccess(kernGpuTranslateModule(
                mlirModuleGetOperation(module), chip, stage, appendTo, &out));
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  c->errors = NULL;
  if (!ok) {
    kernTextFree(&out);
    if (error)
      *error = kernTextTake(&errors);
    else
      kernTextFree(&errors);
    return NULL;
  }
  kernTextFree(&errors);
  return kernTextTake(&out);
}
