#include "execution/physical_window.h"

#include <algorithm>
#include <memory>
#include <numeric>
#include <utility>

#include "execution/expression_executor.h"
#include "execution/functions.h"
#include "execution/value_compare.h"

namespace omen::execution {

namespace {

using sql::WindowCall;
using sql::WindowFrame;

enum class WindowFn : uint8_t {
  kNone,
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

WindowFn FnOf(uint32_t oid) {
  switch (oid) {
    case 3100: return WindowFn::kRowNumber;
    case 3101: return WindowFn::kRank;
    case 3102: return WindowFn::kDenseRank;
    case 3103: return WindowFn::kPercentRank;
    case 3104: return WindowFn::kCumeDist;
    case 3105: return WindowFn::kNtile;
    case 3106:
    case 3107:
    case 3108: return WindowFn::kLag;
    case 3109:
    case 3110:
    case 3111: return WindowFn::kLead;
    case 3112: return WindowFn::kFirstValue;
    case 3113: return WindowFn::kLastValue;
    case 3114: return WindowFn::kNthValue;
    default: return WindowFn::kNone;
  }
}

// Evaluates `e` over every buffered chunk into one vector of all rows.
Status EvalAll(ExecState& st, const sql::BoundExpr& e, const std::vector<DataChunk>& chunks,
               Vector* out) {
  *out = Vector(e.type);
  for (const DataChunk& chunk : chunks) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(st, e, chunk, &v));
    for (size_t i = 0; i < chunk.size; ++i) out->AppendFrom(v, i);
  }
  return Status::OK();
}

// `v` gathered in the order `perm` (position j holds row perm[j]).
Vector Gather(const Vector& v, const std::vector<uint32_t>& perm) {
  Vector out(v.type());
  out.Reserve(perm.size());
  for (uint32_t r : perm) out.AppendFrom(v, r);
  return out;
}

// Key comparison with PostgreSQL's NULL placement.
int CompareKey(const Vector& v, size_t a, size_t b, bool descending, bool nulls_first) {
  bool na = v.IsNull(a), nb = v.IsNull(b);
  if (na || nb) {
    if (na == nb) return 0;
    return na == nulls_first ? -1 : 1;
  }
  int c = CompareSlots(v, a, v, b);
  return descending ? -c : c;
}

// One window call's evaluated inputs, in sorted order.
struct SortedCall {
  std::vector<uint32_t> perm;      // sorted position -> input row
  std::vector<Vector> partition;   // sorted
  std::vector<Vector> order;       // sorted
  std::vector<Vector> args;        // sorted
  Vector filter;                   // sorted; empty type when no FILTER
  bool has_filter = false;
};

Result<SortedCall> SortCall(ExecState& st, const WindowCall& w,
                            const std::vector<DataChunk>& chunks, size_t n) {
  SortedCall sc;
  std::vector<Vector> part(w.partition.size()), ord(w.order.size());
  for (size_t k = 0; k < part.size(); ++k)
    OMEN_RETURN_IF_ERROR(EvalAll(st, *w.partition[k], chunks, &part[k]));
  for (size_t k = 0; k < ord.size(); ++k)
    OMEN_RETURN_IF_ERROR(EvalAll(st, *w.order[k].expr, chunks, &ord[k]));
  sc.perm.resize(n);
  std::iota(sc.perm.begin(), sc.perm.end(), 0u);
  std::stable_sort(sc.perm.begin(), sc.perm.end(), [&](uint32_t a, uint32_t b) {
    for (const Vector& p : part) {
      int c = CompareKey(p, a, b, false, false);
      if (c != 0) return c < 0;
    }
    for (size_t k = 0; k < ord.size(); ++k) {
      int c = CompareKey(ord[k], a, b, w.order[k].descending, w.order[k].nulls_first);
      if (c != 0) return c < 0;
    }
    return false;
  });
  for (const Vector& p : part) sc.partition.push_back(Gather(p, sc.perm));
  for (const Vector& o : ord) sc.order.push_back(Gather(o, sc.perm));
  for (const auto& a : w.args) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvalAll(st, *a, chunks, &v));
    sc.args.push_back(Gather(v, sc.perm));
  }
  if (w.filter != nullptr) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvalAll(st, *w.filter, chunks, &v));
    sc.filter = Gather(v, sc.perm);
    sc.has_filter = true;
  }
  return sc;
}

bool SameKeys(const std::vector<Vector>& keys, size_t a, size_t b) {
  for (const Vector& k : keys) {
    if (CompareKey(k, a, b, false, false) != 0) return false;
  }
  return true;
}

// A frame offset: evaluated once, not NULL, not negative.
Result<int64_t> FrameOffset(ExecState& st, const sql::BoundExprPtr& e, const char* which) {
  if (e == nullptr) return int64_t{0};
  DataChunk one;
  one.size = 1;
  Vector v;
  OMEN_RETURN_IF_ERROR(EvaluateExpression(st, *e, one, &v));
  if (v.IsNull(0)) {
    return Status(SqlState("22004"), std::string("frame ") + which + " offset must not be null");
  }
  if (v.i64()[0] < 0) {
    return Status(SqlState("22013"),
                  std::string("frame ") + which + " offset must not be negative");
  }
  return v.i64()[0];
}

// Computes one call over sorted rows into `out` (sorted order, n rows).
class CallEvaluator {
 public:
  CallEvaluator(const WindowCall& w, SortedCall& sc, int64_t start_off, int64_t end_off)
      : w_(w), sc_(sc), fn_(FnOf(w.function_oid)), start_off_(start_off), end_off_(end_off) {}

  Status Run(Vector* out) {
    size_t n = sc_.perm.size();
    *out = Vector(w_.type);
    out->Reserve(n);
    size_t ps = 0;
    while (ps < n) {
      size_t pe = ps + 1;
      while (pe < n && SameKeys(sc_.partition, ps, pe)) ++pe;
      OMEN_RETURN_IF_ERROR(Partition(ps, pe, out));
      ps = pe;
    }
    return Status::OK();
  }

 private:
  // Rows [ps, pe) form one partition.
  Status Partition(size_t ps, size_t pe, Vector* out) {
    std::unique_ptr<AggregateState> running;
    size_t added_end = ps;  // rows [ps, added_end) are in `running`
    int64_t ntile_buckets = 0;
    bool ntile_null = false;
    if (fn_ == WindowFn::kNtile) OMEN_RETURN_IF_ERROR(NtileBuckets(ps, &ntile_buckets, &ntile_null));
    size_t gs = ps, ge = ps;  // current peer group [gs, ge)
    int64_t dense = 0;
    for (size_t j = ps; j < pe; ++j) {
      if (j >= ge) {
        gs = j;
        ge = j + 1;
        while (ge < pe && SameKeys(sc_.order, gs, ge)) ++ge;
        ++dense;
      }
      int64_t fs = 0, fe = -1;
      FrameOf(j, ps, pe, gs, ge, &fs, &fe);
      size_t rows = pe - ps;
      switch (fn_) {
        case WindowFn::kRowNumber: out->Append(Value::Int64(int64_t(j - ps + 1))); break;
        case WindowFn::kRank: out->Append(Value::Int64(int64_t(gs - ps + 1))); break;
        case WindowFn::kDenseRank: out->Append(Value::Int64(dense)); break;
        case WindowFn::kPercentRank:
          out->Append(Value::Float64(rows <= 1 ? 0.0 : double(gs - ps) / double(rows - 1)));
          break;
        case WindowFn::kCumeDist: out->Append(Value::Float64(double(ge - ps) / double(rows))); break;
        case WindowFn::kNtile:
          out->Append(ntile_null ? Value::Null(w_.type)
                                 : Value::Int32(Bucket(j - ps, rows, ntile_buckets)));
          break;
        case WindowFn::kLag:
        case WindowFn::kLead: OMEN_RETURN_IF_ERROR(LagLead(j, ps, pe, out)); break;
        case WindowFn::kFirstValue: AppendAt(fs <= fe ? fs : -1, out); break;
        case WindowFn::kLastValue: AppendAt(fs <= fe ? fe : -1, out); break;
        case WindowFn::kNthValue: OMEN_RETURN_IF_ERROR(NthValue(j, fs, fe, out)); break;
        case WindowFn::kNone:
          if (!w_.is_aggregate) {
            return Status(sqlstate::kFeatureNotSupported,
                          "window function " + w_.name + " is not supported");
          }
          OMEN_RETURN_IF_ERROR(Aggregate(fs, fe, &running, &added_end, out));
          break;
      }
    }
    return Status::OK();
  }

  // The frame of sorted row j as positions [fs, fe] (empty when fs > fe).
  void FrameOf(size_t j, size_t ps, size_t pe, size_t gs, size_t ge, int64_t* fs,
               int64_t* fe) const {
    bool rows = w_.frame.mode == WindowFrame::Mode::kRows;
    int64_t jj = static_cast<int64_t>(j);
    switch (w_.frame.start) {
      case WindowFrame::Bound::kUnboundedPreceding: *fs = int64_t(ps); break;
      case WindowFrame::Bound::kCurrentRow: *fs = rows ? jj : int64_t(gs); break;
      case WindowFrame::Bound::kOffsetPreceding: *fs = jj - start_off_; break;
      case WindowFrame::Bound::kOffsetFollowing: *fs = jj + start_off_; break;
      case WindowFrame::Bound::kUnboundedFollowing: *fs = int64_t(pe); break;
    }
    switch (w_.frame.end) {
      case WindowFrame::Bound::kUnboundedFollowing: *fe = int64_t(pe) - 1; break;
      case WindowFrame::Bound::kCurrentRow: *fe = rows ? jj : int64_t(ge) - 1; break;
      case WindowFrame::Bound::kOffsetPreceding: *fe = jj - end_off_; break;
      case WindowFrame::Bound::kOffsetFollowing: *fe = jj + end_off_; break;
      case WindowFrame::Bound::kUnboundedPreceding: *fe = int64_t(ps) - 1; break;
    }
    *fs = std::max(*fs, int64_t(ps));
    *fe = std::min(*fe, int64_t(pe) - 1);
  }

  void AppendAt(int64_t pos, Vector* out) const {
    if (pos < 0) {
      out->Append(Value::Null(w_.type));
      return;
    }
    out->AppendFrom(sc_.args[0], static_cast<size_t>(pos));
  }

  Status NtileBuckets(size_t ps, int64_t* buckets, bool* is_null) const {
    const Vector& k = sc_.args[0];
    *is_null = k.IsNull(ps);
    if (*is_null) return Status::OK();
    *buckets = k.i64()[ps];
    if (*buckets <= 0) {
      return Status(SqlState("22014"), "argument of ntile must be greater than zero");
    }
    return Status::OK();
  }

  // ntile: the first (rows % buckets) buckets hold one row more.
  static int32_t Bucket(size_t r, size_t rows, int64_t buckets) {
    size_t b = static_cast<size_t>(buckets);
    size_t per = rows / b, extra = rows % b;
    size_t big = per + 1;
    if (r < extra * big) return static_cast<int32_t>(r / big + 1);
    return static_cast<int32_t>(extra + (r - extra * big) / per + 1);
  }

  Status LagLead(size_t j, size_t ps, size_t pe, Vector* out) const {
    int64_t offset = 1;
    if (sc_.args.size() >= 2) {
      if (sc_.args[1].IsNull(j)) {
        out->Append(Value::Null(w_.type));
        return Status::OK();
      }
      offset = sc_.args[1].i64()[j];
    }
    int64_t target = static_cast<int64_t>(j) + (fn_ == WindowFn::kLag ? -offset : offset);
    if (target >= int64_t(ps) && target < int64_t(pe)) {
      out->AppendFrom(sc_.args[0], static_cast<size_t>(target));
    } else if (sc_.args.size() >= 3) {
      out->AppendFrom(sc_.args[2], j);
    } else {
      out->Append(Value::Null(w_.type));
    }
    return Status::OK();
  }

  Status NthValue(size_t j, int64_t fs, int64_t fe, Vector* out) const {
    if (sc_.args[1].IsNull(j)) {
      out->Append(Value::Null(w_.type));
      return Status::OK();
    }
    int64_t nth = sc_.args[1].i64()[j];
    if (nth <= 0) return Status(SqlState("22016"), "argument of nth_value must be greater than zero");
    int64_t pos = fs + nth - 1;
    AppendAt(fs <= fe && pos <= fe ? pos : -1, out);
    return Status::OK();
  }

  Result<std::unique_ptr<AggregateState>> NewState() const {
    std::vector<Type> types;
    for (const Vector& a : sc_.args) types.push_back(a.type());
    std::unique_ptr<AggregateState> s = MakeAggregateState(w_.function_oid, types, w_.type);
    if (s == nullptr) {
      return Status(sqlstate::kFeatureNotSupported,
                    "aggregate " + w_.name + " is not supported as a window function");
    }
    return s;
  }

  Status Add(AggregateState* s, size_t pos) const {
    if (sc_.has_filter && (sc_.filter.IsNull(pos) || sc_.filter.i64()[pos] == 0)) {
      return Status::OK();
    }
    std::vector<const Vector*> args;
    for (const Vector& a : sc_.args) args.push_back(&a);
    return s->Update(args, pos);
  }

  // An aggregate over [fs, fe]: incremental while the frame starts at the
  // partition start (its end only grows), recomputed per row otherwise.
  Status Aggregate(int64_t fs, int64_t fe, std::unique_ptr<AggregateState>* running,
                   size_t* added_end, Vector* out) const {
    if (w_.frame.start == WindowFrame::Bound::kUnboundedPreceding) {
      if (*running == nullptr) {
        OMEN_ASSIGN_OR_RETURN(*running, NewState());
      }
      while (int64_t(*added_end) <= fe) OMEN_RETURN_IF_ERROR(Add(running->get(), (*added_end)++));
      OMEN_ASSIGN_OR_RETURN(Value v, (*running)->Finalize());
      out->Append(v);
      return Status::OK();
    }
    OMEN_ASSIGN_OR_RETURN(std::unique_ptr<AggregateState> s, NewState());
    for (int64_t p = fs; p <= fe; ++p) OMEN_RETURN_IF_ERROR(Add(s.get(), size_t(p)));
    OMEN_ASSIGN_OR_RETURN(Value v, s->Finalize());
    out->Append(v);
    return Status::OK();
  }

  const WindowCall& w_;
  SortedCall& sc_;
  WindowFn fn_;
  int64_t start_off_, end_off_;
};

}  // namespace

bool IsWindowFunctionImplemented(uint32_t oid) { return FnOf(oid) != WindowFn::kNone; }

Result<PushResult> PhysicalWindow::Produce(ExecState& state, const ChunkConsumer& consumer) {
  std::vector<DataChunk> chunks;
  MemoryReservation memory(MemoryComponent::kOperators);
  OMEN_RETURN_IF_ERROR(Materialize(*children_[0], state, &chunks, &memory));
  std::vector<std::pair<uint32_t, uint32_t>> addr;  // input row -> (chunk, row)
  for (size_t c = 0; c < chunks.size(); ++c) {
    for (size_t i = 0; i < chunks[c].size; ++i) addr.emplace_back(uint32_t(c), uint32_t(i));
  }
  size_t n = addr.size();
  size_t width = op_.types.size() - op_.windows.size();
  std::vector<Vector> results(op_.windows.size());
  std::vector<std::vector<uint32_t>> position(op_.windows.size());  // input row -> sorted pos
  std::vector<uint32_t> emit_order;
  for (size_t k = 0; k < op_.windows.size(); ++k) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    const WindowCall& w = op_.windows[k];
    OMEN_ASSIGN_OR_RETURN(SortedCall sc, SortCall(state, w, chunks, n));
    OMEN_ASSIGN_OR_RETURN(int64_t so, FrameOffset(state, w.frame.start_offset, "starting"));
    OMEN_ASSIGN_OR_RETURN(int64_t eo, FrameOffset(state, w.frame.end_offset, "ending"));
    CallEvaluator eval(w, sc, so, eo);
    OMEN_RETURN_IF_ERROR(eval.Run(&results[k]));
    position[k].resize(n);
    for (size_t j = 0; j < n; ++j) position[k][sc.perm[j]] = static_cast<uint32_t>(j);
    if (k + 1 == op_.windows.size()) emit_order = std::move(sc.perm);
  }
  DataChunk out(op_.types);
  for (size_t j = 0; j < n; ++j) {
    uint32_t row = emit_order[j];
    const DataChunk& in = chunks[addr[row].first];
    for (size_t c = 0; c < width; ++c) out.columns[c].AppendFrom(in.columns[c], addr[row].second);
    for (size_t k = 0; k < results.size(); ++k)
      out.columns[width + k].AppendFrom(results[k], position[k][row]);
    ++out.size;
    if (out.size == kChunkSize || j + 1 == n) {
      OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(out));
      if (res == PushResult::kFinished) return res;
      out = DataChunk(op_.types);
    }
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
