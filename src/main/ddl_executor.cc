#include "main/ddl_executor.h"

#include <string>

#include "common/type_io.h"
#include "common/vector.h"
#include "main/ddl_internal.h"

namespace omen {

namespace {

using catalog::Catalog;
using catalog::TableDef;
using sql::BoundStatement;
using sql::DropInfo;

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

Status DuplicateRelation(std::string_view name) {
  return Status(sqlstate::kDuplicateTable, "relation " + Quoted(name) + " already exists");
}

Status CreateTable(const BoundStatement& stmt, const std::vector<std::string>& search_path,
                   Catalog* catalog, storage::UndoLog* undo, std::vector<std::string>* notices) {
  const TableDef& src = *stmt.create_table.def;
  if (catalog->FindTable(src.schema, src.name, search_path) != nullptr ||
      catalog->FindIndexOwner(src.schema, src.name) != nullptr) {
    if (!stmt.create_table.if_not_exists) return DuplicateRelation(src.name);
    notices->push_back("relation " + Quoted(src.name) + " already exists, skipping");
    return Status::OK();
  }
  // A literal DEFAULT must fit its column now, as PostgreSQL checks at CREATE.
  for (const auto& column : src.columns) {
    if (column.default_sql.empty()) continue;
    auto literal = ddl::EvaluateLiteral(column.default_sql, column.type);
    if (!literal.ok() && literal.status().code() != sqlstate::kFeatureNotSupported) {
      return literal.status();
    }
  }
  auto def = std::make_shared<TableDef>(src);
  std::vector<Type> types;
  for (const auto& column : def->columns) types.push_back(column.type);
  def->data = std::make_shared<storage::Table>(std::move(types));
  for (auto& index : def->indexes) {
    if (ddl::RelationNameTaken(*catalog, def->schema, index.name))
      return DuplicateRelation(index.name);
    index.oid = catalog->NextOid();
    OMEN_RETURN_IF_ERROR(ddl::CheckIndexable(*def, index.columns));
    OMEN_ASSIGN_OR_RETURN(
        int position, def->data->CreateIndex(
                          ddl::MakeIndexSpec(*def, index.name, index.columns, index.unique), undo));
    (void)position;
  }
  return catalog->AddTable(std::move(def));
}

Status CreateSchema(const BoundStatement& stmt, Catalog* catalog,
                    std::vector<std::string>* notices) {
  if (catalog->FindSchema(stmt.name) != nullptr) {
    if (!stmt.if_not_exists) {
      return Status(SqlState("42P06"), "schema " + Quoted(stmt.name) + " already exists");
    }
    notices->push_back("schema " + Quoted(stmt.name) + " already exists, skipping");
    return Status::OK();
  }
  return catalog->CreateSchema(stmt.name);
}

Status CreateIndex(const BoundStatement& stmt, Catalog* catalog, storage::UndoLog* undo,
                   std::vector<std::string>* notices) {
  const sql::CreateIndexInfo& info = stmt.create_index;
  auto def = catalog->FindTable(info.schema, info.table, {});
  if (def == nullptr) {
    return Status(sqlstate::kUndefinedTable, "relation " + Quoted(info.table) + " does not exist");
  }
  if (ddl::RelationNameTaken(*catalog, info.schema, info.name)) {
    if (!info.if_not_exists) return DuplicateRelation(info.name);
    notices->push_back("relation " + Quoted(info.name) + " already exists, skipping");
    return Status::OK();
  }
  if (def->is_view || def->data == nullptr) {
    return Status(SqlState("42809"), "cannot create index on relation " + Quoted(info.table));
  }
  OMEN_RETURN_IF_ERROR(ddl::CheckIndexable(*def, info.columns));
  OMEN_RETURN_IF_ERROR(ddl::BuildIndex(
      def->data.get(), ddl::MakeIndexSpec(*def, info.name, info.columns, info.unique), undo));
  auto copy = std::make_shared<TableDef>(*def);
  catalog::IndexDef index;
  index.oid = catalog->NextOid();
  index.name = info.name;
  index.columns = info.columns;
  index.unique = info.unique;
  copy->indexes.push_back(std::move(index));
  OMEN_DCHECK(def->data->Indexes().size() == copy->indexes.size());
  return catalog->ReplaceTable(std::move(copy));
}

Status CreateView(const BoundStatement& stmt, Catalog* catalog) {
  const sql::CreateViewInfo& info = stmt.create_view;
  auto existing = catalog->FindTable(info.schema, info.name, {});
  if (existing == nullptr && catalog->FindIndexOwner(info.schema, info.name) != nullptr) {
    return DuplicateRelation(info.name);
  }
  if (existing != nullptr) {
    if (!info.or_replace) return DuplicateRelation(info.name);
    if (!existing->is_view) {
      return Status(SqlState("42809"), Quoted(info.name) + " is not a view");
    }
    auto copy = std::make_shared<TableDef>(*existing);
    copy->view_sql = info.sql;
    copy->view_column_names = info.column_names;
    return catalog->ReplaceTable(std::move(copy));
  }
  auto def = std::make_shared<TableDef>();
  def->schema = info.schema;
  def->name = info.name;
  def->is_view = true;
  def->view_sql = info.sql;
  def->view_column_names = info.column_names;
  return catalog->AddTable(std::move(def));
}

Status Truncate(const BoundStatement& stmt, Catalog* catalog, storage::UndoLog* undo) {
  for (const auto& bound : stmt.truncate_tables) {
    // The statement may have been bound against an older version.
    auto def = catalog->FindTable(bound->schema, bound->name, {});
    if (def == nullptr) {
      return Status(sqlstate::kUndefinedTable,
                    "relation " + Quoted(bound->name) + " does not exist");
    }
    if (def->is_view || def->data == nullptr) {
      return Status(SqlState("42809"), Quoted(def->name) + " is not a table");
    }
    OMEN_RETURN_IF_ERROR(def->data->Truncate(undo));
  }
  return Status::OK();
}

const char* DropTag(DropInfo::ObjectKind kind) {
  switch (kind) {
    case DropInfo::ObjectKind::kTable:
      return "DROP TABLE";
    case DropInfo::ObjectKind::kView:
      return "DROP VIEW";
    case DropInfo::ObjectKind::kIndex:
      return "DROP INDEX";
    case DropInfo::ObjectKind::kSchema:
      return "DROP SCHEMA";
  }
  return "DROP";
}

}  // namespace

namespace ddl {

Result<uint64_t> FillCreatedTable(const BoundStatement& stmt, const Catalog& catalog,
                                  execution::ExecutionContext& ctx) {
  const TableDef& src = *stmt.create_table.def;
  auto def = catalog.FindTable(src.schema, src.name, {});
  if (def == nullptr || def->data == nullptr || stmt.plan == nullptr) {
    return Status(sqlstate::kInternalError, "CREATE TABLE AS target is missing");
  }
  uint64_t rows = 0;
  auto sink = [&](DataChunk& chunk) -> Status {
    DataChunk cast;
    cast.size = chunk.size;
    for (size_t c = 0; c < chunk.ColumnCount() && c < def->columns.size(); ++c) {
      const Type& type = def->columns[c].type;
      if (chunk.columns[c].type() == type) {
        cast.columns.push_back(chunk.columns[c]);
        continue;
      }
      Vector out(type);
      OMEN_RETURN_IF_ERROR(CastVector(chunk.columns[c], type, CastContext::kAssignment, &out));
      cast.columns.push_back(std::move(out));
    }
    rows += chunk.size;
    return def->data->Append(cast, ctx.undo);
  };
  OMEN_ASSIGN_OR_RETURN(uint64_t produced, execution::Execute(*stmt.plan, ctx, sink));
  (void)produced;
  return rows;
}

}  // namespace ddl

Status ExecuteDdl(const BoundStatement& stmt, const std::vector<std::string>& search_path,
                  Catalog* catalog, storage::UndoLog* undo, std::string* tag,
                  std::vector<std::string>* notices) {
  switch (stmt.kind) {
    case sql::StatementKind::kCreateTable:
      *tag = stmt.tag.empty() ? "CREATE TABLE" : stmt.tag;  // "CREATE TABLE AS"
      return CreateTable(stmt, search_path, catalog, undo, notices);
    case sql::StatementKind::kCreateSchema:
      *tag = "CREATE SCHEMA";
      return CreateSchema(stmt, catalog, notices);
    case sql::StatementKind::kCreateIndex:
      *tag = "CREATE INDEX";
      return CreateIndex(stmt, catalog, undo, notices);
    case sql::StatementKind::kCreateView:
      *tag = "CREATE VIEW";
      return CreateView(stmt, catalog);
    case sql::StatementKind::kDrop:
      *tag = DropTag(stmt.drop.object);
      return ddl::Drop(stmt.drop, search_path, catalog, undo, notices);
    case sql::StatementKind::kAlterTable:
      *tag = "ALTER TABLE";
      return ddl::AlterTable(stmt.alter, catalog, undo, notices);
    case sql::StatementKind::kTruncate:
      *tag = "TRUNCATE TABLE";
      return Truncate(stmt, catalog, undo);
    case sql::StatementKind::kNoOp:
      *tag = stmt.tag;
      return Status::OK();
    case sql::StatementKind::kAnalyze:
      *tag = stmt.tag;
      return ddl::Analyze(stmt, catalog);
    default:
      return Status(sqlstate::kInternalError, "ExecuteDdl called for a statement that is not DDL");
  }
}

}  // namespace omen
