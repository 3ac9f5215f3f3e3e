#pragma once
// The PostgreSQL wire-protocol server (protocol v3 as PostgreSQL 15 speaks it).
//
// Design note.
// Threads: one acceptor (Server::Run) and one thread per client connection
// (Session), blocking sockets throughout, so an idle session sleeps in recv()
// and costs no CPU. A Session owns its socket Stream, its omen::Connection and
// its prepared statements and portals; nothing of it is shared except through
// the Server's registry below.
//
// Session states (session.h):
//   kStartup   -> reading the startup packet (SSLRequest/GSSENCRequest/
//                 CancelRequest/StartupMessage), then authentication
//   kReady     -> waiting for a message; ReadyForQuery has been sent
//   kExtended  -> inside an extended-query batch (Parse/Bind/Execute... until Sync)
//   kSkipping  -> an extended-query message failed: discarding until Sync
//   kCopyIn / kCopyOut -> inside a COPY sub-protocol of a simple query
//   kClosed    -> Terminate, end of stream, a protocol violation or shutdown
//
// Invariants:
//  1. Only the session thread reads from or writes to its Stream. Other
//     threads touch a session only through Connection::Cancel() (thread-safe)
//     and by shutting the socket down (Server::Shutdown), both under
//     Server::mutex_, and the session unregisters under the same mutex before
//     its Connection is destroyed.
//  2. At most max_connections sessions are admitted (counted from the
//     StartupMessage until the session ends); the next one gets FATAL 53300.
//     CancelRequests and refused startups are never counted.
//  3. Every error the client can cause ends in an ErrorResponse: ERROR for
//     statement errors (the session continues), FATAL for startup and protocol
//     violations (the connection is then closed). No other session notices.
//  4. ReadyForQuery carries Connection::TransactionStatus(); reported
//     settings (ParameterStatus) that changed are sent just before it, as
//     PostgreSQL 14+ does.
//  5. Nothing reaches the client before a Sync, Flush, the end of a simple
//     query, or a full output buffer (MessageWriter buffers).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "common/status.h"
#include "omendb/omendb.h"
#include "server/auth.h"
#include "server/tls.h"

namespace omen::server {

struct ServerOptions {
  std::string data_dir = "./data";
  int port = 5433;
  std::string listen_address = "127.0.0.1";
  int max_connections = 200;
  std::string tls_cert;  // both set: SSLRequest is answered with a TLS handshake
  std::string tls_key;
  AuthMode auth = AuthMode::kDefault;  // --auth (auth.h has the policy)
  // --password-file: its first line becomes the bootstrap superuser's
  // (postgres) password at start, as initdb --pwfile does. Empty: none.
  std::string password_file;
  // --memory-budget: DatabaseOptions::memory_budget in bytes (0: default).
  int64_t memory_budget = 0;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();

  // Opens the database and the listening socket (log lines on stderr).
  // Errors: the database's, or 08006-class errors for the socket.
  Status Start();
  // Accepts connections until Shutdown() (or SIGTERM/SIGINT when
  // InstallSignalHandlers() was called), then ends every session and returns
  // once all session threads are done. REQUIRES: Start() succeeded.
  Status Run();
  // Asks Run() to stop. Async-signal-safe.
  void Shutdown();
  // SIGTERM and SIGINT call Shutdown() on this server; SIGPIPE is ignored.
  void InstallSignalHandlers();
  // The port actually bound (useful with port 0).
  int port() const { return bound_port_; }

  // --- for sessions (thread-safe) ---
  const ServerOptions& options() const { return options_; }
  Database* database() { return db_.get(); }
  // The TLS context when --tls-cert/--tls-key were given, else null.
  const TlsContext* tls() const { return tls_.get(); }
  // Admits one more session unless max_connections are in use.
  bool Admit();
  void Release();
  // Registers a running session for CancelRequest and shutdown; returns its
  // process id and secret key for BackendKeyData.
  void Register(Connection* conn, int32_t* pid, int32_t* key);
  void Unregister(int32_t pid);
  // Cancels the statement running in session `pid` when `key` matches.
  void Cancel(int32_t pid, int32_t key);
  bool shutting_down() const { return stop_.load(); }
  // A session's socket is about to be closed: Shutdown must no longer touch it.
  void ForgetSocket(int fd);

 private:
  struct Registered {
    Connection* conn;
    int32_t key;
  };
  void SessionThread(int fd, std::string peer_host, int peer_port);

  ServerOptions options_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<TlsContext> tls_;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};  // Shutdown() writes a byte: wakes poll() in Run()
  int bound_port_ = 0;
  std::atomic<bool> stop_{false};

  std::mutex mutex_;
  std::condition_variable all_done_;
  int threads_ = 0;     // session threads alive, guarded by mutex_
  int admitted_ = 0;    // guarded by mutex_
  int32_t next_pid_ = 0;
  std::map<int32_t, Registered> sessions_;  // guarded by mutex_
  std::set<int> sockets_;                   // open session sockets, guarded by mutex_
};

// Writes one line "<timestamp> UTC LOG:  <text>" to stderr (the server log). Thread-safe.
void ServerLog(const std::string& level, const std::string& text);

}  // namespace omen::server
