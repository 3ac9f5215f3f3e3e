// The sqllogictest engine adapter over OmenDB's embedded API.

#include "omendb/omendb.h"
#include "tools/slt_runner.h"

namespace omen::tools {
namespace {

class OmenSltEngine : public SltEngine {
 public:
  OmenSltEngine(std::unique_ptr<Database> db, std::unique_ptr<Connection> conn)
      : db_(std::move(db)), conn_(std::move(conn)) {}

  SltOutput Run(const std::string& sql) override {
    SltOutput out;
    Result<QueryResult> res = conn_->Execute(sql);
    if (!res.ok()) {
      out.status = res.status();
      return out;
    }
    const QueryResult& qr = *res;
    for (const Type& t : qr.types()) out.types.push_back(t.id);
    out.rows.reserve(qr.RowCount());
    for (size_t r = 0; r < qr.RowCount(); ++r) {
      std::vector<SltCell> row;
      row.reserve(qr.ColumnCount());
      for (size_t c = 0; c < qr.ColumnCount(); ++c) {
        if (qr.IsNull(r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(qr.GetText(r, c));
        }
      }
      out.rows.push_back(std::move(row));
    }
    return out;
  }

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace

std::unique_ptr<SltEngine> MakeOmenSltEngine(std::string* error) {
  Result<std::unique_ptr<Database>> db = Database::Open(DatabaseOptions{});
  if (!db.ok()) {
    *error = db.status().message();
    return nullptr;
  }
  std::unique_ptr<Connection> conn = (*db)->Connect();
  return std::make_unique<OmenSltEngine>(std::move(*db), std::move(conn));
}

}  // namespace omen::tools
