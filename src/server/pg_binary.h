#pragma once
// PostgreSQL's binary wire formats (the typsend/typrecv functions) for every
// OmenDB type: bool 1 byte; int2/int4/int8, float4/float8 big-endian; numeric
// as ndigits/weight/sign/dscale + base-10000 digits; text, varchar, bpchar
// the bytes; date int32 days and timestamp[tz] int64 microseconds since
// 2000-01-01 (infinities as PostgreSQL's int limits); oid and reg* as uint32;
// name, pg_node_tree the bytes; "char" one byte; interval as int64 micros,
// int32 days, int32 months; arrays as array_send (ndim, has-null, element
// OID, size and lower bound, then length-prefixed elements). Stateless,
// thread-safe.

#include <string>
#include <string_view>

#include "common/status.h"
#include "common/value.h"

namespace omen::server {

inline constexpr SqlState kInvalidBinaryRepresentation{"22P03"};

// Appends the binary send format of `v` to *out. REQUIRES: !v.is_null.
// 0A000 for a type that has no binary format here.
Status EncodeBinary(const Value& v, std::string* out);

// The value of type `type` whose binary format is `bytes` (a Bind parameter).
// 22P03 "incorrect binary data format" on malformed bytes (08P01
// "insufficient data left in message" when too short); typmods are
// applied as the type's input function does (22001, 22003).
Result<Value> DecodeBinary(std::string_view bytes, Type type);

}  // namespace omen::server
