// The same, in the generic form.
func.func @f(%x: memref<?xf64>) {
  "kern.frobnicate"(%x) : (memref<?xf64>) -> ()
  return
}
