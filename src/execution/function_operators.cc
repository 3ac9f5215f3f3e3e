// Operator kernels: one template per operator family (integer, float and
// numeric arithmetic, comparisons, unary minus, date arithmetic, text
// concatenation and LIKE), instantiated per type from the signature table.

#include <cmath>
#include <string>
#include <string_view>

#include "common/time_zone.h"
#include "common/type_io.h"
#include "common/type_io_internal.h"
#include "execution/function_internal.h"

namespace omen::execution::internal {

namespace {

using catalog::FunctionSignature;

// ---- argument readers -------------------------------------------------------

struct GetI64 {
  static int64_t Get(const Vector& v, size_t i) { return v.i64()[i]; }
};
struct GetF64 {
  static double Get(const Vector& v, size_t i) { return v.f64()[i]; }
};
struct GetNum {
  static const Numeric& Get(const Vector& v, size_t i) { return v.num()[i]; }
};
struct GetStr {
  static std::string_view Get(const Vector& v, size_t i) { return v.str()[i]; }
};
// bpchar compares and matches without its trailing blanks.
struct GetBpchar {
  static std::string_view Get(const Vector& v, size_t i) { return typeio::StripTrailingSpaces(v.str()[i]); }
};
// A date read as the timestamp of its midnight (cross-type date/timestamp comparisons).
struct GetDateAsTs {
  static int64_t Get(const Vector& v, size_t i) {
    int64_t d = v.i64()[i];
    if (d == typeio::kDatePosInf) return typeio::kTsPosInf;
    if (d == typeio::kDateNegInf) return typeio::kTsNegInf;
    return d * typeio::kMicrosPerDay;
  }
};

// A timestamp or date read as the instant its wall time is in the session
// zone (cross-type comparisons with timestamptz).
struct GetTsAsTz {
  static int64_t Get(const Vector& v, size_t i) { return ThreadTimeZone().ToUtc(v.i64()[i]); }
};
struct GetDateAsTz {
  static int64_t Get(const Vector& v, size_t i) { return ThreadTimeZone().ToUtc(GetDateAsTs::Get(v, i)); }
};

template <typename T>
T* OutData(Vector* out);
template <>
int64_t* OutData<int64_t>(Vector* out) { return out->i64(); }
template <>
double* OutData<double>(Vector* out) { return out->f64(); }
template <>
Numeric* OutData<Numeric>(Vector* out) { return out->num(); }
template <>
std::string* OutData<std::string>(Vector* out) { return out->str(); }

// ---- kernel shapes ----------------------------------------------------------

template <typename L, typename R, typename Op>
Status Binary(const std::vector<const Vector*>& args, size_t n, Vector* out) {
  out->Resize(n);
  StrictNulls(args, n, out);
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  const uint8_t* nulls = out->nulls();
  auto* dst = OutData<typename Op::Out>(out);
  for (size_t i = 0; i < n; ++i) {
    if (nulls[i]) continue;
    OMEN_RETURN_IF_ERROR(Op::Apply(L::Get(a, i), R::Get(b, i), &dst[i]));
  }
  return Status::OK();
}

template <typename G, typename Op>
Status Unary(const std::vector<const Vector*>& args, size_t n, Vector* out) {
  out->Resize(n);
  StrictNulls(args, n, out);
  const Vector& a = *args[0];
  const uint8_t* nulls = out->nulls();
  auto* dst = OutData<typename Op::Out>(out);
  for (size_t i = 0; i < n; ++i) {
    if (nulls[i]) continue;
    OMEN_RETURN_IF_ERROR(Op::Apply(G::Get(a, i), &dst[i]));
  }
  return Status::OK();
}

// ---- arithmetic -------------------------------------------------------------

enum class Arith { kAdd, kSub, kMul, kDiv, kMod };

Status IntOutOfRange(TypeId r) {
  const char* name = r == TypeId::kInt16 ? "smallint" : r == TypeId::kInt32 ? "integer" : "bigint";
  return Status(sqlstate::kNumericValueOutOfRange, std::string(name) + " out of range");
}

Status DivisionByZero() { return Status(sqlstate::kDivisionByZero, "division by zero"); }

template <Arith A, TypeId R>
struct IntArith {
  using Out = int64_t;
  static Status Apply(int64_t a, int64_t b, int64_t* o) {
    int64_t r = 0;
    bool overflow = false;
    if constexpr (A == Arith::kAdd) overflow = __builtin_add_overflow(a, b, &r);
    if constexpr (A == Arith::kSub) overflow = __builtin_sub_overflow(a, b, &r);
    if constexpr (A == Arith::kMul) overflow = __builtin_mul_overflow(a, b, &r);
    if constexpr (A == Arith::kDiv || A == Arith::kMod) {
      if (b == 0) return DivisionByZero();
      if (b == -1) {
        // INT_MIN / -1 overflows; x % -1 is 0 (and must not trap).
        if constexpr (A == Arith::kDiv) overflow = __builtin_sub_overflow(int64_t{0}, a, &r);
      } else {
        r = A == Arith::kDiv ? a / b : a % b;
      }
    }
    if constexpr (R == TypeId::kInt16) overflow = overflow || r < INT16_MIN || r > INT16_MAX;
    if constexpr (R == TypeId::kInt32) overflow = overflow || r < INT32_MIN || r > INT32_MAX;
    if (overflow) return IntOutOfRange(R);
    *o = r;
    return Status::OK();
  }
};

template <Arith A, TypeId R>
struct FloatArith {
  using Out = double;
  static Status Apply(double a, double b, double* o) {
    double r = 0;
    if constexpr (A == Arith::kAdd) r = a + b;
    if constexpr (A == Arith::kSub) r = a - b;
    if constexpr (A == Arith::kMul) r = a * b;
    if constexpr (A == Arith::kDiv) {
      if (b == 0.0 && !std::isnan(a)) return DivisionByZero();
      r = a / b;
    }
    if constexpr (R == TypeId::kFloat32) r = static_cast<float>(r);
    if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) {
      return Status(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
    }
    if constexpr (A == Arith::kMul || A == Arith::kDiv) {
      if (r == 0.0 && a != 0.0 && (A == Arith::kMul ? b != 0.0 : !std::isinf(b))) {
        return Status(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
      }
    }
    *o = r;
    return Status::OK();
  }
};

template <Arith A>
struct NumArith {
  using Out = Numeric;
  static Status Apply(const Numeric& a, const Numeric& b, Numeric* o) {
    Result<Numeric> r = A == Arith::kAdd   ? a.Add(b)
                        : A == Arith::kSub ? a.Sub(b)
                        : A == Arith::kMul ? a.Mul(b)
                        : A == Arith::kDiv ? a.Div(b)
                                           : a.Mod(b);
    if (!r.ok()) return r.status();
    *o = std::move(r).value();
    return Status::OK();
  }
};

template <Arith A>
ScalarKernel IntArithFor(TypeId r) {
  switch (r) {
    case TypeId::kInt16:
      return &Binary<GetI64, GetI64, IntArith<A, TypeId::kInt16>>;
    case TypeId::kInt32:
      return &Binary<GetI64, GetI64, IntArith<A, TypeId::kInt32>>;
    default:
      return &Binary<GetI64, GetI64, IntArith<A, TypeId::kInt64>>;
  }
}

enum class Bit { kAnd, kOr, kXor, kShl, kShr };

// PostgreSQL's int2/int4/int8 bit operators: no overflow checks; the shift
// count is taken modulo the width, as the hardware does.
template <Bit B, TypeId R>
struct IntBit {
  using Out = int64_t;
  static Status Apply(int64_t a, int64_t b, int64_t* o) {
    constexpr int kBits = R == TypeId::kInt64 ? 64 : 32;
    uint64_t ua = static_cast<uint64_t>(a);
    int64_t r = 0;
    if constexpr (B == Bit::kAnd) r = a & b;
    if constexpr (B == Bit::kOr) r = a | b;
    if constexpr (B == Bit::kXor) r = a ^ b;
    if constexpr (B == Bit::kShl) r = static_cast<int64_t>(ua << (b & (kBits - 1)));
    if constexpr (B == Bit::kShr) r = a >> (b & (kBits - 1));
    if constexpr (R == TypeId::kInt32) r = static_cast<int32_t>(r);
    if constexpr (R == TypeId::kInt16) r = static_cast<int16_t>(r);
    *o = r;
    return Status::OK();
  }
};

struct IntNot {
  using Out = int64_t;
  static Status Apply(int64_t a, int64_t* o) {
    *o = ~a;
    return Status::OK();
  }
};

template <Bit B>
ScalarKernel BitFor(TypeId r) {
  switch (r) {
    case TypeId::kInt16:
      return &Binary<GetI64, GetI64, IntBit<B, TypeId::kInt16>>;
    case TypeId::kInt32:
      return &Binary<GetI64, GetI64, IntBit<B, TypeId::kInt32>>;
    default:
      return &Binary<GetI64, GetI64, IntBit<B, TypeId::kInt64>>;
  }
}

// ---- dates ------------------------------------------------------------------

bool IsDateInf(int64_t d) { return d == typeio::kDatePosInf || d == typeio::kDateNegInf; }

template <int kSign>
struct DatePlusInt {
  using Out = int64_t;
  static Status Apply(int64_t date, int64_t days, int64_t* o) {
    if (IsDateInf(date)) {
      *o = date;
      return Status::OK();
    }
    int64_t r = date + kSign * days;
    // PostgreSQL's date range: 4714-11-24 BC .. 5874897-12-31.
    if (r < -2451545 || r > 2145031948) return Status(sqlstate::kDatetimeFieldOverflow, "date out of range");
    *o = r;
    return Status::OK();
  }
};

struct IntPlusDate {
  using Out = int64_t;
  static Status Apply(int64_t days, int64_t date, int64_t* o) { return DatePlusInt<1>::Apply(date, days, o); }
};

struct DateMinusDate {
  using Out = int64_t;
  static Status Apply(int64_t a, int64_t b, int64_t* o) {
    if (IsDateInf(a) || IsDateInf(b)) {
      return Status(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
    }
    *o = a - b;
    return Status::OK();
  }
};

// ---- comparisons ------------------------------------------------------------

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

int ThreeWay(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }
// PostgreSQL float order: NaN equals NaN and sorts above everything.
int ThreeWay(double a, double b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}
int ThreeWay(const Numeric& a, const Numeric& b) { return a.Compare(b); }
int ThreeWay(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

template <Cmp C>
struct Compare {
  using Out = int64_t;
  template <typename T>
  static Status Apply(const T& a, const T& b, int64_t* o) {
    int c = ThreeWay(a, b);
    bool r = C == Cmp::kEq ? c == 0 : C == Cmp::kNe ? c != 0 : C == Cmp::kLt ? c < 0 : C == Cmp::kLe ? c <= 0 : C == Cmp::kGt ? c > 0 : c >= 0;
    *o = r ? 1 : 0;
    return Status::OK();
  }
};

enum class Family { kInt, kFloat, kNumeric, kText, kBpchar, kDate, kTimestamp, kTimestampTz, kOther };

Family FamilyOf(TypeId id) {
  switch (id) {
    case TypeId::kBool:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
      return Family::kInt;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return Family::kFloat;
    case TypeId::kNumeric:
      return Family::kNumeric;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kUnknown:
    case TypeId::kName:
    case TypeId::kSingleChar:
      return Family::kText;
    case TypeId::kChar:
      return Family::kBpchar;
    case TypeId::kDate:
      return Family::kDate;
    case TypeId::kTimestamp:
      return Family::kTimestamp;
    case TypeId::kTimestampTz:
      return Family::kTimestampTz;
    default:
      return Family::kOther;
  }
}

template <Cmp C>
ScalarKernel CompareFor(Family l, Family r) {
  using Op = Compare<C>;
  if (l == r) {
    switch (l) {
      case Family::kInt:
      case Family::kDate:
      case Family::kTimestamp:
      case Family::kTimestampTz:
        return &Binary<GetI64, GetI64, Op>;
      case Family::kFloat:
        return &Binary<GetF64, GetF64, Op>;
      case Family::kNumeric:
        return &Binary<GetNum, GetNum, Op>;
      case Family::kText:
        return &Binary<GetStr, GetStr, Op>;
      case Family::kBpchar:
        return &Binary<GetBpchar, GetBpchar, Op>;
      default:
        return nullptr;
    }
  }
  if (l == Family::kDate && r == Family::kTimestamp) return &Binary<GetDateAsTs, GetI64, Op>;
  if (l == Family::kTimestamp && r == Family::kDate) return &Binary<GetI64, GetDateAsTs, Op>;
  if (l == Family::kTimestamp && r == Family::kTimestampTz) return &Binary<GetTsAsTz, GetI64, Op>;
  if (l == Family::kTimestampTz && r == Family::kTimestamp) return &Binary<GetI64, GetTsAsTz, Op>;
  if (l == Family::kDate && r == Family::kTimestampTz) return &Binary<GetDateAsTz, GetI64, Op>;
  if (l == Family::kTimestampTz && r == Family::kDate) return &Binary<GetI64, GetDateAsTz, Op>;
  return nullptr;
}

template <Arith A>
ScalarKernel ArithFor(const FunctionSignature& sig) {
  Family l = FamilyOf(sig.args[0]), r = FamilyOf(sig.args[1]);
  if (l == Family::kInt && r == Family::kInt) return IntArithFor<A>(sig.ret.id);
  if (l == Family::kFloat && r == Family::kFloat) {
    if constexpr (A == Arith::kMod) return nullptr;
    else if (sig.ret.id == TypeId::kFloat32) return &Binary<GetF64, GetF64, FloatArith<A, TypeId::kFloat32>>;
    else return &Binary<GetF64, GetF64, FloatArith<A, TypeId::kFloat64>>;
  }
  if (l == Family::kNumeric && r == Family::kNumeric) return &Binary<GetNum, GetNum, NumArith<A>>;
  if constexpr (A == Arith::kAdd) {
    if (l == Family::kDate && r == Family::kInt) return &Binary<GetI64, GetI64, DatePlusInt<1>>;
    if (l == Family::kInt && r == Family::kDate) return &Binary<GetI64, GetI64, IntPlusDate>;
  }
  if constexpr (A == Arith::kSub) {
    if (l == Family::kDate && r == Family::kInt) return &Binary<GetI64, GetI64, DatePlusInt<-1>>;
    if (l == Family::kDate && r == Family::kDate) return &Binary<GetI64, GetI64, DateMinusDate>;
  }
  return nullptr;
}

// ---- unary ------------------------------------------------------------------

template <TypeId R>
struct IntNeg {
  using Out = int64_t;
  static Status Apply(int64_t a, int64_t* o) {
    int64_t lo = R == TypeId::kInt16 ? INT16_MIN : R == TypeId::kInt32 ? INT32_MIN : INT64_MIN;
    if (a == lo) return IntOutOfRange(R);
    *o = -a;
    return Status::OK();
  }
};
struct FloatNeg {
  using Out = double;
  static Status Apply(double a, double* o) {
    *o = -a;
    return Status::OK();
  }
};
struct NumNeg {
  using Out = Numeric;
  static Status Apply(const Numeric& a, Numeric* o) {
    *o = a.Negate();
    return Status::OK();
  }
};
template <typename T>
struct Identity {
  using Out = T;
  template <typename A>
  static Status Apply(const A& a, T* o) {
    *o = a;
    return Status::OK();
  }
};

ScalarKernel PrefixKernel(const FunctionSignature& sig) {
  TypeId t = sig.args[0];
  Family f = FamilyOf(t);
  if (sig.name == "+") {
    if (f == Family::kInt) return &Unary<GetI64, Identity<int64_t>>;
    if (f == Family::kFloat) return &Unary<GetF64, Identity<double>>;
    if (f == Family::kNumeric) return &Unary<GetNum, Identity<Numeric>>;
    return nullptr;
  }
  if (sig.name == "~") return f == Family::kInt ? &Unary<GetI64, IntNot> : nullptr;
  if (sig.name != "-") return nullptr;
  switch (t) {
    case TypeId::kInt16:
      return &Unary<GetI64, IntNeg<TypeId::kInt16>>;
    case TypeId::kInt32:
      return &Unary<GetI64, IntNeg<TypeId::kInt32>>;
    case TypeId::kInt64:
      return &Unary<GetI64, IntNeg<TypeId::kInt64>>;
    default:
      break;
  }
  if (f == Family::kFloat) return &Unary<GetF64, FloatNeg>;
  if (f == Family::kNumeric) return &Unary<GetNum, NumNeg>;
  return nullptr;
}

// ---- text -------------------------------------------------------------------

struct TextCat {
  using Out = std::string;
  static Status Apply(std::string_view a, std::string_view b, std::string* o) {
    o->assign(a);
    o->append(b);
    return Status::OK();
  }
};

// text || anynonarray and anynonarray || text: the other side through its text output.
Status AnyTextCat(const std::vector<const Vector*>& args, size_t n, Vector* out) {
  out->Resize(n);
  StrictNulls(args, n, out);
  for (size_t i = 0; i < n; ++i) {
    if (out->IsNull(i)) continue;
    std::string s;
    for (const Vector* a : args) {
      OMEN_ASSIGN_OR_RETURN(Value v, CastValue(a->GetValue(i), TypeId::kText, CastContext::kExplicit));
      s += v.s;
    }
    out->str()[i] = std::move(s);
  }
  return Status::OK();
}

template <bool kNegate, bool kCaseInsensitive>
struct Like {
  using Out = int64_t;
  static Status Apply(std::string_view text, std::string_view pattern, int64_t* o) {
    *o = LikeMatch(text, pattern, kCaseInsensitive) != kNegate ? 1 : 0;
    return Status::OK();
  }
};

// bpchar LIKE matches the padded value, as PostgreSQL's bpcharlike does.
template <bool kNegate, bool kCaseInsensitive>
ScalarKernel LikeFor() {
  return &Binary<GetStr, GetStr, Like<kNegate, kCaseInsensitive>>;
}

}  // namespace

ScalarKernel OperatorKernel(const FunctionSignature& sig) {
  if (ScalarKernel k = FormatOperatorKernel(sig)) return k;
  if (sig.args.size() == 1) return PrefixKernel(sig);
  if (sig.args.size() != 2) return nullptr;
  const std::string& op = sig.name;
  Family l = FamilyOf(sig.args[0]), r = FamilyOf(sig.args[1]);
  if (op == "+") return ArithFor<Arith::kAdd>(sig);
  if (op == "-") return ArithFor<Arith::kSub>(sig);
  if (op == "*") return ArithFor<Arith::kMul>(sig);
  if (op == "/") return ArithFor<Arith::kDiv>(sig);
  if (op == "%") return ArithFor<Arith::kMod>(sig);
  if (op == "=") return CompareFor<Cmp::kEq>(l, r);
  if (op == "<>") return CompareFor<Cmp::kNe>(l, r);
  if (op == "<") return CompareFor<Cmp::kLt>(l, r);
  if (op == "<=") return CompareFor<Cmp::kLe>(l, r);
  if (op == ">") return CompareFor<Cmp::kGt>(l, r);
  if (op == ">=") return CompareFor<Cmp::kGe>(l, r);
  if (op == "||") {
    if (sig.args[0] == TypeId::kText && sig.args[1] == TypeId::kText) return &Binary<GetStr, GetStr, TextCat>;
    return &AnyTextCat;
  }
  if (op == "&") return BitFor<Bit::kAnd>(sig.ret.id);
  if (op == "|") return BitFor<Bit::kOr>(sig.ret.id);
  if (op == "#") return BitFor<Bit::kXor>(sig.ret.id);
  if (op == "<<") return BitFor<Bit::kShl>(sig.ret.id);
  if (op == ">>") return BitFor<Bit::kShr>(sig.ret.id);
  if (op == "^") {
    catalog::FunctionSignature power = sig;
    power.name = "power";
    return NamedFunctionKernel(power);
  }
  if (op == "~" || op == "~*" || op == "!~" || op == "!~*") return RegexOperatorKernel(op);
  if (op == "~~") return LikeFor<false, false>();
  if (op == "!~~") return LikeFor<true, false>();
  if (op == "~~*") return LikeFor<false, true>();
  if (op == "!~~*") return LikeFor<true, true>();
  return nullptr;
}

}  // namespace omen::execution::internal
