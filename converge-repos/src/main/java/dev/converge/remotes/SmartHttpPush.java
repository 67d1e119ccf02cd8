package dev.converge.remotes;

import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A push over smart HTTP by converge's own client of receive-pack, so that the pack is built once
 * for all mirrors ({@link SharedPacks}) and sent as it is. One GET of the advertisement, one POST
 * of the commands and the pack, the status report read back; the same safety as JGit's push: every
 * command carries the commit the remote advertised as its old one (the lease, which the server checks
 * under its ref lock), a non-fast-forward goes out only when forced, and every ref's status is read.
 */
final class SmartHttpPush implements PushSession {
    private static final String ADVERTISEMENT = "application/x-" + ReceivePackProtocol.SERVICE + "-advertisement";
    private static final String REQUEST = "application/x-" + ReceivePackProtocol.SERVICE + "-request";
    private static final String RESULT = "application/x-" + ReceivePackProtocol.SERVICE + "-result";
    private static final SmartHttp.Body NO_PACK = new SmartHttp.Body() {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public void writeTo(OutputStream out) {
            // Deletes only: git sends no pack then either.
        }
    };
    private final Mirror mirror;
    private final SmartHttp http;
    private final ReceivePackProtocol.Advertised advertised;
    private final Duration latency;
    private final SharedPacks packs;
    private final BranchComparer comparer;
    private final TrackingRefs tracking;

    private SmartHttpPush(Mirror mirror, SmartHttp http, ReceivePackProtocol.Advertised advertised,
                          Duration latency, SharedPacks packs, BranchComparer comparer, TrackingRefs tracking) {
        this.mirror = mirror;
        this.http = http;
        this.advertised = advertised;
        this.latency = latency;
        this.packs = packs;
        this.comparer = comparer;
        this.tracking = tracking;
    }

    /**
     * Reads the remote's advertisement.
     *
     * @param packs    the run's packs, shared by its mirrors
     * @param comparer the run's commit comparisons, which the fast-forward check shares
     * @throws SmartHttp.NotHandled when the remote is one JGit's transport should push to instead
     *                              (a dumb server, an authentication scheme other than Basic)
     */
    static SmartHttpPush open(Mirror mirror, SmartHttp http, SharedPacks packs, BranchComparer comparer, TrackingRefs tracking)
            throws IOException {
        long started = System.nanoTime();
        ReceivePackProtocol.Advertised advertised;
        try (SmartHttp.Response r = http.get("info/refs?service=" + ReceivePackProtocol.SERVICE, ADVERTISEMENT)) {
            if (!r.contentType().startsWith(ADVERTISEMENT)) {
                throw new SmartHttp.NotHandled(http.display() + " is not a smart-HTTP Git server (" + r.contentType() + ")");
            }
            advertised = ReceivePackProtocol.readAdvertisement(r.body());
        }
        if (!advertised.can(ReceivePackProtocol.REPORT_STATUS)) {
            // Without a report nothing would tell whether an update landed.
            throw new SmartHttp.NotHandled(http.display() + " does not offer report-status");
        }
        return new SmartHttpPush(mirror, http, advertised, Duration.ofNanos(System.nanoTime() - started), packs, comparer, tracking);
    }

    @Override
    public Advertisement advertisement(int attempts) {
        Map<String, ObjectId> heads = new HashMap<>();
        advertised.refs().forEach((name, id) -> {
            if (name.startsWith(Constants.R_HEADS)) {
                heads.put(name.substring(Constants.R_HEADS.length()), id);
            }
        });
        return new Advertisement(mirror, heads, latency, null, attempts);
    }

    @Override
    public Map<String, RefResult> push(List<PushCommand> commands) throws IOException {
        Map<String, RefResult> results = new LinkedHashMap<>();
        List<ReceivePackProtocol.Sent> sent = new ArrayList<>();
        for (PushCommand c : commands) {
            ObjectId old = advertised.refs().getOrDefault(c.ref(), ObjectId.zeroId());
            RefResult known = check(c, old);
            if (known != null) {
                results.put(c.ref(), known);
            } else {
                sent.add(new ReceivePackProtocol.Sent(c, old));
            }
        }
        if (!sent.isEmpty()) {
            results.putAll(send(sent));
        }
        Map<String, RefResult> ordered = new LinkedHashMap<>();
        for (PushCommand c : commands) {
            RefResult r = results.get(c.ref());
            ordered.put(c.ref(), r);
            if (r.status() == RemoteRefUpdate.Status.OK) {
                tracking.moved(mirror, c.ref(), c.newId());
            }
        }
        return ordered;
    }

    /** The result of a command decided here without asking the remote, or {@code null} to send it. */
    private RefResult check(PushCommand c, ObjectId old) throws IOException {
        if (c.expectedOld() != null && !c.expectedOld().equals(old)) {
            return new RefResult(RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED, "the remote holds " + old.abbreviate(7).name()
                    + ", not " + c.expectedOld().abbreviate(7).name());
        }
        if (c.newId().equals(old)) {
            return RefResult.of(c.isDelete() ? RemoteRefUpdate.Status.NON_EXISTING : RemoteRefUpdate.Status.UP_TO_DATE);
        }
        if (c.isDelete()) {
            return advertised.can(ReceivePackProtocol.DELETE_REFS) ? null
                    : new RefResult(RemoteRefUpdate.Status.REJECTED_NODELETE, "the remote does not delete refs");
        }
        // An old commit not held here cannot be known to be in the new one's history: not a fast-forward.
        if (!c.force() && !ObjectId.zeroId().equals(old) && !comparer.isFastForward(old, c.newId())) {
            return RefResult.of(RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD);
        }
        return null;
    }

    private Map<String, RefResult> send(List<ReceivePackProtocol.Sent> sent) throws IOException {
        byte[] head = ReceivePackProtocol.commands(sent, advertised);
        Set<ObjectId> wants = new HashSet<>();
        for (ReceivePackProtocol.Sent s : sent) {
            if (!s.command().isDelete()) {
                wants.add(s.command().newId());
            }
        }
        SmartHttp.Body pack = NO_PACK;
        if (!wants.isEmpty()) {
            Set<ObjectId> haves = new HashSet<>(advertised.refs().values());
            haves.addAll(advertised.extraHaves());
            haves.remove(ObjectId.zeroId());
            pack = packs.pack(wants, haves, advertised.can(ReceivePackProtocol.OFS_DELTA));
        }
        try (SmartHttp.Response r = http.post(ReceivePackProtocol.SERVICE, REQUEST, RESULT, head, pack)) {
            if (!r.contentType().startsWith(RESULT)) {
                throw new PackProtocolException(http.display() + ": unexpected answer to the push (" + r.contentType() + ")");
            }
            return ReceivePackProtocol.readReport(r.body(), advertised.can(ReceivePackProtocol.SIDE_BAND_64K), sent);
        }
    }

    @Override
    public void close() {
        // Each request closed its own connection's stream; the JDK keeps the socket for the next.
    }
}
