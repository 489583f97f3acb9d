// Redaction for `wufix report`: what identifies people, the machine or the network becomes a
// placeholder, inside values taken from the machine only (paths, evidence, log lines, server
// names) and by whole word or path component, never in wufix's own words: with the user
// "root", the heading "Root causes from the logs" stays as it is.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace wufix {

// The names the command gathers from the environment, the registry and the profile folders.
struct RedactionNames {
  std::vector<std::string> users;        // USERNAME, USER, LOGNAME, and every profile folder's name
  std::vector<std::string> computers;    // COMPUTERNAME, USERDOMAIN, HOSTNAME
  std::vector<std::string> servers;      // WSUS (WUServer, WUStatusServer) and NTP server host names
  std::vector<std::string> dns_domains;  // USERDNSDOMAIN ("corp.example.com")
};

// Classes, each with its placeholder:
//   profile folders  \Users\x, /home/x, \Documents and Settings\x, \Profiles\x, \home$\x, also
//                    JSON-escaped (C:\\Users\\x)                          → <user> (the component)
//   user names, profile names (whole words, 3+ characters)                → <user>
//   DOMAIN\user (a known domain or computer, or an upper-case NetBIOS domain) → <domain>\<user>
//   computer and domain names (whole words)                                → <computer>
//   WSUS and NTP servers                                                   → <server>
//   names in USERDNSDOMAIN (host.corp.example.com), and the domain itself  → <host>, <domain>
//   IPv4 and IPv6 addresses                                                → <ip>
//   e-mail addresses and UPNs (alice@corp.example.com)                     → <email>
//   account SIDs S-1-5-21-a-b-c[-rid]                                      → S-1-5-21-<sid>
class Redactor {
 public:
  Redactor() = default;  // the patterns only (profile folders, addresses, SIDs)
  Redactor(std::vector<std::string> user_names, std::vector<std::string> computer_names);
  explicit Redactor(RedactionNames names);

  // A value taken from the machine, redacted.
  std::string apply(std::string_view machine_text) const;
  // Every string value inside (keys are the schema's, never a name).
  void apply(nlohmann::json& value) const;

 private:
  RedactionNames names_;
};

// "http://wsus.corp.example.com:8530" → "wsus.corp.example.com"; "time.windows.com,0x9
// ntp.corp,0x1" (NtpServer) → both names. Microsoft's public servers are left out: they say
// nothing about the network.
std::vector<std::string> server_names(std::string_view registry_value);

}  // namespace wufix
