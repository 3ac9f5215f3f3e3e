#include "sql/utility_view_deps.h"

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <set>

#include "sql/parse_tree_walk.h"
#include "sql/parser.h"
#include "sql/utility_internal.h"

namespace omen::sql {

namespace {

struct Collected {
  std::vector<std::pair<std::string, std::string>> relations;
  std::set<std::string> cte_names;
  std::vector<PgQuery__RangeVar*> range_vars;  // every RangeVar, for rewriting
};

std::string Str(const char* s) { return s == nullptr ? std::string() : std::string(s); }

// Collects every RangeVar (not walking into it) and every WITH item name.
void Walk(const ProtobufCMessage* msg, Collected* out) {
  WalkParseTree(*msg, [out](const ProtobufCMessage& m) {
    if (m.descriptor == &pg_query__range_var__descriptor) {
      const auto* rv = reinterpret_cast<const PgQuery__RangeVar*>(&m);
      out->range_vars.push_back(const_cast<PgQuery__RangeVar*>(rv));
      std::pair<std::string, std::string> name{Str(rv->schemaname), Str(rv->relname)};
      if (std::find(out->relations.begin(), out->relations.end(), name) == out->relations.end()) {
        out->relations.push_back(std::move(name));
      }
      return false;
    }
    if (m.descriptor == &pg_query__common_table_expr__descriptor) {
      out->cte_names.insert(Str(reinterpret_cast<const PgQuery__CommonTableExpr*>(&m)->ctename));
    }
    return true;
  });
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ReferencedRelations(
    std::string_view select_sql) {
  OMEN_ASSIGN_OR_RETURN(ParsedScript script, Parse(select_sql));
  Collected collected;
  for (size_t i = 0; i < script.size(); ++i) {
    if (script.statement(i) != nullptr) Walk(&script.statement(i)->base, &collected);
  }
  std::erase_if(collected.relations, [&](const auto& name) {
    return name.first.empty() && collected.cte_names.count(name.second) > 0;
  });
  return collected.relations;
}

Result<std::string> RenameRelationInQuery(std::string_view select_sql, std::string_view schema,
                                          std::string_view old_name, std::string_view new_name) {
  OMEN_ASSIGN_OR_RETURN(ParsedScript script, Parse(select_sql));
  if (script.size() != 1) return std::string(select_sql);
  Collected collected;
  Walk(&script.statement(0)->base, &collected);
  // The tree is owned by `script`: swapped names point into `replacement`
  // and are put back before the tree is freed.
  std::string replacement(new_name);
  std::vector<std::pair<PgQuery__RangeVar*, char*>> swapped;
  for (PgQuery__RangeVar* rv : collected.range_vars) {
    std::string rv_schema = Str(rv->schemaname);
    if (Str(rv->relname) != old_name || (!rv_schema.empty() && rv_schema != schema)) continue;
    if (rv_schema.empty() && collected.cte_names.count(Str(rv->relname)) > 0) continue;
    swapped.emplace_back(rv, rv->relname);
    rv->relname = replacement.data();
  }
  auto text = utility::DeparseStatement(script.statement(0));
  for (auto& [rv, original] : swapped) rv->relname = original;
  return text;
}

}  // namespace omen::sql
