"""The compiling half of kern's Python frontend: typing of a Python
function's AST and emission of kern MLIR text.

    lowering.lower()          entry point (kern/lowering.py)
    function.FunctionCompiler one specialization → func.func
      statements / loops / parallel   statements, control flow, prange
      expressions / calls / creation  expressions, builtins, NumPy, math
      scalars / arrays                arith/math/complex, memref/kern ops
    builder                   SSA values and the text builder
"""
