package dev.converge.remotes;

import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PacketLineIn;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client's side of Git's receive-pack protocol (version 0, as {@code git push} speaks it over
 * smart HTTP): the ref advertisement, the update commands, and the status report, through side-band
 * when the server offers it. The pack between the commands and the report is {@link SharedPacks}'.
 */
final class ReceivePackProtocol {
    static final String SERVICE = "git-receive-pack";
    static final String REPORT_STATUS = "report-status";
    static final String SIDE_BAND_64K = "side-band-64k";
    static final String OFS_DELTA = "ofs-delta";
    static final String DELETE_REFS = "delete-refs";
    static final String QUIET = "quiet";
    private static final int CHANNEL_DATA = 1;
    private static final int CHANNEL_PROGRESS = 2;
    private static final int CHANNEL_ERROR = 3;

    private ReceivePackProtocol() {
    }

    /**
     * What the server advertised.
     *
     * @param refs         every ref it holds, full name to commit
     * @param extraHaves   objects it holds without a ref ({@code .have} lines: alternates)
     * @param capabilities what it can do
     */
    record Advertised(Map<String, ObjectId> refs, Set<ObjectId> extraHaves, Set<String> capabilities) {
        boolean can(String capability) {
            return capabilities.contains(capability);
        }
    }

    /** A command as sent: the old commit is the one advertised, which the server checks under its ref lock. */
    record Sent(PushCommand command, ObjectId old) {
    }

    /** Reads a smart-HTTP advertisement: the {@code # service=} line and its flush, then the refs. */
    static Advertised readAdvertisement(InputStream body) throws IOException {
        PacketLineIn in = new PacketLineIn(body);
        String line = in.readString();
        if (line.startsWith("# service=")) {
            if (!line.equals("# service=" + SERVICE)) {
                throw new PackProtocolException("expected # service=" + SERVICE + ", got " + line);
            }
            while (!PacketLineIn.isEnd(line)) {
                line = in.readString();
            }
            line = in.readString();
        }
        Map<String, ObjectId> refs = new LinkedHashMap<>();
        Set<ObjectId> extra = new HashSet<>();
        Set<String> capabilities = new HashSet<>();
        for (boolean first = true; !PacketLineIn.isEnd(line); line = in.readString(), first = false) {
            int nul = line.indexOf('\0');
            if (first && nul >= 0) {
                for (String c : line.substring(nul + 1).trim().split(" ")) {
                    capabilities.add(c);
                }
            }
            String ref = nul >= 0 ? line.substring(0, nul) : line;
            int space = ref.indexOf(' ');
            if (space < 0) {
                throw new PackProtocolException("malformed ref advertisement line: " + ref);
            }
            ObjectId id = ObjectId.fromString(ref.substring(0, space));
            String name = ref.substring(space + 1);
            if (name.equals(".have")) {
                extra.add(id);
            } else if (!name.equals("capabilities^{}")) {
                refs.put(name, id);
            }
        }
        return new Advertised(refs, extra, capabilities);
    }

    /** The commands as pkt-lines, capabilities after the first, then a flush: what precedes the pack. */
    static byte[] commands(List<Sent> sent, Advertised ad) throws IOException {
        List<String> wanted = new ArrayList<>(List.of(REPORT_STATUS));
        for (String c : List.of(SIDE_BAND_64K, OFS_DELTA, QUIET)) {
            if (ad.can(c)) {
                wanted.add(c);
            }
        }
        if (sent.stream().anyMatch(s -> s.command().isDelete())) {
            wanted.add(DELETE_REFS);
        }
        wanted.add("agent=converge");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PacketLineOut out = new PacketLineOut(buffer);
        boolean first = true;
        for (Sent s : sent) {
            String line = s.old().name() + " " + s.command().newId().name() + " " + s.command().ref();
            if (first) {
                line += "\0" + String.join(" ", wanted);
                first = false;
            }
            out.writeString(line);
        }
        out.end();
        return buffer.toByteArray();
    }

    /**
     * Reads the status report: one result per sent command. A command the report leaves out is
     * rejected, never taken for done.
     *
     * @throws IOException when the remote could not unpack, or sent an error instead of a report
     */
    static Map<String, RefResult> readReport(InputStream body, boolean sideBand, List<Sent> sent) throws IOException {
        InputStream report = sideBand ? new ByteArrayInputStream(demultiplex(body)) : body;
        PacketLineIn in = new PacketLineIn(report);
        String unpack = in.readString();
        if (!unpack.startsWith("unpack ")) {
            throw new PackProtocolException("expected the unpack status, got " + unpack);
        }
        if (!unpack.equals("unpack ok")) {
            throw new PackProtocolException("the remote could not unpack the pack: " + unpack.substring("unpack ".length()));
        }
        Map<String, RefResult> reported = new LinkedHashMap<>();
        for (String line = in.readString(); !PacketLineIn.isEnd(line); line = in.readString()) {
            if (line.startsWith("ok ")) {
                reported.put(line.substring(3), RefResult.of(RemoteRefUpdate.Status.OK));
            } else if (line.startsWith("ng ")) {
                String rest = line.substring(3);
                int space = rest.indexOf(' ');
                String ref = space < 0 ? rest : rest.substring(0, space);
                String reason = space < 0 ? "" : rest.substring(space + 1);
                reported.put(ref, rejected(reason));
            } else {
                throw new PackProtocolException("unexpected line in the status report: " + line);
            }
        }
        Map<String, RefResult> results = new LinkedHashMap<>();
        for (Sent s : sent) {
            String ref = s.command().ref();
            results.put(ref, reported.getOrDefault(ref,
                    new RefResult(RemoteRefUpdate.Status.REJECTED_OTHER_REASON, "the remote sent no status for " + ref)));
        }
        return results;
    }

    /** Sorts a remote's reason for refusing an update, keeping its words. */
    private static RefResult rejected(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.startsWith("non-fast-forward") || lower.startsWith("non-fast forward")) {
            return new RefResult(RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD, reason);
        }
        // JGit's receive-pack and git's say so when the ref no longer holds the old commit sent: the lease broke.
        if (lower.contains("invalid old id") || lower.startsWith("stale info") || lower.contains("but expected")) {
            return new RefResult(RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED, reason);
        }
        return new RefResult(RemoteRefUpdate.Status.REJECTED_OTHER_REASON, reason);
    }

    /**
     * The data channel of a side-band stream, up to its flush. Progress is dropped (the push asks for
     * quiet); an error on channel 3 ends the exchange with the remote's words.
     */
    static byte[] demultiplex(InputStream body) throws IOException {
        DataInputStream in = new DataInputStream(body);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] header = new byte[4];
        while (true) {
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new PackProtocolException("the remote closed the status report before its end");
            }
            int length = Integer.parseInt(new String(header, StandardCharsets.US_ASCII), 16);
            if (length == 0) {
                return data.toByteArray();
            }
            if (length < 5) {
                throw new PackProtocolException("malformed side-band packet of length " + length);
            }
            int channel = in.readUnsignedByte();
            byte[] payload = new byte[length - 5];
            in.readFully(payload);
            if (channel == 'E' && new String(payload, StandardCharsets.UTF_8).startsWith("RR ")) {
                throw new PackProtocolException("remote error: " + new String(payload, 3, payload.length - 3, StandardCharsets.UTF_8).trim());
            }
            switch (channel) {
                case CHANNEL_DATA -> data.write(payload);
                case CHANNEL_PROGRESS -> {
                    // Progress text: nothing shows it.
                }
                case CHANNEL_ERROR -> throw new PackProtocolException("remote error: "
                        + new String(payload, StandardCharsets.UTF_8).trim());
                default -> throw new PackProtocolException("unknown side-band channel " + channel);
            }
        }
    }
}
