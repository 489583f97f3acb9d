// Errors as values: every failure carries its Win32/HRESULT code, what failed and on what.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace wufix {

struct Error {
  uint32_t code = 0;     // Win32 error or HRESULT; 0 when the failure has no OS code
  std::string what;      // what went wrong, e.g. "OpenServiceW failed"
  std::string context;   // the object: a service name, path, URL, argument

  // One line for people: "OpenServiceW failed: wuauserv (Win32 1060)".
  std::string message() const;
};

// A value or an Error; exceptions never cross the seam.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(v_); }
  T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace wufix
