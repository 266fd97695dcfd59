#pragma once

#include <QString>

namespace pc {

// Text from outside the console (the service's messages, printer models, file names) made safe
// to write to a terminal, a log or a CSV file: control characters that a terminal would obey
// (escape sequences, carriage returns, backspaces, C1 controls) and the Unicode controls that
// reorder what is shown are written out as visible escapes such as \x1b or \u202e.
//   Keep:     line feeds and tabs are kept (text for a terminal or a log);
//   KeepCrLf: also a carriage return right before a line feed (a CSV file's line ends);
//   Escape:   everything is escaped (one line).
//   Json:     everything is escaped as \uXXXX, which is valid inside a JSON string (JSON text
//             holds such characters only inside strings).
enum class LineBreaks { Keep, KeepCrLf, Escape, Json };
QString terminalSafe(const QString &text, LineBreaks lineBreaks = LineBreaks::Keep);

} // namespace pc
