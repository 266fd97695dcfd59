#include "orders/storetypes.h"

#include <array>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

struct StateKey
{
    QueueState state;
    QStringView key;
};

constexpr std::array<StateKey, 11> kStateKeys{{
    {QueueState::Queued, u"queued"},
    {QueueState::Validating, u"validating"},
    {QueueState::Ready, u"ready"},
    {QueueState::CreatingToken, u"creating_token"},
    {QueueState::Uploading, u"uploading"},
    {QueueState::Done, u"done"},
    {QueueState::Failed, u"failed"},
    {QueueState::Cancelled, u"cancelled"},
    {QueueState::Paused, u"paused"},
    {QueueState::NeedsAttention, u"needs_attention"},
    {QueueState::AwaitingDetails, u"awaiting_details"},
}};

} // namespace

QString orderEnvironmentKey(EnvironmentKind kind, const QUrl &baseUrl)
{
    if (kind == EnvironmentKind::Sandbox)
        return u"sandbox"_s;
    QUrl url = baseUrl.isEmpty() && kind == EnvironmentKind::Production
                   ? ServiceEndpoint::defaultProductionBaseUrl()
                   : baseUrl;
    if (const auto normalized = ServiceEndpoint::normalizeBaseUrl(url.toString()))
        url = *normalized;
    // Never a key, a password or a query in the store.
    url.setUserInfo({});
    url.setQuery(QString());
    url.setFragment(QString());
    return url.adjusted(QUrl::NormalizePathSegments).toString(QUrl::FullyEncoded);
}

QString queueStateKey(QueueState state)
{
    for (const StateKey &entry : kStateKeys) {
        if (entry.state == state)
            return entry.key.toString();
    }
    return u"queued"_s;
}

bool isBeforeInQueue(const QueueItem &a, const QueueItem &b)
{
    return a.position != b.position ? a.position < b.position : a.id < b.id;
}

std::optional<QueueState> queueStateFromKey(QStringView key)
{
    for (const StateKey &entry : kStateKeys) {
        if (entry.key == key)
            return entry.state;
    }
    return std::nullopt;
}

} // namespace pc
