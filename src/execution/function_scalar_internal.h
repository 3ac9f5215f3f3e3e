#pragma once
// Private: the row-at-a-time scalar function tables (math, string, datetime)
// and the kernel shape they share.

#include <vector>

#include "execution/function_internal.h"

namespace omen::execution::internal {

// Evaluates kFn row by row. kStrict: a NULL argument gives NULL without a call.
// kFn sees arguments of the resolved types and writes a Value already typed
// with the call's result type.
template <ValueFn kFn, bool kStrict>
Status RowKernel(const std::vector<const Vector*>& args, size_t n, Vector* out) {
  out->Resize(n);
  std::vector<Value> vals(args.size());
  for (size_t i = 0; i < n; ++i) {
    bool any_null = false;
    for (size_t k = 0; k < args.size(); ++k) {
      vals[k] = args[k]->GetValue(i);
      any_null = any_null || vals[k].is_null;
    }
    if (kStrict && any_null) {
      out->SetNull(i, true);
      continue;
    }
    Value res;
    res.type = out->type();
    res.is_null = false;
    OMEN_RETURN_IF_ERROR(kFn(vals, &res));
    out->SetValue(i, res);
  }
  return Status::OK();
}

struct NamedFn {
  const char* name;
  ScalarKernel kernel;
};

template <ValueFn kFn>
inline constexpr ScalarKernel kRow = &RowKernel<kFn, true>;
template <ValueFn kFn>
inline constexpr ScalarKernel kRowLax = &RowKernel<kFn, false>;

void AddMathFunctions(std::vector<NamedFn>* fns);
void AddStringFunctions(std::vector<NamedFn>* fns);
void AddDatetimeFunctions(std::vector<NamedFn>* fns);
void AddRegexFunctions(std::vector<NamedFn>* fns);
void AddMiscFunctions(std::vector<NamedFn>* fns);
// to_char, to_date, factorial, width_bucket (function_format.cc).
void AddFormatFunctions(std::vector<NamedFn>* fns);
// to_timestamp(text, text) (function_format.cc; misc's to_timestamp dispatches here).
Status ToTimestampText(const std::vector<Value>& args, Value* out);
// Context-free session functions (function_session.cc).
void AddSessionFunctions(std::vector<NamedFn>* fns);

}  // namespace omen::execution::internal
