#pragma once
// Session: one client connection's protocol state machine (states and
// invariants in server.h). Runs on its own thread: Run() returns when the
// client terminates, breaks the protocol or the server shuts down.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "omendb/omendb.h"
#include "server/pg_message.h"
#include "server/startup.h"
#include "server/stream.h"

namespace omen::server {

class Server;

class Session {
 public:
  // `fd` is a connected socket, owned from now on.
  Session(Server* server, int fd, std::string peer_host, int peer_port);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Run();

 private:
  // A prepared statement: null `stmt` for an empty query string and for
  // DEALLOCATE (`deallocate` set), which the session runs itself.
  struct Statement {
    std::string sql;
    std::unique_ptr<PreparedStatement> stmt;
    bool deallocate = false;
    std::string deallocate_name;  // "" for DEALLOCATE ALL
    // The result columns as of Parse: what Describe reports. A Bind after DDL
    // that changes them fails with 0A000, as PostgreSQL's plan cache does.
    std::vector<std::string> column_names;
    std::vector<Type> column_types;
  };
  // A bound portal; `result` is filled at its first Execute and handed out
  // in pieces of Execute's row limit.
  struct Portal {
    std::shared_ptr<Statement> statement;
    std::vector<Value> params;
    std::vector<int16_t> formats;  // one per result column
    bool executed = false;
    QueryResult result;
    size_t next_row = 0;
  };
  enum class Outcome : uint8_t { kContinue, kClose };

  // session.cc
  bool Startup();
  Status FinishStartup(const StartupInfo& info);
  // After answering 'S' to SSLRequest: the TLS handshake; stream_ becomes a
  // TlsStream. False (logged) when the handshake fails.
  bool StartTls();
  Status ApplyStartupSettings(const StartupInfo& info);
  Outcome Dispatch(const Message& m);
  // Before reading the next message: inside a transaction block with
  // idle_in_transaction_session_timeout set, waits at most that long for
  // the client; on timeout sends FATAL 25P03 and returns false (the session
  // ends, rolling its transaction back).
  bool WaitWhileIdle();
  Status SendReadyForQuery();
  void SendParameterStatus(const std::string& name, const std::string& value);
  void SendFatal(const Status& s);
  void SendNotices(const QueryResult& r);

  // session_simple.cc: the simple query protocol and COPY.
  Status SimpleQuery(const Message& m);
  // SQL-level DEALLOCATE [PREPARE] { name | ALL } (session_simple.cc), which
  // drivers (psycopg 3) send, by either protocol, to drop this session's
  // named prepared statements. ParseDeallocate: whether `sql` is one such
  // statement (*name: "" for ALL). RunDeallocate writes CommandComplete or
  // returns 26000 / 25P02.
  static bool ParseDeallocate(std::string_view sql, std::string* name);
  Status RunDeallocate(const std::string& name);
  Status SendResult(const QueryResult& r);
  Status RunCopyFrom(std::string_view sql);
  Status RunCopyTo(std::string_view sql);

  // session_extended.cc
  Status Parse(const Message& m);
  Status Bind(const Message& m);
  Status Describe(const Message& m);
  Status Execute(const Message& m);
  Status Close(const Message& m);
  // 0A000 when DDL since Parse changed the statement's result columns.
  Status CheckResultUnchanged(const Statement& st);
  // Bind's parameter formats and values, decoded to the statement's parameter types.
  Status DecodeParameters(BodyReader* r, const Statement& st, const std::string& name,
                          std::vector<Value>* out);

  // An ERROR for a statement: sent, and in extended mode skip to Sync.
  void SendError(const Status& s);

  Server* server_;
  int fd_;
  std::unique_ptr<Stream> stream_;
  MessageReader reader_;
  MessageWriter writer_;
  std::string peer_host_;
  int peer_port_;
  std::string user_;
  std::string application_name_;
  std::unique_ptr<Connection> conn_;
  int32_t pid_ = 0;
  bool admitted_ = false;
  bool registered_ = false;
  bool tls_active_ = false;
  // A connection-level failure (I/O error, protocol violation) seen inside a
  // COPY callback: the session ends after reporting it.
  Status fatal_;
  bool skipping_to_sync_ = false;
  std::map<std::string, std::shared_ptr<Statement>> statements_;
  std::map<std::string, Portal> portals_;
  std::map<std::string, std::string> reported_;  // ParameterStatus values last sent
};

}  // namespace omen::server
