#pragma once

#include <QString>

namespace pc {

// Name and version of the product, shared by the GUI, the CLI and the User-Agent header.
// The version is the project's (PROJECT_VERSION), or what a BuildVersionStamp set.
QString applicationName();
QString applicationVersion();
QString userAgent();

// Sets the QCoreApplication metadata used by QStandardPaths and QSettings, and in a GUI the
// desktop file name that ties the windows to the installed .desktop entry.
void setApplicationMetadata();

// The id of the desktop entry and AppStream component (packaging/desktop/).
QString desktopFileName();

// The shipped executables link a generated file (packaging/version/) whose static stamp
// replaces the project version with the build's own, for example 0.1.0+git52.g3e133dd.
// It lives in the executables rather than in this library so that a new commit relinks
// the two programs only, not every test.
class BuildVersionStamp
{
public:
    explicit BuildVersionStamp(const char *version);
};

} // namespace pc
