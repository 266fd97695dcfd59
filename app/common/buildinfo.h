#pragma once

#include <QString>

namespace pc {

// Name and version of the product, shared by the GUI, the CLI and the User-Agent header.
QString applicationName();
QString applicationVersion();
QString userAgent();

// Sets the QCoreApplication metadata used by QStandardPaths and QSettings.
void setApplicationMetadata();

} // namespace pc
