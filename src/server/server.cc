#include "server/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iostream>
#include <random>
#include <thread>

#include "server/pg_message.h"
#include "server/session.h"
#include "server/tls.h"

namespace omen::server {

namespace {

std::mutex g_log_mutex;
Server* g_signal_server = nullptr;

void OnSignal(int) {
  if (g_signal_server != nullptr) g_signal_server->Shutdown();
}

Status SocketError(const std::string& what) {
  return Status(kConnectionFailure, what + ": " + std::strerror(errno));
}

void PeerName(const sockaddr_storage& addr, std::string* host, int* port) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof(buf));
    *port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof(buf));
    *port = ntohs(a->sin6_port);
  }
  *host = buf;
}

}  // namespace

void ServerLog(const std::string& level, const std::string& text) {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  int ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm;
  gmtime_r(&t, &tm);
  char stamp[64];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof(millis), ".%03d", ms);
  std::lock_guard<std::mutex> l(g_log_mutex);
  std::cerr << stamp << millis << " UTC " << level << ":  " << text << std::endl;
}

Server::Server(ServerOptions options) : options_(std::move(options)) {}

Server::~Server() {
  if (listen_fd_ >= 0) close(listen_fd_);
  for (int fd : wake_pipe_) {
    if (fd >= 0) close(fd);
  }
  if (g_signal_server == this) g_signal_server = nullptr;
}

Status Server::Start() {
  if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
    OMEN_ASSIGN_OR_RETURN(tls_, TlsContext::Load(options_.tls_cert, options_.tls_key));
  }
  if (options_.max_connections < 1) {
    return Status(sqlstate::kInvalidParameterValue, "max_connections must be at least 1");
  }
  OMEN_ASSIGN_OR_RETURN(db_, Database::Open({.data_dir = options_.data_dir,
                                                 .memory_budget = options_.memory_budget}));
  if (!options_.password_file.empty()) {
    OMEN_RETURN_IF_ERROR(SetBootstrapPassword(db_.get(), options_.password_file));
  }
  if (pipe2(wake_pipe_, O_CLOEXEC) != 0) return SocketError("could not create pipe");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  std::string host = options_.listen_address == "*" ? "" : options_.listen_address;
  addrinfo* res = nullptr;
  std::string port = std::to_string(options_.port);
  int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &res);
  if (rc != 0) {
    return Status(kConnectionFailure, "could not resolve listen address \"" +
                                          options_.listen_address + "\": " + gai_strerror(rc));
  }
  Status last = Status(kConnectionFailure, "no usable listen address");
  for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last = SocketError("could not create socket");
      continue;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
      last = SocketError("could not bind to " + options_.listen_address + ":" + port);
      close(fd);
      continue;
    }
    listen_fd_ = fd;
    break;
  }
  freeaddrinfo(res);
  if (listen_fd_ < 0) return last;
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  std::string bound_host;
  PeerName(addr, &bound_host, &bound_port_);
  ServerLog("LOG", "listening on " + bound_host + " port " + std::to_string(bound_port_) +
                       ", data " + options_.data_dir + ", max_connections " +
                       std::to_string(options_.max_connections));
  ServerLog("LOG", "database system is ready to accept connections");
  return Status::OK();
}

void Server::InstallSignalHandlers() {
  g_signal_server = this;
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

void Server::Shutdown() {
  stop_.store(true);
  if (wake_pipe_[1] >= 0) {
    char c = 'x';
    ssize_t n = write(wake_pipe_[1], &c, 1);
    (void)n;
  }
}

Status Server::Run() {
  // Sessions beyond the limit still get a thread long enough to read their
  // startup packet and hear 53300; beyond this many threads we just close.
  const int thread_cap = options_.max_connections + 64;
  while (!stop_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    int n = poll(fds, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return SocketError("poll failed");
    }
    if (stop_.load() || (fds[1].revents & POLLIN) != 0) break;
    if ((fds[0].revents & POLLIN) == 0) continue;
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
      ServerLog("LOG", std::string("could not accept new connection: ") + std::strerror(errno));
      // EMFILE and the like: back off instead of spinning.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    std::string host;
    int port = 0;
    PeerName(addr, &host, &port);
    {
      std::lock_guard<std::mutex> l(mutex_);
      if (threads_ >= thread_cap) {
        close(fd);
        ServerLog("LOG", "connection from " + host + " refused: too many open connections");
        continue;
      }
      ++threads_;
      sockets_.insert(fd);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    std::thread(&Server::SessionThread, this, fd, std::move(host), port).detach();
  }
  ServerLog("LOG", "received shutdown request; terminating sessions");
  close(listen_fd_);
  listen_fd_ = -1;
  std::unique_lock<std::mutex> l(mutex_);
  for (auto& [pid, s] : sessions_) s.conn->Cancel();
  for (int fd : sockets_) shutdown(fd, SHUT_RD);
  all_done_.wait(l, [this] { return threads_ == 0; });
  ServerLog("LOG", "database system is shut down");
  return Status::OK();
}

void Server::SessionThread(int fd, std::string peer_host, int peer_port) {
  {
    Session session(this, fd, std::move(peer_host), peer_port);
    session.Run();
  }
  std::lock_guard<std::mutex> l(mutex_);
  --threads_;
  if (threads_ == 0) all_done_.notify_all();
}

bool Server::Admit() {
  std::lock_guard<std::mutex> l(mutex_);
  if (admitted_ >= options_.max_connections) return false;
  ++admitted_;
  return true;
}

void Server::Release() {
  std::lock_guard<std::mutex> l(mutex_);
  --admitted_;
}

void Server::Register(Connection* conn, int32_t* pid, int32_t* key) {
  static thread_local std::mt19937 rng(std::random_device{}());
  std::lock_guard<std::mutex> l(mutex_);
  *pid = 10000 + ++next_pid_;
  *key = static_cast<int32_t>(rng());
  sessions_[*pid] = Registered{conn, *key};
}

void Server::Unregister(int32_t pid) {
  std::lock_guard<std::mutex> l(mutex_);
  sessions_.erase(pid);
}

void Server::ForgetSocket(int fd) {
  std::lock_guard<std::mutex> l(mutex_);
  sockets_.erase(fd);
}

void Server::Cancel(int32_t pid, int32_t key) {
  std::lock_guard<std::mutex> l(mutex_);
  auto it = sessions_.find(pid);
  if (it == sessions_.end() || it->second.key != key) {
    ServerLog("LOG", "cancel request for unknown session " + std::to_string(pid) + " ignored");
    return;
  }
  ServerLog("LOG", "cancel request for session " + std::to_string(pid));
  it->second.conn->Cancel();
}

}  // namespace omen::server
