package dev.converge.cli.remotes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.remotes.BranchStatus;
import dev.converge.remotes.MirrorDisagreement;
import dev.converge.remotes.RemoteHealth;
import dev.converge.remotes.RemoteStatus;
import dev.converge.remotes.StatusResult;
import dev.converge.remotes.queue.QueuedPush;
import org.eclipse.jgit.lib.ObjectId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the read-only remotes commands ({@code status}, {@code health}, {@code queue}),
 * each with {@code "kind": "remotes"} and the command's name; {@code push} uses the engine's report.
 * Stable: fields are added, never renamed or removed.
 */
final class RemotesJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RemotesJson() {
    }

    static String status(StatusResult result) {
        Map<String, Object> doc = header("status");
        doc.put("converged", result.isConverged());
        List<Map<String, Object>> remotes = new ArrayList<>();
        for (RemoteStatus r : result.remotes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("url", r.url());
            m.put("priority", r.priority());
            m.put("reachable", r.reachable());
            m.put("latency_ms", r.latency().toMillis());
            if (r.fault() != null) {
                m.put("fault", r.fault().kind().label());
                m.put("message", r.fault().message());
            }
            List<Map<String, Object>> branches = new ArrayList<>();
            for (BranchStatus b : r.branches()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("branch", b.branch());
                bm.put("state", b.state().name().toLowerCase(java.util.Locale.ROOT));
                bm.put("description", b.describe());
                bm.put("local_sha", sha(b.localSha()));
                bm.put("remote_sha", sha(b.remoteSha()));
                bm.put("ahead", b.ahead() < 0 ? null : b.ahead());
                bm.put("behind", b.behind() < 0 ? null : b.behind());
                if (!b.reconcileHint().isEmpty()) {
                    bm.put("reconcile", b.reconcileHint());
                }
                branches.add(bm);
            }
            m.put("branches", branches);
            remotes.add(m);
        }
        doc.put("remotes", remotes);
        doc.put("disagreements", disagreements(result.disagreements()));
        doc.put("warnings", result.warnings());
        return write(doc);
    }

    static String health(List<RemoteHealth> health) {
        Map<String, Object> doc = header("health");
        List<Map<String, Object>> remotes = new ArrayList<>();
        for (RemoteHealth h : health) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", h.name());
            m.put("url", h.url());
            m.put("reachable", h.reachable());
            m.put("latency_ms", h.latency().toMillis());
            m.put("auth", h.auth());
            m.put("vpn", h.vpn().isEmpty() ? null : h.vpn());
            if (h.fault() != null) {
                m.put("fault", h.fault().kind().label());
                m.put("message", h.fault().message());
            }
            remotes.add(m);
        }
        doc.put("remotes", remotes);
        return write(doc);
    }

    static String queue(List<QueuedPush> entries, String action, int affected) {
        Map<String, Object> doc = header("queue " + action);
        if (!action.equals("list")) {
            doc.put("affected", affected);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (QueuedPush e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("remote", e.remote());
            m.put("branch", e.branch());
            m.put("sha", e.sha());
            m.put("queued_at", e.queuedAt().toString());
            m.put("attempts", e.attempts());
            m.put("last_error", e.lastError());
            list.add(m);
        }
        doc.put("entries", list);
        return write(doc);
    }

    private static List<Map<String, Object>> disagreements(List<MirrorDisagreement> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MirrorDisagreement d : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("branch", d.branch());
            m.put("diverged", d.diverged());
            Map<String, String> commits = new java.util.TreeMap<>();
            d.commits().forEach((remote, id) -> commits.put(remote, id.name()));
            m.put("commits", commits);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> header(String command) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "remotes");
        doc.put("command", command);
        return doc;
    }

    private static String sha(ObjectId id) {
        return id == null ? null : id.name();
    }

    private static String write(Map<String, Object> doc) {
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document of plain values always serialises", e);
        }
    }
}
