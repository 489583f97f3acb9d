#pragma once
#include <mutex>

#include "core/seam.h"
#include "win/unique_handle.h"

namespace wufix::win {

// Service state, configuration and control through the Service Control Manager. One SCM handle serves
// every query; SCM calls are thread-safe, so concurrent checks may share it.
class WinServices : public Services {
 public:
  Result<ServiceStatus> query(std::string_view name) const override;
  Result<std::vector<std::string>> active_dependents(std::string_view name) const override;
  Status set_start_type(std::string_view name, StartType type, bool delayed) override;
  Status start(std::string_view name) override;
  Status request_stop(std::string_view name) override;

 private:
  Result<UniqueService> open(std::string_view name, DWORD access) const;
  // Connected on first use: commands that never ask about services pay no RPC.
  Result<SC_HANDLE> manager() const;

  mutable std::once_flag connect_once_;
  mutable UniqueService scm_;
  mutable DWORD connect_error_ = ERROR_SUCCESS;
};

}  // namespace wufix::win
