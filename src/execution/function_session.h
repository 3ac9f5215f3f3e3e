#pragma once
// Functions whose value comes from the session or the transaction rather than
// from their arguments: current_setting, set_config, version, current_user,
// now() and its relatives, pg_sleep. With a session in the ExecutionContext
// they read it; without one the catalog kernels give context-free defaults.

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "common/vector.h"
#include "execution/physical_operator.h"
#include "sql/bound_expression.h"

namespace omen::execution {

// True when `oid` must be evaluated by EvaluateSessionFunction in `state`.
bool IsSessionFunction(const ExecState& state, uint32_t oid);

// Evaluates the session function `e` over n rows of `args` into `out`.
Status EvaluateSessionFunction(ExecState& state, const sql::BoundExpr& e,
                               const std::vector<const Vector*>& args, size_t n, Vector* out);

// The value version() returns.
const char* VersionString();

}  // namespace omen::execution
