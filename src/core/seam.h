// The OS seam: one small interface per capability the logic needs. src/win/ implements them
// with Win32; tests/unit/fakes/ implements them in memory; src/native/ has none (Linux build).
// Paths and strings are UTF-8; conversion to UTF-16 happens only inside src/win/.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wufix {

// ---- Console: where people and machines read us -------------------------------------------
class Console {
 public:
  virtual ~Console() = default;
  virtual void write_out(std::string_view utf8) = 0;
  virtual void write_err(std::string_view utf8) = 0;
  virtual bool out_is_terminal() const = 0;
  virtual bool err_is_terminal() const = 0;
  virtual bool in_is_terminal() const = 0;
  virtual std::optional<std::string> env(std::string_view name) const = 0;
  // One line typed by the user, without its line end; nullopt at end of input.
  virtual std::optional<std::string> read_line() = 0;
};

// ---- Registry -------------------------------------------------------------------------------
enum class Hive { LocalMachine, CurrentUser };

struct RegValue {
  enum class Type { String, ExpandString, MultiString, Dword, Qword, Binary, Other };
  Type type = Type::Other;
  std::string text;                  // String / ExpandString (unexpanded)
  std::vector<std::string> strings;  // MultiString
  uint64_t number = 0;               // Dword / Qword
  std::vector<uint8_t> bytes;        // Binary / Other
};

class Registry {
 public:
  virtual ~Registry() = default;
  // false when the key does not exist; an Error only for real failures (access denied...).
  virtual Result<bool> key_exists(Hive hive, std::string_view key) const = 0;
  // nullopt when the key or the value does not exist.
  virtual Result<std::optional<RegValue>> read(Hive hive, std::string_view key,
                                               std::string_view name) const = 0;
};

// Raw values and changes, for repairs that must put a value back exactly as it was: the type
// number (REG_SZ 1, REG_EXPAND_SZ 2, REG_BINARY 3, REG_DWORD 4, REG_MULTI_SZ 7, REG_QWORD 11)
// and the data bytes as stored, terminators and odd sizes included.
struct RawRegValue {
  std::string name;
  uint32_t type = 0;
  std::vector<uint8_t> bytes;
  bool operator==(const RawRegValue&) const = default;
};

class RegistryEditor {
 public:
  virtual ~RegistryEditor() = default;
  // Every value of the key, in the registry's order; empty when the key does not exist.
  virtual Result<std::vector<RawRegValue>> values(Hive hive, std::string_view key) const = 0;
  // Writes exactly this type and these bytes, creating the key when it is missing.
  virtual Status set_value(Hive hive, std::string_view key, const RawRegValue& value) = 0;
  // Removes one value (never a key); a value or key already absent is success.
  virtual Status delete_value(Hive hive, std::string_view key, std::string_view name) = 0;
};

// ---- Services (through the Service Control Manager, never the registry) ---------------------
enum class StartType { Boot, System, Automatic, Manual, Disabled, Unknown };
enum class ServiceState { Stopped, StartPending, StopPending, Running, ContinuePending,
                          PausePending, Paused, Unknown };

struct ServiceStatus {
  std::string name;
  bool exists = false;  // false: no such service here (not an error)
  StartType start_type = StartType::Unknown;
  bool delayed_auto_start = false;
  ServiceState state = ServiceState::Unknown;
  uint32_t pid = 0;
};

class Services {
 public:
  virtual ~Services() = default;
  virtual Result<ServiceStatus> query(std::string_view name) const = 0;
  // Services that depend on `name` and are not stopped (they must stop first).
  virtual Result<std::vector<std::string>> active_dependents(std::string_view name) const = 0;
  virtual Status set_start_type(std::string_view name, StartType type, bool delayed) = 0;
  // Both return once the request is accepted; callers poll query() for the outcome.
  // Already running (start) or already stopped (request_stop) is success.
  virtual Status start(std::string_view name) = 0;
  virtual Status request_stop(std::string_view name) = 0;
};

// ---- Files ----------------------------------------------------------------------------------
struct DiskSpace {
  uint64_t free_bytes = 0;   // available to the caller
  uint64_t total_bytes = 0;
};

// A byte stream read in chunks, so logs of any size stream through flat memory.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Fills up to buf.size() bytes; returns the count, 0 at end of file.
  virtual Result<size_t> read(std::span<char> buf) = 0;
};

// A file written in order; flush() makes what was written durable (FlushFileBuffers).
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual Status write(std::string_view bytes) = 0;
  virtual Status flush() = 0;
};

// Who owns a file or folder and whom its DACL lets in: the object itself, never the target of
// a link. SIDs are strings ("S-1-5-32-544").
struct FileSecurity {
  std::string owner;
  bool directory = false;
  bool reparse_point = false;        // a junction or a symbolic link
  bool null_dacl = false;            // no DACL at all: everyone has full access
  uint32_t links = 1;                // names of a file (hard links): >1 means another name
                                     // reaches the same bytes, e.g. a system file
  std::vector<std::string> allowed;  // SIDs an allow entry names (any right, inherit-only too)
  std::vector<std::string> writers;  // of those, SIDs given more than reading (write, delete,
                                     // permissions, owner); "?" for an entry not read here
};

// A file held open so nobody can change, replace or rename it until this is destroyed.
class HeldFile {
 public:
  virtual ~HeldFile() = default;
};

class Files {
 public:
  virtual ~Files() = default;
  virtual Result<bool> exists(std::string_view path) const = 0;
  virtual Result<bool> is_directory(std::string_view path) const = 0;
  // Sum of the sizes of every file below path (0 for an empty folder).
  virtual Result<uint64_t> tree_size(std::string_view path) const = 0;
  virtual Result<DiskSpace> disk_space(std::string_view path) const = 0;
  virtual Result<std::unique_ptr<InputStream>> open_read(std::string_view path) const = 0;
  // Entries (names, not paths) directly below a folder.
  virtual Result<std::vector<std::string>> list(std::string_view dir) const = 0;
  virtual Result<uint64_t> file_size(std::string_view path) const = 0;

  // Changes. Nothing here deletes: wufix renames aside.
  // Fails (never replaces) when `to` exists; Win32 5/32 mean "in use".
  virtual Status rename(std::string_view from, std::string_view to) = 0;
  virtual Status create_directories(std::string_view path) = 0;
  // Opens for appending, creating the file when missing.
  virtual Result<std::unique_ptr<OutputStream>> open_append(std::string_view path) = 0;

  // Security. nullopt when nothing is at `path`.
  virtual Result<std::optional<FileSecurity>> security(std::string_view path) const = 0;
  // A private folder: owner Administrators, a protected DACL giving SYSTEM and Administrators
  // full control, inherited by everything below. Creates it (its parent must exist; Win32 183
  // when something is there) or, with `existing`, gives the folder itself that owner and DACL.
  virtual Status make_private_directory(std::string_view path, bool existing) = 0;
  // A new file for writing; never opens what is there (Win32 80).
  virtual Result<std::unique_ptr<OutputStream>> create_new(std::string_view path) = 0;
  // Cuts a file back to `size` bytes: only for a journal line torn by a crash (wufix's own).
  virtual Status cut(std::string_view path, uint64_t size) = 0;
  // Opens the file denying writers, deleters and renamers while the HeldFile lives.
  virtual Result<std::unique_ptr<HeldFile>> hold(std::string_view path) const = 0;
};

// ---- Processes ------------------------------------------------------------------------------
struct ProcessSpec {
  std::string program;             // a full path; never looked up on PATH
  std::vector<std::string> args;   // quoted for CreateProcessW by quote_command_line()
  // Raw bytes of the child's stdout and stderr as they arrive (may split characters).
  std::function<void(std::string_view)> on_output;
};

struct ProcessResult {
  uint32_t exit_code = 0;
};

class Processes {
 public:
  virtual ~Processes() = default;
  // Runs to completion; an Error only when the program could not be started or waited for.
  virtual Result<ProcessResult> run(const ProcessSpec& spec) = 0;
};

// ---- Clock and time sync --------------------------------------------------------------------
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
  virtual std::chrono::seconds uptime() const = 0;
  virtual void sleep(std::chrono::milliseconds duration) const = 0;
  // Local time minus UTC at `t`, by the PC's time zone and its daylight-saving rule at `t`
  // (the logs Windows writes are stamped in local time; wufix's journals in UTC).
  virtual std::chrono::minutes utc_offset(std::chrono::system_clock::time_point t) const = 0;
};

// ---- Network --------------------------------------------------------------------------------
struct UdpReply {
  std::vector<uint8_t> bytes;
  std::chrono::system_clock::time_point sent;      // local clock when the request left
  std::chrono::system_clock::time_point received;  // local clock when the reply arrived
};

class Network {
 public:
  virtual ~Network() = default;
  // One request datagram, one reply; Error on DNS failure, send failure or timeout.
  virtual Result<UdpReply> udp_exchange(std::string_view host, uint16_t port,
                                        std::span<const uint8_t> request,
                                        std::chrono::milliseconds timeout) const = 0;
  // Whether something accepts a TCP connection at host:port within the timeout ("does the
  // proxy answer"); the connection is closed again at once.
  virtual Status tcp_connect(std::string_view host, uint16_t port,
                             std::chrono::milliseconds timeout) const = 0;
};

// The WinHTTP default proxy (`netsh winhttp show proxy`), which the update services use.
struct ProxyConfig {
  uint32_t access_type = 1;  // WINHTTP_ACCESS_TYPE_*: 1 no proxy (direct), 3 named proxy
  std::string proxy;         // "host:port" or "http=host:port;https=..." as stored
  std::string bypass;        // "<local>;*.corp", may be empty
  bool direct() const { return access_type != 3 || proxy.empty(); }
  bool operator==(const ProxyConfig&) const = default;
};

class ProxySettings {
 public:
  virtual ~ProxySettings() = default;
  virtual Result<ProxyConfig> winhttp_proxy() const = 0;         // WinHttpGetDefaultProxyConfiguration
  virtual Status set_winhttp_proxy(const ProxyConfig& config) = 0;  // WinHttpSetDefaultProxyConfiguration
};

// ---- Windows Update Agent -------------------------------------------------------------------
struct UpdateHistoryEntry {
  std::string title;
  std::string update_id;
  int operation = 0;    // 1 installation, 2 uninstallation
  int result_code = 0;  // OperationResultCode: 2 succeeded, 3 with errors, 4 failed, 5 aborted
  uint32_t hresult = 0;
  std::chrono::system_clock::time_point date;
  std::string client;
};

// One update as the agent describes it (IUpdate and its categories).
struct UpdateCategory {
  std::string id;    // CategoryID: a GUID, the same in every language
  std::string name;  // "Security Updates" (localized)
  std::string type;  // "UpdateClassification", "Product", ...
};

struct UpdateFacts {
  std::string id;                  // UpdateID (GUID)
  int revision = 0;                // RevisionNumber
  std::vector<std::string> kbs;    // KBArticleIDs, digits only ("5044284")
  std::string title;
  std::vector<UpdateCategory> categories;
  bool is_driver = false;          // Type == utDriver
  uint64_t max_download_size = 0;  // bytes
  int reboot_behavior = 0;         // InstallationBehavior.RebootBehavior: 0 never, 1 always, 2 can
  bool downloaded = false;         // IsDownloaded
  bool hidden = false;             // IsHidden
  bool browse_only = false;        // BrowseOnly: optional, offered only when asked for
};

// Progress of a download or an installation, as the agent's progress callbacks report it.
struct UpdateProgress {
  size_t index = 0;          // the update being worked on (0-based, in the order asked)
  size_t count = 0;
  uint64_t bytes_done = 0;   // download only: all updates together
  uint64_t bytes_total = 0;
  int percent = 0;           // of the whole operation
};
using UpdateProgressFn = std::function<void(const UpdateProgress&)>;

// The outcome of one update in a download or installation (IUpdate*Result).
struct UpdateOpResult {
  int result_code = 0;  // OperationResultCode: 2 succeeded, 3 with errors, 4 failed, 5 aborted
  uint32_t hresult = 0;
  bool reboot_required = false;  // installation only
};

struct UpdateBatchResult {
  int result_code = 0;  // of the whole operation
  uint32_t hresult = 0;
  bool reboot_required = false;
  std::vector<UpdateOpResult> updates;  // one per id asked, same order
};

// A Windows Update Agent session, bound to the thread that opened it (COM).
class UpdateSession {
 public:
  virtual ~UpdateSession() = default;
  // IUpdateSearcher search with WUA's criteria ("IsInstalled=0 and IsHidden=0"); gives up
  // (WU_E_... abort) after time_limit, 0 meaning no limit.
  virtual Result<std::vector<UpdateFacts>> search(std::string_view criteria,
                                                  std::chrono::seconds time_limit) = 0;
  // These take ids the last search returned.
  virtual Result<UpdateBatchResult> download(const std::vector<std::string>& ids,
                                             const UpdateProgressFn& progress) = 0;
  virtual Result<UpdateBatchResult> install(const std::vector<std::string>& ids,
                                            const UpdateProgressFn& progress) = 0;
  virtual Status set_hidden(std::string_view id, bool hidden) = 0;  // IUpdate::IsHidden
};

class UpdateAgent {
 public:
  virtual ~UpdateAgent() = default;
  // IUpdateSearcher::QueryHistory; an Error (E_NOTIMPL under Wine) means "unavailable".
  virtual Result<std::vector<UpdateHistoryEntry>> history() const = 0;
  // Microsoft.Update.Session; an Error (class not registered, E_NOTIMPL) means "unavailable".
  virtual Result<std::unique_ptr<UpdateSession>> open_session() const = 0;
};

// ---- Security Center ------------------------------------------------------------------------
struct AntivirusProduct {
  std::string name;
  uint32_t product_state = 0;
  std::string path;  // pathToSignedProductExe
};

class SecurityCenter {
 public:
  virtual ~SecurityCenter() = default;
  // WMI root\SecurityCenter2 AntiVirusProduct. Error 0x8004100E (invalid namespace) on Server.
  virtual Result<std::vector<AntivirusProduct>> antivirus_products() const = 0;
};

// ---- Process identity and platform ----------------------------------------------------------
enum class Arch { X64, Arm64, X86, Unknown };

class Platform {
 public:
  virtual ~Platform() = default;
  virtual Result<bool> is_elevated() const = 0;
  virtual Arch native_arch() const = 0;
  // Known folders resolved by the OS (not from the environment, which users can change).
  virtual std::string windows_dir() const = 0;       // C:\Windows
  virtual std::string program_data_dir() const = 0;  // C:\ProgramData
  // The SID of the user this process runs as ("S-1-5-21-...").
  virtual Result<std::string> user_sid() const = 0;
};

// ---- HTTP and crypto (the catalog: wufix catalog / install) ----------------------------------
// Where a request goes, already parsed and checked against the allow-list by the caller: the
// Http implementation connects to exactly this and never reads a URL string again (WinHTTP's
// own URL reading stops a host at a NUL and takes a backslash for a slash).
struct HttpEndpoint {
  bool secure = true;
  std::string host;      // [a-z0-9-] labels or "::1"
  uint16_t port = 0;
  std::string target;    // path and query
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;                     // absolute http(s) URL: for messages and the fakes
  HttpEndpoint endpoint;               // set by CatalogClient::stream from the checked URL
  std::string body;                    // POST body
  std::string content_type;            // of the POST body
  std::optional<uint64_t> range_from;  // "Range: bytes=N-" (resuming a download)
  std::vector<std::string> headers;    // more "Name: value" lines
};

struct HttpResponse {
  int status = 0;
  std::string location;                  // Location of a redirect, as sent
  std::optional<uint64_t> content_length;
  std::optional<uint64_t> range_start;   // first byte of a 206 reply (Content-Range)
};

// Receives one reply as it arrives; an Error from either call stops the transfer.
class HttpSink {
 public:
  virtual ~HttpSink() = default;
  virtual Status on_head(const HttpResponse& head) = 0;
  virtual Status on_body(std::string_view bytes) = 0;
};

class Http {
 public:
  virtual ~Http() = default;
  // One exchange with the system proxy settings. Redirects are NOT followed: a 3xx comes back
  // with its location, so the caller checks every hop against its allow-list. A body cut short
  // is an Error (after the bytes that did arrive went to the sink).
  virtual Result<HttpResponse> send(const HttpRequest& request, HttpSink& sink) = 0;
};

enum class HashAlgorithm { Sha1, Sha256 };

class Hasher {
 public:
  virtual ~Hasher() = default;
  virtual void update(std::string_view bytes) = 0;
  virtual std::vector<uint8_t> finish() = 0;  // the digest; call once
};

class Crypto {
 public:
  virtual ~Crypto() = default;
  virtual Result<std::unique_ptr<Hasher>> hasher(HashAlgorithm algorithm) const = 0;
  // Authenticode (WinVerifyTrust) whose chain ends in a Microsoft root; Error says why not.
  virtual Status verify_microsoft_signature(std::string_view path) const = 0;
};

// ---- The bundle every command receives --------------------------------------------------------
// On the Linux build only `console` is set; commands that need Windows say so and exit 2.
struct System {
  Console* console = nullptr;
  const Registry* registry = nullptr;
  Services* services = nullptr;
  Files* files = nullptr;
  Processes* processes = nullptr;
  const Clock* clock = nullptr;
  const Network* network = nullptr;
  const UpdateAgent* update_agent = nullptr;
  const SecurityCenter* security_center = nullptr;
  const Platform* platform = nullptr;
  Http* http = nullptr;
  const Crypto* crypto = nullptr;
  RegistryEditor* registry_editor = nullptr;  // repair's registry changes
  ProxySettings* proxy = nullptr;

  bool has_windows() const { return registry != nullptr; }
};

}  // namespace wufix
