// A kern.alloc size that is not an index.
func.func @wrong(%n: i64) -> memref<?xf64> {
  %a = kern.alloc(%n) : memref<?xf64>
  return %a : memref<?xf64>
}
