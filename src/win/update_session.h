#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/seam.h"
#include "win/com.h"
#include <wuapi.h>

namespace wufix::win {

// UpdateSession over Microsoft.Update.Session. Lives in its own COM apartment on the thread
// that opened it; the IUpdate objects of the last search are kept for download, install, hide.
class WinUpdateSession : public UpdateSession {
 public:
  static Result<std::unique_ptr<UpdateSession>> open();
  ~WinUpdateSession() override;

  Result<std::vector<UpdateFacts>> search(std::string_view criteria,
                                          std::chrono::seconds time_limit) override;
  Result<UpdateBatchResult> download(const std::vector<std::string>& ids,
                                     const UpdateProgressFn& progress) override;
  Result<UpdateBatchResult> install(const std::vector<std::string>& ids,
                                    const UpdateProgressFn& progress) override;
  Status set_hidden(std::string_view id, bool hidden) override;

 private:
  explicit WinUpdateSession(ComPtr<IUpdateSession> session);
  IUpdate* find(std::string_view id) const;
  Result<ComPtr<IUpdateCollection>> collection(const std::vector<std::string>& ids,
                                               bool accept_eulas) const;

  // Released before the apartment is left: declared first, destroyed last.
  std::unique_ptr<ComApartment> com_;
  ComPtr<IUpdateSession> session_;
  std::vector<std::pair<std::string, ComPtr<IUpdate>>> last_;
};

}  // namespace wufix::win
