// String scalar functions (lower, substr, lpad, concat, ...): row
// implementations behind NamedFunctionKernel. Lengths and positions count
// UTF-8 characters, as PostgreSQL does in a UTF8 database.

#include <string>
#include <string_view>

#include "common/md5.h"
#include "common/type_io.h"
#include "common/type_io_internal.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

using typeio::Utf8Length;
using typeio::Utf8Offset;

// The argument's text (bpchar without its padding).
std::string_view Text(const Value& v) {
  return v.type.id == TypeId::kChar ? typeio::StripTrailingSpaces(v.s) : std::string_view(v.s);
}

// Characters [from, from + count) (0-based, clamped) of s.
std::string_view Chars(std::string_view s, int64_t from, int64_t count) {
  if (count <= 0) return {};
  int64_t len = static_cast<int64_t>(Utf8Length(s));
  if (from < 0) {
    count += from;
    from = 0;
  }
  if (from >= len || count <= 0) return {};
  size_t b = Utf8Offset(s, static_cast<size_t>(from));
  size_t e = Utf8Offset(s, static_cast<size_t>(std::min(len, from + count)));
  return s.substr(b, e - b);
}

template <char (*kFold)(char)>
Status MapChars(const std::vector<Value>& a, Value* out) {
  out->s = std::string(Text(a[0]));
  for (char& c : out->s) c = kFold(c);
  return Status::OK();
}
char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

Status Length(const std::vector<Value>& a, Value* out) {
  out->i = static_cast<int64_t>(Utf8Length(Text(a[0])));
  return Status::OK();
}

Status OctetLength(const std::vector<Value>& a, Value* out) {
  out->i = static_cast<int64_t>(a[0].s.size());
  return Status::OK();
}

Status BitLength(const std::vector<Value>& a, Value* out) {
  out->i = static_cast<int64_t>(a[0].s.size()) * 8;
  return Status::OK();
}

Status Substr(const std::vector<Value>& a, Value* out) {
  int64_t start = a[1].i;
  if (a.size() < 3) {
    out->s = std::string(Chars(a[0].s, start - 1, INT64_MAX / 2));
    return Status::OK();
  }
  if (a[2].i < 0) return Status(SqlState("22011"), "negative substring length not allowed");
  out->s = std::string(Chars(a[0].s, start - 1, a[2].i));
  return Status::OK();
}

Status Position(const std::vector<Value>& a, Value* out) {
  size_t pos = a[0].s.find(a[1].s);
  out->i = pos == std::string::npos ? 0 : static_cast<int64_t>(Utf8Length(std::string_view(a[0].s).substr(0, pos))) + 1;
  return Status::OK();
}

template <bool kLeft, bool kRight>
Status Trim(const std::vector<Value>& a, Value* out) {
  std::string_view s = a[0].s;
  std::string_view set = a.size() > 1 ? std::string_view(a[1].s) : std::string_view(" ");
  // Byte-wise membership is exact for ASCII sets, the common case.
  if (kLeft) {
    while (!s.empty() && set.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  }
  if (kRight) {
    while (!s.empty() && set.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  }
  out->s = std::string(s);
  return Status::OK();
}

Status Replace(const std::vector<Value>& a, Value* out) {
  const std::string& s = a[0].s;
  const std::string& from = a[1].s;
  if (from.empty()) {
    out->s = s;
    return Status::OK();
  }
  std::string r;
  size_t pos = 0;
  for (size_t f; (f = s.find(from, pos)) != std::string::npos; pos = f + from.size()) {
    r.append(s, pos, f - pos);
    r += a[2].s;
  }
  r.append(s, pos, std::string::npos);
  out->s = std::move(r);
  return Status::OK();
}

// concat's arguments print with their output functions; NULLs are skipped.
std::string OutputText(const Value& v) { return v.type.IsString() ? v.s : FormatValue(v); }

Status Concat(const std::vector<Value>& a, Value* out) {
  out->s.clear();
  for (const Value& v : a) {
    if (!v.is_null) out->s += OutputText(v);
  }
  return Status::OK();
}

Status ConcatWs(const std::vector<Value>& a, Value* out) {
  if (a[0].is_null) {
    out->is_null = true;
    return Status::OK();
  }
  out->s.clear();
  bool first = true;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_null) continue;
    if (!first) out->s += a[0].s;
    out->s += OutputText(a[i]);
    first = false;
  }
  return Status::OK();
}

template <bool kLeft>
Status LeftRight(const std::vector<Value>& a, Value* out) {
  int64_t len = static_cast<int64_t>(Utf8Length(a[0].s));
  int64_t n = a[1].i;
  int64_t count = n >= 0 ? std::min(n, len) : std::max<int64_t>(0, len + n);
  out->s = std::string(kLeft ? Chars(a[0].s, 0, count) : Chars(a[0].s, len - count, count));
  return Status::OK();
}

template <bool kLeft>
Status Pad(const std::vector<Value>& a, Value* out) {
  int64_t target = a[1].i;
  std::string fill = a.size() > 2 ? a[2].s : " ";
  int64_t len = static_cast<int64_t>(Utf8Length(a[0].s));
  if (target <= 0) {
    out->s.clear();
    return Status::OK();
  }
  if (target > (1 << 30) / 4) return Status(SqlState("54000"), "requested length too large");
  if (len >= target || fill.empty()) {
    out->s = std::string(Chars(a[0].s, 0, target));
    return Status::OK();
  }
  int64_t fill_len = static_cast<int64_t>(Utf8Length(fill));
  std::string pad;
  for (int64_t k = 0; k < target - len; ++k) pad += std::string(Chars(fill, k % fill_len, 1));
  out->s = kLeft ? pad + a[0].s : a[0].s + pad;
  return Status::OK();
}

Status Repeat(const std::vector<Value>& a, Value* out) {
  out->s.clear();
  if (a[1].i > 0 && a[0].s.size() * static_cast<uint64_t>(a[1].i) > (1u << 30)) {
    return Status(SqlState("54000"), "requested length too large");
  }
  for (int64_t k = 0; k < a[1].i; ++k) out->s += a[0].s;
  return Status::OK();
}

Status Reverse(const std::vector<Value>& a, Value* out) {
  const std::string& s = a[0].s;
  out->s.clear();
  size_t e = s.size();
  while (e > 0) {
    size_t b = e - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    out->s.append(s, b, e - b);
    e = b;
  }
  return Status::OK();
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

Status Initcap(const std::vector<Value>& a, Value* out) {
  out->s = a[0].s;
  bool word = false;
  for (char& c : out->s) {
    c = word ? ToLower(c) : ToUpper(c);
    word = IsAlnum(c) || (static_cast<unsigned char>(c) & 0x80);
  }
  return Status::OK();
}

Status SplitPart(const std::vector<Value>& a, Value* out) {
  const std::string& s = a[0].s;
  const std::string& d = a[1].s;
  int64_t n = a[2].i;
  if (n == 0) return Status(sqlstate::kInvalidParameterValue, "field position must not be zero");
  std::vector<std::string_view> parts;
  if (d.empty()) {
    parts.push_back(s);
  } else {
    size_t pos = 0;
    for (size_t f; (f = s.find(d, pos)) != std::string::npos; pos = f + d.size()) {
      parts.push_back(std::string_view(s).substr(pos, f - pos));
    }
    parts.push_back(std::string_view(s).substr(pos));
  }
  if (s.empty()) parts.clear();
  int64_t count = static_cast<int64_t>(parts.size());
  int64_t idx = n > 0 ? n - 1 : count + n;
  out->s = idx >= 0 && idx < count ? std::string(parts[static_cast<size_t>(idx)]) : std::string();
  return Status::OK();
}

Status Chr(const std::vector<Value>& a, Value* out) {
  int64_t c = a[0].i;
  if (c == 0) return Status(SqlState("54000"), "null character not permitted");
  if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    return Status(SqlState("54000"), "requested character too large for encoding: " + std::to_string(c));
  }
  std::string s;
  auto u = static_cast<uint32_t>(c);
  if (u < 0x80) {
    s.push_back(static_cast<char>(u));
  } else if (u < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (u >> 6)));
    s.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (u >> 12)));
    s.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (u >> 18)));
    s.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  }
  out->s = std::move(s);
  return Status::OK();
}

Status Ascii(const std::vector<Value>& a, Value* out) {
  const std::string& s = a[0].s;
  if (s.empty()) {
    out->i = 0;
    return Status::OK();
  }
  auto b0 = static_cast<unsigned char>(s[0]);
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 0 ? b0 : (b0 & (0x3F >> extra));
  for (int k = 1; k <= extra && static_cast<size_t>(k) < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[static_cast<size_t>(k)]) & 0x3F);
  }
  out->i = cp;
  return Status::OK();
}

Status StartsWith(const std::vector<Value>& a, Value* out) {
  out->i = std::string_view(a[0].s).substr(0, a[1].s.size()) == a[1].s ? 1 : 0;
  return Status::OK();
}

Status Translate(const std::vector<Value>& a, Value* out) {
  const std::string& from = a[1].s;
  const std::string& to = a[2].s;
  out->s.clear();
  for (char c : a[0].s) {
    size_t k = from.find(c);
    if (k == std::string::npos) out->s.push_back(c);
    else if (k < to.size()) out->s.push_back(to[k]);
  }
  return Status::OK();
}

// RFC 1321 MD5, hex-encoded, as PostgreSQL's md5(text).
Status Md5Text(const std::vector<Value>& a, Value* out) {
  out->s = Md5Hex(a[0].s);
  return Status::OK();
}

// pg_typeof: the regtype output of the argument's type (no typmod).
Status PgTypeof(const std::vector<Value>& a, Value* out) {
  bool array = a[0].type.id == TypeId::kArray;
  TypeId id = array ? a[0].type.elem : a[0].type.id;
  out->s = id == TypeId::kChar ? "character" : id == TypeId::kNull ? "unknown" : Type(id).ToString();
  if (array) out->s += "[]";
  return Status::OK();
}

}  // namespace

void AddStringFunctions(std::vector<NamedFn>* fns) {
  std::vector<NamedFn> add = {
      {"lower", kRow<&MapChars<ToLower>>},
      {"upper", kRow<&MapChars<ToUpper>>},
      {"length", kRow<&Length>},
      {"char_length", kRow<&Length>},
      {"character_length", kRow<&Length>},
      {"octet_length", kRow<&OctetLength>},
      {"bit_length", kRow<&BitLength>},
      {"substr", kRow<&Substr>},
      {"substring", kRow<&Substr>},
      {"position", kRow<&Position>},
      {"strpos", kRow<&Position>},
      {"btrim", kRow<&Trim<true, true>>},
      {"ltrim", kRow<&Trim<true, false>>},
      {"rtrim", kRow<&Trim<false, true>>},
      {"replace", kRow<&Replace>},
      {"concat", kRowLax<&Concat>},
      {"concat_ws", kRowLax<&ConcatWs>},
      {"left", kRow<&LeftRight<true>>},
      {"right", kRow<&LeftRight<false>>},
      {"lpad", kRow<&Pad<true>>},
      {"rpad", kRow<&Pad<false>>},
      {"repeat", kRow<&Repeat>},
      {"reverse", kRow<&Reverse>},
      {"initcap", kRow<&Initcap>},
      {"split_part", kRow<&SplitPart>},
      {"chr", kRow<&Chr>},
      {"ascii", kRow<&Ascii>},
      {"starts_with", kRow<&StartsWith>},
      {"translate", kRow<&Translate>},
      {"md5", kRow<&Md5Text>},
      {"pg_typeof", kRowLax<&PgTypeof>},
  };
  fns->insert(fns->end(), add.begin(), add.end());
}

}  // namespace omen::execution::internal
