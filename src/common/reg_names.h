#pragma once
// Text I/O of the reg* types (regclass, regtype, regnamespace, regproc)
// needs the catalog: regclass 't' is a lookup through the search path, and a
// regclass prints as the relation's name. common/ cannot see the catalog, so
// the session that binds or runs a statement installs a RegNameResolver for
// its thread (catalog/reg_name_resolver.h builds one over a catalog version);
// ParseValue / FormatValue / CastValue of reg* types consult it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"

namespace omen {

class RegNameResolver {
 public:
  virtual ~RegNameResolver() = default;
  // Output text for `oid` as reg type `type`; nullopt prints the number
  // (PostgreSQL does that for an oid naming no object).
  virtual std::optional<std::string> Name(TypeId type, uint32_t oid) const = 0;
  // The oid `text` names as reg type `type`. Errors as PostgreSQL: 42P01
  // relation does not exist, 42704 type / schema does not exist, 42883
  // function does not exist, 42725 more than one function named.
  virtual Result<uint32_t> Lookup(TypeId type, std::string_view text) const = 0;
};

// The calling thread's resolver (installed by main/); nullptr when none.
const RegNameResolver* ThreadRegNameResolver();
// Installs `r` for the calling thread, replacing the previous one (nullptr
// removes it). Thread-local: other threads are unaffected.
void SetThreadRegNameResolver(std::shared_ptr<const RegNameResolver> r);

// reg* input: a number is taken as the oid, "-" is 0; otherwise the thread's
// resolver looks the name up (42704 when there is none).
Result<uint32_t> ParseRegValue(TypeId type, std::string_view text);
// reg* output: the resolver's name, else the oid in decimal ("-" for 0).
std::string FormatRegValue(TypeId type, uint32_t oid);

}  // namespace omen
