// Dialog and control ids of wufix-gui's pages (wufix-gui.rc.in). The texts are set at run time
// from the string table (core/gui/strings.cpp), never written here.
#pragma once

#define IDD_WELCOME 101
#define IDD_CHECK 102
#define IDD_PLAN 103
#define IDD_REPAIR 104
#define IDD_RESULT 105

#define IDC_TITLE 1001
#define IDC_BODY 1002
#define IDC_STATUS 1003
#define IDC_PROGRESS 1004
#define IDC_LIST 1005
#define IDC_DETAILS_LABEL 1006
#define IDC_DETAILS 1007
#define IDC_SHOW_PLAN 1008
#define IDC_RESTART 1009
#define IDC_UNDO 1010
#define IDC_REPORT 1011
#define IDC_DOWNLOAD 1012
