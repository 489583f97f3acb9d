// Text that came from outside wufix (catalog pages, logs, the registry, file names) made safe
// to print and to put in JSON. The one home of these rules: the output writers (cli/output)
// call them for everything they write, so no field can smuggle an escape sequence or bytes
// the JSON writer refuses.
#pragma once
#include <string>
#include <string_view>

namespace wufix {

// Valid UTF-8: every byte sequence that is not (stray continuation bytes, overlong forms,
// surrogates such as the one &#xD800; decodes to, a cut sequence, 0xFF) becomes U+FFFD.
std::string utf8_or_replacement(std::string_view text);

// Fit for a terminal: utf8_or_replacement, then every C0 control but TAB, LF and CR, DEL and
// every C1 control (U+0080..U+009F, among them U+009B, the one-character CSI) dropped.
std::string printable_text(std::string_view text);

// For naming hostile input in an error: control bytes and bytes outside ASCII as \xNN, so a
// NUL or an ESC in a URL is visible instead of cutting or steering the message.
std::string escape_controls(std::string_view text);

}  // namespace wufix
