#include "win/registry.h"

#include <windows.h>

#include <cstring>

#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

HKEY root_of(Hive hive) {
  return hive == Hive::LocalMachine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

// "HKLM\SOFTWARE\..." names the object in every Error.
std::string key_path(Hive hive, std::string_view key) {
  return (hive == Hive::LocalMachine ? "HKLM\\" : "HKCU\\") + std::string(key);
}

// nullopt: the key does not exist.
Result<std::optional<UniqueKey>> open_key(Hive hive, std::string_view key,
                                          REGSAM access = KEY_QUERY_VALUE) {
  while (!key.empty() && key.front() == '\\') key.remove_prefix(1);  // RegOpenKeyExW rejects them
  HKEY raw = nullptr;
  LSTATUS rc =
      RegOpenKeyExW(root_of(hive), widen(key).c_str(), 0, access | KEY_WOW64_64KEY, &raw);
  if (rc == ERROR_FILE_NOT_FOUND) return std::optional<UniqueKey>();
  if (rc != ERROR_SUCCESS) return win32_error(rc, "RegOpenKeyExW failed", key_path(hive, key));
  return std::optional<UniqueKey>(UniqueKey(raw));
}

// UTF-16 text from raw value bytes: an odd trailing byte is dropped, and the text ends at the
// first NUL or at the end of the data, whichever comes first (terminators are optional).
std::wstring wide_text(const std::vector<uint8_t>& data) {
  std::wstring text(data.size() / sizeof(wchar_t), L'\0');
  if (!text.empty()) std::memcpy(text.data(), data.data(), text.size() * sizeof(wchar_t));
  return text;
}

std::string first_string(const std::vector<uint8_t>& data) {
  std::wstring text = wide_text(data);
  return narrow(std::wstring_view(text.c_str()));  // stops at the first NUL
}

// REG_MULTI_SZ: strings separated by NULs, ended by an empty string (or just the data's end).
std::vector<std::string> multi_strings(const std::vector<uint8_t>& data) {
  std::wstring text = wide_text(data);
  std::vector<std::string> out;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find(L'\0', pos);
    if (end == std::wstring::npos) end = text.size();
    out.push_back(narrow(std::wstring_view(text).substr(pos, end - pos)));
    pos = end + 1;
  }
  // Empty strings inside the list are data (PendingFileRenameOperations' "delete" targets);
  // only the trailing ones are the list's terminator.
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

RegValue to_value(DWORD type, std::vector<uint8_t> data) {
  RegValue v;
  if (type == REG_SZ || type == REG_EXPAND_SZ) {
    v.type = type == REG_SZ ? RegValue::Type::String : RegValue::Type::ExpandString;
    v.text = first_string(data);
  } else if (type == REG_MULTI_SZ) {
    v.type = RegValue::Type::MultiString;
    v.strings = multi_strings(data);
  } else if (type == REG_DWORD && data.size() == sizeof(uint32_t)) {
    uint32_t n = 0;
    std::memcpy(&n, data.data(), sizeof n);
    v.type = RegValue::Type::Dword;
    v.number = n;
  } else if (type == REG_QWORD && data.size() == sizeof(uint64_t)) {
    std::memcpy(&v.number, data.data(), sizeof v.number);
    v.type = RegValue::Type::Qword;
  } else {
    // REG_BINARY, and anything whose size does not fit its type, as raw bytes.
    v.type = type == REG_BINARY ? RegValue::Type::Binary : RegValue::Type::Other;
    v.bytes = std::move(data);
  }
  return v;
}

}  // namespace

Result<bool> WinRegistry::key_exists(Hive hive, std::string_view key) const {
  auto opened = open_key(hive, key);
  if (!opened) return opened.error();
  return opened->has_value();
}

Result<std::optional<RegValue>> WinRegistry::read(Hive hive, std::string_view key,
                                                  std::string_view name) const {
  auto opened = open_key(hive, key);
  if (!opened) return opened.error();
  if (!opened->has_value()) return std::optional<RegValue>();
  HKEY hkey = (*opened)->get();
  std::wstring wname = widen(name);
  // The value may grow between the size query and the read (another writer): retry then.
  for (int attempt = 0; attempt < 4; ++attempt) {
    DWORD type = REG_NONE, size = 0;
    LSTATUS rc = RegQueryValueExW(hkey, wname.c_str(), nullptr, &type, nullptr, &size);
    if (rc == ERROR_SUCCESS) {
      std::vector<uint8_t> data(size);
      rc = RegQueryValueExW(hkey, wname.c_str(), nullptr, &type, data.data(), &size);
      if (rc == ERROR_SUCCESS) {
        data.resize(size);
        return std::optional<RegValue>(to_value(type, std::move(data)));
      }
    }
    if (rc == ERROR_FILE_NOT_FOUND) return std::optional<RegValue>();
    if (rc != ERROR_MORE_DATA) {
      return win32_error(rc, "RegQueryValueExW failed",
                         key_path(hive, key) + "\\" + std::string(name));
    }
  }
  return win32_error(ERROR_MORE_DATA, "registry value kept changing size",
                     key_path(hive, key) + "\\" + std::string(name));
}

Result<std::vector<RawRegValue>> WinRegistry::values(Hive hive, std::string_view key) const {
  auto opened = open_key(hive, key);
  if (!opened) return opened.error();
  std::vector<RawRegValue> out;
  if (!opened->has_value()) return out;
  HKEY hkey = (*opened)->get();
  DWORD max_name = 0, max_data = 0;
  LSTATUS rc = RegQueryInfoKeyW(hkey, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                nullptr, &max_name, &max_data, nullptr, nullptr);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "RegQueryInfoKeyW failed", key_path(hive, key));
  for (DWORD index = 0;; ++index) {
    std::wstring name(max_name + 1, L'\0');
    std::vector<uint8_t> data(max_data);
    DWORD name_len = static_cast<DWORD>(name.size()), size = max_data, type = REG_NONE;
    rc = RegEnumValueW(hkey, index, name.data(), &name_len, nullptr, &type, data.data(), &size);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    if (rc == ERROR_MORE_DATA) {  // a value grew meanwhile: measure again, same index
      RegQueryInfoKeyW(hkey, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                       &max_name, &max_data, nullptr, nullptr);
      --index;
      continue;
    }
    if (rc != ERROR_SUCCESS) return win32_error(rc, "RegEnumValueW failed", key_path(hive, key));
    data.resize(size);
    name.resize(name_len);
    out.push_back({narrow(name), static_cast<uint32_t>(type), std::move(data)});
  }
  return out;
}

Status WinRegistry::set_value(Hive hive, std::string_view key, const RawRegValue& value) {
  std::string_view k = key;
  while (!k.empty() && k.front() == '\\') k.remove_prefix(1);
  HKEY raw = nullptr;
  LSTATUS rc = RegCreateKeyExW(root_of(hive), widen(k).c_str(), 0, nullptr, 0,
                               KEY_SET_VALUE | KEY_WOW64_64KEY, nullptr, &raw, nullptr);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "RegCreateKeyExW failed", key_path(hive, k));
  UniqueKey owned(raw);
  rc = RegSetValueExW(raw, widen(value.name).c_str(), 0, value.type,
                      value.bytes.empty() ? nullptr : value.bytes.data(),
                      static_cast<DWORD>(value.bytes.size()));
  if (rc != ERROR_SUCCESS)
    return win32_error(rc, "RegSetValueExW failed", key_path(hive, k) + "\\" + value.name);
  return ok_status();
}

Status WinRegistry::delete_value(Hive hive, std::string_view key, std::string_view name) {
  auto opened = open_key(hive, key, KEY_SET_VALUE);
  if (!opened) return opened.error();
  if (!opened->has_value()) return ok_status();
  LSTATUS rc = RegDeleteValueW((*opened)->get(), widen(name).c_str());
  if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) return ok_status();
  return win32_error(rc, "RegDeleteValueW failed",
                     key_path(hive, key) + "\\" + std::string(name));
}

}  // namespace wufix::win
