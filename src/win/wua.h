// What wuapi.h of MinGW-w64 lacks: IUpdate3 (BrowseOnly), the callback interfaces of the
// asynchronous search/download/install, their argument interfaces, and the UpdateCollection
// class. Declared in the order and with the ids of Microsoft's wuapi.idl.
#pragma once
#include <objbase.h>
#include <wuapi.h>

#include <atomic>
#include <functional>

namespace wufix::win {

// {13639463-00DB-4646-803D-528026140D88}
inline constexpr CLSID kClsidUpdateCollection = {
    0x13639463, 0x00db, 0x4646, {0x80, 0x3d, 0x52, 0x80, 0x26, 0x14, 0x0d, 0x88}};
// {112EDA6B-95B3-476F-9D90-AEE82C6B8181}
inline constexpr IID kIidUpdate3 = {
    0x112eda6b, 0x95b3, 0x476f, {0x9d, 0x90, 0xae, 0xe8, 0x2c, 0x6b, 0x81, 0x81}};
// {88AEE058-D4B0-4725-A2F1-814A67AE964C}
inline constexpr IID kIidSearchCompletedCallback = {
    0x88aee058, 0xd4b0, 0x4725, {0xa2, 0xf1, 0x81, 0x4a, 0x67, 0xae, 0x96, 0x4c}};
// {8C3F1CDD-6173-4591-AEBD-A56A53CA77C1}
inline constexpr IID kIidDownloadProgressChangedCallback = {
    0x8c3f1cdd, 0x6173, 0x4591, {0xae, 0xbd, 0xa5, 0x6a, 0x53, 0xca, 0x77, 0xc1}};
// {77254866-9F5B-4C8E-B9E2-C77A8530D64B}
inline constexpr IID kIidDownloadCompletedCallback = {
    0x77254866, 0x9f5b, 0x4c8e, {0xb9, 0xe2, 0xc7, 0x7a, 0x85, 0x30, 0xd6, 0x4b}};
// {E01402D5-F8DA-43BA-A012-38894BD048F1}
inline constexpr IID kIidInstallationProgressChangedCallback = {
    0xe01402d5, 0xf8da, 0x43ba, {0xa0, 0x12, 0x38, 0x89, 0x4b, 0xd0, 0x48, 0xf1}};
// {45F4F6F3-D602-4F98-9A8A-3EFA152AD2D3}
inline constexpr IID kIidInstallationCompletedCallback = {
    0x45f4f6f3, 0xd602, 0x4f98, {0x9a, 0x8a, 0x3e, 0xfa, 0x15, 0x2a, 0xd2, 0xd3}};

struct IUpdate2Decl : public IUpdate {
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequired(VARIANT_BOOL* retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsPresent(VARIANT_BOOL* retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CveIDs(IStringCollection** retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CopyToCache(IStringCollection* files) = 0;
};
struct IUpdate3Decl : public IUpdate2Decl {
  virtual HRESULT STDMETHODCALLTYPE get_BrowseOnly(VARIANT_BOOL* retval) = 0;
};

// IDownloadProgressChangedCallbackArgs / IInstallationProgressChangedCallbackArgs
struct IDownloadProgressArgs : public IDispatch {
  virtual HRESULT STDMETHODCALLTYPE get_Progress(IDownloadProgress** retval) = 0;
};
struct IInstallationProgressArgs : public IDispatch {
  virtual HRESULT STDMETHODCALLTYPE get_Progress(IInstallationProgress** retval) = 0;
};

// Every WUA callback interface is IUnknown plus Invoke(job, args).
struct ICallbackDecl : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE Invoke(IUnknown* job, IUnknown* args) = 0;
};

// One callback object answering for one callback IID; the agent may call it on its own
// threads, so `on_invoke` must be safe there.
class Callback final : public ICallbackDecl {
 public:
  Callback(const IID& iid, std::function<void(IUnknown* args)> on_invoke)
      : iid_(iid), on_invoke_(std::move(on_invoke)) {}
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
    if (out == nullptr) return E_POINTER;
    if (!IsEqualIID(riid, IID_IUnknown) && !IsEqualIID(riid, iid_)) {
      *out = nullptr;
      return E_NOINTERFACE;
    }
    *out = static_cast<ICallbackDecl*>(this);
    AddRef();
    return S_OK;
  }
  ULONG STDMETHODCALLTYPE AddRef() override { return ++refs_; }
  ULONG STDMETHODCALLTYPE Release() override {
    ULONG left = --refs_;
    if (left == 0) delete this;
    return left;
  }
  HRESULT STDMETHODCALLTYPE Invoke(IUnknown*, IUnknown* args) override {
    if (on_invoke_) on_invoke_(args);
    return S_OK;
  }

 private:
  ~Callback() = default;
  IID iid_;
  std::function<void(IUnknown*)> on_invoke_;
  std::atomic<ULONG> refs_{1};
};

}  // namespace wufix::win
