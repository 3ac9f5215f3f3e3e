// EXPLAIN (COSTS OFF)-style rendering of logical plans, following
// PostgreSQL 15's node names, property labels and indentation.

#include "sql/logical_plan.h"

#include "sql/expression_printer.h"

namespace omen::sql {

namespace {

using Names = std::vector<std::string>;
using Scopes = std::vector<const Names*>;

int CountRelations(const LogicalOperator& op);

int CountInExpr(const BoundExpr& e) {
  int n = 0;
  for (const auto& c : e.children) {
    if (c) n += CountInExpr(*c);
  }
  if (e.kind == BoundExprKind::kSubquery && e.subquery) n += CountRelations(*e.subquery);
  return n;
}

int CountRelations(const LogicalOperator& op) {
  int n = (op.kind == LogicalOpKind::kGet || op.kind == LogicalOpKind::kValues) ? 1 : 0;
  auto add = [&](const BoundExprPtr& e) {
    if (e) n += CountInExpr(*e);
  };
  add(op.filter);
  add(op.condition);
  for (const auto& e : op.exprs) add(e);
  for (const auto& c : op.children) {
    if (c) n += CountRelations(*c);
  }
  return n;
}

std::string Spaces(int n) { return std::string(n > 0 ? n : 0, ' '); }

const char* JoinWords(JoinType t) {
  switch (t) {
    case JoinType::kLeft:
      return "Left Join";
    case JoinType::kRight:
      return "Right Join";
    case JoinType::kFull:
      return "Full Join";
    case JoinType::kSemi:
      return "Semi Join";
    case JoinType::kAnti:
      return "Anti Join";
    default:
      return "Join";
  }
}

class PlanPrinter {
 public:
  explicit PlanPrinter(const LogicalOperator& root) : qualify_(CountRelations(root) > 1) {}

  // Appends `op` at column `indent` (the node name's column). `pending` are
  // property lines (relative to the property column) from transparent parents.
  void Print(const LogicalOperator& op, int indent, std::vector<std::string> pending,
             const Scopes& outer, std::string* out) {
    bool has_child = !op.children.empty() && op.children[0];
    switch (has_child ? op.kind : LogicalOpKind::kDummy) {
      case LogicalOpKind::kFilter:
      case LogicalOpKind::kProjection: {
        Names in = NamesOf(*op.children[0], outer);
        std::vector<std::string> mine;
        if (op.kind == LogicalOpKind::kFilter) {
          const char* label =
              op.children[0]->kind == LogicalOpKind::kDummy ? "One-Time Filter: " : "Filter: ";
          mine.push_back(label + Expr(*op.filter, in, outer));
        } else {
          for (const auto& e : op.exprs) Expr(*e, in, outer);  // queues its subplans
        }
        for (auto& p : pending) mine.push_back(std::move(p));
        LogicalOpKind child = op.children[0]->kind;
        if (child == LogicalOpKind::kLimit || child == LogicalOpKind::kSetOp) {
          // These nodes cannot carry a filter: show it on a node of its own.
          *out += (indent > 0 ? Spaces(indent - 4) + "->  " : std::string()) + "Result\n";
          for (const auto& p : mine) *out += Spaces(indent + 2) + p + "\n";
          FlushBlocks(indent, out);
          Print(*op.children[0], indent + 6, {}, outer, out);
          return;
        }
        Print(*op.children[0], indent, std::move(mine), outer, out);
        return;
      }
      default:
        break;
    }
    std::vector<std::string> props;
    bool needs_child = op.kind == LogicalOpKind::kAggregate || op.kind == LogicalOpKind::kSort ||
                       op.kind == LogicalOpKind::kWindow ||
                       op.kind == LogicalOpKind::kDistinct || op.kind == LogicalOpKind::kFilter ||
                       op.kind == LogicalOpKind::kProjection ||
                       (op.kind == LogicalOpKind::kJoin && op.children.size() != 2);
    std::string header = needs_child && !has_child ? "Result" : Header(op, outer, &props);
    for (auto& p : pending) props.push_back(std::move(p));
    *out += (indent > 0 ? Spaces(indent - 4) + "->  " : std::string()) + header + "\n";
    for (const auto& p : props) *out += Spaces(indent + 2) + p + "\n";
    FlushBlocks(indent, out);
    PrintChildren(op, indent, outer, out);
  }

 private:
  void FlushBlocks(int indent, std::string* out) {
    std::vector<std::string> blocks = std::move(blocks_);
    blocks_.clear();
    for (const auto& b : blocks) *out += Spaces(indent + 2) + b + "\n";
  }

  void PrintChildren(const LogicalOperator& op, int indent, const Scopes& outer, std::string* out) {
    int child_indent = indent + 6;
    if (op.kind == LogicalOpKind::kJoin && op.children.size() == 2) {
      Print(*op.children[0], child_indent, {}, outer, out);
      if (!op.left_keys.empty()) {
        *out += Spaces(child_indent - 4) + "->  Hash\n";
        Print(*op.children[1], child_indent + 6, {}, outer, out);
      } else {
        Print(*op.children[1], child_indent, {}, outer, out);
      }
      return;
    }
    if (op.kind == LogicalOpKind::kSetOp) {
      int append_indent = child_indent;
      if (!(op.set_op == SetOpType::kUnion && op.set_all)) {
        *out += Spaces(child_indent - 4) + "->  Append\n";
        append_indent += 6;
      }
      PrintSetOpInputs(op, append_indent, outer, out);
      return;
    }
    for (const auto& c : op.children) {
      if (c) Print(*c, child_indent, {}, outer, out);
    }
  }

  void PrintSetOpInputs(const LogicalOperator& op, int indent, const Scopes& outer,
                        std::string* out) {
    bool wrap = op.set_op != SetOpType::kUnion;
    for (size_t i = 0; i < op.children.size(); i++) {
      const LogicalOperator& c = *op.children[i];
      if (!wrap && c.kind == LogicalOpKind::kSetOp && c.set_op == SetOpType::kUnion &&
          c.set_all == op.set_all) {
        PrintSetOpInputs(c, indent, outer, out);  // PostgreSQL flattens UNION chains
        continue;
      }
      if (wrap) {
        *out += Spaces(indent - 4) + "->  Subquery Scan on \"*SELECT* " + std::to_string(i + 1) +
                "\"\n";
        Print(c, indent + 6, {}, outer, out);
      } else {
        Print(c, indent, {}, outer, out);
      }
    }
  }

  std::string Header(const LogicalOperator& op, const Scopes& outer,
                     std::vector<std::string>* props) {
    switch (op.kind) {
      case LogicalOpKind::kGet:
        return GetHeader(op, outer, props);
      case LogicalOpKind::kDummy:
        return "Result";
      case LogicalOpKind::kValues:
        if (op.system_table != nullptr) {
          return "Seq Scan on " + op.table_function + (op.alias != op.table_function ? " " + op.alias : "");
        }
        if (!op.table_function.empty()) return "Function Scan on " + op.table_function;
        return "Values Scan on \"*VALUES*\"";
      case LogicalOpKind::kAggregate: {
        Names in = NamesOf(*op.children[0], outer);
        if (op.groups.empty()) return "Aggregate";
        std::string keys;
        for (const auto& g : op.groups) keys += (keys.empty() ? "" : ", ") + Expr(*g, in, outer);
        props->insert(props->begin(), "Group Key: " + keys);
        return "HashAggregate";
      }
      case LogicalOpKind::kDistinct:
        props->push_back("Group Key: " + JoinNames(NamesOf(*op.children[0], outer)));
        return "HashAggregate";
      case LogicalOpKind::kJoin:
        return JoinHeader(op, outer, props);
      case LogicalOpKind::kSort: {
        Names in = NamesOf(*op.children[0], outer);
        std::string keys;
        for (const auto& o : op.order) {
          keys += (keys.empty() ? "" : ", ") + Expr(*o.expr, in, outer);
          if (o.descending) keys += " DESC";
          if (o.nulls_first && !o.descending) keys += " NULLS FIRST";
          if (!o.nulls_first && o.descending) keys += " NULLS LAST";
        }
        props->insert(props->begin(), "Sort Key: " + keys);
        return "Sort";
      }
      case LogicalOpKind::kLimit:
        return "Limit";
      case LogicalOpKind::kSetOp:
        return SetOpHeader(op, outer, props);
      case LogicalOpKind::kInsert:
        if (op.on_conflict != nullptr && op.table != nullptr) {
          props->push_back(std::string("Conflict Resolution: ") +
                           (op.on_conflict->do_update ? "UPDATE" : "NOTHING"));
          if (op.on_conflict->any_index) return "Insert on " + RelName(op);
          std::string arbiters;
          for (int a : op.on_conflict->arbiters) {
            if (a < 0 || static_cast<size_t>(a) >= op.table->indexes.size()) continue;
            arbiters += (arbiters.empty() ? "" : ", ") + op.table->indexes[a].name;
          }
          props->push_back("Conflict Arbiter Indexes: " + arbiters);
        }
        return "Insert on " + RelName(op);
      case LogicalOpKind::kUpdate:
        return "Update on " + RelName(op);
      case LogicalOpKind::kDelete:
        return "Delete on " + RelName(op);
      case LogicalOpKind::kWindow:
        return "WindowAgg";
      case LogicalOpKind::kLockRows:
        return "LockRows";
      case LogicalOpKind::kRecursiveCte:
        return "Recursive Union";
      case LogicalOpKind::kWorkTableScan:
        return "WorkTable Scan on " + op.alias;
      default:
        return "Result";
    }
  }

  static std::string RelName(const LogicalOperator& op) {
    std::string name = op.table ? op.table->name : "?";
    if (!op.alias.empty() && op.alias != name) name += " " + op.alias;
    return name;
  }

  std::string GetHeader(const LogicalOperator& op, const Scopes& outer,
                        std::vector<std::string>* props) {
    Names in = NamesOf(op, outer);
    const IndexAccess& ia = op.index_access;
    std::string header = "Seq Scan on " + RelName(op);
    if (ia.index >= 0 && op.table && static_cast<size_t>(ia.index) < op.table->indexes.size()) {
      const catalog::IndexDef& idx = op.table->indexes[ia.index];
      header = std::string("Index Scan") + (ia.descending ? " Backward" : "") + " using " +
               idx.name + " on " + RelName(op);
      std::string cond = IndexCond(op, idx, outer);
      if (!cond.empty()) props->push_back("Index Cond: " + cond);
    }
    if (op.filter) props->push_back("Filter: " + Expr(*op.filter, in, outer));
    return header;
  }

  std::string ColumnName(const LogicalOperator& op, int column_id, bool qualify = true) const {
    std::string col = column_id >= 0 && static_cast<size_t>(column_id) < op.table->columns.size()
                          ? op.table->columns[column_id].name
                          : "?";
    return qualify_ && qualify ? (op.alias.empty() ? op.table->name : op.alias) + "." + col : col;
  }

  std::string IndexCond(const LogicalOperator& op, const catalog::IndexDef& idx,
                        const Scopes& outer) {
    Names none;
    const IndexAccess& ia = op.index_access;
    std::vector<std::string> parts;
    if (ia.kind == IndexAccess::Kind::kEquality) {
      for (size_t i = 0; i < ia.keys.size() && i < idx.columns.size(); i++) {
        parts.push_back("(" + ColumnName(op, idx.columns[i], false) + " = " +
                        Expr(*ia.keys[i], none, outer) + ")");
      }
    } else if (ia.kind == IndexAccess::Kind::kInList) {
      BoundExpr in_list;
      in_list.kind = BoundExprKind::kInList;
      auto col = std::make_unique<BoundExpr>();
      col->kind = BoundExprKind::kColumnRef;
      col->name = ColumnName(op, idx.columns[0], false);
      col->index = -1;
      in_list.children.push_back(std::move(col));
      for (const auto& k : ia.keys) in_list.children.push_back(k->Copy());
      parts.push_back(Expr(in_list, none, outer));
    } else {
      std::string col = ColumnName(op, idx.columns[0], false);
      if (ia.lower) {
        parts.push_back("(" + col + (ia.lower_inclusive ? " >= " : " > ") +
                        Expr(*ia.lower, none, outer) + ")");
      }
      if (ia.upper) {
        parts.push_back("(" + col + (ia.upper_inclusive ? " <= " : " < ") +
                        Expr(*ia.upper, none, outer) + ")");
      }
    }
    if (parts.size() == 1) return parts[0];
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "(" : " AND ") + p;
    return s.empty() ? s : s + ")";
  }

  std::string JoinHeader(const LogicalOperator& op, const Scopes& outer,
                         std::vector<std::string>* props) {
    Names left = NamesOf(*op.children[0], outer);
    Names right = NamesOf(*op.children[1], outer);
    Names both = left;
    both.insert(both.end(), right.begin(), right.end());
    if (!op.left_keys.empty()) {
      std::vector<std::string> parts;
      for (size_t i = 0; i < op.left_keys.size(); i++) {
        parts.push_back("(" + Expr(*op.left_keys[i], left, outer) + " = " +
                        Expr(*op.right_keys[i], right, outer) + ")");
      }
      std::string cond = parts.size() == 1 ? parts[0] : "";
      if (parts.size() > 1) {
        for (const auto& p : parts) cond += (cond.empty() ? "(" : " AND ") + p;
        cond += ")";
      }
      props->push_back("Hash Cond: " + cond);
    }
    if (op.condition) props->push_back("Join Filter: " + Expr(*op.condition, both, outer));
    if (!op.left_keys.empty()) return std::string("Hash ") + JoinWords(op.join_type);
    if (op.join_type == JoinType::kInner || op.join_type == JoinType::kCross) return "Nested Loop";
    return std::string("Nested Loop ") + JoinWords(op.join_type);
  }

  std::string SetOpHeader(const LogicalOperator& op, const Scopes& outer,
                          std::vector<std::string>* props) {
    if (op.set_op == SetOpType::kUnion) {
      if (op.set_all) return "Append";
      props->push_back("Group Key: " + JoinNames(NamesOf(op, outer)));
      return "HashAggregate";
    }
    std::string name =
        op.set_op == SetOpType::kIntersect ? "HashSetOp Intersect" : "HashSetOp Except";
    return op.set_all ? name + " All" : name;
  }

  static std::string JoinNames(const Names& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
  }

  // Renders `e` over `in`; each subquery gets a "SubPlan n" label and its
  // plan is queued in blocks_, emitted after the properties of the node.
  std::string Expr(const BoundExpr& e, const Names& in, const Scopes& outer) {
    Scopes scopes{&in};
    scopes.insert(scopes.end(), outer.begin(), outer.end());
    ExprPrintContext ctx;
    ctx.scopes = scopes;
    ctx.subquery_label = [&](const BoundExpr& sub) {
      std::string label = "SubPlan " + std::to_string(++subplans_);
      if (!sub.subquery) return label;
      std::vector<std::string> saved = std::move(blocks_);
      blocks_.clear();
      std::string body;
      Print(*sub.subquery, 6, {}, scopes, &body);
      blocks_ = std::move(saved);
      blocks_.push_back(label);
      size_t start = 0;
      while (start < body.size()) {
        size_t end = body.find('\n', start);
        blocks_.push_back(body.substr(start, end - start));
        start = end + 1;
      }
      return label;
    };
    return ExprToString(e, &ctx);
  }

 public:
  Names NamesOf(const LogicalOperator& op, const Scopes& outer) {
    Names out;
    bool leaf = op.kind == LogicalOpKind::kGet || op.kind == LogicalOpKind::kValues ||
                op.kind == LogicalOpKind::kDummy || op.kind == LogicalOpKind::kInsert ||
                op.kind == LogicalOpKind::kUpdate || op.kind == LogicalOpKind::kDelete;
    size_t needed = op.kind == LogicalOpKind::kJoin ? 2 : 1;
    if (!leaf && (op.children.size() < needed || !op.children[0] || !op.children[needed - 1])) {
      return out;
    }
    switch (op.kind) {
      case LogicalOpKind::kGet:
        for (int id : op.column_ids) out.push_back(op.table ? ColumnName(op, id) : "?");
        if (op.emit_row_id)
          out.push_back(qualify_
                            ? (op.alias.empty() && op.table ? op.table->name : op.alias) + ".ctid"
                            : "ctid");
        return out;
      case LogicalOpKind::kValues:
        for (size_t i = 0; i < op.types.size(); i++) {
          out.push_back((qualify_ ? "\"*VALUES*\"." : "") + std::string("column") +
                        std::to_string(i + 1));
        }
        return out;
      case LogicalOpKind::kProjection: {
        Names in = NamesOf(*op.children[0], outer);
        for (const auto& e : op.exprs) out.push_back(Plain(*e, in, outer));
        return out;
      }
      case LogicalOpKind::kAggregate: {
        Names in = NamesOf(*op.children[0], outer);
        for (const auto& g : op.groups) out.push_back(Plain(*g, in, outer));
        for (const auto& a : op.aggregates) {
          std::string args;
          for (const auto& x : a.args) args += (args.empty() ? "" : ", ") + Plain(*x, in, outer);
          out.push_back(FunctionName(a.function_oid) + "(" + (a.distinct ? "DISTINCT " : "") +
                        (a.args.empty() ? "*" : args) + ")");
        }
        return out;
      }
      case LogicalOpKind::kJoin: {
        out = NamesOf(*op.children[0], outer);
        if (op.join_type == JoinType::kSemi || op.join_type == JoinType::kAnti) return out;
        Names r = NamesOf(*op.children[1], outer);
        out.insert(out.end(), r.begin(), r.end());
        return out;
      }
      case LogicalOpKind::kDummy:
        return out;
      case LogicalOpKind::kInsert:
      case LogicalOpKind::kUpdate:
      case LogicalOpKind::kDelete:
        for (const auto& e : op.returning) out.push_back(Plain(*e, {}, outer));
        return out;
      case LogicalOpKind::kWindow: {
        Names in = NamesOf(*op.children[0], outer);
        out = in;
        for (const WindowCall& w : op.windows) {
          std::string args;
          for (const auto& x : w.args) args += (args.empty() ? "" : ", ") + Plain(*x, in, outer);
          out.push_back(w.name + "(" + args + ") OVER (?)");
        }
        return out;
      }
      default:
        return op.children.empty() ? out : NamesOf(*op.children[0], outer);
    }
  }

 private:
  std::string Plain(const BoundExpr& e, const Names& in, const Scopes& outer) const {
    Scopes scopes{&in};
    scopes.insert(scopes.end(), outer.begin(), outer.end());
    ExprPrintContext ctx;
    ctx.scopes = scopes;
    return ExprToString(e, &ctx);
  }

  bool qualify_;
  int subplans_ = 0;
  std::vector<std::string> blocks_;  // subplan lines waiting for their node
};

}  // namespace

std::string LogicalOperator::ToString(int indent) const {
  PlanPrinter printer(*this);
  std::string out;
  printer.Print(*this, indent, {}, {}, &out);
  return out;
}

}  // namespace omen::sql
