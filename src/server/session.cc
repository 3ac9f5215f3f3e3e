#include "server/session.h"

#include <arpa/inet.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include <string_view>
#include <utility>

#include "server/auth.h"
#include "server/plain_stream.h"
#include "server/server.h"
#include "server/tls.h"

namespace omen::server {

namespace {

// The settings PostgreSQL 15 reports in ParameterStatus (GUC_REPORT), in its
// order, with the engine setting each one reads ("" for fixed values).
struct Reported {
  const char* name;
  const char* setting;
};
constexpr Reported kReported[] = {
    {"application_name", "application_name"},
    {"client_encoding", "client_encoding"},
    {"DateStyle", "datestyle"},
    {"default_transaction_read_only", "default_transaction_read_only"},
    {"in_hot_standby", ""},
    {"integer_datetimes", "integer_datetimes"},
    {"IntervalStyle", "intervalstyle"},
    {"is_superuser", "is_superuser"},
    {"server_encoding", "server_encoding"},
    {"server_version", "server_version"},
    {"session_authorization", ""},
    {"standard_conforming_strings", "standard_conforming_strings"},
    {"TimeZone", "timezone"},
};

bool IsSettingName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string QuoteLiteral(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

Session::Session(Server* server, int fd, std::string peer_host, int peer_port)
    : server_(server),
      fd_(fd),
      stream_(std::make_unique<PlainStream>(fd)),
      reader_(stream_.get()),
      writer_(stream_.get()),
      peer_host_(std::move(peer_host)),
      peer_port_(peer_port) {}

Session::~Session() {
  if (registered_) server_->Unregister(pid_);
  portals_.clear();
  statements_.clear();
  conn_.reset();
  if (admitted_) server_->Release();
  server_->ForgetSocket(fd_);
}

bool Session::WaitWhileIdle() {
  int64_t ms = conn_->IdleTimeoutMs();
  if (ms <= 0 || reader_.HasBuffered() || stream_->HasPending()) return true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1 << 30)));
    if (n > 0) return true;  // a message, the end of the stream or an error: read it
    if (n < 0 && errno != EINTR) return true;
  }
  // PostgreSQL's IdleInTransactionSessionTimeout: FATAL, and the session's
  // transaction is rolled back as the connection goes (~Session).
  SendFatal(Status(sqlstate::kIdleInTransactionSessionTimeout,
                   "terminating connection due to idle-in-transaction timeout"));
  return false;
}

void Session::Run() {
  if (!Startup()) return;
  for (;;) {
    if (!WaitWhileIdle()) break;
    Message m;
    Result<bool> got = reader_.ReadMessage(&m);
    if (!got.ok()) {
      if (got.status().code() == sqlstate::kProtocolViolation) SendFatal(got.status());
      ServerLog("LOG", "connection of " + user_ + " ended: " + got.status().message());
      break;
    }
    if (!*got) {
      if (server_->shutting_down()) {
        SendFatal(Status(kAdminShutdown, "terminating connection due to administrator command"));
      }
      break;
    }
    if (Dispatch(m) == Outcome::kClose) break;
  }
  ServerLog("LOG", "disconnection: user=" + user_ + " host=" + peer_host_ + " port=" +
                       std::to_string(peer_port_));
}

bool Session::Startup() {
  for (;;) {
    std::string body;
    Result<bool> got = reader_.ReadStartupPacket(&body);
    if (!got.ok()) {
      if (got.status().code() == sqlstate::kProtocolViolation) SendFatal(got.status());
      ServerLog("LOG", "startup from " + peer_host_ + " failed: " + got.status().message());
      return false;
    }
    if (!*got) return false;
    BodyReader r(body);
    int32_t code = r.Int32();
    if (code == kSslRequestCode || code == kGssEncRequestCode) {
      // TLS: with --tls-cert/--tls-key, the handshake replaces stream_ after 'S'.
      bool tls = code == kSslRequestCode && server_->tls() != nullptr && !tls_active_;
      if (!writer_.WriteRawByte(tls ? 'S' : 'N').ok()) return false;
      if (reader_.HasBuffered()) {
        SendFatal(Status(sqlstate::kProtocolViolation,
                         "received unencrypted data after SSL request"));
        return false;
      }
      if (tls && !StartTls()) return false;
      continue;
    }
    if (code == kCancelRequestCode) {
      int32_t pid = r.Int32();
      int32_t key = r.Int32();
      if (r.status().ok()) server_->Cancel(pid, key);
      return false;
    }
    if ((code >> 16) != 3) {
      SendFatal(Status(sqlstate::kFeatureNotSupported,
                       "unsupported frontend protocol " + std::to_string(code >> 16) + "." +
                           std::to_string(code & 0xffff) +
                           ": server supports 3.0 to 3.0"));
      return false;
    }
    Result<StartupInfo> info = ParseStartupMessage(body);
    if (!info.ok()) {
      SendFatal(info.status());
      return false;
    }
    info->peer_host = peer_host_;
    info->peer_is_loopback = peer_host_ == "127.0.0.1" || peer_host_ == "::1" ||
                             peer_host_.rfind("127.", 0) == 0 || peer_host_ == "[local]";
    Status s = FinishStartup(*info);
    if (!s.ok()) {
      SendFatal(s);
      return false;
    }
    return true;
  }
}

bool Session::StartTls() {
  Result<std::unique_ptr<Stream>> tls = server_->tls()->Accept(std::move(stream_));
  if (!tls.ok()) {
    ServerLog("LOG", tls.status().message());
    return false;
  }
  stream_ = std::move(*tls);
  reader_.set_stream(stream_.get());
  writer_.set_stream(stream_.get());
  tls_active_ = true;
  return true;
}

Status Session::FinishStartup(const StartupInfo& info) {
  user_ = info.user;
  ServerLog("LOG", "connection received: host=" + peer_host_ + " port=" + std::to_string(peer_port_));
  if (!server_->Admit()) {
    return Status(sqlstate::kTooManyConnections, "sorry, too many clients already");
  }
  admitted_ = true;
  // A minor version above 0 or _pq_ options: tell the client what we speak.
  std::vector<std::string> unknown_options;
  for (const auto& [name, value] : info.params) {
    if (name.rfind("_pq_.", 0) == 0) unknown_options.push_back(name);
  }
  if ((info.protocol & 0xffff) != 0 || !unknown_options.empty()) {
    writer_.Begin('v');
    writer_.Int32(kProtocol30);
    writer_.Int32(static_cast<int32_t>(unknown_options.size()));
    for (const std::string& o : unknown_options) writer_.CString(o);
    writer_.End();
  }
  // The authentication exchange, in one place (auth.h has the policy).
  OMEN_RETURN_IF_ERROR(Authenticate(&reader_, &writer_, info, server_->database(),
                                    server_->options().auth));
  // As PostgreSQL: the database is checked after authentication (no probing without a password).
  if (info.database != "postgres") {
    return Status(sqlstate::kInvalidCatalogName,
                  "database \"" + info.database + "\" does not exist");
  }
  conn_ = server_->database()->Connect();
  conn_->SetSessionUser(info.user);
  OMEN_RETURN_IF_ERROR(ApplyStartupSettings(info));
  application_name_ = info.application_name;
  for (const Reported& r : kReported) {
    std::string value;
    if (std::string(r.name) == "in_hot_standby") {
      value = "off";
    } else if (std::string(r.name) == "session_authorization") {
      value = user_;
    } else {
      value = conn_->GetSetting(r.setting);
    }
    SendParameterStatus(r.name, value);
  }
  int32_t key = 0;
  server_->Register(conn_.get(), &pid_, &key);
  registered_ = true;
  writer_.Begin('K');
  writer_.Int32(pid_);
  writer_.Int32(key);
  writer_.End();
  ServerLog("LOG", "connection authorized: user=" + user_ + " database=" + info.database +
                       (info.application_name.empty()
                            ? std::string()
                            : " application_name=" + info.application_name));
  return SendReadyForQuery();
}

Status Session::ApplyStartupSettings(const StartupInfo& info) {
  std::vector<std::pair<std::string, std::string>> settings;
  OMEN_ASSIGN_OR_RETURN(settings, ParseOptionsParameter(info.options));
  for (const auto& p : info.params) {
    if (p.first.rfind("_pq_.", 0) != 0) settings.push_back(p);
  }
  if (!info.application_name.empty()) settings.emplace_back("application_name", info.application_name);
  for (const auto& [name, value] : settings) {
    if (!IsSettingName(name)) {
      return Status(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + name + "\"");
    }
    Result<QueryResult> r = conn_->Execute("SET " + name + " = " + QuoteLiteral(value));
    if (!r.ok()) return r.status();
  }
  return Status::OK();
}

void Session::SendParameterStatus(const std::string& name, const std::string& value) {
  writer_.Begin('S');
  writer_.CString(name);
  writer_.CString(value);
  writer_.End();
  reported_[name] = value;
}

Status Session::SendReadyForQuery() {
  for (const Reported& r : kReported) {
    if (r.setting[0] == '\0') continue;
    std::string value = conn_->GetSetting(r.setting);
    auto it = reported_.find(r.name);
    if (it == reported_.end() || it->second != value) SendParameterStatus(r.name, value);
  }
  writer_.Begin('Z');
  writer_.Byte(static_cast<uint8_t>(conn_->TransactionStatus()));
  writer_.End();
  return writer_.Flush();
}

void Session::SendFatal(const Status& s) {
  ServerLog("FATAL", s.message() + " (SQLSTATE " + std::string(s.code().code()) + ")");
  WriteErrorOrNotice(&writer_, s, Severity::kFatal);
  (void)writer_.Flush();
}

void Session::SendError(const Status& s) {
  if (s.code() == sqlstate::kIdleInTransactionSessionTimeout) {
    fatal_ = s;  // the engine ended the session (idle_reaper.h): FATAL, then close
    return;
  }
  ServerLog("ERROR", s.message() + " (SQLSTATE " + std::string(s.code().code()) + ")");
  WriteErrorOrNotice(&writer_, s, Severity::kError);
}

void Session::SendNotices(const QueryResult& r) {
  // The engine marks warnings with psql's "WARNING:  " prefix (main/connection.cc).
  static constexpr std::string_view kWarning = "WARNING:  ";
  for (const std::string& n : r.notices()) {
    if (n.compare(0, kWarning.size(), kWarning) == 0) {
      std::string message = n.substr(kWarning.size());
      // PostgreSQL's codes for its transaction-state warnings.
      SqlState code = message == "there is no transaction in progress"
                          ? SqlState("25P01")
                          : message == "there is already a transaction in progress"
                                ? SqlState("25001")
                                : SqlState("01000");
      WriteNotice(&writer_, code, message, Severity::kWarning);
      continue;
    }
    WriteNotice(&writer_, sqlstate::kSuccessfulCompletion, n, Severity::kNotice);
  }
}

Session::Outcome Session::Dispatch(const Message& m) {
  if (skipping_to_sync_ && m.type != 'S' && m.type != 'X') return Outcome::kContinue;
  Status s;
  switch (m.type) {
    case 'Q':
      s = SimpleQuery(m);
      if (s.ok() && fatal_.ok()) s = SendReadyForQuery();
      break;
    case 'P': s = Parse(m); break;
    case 'B': s = Bind(m); break;
    case 'D': s = Describe(m); break;
    case 'E': s = Execute(m); break;
    case 'C': s = Close(m); break;
    case 'H': s = writer_.Flush(); break;
    case 'S':
      skipping_to_sync_ = false;
      // Portals do not outlive their transaction.
      if (conn_->TransactionStatus() == 'I') portals_.clear();
      s = SendReadyForQuery();
      break;
    case 'X':
      return Outcome::kClose;
    case 'd':
    case 'c':
    case 'f':
      // CopyData/CopyDone/CopyFail after a failed COPY: ignored, as PostgreSQL does.
      return Outcome::kContinue;
    case 'F':
      s = Status(sqlstate::kFeatureNotSupported, "the function call protocol is not supported");
      break;
    default:
      SendFatal(Status(sqlstate::kProtocolViolation,
                       "invalid frontend message type " + std::to_string(static_cast<uint8_t>(m.type))));
      return Outcome::kClose;
  }
  if (!fatal_.ok()) {
    SendFatal(fatal_);
    return Outcome::kClose;
  }
  if (s.ok()) return Outcome::kContinue;
  if (s.code() == kConnectionFailure) {
    ServerLog("LOG", "connection of " + user_ + " lost: " + s.message());
    return Outcome::kClose;
  }
  // An extended-query message failed: report it and discard until Sync.
  SendError(s);
  skipping_to_sync_ = true;
  return Outcome::kContinue;
}

}  // namespace omen::server
