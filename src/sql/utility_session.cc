// Session statements: transaction control, SET / RESET / SHOW, VACUUM / ANALYZE.

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "sql/utility_internal.h"

namespace omen::sql::utility {

namespace {

Status NotSupported(const std::string& what, const char* verb = "is") {
  return Status(sqlstate::kFeatureNotSupported, what + " " + verb + " not supported");
}

// A SET argument as PostgreSQL's GUC text: identifiers and strings
// unquoted, numbers as written.
Result<std::string> RenderSetArg(const PgQuery__Node* n) {
  if (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && n->type_cast->arg != nullptr) {
    OMEN_ASSIGN_OR_RETURN(std::string arg, RenderSetArg(n->type_cast->arg));
    // SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE, as flatten_set_variable_args.
    const PgQuery__TypeName* tn = n->type_cast->type_name;
    if (tn != nullptr && tn->n_names > 0) {
      const PgQuery__Node* last = tn->names[tn->n_names - 1];
      if (last->node_case == PG_QUERY__NODE__NODE_STRING && Str(last->string->sval) == "interval") {
        return "INTERVAL '" + arg + "'";
      }
    }
    return arg;
  }
  if (n->node_case != PG_QUERY__NODE__NODE_A_CONST) {
    return Status(sqlstate::kSyntaxError, "SET requires a constant value");
  }
  const PgQuery__AConst* c = n->a_const;
  switch (c->val_case) {
    case PG_QUERY__A__CONST__VAL_SVAL:
      return Str(c->sval->sval);
    case PG_QUERY__A__CONST__VAL_IVAL:
      return std::to_string(c->ival->ival);
    case PG_QUERY__A__CONST__VAL_FVAL:
      return Str(c->fval->fval);
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      return std::string(c->boolval->boolval ? "on" : "off");
    default:
      return Status(sqlstate::kSyntaxError, "SET requires a constant value");
  }
}

// PostgreSQL's quote_identifier (without the keyword check).
std::string QuoteIdentifierIfNeeded(const std::string& name) {
  bool safe = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) safe &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  if (safe) return name;
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Settings whose list items PostgreSQL shows as quoted identifiers (GUC_LIST_QUOTE).
bool IsListQuoteSetting(const std::string& name) {
  return name == "search_path" || name == "temp_tablespaces" ||
         name == "session_preload_libraries" || name == "local_preload_libraries";
}

Result<std::string> RenderSetArgs(const std::string& name, PgQuery__Node* const* args, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    OMEN_ASSIGN_OR_RETURN(std::string item, RenderSetArg(args[i]));
    if (IsListQuoteSetting(name)) item = QuoteIdentifierIfNeeded(item);
    if (i > 0) out += ", ";
    out += item;
  }
  return out;
}

// SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION: the first
// option (isolation level or read-only mode) becomes the setting.
Result<BoundStatement> BindSetMulti(const PgQuery__VariableSetStmt* s, BoundStatement out) {
  std::string prefix;
  std::string name = Str(s->name);
  if (name == "SESSION CHARACTERISTICS") {
    prefix = "default_";
  } else if (name != "TRANSACTION") {
    return NotSupported("SET " + name);
  }
  if (s->n_args == 0 || s->args[0]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) {
    return Status(sqlstate::kSyntaxError, "syntax error in SET " + name);
  }
  const PgQuery__DefElem* option = s->args[0]->def_elem;
  out.set_name = prefix + Str(option->defname);
  if (option->arg != nullptr) {
    OMEN_ASSIGN_OR_RETURN(out.set_value, RenderSetArg(option->arg));
    if (out.set_name.find("read_only") != std::string::npos) {
      out.set_value = out.set_value == "1" ? "on" : out.set_value == "0" ? "off" : out.set_value;
    }
  }
  return out;
}

Result<BoundStatement> BindVariableSet(const PgQuery__VariableSetStmt* s) {
  BoundStatement out;
  out.kind = StatementKind::kSet;
  out.set_name = Str(s->name);
  out.set_local = s->is_local;
  switch (s->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
      OMEN_ASSIGN_OR_RETURN(out.set_value, RenderSetArgs(out.set_name, s->args, s->n_args));
      return out;
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      out.reset = true;
      return out;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      out.set_name = "all";
      out.reset = true;
      return out;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI:
      return BindSetMulti(s, std::move(out));
    default:
      return NotSupported("SET ... FROM CURRENT");
  }
}

Result<BoundStatement> BindTransaction(const PgQuery__TransactionStmt* t) {
  BoundStatement out;
  out.kind = StatementKind::kTransaction;
  out.txn.savepoint = Str(t->savepoint_name);
  using K = TransactionInfo::Kind;
  switch (t->kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      out.txn.kind = K::kBegin;
      for (size_t i = 0; i < t->n_options; ++i) {
        const PgQuery__Node* n = t->options[i];
        if (n->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
        if (Str(n->def_elem->defname) != "transaction_isolation" || n->def_elem->arg == nullptr)
          continue;
        OMEN_ASSIGN_OR_RETURN(out.txn.isolation, RenderSetArg(n->def_elem->arg));
      }
      return out;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      if (t->chain) return NotSupported("COMMIT AND CHAIN");
      out.txn.kind = K::kCommit;
      return out;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      if (t->chain) return NotSupported("ROLLBACK AND CHAIN");
      out.txn.kind = K::kRollback;
      return out;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
      out.txn.kind = K::kSavepoint;
      return out;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
      out.txn.kind = K::kRelease;
      return out;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
      out.txn.kind = K::kRollbackTo;
      return out;
    default:
      return NotSupported("two-phase commit");
  }
}

}  // namespace

Result<BoundStatement> BindSessionStatement(const PgQuery__Node* node) {
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return BindTransaction(node->transaction_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return BindVariableSet(node->variable_set_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      BoundStatement out;
      out.kind = StatementKind::kShow;
      out.set_name = Str(node->variable_show_stmt->name);
      // The result's columns, known before it runs (Describe of a prepared
      // SHOW); RunSetOrShow produces exactly these.
      if (out.set_name == "all") {
        out.names = {"name", "setting", "description"};
        out.types = {Type(TypeId::kText), Type(TypeId::kText), Type(TypeId::kText)};
      } else {
        out.names = {out.set_name};
        out.types = {Type(TypeId::kText)};
      }
      return out;
    }
    case PG_QUERY__NODE__NODE_VACUUM_STMT: {
      BoundStatement out;
      out.kind = StatementKind::kNoOp;
      out.tag = node->vacuum_stmt->is_vacuumcmd ? "VACUUM" : "ANALYZE";
      return out;
    }
    default:
      return NotSupported("this statement");
  }
}

}  // namespace omen::sql::utility
