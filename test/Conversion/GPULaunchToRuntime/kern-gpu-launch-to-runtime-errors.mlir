// RUN: kern-opt %s --kern-gpu-launch-to-runtime -split-input-file -verify-diagnostics

module attributes {gpu.container_module} {
  gpu.module @kern_gpu {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  func.func @host(%c1: index) {
    %s = arith.constant 0 : i32
    // expected-error @+1 {{a launch of 'kern_gpu', which is not a gpu.binary (run gpu-module-to-binary first)}}
    gpu.launch_func @kern_gpu::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) dynamic_shared_memory_size %s
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.binary @kern_gpu [#gpu.object<#nvvm.target<chip = "sm_80">, "ptx">]
  func.func @host(%c1: index) {
    // expected-error @+1 {{a launch without dynamic_shared_memory_size}}
    gpu.launch_func @kern_gpu::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.binary @kern_gpu [#gpu.object<#nvvm.target<chip = "sm_80">, "ptx">]
  func.func @host(%c1: index, %v: vector<4xf32>) {
    %s = arith.constant 0 : i32
    // expected-error @+1 {{a kernel parameter of type 'vector<4xf32>' has no layout}}
    gpu.launch_func @kern_gpu::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) dynamic_shared_memory_size %s args(%v : vector<4xf32>)
    return
  }
}
