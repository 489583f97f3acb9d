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
Result<std::optional<UniqueKey>> open_key(Hive hive, std::string_view key) {
  while (!key.empty() && key.front() == '\\') key.remove_prefix(1);  // RegOpenKeyExW rejects them
  HKEY raw = nullptr;
  LSTATUS rc =
      RegOpenKeyExW(root_of(hive), widen(key).c_str(), 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &raw);
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
    if (end == pos) break;
    if (end == std::wstring::npos) end = text.size();
    out.push_back(narrow(std::wstring_view(text).substr(pos, end - pos)));
    pos = end + 1;
  }
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

}  // namespace wufix::win
