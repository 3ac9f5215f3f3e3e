#include <utility>

#include "main/database_impl.h"

namespace omen {

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->memory = std::make_shared<MemoryBudget>(options.memory_budget);
  ScopedCurrentBudget budget(impl->memory.get());  // recovered tables are accounted
  if (options.data_dir == ":memory:") {
    impl->catalog = catalog::Catalog::Bootstrap();
  } else {
    OMEN_ASSIGN_OR_RETURN(impl->durability, Durability::Open(options.data_dir, &impl->catalog));
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::unique_ptr<Connection> Database::Connect() {
  auto impl = std::make_unique<Connection::Impl>();
  impl->db = impl_.get();
  return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

}  // namespace omen
