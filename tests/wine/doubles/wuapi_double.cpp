// wuapi-double.dll: an in-process COM server standing in for the Windows Update Agent, which
// Wine only stubs (E_NOTIMPL). Registered in the test prefix for Microsoft.Update.Session
// ({4CB43D7F-...}) and Microsoft.Update.UpdateColl ({13639463-...}); it implements what
// wufix calls: IUpdateSession, IUpdateSearcher (Search, BeginSearch/EndSearch), ISearchJob,
// ISearchResult, IUpdateCollection, IUpdate (+IUpdate3.BrowseOnly), IUpdateIdentity,
// IStringCollection, ICategoryCollection/ICategory, IInstallationBehavior, IUpdateDownloader
// and IUpdateInstaller (Begin*/End* with the progress and completion callbacks), their jobs,
// progress, results and per-update results.
//
// Scenario: C:\wufix-doubles\wua.scenario, one setting or update a line ('#': comment):
//   search_hresult=0x8024402C          every search fails with this code
//   update id=GUID rev=N kb=5044284 class=security|critical|feature|driver|definition|update
//          size=BYTES reboot=0|1|2 downloaded=0 hidden=0 browse_only=0 installed=0
//          download_hresult=0x... install_hresult=0x... install_reboot=0|1 title=REST OF LINE
// The file is rewritten when an update is hidden, downloaded or installed (state persists
// between runs as the real agent's datastore does). Calls: C:\wufix-doubles\wua.calls.
#define CINTERFACE
#define COBJMACROS
#include <windows.h>
#include <oleauto.h>
// wuapi.h's IIDs are DEFINE_GUIDs that no import library has: defined here.
#include <initguid.h>
#include <wuapi.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "common.h"

namespace {

// ---- the scenario ---------------------------------------------------------------------------
struct Update {
  std::wstring id, kb, cls = L"update", title;
  LONG rev = 1, reboot = 0;
  ULONG64 size = 0;
  bool downloaded = false, hidden = false, browse_only = false, installed = false;
  HRESULT download_hr = S_OK, install_hr = S_OK;
  bool install_reboot = false;
};

struct Scenario {
  HRESULT search_hr = S_OK;
  std::vector<Update> updates;
};

std::wstring dir() { return dbl::state_dir() + L"\\"; }

std::wstring hexw(HRESULT hr) { return dbl::from_utf8(dbl::hex32(static_cast<DWORD>(hr))); }

HRESULT hex(const std::wstring& v) { return static_cast<HRESULT>(std::wcstoul(v.c_str(), nullptr, 0)); }

Scenario load() {
  Scenario s;
  for (const std::string& raw : dbl::lines_of(dbl::read_file(dir() + L"wua.scenario"))) {
    std::wstring line = dbl::from_utf8(raw);
    if (line.empty() || line[0] == L'#') continue;
    if (dbl::istarts(line, L"search_hresult=")) {
      s.search_hr = hex(line.substr(15));
      continue;
    }
    if (!dbl::istarts(line, L"update ")) continue;
    Update u;
    size_t at = 7;
    while (at < line.size()) {
      size_t end = line.find(L' ', at);
      std::wstring tok = line.substr(at, end == std::wstring::npos ? std::wstring::npos : end - at);
      size_t eq = tok.find(L'=');
      std::wstring key = tok.substr(0, eq), val = eq == std::wstring::npos ? L"" : tok.substr(eq + 1);
      if (key == L"title") {
        u.title = line.substr(at + 6);
        break;
      }
      if (key == L"id") u.id = val;
      else if (key == L"rev") u.rev = std::wcstol(val.c_str(), nullptr, 10);
      else if (key == L"kb") u.kb = val;
      else if (key == L"class") u.cls = val;
      else if (key == L"size") u.size = std::wcstoull(val.c_str(), nullptr, 10);
      else if (key == L"reboot") u.reboot = std::wcstol(val.c_str(), nullptr, 10);
      else if (key == L"downloaded") u.downloaded = val == L"1";
      else if (key == L"hidden") u.hidden = val == L"1";
      else if (key == L"browse_only") u.browse_only = val == L"1";
      else if (key == L"installed") u.installed = val == L"1";
      else if (key == L"download_hresult") u.download_hr = hex(val);
      else if (key == L"install_hresult") u.install_hr = hex(val);
      else if (key == L"install_reboot") u.install_reboot = val == L"1";
      if (end == std::wstring::npos) break;
      at = end + 1;
    }
    s.updates.push_back(u);
  }
  return s;
}

void save(const Scenario& s) {
  std::string text;
  if (s.search_hr != S_OK) text += "search_hresult=" + dbl::hex32(static_cast<DWORD>(s.search_hr)) + "\r\n";
  for (const Update& u : s.updates) {
    std::wstring line = L"update id=" + u.id + L" rev=" + std::to_wstring(u.rev) + L" kb=" + u.kb +
                        L" class=" + u.cls + L" size=" + std::to_wstring(u.size) +
                        L" reboot=" + std::to_wstring(u.reboot) +
                        L" downloaded=" + (u.downloaded ? L"1" : L"0") + L" hidden=" + (u.hidden ? L"1" : L"0") +
                        L" browse_only=" + (u.browse_only ? L"1" : L"0") +
                        L" installed=" + (u.installed ? L"1" : L"0");
    line += L" download_hresult=" + hexw(u.download_hr) + L" install_hresult=" + hexw(u.install_hr);
    line += L" install_reboot=" + std::wstring(u.install_reboot ? L"1" : L"0") + L" title=" + u.title;
    text += dbl::to_utf8(line) + "\r\n";
  }
  HANDLE h = CreateFileW((dir() + L"wua.scenario").c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, 0, nullptr);
  if (h == INVALID_HANDLE_VALUE) return;
  DWORD n = 0;
  WriteFile(h, text.data(), static_cast<DWORD>(text.size()), &n, nullptr);
  CloseHandle(h);
}

void record(const std::wstring& line) { dbl::append_file(dir() + L"wua.calls", dbl::to_utf8(line) + "\r\n"); }

Update* find(Scenario& s, const std::wstring& id) {
  for (auto& u : s.updates)
    if (u.id == id) return &u;
  return nullptr;
}

// ---- one object type for every interface ----------------------------------------------------
struct Obj {
  const void* lpVtbl;
  std::atomic<LONG> refs{1};
  const IID* iid = nullptr;
  const IID* iid_extra = nullptr;  // IUpdate: IUpdate2/IUpdate3 share the vtable
  std::vector<Obj*> items;         // collections; a job's updates
  std::vector<std::wstring> text;  // strings: identity, category fields, string items
  LONG a = 0, b = 0, c = 0;        // result code / hresult / reboot; index / percent
  ULONG64 done = 0, total = 0;     // bytes
  Obj* child = nullptr;            // a search result's collection, a job's result, ...
  Update facts;                    // IUpdate
};

Obj* make(const void* vtbl, const IID* iid) {
  Obj* o = new Obj;
  o->lpVtbl = vtbl;
  o->iid = iid;
  return o;
}
ULONG STDMETHODCALLTYPE add_ref(Obj* o) { return ++o->refs; }
ULONG STDMETHODCALLTYPE release(Obj* o) {
  LONG left = --o->refs;
  if (left == 0) {
    for (Obj* i : o->items) release(i);
    if (o->child) release(o->child);
    delete o;
  }
  return left;
}
HRESULT STDMETHODCALLTYPE query(Obj* o, REFIID riid, void** out) {
  if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IDispatch) || IsEqualIID(riid, *o->iid) ||
      (o->iid_extra && IsEqualIID(riid, *o->iid_extra))) {
    *out = o;
    add_ref(o);
    return S_OK;
  }
  *out = nullptr;
  return E_NOINTERFACE;
}
HRESULT STDMETHODCALLTYPE not_implemented() { return E_NOTIMPL; }
HRESULT STDMETHODCALLTYPE ok() { return S_OK; }

// A vtable: every slot E_NOTIMPL, then IUnknown and what the double implements.
template <class Vtbl, size_t Extra = 0>
struct Table {
  Vtbl v;
  void* extra[Extra + 1];
  Table() {
    void** slots = reinterpret_cast<void**>(this);
    for (size_t i = 0; i < sizeof(*this) / sizeof(void*); ++i) slots[i] = reinterpret_cast<void*>(&not_implemented);
    slots[0] = reinterpret_cast<void*>(&query);
    slots[1] = reinterpret_cast<void*>(&add_ref);
    slots[2] = reinterpret_cast<void*>(&release);
  }
};
#define SET(table, field, fn) \
  (table).v.field = reinterpret_cast<decltype((table).v.field)>(reinterpret_cast<void*>(fn))

HRESULT give(Obj* o, Obj** out) {
  add_ref(o);
  *out = o;
  return S_OK;
}
HRESULT STDMETHODCALLTYPE get_a(Obj* o, LONG* out) { *out = o->a; return S_OK; }
HRESULT STDMETHODCALLTYPE get_b(Obj* o, LONG* out) { *out = o->b; return S_OK; }
HRESULT STDMETHODCALLTYPE get_c_bool(Obj* o, VARIANT_BOOL* out) { *out = o->c ? VARIANT_TRUE : VARIANT_FALSE; return S_OK; }
HRESULT STDMETHODCALLTYPE get_true(Obj*, VARIANT_BOOL* out) { *out = VARIANT_TRUE; return S_OK; }
HRESULT STDMETHODCALLTYPE get_count(Obj* o, LONG* out) { *out = static_cast<LONG>(o->items.size()); return S_OK; }
HRESULT STDMETHODCALLTYPE get_item(Obj* o, LONG i, Obj** out) {
  if (i < 0 || i >= static_cast<LONG>(o->items.size())) return E_INVALIDARG;
  return give(o->items[i], out);
}
HRESULT STDMETHODCALLTYPE get_child(Obj* o, Obj** out) { return o->child ? give(o->child, out) : E_POINTER; }
HRESULT bstr(const std::wstring& s, BSTR* out) { *out = SysAllocString(s.c_str()); return S_OK; }
HRESULT STDMETHODCALLTYPE text0(Obj* o, BSTR* out) { return bstr(o->text.at(0), out); }
HRESULT STDMETHODCALLTYPE text1(Obj* o, BSTR* out) { return bstr(o->text.at(1), out); }
HRESULT STDMETHODCALLTYPE text2(Obj* o, BSTR* out) { return bstr(o->text.at(2), out); }
HRESULT STDMETHODCALLTYPE string_item(Obj* o, LONG i, BSTR* out) {
  if (i < 0 || i >= static_cast<LONG>(o->text.size())) return E_INVALIDARG;
  return bstr(o->text[i], out);
}
HRESULT STDMETHODCALLTYPE string_count(Obj* o, LONG* out) { *out = static_cast<LONG>(o->text.size()); return S_OK; }

// ---- updates --------------------------------------------------------------------------------
Obj* new_strings(std::vector<std::wstring> items) {
  static Table<IStringCollectionVtbl> t = [] {
    Table<IStringCollectionVtbl> t;
    SET(t, get_Item, string_item);
    SET(t, get_Count, string_count);
    return t;
  }();
  Obj* o = make(&t, &IID_IStringCollection);
  o->text = std::move(items);
  return o;
}

Obj* new_category(const std::wstring& cls) {
  static Table<ICategoryVtbl> t = [] {
    Table<ICategoryVtbl> t;
    SET(t, get_CategoryID, text0);
    SET(t, get_Name, text1);
    SET(t, get_Type, text2);
    return t;
  }();
  struct Known { const wchar_t *cls, *id, *name; };
  static const Known kKnown[] = {
      {L"security", L"0fa1201d-4330-4fa8-8ae9-b877473b6441", L"Security Updates"},
      {L"critical", L"e6cf1350-c01b-414d-a61f-263d14d133b4", L"Critical Updates"},
      {L"feature", L"b54e7d24-7add-428f-8b75-90a396fa584f", L"Feature Packs"},
      {L"driver", L"ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0", L"Drivers"},
      {L"definition", L"e0789628-ce08-4437-be74-2495b842f43b", L"Definition Updates"},
      {L"update", L"cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83", L"Updates"}};
  Obj* o = make(&t, &IID_ICategory);
  o->text = {kKnown[5].id, kKnown[5].name, L"UpdateClassification"};
  for (const Known& k : kKnown)
    if (cls == k.cls) o->text = {k.id, k.name, L"UpdateClassification"};
  return o;
}

Obj* new_collection(const IID* iid);

HRESULT STDMETHODCALLTYPE update_title(Obj* o, BSTR* out) { return bstr(o->facts.title, out); }
HRESULT STDMETHODCALLTYPE update_identity(Obj* o, Obj** out) {
  static Table<IUpdateIdentityVtbl> t = [] {
    Table<IUpdateIdentityVtbl> t;
    SET(t, get_UpdateID, text0);
    SET(t, get_RevisionNumber, get_a);
    return t;
  }();
  Obj* id = make(&t, &IID_IUpdateIdentity);
  id->text = {o->facts.id};
  id->a = o->facts.rev;
  *out = id;
  return S_OK;
}
HRESULT STDMETHODCALLTYPE update_kbs(Obj* o, Obj** out) {
  *out = new_strings(o->facts.kb.empty() ? std::vector<std::wstring>{} : std::vector<std::wstring>{o->facts.kb});
  return S_OK;
}
HRESULT STDMETHODCALLTYPE update_categories(Obj* o, Obj** out) {
  Obj* list = new_collection(&IID_ICategoryCollection);
  list->items.push_back(new_category(o->facts.cls));
  *out = list;
  return S_OK;
}
HRESULT STDMETHODCALLTYPE update_type(Obj* o, UpdateType* out) {
  *out = o->facts.cls == L"driver" ? utDriver : utSoftware;
  return S_OK;
}
HRESULT STDMETHODCALLTYPE update_size(Obj* o, DECIMAL* out) { return VarDecFromUI8(o->facts.size, out); }
HRESULT STDMETHODCALLTYPE update_behavior(Obj* o, Obj** out) {
  static Table<IInstallationBehaviorVtbl> t = [] {
    Table<IInstallationBehaviorVtbl> t;
    SET(t, get_RebootBehavior, get_a);
    return t;
  }();
  Obj* b = make(&t, &IID_IInstallationBehavior);
  b->a = o->facts.reboot;
  *out = b;
  return S_OK;
}
HRESULT flag(bool v, VARIANT_BOOL* out) { *out = v ? VARIANT_TRUE : VARIANT_FALSE; return S_OK; }
HRESULT STDMETHODCALLTYPE update_downloaded(Obj* o, VARIANT_BOOL* out) { return flag(o->facts.downloaded, out); }
HRESULT STDMETHODCALLTYPE update_hidden(Obj* o, VARIANT_BOOL* out) { return flag(o->facts.hidden, out); }
HRESULT STDMETHODCALLTYPE update_installed(Obj* o, VARIANT_BOOL* out) { return flag(o->facts.installed, out); }
HRESULT STDMETHODCALLTYPE update_browse_only(Obj* o, VARIANT_BOOL* out) { return flag(o->facts.browse_only, out); }
HRESULT STDMETHODCALLTYPE update_set_hidden(Obj* o, VARIANT_BOOL value) {
  Scenario s = load();
  Update* u = find(s, o->facts.id);
  if (!u) return 0x80240024;  // WU_E_NO_UPDATE
  u->hidden = o->facts.hidden = value != VARIANT_FALSE;
  save(s);
  record(L"hide " + o->facts.id + (o->facts.hidden ? L" 1" : L" 0"));
  return S_OK;
}

// {144FE9B0-D23D-4A8B-8634-FB4457533B7A}, {112EDA6B-95B3-476F-9D90-AEE82C6B8181}
const IID kIidUpdate2 = {0x144fe9b0, 0xd23d, 0x4a8b, {0x86, 0x34, 0xfb, 0x44, 0x57, 0x53, 0x3b, 0x7a}};
const IID kIidUpdate3 = {0x112eda6b, 0x95b3, 0x476f, {0x9d, 0x90, 0xae, 0xe8, 0x2c, 0x6b, 0x81, 0x81}};

Obj* new_update(const Update& u) {
  // IUpdate, then IUpdate2's four methods, then IUpdate3's get_BrowseOnly.
  static Table<IUpdateVtbl, 5> t = [] {
    Table<IUpdateVtbl, 5> t;
    SET(t, get_Title, update_title);
    SET(t, get_Identity, update_identity);
    SET(t, get_KBArticleIDs, update_kbs);
    SET(t, get_Categories, update_categories);
    SET(t, get_Type, update_type);
    SET(t, get_MaxDownloadSize, update_size);
    SET(t, get_InstallationBehavior, update_behavior);
    SET(t, get_IsDownloaded, update_downloaded);
    SET(t, get_IsHidden, update_hidden);
    SET(t, put_IsHidden, update_set_hidden);
    SET(t, get_IsInstalled, update_installed);
    SET(t, get_EulaAccepted, get_true);
    SET(t, AcceptEula, ok);
    t.extra[4] = reinterpret_cast<void*>(&update_browse_only);
    return t;
  }();
  Obj* o = make(&t, &IID_IUpdate);
  o->iid_extra = &kIidUpdate3;
  o->facts = u;
  return o;
}

// ---- collections ----------------------------------------------------------------------------
HRESULT STDMETHODCALLTYPE collection_add(Obj* o, Obj* item, LONG* index) {
  add_ref(item);
  o->items.push_back(item);
  if (index) *index = static_cast<LONG>(o->items.size() - 1);
  return S_OK;
}
HRESULT STDMETHODCALLTYPE get_false(Obj*, VARIANT_BOOL* out) { *out = VARIANT_FALSE; return S_OK; }

Obj* new_collection(const IID* iid) {
  static Table<IUpdateCollectionVtbl> t = [] {
    Table<IUpdateCollectionVtbl> t;
    SET(t, get_Item, get_item);
    SET(t, get_Count, get_count);
    SET(t, get_ReadOnly, get_false);
    SET(t, Add, collection_add);
    return t;
  }();
  static Table<ICategoryCollectionVtbl> categories = [] {
    Table<ICategoryCollectionVtbl> t;
    SET(t, get_Item, get_item);
    SET(t, get_Count, get_count);
    return t;
  }();
  if (IsEqualIID(*iid, IID_ICategoryCollection)) return make(&categories, iid);
  return make(&t, iid);
}

// ---- search ---------------------------------------------------------------------------------
struct Callback {  // what wufix hands over: IUnknown + Invoke(job, args)
  struct Vtbl {
    HRESULT(STDMETHODCALLTYPE* QueryInterface)(Callback*, REFIID, void**);
    ULONG(STDMETHODCALLTYPE* AddRef)(Callback*);
    ULONG(STDMETHODCALLTYPE* Release)(Callback*);
    HRESULT(STDMETHODCALLTYPE* Invoke)(Callback*, Obj* job, Obj* args);
  } * lpVtbl;
};

// As the agent does: the callback object must answer for the callback's interface.
void call_back(IUnknown* given, const IID& iid, Obj* job, Obj* args) {
  if (!given) return;
  Callback* cb = nullptr;
  if (FAILED(given->lpVtbl->QueryInterface(given, iid, reinterpret_cast<void**>(&cb))) || !cb) {
    record(L"callback without its interface");
    return;
  }
  cb->lpVtbl->Invoke(cb, job, args);
  cb->lpVtbl->Release(cb);
}

Obj* new_job(const IID* iid, Obj* result, Obj* progress);

HRESULT search(const std::wstring& criteria, Obj** out) {
  record(L"search " + criteria);
  Scenario s = load();
  if (s.search_hr != S_OK) return s.search_hr;
  std::wstring c = dbl::lower(criteria);
  int hidden = c.find(L"ishidden=0") != std::wstring::npos ? 0 : c.find(L"ishidden=1") != std::wstring::npos ? 1 : -1;
  if (c.find(L"isinstalled=0") == std::wstring::npos) return 0x80240032;  // WU_E_INVALID_CRITERIA
  static Table<ISearchResultVtbl> t = [] {
    Table<ISearchResultVtbl> t;
    SET(t, get_ResultCode, get_a);
    SET(t, get_Updates, get_child);
    return t;
  }();
  Obj* result = make(&t, &IID_ISearchResult);
  result->a = orcSucceeded;
  result->child = new_collection(&IID_IUpdateCollection);
  for (const Update& u : s.updates)
    if (!u.installed && (hidden < 0 || u.hidden == (hidden == 1))) result->child->items.push_back(new_update(u));
  *out = result;
  return S_OK;
}

HRESULT STDMETHODCALLTYPE searcher_search(Obj*, BSTR criteria, Obj** out) { return search(criteria ? criteria : L"", out); }
HRESULT STDMETHODCALLTYPE searcher_begin(Obj*, BSTR criteria, IUnknown* done, VARIANT, Obj** job) {
  Obj* result = nullptr;
  HRESULT hr = search(criteria ? criteria : L"", &result);
  if (FAILED(hr)) return hr;
  *job = new_job(&IID_ISearchJob, result, nullptr);
  call_back(done, {0x88aee058, 0xd4b0, 0x4725, {0xa2, 0xf1, 0x81, 0x4a, 0x67, 0xae, 0x96, 0x4c}}, *job, nullptr);
  return S_OK;
}
HRESULT STDMETHODCALLTYPE job_end(Obj*, Obj* job, Obj** out) { return job && job->child ? give(job->child, out) : E_INVALIDARG; }

// ---- jobs, progress, results ----------------------------------------------------------------
HRESULT STDMETHODCALLTYPE job_progress(Obj* o, Obj** out) { return o->items.empty() ? E_POINTER : give(o->items[0], out); }
HRESULT STDMETHODCALLTYPE get_done(Obj* o, DECIMAL* out) { return VarDecFromUI8(o->done, out); }
HRESULT STDMETHODCALLTYPE get_total(Obj* o, DECIMAL* out) { return VarDecFromUI8(o->total, out); }

Obj* new_job(const IID* iid, Obj* result, Obj* progress) {
  // ISearchJob, IDownloadJob and IInstallationJob: get_AsyncState, get_IsCompleted, ... each
  // has its own layout, so one table each.
  static Table<ISearchJobVtbl> search_t = [] {
    Table<ISearchJobVtbl> t;
    SET(t, get_IsCompleted, get_true);
    SET(t, CleanUp, ok);
    SET(t, RequestAbort, ok);
    return t;
  }();
  static Table<IDownloadJobVtbl> download_t = [] {
    Table<IDownloadJobVtbl> t;
    SET(t, get_IsCompleted, get_true);
    SET(t, CleanUp, ok);
    SET(t, RequestAbort, ok);
    SET(t, GetProgress, job_progress);
    return t;
  }();
  static Table<IInstallationJobVtbl> install_t = [] {
    Table<IInstallationJobVtbl> t;
    SET(t, get_IsCompleted, get_true);
    SET(t, CleanUp, ok);
    SET(t, RequestAbort, ok);
    SET(t, GetProgress, job_progress);
    return t;
  }();
  const void* vt = IsEqualIID(*iid, IID_ISearchJob) ? static_cast<const void*>(&search_t)
                   : IsEqualIID(*iid, IID_IDownloadJob) ? static_cast<const void*>(&download_t)
                                                        : static_cast<const void*>(&install_t);
  Obj* job = make(vt, iid);
  job->child = result;
  if (progress) job->items.push_back(progress);
  return job;
}

Obj* new_progress(bool download) {
  static Table<IDownloadProgressVtbl> dt = [] {
    Table<IDownloadProgressVtbl> t;
    SET(t, get_CurrentUpdateIndex, get_a);
    SET(t, get_PercentComplete, get_b);
    SET(t, get_TotalBytesDownloaded, get_done);
    SET(t, get_TotalBytesToDownload, get_total);
    return t;
  }();
  static Table<IInstallationProgressVtbl> it = [] {
    Table<IInstallationProgressVtbl> t;
    SET(t, get_CurrentUpdateIndex, get_a);
    SET(t, get_PercentComplete, get_b);
    return t;
  }();
  return download ? make(&dt, &IID_IDownloadProgress) : make(&it, &IID_IInstallationProgress);
}

// I*ProgressChangedCallbackArgs: IDispatch + get_Progress.
Obj* new_progress_args(Obj* progress) {
  static Table<IDispatchVtbl, 1> t = [] {
    Table<IDispatchVtbl, 1> t;
    t.extra[0] = reinterpret_cast<void*>(&get_child);
    return t;
  }();
  static const IID kArgs = {0x324ff2c6, 0x4981, 0x4b04, {0x94, 0x12, 0x57, 0x48, 0x17, 0x45, 0xab, 0x24}};
  Obj* o = make(&t, &kArgs);
  add_ref(progress);
  o->child = progress;
  return o;
}

Obj* new_result(bool install, LONG code, HRESULT hr, bool reboot) {
  static Table<IUpdateDownloadResultVtbl> dt = [] {
    Table<IUpdateDownloadResultVtbl> t;
    SET(t, get_HResult, get_b);
    SET(t, get_ResultCode, get_a);
    return t;
  }();
  static Table<IUpdateInstallationResultVtbl> it = [] {
    Table<IUpdateInstallationResultVtbl> t;
    SET(t, get_HResult, get_b);
    SET(t, get_RebootRequired, get_c_bool);
    SET(t, get_ResultCode, get_a);
    return t;
  }();
  Obj* o = install ? make(&it, &IID_IUpdateInstallationResult) : make(&dt, &IID_IUpdateDownloadResult);
  o->a = code;
  o->b = hr;
  o->c = reboot;
  return o;
}

HRESULT STDMETHODCALLTYPE batch_update_result(Obj* o, LONG i, Obj** out) { return get_item(o, i, out); }

Obj* new_batch(bool install) {
  static Table<IDownloadResultVtbl> dt = [] {
    Table<IDownloadResultVtbl> t;
    SET(t, get_HResult, get_b);
    SET(t, get_ResultCode, get_a);
    SET(t, GetUpdateResult, batch_update_result);
    return t;
  }();
  static Table<IInstallationResultVtbl> it = [] {
    Table<IInstallationResultVtbl> t;
    SET(t, get_HResult, get_b);
    SET(t, get_RebootRequired, get_c_bool);
    SET(t, get_ResultCode, get_a);
    SET(t, GetUpdateResult, batch_update_result);
    return t;
  }();
  return install ? make(&it, &IID_IInstallationResult) : make(&dt, &IID_IDownloadResult);
}

// Runs the download or installation of `updates` (the downloader's or installer's collection),
// reporting progress twice per update through the callbacks, then completion.
Obj* run_batch(bool install, Obj* updates, IUnknown* on_progress, IUnknown* on_done, const IID* job_iid) {
  std::wstring line = install ? L"install" : L"download";
  for (Obj* u : updates->items) line += L" " + u->facts.id;
  record(line);
  Scenario s = load();
  Obj* batch = new_batch(install);
  Obj* progress = new_progress(!install);
  Obj* job = new_job(job_iid, batch, progress);
  const IID progress_iid = install ? IID{0xe01402d5, 0xf8da, 0x43ba, {0xa0, 0x12, 0x38, 0x89, 0x4b, 0xd0, 0x48, 0xf1}}
                                   : IID{0x8c3f1cdd, 0x6173, 0x4591, {0xae, 0xbd, 0xa5, 0x6a, 0x53, 0xca, 0x77, 0xc1}};
  const IID done_iid = install ? IID{0x45f4f6f3, 0xd602, 0x4f98, {0x9a, 0x8a, 0x3e, 0xfa, 0x15, 0x2a, 0xd2, 0xd3}}
                               : IID{0x77254866, 0x9f5b, 0x4c8e, {0xb9, 0xe2, 0xc7, 0x7a, 0x85, 0x30, 0xd6, 0x4b}};
  const LONG n = static_cast<LONG>(updates->items.size());
  for (Obj* u : updates->items) progress->total += u->facts.size;
  int failures = 0;
  bool reboot = false;
  for (LONG i = 0; i < n; ++i) {
    Update* state = find(s, updates->items[i]->facts.id);
    const Update& f = state ? *state : updates->items[i]->facts;
    for (int half = 1; half <= 2; ++half) {
      progress->a = i;
      progress->b = static_cast<LONG>((i * 2 + half) * 100 / (2 * n));
      if (!install) progress->done += f.size / 2 + (half == 2 ? f.size % 2 : 0);
      Obj* args = new_progress_args(progress);
      call_back(on_progress, progress_iid, job, args);
      release(args);
    }
    HRESULT hr = install ? f.install_hr : f.download_hr;
    bool ok_one = hr == S_OK && state != nullptr;
    if (!state) hr = 0x80240024;  // WU_E_NO_UPDATE
    bool needs = install && ok_one && f.install_reboot;
    batch->items.push_back(new_result(install, ok_one ? orcSucceeded : orcFailed, hr, needs));
    failures += ok_one ? 0 : 1;
    reboot |= needs;
    if (ok_one && install) state->installed = true;
    if (ok_one && !install) state->downloaded = true;
  }
  save(s);
  batch->a = failures == 0 ? orcSucceeded : failures == n ? orcFailed : orcSucceededWithErrors;
  batch->b = failures == n && n > 0 ? static_cast<LONG>(0x80240022) : S_OK;  // WU_E_ALL_UPDATES_FAILED
  batch->c = reboot;
  call_back(on_done, done_iid, job, nullptr);
  return job;
}

HRESULT STDMETHODCALLTYPE put_updates(Obj* o, Obj* updates) {
  if (!updates) return E_INVALIDARG;
  add_ref(updates);
  if (o->child) release(o->child);
  o->child = updates;
  return S_OK;
}
HRESULT STDMETHODCALLTYPE download_begin(Obj* o, IUnknown* progress, IUnknown* done, VARIANT, Obj** job) {
  if (!o->child || o->child->items.empty()) return 0x80240024;  // WU_E_NO_UPDATE
  *job = run_batch(false, o->child, progress, done, &IID_IDownloadJob);
  return S_OK;
}
HRESULT STDMETHODCALLTYPE install_begin(Obj* o, IUnknown* progress, IUnknown* done, VARIANT, Obj** job) {
  if (!o->child || o->child->items.empty()) return 0x80240024;
  *job = run_batch(true, o->child, progress, done, &IID_IInstallationJob);
  return S_OK;
}

// ---- session and class factory --------------------------------------------------------------
HRESULT STDMETHODCALLTYPE session_searcher(Obj*, Obj** out) {
  static Table<IUpdateSearcherVtbl> t = [] {
    Table<IUpdateSearcherVtbl> t;
    SET(t, Search, searcher_search);
    SET(t, BeginSearch, searcher_begin);
    SET(t, EndSearch, job_end);
    return t;
  }();
  *out = make(&t, &IID_IUpdateSearcher);
  return S_OK;
}
HRESULT STDMETHODCALLTYPE session_downloader(Obj*, Obj** out) {
  static Table<IUpdateDownloaderVtbl> t = [] {
    Table<IUpdateDownloaderVtbl> t;
    SET(t, put_Updates, put_updates);
    SET(t, get_Updates, get_child);
    SET(t, BeginDownload, download_begin);
    SET(t, EndDownload, job_end);
    SET(t, put_ClientApplicationID, ok);
    return t;
  }();
  *out = make(&t, &IID_IUpdateDownloader);
  return S_OK;
}
HRESULT STDMETHODCALLTYPE session_installer(Obj*, Obj** out) {
  static Table<IUpdateInstallerVtbl> t = [] {
    Table<IUpdateInstallerVtbl> t;
    SET(t, put_Updates, put_updates);
    SET(t, get_Updates, get_child);
    SET(t, BeginInstall, install_begin);
    SET(t, EndInstall, job_end);
    SET(t, put_ClientApplicationID, ok);
    return t;
  }();
  *out = make(&t, &IID_IUpdateInstaller);
  return S_OK;
}

Obj* new_session() {
  static Table<IUpdateSessionVtbl> t = [] {
    Table<IUpdateSessionVtbl> t;
    SET(t, put_ClientApplicationID, ok);
    SET(t, CreateUpdateSearcher, session_searcher);
    SET(t, CreateUpdateDownloader, session_downloader);
    SET(t, CreateUpdateInstaller, session_installer);
    return t;
  }();
  return make(&t, &IID_IUpdateSession);
}

const CLSID kClsidSession = {0x4cb43d7f, 0x7eee, 0x4906, {0x86, 0x98, 0x60, 0xda, 0x1c, 0x38, 0xf2, 0xfe}};
const CLSID kClsidCollection = {0x13639463, 0x00db, 0x4646, {0x80, 0x3d, 0x52, 0x80, 0x26, 0x14, 0x0d, 0x88}};

HRESULT STDMETHODCALLTYPE factory_create(Obj* f, IUnknown* outer, REFIID riid, void** out) {
  *out = nullptr;
  if (outer) return CLASS_E_NOAGGREGATION;
  Obj* o = f->a == 1 ? new_session() : new_collection(&IID_IUpdateCollection);
  HRESULT hr = query(o, riid, out);
  release(o);
  return hr;
}

}  // namespace

extern "C" __declspec(dllexport) HRESULT STDAPICALLTYPE DllGetClassObject(REFCLSID clsid, REFIID riid, void** out) {
  static Table<IClassFactoryVtbl> t = [] {
    Table<IClassFactoryVtbl> t;
    SET(t, CreateInstance, factory_create);
    SET(t, LockServer, ok);
    return t;
  }();
  *out = nullptr;
  bool session = IsEqualCLSID(clsid, kClsidSession);
  if (!session && !IsEqualCLSID(clsid, kClsidCollection)) return CLASS_E_CLASSNOTAVAILABLE;
  Obj* f = make(&t, &IID_IClassFactory);
  f->a = session ? 1 : 2;
  HRESULT hr = query(f, riid, out);
  release(f);
  return hr;
}

extern "C" __declspec(dllexport) HRESULT STDAPICALLTYPE DllCanUnloadNow() { return S_FALSE; }
