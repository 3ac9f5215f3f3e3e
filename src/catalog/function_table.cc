// The built-in signature table: operators (named by their symbol), scalar
// functions and aggregates, with PostgreSQL 15's pg_proc OIDs (operators use
// their oprcode's OID); OmenDB-only entries use OIDs >= 200000. Generated
// from a PostgreSQL 15 catalog; the comment names the pg_proc function.
//
// Markers: an argument of TypeId::kNull means PostgreSQL's "any" (count(any));
// variadic TypeId::kUnknown means VARIADIC "any" (concat, concat_ws).

#include "catalog/function_table_internal.h"

namespace omen::catalog {

const std::vector<FunctionSignature>& BuiltinFunctionTable() {
  using K = FunctionKind;
  using T = TypeId;
  struct Row {
    uint32_t oid;
    const char* name;
    FunctionKind kind;
    std::vector<TypeId> args;
    TypeId variadic;
    TypeId ret;
    bool strict;
  };
  static const std::vector<FunctionSignature>* table = [] {
    const Row rows[] = {
    {230, "|/", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // dsqrt
    {231, "||/", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // dcbrt
    {1230, "@", K::kScalar, {T::kInt64}, T::kNull, T::kInt64, true},  // int8abs
    {207, "@", K::kScalar, {T::kFloat32}, T::kNull, T::kFloat32, true},  // float4abs
    {221, "@", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // float8abs
    {1253, "@", K::kScalar, {T::kInt16}, T::kNull, T::kInt16, true},  // int2abs
    {1251, "@", K::kScalar, {T::kInt32}, T::kNull, T::kInt32, true},  // int4abs
    {1704, "@", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_abs
    {3696, "^@", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // starts_with
    {1770, "to_char", K::kScalar, {T::kTimestampTz, T::kText}, T::kNull, T::kText, true},  // timestamptz_to_char
    {1772, "to_char", K::kScalar, {T::kNumeric, T::kText}, T::kNull, T::kText, true},  // numeric_to_char
    {1773, "to_char", K::kScalar, {T::kInt32, T::kText}, T::kNull, T::kText, true},  // int4_to_char
    {1774, "to_char", K::kScalar, {T::kInt64, T::kText}, T::kNull, T::kText, true},  // int8_to_char
    {1775, "to_char", K::kScalar, {T::kFloat32, T::kText}, T::kNull, T::kText, true},  // float4_to_char
    {1776, "to_char", K::kScalar, {T::kFloat64, T::kText}, T::kNull, T::kText, true},  // float8_to_char
    {2049, "to_char", K::kScalar, {T::kTimestamp, T::kText}, T::kNull, T::kText, true},  // timestamp_to_char
    {1780, "to_date", K::kScalar, {T::kText, T::kText}, T::kNull, T::kDate, true},  // to_date
    {1778, "to_timestamp", K::kScalar, {T::kText, T::kText}, T::kNull, T::kTimestampTz, true},  // to_timestamp
    {1376, "factorial", K::kScalar, {T::kInt64}, T::kNull, T::kNumeric, true},  // numeric_fac
    {320, "width_bucket", K::kScalar, {T::kFloat64, T::kFloat64, T::kFloat64, T::kInt32}, T::kNull, T::kInt32, true},  // width_bucket_float8
    {2170, "width_bucket", K::kScalar, {T::kNumeric, T::kNumeric, T::kNumeric, T::kInt32}, T::kNull, T::kInt32, true},  // width_bucket_numeric
    {1256, "!~", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // regex
    {1659, "!~", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // regex
    {1239, "!~*", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // regex
    {1657, "!~*", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // regex
    {851, "!~~", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // textnlike
    {1632, "!~~", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // bpcharnlike
    {1634, "!~~*", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // texticnlike
    {1661, "!~~*", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // bpcharicnlike
    {1894, "#", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // bit
    {1900, "#", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // bit
    {1906, "#", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // bit
    {155, "%", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // int2mod
    {156, "%", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // int4mod
    {945, "%", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // int8mod
    {1729, "%", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_mod
    {1892, "&", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // bit
    {1898, "&", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // bit
    {1904, "&", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // bit
    {141, "*", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // int4mul
    {152, "*", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // int2mul
    {170, "*", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kInt32, true},  // int24mul
    {171, "*", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kInt32, true},  // int42mul
    {202, "*", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kFloat32, true},  // float4mul
    {216, "*", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // float8mul
    {279, "*", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kFloat64, true},  // float48mul
    {283, "*", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kFloat64, true},  // float84mul
    {465, "*", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // int8mul
    {839, "*", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kInt64, true},  // int82mul
    {943, "*", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kInt64, true},  // int28mul
    {1276, "*", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kInt64, true},  // int84mul
    {1280, "*", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kInt64, true},  // int48mul
    {1726, "*", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_mul
    {176, "+", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // int2pl
    {177, "+", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // int4pl
    {178, "+", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kInt32, true},  // int24pl
    {179, "+", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kInt32, true},  // int42pl
    {204, "+", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kFloat32, true},  // float4pl
    {218, "+", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // float8pl
    {281, "+", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kFloat64, true},  // float48pl
    {285, "+", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kFloat64, true},  // float84pl
    {463, "+", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // int8pl
    {837, "+", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kInt64, true},  // int82pl
    {841, "+", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kInt64, true},  // int28pl
    {1141, "+", K::kScalar, {T::kDate, T::kInt32}, T::kNull, T::kDate, true},  // date_pli
    {1274, "+", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kInt64, true},  // int84pl
    {1278, "+", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kInt64, true},  // int48pl
    {1724, "+", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_add
    {1910, "+", K::kScalar, {T::kInt64}, T::kNull, T::kInt64, true},  // int8up
    {1911, "+", K::kScalar, {T::kInt16}, T::kNull, T::kInt16, true},  // int2up
    {1912, "+", K::kScalar, {T::kInt32}, T::kNull, T::kInt32, true},  // int4up
    {1913, "+", K::kScalar, {T::kFloat32}, T::kNull, T::kFloat32, true},  // float4up
    {1914, "+", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // float8up
    {1915, "+", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_uplus
    {2550, "+", K::kScalar, {T::kInt32, T::kDate}, T::kNull, T::kDate, true},  // integer_pl_date
    {180, "-", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // int2mi
    {181, "-", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // int4mi
    {182, "-", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kInt32, true},  // int24mi
    {183, "-", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kInt32, true},  // int42mi
    {205, "-", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kFloat32, true},  // float4mi
    {206, "-", K::kScalar, {T::kFloat32}, T::kNull, T::kFloat32, true},  // float4um
    {212, "-", K::kScalar, {T::kInt32}, T::kNull, T::kInt32, true},  // int4um
    {213, "-", K::kScalar, {T::kInt16}, T::kNull, T::kInt16, true},  // int2um
    {219, "-", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // float8mi
    {220, "-", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // float8um
    {282, "-", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kFloat64, true},  // float48mi
    {286, "-", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kFloat64, true},  // float84mi
    {462, "-", K::kScalar, {T::kInt64}, T::kNull, T::kInt64, true},  // int8um
    {464, "-", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // int8mi
    {838, "-", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kInt64, true},  // int82mi
    {942, "-", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kInt64, true},  // int28mi
    {1140, "-", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kInt32, true},  // date_mi
    {1142, "-", K::kScalar, {T::kDate, T::kInt32}, T::kNull, T::kDate, true},  // date_mii
    {1275, "-", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kInt64, true},  // int84mi
    {1279, "-", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kInt64, true},  // int48mi
    {1725, "-", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_sub
    {1771, "-", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_uminus
    {153, "/", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // int2div
    {154, "/", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // int4div
    {172, "/", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kInt32, true},  // int24div
    {173, "/", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kInt32, true},  // int42div
    {203, "/", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kFloat32, true},  // float4div
    {217, "/", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // float8div
    {280, "/", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kFloat64, true},  // float48div
    {284, "/", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kFloat64, true},  // float84div
    {466, "/", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // int8div
    {840, "/", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kInt64, true},  // int82div
    {948, "/", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kInt64, true},  // int28div
    {1277, "/", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kInt64, true},  // int84div
    {1281, "/", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kInt64, true},  // int48div
    {1727, "/", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_div
    {56, "<", K::kScalar, {T::kBool, T::kBool}, T::kNull, T::kBool, true},  // boollt
    {64, "<", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kBool, true},  // int2lt
    {66, "<", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kBool, true},  // int4lt
    {160, "<", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kBool, true},  // int24lt
    {161, "<", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kBool, true},  // int42lt
    {289, "<", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kBool, true},  // float4lt
    {295, "<", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kBool, true},  // float8lt
    {301, "<", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kBool, true},  // float48lt
    {307, "<", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kBool, true},  // float84lt
    {469, "<", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kBool, true},  // int8lt
    {476, "<", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kBool, true},  // int84lt
    {740, "<", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // text_lt
    {854, "<", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kBool, true},  // int48lt
    {1049, "<", K::kScalar, {T::kChar, T::kChar}, T::kNull, T::kBool, true},  // bpcharlt
    {1087, "<", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kBool, true},  // date_lt
    {1154, "<", K::kScalar, {T::kTimestampTz, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamptz_lt
    {1722, "<", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kBool, true},  // numeric_lt
    {1852, "<", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kBool, true},  // int28lt
    {1858, "<", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kBool, true},  // int82lt
    {2054, "<", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamp_lt
    {2338, "<", K::kScalar, {T::kDate, T::kTimestamp}, T::kNull, T::kBool, true},  // date_lt_timestamp
    {2351, "<", K::kScalar, {T::kDate, T::kTimestampTz}, T::kNull, T::kBool, true},  // date_lt_timestamptz
    {2364, "<", K::kScalar, {T::kTimestamp, T::kDate}, T::kNull, T::kBool, true},  // timestamp_lt_date
    {2377, "<", K::kScalar, {T::kTimestampTz, T::kDate}, T::kNull, T::kBool, true},  // timestamptz_lt_date
    {2520, "<", K::kScalar, {T::kTimestamp, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamp_lt_timestamptz
    {2527, "<", K::kScalar, {T::kTimestampTz, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamptz_lt_timestamp
    {1896, "<<", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kInt16, true},  // bit
    {1902, "<<", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // bit
    {1908, "<<", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kInt64, true},  // bit
    {148, "<=", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kBool, true},  // int2le
    {149, "<=", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kBool, true},  // int4le
    {166, "<=", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kBool, true},  // int24le
    {167, "<=", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kBool, true},  // int42le
    {290, "<=", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kBool, true},  // float4le
    {296, "<=", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kBool, true},  // float8le
    {302, "<=", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kBool, true},  // float48le
    {308, "<=", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kBool, true},  // float84le
    {471, "<=", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kBool, true},  // int8le
    {478, "<=", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kBool, true},  // int84le
    {741, "<=", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // text_le
    {856, "<=", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kBool, true},  // int48le
    {1050, "<=", K::kScalar, {T::kChar, T::kChar}, T::kNull, T::kBool, true},  // bpcharle
    {1088, "<=", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kBool, true},  // date_le
    {1155, "<=", K::kScalar, {T::kTimestampTz, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamptz_le
    {1691, "<=", K::kScalar, {T::kBool, T::kBool}, T::kNull, T::kBool, true},  // boolle
    {1723, "<=", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kBool, true},  // numeric_le
    {1854, "<=", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kBool, true},  // int28le
    {1860, "<=", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kBool, true},  // int82le
    {2055, "<=", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamp_le
    {2339, "<=", K::kScalar, {T::kDate, T::kTimestamp}, T::kNull, T::kBool, true},  // date_le_timestamp
    {2352, "<=", K::kScalar, {T::kDate, T::kTimestampTz}, T::kNull, T::kBool, true},  // date_le_timestamptz
    {2365, "<=", K::kScalar, {T::kTimestamp, T::kDate}, T::kNull, T::kBool, true},  // timestamp_le_date
    {2378, "<=", K::kScalar, {T::kTimestampTz, T::kDate}, T::kNull, T::kBool, true},  // timestamptz_le_date
    {2521, "<=", K::kScalar, {T::kTimestamp, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamp_le_timestamptz
    {2528, "<=", K::kScalar, {T::kTimestampTz, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamptz_le_timestamp
    {84, "<>", K::kScalar, {T::kBool, T::kBool}, T::kNull, T::kBool, true},  // boolne
    {144, "<>", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kBool, true},  // int4ne
    {145, "<>", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kBool, true},  // int2ne
    {157, "<>", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // textne
    {164, "<>", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kBool, true},  // int24ne
    {165, "<>", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kBool, true},  // int42ne
    {288, "<>", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kBool, true},  // float4ne
    {294, "<>", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kBool, true},  // float8ne
    {300, "<>", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kBool, true},  // float48ne
    {306, "<>", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kBool, true},  // float84ne
    {468, "<>", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kBool, true},  // int8ne
    {475, "<>", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kBool, true},  // int84ne
    {853, "<>", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kBool, true},  // int48ne
    {1053, "<>", K::kScalar, {T::kChar, T::kChar}, T::kNull, T::kBool, true},  // bpcharne
    {1091, "<>", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kBool, true},  // date_ne
    {1153, "<>", K::kScalar, {T::kTimestampTz, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamptz_ne
    {1719, "<>", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kBool, true},  // numeric_ne
    {1851, "<>", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kBool, true},  // int28ne
    {1857, "<>", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kBool, true},  // int82ne
    {2053, "<>", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamp_ne
    {2343, "<>", K::kScalar, {T::kDate, T::kTimestamp}, T::kNull, T::kBool, true},  // date_ne_timestamp
    {2356, "<>", K::kScalar, {T::kDate, T::kTimestampTz}, T::kNull, T::kBool, true},  // date_ne_timestamptz
    {2369, "<>", K::kScalar, {T::kTimestamp, T::kDate}, T::kNull, T::kBool, true},  // timestamp_ne_date
    {2382, "<>", K::kScalar, {T::kTimestampTz, T::kDate}, T::kNull, T::kBool, true},  // timestamptz_ne_date
    {2525, "<>", K::kScalar, {T::kTimestamp, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamp_ne_timestamptz
    {2532, "<>", K::kScalar, {T::kTimestampTz, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamptz_ne_timestamp
    {60, "=", K::kScalar, {T::kBool, T::kBool}, T::kNull, T::kBool, true},  // booleq
    {184, "=", K::kScalar, {T::kOid, T::kOid}, T::kNull, T::kBool, true},  // oideq
    {62, "=", K::kScalar, {T::kName, T::kName}, T::kNull, T::kBool, true},  // nameeq
    {61, "=", K::kScalar, {T::kSingleChar, T::kSingleChar}, T::kNull, T::kBool, true},  // chareq
    {185, "<>", K::kScalar, {T::kOid, T::kOid}, T::kNull, T::kBool, true},  // oidne
    {659, "<>", K::kScalar, {T::kName, T::kName}, T::kNull, T::kBool, true},  // namene
    {70, "<>", K::kScalar, {T::kSingleChar, T::kSingleChar}, T::kNull, T::kBool, true},  // charne
    {716, "<", K::kScalar, {T::kOid, T::kOid}, T::kNull, T::kBool, true},  // oidlt
    {655, "<", K::kScalar, {T::kName, T::kName}, T::kNull, T::kBool, true},  // namelt
    {1246, "<", K::kScalar, {T::kSingleChar, T::kSingleChar}, T::kNull, T::kBool, true},  // charlt
    {717, "<=", K::kScalar, {T::kOid, T::kOid}, T::kNull, T::kBool, true},  // oidle
    {656, "<=", K::kScalar, {T::kName, T::kName}, T::kNull, T::kBool, true},  // namele
    {72, "<=", K::kScalar, {T::kSingleChar, T::kSingleChar}, T::kNull, T::kBool, true},  // charle
    {1638, ">", K::kScalar, {T::kOid, T::kOid}, T::kNull, T::kBool, true},  // oidgt
    {657, ">", K::kScalar, {T::kName, T::kName}, T::kNull, T::kBool, true},  // namegt
    {73, ">", K::kScalar, {T::kSingleChar, T::kSingleChar}, T::kNull, T::kBool, true},  // chargt
    {1639, ">=", K::kScalar, {T::kOid, T::kOid}, T::kNull, T::kBool, true},  // oidge
    {658, ">=", K::kScalar, {T::kName, T::kName}, T::kNull, T::kBool, true},  // namege
    {74, ">=", K::kScalar, {T::kSingleChar, T::kSingleChar}, T::kNull, T::kBool, true},  // charge
    {63, "=", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kBool, true},  // int2eq
    {65, "=", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kBool, true},  // int4eq
    {67, "=", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // texteq
    {158, "=", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kBool, true},  // int24eq
    {159, "=", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kBool, true},  // int42eq
    {287, "=", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kBool, true},  // float4eq
    {293, "=", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kBool, true},  // float8eq
    {299, "=", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kBool, true},  // float48eq
    {305, "=", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kBool, true},  // float84eq
    {467, "=", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kBool, true},  // int8eq
    {474, "=", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kBool, true},  // int84eq
    {852, "=", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kBool, true},  // int48eq
    {1048, "=", K::kScalar, {T::kChar, T::kChar}, T::kNull, T::kBool, true},  // bpchareq
    {1086, "=", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kBool, true},  // date_eq
    {1152, "=", K::kScalar, {T::kTimestampTz, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamptz_eq
    {1718, "=", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kBool, true},  // numeric_eq
    {1850, "=", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kBool, true},  // int28eq
    {1856, "=", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kBool, true},  // int82eq
    {2052, "=", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamp_eq
    {2340, "=", K::kScalar, {T::kDate, T::kTimestamp}, T::kNull, T::kBool, true},  // date_eq_timestamp
    {2353, "=", K::kScalar, {T::kDate, T::kTimestampTz}, T::kNull, T::kBool, true},  // date_eq_timestamptz
    {2366, "=", K::kScalar, {T::kTimestamp, T::kDate}, T::kNull, T::kBool, true},  // timestamp_eq_date
    {2379, "=", K::kScalar, {T::kTimestampTz, T::kDate}, T::kNull, T::kBool, true},  // timestamptz_eq_date
    {2522, "=", K::kScalar, {T::kTimestamp, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamp_eq_timestamptz
    {2529, "=", K::kScalar, {T::kTimestampTz, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamptz_eq_timestamp
    {57, ">", K::kScalar, {T::kBool, T::kBool}, T::kNull, T::kBool, true},  // boolgt
    {146, ">", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kBool, true},  // int2gt
    {147, ">", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kBool, true},  // int4gt
    {162, ">", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kBool, true},  // int24gt
    {163, ">", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kBool, true},  // int42gt
    {291, ">", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kBool, true},  // float4gt
    {297, ">", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kBool, true},  // float8gt
    {303, ">", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kBool, true},  // float48gt
    {309, ">", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kBool, true},  // float84gt
    {470, ">", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kBool, true},  // int8gt
    {477, ">", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kBool, true},  // int84gt
    {742, ">", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // text_gt
    {855, ">", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kBool, true},  // int48gt
    {1051, ">", K::kScalar, {T::kChar, T::kChar}, T::kNull, T::kBool, true},  // bpchargt
    {1089, ">", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kBool, true},  // date_gt
    {1157, ">", K::kScalar, {T::kTimestampTz, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamptz_gt
    {1720, ">", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kBool, true},  // numeric_gt
    {1853, ">", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kBool, true},  // int28gt
    {1859, ">", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kBool, true},  // int82gt
    {2057, ">", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamp_gt
    {2341, ">", K::kScalar, {T::kDate, T::kTimestamp}, T::kNull, T::kBool, true},  // date_gt_timestamp
    {2354, ">", K::kScalar, {T::kDate, T::kTimestampTz}, T::kNull, T::kBool, true},  // date_gt_timestamptz
    {2367, ">", K::kScalar, {T::kTimestamp, T::kDate}, T::kNull, T::kBool, true},  // timestamp_gt_date
    {2380, ">", K::kScalar, {T::kTimestampTz, T::kDate}, T::kNull, T::kBool, true},  // timestamptz_gt_date
    {2523, ">", K::kScalar, {T::kTimestamp, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamp_gt_timestamptz
    {2530, ">", K::kScalar, {T::kTimestampTz, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamptz_gt_timestamp
    {150, ">=", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kBool, true},  // int4ge
    {151, ">=", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kBool, true},  // int2ge
    {168, ">=", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kBool, true},  // int24ge
    {169, ">=", K::kScalar, {T::kInt32, T::kInt16}, T::kNull, T::kBool, true},  // int42ge
    {292, ">=", K::kScalar, {T::kFloat32, T::kFloat32}, T::kNull, T::kBool, true},  // float4ge
    {298, ">=", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kBool, true},  // float8ge
    {304, ">=", K::kScalar, {T::kFloat32, T::kFloat64}, T::kNull, T::kBool, true},  // float48ge
    {310, ">=", K::kScalar, {T::kFloat64, T::kFloat32}, T::kNull, T::kBool, true},  // float84ge
    {472, ">=", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kBool, true},  // int8ge
    {479, ">=", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kBool, true},  // int84ge
    {743, ">=", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // text_ge
    {857, ">=", K::kScalar, {T::kInt32, T::kInt64}, T::kNull, T::kBool, true},  // int48ge
    {1052, ">=", K::kScalar, {T::kChar, T::kChar}, T::kNull, T::kBool, true},  // bpcharge
    {1090, ">=", K::kScalar, {T::kDate, T::kDate}, T::kNull, T::kBool, true},  // date_ge
    {1156, ">=", K::kScalar, {T::kTimestampTz, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamptz_ge
    {1692, ">=", K::kScalar, {T::kBool, T::kBool}, T::kNull, T::kBool, true},  // boolge
    {1721, ">=", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kBool, true},  // numeric_ge
    {1855, ">=", K::kScalar, {T::kInt16, T::kInt64}, T::kNull, T::kBool, true},  // int28ge
    {1861, ">=", K::kScalar, {T::kInt64, T::kInt16}, T::kNull, T::kBool, true},  // int82ge
    {2056, ">=", K::kScalar, {T::kTimestamp, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamp_ge
    {2342, ">=", K::kScalar, {T::kDate, T::kTimestamp}, T::kNull, T::kBool, true},  // date_ge_timestamp
    {2355, ">=", K::kScalar, {T::kDate, T::kTimestampTz}, T::kNull, T::kBool, true},  // date_ge_timestamptz
    {2368, ">=", K::kScalar, {T::kTimestamp, T::kDate}, T::kNull, T::kBool, true},  // timestamp_ge_date
    {2381, ">=", K::kScalar, {T::kTimestampTz, T::kDate}, T::kNull, T::kBool, true},  // timestamptz_ge_date
    {2524, ">=", K::kScalar, {T::kTimestamp, T::kTimestampTz}, T::kNull, T::kBool, true},  // timestamp_ge_timestamptz
    {2531, ">=", K::kScalar, {T::kTimestampTz, T::kTimestamp}, T::kNull, T::kBool, true},  // timestamptz_ge_timestamp
    {1897, ">>", K::kScalar, {T::kInt16, T::kInt32}, T::kNull, T::kInt16, true},  // bit
    {1903, ">>", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // bit
    {1909, ">>", K::kScalar, {T::kInt64, T::kInt32}, T::kNull, T::kInt64, true},  // bit
    {232, "^", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // dpow
    {1739, "^", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // numeric_power
    {1394, "abs", K::kScalar, {T::kFloat32}, T::kNull, T::kFloat32, true},  // abs
    {1395, "abs", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // abs
    {1396, "abs", K::kScalar, {T::kInt64}, T::kNull, T::kInt64, true},  // abs
    {1397, "abs", K::kScalar, {T::kInt32}, T::kNull, T::kInt32, true},  // abs
    {1398, "abs", K::kScalar, {T::kInt16}, T::kNull, T::kInt16, true},  // abs
    {1705, "abs", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // abs
    {1620, "ascii", K::kScalar, {T::kText}, T::kNull, T::kInt32, true},  // ascii
    {2100, "avg", K::kAggregate, {T::kInt64}, T::kNull, T::kNumeric, false},  // avg
    {2101, "avg", K::kAggregate, {T::kInt32}, T::kNull, T::kNumeric, false},  // avg
    {2102, "avg", K::kAggregate, {T::kInt16}, T::kNull, T::kNumeric, false},  // avg
    {2103, "avg", K::kAggregate, {T::kNumeric}, T::kNull, T::kNumeric, false},  // avg
    {2104, "avg", K::kAggregate, {T::kFloat32}, T::kNull, T::kFloat64, false},  // avg
    {2105, "avg", K::kAggregate, {T::kFloat64}, T::kNull, T::kFloat64, false},  // avg
    {1810, "bit_length", K::kScalar, {T::kText}, T::kNull, T::kInt32, true},  // bit_length
    {2517, "bool_and", K::kAggregate, {T::kBool}, T::kNull, T::kBool, false},  // bool_and
    {2518, "bool_or", K::kAggregate, {T::kBool}, T::kNull, T::kBool, false},  // bool_or
    {884, "btrim", K::kScalar, {T::kText, T::kText}, T::kNull, T::kText, true},  // btrim
    {885, "btrim", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // btrim
    {1345, "cbrt", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // cbrt
    {1711, "ceil", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // ceil
    {2308, "ceil", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // ceil
    {2167, "ceiling", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // ceiling
    {2320, "ceiling", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // ceiling
    {1372, "char_length", K::kScalar, {T::kChar}, T::kNull, T::kInt32, true},  // char_length
    {1381, "char_length", K::kScalar, {T::kText}, T::kNull, T::kInt32, true},  // char_length
    {1367, "character_length", K::kScalar, {T::kChar}, T::kNull, T::kInt32, true},  // character_length
    {1369, "character_length", K::kScalar, {T::kText}, T::kNull, T::kInt32, true},  // character_length
    {1621, "chr", K::kScalar, {T::kInt32}, T::kNull, T::kText, true},  // chr
    {2649, "clock_timestamp", K::kScalar, {}, T::kNull, T::kTimestampTz, true},  // clock_timestamp
    {3058, "concat", K::kScalar, {}, T::kUnknown, T::kText, false},  // concat
    {3059, "concat_ws", K::kScalar, {T::kText}, T::kUnknown, T::kText, false},  // concat_ws
    {1605, "cos", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // cos
    {2147, "count", K::kAggregate, {T::kNull}, T::kNull, T::kInt64, false},  // count
    {2803, "count", K::kAggregate, {}, T::kNull, T::kInt64, false},  // count
    {200000, "current_date", K::kScalar, {}, T::kNull, T::kDate, true},  // current_date
    {200001, "current_timestamp", K::kScalar, {}, T::kNull, T::kTimestampTz, true},  // now
    {861, "current_database", K::kScalar, {}, T::kNull, T::kText, true},  // current_database (name)
    {1402, "current_schema", K::kScalar, {}, T::kNull, T::kText, true},  // current_schema (name)
    {1403, "current_schemas", K::kScalar, {T::kBool}, T::kNull, T::kName, true},  // current_schemas (name[], below)
    {2077, "current_setting", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // current_setting
    {3294, "current_setting", K::kScalar, {T::kText, T::kBool}, T::kNull, T::kText, true},  // current_setting
    {745, "current_user", K::kScalar, {}, T::kNull, T::kText, true},  // current_user (name)
    {1171, "date_part", K::kScalar, {T::kText, T::kTimestampTz}, T::kNull, T::kFloat64, true},  // date_part
    {1384, "date_part", K::kScalar, {T::kText, T::kDate}, T::kNull, T::kFloat64, true},  // date_part
    {2021, "date_part", K::kScalar, {T::kText, T::kTimestamp}, T::kNull, T::kFloat64, true},  // date_part
    {1217, "date_trunc", K::kScalar, {T::kText, T::kTimestampTz}, T::kNull, T::kTimestampTz, true},  // date_trunc
    {2020, "date_trunc", K::kScalar, {T::kText, T::kTimestamp}, T::kNull, T::kTimestamp, true},  // date_trunc
    {1608, "degrees", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // degrees
    {1973, "div", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // div
    {2519, "every", K::kAggregate, {T::kBool}, T::kNull, T::kBool, false},  // every
    {1347, "exp", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // exp
    {1732, "exp", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // exp
    {6199, "extract", K::kScalar, {T::kText, T::kDate}, T::kNull, T::kNumeric, true},  // extract
    {6202, "extract", K::kScalar, {T::kText, T::kTimestamp}, T::kNull, T::kNumeric, true},  // extract
    {6203, "extract", K::kScalar, {T::kText, T::kTimestampTz}, T::kNull, T::kNumeric, true},  // extract
    {1712, "floor", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // floor
    {2309, "floor", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // floor
    {3539, "format", K::kScalar, {T::kText}, T::kUnknown, T::kText, false},  // format
    {3540, "format", K::kScalar, {T::kText}, T::kNull, T::kText, false},  // format
    {5044, "gcd", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // gcd
    {5045, "gcd", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // gcd
    {872, "initcap", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // initcap
    {5046, "lcm", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // lcm
    {5047, "lcm", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // lcm
    {3060, "left", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // left
    {1317, "length", K::kScalar, {T::kText}, T::kNull, T::kInt32, true},  // length
    {1318, "length", K::kScalar, {T::kChar}, T::kNull, T::kInt32, true},  // length
    {1341, "ln", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // ln
    {1734, "ln", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // ln
    {200002, "localtimestamp", K::kScalar, {}, T::kNull, T::kTimestamp, true},  // localtimestamp
    {1340, "log", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // log
    {1736, "log", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // log
    {1741, "log", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // log
    {1194, "log10", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // log10
    {1481, "log10", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // log10
    {870, "lower", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // lower
    {873, "lpad", K::kScalar, {T::kText, T::kInt32, T::kText}, T::kNull, T::kText, true},  // lpad
    {879, "lpad", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // lpad
    {875, "ltrim", K::kScalar, {T::kText, T::kText}, T::kNull, T::kText, true},  // ltrim
    {881, "ltrim", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // ltrim
    {3846, "make_date", K::kScalar, {T::kInt32, T::kInt32, T::kInt32}, T::kNull, T::kDate, true},  // make_date
    {3461, "make_timestamp", K::kScalar, {T::kInt32, T::kInt32, T::kInt32, T::kInt32, T::kInt32, T::kFloat64}, T::kNull, T::kTimestamp, true},  // make_timestamp
    {2115, "max", K::kAggregate, {T::kInt64}, T::kNull, T::kInt64, false},  // max
    {2116, "max", K::kAggregate, {T::kInt32}, T::kNull, T::kInt32, false},  // max
    {2117, "max", K::kAggregate, {T::kInt16}, T::kNull, T::kInt16, false},  // max
    {2119, "max", K::kAggregate, {T::kFloat32}, T::kNull, T::kFloat32, false},  // max
    {2120, "max", K::kAggregate, {T::kFloat64}, T::kNull, T::kFloat64, false},  // max
    {2122, "max", K::kAggregate, {T::kDate}, T::kNull, T::kDate, false},  // max
    {2126, "max", K::kAggregate, {T::kTimestamp}, T::kNull, T::kTimestamp, false},  // max
    {2127, "max", K::kAggregate, {T::kTimestampTz}, T::kNull, T::kTimestampTz, false},  // max
    {2129, "max", K::kAggregate, {T::kText}, T::kNull, T::kText, false},  // max
    {2130, "max", K::kAggregate, {T::kNumeric}, T::kNull, T::kNumeric, false},  // max
    {2244, "max", K::kAggregate, {T::kChar}, T::kNull, T::kChar, false},  // max
    {2311, "md5", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // md5
    {2131, "min", K::kAggregate, {T::kInt64}, T::kNull, T::kInt64, false},  // min
    {2132, "min", K::kAggregate, {T::kInt32}, T::kNull, T::kInt32, false},  // min
    {2133, "min", K::kAggregate, {T::kInt16}, T::kNull, T::kInt16, false},  // min
    {2135, "min", K::kAggregate, {T::kFloat32}, T::kNull, T::kFloat32, false},  // min
    {2136, "min", K::kAggregate, {T::kFloat64}, T::kNull, T::kFloat64, false},  // min
    {2138, "min", K::kAggregate, {T::kDate}, T::kNull, T::kDate, false},  // min
    {2142, "min", K::kAggregate, {T::kTimestamp}, T::kNull, T::kTimestamp, false},  // min
    {2143, "min", K::kAggregate, {T::kTimestampTz}, T::kNull, T::kTimestampTz, false},  // min
    {2145, "min", K::kAggregate, {T::kText}, T::kNull, T::kText, false},  // min
    {2146, "min", K::kAggregate, {T::kNumeric}, T::kNull, T::kNumeric, false},  // min
    {2245, "min", K::kAggregate, {T::kChar}, T::kNull, T::kChar, false},  // min
    {940, "mod", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // mod
    {941, "mod", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // mod
    {947, "mod", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // mod
    {1728, "mod", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // mod
    {1299, "now", K::kScalar, {}, T::kNull, T::kTimestampTz, true},  // now
    {1374, "octet_length", K::kScalar, {T::kText}, T::kNull, T::kInt32, true},  // octet_length
    {1375, "octet_length", K::kScalar, {T::kChar}, T::kNull, T::kInt32, true},  // octet_length
    {1619, "pg_typeof", K::kScalar, {T::kNull}, T::kNull, T::kText, false},  // pg_typeof (regtype shown as text)
    {2026, "pg_backend_pid", K::kScalar, {}, T::kNull, T::kInt32, true},  // pg_backend_pid
    {200100, "omen_backup", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // OmenDB: online backup (issue 5)
    {2626, "pg_sleep", K::kScalar, {T::kFloat64}, T::kNull, T::kText, true},  // pg_sleep (void shown as '')
    {1610, "pi", K::kScalar, {}, T::kNull, T::kFloat64, true},  // pi
    {849, "position", K::kScalar, {T::kText, T::kText}, T::kNull, T::kInt32, true},  // position
    {1346, "pow", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // pow
    {1738, "pow", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // pow
    {1368, "power", K::kScalar, {T::kFloat64, T::kFloat64}, T::kNull, T::kFloat64, true},  // power
    {2169, "power", K::kScalar, {T::kNumeric, T::kNumeric}, T::kNull, T::kNumeric, true},  // power
    {1282, "quote_ident", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // quote_ident
    {1283, "quote_literal", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // quote_literal
    {1609, "radians", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // radians
    {1598, "random", K::kScalar, {}, T::kNull, T::kFloat64, true},  // random
    {2284, "regexp_replace", K::kScalar, {T::kText, T::kText, T::kText}, T::kNull, T::kText, true},  // textregexreplace_noopt
    {2285, "regexp_replace", K::kScalar, {T::kText, T::kText, T::kText, T::kText}, T::kNull, T::kText, true},  // textregexreplace
    {1622, "repeat", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // repeat
    {2087, "replace", K::kScalar, {T::kText, T::kText, T::kText}, T::kNull, T::kText, true},  // replace
    {3062, "reverse", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // reverse
    {3061, "right", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // right
    {1342, "round", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // round
    {1707, "round", K::kScalar, {T::kNumeric, T::kInt32}, T::kNull, T::kNumeric, true},  // round
    {1708, "round", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // round
    {874, "rpad", K::kScalar, {T::kText, T::kInt32, T::kText}, T::kNull, T::kText, true},  // rpad
    {880, "rpad", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // rpad
    {876, "rtrim", K::kScalar, {T::kText, T::kText}, T::kNull, T::kText, true},  // rtrim
    {882, "rtrim", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // rtrim
    {3281, "scale", K::kScalar, {T::kNumeric}, T::kNull, T::kInt32, true},  // scale
    {1706, "sign", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // sign
    {746, "session_user", K::kScalar, {}, T::kNull, T::kText, true},  // session_user (name)
    {2078, "set_config", K::kScalar, {T::kText, T::kText, T::kBool}, T::kNull, T::kText, false},  // set_config
    {2310, "sign", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // sign
    {1604, "sin", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // sin
    {2088, "split_part", K::kScalar, {T::kText, T::kText, T::kInt32}, T::kNull, T::kText, true},  // split_part
    {1344, "sqrt", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // sqrt
    {1730, "sqrt", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // sqrt
    {3696, "starts_with", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // starts_with
    {2648, "statement_timestamp", K::kScalar, {}, T::kNull, T::kTimestampTz, true},  // statement_timestamp
    {3538, "string_agg", K::kAggregate, {T::kText, T::kText}, T::kNull, T::kText, false},  // string_agg
    {868, "strpos", K::kScalar, {T::kText, T::kText}, T::kNull, T::kInt32, true},  // strpos
    {877, "substr", K::kScalar, {T::kText, T::kInt32, T::kInt32}, T::kNull, T::kText, true},  // substr
    {883, "substr", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // substr
    {936, "substring", K::kScalar, {T::kText, T::kInt32, T::kInt32}, T::kNull, T::kText, true},  // substring
    {937, "substring", K::kScalar, {T::kText, T::kInt32}, T::kNull, T::kText, true},  // substring
    {2107, "sum", K::kAggregate, {T::kInt64}, T::kNull, T::kNumeric, false},  // sum
    {2108, "sum", K::kAggregate, {T::kInt32}, T::kNull, T::kInt64, false},  // sum
    {2109, "sum", K::kAggregate, {T::kInt16}, T::kNull, T::kInt64, false},  // sum
    {2110, "sum", K::kAggregate, {T::kFloat32}, T::kNull, T::kFloat32, false},  // sum
    {2111, "sum", K::kAggregate, {T::kFloat64}, T::kNull, T::kFloat64, false},  // sum
    {2114, "sum", K::kAggregate, {T::kNumeric}, T::kNull, T::kNumeric, false},  // sum
    {1606, "tan", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // tan
    {2089, "to_hex", K::kScalar, {T::kInt32}, T::kNull, T::kText, true},  // to_hex
    {2090, "to_hex", K::kScalar, {T::kInt64}, T::kNull, T::kText, true},  // to_hex
    {1158, "to_timestamp", K::kScalar, {T::kFloat64}, T::kNull, T::kTimestampTz, true},  // to_timestamp
    {2647, "transaction_timestamp", K::kScalar, {}, T::kNull, T::kTimestampTz, true},  // transaction_timestamp
    {878, "translate", K::kScalar, {T::kText, T::kText, T::kText}, T::kNull, T::kText, true},  // translate
    {1343, "trunc", K::kScalar, {T::kFloat64}, T::kNull, T::kFloat64, true},  // trunc
    {1709, "trunc", K::kScalar, {T::kNumeric, T::kInt32}, T::kNull, T::kNumeric, true},  // trunc
    {1710, "trunc", K::kScalar, {T::kNumeric}, T::kNull, T::kNumeric, true},  // trunc
    {871, "upper", K::kScalar, {T::kText}, T::kNull, T::kText, true},  // upper
    {89, "version", K::kScalar, {}, T::kNull, T::kText, true},  // version
    {1081, "format_type", K::kScalar, {T::kOid, T::kInt32}, T::kNull, T::kText, false},  // format_type (catalog)
    {1716, "pg_get_expr", K::kScalar, {T::kPgNodeTree, T::kOid}, T::kNull, T::kText, true},  // pg_get_expr (catalog)
    {2509, "pg_get_expr", K::kScalar, {T::kPgNodeTree, T::kOid, T::kBool}, T::kNull, T::kText, true},  // pg_get_expr (catalog)
    {1643, "pg_get_indexdef", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // pg_get_indexdef (catalog)
    {2507, "pg_get_indexdef", K::kScalar, {T::kOid, T::kInt32, T::kBool}, T::kNull, T::kText, true},  // pg_get_indexdef (catalog)
    {1387, "pg_get_constraintdef", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // pg_get_constraintdef (catalog)
    {2508, "pg_get_constraintdef", K::kScalar, {T::kOid, T::kBool}, T::kNull, T::kText, true},  // pg_get_constraintdef (catalog)
    {1641, "pg_get_viewdef", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // pg_get_viewdef (catalog)
    {2506, "pg_get_viewdef", K::kScalar, {T::kOid, T::kBool}, T::kNull, T::kText, true},  // pg_get_viewdef (catalog)
    {2079, "pg_table_is_visible", K::kScalar, {T::kOid}, T::kNull, T::kBool, true},  // pg_table_is_visible (catalog)
    {2080, "pg_type_is_visible", K::kScalar, {T::kOid}, T::kNull, T::kBool, true},  // pg_type_is_visible (catalog)
    {2081, "pg_function_is_visible", K::kScalar, {T::kOid}, T::kNull, T::kBool, true},  // pg_function_is_visible (catalog)
    {1642, "pg_get_userbyid", K::kScalar, {T::kOid}, T::kNull, T::kName, true},  // pg_get_userbyid (catalog)
    {1597, "pg_encoding_to_char", K::kScalar, {T::kInt32}, T::kNull, T::kName, true},  // pg_encoding_to_char (catalog)
    {6121, "pg_relation_is_publishable", K::kScalar, {T::kRegclass}, T::kNull, T::kBool, true},  // pg_relation_is_publishable (catalog)
    {2162, "pg_get_function_arguments", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // pg_get_function_arguments (catalog)
    {2165, "pg_get_function_result", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // pg_get_function_result (catalog)
    {6174, "pg_get_statisticsobjdef_columns", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // pg_get_statisticsobjdef_columns (catalog)
    {1215, "obj_description", K::kScalar, {T::kOid, T::kName}, T::kNull, T::kText, true},  // obj_description (catalog)
    {1348, "obj_description", K::kScalar, {T::kOid}, T::kNull, T::kText, true},  // obj_description (catalog)
    {1216, "col_description", K::kScalar, {T::kOid, T::kInt32}, T::kNull, T::kText, true},  // col_description (catalog)
    {1993, "shobj_description", K::kScalar, {T::kOid, T::kName}, T::kNull, T::kText, true},  // shobj_description (catalog)
    {1922, "has_table_privilege", K::kScalar, {T::kName, T::kText, T::kText}, T::kNull, T::kBool, true},  // has_table_privilege (catalog)
    {1924, "has_table_privilege", K::kScalar, {T::kOid, T::kText, T::kText}, T::kNull, T::kBool, true},  // has_table_privilege (catalog)
    {1926, "has_table_privilege", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // has_table_privilege (catalog)
    {1927, "has_table_privilege", K::kScalar, {T::kOid, T::kText}, T::kNull, T::kBool, true},  // has_table_privilege (catalog)
    {2268, "has_schema_privilege", K::kScalar, {T::kName, T::kText, T::kText}, T::kNull, T::kBool, true},  // has_schema_privilege (catalog)
    {2272, "has_schema_privilege", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // has_schema_privilege (catalog)
    {2273, "has_schema_privilege", K::kScalar, {T::kOid, T::kText}, T::kNull, T::kBool, true},  // has_schema_privilege (catalog)
    {2254, "has_database_privilege", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // has_database_privilege (catalog)
    {2255, "has_database_privilege", K::kScalar, {T::kOid, T::kText}, T::kNull, T::kBool, true},  // has_database_privilege (catalog)
    {1893, "|", K::kScalar, {T::kInt16, T::kInt16}, T::kNull, T::kInt16, true},  // bit
    {1899, "|", K::kScalar, {T::kInt32, T::kInt32}, T::kNull, T::kInt32, true},  // bit
    {1905, "|", K::kScalar, {T::kInt64, T::kInt64}, T::kNull, T::kInt64, true},  // bit
    {1258, "||", K::kScalar, {T::kText, T::kText}, T::kNull, T::kText, true},  // textcat
    {2003, "||", K::kScalar, {T::kNull, T::kText}, T::kNull, T::kText, true},  // anytextcat
    {2004, "||", K::kScalar, {T::kText, T::kNull}, T::kNull, T::kText, true},  // textanycat
    {1254, "~", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // regex
    {1658, "~", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // regex
    {1895, "~", K::kScalar, {T::kInt16}, T::kNull, T::kInt16, true},  // bit
    {1901, "~", K::kScalar, {T::kInt32}, T::kNull, T::kInt32, true},  // bit
    {1907, "~", K::kScalar, {T::kInt64}, T::kNull, T::kInt64, true},  // bit
    {1238, "~*", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // regex
    {1656, "~*", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // regex
    {850, "~~", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // textlike
    {1631, "~~", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // bpcharlike
    {1633, "~~*", K::kScalar, {T::kText, T::kText}, T::kNull, T::kBool, true},  // texticlike
    {1660, "~~*", K::kScalar, {T::kChar, T::kText}, T::kNull, T::kBool, true},  // bpchariclike
    };
    auto* out = new std::vector<FunctionSignature>();
    for (const Row& r : rows) {
      // current_schemas (1403) is the one fixed array result here: name[].
      Type ret = r.oid == 1403 ? Type::ArrayOf(Type(TypeId::kName)) : Type(r.ret);
      out->push_back(MakeSignature(r.oid, r.name, r.kind, r.args, ret, r.strict, r.variadic));
    }
    for (FunctionSignature& sig : IntervalAndArraySignatures()) out->push_back(std::move(sig));
    for (FunctionSignature& sig : WindowSignatures()) out->push_back(std::move(sig));
    return out;
  }();
  return *table;
}

}  // namespace omen::catalog
