// NamedFunctionKernel: looks a named scalar function up in the math, string
// and datetime tables (each entry a RowKernel instantiation).

#include <string>
#include <unordered_map>

#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

ScalarKernel NamedFunctionKernel(const catalog::FunctionSignature& sig) {
  static const auto* table = [] {
    std::vector<NamedFn> fns;
    AddMathFunctions(&fns);
    AddStringFunctions(&fns);
    AddDatetimeFunctions(&fns);
    AddRegexFunctions(&fns);
    AddMiscFunctions(&fns);
    AddSessionFunctions(&fns);
    AddFormatFunctions(&fns);
    auto* m = new std::unordered_map<std::string, ScalarKernel>();
    for (const NamedFn& f : fns) (*m)[f.name] = f.kernel;
    return m;
  }();
  auto it = table->find(sig.name);
  return it == table->end() ? nullptr : it->second;
}

}  // namespace omen::execution::internal
