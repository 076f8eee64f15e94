package io.patternhub.reliability.faults;

import io.patternhub.testkit.SandboxServer;
import java.util.List;

/** One client wired to its sandbox, reduced to what the fault matrix needs. */
interface FaultTarget extends AutoCloseable {
    /** The sandbox whose {@code faults()} the matrix drives. */
    SandboxServer sandbox();

    /** One read through the client (listings or chart of accounts), as comparable ids. */
    List<String> read();

    /** Rebuilds the client with an access token the platform has expired (or revoked). */
    void switchToExpiredToken();

    @Override
    void close();
}
