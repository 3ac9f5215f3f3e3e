#include <utility>

#include "main/database_impl.h"

namespace omen {

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  if (options.data_dir != ":memory:") {
    return Status(sqlstate::kFeatureNotSupported,
                  "persistent data directories are not supported yet (durability arrives with "
                  "issue 5); use :memory:");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->catalog = catalog::Catalog::Bootstrap();
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::unique_ptr<Connection> Database::Connect() {
  auto impl = std::make_unique<Connection::Impl>();
  impl->db = impl_.get();
  return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

}  // namespace omen
