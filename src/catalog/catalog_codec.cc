#include "catalog/catalog_codec.h"

#include <utility>

#include "common/sqlstate.h"

namespace omen::catalog {

namespace {

class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Var(uint64_t v) {
    while (v >= 0x80) {
      U8(static_cast<uint8_t>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    U8(static_cast<uint8_t>(v));
  }
  void I32(int32_t v) { Var(static_cast<uint32_t>(v)); }
  void Str(std::string_view s) {
    Var(s.size());
    out_.append(s);
  }
  void TypeOf(const Type& t) {
    Var(t.Oid());
    I32(t.typmod);
  }
  void Ints(const std::vector<int>& v) {
    Var(v.size());
    for (int i : v) I32(i);
  }
  void Strs(const std::vector<std::string>& v) {
    Var(v.size());
    for (const auto& s : v) Str(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  uint8_t U8() {
    if (pos_ >= in_.size()) {
      ok_ = false;
      return 0;
    }
    return static_cast<uint8_t>(in_[pos_++]);
  }
  bool Bool() { return U8() != 0; }
  uint64_t Var() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = U8();
      if (!ok_) return 0;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }
  int32_t I32() { return static_cast<int32_t>(static_cast<uint32_t>(Var())); }
  uint32_t U32() { return static_cast<uint32_t>(Var()); }
  std::string Str() {
    uint64_t n = Var();
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  Type TypeOf() {
    uint32_t oid = U32();
    int32_t typmod = I32();
    Type t;
    if (ok_ && !TypeFromOid(oid, &t)) ok_ = false;
    t.typmod = typmod;
    return t;
  }
  // A count that must fit the remaining bytes (each item takes at least one).
  size_t Count() {
    uint64_t n = Var();
    if (n > in_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }
  std::vector<int> Ints() {
    std::vector<int> v(Count());
    for (int& i : v) i = I32();
    return v;
  }
  std::vector<std::string> Strs() {
    std::vector<std::string> v(Count());
    for (auto& s : v) s = Str();
    return v;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

Status Corrupt(std::string_view what) {
  return Status(sqlstate::kDataCorrupted, "invalid stored catalog " + std::string(what));
}

void WriteColumns(Writer& w, const std::vector<ColumnDef>& columns) {
  w.Var(columns.size());
  for (const ColumnDef& c : columns) {
    w.Str(c.name);
    w.TypeOf(c.type);
    w.Bool(c.not_null);
    w.Bool(c.dropped);
    w.Str(c.default_sql);
    w.Var(c.default_oid);
  }
}

void ReadColumns(Reader& r, std::vector<ColumnDef>* columns) {
  columns->resize(r.Count());
  for (ColumnDef& c : *columns) {
    c.name = r.Str();
    c.type = r.TypeOf();
    c.not_null = r.Bool();
    c.dropped = r.Bool();
    c.default_sql = r.Str();
    c.default_oid = r.U32();
  }
}

void WriteConstraints(Writer& w, const std::vector<ConstraintDef>& constraints) {
  w.Var(constraints.size());
  for (const ConstraintDef& c : constraints) {
    w.Var(c.oid);
    w.Str(c.name);
    w.U8(static_cast<uint8_t>(c.kind));
    w.Ints(c.columns);
    w.Str(c.check_sql);
    w.Str(c.index_name);
  }
}

void ReadConstraints(Reader& r, std::vector<ConstraintDef>* constraints) {
  constraints->resize(r.Count());
  for (ConstraintDef& c : *constraints) {
    c.oid = r.U32();
    c.name = r.Str();
    uint8_t kind = r.U8();
    if (kind > static_cast<uint8_t>(ConstraintKind::kCheck)) kind = 0xff;
    c.kind = static_cast<ConstraintKind>(kind);
    c.columns = r.Ints();
    c.check_sql = r.Str();
    c.index_name = r.Str();
  }
}

}  // namespace

std::string CatalogCodec::EncodeHeader(const Catalog& catalog) {
  Writer w;
  w.U8(kCatalogFormat);
  w.Var(catalog.next_oid_);
  w.Var(catalog.schemas_.size());
  for (const auto& [name, schema] : catalog.schemas_) {
    w.Var(schema.oid);
    w.Str(schema.name);
  }
  w.Var(catalog.roles_.size());
  for (const auto& [name, role] : catalog.roles_) {
    w.Var(role.oid);
    w.Str(role.name);
    w.Bool(role.superuser);
    w.Bool(role.inherit);
    w.Bool(role.create_role);
    w.Bool(role.create_db);
    w.Bool(role.can_login);
    w.Bool(role.replication);
    w.Bool(role.bypass_rls);
    w.Str(role.password);
  }
  return w.Take();
}

std::string CatalogCodec::EncodeTable(const TableDef& def, uint64_t storage_id) {
  Writer w;
  w.U8(kCatalogFormat);
  w.Var(def.oid);
  w.Str(def.schema);
  w.Str(def.name);
  WriteColumns(w, def.columns);
  WriteConstraints(w, def.constraints);
  w.Var(def.indexes.size());
  for (const IndexDef& index : def.indexes) {
    w.Var(index.oid);
    w.Str(index.name);
    w.Ints(index.columns);
    w.Bool(index.unique);
    w.Bool(index.primary);
  }
  w.Bool(def.is_view);
  w.Str(def.view_sql);
  w.Strs(def.view_column_names);
  w.Var(storage_id);
  std::vector<Type> types;
  std::vector<storage::IndexSpec> specs;
  if (def.data != nullptr) {
    types = def.data->ColumnTypes();
    specs = def.data->Indexes();
  }
  w.Var(types.size());
  for (const Type& t : types) w.TypeOf(t);
  w.Var(specs.size());
  for (const storage::IndexSpec& spec : specs) {
    w.Str(spec.name);
    w.Ints(spec.columns);
    w.Bool(spec.unique);
    w.Strs(spec.column_names);
  }
  return w.Take();
}

Result<CatalogCodec::DecodedTable> CatalogCodec::DecodeTable(std::string_view bytes) {
  Reader r(bytes);
  if (r.U8() != kCatalogFormat) return Corrupt("table record: unknown format version");
  DecodedTable out;
  auto def = std::make_shared<TableDef>();
  def->oid = r.U32();
  def->schema = r.Str();
  def->name = r.Str();
  ReadColumns(r, &def->columns);
  ReadConstraints(r, &def->constraints);
  def->indexes.resize(r.Count());
  for (IndexDef& index : def->indexes) {
    index.oid = r.U32();
    index.name = r.Str();
    index.columns = r.Ints();
    index.unique = r.Bool();
    index.primary = r.Bool();
  }
  def->is_view = r.Bool();
  def->view_sql = r.Str();
  def->view_column_names = r.Strs();
  out.storage_id = r.Var();
  out.storage_types.resize(r.Count());
  for (Type& t : out.storage_types) t = r.TypeOf();
  out.index_specs.resize(r.Count());
  for (storage::IndexSpec& spec : out.index_specs) {
    spec.name = r.Str();
    spec.columns = r.Ints();
    spec.unique = r.Bool();
    spec.column_names = r.Strs();
  }
  for (const ConstraintDef& c : def->constraints) {
    if (static_cast<uint8_t>(c.kind) == 0xff) return Corrupt("table record: bad constraint kind");
  }
  if (!r.ok() || !r.AtEnd()) return Corrupt("record of table \"" + def->name + "\"");
  out.def = std::move(def);
  return out;
}

Result<std::shared_ptr<Catalog>> CatalogCodec::Build(
    std::string_view header, std::vector<std::shared_ptr<TableDef>> tables) {
  std::shared_ptr<Catalog> catalog = Catalog::Bootstrap();
  if (!header.empty()) {
    Reader r(header);
    if (r.U8() != kCatalogFormat) return Corrupt("header: unknown format version");
    catalog->next_oid_ = r.U32();
    catalog->schemas_.clear();
    size_t schemas = r.Count();
    for (size_t i = 0; i < schemas; ++i) {
      SchemaDef s;
      s.oid = r.U32();
      s.name = r.Str();
      catalog->schemas_[s.name] = s;
    }
    catalog->roles_.clear();
    size_t roles = r.Count();
    for (size_t i = 0; i < roles; ++i) {
      RoleDef role;
      role.oid = r.U32();
      role.name = r.Str();
      role.superuser = r.Bool();
      role.inherit = r.Bool();
      role.create_role = r.Bool();
      role.create_db = r.Bool();
      role.can_login = r.Bool();
      role.replication = r.Bool();
      role.bypass_rls = r.Bool();
      role.password = r.Str();
      catalog->roles_[role.name] = std::move(role);
    }
    if (!r.ok() || !r.AtEnd()) return Corrupt("header");
  }
  for (auto& def : tables) {
    if (catalog->schemas_.count(def->schema) == 0) {
      return Corrupt("table \"" + def->name + "\": unknown schema \"" + def->schema + "\"");
    }
    catalog->tables_[{def->schema, def->name}] = std::move(def);
  }
  return catalog;
}

}  // namespace omen::catalog
