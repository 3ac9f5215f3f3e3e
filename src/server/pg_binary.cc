#include "server/pg_binary.h"

#include <arpa/inet.h>

#include <cstring>
#include <vector>

#include "common/array.h"
#include "common/interval.h"
#include "common/type_io.h"

namespace omen::server {

namespace {

constexpr uint16_t kNumericPos = 0x0000;
constexpr uint16_t kNumericNeg = 0x4000;
constexpr uint16_t kNumericNaN = 0xC000;
constexpr uint16_t kNumericPinf = 0xD000;
constexpr uint16_t kNumericNinf = 0xF000;

void Put16(uint16_t v, std::string* out) {
  v = htons(v);
  out->append(reinterpret_cast<const char*>(&v), 2);
}
void Put32(uint32_t v, std::string* out) {
  v = htonl(v);
  out->append(reinterpret_cast<const char*>(&v), 4);
}
void Put64(uint64_t v, std::string* out) {
  Put32(static_cast<uint32_t>(v >> 32), out);
  Put32(static_cast<uint32_t>(v), out);
}
uint16_t Get16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return ntohs(v);
}
uint32_t Get32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return ntohl(v);
}
uint64_t Get64(const char* p) { return (uint64_t{Get32(p)} << 32) | Get32(p + 4); }

Status BadFormat() { return Status(kInvalidBinaryRepresentation, "incorrect binary data format"); }

// numeric_send from numeric_out's text: base-10000 digit groups aligned on the point.
void EncodeNumeric(const Numeric& n, std::string* out) {
  if (n.IsNaN() || n.IsInf()) {
    Put16(0, out);
    Put16(0, out);
    Put16(n.IsNaN() ? kNumericNaN : (n.Sign() > 0 ? kNumericPinf : kNumericNinf), out);
    Put16(0, out);
    return;
  }
  std::string text = n.ToString();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  size_t point = text.find('.');
  std::string int_part = text.substr(0, point);
  std::string frac_part = point == std::string::npos ? "" : text.substr(point + 1);
  uint16_t dscale = static_cast<uint16_t>(frac_part.size());
  int_part.insert(0, (4 - int_part.size() % 4) % 4, '0');
  frac_part.append((4 - frac_part.size() % 4) % 4, '0');
  std::vector<uint16_t> groups;
  for (size_t i = 0; i < int_part.size(); i += 4)
    groups.push_back(std::stoi(int_part.substr(i, 4)));
  for (size_t i = 0; i < frac_part.size(); i += 4)
    groups.push_back(std::stoi(frac_part.substr(i, 4)));
  int weight = static_cast<int>(int_part.size() / 4) - 1;
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    ++first;
    --weight;
  }
  size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  if (first == last) weight = 0;
  Put16(static_cast<uint16_t>(last - first), out);
  Put16(static_cast<uint16_t>(static_cast<int16_t>(weight)), out);
  Put16(first == last ? kNumericPos : (negative ? kNumericNeg : kNumericPos), out);
  Put16(dscale, out);
  for (size_t i = first; i < last; ++i) Put16(groups[i], out);
}

Result<Value> DecodeNumeric(std::string_view b, Type type) {
  if (b.size() < 8) return BadFormat();
  uint16_t ndigits = Get16(b.data());
  int weight = static_cast<int16_t>(Get16(b.data() + 2));
  uint16_t sign = Get16(b.data() + 4);
  uint16_t dscale = Get16(b.data() + 6);
  if (b.size() != 8 + 2 * size_t{ndigits} || (dscale & 0xC000) != 0) return BadFormat();
  if (sign == kNumericNaN) return ParseValue("NaN", type);
  if (sign == kNumericPinf) return ParseValue("Infinity", type);
  if (sign == kNumericNinf) return ParseValue("-Infinity", type);
  if (sign != kNumericPos && sign != kNumericNeg) return BadFormat();
  std::string int_part, frac_part;
  for (int i = 0; i < ndigits; ++i) {
    uint16_t d = Get16(b.data() + 8 + 2 * i);
    if (d >= 10000) return BadFormat();
    char group[5];
    std::snprintf(group, sizeof(group), "%04u", static_cast<unsigned>(d));
    int w = weight - i;
    if (w >= 0) {
      int_part += group;
    } else {
      // Groups between the point and the first fractional digit are zero.
      while (static_cast<int>(frac_part.size()) < (-w - 1) * 4) frac_part += "0000";
      frac_part += group;
    }
  }
  // Trailing zero groups of the integer part that were not sent.
  for (int w = weight - ndigits; w >= 0; --w) int_part += "0000";
  if (int_part.empty()) int_part = "0";
  if (frac_part.size() > dscale) frac_part.resize(dscale);
  frac_part.append(dscale - frac_part.size(), '0');
  std::string text = (sign == kNumericNeg ? "-" : "") + int_part;
  if (dscale > 0) text += "." + frac_part;
  return ParseValue(text, type);
}

// As the typrecv functions: too few bytes is "insufficient data left in
// message" (08P01), bytes left over is 22P03.
Result<Value> ExpectSize(std::string_view b, size_t n) {
  if (b.size() < n)
    return Status(sqlstate::kProtocolViolation, "insufficient data left in message");
  if (b.size() > n) return BadFormat();
  return Value();
}

// array_send: ndim, has-null flag, element OID, (size, lower bound) per
// dimension, then each element as int32 length (-1 NULL) + its binary form.
Status EncodeArrayBinary(const Value& v, std::string* out) {
  Type element = v.type.ElementType();
  int32_t lower = 1;
  std::vector<Value> elems = DecodeArray(v.s, element, &lower);
  bool has_null = false;
  for (const Value& e : elems) has_null = has_null || e.is_null;
  Put32(elems.empty() ? 0 : 1, out);
  Put32(has_null ? 1 : 0, out);
  Put32(element.Oid(), out);
  if (elems.empty()) return Status::OK();
  Put32(static_cast<uint32_t>(elems.size()), out);
  Put32(static_cast<uint32_t>(lower), out);
  for (const Value& e : elems) {
    if (e.is_null) {
      Put32(0xffffffffu, out);
      continue;
    }
    size_t at = out->size();
    Put32(0, out);
    OMEN_RETURN_IF_ERROR(EncodeBinary(e, out));
    uint32_t len = htonl(static_cast<uint32_t>(out->size() - at - 4));
    std::memcpy(out->data() + at, &len, 4);
  }
  return Status::OK();
}

// array_recv for one-dimensional arrays (0A000 for more dimensions, as the
// engine has only those); 42804 when the element OID is not the element type's.
Result<Value> DecodeArrayBinary(std::string_view b, Type type) {
  if (b.size() < 12)
    return Status(sqlstate::kProtocolViolation, "insufficient data left in message");
  int32_t ndim = static_cast<int32_t>(Get32(b.data()));
  uint32_t flags = Get32(b.data() + 4);
  uint32_t elem_oid = Get32(b.data() + 8);
  Type element = type.ElementType();
  if (ndim < 0 || flags > 1) return BadFormat();
  if (ndim > 1) {
    return Status(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
  }
  if (elem_oid != element.Oid()) {
    return Status(sqlstate::kDatatypeMismatch,
                  "binary data has array element type " + std::to_string(elem_oid) +
                      " instead of expected " + std::to_string(element.Oid()));
  }
  std::vector<Value> elems;
  int32_t lower = 1;
  size_t pos = 12;
  if (ndim == 1) {
    if (b.size() < 20)
      return Status(sqlstate::kProtocolViolation, "insufficient data left in message");
    uint32_t n = Get32(b.data() + 12);
    lower = static_cast<int32_t>(Get32(b.data() + 16));
    pos = 20;
    for (uint32_t i = 0; i < n; ++i) {
      if (b.size() - pos < 4)
        return Status(sqlstate::kProtocolViolation, "insufficient data left in message");
      int32_t len = static_cast<int32_t>(Get32(b.data() + pos));
      pos += 4;
      if (len == -1) {
        elems.push_back(Value::Null(element));
        continue;
      }
      if (len < 0 || b.size() - pos < static_cast<size_t>(len)) {
        return Status(sqlstate::kProtocolViolation, "insufficient data left in message");
      }
      OMEN_ASSIGN_OR_RETURN(Value e, DecodeBinary(b.substr(pos, len), element));
      elems.push_back(std::move(e));
      pos += len;
    }
  }
  if (pos != b.size()) return BadFormat();
  return MakeArrayValue(type, elems, lower);
}

}  // namespace

Status EncodeBinary(const Value& v, std::string* out) {
  switch (v.type.id) {
    case TypeId::kBool:
      out->push_back(v.i != 0 ? 1 : 0);
      return Status::OK();
    case TypeId::kInt16:
      Put16(static_cast<uint16_t>(v.i), out);
      return Status::OK();
    case TypeId::kInt32:
    case TypeId::kDate:
      Put32(static_cast<uint32_t>(v.i), out);
      return Status::OK();
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      Put64(static_cast<uint64_t>(v.i), out);
      return Status::OK();
    case TypeId::kFloat32: {
      float f = static_cast<float>(v.d);
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      Put32(bits, out);
      return Status::OK();
    }
    case TypeId::kFloat64: {
      uint64_t bits;
      std::memcpy(&bits, &v.d, 8);
      Put64(bits, out);
      return Status::OK();
    }
    case TypeId::kNumeric:
      EncodeNumeric(v.n, out);
      return Status::OK();
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kUnknown:
    case TypeId::kNull:
      out->append(v.s);
      return Status::OK();
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
      Put32(static_cast<uint32_t>(v.i), out);
      return Status::OK();
    case TypeId::kName:
    case TypeId::kPgNodeTree:
      out->append(v.s);
      return Status::OK();
    case TypeId::kSingleChar:
      out->push_back(v.s.empty() ? '\0' : v.s[0]);  // charsend: always one byte
      return Status::OK();
    case TypeId::kInterval: {
      Interval iv = DecodeInterval(v.s);
      Put64(static_cast<uint64_t>(iv.micros), out);
      Put32(static_cast<uint32_t>(iv.days), out);
      Put32(static_cast<uint32_t>(iv.months), out);
      return Status::OK();
    }
    case TypeId::kArray:
      return EncodeArrayBinary(v, out);
    default:
      return Status(sqlstate::kFeatureNotSupported,
                    "binary output of type " + v.type.ToString() + " is not supported");
  }
}

Result<Value> DecodeBinary(std::string_view b, Type type) {
  Value v;
  switch (type.id) {
    case TypeId::kBool:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 1).status());
      return Value::Bool(b[0] != 0);
    case TypeId::kInt16:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 2).status());
      return Value::Int16(static_cast<int16_t>(Get16(b.data())));
    case TypeId::kInt32:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 4).status());
      return Value::Int32(static_cast<int32_t>(Get32(b.data())));
    case TypeId::kInt64:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 8).status());
      return Value::Int64(static_cast<int64_t>(Get64(b.data())));
    case TypeId::kFloat32: {
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 4).status());
      uint32_t bits = Get32(b.data());
      float f;
      std::memcpy(&f, &bits, 4);
      return Value::Float32(f);
    }
    case TypeId::kFloat64: {
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 8).status());
      uint64_t bits = Get64(b.data());
      double d;
      std::memcpy(&d, &bits, 8);
      return Value::Float64(d);
    }
    case TypeId::kNumeric:
      return DecodeNumeric(b, type);
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kUnknown:
    case TypeId::kNull:
      // textrecv: the bytes are the text; the input function applies the typmod.
      return ParseValue(b, type.id == TypeId::kNull ? Type(TypeId::kText) : type);
    case TypeId::kDate:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 4).status());
      return Value::Date(static_cast<int32_t>(Get32(b.data())));
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 8).status());
      v = Value::Timestamp(static_cast<int64_t>(Get64(b.data())));
      v.type = type;
      return v;
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 4).status());
      v.type = type;
      v.is_null = false;
      v.i = Get32(b.data());
      return v;
    case TypeId::kName:
      return ParseValue(b, type);
    case TypeId::kSingleChar:
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 1).status());
      v.type = type;
      v.is_null = false;
      if (b[0] != '\0') v.s.assign(1, b[0]);
      return v;
    case TypeId::kInterval: {
      OMEN_RETURN_IF_ERROR(ExpectSize(b, 16).status());
      Interval iv;
      iv.micros = static_cast<int64_t>(Get64(b.data()));
      iv.days = static_cast<int32_t>(Get32(b.data() + 8));
      iv.months = static_cast<int32_t>(Get32(b.data() + 12));
      v.type = type;
      v.is_null = false;
      v.s = EncodeInterval(iv);
      return v;
    }
    case TypeId::kArray:
      return DecodeArrayBinary(b, type);
    default:
      return Status(sqlstate::kFeatureNotSupported,
                    "binary input of type " + type.ToString() + " is not supported");
  }
}

}  // namespace omen::server
