#include "common/reg_names.h"

#include <cctype>

namespace omen {

namespace {

thread_local std::shared_ptr<const RegNameResolver> tls_resolver;

const char* RegTypeName(TypeId type) {
  switch (type) {
    case TypeId::kRegclass:
      return "relation";
    case TypeId::kRegnamespace:
      return "schema";
    case TypeId::kRegproc:
      return "function";
    default:
      return "type";
  }
}

}  // namespace

const RegNameResolver* ThreadRegNameResolver() { return tls_resolver.get(); }

void SetThreadRegNameResolver(std::shared_ptr<const RegNameResolver> r) {
  tls_resolver = std::move(r);
}

Result<uint32_t> ParseRegValue(TypeId type, std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text == "-") return 0u;
  bool digits = !text.empty();
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (digits) {
    if (text.size() > 10 || std::stoull(std::string(text)) > 0xffffffffull) {
      return Status(SqlState("22003"),
                    "value \"" + std::string(text) + "\" is out of range for type oid");
    }
    return static_cast<uint32_t>(std::stoull(std::string(text)));
  }
  if (const RegNameResolver* r = ThreadRegNameResolver()) return r->Lookup(type, text);
  return Status(SqlState("42704"),
                std::string(RegTypeName(type)) + " \"" + std::string(text) + "\" does not exist");
}

std::string FormatRegValue(TypeId type, uint32_t oid) {
  if (oid == 0) return "-";
  if (const RegNameResolver* r = ThreadRegNameResolver()) {
    std::optional<std::string> name = r->Name(type, oid);
    if (name) return *name;
  }
  return std::to_string(oid);
}

}  // namespace omen
