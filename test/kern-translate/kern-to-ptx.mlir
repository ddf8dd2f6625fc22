// kern-translate --kern-to-ptx writes the PTX of the module's kernels
// (kern-gpu-pipeline); ptxas assembles it for sm_80 and sm_90.
// REQUIRES: ptxas
// RUN: kern-translate %s --kern-to-ptx -o %t80.ptx
// RUN: FileCheck %s --check-prefix=SM80 < %t80.ptx
// RUN: %ptxas -arch=sm_80 %t80.ptx -o %t80.cubin
// RUN: kern-translate %s --kern-to-ptx --kern-chip=sm_90 -o %t90.ptx
// RUN: FileCheck %s --check-prefix=SM90 < %t90.ptx
// RUN: %ptxas -arch=sm_90 %t90.ptx -o %t90.cubin
// RUN: not kern-translate %s --kern-to-ptx --kern-chip=sm_1 2>&1 | FileCheck %s --check-prefix=BAD

// SM80: .target sm_80
// SM80: .visible .entry saxpy(
// SM90: .target sm_90
// SM90: .visible .entry saxpy(
// BAD: error

func.func @saxpy(%a: f32, %x: memref<?xf32>, %y: memref<?xf32>) attributes {kern.kernel} {
  %i = kern.grid x : index
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %in = arith.cmpi ult, %i, %n : index
  scf.if %in {
    %xv = memref.load %x[%i] : memref<?xf32>
    %yv = memref.load %y[%i] : memref<?xf32>
    %e = math.exp %xv : f32
    %m = arith.mulf %a, %e : f32
    %s = arith.addf %m, %yv : f32
    memref.store %s, %y[%i] : memref<?xf32>
  }
  return
}
