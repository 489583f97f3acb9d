// Every --json document starts with {"schema": kJsonSchema}: scripts check it before they read
// further (docs/cli.md). It changes only when a key changes meaning or goes away.
#pragma once

namespace wufix {

inline constexpr int kJsonSchema = 1;

}  // namespace wufix
