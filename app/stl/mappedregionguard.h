#pragma once

#include <QtGlobal>

namespace pc::stl {

// A file mapped into memory raises SIGBUS in the reader when it is truncated while it is
// read: the pages past its new end are gone, and the process would die. While a guard lives,
// the process's SIGBUS handler puts a page of zeros in place of a missing page inside the
// guarded region, so the reader carries on (over zeros), and notes that the region was cut
// short; the owner then reports that the file changed while it was read and throws the
// result away. A SIGBUS anywhere else has its usual effect. At most kMaxRegions regions are
// guarded at once; beyond that a region is simply not guarded (as before).
class MappedRegionGuard final
{
public:
    static constexpr int kMaxRegions = 64;

    MappedRegionGuard(const void *begin, qsizetype size);
    ~MappedRegionGuard();
    Q_DISABLE_COPY_MOVE(MappedRegionGuard)

    // Some page of the region was missing (the file became shorter) since the guard began.
    bool wasCutShort() const;

private:
    int m_slot = -1;
};

} // namespace pc::stl
