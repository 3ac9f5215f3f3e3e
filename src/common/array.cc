// Array encoding and PostgreSQL's array_in / array_out (arrayfuncs.c),
// one dimension.

#include "common/array.h"

#include <cstring>
#include <utility>

#include "common/type_io.h"

namespace omen {

namespace {

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }

uint32_t GetU32(std::string_view b, size_t* pos) {
  uint32_t v = 0;
  if (*pos + 4 <= b.size()) std::memcpy(&v, b.data() + *pos, 4);
  *pos += 4;
  return v;
}

}  // namespace

std::string EncodeArray(const std::vector<Value>& elems, int32_t lower_bound) {
  std::string out;
  out.append(reinterpret_cast<const char*>(&lower_bound), 4);
  PutU32(&out, static_cast<uint32_t>(elems.size()));
  for (const Value& v : elems) {
    out.push_back(v.is_null ? '\0' : '\1');
    if (v.is_null) continue;
    switch (v.type.physical()) {
      case PhysicalType::kInt64:
        out.append(reinterpret_cast<const char*>(&v.i), 8);
        break;
      case PhysicalType::kDouble:
        out.append(reinterpret_cast<const char*>(&v.d), 8);
        break;
      case PhysicalType::kNumeric: {
        std::string t = v.n.ToString();
        PutU32(&out, static_cast<uint32_t>(t.size()));
        out += t;
        break;
      }
      case PhysicalType::kString:
        PutU32(&out, static_cast<uint32_t>(v.s.size()));
        out += v.s;
        break;
    }
  }
  return out;
}

uint32_t ArrayLength(std::string_view bytes) {
  size_t pos = 4;
  return bytes.size() >= 8 ? GetU32(bytes, &pos) : 0;
}

std::vector<Value> DecodeArray(std::string_view b, Type element, int32_t* lower_bound) {
  std::vector<Value> out;
  if (b.size() < 8) return out;
  int32_t lo;
  std::memcpy(&lo, b.data(), 4);
  if (lower_bound != nullptr) *lower_bound = lo;
  size_t pos = 4;
  uint32_t n = GetU32(b, &pos);
  out.reserve(n);
  PhysicalType phys = element.physical();
  for (uint32_t k = 0; k < n && pos < b.size(); ++k) {
    Value v;
    v.type = element;
    v.is_null = b[pos++] == '\0';
    if (!v.is_null) {
      switch (phys) {
        case PhysicalType::kInt64:
          std::memcpy(&v.i, b.data() + pos, 8);
          pos += 8;
          break;
        case PhysicalType::kDouble:
          std::memcpy(&v.d, b.data() + pos, 8);
          pos += 8;
          break;
        case PhysicalType::kNumeric: {
          uint32_t len = GetU32(b, &pos);
          Result<Numeric> n = Numeric::Parse(b.substr(pos, len));
          if (n.ok()) v.n = std::move(*n);
          pos += len;
          break;
        }
        case PhysicalType::kString: {
          uint32_t len = GetU32(b, &pos);
          v.s.assign(b.substr(pos, len));
          pos += len;
          break;
        }
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

Value MakeArrayValue(Type array_type, const std::vector<Value>& elems, int32_t lower_bound) {
  Value v;
  v.type = array_type;
  v.is_null = false;
  v.s = EncodeArray(elems, lower_bound);
  return v;
}

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Status Malformed(std::string_view text, std::string detail) {
  Status s(sqlstate::kInvalidTextRepresentation,
           "malformed array literal: \"" + std::string(text) + "\"");
  s.WithDetail(std::move(detail));
  return s;
}

// "[lo:hi]=" before the braces: sets *lower and *upper.
Status ParseDims(std::string_view text, size_t* i, int32_t* lower, int64_t* upper, bool* has_dims) {
  std::string_view t = text;
  *has_dims = false;
  if (*i >= t.size() || t[*i] != '[') return Status::OK();
  *has_dims = true;
  ++*i;
  auto read_int = [&](int64_t* out) {
    size_t start = *i;
    bool neg = *i < t.size() && t[*i] == '-';
    if (neg || (*i < t.size() && t[*i] == '+')) ++*i;
    int64_t v = 0;
    while (*i < t.size() && t[*i] >= '0' && t[*i] <= '9' && v < (int64_t{1} << 40))
      v = v * 10 + (t[(*i)++] - '0');
    *out = neg ? -v : v;
    return *i > start + (neg ? 1 : 0);
  };
  int64_t lo = 1, hi = 0;
  if (!read_int(&hi))
    return Malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
  if (*i < t.size() && t[*i] == ':') {
    ++*i;
    lo = hi;
    if (!read_int(&hi)) return Malformed(text, "Missing array dimension value.");
  }
  if (*i >= t.size() || t[*i] != ']')
    return Malformed(text, "Missing \"]\" after array dimensions.");
  ++*i;
  if (*i < t.size() && t[*i] == '[') {
    return Status(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
  }
  if (hi < lo) {
    return Status(sqlstate::kProgramLimitExceeded, "upper bound cannot be less than lower bound");
  }
  while (*i < t.size() && IsSpace(t[*i])) ++*i;
  if (*i >= t.size() || t[*i] != '=')
    return Malformed(text, "Missing \"=\" after array dimensions.");
  ++*i;
  while (*i < t.size() && IsSpace(t[*i])) ++*i;
  if (lo < INT32_MIN || lo > INT32_MAX)
    return Malformed(text, "Array dimension value out of range.");
  *lower = static_cast<int32_t>(lo);
  *upper = hi;
  return Status::OK();
}

// One element at *i (quoted or not); *null for an unquoted NULL.
Status ParseElement(std::string_view text, size_t* i, std::string* out, bool* null) {
  std::string_view t = text;
  *null = false;
  out->clear();
  if (t[*i] == '"') {
    ++*i;
    while (true) {
      if (*i >= t.size()) return Malformed(text, "Unexpected end of input.");
      char c = t[(*i)++];
      if (c == '"') break;
      if (c == '\\') {
        if (*i >= t.size()) return Malformed(text, "Unexpected end of input.");
        c = t[(*i)++];
      }
      out->push_back(c);
    }
    while (*i < t.size() && IsSpace(t[*i])) ++*i;
    return Status::OK();
  }
  bool escaped_any = false;
  size_t keep = 0;  // length up to the last escaped or non-space character
  while (*i < t.size() && t[*i] != ',' && t[*i] != '}') {
    char c = t[(*i)++];
    if (c == '{' || c == '"') {
      return Malformed(text, std::string("Unexpected \"") + c + "\" character.");
    }
    if (c == '\\') {
      if (*i >= t.size()) return Malformed(text, "Unexpected end of input.");
      out->push_back(t[(*i)++]);
      escaped_any = true;
      keep = out->size();
      continue;
    }
    out->push_back(c);
    if (!IsSpace(c)) keep = out->size();
  }
  out->resize(keep);
  if (out->empty() && !escaped_any) {
    if (*i >= t.size()) return Malformed(text, "Unexpected end of input.");
    return Malformed(text, std::string("Unexpected \"") + t[*i] + "\" character.");
  }
  if (!escaped_any && out->size() == 4) {
    std::string low;
    for (char c : *out) low.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    *null = low == "null";
  }
  return Status::OK();
}

}  // namespace

Result<Value> ParseArray(std::string_view text, Type array_type) {
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  int32_t lower = 1;
  int64_t upper = 0;
  bool has_dims = false;
  OMEN_RETURN_IF_ERROR(ParseDims(text, &i, &lower, &upper, &has_dims));
  if (i >= text.size() || text[i] != '{') {
    return Malformed(text, "Array value must start with \"{\" or dimension information.");
  }
  ++i;
  std::vector<Value> elems;
  Type element = array_type.ElementType();
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i < text.size() && text[i] == '{') {
    return Status(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
  }
  if (i < text.size() && text[i] == '}') {
    ++i;
  } else {
    std::string item;
    while (true) {
      while (i < text.size() && IsSpace(text[i])) ++i;
      if (i >= text.size()) return Malformed(text, "Unexpected end of input.");
      if (text[i] == '{') return Malformed(text, "Unexpected \"{\" character.");
      bool null = false;
      OMEN_RETURN_IF_ERROR(ParseElement(text, &i, &item, &null));
      if (null) {
        elems.push_back(Value::Null(element));
      } else {
        OMEN_ASSIGN_OR_RETURN(Value v, ParseValue(item, element));
        v.type = element;
        elems.push_back(std::move(v));
      }
      if (i >= text.size()) return Malformed(text, "Unexpected end of input.");
      char c = text[i++];
      if (c == '}') break;
      if (c != ',') return Malformed(text, std::string("Unexpected \"") + c + "\" character.");
    }
  }
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i != text.size()) return Malformed(text, "Junk after closing right brace.");
  if (has_dims && upper - lower + 1 != static_cast<int64_t>(elems.size())) {
    return Malformed(text, "Specified array dimensions do not match array contents.");
  }
  return MakeArrayValue(array_type, elems, lower);
}

namespace {

// array_out quotes empty strings, "NULL", and text with braces, commas,
// quotes, backslashes or white space.
void AppendElement(const std::string& s, std::string* out) {
  bool quote = s.empty();
  if (s.size() == 4) {
    std::string low;
    for (char c : s) low.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    quote = quote || low == "null";
  }
  for (char c : s)
    quote = quote || c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || IsSpace(c);
  if (!quote) {
    *out += s;
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

std::string FormatArray(const Value& v) {
  int32_t lower = 1;
  std::vector<Value> elems = DecodeArray(v.s, v.type.ElementType(), &lower);
  std::string out;
  if (lower != 1 && !elems.empty()) {
    out = "[" + std::to_string(lower) + ":" +
          std::to_string(static_cast<int64_t>(lower) + elems.size() - 1) + "]=";
  }
  out.push_back('{');
  for (size_t k = 0; k < elems.size(); ++k) {
    if (k > 0) out.push_back(',');
    if (elems[k].is_null) {
      out += "NULL";
    } else {
      AppendElement(FormatValue(elems[k]), &out);
    }
  }
  out.push_back('}');
  return out;
}

}  // namespace omen
