#include "win/task_scheduler.h"

#include <aclapi.h>
#include <sddl.h>
#include <taskschd.h>

#include "core/private_folder.h"
#include "win/com.h"
#include "win/files.h"

namespace wufix::win {
namespace {

// CLSID_TaskScheduler is only a DEFINE_GUID in taskschd.h: this file's own copy.
constexpr CLSID kTaskScheduler = {0x0f87369f, 0xa4e5, 0x4cfc,
                                  {0xbd, 0x3e, 0x73, 0xe6, 0x15, 0x45, 0x72, 0xdd}};
constexpr HRESULT kNoSuchTask = HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);

// The root task folder of the local Task Scheduler; `com` must outlive it.
Result<ComPtr<ITaskFolder>> root_folder(const ComApartment& com) {
  if (!com.usable()) return hr_error(com.hr(), "CoInitializeEx failed", "Task Scheduler");
  ComPtr<ITaskService> service;
  HRESULT hr = CoCreateInstance(kTaskScheduler, nullptr, CLSCTX_INPROC_SERVER,
                                __uuidof(ITaskService), service.put_void());
  if (FAILED(hr)) return hr_error(hr, "CoCreateInstance(Schedule.Service) failed", "Task Scheduler");
  Variant none;  // VT_EMPTY: this PC, the caller's credentials
  hr = service->Connect(none.get(), none.get(), none.get(), none.get());
  if (FAILED(hr)) return hr_error(hr, "ITaskService::Connect failed", "Task Scheduler");
  ComPtr<ITaskFolder> folder;
  Bstr root(L"\\");
  hr = service->GetFolder(root.get(), folder.put());
  if (FAILED(hr)) return hr_error(hr, "ITaskService::GetFolder failed", "\\");
  return folder;
}

}  // namespace

Status WinTaskScheduler::register_task(std::string_view name, std::string_view xml) {
  ComApartment com;
  auto folder = root_folder(com);
  if (!folder) return folder.error();
  Bstr path(widen(name).c_str()), text(widen(xml).c_str());
  Variant user, none;
  VARIANT* u = user.put();
  u->vt = VT_BSTR;
  u->bstrVal = SysAllocString(L"SYSTEM");  // the XML's principal too (S-1-5-18)
  ComPtr<IRegisteredTask> task;
  HRESULT hr = (*folder)->RegisterTask(path.get(), text.get(), TASK_CREATE_OR_UPDATE, user.get(),
                                       none.get(), TASK_LOGON_SERVICE_ACCOUNT, none.get(),
                                       task.put());
  if (FAILED(hr)) return hr_error(hr, "ITaskFolder::RegisterTask failed", name);
  return ok_status();
}

Result<std::optional<std::string>> WinTaskScheduler::task_xml(std::string_view name) const {
  ComApartment com;
  auto folder = root_folder(com);
  if (!folder) return folder.error();
  Bstr path(widen(name).c_str());
  ComPtr<IRegisteredTask> task;
  HRESULT hr = (*folder)->GetTask(path.get(), task.put());
  if (hr == kNoSuchTask) return std::optional<std::string>();
  if (FAILED(hr)) return hr_error(hr, "ITaskFolder::GetTask failed", name);
  Bstr xml;
  hr = task->get_Xml(xml.put());
  if (FAILED(hr)) return hr_error(hr, "IRegisteredTask::get_Xml failed", name);
  return std::optional<std::string>(xml.utf8());
}

Status WinTaskScheduler::delete_task(std::string_view name) {
  ComApartment com;
  auto folder = root_folder(com);
  if (!folder) return folder.error();
  Bstr path(widen(name).c_str());
  HRESULT hr = (*folder)->DeleteTask(path.get(), 0);
  if (FAILED(hr) && hr != kNoSuchTask) return hr_error(hr, "ITaskFolder::DeleteTask failed", name);
  return ok_status();
}

Status WinEventLog::report(std::string_view source, EventType type, uint32_t event_id,
                           std::string_view message) {
  HANDLE log = RegisterEventSourceW(nullptr, widen(source).c_str());
  if (log == nullptr) return last_error("RegisterEventSourceW failed", source);
  std::wstring text = widen(message);
  const wchar_t* strings[] = {text.c_str()};
  WORD kind = type == EventType::Error     ? EVENTLOG_ERROR_TYPE
              : type == EventType::Warning ? EVENTLOG_WARNING_TYPE
                                           : EVENTLOG_INFORMATION_TYPE;
  BOOL reported = ReportEventW(log, kind, 0, event_id, nullptr, 1, 0, strings, nullptr);
  Status s = reported ? ok_status() : Status(last_error("ReportEventW failed", source));
  DeregisterEventSource(log);
  return s;
}

namespace {

std::wstring event_source_key(std::string_view source) {
  return L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\" + widen(source);
}

}  // namespace

Status WinEventLog::register_source(std::string_view source, std::string_view message_file) {
  HKEY key = nullptr;
  LSTATUS rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, event_source_key(source).c_str(), 0, nullptr,
                               REG_OPTION_NON_VOLATILE, KEY_SET_VALUE, nullptr, &key, nullptr);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "RegCreateKeyExW failed", source);
  const std::wstring file = widen(message_file);
  const DWORD types = EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE;
  rc = RegSetValueExW(key, L"EventMessageFile", 0, REG_EXPAND_SZ,
                      reinterpret_cast<const BYTE*>(file.c_str()),
                      static_cast<DWORD>((file.size() + 1) * sizeof(wchar_t)));
  if (rc == ERROR_SUCCESS)
    rc = RegSetValueExW(key, L"TypesSupported", 0, REG_DWORD,
                        reinterpret_cast<const BYTE*>(&types), sizeof types);
  RegCloseKey(key);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "RegSetValueExW failed", source);
  return ok_status();
}

Status WinEventLog::unregister_source(std::string_view source) {
  LSTATUS rc = RegDeleteKeyW(HKEY_LOCAL_MACHINE, event_source_key(source).c_str());
  if (rc != ERROR_SUCCESS && rc != ERROR_FILE_NOT_FOUND)
    return win32_error(rc, "RegDeleteKeyW failed", source);
  return ok_status();
}

// The private DACL of WinFiles plus BUILTIN\Users: list, read, read attributes and security.
// A missing folder is created with it (owner Administrators): Wine keeps only the security a
// folder was created with, and on Windows there is then no moment without the Users entry.
Status WinFolderSharing::let_users_read(std::string_view folder) {
  PSECURITY_DESCRIPTOR raw = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(widen(kReadableFolderSddl).c_str(),
                                                            SDDL_REVISION_1, &raw, nullptr))
    return last_error("ConvertStringSecurityDescriptorToSecurityDescriptorW failed", folder);
  std::wstring path = win_path(folder);
  SECURITY_ATTRIBUTES attributes{sizeof attributes, raw, FALSE};
  if (CreateDirectoryW(path.c_str(), &attributes)) {
    LocalFree(raw);
    return ok_status();
  }
  if (GetLastError() != ERROR_ALREADY_EXISTS) {
    Status failed = last_error("CreateDirectoryW failed", folder);
    LocalFree(raw);
    return failed;
  }
  PACL dacl = nullptr;
  BOOL present = FALSE, defaulted = FALSE;
  GetSecurityDescriptorDacl(raw, &present, &dacl, &defaulted);
  DWORD rc = SetNamedSecurityInfoW(path.data(), SE_FILE_OBJECT,
                                   DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                   nullptr, nullptr, dacl, nullptr);
  LocalFree(raw);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "SetNamedSecurityInfoW failed", folder);
  return ok_status();
}

std::string program_path() {
  std::wstring path(MAX_PATH, L'\0');
  DWORD n;
  while ((n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()))) ==
         path.size())
    path.resize(path.size() * 2);
  path.resize(n);
  return narrow(path);
}

}  // namespace wufix::win
