#include <utility>

#include "common/type_io.h"
#include "execution/executor.h"
#include "main/database_impl.h"
#include "sql/binder.h"
#include "sql/parser.h"

namespace omen {

struct PreparedStatement::Impl {
  Connection::Impl* conn = nullptr;
  std::string sql;
  std::vector<Type> requested_types;
  sql::ParsedScript parsed;
  std::shared_ptr<const catalog::Catalog> bound_catalog;
  sql::BoundStatement bound;
  // A SELECT's physical plan, built on first execution and reused until the
  // next Bind() (DML keeps per-run counters in its operators: not cached).
  std::unique_ptr<execution::ReusablePlan> physical;
  std::shared_ptr<const QueryResult::Columns> columns;  // `bound`'s, for its results

  Status Bind() {
    physical.reset();
    sql::BindContext ctx = conn->MakeBindContext(requested_types);
    OMEN_ASSIGN_OR_RETURN(bound, sql::Bind(parsed.statement(0), ctx));
    bound_catalog = ctx.catalog;
    return Status::OK();
  }

  // Runs `bound` with the cached physical plan when it has one.
  Status Run(const std::vector<Value>& params, QueryResult* out) {
    if (physical == nullptr && bound.kind == sql::StatementKind::kSelect && bound.plan) {
      auto made = execution::ReusablePlan::Create(*bound.plan);
      if (made.ok()) physical = std::move(*made);  // otherwise Run reports the error
      columns = QueryResultBuilder::MakeColumns(bound.names, bound.types);
    }
    conn->reusable_plan = physical.get();
    conn->reusable_columns = physical != nullptr ? &columns : nullptr;
    Status s = conn->Run(bound, params, out);
    conn->reusable_plan = nullptr;
    conn->reusable_columns = nullptr;
    return s;
  }
};

PreparedStatement::PreparedStatement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PreparedStatement::~PreparedStatement() = default;

const std::vector<Type>& PreparedStatement::parameter_types() const {
  return impl_->bound.parameter_types;
}
const std::vector<std::string>& PreparedStatement::column_names() const {
  return impl_->bound.names;
}
const std::vector<Type>& PreparedStatement::column_types() const { return impl_->bound.types; }

Status PreparedStatement::Revalidate() {
  CallScope call(impl_->conn);
  OMEN_RETURN_IF_ERROR(call.status());
  if (impl_->conn->Catalog() != impl_->bound_catalog) return impl_->Bind();
  return Status::OK();
}

Result<QueryResult> PreparedStatement::Execute(const std::vector<Value>& params) {
  CallScope call(impl_->conn);
  OMEN_RETURN_IF_ERROR(call.status());
  // DDL since binding (by anyone) invalidates the plan: bind again.
  if (impl_->conn->Catalog() != impl_->bound_catalog) OMEN_RETURN_IF_ERROR(impl_->Bind());
  const std::vector<Type>& types = impl_->bound.parameter_types;
  if (params.size() != types.size()) {
    return Status(sqlstate::kProtocolViolation,
                  "bind message supplies " + std::to_string(params.size()) +
                      " parameters, but prepared statement requires " +
                      std::to_string(types.size()));
  }
  // Parameters already of the bound types (the usual case) are used as given.
  bool all_typed = true;
  for (size_t i = 0; i < params.size(); ++i) all_typed = all_typed && params[i].type == types[i];
  std::vector<Value> cast;
  if (!all_typed) {
    cast.reserve(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].type == types[i]) {
        cast.push_back(params[i]);
        continue;
      }
      OMEN_ASSIGN_OR_RETURN(Value v, CastValue(params[i], types[i], CastContext::kExplicit));
      cast.push_back(std::move(v));
    }
  }
  QueryResult out;
  OMEN_RETURN_IF_ERROR(impl_->Run(all_typed ? params : cast, &out));
  return out;
}

Result<std::unique_ptr<PreparedStatement>> Connection::Prepare(
    std::string_view sql, const std::vector<Type>& parameter_types) {
  CallScope call(impl_.get());
  OMEN_RETURN_IF_ERROR(call.status());
  auto impl = std::make_unique<PreparedStatement::Impl>();
  impl->conn = impl_.get();
  impl->sql = std::string(sql);
  impl->requested_types = parameter_types;
  OMEN_ASSIGN_OR_RETURN(impl->parsed, sql::Parse(impl->sql));
  if (impl->parsed.size() != 1) {
    return Status(sqlstate::kSyntaxError,
                  impl->parsed.size() == 0 ? "cannot prepare an empty statement"
                                           : "cannot insert multiple commands into a prepared statement");
  }
  OMEN_RETURN_IF_ERROR(impl->Bind());
  return std::unique_ptr<PreparedStatement>(new PreparedStatement(std::move(impl)));
}

}  // namespace omen
