// A Windows Update Agent session: IUpdateSearcher, IUpdateDownloader and IUpdateInstaller with
// the asynchronous calls (Begin*/End*), so a search can be given up after a time limit and the
// progress callbacks drive the progress bar.
#include "win/update_session.h"

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "win/wua.h"

namespace wufix::win {
namespace {

constexpr uint32_t kSearchTimedOut = 0x800705B4;  // HRESULT_FROM_WIN32(ERROR_TIMEOUT)

Error failed(HRESULT hr, std::string_view call) {
  return hr_error(hr, "Windows Update Agent call failed", call);
}

bool yes(VARIANT_BOOL b) { return b != VARIANT_FALSE; }

std::vector<std::string> strings_of(IStringCollection* list) {
  std::vector<std::string> out;
  LONG count = 0;
  if (!list || FAILED(list->get_Count(&count))) return out;
  for (LONG i = 0; i < count; ++i) {
    Bstr item;
    if (SUCCEEDED(list->get_Item(i, item.put()))) out.push_back(item.utf8());
  }
  return out;
}

std::vector<UpdateCategory> categories_of(IUpdate* update) {
  std::vector<UpdateCategory> out;
  ComPtr<ICategoryCollection> list;
  LONG count = 0;
  if (FAILED(update->get_Categories(list.put())) || !list || FAILED(list->get_Count(&count)))
    return out;
  for (LONG i = 0; i < count; ++i) {
    ComPtr<ICategory> cat;
    if (FAILED(list->get_Item(i, cat.put())) || !cat) continue;
    UpdateCategory c;
    Bstr text;
    if (SUCCEEDED(cat->get_CategoryID(text.put()))) c.id = text.utf8();
    if (SUCCEEDED(cat->get_Name(text.put()))) c.name = text.utf8();
    if (SUCCEEDED(cat->get_Type(text.put()))) c.type = text.utf8();
    out.push_back(std::move(c));
  }
  return out;
}

// A property the agent cannot give stays at its default: one odd update should not hide the
// others.
UpdateFacts facts_of(IUpdate* update) {
  UpdateFacts f;
  Bstr text;
  if (SUCCEEDED(update->get_Title(text.put()))) f.title = text.utf8();
  ComPtr<IUpdateIdentity> identity;
  if (SUCCEEDED(update->get_Identity(identity.put())) && identity) {
    if (SUCCEEDED(identity->get_UpdateID(text.put()))) f.id = text.utf8();
    LONG revision = 0;
    if (SUCCEEDED(identity->get_RevisionNumber(&revision))) f.revision = revision;
  }
  ComPtr<IStringCollection> kbs;
  if (SUCCEEDED(update->get_KBArticleIDs(kbs.put()))) f.kbs = strings_of(kbs.get());
  f.categories = categories_of(update);
  UpdateType type{};
  if (SUCCEEDED(update->get_Type(&type))) f.is_driver = type == utDriver;
  DECIMAL size{};
  ULONG64 bytes = 0;
  if (SUCCEEDED(update->get_MaxDownloadSize(&size)) && SUCCEEDED(VarUI8FromDec(&size, &bytes)))
    f.max_download_size = bytes;
  ComPtr<IInstallationBehavior> behavior;
  InstallationRebootBehavior reboot{};
  if (SUCCEEDED(update->get_InstallationBehavior(behavior.put())) && behavior &&
      SUCCEEDED(behavior->get_RebootBehavior(&reboot)))
    f.reboot_behavior = static_cast<int>(reboot);
  VARIANT_BOOL flag = VARIANT_FALSE;
  if (SUCCEEDED(update->get_IsDownloaded(&flag))) f.downloaded = yes(flag);
  if (SUCCEEDED(update->get_IsHidden(&flag))) f.hidden = yes(flag);
  ComPtr<IUpdate3Decl> update3;  // BrowseOnly: Windows 10 and later
  if (SUCCEEDED(update->QueryInterface(kIidUpdate3, update3.put_void())) &&
      SUCCEEDED(update3->get_BrowseOnly(&flag)))
    f.browse_only = yes(flag);
  return f;
}

// Waits for an asynchronous job, polling as the documentation allows; gives up after `limit`.
template <class Job>
bool wait_for(Job* job, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    VARIANT_BOOL done = VARIANT_FALSE;
    if (FAILED(job->get_IsCompleted(&done)) || yes(done)) return true;
    if (limit.count() > 0 && std::chrono::steady_clock::now() > deadline) return false;
    Sleep(100);
  }
}

// The outcome of a download (IDownloadResult) or installation (IInstallationResult) and of
// each update in it (IUpdate*Result), in the order asked. Only installations know about
// restarts; an update the agent gives no result for counts as failed.
template <class One, class Batch>
UpdateBatchResult results_of(Batch* batch, size_t count) {
  auto read = [](auto* r, UpdateOpResult& out) {
    OperationResultCode code = orcFailed;
    LONG hr = static_cast<LONG>(0x80004005);  // E_FAIL
    VARIANT_BOOL reboot = VARIANT_FALSE;
    r->get_ResultCode(&code);
    r->get_HResult(&hr);
    if constexpr (requires { r->get_RebootRequired(&reboot); }) r->get_RebootRequired(&reboot);
    out = {static_cast<int>(code), static_cast<uint32_t>(hr), yes(reboot)};
  };
  UpdateBatchResult out;
  UpdateOpResult whole;
  read(batch, whole);
  out.result_code = whole.result_code;
  out.hresult = whole.hresult;
  out.reboot_required = whole.reboot_required;
  for (LONG i = 0; i < static_cast<LONG>(count); ++i) {
    ComPtr<One> one;
    UpdateOpResult r{static_cast<int>(orcFailed), 0x80004005u, false};
    if (SUCCEEDED(batch->GetUpdateResult(i, one.put())) && one) read(one.get(), r);
    out.updates.push_back(r);
  }
  return out;
}

}  // namespace

WinUpdateSession::WinUpdateSession(ComPtr<IUpdateSession> session) : session_(std::move(session)) {}
WinUpdateSession::~WinUpdateSession() = default;

Result<std::unique_ptr<UpdateSession>> WinUpdateSession::open() {
  auto com = std::make_unique<ComApartment>();
  if (!com->usable()) return hr_error(com->hr(), "Windows Update Agent unavailable", "CoInitializeEx");
  ComPtr<IUpdateSession> session;
  HRESULT hr = CoCreateInstance(CLSID_UpdateSession, nullptr, CLSCTX_INPROC_SERVER,
                                IID_IUpdateSession, session.put_void());
  if (FAILED(hr))
    return hr_error(hr, "Windows Update Agent unavailable", "CoCreateInstance(Microsoft.Update.Session)");
  Bstr app(L"wufix");
  session->put_ClientApplicationID(app.get());  // only labels us in WU's own logs: optional
  auto s = std::unique_ptr<WinUpdateSession>(new WinUpdateSession(std::move(session)));
  s->com_ = std::move(com);
  return std::unique_ptr<UpdateSession>(std::move(s));
}

Result<std::vector<UpdateFacts>> WinUpdateSession::search(std::string_view criteria,
                                                          std::chrono::seconds time_limit) {
  ComPtr<IUpdateSearcher> searcher;
  HRESULT hr = session_->CreateUpdateSearcher(searcher.put());
  if (FAILED(hr)) return failed(hr, "IUpdateSession::CreateUpdateSearcher");
  Bstr query(widen(criteria).c_str());
  ComPtr<ICallbackDecl> done(new Callback(kIidSearchCompletedCallback, nullptr));
  Variant state;
  ComPtr<ISearchJob> job;
  hr = searcher->BeginSearch(query.get(), done.get(), state.get(), job.put());
  if (FAILED(hr)) return failed(hr, "IUpdateSearcher::BeginSearch");
  if (!wait_for(job.get(), time_limit)) {
    job->RequestAbort();
    wait_for(job.get(), std::chrono::seconds(30));
    return Error{kSearchTimedOut, "the update search took too long and was stopped",
                 std::to_string(time_limit.count()) + " s"};
  }
  ComPtr<ISearchResult> result;
  hr = searcher->EndSearch(job.get(), result.put());
  job->CleanUp();
  if (FAILED(hr)) return failed(hr, "IUpdateSearcher::EndSearch");
  ComPtr<IUpdateCollection> updates;
  LONG count = 0;
  hr = result->get_Updates(updates.put());
  if (SUCCEEDED(hr)) hr = updates->get_Count(&count);
  if (FAILED(hr)) return failed(hr, "ISearchResult::Updates");
  last_.clear();
  std::vector<UpdateFacts> out;
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdate> update;
    if (FAILED(updates->get_Item(i, update.put())) || !update) continue;
    out.push_back(facts_of(update.get()));
    last_.emplace_back(out.back().id, std::move(update));
  }
  return out;
}

IUpdate* WinUpdateSession::find(std::string_view id) const {
  for (const auto& [known, update] : last_)
    if (known == id) return update.get();
  return nullptr;
}

Result<ComPtr<IUpdateCollection>> WinUpdateSession::collection(const std::vector<std::string>& ids,
                                                               bool accept_eulas) const {
  ComPtr<IUpdateCollection> list;
  HRESULT hr = CoCreateInstance(kClsidUpdateCollection, nullptr, CLSCTX_INPROC_SERVER,
                                IID_IUpdateCollection, list.put_void());
  if (FAILED(hr)) return failed(hr, "CoCreateInstance(Microsoft.Update.UpdateColl)");
  for (const auto& id : ids) {
    IUpdate* update = find(id);
    if (!update) return Error{0x80240024, "not an update of the last search", id};  // WU_E_NO_UPDATE
    VARIANT_BOOL accepted = VARIANT_TRUE;
    // Installing means accepting the licence, as Settings does when the user clicks Install.
    if (accept_eulas && SUCCEEDED(update->get_EulaAccepted(&accepted)) && !yes(accepted))
      update->AcceptEula();
    LONG index = 0;
    hr = list->Add(update, &index);
    if (FAILED(hr)) return failed(hr, "IUpdateCollection::Add");
  }
  return list;
}

Result<UpdateBatchResult> WinUpdateSession::download(const std::vector<std::string>& ids,
                                                     const UpdateProgressFn& progress) {
  auto list = collection(ids, false);
  if (!list) return list.error();
  ComPtr<IUpdateDownloader> downloader;
  HRESULT hr = session_->CreateUpdateDownloader(downloader.put());
  if (SUCCEEDED(hr)) hr = downloader->put_Updates(list->get());
  if (FAILED(hr)) return failed(hr, "IUpdateSession::CreateUpdateDownloader");
  std::mutex lock;  // the agent calls back on its own threads
  auto on_progress = [&, count = ids.size()](IUnknown* args) {
    ComPtr<IDownloadProgress> p;
    if (!progress || !args ||
        FAILED(static_cast<IDownloadProgressArgs*>(args)->get_Progress(p.put())) || !p)
      return;
    LONG index = 0, percent = 0;
    DECIMAL done{}, total{};
    ULONG64 done_bytes = 0, total_bytes = 0;
    p->get_CurrentUpdateIndex(&index);
    p->get_PercentComplete(&percent);
    if (SUCCEEDED(p->get_TotalBytesDownloaded(&done))) VarUI8FromDec(&done, &done_bytes);
    if (SUCCEEDED(p->get_TotalBytesToDownload(&total))) VarUI8FromDec(&total, &total_bytes);
    std::lock_guard<std::mutex> hold(lock);
    progress({static_cast<size_t>(index), count, done_bytes, total_bytes, static_cast<int>(percent)});
  };
  ComPtr<ICallbackDecl> changed(new Callback(kIidDownloadProgressChangedCallback, on_progress));
  ComPtr<ICallbackDecl> done(new Callback(kIidDownloadCompletedCallback, nullptr));
  Variant state;
  ComPtr<IDownloadJob> job;
  hr = downloader->BeginDownload(changed.get(), done.get(), state.get(), job.put());
  if (FAILED(hr)) return failed(hr, "IUpdateDownloader::BeginDownload");
  wait_for(job.get(), std::chrono::seconds(0));
  ComPtr<IDownloadResult> result;
  hr = downloader->EndDownload(job.get(), result.put());
  job->CleanUp();
  if (FAILED(hr)) return failed(hr, "IUpdateDownloader::EndDownload");
  return results_of<IUpdateDownloadResult>(result.get(), ids.size());
}

Result<UpdateBatchResult> WinUpdateSession::install(const std::vector<std::string>& ids,
                                                    const UpdateProgressFn& progress) {
  auto list = collection(ids, true);
  if (!list) return list.error();
  ComPtr<IUpdateInstaller> installer;
  HRESULT hr = session_->CreateUpdateInstaller(installer.put());
  if (SUCCEEDED(hr)) hr = installer->put_Updates(list->get());
  if (FAILED(hr)) return failed(hr, "IUpdateSession::CreateUpdateInstaller");
  std::mutex lock;
  auto on_progress = [&, count = ids.size()](IUnknown* args) {
    ComPtr<IInstallationProgress> p;
    if (!progress || !args ||
        FAILED(static_cast<IInstallationProgressArgs*>(args)->get_Progress(p.put())) || !p)
      return;
    LONG index = 0, percent = 0;
    p->get_CurrentUpdateIndex(&index);
    p->get_PercentComplete(&percent);
    std::lock_guard<std::mutex> hold(lock);
    progress({static_cast<size_t>(index), count, 0, 0, static_cast<int>(percent)});
  };
  ComPtr<ICallbackDecl> changed(new Callback(kIidInstallationProgressChangedCallback, on_progress));
  ComPtr<ICallbackDecl> done(new Callback(kIidInstallationCompletedCallback, nullptr));
  Variant state;
  ComPtr<IInstallationJob> job;
  hr = installer->BeginInstall(changed.get(), done.get(), state.get(), job.put());
  if (FAILED(hr)) return failed(hr, "IUpdateInstaller::BeginInstall");
  wait_for(job.get(), std::chrono::seconds(0));
  ComPtr<IInstallationResult> result;
  hr = installer->EndInstall(job.get(), result.put());
  job->CleanUp();
  if (FAILED(hr)) return failed(hr, "IUpdateInstaller::EndInstall");
  return results_of<IUpdateInstallationResult>(result.get(), ids.size());
}

Status WinUpdateSession::set_hidden(std::string_view id, bool hidden) {
  IUpdate* update = find(id);
  if (!update) return Error{0x80240024, "not an update of the last search", std::string(id)};
  HRESULT hr = update->put_IsHidden(hidden ? VARIANT_TRUE : VARIANT_FALSE);
  if (FAILED(hr)) return failed(hr, "IUpdate::IsHidden");
  return ok_status();
}

}  // namespace wufix::win
