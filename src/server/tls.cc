#include "server/tls.h"

#include <openssl/bio.h>
#include <openssl/err.h>

#include <utility>

#include "server/pg_message.h"

namespace omen::server {

namespace {

// The oldest queued OpenSSL error as text, and the queue cleared.
std::string OpenSslError() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unexpected end of stream or I/O error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof(buf));
  return buf;
}

// A BIO over a TlsTransport's plain Stream (blocking, so never a retry).
int TransportRead(BIO* bio, char* buf, size_t n, size_t* got) {
  auto* t = static_cast<TlsTransport*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  Result<size_t> r = t->plain->Read(buf, n);
  if (!r.ok()) t->failed = true;
  if (!r.ok() || *r == 0) return 0;
  *got = *r;
  return 1;
}

int TransportWrite(BIO* bio, const char* buf, size_t n, size_t* wrote) {
  auto* t = static_cast<TlsTransport*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  if (!t->plain->Write(buf, n).ok()) {
    t->failed = true;
    return 0;
  }
  *wrote = n;
  return 1;
}

long TransportCtrl(BIO*, int cmd, long, void*) { return cmd == BIO_CTRL_FLUSH ? 1 : 0; }

int TransportCreate(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

const BIO_METHOD* TransportMethod() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "omen stream");
    BIO_meth_set_read_ex(m, TransportRead);
    BIO_meth_set_write_ex(m, TransportWrite);
    BIO_meth_set_ctrl(m, TransportCtrl);
    BIO_meth_set_create(m, TransportCreate);
    return m;
  }();
  return method;
}

}  // namespace

Result<std::unique_ptr<TlsContext>> TlsContext::Load(const std::string& cert_file,
                                                     const std::string& key_file) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) {
    return Status(sqlstate::kIoError, "could not create SSL context: " + OpenSslError());
  }
  std::unique_ptr<TlsContext> out(new TlsContext(ctx));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);
  // The key first: a certificate that does not match it then shows in
  // SSL_CTX_check_private_key rather than as an unreadable key file.
  if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return Status(sqlstate::kIoError,
                  "could not load private key file \"" + key_file + "\": " + OpenSslError());
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) {
    return Status(sqlstate::kIoError, "could not load server certificate file \"" + cert_file +
                                          "\": " + OpenSslError());
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    return Status(sqlstate::kInvalidParameterValue,
                  "private key file \"" + key_file + "\" does not match server certificate");
  }
  return out;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

Result<std::unique_ptr<Stream>> TlsContext::Accept(std::unique_ptr<Stream> plain) const {
  auto transport = std::make_unique<TlsTransport>();
  transport->plain = std::move(plain);
  SSL* ssl = SSL_new(ctx_);
  BIO* bio = BIO_new(TransportMethod());
  if (ssl == nullptr || bio == nullptr) {
    SSL_free(ssl);
    BIO_free(bio);
    return Status(kConnectionFailure, "could not initialize SSL connection: " + OpenSslError());
  }
  BIO_set_data(bio, transport.get());
  SSL_set_bio(ssl, bio, bio);  // ssl owns bio
  if (SSL_accept(ssl) != 1) {
    std::string why = OpenSslError();
    SSL_free(ssl);
    return Status(kConnectionFailure, "could not accept SSL connection: " + why);
  }
  return std::unique_ptr<Stream>(new TlsStream(ssl, std::move(transport)));
}

TlsStream::~TlsStream() {
  if (!transport_->failed) SSL_shutdown(ssl_);  // best-effort close_notify
  SSL_free(ssl_);
  ERR_clear_error();
}

Result<size_t> TlsStream::Read(void* buf, size_t n) {
  size_t got = 0;
  if (SSL_read_ex(ssl_, buf, n, &got) == 1) return got;
  int err = SSL_get_error(ssl_, 0);
  if (err == SSL_ERROR_ZERO_RETURN) return size_t{0};  // close_notify
  if (err == SSL_ERROR_SYSCALL && !transport_->failed) {
    ERR_clear_error();
    return size_t{0};  // the peer closed without close_notify
  }
  return Status(kConnectionFailure, "SSL error: " + OpenSslError());
}

Status TlsStream::Write(const void* buf, size_t n) {
  size_t wrote = 0;
  // With a blocking transport SSL_write_ex writes everything or fails.
  if (n == 0 || SSL_write_ex(ssl_, buf, n, &wrote) == 1) return Status::OK();
  transport_->failed = true;
  return Status(kConnectionFailure, "could not send data to client: " + OpenSslError());
}

}  // namespace omen::server
