// ALTER TABLE: one action on a copy of the table's definition, plus the
// storage work it needs (new column, new index, checks of existing rows).

#include <algorithm>
#include <cctype>
#include <string>

#include "common/type_io.h"
#include "common/vector.h"
#include "execution/executor.h"
#include "main/ddl_internal.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "sql/utility_view_deps.h"

namespace omen::ddl {

namespace {

using catalog::Catalog;
using catalog::ConstraintKind;
using catalog::TableDef;
using Action = sql::AlterTableInfo::Action;

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

int LookupColumn(const TableDef& def, const std::string& name) {
  for (size_t i = 0; i < def.columns.size(); ++i) {
    if (!def.columns[i].dropped && def.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Status NoSuchColumn(const std::string& column, const TableDef& def) {
  return Status(sqlstate::kUndefinedColumn, "column " + Quoted(column) + " of relation " +
                                                Quoted(def.name) + " does not exist");
}

// 23502 if any live row has NULL in one of `columns`.
Status CheckNoNulls(const TableDef& def, const std::vector<int>& columns) {
  if (def.data == nullptr) return Status::OK();
  for (int col : columns) {
    bool found = false;
    OMEN_RETURN_IF_ERROR(
        def.data->Scan(nullptr, {col}, [&](DataChunk& chunk, const std::vector<storage::row_id_t>&) {
          for (size_t i = 0; i < chunk.size && !found; ++i) found = chunk.columns[0].IsNull(i);
          return Status::OK();
        }));
    if (found) {
      return Status(sqlstate::kNotNullViolation,
                    "column " + Quoted(def.columns[static_cast<size_t>(col)].name) +
                        " of relation " + Quoted(def.name) + " contains null values");
    }
  }
  return Status::OK();
}

bool IsNumberLiteral(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits) {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
      if (j == s.size()) return false;
      for (; j < s.size(); ++j) {
        if (!std::isdigit(static_cast<unsigned char>(s[j]))) return false;
      }
      return true;
    } else {
      return false;
    }
  }
  return digits;
}

Status AddColumn(const sql::AlterTableInfo& info, const Catalog& catalog, TableDef* def,
                 storage::UndoLog* undo, std::vector<std::string>* notices) {
  const catalog::ColumnDef& column = info.column;
  if (LookupColumn(*def, column.name) >= 0) {
    std::string message =
        "column " + Quoted(column.name) + " of relation " + Quoted(def->name) + " already exists";
    if (!info.if_exists) return Status(SqlState("42701"), message);
    notices->push_back(message + ", skipping");
    return Status::OK();
  }
  Value fill = Value::Null(column.type);
  if (!column.default_sql.empty()) {
    OMEN_ASSIGN_OR_RETURN(fill, EvaluateDefault(column.default_sql, column.type, catalog, undo));
  }
  if (column.not_null && fill.is_null && def->data != nullptr && def->data->RowCount() > 0) {
    return Status(sqlstate::kNotNullViolation, "column " + Quoted(column.name) + " of relation " +
                                                   Quoted(def->name) + " contains null values");
  }
  if (def->data != nullptr) OMEN_RETURN_IF_ERROR(def->data->AddColumn(column.type, fill, undo));
  def->columns.push_back(column);
  return Status::OK();
}

Status DropColumn(const sql::AlterTableInfo& info, TableDef* def, storage::UndoLog* undo,
                  std::vector<std::string>* notices) {
  int col = LookupColumn(*def, info.name);
  if (col < 0) {
    if (!info.if_exists) return NoSuchColumn(info.name, *def);
    notices->push_back("column " + Quoted(info.name) + " of relation " + Quoted(def->name) +
                       " does not exist, skipping");
    return Status::OK();
  }
  auto uses = [col](const std::vector<int>& cols) {
    return std::find(cols.begin(), cols.end(), col) != cols.end();
  };
  // Indexes and constraints on the column go with it (PostgreSQL drops them
  // automatically; nothing outside the table can depend on them yet).
  for (const auto& index : def->indexes) {
    if (uses(index.columns) && def->data != nullptr) {
      OMEN_RETURN_IF_ERROR(def->data->DropIndex(index.name, undo));
    }
  }
  std::erase_if(def->indexes, [&](const catalog::IndexDef& i) { return uses(i.columns); });
  std::erase_if(def->constraints, [&](const catalog::ConstraintDef& c) { return uses(c.columns); });
  catalog::ColumnDef& column = def->columns[static_cast<size_t>(col)];
  column.dropped = true;
  column.not_null = false;
  column.default_sql.clear();
  return Status::OK();
}

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Rows of `sql` (a SELECT over the catalog being edited).
Result<uint64_t> CountRows(const Catalog& catalog, const std::string& sql, storage::UndoLog* undo) {
  OMEN_ASSIGN_OR_RETURN(sql::ParsedScript script, sql::Parse(sql));
  sql::BindContext ctx;
  // Non-owning: the catalog outlives this call.
  ctx.catalog = std::shared_ptr<const Catalog>(std::shared_ptr<const Catalog>(), &catalog);
  OMEN_ASSIGN_OR_RETURN(sql::BoundStatement bound, sql::Bind(script.statement(0), ctx));
  execution::ExecutionContext exec;
  exec.undo = undo;
  uint64_t rows = 0;
  OMEN_ASSIGN_OR_RETURN(uint64_t produced,
                        execution::Execute(*bound.plan, exec, [&](DataChunk& chunk) {
                          rows += chunk.size;
                          return Status::OK();
                        }));
  (void)produced;
  return rows;
}

// 23514 if an existing row fails the CHECK (NULL passes, as in PostgreSQL).
Status ValidateCheck(const Catalog& catalog, const TableDef& def, const catalog::ConstraintDef& c,
                     storage::UndoLog* undo) {
  if (def.data == nullptr || def.data->RowCount() == 0) return Status::OK();
  std::string sql = "SELECT 1 FROM " + QuoteIdentifier(def.schema) + "." +
                    QuoteIdentifier(def.name) + " WHERE NOT (" + c.check_sql + ") LIMIT 1";
  OMEN_ASSIGN_OR_RETURN(uint64_t violations, CountRows(catalog, sql, undo));
  if (violations == 0) return Status::OK();
  return Status(sqlstate::kCheckViolation, "check constraint " + Quoted(c.name) + " of relation " +
                                               Quoted(def.name) + " is violated by some row");
}

Status AddConstraint(const sql::AlterTableInfo& info, const Catalog& catalog, TableDef* def,
                     storage::UndoLog* undo) {
  catalog::ConstraintDef c = info.constraint;
  if (c.kind == ConstraintKind::kCheck) {
    OMEN_RETURN_IF_ERROR(ValidateCheck(catalog, *def, c, undo));
    def->constraints.push_back(std::move(c));
    return Status::OK();
  }
  if (RelationNameTaken(catalog, def->schema, c.name)) {
    return Status(sqlstate::kDuplicateTable, "relation " + Quoted(c.name) + " already exists");
  }
  bool primary = c.kind == ConstraintKind::kPrimaryKey;
  if (primary) {
    for (const auto& other : def->constraints) {
      if (other.kind == ConstraintKind::kPrimaryKey) {
        return Status(SqlState("42P16"),
                      "multiple primary keys for table " + Quoted(def->name) + " are not allowed");
      }
    }
    OMEN_RETURN_IF_ERROR(CheckNoNulls(*def, c.columns));
    for (int col : c.columns) def->columns[static_cast<size_t>(col)].not_null = true;
  }
  OMEN_RETURN_IF_ERROR(CheckIndexable(*def, c.columns));
  if (def->data != nullptr) {
    OMEN_RETURN_IF_ERROR(
        BuildIndex(def->data.get(), MakeIndexSpec(*def, c.name, c.columns, true), undo));
  }
  catalog::IndexDef index;
  index.name = c.name;
  index.columns = c.columns;
  index.unique = true;
  index.primary = primary;
  def->indexes.push_back(std::move(index));
  c.index_name = c.name;
  def->constraints.push_back(std::move(c));
  return Status::OK();
}

// DROP CONSTRAINT: a PRIMARY KEY / UNIQUE takes its backing index with it
// (undoably); the columns of a primary key stay NOT NULL, as in PostgreSQL 15.
Status DropConstraint(const sql::AlterTableInfo& info, TableDef* def, storage::UndoLog* undo,
                      std::vector<std::string>* notices) {
  auto it = std::find_if(def->constraints.begin(), def->constraints.end(),
                         [&](const catalog::ConstraintDef& c) { return c.name == info.name; });
  if (it == def->constraints.end()) {
    std::string message = "constraint " + Quoted(info.name) + " of relation " +
                          Quoted(def->name) + " does not exist";
    if (!info.if_exists) return Status(sqlstate::kUndefinedObject, message);
    notices->push_back(message + ", skipping");
    return Status::OK();
  }
  std::string index_name = it->index_name;
  def->constraints.erase(it);
  if (index_name.empty()) return Status::OK();
  if (def->data != nullptr) OMEN_RETURN_IF_ERROR(def->data->DropIndex(index_name, undo));
  std::erase_if(def->indexes, [&](const catalog::IndexDef& i) { return i.name == index_name; });
  return Status::OK();
}

// ALTER COLUMN TYPE: a new storage table holding the live rows with the
// column cast (assignment casts), its indexes rebuilt. The old storage stays
// with the previous catalog version, so rollback needs no undo entries.
Status AlterType(const sql::AlterTableInfo& info, const Catalog& catalog, TableDef* def) {
  int col = LookupColumn(*def, info.name);
  if (col < 0) return NoSuchColumn(info.name, *def);
  if (!DependentViews(catalog, *def, {def->schema}).empty()) {
    return Status(sqlstate::kFeatureNotSupported,
                  "cannot alter type of a column used by a view or rule");
  }
  def->columns[static_cast<size_t>(col)].type = info.column.type;
  if (def->data == nullptr) return Status::OK();
  std::vector<Type> types = def->data->ColumnTypes();
  types[static_cast<size_t>(col)] = info.column.type;
  auto rewritten = std::make_shared<storage::Table>(types);
  std::vector<int> all(types.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  OMEN_RETURN_IF_ERROR(
      def->data->Scan(nullptr, all, [&](DataChunk& chunk, const std::vector<storage::row_id_t>&) {
        Vector cast(info.column.type);
        Vector& source = chunk.columns[static_cast<size_t>(col)];
        OMEN_RETURN_IF_ERROR(
            CastVector(source, info.column.type, CastContext::kAssignment, &cast));
        source = std::move(cast);
        return rewritten->Append(chunk, nullptr);
      }));
  for (const auto& index : def->indexes) {
    OMEN_RETURN_IF_ERROR(CheckIndexable(*def, index.columns));
    OMEN_RETURN_IF_ERROR(BuildIndex(rewritten.get(),
                                    MakeIndexSpec(*def, index.name, index.columns, index.unique),
                                    nullptr));
  }
  def->data = std::move(rewritten);
  return Status::OK();
}

Status RenameColumn(const sql::AlterTableInfo& info, TableDef* def) {
  int col = LookupColumn(*def, info.name);
  if (col < 0)
    return Status(sqlstate::kUndefinedColumn, "column " + Quoted(info.name) + " does not exist");
  if (LookupColumn(*def, info.new_name) >= 0) {
    return Status(SqlState("42701"), "column " + Quoted(info.new_name) + " of relation " +
                                         Quoted(def->name) + " already exists");
  }
  def->columns[static_cast<size_t>(col)].name = info.new_name;
  return Status::OK();
}

Status AlterColumn(const sql::AlterTableInfo& info, TableDef* def) {
  int col = LookupColumn(*def, info.name);
  if (col < 0) return NoSuchColumn(info.name, *def);
  catalog::ColumnDef& column = def->columns[static_cast<size_t>(col)];
  switch (info.action) {
    case Action::kSetNotNull:
      OMEN_RETURN_IF_ERROR(CheckNoNulls(*def, {col}));
      column.not_null = true;
      return Status::OK();
    case Action::kDropNotNull:
      for (const auto& c : def->constraints) {
        if (c.kind == ConstraintKind::kPrimaryKey &&
            std::find(c.columns.begin(), c.columns.end(), col) != c.columns.end()) {
          return Status(SqlState("42P16"), "column " + Quoted(info.name) + " is in a primary key");
        }
      }
      column.not_null = false;
      return Status::OK();
    case Action::kSetDefault:
      column.default_sql = info.column.default_sql;
      return Status::OK();
    default:
      column.default_sql.clear();
      return Status::OK();
  }
}

}  // namespace

Result<Value> EvaluateLiteral(const std::string& default_sql, Type type) {
  std::string_view s = default_sql;
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  // A trailing ::type cast outside a string literal is dropped: the text is
  // read straight into the column's type.
  if (!s.empty() && s.front() == '\'') {
    std::string text;
    size_t i = 1;
    for (; i < s.size(); ++i) {
      if (s[i] == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          text += '\'';
          ++i;
          continue;
        }
        break;
      }
      text += s[i];
    }
    std::string_view rest = i < s.size() ? s.substr(i + 1) : std::string_view();
    if (i < s.size() && (rest.empty() || rest.substr(0, 2) == "::")) return ParseValue(text, type);
  } else {
    std::string_view literal = s.substr(0, s.find("::"));
    if (literal == "NULL") return Value::Null(type);
    if (literal == "true" || literal == "false") return ParseValue(literal, type);
    if (IsNumberLiteral(literal)) {
      if (!type.IsNumericFamily()) return ParseValue(literal, type);
      OMEN_ASSIGN_OR_RETURN(Value v, ParseValue(literal, Type(TypeId::kNumeric)));
      return CastValue(v, type, CastContext::kAssignment);
    }
  }
  return Status(sqlstate::kFeatureNotSupported, "not a literal");
}

namespace {

bool MentionsVolatileFunction(const std::string& sql) {
  static const char* const kVolatile[] = {"random(",          "nextval(",     "gen_random_uuid(",
                                          "clock_timestamp(", "timeofday(",   "setseed(",
                                          "random_normal(",   "txid_current("};
  for (const char* name : kVolatile) {
    if (sql.find(name) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<Value> EvaluateDefault(const std::string& default_sql, Type type, const Catalog& catalog,
                              storage::UndoLog* undo) {
  auto literal = EvaluateLiteral(default_sql, type);
  if (literal.ok() || literal.status().code() != sqlstate::kFeatureNotSupported) return literal;
  if (MentionsVolatileFunction(default_sql)) {
    return Status(sqlstate::kFeatureNotSupported,
                  "ADD COLUMN with a volatile DEFAULT is not supported");
  }
  OMEN_ASSIGN_OR_RETURN(sql::ParsedScript script, sql::Parse("SELECT " + default_sql));
  sql::BindContext ctx;
  ctx.catalog = std::shared_ptr<const Catalog>(std::shared_ptr<const Catalog>(), &catalog);
  OMEN_ASSIGN_OR_RETURN(sql::BoundStatement bound, sql::Bind(script.statement(0), ctx));
  execution::ExecutionContext exec;
  exec.undo = undo;
  Value result = Value::Null(type);
  OMEN_ASSIGN_OR_RETURN(uint64_t produced,
                        execution::Execute(*bound.plan, exec, [&](DataChunk& chunk) {
                          if (chunk.size > 0) result = chunk.columns[0].GetValue(0);
                          return Status::OK();
                        }));
  (void)produced;
  return CastValue(result, type, CastContext::kAssignment);
}

// Views reading `def` follow its new name, as PostgreSQL's (bound by oid) do.
Status RenameInViews(const TableDef& def, const std::string& new_name, Catalog* catalog) {
  for (const auto& view : DependentViews(*catalog, def, {def.schema})) {
    auto sql = sql::RenameRelationInQuery(view->view_sql, def.schema, def.name, new_name);
    if (!sql.ok()) continue;
    auto copy = std::make_shared<TableDef>(*view);
    copy->view_sql = std::move(sql).value();
    OMEN_RETURN_IF_ERROR(catalog->ReplaceTable(std::move(copy)));
  }
  return Status::OK();
}

namespace {

// One action of an ALTER TABLE against the current version in `catalog`.
Status AlterTableAction(const sql::AlterTableInfo& info, Catalog* catalog, storage::UndoLog* undo,
                        std::vector<std::string>* notices) {
  auto def = catalog->FindTable(info.schema, info.table, {});
  if (def == nullptr) {
    return Status(sqlstate::kUndefinedTable, "relation " + Quoted(info.table) + " does not exist");
  }
  auto copy = std::make_shared<TableDef>(*def);
  switch (info.action) {
    case Action::kAddColumn:
      OMEN_RETURN_IF_ERROR(AddColumn(info, *catalog, copy.get(), undo, notices));
      // A constraint declared with the new column (ADD COLUMN b int UNIQUE).
      if (!info.constraint.name.empty() && copy->columns.size() > def->columns.size()) {
        OMEN_RETURN_IF_ERROR(AddConstraint(info, *catalog, copy.get(), undo));
      }
      break;
    case Action::kDropColumn:
      OMEN_RETURN_IF_ERROR(DropColumn(info, copy.get(), undo, notices));
      break;
    case Action::kRenameColumn:
      OMEN_RETURN_IF_ERROR(RenameColumn(info, copy.get()));
      break;
    case Action::kAddConstraint:
      OMEN_RETURN_IF_ERROR(AddConstraint(info, *catalog, copy.get(), undo));
      break;
    case Action::kDropConstraint:
      OMEN_RETURN_IF_ERROR(DropConstraint(info, copy.get(), undo, notices));
      break;
    case Action::kAlterType:
      OMEN_RETURN_IF_ERROR(AlterType(info, *catalog, copy.get()));
      break;
    case Action::kRenameTable:
      if (RelationNameTaken(*catalog, def->schema, info.new_name)) {
        return Status(sqlstate::kDuplicateTable,
                      "relation " + Quoted(info.new_name) + " already exists");
      }
      copy->name = info.new_name;
      OMEN_RETURN_IF_ERROR(RenameInViews(*def, info.new_name, catalog));
      break;
    default:
      OMEN_RETURN_IF_ERROR(AlterColumn(info, copy.get()));
      break;
  }
  return catalog->ReplaceTable(std::move(copy));
}

}  // namespace

Status AlterTable(const sql::AlterTableInfo& info, Catalog* catalog, storage::UndoLog* undo,
                  std::vector<std::string>* notices) {
  if (info.action == Action::kMissingTable) {
    notices->push_back("relation " + Quoted(info.table) + " does not exist, skipping");
    return Status::OK();
  }
  // The caller undoes the storage work and drops `catalog` when any action fails.
  OMEN_RETURN_IF_ERROR(AlterTableAction(info, catalog, undo, notices));
  for (const auto& action : info.then) {
    OMEN_RETURN_IF_ERROR(AlterTableAction(action, catalog, undo, notices));
  }
  return Status::OK();
}

}  // namespace omen::ddl
