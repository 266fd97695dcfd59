#pragma once

// What every libFuzzer target of the project shares.

#include "common/redaction.h"

#include <QString>

namespace pc::fuzz {

// The API key a target checks for in every message: registered with the redaction once, on
// the first input.
inline void registerKeyOnce(const QString &key)
{
    static const bool registered = [&key] {
        registerSecret(key);
        return true;
    }();
    (void)registered;
}

} // namespace pc::fuzz
