#include "win/http.h"

#include <windows.h>
#include <winhttp.h>

#include <charconv>
#include <optional>
#include <vector>

#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

struct InternetTraits {
  using Handle = HINTERNET;
  static Handle invalid() { return nullptr; }
  static void close(Handle h) { WinHttpCloseHandle(h); }
};
using UniqueInternet = Unique<InternetTraits>;

constexpr DWORD kResolveTimeoutMs = 30000;
constexpr DWORD kConnectTimeoutMs = 30000;
constexpr DWORD kSendTimeoutMs = 30000;
constexpr DWORD kReceiveTimeoutMs = 60000;
constexpr size_t kReadChunk = 4u << 20;  // per buffer; two are in use during a download

std::optional<uint64_t> parse_u64(std::string_view text) {
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  return n;
}

std::optional<std::string> header(HINTERNET request, DWORD which) {
  DWORD size = 0;
  WinHttpQueryHeaders(request, which, WINHTTP_HEADER_NAME_BY_INDEX, nullptr, &size, WINHTTP_NO_HEADER_INDEX);
  if (GetLastError() != ERROR_INSUFFICIENT_BUFFER || size == 0) return std::nullopt;
  std::wstring value(size / sizeof(wchar_t), L'\0');
  if (!WinHttpQueryHeaders(request, which, WINHTTP_HEADER_NAME_BY_INDEX, value.data(), &size,
                           WINHTTP_NO_HEADER_INDEX)) {
    return std::nullopt;
  }
  value.resize(size / sizeof(wchar_t));
  return narrow(value);
}

// "bytes 100-999/1000" -> 100
std::optional<uint64_t> range_start(const std::string& content_range) {
  size_t space = content_range.find(' ');
  if (space == std::string::npos) return std::nullopt;
  return parse_u64(std::string_view(content_range).substr(space + 1));
}

std::wstring request_headers(const HttpRequest& r) {
  std::string all;
  if (!r.content_type.empty()) all += "Content-Type: " + r.content_type + "\r\n";
  if (r.range_from) all += "Range: bytes=" + std::to_string(*r.range_from) + "-\r\n";
  for (const std::string& h : r.headers) all += h + "\r\n";
  return widen(all);
}

Result<HttpResponse> read_head(HINTERNET request, const std::string& url) {
  HttpResponse head;
  DWORD status = 0;
  DWORD size = sizeof status;
  if (!WinHttpQueryHeaders(request, WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER,
                           WINHTTP_HEADER_NAME_BY_INDEX, &status, &size, WINHTTP_NO_HEADER_INDEX)) {
    return last_error("WinHttpQueryHeaders(status) failed", url);
  }
  head.status = static_cast<int>(status);
  head.location = header(request, WINHTTP_QUERY_LOCATION).value_or("");
  if (auto length = header(request, WINHTTP_QUERY_CONTENT_LENGTH)) head.content_length = parse_u64(*length);
  if (head.status == 206) {
    if (auto range = header(request, WINHTTP_QUERY_CONTENT_RANGE)) head.range_start = range_start(*range);
  }
  return head;
}

// Hands full buffers to the sink on a second thread, so the next buffer is read from the
// network while the last one is written to disk: reading and writing used to take turns,
// and under Wine each WinHttpReadData returned a few KB that went to WriteFile one by one.
// Win32's thread, SRW lock and condition variable: std::thread and std::condition_variable
// cost the size budget ~20 KB of winpthread.
class BodyWriter {
 public:
  explicit BodyWriter(HttpSink& sink) : sink_(sink), data_(kReadChunk) {
    thread_ = CreateThread(nullptr, 0, &BodyWriter::main, this, 0, nullptr);
  }
  BodyWriter(const BodyWriter&) = delete;
  BodyWriter& operator=(const BodyWriter&) = delete;
  ~BodyWriter() { (void)finish(); }  // joins the thread; its outcome is finish()'s caller's

  // Swaps `buf` (its first `n` bytes) for the buffer the writer has finished with; the
  // sink's first error, if any, comes back instead. Without a thread, writes inline.
  Status submit(std::vector<char>& buf, size_t n) {
    if (!thread_) return sink_.on_body(std::string_view(buf.data(), n));
    AcquireSRWLockExclusive(&lock_);
    while (pending_) SleepConditionVariableSRW(&changed_, &lock_, INFINITE, 0);
    Status status = status_;
    if (status) {
      std::swap(buf, data_);
      size_ = n;
      pending_ = true;
      WakeAllConditionVariable(&changed_);
    }
    ReleaseSRWLockExclusive(&lock_);
    return status;
  }

  // Waits for the last buffer; the sink's first error, if any.
  Status finish() {
    if (thread_) {
      AcquireSRWLockExclusive(&lock_);
      done_ = true;
      WakeAllConditionVariable(&changed_);
      ReleaseSRWLockExclusive(&lock_);
      WaitForSingleObject(thread_, INFINITE);
      CloseHandle(thread_);
      thread_ = nullptr;
    }
    return status_;
  }

 private:
  static DWORD WINAPI main(void* self) {
    static_cast<BodyWriter*>(self)->run();
    return 0;
  }

  void run() {
    AcquireSRWLockExclusive(&lock_);
    for (;;) {
      while (!pending_ && !done_) SleepConditionVariableSRW(&changed_, &lock_, INFINITE, 0);
      if (!pending_) break;
      size_t n = size_;
      bool ok = static_cast<bool>(status_);
      ReleaseSRWLockExclusive(&lock_);
      Status s = ok ? sink_.on_body(std::string_view(data_.data(), n)) : ok_status();
      AcquireSRWLockExclusive(&lock_);
      if (!s && status_) status_ = s;
      pending_ = false;
      WakeAllConditionVariable(&changed_);
    }
    ReleaseSRWLockExclusive(&lock_);
  }

  HttpSink& sink_;
  std::vector<char> data_;
  size_t size_ = 0;
  bool pending_ = false, done_ = false;
  Status status_ = ok_status();
  SRWLOCK lock_ = SRWLOCK_INIT;
  CONDITION_VARIABLE changed_ = CONDITION_VARIABLE_INIT;
  HANDLE thread_ = nullptr;
};

struct Filled {
  size_t bytes = 0;
  std::optional<Error> error;  // the read failed after `bytes`
};

// Fills `buf` from the reply: several WinHttpReadData calls per buffer (each returns what has
// arrived, often a few KB); fewer than buf.size() bytes at the end of the body.
Filled fill(HINTERNET request, std::vector<char>& buf, const std::string& url) {
  Filled f;
  while (f.bytes < buf.size()) {
    DWORD n = 0;
    if (!WinHttpReadData(request, buf.data() + f.bytes, static_cast<DWORD>(buf.size() - f.bytes), &n)) {
      f.error = last_error("WinHttpReadData failed", url);
      break;
    }
    if (n == 0) break;
    f.bytes += n;
  }
  return f;
}

Status read_body(HINTERNET request, const HttpResponse& head, HttpSink& sink, const std::string& url) {
  std::vector<char> buf(kReadChunk);
  uint64_t got = 0;
  BodyWriter writer(sink);
  for (;;) {
    Filled f = fill(request, buf, url);
    got += f.bytes;
    // the bytes that did arrive reach the sink before an error (a resume starts after them)
    if (f.bytes > 0)
      if (Status s = writer.submit(buf, f.bytes); !s) return s;
    if (f.error) {
      if (Status s = writer.finish(); !s) return s;
      return *f.error;
    }
    if (f.bytes < buf.size()) break;
  }
  if (Status s = writer.finish(); !s) return s;
  if (head.content_length && got < *head.content_length) {
    return win32_error(ERROR_WINHTTP_CONNECTION_ERROR,
                       "the connection closed after " + std::to_string(got) + " of " +
                           std::to_string(*head.content_length) + " bytes", url);
  }
  return ok_status();
}

}  // namespace

WinHttp::~WinHttp() {
  if (session_) WinHttpCloseHandle(static_cast<HINTERNET>(session_));
}

Status WinHttp::open_session() {
  std::call_once(once_, [this] {
    std::wstring user_agent = widen(std::string("wufix/") + WUFIX_VERSION);
    const wchar_t* agent = user_agent.c_str();
    HINTERNET s = WinHttpOpen(agent, WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY, WINHTTP_NO_PROXY_NAME,
                              WINHTTP_NO_PROXY_BYPASS, 0);
    if (!s) {  // before Windows 8.1 (and on Wine): the WinHTTP proxy setting
      s = WinHttpOpen(agent, WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0);
    }
    if (!s) {
      session_error_ = GetLastError();
      return;
    }
    WinHttpSetTimeouts(s, kResolveTimeoutMs, kConnectTimeoutMs, kSendTimeoutMs, kReceiveTimeoutMs);
    DWORD protocols = WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3;
    if (!WinHttpSetOption(s, WINHTTP_OPTION_SECURE_PROTOCOLS, &protocols, sizeof protocols)) {
      protocols = WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2;  // no TLS 1.3 before Windows 11
      WinHttpSetOption(s, WINHTTP_OPTION_SECURE_PROTOCOLS, &protocols, sizeof protocols);
    }
    session_ = s;
  });
  if (!session_) return win32_error(session_error_, "WinHttpOpen failed");
  return ok_status();
}

Result<HttpResponse> WinHttp::send(const HttpRequest& r, HttpSink& sink) {
  if (Status opened = open_session(); !opened) return opened.error();
  // Only the endpoint the allow-list checked, never the URL text (see HttpEndpoint).
  const HttpEndpoint& to = r.endpoint;
  if (to.host.empty() || to.port == 0 || !to.target.starts_with('/'))
    return Error{87, "internal error: a request without a checked endpoint", r.url};
  const std::string& url = r.url;
  std::wstring host = widen(to.host);
  std::wstring target = widen(to.target);
  bool secure = to.secure;

  UniqueInternet connection(WinHttpConnect(static_cast<HINTERNET>(session_), host.c_str(), to.port, 0));
  if (!connection) return last_error("WinHttpConnect failed", url);
  UniqueInternet request(WinHttpOpenRequest(connection.get(), widen(r.method).c_str(), target.c_str(), nullptr,
                                            WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES,
                                            secure ? WINHTTP_FLAG_SECURE : 0));
  if (!request) return last_error("WinHttpOpenRequest failed", url);
  DWORD no_redirects = WINHTTP_DISABLE_REDIRECTS;
  WinHttpSetOption(request.get(), WINHTTP_OPTION_DISABLE_FEATURE, &no_redirects, sizeof no_redirects);

  std::wstring headers = request_headers(r);
  auto body_size = static_cast<DWORD>(r.body.size());
  if (!WinHttpSendRequest(request.get(), headers.empty() ? WINHTTP_NO_ADDITIONAL_HEADERS : headers.c_str(),
                          static_cast<DWORD>(headers.size()),
                          body_size ? const_cast<char*>(r.body.data()) : WINHTTP_NO_REQUEST_DATA, body_size,
                          body_size, 0)) {
    return last_error("WinHttpSendRequest failed", url);
  }
  if (!WinHttpReceiveResponse(request.get(), nullptr)) return last_error("WinHttpReceiveResponse failed", url);
  auto head = read_head(request.get(), url);
  if (!head) return head.error();
  if (Status s = sink.on_head(*head); !s) return s.error();
  if (Status s = read_body(request.get(), *head, sink, url); !s) return s.error();
  return head;
}

}  // namespace wufix::win
