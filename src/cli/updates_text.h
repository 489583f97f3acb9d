// What `wufix updates` prints for people, and the proof line at the end of `wufix repair`.
#pragma once
#include <string>

#include "cli/output.h"
#include "core/updates/hide.h"
#include "core/updates/install.h"
#include "core/updates/proof.h"

namespace wufix {

std::string update_line(const UpdateFacts& u, const Output& out);
std::string scan_text(const ScanResult& r, bool hidden, const Output& out);
std::string plan_text(const InstallPlan& plan, const UpdateService& service, const Output& out);
std::string install_text(const InstallReport& r, const Output& out);
std::string hide_text(const HideOutcome& o, const Output& out);
std::string proof_text(const ScanProof& p, const Output& out);

}  // namespace wufix
