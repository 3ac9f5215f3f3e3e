#pragma once
// Implementations of the functions, operators and aggregates whose
// signatures catalog/functions.h declares, found by the signature's oid.
// Thread-safe (immutable tables of function pointers).

#include <cstdint>
#include <memory>
#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"

namespace omen::execution {

// Computes rows [0, n) of the result into `out` (already constructed with
// the call's result type; the kernel resizes it to n). Arguments have exactly
// the types the signature resolved to. The kernel sets NULLs itself (strict
// functions: NULL when any argument is NULL). Errors as PostgreSQL
// (22003 'integer out of range', 22012 'division by zero', ...).
using ScalarKernel = Status (*)(const std::vector<const Vector*>& args, size_t n, Vector* out);

// nullptr if `oid` is not a scalar function OmenDB implements.
ScalarKernel FindScalarKernel(uint32_t oid);

// The running state of one aggregate over one group. Not thread-safe.
class AggregateState {
 public:
  virtual ~AggregateState() = default;
  // Adds row i of the argument vectors (count(*): args is empty). NULL
  // arguments are skipped by strict aggregates (all but count(*)).
  virtual Status Update(const std::vector<const Vector*>& args, size_t i) = 0;
  // Adds rows [0, n); the fast path for ungrouped aggregates.
  virtual Status UpdateAll(const std::vector<const Vector*>& args, size_t n) {
    for (size_t i = 0; i < n; ++i) OMEN_RETURN_IF_ERROR(Update(args, i));
    return Status::OK();
  }
  // Merges another state of the same aggregate (parallel execution).
  virtual Status Combine(const AggregateState& other) = 0;
  // The result (sum of no rows is NULL, count is 0, ...), of the call's result type.
  virtual Result<Value> Finalize() const = 0;
};

// A fresh state for aggregate `oid` over arguments of `arg_types` with result
// type `result`; nullptr if `oid` is not an aggregate OmenDB implements.
std::unique_ptr<AggregateState> MakeAggregateState(uint32_t oid, const std::vector<Type>& arg_types,
                                                   Type result);

}  // namespace omen::execution
