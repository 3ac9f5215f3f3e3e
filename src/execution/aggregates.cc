// Aggregate states for count, sum, avg, min, max, bool_and/bool_or/every and
// string_agg, with PostgreSQL 15's result types: sum(int2/int4) -> int8 and
// sum(int8) -> numeric accumulate exactly in __int128; avg of integers and
// numeric divides as numeric (select_div_scale); float sums add in the
// input's precision.

#include <algorithm>
#include <cmath>
#include <string>

#include "catalog/functions.h"
#include "execution/function_internal.h"
#include "execution/functions.h"

namespace omen::execution {

namespace {

Value Typed(Type t) {
  Value v;
  v.type = t;
  v.is_null = false;
  return v;
}

Numeric FromInt128(__int128 v) {
  if (v >= INT64_MIN && v <= INT64_MAX) return Numeric::FromInt64(static_cast<int64_t>(v));
  bool neg = v < 0;
  unsigned __int128 m = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (m != 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  Result<Numeric> r = Numeric::Parse((neg ? "-" : "") + s);
  return r.ok() ? *r : Numeric();
}

// A state whose Combine needs the other side's concrete type.
template <typename Self>
class StateBase : public AggregateState {
 public:
  Status Combine(const AggregateState& other) override {
    static_cast<Self*>(this)->Merge(static_cast<const Self&>(other));
    return Status::OK();
  }
};

class CountState : public StateBase<CountState> {
 public:
  explicit CountState(bool star) : star_(star) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    count_ += star_ || !args[0]->IsNull(i);
    return Status::OK();
  }
  Status UpdateAll(const std::vector<const Vector*>& args, size_t n) override {
    if (star_) {
      count_ += static_cast<int64_t>(n);
      return Status::OK();
    }
    const uint8_t* nulls = args[0]->nulls();
    int64_t c = 0;
    for (size_t i = 0; i < n; ++i) c += nulls[i] == 0;
    count_ += c;
    return Status::OK();
  }
  void Merge(const CountState& o) { count_ += o.count_; }
  Result<Value> Finalize() const override { return Value::Int64(count_); }

 private:
  bool star_;
  int64_t count_ = 0;
};

// sum and avg over integers: exact __int128 accumulation.
class IntSumState : public StateBase<IntSumState> {
 public:
  enum class Mode { kSumInt8, kSumNumeric, kAvg };
  IntSumState(Mode mode, bool narrow, Type result) : mode_(mode), narrow_(narrow), result_(result) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    sum_ += args[0]->i64()[i];
    ++count_;
    return Status::OK();
  }
  Status UpdateAll(const std::vector<const Vector*>& args, size_t n) override {
    const int64_t* v = args[0]->i64();
    const uint8_t* nulls = args[0]->nulls();
    int64_t c = 0;
    if (mode_ == Mode::kSumInt8 || (mode_ == Mode::kAvg && narrow_)) {
      // int2/int4 inputs: a chunk's partial sum fits in int64; branch-free so it vectorizes.
      for (size_t start = 0; start < n; start += kChunkSize) {
        size_t end = std::min(n, start + kChunkSize);
        int64_t s = 0;
        for (size_t i = start; i < end; ++i) {
          int64_t keep = nulls[i] == 0;
          s += v[i] & -keep;
          c += keep;
        }
        sum_ += s;
      }
    } else {
      __int128 s = 0;
      for (size_t i = 0; i < n; ++i) {
        int64_t keep = nulls[i] == 0;
        s += v[i] & -keep;
        c += keep;
      }
      sum_ += s;
    }
    count_ += c;
    return Status::OK();
  }
  void Merge(const IntSumState& o) {
    sum_ += o.sum_;
    count_ += o.count_;
  }
  Result<Value> Finalize() const override {
    if (count_ == 0) return Value::Null(result_);
    Value out = Typed(result_);
    if (mode_ == Mode::kSumInt8) {
      if (sum_ < INT64_MIN || sum_ > INT64_MAX) {
        return Status(sqlstate::kNumericValueOutOfRange, "bigint out of range");
      }
      out.i = static_cast<int64_t>(sum_);
    } else if (mode_ == Mode::kSumNumeric) {
      out.n = FromInt128(sum_);
    } else {
      OMEN_ASSIGN_OR_RETURN(out.n, FromInt128(sum_).Div(Numeric::FromInt64(count_)));
    }
    return out;
  }

 private:
  Mode mode_;
  bool narrow_;  // int2/int4 input
  Type result_;
  __int128 sum_ = 0;
  int64_t count_ = 0;
};

// sum/avg over float4/float8. sum(float4) adds in single precision, as float4pl.
class FloatSumState : public StateBase<FloatSumState> {
 public:
  FloatSumState(bool avg, bool single, Type result) : avg_(avg), single_(single), result_(result) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    Add(args[0]->f64()[i]);
    ++count_;
    return Status::OK();
  }
  Status UpdateAll(const std::vector<const Vector*>& args, size_t n) override {
    if (single_) return AggregateState::UpdateAll(args, n);
    const double* v = args[0]->f64();
    const uint8_t* nulls = args[0]->nulls();
    double s = sum_;
    int64_t c = 0;
    for (size_t i = 0; i < n; ++i) {
      if (nulls[i] == 0) {
        s += v[i];
        ++c;
      }
    }
    sum_ = s;
    count_ += c;
    return Status::OK();
  }
  void Merge(const FloatSumState& o) {
    Add(o.sum_);
    count_ += o.count_;
  }
  Result<Value> Finalize() const override {
    if (count_ == 0) return Value::Null(result_);
    Value out = Typed(result_);
    out.d = avg_ ? sum_ / static_cast<double>(count_) : sum_;
    return out;
  }

 private:
  void Add(double x) { sum_ = single_ && !avg_ ? static_cast<float>(static_cast<float>(sum_) + static_cast<float>(x)) : sum_ + x; }
  bool avg_;
  bool single_;
  Type result_;
  double sum_ = 0;
  int64_t count_ = 0;
};

class NumericSumState : public StateBase<NumericSumState> {
 public:
  NumericSumState(bool avg, Type result) : avg_(avg), result_(result) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    OMEN_ASSIGN_OR_RETURN(sum_, sum_.Add(args[0]->num()[i]));
    ++count_;
    return Status::OK();
  }
  void Merge(const NumericSumState& o) {
    Result<Numeric> r = sum_.Add(o.sum_);
    if (r.ok()) sum_ = *r;
    count_ += o.count_;
  }
  Result<Value> Finalize() const override {
    if (count_ == 0) return Value::Null(result_);
    Value out = Typed(result_);
    if (avg_) {
      OMEN_ASSIGN_OR_RETURN(out.n, sum_.Div(Numeric::FromInt64(count_)));
    } else {
      out.n = sum_;
    }
    return out;
  }

 private:
  bool avg_;
  Type result_;
  Numeric sum_;
  int64_t count_ = 0;
};

int Order(int64_t a, int64_t b) { return a < b ? -1 : a > b; }
int Order(double a, double b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : a > b;
}
int Order(const Numeric& a, const Numeric& b) { return a.Compare(b); }
int Order(const std::string& a, const std::string& b) {
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0;
}

template <typename T>
const T* Data(const Vector& v);
template <>
const int64_t* Data<int64_t>(const Vector& v) { return v.i64(); }
template <>
const double* Data<double>(const Vector& v) { return v.f64(); }
template <>
const Numeric* Data<Numeric>(const Vector& v) { return v.num(); }
template <>
const std::string* Data<std::string>(const Vector& v) { return v.str(); }

template <typename T>
void Store(Value* v, const T& x);
template <>
void Store<int64_t>(Value* v, const int64_t& x) { v->i = x; }
template <>
void Store<double>(Value* v, const double& x) { v->d = x; }
template <>
void Store<Numeric>(Value* v, const Numeric& x) { v->n = x; }
template <>
void Store<std::string>(Value* v, const std::string& x) { v->s = x; }

// min (kSign -1) and max (kSign 1) over one physical type.
template <typename T, int kSign>
class MinMaxState : public StateBase<MinMaxState<T, kSign>> {
 public:
  explicit MinMaxState(Type result) : result_(result) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (!args[0]->IsNull(i)) Offer(Data<T>(*args[0])[i]);
    return Status::OK();
  }
  Status UpdateAll(const std::vector<const Vector*>& args, size_t n) override {
    const T* v = Data<T>(*args[0]);
    const uint8_t* nulls = args[0]->nulls();
    if constexpr (std::is_same_v<T, int64_t>) {
      int64_t best = kSign > 0 ? INT64_MIN : INT64_MAX;
      bool any = false;
      for (size_t i = 0; i < n; ++i) {
        bool keep = nulls[i] == 0;
        any |= keep;
        int64_t x = keep ? v[i] : best;
        best = kSign > 0 ? std::max(best, x) : std::min(best, x);
      }
      if (any) Offer(best);
    } else {
      for (size_t i = 0; i < n; ++i) {
        if (nulls[i] == 0) Offer(v[i]);
      }
    }
    return Status::OK();
  }
  void Merge(const MinMaxState& o) {
    if (o.has_) Offer(o.best_);
  }
  Result<Value> Finalize() const override {
    if (!has_) return Value::Null(result_);
    Value out = Typed(result_);
    Store<T>(&out, best_);
    return out;
  }

 private:
  void Offer(const T& x) {
    if (!has_ || Order(x, best_) * kSign > 0) {
      best_ = x;
      has_ = true;
    }
  }
  Type result_;
  bool has_ = false;
  T best_{};
};

class BoolState : public StateBase<BoolState> {
 public:
  explicit BoolState(bool is_and) : is_and_(is_and), value_(is_and) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    bool b = args[0]->i64()[i] != 0;
    value_ = is_and_ ? (value_ && b) : (value_ || b);
    has_ = true;
    return Status::OK();
  }
  void Merge(const BoolState& o) {
    if (!o.has_) return;
    value_ = is_and_ ? (value_ && o.value_) : (value_ || o.value_);
    has_ = true;
  }
  Result<Value> Finalize() const override {
    if (!has_) return Value::Null(TypeId::kBool);
    return Value::Bool(value_);
  }

 private:
  bool is_and_;
  bool value_;
  bool has_ = false;
};

class StringAggState : public StateBase<StringAggState> {
 public:
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    // As PostgreSQL: every value is stored after its delimiter, and the first
    // delimiter is dropped at the end, so merged partial states keep theirs.
    size_t delim = 0;
    if (!args[1]->IsNull(i)) {
      value_ += args[1]->str()[i];
      delim = args[1]->str()[i].size();
    }
    if (!has_) prefix_ = delim;
    value_ += args[0]->str()[i];
    has_ = true;
    return Status::OK();
  }
  void Merge(const StringAggState& o) {
    if (!o.has_) return;
    if (!has_) prefix_ = o.prefix_;
    value_ += o.value_;
    has_ = true;
  }
  Result<Value> Finalize() const override {
    if (!has_) return Value::Null(TypeId::kText);
    return Value::Text(value_.substr(prefix_));
  }

 private:
  bool has_ = false;
  size_t prefix_ = 0;  // length of the first value's delimiter
  std::string value_;
};

template <int kSign>
std::unique_ptr<AggregateState> MakeMinMax(TypeId arg, Type result) {
  switch (Type(arg).physical()) {
    case PhysicalType::kInt64:
      return std::make_unique<MinMaxState<int64_t, kSign>>(result);
    case PhysicalType::kDouble:
      return std::make_unique<MinMaxState<double, kSign>>(result);
    case PhysicalType::kNumeric:
      return std::make_unique<MinMaxState<Numeric, kSign>>(result);
    case PhysicalType::kString:
      return std::make_unique<MinMaxState<std::string, kSign>>(result);
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<AggregateState> MakeAggregateState(uint32_t oid, const std::vector<Type>& arg_types,
                                                   Type result) {
  const catalog::FunctionSignature* sig = catalog::FindFunctionByOid(oid);
  if (sig == nullptr || sig->kind != catalog::FunctionKind::kAggregate) return nullptr;
  const std::string& name = sig->name;
  if (auto typed = internal::MakeTypesAggregateState(name, arg_types, result)) return typed;
  if (name == "count") return std::make_unique<CountState>(sig->args.empty());
  if (arg_types.empty()) return nullptr;
  TypeId arg = sig->args.empty() ? arg_types[0].id : sig->args[0];
  bool avg = name == "avg";
  if (name == "sum" || avg) {
    switch (arg) {
      case TypeId::kInt16:
      case TypeId::kInt32:
        return std::make_unique<IntSumState>(avg ? IntSumState::Mode::kAvg : IntSumState::Mode::kSumInt8, true, result);
      case TypeId::kInt64:
        return std::make_unique<IntSumState>(avg ? IntSumState::Mode::kAvg : IntSumState::Mode::kSumNumeric, false, result);
      case TypeId::kFloat32:
      case TypeId::kFloat64:
        return std::make_unique<FloatSumState>(avg, arg == TypeId::kFloat32, result);
      case TypeId::kNumeric:
        return std::make_unique<NumericSumState>(avg, result);
      default:
        return nullptr;
    }
  }
  if (name == "min") return MakeMinMax<-1>(arg, result);
  if (name == "max") return MakeMinMax<1>(arg, result);
  if (name == "bool_and" || name == "every") return std::make_unique<BoolState>(true);
  if (name == "bool_or") return std::make_unique<BoolState>(false);
  if (name == "string_agg") return std::make_unique<StringAggState>();
  return nullptr;
}

}  // namespace omen::execution
