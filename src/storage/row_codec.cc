#include "storage/row_codec.h"

#include <cstring>

#include "common/numeric.h"
#include "common/sqlstate.h"

namespace omen::storage {

namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view in, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && *pos < in.size(); shift += 7) {
    uint8_t b = static_cast<uint8_t>(in[(*pos)++]);
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

Status Corrupt(std::string_view why) {
  return Status(sqlstate::kDataCorrupted, "invalid stored row: " + std::string(why));
}

}  // namespace

void EncodeRow(const std::vector<Type>& types, const std::vector<Value>& row, std::string* out) {
  size_t n = row.size();
  out->push_back(static_cast<char>(kRowFormatVersion));
  PutVarint(n, out);
  size_t bitmap = out->size();
  out->append((n + 7) / 8, '\0');
  for (size_t c = 0; c < n; ++c) {
    const Value& v = row[c];
    if (v.is_null) {
      (*out)[bitmap + c / 8] = static_cast<char>((*out)[bitmap + c / 8] | (1 << (c % 8)));
      continue;
    }
    switch (types[c].physical()) {
      case PhysicalType::kInt64:
        PutVarint((static_cast<uint64_t>(v.i) << 1) ^ static_cast<uint64_t>(v.i >> 63), out);
        break;
      case PhysicalType::kDouble: {
        uint64_t bits;
        std::memcpy(&bits, &v.d, 8);
        for (int i = 7; i >= 0; --i) out->push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
        break;
      }
      case PhysicalType::kNumeric: {
        std::string text = v.n.ToString();
        PutVarint(text.size(), out);
        out->append(text);
        break;
      }
      case PhysicalType::kString:
        PutVarint(v.s.size(), out);
        out->append(v.s);
        break;
    }
  }
}

Status DecodeRowInto(std::string_view in, const std::vector<Type>& types, DataChunk* chunk) {
  if (in.empty() || static_cast<uint8_t>(in[0]) != kRowFormatVersion) {
    return Corrupt("unknown row format version");
  }
  size_t pos = 1;
  uint64_t n = 0;
  if (!GetVarint(in, &pos, &n) || n > types.size()) return Corrupt("bad column count");
  size_t bitmap = pos;
  pos += (n + 7) / 8;
  if (pos > in.size()) return Corrupt("truncated null bitmap");
  size_t row = chunk->size;
  for (size_t c = 0; c < types.size(); ++c) {
    Vector& vec = chunk->columns[c];
    vec.Resize(row + 1);
    bool is_null = c >= n || (static_cast<uint8_t>(in[bitmap + c / 8]) & (1 << (c % 8))) != 0;
    vec.SetNull(row, is_null);
    if (is_null) continue;
    switch (types[c].physical()) {
      case PhysicalType::kInt64: {
        uint64_t z = 0;
        if (!GetVarint(in, &pos, &z)) return Corrupt("truncated integer");
        vec.i64()[row] = static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
        break;
      }
      case PhysicalType::kDouble: {
        if (pos + 8 > in.size()) return Corrupt("truncated double");
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<uint8_t>(in[pos++]);
        std::memcpy(&vec.f64()[row], &bits, 8);
        break;
      }
      case PhysicalType::kNumeric:
      case PhysicalType::kString: {
        uint64_t len = 0;
        if (!GetVarint(in, &pos, &len) || len > in.size() - pos) return Corrupt("truncated string");
        std::string_view s = in.substr(pos, len);
        pos += len;
        if (types[c].physical() == PhysicalType::kString) {
          vec.str()[row].assign(s);
          break;
        }
        auto num = Numeric::Parse(s);
        if (!num.ok()) return Corrupt("bad numeric");
        vec.num()[row] = std::move(*num);
        break;
      }
    }
  }
  if (pos != in.size()) return Corrupt("trailing bytes");
  chunk->size = row + 1;
  return Status::OK();
}

}  // namespace omen::storage
