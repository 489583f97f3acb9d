#include "win/security_center.h"

#include <wbemcli.h>

#include "win/com.h"

namespace wufix::win {
namespace {

constexpr const wchar_t* kNamespace = L"ROOT\\SecurityCenter2";
constexpr const char* kWhere = "WMI ROOT\\SecurityCenter2 AntiVirusProduct";
constexpr long kNextTimeoutMs = 30000;  // Security Center answers in milliseconds when healthy

// Process-wide COM security: WMI wants impersonation. Whoever comes first sets it for the
// process (RPC_E_TOO_LATE afterwards), so a failure here is not ours to report: the proxy
// blanket below sets what this connection needs either way.
void init_process_security() {
  CoInitializeSecurity(nullptr, -1, nullptr, nullptr, RPC_C_AUTHN_LEVEL_DEFAULT,
                       RPC_C_IMP_LEVEL_IMPERSONATE, nullptr, EOAC_NONE, nullptr);
}

void set_blanket(IUnknown* proxy) {
  // Fails harmlessly (E_NOINTERFACE) when WMI runs in-process and there is no proxy.
  CoSetProxyBlanket(proxy, RPC_C_AUTHN_WINNT, RPC_C_AUTHZ_NONE, nullptr, RPC_C_AUTHN_LEVEL_CALL,
                    RPC_C_IMP_LEVEL_IMPERSONATE, nullptr, EOAC_NONE);
}

Result<ComPtr<IWbemServices>> connect() {
  ComPtr<IWbemLocator> locator;
  HRESULT hr = CoCreateInstance(CLSID_WbemLocator, nullptr, CLSCTX_INPROC_SERVER, IID_IWbemLocator,
                                locator.put_void());
  if (FAILED(hr)) return hr_error(hr, "cannot create the WMI locator", kWhere);
  ComPtr<IWbemServices> services;
  Bstr name(kNamespace);
  hr = locator->ConnectServer(name.get(), nullptr, nullptr, nullptr, WBEM_FLAG_CONNECT_USE_MAX_WAIT,
                              nullptr, nullptr, services.put());
  if (FAILED(hr)) return hr_error(hr, "cannot connect to the WMI namespace", kWhere);
  set_blanket(services.get());
  return services;
}

std::string text_property(IWbemClassObject* object, const wchar_t* name) {
  Variant value;
  if (FAILED(object->Get(name, 0, value.put(), nullptr, nullptr))) return {};
  if (value.get().vt != VT_BSTR || value.get().bstrVal == nullptr) return {};  // VT_NULL: unset
  return narrow({value.get().bstrVal, SysStringLen(value.get().bstrVal)});
}

// CIM uint32 arrives as VT_I4 (automation has no unsigned 32-bit type in WMI's mapping).
uint32_t state_property(IWbemClassObject* object) {
  Variant value;
  if (FAILED(object->Get(L"productState", 0, value.put(), nullptr, nullptr))) return 0;
  if (value.get().vt == VT_I4) return static_cast<uint32_t>(value.get().lVal);
  if (value.get().vt == VT_UI4) return value.get().ulVal;
  return 0;
}

}  // namespace

Result<std::vector<AntivirusProduct>> WinSecurityCenter::antivirus_products() const {
  ComApartment com;  // first in, last out: every ComPtr below is released before it leaves
  if (!com.usable()) return hr_error(com.hr(), "CoInitializeEx failed", kWhere);
  init_process_security();
  auto services = connect();
  if (!services) return services.error();

  ComPtr<IEnumWbemClassObject> rows;
  Bstr language(L"WQL");
  Bstr query(L"SELECT displayName,productState,pathToSignedProductExe FROM AntiVirusProduct");
  HRESULT hr = (*services)->ExecQuery(language.get(), query.get(),
                                      WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY,
                                      nullptr, rows.put());
  if (FAILED(hr)) return hr_error(hr, "WMI query failed", kWhere);
  set_blanket(rows.get());

  std::vector<AntivirusProduct> products;
  for (;;) {
    ComPtr<IWbemClassObject> row;
    ULONG returned = 0;
    hr = rows->Next(kNextTimeoutMs, 1, row.put(), &returned);
    if (FAILED(hr)) return hr_error(hr, "reading WMI results failed", kWhere);
    if (returned == 0) {
      // WBEM_S_TIMEDOUT is a success code, but the list is incomplete.
      if (hr == WBEM_S_TIMEDOUT) return hr_error(hr, "WMI did not answer in time", kWhere);
      break;  // WBEM_S_FALSE: the end
    }
    products.push_back({text_property(row.get(), L"displayName"), state_property(row.get()),
                        text_property(row.get(), L"pathToSignedProductExe")});
  }
  return products;
}

}  // namespace wufix::win
