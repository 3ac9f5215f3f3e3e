// Aggregates over intervals (sum, avg, min, max: interval_pl, interval_avg,
// interval_larger/smaller) and array_agg.

#include <cmath>
#include <memory>
#include <string>

#include "common/array.h"
#include "common/interval.h"
#include "execution/function_internal.h"
#include "execution/value_compare.h"

namespace omen::execution::internal {

namespace {

class IntervalSumState : public AggregateState {
 public:
  explicit IntervalSumState(bool avg) : avg_(avg) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    return Add(DecodeInterval(args[0]->str()[i]), 1);
  }
  Status Combine(const AggregateState& other) override {
    const auto& o = static_cast<const IntervalSumState&>(other);
    return o.count_ == 0 ? Status::OK() : Add(o.sum_, o.count_);
  }
  Result<Value> Finalize() const override {
    Value v = Value::Null(TypeId::kInterval);
    if (count_ == 0) return v;
    Interval r = sum_;
    if (avg_) {
      // interval_div(sum, count), PostgreSQL's interval_avg.
      double c = static_cast<double>(count_);
      double m = sum_.months / c, d = sum_.days / c;
      r.months = static_cast<int32_t>(m);
      r.days = static_cast<int32_t>(d);
      double month_days = std::rint((m - r.months) * 30 * 1e6) / 1e6;
      double sec_rem =
          std::rint((d - r.days + month_days - static_cast<int>(month_days)) * 86400 * 1e6) / 1e6;
      if (std::fabs(sec_rem) >= 86400) {
        r.days += static_cast<int>(sec_rem / 86400);
        sec_rem -= static_cast<int>(sec_rem / 86400) * 86400.0;
      }
      r.days += static_cast<int32_t>(month_days);
      r.micros =
          static_cast<int64_t>(std::rint(static_cast<double>(sum_.micros) / c + sec_rem * 1e6));
    }
    v.is_null = false;
    v.s = EncodeInterval(r);
    return v;
  }

 private:
  Status Add(const Interval& x, int64_t n) {
    if (__builtin_add_overflow(sum_.months, x.months, &sum_.months) ||
        __builtin_add_overflow(sum_.days, x.days, &sum_.days) ||
        __builtin_add_overflow(sum_.micros, x.micros, &sum_.micros)) {
      return IntervalOutOfRange();
    }
    count_ += n;
    return Status::OK();
  }
  bool avg_;
  Interval sum_;
  int64_t count_ = 0;
};

// min/max by the type's own order (interval span, arrays element-wise).
template <int kSign>
class TypedMinMaxState : public AggregateState {
 public:
  explicit TypedMinMaxState(Type t) : best_(Value::Null(t)) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    if (args[0]->IsNull(i)) return Status::OK();
    Offer(args[0]->GetValue(i));
    return Status::OK();
  }
  Status Combine(const AggregateState& other) override {
    const auto& o = static_cast<const TypedMinMaxState&>(other);
    if (!o.best_.is_null) Offer(o.best_);
    return Status::OK();
  }
  Result<Value> Finalize() const override { return best_; }

 private:
  void Offer(const Value& v) {
    if (best_.is_null || CompareValues(v, best_) * kSign > 0) best_ = v;
  }
  Value best_;
};

// array_agg(x): every value including NULLs, in input order; no rows: NULL.
class ArrayAggState : public AggregateState {
 public:
  explicit ArrayAggState(Type result) : result_(result) {}
  Status Update(const std::vector<const Vector*>& args, size_t i) override {
    Value v = args[0]->GetValue(i);
    v.type = result_.ElementType();
    elems_.push_back(std::move(v));
    return Status::OK();
  }
  Status Combine(const AggregateState& other) override {
    const auto& o = static_cast<const ArrayAggState&>(other);
    elems_.insert(elems_.end(), o.elems_.begin(), o.elems_.end());
    return Status::OK();
  }
  Result<Value> Finalize() const override {
    if (elems_.empty()) return Value::Null(result_);
    return MakeArrayValue(result_, elems_);
  }

 private:
  Type result_;
  std::vector<Value> elems_;
};

}  // namespace

std::unique_ptr<AggregateState> MakeTypesAggregateState(const std::string& name,
                                                        const std::vector<Type>& arg_types,
                                                        Type result) {
  if (name == "array_agg") return std::make_unique<ArrayAggState>(result);
  if (arg_types.size() == 1 && arg_types[0].id == TypeId::kArray) {
    if (name == "min") return std::make_unique<TypedMinMaxState<-1>>(arg_types[0]);
    if (name == "max") return std::make_unique<TypedMinMaxState<1>>(arg_types[0]);
  }
  if (arg_types.size() != 1 || arg_types[0].id != TypeId::kInterval) return nullptr;
  if (name == "sum" || name == "avg") return std::make_unique<IntervalSumState>(name == "avg");
  if (name == "min") return std::make_unique<TypedMinMaxState<-1>>(arg_types[0]);
  if (name == "max") return std::make_unique<TypedMinMaxState<1>>(arg_types[0]);
  return nullptr;
}

}  // namespace omen::execution::internal
