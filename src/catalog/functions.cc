// Overload resolution over the built-in signature table, after PostgreSQL
// 15's func_select_candidate / oper_select_candidate (parse_func.c,
// parse_oper.c), simplified to OmenDB's types. Casts follow pg_cast.

#include "catalog/functions.h"

#include <algorithm>
#include <unordered_map>

#include "catalog/function_table_internal.h"

namespace omen::catalog {

namespace {

// PostgreSQL's typcategory.
enum class Category : uint8_t { kBool, kNumeric, kString, kDatetime, kTimespan, kArray, kUnknown };

Category CategoryOf(TypeId id) {
  switch (id) {
    case TypeId::kBool:
      return Category::kBool;
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kNumeric:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
      return Category::kNumeric;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
      return Category::kString;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Category::kDatetime;
    case TypeId::kInterval:
      return Category::kTimespan;
    case TypeId::kArray:
      return Category::kArray;
    default:
      return Category::kUnknown;
  }
}

bool IsPreferred(TypeId id) {
  return id == TypeId::kFloat64 || id == TypeId::kText || id == TypeId::kTimestampTz || id == TypeId::kBool ||
         id == TypeId::kInterval;
}

// Position in the numeric implicit-cast chain int2 -> int4 -> int8 -> numeric -> float4 -> float8.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kInt16:
      return 0;
    case TypeId::kInt32:
      return 1;
    case TypeId::kInt64:
      return 2;
    case TypeId::kNumeric:
      return 3;
    case TypeId::kFloat32:
      return 4;
    case TypeId::kFloat64:
      return 5;
    default:
      return -1;
  }
}

bool ImplicitCast(TypeId from, TypeId to) {
  if (from == to || from == TypeId::kUnknown || from == TypeId::kNull) return true;
  int rf = NumericRank(from), rt = NumericRank(to);
  if (rf >= 0 && rt >= 0) return rf < rt;
  if (CategoryOf(from) == Category::kString && CategoryOf(to) == Category::kString) return true;
  if (from == TypeId::kDate) return to == TypeId::kTimestamp || to == TypeId::kTimestampTz;
  if (from == TypeId::kTimestamp) return to == TypeId::kTimestampTz;
  // pg_cast: int2/int4/int8 -> oid and reg*; oid <-> each reg* type; "char" -> text.
  Type t(to), f(from);
  if (t.IsOidLike()) return Type(from).IsInteger() || from == TypeId::kOid || (f.IsOidLike() && to == TypeId::kOid);
  if (from == TypeId::kSingleChar) return to == TypeId::kText;
  return false;
}

bool AssignmentCast(TypeId from, TypeId to) {
  if (ImplicitCast(from, to)) return true;
  if (NumericRank(from) >= 0 && NumericRank(to) >= 0) return true;
  // Automatic I/O conversion casts to string types are assignment casts.
  if (CategoryOf(to) == Category::kString) return true;
  if (CategoryOf(from) == Category::kDatetime && CategoryOf(to) == Category::kDatetime) return true;
  if (Type(from).IsOidLike()) return to == TypeId::kInt32 || to == TypeId::kInt64;
  if (to == TypeId::kSingleChar) return CategoryOf(from) == Category::kString;
  return false;
}

bool ExplicitCast(TypeId from, TypeId to) {
  if (AssignmentCast(from, to)) return true;
  if (CategoryOf(from) == Category::kString) return true;  // I/O conversion from text
  bool int_bool = (from == TypeId::kBool && to == TypeId::kInt32) || (from == TypeId::kInt32 && to == TypeId::kBool);
  return int_bool || (Type(from).IsOidLike() && Type(to).IsOidLike());
}

std::string TypeName(Type t) {
  return t.id == TypeId::kArray ? Type::ArrayOf(Type(t.elem)).ToString() : Type(t.id).ToString();
}

// CanCast for full types: arrays convert element by element (PostgreSQL's
// array coercion has its element cast's context).
bool CastsTo(const Type& from, const Type& to, CastContext ctx) {
  if (from.id == TypeId::kArray && to.id == TypeId::kArray) {
    return from.elem == to.elem || CastsTo(Type(from.elem), Type(to.elem), ctx);
  }
  if (to.id == TypeId::kArray && from.id != TypeId::kArray) {
    bool io = ctx == CastContext::kExplicit && CategoryOf(from.id) == Category::kString;
    return from.id == TypeId::kUnknown || from.id == TypeId::kNull || io;
  }
  if (from.id == TypeId::kArray && to.id != TypeId::kArray && CategoryOf(to.id) != Category::kString) return false;
  switch (ctx) {
    case CastContext::kImplicit:
      return ImplicitCast(from.id, to.id);
    case CastContext::kAssignment:
      return AssignmentCast(from.id, to.id);
    case CastContext::kExplicit:
      return ExplicitCast(from.id, to.id);
  }
  return false;
}

bool IsPolymorphic(TypeId id) { return id == TypeId::kAnyElement || id == TypeId::kAnyArray; }

bool HasPolymorphicArgs(const FunctionSignature& sig) {
  for (TypeId t : sig.args) {
    if (IsPolymorphic(t)) return true;
  }
  return false;
}

// The element type the polymorphic arguments of `sig` agree on for `args`
// (anycompatible: the common type of the anyelement arguments and the
// anyarray arguments' elements); false when an anyarray argument is not an
// array, an anyelement argument is one, or no type is determined.
bool PolymorphicElement(const FunctionSignature& sig, const std::vector<Type>& args, Type* elem) {
  std::vector<Type> seen;
  for (size_t i = 0; i < args.size() && i < sig.args.size(); ++i) {
    const Type& a = args[i];
    bool unknown = a.id == TypeId::kUnknown || a.id == TypeId::kNull;
    if (sig.args[i] == TypeId::kAnyArray) {
      if (unknown) continue;
      if (a.id != TypeId::kArray) return false;
      seen.push_back(a.ElementType());
    } else if (sig.args[i] == TypeId::kAnyElement) {
      if (a.id == TypeId::kArray) return false;
      if (!unknown) seen.push_back(a);
    }
  }
  if (seen.empty()) return false;
  // The boolean array operators (=, <, @>, &&, ...) take anyarray, not
  // anycompatiblearray: their arrays must have the same element type.
  if (sig.ret.id == TypeId::kBool) {
    for (const Type& t : seen) {
      if (t.id != seen[0].id) return false;
    }
  }
  Result<Type> common = CommonType(seen, "polymorphic");
  if (!common.ok()) return false;
  *elem = *common;
  return true;
}

// The concrete declared type of argument i once the element type is known.
Type ConcreteArg(const FunctionSignature& sig, size_t i, const Type& elem) {
  TypeId d = i < sig.args.size() ? sig.args[i] : sig.variadic;
  if (d == TypeId::kAnyElement) return elem;
  if (d == TypeId::kAnyArray) return Type::ArrayOf(elem);
  return Type(d);
}

std::string ArgList(const std::vector<Type>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) s += ", ";
    s += TypeName(args[i]);
  }
  return s;
}

const std::unordered_map<std::string, std::vector<const FunctionSignature*>>& ByName() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string, std::vector<const FunctionSignature*>>();
    for (const FunctionSignature& sig : BuiltinFunctionTable()) (*m)[sig.name].push_back(&sig);
    return m;
  }();
  return *map;
}

// The declared type of argument position i (expanding a variadic tail).
TypeId DeclaredArg(const FunctionSignature& sig, size_t i) {
  return i < sig.args.size() ? sig.args[i] : sig.variadic;
}

// kNull (count's "any") and kUnknown as variadic ("VARIADIC any") accept anything.
bool IsAny(const FunctionSignature& sig, size_t i) {
  return i < sig.args.size() ? sig.args[i] == TypeId::kNull : sig.variadic == TypeId::kUnknown;
}

bool ArityMatches(const FunctionSignature& sig, size_t n) {
  if (sig.variadic != TypeId::kNull) return n >= sig.args.size() + 1;
  return n == sig.args.size();
}

bool IsUnknown(TypeId id) { return id == TypeId::kUnknown || id == TypeId::kNull; }

// Keeps the candidates with the highest score; returns the survivors.
template <typename Score>
std::vector<const FunctionSignature*> KeepBest(const std::vector<const FunctionSignature*>& in, Score score) {
  int best = -1;
  std::vector<const FunctionSignature*> out;
  for (const FunctionSignature* s : in) {
    int v = score(*s);
    if (v > best) {
      best = v;
      out.clear();
    }
    if (v == best) out.push_back(s);
  }
  return out;
}

// Resolves unknown-typed arguments by category, as func_select_candidate's step 4.
std::vector<const FunctionSignature*> ResolveUnknowns(std::vector<const FunctionSignature*> cands,
                                                      const std::vector<TypeId>& in) {
  for (size_t i = 0; i < in.size() && cands.size() > 1; ++i) {
    if (!IsUnknown(in[i])) continue;
    bool any_string = false;
    Category cat = Category::kUnknown;
    bool conflict = false;
    for (const FunctionSignature* s : cands) {
      if (IsAny(*s, i)) continue;
      Category c = CategoryOf(DeclaredArg(*s, i));
      if (c == Category::kString) any_string = true;
      if (cat == Category::kUnknown) cat = c;
      else if (cat != c) conflict = true;
    }
    if (any_string) cat = Category::kString;
    else if (conflict) continue;
    std::vector<const FunctionSignature*> kept;
    for (const FunctionSignature* s : cands) {
      if (IsAny(*s, i) || CategoryOf(DeclaredArg(*s, i)) == cat) kept.push_back(s);
    }
    if (kept.empty()) continue;
    // Prefer the category's preferred type when some candidate offers it.
    std::vector<const FunctionSignature*> preferred;
    for (const FunctionSignature* s : kept) {
      if (!IsAny(*s, i) && IsPreferred(DeclaredArg(*s, i))) preferred.push_back(s);
    }
    cands = preferred.empty() ? kept : preferred;
  }
  return cands;
}

std::vector<const FunctionSignature*> SelectCandidate(std::vector<const FunctionSignature*> cands,
                                                      const std::vector<TypeId>& in) {
  if (cands.size() <= 1) return cands;
  cands = KeepBest(cands, [&](const FunctionSignature& s) {
    int n = 0;
    for (size_t i = 0; i < in.size(); ++i) n += !IsUnknown(in[i]) && DeclaredArg(s, i) == in[i];
    return n;
  });
  if (cands.size() <= 1) return cands;
  cands = KeepBest(cands, [&](const FunctionSignature& s) {
    int n = 0;
    for (size_t i = 0; i < in.size(); ++i) {
      n += !IsUnknown(in[i]) && (DeclaredArg(s, i) == in[i] || IsPreferred(DeclaredArg(s, i)));
    }
    return n;
  });
  if (cands.size() <= 1) return cands;
  cands = ResolveUnknowns(cands, in);
  if (cands.size() <= 1) return cands;
  // Last resort: unknowns take the type of the known arguments when those agree.
  TypeId known = TypeId::kNull;
  bool same = true;
  for (TypeId t : in) {
    if (IsUnknown(t)) continue;
    if (known == TypeId::kNull) known = t;
    else if (known != t) same = false;
  }
  if (same && known != TypeId::kNull) {
    std::vector<const FunctionSignature*> kept;
    for (const FunctionSignature* s : cands) {
      bool ok = true;
      for (size_t i = 0; i < in.size(); ++i) {
        if (IsUnknown(in[i]) && !IsAny(*s, i) && !ImplicitCast(known, DeclaredArg(*s, i))) ok = false;
      }
      if (ok) kept.push_back(s);
    }
    if (!kept.empty()) cands = kept;
  }
  return cands;
}

ResolvedFunction MakeResolved(const FunctionSignature* sig, const std::vector<Type>& args) {
  ResolvedFunction r;
  r.sig = sig;
  r.ret = sig->ret;
  Type elem;
  if (HasPolymorphicArgs(*sig) && PolymorphicElement(*sig, args, &elem)) {
    if (IsPolymorphic(sig->ret.id)) r.ret = sig->ret.id == TypeId::kAnyArray ? Type::ArrayOf(elem) : elem;
    for (size_t i = 0; i < args.size(); ++i) {
      Type c = ConcreteArg(*sig, i, elem);
      r.arg_types.push_back(c == args[i] || (c.id == args[i].id && c.elem == args[i].elem) ? args[i] : c);
    }
    return r;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (IsAny(*sig, i)) {
      // "any" keeps the argument's own type; an untyped NULL stays unknown, as in PostgreSQL.
      r.arg_types.push_back(IsUnknown(args[i].id) ? Type(TypeId::kUnknown) : args[i]);
    } else {
      TypeId d = DeclaredArg(*sig, i);
      // Keep the typmod when the type is unchanged (no length coercion is implied).
      r.arg_types.push_back(d == args[i].id ? args[i] : Type(d));
    }
  }
  return r;
}

// Shared by functions and operators: `filter` picks the name's candidates of the right shape.
template <typename Filter>
Result<const FunctionSignature*> Resolve(std::string_view name, const std::vector<Type>& args, Filter filter,
                                         bool* ambiguous) {
  *ambiguous = false;
  auto it = ByName().find(std::string(name));
  if (it == ByName().end()) return static_cast<const FunctionSignature*>(nullptr);
  std::vector<TypeId> in;
  for (const Type& t : args) in.push_back(t.id);
  std::vector<const FunctionSignature*> cands;
  for (const FunctionSignature* s : it->second) {
    if (filter(*s) && ArityMatches(*s, in.size())) cands.push_back(s);
  }
  // Exact match (an unknown operand of a binary operator assumes the other's type).
  std::vector<TypeId> exact = in;
  if (exact.size() == 2 && IsUnknown(exact[0]) != IsUnknown(exact[1])) {
    if (IsUnknown(exact[0])) exact[0] = exact[1];
    else exact[1] = exact[0];
  }
  std::vector<Type> exact_types = args;
  for (size_t i = 0; i < exact.size(); ++i) {
    if (exact[i] != in[i]) exact_types[i] = args[1 - i];
  }
  for (const FunctionSignature* s : cands) {
    bool ok = true;
    if (HasPolymorphicArgs(*s)) {
      Type elem;
      ok = PolymorphicElement(*s, exact_types, &elem);
      for (size_t i = 0; ok && i < exact.size(); ++i) {
        Type c = ConcreteArg(*s, i, elem);
        ok = c.id == exact_types[i].id && c.elem == exact_types[i].elem;
      }
      if (ok) return s;
      continue;
    }
    for (size_t i = 0; i < exact.size(); ++i) ok = ok && (IsAny(*s, i) || DeclaredArg(*s, i) == exact[i]);
    // An array never matches a plain declared type (or "any" of anytextcat).
    for (size_t i = 0; i < exact.size(); ++i) ok = ok && !(args[i].id == TypeId::kArray && IsAny(*s, i));
    if (ok) return s;
  }
  std::vector<const FunctionSignature*> viable;
  for (const FunctionSignature* s : cands) {
    bool ok = true;
    if (HasPolymorphicArgs(*s)) {
      Type elem;
      ok = PolymorphicElement(*s, args, &elem);
      for (size_t i = 0; ok && i < in.size(); ++i) {
        ok = IsUnknown(in[i]) || CastsTo(args[i], ConcreteArg(*s, i, elem), CastContext::kImplicit);
      }
      if (ok) viable.push_back(s);
      continue;
    }
    for (size_t i = 0; i < in.size(); ++i) {
      ok = ok && (IsAny(*s, i) ? !(args[i].id == TypeId::kArray && s->name == "||")
                               : CastsTo(args[i], Type(DeclaredArg(*s, i)), CastContext::kImplicit));
    }
    if (ok) viable.push_back(s);
  }
  viable = SelectCandidate(viable, in);
  if (viable.size() == 1) return viable[0];
  *ambiguous = viable.size() > 1;
  return static_cast<const FunctionSignature*>(nullptr);
}

}  // namespace

Result<ResolvedFunction> ResolveFunction(std::string_view name, const std::vector<Type>& args) {
  bool ambiguous;
  auto is_function = [](const FunctionSignature& s) {
    return s.name.empty() || (s.name[0] >= 'a' && s.name[0] <= 'z') || s.name[0] == '_';
  };
  OMEN_ASSIGN_OR_RETURN(const FunctionSignature* sig, Resolve(name, args, is_function, &ambiguous));
  if (sig != nullptr) return MakeResolved(sig, args);
  std::string call = std::string(name) + "(" + ArgList(args) + ")";
  if (ambiguous) {
    Status s(SqlState("42725"), "function " + call + " is not unique");
    s.WithHint("Could not choose a best candidate function. You might need to add explicit type casts.");
    return s;
  }
  Status s(sqlstate::kUndefinedFunction, "function " + call + " does not exist");
  s.WithHint("No function matches the given name and argument types. You might need to add explicit type casts.");
  return s;
}

namespace {
Result<ResolvedFunction> ResolveOp(std::string_view op, const std::vector<Type>& args, std::string shown) {
  bool prefix = args.size() == 1;
  bool ambiguous;
  auto any = [](const FunctionSignature& s) { return s.kind == FunctionKind::kScalar; };
  OMEN_ASSIGN_OR_RETURN(const FunctionSignature* sig, Resolve(op, args, any, &ambiguous));
  if (sig != nullptr) return MakeResolved(sig, args);
  if (ambiguous) {
    Status s(SqlState("42725"), "operator is not unique: " + shown);
    s.WithHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
    return s;
  }
  Status s(sqlstate::kUndefinedFunction, "operator does not exist: " + shown);
  s.WithHint(prefix ? "No operator matches the given name and argument type. You might need to add an explicit type cast."
                    : "No operator matches the given name and argument types. You might need to add explicit type casts.");
  return s;
}
}  // namespace

Result<ResolvedFunction> ResolveOperator(std::string_view op, Type left, Type right) {
  // The "unknown" (NULL) side of `x = NULL` is shown as unknown by PostgreSQL.
  std::string shown = TypeName(left.id == TypeId::kNull ? Type(TypeId::kUnknown) : left) + " " + std::string(op) +
                      " " + TypeName(right.id == TypeId::kNull ? Type(TypeId::kUnknown) : right);
  return ResolveOp(op, {left, right}, shown);
}

Result<ResolvedFunction> ResolvePrefixOperator(std::string_view op, Type operand) {
  std::string shown =
      std::string(op) + " " + TypeName(operand.id == TypeId::kNull ? Type(TypeId::kUnknown) : operand);
  return ResolveOp(op, {operand}, shown);
}

bool CanCast(Type from, Type to, CastContext ctx) { return CastsTo(from, to, ctx); }

Result<Type> CommonType(const std::vector<Type>& types, std::string_view context) {
  const Type* first = nullptr;
  for (const Type& t : types) {
    if (!IsUnknown(t.id)) {
      first = &t;
      break;
    }
  }
  if (first == nullptr) return Type(TypeId::kText);
  if (first->id == TypeId::kArray) {
    // Arrays meet on their elements' common type.
    std::vector<Type> elems;
    for (const Type& t : types) {
      if (IsUnknown(t.id)) continue;
      if (t.id != TypeId::kArray) {
        return Status(sqlstate::kDatatypeMismatch, std::string(context) + " types " + TypeName(*first) + " and " +
                                                       TypeName(t) + " cannot be matched");
      }
      // Arrays share a category: elements that cannot meet keep the first
      // type, and the coercion to it fails (42846), as PostgreSQL.
      if (!CommonType({first->ElementType(), t.ElementType()}, context).ok()) return *first;
      elems.push_back(t.ElementType());
    }
    OMEN_ASSIGN_OR_RETURN(Type e, CommonType(elems, context));
    return Type::ArrayOf(e);
  }
  Type ptype = *first;
  bool same_typmod = true;
  bool preferred = IsPreferred(ptype.id);
  for (const Type& t : types) {
    if (IsUnknown(t.id)) continue;
    if (t.id == ptype.id) {
      same_typmod = same_typmod && t.typmod == ptype.typmod;
      continue;
    }
    same_typmod = false;
    if (CategoryOf(t.id) != CategoryOf(ptype.id)) {
      return Status(sqlstate::kDatatypeMismatch, std::string(context) + " types " + TypeName(ptype) + " and " +
                                                     TypeName(t) + " cannot be matched");
    }
    if (!preferred && ImplicitCast(ptype.id, t.id) && !ImplicitCast(t.id, ptype.id)) {
      ptype = Type(t.id);
      preferred = IsPreferred(t.id);
    }
  }
  // A text-category mix of varchar and bpchar needs a common type PostgreSQL picks as text.
  if (!same_typmod) ptype.typmod = -1;
  return Type(ptype.id, ptype.typmod);
}

const std::vector<FunctionSignature>& AllFunctions() { return BuiltinFunctionTable(); }

const FunctionSignature* FindFunctionByOid(uint32_t oid) {
  static const auto* map = [] {
    auto* m = new std::unordered_map<uint32_t, const FunctionSignature*>();
    for (const FunctionSignature& sig : BuiltinFunctionTable()) (*m)[sig.oid] = &sig;
    return m;
  }();
  auto it = map->find(oid);
  return it == map->end() ? nullptr : it->second;
}

}  // namespace omen::catalog
