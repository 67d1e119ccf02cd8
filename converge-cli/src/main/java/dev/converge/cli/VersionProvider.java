package dev.converge.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest (the build's project version). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"converge " + (v == null ? "dev" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "") + ")"};
    }
}
