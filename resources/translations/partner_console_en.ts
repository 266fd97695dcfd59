<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <source>The service stopped responding: no data moved for %n second(s).</source>
        <translation>
            <numerusform>The service stopped responding: no data moved for %n second.</numerusform>
            <numerusform>The service stopped responding: no data moved for %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The service&apos;s answer did not arrive in full within %n second(s).</source>
        <translation>
            <numerusform>The service&apos;s answer did not arrive in full within %n second.</numerusform>
            <numerusform>The service&apos;s answer did not arrive in full within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>Uploading %n file(s): %1 of %2</source>
        <translation>
            <numerusform>Uploading %n file: %1 of %2</numerusform>
            <numerusform>Uploading %n files: %1 of %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resuming %n unfinished upload(s) of an earlier run.</source>
        <translation>
            <numerusform>Resuming %n unfinished upload of an earlier run.</numerusform>
            <numerusform>Resuming %n unfinished uploads of an earlier run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Watching %n open order(s); Ctrl+C stops.</source>
        <translation>
            <numerusform>Watching %n open order; Ctrl+C stops.</numerusform>
            <numerusform>Watching %n open orders; Ctrl+C stops.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token call(s) got no answer, so the service may hold as many unused tokens that no order records (the latest %1, for %2). No file was sent for them.</source>
        <translation>
            <numerusform>%n token call got no answer, so the service may hold an unused token that no order records (the latest %1, for %2). No file was sent for it.</numerusform>
            <numerusform>%n token calls got no answer, so the service may hold as many unused tokens that no order records (the latest %1, for %2). No file was sent for them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderStore</name>
    <message numerus="yes">
        <source>The database %1 holds the team&apos;s order history: %n order(s).</source>
        <translation>
            <numerusform>The database %1 holds the team&apos;s order history: %n order.</numerusform>
            <numerusform>The database %1 holds the team&apos;s order history: %n orders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetryPolicy</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StlInspector</name>
    <message numerus="yes">
        <source>%n open edge(s): the mesh has holes and is not watertight.</source>
        <translation>
            <numerusform>%n open edge: the mesh has a hole and is not watertight.</numerusform>
            <numerusform>%n open edges: the mesh has holes and is not watertight.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n non-manifold edge(s) (shared by more than two facets).</source>
        <translation>
            <numerusform>%n non-manifold edge (shared by more than two facets).</numerusform>
            <numerusform>%n non-manifold edges (shared by more than two facets).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s) where neighbouring facets disagree on orientation (flipped facets).</source>
        <translation>
            <numerusform>%n edge where neighbouring facets disagree on orientation (flipped facets).</numerusform>
            <numerusform>%n edges where neighbouring facets disagree on orientation (flipped facets).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degenerate facet(s) (zero area).</source>
        <translation>
            <numerusform>%n degenerate facet (zero area).</numerusform>
            <numerusform>%n degenerate facets (zero area).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored normal(s) point against the facet&apos;s winding.</source>
        <translation>
            <numerusform>%n stored normal points against its facet&apos;s winding.</numerusform>
            <numerusform>%n stored normals point against their facet&apos;s winding.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) after the last triangle were ignored.</source>
        <translation>
            <numerusform>%n byte after the last triangle was ignored.</numerusform>
            <numerusform>%n bytes after the last triangle were ignored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored normal(s) are not finite numbers; they were ignored.</source>
        <translation>
            <numerusform>%n stored normal is not a finite number; it was ignored.</numerusform>
            <numerusform>%n stored normals are not finite numbers; they were ignored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::MainWindow</name>
    <message numerus="yes">
        <source>Following %n open order(s); next check in %1 s</source>
        <translation>
            <numerusform>Following %n open order; next check in %1 s</numerusform>
            <numerusform>Following %n open orders; next check in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Following %n open order(s)</source>
        <translation>
            <numerusform>Following %n open order</numerusform>
            <numerusform>Following %n open orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) under way stop now: %1. The next time the console starts it sends them again from the beginning, after asking the service whether a file already arrived, so no order is made twice.</source>
        <translation>
            <numerusform>%n upload under way stops now: %1. The next time the console starts it sends it again from the beginning, after asking the service whether the file already arrived, so no order is made twice.</numerusform>
            <numerusform>%n uploads under way stop now: %1. The next time the console starts it sends them again from the beginning, after asking the service whether a file already arrived, so no order is made twice.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not sent yet stay in the queue and are sent the next time the console starts: %1.</source>
        <translation>
            <numerusform>%n file not sent yet stays in the queue and is sent the next time the console starts: %1.</numerusform>
            <numerusform>%n files not sent yet stay in the queue and are sent the next time the console starts: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) waiting for order details stay in the queue, still waiting: %1. Nothing is sent for them until you confirm their details after the next start.</source>
        <translation>
            <numerusform>%n file waiting for order details stays in the queue, still waiting: %1. Nothing is sent for it until you confirm its details after the next start.</numerusform>
            <numerusform>%n files waiting for order details stay in the queue, still waiting: %1. Nothing is sent for them until you confirm their details after the next start.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚑ %1 (and %n more)</source>
        <translation>
            <numerusform>⚑ %1 (and %n more)</numerusform>
            <numerusform>⚑ %1 (and %n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Orders (%n new)</source>
        <comment>tab</comment>
        <extracomment>Tab title with the count of prints that ended since the orders were last looked at</extracomment>
        <translation>
            <numerusform>Orders (%n new)</numerusform>
            <numerusform>Orders (%n new)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Took %n order(s) out of the archive</source>
        <translation>
            <numerusform>Took %n order out of the archive</numerusform>
            <numerusform>Took %n orders out of the archive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n order(s)</source>
        <translation>
            <numerusform>Archived %n order</numerusform>
            <numerusform>Archived %n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n order(s); “Show archived” shows them again</source>
        <translation>
            <numerusform>Archived %n order; “Show archived” shows it again</numerusform>
            <numerusform>Archived %n orders; “Show archived” shows them again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::OrderFactsBar</name>
    <message numerus="yes">
        <source>Queue %n file(s)</source>
        <translation>
            <numerusform>Queue %n file</numerusform>
            <numerusform>Queue %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n selected row(s)</source>
        <translation>
            <numerusform>Apply to %n selected row</numerusform>
            <numerusform>Apply to %n selected rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <extracomment>After the first few file names of a batch: &quot;a.stl, b.stl, c.stl, d.stl and 3 more&quot;</extracomment>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For %n file(s): %1</source>
        <extracomment>Which files the order details form is for: %1 lists their names</extracomment>
        <translation>
            <numerusform>For %n file: %1</numerusform>
            <numerusform>For %n files: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Then %n more file(s), which will get their own details: %1</source>
        <extracomment>Files that arrived while the form was for other files; %1 lists their names</extracomment>
        <translation>
            <numerusform>Then %n more file, which will get its own details: %1</numerusform>
            <numerusform>Then %n more files, which will get their own details: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::OrderTableModel</name>
    <message numerus="yes">
        <source>%n earlier change(s)</source>
        <translation>
            <numerusform>%n earlier change</numerusform>
            <numerusform>%n earlier changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::QueuePanel</name>
    <message numerus="yes">
        <source>%n row(s) skipped: they are uploading or done, so they keep the details they were sent with.</source>
        <translation>
            <numerusform>%n row skipped: it is uploading or done, so it keeps the details it was sent with.</numerusform>
            <numerusform>%n rows skipped: they are uploading or done, so they keep the details they were sent with.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) could not be changed: the order store did not save the change (see the message above). Try again in a moment.</source>
        <translation>
            <numerusform>%n row could not be changed: the order store did not save the change (see the message above). Try again in a moment.</numerusform>
            <numerusform>%n rows could not be changed: the order store did not save the change (see the message above). Try again in a moment.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed the details of %n row(s).</source>
        <translation>
            <numerusform>Changed the details of %n row.</numerusform>
            <numerusform>Changed the details of %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dropped file(s) not queued</source>
        <translation>
            <numerusform>%n dropped file not queued</numerusform>
            <numerusform>%n dropped files not queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uploading</source>
        <translation>
            <numerusform>%n uploading</numerusform>
            <numerusform>%n uploading</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finished</source>
        <translation>
            <numerusform>%n finished</numerusform>
            <numerusform>%n finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the upload queue: %1</source>
        <translation>
            <numerusform>%n in the upload queue: %1</numerusform>
            <numerusform>%n in the upload queue: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped: they wait for their own order details, which you confirm with Queue when the form names them.</source>
        <translation>
            <numerusform>%n row skipped: it waits for its own order details, which you confirm with Queue when the form names it.</numerusform>
            <numerusform>%n rows skipped: they wait for their own order details, which you confirm with Queue when the form names them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for order details (%1)</source>
        <extracomment>Queue totals: %1 names the files that wait (&quot;a.stl, b.stl and 2 more&quot;)</extracomment>
        <translation>
            <numerusform>%n waiting for order details (%1)</numerusform>
            <numerusform>%n waiting for order details (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::SandboxMenu</name>
    <message numerus="yes">
        <source>%n second(s) after the upload</source>
        <translation>
            <numerusform>%n second after the upload</numerusform>
            <numerusform>%n seconds after the upload</numerusform>
        </translation>
    </message>
</context>
</TS>
