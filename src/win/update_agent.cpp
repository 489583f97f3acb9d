#include "win/update_agent.h"

#include "win/com.h"
// The WUA CLSIDs and IIDs exist only as DEFINE_GUIDs in wuapi.h (no import library has
// them): initguid.h makes this file, and only this one, define them.
#include <initguid.h>
#include <wuapi.h>

#include "win/update_session.h"

#include <cmath>

namespace wufix::win {
namespace {

Error unavailable(HRESULT hr, std::string_view call) {
  return hr_error(hr, "Windows Update Agent history unavailable", call);
}

// OLE DATE: days since 1899-12-30 00:00 (UTC here), the fraction is the time of day. Before
// 1899 the fraction still counts forward, hence the split.
std::chrono::system_clock::time_point from_ole_date(DATE date) {
  // Outside about 1900-2200 (or NaN from a corrupt datastore) the conversion would overflow.
  if (!std::isfinite(date) || date < 0.0 || date > 110000.0) return {};
  double days = std::trunc(date);
  double seconds = (days - 25569.0 + std::fabs(date - days)) * 86400.0;  // 25569: 1970-01-01
  auto ms = std::chrono::milliseconds(std::llround(seconds * 1000.0));
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(ms));
}

// A property the agent cannot give stays at its default; one odd entry should not hide
// the rest of the history.
UpdateHistoryEntry to_entry(IUpdateHistoryEntry* item) {
  UpdateHistoryEntry out;
  Bstr text;
  if (SUCCEEDED(item->get_Title(text.put()))) out.title = text.utf8();
  if (SUCCEEDED(item->get_ClientApplicationID(text.put()))) out.client = text.utf8();
  ComPtr<IUpdateIdentity> identity;
  if (SUCCEEDED(item->get_UpdateIdentity(identity.put())) && identity &&
      SUCCEEDED(identity->get_UpdateID(text.put()))) {
    out.update_id = text.utf8();
  }
  UpdateOperation operation{};
  if (SUCCEEDED(item->get_Operation(&operation))) out.operation = static_cast<int>(operation);
  OperationResultCode result{};
  if (SUCCEEDED(item->get_ResultCode(&result))) out.result_code = static_cast<int>(result);
  LONG hresult = 0;
  if (SUCCEEDED(item->get_HResult(&hresult))) out.hresult = static_cast<uint32_t>(hresult);
  DATE date = 0;
  if (SUCCEEDED(item->get_Date(&date))) out.date = from_ole_date(date);
  return out;
}

Result<ComPtr<IUpdateSearcher>> open_searcher() {
  ComPtr<IUpdateSession> session;
  HRESULT hr = CoCreateInstance(CLSID_UpdateSession, nullptr, CLSCTX_INPROC_SERVER,
                                IID_IUpdateSession, session.put_void());
  if (FAILED(hr)) return unavailable(hr, "CoCreateInstance(Microsoft.Update.Session)");
  Bstr app(L"wufix");
  session->put_ClientApplicationID(app.get());  // only labels us in WU's own logs: optional
  ComPtr<IUpdateSearcher> searcher;
  hr = session->CreateUpdateSearcher(searcher.put());
  if (FAILED(hr)) return unavailable(hr, "IUpdateSession::CreateUpdateSearcher");
  return searcher;
}

}  // namespace

Result<std::vector<UpdateHistoryEntry>> WinUpdateAgent::history() const {
  ComApartment com;  // first in, last out: every ComPtr below is released before it leaves
  if (!com.usable()) return unavailable(com.hr(), "CoInitializeEx");
  auto searcher = open_searcher();
  if (!searcher) return searcher.error();

  LONG total = 0;
  HRESULT hr = (*searcher)->GetTotalHistoryCount(&total);
  if (FAILED(hr)) return unavailable(hr, "IUpdateSearcher::GetTotalHistoryCount");
  std::vector<UpdateHistoryEntry> entries;
  if (total <= 0) return entries;  // an empty history: nothing to query

  ComPtr<IUpdateHistoryEntryCollection> collection;
  hr = (*searcher)->QueryHistory(0, total, collection.put());
  if (FAILED(hr)) return unavailable(hr, "IUpdateSearcher::QueryHistory");
  LONG count = 0;
  hr = collection->get_Count(&count);
  if (FAILED(hr)) return unavailable(hr, "IUpdateHistoryEntryCollection::Count");
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdateHistoryEntry> item;
    hr = collection->get_Item(i, item.put());
    if (FAILED(hr)) return unavailable(hr, "IUpdateHistoryEntryCollection::Item");
    if (item) entries.push_back(to_entry(item.get()));
  }
  return entries;
}

Result<std::unique_ptr<UpdateSession>> WinUpdateAgent::open_session() const {
  return WinUpdateSession::open();
}

}  // namespace wufix::win
