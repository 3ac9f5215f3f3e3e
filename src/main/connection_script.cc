// Implicit transaction blocks: the statements of one multi-statement script
// (a simple-protocol Query message, Connection::ExecuteAll) run as one
// transaction, as PostgreSQL 15 runs them. An error rolls back everything
// the message did since the block began; BEGIN inside the message makes the
// block explicit (the statements before it become part of that
// transaction); COMMIT and ROLLBACK end the block (with PostgreSQL's
// "there is no transaction in progress" warning), and the next statement
// opens a new one.

#include "common/sqlstate.h"
#include "main/database_impl.h"

namespace omen {

void Connection::Impl::BeginImplicitBlock() {
  if (state != TxnState::kIdle) return;
  state = TxnState::kBlock;
  implicit_block = true;
}

bool Connection::Impl::RunInImplicitBlock(const sql::BoundStatement& stmt, Status* status,
                                          QueryResult* out) {
  if (!implicit_block || stmt.kind != sql::StatementKind::kTransaction) return false;
  using T = sql::TransactionInfo::Kind;
  *status = Status::OK();
  switch (stmt.txn.kind) {
    case T::kBegin:
      implicit_block = false;  // state stays kBlock: now an explicit block
      QueryResultBuilder::SetTag(out, "BEGIN");
      if (!stmt.txn.isolation.empty()) {
        *status = settings.Set("transaction_isolation", stmt.txn.isolation, true);
      }
      return true;
    case T::kCommit:
    case T::kRollback: {
      bool commit = stmt.txn.kind == T::kCommit;
      QueryResultBuilder::AddNotice(out, "WARNING:  there is no transaction in progress");
      QueryResultBuilder::SetTag(out, commit ? "COMMIT" : "ROLLBACK");
      *status = EndImplicitBlock(commit);
      return true;
    }
    case T::kSavepoint:
      *status = Status(sqlstate::kNoActiveSqlTransaction,
                       "SAVEPOINT can only be used in transaction blocks");
      return true;
    case T::kRelease:
    case T::kRollbackTo:
      *status = Status(sqlstate::kNoActiveSqlTransaction,
                       std::string(stmt.txn.kind == T::kRelease ? "RELEASE SAVEPOINT"
                                                                : "ROLLBACK TO SAVEPOINT") +
                           " can only be used in transaction blocks");
      return true;
  }
  return false;
}

Status Connection::Impl::EndImplicitBlock(bool commit) {
  if (!implicit_block) return Status::OK();
  implicit_block = false;
  if (commit && state == TxnState::kBlock) return Commit();
  Rollback();
  return Status::OK();
}

}  // namespace omen
