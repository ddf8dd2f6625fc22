/*===- Error.c - errors raised by compiled code ----------------------------===*
 *
 * Placeholder of the runtime library until the runtime issue lands: the
 * error state that compiled code sets and that the caller reads.
 *
 *===----------------------------------------------------------------------===*/
