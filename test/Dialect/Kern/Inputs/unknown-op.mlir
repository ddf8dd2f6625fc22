// An op that the kern dialect does not define.
func.func @f(%x: memref<?xf64>) {
  kern.frobnicate %x : memref<?xf64>
  return
}
