#include "win/task_scheduler.h"

#include <aclapi.h>
#include <sddl.h>
#include <taskschd.h>

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

// The private DACL of WinFiles plus BUILTIN\Users: list, read, read attributes and security.
Status WinFolderSharing::let_users_read(std::string_view folder) {
  PSECURITY_DESCRIPTOR raw = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(
          L"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FR;;;BU)", SDDL_REVISION_1, &raw, nullptr))
    return last_error("ConvertStringSecurityDescriptorToSecurityDescriptorW failed", folder);
  PACL dacl = nullptr;
  BOOL present = FALSE, defaulted = FALSE;
  GetSecurityDescriptorDacl(raw, &present, &dacl, &defaulted);
  std::wstring path = win_path(folder);
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
