#include "execution/function_session.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <string>
#include <thread>

#include "common/array.h"
#include "common/time_zone.h"
#include "execution/expression_executor.h"
#include "execution/function_scalar_internal.h"

namespace omen::execution {

namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

// pg_proc OIDs (OmenDB-only >= 200000) of the functions evaluated here.
enum Oid : uint32_t {
  kVersion = 89,
  kCurrentUser = 745,
  kSessionUser = 746,
  kCurrentDatabase = 861,
  kNow = 1299,
  kCurrentSchema = 1402,
  kCurrentSchemas = 1403,
  kPgBackendPid = 2026,
  kCurrentSetting = 2077,
  kSetConfig = 2078,
  kPgSleep = 2626,
  kTransactionTimestamp = 2647,
  kStatementTimestamp = 2648,
  kClockTimestamp = 2649,
  kCurrentSettingMissingOk = 3294,
  kCurrentDate = 200000,
  kCurrentTimestamp = 200001,
  kLocalTimestamp = 200002,
  kOmenBackup = 200100,  // omen_backup(path text) -> text (issue 5)
};

// current_schemas(implicit): the search path's existing schemas, after
// pg_catalog when `implicit` and the path does not name it. Without a
// catalog in the context: the default path's ("pg_catalog", "public").
Value CurrentSchemas(const ExecutionContext* ctx, Type type, bool implicit) {
  std::vector<std::string> path = {"public"};
  if (ctx != nullptr && ctx->catalog != nullptr) path = ctx->SearchPath();
  std::vector<Value> names;
  bool listed = false;
  for (const std::string& s : path) listed = listed || s == "pg_catalog";
  if (implicit && !listed) names.push_back(Value::Text("pg_catalog"));
  for (const std::string& s : path) {
    if (ctx != nullptr && ctx->catalog != nullptr && ctx->catalog->FindSchema(s) == nullptr) continue;
    names.push_back(Value::Text(s));
  }
  for (Value& v : names) v.type = Type(TypeId::kName);
  return MakeArrayValue(type, names);
}

// Sleeps `seconds`, checking `state` (cancel, statement_timeout) every 10 ms
// when given.
Status Sleep(double seconds, const ExecState* state) {
  if (!(seconds > 0)) return Status::OK();
  auto end = std::chrono::steady_clock::now() +
             std::chrono::microseconds(static_cast<int64_t>(std::min(seconds, 1e9) * 1e6));
  while (true) {
    if (state != nullptr) OMEN_RETURN_IF_ERROR(state->CheckCancel());
    auto now = std::chrono::steady_clock::now();
    if (now >= end) return Status::OK();
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        end - now, std::chrono::milliseconds(10)));
  }
}

Value Typed(Type t, int64_t i) {
  Value v = Value::Null(t);
  v.is_null = false;
  v.i = i;
  return v;
}

// current_setting(name [, missing_ok]) over n rows.
Status CurrentSetting(SessionHooks* hooks, const std::vector<const Vector*>& args, size_t n,
                      Vector* out) {
  out->Resize(n, true);
  for (size_t i = 0; i < n; ++i) {
    bool any_null = false;
    for (const Vector* a : args) any_null = any_null || a->IsNull(i);
    if (any_null) continue;
    bool missing_ok = args.size() > 1 && args[1]->i64()[i] != 0;
    Result<std::string> v = hooks->GetSetting(args[0]->str()[i]);
    if (!v.ok()) {
      if (missing_ok && v.status().code() == sqlstate::kUndefinedObject) continue;
      return v.status();
    }
    out->SetValue(i, Value::Text(*v));
  }
  return Status::OK();
}

// set_config(name, value, is_local): not strict; a NULL value resets.
Status SetConfig(SessionHooks* hooks, const std::vector<const Vector*>& args, size_t n,
                 Vector* out) {
  out->Resize(n, true);
  for (size_t i = 0; i < n; ++i) {
    if (args[0]->IsNull(i)) {
      return Status(SqlState("22004"), "SET requires parameter name");
    }
    std::optional<std::string> value;
    if (!args[1]->IsNull(i)) value = args[1]->str()[i];
    bool is_local = !args[2]->IsNull(i) && args[2]->i64()[i] != 0;
    OMEN_ASSIGN_OR_RETURN(std::string shown, hooks->SetSetting(args[0]->str()[i], value, is_local));
    out->SetValue(i, Value::Text(std::move(shown)));
  }
  return Status::OK();
}

bool IsClockFunction(uint32_t oid) {
  return oid == kNow || oid == kCurrentTimestamp || oid == kTransactionTimestamp ||
         oid == kStatementTimestamp || oid == kCurrentDate || oid == kLocalTimestamp;
}

// Context-free kernels: what a statement without a session sees.
Status VersionFn(const std::vector<Value>&, Value* out) {
  *out = Value::Text(VersionString());
  return Status::OK();
}
Status PostgresFn(const std::vector<Value>&, Value* out) {
  *out = Value::Text("postgres");
  return Status::OK();
}
Status PublicFn(const std::vector<Value>&, Value* out) {
  *out = Value::Text("public");
  return Status::OK();
}
Status CurrentSchemasFn(const std::vector<Value>& a, Value* out) {
  *out = CurrentSchemas(nullptr, out->type, a[0].i != 0);
  return Status::OK();
}
Status NoSessionFn(const std::vector<Value>&, Value*) {
  return Status(sqlstate::kFeatureNotSupported, "this function needs a session");
}
Status BackendPidFn(const std::vector<Value>&, Value* out) {
  out->i = static_cast<int32_t>(getpid());
  return Status::OK();
}
Status PgSleepFn(const std::vector<Value>& a, Value* out) {
  OMEN_RETURN_IF_ERROR(Sleep(a[0].d, nullptr));
  *out = Value::Text("");
  return Status::OK();
}

}  // namespace

int64_t ClockTimestampMicros() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return unix_micros - 10957 * kMicrosPerDay;
}

const char* VersionString() {
  return "PostgreSQL 15.0 (OmenDB 0.1.0) on x86_64-pc-linux-gnu, compiled by g++ 12, 64-bit";
}

bool IsSessionFunction(const ExecState& state, uint32_t oid) {
  if (oid == kPgSleep || oid == kCurrentSchemas) return true;
  if (state.ctx == nullptr) return false;
  if (IsClockFunction(oid)) {
    return state.ctx->transaction_timestamp != 0 && state.ctx->statement_timestamp != 0;
  }
  if (state.ctx->session == nullptr) return false;
  switch (oid) {
    case kCurrentUser:
    case kSessionUser:
    case kCurrentSchema:
    case kPgBackendPid:
    case kCurrentSetting:
    case kCurrentSettingMissingOk:
    case kSetConfig:
    case kOmenBackup:
      return true;
    default:
      return false;
  }
}

Status EvaluateSessionFunction(ExecState& state, const sql::BoundExpr& e,
                               const std::vector<const Vector*>& args, size_t n, Vector* out) {
  const ExecutionContext* ctx = state.ctx;
  SessionHooks* hooks = ctx != nullptr ? ctx->session : nullptr;
  switch (e.function_oid) {
    case kPgSleep:
      out->Resize(n, true);
      for (size_t i = 0; i < n; ++i) {
        if (args[0]->IsNull(i)) continue;
        OMEN_RETURN_IF_ERROR(Sleep(args[0]->f64()[i], &state));
        out->SetValue(i, Value::Text(""));
      }
      return Status::OK();
    case kCurrentSchemas:
      out->Resize(n, true);
      for (size_t i = 0; i < n; ++i) {
        if (!args[0]->IsNull(i)) out->SetValue(i, CurrentSchemas(ctx, e.type, args[0]->i64()[i] != 0));
      }
      return Status::OK();
    case kNow:
    case kCurrentTimestamp:
    case kTransactionTimestamp:
      FillConstant(out, Typed(e.type, ctx->transaction_timestamp), n);
      return Status::OK();
    case kLocalTimestamp:  // the session zone's wall time
      FillConstant(out, Typed(e.type, ThreadTimeZone().ToLocal(ctx->transaction_timestamp)), n);
      return Status::OK();
    case kStatementTimestamp:
      FillConstant(out, Typed(e.type, ctx->statement_timestamp), n);
      return Status::OK();
    case kCurrentDate: {
      int64_t ts = ThreadTimeZone().ToLocal(ctx->transaction_timestamp);
      int64_t days = ts >= 0 ? ts / kMicrosPerDay : -((-ts + kMicrosPerDay - 1) / kMicrosPerDay);
      FillConstant(out, Typed(e.type, days), n);
      return Status::OK();
    }
    case kCurrentUser:
    case kSessionUser:
      FillConstant(out, Value::Text(hooks->SessionUser()), n);
      return Status::OK();
    case kCurrentSchema: {
      std::optional<std::string> schema = hooks->CurrentSchema();
      FillConstant(out, schema ? Value::Text(*schema) : Value::Null(e.type), n);
      return Status::OK();
    }
    case kPgBackendPid:
      FillConstant(out, Typed(e.type, hooks->BackendPid()), n);
      return Status::OK();
    case kCurrentSetting:
    case kCurrentSettingMissingOk: return CurrentSetting(hooks, args, n, out);
    case kSetConfig: return SetConfig(hooks, args, n, out);
    case kOmenBackup:
      out->Resize(n, true);
      for (size_t i = 0; i < n; ++i) {
        if (args[0]->IsNull(i)) continue;
        OMEN_RETURN_IF_ERROR(hooks->Backup(args[0]->str()[i]));
        out->SetValue(i, Value::Text(args[0]->str()[i]));
      }
      return Status::OK();
    default:
      return Status(sqlstate::kInternalError, "not a session function");
  }
}

namespace internal {

void AddSessionFunctions(std::vector<NamedFn>* fns) {
  std::vector<NamedFn> add = {
      {"version", kRow<&VersionFn>},
      {"current_database", kRow<&PostgresFn>},
      {"current_user", kRow<&PostgresFn>},
      {"session_user", kRow<&PostgresFn>},
      {"current_schema", kRow<&PublicFn>},
      {"current_schemas", kRow<&CurrentSchemasFn>},
      {"current_setting", kRow<&NoSessionFn>},
      {"set_config", kRowLax<&NoSessionFn>},
      {"pg_backend_pid", kRow<&BackendPidFn>},
      {"pg_sleep", kRow<&PgSleepFn>},
      {"omen_backup", kRow<&NoSessionFn>},
  };
  fns->insert(fns->end(), add.begin(), add.end());
}

}  // namespace internal

}  // namespace omen::execution
