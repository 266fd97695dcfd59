#include "sandbox/sandboxoptions.h"

using namespace Qt::StringLiterals;

namespace pc {

QString printOutcomeName(PrintOutcome outcome)
{
    switch (outcome) {
    case PrintOutcome::Success:
        return u"success"_s;
    case PrintOutcome::Failure:
        return u"failure"_s;
    case PrintOutcome::Random:
        break;
    }
    return u"random"_s;
}

std::optional<PrintOutcome> printOutcomeFromName(QStringView name)
{
    for (const PrintOutcome outcome :
         {PrintOutcome::Random, PrintOutcome::Success, PrintOutcome::Failure}) {
        if (name.trimmed().compare(printOutcomeName(outcome), Qt::CaseInsensitive) == 0)
            return outcome;
    }
    return std::nullopt;
}

} // namespace pc
