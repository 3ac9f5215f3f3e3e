#pragma once
// TLS for client connections (OpenSSL). A TlsContext holds the server's
// certificate and key (--tls-cert, --tls-key), loaded once at start; after a
// client's SSLRequest has been answered 'S', Accept() runs the handshake on
// the connection's socket and returns a TlsStream that replaces the plain
// stream for the rest of the session.
//
// Invariants:
//  1. TLS 1.2 or newer; the context is immutable after Load() and shared by
//     every session thread (OpenSSL's SSL_CTX is safe for that).
//  2. A TlsStream owns its SSL object and the plain stream under it (the
//     socket); it is used by one session thread only. OpenSSL reaches the
//     socket only through that Stream (a BIO over it), so a vanished client
//     is an 08006 error, never a SIGPIPE.
//  3. Peer certificates are not requested (clients authenticate by password).

#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "common/status.h"
#include "server/stream.h"

namespace omen::server {

class TlsContext {
 public:
  // Loads a PEM certificate chain and its private key. 58030 when a file
  // cannot be read, 22023 when the key does not match the certificate.
  static Result<std::unique_ptr<TlsContext>> Load(const std::string& cert_file,
                                                  const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // Runs the server handshake over `plain` (taken over: the connection's
  // socket stream). 08006 "could not accept SSL connection: ..." when the
  // handshake fails.
  Result<std::unique_ptr<Stream>> Accept(std::unique_ptr<Stream> plain) const;

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
};

// What a TlsStream's BIO reads and writes through (tls.cc).
struct TlsTransport {
  std::unique_ptr<Stream> plain;
  bool failed = false;  // the plain stream reported an error (not end of stream)
};

class TlsStream : public Stream {
 public:
  // Takes ownership of `ssl` (handshake done, its BIO over transport->plain).
  TlsStream(SSL* ssl, std::unique_ptr<TlsTransport> transport)
      : ssl_(ssl), transport_(std::move(transport)) {}
  ~TlsStream() override;
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  // Decrypted bytes; 0 when the peer closed (close_notify or EOF). 08006 on errors.
  Result<size_t> Read(void* buf, size_t n) override;
  bool HasPending() const override { return SSL_pending(ssl_) > 0; }
  // Encrypts and writes all n bytes. 08006 when the client is gone.
  Status Write(const void* buf, size_t n) override;
  // The negotiated protocol, e.g. "TLSv1.3" (for the log).
  std::string Version() const { return SSL_get_version(ssl_); }

 private:
  SSL* ssl_;
  std::unique_ptr<TlsTransport> transport_;
};

}  // namespace omen::server
