// Errors of the kern translations are located diagnostics.
// RUN: kern-translate --kern-to-llvmir %s --split-input-file -verify-diagnostics

// expected-error @+1 {{kern.entry function 'f': argument 0 has type tensor<2xf64>}}
func.func @f(%t: tensor<2xf64>) attributes {kern.entry} {
  return
}

// -----

// A GPU op outside a kernel: convert-kern-gpu-to-host (in the pipeline)
// names it.
func.func @g() -> index attributes {kern.entry} {
  // expected-error @+1 {{'kern.gridsize' outside a kernel}}
  %n = kern.gridsize x : index
  return %n : index
}
