// DROP TABLE / VIEW / INDEX / SCHEMA with PostgreSQL 15's errors and notices.

#include <string>

#include "main/ddl_internal.h"
#include "sql/utility_view_deps.h"

namespace omen::ddl {

namespace {

using catalog::Catalog;
using catalog::TableDef;
using Kind = sql::DropInfo::ObjectKind;

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string Shown(const std::pair<std::string, std::string>& name) {
  return name.first.empty() ? name.second : name.first + "." + name.second;
}

// The index `name` and its owner: in `schema`, or the first search-path schema having it.
std::shared_ptr<const TableDef> FindIndex(const Catalog& catalog, const std::string& schema,
                                          const std::string& name,
                                          const std::vector<std::string>& search_path) {
  if (!schema.empty()) return catalog.FindIndexOwner(schema, name);
  for (const auto& s : search_path) {
    if (auto owner = catalog.FindIndexOwner(s, name)) return owner;
  }
  return nullptr;
}

Status Missing(const char* what, const std::string& shown, bool if_exists, SqlState code,
               std::vector<std::string>* notices) {
  std::string message = std::string(what) + " " + Quoted(shown) + " does not exist";
  if (!if_exists) return Status(code, message);
  notices->push_back(message + ", skipping");
  return Status::OK();
}

// `dry_run`: only the checks (every name is checked before any is dropped,
// so a failing statement changes nothing).
Status DropIndex(const std::pair<std::string, std::string>& name, bool if_exists, bool dry_run,
                 const std::vector<std::string>& search_path, Catalog* catalog,
                 storage::UndoLog* undo, std::vector<std::string>* notices) {
  auto owner = FindIndex(*catalog, name.first, name.second, search_path);
  if (owner == nullptr) {
    if (auto rel = catalog->FindTable(name.first, name.second, search_path)) {
      return std::move(Status(SqlState("42809"), Quoted(name.second) + " is not an index")
                           .WithHint(rel->is_view ? "Use DROP VIEW to remove a view."
                                                  : "Use DROP TABLE to remove a table."));
    }
    return Missing("index", Shown(name), if_exists, SqlState("42704"), notices);
  }
  for (const auto& c : owner->constraints) {
    if (c.index_name != name.second) continue;
    return std::move(Status(SqlState("2BP01"), "cannot drop index " + name.second +
                                                   " because constraint " + c.name + " on table " +
                                                   owner->name + " requires it")
                         .WithHint("You can drop constraint " + c.name + " on table " +
                                   owner->name + " instead."));
  }
  if (dry_run) return Status::OK();
  auto copy = std::make_shared<TableDef>(*owner);
  std::erase_if(copy->indexes, [&](const catalog::IndexDef& i) { return i.name == name.second; });
  if (copy->data != nullptr) OMEN_RETURN_IF_ERROR(copy->data->DropIndex(name.second, undo));
  return catalog->ReplaceTable(std::move(copy));
}

std::string Describe(const TableDef& def) {
  return std::string(def.is_view ? "view " : "table ") + def.name;
}

// The names one DROP statement lists, and the relations it has dropped so far.
struct DropList {
  const std::vector<std::pair<std::string, std::string>>* names;
  std::vector<std::pair<std::string, std::string>> dropped;  // (schema, name)

  bool Lists(const TableDef& def) const {
    for (const auto& [schema, name] : *names) {
      if (name == def.name && (schema.empty() || schema == def.schema)) return true;
    }
    return false;
  }
  bool AlreadyDropped(const std::pair<std::string, std::string>& name) const {
    for (const auto& [schema, n] : dropped) {
      if (n == name.second && (name.first.empty() || name.first == schema)) return true;
    }
    return false;
  }
};

// Drops `target`; views reading it make that 2BP01 unless `cascade` (or the
// statement drops them too), and go with it.
Status DropWithDependents(const TableDef& target, bool cascade,
                          const std::vector<std::string>& search_path, Catalog* catalog,
                          DropList* list, std::vector<std::string>* notices) {
  auto direct = DependentViews(*catalog, target, search_path);
  std::vector<std::shared_ptr<const TableDef>> unlisted;
  for (const auto& view : direct) {
    if (!list->Lists(*view)) unlisted.push_back(view);
  }
  if (!unlisted.empty() && !cascade) {
    std::string detail;
    for (const auto& view : unlisted) {
      detail += (detail.empty() ? "" : "\n") + Describe(*view) + " depends on " + Describe(target);
    }
    return std::move(Status(SqlState("2BP01"), "cannot drop " + Describe(target) +
                                                   " because other objects depend on it")
                         .WithDetail(detail)
                         .WithHint("Use DROP ... CASCADE to drop the dependent objects too."));
  }
  std::vector<std::shared_ptr<const TableDef>> doomed;
  std::vector<std::shared_ptr<const TableDef>> work = direct;
  while (!work.empty()) {
    auto view = work.back();
    work.pop_back();
    bool seen = false;
    for (const auto& d : doomed) seen |= d->oid == view->oid;
    if (seen) continue;
    doomed.push_back(view);
    for (auto& next : DependentViews(*catalog, *view, search_path)) work.push_back(std::move(next));
  }
  size_t cascaded = 0;
  for (const auto& view : doomed) cascaded += list->Lists(*view) ? 0 : 1;
  if (cascaded == 1) {
    for (const auto& view : doomed) {
      if (!list->Lists(*view)) notices->push_back("drop cascades to " + Describe(*view));
    }
  } else if (cascaded > 1) {
    notices->push_back("drop cascades to " + std::to_string(cascaded) + " other objects");
  }
  doomed.push_back(catalog->FindTable(target.schema, target.name, {}));
  for (const auto& rel : doomed) {
    OMEN_RETURN_IF_ERROR(catalog->DropTable(rel->schema, rel->name));
    list->dropped.emplace_back(rel->schema, rel->name);
  }
  return Status::OK();
}

Status DropRelation(Kind kind, const std::pair<std::string, std::string>& name, bool if_exists,
                    bool cascade, const std::vector<std::string>& search_path, Catalog* catalog,
                    DropList* list, std::vector<std::string>* notices) {
  const char* what = kind == Kind::kView ? "view" : "table";
  if (list->AlreadyDropped(name)) return Status::OK();
  if (!name.first.empty() && catalog->FindSchema(name.first) == nullptr) {
    return Missing("schema", name.first, if_exists, SqlState("3F000"), notices);
  }
  auto def = catalog->FindTable(name.first, name.second, search_path);
  if (def == nullptr) {
    if (FindIndex(*catalog, name.first, name.second, search_path) != nullptr) {
      return std::move(Status(SqlState("42809"), Quoted(name.second) + " is not a " + what)
                           .WithHint("Use DROP INDEX to remove an index."));
    }
    return Missing(what, Shown(name), if_exists, sqlstate::kUndefinedTable, notices);
  }
  if (kind == Kind::kTable && def->is_view) {
    return std::move(Status(SqlState("42809"), Quoted(def->name) + " is not a table")
                         .WithHint("Use DROP VIEW to remove a view."));
  }
  if (kind == Kind::kView && !def->is_view) {
    return std::move(Status(SqlState("42809"), Quoted(def->name) + " is not a view")
                         .WithHint("Use DROP TABLE to remove a table."));
  }
  return DropWithDependents(*def, cascade, search_path, catalog, list, notices);
}

Status DropSchema(const std::string& name, bool if_exists, bool cascade, Catalog* catalog,
                  std::vector<std::string>* notices) {
  if (catalog->FindSchema(name) == nullptr) {
    return Missing("schema", name, if_exists, SqlState("3F000"), notices);
  }
  if (name == "pg_catalog" || name == "information_schema") {
    return Status(SqlState("2BP01"),
                  "cannot drop schema " + name + " because it is required by the database system");
  }
  std::vector<std::shared_ptr<const TableDef>> members;
  for (const auto& [key, def] : catalog->tables()) {
    if (key.first == name) members.push_back(def);
  }
  std::vector<std::string> lines;
  for (const auto& def : members) {
    lines.push_back(std::string(def->is_view ? "view " : "table ") + name + "." + def->name);
  }
  if (!members.empty() && !cascade) {
    std::string detail;
    for (const auto& line : lines)
      detail += (detail.empty() ? "" : "\n") + line + " depends on schema " + name;
    return std::move(Status(SqlState("2BP01"),
                            "cannot drop schema " + name + " because other objects depend on it")
                         .WithDetail(detail)
                         .WithHint("Use DROP ... CASCADE to drop the dependent objects too."));
  }
  if (lines.size() == 1) {
    notices->push_back("drop cascades to " + lines[0]);
  } else if (lines.size() > 1) {
    notices->push_back("drop cascades to " + std::to_string(lines.size()) + " other objects");
  }
  for (const auto& def : members) OMEN_RETURN_IF_ERROR(catalog->DropTable(name, def->name));
  return catalog->DropSchema(name);
}

}  // namespace

storage::IndexSpec MakeIndexSpec(const TableDef& def, const std::string& name,
                                 const std::vector<int>& columns, bool unique) {
  storage::IndexSpec spec;
  spec.name = name;
  spec.columns = columns;
  spec.unique = unique;
  for (int col : columns) spec.column_names.push_back(def.columns[static_cast<size_t>(col)].name);
  return spec;
}

Status CheckIndexable(const TableDef& def, const std::vector<int>& columns) {
  for (int col : columns) {
    const Type& t = def.columns[static_cast<size_t>(col)].type;
    if (t.id == TypeId::kInterval || t.id == TypeId::kArray) {
      return Status(sqlstate::kFeatureNotSupported, "indexes, primary keys and unique constraints on " +
                                                        t.ToString() + " columns are not supported");
    }
  }
  return Status::OK();
}

Status BuildIndex(storage::Table* table, storage::IndexSpec spec, storage::UndoLog* undo) {
  std::string name = spec.name;
  auto built = table->CreateIndex(std::move(spec), undo);
  if (built.ok()) return Status::OK();
  Status s = built.status();
  if (s.code() != sqlstate::kUniqueViolation) return s;
  std::string detail = s.detail();
  constexpr std::string_view kExists = " already exists.";
  if (detail.size() >= kExists.size() &&
      detail.compare(detail.size() - kExists.size(), kExists.size(), kExists) == 0) {
    detail = detail.substr(0, detail.size() - kExists.size()) + " is duplicated.";
  }
  Status out(sqlstate::kUniqueViolation, "could not create unique index " + Quoted(name));
  if (!detail.empty()) out.WithDetail(detail);
  return out;
}

// Views whose SELECT reads `target` directly (their texts are parsed again).
std::vector<std::shared_ptr<const TableDef>> DependentViews(
    const Catalog& catalog, const TableDef& target, const std::vector<std::string>& search_path) {
  std::vector<std::shared_ptr<const TableDef>> out;
  for (const auto& [key, def] : catalog.tables()) {
    if (!def->is_view || def->oid == target.oid) continue;
    auto refs = sql::ReferencedRelations(def->view_sql);
    if (!refs.ok()) continue;
    for (const auto& [schema, name] : *refs) {
      auto rel = catalog.FindTable(schema, name, search_path);
      if (rel != nullptr && rel->oid == target.oid) {
        out.push_back(def);
        break;
      }
    }
  }
  return out;
}

bool RelationNameTaken(const Catalog& catalog, std::string_view schema, std::string_view name) {
  return catalog.FindTable(schema, name, {}) != nullptr ||
         catalog.FindIndexOwner(schema, name) != nullptr;
}

Status Drop(const sql::DropInfo& info, const std::vector<std::string>& search_path,
            Catalog* catalog, storage::UndoLog* undo, std::vector<std::string>* notices) {
  DropList list{&info.names, {}};
  if (info.object == Kind::kIndex) {
    std::vector<std::string> scratch;
    for (const auto& name : info.names) {
      OMEN_RETURN_IF_ERROR(
          DropIndex(name, info.if_exists, true, search_path, catalog, undo, &scratch));
    }
  }
  for (const auto& name : info.names) {
    switch (info.object) {
      case Kind::kSchema:
        OMEN_RETURN_IF_ERROR(
            DropSchema(name.second, info.if_exists, info.cascade, catalog, notices));
        break;
      case Kind::kIndex:
        OMEN_RETURN_IF_ERROR(
            DropIndex(name, info.if_exists, false, search_path, catalog, undo, notices));
        break;
      default:
        OMEN_RETURN_IF_ERROR(DropRelation(info.object, name, info.if_exists, info.cascade,
                                          search_path, catalog, &list, notices));
        break;
    }
  }
  return Status::OK();
}

}  // namespace omen::ddl
