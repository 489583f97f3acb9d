// One RAII owner for every handle kind: the traits name the invalid value and the close call.
#pragma once
#include <windows.h>
#include <winsvc.h>

#include <utility>

namespace wufix::win {

template <class Traits>
class Unique {
 public:
  using Handle = typename Traits::Handle;
  Unique() = default;
  explicit Unique(Handle h) : h_(h) {}
  Unique(const Unique&) = delete;
  Unique& operator=(const Unique&) = delete;
  Unique(Unique&& other) noexcept : h_(std::exchange(other.h_, Traits::invalid())) {}
  Unique& operator=(Unique&& other) noexcept {
    if (this != &other) reset(std::exchange(other.h_, Traits::invalid()));
    return *this;
  }
  ~Unique() { reset(); }

  Handle get() const { return h_; }
  explicit operator bool() const { return h_ != Traits::invalid(); }
  void reset(Handle h = Traits::invalid()) {
    if (h_ != Traits::invalid()) Traits::close(h_);
    h_ = h;
  }

 private:
  Handle h_ = Traits::invalid();
};

struct KernelHandleTraits {  // files, processes, threads, pipes
  using Handle = HANDLE;
  static Handle invalid() { return INVALID_HANDLE_VALUE; }
  static void close(Handle h) { CloseHandle(h); }
};
struct NullableHandleTraits {  // handles whose failure value is NULL (processes, events)
  using Handle = HANDLE;
  static Handle invalid() { return nullptr; }
  static void close(Handle h) { CloseHandle(h); }
};
struct ServiceHandleTraits {
  using Handle = SC_HANDLE;
  static Handle invalid() { return nullptr; }
  static void close(Handle h) { CloseServiceHandle(h); }
};
struct RegKeyTraits {
  using Handle = HKEY;
  static Handle invalid() { return nullptr; }
  static void close(Handle h) { RegCloseKey(h); }
};
struct FindHandleTraits {
  using Handle = HANDLE;
  static Handle invalid() { return INVALID_HANDLE_VALUE; }
  static void close(Handle h) { FindClose(h); }
};

using UniqueFile = Unique<KernelHandleTraits>;
using UniqueHandle = Unique<NullableHandleTraits>;
using UniqueService = Unique<ServiceHandleTraits>;
using UniqueKey = Unique<RegKeyTraits>;
using UniqueFind = Unique<FindHandleTraits>;

}  // namespace wufix::win
