//===- Passes.cpp - registering kern's C passes ---------------------------===//
//
// The MLIR 22 C API can create a pass from C callbacks but cannot put it in
// the global registry; mlir::registerPass with a factory that unwraps the C
// pass is the missing piece (see NOTES-MLIR22.md).
//
//===----------------------------------------------------------------------===//

#include "kern-c/Passes.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"

#include <mutex>

extern "C" void kernRegisterPipelines(void);

void kernRegisterPasses(void) {
  static std::once_flag once;
  std::call_once(once, [] {
#define KERN_PASS(Name)                                                        \
  mlir::registerPass([]() -> std::unique_ptr<mlir::Pass> {                     \
    return std::unique_ptr<mlir::Pass>(unwrap(kernCreate##Name##Pass()));      \
  });
#include "kern-c/Passes.def"
#undef KERN_PASS
    kernRegisterPipelines();
  });
}
