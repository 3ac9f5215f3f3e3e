#include "server/auth.h"

#include <fstream>
#include <optional>

#include "server/scram.h"

namespace omen::server {

namespace {

constexpr SqlState kInvalidAuthorizationSpecification{"28000"};
// AuthenticationRequest codes.
constexpr int32_t kAuthOk = 0;
constexpr int32_t kAuthSasl = 10;
constexpr int32_t kAuthSaslContinue = 11;
constexpr int32_t kAuthSaslFinal = 12;

void WriteAuth(MessageWriter* w, int32_t code, std::string_view data = {}) {
  w->Begin('R');
  w->Int32(code);
  w->Bytes(data);
  w->End();
}

Status NotPermitted(const std::string& user) {
  return Status(kInvalidAuthorizationSpecification,
                "role \"" + user + "\" is not permitted to log in");
}

// Reads the client's next SASL message ('p'). 08006 if the client left.
Result<std::string> ReadSaslMessage(MessageReader* reader) {
  Message m;
  OMEN_ASSIGN_OR_RETURN(bool got, reader->ReadMessage(&m));
  if (!got) return Status(kConnectionFailure, "client disconnected during authentication");
  if (m.type != 'p') {
    return Status(sqlstate::kProtocolViolation,
                  "expected SASL response, got message type " +
                      std::to_string(static_cast<int>(static_cast<unsigned char>(m.type))));
  }
  return std::move(m.body);
}

// The client-first-message from a SASLInitialResponse body.
Result<std::string> ClientFirst(const std::string& body) {
  BodyReader r(body);
  std::string_view mechanism = r.CString();
  int32_t length = r.Int32();
  OMEN_RETURN_IF_ERROR(r.status(false));
  if (mechanism != kScramMechanism) {
    return Status(sqlstate::kProtocolViolation,
                  "client selected an invalid SASL authentication mechanism");
  }
  // PostgreSQL's pq_getmsgbytes / pq_getmsgend errors.
  if (length < 0 || static_cast<size_t>(length) > r.remaining()) {
    return Status(sqlstate::kProtocolViolation, "insufficient data left in message");
  }
  if (static_cast<size_t>(length) < r.remaining()) {
    return Status(sqlstate::kProtocolViolation, "invalid message format");
  }
  std::string data(r.Bytes(r.remaining()));
  OMEN_RETURN_IF_ERROR(r.status());
  return data;
}

Status RunScram(MessageReader* reader, MessageWriter* writer, const StartupInfo& info,
                const std::optional<RoleLogin>& role) {
  ScramExchange scram(info.user, role.has_value() ? role->password : std::string());
  // AuthenticationSASL: the mechanism list, NUL-terminated, then an empty name.
  std::string mechanisms = std::string(kScramMechanism) + '\0' + '\0';
  WriteAuth(writer, kAuthSasl, mechanisms);
  OMEN_RETURN_IF_ERROR(writer->Flush());
  OMEN_ASSIGN_OR_RETURN(std::string initial, ReadSaslMessage(reader));
  OMEN_ASSIGN_OR_RETURN(std::string client_first, ClientFirst(initial));
  OMEN_ASSIGN_OR_RETURN(std::string server_first, scram.HandleClientFirst(client_first));
  WriteAuth(writer, kAuthSaslContinue, server_first);
  OMEN_RETURN_IF_ERROR(writer->Flush());
  OMEN_ASSIGN_OR_RETURN(std::string client_final, ReadSaslMessage(reader));
  OMEN_ASSIGN_OR_RETURN(std::string server_final, scram.HandleClientFinal(client_final));
  if (!role.has_value() || !role->can_login) return NotPermitted(info.user);
  WriteAuth(writer, kAuthSaslFinal, server_final);
  WriteAuth(writer, kAuthOk);
  return Status::OK();
}

}  // namespace

Status SetBootstrapPassword(Database* db, const std::string& path) {
  std::ifstream in(path);
  std::string password;
  if (!in || !std::getline(in, password)) {
    return Status(sqlstate::kIoError, "could not read password file \"" + path + "\"");
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    return Status(sqlstate::kInvalidParameterValue, "password file \"" + path + "\" is empty");
  }
  std::string literal = "'";
  for (char c : password) {
    if (c == '\'') literal.push_back('\'');
    literal.push_back(c);
  }
  literal += "'";
  auto conn = db->Connect();
  return conn->Execute("ALTER ROLE postgres PASSWORD " + literal).status();
}

Result<AuthMode> ParseAuthMode(std::string_view text) {
  if (text == "default") return AuthMode::kDefault;
  if (text == "scram") return AuthMode::kScram;
  return Status(sqlstate::kInvalidParameterValue,
                "invalid --auth value \"" + std::string(text) + "\": use default or scram");
}

Status Authenticate(MessageReader* reader, MessageWriter* writer, const StartupInfo& info,
                    Database* db, AuthMode mode) {
  std::optional<RoleLogin> role = db->LookupRole(info.user);
  bool has_password = role.has_value() && !role->password.empty();
  bool trusted = mode == AuthMode::kDefault && info.peer_is_loopback && !has_password;
  if (!trusted) return RunScram(reader, writer, info, role);
  if (!role.has_value()) {
    return Status(kInvalidAuthorizationSpecification, "role \"" + info.user + "\" does not exist");
  }
  if (!role->can_login) return NotPermitted(info.user);
  WriteAuth(writer, kAuthOk);
  return Status::OK();
}

}  // namespace omen::server
