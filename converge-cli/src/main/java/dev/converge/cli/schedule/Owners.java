package dev.converge.cli.schedule;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Lease owner ids: which process on which machine holds a schedule, readable when one is stuck. */
final class Owners {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Owners() {
    }

    /** host:pid:random; the random part keeps two in-process daemons (tests, embedders) apart. */
    static String thisProcess() {
        String host = System.getenv("HOSTNAME");
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return (host == null || host.isBlank() ? "localhost" : host) + ":" + ProcessHandle.current().pid() + ":"
                + HexFormat.of().formatHex(random);
    }
}
