// The oid -> kernel registry, built once from catalog::AllFunctions().

#include "execution/functions.h"

#include <unordered_map>

#include "execution/function_internal.h"

namespace omen::execution {

namespace internal {

void StrictNulls(const std::vector<const Vector*>& args, size_t n, Vector* out) {
  uint8_t* on = out->nulls();
  for (size_t i = 0; i < n; ++i) on[i] = 0;
  for (const Vector* a : args) {
    const uint8_t* an = a->nulls();
    for (size_t i = 0; i < n; ++i) on[i] |= an[i];
  }
}

bool LikeMatch(std::string_view text, std::string_view pattern, bool ci) {
  auto fold = [ci](char c) { return ci && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      char pc = pattern[p];
      size_t plen = 1;
      if (pc == '\\' && p + 1 < pattern.size()) {
        pc = pattern[p + 1];
        plen = 2;
      } else if (pc == '_') {
        // '_' matches one whole UTF-8 character.
        size_t clen = 1;
        while (t + clen < text.size() && (static_cast<unsigned char>(text[t + clen]) & 0xC0) == 0x80) ++clen;
        t += clen;
        p += 1;
        continue;
      }
      if (fold(pc) == fold(text[t])) {
        t += 1;
        p += plen;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace internal

namespace {

bool IsOperatorName(const std::string& name) {
  return !name.empty() && !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
}

const std::unordered_map<uint32_t, ScalarKernel>& Registry() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<uint32_t, ScalarKernel>();
    for (const catalog::FunctionSignature& sig : catalog::AllFunctions()) {
      if (sig.kind != catalog::FunctionKind::kScalar) continue;
      ScalarKernel k = internal::IntervalKernel(sig.oid);
      if (k == nullptr) k = internal::ArrayKernel(sig.oid);
      if (k == nullptr) k = internal::TimeZoneKernel(sig.oid);
      if (k == nullptr) {
        k = IsOperatorName(sig.name) ? internal::OperatorKernel(sig) : internal::NamedFunctionKernel(sig);
      }
      if (k != nullptr) (*m)[sig.oid] = k;
    }
    // Array expressions the binder builds without a signature.
    for (uint32_t oid : {catalog::kArrayConstructorOid, catalog::kArraySubscriptOid, catalog::kArraySliceOid}) {
      (*m)[oid] = internal::ArrayKernel(oid);
    }
    return m;
  }();
  return *map;
}

}  // namespace

ScalarKernel FindScalarKernel(uint32_t oid) {
  auto it = Registry().find(oid);
  return it == Registry().end() ? nullptr : it->second;
}

}  // namespace omen::execution
