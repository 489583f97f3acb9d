// wufix.exe double-clicked in Explorer: the console window is its own and would flash shut
// with the help text. Instead: one paragraph of what wufix is, and an offer to open the wizard.
#pragma once

namespace wufix::win {

// True when no other process shares this console (Explorer made it for us, not a shell).
bool alone_on_console();

// The paragraph and the question; opens wufix-gui.exe (through the shell, so UAC can ask)
// when the answer is Yes. The exit code for wufix.exe.
int offer_gui();

}  // namespace wufix::win
