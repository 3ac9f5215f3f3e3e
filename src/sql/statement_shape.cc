#include "sql/statement_shape.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>

namespace omen::sql {

namespace {

using Token = PgQuery__Token;

// What opened the innermost ( or [: whether literals directly inside may be
// lifted, and whether the list is an ORDER BY / GROUP BY list.
struct Bracket {
  bool liftable = false;
  bool positional = false;  // an ORDER BY / GROUP BY list is open at this level
};

bool IsOperatorToken(Token t) {
  switch (t) {
    case PG_QUERY__TOKEN__ASCII_61:  // =
    case PG_QUERY__TOKEN__ASCII_60:  // <
    case PG_QUERY__TOKEN__ASCII_62:  // >
    case PG_QUERY__TOKEN__ASCII_43:  // +
    case PG_QUERY__TOKEN__ASCII_42:  // *
    case PG_QUERY__TOKEN__ASCII_47:  // /
    case PG_QUERY__TOKEN__ASCII_37:  // %
    case PG_QUERY__TOKEN__LESS_EQUALS:
    case PG_QUERY__TOKEN__GREATER_EQUALS:
    case PG_QUERY__TOKEN__NOT_EQUALS:
    case PG_QUERY__TOKEN__Op:
      return true;
    default:
      return false;
  }
}

// Keywords after which a literal (or a parenthesised expression) is an
// ordinary value expression.
bool IsValueKeyword(Token t) {
  switch (t) {
    case PG_QUERY__TOKEN__SELECT:
    case PG_QUERY__TOKEN__WHERE:
    case PG_QUERY__TOKEN__AND:
    case PG_QUERY__TOKEN__OR:
    case PG_QUERY__TOKEN__NOT:
    case PG_QUERY__TOKEN__WHEN:
    case PG_QUERY__TOKEN__THEN:
    case PG_QUERY__TOKEN__ELSE:
    case PG_QUERY__TOKEN__BETWEEN:
    case PG_QUERY__TOKEN__LIKE:
    case PG_QUERY__TOKEN__ILIKE:
    case PG_QUERY__TOKEN__LIMIT:
    case PG_QUERY__TOKEN__OFFSET:
    case PG_QUERY__TOKEN__HAVING:
    case PG_QUERY__TOKEN__RETURNING:
      return true;
    default:
      return false;
  }
}

// Keywords that end an ORDER BY / GROUP BY list at the same level.
bool EndsPositionalList(Token t) {
  switch (t) {
    case PG_QUERY__TOKEN__LIMIT:
    case PG_QUERY__TOKEN__OFFSET:
    case PG_QUERY__TOKEN__HAVING:
    case PG_QUERY__TOKEN__WINDOW:
    case PG_QUERY__TOKEN__FETCH:
    case PG_QUERY__TOKEN__FOR:
    case PG_QUERY__TOKEN__UNION:
    case PG_QUERY__TOKEN__EXCEPT:
    case PG_QUERY__TOKEN__INTERSECT:
    case PG_QUERY__TOKEN__RETURNING:
      return true;
    default:
      return false;
  }
}

// A plain '...' literal's value; false for E'', U&'', $$ and continued literals.
bool DecodeString(std::string_view tok, std::string* out) {
  if (tok.size() < 2 || tok.front() != '\'' || tok.back() != '\'') return false;
  out->clear();
  for (size_t i = 1; i + 1 < tok.size(); ++i) {
    if (tok[i] == '\'') {
      if (i + 2 < tok.size() && tok[i + 1] == '\'') {
        out->push_back('\'');
        ++i;
        continue;
      }
      return false;  // 'a' 'b' continuation across a newline
    }
    out->push_back(tok[i]);
  }
  return true;
}

// The grammar's typing of a numeric token (as Binder::BindAConst does).
bool DecodeNumber(Token t, std::string_view tok, Value* out, char* cls) {
  std::string text(tok);
  if (text.find_first_of(".eE") == std::string::npos) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno == 0 && end != nullptr && *end == '\0') {
      if (v >= INT32_MIN && v <= INT32_MAX) {
        *out = Value::Int32(static_cast<int32_t>(v));
        *cls = 'i';
        return true;
      }
      if (t == PG_QUERY__TOKEN__ICONST) return false;
      *out = Value::Int64(v);
      *cls = 'l';
      return true;
    }
  }
  Result<Numeric> n = Numeric::Parse(text);
  if (!n.ok()) return false;
  *out = Value::FromNumeric(std::move(n).value());
  *cls = 'n';
  return true;
}

bool IsStatementStart(Token t) {
  return t == PG_QUERY__TOKEN__SELECT || t == PG_QUERY__TOKEN__INSERT ||
         t == PG_QUERY__TOKEN__UPDATE || t == PG_QUERY__TOKEN__DELETE_P;
}

// Whether a '(' or '[' after `prev` (and `prev2` before it) opens a value context.
bool OpensValueContext(Token open, const PgQuery__ScanToken* prev,
                       const PgQuery__ScanToken* prev2) {
  if (open != PG_QUERY__TOKEN__ASCII_40 || prev == nullptr) return false;
  Token p = prev->token;
  if (IsOperatorToken(p) || IsValueKeyword(p) || p == PG_QUERY__TOKEN__IN_P ||
      p == PG_QUERY__TOKEN__VALUES || p == PG_QUERY__TOKEN__ASCII_40 ||
      p == PG_QUERY__TOKEN__ASCII_44) {
    return true;
  }
  // A call of a function named by a plain identifier (not a type in a cast).
  if (p == PG_QUERY__TOKEN__IDENT && prev->keyword_kind == PG_QUERY__KEYWORD_KIND__NO_KEYWORD) {
    return prev2 == nullptr ||
           (prev2->token != PG_QUERY__TOKEN__AS && prev2->token != PG_QUERY__TOKEN__TYPECAST &&
            prev2->token != PG_QUERY__TOKEN__ASCII_46);
  }
  return false;
}

bool LiftableAfter(Token p, const Bracket& b) {
  if (b.positional) return false;
  if (p == PG_QUERY__TOKEN__ASCII_40 || p == PG_QUERY__TOKEN__ASCII_44) return b.liftable;
  return IsOperatorToken(p) || IsValueKeyword(p);
}

}  // namespace

StatementShape ShapeOf(std::string_view sql) {
  StatementShape shape;
  std::string text(sql);
  PgQueryScanResult scan = pg_query_scan(text.c_str());
  if (scan.error != nullptr) {
    pg_query_free_scan_result(scan);
    return shape;
  }
  PgQuery__ScanResult* r = pg_query__scan_result__unpack(
      nullptr, scan.pbuf.len, reinterpret_cast<const uint8_t*>(scan.pbuf.data));
  pg_query_free_scan_result(scan);
  if (r == nullptr) return shape;
  size_t n = r->n_tokens;
  // A trailing ';' is allowed; anything after it is a second statement.
  while (n > 0 && r->tokens[n - 1]->token == PG_QUERY__TOKEN__ASCII_59) --n;
  bool ok = n > 0 && IsStatementStart(r->tokens[0]->token);
  std::vector<Bracket> stack = {Bracket{true, false}};
  std::string classes;
  size_t copied = 0;
  for (size_t i = 0; ok && i < n; ++i) {
    const PgQuery__ScanToken* tok = r->tokens[i];
    const PgQuery__ScanToken* prev = i > 0 ? r->tokens[i - 1] : nullptr;
    Token t = tok->token;
    std::string_view tok_text(text.data() + tok->start, tok->end - tok->start);
    if (t == PG_QUERY__TOKEN__PARAM || t == PG_QUERY__TOKEN__ASCII_59) {
      ok = false;
    } else if (t == PG_QUERY__TOKEN__ASCII_40 || t == PG_QUERY__TOKEN__ASCII_91) {
      bool value = OpensValueContext(t, prev, i > 1 ? r->tokens[i - 2] : nullptr);
      // An ORDER BY list's parentheses are still the list: ORDER BY (1) is positional.
      bool positional = stack.back().positional && prev != nullptr &&
                        prev->token != PG_QUERY__TOKEN__IDENT;
      stack.push_back(Bracket{value, positional});
    } else if (t == PG_QUERY__TOKEN__ASCII_41 || t == PG_QUERY__TOKEN__ASCII_93) {
      if (stack.size() > 1) stack.pop_back();
    } else if (t == PG_QUERY__TOKEN__BY && prev != nullptr &&
               (prev->token == PG_QUERY__TOKEN__ORDER || prev->token == PG_QUERY__TOKEN__GROUP_P)) {
      stack.back().positional = true;
    } else if (EndsPositionalList(t)) {
      stack.back().positional = false;
    } else if (t == PG_QUERY__TOKEN__ICONST || t == PG_QUERY__TOKEN__FCONST ||
               t == PG_QUERY__TOKEN__SCONST) {
      const PgQuery__ScanToken* next = i + 1 < n ? r->tokens[i + 1] : nullptr;
      if (prev == nullptr || !LiftableAfter(prev->token, stack.back())) continue;
      if (next != nullptr && (next->token == PG_QUERY__TOKEN__TYPECAST ||
                              next->token == PG_QUERY__TOKEN__ASCII_91)) {
        continue;
      }
      Value v;
      char cls = 's';
      if (t == PG_QUERY__TOKEN__SCONST) {
        std::string s;
        if (!DecodeString(tok_text, &s)) continue;
        v = Value::Unknown(std::move(s));
      } else if (!DecodeNumber(t, tok_text, &v, &cls)) {
        continue;
      }
      shape.normalized.append(text, copied, tok->start - copied);
      shape.literals.push_back(std::move(v));
      shape.locations.push_back(tok->start);
      shape.normalized += "$" + std::to_string(shape.literals.size());
      classes.push_back(cls);
      copied = tok->end;
    }
  }
  pg_query__scan_result__free_unpacked(r, nullptr);
  if (!ok) {
    shape.normalized.clear();
    shape.literals.clear();
    shape.locations.clear();
    return shape;
  }
  shape.normalized.append(text, copied, std::string::npos);
  shape.key = shape.normalized;
  shape.key.push_back('\0');
  shape.key += classes;
  shape.cacheable = true;
  return shape;
}

}  // namespace omen::sql
