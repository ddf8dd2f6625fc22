/*===- Interrupt.c - Ctrl-C in compiled loops ------------------------------===*
 *
 * Python handles SIGINT by tripping a flag that its interpreter loop reads
 * between bytecodes; compiled code runs no bytecodes, so a long compiled
 * loop would ignore Ctrl-C until it ends. kern puts its own handler in
 * front of Python's:
 *
 *   1. the handler sets kern_rt_interrupt_flag, then runs the handler it
 *      replaced (Python's C handler, which trips Python's flag as before);
 *   2. compiled loops that contain another loop, and while loops, load the
 *      flag (volatile) at the top of each iteration and, when it is set,
 *      call kern_rt_interrupt (Error.c), which clears it and raises
 *      KernErrorInterrupt: the call unwinds to kernRuntimeCall like any
 *      raise, freeing the call's buffers;
 *   3. the extension turns that kind into Python's own handling: it runs
 *      the pending signal handlers (PyErr_CheckSignals: KeyboardInterrupt
 *      from Python's default handler, or the user's handler) and raises
 *      KeyboardInterrupt if none raised.
 *
 * Innermost loops read nothing, so their code (vectorized or not) is
 * unchanged. A prange body that runs loops reads the flag at the top of
 * each iteration: OpenMP threads cannot unwind, so the first to see it
 * records the interrupt (the flag becomes 2) and the later iterations are
 * skipped; the call raises when the region ends. The flag is cleared when
 * an outermost call starts, so a Ctrl-C that arrived while Python ran stays
 * Python's; the extension first asks Python to run the handlers of a signal
 * that arrived while it converted the arguments (PyErr_CheckSignals when
 * the flag is set), so that one is not lost to the cleared flag either.
 *
 * When SIGINT is ignored or has its default action (a process that turned
 * Python's handling off), nothing is installed. If Python installs another
 * handler later (signal.signal), it replaces kern's; the next compile puts
 * kern's back in front (kernRuntimeInstallInterruptHandler is cheap and
 * idempotent).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>

volatile int32_t kern_rt_interrupt_flag;

static struct sigaction previous; /* the handler kern's runs after its own */

static void onInterrupt(int sig, siginfo_t *info, void *context) {
  kern_rt_interrupt_flag = 1;
  if (previous.sa_flags & SA_SIGINFO) {
    if (previous.sa_sigaction)
      previous.sa_sigaction(sig, info, context);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    previous.sa_handler(sig);
  }
}

int kernRuntimeInstallInterruptHandler(void) {
  struct sigaction current;
  if (sigaction(SIGINT, NULL, &current) != 0)
    return 0;
  if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == onInterrupt)
    return 1; /* already in front */
  if (!(current.sa_flags & SA_SIGINFO) &&
      (current.sa_handler == SIG_DFL || current.sa_handler == SIG_IGN))
    return 0;
  struct sigaction mine;
  memset(&mine, 0, sizeof mine);
  mine.sa_sigaction = onInterrupt;
  mine.sa_mask = current.sa_mask;
  mine.sa_flags = (current.sa_flags | SA_SIGINFO) & ~SA_RESETHAND;
  previous = current;
  return sigaction(SIGINT, &mine, NULL) == 0;
}
